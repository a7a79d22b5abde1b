package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/profiler"
	"github.com/chromedp/chromedp"

	"github.com/agentshim/agentshim/web/e2e"
)

// Figures are one implementation's run in one mode (web/bench/bench.js figures()).
type Figures struct {
	Events           int
	BusyMs           float64 // the timed slices only, yields between tasks left out
	WallMs           float64
	EventsPerSec     float64
	MedianUs, P99Us  float64 // per event: batch (or 16-event group) time / its size
	SlowestWindowMs  float64 // the slowest 256 consecutive events
	WindowsOverFrame int     // 256-event windows longer than 16.7 ms
	ListenerEvents   int
}

// Mode is one mode of a round: the three implementations and agentshim's ratios.
type Mode struct {
	Agentshim    Figures `json:"agentshim"`
	XState       Figures `json:"xstate"`
	Reducer      Figures `json:"reducer"`
	RatioXState  float64 `json:"ratioXState"`
	RatioReducer float64 `json:"ratioReducer"`
}

type Round struct {
	Round   int
	Batched Mode
	Single  Mode
}

type Output struct {
	Hash   uint32
	Events int
	Types  map[string]int
}

type Verify struct {
	Batched, Single map[string]Output
	LeftInQueue     int
	ContactsLeft    map[string]int
}

type State struct {
	WasmBytes float64
	GoRefs    int
	Heap      *float64
	Funcs     int
}

type Soak struct {
	Figures       Figures
	Contacts      int
	Before, After State
	ContactsLeft  int
}

type Setup struct {
	CrossOriginIsolated bool
	Template            []string
	GoRefs              int
	WasmBytes           float64
	Funcs               int
}

// Results is everything BENCH.md reports.
type Results struct {
	When      time.Time
	Config    Config
	Browser   string
	Sizes     []Size
	Cold      map[string][]float64 // page → ms from navigation start to ready, one per fresh load
	Phases    [][]Phase            // agentshim's cold start split, one list per fresh load
	Setup     Setup
	Verify    Verify
	Rounds    []Round
	Soak      Soak
	Final     State   // after the rounds and the soak
	HeapUsed  float64 // DevTools Runtime.getHeapUsage after the run
	Snapshot  float64 // µs per shim.snapshot(), what persist costs once per task
	Profile   []Share
	ProfileMs float64
	Load      [2]string // /proc/loadavg (1-minute) before and after: the machine is shared
}

// Phase is one part of agentshim's cold start (web/bench/cold.js phases()).
type Phase struct {
	Name string
	Ms   float64
}

type Config struct {
	Contacts, Rounds, SoakEvents, Loads int
	Form                                string
}

// run measures everything with one browser; log gets progress lines.
func run(b *e2e.Browser, base string, cfg Config, log io.Writer) (*Results, error) {
	res := &Results{When: time.Now().UTC(), Config: cfg, Cold: map[string][]float64{}}
	res.Load[0] = loadAvg()
	if err := coldStarts(b, base, cfg, res, log); err != nil {
		return nil, err
	}

	t, err := openTab(b)
	if err != nil {
		return nil, err
	}
	defer t.close()
	if err := t.navigate(base+"/bench/", 30*time.Second); err != nil {
		return nil, err
	}
	long := 10 * time.Minute
	if err := t.eval(`navigator.userAgent`, &res.Browser, time.Minute); err != nil {
		return nil, err
	}
	if err := t.eval(`Bench.setup()`, &res.Setup, time.Minute); err != nil {
		return nil, err
	}
	if err := t.eval(fmt.Sprintf(`Bench.verify(%d, %q)`, cfg.Contacts, cfg.Form), &res.Verify, long); err != nil {
		return nil, err
	}
	fmt.Fprintf(log, "listener output: %s\n", verifyLine(res.Verify))
	for r := range cfg.Rounds {
		var rd Round
		if err := t.eval(fmt.Sprintf(`Bench.round(%d, %d, %q)`, r+1, cfg.Contacts, cfg.Form), &rd, long); err != nil {
			return nil, err
		}
		res.Rounds = append(res.Rounds, rd)
		fmt.Fprintf(log, "round %d: batched agentshim %.0f ev/s (%.1f× XState, %.2f× reducer); single %.2f µs median\n",
			r+1, rd.Batched.Agentshim.EventsPerSec, rd.Batched.RatioXState, rd.Batched.RatioReducer, rd.Single.Agentshim.MedianUs)
	}
	if err := t.eval(fmt.Sprintf(`Bench.soak(%d, %q)`, cfg.SoakEvents, cfg.Form), &res.Soak, long); err != nil {
		return nil, err
	}
	fmt.Fprintf(log, "soak: %d events, wasm %.1f MiB, Go-held JS refs %d → %d\n", res.Soak.Figures.Events,
		res.Soak.After.WasmBytes/(1<<20), res.Soak.Before.GoRefs, res.Soak.After.GoRefs)
	if err := t.eval(`Bench.snapshotCost(200)`, &res.Snapshot, time.Minute); err != nil {
		return nil, err
	}
	if err := t.eval(`Bench.state()`, &res.Final, time.Minute); err != nil {
		return nil, err
	}
	if res.HeapUsed, err = t.heapUsed(); err != nil {
		return nil, err
	}
	t.close()
	if res.Profile, res.ProfileMs, err = profile(b, base, cfg); err != nil {
		return nil, err
	}
	fmt.Fprintf(log, "profile: %d places\n", len(res.Profile))
	res.Load[1] = loadAvg()
	return res, nil
}

