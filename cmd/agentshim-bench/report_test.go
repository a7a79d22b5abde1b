package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// results is a run where every target is met except the ones a test breaks.
func results() *Results {
	fast := Figures{Events: 261, EventsPerSec: 2e6, MedianUs: 0.5, P99Us: 0.9, SlowestWindowMs: 1}
	slow := Figures{Events: 261, EventsPerSec: 2e5, MedianUs: 5, P99Us: 9, SlowestWindowMs: 2}
	m := Mode{Agentshim: fast, XState: slow, Reducer: fast, RatioXState: 10, RatioReducer: 1}
	return &Results{
		Rounds: []Round{{Round: 1, Batched: m, Single: m}},
		Cold:   map[string][]float64{"agentshim": {90, 80, 95}, "blank": {40}, "xstate": {60}},
		Soak:   Soak{Figures: fast, Before: State{GoRefs: 20}, After: State{GoRefs: 20, WasmBytes: 8 << 20}},
		Setup:  Setup{GoRefs: 20},
		Final:  State{GoRefs: 19},
		Sizes:  []Size{{Asset: "agentshim.wasm", Brotli: 500 << 10, BudgetBrotliKiB: 560}},
	}
}

func TestVerdictsAllMet(t *testing.T) {
	for _, v := range Verdicts(results()) {
		assert.True(t, v.OK, v.String())
		assert.True(t, strings.HasPrefix(v.String(), "✓ "), v.String())
	}
}

func TestVerdictsSayWhatIsMissed(t *testing.T) {
	res := results()
	res.Rounds[0].Batched.Agentshim.EventsPerSec = 80000
	res.Rounds[0].Batched.RatioXState = 0.4
	res.Rounds[0].Single.Agentshim.MedianUs = 14
	res.Soak.Figures.WindowsOverFrame = 2
	res.Cold["agentshim"] = []float64{200, 210, 190}
	res.Soak.After.GoRefs = 25
	res.Soak.After.WasmBytes = 33 << 20
	res.Sizes[0].Brotli = 591 << 10
	missed := map[string]string{}
	for _, v := range Verdicts(res) {
		if !v.OK {
			missed[v.Target] = v.String()
		}
	}
	assert.Contains(t, missed["batched throughput ≥ 1,000,000 events/s"], "80,000 events/s")
	assert.Contains(t, missed["batched ≥ 6× XState"], "0.4×")
	assert.Contains(t, missed["single event ≤ 5 µs"], "14.00 µs")
	assert.Contains(t, missed["no 256-event window over 16.7 ms (Go GC included)"], "2 windows over")
	assert.Contains(t, missed["cold start ≤ 100 ms"], "200.0 ms")
	assert.Contains(t, missed["live Go-held JS references back to their starting count"], "20 before the soak, 25 after")
	assert.Contains(t, missed["agentshim.wasm ≤ 560 KiB brotli"], "591.0 KiB")
	assert.Contains(t, missed["after 261 events, wasm memory ≤ 12 MiB"], "33.00 MiB")
	assert.Len(t, missed, 8)
}

func TestReportHasEveryFigure(t *testing.T) {
	r := Report(results())
	for _, want := range []string{"## Verdict", "## Same listener output", "## Batched", "## One event at a time",
		"## Cold start", "## Sizes", "## Memory and references", "## Where agentshim's time goes", "2,000,000"} {
		assert.Contains(t, r, want)
	}
}

func TestMedian(t *testing.T) {
	assert.Equal(t, 2.0, median([]float64{3, 1, 2}))
	assert.Equal(t, 2.5, median([]float64{4, 1, 2, 3}))
	assert.Equal(t, "1,234,567", thousands(1234567))
}

// TestColdPhases: each phase's median is taken over the loads on its own, and
// the report lists the phases in the pages' order.
func TestColdPhases(t *testing.T) {
	res := results()
	res.Phases = [][]Phase{
		{{"download", 10}, {"compile", 50}},
		{{"download", 30}, {"compile", 20}},
		{{"download", 20}, {"compile", 40}},
	}
	assert.Equal(t, []Phase{{"download", 20}, {"compile", 40}}, medianPhases(res.Phases))
	assert.Nil(t, medianPhases(nil))
	assert.Contains(t, Report(res), "| download | 20.0 |\n| compile | 40.0 |\n")
}
