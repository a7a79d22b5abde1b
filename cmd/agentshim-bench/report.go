package main

import (
	"fmt"
	"slices"
	"strings"
)

const (
	frameMs = 1000.0 / 60
	mib     = 1 << 20
	kib     = 1 << 10
)

// Verdict is one target: its figure and whether it is met.
type Verdict struct {
	OK     bool
	Target string
	Figure string
}

func (v Verdict) String() string {
	mark := "✓"
	if !v.OK {
		mark = "✗"
	}
	return fmt.Sprintf("%s %s — %s", mark, v.Target, v.Figure)
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// medianPhases is each phase's median over the loads (the loads list the
// same phases in the same order).
func medianPhases(loads [][]Phase) []Phase {
	if len(loads) == 0 {
		return nil
	}
	out := slices.Clone(loads[0])
	for i := range out {
		var ms []float64
		for _, l := range loads {
			if i < len(l) {
				ms = append(ms, l[i].Ms)
			}
		}
		out[i].Ms = median(ms)
	}
	return out
}

// across collects one figure of every round.
func across(rs []Round, f func(Round) float64) []float64 {
	out := make([]float64, len(rs))
	for i, r := range rs {
		out[i] = f(r)
	}
	return out
}

func pick(m Mode, impl string) Figures {
	switch impl {
	case "xstate":
		return m.XState
	case "reducer":
		return m.Reducer
	}
	return m.Agentshim
}

func mode(r Round, name string) Mode {
	if name == "single" {
		return r.Single
	}
	return r.Batched
}

// thousands writes n with thin separators: 1,234,567.
func thousands(n float64) string {
	s := fmt.Sprintf("%.0f", n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// Verdicts are the targets of issue 6 and the budgets of issue 3.
func Verdicts(res *Results) []Verdict {
	rs := res.Rounds
	batched := median(across(rs, func(r Round) float64 { return r.Batched.Agentshim.EventsPerSec }))
	ratioX := median(across(rs, func(r Round) float64 { return r.Batched.RatioXState }))
	batchedMedian := median(across(rs, func(r Round) float64 { return r.Batched.Agentshim.MedianUs }))
	single := median(across(rs, func(r Round) float64 { return r.Single.Agentshim.MedianUs }))
	over, slowest := 0, 0.0
	for _, r := range rs {
		for _, f := range []Figures{r.Batched.Agentshim, r.Single.Agentshim} {
			over += f.WindowsOverFrame
			slowest = max(slowest, f.SlowestWindowMs)
		}
	}
	over += res.Soak.Figures.WindowsOverFrame
	slowest = max(slowest, res.Soak.Figures.SlowestWindowMs)
	cold := median(res.Cold["agentshim"])
	v := []Verdict{
		{batched >= 1e6, "batched throughput ≥ 1,000,000 events/s",
			fmt.Sprintf("%s events/s (median of %d rounds)", thousands(batched), len(rs))},
		{ratioX >= 6, "batched ≥ 6× XState", fmt.Sprintf("%.1f× (median of per-round ratios)", ratioX)},
		{batchedMedian <= 1, "batched vendor callback → listener ≤ 1 µs per event", fmt.Sprintf("%.2f µs median", batchedMedian)},
		{single <= 5, "single event ≤ 5 µs", fmt.Sprintf("%.2f µs median", single)},
		{over == 0, "no 256-event window over 16.7 ms (Go GC included)",
			fmt.Sprintf("%d windows over, slowest %.2f ms, in %s agentshim events", over, slowest, thousands(float64(agentshimEvents(res))))},
		{cold <= 100, "cold start ≤ 100 ms", fmt.Sprintf("%.1f ms median of %d fresh loads (blank page %.1f, XState page %.1f)",
			cold, len(res.Cold["agentshim"]), median(res.Cold["blank"]), median(res.Cold["xstate"]))},
		{res.Soak.After.WasmBytes <= 12*mib, fmt.Sprintf("after %s events, wasm memory ≤ 12 MiB", thousands(float64(res.Soak.Figures.Events))),
			fmt.Sprintf("%.2f MiB", res.Soak.After.WasmBytes/mib)},
		// Fewer than at the start is Go's GC having finalized values of the attach-time getters.
		{res.Soak.After.GoRefs <= res.Soak.Before.GoRefs && res.Final.GoRefs <= res.Setup.GoRefs,
			"live Go-held JS references back to their starting count",
			fmt.Sprintf("%d before the soak, %d after; %d after setup, %d at the end", res.Soak.Before.GoRefs, res.Soak.After.GoRefs, res.Setup.GoRefs, res.Final.GoRefs)},
	}
	for _, s := range res.Sizes {
		if s.BudgetBrotliKiB > 0 {
			br := float64(s.Brotli) / kib
			v = append(v, Verdict{br <= s.BudgetBrotliKiB, fmt.Sprintf("%s ≤ %.0f KiB brotli", strings.Fields(s.Asset)[0], s.BudgetBrotliKiB),
				fmt.Sprintf("%.1f KiB", br)})
		}
	}
	return v
}

func agentshimEvents(res *Results) int {
	n := res.Soak.Figures.Events
	for _, r := range res.Rounds {
		n += r.Batched.Agentshim.Events + r.Single.Agentshim.Events
	}
	return n
}

// Report is BENCH.md.
func Report(res *Results) string {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	c := res.Config
	p("# BENCH.md — agentshim side by side with XState v5 and a hand-written reducer\n\n")
	p("Written by `make bench` (`cmd/agentshim-bench`, page `web/bench/`) on %s.  \n", res.When.Format("2006-01-02 15:04 MST"))
	p("Browser: `%s`, headless, on this repository's 2-core machine, shared with other work: load average %s at the start, %s at the end.  \n", res.Browser, res.Load[0], res.Load[1])
	p("Trace: the CTToolbar7 fake's own 13-event inbound call (%s), %s contacts per round (%s events), %d contacts interleaved, payloads as %s; %d rounds in one page.\n\n",
		strings.Join(res.Setup.Template, " "), thousands(float64(c.Contacts)), thousands(float64(1+13*c.Contacts)), 4, c.Form, len(res.Rounds))

	p("## Verdict\n\n")
	for _, v := range Verdicts(res) {
		p("- %s\n", v)
	}

	p("\n## Same listener output\n\nFNV-1a hash of every listener event's `type|contactId|from|to`, same trace through each implementation:\n\n")
	p("| mode | agentshim | XState | reducer | listener events | equal |\n|---|---|---|---|---|---|\n")
	for _, m := range []struct {
		name string
		o    map[string]Output
	}{{"batched", res.Verify.Batched}, {"one at a time", res.Verify.Single}} {
		a, x, r := m.o["agentshim"], m.o["xstate"], m.o["reducer"]
		eq := a.Hash == x.Hash && x.Hash == r.Hash && a.Events == x.Events && x.Events == r.Events
		p("| %s | `%08x` | `%08x` | `%08x` | %s | %s |\n", m.name, a.Hash, x.Hash, r.Hash, thousands(float64(a.Events)), yes(eq))
	}
	p("\nListener events by type (agentshim, batched): %s.\n", types(res.Verify.Batched["agentshim"].Types))

	for _, m := range []struct{ name, title, how string }{
		{"batched", "Batched", "256 events delivered in one task, then the loader's microtask flush; per-event figures are a batch's time / 256"},
		{"single", "One event at a time", "each event's listener delivery awaited before the next; per-event figures are a 16-event group's time / 16 (timer: 5 µs steps)"},
	} {
		p("\n## %s (median of %d rounds)\n\n%s.\n\n", m.title, len(res.Rounds), m.how)
		p("| implementation | events/s | per event: median | p99 | slowest 256-event window | windows > 16.7 ms (all rounds) | agentshim is |\n|---|---|---|---|---|---|---|\n")
		for _, impl := range impls {
			f := func(g func(Figures) float64) float64 {
				return median(across(res.Rounds, func(r Round) float64 { return g(pick(mode(r, m.name), impl)) }))
			}
			slow, over := 0.0, 0
			for _, r := range res.Rounds {
				slow = max(slow, pick(mode(r, m.name), impl).SlowestWindowMs)
				over += pick(mode(r, m.name), impl).WindowsOverFrame
			}
			rel := "—"
			if impl != "agentshim" {
				ratio := median(across(res.Rounds, func(r Round) float64 {
					if impl == "xstate" {
						return mode(r, m.name).RatioXState
					}
					return mode(r, m.name).RatioReducer
				}))
				rel = fmt.Sprintf("%.2f× as fast", ratio)
			}
			p("| %s | %s | %.3f µs | %.3f µs | %.2f ms | %d | %s |\n", impl, thousands(f(func(x Figures) float64 { return x.EventsPerSec })),
				f(func(x Figures) float64 { return x.MedianUs }), f(func(x Figures) float64 { return x.P99Us }), slow, over, rel)
		}
	}
	p("\nPer round (agentshim events/s; ratio to XState, to the reducer):\n\n| round | batched | ×XState | ×reducer | one at a time | ×XState | ×reducer |\n|---|---|---|---|---|---|---|\n")
	for _, r := range res.Rounds {
		p("| %d | %s | %.2f | %.3f | %s | %.2f | %.3f |\n", r.Round, thousands(r.Batched.Agentshim.EventsPerSec), r.Batched.RatioXState, r.Batched.RatioReducer,
			thousands(r.Single.Agentshim.EventsPerSec), r.Single.RatioXState, r.Single.RatioReducer)
	}
	p("\nEvents/s count only the timed slices; the loader's persist snapshot runs in a later task once per batch and costs %.1f µs per `snapshot()` (%.3f µs per event at 256 events a batch).\n",
		res.Snapshot, res.Snapshot/256)

	p("\n## Cold start\n\nNavigation start to ready, %d fresh loads each over loopback, each in a new browser context "+
		"(empty cache and storage) whose renderer process an empty page of the same origin started first:\n\n| page | median | loads (ms) |\n|---|---|---|\n", c.Loads)
	for _, k := range []struct{ key, name string }{{"blank", "blank page (one script)"}, {"xstate", "XState desk (bundle, actor started, first event)"}, {"agentshim", "agentshim (`AgentShim.ready`)"}} {
		p("| %s | %.1f ms | %v |\n", k.name, median(res.Cold[k.key]), rounded(res.Cold[k.key]))
	}
	if phases := medianPhases(res.Phases); len(phases) > 0 {
		p("\nWhere agentshim's cold start goes (median of each phase over the loads):\n\n| phase | ms |\n|---|---|\n")
		for _, ph := range phases {
			p("| %s | %.1f |\n", ph.Name, ph.Ms)
		}
	}

	p("\n## Sizes\n\n| asset | raw | gzip | brotli | budget (brotli) |\n|---|---|---|---|---|\n")
	for _, s := range res.Sizes {
		budget := "—"
		if s.BudgetBrotliKiB > 0 {
			budget = fmt.Sprintf("%.0f KiB", s.BudgetBrotliKiB)
		}
		p("| %s | %.1f KiB | %.1f KiB | %.1f KiB | %s |\n", s.Asset, float64(s.Raw)/kib, float64(s.Gzip)/kib, float64(s.Brotli)/kib, budget)
	}

	so := res.Soak
	p("\n## Memory and references\n\n")
	p("| when | wasm linear memory | Go-held JS references | js.FuncOf alive | JS heap (performance.memory) |\n|---|---|---|---|---|\n")
	p("| after setup | %.2f MiB | %d | %d | — |\n", res.Setup.WasmBytes/mib, res.Setup.GoRefs, res.Setup.Funcs)
	p("| before the soak | %.2f MiB | %d | — | %s |\n", so.Before.WasmBytes/mib, so.Before.GoRefs, heapMiB(so.Before.Heap))
	p("| after the soak (%s events, %s contacts created and deleted) | %.2f MiB | %d | %d | %s |\n",
		thousands(float64(so.Figures.Events)), thousands(float64(so.Contacts)), so.After.WasmBytes/mib, so.After.GoRefs, so.After.Funcs, heapMiB(so.After.Heap))
	p("| at the end | %.2f MiB | %d | %d | %s |\n", res.Final.WasmBytes/mib, res.Final.GoRefs, res.Final.Funcs, heapMiB(res.Final.Heap))
	p("\nJS heap of the page at the end (DevTools `Runtime.getHeapUsage`, all three implementations and the harness): %.1f MiB. ", res.HeapUsed/mib)
	p("Contacts left in agentshim after the soak: %d. Soak throughput %s events/s, slowest 256-event window %.2f ms, %d windows over 16.7 ms.\n",
		so.ContactsLeft, thousands(so.Figures.EventsPerSec), so.Figures.SlowestWindowMs, so.Figures.WindowsOverFrame)

	p("\n## Where agentshim's time goes\n\nCPU profile (DevTools, 50 µs sampling; profiling slows the run) of one batched agentshim run of %s events (%.0f ms timed) in a fresh page whose wasm keeps its Go symbols (`web/bench/profile.html`); self time by area:\n\n| where | ms | share |\n|---|---|---|\n",
		thousands(float64(1+13*c.Contacts)), res.ProfileMs)
	total := 0.0
	for _, s := range res.Profile {
		total += s.Ms
	}
	for _, s := range byArea(res.Profile) {
		p("| %s | %.1f | %.1f%% |\n", s.Where, s.Ms, 100*s.Ms/total)
	}
	p("\nThe 15 functions with the most self time:\n\n| function | ms | share |\n|---|---|---|\n")
	for i, s := range res.Profile {
		if i == 15 {
			break
		}
		p("| %s | %.1f | %.1f%% |\n", s.Where, s.Ms, 100*s.Ms/total)
	}

	p("\n## How it is measured\n\n")
	p("- One page (`web/bench/index.html`) holds the CTToolbar7 fake, `dist/agentshim.js` (one script tag, default options: persisted to sessionStorage), `desk.js` and the XState bundle. ")
	p("The fake is first driven through one inbound call (Login, inbound, Answer, Hangup, OfflineEnd) before anything is bound, and its delivered events become the template; ")
	p("then `AgentShim.attachToolbar()` binds the loader's callback, and the benchmark calls that callback exactly as the fake does (`fn(eventName, data)`), without the fake's one-macrotask-per-event socket delay.\n")
	p("- XState (b) and the reducer (c) share `desk.js`: the same decoding (mixed-case names, object/JSON text/id payloads), call-data merge, effective agent state and facade-shaped events with a contact snapshot, dispatched to `on(type, fn)` listeners the way the loader does. ")
	p("They differ only in the state stepping: XState v5 actors (one per live contact, charts generated from the Go core's transition table) or a plain table lookup.\n")
	p("- Timed listeners count events; the hashes come from a separate pass of the same trace with a hashing listener. Listener event counts are compared in every round.\n")
	p("- Implementations run in a rotating order each round; each keeps its state across rounds, like a page. `performance.now()` is cross-origin isolated (COOP/COEP headers): 5 µs steps.\n")
	p("- Cold start: `web/bench/cold-*.html`, time from navigation start to `window.benchReady`, set when the blank page's script ran, the XState desk took its first event, or `AgentShim.ready` resolved.\n")
	p("- Sizes: `js-bridge/compress.mjs` (gzip -9, brotli q11). Go-held JS references: the size of `wasm_exec.js`'s reference table (`go._ids`) through `AgentShim._internals.go`.\n")
	return b.String()
}

func yes(ok bool) string {
	if ok {
		return "✓"
	}
	return "✗"
}

func heapMiB(h *float64) string {
	if h == nil {
		return "—"
	}
	return fmt.Sprintf("%.1f MiB", *h/mib)
}

func types(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %s", k, thousands(float64(m[k])))
	}
	return strings.Join(parts, ", ")
}
