package dashboard

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/agentshim/agentshim/cmd/agentshim-serve/store"
)

// clock is a settable Now for the handlers.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Set(t time.Time) { c.mu.Lock(); defer c.mu.Unlock(); c.t = t }

func newAPI(t *testing.T) (*API, *clock, *bytes.Buffer) {
	t.Helper()
	st, err := store.OpenSQLite(context.Background(), filepath.Join(t.TempDir(), "data"))
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	clk := &clock{t: fixtureNow}
	var logs bytes.Buffer
	return &API{Store: st, Now: clk.Now, Log: log.New(&logs, "", 0)}, clk, &logs
}

func do(t *testing.T, h http.HandlerFunc, method, target, ctype, body string) (*http.Response, []byte) {
	t.Helper()
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	rec := httptest.NewRecorder()
	h(rec, req)
	res := rec.Result()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res, b
}

func errorCode(t *testing.T, body []byte) string {
	t.Helper()
	var e struct {
		Error struct{ Code, Message string }
	}
	require.NoError(t, json.Unmarshal(body, &e), string(body))
	require.NotEmpty(t, e.Error.Message)
	return e.Error.Code
}

func TestDashboardAPIOnHandWorkedDay(t *testing.T) {
	api, clk, _ := newAPI(t)
	ctx := context.Background()
	for _, f := range fixtureCalls() {
		_, err := api.Store.RecordCall(ctx, store.Delivery{Event: f.ev, Call: f.call, ReceivedAt: f.recv})
		require.NoError(t, err, f.name)
	}
	// Heartbeats: 10 s and exactly 60 s before now count; 61 s does not,
	// nor one after the requested now.
	for agent, ago := range map[string]time.Duration{"a1": 10 * time.Second, "a2": 60 * time.Second, "a3": 61 * time.Second, "a4": -5 * time.Second} {
		clk.Set(fixtureNow.Add(-ago))
		res, body := do(t, api.Heartbeat, http.MethodPost, "/api/heartbeat", "application/json", `{"agentId":"`+agent+`"}`)
		require.Equal(t, http.StatusOK, res.StatusCode, string(body))
		assert.JSONEq(t, `{"ok":true}`, string(body))
	}
	clk.Set(time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)) // ?now= must win over the clock

	res, body := do(t, api.Figures, http.MethodGet, "/api/dashboard?now=2026-05-12T04:10:00Z&tz=Asia/Kolkata", "", "")
	require.Equal(t, http.StatusOK, res.StatusCode, string(body))
	assert.Equal(t, "application/json", res.Header.Get("Content-Type"))
	assert.Equal(t, "no-store", res.Header.Get("Cache-Control"))
	var f Figures
	require.NoError(t, json.Unmarshal(body, &f))
	assert.Equal(t, 2, f.AgentsLoggedIn)
	checkFixtureFigures(t, f)
	// The wire names are the documented ones.
	for _, key := range []string{`"agentsLoggedIn":2`, `"callsToday":7`, `"averageDurationSecondsToday":213.5`,
		`{"hour":"2026-05-12T09:00:00+05:30","incoming":2,"answered":2,"missed":0}`} {
		assert.Contains(t, string(body), key)
	}
}

func TestDashboardDefaultsToUTCAndTheClock(t *testing.T) {
	api, clk, _ := newAPI(t)
	clk.Set(utc("2026-05-12T04:10:00Z"))
	res, body := do(t, api.Figures, http.MethodGet, "/api/dashboard", "", "")
	require.Equal(t, http.StatusOK, res.StatusCode)
	var f Figures
	require.NoError(t, json.Unmarshal(body, &f))
	assert.Equal(t, "UTC", f.TimeZone)
	assert.Equal(t, "2026-05-12T04:10:00Z", f.Now)
	assert.Equal(t, "2026-05-12T04:00:00Z", f.Hourly[47].Hour)
	assert.Contains(t, string(body), `"averageDurationSecondsToday":null`)
}

