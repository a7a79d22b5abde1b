package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/agentshim/agentshim/cmd/agentshim-serve/static"
	"github.com/agentshim/agentshim/cmd/agentshim-serve/store"
)

const oneEventTrace = `{"version":1,"startedAt":"2021-05-12T10:57:59.118Z","events":[
  {"at":"2021-05-12T11:00:00.120Z","vendor":"telemarketing","name":"TelemarketCampaignStatusChangedEvent","payload":{"campaignId":1542,"status":"IN_PROCESS"}}
]}`

// server runs agentshim-serve in-process on a free port.
type server struct {
	base           string
	data           string
	cancel         context.CancelFunc
	done           chan error
	stdout, stderr *lockedBuffer
}

func startServer(t *testing.T, extra ...string) *server {
	t.Helper()
	dist, web := siteDirs(t)
	traces := filepath.Join(filepath.Dir(web), "traces")
	require.NoError(t, os.MkdirAll(traces, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(traces, "demo.json"), []byte(oneEventTrace), 0o644))
	s := &server{data: dataOf(web), done: make(chan error, 1), stdout: &lockedBuffer{}, stderr: &lockedBuffer{}}
	var ctx context.Context
	ctx, s.cancel = context.WithCancel(context.Background())
	args := append([]string{"-addr", "127.0.0.1:0", "-dist", dist, "-web", web, "-data", s.data,
		"-traces", traces, "-sse-interval", "10ms", "-sse-keepalive", "1h"}, extra...)
	go func() { s.done <- run(ctx, args, s.stdout, s.stderr) }()
	require.Eventually(t, func() bool {
		m := listenLine.FindStringSubmatch(s.stdout.String())
		if m != nil {
			s.base = strings.TrimSuffix(m[1], "/")
		}
		return m != nil
	}, 5*time.Second, 10*time.Millisecond, "no listening line; stderr: %s", s.stderr.String())
	t.Cleanup(func() {
		s.cancel()
		<-s.done
	})
	return s
}

func (s *server) do(t *testing.T, method, path, ctype, body string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, s.base+path, strings.NewReader(body))
	require.NoError(t, err)
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res, string(b)
}

func TestServesTheBackEnd(t *testing.T) {
	s := startServer(t)
	assert.Contains(t, s.stdout.String(), "storage: SQLite in "+s.data)
	now := time.Now().UTC().Format(time.RFC3339)
	call := `{"callid":"6f1c2b9e-3d4a-4b5c-8d9e-0a1b2c3d4e5f","start":"` + now + `","userid":7}`

	res, body := s.do(t, http.MethodPost, "/api/webhooks/start-call", "application/json", call)
	require.Equal(t, http.StatusOK, res.StatusCode, body)
	assert.JSONEq(t, `{"ok":true,"duplicate":false}`, body)
	_, body = s.do(t, http.MethodPost, "/api/webhooks/start-call", "application/json", call)
	assert.JSONEq(t, `{"ok":true,"duplicate":true}`, body)
	res, body = s.do(t, http.MethodPost, "/api/webhooks/end-call", "application/json", `{"callid":"nope"}`)
	assert.Equal(t, http.StatusBadRequest, res.StatusCode)
	assert.Contains(t, body, `"code":"INVALID_FIELD"`)

	res, _ = s.do(t, http.MethodPost, "/api/heartbeat", "application/json", `{"agentId":"AGENT1001@felixct7"}`)
	require.Equal(t, http.StatusOK, res.StatusCode)

	res, body = s.do(t, http.MethodGet, "/api/dashboard?tz=Europe/Berlin", "", "")
	require.Equal(t, http.StatusOK, res.StatusCode, body)
	var f struct {
		AgentsLoggedIn, CallsToday int
		Hourly                     []struct{ Incoming, Answered int }
	}
	require.NoError(t, json.Unmarshal([]byte(body), &f))
	assert.Equal(t, 1, f.AgentsLoggedIn)
	require.Len(t, f.Hourly, 48)
	incoming, answered := 0, 0
	for _, h := range f.Hourly { // the last or, past an hour's turn, the one before
		incoming += h.Incoming
		answered += h.Answered
	}
	assert.Equal(t, 1, incoming)
	assert.Equal(t, 1, answered)

	res, body = s.do(t, http.MethodGet, "/api/nope", "", "")
	assert.Equal(t, http.StatusNotFound, res.StatusCode)
	assert.Contains(t, body, `"code":"NOT_FOUND"`)

	res, body = s.do(t, http.MethodGet, "/dashboard", "", "")
	require.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, static.ContentSecurityPolicy, res.Header.Get("Content-Security-Policy"))
	assert.Contains(t, body, "Call dashboard")
	res, _ = s.do(t, http.MethodGet, "/dashboard/assets/dashboard.js", "", "")
	assert.Equal(t, "text/javascript; charset=utf-8", res.Header.Get("Content-Type"))
	res, _ = s.do(t, http.MethodGet, "/index.html", "", "")
	assert.Equal(t, http.StatusOK, res.StatusCode, "web/ is still served under /")
	assert.Empty(t, s.stderr.String())
}

