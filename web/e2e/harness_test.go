package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// These tests prove the harness itself: what it captures and how it fails.

func TestCSPViolationsAreCaptured(t *testing.T) {
	srv := webServer(t)
	tab := NewTab(t)
	tab.Go(srv.URLFor("/e2e/testdata/csp.html"))
	tab.WaitUntil("two CSP violations", func() bool { return len(tab.CSPViolations()) >= 2 })

	byBlocked := map[string]CSPViolation{}
	for _, v := range tab.CSPViolations() {
		byBlocked[v.Blocked] = v
	}
	inline, ok := byBlocked["inline"]
	require.True(t, ok, "inline script violation: %v", tab.CSPViolations())
	assert.Equal(t, "script-src-elem", inline.Directive)
	assert.Equal(t, srv.URLFor("/e2e/testdata/csp.html"), inline.Source)
	assert.Equal(t, lineOf(t, "testdata/csp.html", "window.inlineRan = true"), inline.Line)
	assert.Equal(t, "enforce", inline.Disposition)

	eval, ok := byBlocked["eval"]
	require.True(t, ok, "eval violation: %v", tab.CSPViolations())
	assert.Equal(t, "script-src", eval.Directive)
	assert.Equal(t, srv.URLFor("/e2e/testdata/csp.js"), eval.Source)

	// The policy was enforced, not only reported.
	var inlineRan, evalResult, hook string
	tab.Eval(`typeof window.inlineRan`, &inlineRan)
	tab.Eval(`typeof window.`+cspBinding, &hook)
	assert.Equal(t, "undefined", hook, "the page cannot see the harness's hook")
	tab.Eval(`window.evalResult`, &evalResult)
	assert.Equal(t, "undefined", inlineRan)
	assert.Equal(t, "EvalError", evalResult)
	// Chromium also logs the refusal; it lands in the console capture.
	tab.WaitUntil("a console line about the policy", func() bool {
		return slices.ContainsFunc(tab.Console(), func(l string) bool { return strings.Contains(l, "Content Security Policy") })
	})
}

func TestConsoleExceptionsAndWebhook(t *testing.T) {
	srv := webServer(t)
	hooks := make(chan map[string]any, 1)
	srv.HandleFunc("POST /hooks/echo", func(w http.ResponseWriter, r *http.Request) {
		var body map[string]any
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		hooks <- body
		fmt.Fprintf(w, "got %v", body["event"])
	})
	tab := NewTab(t)
	tab.Go(srv.URLFor("/e2e/testdata/console.html"))

	var answer string
	tab.Eval(`window.hookAnswer`, &answer)
	assert.Equal(t, "got ping", answer)
	select {
	case body := <-hooks:
		assert.Equal(t, map[string]any{"event": "ping", "seq": 1.0}, body)
	case <-time.After(time.Second):
		t.Fatal("the webhook receiver got nothing")
	}

	tab.WaitUntil("two exceptions", func() bool { return len(tab.Exceptions()) >= 2 })
	ex := strings.Join(tab.Exceptions(), "\n")
	assert.Contains(t, ex, "boom from a timer")
	assert.Contains(t, ex, "nobody handles this")
	console := strings.Join(tab.Console(), "\n")
	assert.Contains(t, console, "log: hello from console.js")
	assert.Contains(t, console, "error: a console error")
	assert.Contains(t, console, "/e2e/testdata/console.js:", "lines carry their source")
	assert.Empty(t, tab.CSPViolations())
}

// fatalRecorder stands in for the test while a helper is expected to fail:
// it records the message and ends the goroutine, as t.Fatal does.
type fatalRecorder struct {
	testing.TB
	mu  sync.Mutex
	msg string
}

func (r *fatalRecorder) Fatalf(format string, args ...any) {
	r.mu.Lock()
	r.msg = fmt.Sprintf(format, args...)
	r.mu.Unlock()
	runtime.Goexit()
}

func (r *fatalRecorder) Fatal(args ...any) { r.Fatalf("%s", fmt.Sprint(args...)) }

// failureOf runs f with the tab reporting to a recorder and returns the
// failure message ("" when f did not fail).
func failureOf(t *testing.T, tab *Tab, f func()) string {
	rec := &fatalRecorder{TB: t}
	real := tab.t
	tab.t = rec
	defer func() { tab.t = real }()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	<-done
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return rec.msg
}

func TestWaitForFailureIsReadable(t *testing.T) {
	t.Setenv("ARTIFACTS_DIR", t.TempDir())
	srv := webServer(t)
	srv.HandleFunc("POST /hooks/echo", func(w http.ResponseWriter, r *http.Request) {})
	tab := NewTab(t)
	tab.Go(srv.URLFor("/e2e/testdata/console.html"))
	tab.WaitUntil("the page's console lines", func() bool {
		return slices.ContainsFunc(tab.Console(), func(l string) bool { return strings.Contains(l, "caller") })
	})
	tab.WaitTimeout = 300 * time.Millisecond

	msg := failureOf(t, tab, func() { tab.WaitFor(`window.neverSet === 1`) })
	require.NotEmpty(t, msg, "WaitFor must fail")
	assert.Contains(t, msg, "waited 300ms for window.neverSet === 1")
	assert.Contains(t, msg, "hello from console.js", "the console log is part of the failure")
	assert.Contains(t, msg, "+*********555", "phone numbers are masked")
	assert.NotContains(t, msg, "777666")
	shot := msg[strings.Index(msg, "screenshot: ")+len("screenshot: "):]
	shot = strings.TrimSpace(shot[:strings.Index(shot, "\n")])
	assertPNG(t, shot)

	// Still the raw line for assertions.
	assert.True(t, slices.ContainsFunc(tab.Console(), func(l string) bool { return strings.Contains(l, "+420777666555") }))

	msg = failureOf(t, tab, func() { tab.Eval(`(() => { throw new Error('nope') })()`, nil) })
	assert.Contains(t, msg, "nope")
	msg = failureOf(t, tab, func() { tab.Go(srv.URLFor("/e2e/testdata/missing.html")) })
	assert.Contains(t, msg, "HTTP 404")
}