// coldStarts measures cfg.Loads fresh loads of each cold-start page.
func coldStarts(b *e2e.Browser, base string, cfg Config, res *Results, log io.Writer) error {
	for _, kind := range []string{"blank", "xstate", "agentshim"} {
		for range cfg.Loads {
			ms, phases, err := coldStart(b, base+"/bench/cold-warmup.html", base+"/bench/cold-"+kind+".html")
			if err != nil {
				return fmt.Errorf("cold start of the %s page: %w", kind, err)
			}
			res.Cold[kind] = append(res.Cold[kind], ms)
			if phases != nil {
				res.Phases = append(res.Phases, phases)
			}
		}
		fmt.Fprintf(log, "cold start %-9s %v ms\n", kind, rounded(res.Cold[kind]))
	}
	for _, ph := range medianPhases(res.Phases) {
		fmt.Fprintf(log, "  %-45s %6.1f ms\n", ph.Name, ph.Ms)
	}
	return nil
}

// coldStart loads url in a fresh browser context and returns window.benchReady.
// The context first shows warmup, a page of the same origin that loads
// nothing: a fresh context has no renderer process yet, and starting one
// (100–500 ms on this shared machine, charged to whichever page comes first)
// is the browser's cost, the same for every page, not the page's. Caches and
// storage stay empty, so the measured page still fetches and compiles everything.
func coldStart(b *e2e.Browser, warmup, url string) (float64, []Phase, error) {
	t, err := openTab(b)
	if err != nil {
		return 0, nil, err
	}
	defer t.close()
	if err := t.navigate(warmup, 30*time.Second); err != nil {
		return 0, nil, err
	}
	if err := t.navigate(url, 30*time.Second); err != nil {
		return 0, nil, err
	}
	ms, err := t.waitNumber(`window.benchReady`, `window.benchError`, 30*time.Second)
	if err != nil {
		return 0, nil, err
	}
	var phases []Phase
	err = t.eval(`window.benchPhases || null`, &phases, time.Minute)
	return ms, phases, err
}

// Share is one place the profiled time went.
type Share struct {
	Where string
	Ms    float64
}

// profile records a CPU profile of one batched agentshim run, on a wasm
// built with its symbols (web/bench/profile.html), and sums the self time
// by where it was spent.
func profile(b *e2e.Browser, base string, cfg Config) ([]Share, float64, error) {
	t, err := openTab(b)
	if err != nil {
		return nil, 0, err
	}
	defer t.close()
	if err := t.navigate(base+"/bench/profile.html", 30*time.Second); err != nil {
		return nil, 0, err
	}
	if err := t.eval(`Bench.setup()`, nil, time.Minute); err != nil {
		return nil, 0, err
	}
	start := func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, profiler.Enable, cdp.Empty{}); err != nil {
			return err
		}
		if _, err := cdp.Call(ctx, tg, profiler.SetSamplingInterval, profiler.SetSamplingIntervalParams{Interval: 50}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, profiler.Start, cdp.Empty{})
		return err
	}
	if err := chromedp.Do(t.ctx, chromedp.Func(start)); err != nil {
		return nil, 0, fmt.Errorf("starting the profiler: %w", err)
	}
	var f Figures
	if err := t.eval(fmt.Sprintf(`Bench.runOne('agentshim', 'batched', 'profile', %d, %q)`, cfg.Contacts, cfg.Form), &f, 10*time.Minute); err != nil {
		return nil, 0, err
	}
	p, err := chromedp.Run(t.ctx, func(ctx context.Context, tg *chromedp.Target) (*profiler.Profile, error) {
		r, err := cdp.Call(ctx, tg, profiler.Stop, cdp.Empty{})
		return r.Profile, err
	})
	if err != nil || p == nil {
		return nil, 0, fmt.Errorf("stopping the profiler: %v", err)
	}
	shares := selfTime(p)
	return shares, f.BusyMs, nil
}

