package decode

import (
	"github.com/agentshim/agentshim/wasm/machine"
)

// The video-call embed (js-bridge/video.js) reports each step of a visitor's
// video call as a record of vendor "video"; every payload names the call by
// its callId, a UUID the embed makes per click. Unlike the other vendors,
// the names are ours: there is no SDK to copy them from.
type videoEvent struct {
	session string     // OpSession kind; "" for a contact signal
	contact machine.Op // the contact signal otherwise
	reason  string     // end reason
	fields  []string   // Data, from the payload's members
}

var videoEvents = map[string]videoEvent{
	"consent":   {session: "consent", fields: []string{"callId", "embedId", "given"}},
	"redirect":  {session: "redirect", fields: []string{"callId", "embedId", "reason", "url"}},
	"requested": {contact: machine.OpContactQueued, fields: []string{"embedId", "callflow", "name"}},
	"ringing":   {contact: machine.OpContactRinging, fields: []string{"group"}},
	"answered":  {contact: machine.OpContactConnected, fields: []string{"group", "userid", "username"}},
	"ended":     {contact: machine.OpContactEnded, fields: []string{"by"}},
	"noAnswer":  {contact: machine.OpContactEnded, reason: "noAnswer"},
}

// videoErrorCodes are the codes an embed "error" record may carry; anything
// else is reported as VENDOR_ERROR.
var videoErrorCodes = map[string]machine.Code{
	"BAD_INPUT":          machine.BadInput,
	"VENDOR_ERROR":       machine.VendorError,
	"VENDOR_UNAVAILABLE": machine.VendorUnavailable,
}

// video decodes a record of the video-call embed.
func (d *Decoder) video() {
	if d.r.Name == "error" {
		d.videoError()
		return
	}
	ev, known := videoEvents[d.r.Name]
	if !known {
		d.add(machine.OpUnknown)
		return
	}
	v, ok := d.object()
	if !ok {
		return
	}
	id := d.field(v, "callId")
	if id == "" {
		d.malformed(d.event() + ": the payload has no callId, so agentshim cannot tell which call it concerns; it was ignored")
		return
	}
	start := len(d.kv)
	for _, f := range ev.fields {
		d.addField(v, f)
	}
	if ev.session != "" {
		in := d.add(machine.OpSession)
		in.Text, in.Data = ev.session, d.data(start)
		if ev.session == "redirect" && d.field(v, "reason") != "outOfHours" {
			in.ContactID = id // escalation and exit end a call; out of hours none was made
		}
		return
	}
	in := d.add(ev.contact)
	in.ContactID, in.Reason, in.Data = id, ev.reason, d.data(start)
	if ev.contact == machine.OpContactQueued {
		in.Channel, in.Direction = machine.Video, machine.Inbound
	}
}

// videoError reports what went wrong in the embed (an unknown embed id, a
// backend that is missing or throws, a webhook the receiver refused) as an
// error event, keeping it in the trace.
func (d *Decoder) videoError() {
	v, ok := d.object()
	if !ok {
		return
	}
	msg := d.field(v, "message")
	if msg == "" {
		msg = "the video-call embed failed"
	}
	code, known := videoErrorCodes[d.field(v, "code")]
	if !known {
		code = machine.VendorError
	}
	d.malformed("video: " + msg)
	in := &d.dst[len(d.dst)-1]
	in.Err, in.ContactID = code, d.field(v, "callId")
}
