package sse

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sample has telemarketing events at indexes 1, 3 and 4; the others belong
// to other vendors and are not streamed.
const sample = `{"version":1,"startedAt":"2021-05-12T10:57:59.118Z","events":[
  {"at":"2021-05-12T10:58:00.402Z","vendor":"ctt7","name":"AGENT:LOGGEDIN","payload":{"ID":"AGENT1001@felixct7"}},
  {"at":"2021-05-12T11:00:00.120Z","vendor":"telemarketing","name":"TelemarketCampaignStatusChangedEvent","payload":{"eventName":"TelemarketCampaignStatusChangedEvent", "campaignId":1542, "status":"IN_PROCESS"}},
  {"at":"2021-05-12T11:01:00.000Z","vendor":"facade","name":"dial","payload":["07700 900229"]},
  {"at":"2021-05-12T11:02:19.310Z","vendor":"telemarketing","name":"TelemarketStatisticsUpdatedEvent","payload":{"statisticId":"st-1","note":"two\nlines"}},
  {"at":"2021-05-12T11:04:52.015Z","vendor":"telemarketing","name":"TACStatusUpdatedEvent","payload":{"tac":[1,2]}}
]}`

var wantData = map[string]string{
	"1": `{"eventName":"TelemarketCampaignStatusChangedEvent","campaignId":1542,"status":"IN_PROCESS"}`,
	"3": `{"statisticId":"st-1","note":"two\nlines"}`,
	"4": `{"tac":[1,2]}`,
}

type fixture struct {
	srv      *httptest.Server
	logs     *bytes.Buffer
	shutdown chan struct{}
	stop     func() // closes shutdown, once
	replayer *Replayer
	active   sync.WaitGroup // handlers still running
}

func newFixture(t *testing.T, interval time.Duration, files map[string]string) *fixture {
	t.Helper()
	dir := t.TempDir()
	files["sample.json"] = sample
	for name, body := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644))
	}
	f := &fixture{logs: &bytes.Buffer{}, shutdown: make(chan struct{})}
	p := &Replayer{Dir: dir, Interval: interval, KeepAlive: 40 * time.Millisecond, Log: log.New(f.logs, "", 0), Shutdown: f.shutdown}
	f.replayer = p
	f.stop = sync.OnceFunc(func() { close(f.shutdown) })
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.active.Add(1)
		defer f.active.Done()
		p.ServeHTTP(w, r)
	}))
	t.Cleanup(func() {
		// A handler that failed to stop would block Close forever; the
		// shutdown signal turns that hang into the failure already reported.
		f.stop()
		f.srv.CloseClientConnections()
		f.srv.Close()
	})
	return f
}

// block is one SSE block: the fields up to a blank line.
type block struct {
	id, event, data, retry string
	comments               []string
}

// stream is a client reading the event stream with a real HTTP client.
type stream struct {
	t      *testing.T
	res    *http.Response
	r      *bufio.Reader
	cancel context.CancelFunc
}

func (f *fixture) open(t *testing.T, query, lastID string) *stream {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, f.srv.URL+"/?"+query, nil)
	require.NoError(t, err)
	if lastID != "" {
		req.Header.Set("Last-Event-ID", lastID)
	}
	res, err := f.srv.Client().Do(req)
	require.NoError(t, err)
	s := &stream{t: t, res: res, r: bufio.NewReader(res.Body), cancel: cancel}
	t.Cleanup(s.close)
	return s
}

func (s *stream) close() {
	s.cancel()
	s.res.Body.Close()
}

// next reads one block, failing the test after two seconds.
func (s *stream) next() block {
	s.t.Helper()
	type result struct {
		b   block
		err error
	}
	ch := make(chan result, 1)
	go func() {
		var b block
		for {
			line, err := s.r.ReadString('\n')
			if err != nil {
				ch <- result{b, err}
				return
			}
			line = strings.TrimSuffix(line, "\n")
			if line == "" {
				ch <- result{b, nil}
				return
			}
			name, value, _ := strings.Cut(line, ":")
			value = strings.TrimPrefix(value, " ")
			switch name {
			case "":
				b.comments = append(b.comments, value)
			case "id":
				b.id = value
			case "event":
				b.event = value
			case "data":
				b.data = value
			case "retry":
				b.retry = value
			default:
				s.t.Errorf("unexpected field %q", line)
			}
		}
	}()
	select {
	case r := <-ch:
		require.NoError(s.t, r.err)
		return r.b
	case <-time.After(2 * time.Second):
		s.t.Fatal("no SSE block within 2 s")
		return block{}
	}
}

