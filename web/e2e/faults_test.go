package e2e

import (
	"encoding/json"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDuplicateAndOutOfOrderEvents: a toolbar that delivers every event
// twice yields the same contact events as one that does not; an event the
// machine cannot accept yields one INVALID_STATE error and changes nothing,
// also a late event for a deleted contact.
func TestDuplicateAndOutOfOrderEvents(t *testing.T) {
	tab := manualPage(t, "")
	var res struct {
		Once, Twice []string
		Errors      []string
		State       string
		Late        []string
		Revived     bool
	}
	tab.Eval(`(async () => {
		`+contactState+`
		const shim = await AgentShim.start({});
		await AgentShim.attachToolbar();
		await shim.login();
		const call = async () => {
			const seen = [];
			const off = shim.on('contact', (e) => seen.push(e.to));
			const id = CTT7Fake.inbound({ani: '777666555'});
			await reach(shim, id, 'ringing');
			await shim.answer(id);
			await shim.hangup(id);
			await shim.wrapup(id, {outcome: 'OK', end: true});
			await CTT7Fake.flush();
			off();
			return [id, seen];
		};
		const [, once] = await call();
		CTT7Fake.duplicateEvents(true);
		const [gone, twice] = await call();
		CTT7Fake.duplicateEvents(false);
		const errors = [];
		shim.on('error', (e) => errors.push(e.error.code));
		const id = CTT7Fake.inbound({ani: '777666555'});
		await reach(shim, id, 'ringing');
		await shim.answer(id);
		await CTT7Fake.emit('ringing', {id, type: 'inbound'}); // connected → ringing: not a move
		await CTT7Fake.emit('Hold', {id, type: 'inbound', held: true}); // held: fine
		await CTT7Fake.emit('JOBSCHEDULED', {id, type: 'inbound'}); // back to the start: refused
		const late = [];
		shim.on('*', (e) => late.push(e.type + ':' + (e.error ? e.error.code : '')));
		await CTT7Fake.emit('established', {id: gone, type: 'inbound'}); // the deleted call
		await new Promise((ok) => setTimeout(ok, 50));
		return {Once: once, Twice: twice, Errors: errors, State: shim.contact(id).state, Late: late, Revived: !!shim.contact(gone)};
	})()`, &res)
	assert.Equal(t, []string{"scheduled", "offered", "ringing", "connected", "wrapup", "ended"}, res.Once)
	assert.Equal(t, res.Once, res.Twice, "duplicates produce no second event")
	assert.Equal(t, []string{"INVALID_STATE", "INVALID_STATE", "INVALID_STATE"}, res.Errors, "ringing, JOBSCHEDULED, the late one")
	assert.Equal(t, "held", res.State, "refused events leave the state as it was")
	assert.Equal(t, []string{"error:INVALID_STATE"}, res.Late, "a late event of a deleted contact is one error...")
	assert.False(t, res.Revived, "...and does not bring the contact back")
}

// TestSleepAndWake drops the toolbar socket while the tab is frozen (a
// laptop lid closed): commands fail with VENDOR_ERROR, the agent state
// change the toolbar made meanwhile is lost on the socket, and when the tab
// wakes ('resume') the shim asks the toolbar again and catches up.
func TestSleepAndWake(t *testing.T) {
	tab := manualPage(t, "")
	var code string
	tab.Eval(`(async () => {
		const shim = await AgentShim.start({vendorTimeoutMs: 500});
		await AgentShim.attachToolbar();
		await shim.login();
		CTT7Fake.disconnect();
		const code = await shim.pause('BREAK').then(() => 'resolved', (e) => e.code + ':' + shim.agent().state);
		CTT7Fake.agentStateChanged('PAUSED', 'IDLE'); // the toolbar's idle timeout; the event is lost
		await CTT7Fake.flush();
		CTT7Fake.reconnect();
		return code + ':' + shim.agent().state;
	})()`, &code)
	assert.Equal(t, "VENDOR_ERROR:ready:ready", code, "a command without a socket fails; the lost event changes nothing")

	for _, state := range []page.SetWebLifecycleStateState{page.SetWebLifecycleStateStateFrozen, page.SetWebLifecycleStateStateActive} {
		if _, err := chromedp.Call(tab.ctx, page.SetWebLifecycleState, page.SetWebLifecycleStateParams{State: state}); err != nil {
			t.Fatal(err)
		}
	}
	tab.WaitFor(`(async () => { const s = await AgentShim.ready; const a = s.agent(); return a.state === 'paused' && a.reason === 'IDLE'; })()`)
}

// TestPageGoesOfflineAndComesBack: the network drops mid-shift, for long
// enough that the telemarketing stream would have sent more: every one of its
// events arrives once, in order (Chromium keeps an open stream through an
// emulated outage; a cut stream resumes with Last-Event-ID, as
// TestTelemarketingOverSSE shows). The toolbar's socket went down with the network, so
// a command fails with VENDOR_ERROR and the agent state change the toolbar
// made meanwhile is lost on the socket; the page's online event makes the
// shim ask the toolbar again, and it catches up.
func TestPageGoesOfflineAndComesBack(t *testing.T) {
	srv, cut := telemarketingServerEvery(t, -1, 150*time.Millisecond)
	tab := NewTab(t)
	tab.Go(srv.URLFor("/e2e/testdata/telemarketing.html"))
	var state string
	tab.Eval(`AgentShim.ready.then(async (s) => { await AgentShim.attachToolbar(); return (await s.login()).state; })`, &state)
	require.Equal(t, "ready", state)
	const telemarketing = `AgentShim.ready.then((s) => s.trace().events.filter((e) => e.vendor === 'telemarketing'))`
	tab.WaitFor(telemarketing + `.then((es) => es.length >= 2)`)

	tab.SetOffline(true)
	var code string
	tab.Eval(`AgentShim.ready.then(async (s) => {
		CTT7Fake.disconnect(); // the socket to the toolbar application went with the network
		const code = await s.pause('BREAK').then(() => 'resolved', (e) => e.code);
		CTT7Fake.agentStateChanged('PAUSED', 'IDLE'); // lost on the socket
		await CTT7Fake.flush();
		return code + ':' + s.agent().state;
	})`, &code)
	assert.Equal(t, "VENDOR_ERROR:ready", code)
	var during int
	tab.Eval(telemarketing+`.then((es) => es.length)`, &during)
	time.Sleep(600 * time.Millisecond)    // four more messages' time
	tab.Eval(`CTT7Fake.reconnect()`, nil) // the toolbar application is reachable again...
	tab.SetOffline(false)                 // ...and the page hears that it is online

	tab.WaitFor(`AgentShim.ready.then((s) => s.agent().state === 'paused' && s.agent().reason === 'IDLE')`)
	want := traceEvents(t)
	tab.WaitFor(telemarketing + `.then((es) => es.length >= ` + strconv.Itoa(len(want)) + `)`)
	var got []json.RawMessage
	tab.Eval(`new Promise((ok) => setTimeout(ok, 200)).then(() => `+telemarketing+`).then((es) => es.map((e) => e.payload))`, &got)
	require.Len(t, got, len(want), "every event exactly once")
	for i := range want {
		assert.JSONEq(t, string(want[i]), string(got[i]), "event %d in order", i)
	}
	assert.Less(t, during, len(want), "the network dropped before the stream's end")
	for _, id := range cut.requests()[1:] {
		assert.NotEmpty(t, id, "a reconnection resumes from the last event it had")
	}
}
