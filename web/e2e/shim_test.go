package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// shimPage serves the built dist/ next to the fakes and opens the page that
// holds only the fake toolbar and one agentshim script tag.
func shimPage(t *testing.T) *Tab {
	srv := StartServer(t, map[string]string{"/agentshim/": "dist", "/fakes/": "web/fakes", "/e2e/": "web/e2e"})
	tab := NewTab(t)
	tab.Go(srv.URLFor("/e2e/testdata/shim.html"))
	return tab
}

// TestInboundCallThroughTheFacade logs an agent in, takes an inbound call and
// wraps it up, all through window.AgentShim on the real WebAssembly core.
func TestInboundCallThroughTheFacade(t *testing.T) {
	tab := shimPage(t)
	var res struct {
		Types   []string
		Seqs    []int
		Agent   map[string]any
		Left    int
		Calls   []string
		Outcome string
	}
	tab.Eval(`(async () => {
		const events = [];
		AgentShim.on('*', (e) => events.push(e));
		const shim = await AgentShim.ready;
		await AgentShim.attachToolbar();
		await shim.login();
		const id = CTT7Fake.inbound({ani: '777666555'});
		await new Promise((ok) => { const off = shim.on('contact', (e) => { if (e.to === 'ringing') { off(); ok(); } }); });
		await shim.answer(id);
		await shim.hangup(id);
		const ended = await shim.wrapup(id, {outcome: 'SALE', end: true});
		await new Promise((ok) => setTimeout(ok, 50));
		return {
			Types: events.map((e) => e.type + ':' + (e.to || '')),
			Seqs: events.map((e) => e.seq),
			Agent: shim.agent(),
			Left: shim.contacts().length,
			Calls: CTT7Fake.calls.map((c) => c.method),
			Outcome: ended.outcome,
		};
	})()`, &res)
	require.NotEmpty(t, res.Seqs)
	for i := 1; i < len(res.Seqs); i++ {
		assert.Equal(t, res.Seqs[i-1]+1, res.Seqs[i], "seq has no gaps")
	}
	assert.Contains(t, res.Types, "contact:ringing")
	assert.Contains(t, res.Types, "contact:connected")
	assert.Contains(t, res.Types, "contact:wrapup")
	assert.Contains(t, res.Types, "contact:ended")
	assert.Contains(t, res.Types, "contact.removed:")
	assert.Equal(t, "ready", res.Agent["state"])
	assert.Equal(t, 0, res.Left)
	assert.Equal(t, "SALE", res.Outcome)
	assert.Contains(t, res.Calls, "AGENT.Login")
	assert.Contains(t, res.Calls, "CONTACT.Answer")
	assert.Contains(t, res.Calls, "CONTACT.Hangup")
}

// TestBadArgumentsAreRejectedWithCodes checks the facade's errors end to end.
func TestBadArgumentsAreRejectedWithCodes(t *testing.T) {
	tab := shimPage(t)
	var codes map[string]string
	tab.Eval(`(async () => {
		const shim = await AgentShim.ready;
		await AgentShim.attachToolbar();
		const code = (p) => p.then(() => 'resolved', (e) => (e instanceof AgentShim.AgentShimError) + ':' + e.code + ':' + e.message);
		return {
			dialOut: await code(shim.dial('777 666 555')),
			answer: await code(shim.answer('nobody')),
			pause: await code(shim.pause('LUNCH')),
		};
	})()`, &codes)
	assert.Regexp(t, `^true:INVALID_STATE:`, codes["dialOut"], "dialing while logged out")
	assert.Regexp(t, `^true:UNKNOWN_CONTACT:`, codes["answer"])
	assert.Regexp(t, `^true:INVALID_STATE:`, codes["pause"])
	assert.NotContains(t, codes["dialOut"], "777666555")
}

// TestRecordTheCoreCannotReadIsAnErrorEvent: a record of a vendor the core
// does not know (only a loader bug could write one) becomes one error event
// with BAD_INPUT, and the records after it in the same feed still run.
func TestRecordTheCoreCannotReadIsAnErrorEvent(t *testing.T) {
	tab := shimPage(t)
	var res struct {
		Errors []string
		State  string
	}
	tab.Eval(`(async () => {
		const shim = await AgentShim.ready;
		const errors = [];
		shim.on('error', (e) => errors.push(e.type + ':' + e.error.code + ':' + e.error.message));
		AgentShim._internals.record('nope', 'x', 'null');
		AgentShim._internals.record('ctt7', 'LOGGEDIN', 'null');
		await new Promise((ok) => setTimeout(ok, 50));
		return {errors, state: shim.agent().state};
	})()`, &res)
	require.Len(t, res.Errors, 1)
	assert.Regexp(t, `^error:BAD_INPUT:agentshim loader: `, res.Errors[0])
	assert.Equal(t, "ready", res.State)
}

