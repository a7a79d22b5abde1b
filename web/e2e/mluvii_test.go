package e2e

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// customerServer serves the built runtime, the fakes and the e2e pages.
func customerServer(t *testing.T) *Server {
	return StartServer(t, map[string]string{"/agentshim/": "dist", "/fakes/": "web/fakes", "/e2e/": "web/e2e"})
}

// mluviiScript is what the visitor, the operators and mluvii's servers do on
// the page with two widgets (mluvii-widgets.js), in a fixed order. The page
// swaps Ceniky's handler midway, after agentshim's core runs.
const mluviiScript = `(async () => {
	const f = MluviiFake;
	await f.settle();
	f.setStatus('NewWidget', 2);
	f.setStatus('Ceniky', 0);
	f.setStatus('Ceniky', 1);
	f.visitorStartsChat('NewWidget');
	f.operatorAccepts('NewWidget');
	f.endSession('NewWidget');
	f.visitorStartsChat('NewWidget');
	f.closeWindow('NewWidget');
	await f.settle();
	if (window.AgentShim) await AgentShim.ready;
	pageSwapsCenikyHandler();
	f.visitorOpens('Ceniky');
	f.visitorStartsChat('Ceniky');
	f.operatorAccepts('Ceniky');
	await f.settle();
	return pageLog;
})()`

// runMluvii opens a page with the two widgets and plays mluviiScript; it
// returns what the page's own callbacks received, per widget (the two loader
// scripts load in parallel, so only each widget's own order is fixed).
func runMluvii(t *testing.T, srv *Server, page string) (*Tab, map[string][]string) {
	tab := NewTab(t)
	tab.Go(srv.URLFor("/e2e/testdata/" + page))
	tab.WaitFor(`window.pageLoaded.NewWidget && window.pageLoaded.Ceniky`)
	var log [][]string
	tab.Eval(mluviiScript, &log)
	return tab, perWidget(log)
}

// perWidget groups [widget, rest...] lines by widget, keeping their order.
func perWidget(lines [][]string) map[string][]string {
	out := map[string][]string{}
	for _, l := range lines {
		out[l[0]] = append(out[l[0]], strings.Join(l[1:], " "))
	}
	return out
}

// TestMluviiPageCallbacksUnchanged runs the same visitor script on the page
// without agentshim and with it: the page's own status and app-event
// callbacks — the status one registered before init, Ceniky's swapped after
// the core started — get the same calls, in the same order, with the same
// arguments. Meanwhile agentshim sees both widgets.
func TestMluviiPageCallbacksUnchanged(t *testing.T) {
	srv := customerServer(t)
	plainTab, want := runMluvii(t, srv, "mluvii-plain.html")
	assertCleanPage(t, plainTab)
	require.Equal(t, []string{"status [1]", "status [2]", "app [{\"type\":\"chatWindowOpen\"}]",
		"app [{\"type\":\"chatSessionCreated\"}]", "app [{\"type\":\"chatSessionStarted\"}]",
		"app [{\"type\":\"chatSessionEnded\"}]", "app [{\"type\":\"chatSessionCreated\"}]",
		"app [{\"type\":\"chatSessionEnded\"}]", "app [{\"type\":\"chatWindowClosed\"}]"},
		want["NewWidget"], "the control page works")
	require.Equal(t, []string{"status [1]", "status [0]", "status [1]", "app2 [{\"type\":\"chatWindowOpen\"}]",
		"app2 [{\"type\":\"chatSessionCreated\"}]", "app2 [{\"type\":\"chatSessionStarted\"}]"},
		want["Ceniky"], "one callback slot: after the swap only the new handler runs")

	tab, got := runMluvii(t, srv, "mluvii-shim.html")
	assert.Equal(t, want, got, "the page's callbacks see exactly what they see without agentshim")
	assertCleanPage(t, tab)
}

