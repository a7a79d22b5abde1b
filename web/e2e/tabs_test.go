package e2e

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// deskTabs serves the desk page whose tabs share one CTToolbar7 application
// (the fake's shared mode) and returns the blank tab that owns the browser
// context: tabs opened from it share locks, channels and the SharedWorker.
func deskTabs(t *testing.T) (home *Tab, url string) {
	srv := StartServer(t, map[string]string{"/agentshim/": "dist", "/fakes/": "web/fakes", "/e2e/": "web/e2e"})
	return NewTab(t), srv.URLFor("/e2e/testdata/tabs.html")
}

func role(tab *Tab) string {
	var r string
	tab.Eval(`AgentShim.ready.then((s) => s.role())`, &r)
	return r
}

func seen(tab *Tab) []string {
	var s []string
	tab.Eval(`seen`, &s)
	return s
}

// sharedCalls lists the shared toolbar's calls as "METHOD@tab" (tabs numbered in
// the order their SDK connected).
func sharedCalls(tab *Tab) []string {
	var calls []string
	tab.Eval(`CTT7Fake.calls().then((cs) => cs.map((c) => c.method + '@' + c.tab))`, &calls)
	return calls
}

func count(list []string, item string) int {
	n := 0
	for _, s := range list {
		if s == item {
			n++
		}
	}
	return n
}

// TestSeveralTabsElectOneLeaderAndTakeOver runs one desk in three tabs: one
// leader talks to the toolbar, the others mirror it and send it their
// commands; when the leader's tab closes mid-call a follower takes over and
// finishes the call, with no event lost or repeated.
func TestSeveralTabsElectOneLeaderAndTakeOver(t *testing.T) {
	home, url := deskTabs(t)
	a := home.Open(url)
	require.Equal(t, "leader", role(a))
	b := home.Open(url)
	require.Equal(t, "follower", role(b))

	// A command in the follower reaches the toolbar once, from the leader, and settles in the follower.
	var state string
	b.Eval(`AgentShim.ready.then((s) => s.login()).then((agent) => agent.state)`, &state)
	assert.Equal(t, "ready", state)

	var id string
	a.Eval(`CTT7Fake.inbound({ani: '777666555'})`, &id)
	ringing := `AgentShim.ready.then((s) => (s.contact(` + strconv.Quote(id) + `) || {}).state === 'ringing')`
	a.WaitFor(ringing)
	b.WaitFor(ringing)
	b.Eval(`AgentShim.ready.then((s) => s.answer(`+strconv.Quote(id)+`)).then((c) => c.state)`, &state)
	assert.Equal(t, "connected", state)
	a.WaitFor(`AgentShim.ready.then((s) => s.contact(` + strconv.Quote(id) + `).state === 'connected')`)
	sa, sb := seen(a), seen(b)
	require.Greater(t, len(sb), 5)
	assert.Equal(t, sa[len(sa)-len(sb):], sb, "both tabs' listeners saw the same events with the same seq (since the second opened)")

	// A third tab opened mid-call catches up from the leader's snapshot.
	c := home.Open(url)
	require.Equal(t, "follower", role(c))
	var contacts []map[string]any
	c.Eval(`AgentShim.ready.then((s) => s.contacts())`, &contacts)
	require.Len(t, contacts, 1)
	assert.Equal(t, "connected", contacts[0]["state"])
	assert.Empty(t, seen(c), "a late tab gets the state, not the past events")

	calls := sharedCalls(a)
	assert.Equal(t, 1, count(calls, "AGENT.Login@1"), "login: %v", calls)
	assert.Equal(t, 1, count(calls, "CONTACT.Answer@1"), "answer sent once, by the leader: %v", calls)
	for _, call := range calls {
		assert.True(t, strings.HasSuffix(call, "@1"), "only the leader's SDK is used: %v", calls)
	}

	// The leader's tab closes: the follower that waited longest takes over within a second.
	before := seen(b)
	var closedAt int64
	b.Eval(`Date.now()`, &closedAt)
	a.Close()
	b.WaitFor(`roles.includes('leader')`)
	var tookOverAt int64
	b.Eval(`roleAt`, &tookOverAt)
	took := time.Duration(tookOverAt-closedAt) * time.Millisecond
	t.Logf("the follower led %v after the leader's tab was closed", took)
	assert.Less(t, took, time.Second)
	assert.Equal(t, "follower", role(c))

	// The new leader keeps the contact, and can hang up and wrap up the call.
	b.Eval(`AgentShim.ready.then((s) => s.hangup(`+strconv.Quote(id)+`)).then((c) => c.state)`, &state)
	assert.Equal(t, "wrapup", state)
	c.Eval(`AgentShim.ready.then((s) => s.wrapup(`+strconv.Quote(id)+`, {outcome: 'SALE', end: true})).then((c) => c.outcome)`, &state)
	assert.Equal(t, "SALE", state, "the other follower's command goes to the new leader")
	gone := `AgentShim.ready.then((s) => s.contacts().length === 0)`
	b.WaitFor(gone)
	c.WaitFor(gone)

	after := seen(b)
	require.Greater(t, len(after), len(before))
	assert.Equal(t, before, after[:len(before)])
	first, err := strconv.Atoi(strings.Fields(after[0])[0])
	require.NoError(t, err)
	last := 0
	for i, e := range after { // seq n, n+1, n+2... : nothing lost, nothing twice
		seq, err := strconv.Atoi(strings.Fields(e)[0])
		require.NoError(t, err)
		assert.Equal(t, first+i, seq, "event %d: %s", i, e)
		last = seq
	}
	tail := strings.Join(after[len(before):], "\n")
	t.Logf("events after the takeover:\n%s", tail)
	for _, want := range []string{"contact wrapup " + id, "contact ended " + id, "contact.removed  " + id} {
		assert.Equal(t, 1, strings.Count(tail, want), "%q once after the takeover:\n%s", want, tail)
	}
	cSeen := seen(c)
	require.NotEmpty(t, cSeen)
	assert.Equal(t, after[len(after)-len(cSeen):], cSeen, "the late tab saw the same events since it joined")
	assert.Equal(t, strconv.Itoa(last), strings.Fields(cSeen[len(cSeen)-1])[0])

	calls = sharedCalls(b)
	assert.Equal(t, 1, count(calls, "CONTACT.Hangup@2"), "hangup sent once, by the new leader: %v", calls)
	var outcome []json.RawMessage
	b.Eval(`CTT7Fake.calls().then((cs) => cs.filter((c) => c.method === 'EASYCIM.saveScript').map((c) => c.args))`, &outcome)
	assert.Len(t, outcome, 1, "wrap-up sent once")
}

