package e2e

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// manualPage opens shim-manual.html: the fake toolbar configured by query
// (see testdata/fake-config.js) and agentshim.js with data-autostart="false",
// so the test starts the core itself, with the options it needs.
func manualPage(t *testing.T, query string) *Tab {
	srv := StartServer(t, map[string]string{"/agentshim/": "dist", "/fakes/": "web/fakes", "/e2e/": "web/e2e"})
	tab := NewTab(t)
	tab.Go(srv.URLFor("/e2e/testdata/shim-manual.html" + query))
	return tab
}

// sdkCalls lists, in JS, the commands the fake received, without getters
// (those follow their own schedule: see TestGettersAreSerialized) and the
// callback binding.
const sdkCalls = `CTT7Fake.calls.filter((c) => !/\.(get|GetCallData|bindContactCallback)/.test(c.method))
	.map((c) => c.method + '(' + JSON.stringify(c.args).slice(1, -1) + ')')`

// contactState waits, in JS, until contact id reaches a state.
const contactState = `const reach = (shim, id, state) => new Promise((ok) => {
	const c = shim.contact(id);
	if (c && c.state === state) return ok();
	const off = shim.on('contact', (e) => { if (e.contactId === id && e.to === state) { off(); ok(); } });
});`

// TestManualOutboundCallAndEveryCommand works a manual outbound call through
// the facade and checks that every command reached the fake SDK with the
// arguments the CTToolbar7 documentation gives, and that each promise
// settled on the toolbar's confirmation with the right snapshot.
func TestManualOutboundCallAndEveryCommand(t *testing.T) {
	tab := manualPage(t, "")
	var res struct {
		Calls    []string
		ID       string
		Steps    map[string]map[string]any
		Contact  []string
		Agent    map[string]any
		Left     int
		Pause    string
		Groups   []any
		Dialled  string
		Rejected string
	}
	tab.Eval(`(async () => {
		`+contactState+`
		const contact = [];
		AgentShim.on('contact', (e) => contact.push(e.to));
		const shim = await AgentShim.start({commandTimeoutMs: 3000});
		await AgentShim.attachToolbar();
		await shim.login();
		await shim.pause();
		const paused = await shim.pause('LUNCH');
		const rejected = await shim.dial('777 666 555').then(() => 'resolved', (e) => e.code);
		await shim.login();
		const grouped = await shim.setGroups(['101', '102']);
		const s = {};
		s.dialing = await shim.dial('777 666 555', {callData: {ECID: 'felixct7|1|171|40', k2: 'v2'}, serviceId: 'S1', callProfileId: 'P1'});
		const id = s.dialing.id;
		CTT7Fake.answerOutbound(id);
		await reach(shim, id, 'connected');
		s.held = await shim.hold(id);
		s.resumed = await shim.resume(id);
		s.dtmf = await shim.dtmf(id, '12#');
		s.recording = await shim.record(id, true);
		s.stopped = await shim.record(id, false);
		s.data = await shim.setData(id, 'note', 'vip');
		s.cleared = await shim.hangup(id);
		s.ended = await shim.wrapup(id, {outcome: 'SALE', end: true});
		const agent = await shim.logout();
		return {Calls: `+sdkCalls+`, ID: id, Steps: s, Contact: contact, Agent: agent, Left: shim.contacts().length,
			Pause: paused.reason, Groups: grouped.groups, Dialled: CTT7Fake.calls.find((c) => /MakeCall/.test(c.method)).args[0],
			Rejected: rejected};
	})()`, &res)

	id := `"` + res.ID + `"`
	assert.Equal(t, []string{
		`AGENT.Login()`,
		`AGENT.Pause()`,
		`AGENT.PauseSubState("LUNCH")`,
		`AGENT.Login()`,
		`AGENT.setAgentGroups(["101","102"])`,
		`CONTACT.MakeCall("+420777666555","","S1","P1","ECID=felixct7|1|171|40|k2=v2")`,
		`CONTACT.Hold(` + id + `)`, // the SDK's Hold toggles: hold and resume send the same call
		`CONTACT.Hold(` + id + `)`,
		`CONTACT.PlayDTMF("12#")`,
		`CONTACT.StartRecording(` + id + `,"")`,
		`CONTACT.StopRecording(` + id + `,"")`,
		`CONTACT.SetCallData(` + id + `,"note=vip")`,
		`CONTACT.Hangup(` + id + `)`,
		`EASYCIM.saveScript(` + id + `,"SALE",true)`,
		`AGENT.Logout()`,
	}, res.Calls)
	assert.Equal(t, "INVALID_STATE", res.Rejected, "no dial while paused, and nothing reaches the SDK")
	assert.Equal(t, "LUNCH", res.Pause)
	assert.Equal(t, []any{"101", "102"}, res.Groups)

	state := func(step string) any { return res.Steps[step]["state"] }
	assert.Equal(t, "dialing", state("dialing"))
	assert.Equal(t, "outbound", res.Steps["dialing"]["direction"])
	assert.Equal(t, "+420777666555", res.Steps["dialing"]["number"], "E.164 before MakeCall")
	assert.Equal(t, "held", state("held"))
	assert.Equal(t, "connected", state("resumed"))
	assert.Equal(t, "connected", state("dtmf"))
	assert.Equal(t, "vip", res.Steps["data"]["data"].(map[string]any)["note"])
	assert.Equal(t, "felixct7|1|171|40", res.Steps["data"]["data"].(map[string]any)["ECID"])
	assert.Equal(t, "wrapup", state("cleared"))
	assert.Equal(t, "ended", state("ended"))
	assert.Equal(t, "SALE", res.Steps["ended"]["outcome"])
	assert.Equal(t, "agentHangup", res.Steps["ended"]["endReason"])
	assert.Equal(t, []string{"dialing", "connected", "held", "connected", "wrapup", "ended"}, res.Contact)
	assert.Equal(t, "loggedOut", res.Agent["state"])
	assert.Zero(t, res.Left)
}

