package callflow

import (
	"strconv"
	"strings"

	"github.com/agentshim/agentshim/wasm/jsonx"
	"github.com/agentshim/agentshim/wasm/phone"
)

// The keys of each JSON object, in documentation order. A key's index is
// its bit in the seen and required masks of members.
var (
	flowKeys = []string{"id", "embedId", "name", "description", "timeZone", "hours", "steps",
		"exitUrl", "outOfHoursUrl", "escalationUrl"}
	flowRequired = mask(flowKeys, "embedId", "name", "timeZone", "hours", "steps",
		"exitUrl", "outOfHoursUrl", "escalationUrl")
	hoursKeys = []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}
	stepKeys  = []string{"group", "ringSeconds"}
	docKeys   = []string{"callFlows", "gdprNotice"}
)

func mask(keys []string, names ...string) uint32 {
	var m uint32
	for i, k := range keys {
		for _, n := range names {
			if k == n {
				m |= 1 << i
			}
		}
	}
	return m
}

// Parse reads call flows from JSON: one flow object, an array of flows, or a
// document {"callFlows": [...]}. Every flow must be valid and have its own
// embed id (and id, where given); otherwise Parse returns no flows and an
// *Error naming the first wrong field.
func Parse(doc []byte) ([]Flow, error) {
	flows, e := parse(doc)
	if e != nil {
		return nil, e
	}
	return flows, nil
}

func parse(doc []byte) ([]Flow, *Error) {
	d, e := parseDocument(doc)
	return d.Flows, e
}

// Document is a call-flow document as ParseDocument reads it: the flows and,
// from the {"callFlows": [...]} form only, the GDPR notice shown before a
// call (the vendor's "DSGVO-Hinweis", a backend setting like the flows).
type Document struct {
	Flows  []Flow
	Notice Notice
}

// ParseDocument is Parse, keeping the document's "gdprNotice" too.
func ParseDocument(doc []byte) (Document, error) {
	d, e := parseDocument(doc)
	if e != nil {
		return Document{}, e
	}
	return d, nil
}

func parseDocument(doc []byte) (Document, *Error) {
	var d Document
	root, err := jsonx.Parse(doc)
	if err != nil {
		return d, bad("", "is not valid JSON: "+err.Error())
	}
	var e *Error
	switch {
	case root.Kind() == jsonx.Array:
		d.Flows, e = flowList(root, "")
		return d, e
	case root.Kind() == jsonx.Object && root.Get("callFlows").Kind() != jsonx.Invalid:
		var list jsonx.Value
		e := members(root, "", docKeys, 1, func(i int, v jsonx.Value, field string) *Error {
			if i == 1 {
				return decodeNotice(v, field, &d.Notice)
			}
			list = v
			return nil
		})
		if e != nil {
			return d, e
		}
		d.Flows, e = flowList(list, "callFlows")
		return d, e
	case root.Kind() == jsonx.Object:
		f, e := decodeFlow(root, "")
		if e != nil {
			return d, e
		}
		d.Flows = []Flow{f}
		return d, nil
	}
	return d, bad("", `must be a call flow object, an array of them or {"callFlows": [...]}`)
}

func flowList(list jsonx.Value, path string) ([]Flow, *Error) {
	if list.Kind() != jsonx.Array {
		return nil, bad(path, "must be an array of call flows")
	}
	if list.Len() == 0 {
		return nil, bad(path, "is empty: give at least one call flow")
	}
	flows := make([]Flow, 0, list.Len())
	var e *Error
	list.ForEach(func(_ []byte, v jsonx.Value) bool {
		var f Flow
		f, e = decodeFlow(v, path+"["+strconv.Itoa(len(flows))+"]")
		flows = append(flows, f)
		return e == nil
	})
	if e != nil {
		return nil, e
	}
	return flows, checkUnique(flows, path)
}

// checkUnique refuses two flows with one embed id (a button could not say
// which it means) or with one backend id (webhooks could not either).
func checkUnique(flows []Flow, path string) *Error {
	at := func(k int, key string) string { return path + "[" + strconv.Itoa(k) + "]." + key }
	embeds, ids := make(map[string]int, len(flows)), make(map[string]int, len(flows))
	for i := range flows {
		if j, dup := embeds[flows[i].EmbedID]; dup {
			return bad(at(i, "embedId"), "is the same as "+at(j, "embedId")+"; every flow needs its own")
		}
		embeds[flows[i].EmbedID] = i
		if id := flows[i].ID; id != "" {
			if j, dup := ids[id]; dup {
				return bad(at(i, "id"), "is the same as "+at(j, "id")+"; every flow needs its own")
			}
			ids[id] = i
		}
	}
	return nil
}