func TestEvalAwaitsAndDecodes(t *testing.T) {
	srv := webServer(t)
	tab := NewTab(t)
	tab.Go(srv.URLFor("/e2e/testdata/ctt7.html"))

	var got struct{ N int }
	tab.Eval(`new Promise((r) => setTimeout(() => r({n: 7}), 10))`, &got)
	assert.Equal(t, 7, got.N)
	err := tab.EvalErr(`Promise.reject(new Error('rejected on purpose'))`, nil)
	assert.ErrorContains(t, err, "rejected on purpose")
	var s string
	assert.ErrorContains(t, tab.EvalErr(`undefined`, &s), "undefined")
	tab.Eval(`undefined`, nil) // no value wanted: fine
	tab.WaitFor(`new Promise((r) => setTimeout(() => r(true), 50))`)
}

func TestReloadAndTabIsolation(t *testing.T) {
	srv := webServer(t)
	a := NewTab(t)
	a.Go(srv.URLFor("/e2e/testdata/ctt7.html"))
	a.Eval(`sessionStorage.setItem('s', 'kept'), localStorage.setItem('l', 'a only'), window.marker = 1`, nil)
	a.Reload()
	a.WaitFor(`window.TOOLBAR`)
	var after []any
	a.Eval(`[window.marker === undefined, sessionStorage.getItem('s')]`, &after)
	assert.Equal(t, []any{true, "kept"}, after, "a reload is a new document in the same session")

	b := NewTab(t)
	b.Go(srv.URLFor("/e2e/testdata/ctt7.html"))
	var leaked any
	b.Eval(`localStorage.getItem('l')`, &leaked)
	assert.Nil(t, leaked, "each tab has its own browser context")
}

func TestScreenshotToArtifacts(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("ARTIFACTS_DIR", dir)
	srv := webServer(t)
	tab := NewTab(t)
	tab.Go(srv.URLFor("/e2e/testdata/mluvii.html"))
	path := tab.Screenshot("sub/mluvii.png")
	assert.Equal(t, dir+"/sub/mluvii.png", path)
	assertPNG(t, path)
}

// lineOf returns the 1-based line of the first line of file containing s.
func lineOf(t *testing.T, file, s string) int {
	t.Helper()
	b, err := os.ReadFile(file)
	require.NoError(t, err)
	for i, line := range strings.Split(string(b), "\n") {
		if strings.Contains(line, s) {
			return i + 1
		}
	}
	t.Fatalf("%q not in %s", s, file)
	return 0
}

func assertPNG(t *testing.T, path string) {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	head := make([]byte, 8)
	_, err = io.ReadFull(f, head)
	require.NoError(t, err)
	assert.True(t, bytes.Equal(head, []byte("\x89PNG\r\n\x1a\n")), "PNG signature")
}

func TestStaticHeadersInTheHarness(t *testing.T) {
	srv := webServer(t)
	res, err := http.Get(srv.URLFor("/e2e/testdata/csp.html"))
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, "text/html; charset=utf-8", res.Header.Get("Content-Type"))
	assert.Equal(t, "no-cache", res.Header.Get("Cache-Control"))
	assert.NotEmpty(t, res.Header.Get("Content-Security-Policy"))
	res, err = http.Get(srv.URLFor("/fakes/cttoolbar7.js"))
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, "text/javascript; charset=utf-8", res.Header.Get("Content-Type"))
}

func TestMissingChromiumNamesInstallScript(t *testing.T) {
	_, err := newBrowser(t.TempDir() + "/no-chromium")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "web/install-chromium.sh")
}

func TestChromiumThatCannotStartIsReported(t *testing.T) {
	fake := t.TempDir() + "/chromium"
	require.NoError(t, os.WriteFile(fake, []byte("#!/bin/sh\necho 'cannot start here' >&2\nexit 3\n"), 0o755))
	_, err := newBrowser(fake)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "cannot start here", "Chromium's own output explains the failure")
}

func TestOpenSharesTheBrowserContextAndCloseClosesOneTab(t *testing.T) {
	srv := webServer(t)
	home := NewTab(t)
	a := home.Open(srv.URLFor("/e2e/testdata/ctt7.html"))
	b := home.Open(srv.URLFor("/e2e/testdata/ctt7.html"))
	b.Eval(`window.got = []; new BroadcastChannel('h').onmessage = (m) => got.push(m.data); 1`, nil)
	a.Eval(`localStorage.setItem('l', 'from a'), new BroadcastChannel('h').postMessage('hi'), 1`, nil)
	b.WaitFor(`got[0] === 'hi'`)
	var shared any
	b.Eval(`localStorage.getItem('l')`, &shared)
	assert.Equal(t, "from a", shared, "siblings share storage")

	b.Eval(`navigator.locks.request('x', () => new Promise(() => {})), 1`, nil)
	b.Close()
	a.WaitFor(`navigator.locks.request('x', {ifAvailable: true}, (l) => !!l)`) // a closed tab's locks are released
	a.Eval(`1`, nil)                                                           // the other tab goes on
}
