package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/agentshim/agentshim/web/e2e"
)

func TestMain(m *testing.M) { e2e.Main(m) }

// benchPage opens the benchmark page on the built dist/ and the XState bundle
// (make test builds both).
func benchPage(t *testing.T) *e2e.Tab {
	srv := e2e.StartServer(t, map[string]string{"/agentshim/": "dist", "/": "web"})
	tab := e2e.NewTab(t)
	tab.Go(srv.URLFor("/bench/"))
	tab.WaitFor(`window.BenchXState || Promise.reject(new Error('web/bench/build/xstate-bench.js is missing: cd web/bench && npm ci && npm run build'))`)
	return tab
}

// TestImplementationsAgree runs a small trace (200 calls, payloads as objects
// and JSON text) through agentshim, XState and the reducer, batched and one
// at a time, and requires the same listener output from all three.
func TestImplementationsAgree(t *testing.T) {
	tab := benchPage(t)
	var setup Setup
	tab.Eval(`Bench.setup()`, &setup)
	assert.Equal(t, strings.Fields("JOBSCHEDULED connectionstarted POPUP datachanged JOBCHANGED datachanged ringing datachanged established JOBSTARTED connectioncleared JOBFINISHED DELETE"),
		setup.Template, "the fake's 13-event inbound call")
	var v Verify
	tab.Eval(`Bench.verify(200, 'mixed')`, &v)
	for mode, out := range map[string]map[string]Output{"batched": v.Batched, "single": v.Single} {
		a := out["agentshim"]
		require.NotZero(t, a.Events, mode)
		assert.Equal(t, 200, a.Types["contact.removed"], "%s: every call ends removed", mode)
		assert.Equal(t, 200*6, a.Types["contact"], "%s: scheduled, offered, ringing, connected, wrapup, ended per call", mode)
		assert.Zero(t, a.Types["error"], mode)
		for _, impl := range []string{"xstate", "reducer"} {
			assert.Equal(t, a, out[impl], "%s: %s's listener output differs from agentshim's", mode, impl)
		}
	}
	assert.Zero(t, v.LeftInQueue, "the loader fed everything")
	assert.Zero(t, v.ContactsLeft["agentshim"])
}

// TestRoundFigures runs one tiny timed round and checks that the figures
// describe it: every event counted, rates and windows filled in.
func TestRoundFigures(t *testing.T) {
	tab := benchPage(t)
	var r Round
	tab.Eval(`Bench.round(1, 40, 'object')`, &r)
	for _, m := range []Mode{r.Batched, r.Single} {
		for _, f := range []Figures{m.Agentshim, m.XState, m.Reducer} {
			assert.Equal(t, 1+13*40, f.Events)
			assert.Positive(t, f.EventsPerSec)
			assert.Positive(t, f.SlowestWindowMs)
			assert.GreaterOrEqual(t, f.P99Us, f.MedianUs)
		}
		assert.Equal(t, m.Agentshim.ListenerEvents, m.Reducer.ListenerEvents)
		assert.Positive(t, m.RatioXState)
	}
}