// TestBrowserReplayMatchesTheReplayTool runs every recorded trace through
// AgentShim.replay and compares it, line by line, with its golden file, which
// cmd/agentshim-replay checks natively.
func TestBrowserReplayMatchesTheReplayTool(t *testing.T) {
	tab := shimPage(t)
	traces, err := filepath.Glob(RepoPath(t, "testdata", "traces", "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, traces)
	for _, tr := range traces {
		base := strings.TrimSuffix(tr, ".json")
		doc, err := os.ReadFile(tr)
		require.NoError(t, err)
		golden, err := os.ReadFile(base + ".golden.jsonl")
		require.NoError(t, err)
		region, _ := os.ReadFile(base + ".region")
		opts := "{}"
		if r := strings.TrimSpace(string(region)); r != "" {
			opts = `{defaultRegion: "` + r + `"}`
		}
		var lines []string
		tab.Eval(`AgentShim.replay(`+string(doc)+`, `+opts+`).then((es) => es.map((e) => JSON.stringify(e)))`, &lines)
		want := strings.Split(strings.TrimSpace(string(golden)), "\n")
		assert.Equal(t, want, lines, filepath.Base(tr))
	}
}

// TestReloadMidCallKeepsTheContact reloads the page during a connected call:
// the restored state keeps the call and the repeated vendor events after the
// reload produce no duplicate events.
func TestReloadMidCallKeepsTheContact(t *testing.T) {
	tab := shimPage(t)
	var id string
	tab.Eval(`(async () => {
		const shim = await AgentShim.ready;
		await AgentShim.attachToolbar();
		await shim.login();
		const id = CTT7Fake.inbound({ani: '777666555'});
		await new Promise((ok) => { const off = shim.on('contact', (e) => { if (e.to === 'ringing') { off(); ok(); } }); });
		await shim.answer(id);
		await new Promise((ok) => setTimeout(ok, 100)); // the snapshot is persisted once per task
		return id;
	})()`, &id)
	tab.Reload()
	var after struct {
		State  string
		Events []string
	}
	quoted, _ := json.Marshal(id)
	tab.Eval(`(async (id) => {
		const events = [];
		AgentShim.on('*', (e) => events.push(e.type + ':' + (e.to || '')));
		const shim = await AgentShim.ready;
		const c = shim.contact(id);
		CTT7Fake.emit('ESTABLISHED', {id, type: 'inbound'});
		await new Promise((ok) => setTimeout(ok, 100));
		return {State: c ? c.state : 'missing', Events: events};
	})(`+string(quoted)+`)`, &after)
	assert.Equal(t, "connected", after.State)
	assert.NotContains(t, after.Events, "contact:connected", "no duplicate event after the reload")
}

// TestStopReleasesEveryCallback checks that stop() leaves no js.FuncOf alive
// and the page's own toolbar callback still receives events.
func TestStopReleasesEveryCallback(t *testing.T) {
	tab := shimPage(t)
	var res struct {
		Before, After int
		PageGot       []string
	}
	tab.Eval(`(async () => {
		const shim = await AgentShim.ready;
		await AgentShim.attachToolbar();
		const pageGot = [];
		TOOLBAR.CONTACT.bindContactCallback((name) => pageGot.push(name));
		const before = AgentShim._internals.core.funcs();
		const after = await Promise.resolve(shim.stop()).then(() => AgentShim._internals.core ? AgentShim._internals.core.funcs() : 0, () => -1);
		CTT7Fake.emit('RINGING', {id: 'page-1', type: 'inbound'});
		await new Promise((ok) => setTimeout(ok, 100));
		return {Before: before, After: after, PageGot: pageGot};
	})()`, &res)
	assert.Greater(t, res.Before, 0)
	assert.Equal(t, 0, res.After, "every js.FuncOf is released")
	assert.Contains(t, res.PageGot, "RINGING", "the page's own handler keeps working")
}

// TestMissingWasmRejectsReadyWithLoadFailed checks the loader's failure path.
func TestMissingWasmRejectsReadyWithLoadFailed(t *testing.T) {
	srv := StartServer(t, map[string]string{"/agentshim/": "dist", "/fakes/": "web/fakes", "/e2e/": "web/e2e"})
	tab := NewTab(t)
	tab.Go(srv.URLFor("/e2e/testdata/shim-missing.html"))
	var code string
	tab.Eval(`AgentShim.ready.then(() => 'resolved', (e) => e.code)`, &code)
	assert.Equal(t, "LOAD_FAILED", code)
}

// TestESModuleBuild imports dist/agentshim.mjs: the default export is the
// facade, and the wasm is found next to the module without data-wasm.
func TestESModuleBuild(t *testing.T) {
	srv := StartServer(t, map[string]string{"/agentshim/": "dist", "/fakes/": "web/fakes", "/e2e/": "web/e2e"})
	tab := NewTab(t)
	tab.Go(srv.URLFor("/e2e/testdata/module.html"))
	tab.WaitFor(`!!window.imported`)
	var res struct {
		Same  bool
		State string
	}
	tab.Eval(`(async () => {
		const shim = await imported.ready;
		await imported.attachToolbar();
		return {Same: imported === window.AgentShim, State: (await shim.login()).state};
	})()`, &res)
	assert.True(t, res.Same, "the module's default export is window.AgentShim")
	assert.Equal(t, "ready", res.State)
	assert.Empty(t, tab.CSPViolations())
}