// decodeFlow reads one flow object and validates it.
func decodeFlow(v jsonx.Value, path string) (Flow, *Error) {
	var f Flow
	if v.Kind() != jsonx.Object {
		return f, bad(path, "must be a call flow object")
	}
	strs := [...]*string{&f.ID, &f.EmbedID, &f.Name, &f.Description, &f.TimeZone, nil, nil,
		&f.ExitURL, &f.OutOfHoursURL, &f.EscalationURL}
	e := members(v, path, flowKeys, flowRequired, func(i int, val jsonx.Value, field string) *Error {
		switch {
		case strs[i] != nil:
			return str(val, field, strs[i])
		case flowKeys[i] == "hours":
			return decodeHours(val, field, &f.Hours)
		}
		return decodeSteps(val, field, &f.Steps)
	})
	if e != nil {
		return f, e
	}
	return f, under(path, f.validate())
}

func str(v jsonx.Value, field string, dst *string) *Error {
	if v.Kind() != jsonx.String {
		return bad(field, "must be a string")
	}
	*dst = v.String()
	return nil
}

// decodeHours reads {"mon": ["08:00", "18:00"], ...}; every day must be
// there, so that a forgotten day is an error rather than a closed day.
func decodeHours(v jsonx.Value, path string, dst *[7]Hours) *Error {
	if v.Kind() != jsonx.Object {
		return bad(path, `must be an object {"mon": ["08:00", "18:00"], ..., "sun": ["00:00", "00:00"]}`)
	}
	return members(v, path, hoursKeys, 1<<len(hoursKeys)-1, func(i int, day jsonx.Value, field string) *Error {
		if day.Kind() != jsonx.Array || day.Len() != 2 {
			return bad(field, `must be ["HH:MM", "HH:MM"], start and end; equal times mean closed`)
		}
		h := &dst[(i+1)%7] // hoursKeys start on Monday, Flow.Hours on Sunday
		if e := clockAt(day.Index(0), field+"[0]", &h.Start); e != nil {
			return e
		}
		return clockAt(day.Index(1), field+"[1]", &h.End)
	})
}

func clockAt(v jsonx.Value, field string, dst *int) *Error {
	s, _ := v.Text()
	m, ok := parseClock(s)
	if v.Kind() != jsonx.String || !ok {
		return bad(field, `must be a time "HH:MM" from "00:00" to "24:00"`)
	}
	*dst = m
	return nil
}

// parseClock reads "HH:MM", 00:00 to 24:00, into minutes since midnight.
func parseClock(s string) (int, bool) {
	if len(s) != 5 || s[2] != ':' || !isDigit(s[0]) || !isDigit(s[1]) || !isDigit(s[3]) || !isDigit(s[4]) {
		return 0, false
	}
	h, m := int(s[0]-'0')*10+int(s[1]-'0'), int(s[3]-'0')*10+int(s[4]-'0')
	if m > 59 || h > 24 || (h == 24 && m != 0) {
		return 0, false
	}
	return h*60 + m, true
}

func decodeSteps(v jsonx.Value, path string, dst *[]Step) *Error {
	if v.Kind() != jsonx.Array {
		return bad(path, `must be an array of {"group": "...", "ringSeconds": 30}`)
	}
	steps := make([]Step, 0, v.Len())
	var e *Error
	v.ForEach(func(_ []byte, sv jsonx.Value) bool {
		var s Step
		s, e = decodeStep(sv, path+"["+strconv.Itoa(len(steps))+"]")
		steps = append(steps, s)
		return e == nil
	})
	*dst = steps
	return e
}

func decodeStep(v jsonx.Value, path string) (Step, *Error) {
	var s Step
	if v.Kind() != jsonx.Object {
		return s, bad(path, `must be an object {"group": "...", "ringSeconds": 30}`)
	}
	e := members(v, path, stepKeys, 3, func(i int, val jsonx.Value, field string) *Error {
		if i == 0 {
			return str(val, field, &s.Group)
		}
		n, ok := val.Int()
		if !ok || n < 1 || n > MaxRing {
			return ringRange(field)
		}
		s.RingSeconds = int(n)
		return nil
	})
	return s, e
}

// members walks an object whose keys must come from keys: each at most
// once, the required ones (bits of required) present. It calls fn with the
// index of each key found and the field path of its value.
func members(v jsonx.Value, path string, keys []string, required uint32,
	fn func(i int, val jsonx.Value, field string) *Error) *Error {
	var seen uint32
	var e *Error
	v.ForEach(func(raw []byte, val jsonx.Value) bool {
		i := keyIndex(raw, keys)
		if i < 0 {
			// The name is the integrator's text: mask anything phone-like.
			name := phone.Mask(string(jsonx.AppendUnescaped(nil, raw)))
			if name == "" {
				name = `""`
			}
			e = bad(join(path, name), "is not a known key; use "+strings.Join(keys, ", "))
			return false
		}
		field := join(path, keys[i])
		if seen&(1<<i) != 0 {
			e = bad(field, "appears twice")
			return false
		}
		seen |= 1 << i
		e = fn(i, val, field)
		return e == nil
	})
	if e != nil {
		return e
	}
	for i, k := range keys {
		if required&^seen&(1<<i) != 0 {
			return bad(join(path, k), "is missing")
		}
	}
	return nil
}

func keyIndex(raw []byte, keys []string) int {
	for i, k := range keys {
		if jsonx.KeyEq(raw, k) {
			return i
		}
	}
	return -1
}
