package e2e

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// deskPage opens web/desk.html and waits until the desk is mounted and the
// fake toolbar attached.
func deskPage(t *testing.T, base string) *Tab {
	tab := NewTab(t)
	tab.Go(base + "/desk.html")
	tab.WaitFor(`window.demoDesk && document.querySelector('.asd [data-action=login]:not([disabled])')`)
	tab.WaitFor(`AgentShim.ready.then(() => AgentShim.attachToolbar()).then(() => true)`)
	return tab
}

// press sends one key (with modifiers) to whatever has focus, as a user's
// keyboard would.
func press(t *testing.T, tab *Tab, key string, mods ...chromedp.Modifier) {
	t.Helper()
	var m chromedp.Modifier
	for _, x := range mods {
		m |= x
	}
	ctx, cancel := context.WithTimeout(tab.Context(), DefaultTimeout)
	defer cancel()
	_, err := chromedp.Run(ctx, chromedp.KeyEvent(key, chromedp.KeyModifiers(m)))
	require.NoError(t, err)
}

func alt(t *testing.T, tab *Tab, key string) { t.Helper(); press(t, tab, key, chromedp.ModifierAlt) }

// focused describes the focused element: "tag.class[data-action]/value".
const focusedJS = `(() => { const a = document.activeElement; return a.tagName.toLowerCase() + ':' + (a.getAttribute('data-action') || a.getAttribute('type') || '') + ':' + (a.value || a.textContent || '').trim(); })()`

func TestDeskWorksACallWithTheKeyboardOnly(t *testing.T) {
	srv := StartServe(t)
	tab := deskPage(t, srv.URL)

	alt(t, tab, "l")
	tab.WaitFor(`document.querySelector('.asd-state').textContent.startsWith('Ready')`)

	var id string
	tab.Eval(`CTT7Fake.inbound({ani: '777666555', callData: {CUSTOMER: 'Jana Nováková'}})`, &id)
	card := `document.querySelector('.asd-card[data-card="` + id + `"]')`
	tab.WaitFor(card + `.dataset.state === 'ringing'`)

	alt(t, tab, "a")
	tab.WaitFor(card + `.dataset.state === 'connected'`)
	alt(t, tab, "o")
	tab.WaitFor(card + `.dataset.state === 'held'`)
	alt(t, tab, "o")
	tab.WaitFor(card + `.dataset.state === 'connected'`)

	alt(t, tab, "k")
	var f string
	tab.Eval(focusedJS, &f)
	assert.Equal(t, "button:digit:1", f, "the keypad takes focus")
	press(t, tab, "4")
	press(t, tab, "2")
	press(t, tab, "#")
	tab.WaitFor(`CTT7Fake.calls.filter((c) => c.method === 'CONTACT.PlayDTMF').map((c) => c.args[0]).join('') === '42#'`)

	alt(t, tab, "h")
	tab.WaitFor(`!document.querySelector('.asd-dialog').hidden`)
	tab.Eval(focusedJS, &f)
	assert.Equal(t, "input:radio:SALE", f, "the dialog takes focus")
	press(t, tab, kb.ArrowDown)
	tab.Eval(focusedJS, &f)
	assert.Equal(t, "input:radio:NO_SALE", f)
	press(t, tab, kb.Tab)
	press(t, tab, kb.Tab)
	press(t, tab, kb.Tab)
	tab.Eval(focusedJS, &f)
	assert.Equal(t, "input:radio:NO_SALE", f, "Tab stays inside the dialog")
	press(t, tab, kb.Escape)
	tab.WaitFor(`document.querySelector('.asd-dialog').hidden`)
	alt(t, tab, "w")
	tab.WaitFor(`!document.querySelector('.asd-dialog').hidden`)
	press(t, tab, kb.Tab)
	tab.Eval(focusedJS, &f)
	assert.Equal(t, "button:finish:Finish", f)
	tab.Screenshot("desk-after-call.png")
	press(t, tab, kb.Enter)
	tab.WaitFor(`!` + card)
	tab.WaitFor(`document.querySelector('.asd-state').textContent.startsWith('Ready')`)

	var saved []any
	tab.Eval(`CTT7Fake.calls.filter((c) => c.method === 'EASYCIM.saveScript').map((c) => c.args)`, &saved)
	require.Len(t, saved, 1)
	assert.Equal(t, "NO_SALE", saved[0].([]any)[1])
	tab.Screenshot("desk-keyboard.png")
	assert.Empty(t, tab.CSPViolations(), "desk.html runs under the server's strict CSP")
	assert.Empty(t, tab.Exceptions())

	// Both binaries came under hashed, immutable names (the server rewrote
	// the page), and the desk told the server the agent is logged in.
	var loaded []string
	tab.Eval(`performance.getEntriesByType('resource').map((r) => new URL(r.name).pathname).filter((p) => p.endsWith('.wasm'))`, &loaded)
	assert.Len(t, loaded, 2)
	for _, p := range loaded {
		assert.Regexp(t, `^/agentshim/(agentshim|desk)\.[0-9a-f]{12}\.wasm$`, p)
	}
	// The beat goes out on the first clock tick after the login.
	tab.WaitFor(`fetch('/api/dashboard').then((r) => r.json()).then((f) => f.agentsLoggedIn === 1)`)
}

