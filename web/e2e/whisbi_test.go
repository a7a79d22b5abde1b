package e2e

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// whisbiPage opens whisbi.html with the given pre-session hook (whisbi-page.js).
func whisbiPage(t *testing.T, srv *Server, hook string) *Tab {
	tab := NewTab(t)
	tab.Go(srv.URLFor("/e2e/testdata/whisbi.html?hook=" + hook))
	tab.Eval(`AgentShim.ready.then(() => true)`, nil)
	return tab
}

// whisbiLine renders a facade event for comparison: the kind of step, the
// contact and its state, or the error code.
const whisbiLine = `(e) => e.type == 'session' ? 'session ' + e.session.kind + (e.contactId ? ' ' + e.contactId : '')
	: e.type == 'contact' ? ['contact', e.contactId, e.from, e.to, e.contact.channel, e.contact.number, e.contact.endReason].join(' ')
	: e.type == 'error' ? 'error ' + e.error.code + ' ' + e.error.message
	: e.type`

const untilJS = `const until = async (c) => { while (!c()) await new Promise((ok) => setTimeout(ok, 5)); };`

// TestWhisbiRequestsThroughTheShim: the page's own handlers run with the
// same arguments, the pre-session hook and the page's handler change only
// what Whisbi allows, each request becomes a contact keyed by kpiGuid or
// lead, and unknown oto* events reach the trace without breaking anything.
func TestWhisbiRequestsThroughTheShim(t *testing.T) {
	srv := customerServer(t)
	tab := whisbiPage(t, srv, "async")
	var res struct {
		Keys     []string
		Requests []struct {
			Seed, ContentID, Extra, Name string
			CallCenters, Ignored         []string
			DoneCalls                    int
		}
		PageLog  [][]string
		Vendor   map[string]string // what the fake passed, by event name
		Events   []string
		Contacts []string
		Trace    []string
	}
	tab.Eval(`(async () => {
		`+untilJS+`
		const f = WhisbiFake, shim = await AgentShim.ready, has = (n) => () => f.calls.some((c) => c.name === n);
		f.callMeNow({name: 'Jana', phone: '777 666 555', email: 'jana@example.com'});
		await until(has('otoSessionRequested'));
		f.agentJoins();
		f.callMeBack({name: 'Petr', phone: '+420 602 123 456'});
		await until(has('otoCmbRequested'));
		f.emit('otoSurveyAnswered', {score: 5});
		f.emit('otoSomethingNew', {x: 1});
		await f.settle();
		const line = `+whisbiLine+`;
		return {
			keys: Object.keys(pageEvents),
			requests: f.requests.map((r) => ({seed: r.seed, contentId: r.contentId, callCenters: r.callCenters,
				extra: r.customer.extra, name: r.customer.name, ignored: r.ignored, doneCalls: r.doneCalls})),
			pageLog,
			vendor: Object.fromEntries(f.calls.map((c) => [c.name, JSON.stringify(c.arg === undefined ? [] : [c.arg])])),
			events: shimEvents.map(line),
			contacts: shim.contacts().map((c) => [c.id, c.vendor, c.channel, c.state, c.number].join(' ')),
			trace: shim.trace().events.map((e) => e.name),
		};
	})()`, &res)

	for _, n := range strings.Fields(`otoOpened otoClosed otoPreSessionRequest otoSessionRequested otoInboundClicked
		otoInboundToWhisbiLoaded otoCallBooked otoCmbRequested otoPinCodeGenerated otoInvalidPhone otoCallError
		otoNoAgentsAvailable otoSessionStarted otoSessionEnded otoSurveyAnswered`) {
		assert.Contains(t, res.Keys, n, "whisbiEvents() holds every oto* function")
	}

	// The hook's seed and extra, the page's contentId; the forged name and lead never reach Whisbi.
	require.Len(t, res.Requests, 2)
	for _, r := range res.Requests {
		assert.Equal(t, "seed-1-crm", r.Seed)
		assert.Equal(t, "pricing-page", r.ContentID)
		assert.Equal(t, []string{"cc-1"}, r.CallCenters)
		assert.Equal(t, `{"crm":7}`, r.Extra)
		assert.Empty(t, r.Ignored, "agentshim passed on only the allowed fields")
		assert.Equal(t, 1, r.DoneCalls, "done() exactly once")
	}
	assert.Equal(t, "Jana", res.Requests[0].Name)

	// The page's handlers: in order, after the hook, with what Whisbi passed.
	var names []string
	for _, l := range res.PageLog {
		names = append(names, l[0])
		if v, ok := res.Vendor[l[0]]; ok && l[0] != "otoPreSessionRequest" {
			assert.Equal(t, v, l[1], "%s gets Whisbi's own arguments", l[0])
		}
	}
	assert.Equal(t, []string{"otoOpened", "hook", "otoPreSessionRequest", "otoSessionRequested",
		"hook", "otoPreSessionRequest", "otoCmbRequested", "otoSurveyAnswered"}, names)

	var kpi, lead string
	var requested map[string]any
	require.NoError(t, json.Unmarshal([]byte(res.Vendor["otoSessionRequested"]), &[]any{&requested}))
	kpi, _ = requested["kpiGuid"].(string)
	var cmb map[string]any
	require.NoError(t, json.Unmarshal([]byte(res.Vendor["otoCmbRequested"]), &[]any{&cmb}))
	lead, _ = cmb["lead"].(string)
	require.NotEmpty(t, kpi)
	require.NotEmpty(t, lead)
	assert.Equal(t, []string{
		"session pin",
		"session opened",
		"session preSession",
		"session requested " + kpi,
		"contact " + kpi + "  queued voice +420777666555 ",
		"contact " + kpi + " queued connected voice +420777666555 ",
		"session preSession",
		"session callbackRequested " + lead,
		"contact " + lead + "  scheduled callback +420602123456 ",
		"error BAD_INPUT whisbi event 'otoSurveyAnswered' is unknown to agentshim; it was kept in the trace and changed nothing",
		"error BAD_INPUT whisbi event 'otoSomethingNew' is unknown to agentshim; it was kept in the trace and changed nothing",
	}, res.Events)
	assert.Equal(t, []string{
		kpi + " whisbi voice connected +420777666555",
		lead + " whisbi callback scheduled +420602123456",
	}, res.Contacts)
	assert.Equal(t, []string{"otoPinCodeGenerated", "otoOpened", "otoPreSessionRequest", "otoSessionRequested",
		"otoSessionStarted", "otoPreSessionRequest", "otoCmbRequested", "otoSurveyAnswered", "otoSomethingNew"}, res.Trace)
	assertCleanPage(t, tab)
}

