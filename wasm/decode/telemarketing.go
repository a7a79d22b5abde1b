package decode

import (
	"github.com/agentshim/agentshim/wasm/jsonx"
	"github.com/agentshim/agentshim/wasm/machine"
)

// telemarketing decodes a telemarketing webhook event; the name is its eventName.
func (d *Decoder) telemarketing() {
	var decode func(jsonx.Value)
	switch d.r.Name {
	case "TelemarketStatisticsUpdatedEvent":
		decode = d.statistic
	case "TelemarketCallbackCreatedEvent":
		decode = d.callback
	case "TACStatusUpdatedEvent":
		decode = d.applications
	case "TelemarketCampaignStatusChangedEvent":
		decode = d.campaignStatus
	default:
		d.add(machine.OpUnknown)
		return
	}
	if v, ok := d.object(); ok {
		decode(v)
	}
}

// date reads a required-format date field: absent is 0, present but neither
// ISO text nor epoch milliseconds is reported and ok is false.
func (d *Decoder) date(v jsonx.Value, name string) (machine.Millis, bool) {
	ms, _, ok := when(v.Get(name))
	if !ok {
		d.malformed(d.event() + ": " + name + " " + d.shown(v.Get(name)) + " is not a date; send ISO 8601 " +
			"text or epoch milliseconds; the event was ignored")
	}
	return ms, ok
}

// statistic: one record per statisticId; its Data is every top-level field
// but eventName, in payload order, nested values as compact JSON.
func (d *Decoder) statistic(v jsonx.Value) {
	id := d.field(v, "statisticId")
	if id == "" {
		d.malformed(d.event() + ": statisticId is missing; every statistics record needs one; it was ignored")
		return
	}
	at, ok := d.date(v, "updatedDate")
	if !ok {
		return
	}
	start := len(d.kv)
	v.ForEach(func(k []byte, f jsonx.Value) bool {
		if !jsonx.KeyEq(k, "eventName") {
			d.kv = append(d.kv, machine.KV{Key: d.key(k), Value: d.value(f)})
		}
		return true
	})
	in := d.add(machine.OpStatistic)
	in.Key, in.Text, in.When, in.Data = id, d.field(v, "campaignId"), at, d.data(start)
}

// callback: a scheduled callback contact keyed by the event's id.
func (d *Decoder) callback(v jsonx.Value) {
	id := d.field(v, "id")
	if id == "" {
		d.malformed(d.event() + ": id is missing, so the callback cannot be tracked; it was ignored")
		return
	}
	at, ok := d.date(v, "recallAt")
	if !ok {
		return
	}
	num := d.number(d.field(v, "phoneNumber"))
	start := len(d.kv)
	for _, f := range [...]string{"name", "description", "applicationId", "operatorId", "recallStatus", "autorecall"} {
		d.addField(v, f)
	}
	in := d.add(machine.OpContactScheduled)
	in.ContactID, in.Channel, in.Direction = id, machine.Callback, machine.Outbound
	in.Number, in.When, in.Data = num, at, d.data(start)
}

// applications: one OpApplication per element of the tac array, or one from
// the top-level fields when the event carries them there.
func (d *Decoder) applications(v jsonx.Value) {
	at, ok := d.date(v, "eventCreationDate")
	if !ok {
		return
	}
	tac := v.Get("tac")
	switch tac.Kind() {
	case jsonx.Invalid:
		d.application(v, v, at)
		return
	case jsonx.Object:
		d.application(tac, v, at)
		return
	case jsonx.Array:
	default:
		d.malformed(d.event() + ": tac must be an array of application objects, not " + tac.Kind().String() +
			"; it was ignored")
		return
	}
	bad := false
	tac.ForEach(func(_ []byte, e jsonx.Value) bool {
		bad = e.Kind() != jsonx.Object
		return !bad
	})
	if bad {
		d.malformed(d.event() + ": tac must be an array of application objects; it was ignored")
		return
	}
	tac.ForEach(func(_ []byte, e jsonx.Value) bool {
		d.application(e, v, at)
		return true
	})
}

// application adds one record from app's scalar fields; the campaign id
// falls back to the event's own.
func (d *Decoder) application(app, event jsonx.Value, at machine.Millis) {
	start := len(d.kv)
	app.ForEach(func(k []byte, f jsonx.Value) bool {
		switch f.Kind() {
		case jsonx.Array, jsonx.Object:
		default:
			if !jsonx.KeyEq(k, "eventName") {
				d.kv = append(d.kv, machine.KV{Key: d.key(k), Value: d.value(f)})
			}
		}
		return true
	})
	campaign := d.field(app, "telemarketCampaignId")
	if campaign == "" {
		campaign = d.field(event, "telemarketCampaignId")
	}
	in := d.add(machine.OpApplication)
	in.Key, in.Text, in.When, in.Data = d.field(app, "id"), campaign, at, d.data(start)
}

var campaignStatuses = [...]string{"NEW", "STOPPED", "IN_PROCESS", "PAUSED", "FINISHED"}

// campaignStatus: dialing for a campaign is allowed only while IN_PROCESS.
func (d *Decoder) campaignStatus(v jsonx.Value) {
	id := d.field(v, "campaignId")
	if id == "" {
		d.malformed(d.event() + ": campaignId is missing; it was ignored")
		return
	}
	status, _ := d.text(v.Get("status"))
	for _, s := range campaignStatuses {
		if s == status {
			in := d.add(machine.OpCampaignStatus)
			in.Key, in.Text = id, s
			return
		}
	}
	d.malformed(d.event() + ": campaign " + id + " has status " + d.shown(v.Get("status")) +
		"; expected NEW, STOPPED, IN_PROCESS, PAUSED or FINISHED; it was ignored")
}