// selfTime adds up the sampled time of each profile node under a readable place name.
func selfTime(p *profiler.Profile) []Share {
	place := map[int64]string{}
	for _, n := range p.Nodes {
		place[n.ID] = placeOf(n.CallFrame.FunctionName, n.CallFrame.URL)
	}
	sum := map[string]float64{}
	for i, id := range p.Samples {
		if i+1 < len(p.TimeDeltas) {
			sum[place[id]] += float64(p.TimeDeltas[i+1]) / 1000
		}
	}
	delete(sum, "(idle)")
	var out []Share
	for w, ms := range sum {
		out = append(out, Share{w, ms})
	}
	sortShares(out)
	return out
}

func placeOf(fn, url string) string {
	switch {
	case strings.HasSuffix(url, ".wasm") || strings.HasPrefix(fn, "$") || strings.HasPrefix(fn, "wasm-function"):
		return "Go: " + goFunc(fn)
	case strings.Contains(url, "agentshim.js"):
		if fn == "" {
			fn = "(anonymous)"
		}
		return "loader " + fn + "()"
	case strings.Contains(url, "/bench/"):
		return "benchmark harness (trace generation, listener)"
	case fn == "":
		return "(anonymous)"
	case url == "":
		return fn
	}
	return fn + " (" + url[strings.LastIndex(url, "/")+1:] + ")"
}

func verifyLine(v Verify) string {
	var b strings.Builder
	for _, mode := range []struct {
		name string
		m    map[string]Output
	}{{"batched", v.Batched}, {"single", v.Single}} {
		fmt.Fprintf(&b, "%s:", mode.name)
		for _, impl := range impls {
			o := mode.m[impl]
			fmt.Fprintf(&b, " %s %08x (%d events)", impl, o.Hash, o.Events)
		}
		b.WriteString("; ")
	}
	return strings.TrimSuffix(b.String(), "; ")
}

var impls = []string{"agentshim", "xstate", "reducer"}

func rounded(xs []float64) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = float64(int(x*10+0.5)) / 10
	}
	return out
}

// goFunc shortens a wasm function name ("$github.com/agentshim/agentshim/wasm/decode.(*Decoder).ctt7")
// to its package and function ("decode.(*Decoder).ctt7").
func goFunc(fn string) string {
	fn = strings.TrimPrefix(fn, "$")
	fn = strings.TrimPrefix(fn, "github.com_agentshim_agentshim_wasm_") // the linker's spelling of our import path
	if i := strings.LastIndex(fn, "/"); i >= 0 {
		fn = fn[i+1:]
	}
	return fn
}

// byArea groups the places: Go by package, the loader, the harness, the browser's own.
func byArea(shares []Share) []Share {
	sum := map[string]float64{}
	for _, s := range shares {
		area := "browser built-ins (encodeInto, decode, JSON, setItem, postMessage, GC)"
		switch {
		case strings.HasPrefix(s.Where, "Go: "):
			area = goArea(strings.TrimPrefix(s.Where, "Go: "))
		case strings.HasPrefix(s.Where, "loader "):
			area = "loader JS (agentshim.js: record, pack, json, flush, emit)"
		case strings.HasPrefix(s.Where, "benchmark"):
			area = s.Where
		}
		sum[area] += s.Ms
	}
	var out []Share
	for w, ms := range sum {
		out = append(out, Share{w, ms})
	}
	sortShares(out)
	return out
}

func sortShares(out []Share) {
	slices.SortFunc(out, func(a, b Share) int {
		if a.Ms != b.Ms {
			if a.Ms > b.Ms {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Where, b.Where)
	})
}

// loadAvg is the 1-minute load average, "?" where /proc has none.
func loadAvg() string {
	raw, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(raw)); err == nil && len(f) > 0 {
		return f[0]
	}
	return "?"
}

// goArea is a Go function's package; the runtime's many pieces (and
// assembly helpers without a package) count as one.
func goArea(fn string) string {
	pkg, _, ok := strings.Cut(fn, ".")
	switch {
	case strings.HasPrefix(fn, "js-to-wasm"):
		return "browser built-ins (encodeInto, decode, JSON, setItem, postMessage, GC)"
	case !ok || pkg == "runtime" || strings.HasPrefix(pkg, "internal_") || pkg == "type_" || pkg == "sync":
		return "Go runtime (allocation, GC, maps, memory)"
	case pkg == "main":
		return "Go package main (wasm exports)"
	}
	return "Go package " + pkg
}
