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
// holds about the distinct payload bytes plus 40 bytes an input (wasm
// memory never shrinks, so the ring's size is the page's).
type recorder struct {
	limit   int
	started machine.Millis
	ring    []entry
	next    int            // where the next event goes once the ring is full
	own     map[int][]byte // ring index -> a large payload's own buffer

	blocks []payloadStore
	cur    int32   // the block being filled; -1 before the first
	free   []int32 // blocks no event refers to, ready for reuse
	recent [recentPayloads]payloadRef
	nextR  int // the recent entry the next stored payload replaces
}

// entry is one recorded input. Its payload is blocks[block].buf[off:off+n],
// or own[its ring index] when block is -1.
type entry struct {
	at     machine.Millis
	name   string
	off, n uint32
	block  int32
	vendor machine.Vendor
}

// payloadRef is where a recent payload is, while its block's gen is gen.
type payloadRef struct {
	off, n uint32
	block  int32
	gen    uint32
}

type payloadStore struct {
	buf  []byte // len: bytes used; cap: payloadBlock
	refs int    // ring events whose payload is in buf
	gen  uint32 // bumped when the block is emptied: recent refs into it are stale
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
		if len(r.ring) == cap(r.ring) { // grow by doubling, but never past the limit
			grown := make([]entry, len(r.ring), min(limit, max(64, 2*cap(r.ring))))
			r.ring = grown[:copy(grown, r.ring)]
		}
		r.ring = append(r.ring, entry{block: -1})
		i = len(r.ring) - 1
	} else {
		i = r.next
		r.next = (r.next + 1) % limit
		r.release(r.ring[i].block)
	}
	e := &r.ring[i]
	e.at, e.vendor, e.name = raw.At, raw.Vendor, raw.Name
	p := raw.Payload
	if len(p) == 0 {
		p = nullDoc
	}
	if len(p) >= ownPayload {
		if r.own == nil {
			r.own = map[int][]byte{}
		}
		r.own[i] = append(r.own[i][:0], p...)
		e.off, e.n, e.block = 0, 0, -1
		return
	}
	if r.own != nil {
		delete(r.own, i)
	}
	ref := r.store(p)
	e.off, e.n, e.block = ref.off, ref.n, ref.block
}

var nullDoc = []byte("null")

// store returns where payload p is kept: a recent identical payload, or a
// new slice of the current block.
func (r *recorder) store(p []byte) payloadRef {
	for k := range r.recent {
		if c := r.recent[k]; c.n > 0 && r.blocks[c.block].gen == c.gen && jsonx.Equal(r.bytes(c.block, c.off, c.n), p) {
			r.blocks[c.block].refs++
			return c
		}
	}
	if r.cur < 0 || len(r.blocks[r.cur].buf)+len(p) > payloadBlock {
		r.nextBlock()
	}
	b := &r.blocks[r.cur]
	ref := payloadRef{off: uint32(len(b.buf)), n: uint32(len(p)), block: r.cur, gen: b.gen}
	b.buf = append(b.buf, p...)
	b.refs++
	r.recent[r.nextR] = ref
	r.nextR = (r.nextR + 1) % recentPayloads
	return ref
}

// bytes returns a payload in a block.
func (r *recorder) bytes(block int32, off, n uint32) []byte {
	return r.blocks[block].buf[off : off+n : off+n] // capped: an append cannot reach the next payload
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
// recorder's buffers: use them before the next add.
func (r *recorder) events() []trace.Event {
	out := make([]trace.Event, 0, len(r.ring))
	for k := range r.ring {
		i := (r.next + k) % len(r.ring)
		e := &r.ring[i]
		p := r.own[i]
		if e.block >= 0 {
			p = r.bytes(e.block, e.off, e.n)
		}
		out = append(out, trace.Event{At: e.at, Vendor: e.vendor, Name: e.name, Payload: p})
	}
	return out
}