// TestWhisbiFailedRequests: otoNoAgentsAvailable and otoCallError end the
// request's contact (same kpiGuid) with the contract's end reasons.
func TestWhisbiFailedRequests(t *testing.T) {
	srv := customerServer(t)
	tab := whisbiPage(t, srv, "sync")
	var got struct{ Contacts, Kpis []string }
	tab.Eval(`(async () => {
		`+untilJS+`
		const f = WhisbiFake, shim = await AgentShim.ready, count = (n) => f.calls.filter((c) => c.name === n).length;
		f.callMeNow({name: 'A', phone: '777 666 555'});
		await until(() => count('otoSessionRequested') == 1);
		f.noAgents();
		f.callMeNow({name: 'B', phone: '777 666 556'});
		await until(() => count('otoSessionRequested') == 2);
		f.callError();
		await f.settle();
		return {contacts: shim.contacts().map((c) => [c.id, c.state, c.endReason].join(' ')),
			kpis: f.calls.filter((c) => /^oto(NoAgentsAvailable|CallError)$/.test(c.name)).map((c) => c.arg.kpiGuid)};
	})()`, &got)
	require.Len(t, got.Kpis, 2)
	assert.Equal(t, []string{got.Kpis[0] + " ended noAgents", got.Kpis[1] + " ended noAnswer"}, got.Contacts,
		"the failure names the request's own kpiGuid, so it ends that contact")
	assertCleanPage(t, tab)
}

