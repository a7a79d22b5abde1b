package core

import (
	"github.com/agentshim/agentshim/wasm/decode"
	"github.com/agentshim/agentshim/wasm/machine"
	"github.com/agentshim/agentshim/wasm/trace"
)

// DefaultTraceLimit is how many inputs a live core keeps for shim.trace().
const DefaultTraceLimit = 20_000

// recorder keeps the last `limit` inputs in a ring. Payload buffers are
// reused when the ring wraps, so recording allocates nothing in steady state.
type recorder struct {
	limit   int
	started machine.Millis
	ring    []trace.Event
	next    int // where the next event goes once the ring is full
}

func (r *recorder) add(raw *decode.Raw) {
	if r.started == 0 {
		r.started = raw.At
	}
	limit := r.limit
	if limit <= 0 {
		limit = DefaultTraceLimit
	}
	var e *trace.Event
	if len(r.ring) < limit {
		r.ring = append(r.ring, trace.Event{})
		e = &r.ring[len(r.ring)-1]
	} else {
		e = &r.ring[r.next]
		r.next = (r.next + 1) % limit
	}
	e.At, e.Vendor, e.Name = raw.At, raw.Vendor, raw.Name
	e.Payload = append(e.Payload[:0], raw.Payload...)
	if len(e.Payload) == 0 {
		e.Payload = append(e.Payload, "null"...)
	}
}

// events returns the recorded inputs, oldest first.
func (r *recorder) events() []trace.Event {
	out := make([]trace.Event, 0, len(r.ring))
	out = append(out, r.ring[r.next:]...)
	return append(out, r.ring[:r.next]...)
}
