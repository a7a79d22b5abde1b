package decode

import (
	"github.com/agentshim/agentshim/wasm/ascii"
	"github.com/agentshim/agentshim/wasm/isotime"
	"github.com/agentshim/agentshim/wasm/jsonx"
	"github.com/agentshim/agentshim/wasm/machine"
	"github.com/agentshim/agentshim/wasm/phone"
)

// maxIntern bounds each pool: a long shift sees thousands of contact ids, and
// a pool that only grows would hold them all.
const maxIntern = 4096

// intern maps byte contents to one shared string, so that repeated ids and
// call-data pairs cost a map lookup (which Go does without allocating for a
// string(b) key) instead of a new string each time.
type intern map[string]string

func newIntern() intern { return make(intern, 64) }

// room makes room for one more entry. Clearing is fine: strings already
// handed out stay valid (they are immutable); they are just not shared.
func (p intern) room() {
	if len(p) >= maxIntern {
		clear(p)
	}
}

// str returns b as an interned string.
func (d *Decoder) str(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if s, ok := d.strs[string(b)]; ok {
		return s
	}
	s := string(b)
	d.strs.room()
	d.strs[s] = s
	return s
}

// key returns an object key as ForEach hands it over (escapes included), decoded.
func (d *Decoder) key(raw []byte) string {
	d.scratch = jsonx.AppendUnescaped(d.scratch[:0], raw)
	return d.str(d.scratch)
}

// text returns a scalar as interned text: strings decoded, numbers as written,
// bools as true/false. ok is false for null, arrays, objects and missing values.
func (d *Decoder) text(v jsonx.Value) (string, bool) {
	switch v.Kind() {
	case jsonx.String:
		d.scratch, _ = v.Str(d.scratch[:0])
		return d.str(d.scratch), true
	case jsonx.Number:
		return d.str(v.Raw()), true
	case jsonx.Bool:
		if b, _ := v.Bool(); b {
			return "true", true
		}
		return "false", true
	}
	return "", false
}

// value returns any value as call-data text: scalars as by text, null and
// missing as "", arrays and objects as their compact JSON.
func (d *Decoder) value(v jsonx.Value) string {
	switch v.Kind() {
	case jsonx.Array, jsonx.Object:
		var err error
		d.scratch, err = jsonx.AppendCompact(d.scratch[:0], v.Raw())
		if err != nil {
			return ""
		}
		return d.str(d.scratch)
	}
	s, _ := d.text(v)
	return s
}

// pick finds several members of object v in one pass, where Get would walk
// the object once per member: out[i] becomes the first member named keys[i]
// (Invalid when there is none).
func pick(v jsonx.Value, keys []string, out []jsonx.Value) {
	v.ForEach(func(k []byte, val jsonx.Value) bool {
		for i, key := range keys {
			if out[i].Kind() == jsonx.Invalid && keyIs(k, key) {
				out[i] = val
				break
			}
		}
		return true
	})
}

// keyIs compares a raw key (escapes included) with a name; only keys that
// hold escapes pay for decoding.
func keyIs(raw []byte, key string) bool {
	if string(raw) == key {
		return true
	}
	for _, c := range raw {
		if c == '\\' {
			return jsonx.KeyEq(raw, key)
		}
	}
	return false
}

// field is text of member name of object v ("" when absent or not a scalar).
func (d *Decoder) field(v jsonx.Value, name string) string {
	s, _ := d.text(v.Get(name))
	return s
}

// addField appends the pair name=<text of v.name> when the member is present.
func (d *Decoder) addField(v jsonx.Value, name string) {
	f := v.Get(name)
	if f.Kind() == jsonx.Invalid {
		return
	}
	d.kv = append(d.kv, machine.KV{Key: name, Value: d.value(f)})
}

// number returns raw normalized to E.164 when it is a valid number for the
// default region, else raw as given. Results are cached by raw text.
func (d *Decoder) number(raw string) string {
	if raw == "" {
		return ""
	}
	if s, ok := d.numbers[raw]; ok {
		return s
	}
	return d.normalize(raw)
}

// numberOf is number for a JSON string or number value; a cached number
// costs one map lookup and no allocation.
func (d *Decoder) numberOf(v jsonx.Value) string {
	switch v.Kind() {
	case jsonx.String:
		d.scratch, _ = v.Str(d.scratch[:0])
	case jsonx.Number:
		d.scratch = append(d.scratch[:0], v.Raw()...)
	default:
		return ""
	}
	if len(d.scratch) == 0 {
		return ""
	}
	if s, ok := d.numbers[string(d.scratch)]; ok {
		return s
	}
	return d.normalize(string(d.scratch))
}

func (d *Decoder) normalize(raw string) string {
	n, ok := phone.Normalize(raw, d.opts.DefaultRegion)
	if !ok {
		n = raw
	}
	d.numbers.room()
	d.numbers[raw] = n
	return n
}

// when reads a date given as an ISO 8601 string or as epoch milliseconds.
// ok is false when v is present but neither.
func when(v jsonx.Value) (ms machine.Millis, present, ok bool) {
	switch v.Kind() {
	case jsonx.Invalid, jsonx.Null:
		return 0, false, true
	case jsonx.Number:
		// Whole milliseconds only: a float parser would cost the
		// WebAssembly binary ~20 KiB for a form no vendor sends.
		if n, ok := v.Int(); ok {
			return machine.Millis(n), true, true
		}
	case jsonx.String:
		s, _ := v.Text()
		if n, ok := isotime.Parse(s); ok {
			return machine.Millis(n), true, true
		}
		if n, ok := jsonx.ParseInt(s); ok {
			return machine.Millis(n), true, true
		}
	}
	return 0, true, false
}

// upper writes the ASCII upper case of s into buf; ok is false when s does
// not fit, which no known name does.
func upper(buf []byte, s string) ([]byte, bool) {
	if len(s) > cap(buf) {
		return nil, false
	}
	return ascii.AppendUpper(buf[:0], s), true
}