// TestFollowerCommandFailsAsTheLeadersDid: the leader has no toolbar, so a
// follower's login is refused there with VENDOR_UNAVAILABLE; the follower's
// mirrored core repeats that failure at once (it does not wait for a
// confirmation that cannot come), and the events stay the same in both tabs.
func TestFollowerCommandFailsAsTheLeadersDid(t *testing.T) {
	home, url := deskTabs(t)
	a := home.Open(url + "?noattach")
	require.Equal(t, "leader", role(a))
	b := home.Open(url + "?noattach")
	require.Equal(t, "follower", role(b))
	var res struct {
		Code string
		Ms   float64
	}
	b.Eval(`(async () => {
		const shim = await AgentShim.ready, t0 = performance.now();
		const code = await shim.login().then(() => 'resolved', (e) => e.code);
		return {Code: code, Ms: performance.now() - t0};
	})()`, &res)
	assert.Equal(t, "VENDOR_UNAVAILABLE", res.Code)
	assert.Less(t, res.Ms, 1000.0, "rejected at once, not after commandTimeoutMs")
	var fa, la map[string]any
	b.Eval(`AgentShim.ready.then((s) => s.agent())`, &fa)
	a.Eval(`AgentShim.ready.then((s) => s.agent())`, &la)
	assert.Equal(t, la, fa)
	assert.Equal(t, seen(a)[len(seen(a))-len(seen(b)):], seen(b))
}

// TestToolbarEventsDuringATakeoverAreKept: the leader's tab stops running
// (frozen) just before it closes, so the remote hangup the toolbar sends
// meanwhile is fed by no leader. The follower heard it too and, taking over,
// feeds what no batch of the leader's showed: the call reaches after-call
// work once, with seq running on without a gap.
func TestToolbarEventsDuringATakeoverAreKept(t *testing.T) {
	home, url := deskTabs(t)
	a := home.Open(url)
	require.Equal(t, "leader", role(a))
	b := home.Open(url)
	require.Equal(t, "follower", role(b))
	var id, state string
	b.Eval(`AgentShim.ready.then((s) => s.login()).then((agent) => agent.state)`, &state)
	a.Eval(`CTT7Fake.inbound({ani: '777666555'})`, &id)
	q := strconv.Quote(id)
	b.WaitFor(`AgentShim.ready.then((s) => (s.contact(` + q + `) || {}).state === 'ringing')`)
	b.Eval(`AgentShim.ready.then((s) => s.answer(`+q+`)).then((c) => c.state)`, &state)
	require.Equal(t, "connected", state)

	if _, err := chromedp.Call(a.ctx, page.SetWebLifecycleState, page.SetWebLifecycleStateParams{State: page.SetWebLifecycleStateStateFrozen}); err != nil {
		t.Fatal(err)
	}
	before := seen(b)
	b.Eval(`CTT7Fake.remoteHangup(`+q+`).then(() => new Promise((ok) => setTimeout(ok, 200)))`, nil)
	b.Eval(`AgentShim.ready.then((s) => s.contact(`+q+`).state)`, &state)
	assert.Equal(t, "connected", state, "the frozen leader fed nothing")
	a.Close()
	b.WaitFor(`roles.includes('leader')`)
	b.WaitFor(`AgentShim.ready.then((s) => s.contact(` + q + `).state === 'wrapup')`)

	after := seen(b)
	tail := strings.Join(after[len(before):], "\n")
	assert.Equal(t, 1, strings.Count(tail, "contact wrapup "+id), tail)
	first, err := strconv.Atoi(strings.Fields(after[0])[0])
	require.NoError(t, err)
	for i, e := range after {
		seq, err := strconv.Atoi(strings.Fields(e)[0])
		require.NoError(t, err)
		assert.Equal(t, first+i, seq, "event %d: %s", i, e)
	}
}