// TestWhisbiPreSessionHooks: whatever the hook does, done() is called
// exactly once and the request goes on: with the hook's changes when it
// answers (sync or async), without them when it throws or rejects (the
// page's handler still runs), and after vendorTimeoutMs when it never answers.
func TestWhisbiPreSessionHooks(t *testing.T) {
	srv := customerServer(t)
	for _, tc := range []struct {
		hook, seed, contentID, extra string
		waits                        bool
	}{
		{"sync", "seed-1-crm", "pricing-page", `{"crm":7}`, false},
		{"async", "seed-1-crm", "pricing-page", `{"crm":7}`, false},
		{"throw", "seed-1", "pricing-page", "", false},
		{"reject", "seed-1", "pricing-page", "", false},
		{"hang", "seed-1", "c-1", "", true},
	} {
		t.Run(tc.hook, func(t *testing.T) {
			tab := whisbiPage(t, srv, tc.hook)
			var r struct {
				Seed, ContentID, Extra string
				DoneCalls, Requested   int
				Ms                     float64
			}
			tab.Eval(`(async () => {
				`+untilJS+`
				const f = WhisbiFake, t0 = performance.now();
				f.callMeNow({name: 'Jana', phone: '777 666 555'});
				await until(() => f.calls.some((c) => c.name === 'otoSessionRequested'));
				const ms = performance.now() - t0;
				await new Promise((ok) => setTimeout(ok, 450)); // past the timeout: no second done()
				await f.settle();
				const q = f.requests[0];
				return {seed: q.seed, contentId: q.contentId, extra: q.customer.extra, doneCalls: q.doneCalls, ms,
					requested: f.calls.filter((c) => c.name === 'otoSessionRequested').length};
			})()`, &r)
			assert.Equal(t, tc.seed, r.Seed)
			assert.Equal(t, tc.contentID, r.ContentID)
			assert.Equal(t, tc.extra, r.Extra)
			assert.Equal(t, 1, r.DoneCalls, "done() exactly once")
			assert.Equal(t, 1, r.Requested)
			if tc.waits {
				assert.GreaterOrEqual(t, r.Ms, 400.0, "waited for the hook until vendorTimeoutMs")
			} else {
				assert.Less(t, r.Ms, 400.0, "did not wait for the timeout")
			}
			errs := 0
			for _, l := range tab.Console() {
				if strings.HasPrefix(l, "error") {
					errs++
					assert.Contains(t, l, "agentshim: Whisbi preSession:")
				}
			}
			assert.Equal(t, map[bool]int{true: 1, false: 0}[tc.hook == "throw" || tc.hook == "reject" || tc.waits], errs,
				"a failing hook is reported once on the console")
			assert.Empty(t, tab.Exceptions())
		})
	}
}

// TestWhisbiReloadMidSession reloads the page while the customer waits for
// an agent. The real widget fires neither otoOpened nor otoSessionRequested
// again, and agentshim must keep the contact; a page that fires them again
// anyway gets no second event either.
func TestWhisbiReloadMidSession(t *testing.T) {
	srv := customerServer(t)
	tab := whisbiPage(t, srv, "sync")
	var before struct {
		Kpi, Requested string
	}
	tab.Eval(`(async () => {
		`+untilJS+`
		const f = WhisbiFake;
		f.callMeNow({name: 'Jana', phone: '777 666 555'});
		await until(() => f.calls.some((c) => c.name === 'otoSessionRequested'));
		await new Promise((ok) => setTimeout(ok, 50)); // the snapshot is saved once per task
		const c = f.calls.find((c) => c.name === 'otoSessionRequested');
		return {kpi: c.arg.kpiGuid, requested: JSON.stringify(c.arg)};
	})()`, &before)
	require.NotEmpty(t, before.Kpi)

	tab.Reload()
	tab.Eval(`AgentShim.ready.then(() => true)`, nil)
	var after struct {
		Events, Vendor []string
		Contact        map[string]any
	}
	tab.Eval(`(async () => {
		const f = WhisbiFake, shim = await AgentShim.ready;
		await f.settle();
		const vendor = f.calls.map((c) => c.name);
		f.emit('otoOpened');
		f.emit('otoSessionRequested', `+before.Requested+`);
		await f.settle();
		f.agentJoins();
		await f.settle();
		const line = `+whisbiLine+`;
		return {events: shimEvents.map(line), vendor, contact: shim.contact(`+jsString(t, before.Kpi)+`)};
	})()`, &after)
	assert.Equal(t, []string{"otoPinCodeGenerated"}, after.Vendor, "the widget itself fires only the PIN again")
	assert.Equal(t, []string{
		"contact " + before.Kpi + " queued connected voice +420777666555 ",
	}, after.Events, "no second opened, requested, queued or pin after the reload")
	assert.Equal(t, "connected", after.Contact["state"])
	assertCleanPage(t, tab)
}
