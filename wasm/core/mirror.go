package core

import (
	"github.com/agentshim/agentshim/wasm/jsonx"
	"github.com/agentshim/agentshim/wasm/machine"
	"github.com/agentshim/agentshim/wasm/wire"
)

// Mirror mode is how a follower tab keeps an exact copy of the leader tab's
// core (README, "Several tabs"). The machine is deterministic: time comes in
// each record. So feeding a follower the leader's records in the leader's
// order gives the same events, seq numbers, replies and state — provided the
// effects come out the same. A follower does not call the vendor (the leader
// did); it takes every effect as sent, except those the leader reports as
// failed, which it fails with the leader's error. The leader's answers carry
// those failures ("failed"), and the loader hands them over (the "mirror"
// query) before feeding the batch they belong to.

// SetMirror turns mirror mode on or off. Leaving it (a follower taking
// over) keeps the state: the new leader goes on from the mirrored seq.
func (c *Core) SetMirror(on bool) {
	c.mirror = on
	c.outcomes = nil
}

// Mirroring reports whether the core is in mirror mode.
func (c *Core) Mirroring() bool { return c.mirror }

// mirrorOutcome is what carryOut does in mirror mode: nothing, and the
// leader's error when its vendor call for that command failed.
func (c *Core) mirrorOutcome(cmdID uint32) *machine.Error {
	for i := range c.outcomes {
		if c.outcomes[i].id == cmdID && cmdID != 0 {
			err := c.outcomes[i].err
			return &err
		}
	}
	return nil
}

type outcome struct {
	id  uint32
	err machine.Error
}

// appendFailed notes, in leader mode, an effect the vendor refused, so the
// loader can pass it on to the followers with the batch.
func (c *Core) appendFailed(cmdID uint32, err *machine.Error) {
	if cmdID == 0 {
		return // no command: a follower has no promise to reject either
	}
	if len(c.failed) > 0 {
		c.failed = append(c.failed, ',')
	}
	c.failed = append(c.failed, `{"id":`...)
	c.failed = jsonx.AppendUint(c.failed, uint64(cmdID))
	c.failed = append(c.failed, `,"error":`...)
	c.failed = wire.AppendError(c.failed, err)
	c.failed = append(c.failed, '}')
}

// mirrorQuery answers "mirror": true or false switches mirror mode; a list
// [{"id":N,"error":{code,message,vendor?}}] (a leader answer's "failed")
// switches it on and sets the outcomes of the next Feed.
func (c *Core) mirrorQuery(arg []byte) []byte {
	v, err := jsonx.Parse(arg)
	if b, ok := v.Bool(); err == nil && ok {
		c.SetMirror(b)
		return append(c.out, `{"ok":true}`...)
	}
	if err != nil || v.Kind() != jsonx.Array {
		return errorAnswer(machine.BadInput, "mirror takes true, false or the leader's failed effects")
	}
	list := make([]outcome, 0, v.Len())
	for i := 0; i < v.Len(); i++ {
		o, ok := parseOutcome(v.Index(i))
		if !ok {
			return errorAnswer(machine.BadInput, "mirror: failed effect "+jsonx.Itoa(i)+" needs an id and an error {code, message}")
		}
		list = append(list, o)
	}
	c.mirror, c.outcomes = true, list
	return append(c.out, `{"ok":true}`...)
}

func parseOutcome(v jsonx.Value) (outcome, bool) {
	id, ok := v.Get("id").Int()
	e := v.Get("error")
	code, okCode := parseCode(e.Get("code"))
	msg, okMsg := e.Get("message").Text()
	if !ok || id <= 0 || id > 1<<32-1 || !okCode || !okMsg {
		return outcome{}, false
	}
	o := outcome{id: uint32(id), err: machine.Error{Code: code, Message: msg}}
	if name, ok := e.Get("vendor").Text(); ok {
		o.err.Vendor, _ = machine.ParseVendor(name)
	}
	return o, true
}

func parseCode(v jsonx.Value) (machine.Code, bool) {
	name, ok := v.Text()
	for c := machine.BadInput; ok && c <= machine.Crashed; c++ {
		if c.String() == name {
			return c, true
		}
	}
	return machine.CodeNone, false
}
