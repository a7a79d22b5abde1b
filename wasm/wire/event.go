// Package wire writes the machine's events and snapshots as the JSON the
// facade contract defines, and reads snapshots back. It appends to byte
// slices with a fixed key order so that the same state always gives the same
// bytes: the replay tool's golden files and the browser compare them.
package wire

import (
	"github.com/agentshim/agentshim/wasm/isotime"
	"github.com/agentshim/agentshim/wasm/jsonx"
	"github.com/agentshim/agentshim/wasm/machine"
)

// Encoder holds scratch space so that encoding allocates nothing once warm.
type Encoder struct {
	keys []string
}

// AppendEvent appends one facade event:
// {seq, at, type, vendor, contactId?, from?, to?, agent?, contact?, widget?, session?, campaign?, error?}.
func (enc *Encoder) AppendEvent(dst []byte, e *machine.Event) []byte {
	return enc.appendEvent(dst, e, nil)
}

// AppendEventDelta appends e as AppendEvent does, except that its contact is
// only what changed since d last wrote that contact (Deltas). shim_feed
// writes AppendEventCompact; this object form is what the loader rebuilds from
// it, and the tests' reference.
func (enc *Encoder) AppendEventDelta(dst []byte, e *machine.Event, d *Deltas) []byte {
	return enc.appendEvent(dst, e, d)
}

func (enc *Encoder) appendEvent(dst []byte, e *machine.Event, d *Deltas) []byte {
	dst = append(dst, `{"seq":`...)
	dst = jsonx.AppendInt(dst, int64(e.Seq))
	dst = append(dst, `,"at":`...)
	dst = appendTime(dst, e.At)
	dst = append(dst, `,"type":"`...)
	dst = append(dst, e.Type.String()...)
	dst = append(dst, `","vendor":"`...)
	dst = append(dst, e.Vendor.String()...)
	dst = append(dst, '"')
	if e.ContactID != "" {
		dst = append(dst, `,"contactId":`...)
		dst = jsonx.AppendString(dst, e.ContactID)
	}
	if hasFromTo(e) {
		dst = appendFromTo(dst, e.From, e.To)
	}
	dst = append(dst, `,"`...)
	dst = append(dst, payloadKey(e.Type)...)
	dst = append(dst, `":`...)
	dst = enc.appendPayload(dst, e, d)
	return append(dst, '}')
}

// hasFromTo reports whether e carries from and to: agent and contact state
// changes, and campaign events that change a status.
func hasFromTo(e *machine.Event) bool {
	return e.Type == machine.EvAgent || e.Type == machine.EvContact || (e.Type == machine.EvCampaign && e.To != "")
}

// payloadKey is the key of an event's one payload value: its type's name,
// and "contact" for every contact event.
func payloadKey(t machine.EventType) string {
	if t == machine.EvContact || t == machine.EvContactData || t == machine.EvContactRemoved {
		return "contact"
	}
	return t.String()
}

// appendPayload writes the value payloadKey names; with d, a contact is a
// delta (Deltas), without, in full.
func (enc *Encoder) appendPayload(dst []byte, e *machine.Event, d *Deltas) []byte {
	switch e.Type {
	case machine.EvAgent:
		return AppendAgent(dst, &e.Agent)
	case machine.EvContact, machine.EvContactData, machine.EvContactRemoved:
		if d == nil {
			return enc.AppendContact(dst, &e.Contact)
		}
		return d.appendContact(enc, dst, &e.Contact, e.Type == machine.EvContactRemoved)
	case machine.EvWidget:
		return AppendWidget(dst, &e.Widget)
	case machine.EvSession:
		return appendSession(dst, &e.Session)
	case machine.EvCampaign:
		return appendCampaign(dst, &e.Campaign)
	case machine.EvError:
		return AppendError(dst, &e.Error)
	}
	return append(dst, "null"...)
}

// appendFromTo writes from (null when empty: a contact's first event) and to.
func appendFromTo(dst []byte, from, to string) []byte {
	dst = append(dst, `,"from":`...)
	dst = appendStringOrNull(dst, from)
	dst = append(dst, `,"to":`...)
	return jsonx.AppendString(dst, to)
}

// AppendAgent appends an AgentSnapshot.
func AppendAgent(dst []byte, a *machine.Agent) []byte {
	dst = append(dst, `{"id":`...)
	dst = appendStringOrNull(dst, a.ID)
	dst = append(dst, `,"availability":"`...)
	dst = append(dst, a.Availability.String()...)
	dst = append(dst, `","state":"`...)
	dst = append(dst, a.State.String()...)
	dst = append(dst, `","reason":`...)
	dst = appendStringOrNull(dst, a.Reason)
	dst = append(dst, `,"groups":[`...)
	for i, g := range a.Groups {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = jsonx.AppendString(dst, g)
	}
	dst = append(dst, `],"since":`...)
	dst = appendTime(dst, a.Since)
	return append(dst, '}')
}

