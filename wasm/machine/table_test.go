package machine

import (
	"flag"
	"fmt"
	"os"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
)

// taken records every contact transition some test drives through Step.
var taken = map[Transition]bool{}

func TestMain(m *testing.M) {
	onMove = func(op Op, from, to State) {
		if op == OpContactHoldToggle {
			op = OpContactHeld
			if from == Held {
				op = OpContactResumed
			}
		}
		taken[Transition{op, from, to}] = true
	}
	code := m.Run()
	// Only a full run can judge coverage; a -run filter skips tests on purpose.
	if code == 0 && flag.Lookup("test.run").Value.String() == "" {
		var missing []string
		for _, tr := range Transitions() {
			if !taken[tr] {
				missing = append(missing, fmt.Sprintf("%s: %q -> %s", tr.Op, tr.From, tr.To))
			}
		}
		if len(missing) > 0 {
			sort.Strings(missing)
			fmt.Fprintf(os.Stderr, "FAIL: %d contact transitions are taken by no test:\n", len(missing))
			for _, s := range missing {
				fmt.Fprintln(os.Stderr, "  ", s)
			}
			code = 1
		}
	}
	os.Exit(code)
}

// TestEveryStateReachable walks the table breadth-first from "unknown" and
// checks that every state and every transition can be reached.
func TestEveryStateReachable(t *testing.T) {
	seen := map[State]bool{StateNone: true}
	queue := []State{StateNone}
	edges := map[Transition]bool{}
	for len(queue) > 0 {
		from := queue[0]
		queue = queue[1:]
		for _, op := range stateOps {
			c := next(op, from)
			if c.kind != cellMove {
				continue
			}
			edges[Transition{op, from, c.to}] = true
			if !seen[c.to] {
				seen[c.to] = true
				queue = append(queue, c.to)
			}
		}
	}
	for s := StateNone; s < numStates; s++ {
		assert.True(t, seen[s], "state %q unreachable", s)
	}
	for _, tr := range Transitions() {
		assert.True(t, edges[tr], "transition %v unreachable", tr)
	}
	for _, op := range stateOps {
		assert.NotEqual(t, cellMove, next(op, Ended).kind, "ended is final, but %s moves it", op)
	}
}

// TestEveryTransition drives each table move through Step from a contact
// brought to the move's source state by the shortest path.
func TestEveryTransition(t *testing.T) {
	paths := shortestPaths()
	for _, tr := range Transitions() {
		r := newRun()
		id := "c"
		for _, op := range paths[tr.From] {
			r.contact(op, id)
		}
		n := len(r.events)
		r.contact(tr.Op, id)
		if assert.Greater(t, len(r.events), n, "%v", tr) {
			e := r.events[n]
			assert.Equal(t, EvContact, e.Type, "%v", tr)
			assert.Equal(t, tr.From.String(), e.From, "%v", tr)
			assert.Equal(t, tr.To.String(), e.To, "%v", tr)
		}
	}
}

// TestEveryRejection checks that every "bad" cell of the table yields exactly
// one INVALID_STATE error and leaves the contact as it was.
func TestEveryRejection(t *testing.T) {
	paths := shortestPaths()
	for _, op := range stateOps {
		for from := Scheduled; from < numStates; from++ {
			if next(op, from).kind != cellBad {
				continue
			}
			r := newRun()
			for _, p := range paths[from] {
				r.contact(p, "c")
			}
			before := *r.m.Contact("c")
			n := len(r.events)
			r.contact(op, "c")
			if assert.Len(t, r.events, n+1, "%s from %s", op, from) {
				assert.Equal(t, InvalidState, r.last().Error.Code)
			}
			assert.Equal(t, before, *r.m.Contact("c"))
		}
	}
}

func shortestPaths() map[State][]Op {
	paths := map[State][]Op{StateNone: nil}
	queue := []State{StateNone}
	for len(queue) > 0 {
		from := queue[0]
		queue = queue[1:]
		for _, op := range stateOps {
			c := next(op, from)
			if _, ok := paths[c.to]; c.kind == cellMove && !ok && op != OpContactDeleted {
				paths[c.to] = append(append([]Op(nil), paths[from]...), op)
				queue = append(queue, c.to)
			}
		}
	}
	return paths
}

func TestAgentTransitions(t *testing.T) {
	for _, tr := range AgentTransitions() {
		r := newRun()
		switch tr.From {
		case Ready:
			r.step(Input{Op: OpAgentReady})
		case Paused:
			r.step(Input{Op: OpAgentPaused})
		}
		n := len(r.events)
		r.step(Input{Op: tr.Op})
		if assert.Len(t, r.events, n+1, "%v", tr) {
			assert.Equal(t, tr.From.String(), r.last().From)
			assert.Equal(t, tr.To.String(), r.last().To)
			assert.Equal(t, tr.To, r.last().Agent.Availability)
		}
	}
}