// TestMluviiWidgetsAndChatsThroughTheShim checks the contract's mapping of
// two widgets' status codes and app events, the chat contact ids, and
// shim.widgets(), on the real core.
func TestMluviiWidgetsAndChatsThroughTheShim(t *testing.T) {
	srv := customerServer(t)
	tab := NewTab(t)
	tab.Go(srv.URLFor("/e2e/testdata/mluvii-shim.html"))
	tab.WaitFor(`window.pageLoaded.NewWidget && window.pageLoaded.Ceniky`)
	tab.Eval(mluviiScript, nil)

	var res struct {
		Widgets  []map[string]any
		Events   [][]string
		Contacts []map[string]any
		Seqs     []int
		Trace    []string
	}
	tab.Eval(`(async () => {
		const shim = await AgentShim.ready;
		const line = (e) => e.type == 'widget' ? [e.widget.name, 'widget', e.widget.status, e.widget.open]
			: e.type == 'contact' ? [e.contact.widget, 'contact', e.contactId, e.from, e.to, e.contact.channel]
			: ['?', e.type, JSON.stringify(e)];
		return {
			widgets: shim.widgets(),
			events: shimEvents.map((e) => line(e).map(String)),
			contacts: shim.contacts().map((c) => ({id: c.id, state: c.state, endReason: c.endReason, vendor: c.vendor})),
			seqs: shimEvents.map((e) => e.seq),
			trace: shim.trace().events.map((e) => e.vendor + ' ' + e.name + ' ' + e.payload.widget),
		};
	})()`, &res)

	// In the order the widgets first reported, which the two widgets' loads decide.
	assert.ElementsMatch(t, []map[string]any{
		{"name": "NewWidget", "vendor": "mluvii", "status": "busy", "open": false},
		{"name": "Ceniky", "vendor": "mluvii", "status": "online", "open": true},
	}, res.Widgets)
	assert.Equal(t, map[string][]string{
		"NewWidget": {
			"widget online false",
			"widget busy false",
			"widget busy true",
			"contact mluvii:NewWidget:1 null queued chat",
			"contact mluvii:NewWidget:1 queued connected chat",
			"contact mluvii:NewWidget:1 connected ended chat",
			"contact mluvii:NewWidget:2 null queued chat",
			"contact mluvii:NewWidget:2 queued ended chat",
			"widget busy false",
		},
		"Ceniky": {
			"widget online false",
			"widget offline false",
			"widget online false",
			"widget online true",
			"contact mluvii:Ceniky:1 null queued chat",
			"contact mluvii:Ceniky:1 queued connected chat",
		},
	}, perWidget(res.Events))
	for i := 1; i < len(res.Seqs); i++ {
		assert.Equal(t, res.Seqs[i-1]+1, res.Seqs[i], "seq has no gaps")
	}
	assert.Equal(t, []map[string]any{
		{"id": "mluvii:NewWidget:1", "state": "ended", "endReason": "completed", "vendor": "mluvii"},
		{"id": "mluvii:NewWidget:2", "state": "ended", "endReason": "cancelled", "vendor": "mluvii"},
		{"id": "mluvii:Ceniky:1", "state": "connected", "endReason": nil, "vendor": "mluvii"},
	}, res.Contacts)
	assert.Contains(t, res.Trace, "mluvii status NewWidget")
	assert.Contains(t, res.Trace, "mluvii chatSessionCreated Ceniky")
	assertCleanPage(t, tab)
}

// TestMluviiNumberNormalization: the normalizer installed with
// setCustomNumberNormalization is the Go one, with the default region.
func TestMluviiNumberNormalization(t *testing.T) {
	srv := customerServer(t)
	tab := NewTab(t)
	tab.Go(srv.URLFor("/e2e/testdata/mluvii-shim.html"))
	tab.WaitFor(`window.pageLoaded.NewWidget && window.pageLoaded.Ceniky`)
	var got map[string]any
	tab.Eval(`(async () => {
		await AgentShim.ready;
		const n = (w, raw) => MluviiFake.visitorTypesPhone(w, raw);
		return {
			national: n('NewWidget', '777 666 555'),
			spaced: n('Ceniky', '+420 777 666 555'),
			prefix: n('Ceniky', '00420777666555'),
			german: n('NewWidget', '+49 30 901820'),
			letters: n('NewWidget', 'call me'),
			short: n('NewWidget', '12'),
			installed: MluviiFake.all.every((w) => MluviiFake.calls.some((c) => c.id === w.id && c.method === 'setCustomNumberNormalization')),
		};
	})()`, &got)
	assert.Equal(t, map[string]any{
		"national": "+420777666555", "spaced": "+420777666555", "prefix": "+420777666555",
		"german": "+4930901820", "letters": nil, "short": nil, "installed": true,
	}, got)
	assertCleanPage(t, tab)
}

// TestMluviiHookOff: data-mluvii="off" leaves the widgets alone; the page
// still works and agentshim sees nothing of them.
func TestMluviiHookOff(t *testing.T) {
	srv := customerServer(t)
	plainTab, want := runMluvii(t, srv, "mluvii-plain.html")
	assertCleanPage(t, plainTab)
	tab, got := runMluvii(t, srv, "mluvii-off.html")
	assert.Equal(t, want, got)
	var res struct {
		Widgets []any
		Trace   int
		Normal  bool
	}
	tab.Eval(`(async () => {
		const shim = await AgentShim.ready;
		return {widgets: shim.widgets(), trace: shim.trace().events.length,
			normal: MluviiFake.calls.some((c) => c.method === 'setCustomNumberNormalization')};
	})()`, &res)
	assert.Empty(t, res.Widgets)
	assert.Zero(t, res.Trace)
	assert.False(t, res.Normal, "no normalizer installed")
	assertCleanPage(t, tab)
}

// TestMluviiAttachByHand: with the hook off, a page that attaches its
// owidgets itself from $owidgetOnLoad (the contract's first way) gets the
// same events, named after the preset or the name it gives.
func TestMluviiAttachByHand(t *testing.T) {
	srv := customerServer(t)
	tab := NewTab(t)
	tab.Go(srv.URLFor("/e2e/testdata/mluvii-manual.html"))
	tab.WaitFor(`window.pageLoaded.NewWidget && window.pageLoaded.Ceniky`)
	var log [][]string
	tab.Eval(mluviiScript, &log)
	assert.Contains(t, perWidget(log)["Ceniky"], `app2 [{"type":"chatSessionStarted"}]`)
	var res struct {
		Names []string
		Chats []string
	}
	tab.Eval(`(async () => {
		const shim = await AgentShim.ready;
		return {names: shim.widgets().map((w) => w.name), chats: shim.contacts().map((c) => c.id + ' ' + c.state)};
	})()`, &res)
	assert.ElementsMatch(t, []string{"NewWidget", "pricing"}, res.Names, "named after the preset, or as given")
	assert.Equal(t, []string{"mluvii:NewWidget:1 ended", "mluvii:NewWidget:2 ended", "mluvii:pricing:1 connected"}, res.Chats)
	assertCleanPage(t, tab)
}
