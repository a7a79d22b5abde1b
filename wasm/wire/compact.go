package wire

import (
	"github.com/agentshim/agentshim/wasm/isotime"
	"github.com/agentshim/agentshim/wasm/jsonx"
	"github.com/agentshim/agentshim/wasm/machine"
)

// AppendEventCompact appends e in the positional form of shim_feed answers
// (PROTOCOL.md, "Compact events"):
//
//	[seq, atMillis, type, vendor, contactId|0, from, to|0, payload]
//
// A facade event repeats its key names and an ISO time in every event; the
// loader rebuilds the object (same keys, order and values) for less than it
// costs to decode and parse them. atMillis is 0 for a null at; contactId 0
// when the event has none; to 0 when it has neither from nor to. payload is
// the one value whose key the type names (agent, contact, widget, session,
// campaign or error); a contact is a delta as in AppendEventDelta.
func (enc *Encoder) AppendEventCompact(dst []byte, e *machine.Event, d *Deltas) []byte {
	dst = append(dst, '[')
	dst = jsonx.AppendInt(dst, int64(e.Seq))
	dst = append(dst, ',')
	dst = appendMillis(dst, e.At)
	dst = append(dst, `,"`...)
	dst = append(dst, e.Type.String()...)
	dst = append(dst, `","`...)
	dst = append(dst, e.Vendor.String()...)
	dst = append(dst, `",`...)
	dst = appendStringOrZero(dst, e.ContactID)
	if hasFromTo(e) {
		dst = append(dst, ',')
		dst = appendStringOrNull(dst, e.From)
		dst = append(dst, ',')
		dst = jsonx.AppendString(dst, e.To)
	} else {
		dst = append(dst, ",null,0"...)
	}
	dst = append(dst, ',')
	dst = enc.appendPayload(dst, e, d)
	return append(dst, ']')
}

// appendMillis writes t clamped as appendTime's text is (so that the loader's
// Date.toISOString gives the same text), 0 for a null time.
func appendMillis(dst []byte, t machine.Millis) []byte {
	if t == 0 {
		return append(dst, '0')
	}
	return jsonx.AppendInt(dst, min(max(int64(t), isotime.MinMillis), isotime.MaxMillis))
}

func appendStringOrZero(dst []byte, s string) []byte {
	if s == "" {
		return append(dst, '0')
	}
	return jsonx.AppendString(dst, s)
}
