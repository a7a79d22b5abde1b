package e2e

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/agentshim/agentshim/cmd/agentshim-serve/sse"
)

// cutStream serves the real SSE replayer of cmd/agentshim-serve and, on the
// first connection only, drops the stream after `after` messages, as a proxy
// or a network change would. It shortens the server's retry so that the
// browser reconnects at once, and notes each request's Last-Event-ID.
type cutStream struct {
	next  http.Handler
	after int

	mu          sync.Mutex
	lastEventID []string // one per request
}

func (c *cutStream) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c.mu.Lock()
	c.lastEventID = append(c.lastEventID, r.Header.Get("Last-Event-ID"))
	first := len(c.lastEventID) == 1
	c.mu.Unlock()
	ctx, cancel := context.WithCancel(r.Context())
	defer cancel()
	cw := &cuttingWriter{ResponseWriter: w, left: -1, cancel: cancel}
	if first {
		cw.left = c.after
	}
	c.next.ServeHTTP(cw, r.WithContext(ctx))
}

func (c *cutStream) requests() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.lastEventID...)
}

// cuttingWriter counts the messages written ("id: " lines) and, once `left`
// reaches zero, fails every later write and ends the request.
type cuttingWriter struct {
	http.ResponseWriter
	left   int // -1: never cut
	cancel context.CancelFunc
}