// TestEventsBeforeReadyAreDeliveredInOrder binds the toolbar callback before
// the core runs: what the toolbar sends meanwhile is buffered, then every
// event reaches the machine in the order the toolbar sent it.
func TestEventsBeforeReadyAreDeliveredInOrder(t *testing.T) {
	tab := manualPage(t, "?payloadForm=mixed")
	var res struct {
		Queued, Before int
		Sent, Traced   []string
		Got            []string
		Seqs           []int
	}
	tab.Eval(`(async () => {
		const got = [], seqs = [];
		AgentShim.on('contact', (e) => { got.push(e.to); seqs.push(e.seq); });
		AgentShim.attachToolbar(); // binds the callback now; the core is not started
		CTT7Fake.inbound({ani: '777666555'});
		await CTT7Fake.flush();
		const queued = AgentShim._internals.queue.length, before = got.length;
		const shim = await AgentShim.start({});
		await new Promise((ok) => setTimeout(ok, 100));
		const sent = CTT7Fake.delivered.map((d) => d.name);
		return {Queued: queued, Before: before, Sent: sent, Got: got, Seqs: seqs,
			Traced: shim.trace().events.filter((e) => e.vendor === 'ctt7').slice(0, sent.length).map((e) => e.name)};
	})()`, &res)
	require.NotEmpty(t, res.Sent)
	assert.Equal(t, len(res.Sent), res.Queued, "every event waited in the loader's queue")
	assert.Zero(t, res.Before, "nothing is dispatched before the core runs")
	assert.Equal(t, res.Sent, res.Traced, "the core received every event, in order")
	assert.Equal(t, []string{"scheduled", "offered", "ringing"}, res.Got)
	for i := 1; i < len(res.Seqs); i++ {
		assert.Greater(t, res.Seqs[i], res.Seqs[i-1])
	}
}

// TestForcedPanicIsRecoveredAndExitRestarts proves both crash paths in the
// browser: a panic inside a Go entry point becomes a CRASHED error while the
// core keeps running; a Go program that exits rejects the pending command
// with CRASHED, emits an error event, and restarts from the last snapshot
// with the call still there and working.
func TestForcedPanicIsRecoveredAndExitRestarts(t *testing.T) {
	tab := manualPage(t, "")
	var res struct {
		Panic, Pending   string
		AfterPanic       string
		Errors           []string
		Restored         string
		Answered         string
		FuncsAfterReboot int
	}
	tab.Eval(`(async () => {
		`+contactState+`
		const errors = [];
		AgentShim.on('error', (e) => errors.push(e.error.code + ':' + (e.error instanceof AgentShim.AgentShimError)));
		const shim = await AgentShim.start({commandTimeoutMs: 5000});
		await AgentShim.attachToolbar();
		await shim.login();
		const id = CTT7Fake.inbound({ani: '777666555'});
		await reach(shim, id, 'ringing');
		let panic;
		try { AgentShim._internals.call('panic'); panic = 'no throw'; } catch (e) { panic = e.code; }
		const afterPanic = shim.contact(id).state;
		await new Promise((ok) => setTimeout(ok, 50)); // the snapshot is saved once per task
		CTT7Fake.neverConfirm('Answer');
		const pending = shim.answer(id).then(() => 'resolved', (e) => e.code);
		await new Promise((ok) => setTimeout(ok, 20));
		const core = AgentShim._internals.core;
		core.exitForTest(); // main returns: the Go program is gone
		const pendingCode = await pending;
		await new Promise((ok) => { const t = setInterval(() => { if (AgentShim._internals.core && AgentShim._internals.core !== core) { clearInterval(t); ok(); } }, 10); });
		const restored = shim.contact(id);
		CTT7Fake.neverConfirm('Answer', false);
		const answered = await shim.answer(id);
		return {Panic: panic, AfterPanic: afterPanic, Pending: pendingCode, Errors: errors,
			Restored: restored ? restored.state : 'missing', Answered: answered.state,
			FuncsAfterReboot: AgentShim._internals.core.funcs()};
	})()`, &res)
	assert.Equal(t, "CRASHED", res.Panic, "a recovered panic is an AgentShimError")
	assert.Equal(t, "ringing", res.AfterPanic, "the core kept running with its state")
	assert.Equal(t, "CRASHED", res.Pending, "the pending command is rejected")
	assert.Equal(t, []string{"CRASHED:true"}, res.Errors, "one error event, for the exit")
	assert.Equal(t, "ringing", res.Restored, "restarted from the last snapshot")
	assert.Equal(t, "connected", res.Answered, "the restarted core drives the toolbar")
	assert.Positive(t, res.FuncsAfterReboot)
}

