package e2e

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/agentshim/agentshim/wasm/phone"
)

// Default time limits. The pages are local and small; anything slower is a
// hang, and a quick failure with the console log beats go test's timeout.
const (
	DefaultTimeout     = 10 * time.Second // one action (navigation, evaluation)
	DefaultWaitTimeout = 5 * time.Second  // WaitFor
	pollInterval       = 20 * time.Millisecond
)

// Tab is one browser tab in its own browser context, closed when the test
// ends. Its methods fail the test on error, reporting the console log.
type Tab struct {
	t       testing.TB
	browser *Browser
	ctx     context.Context
	cancel  context.CancelFunc
	log     *tabLog
	readers sync.WaitGroup
	closing sync.Once

	Timeout     time.Duration // per action; DefaultTimeout unless changed
	WaitTimeout time.Duration // for WaitFor; DefaultWaitTimeout unless changed
}

// NewTab opens a tab in the browser that Main started.
func NewTab(t testing.TB) *Tab {
	t.Helper()
	if shared == nil {
		t.Fatal("e2e: no browser; call e2e.Main(m) from TestMain")
	}
	return shared.Tab(t)
}

// Tab opens a fresh tab in a fresh browser context (no shared storage).
func (b *Browser) Tab(t testing.TB) *Tab {
	t.Helper()
	return b.open(t, chromedp.WithNewBrowserContext())
}

// Open opens another tab in this tab's browser context: it shares storage,
// Web Locks, BroadcastChannels and SharedWorkers with this tab, as when an
// agent opens the desk a second time. It navigates to url (if not empty).
// Closing the tab NewTab made ends the browser context and so its siblings:
// a test that closes tabs one by one keeps that first tab open (on a blank
// page) and closes the ones Open made.
func (tab *Tab) Open(url string) *Tab {
	tab.t.Helper()
	id := chromedp.FromContext(tab.ctx).BrowserContextID
	sibling := tab.browser.open(tab.t, chromedp.WithExistingBrowserContext(id))
	if url != "" {
		sibling.Go(url)
	}
	return sibling
}

// Close closes the tab now, as the user closing it (pagehide, unload, the
// tab's Web Locks released); the test goes on. It is also done at the end.
func (tab *Tab) Close() { tab.close() }

func (b *Browser) open(t testing.TB, opt chromedp.ContextOption) *Tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx, opt)
	tab := &Tab{t: t, browser: b, ctx: ctx, cancel: cancel, log: &tabLog{},
		Timeout: DefaultTimeout, WaitTimeout: DefaultWaitTimeout}
	t.Cleanup(tab.close)
	// The first Do creates the target and ties it to ctx; a timer (not a
	// deadline context) keeps a dead browser from hanging the test.
	timer := time.AfterFunc(tab.Timeout, cancel)
	err := chromedp.Do(ctx)
	if err == nil {
		err = tab.startCapture()
	}
	if !timer.Stop() {
		err = errors.Join(err, errors.New("timed out"))
	}
	if err != nil {
		t.Fatalf("e2e: opening a tab: %v\nChromium output:\n%s", err, b.output)
	}
	return tab
}

func (tab *Tab) close() {
	tab.closing.Do(func() {
		_ = chromedp.Cancel(tab.ctx) // closes the tab, and its browser context if it made it
		tab.cancel()
		tab.readers.Wait()
	})
}

// Context is the tab's chromedp context, for actions the helpers lack.
func (tab *Tab) Context() context.Context { return tab.ctx }

// run runs one action under the tab's time limit.
func (tab *Tab) run(a chromedp.Action[chromedp.Void]) error {
	ctx, cancel := context.WithTimeout(tab.ctx, tab.Timeout)
	defer cancel()
	return chromedp.Do(ctx, a)
}

// fail ends the test with what went wrong and what the page said. Phone
// numbers are masked (an expression or a console line may hold one).
func (tab *Tab) fail(format string, args ...any) {
	tab.t.Helper()
	tab.failWith("", format, args...)
}

// failWith is fail with an unmasked trailer, for file paths (a temporary
// directory's digits look like a phone number to the masker).
func (tab *Tab) failWith(trailer, format string, args ...any) {
	tab.t.Helper()
	msg := phone.Mask(fmt.Sprintf(format, args...))
	tab.t.Fatalf("%s\n%s%s", msg, trailer, tab.log.report())
}

// Go navigates to url and waits for the load event. An HTTP error status
// fails the test: a mistyped page path should not look like a script bug.
func (tab *Tab) Go(url string) {
	tab.t.Helper()
	ctx, cancel := context.WithTimeout(tab.ctx, tab.Timeout)
	defer cancel()
	res, err := chromedp.Run(ctx, chromedp.NavigateResponse(url))
	if err != nil {
		tab.fail("e2e: navigating to %s: %v", url, err)
	}
	if res != nil && res.Status >= 400 {
		tab.fail("e2e: navigating to %s: HTTP %d", url, res.Status)
	}
}