func (w *cuttingWriter) Write(p []byte) (int, error) {
	if w.left == 0 {
		w.cancel()
		return 0, errors.New("stream cut by the test")
	}
	s := strings.Replace(string(p), "retry: 2000", "retry: 20", 1)
	if strings.HasPrefix(s, "id: ") && w.left > 0 {
		w.left--
	}
	if _, err := io.WriteString(w.ResponseWriter, s); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Unwrap lets http.NewResponseController flush the real writer.
func (w *cuttingWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// telemarketingServer serves the e2e pages and the real SSE endpoint, which
// replays web/e2e/testdata/sse/<trace>.json and is cut after `after` messages.
func telemarketingServer(t *testing.T, after int) (*Server, *cutStream) {
	return telemarketingServerEvery(t, after, 15*time.Millisecond)
}

// telemarketingServerEvery is telemarketingServer with `interval` between two messages.
func telemarketingServerEvery(t *testing.T, after int, interval time.Duration) (*Server, *cutStream) {
	srv := customerServer(t)
	stop := make(chan struct{})
	t.Cleanup(func() { close(stop) }) // before the server closes: streams end first
	replayer := &sse.Replayer{Dir: RepoPath(t, "web/e2e/testdata/sse"), Interval: interval,
		KeepAlive: time.Second, Log: log.New(os.Stderr, "sse: ", 0), Shutdown: stop}
	cut := &cutStream{next: replayer, after: after}
	srv.Handle("/api/telemarketing/events", cut)
	return srv, cut
}

// traceEvents reads the telemarketing events of the e2e trace, as sent.
func traceEvents(t *testing.T) []json.RawMessage {
	doc, err := os.ReadFile(RepoPath(t, "web/e2e/testdata/sse/telemarketing-e2e.json"))
	require.NoError(t, err)
	var tr struct {
		Events []struct {
			Payload json.RawMessage `json:"payload"`
		} `json:"events"`
	}
	require.NoError(t, json.Unmarshal(doc, &tr))
	var out []json.RawMessage
	for _, e := range tr.Events {
		out = append(out, e.Payload)
	}
	return out
}

// TestTelemarketingOverSSE reads the event stream of the real server through
// the data-telemarketing option. The stream is cut after three messages; the
// browser reconnects with Last-Event-ID, and every event arrives exactly once,
// in order. Statistics are upserted per statisticId, the callback becomes a
// scheduled contact, and the paused campaign blocks dialing.
func TestTelemarketingOverSSE(t *testing.T) {
	srv, cut := telemarketingServer(t, 3)
	tab := NewTab(t)
	tab.Go(srv.URLFor("/e2e/testdata/telemarketing.html"))
	want := traceEvents(t)
	tab.WaitFor(`AgentShim.ready.then((s) => s.trace().events.length >= 9)`)

	var res struct {
		Trace        []json.RawMessage
		Events       []string
		Statistics   []map[string]any
		Applications []map[string]any
		Campaigns    []map[string]string
		Callback     map[string]any
	}
	tab.Eval(`(async () => {
		const shim = await AgentShim.ready;
		await new Promise((ok) => setTimeout(ok, 100)); // nothing more arrives
		const line = (e) => e.type == 'campaign' ? ['campaign', e.campaign.kind, e.campaign.id, e.campaign.status,
				e.campaign.record && e.campaign.record.id, e.campaign.record && e.campaign.record.fields.status].join(' ')
			: e.type == 'contact' ? ['contact', e.contactId, e.from, e.to].join(' ') : e.type + ' ' + JSON.stringify(e);
		return {
			trace: shim.trace().events.map((e) => e.payload),
			events: shimEvents.map(line),
			statistics: shim.statistics(),
			applications: shim.applications(),
			campaigns: shim.campaigns(),
			callback: shim.contact('cb-501'),
		};
	})()`, &res)

	require.Len(t, res.Trace, len(want), "every event exactly once")
	for i := range want {
		assert.JSONEq(t, string(want[i]), string(res.Trace[i]), "event %d in order", i)
	}
	reqs := cut.requests()
	require.Len(t, reqs, 2, "one reconnection")
	assert.Equal(t, []string{"", "2"}, reqs, "the browser resumed after the third message (id 2)")

	assert.Equal(t, []string{
		"campaign status 77 IN_PROCESS  ",
		"campaign statistic 77 IN_PROCESS st-1 NOT_SUCCESSFUL",
		"campaign statistic 77 IN_PROCESS st-1 SUCCESSFUL",
		"campaign statistic 77 IN_PROCESS st-2 NOT_SUCCESSFUL",
		"contact cb-501  scheduled",
		"campaign application 77 IN_PROCESS 99120456 RECALL",
		"campaign status 77 PAUSED  ",
	}, res.Events, "the duplicate and the older update of st-1 changed nothing")
	require.Len(t, res.Statistics, 2)
	assert.Equal(t, "st-1", res.Statistics[0]["id"])
	assert.Equal(t, "2024-03-04T09:03:58.000Z", res.Statistics[0]["updated"])
	assert.Equal(t, "SUCCESSFUL", res.Statistics[0]["fields"].(map[string]any)["status"])
	assert.Equal(t, "118", res.Statistics[0]["fields"].(map[string]any)["operatorCallDuration"])
	require.Len(t, res.Applications, 1)
	assert.Equal(t, "2024-03-04T15:00:00.000Z", res.Applications[0]["fields"].(map[string]any)["nextCall"])
	assert.Equal(t, []map[string]string{{"id": "77", "status": "PAUSED"}}, res.Campaigns)
	assert.Equal(t, "scheduled", res.Callback["state"])
	assert.Equal(t, "callback", res.Callback["channel"])
	assert.Equal(t, "+447700900229", res.Callback["number"])
	assert.Equal(t, "2024-03-04T15:00:00.000Z", res.Callback["scheduledFor"])

	// Dialing for the paused campaign is refused; once it runs again (ingested by hand), it dials.
	var dial struct {
		Paused, Code, Running, Other string
		Calls                        []string
	}
	tab.Eval(`(async () => {
		const shim = await AgentShim.ready;
		await AgentShim.attachToolbar();
		await shim.login();
		const out = {};
		await shim.dial('07700 900229', {campaignId: 77}).catch((e) => { out.code = e.code; out.paused = e.message; });
		shim.ingest({eventName: 'TelemarketCampaignStatusChangedEvent', campaignId: 77, status: 'IN_PROCESS'});
		const c = await shim.dial('07700 900229', {campaignId: 77});
		out.running = c.state;
		out.calls = CTT7Fake.calls.map((c) => c.method);
		return out;
	})()`, &dial)
	assert.Equal(t, "INVALID_STATE", dial.Code)
	assert.Contains(t, dial.Paused, "campaign 77 is PAUSED")
	assert.NotContains(t, dial.Paused, "900229", "no phone number in an error")
	assert.Equal(t, "dialing", dial.Running)
	assert.Contains(t, dial.Calls, "CONTACT.MakeCall")
	assertCleanPage(t, tab)
}

// TestTelemarketingIngestAfterReload: shim.ingest feeds the same machine,
// and the records survive a reload (they are in the persisted snapshot), so
// a repeat of the last update after the reload is still a duplicate.
func TestTelemarketingIngestAfterReload(t *testing.T) {
	srv := customerServer(t)
	tab := NewTab(t)
	tab.Go(srv.URLFor("/e2e/testdata/shim.html"))
	events := traceEvents(t)
	var n int
	tab.Eval(`(async () => {
		const shim = await AgentShim.ready;
		for (const e of [`+string(events[1])+`, `+string(events[2])+`]) shim.ingest(e);
		await new Promise((ok) => setTimeout(ok, 50)); // the snapshot is saved once per task
		return shim.statistics().length;
	})()`, &n)
	assert.Equal(t, 1, n)
	tab.Reload()
	var after struct {
		Events []string
		Status string
	}
	tab.Eval(`(async () => {
		const shim = await AgentShim.ready;
		const events = [];
		shim.on('campaign', (e) => events.push(e.campaign.record.id));
		for (const e of [`+string(events[3])+`, `+string(events[4])+`, `+string(events[5])+`]) shim.ingest(e);
		const stats = shim.statistics(); // a query feeds what is queued first
		return {events, status: stats[0].fields.status};
	})()`, &after)
	assert.Equal(t, []string{"st-2"}, after.Events, "a repeat and an older update after the reload change nothing")
	assert.Equal(t, "SUCCESSFUL", after.Status)
	assertCleanPage(t, tab)
}
