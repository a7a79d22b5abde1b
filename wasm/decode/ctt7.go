package decode

import (
	"github.com/agentshim/agentshim/wasm/ascii"
	"github.com/agentshim/agentshim/wasm/jsonx"
	"github.com/agentshim/agentshim/wasm/machine"
)

// ctt7Contacts maps upper-case CTToolbar7 contact event names to ops. The
// SDK sends names in mixed case ("connectionstarted", "POPUP"), so lookups go
// through an upper-case copy.
var ctt7Contacts = map[string]machine.Op{
	"JOBSCHEDULED":      machine.OpContactScheduled,
	"SERVICEINITIATED":  machine.OpContactDialing,
	"DIALING":           machine.OpContactDialing,
	"CONNECTIONSTARTED": machine.OpContactOffered,
	"POPUP":             machine.OpContactOffered,
	"RINGING":           machine.OpContactRinging,
	"ESTABLISHED":       machine.OpContactConnected,
	"HOLD":              machine.OpContactHoldToggle,
	"CONNECTIONCLEARED": machine.OpContactCleared,
	"JOBFINISHED":       machine.OpContactEnded,
	"DELETE":            machine.OpContactDeleted,
	"DATACHANGED":       machine.OpContactData,
	"JOBCHANGED":        machine.OpContactData,
	"JOBSTARTED":        machine.OpContactTouched,
}

// ctt7 decodes a CTToolbar7 contact event, agent state event or getter answer.
func (d *Decoder) ctt7() {
	if op, ok := d.ops.find(d.r.Name); ok {
		d.ctt7Contact(op)
		return
	}
	var buf [32]byte
	if up, ok := upper(buf[:0], d.r.Name); ok {
		if op, ok := ctt7Contacts[string(up)]; ok {
			d.ops.store(d.r.Name, op)
			d.ctt7Contact(op)
			return
		}
		if g, ok := ctt7Getters[string(up)]; ok {
			d.ctt7Getter(g)
			return
		}
		switch string(up) {
		case "GETTERTIMEOUT":
			d.getterTimeout()
			return
		case "GETTERASKED":
			d.getterAsked()
			return
		}
	}
	if op, reason, ok := agentState(d.r.Name); ok {
		d.ctt7Agent(op, reason)
		return
	}
	d.add(machine.OpUnknown)
}

// opCache remembers the op of the last contact event names: an upper-case
// copy and a map lookup for each of the dozen events of every call add up.
// Direct-mapped by length and last byte; the core interns names, so a hit
// usually compares two pointers.
type opCache [16]opEntry

type opEntry struct {
	name string
	op   machine.Op
}

func opSlot(name string) int { return (len(name) + int(name[len(name)-1])) & 15 }

func (c *opCache) find(name string) (machine.Op, bool) {
	if name == "" {
		return machine.OpNone, false
	}
	if e := &c[opSlot(name)]; e.name == name {
		return e.op, true
	}
	return machine.OpNone, false
}

func (c *opCache) store(name string, op machine.Op) {
	if name != "" {
		c[opSlot(name)] = opEntry{name, op}
	}
}

// The contact object's members the decoder reads, found in one pass.
const (
	fID = iota
	fType
	fMedia
	fAni
	fDnis
	fHeld
	fHold
	fCallData
	fCallDataLower
	numContactFields
)

var contactKeys = [numContactFields]string{"id", "type", "media_type", "ani", "dnis", "held", "hold", "CallData", "callData"}

type contactFields [numContactFields]jsonx.Value

// ctt7Contact decodes a contact event. The payload is the contact object,
// JSON text of it inside a string, or a bare contact id string.
func (d *Decoder) ctt7Contact(op machine.Op) {
	info := d.contacts.find(d.r.Payload)
	if info == nil {
		var ok bool
		if info, ok = d.readContact(); !ok {
			return
		}
		d.contacts.store(d.r.Payload, info)
	}
	if op == machine.OpContactHoldToggle {
		op = info.holdOp()
	}
	ch, dir := info.channel(op)
	start := len(d.kv)
	d.kv = append(d.kv, info.kv...)
	in := d.add(op)
	in.ContactID, in.Channel, in.Direction, in.Number = info.id, ch, dir, info.number(dir)
	in.Data = d.data(start)
}

// readContact parses the payload into d.info; ok is false (and the input
// reported malformed) when it names no contact.
func (d *Decoder) readContact() (*contactInfo, bool) {
	v, ok := d.payload()
	if !ok {
		return nil, false
	}
	obj, id := d.contactObject(v)
	var f contactFields
	if obj.Kind() == jsonx.Object {
		pick(obj, contactKeys[:], f[:])
		id, _ = d.text(f[fID])
	}
	if id == "" {
		d.malformed(d.event() + ": the contact has no id (payload " + v.Kind().String() +
			", or JSON text that does not parse); it was ignored. CTToolbar7 sends the contact object, its JSON text or its id")
		return nil, false
	}
	info := &d.info
	info.id, info.held = id, heldFlag(&f)
	info.media, info.kind = d.contactKind(&f)
	info.ani, info.dnis = d.numberOf(f[fAni]), d.numberOf(f[fDnis])
	start := len(d.kv)
	if f[fCallData].Kind() != jsonx.Invalid {
		d.callData(f[fCallData])
	} else {
		d.callData(f[fCallDataLower])
	}
	info.kv = append(info.kv[:0], d.kv[start:]...)
	d.kv = d.kv[:start]
	return info, true
}