// AppendContact appends a ContactSnapshot; data keys are sorted.
func (enc *Encoder) AppendContact(dst []byte, c *machine.Contact) []byte {
	dst = append(dst, `{"id":`...)
	dst = jsonx.AppendString(dst, c.ID)
	dst = append(dst, `,"vendor":"`...)
	dst = append(dst, c.Vendor.String()...)
	dst = append(dst, `","channel":"`...)
	dst = append(dst, c.Channel.String()...)
	dst = append(dst, `","direction":"`...)
	dst = append(dst, c.Direction.String()...)
	dst = append(dst, `","state":"`...)
	dst = append(dst, c.State.String()...)
	dst = append(dst, `","number":`...)
	dst = appendStringOrNull(dst, c.Number)
	dst = append(dst, `,"data":`...)
	dst = enc.appendData(dst, c.Data)
	dst = append(dst, `,"createdAt":`...)
	dst = appendTime(dst, c.CreatedAt)
	dst = append(dst, `,"connectedAt":`...)
	dst = appendTime(dst, c.ConnectedAt)
	dst = append(dst, `,"endedAt":`...)
	dst = appendTime(dst, c.EndedAt)
	dst = append(dst, `,"scheduledFor":`...)
	dst = appendTime(dst, c.ScheduledFor)
	dst = append(dst, `,"outcome":`...)
	dst = appendStringOrNull(dst, c.Outcome)
	dst = append(dst, `,"endReason":`...)
	dst = appendStringOrNull(dst, c.EndReason)
	if c.Widget != "" {
		dst = append(dst, `,"widget":`...)
		dst = jsonx.AppendString(dst, c.Widget)
	}
	return append(dst, '}')
}

// appendData writes call data as an object with sorted keys.
func (enc *Encoder) appendData(dst []byte, data map[string]string) []byte {
	dst = append(dst, '{')
	enc.keys = machine.SortedKeys(data, enc.keys)
	for i, k := range enc.keys {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = jsonx.AppendKey(dst, k)
		dst = jsonx.AppendString(dst, data[k])
	}
	return append(dst, '}')
}

// AppendWidget appends a widget as widgets() lists it.
func AppendWidget(dst []byte, w *machine.Widget) []byte {
	dst = append(dst, `{"name":`...)
	dst = jsonx.AppendString(dst, w.Name)
	dst = append(dst, `,"vendor":"`...)
	dst = append(dst, w.Vendor.String()...)
	dst = append(dst, `","status":"`...)
	dst = append(dst, w.Status.String()...)
	dst = append(dst, `","open":`...)
	dst = jsonx.AppendBool(dst, w.Open)
	return append(dst, '}')
}

// appendSession writes {kind, ...fields}; a field named kind cannot override it.
func appendSession(dst []byte, s *machine.Session) []byte {
	dst = append(dst, `{"kind":`...)
	dst = jsonx.AppendString(dst, s.Kind)
	for _, kv := range s.Data {
		if kv.Key == "kind" {
			continue
		}
		dst = append(dst, ',')
		dst = jsonx.AppendKey(dst, kv.Key)
		dst = jsonx.AppendString(dst, kv.Value)
	}
	return append(dst, '}')
}

func appendCampaign(dst []byte, c *machine.Campaign) []byte {
	dst = append(dst, `{"kind":`...)
	dst = jsonx.AppendString(dst, c.Kind)
	dst = append(dst, `,"id":`...)
	dst = appendStringOrNull(dst, c.ID)
	dst = append(dst, `,"status":`...)
	dst = appendStringOrNull(dst, c.Status)
	dst = append(dst, `,"record":`...)
	if c.Record == nil {
		dst = jsonx.AppendNull(dst)
	} else {
		dst = AppendRecord(dst, c.Record)
	}
	return append(dst, '}')
}

// AppendRecord writes a telemarketing record as {id, updated, ...fields}.
func AppendRecord(dst []byte, r *machine.Record) []byte {
	dst = append(dst, `{"id":`...)
	dst = jsonx.AppendString(dst, r.ID)
	dst = append(dst, `,"updated":`...)
	dst = appendTime(dst, r.Updated)
	dst = append(dst, `,"fields":{`...)
	dst = appendKVs(dst, r.Fields)
	return append(dst, "}}"...)
}

func appendKVs(dst []byte, kvs []machine.KV) []byte {
	for i, kv := range kvs {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = jsonx.AppendKey(dst, kv.Key)
		dst = jsonx.AppendString(dst, kv.Value)
	}
	return dst
}

// AppendError writes an AgentShimError's fields.
func AppendError(dst []byte, e *machine.Error) []byte {
	dst = append(dst, `{"code":"`...)
	dst = append(dst, e.Code.String()...)
	dst = append(dst, `","message":`...)
	dst = jsonx.AppendString(dst, e.Message)
	if e.Vendor != machine.VendorNone {
		dst = append(dst, `,"vendor":"`...)
		dst = append(dst, e.Vendor.String()...)
		dst = append(dst, '"')
	}
	if e.ContactID != "" {
		dst = append(dst, `,"contactId":`...)
		dst = jsonx.AppendString(dst, e.ContactID)
	}
	dst = append(dst, `,"retryable":`...)
	dst = jsonx.AppendBool(dst, e.Code.Retryable())
	return append(dst, '}')
}

func appendStringOrNull(dst []byte, s string) []byte {
	if s == "" {
		return jsonx.AppendNull(dst)
	}
	return jsonx.AppendString(dst, s)
}

func appendTime(dst []byte, ms machine.Millis) []byte {
	if ms == 0 {
		return jsonx.AppendNull(dst)
	}
	dst = append(dst, '"')
	dst = isotime.Append(dst, int64(ms))
	return append(dst, '"')
}