// TestDeskShowsHostileCallDataAsText puts markup with an inline handler into
// a screen pop's call data: the desk shows it as text, creates no element
// from it, and no handler runs (CSP aside: nothing even tries).
func TestDeskShowsHostileCallDataAsText(t *testing.T) {
	srv := StartServe(t)
	tab := deskPage(t, srv.URL)
	payload := `<img src=x onerror="window.pwned=1">`
	var id string
	tab.Eval(`CTT7Fake.inbound({ani: '777666555', callData: {NOTE: '`+payload+`', NAME: '<b id=bold>x</b>'}})`, &id)
	card := `document.querySelector('.asd-card[data-card="` + id + `"]')`
	tab.WaitFor(card + ` && ` + card + `.dataset.state === 'ringing'`)
	var res struct {
		Imgs, Bolds  int
		Pwned, Note  string
		Text         string
		NumberOnCard string
	}
	tab.Eval(`new Promise((ok) => setTimeout(ok, 200)).then(() => {
		const card = `+card+`;
		const dd = [...card.querySelectorAll('.asd-data dt')].find((dt) => dt.textContent === 'NOTE').nextElementSibling;
		return {
			Imgs: document.querySelectorAll('.asd img').length,
			Bolds: document.querySelectorAll('.asd b, #bold').length,
			Pwned: typeof window.pwned,
			Note: dd.textContent,
			Text: card.textContent,
			NumberOnCard: card.querySelector('.asd-number').textContent,
		};
	})`, &res)
	assert.Equal(t, 0, res.Imgs, "no element made from the payload")
	assert.Equal(t, 0, res.Bolds)
	assert.Equal(t, "undefined", res.Pwned, "no handler ran")
	assert.Equal(t, payload, res.Note, "the payload is shown as text, verbatim")
	assert.NotContains(t, res.Text, "777666555", "the number is masked on the card")
	assert.Equal(t, "+*********555", res.NumberOnCard, "normalized to E.164, then masked")
	assert.Empty(t, tab.CSPViolations(), "nothing was even attempted")
	assert.Empty(t, tab.Exceptions())
}

// TestDeskUnmountReleasesEveryFunc mounts a second desk, works a call, and
// unmounts both: every js.FuncOf is released, the elements are gone, and
// later facade events reach no released callback.
func TestDeskUnmountReleasesEveryFunc(t *testing.T) {
	srv := StartServe(t)
	tab := deskPage(t, srv.URL)
	var counts struct{ One, Two, Zero, Cards int }
	tab.Eval(`(async () => {
		const el = document.createElement('div');
		document.body.appendChild(el);
		const one = AgentShimDesk.funcs();
		const second = await AgentShimDesk.mount(el, {outcomes: ['DONE']});
		const two = AgentShimDesk.funcs();
		const shim = await AgentShim.ready;
		await shim.login();
		const id = CTT7Fake.inbound({ani: '602123456'});
		await new Promise((ok) => { const off = shim.on('contact', (e) => { if (e.to === 'ringing') { off(); ok(); } }); });
		await shim.answer(id);
		document.querySelector('.asd [data-action=export]').click();
		second.unmount();
		second.unmount(); // twice is harmless
		window.demoDesk.unmount();
		await shim.hangup(id);
		await new Promise((ok) => setTimeout(ok, 1100)); // one clock tick
		return {One: one, Two: two, Zero: AgentShimDesk.funcs(), Cards: document.querySelectorAll('.asd').length};
	})()`, &counts)
	assert.Positive(t, counts.One)
	assert.Equal(t, 2*counts.One, counts.Two, "each mount holds the same callbacks")
	assert.Equal(t, 0, counts.Zero, "every js.FuncOf is released")
	assert.Equal(t, 0, counts.Cards, "the desks are gone from the page")
	assert.Empty(t, tab.Exceptions(), "no released callback was called")
	for _, l := range tab.Console() {
		assert.NotContains(t, l, "released", l)
	}
}

