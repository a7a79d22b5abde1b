package e2e

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/agentshim/agentshim/cmd/agentshim-serve/store"
	"github.com/agentshim/agentshim/cmd/agentshim-serve/webhook"
)

// The video-call button (js-bridge/video.js) on the real core, with the
// fake video-call backend and the server's real webhook receiver.

// hooks is the real cmd/agentshim-serve webhook receiver behind a switch
// that makes it fail like a real endpoint: down (503, nothing stored) or
// losing its answer (stored, then 503 to the sender, who must retry).
type hooks struct {
	store store.Store
	recv  http.Handler

	mu        sync.Mutex
	down      int // answer the next posts 503 without storing them
	lose      int // store the next posts, then answer 503
	posts     []hookPost
	processed map[string]int // idempotency key → deliveries the receiver stored as new
}

type hookPost struct {
	Path, Key, Token string
	Status           int
	Duplicate        bool
}

func newHooks(t *testing.T, srv *Server) *hooks {
	st, err := store.OpenSQLite(context.Background(), t.TempDir())
	require.NoError(t, err)
	t.Cleanup(func() { _ = st.Close() })
	rc := &webhook.Receiver{Store: st, Now: time.Now, Log: nil}
	h := &hooks{store: st, processed: map[string]int{}}
	mux := http.NewServeMux()
	mux.Handle("/api/webhooks/start-call", rc.Handler(store.StartCall))
	mux.Handle("/api/webhooks/end-call", rc.Handler(store.EndCall))
	h.recv = mux
	srv.Handle("/api/webhooks/", h)
	return h
}

func (h *hooks) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.mu.Lock()
	defer h.mu.Unlock()
	p := hookPost{Path: r.URL.Path, Key: r.Header.Get("Idempotency-Key"), Token: r.Header.Get("X-Token")}
	if h.down > 0 {
		h.down--
		p.Status = http.StatusServiceUnavailable
		h.posts = append(h.posts, p)
		http.Error(w, "down", p.Status)
		return
	}
	rec := httptest.NewRecorder()
	h.recv.ServeHTTP(rec, r)
	var ans struct{ Duplicate bool }
	_ = json.Unmarshal(rec.Body.Bytes(), &ans)
	p.Status, p.Duplicate = rec.Code, ans.Duplicate
	if rec.Code == http.StatusOK && !ans.Duplicate {
		h.processed[p.Key]++
	}
	if h.lose > 0 {
		h.lose--
		p.Status = http.StatusServiceUnavailable
		h.posts = append(h.posts, p)
		http.Error(w, "answer lost", p.Status)
		return
	}
	h.posts = append(h.posts, p)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(rec.Code)
	_, _ = w.Write(rec.Body.Bytes())
}

func (h *hooks) set(down, lose int) {
	h.mu.Lock()
	h.down, h.lose = down, lose
	h.mu.Unlock()
}

func (h *hooks) snapshot() ([]hookPost, map[string]int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	processed := map[string]int{}
	for k, v := range h.processed {
		processed[k] = v
	}
	return append([]hookPost(nil), h.posts...), processed
}

func (h *hooks) calls(t *testing.T) []store.Call {
	calls, err := h.store.Calls(context.Background(), time.Now().Add(-time.Hour), time.Now().Add(time.Hour))
	require.NoError(t, err)
	return calls
}

// videoSite serves dist, the fakes and the test pages, with the receiver.
type videoSite struct {
	srv   *Server
	hooks *hooks
	tab   *Tab
}

func openVideoSite(t *testing.T) *videoSite {
	srv := StartServer(t, map[string]string{"/agentshim/": "dist", "/fakes/": "web/fakes", "/e2e/": "web/e2e"})
	s := &videoSite{srv: srv, hooks: newHooks(t, srv), tab: NewTab(t)}
	s.tab.Go(srv.URLFor("/e2e/testdata/video.html"))
	return s
}

