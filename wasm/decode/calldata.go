package decode

import (
	"github.com/agentshim/agentshim/wasm/jsonx"
	"github.com/agentshim/agentshim/wasm/machine"
)

// A contact repeats its CallData verbatim in most of its dozen events, and
// reading it (scanning every {name, value} and interning both) is most of a
// CTToolbar7 event's cost. So the decoder remembers the pairs of the last
// few distinct CallData texts in fixed slots whose buffers are reused: a hit
// is a byte comparison and a copy, and neither hits nor misses allocate once
// the buffers have grown.
const (
	callDataSlots  = 8
	callDataMaxLen = 4096 // larger texts are decoded every time, not kept
)

type callDataSlot struct {
	raw []byte
	kv  []machine.KV
}

type callDataCache struct {
	slots [callDataSlots]callDataSlot
	next  int // the slot the next miss overwrites
}

func (c *callDataCache) find(raw []byte) ([]machine.KV, bool) {
	for i := range c.slots {
		if s := &c.slots[i]; s.raw != nil && jsonx.Equal(s.raw, raw) {
			return s.kv, true
		}
	}
	return nil, false
}

func (c *callDataCache) store(raw []byte, kv []machine.KV) {
	if len(raw) > callDataMaxLen {
		return
	}
	s := &c.slots[c.next]
	c.next = (c.next + 1) % callDataSlots
	s.raw = append(s.raw[:0], raw...)
	s.kv = append(s.kv[:0], kv...)
}

var nameValue = [2]string{"name", "value"}

// callData appends the CallData pairs: an array of {name, value} as the SDK
// sends it, or an object of name: value as some integrations store it.
func (d *Decoder) callData(cd jsonx.Value) {
	if k := cd.Kind(); k != jsonx.Array && k != jsonx.Object {
		return
	}
	if kv, ok := d.calls.find(cd.Raw()); ok {
		d.kv = append(d.kv, kv...)
		return
	}
	start := len(d.kv)
	if cd.Kind() == jsonx.Array {
		cd.ForEach(func(_ []byte, e jsonx.Value) bool {
			var nv [2]jsonx.Value
			pick(e, nameValue[:], nv[:])
			if name, _ := d.text(nv[0]); name != "" {
				d.kv = append(d.kv, machine.KV{Key: name, Value: d.value(nv[1])})
			}
			return true
		})
	} else {
		cd.ForEach(func(k []byte, e jsonx.Value) bool {
			if name := d.key(k); name != "" {
				d.kv = append(d.kv, machine.KV{Key: name, Value: d.value(e)})
			}
			return true
		})
	}
	d.calls.store(cd.Raw(), d.kv[start:])
}