func TestDashboardBadRequests(t *testing.T) {
	api, _, _ := newAPI(t)
	for _, target := range []string{
		"/api/dashboard?tz=Mars/Olympus",
		"/api/dashboard?tz=../../etc/passwd",
		"/api/dashboard?tz=Local",
		"/api/dashboard?now=yesterday",
		"/api/dashboard?now=2026-05-12T04:10:00", // no offset
	} {
		res, body := do(t, api.Figures, http.MethodGet, target, "", "")
		assert.Equal(t, http.StatusBadRequest, res.StatusCode, target)
		assert.Equal(t, "INVALID_FIELD", errorCode(t, body), target)
		assert.NotContains(t, string(body), "passwd", "the value is not echoed")
	}
	res, body := do(t, api.Figures, http.MethodPost, "/api/dashboard", "", "")
	assert.Equal(t, http.StatusMethodNotAllowed, res.StatusCode)
	assert.Equal(t, "METHOD_NOT_ALLOWED", errorCode(t, body))
	assert.Equal(t, "GET, HEAD", res.Header.Get("Allow"))
}

func TestHeartbeatBadRequests(t *testing.T) {
	api, _, _ := newAPI(t)
	cases := []struct {
		name, ctype, body string
		status            int
		code              string
	}{
		{"no agentId", "application/json", `{}`, 400, "INVALID_FIELD"},
		{"empty agentId", "application/json", `{"agentId":"  "}`, 400, "INVALID_FIELD"},
		{"agentId not a string", "application/json", `{"agentId":7}`, 400, "INVALID_JSON"},
		{"control characters", "application/json", `{"agentId":"a\u0007b"}`, 400, "INVALID_FIELD"},
		{"too long", "application/json", `{"agentId":"` + strings.Repeat("x", 201) + `"}`, 400, "INVALID_FIELD"},
		{"not JSON", "application/json", `agentId=a1`, 400, "INVALID_JSON"},
		{"a form", "application/x-www-form-urlencoded", `agentId=a1`, 415, "UNSUPPORTED_MEDIA_TYPE"},
		{"too large", "application/json", `{"agentId":"a","pad":"` + strings.Repeat("x", maxHeartbeat) + `"}`, 413, "BODY_TOO_LARGE"},
	}
	for _, c := range cases {
		res, body := do(t, api.Heartbeat, http.MethodPost, "/api/heartbeat", c.ctype, c.body)
		assert.Equal(t, c.status, res.StatusCode, c.name)
		assert.Equal(t, c.code, errorCode(t, body), c.name)
	}
	res, _ := do(t, api.Heartbeat, http.MethodGet, "/api/heartbeat", "", "")
	assert.Equal(t, http.StatusMethodNotAllowed, res.StatusCode)
	n, err := api.Store.AgentsSeen(context.Background(), time.Time{}, time.Now().Add(time.Hour))
	require.NoError(t, err)
	assert.Zero(t, n, "no bad heartbeat was stored")
}

// failing is a store whose every call fails, as a lost database would.
type failing struct{ store.Store }

func (failing) Calls(context.Context, time.Time, time.Time) ([]store.Call, error) {
	return nil, assert.AnError
}
func (failing) Heartbeat(context.Context, string, time.Time) error { return assert.AnError }

func TestStoreFailuresAre500(t *testing.T) {
	var logs bytes.Buffer
	api := &API{Store: failing{}, Now: time.Now, Log: log.New(&logs, "", 0)}
	res, body := do(t, api.Figures, http.MethodGet, "/api/dashboard", "", "")
	assert.Equal(t, http.StatusInternalServerError, res.StatusCode)
	assert.Equal(t, "INTERNAL", errorCode(t, body))
	res, body = do(t, api.Heartbeat, http.MethodPost, "/api/heartbeat", "application/json", `{"agentId":"a"}`)
	assert.Equal(t, http.StatusInternalServerError, res.StatusCode)
	assert.Equal(t, "INTERNAL", errorCode(t, body))
	assert.Contains(t, logs.String(), assert.AnError.Error())
}