// TestGettersAreSerialized asks for the same getter twice at once (two
// setGroups, each confirmed by reading getAgentGroups back). The real SDK
// keeps one deferred per getter name and drops the first caller, so the
// loader must queue the second call until the first has its answer: both
// commands then settle. A getter that never answers times out
// into an error event with code TIMEOUT.
func TestGettersAreSerialized(t *testing.T) {
	tab := manualPage(t, "?getterLatencyMs=80")
	var res struct {
		First, Second map[string]any
		Overlapped    bool
		Calls         int
		TimedOut      []string
	}
	tab.Eval(`(async () => {
		const shim = await AgentShim.start({vendorTimeoutMs: 400, commandTimeoutMs: 3000});
		await AgentShim.attachToolbar();
		await shim.login();
		let inFlight = 0, overlapped = false;
		const real = TOOLBAR.AGENT.getAgentGroups;
		TOOLBAR.AGENT.getAgentGroups = function () {
			if (++inFlight > 1) overlapped = true;
			return real.apply(this, arguments).finally(() => inFlight--);
		};
		const [first, second] = await Promise.all([shim.setGroups(['101', '102']), shim.setGroups(['101', '102'])]);
		const calls = CTT7Fake.calls.filter((c) => c.method === 'AGENT.getAgentGroups').length;
		const timedOut = [];
		shim.on('error', (e) => timedOut.push(e.error.code + ':' + e.error.vendor));
		CTT7Fake.neverConfirm('getAgentGroups');
		const third = shim.setGroups(['102']).catch((e) => e.code);
		await new Promise((ok) => setTimeout(ok, 600));
		return {First: first, Second: second, Overlapped: overlapped, Calls: calls, TimedOut: timedOut};
	})()`, &res)
	assert.GreaterOrEqual(t, res.Calls, 3, "reconcile on attach, then one per setGroups")
	assert.False(t, res.Overlapped, "never two calls of one getter at once")
	assert.Equal(t, []any{"101", "102"}, res.First["groups"])
	assert.Equal(t, "ready", res.First["state"], "the reconcile's getAgentState answer, older than the login, did not undo it")
	assert.Equal(t, []any{"101", "102"}, res.Second["groups"])
	assert.Equal(t, []string{"TIMEOUT:ctt7"}, res.TimedOut)
}

// TestCommandFailures covers the vendor's ways of failing a command: it
// throws (VENDOR_ERROR), it never confirms (TIMEOUT), the SDK never loads
// (VENDOR_UNAVAILABLE); the state stays as it was each time.
func TestCommandFailures(t *testing.T) {
	t.Run("throws and never confirms", func(t *testing.T) {
		tab := manualPage(t, "")
		var res map[string]string
		tab.Eval(`(async () => {
			const shim = await AgentShim.start({commandTimeoutMs: 300});
			await AgentShim.attachToolbar();
			const code = (p) => p.then(() => 'resolved', (e) => e.code + ':' + e.retryable);
			CTT7Fake.failNext('Login');
			const threw = await code(shim.login());
			CTT7Fake.neverConfirm('Login');
			const never = await code(shim.login());
			return {threw, never, state: shim.agent().state};
		})()`, &res)
		assert.Equal(t, "VENDOR_ERROR:false", res["threw"])
		assert.Equal(t, "TIMEOUT:true", res["never"])
		assert.Equal(t, "loggedOut", res["state"])
	})
	t.Run("the SDK loads late", func(t *testing.T) {
		tab := manualPage(t, "?loadDelayMs=300")
		var state string
		tab.Eval(`(async () => {
			const shim = await AgentShim.start({vendorTimeoutMs: 3000});
			await AgentShim.attachToolbar(); // waits for window.TOOLBAR
			return (await shim.login()).state;
		})()`, &state)
		assert.Equal(t, "ready", state)
	})
	t.Run("the SDK never loads", func(t *testing.T) {
		tab := manualPage(t, "?neverLoad=1")
		var res map[string]string
		tab.Eval(`(async () => {
			const shim = await AgentShim.start({vendorTimeoutMs: 300});
			const attached = await AgentShim.attachToolbar().then(() => 'resolved', (e) => e.code + ':' + e.vendor);
			const login = await shim.login().then(() => 'resolved', (e) => e.code);
			return {attached, login};
		})()`, &res)
		assert.Equal(t, "VENDOR_UNAVAILABLE:ctt7", res["attached"])
		assert.Equal(t, "VENDOR_UNAVAILABLE", res["login"])
	})
}
