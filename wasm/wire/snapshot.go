package wire

import (
	"github.com/agentshim/agentshim/wasm/isotime"
	"github.com/agentshim/agentshim/wasm/jsonx"
	"github.com/agentshim/agentshim/wasm/machine"
)

// SnapshotVersion is the version of the persisted snapshot format.
const SnapshotVersion = 1

// AppendSnapshot writes the whole state:
// {version, seq, agent, contacts, widgets, sessions, campaigns, statistics, applications, deleted}.
func (enc *Encoder) AppendSnapshot(dst []byte, s *machine.Snapshot) []byte {
	dst = append(dst, `{"version":1,"seq":`...)
	dst = jsonx.AppendInt(dst, int64(s.Seq))
	dst = append(dst, `,"agent":`...)
	dst = AppendAgent(dst, &s.Agent)
	dst = append(dst, `,"contacts":[`...)
	for i := range s.Contacts {
		dst = comma(dst, i)
		dst = enc.AppendContact(dst, &s.Contacts[i])
	}
	dst = append(dst, `],"widgets":[`...)
	for i := range s.Widgets {
		w := &s.Widgets[i]
		dst = comma(dst, i)
		dst = AppendWidget(dst, w)
		dst = append(dst[:len(dst)-1], `,"chats":`...)
		dst = jsonx.AppendInt(dst, int64(w.Chats))
		dst = append(dst, `,"chat":`...)
		dst = appendStringOrNull(dst, w.Chat)
		dst = append(dst, '}')
	}
	dst = append(dst, `],"sessions":{`...)
	dst = appendKVs(dst, s.Sessions)
	dst = append(dst, `},"campaigns":{`...)
	dst = appendKVs(dst, s.Campaigns)
	dst = append(dst, `},"statistics":`...)
	dst = appendRecords(dst, s.Statistics)
	dst = append(dst, `,"applications":`...)
	dst = appendRecords(dst, s.Applications)
	dst = append(dst, `,"deleted":[`...)
	for i, id := range s.Deleted {
		dst = comma(dst, i)
		dst = jsonx.AppendString(dst, id)
	}
	return append(dst, "]}"...)
}

func comma(dst []byte, i int) []byte {
	if i > 0 {
		return append(dst, ',')
	}
	return dst
}

func appendRecords(dst []byte, rs []machine.Record) []byte {
	dst = append(dst, '[')
	for i := range rs {
		dst = comma(dst, i)
		dst = AppendRecord(dst, &rs[i])
	}
	return append(dst, ']')
}

// ParseSnapshot reads what AppendSnapshot wrote. Errors name the field.
func ParseSnapshot(doc []byte) (machine.Snapshot, error) {
	var s machine.Snapshot
	root, err := jsonx.Parse(doc)
	if err != nil {
		return s, err
	}
	p := &parser{}
	if v, _ := root.Get("version").Int(); v != SnapshotVersion {
		return s, fieldError("version", "must be 1")
	}
	seq, ok := root.Get("seq").Int()
	if !ok || seq < 0 {
		return s, fieldError("seq", "must be a non-negative integer")
	}
	s.Seq = uint64(seq)
	s.Agent = p.agent(root.Get("agent"))
	root.Get("contacts").ForEach(func(_ []byte, v jsonx.Value) bool {
		s.Contacts = append(s.Contacts, p.contact(v))
		return p.err == nil
	})
	root.Get("widgets").ForEach(func(_ []byte, v jsonx.Value) bool {
		s.Widgets = append(s.Widgets, p.widget(v))
		return p.err == nil
	})
	s.Sessions = p.kvs(root.Get("sessions"), "sessions")
	s.Campaigns = p.kvs(root.Get("campaigns"), "campaigns")
	s.Statistics = p.records(root.Get("statistics"), "statistics")
	s.Applications = p.records(root.Get("applications"), "applications")
	root.Get("deleted").ForEach(func(_ []byte, v jsonx.Value) bool {
		s.Deleted = append(s.Deleted, p.str(v, "deleted[]"))
		return p.err == nil
	})
	return s, p.err
}

// parser keeps the first error, so that reads can be written straight through.
type parser struct{ err error }

func (p *parser) fail(field, msg string) {
	if p.err == nil {
		p.err = fieldError(field, msg)
	}
}

func (p *parser) str(v jsonx.Value, field string) string {
	if v.Kind() == jsonx.Null || v.Kind() == jsonx.Invalid {
		return ""
	}
	if v.Kind() != jsonx.String {
		p.fail(field, "must be a string")
		return ""
	}
	return v.String()
}

func (p *parser) time(v jsonx.Value, field string) machine.Millis {
	s := p.str(v, field)
	if s == "" {
		return 0
	}
	ms, ok := isotime.Parse(s)
	if !ok {
		p.fail(field, "must be an ISO 8601 time")
	}
	return machine.Millis(ms)
}

