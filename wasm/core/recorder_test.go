package core

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"

	"github.com/agentshim/agentshim/wasm/decode"
	"github.com/agentshim/agentshim/wasm/machine"
)

// TestRecorderKeepsTheLastEventsExactly drives the ring far past several
// wraparounds with payloads that repeat (shared), differ, fill blocks (reused)
// or are large (own buffers), and compares it after every add with the plain
// list of the last `limit` inputs.
func TestRecorderKeepsTheLastEventsExactly(t *testing.T) {
	for _, limit := range []int{1, 3, 40} {
		rng := rand.New(rand.NewPCG(1, uint64(limit)))
		r := recorder{limit: limit}
		var want []string // "at name payload"
		shared := false
		for n := 0; n < 3000; n++ {
			var p string
			switch k := rng.IntN(10); {
			case k < 4: // a contact's repeated object: shared
				p = `{"id":"c` + strconv.Itoa(rng.IntN(3)) + `","state":` + strconv.Itoa(n/50) + `}`
			case k < 7: // several KiB: blocks fill up and are reused
				p = `"` + strings.Repeat(strconv.Itoa(n%10), 1000+rng.IntN(6000)) + `"`
			case k < 8: // large: its own buffer
				p = `"` + strings.Repeat("x", ownPayload+rng.IntN(100)) + strconv.Itoa(n) + `"`
			case k < 9:
				p = "" // recorded as null
			default:
				p = `[` + strconv.Itoa(n) + `]`
			}
			raw := decode.Raw{At: machine.Millis(1000 + n), Vendor: machine.VendorCTT7, Name: "E" + strconv.Itoa(n%7), Payload: []byte(p)}
			r.add(&raw)
			clear(raw.Payload) // the loader's input buffer is overwritten by the next feed
			if p == "" {
				p = "null"
			}
			want = append(want, strconv.Itoa(1000+n)+" "+raw.Name+" "+p)
			if len(want) > limit {
				want = want[1:]
			}
			got := r.events()
			if len(got) != len(want) {
				t.Fatalf("limit %d, after %d adds: %d events, want %d", limit, n+1, len(got), len(want))
			}
			for i := range got[:len(got)-1] {
				if len(got[i].Payload) > 0 && unsafe.SliceData(got[i].Payload) == unsafe.SliceData(got[len(got)-1].Payload) {
					shared = true
				}
			}
			for i := range got {
				g := strconv.Itoa(int(got[i].At)) + " " + got[i].Name + " " + string(got[i].Payload)
				if g != want[i] {
					t.Fatalf("limit %d, after %d adds, event %d:\n got %.80s\nwant %.80s", limit, n+1, i, g, want[i])
				}
			}
		}
		assert.LessOrEqual(t, len(r.blocks), limit*7000/payloadBlock+3, "blocks are reused, not piled up")
		assert.Equal(t, limit > 1, shared, "identical payloads share their bytes")
		refs := make([]int, len(r.blocks))
		for _, e := range r.ring {
			if e.block >= 0 {
				refs[e.block]++
			}
		}
		assert.LessOrEqual(t, cap(r.ring), limit, "the ring never grows past its limit")
		for k := range r.blocks {
			assert.Equal(t, refs[k], r.blocks[k].refs, "block %d: its count of events", k)
		}
		seen := map[int32]bool{}
		for _, k := range r.free {
			assert.False(t, seen[k] || k == r.cur || refs[k] > 0, "free block %d is free once, not current, unused", k)
			seen[k] = true
		}
	}
}