func (s *videoSite) url(what string) string {
	return s.srv.URLFor("/e2e/testdata/landing.html?" + what)
}

// flows is a call-flow document: "open" is open all week and rings two
// groups for 1 s each; "closed" is closed every day.
func (s *videoSite) flows() string {
	day := func(open bool) string {
		if open {
			return `["00:00","24:00"]`
		}
		return `["00:00","00:00"]`
	}
	flow := func(id string, open bool) string {
		var hours []string
		for _, d := range []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"} {
			hours = append(hours, `"`+d+`":`+day(open))
		}
		return `{"id":"cf-` + id + `","embedId":"` + id + `","name":"Verkauf ` + id + `","timeZone":"Europe/Berlin",` +
			`"hours":{` + strings.Join(hours, ",") + `},"steps":[{"group":"Verkauf","ringSeconds":1},{"group":"Service","ringSeconds":1}],` +
			`"exitUrl":"` + s.url("exit") + `","outOfHoursUrl":"` + s.url("closed") + `","escalationUrl":"` + s.url("escalation") + `"}`
	}
	return `{"gdprNotice":{"title":"Datenschutzhinweis","text":"Dieser Videoanruf wird über einen Dienstleister ausgeführt.\nMit OK stimmen Sie zu.","accept":"OK","refuse":"Abbrechen"},` +
		`"callFlows":[` + flow("open", true) + `,` + flow("closed", false) + `]}`
}

const webhooksOption = `{start: {url: '/api/webhooks/start-call', headers: 'X-Token: t1'}, end: {url: '/api/webhooks/end-call', headers: {'X-Token': 't1'}}}`

// start starts agentshim with the flows and webhooks and records every
// event in window.events; redirects are prevented unless navigate is set.
func (s *videoSite) start(navigate bool) {
	s.tab.Eval(`(async () => {
		window.events = [];
		AgentShim.on('*', (e) => {
			if (e.type === 'session' && e.session.kind === 'redirect' && !`+boolJS(navigate)+`) e.preventDefault();
			window.events.push(JSON.parse(JSON.stringify(e)));
		});
		VideoCallFake.configure({agents: {Verkauf: [{userid: 17, username: 'anna@autohaus.example'}]}});
		await AgentShim.start({callFlows: `+s.flows()+`, webhooks: `+webhooksOption+`});
		await new Promise((ok) => { const w = () => AgentShim._internals.videoApi ? ok() : setTimeout(w, 5); w(); });
		return true;
	})()`, nil)
}

