package core

import (
	"bytes"

	"github.com/agentshim/agentshim/wasm/engine"
	"github.com/agentshim/agentshim/wasm/jsonx"
	"github.com/agentshim/agentshim/wasm/machine"
	"github.com/agentshim/agentshim/wasm/phone"
	"github.com/agentshim/agentshim/wasm/trace"
	"github.com/agentshim/agentshim/wasm/wire"
)

// Call answers a query "<name>\x1f<argument JSON>" (PROTOCOL.md, shim_call).
func (c *Core) Call(q []byte) (answer []byte) {
	defer c.recoverInto(&answer)
	name, arg := q, []byte("null")
	if i := bytes.IndexByte(q, fieldSep); i >= 0 {
		name, arg = q[:i], q[i+1:]
	}
	m := c.eng.M
	c.out = c.out[:0]
	switch string(name) {
	case "agent":
		a := m.Agent()
		return wire.AppendAgent(c.out, &a)
	case "contacts":
		c.out = append(c.out, '[')
		for i, ct := range m.Contacts() {
			if i > 0 {
				c.out = append(c.out, ',')
			}
			c.out = c.eng.Enc.AppendContact(c.out, ct)
		}
		return append(c.out, ']')
	case "contact":
		return c.contact(arg)
	case "widgets":
		c.out = append(c.out, '[')
		for i, w := range m.Widgets() {
			if i > 0 {
				c.out = append(c.out, ',')
			}
			c.out = wire.AppendWidget(c.out, w)
		}
		return append(c.out, ']')
	case "statistics":
		return appendRecordList(c.out, m.Statistics())
	case "applications":
		return appendRecordList(c.out, m.Applications())
	case "campaigns":
		c.out = append(c.out, '[')
		for i, kv := range m.Campaigns() {
			if i > 0 {
				c.out = append(c.out, ',')
			}
			c.out = append(c.out, `{"id":`...)
			c.out = jsonx.AppendString(c.out, kv.Key)
			c.out = append(c.out, `,"status":`...)
			c.out = jsonx.AppendString(c.out, kv.Value)
			c.out = append(c.out, '}')
		}
		return append(c.out, ']')
	case "snapshot":
		s := m.Snapshot()
		return c.eng.Enc.AppendSnapshot(c.out, &s)
	case "trace":
		return c.Trace()
	case "replay":
		return c.replay(arg)
	case "restore":
		return c.restore(arg)
	case "normalize":
		return c.normalize(arg)
	case "mirror":
		return c.mirrorQuery(arg)
	case "callFlows", "decide", "webhook", "outboxPlan", "outboxAfter":
		return c.videoQuery(string(name), arg)
	case "panic":
		panic("deliberate panic requested by a test") // proves the recovery path end to end
	}
	return errorAnswer(machine.BadInput, "unknown query "+quote(string(name)))
}

// appendRecordList writes telemarketing records as a JSON array.
func appendRecordList(dst []byte, rs []*machine.Record) []byte {
	dst = append(dst, '[')
	for i, r := range rs {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = wire.AppendRecord(dst, r)
	}
	return append(dst, ']')
}

func (c *Core) contact(arg []byte) []byte {
	v, err := jsonx.Parse(arg)
	id, ok := v.Text()
	if err != nil || v.Kind() != jsonx.String || !ok {
		return errorAnswer(machine.BadInput, "contact(id) needs a contact id string")
	}
	ct := c.eng.M.Contact(id)
	if ct == nil {
		return append(c.out, "null"...)
	}
	return c.eng.Enc.AppendContact(c.out, ct)
}

// replay runs a trace through a fresh engine with this core's settings; the
// live core is untouched. The argument is a trace, or {"trace": ..., "options":
// {defaultRegion?, commandTimeoutMs?}} to replay with other settings.
func (c *Core) replay(arg []byte) []byte {
	cfg := engine.Config{DefaultRegion: c.cfg.DefaultRegion, CommandTimeout: machine.Millis(c.cfg.CommandTimeoutMs)}
	if v, err := jsonx.Parse(arg); err == nil && v.Get("trace").Kind() == jsonx.Object {
		arg = v.Get("trace").Raw()
		opts := v.Get("options")
		if r, ok := opts.Get("defaultRegion").Text(); ok {
			o := Options{DefaultRegion: r}
			if e := o.Validate(); e != nil {
				return errorAnswer(e.Code, e.Message)
			}
			cfg.DefaultRegion = o.DefaultRegion
		}
		if ms, ok := opts.Get("commandTimeoutMs").Int(); ok && ms > 0 {
			cfg.CommandTimeout = machine.Millis(ms)
		}
	}
	t, err := trace.Parse(arg)
	if err != nil {
		return errorAnswer(machine.BadInput, err.Error())
	}
	lines := engine.Replay(t, cfg)
	out := append(c.out, `{"events":[`...)
	out = append(out, bytes.ReplaceAll(bytes.TrimSuffix(lines, []byte("\n")), []byte("\n"), []byte(","))...)
	return append(out, "]}"...)
}

// restore replaces the state with a persisted snapshot: at start-up, before
// any input, after a panic left the state in doubt, or in mirror mode (a
// follower catching up with its leader).
func (c *Core) restore(arg []byte) []byte {
	c.deltas.Reset() // the loader forgets its contacts when it asks, whatever the outcome (PROTOCOL.md, "Contact deltas")
	if c.fed && !c.crashed && !c.mirror {
		return errorAnswer(machine.InvalidState, "restore is only possible before the first input, or in mirror mode")
	}
	s, err := wire.ParseSnapshot(arg)
	if err != nil {
		return errorAnswer(machine.BadInput, "stored snapshot unusable: "+err.Error())
	}
	m, err := machine.Restore(machine.Config{CommandTimeout: machine.Millis(c.cfg.CommandTimeoutMs)}, s)
	if err != nil {
		return errorAnswer(machine.BadInput, err.Error())
	}
	c.eng.M, c.crashed = m, false
	return append(c.out, `{"ok":true}`...)
}

func (c *Core) normalize(arg []byte) []byte {
	v, err := jsonx.Parse(arg)
	raw, ok := v.Text()
	if err != nil || v.Kind() != jsonx.String || !ok {
		return append(c.out, "null"...)
	}
	e164, ok := phone.Normalize(raw, c.cfg.DefaultRegion)
	if !ok {
		return append(c.out, "null"...)
	}
	return jsonx.AppendString(c.out, e164)
}

func errorAnswer(code machine.Code, msg string) []byte {
	e := machine.Error{Code: code, Message: msg}
	out := append([]byte(`{"error":`), wire.AppendError(nil, &e)...)
	return append(out, '}')
}
