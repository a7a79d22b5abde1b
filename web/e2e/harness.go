// Package e2e drives Debian's headless Chromium from Go tests (chromedp over
// a pipe, no WebDriver, no downloaded browser). It holds only helpers, in
// non-test files, so the tests of other packages can import it:
//
//	func TestMain(m *testing.M) { e2e.Main(m) }
//
//	func TestX(t *testing.T) {
//		srv := e2e.StartServer(t, map[string]string{"/": "web"})
//		tab := e2e.NewTab(t)
//		tab.Go(srv.URLFor("/demo/"))
//		tab.WaitFor(`window.AgentShim`)
//	}
//
// One browser serves the whole test binary (starting Chromium costs about a
// second); each test gets its own tab in its own browser context, so storage
// and cookies do not leak between tests.
package e2e

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// ChromiumPath is Debian's Chromium. The tests use no other browser.
const ChromiumPath = "/usr/bin/chromium"

// startTimeout bounds the launch of Chromium; a cold start takes ~1 s.
const startTimeout = 30 * time.Second

// Browser is one headless Chromium process with a throw-away profile.
type Browser struct {
	ctx     context.Context // owns the browser process
	cancel  context.CancelFunc
	profile string
	output  *capped // Chromium's stdout and stderr, for launch failures
}

// NewBrowser launches Chromium. A missing binary is an error naming the
// script that installs it: the browser tests must run, not be skipped.
func NewBrowser() (*Browser, error) { return newBrowser(ChromiumPath) }

func newBrowser(path string) (*Browser, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("e2e: %s not found (%v); install it with web/install-chromium.sh (as root)", path, err)
	}
	profile, err := os.MkdirTemp("", "agentshim-e2e-profile-")
	if err != nil {
		return nil, fmt.Errorf("e2e: profile directory: %w", err)
	}
	out := &capped{max: 16 << 10}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), allocatorOptions(path, profile, out)...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	b := &Browser{ctx: ctx, profile: profile, output: out, cancel: func() {
		cancelCtx()
		cancelAlloc()
	}}
	// The first Do starts the process and binds it to ctx (not to a timer
	// context, which would kill the browser when it fires).
	timer := time.AfterFunc(startTimeout, cancelCtx)
	err = chromedp.Do(ctx)
	timer.Stop()
	if err != nil {
		b.Close()
		return nil, fmt.Errorf("e2e: starting %s: %w\nChromium output:\n%s", path, err, out)
	}
	return b, nil
}

// allocatorOptions are chromedp's defaults plus what our machines need:
// root without a sandbox, no GPU, no network other than 127.0.0.1, and a
// fresh profile.
func allocatorOptions(path, profile string, out *capped) []chromedp.ExecAllocatorOption {
	opts := append([]chromedp.ExecAllocatorOption{}, chromedp.DefaultExecAllocatorOptions[:]...)
	return append(opts,
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 800),
		chromedp.CombinedOutput(out),
	)
}

// Close ends the browser and deletes its profile.
func (b *Browser) Close() {
	_ = chromedp.Cancel(b.ctx) // closes the browser gracefully and waits
	b.cancel()
	_ = os.RemoveAll(b.profile)
}

// shared is the browser of Main.
var shared *Browser

// Main is a TestMain: it starts one browser for the test binary, runs the
// tests, closes the browser and exits. It fails the binary (exit code 1) when
// Chromium cannot start.
func Main(m *testing.M) {
	b, err := NewBrowser()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	shared = b
	code := m.Run()
	b.Close()
	os.Exit(code)
}

// capped keeps the first max bytes written to it, safely for concurrent use.
type capped struct {
	mu  sync.Mutex
	buf bytes.Buffer
	max int
}

func (c *capped) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if room := c.max - c.buf.Len(); room > 0 {
		c.buf.Write(p[:min(room, len(p))])
	}
	return len(p), nil
}

func (c *capped) String() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.buf.String()
}

// Context is the browser's chromedp context, for programs that drive the
// browser without a testing.T (cmd/agentshim-bench): chromedp.NewContext(ctx,
// chromedp.WithNewBrowserContext()) opens a fresh tab from it.
func (b *Browser) Context() context.Context { return b.ctx }