// contactObject unwraps the payload forms. For a string holding JSON text of
// an object it returns that object (parsed from d.inner); for any other
// string or a number, the contact id.
func (d *Decoder) contactObject(v jsonx.Value) (jsonx.Value, string) {
	switch v.Kind() {
	case jsonx.Object:
		return v, ""
	case jsonx.Number:
		return jsonx.Value{}, d.str(v.Raw())
	case jsonx.String:
		d.inner, _ = v.Str(d.inner[:0])
		// Only text that looks like an object is parsed: a failed Parse
		// allocates its error, and bare ids are common.
		if looksLikeObject(d.inner) {
			if obj, err := jsonx.Parse(d.inner); err == nil && obj.Kind() == jsonx.Object {
				return obj, ""
			}
			return jsonx.Value{}, "" // broken JSON text is no contact id: reported as malformed
		}
		return jsonx.Value{}, d.str(d.inner)
	}
	return jsonx.Value{}, ""
}

func looksLikeObject(b []byte) bool {
	for _, c := range b {
		switch c {
		case ' ', '\t', '\n', '\r':
		case '{':
			return true
		default:
			return false
		}
	}
	return false
}

// heldFlag reads an explicit hold flag ("held", else "hold").
func heldFlag(f *contactFields) int8 {
	b, ok := f[fHeld].Bool()
	if !ok {
		b, ok = f[fHold].Bool()
	}
	switch {
	case !ok:
		return -1
	case b:
		return 1
	}
	return 0
}

// holdOp: an explicit hold flag says held or resumed; without one, Hold
// toggles, as the SDK's TOOLBAR.CONTACT.Hold does.
func (c *contactInfo) holdOp() machine.Op {
	switch c.held {
	case -1:
		return machine.OpContactHoldToggle
	case 1:
		return machine.OpContactHeld
	}
	return machine.OpContactResumed
}

// contactKind reads media_type and type.
func (d *Decoder) contactKind(f *contactFields) (machine.Channel, contactType) {
	ch, kind := machine.Voice, typeNone
	d.scratch, _ = f[fMedia].Str(d.scratch[:0])
	switch {
	case ascii.EqualFold(d.scratch, "chat"):
		ch = machine.Chat
	case ascii.EqualFold(d.scratch, "video"):
		ch = machine.Video
	}
	d.scratch, _ = f[fType].Str(d.scratch[:0])
	switch {
	case ascii.EqualFold(d.scratch, "inbound"):
		kind = typeInbound
	case ascii.EqualFold(d.scratch, "outbound"):
		kind = typeOutbound
	case ascii.EqualFold(d.scratch, "callTask"):
		kind = typeCallTask
	}
	return ch, kind
}

// channel is the contact's channel and direction. Without a type, dialing
// events are outbound and everything else inbound.
func (c *contactInfo) channel(op machine.Op) (machine.Channel, machine.Direction) {
	switch c.kind {
	case typeInbound:
		return c.media, machine.Inbound
	case typeOutbound:
		return c.media, machine.Outbound
	case typeCallTask:
		return machine.Callback, machine.Outbound
	}
	if op == machine.OpContactDialing {
		return c.media, machine.Outbound
	}
	return c.media, machine.Inbound
}

// number is the customer's number: the caller (ani) of an inbound contact,
// the called number (dnis) of an outbound one, each falling back to the other.
func (c *contactInfo) number(dir machine.Direction) string {
	first, second := c.ani, c.dnis
	if dir == machine.Outbound {
		first, second = second, first
	}
	if first != "" {
		return first
	}
	return second
}

// stateAsk follows the one getAgentState call the loader lets run at a
// time. The toolbar answers with the state as it was when asked, so an agent
// event that arrives after the ask makes the answer stale: applied, it would
// undo a login confirmed meanwhile.
type stateAsk uint8

const (
	stateNotAsked stateAsk = iota
	stateAsked
	stateStale
)

// getterAsked is what the loader records just before it calls a getter.
func (d *Decoder) getterAsked() {
	if v, ok := d.object(); ok {
		if name, _ := v.Get("getter").Text(); name == "getAgentState" {
			d.stateAsk = stateAsked
		}
	}
}

// getterTimeout is what the loader records when a getter did not answer in
// time, or threw: the real SDK has no error path of its own for getters.
func (d *Decoder) getterTimeout() {
	v, ok := d.object()
	if !ok {
		return
	}
	name, _ := v.Get("getter").Text()
	if name == "getAgentState" {
		d.stateAsk = stateNotAsked
	}
	msg := "CTToolbar7 did not answer " + name
	if ms, ok := v.Get("ms").Int(); ok {
		msg += " within " + jsonx.Itoa(int(ms)) + " ms"
	}
	if e, ok := v.Get("error").Text(); ok && e != "" {
		msg += " (" + e + ")"
	}
	in := d.add(machine.OpMalformed)
	in.Err, in.Text = machine.Timeout, msg+"; check that the toolbar application is running"
}
