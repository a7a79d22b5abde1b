package e2e

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/agentshim/agentshim/wasm/phone"
)

// CSPViolation is one securitypolicyviolation event seen in the page.
type CSPViolation struct {
	Directive string `json:"directive"` // the effective directive, e.g. "script-src-elem"
	Blocked   string `json:"blocked"`   // "inline", "eval", "wasm-eval" or a URL
	Source    string `json:"source"`    // the document or script that caused it
	Line      int    `json:"line"`
	Sample    string `json:"sample"` // empty unless the policy has 'report-sample'

	Disposition string `json:"disposition"` // "enforce" or "report"
}

func (v CSPViolation) String() string {
	s := fmt.Sprintf("%s blocked %s at %s:%d", v.Directive, v.Blocked, v.Source, v.Line)
	if v.Sample != "" { // only with 'report-sample' in the policy
		s += fmt.Sprintf(" %q", v.Sample)
	}
	return s
}

// The CSP hook runs in an isolated world: it sees the page's DOM events but
// the page cannot see (or break) it, and DevTools-injected scripts are exempt
// from the page's CSP. The binding exists only in that world.
const (
	harnessWorld = "agentshim-e2e"
	cspBinding   = "__agentshimE2EReportCSP"
	cspHook      = `document.addEventListener('securitypolicyviolation', (e) => {
  globalThis.` + cspBinding + `(JSON.stringify({directive: e.effectiveDirective,
    blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber,
    sample: e.sample, disposition: e.disposition}));
}, true);`
)

// tabLog collects what the page reported; the readers run in goroutines
// while the test reads, hence the lock.
type tabLog struct {
	mu         sync.Mutex
	console    []string
	exceptions []string
	csp        []CSPViolation
}

func (l *tabLog) addMessage(m chromedp.ConsoleMessage) {
	line := m.String()
	if m.Source != "" {
		line = string(m.Type) + " (" + m.Source + "): " + m.Text
	}
	if m.URL != "" {
		line += fmt.Sprintf(" (%s:%d)", m.URL, m.Line+1)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.console = append(l.console, line)
	if m.IsException() {
		l.exceptions = append(l.exceptions, m.Text)
	}
}

func (l *tabLog) addCSP(payload string) {
	var v CSPViolation
	if err := json.Unmarshal([]byte(payload), &v); err != nil {
		v = CSPViolation{Directive: "?", Sample: "undecodable report: " + payload}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.csp = append(l.csp, v)
}

// report renders everything for a failure message, with phone numbers masked
// (a page may log a contact object).
func (l *tabLog) report() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var b strings.Builder
	fmt.Fprintf(&b, "console (%d lines):\n", len(l.console))
	for _, line := range l.console {
		b.WriteString("  " + line + "\n")
	}
	fmt.Fprintf(&b, "CSP violations (%d):\n", len(l.csp))
	for _, v := range l.csp {
		b.WriteString("  " + v.String() + "\n")
	}
	return phone.Mask(b.String())
}

// startCapture subscribes to the console and installs the CSP hook for every
// document the tab loads from now on.
func (tab *Tab) startCapture() error {
	messages := chromedp.Console(tab.ctx)
	bindings := chromedp.Events(tab.ctx, runtime.BindingCalled)
	if _, err := chromedp.Call(tab.ctx, runtime.AddBinding,
		runtime.AddBindingParams{Name: cspBinding, ExecutionContextName: harnessWorld}); err != nil {
		return fmt.Errorf("adding the CSP binding: %w", err)
	}
	if _, err := chromedp.Call(tab.ctx, page.AddScriptToEvaluateOnNewDocument,
		page.AddScriptToEvaluateOnNewDocumentParams{Source: cspHook, WorldName: harnessWorld}); err != nil {
		return fmt.Errorf("adding the CSP hook: %w", err)
	}
	tab.readers.Go(func() {
		for m, err := range messages {
			if err != nil {
				return // the tab's context ended
			}
			tab.log.addMessage(m)
		}
	})
	tab.readers.Go(func() {
		for ev, err := range bindings {
			if err != nil {
				return
			}
			if ev.Name == cspBinding {
				tab.log.addCSP(ev.Payload)
			}
		}
	})
	return nil
}

// Console returns the console lines so far ("log: text (url:line)",
// "error (security): ..." for browser log entries, "exception: ..."),
// unmasked, for assertions.
func (tab *Tab) Console() []string {
	tab.log.mu.Lock()
	defer tab.log.mu.Unlock()
	return append([]string(nil), tab.log.console...)
}

// Exceptions returns the uncaught exceptions and unhandled rejections so far.
func (tab *Tab) Exceptions() []string {
	tab.log.mu.Lock()
	defer tab.log.mu.Unlock()
	return append([]string(nil), tab.log.exceptions...)
}

// CSPViolations returns the Content-Security-Policy violations so far.
func (tab *Tab) CSPViolations() []CSPViolation {
	tab.log.mu.Lock()
	defer tab.log.mu.Unlock()
	return append([]CSPViolation(nil), tab.log.csp...)
}
