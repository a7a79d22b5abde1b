package decode

import (
	"github.com/agentshim/agentshim/wasm/jsonx"
	"github.com/agentshim/agentshim/wasm/machine"
	"github.com/agentshim/agentshim/wasm/phone"
)

// whisbiEvent says what one oto* callback means: a session step, a contact
// signal, or both (session first).
type whisbiEvent struct {
	session string   // OpSession kind; "" for none
	fields  []string // the session step's Data
	linked  bool     // the session step names its contact (Data contactId)

	contact  machine.Op // OpNone for none
	callback bool       // a call-me-back: Channel Callback, Direction Outbound
	data     []string   // the contact's Data
	number   bool       // the contact's Number comes from "phone"
	reason   string     // end reason
}

var whisbiEvents = map[string]whisbiEvent{
	"otoOpened":                {session: "opened"},
	"otoPreSessionRequest":     {session: "preSession", fields: []string{"seed", "contentId"}},
	"otoInboundToWhisbiLoaded": {session: "inboundShown", fields: []string{"formatted_phone", "phone"}},
	"otoInboundClicked":        {session: "inboundClicked", fields: []string{"phone"}},
	"otoPinCodeGenerated":      {session: "pin", fields: []string{"pinCode"}},
	"otoInvalidPhone":          {session: "invalidPhone", linked: true},
	"otoClosed":                {session: "closed"},
	"otoSessionRequested": {session: "requested", linked: true, contact: machine.OpContactQueued,
		number: true, data: []string{"name", "email", "extra", "lead"}},
	"otoCallBooked": {session: "booked", linked: true, contact: machine.OpContactScheduled,
		number: true, data: []string{"name", "extra", "leadGuid", "sessionGuid", "country"}},
	"otoCmbRequested": {session: "callbackRequested", linked: true, contact: machine.OpContactScheduled,
		callback: true, number: true, data: []string{"name", "email", "extra"}},
	// callError and noAgents name their contact too: the machine drops a
	// session step that repeats the last one of its kind, and a second
	// customer's failure is not a repeat.
	"otoCallError": {session: "callError", linked: true, contact: machine.OpContactEnded,
		reason: "noAnswer"},
	"otoNoAgentsAvailable": {session: "noAgents", linked: true, contact: machine.OpContactEnded,
		reason: "noAgents"},
	"otoSessionStarted": {contact: machine.OpContactConnected},
	"otoSessionEnded":   {contact: machine.OpContactEnded},
}

// whisbi decodes a Whisbi Sell oto* callback's argument.
func (d *Decoder) whisbi() {
	ev, known := whisbiEvents[d.r.Name]
	if !known {
		d.add(machine.OpUnknown)
		return
	}
	v, ok := d.payload()
	if !ok {
		return
	}
	if v.Kind() != jsonx.Object && (ev.contact != machine.OpNone || len(ev.fields) > 0 || ev.linked) {
		d.malformed(d.event() + ": the payload must be the callback's argument object, not " +
			v.Kind().String() + "; it was ignored")
		return
	}
	// Requests are keyed by kpiGuid; otoCmbRequested has only a lead.
	id := d.field(v, "kpiGuid")
	if id == "" {
		id = d.field(v, "lead")
	}
	if ev.session != "" {
		d.whisbiSession(v, &ev, id)
	}
	switch {
	case d.r.Name == "otoInvalidPhone":
		d.invalidPhone(v)
	case ev.contact == machine.OpNone:
	case id == "":
		d.malformed(d.event() + ": the payload has neither kpiGuid nor lead, so agentshim cannot tell " +
			"which customer it concerns; it was ignored")
	default:
		d.whisbiContact(v, &ev, id)
	}
}

func (d *Decoder) whisbiSession(v jsonx.Value, ev *whisbiEvent, id string) {
	start := len(d.kv)
	if ev.linked && id != "" {
		d.kv = append(d.kv, machine.KV{Key: "contactId", Value: id})
	}
	for _, f := range ev.fields {
		d.addField(v, f)
	}
	in := d.add(machine.OpSession)
	in.Text, in.ContactID, in.Data = ev.session, id, d.data(start)
}

func (d *Decoder) whisbiContact(v jsonx.Value, ev *whisbiEvent, id string) {
	ch, dir := machine.Voice, machine.Inbound
	if ev.callback {
		ch, dir = machine.Callback, machine.Outbound
	}
	num := ""
	if ev.number {
		num = d.number(d.field(v, "phone"))
	}
	var at machine.Millis
	if ev.contact == machine.OpContactScheduled {
		at = scheduledAt(v)
	}
	start := len(d.kv)
	for _, f := range ev.data {
		d.addField(v, f)
	}
	in := d.add(ev.contact)
	in.ContactID, in.Channel, in.Direction, in.Number = id, ch, dir, num
	in.When, in.Reason, in.Data = at, ev.reason, d.data(start)
}

// scheduledAt reads otoCallBooked's date: scheduledDate, else
// scheduledDateObj (a serialized Date: ISO text, or epoch milliseconds).
func scheduledAt(v jsonx.Value) machine.Millis {
	for _, k := range [...]string{"scheduledDate", "scheduledDateObj"} {
		if ms, present, ok := when(v.Get(k)); present && ok {
			return ms
		}
	}
	return 0
}

// invalidPhone reports the customer's typo as an error the page can show;
// the number itself is masked like every error text.
func (d *Decoder) invalidPhone(v jsonx.Value) {
	msg := "Whisbi: the customer entered an invalid phone number"
	if p, _ := d.text(v.Get("phone")); p != "" {
		msg += " (" + phone.Mask(p) + ")"
	}
	d.malformed(msg + "; ask them to check it")
}