// messages reads blocks until the replay-complete comment and returns the
// messages among them.
func (s *stream) messages() []block {
	s.t.Helper()
	var out []block
	for {
		b := s.next()
		if b.id != "" {
			out = append(out, b)
		}
		for _, c := range b.comments {
			if c == "replay complete" {
				return out
			}
		}
	}
}

func ids(bs []block) []string {
	var out []string
	for _, b := range bs {
		out = append(out, b.id)
	}
	return out
}

func TestReplayWholeTrace(t *testing.T) {
	const interval = 30 * time.Millisecond
	f := newFixture(t, interval, map[string]string{})
	s := f.open(t, "trace=sample", "")
	require.Equal(t, http.StatusOK, s.res.StatusCode)
	assert.Equal(t, "text/event-stream; charset=utf-8", s.res.Header.Get("Content-Type"))
	assert.Equal(t, "no-store", s.res.Header.Get("Cache-Control"))

	assert.Equal(t, "2000", s.next().retry)
	began := time.Now()
	msgs := s.messages()
	elapsed := time.Since(began)
	require.Equal(t, []string{"1", "3", "4"}, ids(msgs))
	assert.Equal(t, []string{"TelemarketCampaignStatusChangedEvent", "TelemarketStatisticsUpdatedEvent", "TACStatusUpdatedEvent"},
		[]string{msgs[0].event, msgs[1].event, msgs[2].event})
	for _, m := range msgs {
		assert.Equal(t, wantData[m.id], m.data, "id %s: the payload as compact JSON on one line", m.id)
	}
	assert.GreaterOrEqual(t, elapsed, 2*interval, "messages are paced")

	// Then the stream idles with keep-alive comments.
	assert.Equal(t, []string{"keep-alive"}, s.next().comments)
}

// A client that reads two messages, drops the connection and reconnects with
// the last id it saw gets exactly the rest.
func TestResumeWithLastEventID(t *testing.T) {
	f := newFixture(t, 5*time.Millisecond, map[string]string{})
	s := f.open(t, "trace=sample", "")
	s.next() // retry
	first := []block{s.next(), s.next()}
	require.Equal(t, []string{"1", "3"}, ids(first))
	s.close()

	s = f.open(t, "trace=sample", first[1].id)
	require.Equal(t, http.StatusOK, s.res.StatusCode)
	rest := s.messages()
	assert.Equal(t, []string{"4"}, ids(rest))
	assert.Equal(t, wantData["4"], rest[0].data)

	// An id between two messages (a skipped vendor line) resumes after it.
	assert.Equal(t, []string{"3", "4"}, ids(f.open(t, "trace=sample", "2").messages()))
	// After the last id there is nothing left to send.
	assert.Empty(t, f.open(t, "trace=sample", "4").messages())
	assert.Empty(t, f.open(t, "trace=sample", "999").messages())
}

func TestClientGoingAwayEndsTheHandler(t *testing.T) {
	f := newFixture(t, time.Hour, map[string]string{}) // the second message never comes
	f.replayer.KeepAlive = time.Hour                   // nor a keep-alive whose failed write would end it
	s := f.open(t, "trace=sample", "")
	s.next()
	assert.Equal(t, "1", s.next().id)
	s.close()
	assert.True(t, waitTimeout(&f.active, 2*time.Second), "the handler returned after the client left")
}

func TestShutdownEndsTheStream(t *testing.T) {
	f := newFixture(t, time.Hour, map[string]string{})
	s := f.open(t, "trace=sample", "")
	s.next()
	s.next()
	f.stop()
	assert.True(t, waitTimeout(&f.active, 2*time.Second), "the handler returned at shutdown")
	_, err := io.ReadAll(s.r)
	assert.NoError(t, err, "the stream ended cleanly")
}

