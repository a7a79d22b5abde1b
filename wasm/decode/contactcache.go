package decode

import (
	"github.com/agentshim/agentshim/wasm/jsonx"
	"github.com/agentshim/agentshim/wasm/machine"
)

// CTToolbar7 resends the whole contact object with every event, and most of
// a contact's dozen events carry the very same text (it changes when call
// data or the hold flag does). So the decoder keeps what it read from the last
// few contact payloads, keyed by their exact bytes: an identical payload is
// one byte comparison and a copy of the call-data pairs instead of a JSON
// walk. What is kept depends only on the payload's bytes and the decoder's
// options, so a hit decodes exactly as a miss would.
const (
	contactSlots  = 8 // a few contacts are in flight at once
	contactMaxLen = 4096
)

// contactInfo is what ctt7Contact reads from a payload, before the event's
// op (which shapes direction, number and hold) is applied.
type contactInfo struct {
	id        string
	media     machine.Channel // from media_type: Voice unless chat or video
	kind      contactType     // from type
	ani, dnis string          // normalized numbers, "" when absent
	held      int8            // explicit hold flag: -1 none, 0 resumed, 1 held
	kv        []machine.KV    // call data
}

type contactType uint8

const (
	typeNone contactType = iota
	typeInbound
	typeOutbound
	typeCallTask
)

type contactSlot struct {
	raw  []byte // nil: empty slot
	info contactInfo
}

type contactCache struct {
	slots [contactSlots]contactSlot
	next  int
}

func (c *contactCache) find(raw []byte) *contactInfo {
	for i := range c.slots {
		if s := &c.slots[i]; s.raw != nil && jsonx.Equal(s.raw, raw) {
			return &s.info
		}
	}
	return nil
}

// store keeps a copy of info for raw; its buffers are reused.
func (c *contactCache) store(raw []byte, info *contactInfo) {
	if len(raw) > contactMaxLen {
		return
	}
	s := &c.slots[c.next]
	c.next = (c.next + 1) % contactSlots
	kv := append(s.info.kv[:0], info.kv...)
	s.raw = append(s.raw[:0], raw...)
	s.info = *info
	s.info.kv = kv
}