// TestTabChannelTakesNoMessagesFromOtherOrigins: a page of another origin
// (another port) posts a forged follower command on the desk's channel name;
// it never reaches the desk, whose toolbar gets no Login. The same page
// served from the desk's own origin does reach it, which shows the forged
// message is one the desk would obey: the origin is what keeps it out.
func TestTabChannelTakesNoMessagesFromOtherOrigins(t *testing.T) {
	home, url := deskTabs(t)
	desk := home.Open(url)
	require.Equal(t, "leader", role(desk))
	other := StartServer(t, map[string]string{"/e2e/": "web/e2e"})
	channel := "#" + "agentshim:tabs:/e2e/testdata/tabs.html"
	logins := func() int {
		time.Sleep(300 * time.Millisecond)
		return count(sharedCalls(desk), "AGENT.Login@1")
	}

	forger := home.Open(other.URLFor("/e2e/testdata/forge.html" + channel))
	forger.WaitFor(`window.forged`)
	assert.Zero(t, logins(), "another origin's message changed nothing")
	var state string
	desk.Eval(`AgentShim.ready.then((s) => s.agent().state)`, &state)
	assert.Equal(t, "loggedOut", state)

	sameOrigin := strings.Replace(url, "tabs.html", "forge.html", 1) + channel
	home.Open(sameOrigin).WaitFor(`window.forged`)
	assert.Equal(t, 1, logins(), "control: from the desk's own origin the message is obeyed")
}

// TestEventsFedBeforeAFollowerSaidHelloAreNotFedAgain: a second tab binds
// the shared toolbar at load but starts its core later. A Hold it hears in
// between is fed by the lone leader (no batch goes out: nobody has said
// hello yet), so the follower gets it inside the leader's snapshot. When the
// leader's tab closes, the follower must not feed that Hold again: with a
// bare contact id as payload (payloadForm 'id') a second Hold would take the
// call off hold.
func TestEventsFedBeforeAFollowerSaidHelloAreNotFedAgain(t *testing.T) {
	home, url := deskTabs(t)
	a := home.Open(url)
	require.Equal(t, "leader", role(a))
	var id, state string
	a.Eval(`AgentShim.ready.then((s) => s.login()).then((agent) => agent.state)`, &state)
	a.Eval(`CTT7Fake.inbound({ani: '777666555'})`, &id)
	q := strconv.Quote(id)
	a.WaitFor(`AgentShim.ready.then((s) => (s.contact(` + q + `) || {}).state === 'ringing')`)
	a.Eval(`AgentShim.ready.then((s) => s.answer(`+q+`)).then((c) => c.state)`, &state)
	require.Equal(t, "connected", state)

	b := home.Open(url + "?late")
	b.WaitFor(`AgentShim._internals.queue.length === 0`)                 // bound, core not started
	a.Eval(`CTT7Fake.configure({payloadForm: 'id'}).then(() => 1)`, nil) // a bare id: Hold toggles
	a.Eval(`AgentShim.ready.then((s) => s.hold(`+q+`)).then((c) => c.state)`, &state)
	require.Equal(t, "held", state)
	b.WaitFor(`AgentShim._internals.queue.some((r) => r.includes('Hold'))`)

	b.Eval(`AgentShim.start().then((s) => s.role())`, &state)
	require.Equal(t, "follower", state)
	b.Eval(`AgentShim.ready.then((s) => s.contact(`+q+`).state)`, &state)
	require.Equal(t, "held", state, "the follower caught up from the leader's snapshot")

	a.Close()
	b.WaitFor(`roles.includes('leader')`)
	time.Sleep(300 * time.Millisecond) // what a takeover feeds, it feeds at once
	b.Eval(`AgentShim.ready.then((s) => s.contact(`+q+`).state)`, &state)
	assert.Equal(t, "held", state, "the Hold the leader fed before the follower's hello is not fed again")
	assert.NotContains(t, strings.Join(seen(b), "\n"), "contact connected "+id)
}
