package e2e

import (
	"context"
	"testing"

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
	srv := StartServer(t, map[string]string{"/agentshim/": "dist", "/": "web"})
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
	assert.Empty(t, tab.CSPViolations())
	assert.Empty(t, tab.Exceptions())
}
