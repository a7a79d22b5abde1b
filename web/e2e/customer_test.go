package e2e

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCustomerDemoPage loads web/customer.html as cmd/agentshim-serve serves
// it (strict CSP, the real webhook receiver): mluvii, Whisbi and the
// video-call button on one page, all driven by the fakes, with the event
// stream shown as text. Nothing may throw, log an error or break the CSP.
func TestCustomerDemoPage(t *testing.T) {
	srv := StartServer(t, map[string]string{"/agentshim/": "dist", "/": "web"})
	h := newHooks(t, srv)
	tab := NewTab(t)
	tab.Go(srv.URLFor("/customer.html"))
	tab.WaitFor(`AgentShim.ready.then(() => true)`)
	tab.WaitFor(`[...document.querySelectorAll('#events li')].some((li) => li.textContent.includes('widget NewWidget online'))`)

	tab.Eval(`document.getElementById('mluvii-chat').click(); document.getElementById('whisbi-open').click();
		document.getElementById('whisbi-call').click()`, nil)
	tab.WaitFor(`document.getElementById('events').textContent.includes('contact whisbi/voice (new) → queued')`)
	tab.WaitFor(`document.getElementById('events').textContent.includes('contact mluvii/chat (new) → queued')`)

	// The video call: GDPR notice first (data-cwbbb-gdpr="1"), then the fake agents' side.
	tab.Eval(`document.getElementById('btn-cwbbb-osr').click()`, nil)
	tab.WaitFor(`document.querySelector('dialog.agentshim-gdpr[open]')`)
	tab.Eval(`document.querySelector('.agentshim-gdpr-accept').click()`, nil)
	tab.WaitFor(`document.getElementById('events').textContent.includes('contact video/video queued → ringing')`)
	tab.Eval(`document.getElementById('video-answer').click()`, nil)
	tab.WaitFor(`document.getElementById('events').textContent.includes('→ connected')`)
	tab.Eval(`document.getElementById('video-hangup').click()`, nil)
	tab.WaitFor(`document.getElementById('events').textContent.includes('session redirect')`)
	tab.WaitFor(`JSON.parse(localStorage.getItem('agentshim:outbox:v1') || '[]').length === 0`)

	var lines []string
	tab.Eval(`[...document.querySelectorAll('#events li')].map((li) => li.textContent)`, &lines)
	assert.GreaterOrEqual(t, len(lines), 10)
	var href string
	tab.Eval(`location.pathname + location.hash`, &href)
	assert.Equal(t, "/customer.html", href, "the demo keeps the visitor on the page")
	calls := h.calls(t)
	require.Len(t, calls, 1)
	assert.True(t, calls[0].Ended)
	assert.Equal(t, "cf-17", calls[0].CallFlow)
	assertCleanPage(t, tab)
}