// Reload reloads the page and waits for the load event.
func (tab *Tab) Reload() {
	tab.t.Helper()
	if err := tab.run(chromedp.Reload()); err != nil {
		tab.fail("e2e: reloading: %v", err)
	}
}

// Eval evaluates a JavaScript expression, awaits it when it is a promise, and
// decodes its JSON value into out (nil: ignore the value). A throw or a
// rejection fails the test.
func (tab *Tab) Eval(js string, out any) {
	tab.t.Helper()
	if err := tab.EvalErr(js, out); err != nil {
		tab.fail("e2e: evaluating %s: %v", js, err)
	}
}

// EvalErr is Eval returning the error, for tests that expect a throw.
func (tab *Tab) EvalErr(js string, out any) error {
	ctx, cancel := context.WithTimeout(tab.ctx, tab.Timeout)
	defer cancel()
	return evaluate(ctx, js, out)
}

// Evaluate is Eval on any chromedp context, returning the error: for
// programs that have no testing.T (cmd/agentshim-bench).
func Evaluate(ctx context.Context, js string, out any) error { return evaluate(ctx, js, out) }

func evaluate(ctx context.Context, js string, out any) error {
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](js, chromedp.EvalAwaitPromise))
	if err != nil || out == nil {
		return err
	}
	if len(raw) == 0 {
		return errors.New("the expression gave undefined")
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return fmt.Errorf("decoding %s: %w", raw, err)
	}
	return nil
}

// WaitFor polls the expression (awaited when it is a promise) until it is
// truthy. On timeout it fails the test with the last error, the console log
// and a screenshot in ArtifactsDir. Errors while polling (the page is still
// loading, a name is not defined yet) count as "not yet".
func (tab *Tab) WaitFor(js string) {
	tab.t.Helper()
	// The newline keeps a trailing // comment in js from eating the parens.
	probe := "(async () => !!(await (" + js + "\n)))()"
	ctx, cancel := context.WithTimeout(tab.ctx, tab.WaitTimeout)
	defer cancel()
	var last error
	for {
		var ok bool
		last = evaluate(ctx, probe, &ok)
		if last == nil && ok {
			return
		}
		select {
		case <-ctx.Done():
			tab.failWith("screenshot: "+tab.failureShot()+"\n",
				"e2e: waited %v for %s\nlast evaluation error: %v", tab.WaitTimeout, js, last)
			return
		case <-time.After(pollInterval):
		}
	}
}

// WaitUntil polls a Go condition, typically on Console, Exceptions or
// CSPViolations (the browser reports them asynchronously), until it holds or
// WaitTimeout passes; then it fails the test with the console log.
func (tab *Tab) WaitUntil(what string, cond func() bool) {
	tab.t.Helper()
	deadline := time.Now().Add(tab.WaitTimeout)
	for !cond() {
		if time.Now().After(deadline) {
			tab.fail("e2e: waited %v until %s", tab.WaitTimeout, what)
			return
		}
		time.Sleep(pollInterval)
	}
}

// failureShot saves a screenshot named after the test; it never fails.
func (tab *Tab) failureShot() string {
	path, err := tab.screenshot(safeName(tab.t.Name()) + "-failure.png")
	if err != nil {
		return "none (" + err.Error() + ")"
	}
	return path
}

// Screenshot saves a PNG of the viewport and returns its path. A relative
// path is taken inside ArtifactsDir.
func (tab *Tab) Screenshot(path string) string {
	tab.t.Helper()
	written, err := tab.screenshot(path)
	if err != nil {
		tab.fail("e2e: screenshot: %v", err)
	}
	return written
}

func (tab *Tab) screenshot(path string) (string, error) {
	if !filepath.IsAbs(path) {
		path = filepath.Join(ArtifactsDir(tab.t), path)
	}
	ctx, cancel := context.WithTimeout(tab.ctx, tab.Timeout)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return "", err
	}
	return path, os.WriteFile(path, png, 0o644)
}

// safeName turns a test name ("TestX/sub case") into a file name.
func safeName(name string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			return r
		}
		return '_'
	}, name)
}

// SetOffline takes the tab's network down (or back up) the way a lost
// connection does: requests fail, streams break, navigator.onLine follows
// and the page gets its offline/online event.
func (tab *Tab) SetOffline(off bool) {
	_, err := chromedp.Call(tab.ctx, network.Enable, network.EnableParams{})
	if err == nil {
		_, err = chromedp.Call(tab.ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
			MatchedNetworkConditions: []*network.Conditions{{Offline: off, DownloadThroughput: -1, UploadThroughput: -1}}})
	}
	if err == nil {
		_, err = chromedp.Call(tab.ctx, network.OverrideNetworkState, network.OverrideNetworkStateParams{
			Offline: off, DownloadThroughput: -1, UploadThroughput: -1})
	}
	if err != nil {
		tab.fail("SetOffline(%v): %v", off, err)
	}
	tab.WaitFor(fmt.Sprintf(`navigator.onLine === %v`, !off))
}