// enum finds s among names; names[0] may be "" for "none".
func (p *parser) enum(v jsonx.Value, field string, names func(int) string, n int) int {
	s := p.str(v, field)
	for i := 0; i < n; i++ {
		if names(i) == s && s != "" {
			return i
		}
	}
	p.fail(field, "has an unknown value '"+s+"'")
	return 0
}

func (p *parser) agent(v jsonx.Value) machine.Agent {
	a := machine.Agent{
		ID:     p.str(v.Get("id"), "agent.id"),
		Reason: p.str(v.Get("reason"), "agent.reason"),
		Since:  p.time(v.Get("since"), "agent.since"),
		Availability: machine.Availability(p.enum(v.Get("availability"), "agent.availability",
			func(i int) string { return machine.Availability(i).String() }, 3)),
		State: machine.AgentState(p.enum(v.Get("state"), "agent.state",
			func(i int) string { return machine.AgentState(i).String() }, 5)),
	}
	v.Get("groups").ForEach(func(_ []byte, g jsonx.Value) bool {
		a.Groups = append(a.Groups, p.str(g, "agent.groups[]"))
		return true
	})
	return a
}

func (p *parser) contact(v jsonx.Value) machine.Contact {
	c := machine.Contact{
		ID:           p.str(v.Get("id"), "contacts[].id"),
		Number:       p.str(v.Get("number"), "contacts[].number"),
		CreatedAt:    p.time(v.Get("createdAt"), "contacts[].createdAt"),
		ConnectedAt:  p.time(v.Get("connectedAt"), "contacts[].connectedAt"),
		EndedAt:      p.time(v.Get("endedAt"), "contacts[].endedAt"),
		ScheduledFor: p.time(v.Get("scheduledFor"), "contacts[].scheduledFor"),
		Outcome:      p.str(v.Get("outcome"), "contacts[].outcome"),
		EndReason:    p.str(v.Get("endReason"), "contacts[].endReason"),
		Widget:       p.str(v.Get("widget"), "contacts[].widget"),
	}
	vendor, ok := machine.ParseVendor(p.str(v.Get("vendor"), "contacts[].vendor"))
	if !ok {
		p.fail("contacts[].vendor", "is not a known vendor")
	}
	c.Vendor = vendor
	c.Channel = machine.Channel(p.enum(v.Get("channel"), "contacts[].channel",
		func(i int) string { return machine.Channel(i).String() }, 4))
	c.Direction = machine.Direction(p.enum(v.Get("direction"), "contacts[].direction",
		func(i int) string { return machine.Direction(i).String() }, 2))
	c.State = machine.State(p.enum(v.Get("state"), "contacts[].state",
		func(i int) string { return machine.State(i).String() }, int(machine.Ended)+1))
	v.Get("data").ForEach(func(k []byte, d jsonx.Value) bool {
		if c.Data == nil {
			c.Data = map[string]string{}
		}
		c.Data[keyText(k)] = p.str(d, "contacts[].data")
		return true
	})
	return c
}

func (p *parser) widget(v jsonx.Value) machine.Widget {
	w := machine.Widget{Name: p.str(v.Get("name"), "widgets[].name"), Chat: p.str(v.Get("chat"), "widgets[].chat")}
	w.Vendor, _ = machine.ParseVendor(p.str(v.Get("vendor"), "widgets[].vendor"))
	w.Status = machine.WidgetStatus(p.enum(v.Get("status"), "widgets[].status",
		func(i int) string { return machine.WidgetStatus(i).String() }, 3))
	w.Open, _ = v.Get("open").Bool()
	chats, _ := v.Get("chats").Int()
	w.Chats = int(chats)
	return w
}

func (p *parser) kvs(v jsonx.Value, field string) []machine.KV {
	var kv []machine.KV
	v.ForEach(func(k []byte, x jsonx.Value) bool {
		kv = append(kv, machine.KV{Key: keyText(k), Value: p.str(x, field)})
		return true
	})
	return kv
}

func (p *parser) records(v jsonx.Value, field string) []machine.Record {
	var rs []machine.Record
	v.ForEach(func(_ []byte, x jsonx.Value) bool {
		rs = append(rs, machine.Record{
			ID:      p.str(x.Get("id"), field+"[].id"),
			Updated: p.time(x.Get("updated"), field+"[].updated"),
			Fields:  p.kvs(x.Get("fields"), field+"[].fields"),
		})
		return true
	})
	return rs
}

type FieldError struct{ field, msg string }

func (e *FieldError) Error() string { return "snapshot: " + e.field + " " + e.msg }

func fieldError(field, msg string) error { return &FieldError{field, msg} }

// keyText decodes an object key as ForEach hands it over (escapes included).
func keyText(k []byte) string { return string(jsonx.AppendUnescaped(nil, k)) }
