package core

import (
	"github.com/agentshim/agentshim/wasm/decode"
	"github.com/agentshim/agentshim/wasm/jsonx"
	"github.com/agentshim/agentshim/wasm/machine"
	"github.com/agentshim/agentshim/wasm/trace"
)

// DefaultTraceLimit is how many inputs a live core keeps for shim.trace().
const DefaultTraceLimit = 20_000

const (
	// payloadBlock is the size of the blocks recorded payloads are packed
	// into. One allocation per payload would leave the garbage collector
	// 20,000 small objects to free as the ring wraps; blocks are reused.
	payloadBlock = 64 << 10
	// ownPayload: payloads at least this large get their own buffer, so
	// that one large payload cannot pin a mostly dead block.
	ownPayload = payloadBlock / 4
	// recentPayloads is how many recently stored payloads a new one is
	// compared with. CTToolbar7 resends the whole contact object with
	// every event, so a contact's dozen events carry two or three distinct
	// texts; a few contacts are in flight at once.
	recentPayloads = 8
)

// recorder keeps the last `limit` inputs in a ring. A payload byte-identical
// to a recent one is stored once and shared; the others are packed into
// reused blocks. Recording allocates nothing in steady state, and the ring
// holds about the distinct payload bytes, not all of them.
type recorder struct {
	limit   int
	started machine.Millis
	ring    []trace.Event
	block   []int32 // block[i]: the block ring[i].Payload lives in; -1 when it has its own buffer
	next    int     // where the next event goes once the ring is full

	blocks []payloadStore
	cur    int32   // the block being filled; -1 before the first
	free   []int32 // blocks no event refers to, ready for reuse
	recent [recentPayloads]recentPayload
	nextR  int // the recent entry the next stored payload replaces
}

type payloadStore struct {
	buf  []byte // len: bytes used; cap: payloadBlock
	refs int    // ring events whose payload is in buf
	gen  uint32 // bumped when the block is emptied: recent entries into it are stale
}

type recentPayload struct {
	b     []byte
	block int32
	gen   uint32
}

func (r *recorder) add(raw *decode.Raw) {
	if r.started == 0 {
		r.started = raw.At
	}
	limit := r.limit
	if limit <= 0 {
		limit = DefaultTraceLimit
	}
	var i int
	if len(r.ring) < limit {
		if len(r.ring) == 0 {
			r.cur = -1
		}
		r.ring = append(r.ring, trace.Event{})
		r.block = append(r.block, -1)
		i = len(r.ring) - 1
	} else {
		i = r.next
		r.next = (r.next + 1) % limit
		r.release(r.block[i])
	}
	e := &r.ring[i]
	e.At, e.Vendor, e.Name = raw.At, raw.Vendor, raw.Name
	p := raw.Payload
	if len(p) == 0 {
		p = nullDoc
	}
	e.Payload, r.block[i] = r.store(p, e.Payload, r.block[i])
}

var nullDoc = []byte("null")

// store returns where payload p is kept: a recent identical payload, a
// slice of the current block, or (large payloads) old, the event's previous
// buffer, reused when it was its own.
func (r *recorder) store(p, old []byte, oldBlock int32) ([]byte, int32) {
	if len(p) >= ownPayload {
		if oldBlock >= 0 {
			old = nil // a slice of a block: not ours to overwrite
		}
		return append(old[:0], p...), -1
	}
	for k := range r.recent {
		if c := &r.recent[k]; c.b != nil && r.blocks[c.block].gen == c.gen && jsonx.Equal(c.b, p) {
			r.blocks[c.block].refs++
			return c.b, c.block
		}
	}
	if r.cur < 0 || len(r.blocks[r.cur].buf)+len(p) > payloadBlock {
		r.nextBlock()
	}
	b := &r.blocks[r.cur]
	off := len(b.buf)
	b.buf = append(b.buf, p...)
	b.refs++
	s := b.buf[off:len(b.buf):len(b.buf)] // capped: an append on it cannot reach the next payload
	r.recent[r.nextR] = recentPayload{b: s, block: r.cur, gen: b.gen}
	r.nextR = (r.nextR + 1) % recentPayloads
	return s, r.cur
}

// release drops one event's reference to block k; an empty block other than
// the current one becomes free.
func (r *recorder) release(k int32) {
	if k < 0 {
		return
	}
	b := &r.blocks[k]
	if b.refs--; b.refs == 0 && k != r.cur {
		r.empty(k)
	}
}

func (r *recorder) empty(k int32) {
	b := &r.blocks[k]
	b.buf = b.buf[:0]
	b.gen++
	r.free = append(r.free, k)
}

// nextBlock makes a block with room the current one: a free one, else a new one.
func (r *recorder) nextBlock() {
	if r.cur >= 0 && r.blocks[r.cur].refs == 0 {
		r.empty(r.cur)
	}
	if n := len(r.free); n > 0 {
		r.cur = r.free[n-1]
		r.free = r.free[:n-1]
		return
	}
	r.blocks = append(r.blocks, payloadStore{buf: make([]byte, 0, payloadBlock)})
	r.cur = int32(len(r.blocks) - 1)
}

// events returns the recorded inputs, oldest first. Payloads alias the
// recorder's blocks: use them before the next add.
func (r *recorder) events() []trace.Event {
	out := make([]trace.Event, 0, len(r.ring))
	out = append(out, r.ring[r.next:]...)
	return append(out, r.ring[:r.next]...)
}