// Shutdown ends open event streams at once and closes the database: SQLite
// removes its write-ahead log when the last connection closes cleanly.
func TestShutdownEndsStreamsAndClosesTheDatabase(t *testing.T) {
	s := startServer(t)
	res, err := http.Get(s.base + "/api/telemarketing/events?trace=demo")
	require.NoError(t, err)
	defer res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode)
	r := bufio.NewReader(res.Body)
	for {
		line, err := r.ReadString('\n')
		require.NoError(t, err)
		if strings.HasPrefix(line, "event: TelemarketCampaignStatusChangedEvent") {
			break
		}
	}
	assert.FileExists(t, filepath.Join(s.data, store.SQLiteFile+"-wal"))

	began := time.Now()
	s.cancel()
	select {
	case err := <-s.done:
		require.NoError(t, err)
		s.done <- nil // for the cleanup
	case <-time.After(shutdownGrace):
		t.Fatal("an open event stream held up the shutdown")
	}
	assert.Less(t, time.Since(began), 2*time.Second)
	_, err = io.ReadAll(r)
	assert.NoError(t, err, "the stream ended cleanly")
	assert.NoFileExists(t, filepath.Join(s.data, store.SQLiteFile+"-wal"), "the database was closed")
	assert.Contains(t, s.stdout.String(), "agentshim-serve: stopped")
}

func TestHelpListsTheNewFlags(t *testing.T) {
	var stdout, stderr lockedBuffer
	err := run(context.Background(), []string{"-h"}, &stdout, &stderr)
	require.ErrorIs(t, err, flag.ErrHelp)
	help := stderr.String()
	for _, want := range []string{
		"-data", `(default ".data")`, "-db", "AGENTSHIM_DB",
		"-traces", `(default "testdata/traces")`,
		"-sse-interval", "(default 200ms)", "-sse-keepalive", "(default 15s)",
	} {
		assert.Contains(t, help, want)
	}
}

func TestDatabaseFlags(t *testing.T) {
	dist, web := siteDirs(t)
	base := []string{"-dist", dist, "-web", web, "-data", dataOf(web), "-addr", "127.0.0.1:0"}
	for _, bad := range [][]string{
		{"-db", "mysql://root:hunter2@db/x"},
		{"-sse-keepalive", "0s"},
		{"-sse-interval", "-1s"},
	} {
		var out lockedBuffer
		err := run(context.Background(), append(append([]string{}, base...), bad...), &out, &out)
		assert.ErrorIs(t, err, errUsage, bad)
		assert.NotContains(t, out.String(), "hunter2")
	}
	// A PostgreSQL server that is not there, or a DSN the driver refuses:
	// a plain error, and no password.
	for _, dsn := range []string{
		"postgres://u:hunter2@127.0.0.1:1/db?connect_timeout=2",
		"postgres://u:hunter2@127.0.0.1:1/db?sslmode=bogus",
	} {
		var out lockedBuffer
		err := run(context.Background(), append(base, "-db", dsn), &out, &out)
		require.Error(t, err)
		assert.NotContains(t, err.Error()+out.String(), "hunter2")
	}
}

// TestHashedRuntimeNames checks the server's caching story end to end: a
// page names /agentshim/agentshim.wasm, the browser gets a hashed name that
// is cached for a year, and the plain name revalidates.
func TestHashedRuntimeNames(t *testing.T) {
	s := startServer(t)
	web := filepath.Join(filepath.Dir(s.data), "web")
	require.NoError(t, os.WriteFile(filepath.Join(web, "desk.html"),
		[]byte(`<script src="/agentshim/agentshim.js" data-wasm="/agentshim/agentshim.wasm"></script>`), 0o644))
	assert.Contains(t, s.stdout.String(), "agent desk at "+s.base+"/desk.html")

	res, body := s.do(t, http.MethodGet, "/desk.html", "", "")
	require.Equal(t, http.StatusOK, res.StatusCode)
	m := regexp.MustCompile(`data-wasm="(/agentshim/agentshim\.[0-9a-f]{12}\.wasm)"`).FindStringSubmatch(body)
	require.NotNil(t, m, "the wasm reference is hashed: %s", body)
	assert.Contains(t, body, `src="/agentshim/agentshim.js"`, "a file dist/ lacks keeps its name")
	assert.Equal(t, static.RevalidateCache, res.Header.Get("Cache-Control"))

	res, body = s.do(t, http.MethodGet, m[1], "", "")
	require.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, "plain", body)
	assert.Equal(t, "application/wasm", res.Header.Get("Content-Type"))
	assert.Equal(t, static.ImmutableCache, res.Header.Get("Cache-Control"))

	res, _ = s.do(t, http.MethodGet, "/agentshim/agentshim.wasm", "", "")
	assert.Equal(t, static.RevalidateCache, res.Header.Get("Cache-Control"))
	res, _ = s.do(t, http.MethodGet, "/agentshim/agentshim.000000000000.wasm", "", "")
	assert.Equal(t, http.StatusNotFound, res.StatusCode)
}