func boolJS(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

type session map[string]string

func (s *videoSite) sessions(kind string) []session {
	var out []session
	s.tab.Eval(`window.events.filter((e) => e.type === 'session' && e.session.kind === `+jsonString(kind)+`).map((e) => e.session)`, &out)
	return out
}

func jsonString(s string) string { b, _ := json.Marshal(s); return string(b) }

func (s *videoSite) key(k string) {
	s.tab.t.Helper()
	if err := s.tab.run(chromedp.KeyEvent(k)); err != nil {
		s.tab.fail("e2e: key %q: %v", k, err)
	}
}

func (s *videoSite) activeClass() string {
	var c string
	s.tab.Eval(`document.activeElement.className || document.activeElement.id || document.activeElement.tagName`, &c)
	return c
}

// TestVideoConsentRefusedSendsNothing: the GDPR dialog is an accessible
// modal operated by keyboard; Escape refuses; nothing about the visitor
// reaches the backend or a webhook, and no cookie is set.
func TestVideoConsentRefusedSendsNothing(t *testing.T) {
	s := openVideoSite(t)
	s.start(false)
	s.tab.Eval(`document.getElementById('btn-cwbbb-osr').dataset.cwbbbGdpr = '1'`, nil)
	// By keyboard: the div became focusable; Enter starts the call.
	s.tab.Eval(`document.getElementById('btn-cwbbb-osr').focus()`, nil)
	var role [2]string
	s.tab.Eval(`[document.activeElement.getAttribute('role'), String(document.activeElement.tabIndex)]`, &role)
	assert.Equal(t, [2]string{"button", "0"}, role)
	s.key(kb.Enter)
	s.tab.WaitFor(`document.querySelector('dialog.agentshim-gdpr[open]')`)
	var dlg struct {
		Role, Modal, Label, Text string
		FocusInside              bool
		Buttons                  []string
	}
	s.tab.Eval(`(() => {
		const d = document.querySelector('dialog.agentshim-gdpr');
		return {Role: d.getAttribute('role'), Modal: d.getAttribute('aria-modal'),
			Label: document.getElementById(d.getAttribute('aria-labelledby')).textContent,
			Text: document.getElementById(d.getAttribute('aria-describedby')).textContent,
			FocusInside: d.contains(document.activeElement),
			Buttons: [...d.querySelectorAll('button')].map((b) => b.textContent)};
	})()`, &dlg)
	assert.Equal(t, "dialog", dlg.Role)
	assert.Equal(t, "true", dlg.Modal)
	assert.Equal(t, "Datenschutzhinweis", dlg.Label, "the configured title labels the dialog")
	assert.Contains(t, dlg.Text, "Dienstleister")
	assert.True(t, dlg.FocusInside)
	assert.Equal(t, []string{"Abbrechen", "OK"}, dlg.Buttons)
	// Tab cycles between the two buttons and never leaves the dialog.
	var seen []string
	for range 4 {
		s.key(kb.Tab)
		seen = append(seen, s.activeClass())
	}
	assert.Equal(t, []string{"agentshim-gdpr-refuse", "agentshim-gdpr-accept", "agentshim-gdpr-refuse", "agentshim-gdpr-accept"}, seen)
	s.key(kb.Escape)
	s.tab.WaitFor(`window.events.some((e) => e.type === 'session' && e.session.kind === 'consent')`)
	consent := s.sessions("consent")
	require.Len(t, consent, 1)
	assert.Equal(t, "false", consent[0]["given"])
	assert.Equal(t, "open", consent[0]["embedId"])

	time.Sleep(300 * time.Millisecond) // anything that would leave, would leave now
	var after struct {
		Dialog, Requests, Cookie int
		Focus                    string
		Contacts                 int
	}
	s.tab.Eval(`(async () => ({Dialog: document.querySelectorAll('dialog').length, Requests: VideoCallFake.requests.length,
		Cookie: document.cookie.includes('agentshim_consent') ? 1 : 0, Focus: document.activeElement.id,
		Contacts: (await AgentShim.ready).contacts().length}))()`, &after)
	assert.Equal(t, 0, after.Dialog)
	assert.Equal(t, 0, after.Requests, "no session request reached the backend")
	assert.Equal(t, 0, after.Cookie)
	assert.Equal(t, "btn-cwbbb-osr", after.Focus, "focus returns to the button")
	assert.Equal(t, 0, after.Contacts)
	posts, _ := s.hooks.snapshot()
	assert.Empty(t, posts, "no webhook")
}

// TestVideoConsentGivenSetsTheCookie: accepting by keyboard stores consent
// for 14 days (SameSite=Lax; Secure only on https, and this is http) and the
// call goes to the backend; after a reload the dialog is not shown again.
func TestVideoConsentGivenSetsTheCookie(t *testing.T) {
	s := openVideoSite(t)
	s.start(false)
	s.tab.Eval(`document.getElementById('btn-cwbbb-osr').dataset.cwbbbGdpr = '1'`, nil)
	s.tab.Eval(`document.getElementById('btn-cwbbb-osr').click()`, nil)
	s.tab.WaitFor(`document.querySelector('dialog.agentshim-gdpr[open]')`)
	s.key(kb.Tab)
	s.key(kb.Tab)
	require.Equal(t, "agentshim-gdpr-accept", s.activeClass())
	before := time.Now()
	s.key(kb.Enter)
	s.tab.WaitFor(`VideoCallFake.requests.length === 1`)
	assert.Equal(t, "true", s.sessions("consent")[0]["given"])

	res, err := chromedp.Call(s.tab.ctx, network.GetCookies, network.GetCookiesParams{URLs: []string{s.srv.URL}})
	require.NoError(t, err)
	cookies := res.Cookies
	require.Len(t, cookies, 1)
	c := cookies[0]
	assert.Equal(t, "agentshim_consent_open", c.Name)
	assert.Equal(t, "1", c.Value)
	assert.Equal(t, "/", c.Path)
	assert.Equal(t, network.CookieSameSiteLax, c.SameSite)
	assert.False(t, c.Secure, "http page: no Secure attribute")
	expires := time.Unix(int64(c.Expires), 0)
	assert.WithinDuration(t, before.Add(14*24*time.Hour), expires, time.Minute, "kept 14 days")

	var req map[string]any
	s.tab.Eval(`VideoCallFake.requests[0]`, &req)
	assert.Equal(t, "Jana Nováková", req["name"], "data-cwbbb-name")
	assert.Equal(t, "cf-open", req["callflow"])

	// Consent is remembered: after a reload the call starts without the dialog.
	s.tab.Reload()
	s.start(false)
	s.tab.Eval(`document.getElementById('btn-cwbbb-osr').dataset.cwbbbGdpr = '1'`, nil)
	s.tab.Eval(`document.getElementById('btn-cwbbb-osr').click()`, nil)
	s.tab.WaitFor(`VideoCallFake.requests.length === 1`)
	var dialogs int
	s.tab.Eval(`document.querySelectorAll('dialog').length`, &dialogs)
	assert.Equal(t, 0, dialogs)
}

// TestVideoOutOfHoursRedirect: a closed flow announces the redirect, which a
// listener can prevent; unprevented, the page goes to the out-of-hours URL.
// Nothing reaches the backend.
func TestVideoOutOfHoursRedirect(t *testing.T) {
	s := openVideoSite(t)
	s.start(false)
	s.tab.Eval(`document.getElementById('btn-cwbbb-osr').dataset.cwbbbIgh = 'closed'`, nil)
	s.tab.Eval(`document.getElementById('btn-cwbbb-osr').click()`, nil)
	s.tab.WaitFor(`window.events.some((e) => e.type === 'session' && e.session.kind === 'redirect')`)
	r := s.sessions("redirect")[0]
	assert.Equal(t, "outOfHours", r["reason"])
	assert.Equal(t, s.url("closed"), r["url"])
	time.Sleep(100 * time.Millisecond)
	var state struct {
		Href     string
		Requests int
	}
	s.tab.Eval(`({Href: location.href, Requests: VideoCallFake.requests.length})`, &state)
	assert.Contains(t, state.Href, "video.html", "prevented: no navigation")
	assert.Equal(t, 0, state.Requests)

	// Unprevented, the visitor is sent there.
	s.tab.Reload()
	s.start(true)
	s.tab.Eval(`document.getElementById('btn-cwbbb-osr').dataset.cwbbbIgh = 'closed'`, nil)
	s.tab.Eval(`document.getElementById('btn-cwbbb-osr').click()`, nil)
	s.tab.WaitFor(`location.href === ` + jsonString(s.url("closed")))
}

// TestVideoEscalationAfterTheRingTimes: nobody answers; both groups ring in
// turn and after the summed ring times (2 s) the visitor is sent to the
// escalation URL, the contact ended with noAnswer and the backend cancelled.
func TestVideoEscalationAfterTheRingTimes(t *testing.T) {
	s := openVideoSite(t)
	s.start(false)
	s.tab.Eval(`window.clickedAt = performance.now(); document.getElementById('btn-cwbbb-osr').click()`, nil)
	s.tab.WaitFor(`window.events.some((e) => e.type === 'session' && e.session.kind === 'redirect')`)
	var res struct {
		After    float64
		Groups   []string
		Contact  map[string]any
		Canceled bool
		Trace    []string
	}
	s.tab.Eval(`(async () => {
		const shim = await AgentShim.ready;
		const r = window.events.find((e) => e.type === 'session' && e.session.kind === 'redirect');
		return {
			After: performance.now() - window.clickedAt,
			Groups: window.events.filter((e) => e.contact && e.contact.data.group && (e.type === 'contact.data' || e.to === 'ringing'))
				.map((e) => e.contact.data.group).filter((g, i, a) => a.indexOf(g) === i),
			Contact: shim.contact(r.session.callId),
			Canceled: VideoCallFake.calls.some((c) => c.method === 'cancel' && c.outcome === 'accepted'),
			Trace: shim.trace().events.filter((e) => e.vendor === 'video').map((e) => e.name),
		};
	})()`, &res)
	assert.GreaterOrEqual(t, res.After, 2000.0, "not before the summed ring times")
	assert.Less(t, res.After, 4000.0)
	assert.Equal(t, []string{"Verkauf", "Service"}, res.Groups, "the groups ring top to bottom")
	assert.Equal(t, "ended", res.Contact["state"])
	assert.Equal(t, "noAnswer", res.Contact["endReason"])
	assert.Equal(t, "video", res.Contact["channel"])
	assert.True(t, res.Canceled)
	assert.Equal(t, []string{"requested", "ringing", "ringing", "noAnswer", "redirect"}, res.Trace)
	r := s.sessions("redirect")[0]
	assert.Equal(t, "escalation", r["reason"])
	assert.Equal(t, s.url("escalation"), r["url"])
	posts, _ := s.hooks.snapshot()
	assert.Empty(t, posts, "an unanswered call sends no webhook")
}

// TestVideoExitAfterASuccessfulCall: an agent answers and hangs up; the
// visitor is sent to the exit URL, and both webhooks reach the receiver
// (the end-call one leaves with keepalive as the page navigates).
func TestVideoExitAfterASuccessfulCall(t *testing.T) {
	s := openVideoSite(t)
	s.start(true)
	s.tab.Eval(`document.getElementById('btn-cwbbb-osr').click()`, nil)
	s.tab.WaitFor(`window.events.some((e) => e.to === 'ringing')`)
	s.tab.Eval(`VideoCallFake.answer()`, nil)
	s.tab.WaitFor(`window.events.some((e) => e.to === 'connected')`)
	s.tab.Eval(`VideoCallFake.hangup()`, nil)
	s.tab.WaitFor(`location.href === ` + jsonString(s.url("exit")))
	deadline := time.Now().Add(5 * time.Second)
	for len(s.hooks.calls(t)) == 0 || !s.hooks.calls(t)[0].Ended {
		require.True(t, time.Now().Before(deadline), "the webhooks did not arrive")
		time.Sleep(50 * time.Millisecond)
	}
	calls := s.hooks.calls(t)
	require.Len(t, calls, 1)
	c := calls[0]
	assert.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`, c.ID)
	require.NotNil(t, c.Start)
	require.NotNil(t, c.End)
	assert.False(t, c.End.Before(*c.Start))
	assert.Equal(t, "cf-open", c.CallFlow)
	require.NotNil(t, c.UserID)
	assert.Equal(t, int64(17), *c.UserID)
	assert.Equal(t, "anna@autohaus.example", c.UserName)
	// The page may see its keepalive post aborted by the navigation although
	// it arrived; it then posts again on page hide (at least once), and the
	// receiver recognises the repeat by its idempotency key.
	posts, processed := s.hooks.snapshot()
	assert.Equal(t, map[string]int{c.ID + ":start": 1, c.ID + ":end": 1}, processed, "each webhook processed once")
	require.GreaterOrEqual(t, len(posts), 2)
	assert.Equal(t, c.ID+":start", posts[0].Key, "start-call first")
	seen := map[string]bool{}
	for _, p := range posts {
		assert.Equal(t, "t1", p.Token, "the configured extra header")
		assert.Equal(t, seen[p.Key], p.Duplicate, "only a repeat is a duplicate: %+v", p)
		seen[p.Key] = true
	}
}

// TestWebhookOutboxSurvivesReloadAndFailures: the endpoint is down while a
// call is answered and ended; the page reloads with both webhooks still in
// its outbox; then the endpoint stores the first post but loses its answer.
// The outbox retries with backoff until everything is through, and the
// idempotency key keeps the receiver from processing anything twice.
func TestWebhookOutboxSurvivesReloadAndFailures(t *testing.T) {
	s := openVideoSite(t)
	s.tab.WaitTimeout = 15 * time.Second
	s.hooks.set(1000, 0)
	s.start(false)
	s.tab.Eval(`document.getElementById('btn-cwbbb-osr').click()`, nil)
	s.tab.WaitFor(`window.events.some((e) => e.to === 'ringing')`)
	s.tab.Eval(`VideoCallFake.answer()`, nil)
	s.tab.WaitFor(`window.events.some((e) => e.to === 'connected')`)
	s.tab.Eval(`VideoCallFake.hangup()`, nil)
	s.tab.WaitFor(`(() => { const b = JSON.parse(localStorage.getItem('agentshim:outbox:v1') || '[]');
		return b.length === 2 && b[0].attempts >= 1; })()`)
	var box []struct {
		Kind, Key string
		Attempts  int
	}
	s.tab.Eval(`JSON.parse(localStorage.getItem('agentshim:outbox:v1'))`, &box)
	require.Len(t, box, 2)
	assert.Equal(t, "start", box[0].Kind)
	assert.Equal(t, "end", box[1].Kind)
	posts, _ := s.hooks.snapshot()
	for _, p := range posts {
		assert.True(t, strings.HasSuffix(p.Key, ":start"), "the end-call waits for its start-call: %s", p.Key)
	}

	s.tab.Reload()
	var stored int
	s.tab.Eval(`JSON.parse(localStorage.getItem('agentshim:outbox:v1')).length`, &stored)
	assert.Equal(t, 2, stored, "the outbox survived the reload")
	s.hooks.set(0, 1) // back, but the first answer gets lost
	s.start(false)
	s.tab.WaitFor(`JSON.parse(localStorage.getItem('agentshim:outbox:v1')).length === 0`)

	posts, processed := s.hooks.snapshot()
	calls := s.hooks.calls(t)
	require.Len(t, calls, 1)
	id := calls[0].ID
	assert.Equal(t, map[string]int{id + ":start": 1, id + ":end": 1}, processed, "each webhook processed once")
	var dups int
	for _, p := range posts {
		if p.Duplicate {
			dups++
		}
		assert.Equal(t, "t1", p.Token)
	}
	assert.Equal(t, 1, dups, "the retry after the lost answer was recognised as a duplicate")
	assert.True(t, calls[0].Ended)
	assert.Equal(t, "anna@autohaus.example", calls[0].UserName)
}

// TestWebhookOutboxWaitsForTheNetwork: offline, a webhook waits in the
// outbox (no retry loop); the browser's online event sends it.
func TestWebhookOutboxWaitsForTheNetwork(t *testing.T) {
	s := openVideoSite(t)
	s.start(false)
	s.tab.Eval(`document.getElementById('btn-cwbbb-osr').click()`, nil)
	s.tab.WaitFor(`window.events.some((e) => e.to === 'ringing')`)
	s.tab.SetOffline(true)
	s.tab.Eval(`VideoCallFake.answer()`, nil)
	s.tab.WaitFor(`(() => { const b = JSON.parse(localStorage.getItem('agentshim:outbox:v1') || '[]');
		return b.length === 1 && b[0].waiting === true; })()`)
	posts, _ := s.hooks.snapshot()
	assert.Empty(t, posts)
	s.tab.SetOffline(false)
	s.tab.WaitFor(`JSON.parse(localStorage.getItem('agentshim:outbox:v1')).length === 0`)
	_, processed := s.hooks.snapshot()
	assert.Len(t, processed, 1)
}

// TestWebhookHeaderInjectionIsRefused: CR/LF in a header, a bad header name
// or an invalid line rejects start() with BAD_INPUT naming the field; so
// does a call flow over the ring-time limit.
func TestWebhookHeaderInjectionIsRefused(t *testing.T) {
	s := openVideoSite(t)
	cases := []struct{ option, field string }{
		{`{webhooks: {start: {url: '/h', headers: 'X-Token: t1\r\nX-Evil: 1'}}}`, "webhooks.start.headers"},
		{`{webhooks: {start: {url: '/h', headers: {'X-Token': 't1\nX-Evil: 1'}}}}`, "webhooks.start.headers.'X-Token'"},
		{`{webhooks: {end: {url: '/h', headers: 'X Token: 1'}}}`, "webhooks.end.headers[1]"},
		{`{webhooks: {end: {url: '/h', headers: 'X-Token t1'}}}`, "webhooks.end.headers[1]"},
		{`{webhooks: {end: {url: 'javascript:alert(1)'}}}`, "webhooks.end.url"},
		{`{callFlows: ` + strings.Replace(s.flows(), `"ringSeconds":1}]`, `"ringSeconds":240}]`, 1) + `}`, "callFlows[0].steps[1].ringSeconds"},
	}
	for _, c := range cases {
		s.tab.Reload()
		var got struct{ Code, Message string }
		s.tab.Eval(`AgentShim.start(`+c.option+`).then(() => ({Code: 'resolved'}), (e) => ({Code: e.code, Message: e.message}))`, &got)
		assert.Equal(t, "BAD_INPUT", got.Code, c.option)
		assert.Contains(t, got.Message, c.field, c.option)
		assert.NotContains(t, got.Message, "t1", "header values are not echoed")
	}
	posts, _ := s.hooks.snapshot()
	assert.Empty(t, posts)
}

// The embed's own pages must not need anything outside the CSP either.
func TestVideoPageIsClean(t *testing.T) {
	s := openVideoSite(t)
	s.start(false)
	s.tab.Eval(`document.getElementById('btn-cwbbb-osr').dataset.cwbbbGdpr = '1'`, nil)
	s.tab.Eval(`document.getElementById('btn-cwbbb-osr').click()`, nil)
	s.tab.WaitFor(`document.querySelector('dialog.agentshim-gdpr[open]')`)
	assertCleanPage(t, s.tab)
}

// TestVideoScriptLoadsOnlyWhereUsed: agentshim-video.js is fetched for a
// page with the button (or the callFlows/webhooks options), not otherwise.
func TestVideoScriptLoadsOnlyWhereUsed(t *testing.T) {
	srv := StartServer(t, map[string]string{"/agentshim/": "dist", "/fakes/": "web/fakes", "/e2e/": "web/e2e"})
	tab := NewTab(t)
	tab.Go(srv.URLFor("/e2e/testdata/shim.html"))
	tab.WaitFor(`AgentShim.ready.then(() => true)`)
	var loaded []string
	tab.Eval(`performance.getEntriesByType('resource').map((r) => r.name).filter((n) => n.includes('agentshim-video'))`, &loaded)
	assert.Empty(t, loaded, "a desk page without the button does not pay for the embed")

	tab.Go(srv.URLFor("/e2e/testdata/video.html"))
	tab.Eval(`AgentShim.start().then(() => true)`, nil) // no options: the button alone asks for the embed
	tab.WaitFor(`AgentShim._internals.videoApi`)
	tab.Eval(`performance.getEntriesByType('resource').map((r) => r.name).filter((n) => n.includes('agentshim-video'))`, &loaded)
	assert.Equal(t, []string{srv.URLFor("/agentshim/agentshim-video.js")}, loaded, "next to agentshim.js")
}
