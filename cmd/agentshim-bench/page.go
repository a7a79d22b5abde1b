package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/agentshim/agentshim/cmd/agentshim-serve/static"
	"github.com/agentshim/agentshim/web/e2e"
)

// serve serves dist/ under /agentshim/, web/ under / and the profile build
// under /profile/ on a loopback port,
// with the handler cmd/agentshim-serve uses (strict CSP, precompressed
// assets) plus the two headers that make the page cross-origin isolated:
// performance.now() then ticks in 5 µs steps instead of 100 µs.
func serve(dist, web, profileDir string) (base string, stop func(), err error) {
	h, err := static.New(map[string]string{"/agentshim/": dist, "/": web, "/profile/": profileDir})
	if err != nil {
		return "", nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: isolated(h), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	return "http://" + ln.Addr().String(), func() { _ = srv.Close() }, nil
}

func isolated(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cross-Origin-Opener-Policy", "same-origin")
		w.Header().Set("Cross-Origin-Embedder-Policy", "require-corp")
		h.ServeHTTP(w, r)
	})
}

// tab is one page in its own browser context (fresh cache and storage).
type tab struct {
	ctx    context.Context
	cancel context.CancelFunc
}

func openTab(b *e2e.Browser) (*tab, error) {
	ctx, cancel := chromedp.NewContext(b.Context(), chromedp.WithNewBrowserContext())
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		return nil, fmt.Errorf("opening a tab: %w", err)
	}
	return &tab{ctx: ctx, cancel: cancel}, nil
}

func (t *tab) close() {
	_ = chromedp.Cancel(t.ctx)
	t.cancel()
}

func (t *tab) navigate(url string, limit time.Duration) error {
	ctx, cancel := context.WithTimeout(t.ctx, limit)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		return fmt.Errorf("navigating to %s: %w", url, err)
	}
	return nil
}

// eval evaluates js (awaited when it is a promise) into out within limit.
func (t *tab) eval(js string, out any, limit time.Duration) error {
	ctx, cancel := context.WithTimeout(t.ctx, limit)
	defer cancel()
	if err := e2e.Evaluate(ctx, js, out); err != nil {
		return fmt.Errorf("evaluating %.60s: %w", js, err)
	}
	return nil
}

// waitNumber polls a JS expression until it is a number; a string from
// errExpr ends the wait with that error.
func (t *tab) waitNumber(expr, errExpr string, limit time.Duration) (float64, error) {
	deadline := time.Now().Add(limit)
	for {
		var v struct {
			N   *float64
			Err *string
		}
		err := t.eval(fmt.Sprintf(`({N: typeof (%s) == 'number' ? %s : null, Err: %s || null})`, expr, expr, errExpr), &v, limit)
		switch {
		case err == nil && v.Err != nil:
			return 0, errors.New(*v.Err)
		case err == nil && v.N != nil:
			return *v.N, nil
		case time.Now().After(deadline):
			return 0, fmt.Errorf("waited %v for %s (last error: %v)", limit, expr, err)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// heapUsed is the page's JavaScript heap as the DevTools protocol reports it.
func (t *tab) heapUsed() (float64, error) {
	return chromedp.Run(t.ctx, func(ctx context.Context, tg *chromedp.Target) (float64, error) {
		r, err := cdp.Call(ctx, tg, runtime.GetHeapUsage, cdp.Empty{})
		return r.UsedSize, err
	})
}
