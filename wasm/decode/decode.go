// Package decode turns recorded vendor inputs and facade commands (trace
// format v1: {at, vendor, name, payload}) into machine.Inputs.
//
// The CTToolbar7 path is hot (about a microsecond per event in WebAssembly),
// so decoding reuses its buffers and interns strings: an event whose strings
// were seen before allocates nothing. Everything else favours clear error
// texts over speed. No fmt, encoding/json, reflect, regexp or time here:
// every imported package is paid for on every page load.
package decode

import (
	"github.com/agentshim/agentshim/wasm/jsonx"
	"github.com/agentshim/agentshim/wasm/machine"
	"github.com/agentshim/agentshim/wasm/phone"
)

// Raw is one vendor input as a trace records it.
type Raw struct {
	At      machine.Millis
	Vendor  machine.Vendor
	Name    string
	Payload []byte // the payload's JSON text; "null" or empty when there is none
}

// Options configure a Decoder.
type Options struct {
	DefaultRegion string // ISO 3166 code for national phone numbers, e.g. "CZ"
}

// Decoder decodes Raw inputs. It is not safe for concurrent use: its buffers
// are shared by the inputs of the last Decode.
type Decoder struct {
	opts     Options
	strs     intern // ids, call-data keys and values
	numbers  intern // raw phone number -> normalized (or raw when invalid)
	calls    callDataCache
	contacts contactCache // CTToolbar7 contact payloads seen last
	ops      opCache      // CTToolbar7 contact event names seen last
	info     contactInfo  // the contact payload being read

	kv      []machine.KV // Data of the current inputs
	groups  []string     // Groups of the current inputs
	scratch []byte       // unescaped strings on their way into the pool
	inner   []byte       // a payload that is JSON text inside a JSON string

	dst []machine.Input // the slice being appended to
	r   *Raw

	stateAsk stateAsk // CTToolbar7 getAgentState in flight
}

// New returns a decoder.
func New(opts Options) *Decoder {
	return &Decoder{
		opts:    opts,
		strs:    newIntern(),
		numbers: newIntern(),
		kv:      make([]machine.KV, 0, 16),
		// Non-nil even when empty: the machine reads nil Groups as "not known".
		groups:  make([]string, 0, 8),
		scratch: make([]byte, 0, 128),
	}
}

// Decode appends to dst the machine inputs for r and returns the extended
// slice. It never panics. A payload it cannot use yields one OpMalformed
// input whose Text says what was wrong (phone numbers masked); a name unknown
// for the vendor yields one OpUnknown input. Every input gets r.At, r.Vendor
// and r.Name. Slices inside the inputs (Data, Groups) are borrowed from the
// decoder's buffers and valid until the next Decode.
func (d *Decoder) Decode(dst []machine.Input, r *Raw) []machine.Input {
	d.kv, d.groups = d.kv[:0], d.groups[:0]
	d.dst, d.r = dst, r
	switch r.Vendor {
	case machine.VendorCTT7:
		d.ctt7()
	case machine.VendorMluvii:
		d.mluvii()
	case machine.VendorWhisbi:
		d.whisbi()
	case machine.VendorTelemarketing:
		d.telemarketing()
	case machine.VendorVideo:
		d.video()
	case machine.VendorFacade:
		d.facade()
	default:
		d.add(machine.OpUnknown)
	}
	out := d.dst
	d.dst, d.r = nil, nil
	return out
}

// add appends an input stamped with the raw input's time, vendor and name.
// The pointer is valid until the next add.
func (d *Decoder) add(op machine.Op) *machine.Input {
	d.dst = append(d.dst, machine.Input{Op: op, At: d.r.At, Vendor: d.r.Vendor, Name: d.r.Name})
	return &d.dst[len(d.dst)-1]
}

// malformed reports an unusable payload. Texts go through phone.Mask because
// they end up in error events, logs and bug reports.
func (d *Decoder) malformed(msg string) {
	d.add(machine.OpMalformed).Text = phone.Mask(msg)
}

// event names the raw input in error texts: "ctt7 event 'RINGING'".
func (d *Decoder) event() string {
	return d.r.Vendor.String() + " event " + quote(d.r.Name)
}

var nullDoc = []byte("null")

// payload parses the raw payload; a missing one reads as null. On invalid
// JSON it reports OpMalformed and returns ok=false.
func (d *Decoder) payload() (jsonx.Value, bool) {
	doc := d.r.Payload
	if len(doc) == 0 {
		doc = nullDoc
	}
	v, err := jsonx.Parse(doc)
	if err != nil {
		d.malformed(d.event() + ": the payload is not valid JSON (" + err.Error() + "); it was ignored")
		return v, false
	}
	return v, true
}

// object parses a payload that must be a JSON object.
func (d *Decoder) object() (jsonx.Value, bool) {
	v, ok := d.payload()
	if !ok {
		return v, false
	}
	if v.Kind() != jsonx.Object {
		d.malformed(d.event() + ": the payload must be a JSON object, not " + v.Kind().String() + "; it was ignored")
		return v, false
	}
	return v, true
}

// data returns the pairs appended to d.kv since start, capped so that an
// append by the receiver cannot overwrite the next input's pairs.
func (d *Decoder) data(start int) []machine.KV {
	if len(d.kv) == start {
		return nil
	}
	return d.kv[start:len(d.kv):len(d.kv)]
}

func quote(s string) string { return "'" + s + "'" }
