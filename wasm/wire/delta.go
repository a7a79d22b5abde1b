package wire

import (
	"github.com/agentshim/agentshim/wasm/jsonx"
	"github.com/agentshim/agentshim/wasm/machine"
)

// Deltas remembers, per contact id, the contact snapshot last written into
// shim_feed answers, so that a contact event carries only the fields that
// changed since (PROTOCOL.md, "Contact deltas"). Most events of a busy desk
// are contact events, and a full snapshot is about 400 bytes that Go writes
// and the loader decodes and parses for each; a delta is a few dozen. The
// loader keeps the same snapshots and rebuilds the full one for listeners.
//
// A contact's first event, and any after Reset, carries the full snapshot
// (with its id): the loader takes it as the new base. The zero value is ready.
type Deltas struct {
	sent map[string]*machine.Contact
	free []*machine.Contact // snapshots of removed contacts, reused
}

// Reset forgets every snapshot: the next event of each contact is written in
// full. Needed whenever the loader may not have seen an answer (a recovered
// panic) or the state was replaced (restore).
func (d *Deltas) Reset() { clear(d.sent) }

// Len is the number of contacts remembered (for tests).
func (d *Deltas) Len() int { return len(d.sent) }

// appendContact writes c in full or as a delta and remembers it; removed
// forgets it (the contact's last event).
func (d *Deltas) appendContact(enc *Encoder, dst []byte, c *machine.Contact, removed bool) []byte {
	last := d.sent[c.ID]
	sameData := last != nil && sameData(c.Data, last.Data)
	// A delta cannot drop a key, and widget is the one key a full snapshot may omit.
	if last == nil || (c.Widget == "" && last.Widget != "") {
		dst = enc.AppendContact(dst, c)
	} else {
		dst = enc.appendDelta(dst, c, last, sameData)
	}
	if removed {
		d.forget(c.ID, last)
	} else {
		d.remember(c, last, sameData)
	}
	return dst
}

// deltaName writes key with an enum's name (plain ASCII, no escaping) when it changed.
func deltaName(dst []byte, start int, key, name string, changed bool) []byte {
	if !changed {
		return dst
	}
	dst = append(deltaKey(dst, start, key), '"')
	return append(append(dst, name...), '"')
}

// appendDelta writes the fields of c that differ from last; {} when none.
func (enc *Encoder) appendDelta(dst []byte, c, last *machine.Contact, sameData bool) []byte {
	dst = append(dst, '{')
	start := len(dst)
	dst = deltaName(dst, start, "vendor", c.Vendor.String(), c.Vendor != last.Vendor)
	dst = deltaName(dst, start, "channel", c.Channel.String(), c.Channel != last.Channel)
	dst = deltaName(dst, start, "direction", c.Direction.String(), c.Direction != last.Direction)
	dst = deltaName(dst, start, "state", c.State.String(), c.State != last.State)
	if c.Number != last.Number {
		dst = appendStringOrNull(deltaKey(dst, start, "number"), c.Number)
	}
	if !sameData {
		dst = enc.appendData(deltaKey(dst, start, "data"), c.Data)
	}
	dst = deltaTime(dst, start, "createdAt", c.CreatedAt, last.CreatedAt)
	dst = deltaTime(dst, start, "connectedAt", c.ConnectedAt, last.ConnectedAt)
	dst = deltaTime(dst, start, "endedAt", c.EndedAt, last.EndedAt)
	dst = deltaTime(dst, start, "scheduledFor", c.ScheduledFor, last.ScheduledFor)
	if c.Outcome != last.Outcome {
		dst = appendStringOrNull(deltaKey(dst, start, "outcome"), c.Outcome)
	}
	if c.EndReason != last.EndReason {
		dst = appendStringOrNull(deltaKey(dst, start, "endReason"), c.EndReason)
	}
	if c.Widget != last.Widget {
		dst = jsonx.AppendString(deltaKey(dst, start, "widget"), c.Widget)
	}
	return append(dst, '}')
}

// deltaKey writes "key": after a comma unless it is the object's first.
func deltaKey(dst []byte, start int, key string) []byte {
	if len(dst) > start {
		dst = append(dst, ',')
	}
	dst = append(append(append(dst, '"'), key...), '"', ':')
	return dst
}

func deltaTime(dst []byte, start int, key string, t, last machine.Millis) []byte {
	if t == last {
		return dst
	}
	return appendTime(deltaKey(dst, start, key), t)
}

func sameData(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// remember copies c (its call data too: the machine changes its map in place).
func (d *Deltas) remember(c, last *machine.Contact, sameData bool) {
	if last == nil {
		if d.sent == nil {
			d.sent = map[string]*machine.Contact{}
		}
		if n := len(d.free); n > 0 {
			last, d.free = d.free[n-1], d.free[:n-1]
		} else {
			last = &machine.Contact{}
		}
		d.sent[c.ID] = last
	}
	data := last.Data
	*last = *c
	last.Data = data
	if sameData {
		return
	}
	clear(data)
	if len(c.Data) > 0 && data == nil {
		data = make(map[string]string, len(c.Data))
		last.Data = data
	}
	for k, v := range c.Data {
		data[k] = v
	}
}

// forget drops a removed contact's snapshot, keeping a few for reuse.
func (d *Deltas) forget(id string, last *machine.Contact) {
	if last == nil {
		return
	}
	delete(d.sent, id)
	if len(d.free) < 64 {
		d.free = append(d.free, last)
	}
}