// TestDeskExportsTheTrace saves shim.trace() through the Export button and
// reads the downloaded file.
func TestDeskExportsTheTrace(t *testing.T) {
	srv := StartServe(t)
	tab := deskPage(t, srv.URL)
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(tab.Context(), DefaultTimeout)
	defer cancel()
	// The download setting belongs to the tab's own browser context.
	_, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior:         browser.SetDownloadBehaviorBehaviorAllow,
		BrowserContextID: chromedp.FromContext(tab.Context()).BrowserContextID,
		DownloadPath:     dir,
	})
	require.NoError(t, err)
	alt(t, tab, "l")
	tab.WaitFor(`document.querySelector('.asd-state').textContent.startsWith('Ready')`)
	tab.Eval(`document.querySelector('.asd [data-action=export]').click()`, nil)
	var file string
	tab.WaitUntil("a downloaded trace", func() bool {
		m, _ := filepath.Glob(filepath.Join(dir, "agentshim-trace-*.json"))
		if len(m) == 1 {
			file = m[0]
		}
		return file != ""
	})
	var trace struct {
		Version int
		Events  []struct{ Vendor, Name string }
	}
	tab.WaitUntil("the whole file", func() bool {
		b, err := os.ReadFile(file)
		return err == nil && json.Unmarshal(b, &trace) == nil
	})
	assert.Equal(t, 1, trace.Version)
	assert.Contains(t, trace.Events, struct{ Vendor, Name string }{"facade", "login"})
	var announced string
	tab.Eval(`document.querySelector('.asd-announce').textContent`, &announced)
	assert.Equal(t, "Trace saved as "+filepath.Base(file), announced)
}

// TestDeskAnnouncesAFailingCommand lets the toolbar throw on Answer: the desk
// says why in its alert region, and the call can still be answered.
func TestDeskAnnouncesAFailingCommand(t *testing.T) {
	srv := StartServe(t)
	tab := deskPage(t, srv.URL)
	alt(t, tab, "l")
	tab.WaitFor(`document.querySelector('.asd-state').textContent.startsWith('Ready')`)
	tab.Eval(`document.querySelector('[data-scenario=inbound]').click()`, nil)
	tab.WaitFor(`document.querySelector('.asd-card[data-state=ringing]')`)
	tab.Eval(`document.querySelector('[data-scenario=failNext]').click()`, nil)
	alt(t, tab, "a")
	tab.WaitFor(`document.querySelector('.asd-announce').textContent.startsWith('Answer failed: VENDOR_ERROR')`)
	alt(t, tab, "a")
	tab.WaitFor(`document.querySelector('.asd-card[data-state=connected]')`)
	assert.Empty(t, tab.CSPViolations())
}

// TestDeskScreenshots works a day on the desk and the dashboard and saves
// desk.png and dashboard.png: in $SCREENSHOTS_DIR (make screenshots writes
// web/screenshots/ for the README), else in ArtifactsDir.
func TestDeskScreenshots(t *testing.T) {
	dir := os.Getenv("SCREENSHOTS_DIR")
	if dir == "" {
		dir = ArtifactsDir(t)
	}
	srv := StartServe(t)
	// A day and a half of calls through the start/end-call webhooks: every
	// third one missed.
	now := time.Now().UTC()
	for i := range 60 {
		start := now.Add(-time.Duration(i*53) * time.Minute)
		body := `{"callid":"` + fakeUUID(i) + `","start":"` + start.Format(time.RFC3339) + `","end":"` +
			start.Add(time.Duration(40+i*7%300)*time.Second).Format(time.RFC3339) + `"`
		if i%3 != 0 {
			body += `,"userid":7,"username":"Agent 7"`
		}
		res, err := http.Post(srv.URL+"/api/webhooks/end-call", "application/json", strings.NewReader(body+"}"))
		require.NoError(t, err)
		res.Body.Close()
		require.Equal(t, http.StatusOK, res.StatusCode)
	}

	tab := deskPage(t, srv.URL)
	alt(t, tab, "l")
	tab.WaitFor(`document.querySelector('.asd-state').textContent.startsWith('Ready')`)
	// One finished call for the statistics, one in progress on screen.
	tab.Eval(`(async () => {
		const shim = await AgentShim.ready;
		const ringing = () => new Promise((ok) => { const off = shim.on('contact', (e) => { if (e.to === 'ringing') { off(); ok(e.contactId); } }); });
		CTT7Fake.inbound({ani: '602123456'});
		const first = await ringing();
		await shim.answer(first);
		await new Promise((ok) => setTimeout(ok, 1200));
		await shim.hangup(first);
		await shim.wrapup(first, {outcome: 'SALE', end: true});
		CTT7Fake.inbound({ani: '777666555', callData: {CUSTOMER: 'Jana Nováková', TOPIC: 'Contract renewal'}});
		await shim.answer(await ringing());
		await new Promise((ok) => setTimeout(ok, 2100)); // the timer runs
	})()`, nil)
	tab.Screenshot(filepath.Join(dir, "desk.png"))

	tab.Go(srv.URL + "/dashboard")
	tab.WaitFor(`document.querySelector('svg path, svg rect')`)
	tab.Screenshot(filepath.Join(dir, "dashboard.png"))
	assert.Empty(t, tab.CSPViolations())
}

func fakeUUID(i int) string {
	return "6f1c2b9e-3d4a-4b5c-8d9e-" + strconv.FormatInt(int64(0x100000000000+i), 16)
}