func waitTimeout(wg *sync.WaitGroup, d time.Duration) bool {
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
		return true
	case <-time.After(d):
		return false
	}
}

func TestBadRequests(t *testing.T) {
	f := newFixture(t, 0, map[string]string{
		"broken.json":  `{"version":1,"events":[`,
		"newline.json": `{"version":1,"startedAt":"2021-05-12T10:57:59.118Z","events":[{"at":"2021-05-12T10:57:59.118Z","vendor":"telemarketing","name":"A\nid: 99","payload":{}}]}`,
		"secret.txt":   "top secret",
	})
	cases := []struct {
		query, lastID string
		status        int
		code          string
	}{
		{"", "", 400, "INVALID_FIELD"},
		{"trace=../sample", "", 400, "INVALID_FIELD"},
		{"trace=..%2Fsample", "", 400, "INVALID_FIELD"},
		{"trace=sample.json", "", 400, "INVALID_FIELD"},
		{"trace=secret.txt", "", 400, "INVALID_FIELD"},
		{"trace=%2Fetc%2Fpasswd", "", 400, "INVALID_FIELD"},
		{"trace=sample%00", "", 400, "INVALID_FIELD"},
		{"trace=missing", "", 404, "NOT_FOUND"},
		{"trace=secret", "", 404, "NOT_FOUND"},
		{"trace=sample", "abc", 400, "INVALID_FIELD"},
		{"trace=sample", "-1", 400, "INVALID_FIELD"},
		{"trace=broken", "", 500, "INTERNAL"},
		{"trace=newline", "", 500, "INTERNAL"},
	}
	for _, c := range cases {
		req, err := http.NewRequest(http.MethodGet, f.srv.URL+"/?"+c.query, nil)
		require.NoError(t, err)
		if c.lastID != "" {
			req.Header.Set("Last-Event-ID", c.lastID)
		}
		res, err := f.srv.Client().Do(req)
		require.NoError(t, err)
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		assert.Equal(t, c.status, res.StatusCode, c.query)
		assert.Equal(t, "application/json", res.Header.Get("Content-Type"), c.query)
		var e struct{ Error struct{ Code string } }
		require.NoError(t, json.Unmarshal(body, &e), c.query)
		assert.Equal(t, c.code, e.Error.Code, c.query)
		assert.NotContains(t, string(body), "top secret")
	}
	assert.Contains(t, f.logs.String(), "trace broken")
	assert.Contains(t, f.logs.String(), "line break")

	res, err := f.srv.Client().Post(f.srv.URL+"/?trace=sample", "text/plain", nil)
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, http.StatusMethodNotAllowed, res.StatusCode)
}

// The recorded campaign trace replays in full, one message per telemarketing
// line, in order.
func TestRecordedCampaignTrace(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "testdata", "traces")
	doc, err := os.ReadFile(filepath.Join(dir, "telemarketing-campaign.json"))
	require.NoError(t, err)
	var tr struct {
		Events []struct{ Vendor, Name string }
	}
	require.NoError(t, json.Unmarshal(doc, &tr))
	var want []string
	for _, e := range tr.Events {
		if e.Vendor == "telemarketing" {
			want = append(want, e.Name)
		}
	}
	require.NotEmpty(t, want)

	p := &Replayer{Dir: dir, Interval: 0, KeepAlive: time.Minute, Log: log.New(io.Discard, "", 0)}
	srv := httptest.NewServer(p)
	t.Cleanup(srv.Close) // after the stream's own cleanup has closed it
	s := (&fixture{srv: srv}).open(t, "trace=telemarketing-campaign", "")
	msgs := s.messages()
	var got []string
	for _, m := range msgs {
		got = append(got, m.event)
		assert.True(t, json.Valid([]byte(m.data)), m.id)
	}
	assert.Equal(t, want, got)
}

func TestLastEventIDParsing(t *testing.T) {
	n, err := lastEventID("")
	assert.NoError(t, err)
	assert.Equal(t, -1, n)
	n, err = lastEventID(" 7 ")
	assert.NoError(t, err)
	assert.Equal(t, 7, n)
	_, err = lastEventID("7.5")
	assert.Error(t, err)
}
