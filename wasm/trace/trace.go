// Package trace reads and writes agentshim's trace format v1, the one record
// of what vendors sent and what the facade was asked, used by tests, QA and
// bug reports:
//
//	{"version":1,"startedAt":"<ISO>","events":[{"at":"<ISO>","vendor":"ctt7","name":"RINGING","payload":...}]}
//
// A trace replays to the same facade events everywhere (cmd/agentshim-replay,
// AgentShim.replay in the browser), so reading it is strict: a bad trace is
// refused with the line and the field that are wrong, never half-read.
package trace

import (
	"unsafe"

	"github.com/agentshim/agentshim/wasm/isotime"
	"github.com/agentshim/agentshim/wasm/jsonx"
	"github.com/agentshim/agentshim/wasm/machine"
)

// Version is the trace format version this package reads and writes.
const Version = 1

// Event is one recorded input.
type Event struct {
	At      machine.Millis
	Vendor  machine.Vendor
	Name    string
	Payload []byte // compact JSON; "null" when the input had none
}

// Trace is a whole recording.
type Trace struct {
	StartedAt machine.Millis
	Events    []Event
}

// Error says where a trace is wrong.
type Error struct {
	Line  int    // 1-based line of the offending value, 0 when unknown
	Field string // e.g. "events[3].vendor"
	Msg   string
}

func (e *Error) Error() string {
	s := "trace"
	if e.Line > 0 {
		s += " line " + jsonx.Itoa(e.Line)
	}
	if e.Field != "" {
		s += ": " + e.Field
	}
	return s + ": " + e.Msg
}

// Parse reads a trace document.
func Parse(doc []byte) (*Trace, error) {
	root, err := jsonx.Parse(doc)
	if err != nil {
		return nil, &Error{Msg: "not valid JSON: " + err.Error()}
	}
	r := reader{doc: doc}
	if root.Kind() != jsonx.Object {
		return nil, r.errAt(root, "", "a trace is a JSON object {version, startedAt, events}")
	}
	if v := root.Get("version"); v.Kind() == jsonx.Invalid {
		return nil, &Error{Field: "version", Msg: "missing; this reader understands version 1"}
	} else if n, ok := v.Int(); !ok || n != Version {
		return nil, r.errAt(v, "version", "is "+string(v.Raw())+"; this reader understands version 1")
	}
	t := &Trace{}
	if t.StartedAt, err = r.time(root.Get("startedAt"), "startedAt"); err != nil {
		return nil, err
	}
	evs := root.Get("events")
	if evs.Kind() != jsonx.Array {
		return nil, r.errAt(evs, "events", "is "+describe(evs)+"; it must be an array of {at, vendor, name, payload}")
	}
	t.Events = make([]Event, 0, evs.Len())
	i := 0
	evs.ForEach(func(_ []byte, v jsonx.Value) bool {
		var e Event
		e, err = r.event(v, "events["+jsonx.Itoa(i)+"]")
		t.Events = append(t.Events, e)
		i++
		return err == nil
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}

type reader struct{ doc []byte }

// errAt builds an Error whose line is where v starts in the document.
func (r reader) errAt(v jsonx.Value, field, msg string) *Error {
	e := &Error{Field: field, Msg: msg}
	if raw := v.Raw(); len(raw) > 0 {
		// v aliases the document: its offset is the distance between the two.
		off := int(uintptr(unsafe.Pointer(unsafe.SliceData(raw))) - uintptr(unsafe.Pointer(unsafe.SliceData(r.doc))))
		if off >= 0 && off <= len(r.doc) {
			e.Line = 1
			for _, c := range r.doc[:off] {
				if c == '\n' {
					e.Line++
				}
			}
		}
	}
	return e
}

func (r reader) time(v jsonx.Value, field string) (machine.Millis, error) {
	if v.Kind() == jsonx.Invalid {
		return 0, &Error{Field: field, Msg: "missing; give an ISO 8601 time such as 2021-05-12T16:49:24.725Z"}
	}
	s, ok := v.Text()
	if v.Kind() != jsonx.String || !ok {
		return 0, r.errAt(v, field, "must be an ISO 8601 time string")
	}
	ms, ok := isotime.Parse(s)
	if !ok {
		return 0, r.errAt(v, field, "'"+s+"' is not an ISO 8601 time such as 2021-05-12T16:49:24.725Z")
	}
	return machine.Millis(ms), nil
}

func (r reader) event(v jsonx.Value, field string) (Event, error) {
	var e Event
	if v.Kind() != jsonx.Object {
		return e, r.errAt(v, field, "must be an object {at, vendor, name, payload}")
	}
	var err error
	if e.At, err = r.time(v.Get("at"), field+".at"); err != nil {
		return e, err
	}
	vendor := v.Get("vendor")
	vs, _ := vendor.Text()
	var ok bool
	if e.Vendor, ok = machine.ParseVendor(vs); !ok || vendor.Kind() != jsonx.String {
		return e, r.errAt(vendor, field+".vendor", "is "+describe(vendor)+
			"; use one of ctt7, mluvii, whisbi, telemarketing, video, facade")
	}
	name := v.Get("name")
	if e.Name, _ = name.Text(); name.Kind() != jsonx.String || e.Name == "" {
		return e, r.errAt(name, field+".name", "is "+describe(name)+"; give the vendor's event or getter name")
	}
	e.Payload = []byte("null")
	if p := v.Get("payload"); p.Kind() != jsonx.Invalid {
		e.Payload, _ = jsonx.AppendCompact(nil, p.Raw())
	}
	return e, nil
}

func describe(v jsonx.Value) string {
	if v.Kind() == jsonx.Invalid {
		return "missing"
	}
	raw := string(v.Raw())
	if len(raw) > 40 {
		raw = raw[:40] + "…"
	}
	return raw
}

// Append writes the trace as JSON, one event per line so that traces diff well.
func (t *Trace) Append(dst []byte) []byte {
	dst = append(dst, `{"version":1,"startedAt":"`...)
	dst = isotime.Append(dst, int64(t.StartedAt))
	dst = append(dst, `","events":[`...)
	for i := range t.Events {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, "\n  "...)
		dst = t.Events[i].Append(dst)
	}
	return append(dst, "\n]}\n"...)
}

// Append writes one event.
func (e *Event) Append(dst []byte) []byte {
	dst = append(dst, `{"at":"`...)
	dst = isotime.Append(dst, int64(e.At))
	dst = append(dst, `","vendor":"`...)
	dst = append(dst, e.Vendor.String()...)
	dst = append(dst, `","name":`...)
	dst = jsonx.AppendString(dst, e.Name)
	dst = append(dst, `,"payload":`...)
	if len(e.Payload) == 0 {
		dst = append(dst, "null"...)
	} else {
		dst = append(dst, e.Payload...)
	}
	return append(dst, '}')
}
