// Package core is the browser core without the browser: it reads the packed
// input records the loader writes into wasm memory, runs them through the
// engine, records the trace, carries out effects through an Executor, and
// writes the JSON answer the loader dispatches (js-bridge/PROTOCOL.md).
// Pure Go, so all of it is tested natively; package main only wires it to
// //go:wasmexport functions and syscall/js.
package core

import (
	"bytes"

	"github.com/agentshim/agentshim/wasm/decode"
	"github.com/agentshim/agentshim/wasm/engine"
	"github.com/agentshim/agentshim/wasm/jsonx"
	"github.com/agentshim/agentshim/wasm/machine"
	"github.com/agentshim/agentshim/wasm/phone"
	"github.com/agentshim/agentshim/wasm/redact"
	"github.com/agentshim/agentshim/wasm/sdkcall"
	"github.com/agentshim/agentshim/wasm/trace"
	"github.com/agentshim/agentshim/wasm/wire"
)

// Executor carries out SDK calls on the attached vendor. It returns nil, or
// the error (VENDOR_UNAVAILABLE, VENDOR_ERROR) that rejects the command.
type Executor interface {
	Call(v machine.Vendor, calls []sdkcall.Call) *machine.Error
}

const (
	recordSep = 0x1e
	fieldSep  = 0x1f
)

// Core is one live agentshim core.
type Core struct {
	cfg     Options
	eng     *engine.Engine
	exec    Executor
	trace   recorder
	fed     bool // a record has been fed: restore is no longer allowed...
	crashed bool // ...unless a panic left the state in doubt
	out     []byte
	dirty   bool
	deltas  wire.Deltas // what the loader has of each contact: answers carry only changes
	raw     decode.Raw  // the record being fed: a field, since the decoder keeps a pointer to it (a local would escape, one allocation per record)

	mirror   bool      // a follower tab's copy of the leader's core (mirror.go)
	outcomes []outcome // mirror mode: the leader's failed effects for the next Feed
	failed   []byte    // leader mode: this Feed's failed effects, as JSON list items
	video    video     // call flows and webhooks (video.go)
}

// New returns a core with the given options and executor.
func New(opts Options, exec Executor) *Core {
	c := &Core{exec: exec}
	c.configure(opts)
	return c
}

func (c *Core) configure(opts Options) {
	c.cfg = opts
	c.eng = engine.New(engine.Config{DefaultRegion: opts.DefaultRegion,
		CommandTimeout: machine.Millis(opts.CommandTimeoutMs)})
	c.trace.limit = opts.TraceLimit
	c.deltas.Reset()
}

// Machine exposes the state machine (read-only use).
func (c *Core) Machine() *machine.Machine { return c.eng.M }

// Feed processes packed records and returns the JSON answer
// {"events":[...],"replies":[...],"pending":N,"dirty":B[,"failed":[...]]}. An event is an
// array (wire.AppendEventCompact), its contact a delta against the one last sent for that
// contact (wire.Deltas). The answer aliases
// an internal buffer until the next call.
func (c *Core) Feed(records []byte) (answer []byte) {
	defer c.recoverInto(&answer)
	c.out = append(c.out[:0], `{"events":[`...)
	c.dirty = false
	c.failed = c.failed[:0]
	defer func() { c.outcomes = nil }() // they belong to this batch only
	var replies []byte                  // rare: built separately, then appended
	nEvents := 0
	for len(records) > 0 {
		rec := records
		if i := bytes.IndexByte(records, recordSep); i >= 0 {
			rec, records = records[:i], records[i+1:]
		} else {
			records = nil
		}
		raw := &c.raw
		var cmdID uint32
		var err string
		*raw, cmdID, err = parseRecord(rec)
		if err != "" {
			replies = c.appendBadRecord(replies, err)
			continue
		}
		c.fed = true
		if raw.Vendor != machine.VendorFacade || raw.Name != "tick" {
			c.trace.add(raw)
		}
		c.eng.Apply(raw, cmdID, func(o *machine.Output) {
			c.carryOut(o)
			for i := range o.Events {
				if nEvents > 0 {
					c.out = append(c.out, ',')
				}
				nEvents++
				c.out = c.eng.Enc.AppendEventCompact(c.out, &o.Events[i], &c.deltas)
			}
			for i := range o.Replies {
				replies = c.appendReply(replies, &o.Replies[i])
			}
		})
		if nEvents > 0 {
			c.dirty = true
		}
	}
	c.out = append(c.out, `],"replies":[`...)
	c.out = append(c.out, bytes.TrimPrefix(replies, []byte(","))...)
	c.out = append(c.out, `],"pending":`...)
	c.out = jsonx.AppendInt(c.out, int64(c.eng.M.Pending()))
	c.out = append(c.out, `,"dirty":`...)
	c.out = jsonx.AppendBool(c.out, c.dirty)
	if len(c.failed) > 0 {
		c.out = append(c.out, `,"failed":[`...)
		c.out = append(append(c.out, c.failed...), ']')
	}
	return append(c.out, '}')
}

// carryOut performs the step's effects. A vendor that fails turns the
// command's pending promise into an immediate rejection.
func (c *Core) carryOut(o *machine.Output) {
	for i := range o.Effects {
		e := &o.Effects[i]
		if e.Vendor != machine.VendorCTT7 {
			continue
		}
		var err *machine.Error
		if c.mirror {
			err = c.mirrorOutcome(e.CmdID)
		} else if err = c.exec.Call(e.Vendor, sdkcall.CTT7(e)); err != nil {
			c.appendFailed(e.CmdID, err)
		}
		if err != nil {
			c.eng.M.Cancel(e.CmdID)
			err.ContactID = e.ContactID
			o.Replies = append(o.Replies, machine.Reply{CmdID: e.CmdID, Cmd: e.Cmd, Err: *err})
		}
	}
}

// parseRecord splits vendor\x1fname\x1fat\x1fcmdId\x1fpayload.
func parseRecord(rec []byte) (decode.Raw, uint32, string) {
	var f [5][]byte
	for i := 0; i < 4; i++ {
		j := bytes.IndexByte(rec, fieldSep)
		if j < 0 {
			return decode.Raw{}, 0, "record has " + jsonx.Itoa(i+1) + " fields, want 5"
		}
		f[i], rec = rec[:j], rec[j+1:]
	}
	f[4] = rec
	v, ok := machine.ParseVendor(string(f[0]))
	if !ok {
		return decode.Raw{}, 0, "unknown vendor '" + string(f[0]) + "'"
	}
	at, ok1 := jsonx.ParseInt(f[2])
	id, ok2 := jsonx.ParseInt(f[3])
	if !ok1 || !ok2 || id < 0 || id > 1<<32-1 {
		return decode.Raw{}, 0, "record time or command id is not a number"
	}
	return decode.Raw{At: machine.Millis(at), Vendor: v, Name: intern(f[1]), Payload: f[4]}, uint32(id), ""
}

// names interns event names: there are few, and the trace keeps them.
// recentNames, direct-mapped by length and last byte, saves the map's
// hashing for the names of the moment.
var (
	names       = map[string]string{}
	recentNames [16]string
)

func intern(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	k := (len(b) + int(b[len(b)-1])) & 15
	if s := recentNames[k]; s == string(b) {
		return s
	}
	s, ok := names[string(b)]
	if !ok {
		s = string(b)
		if len(names) < 1024 {
			names[s] = s
		}
	}
	recentNames[k] = s
	return s
}

func (c *Core) appendReply(dst []byte, r *machine.Reply) []byte {
	dst = append(dst, `,{"id":`...)
	dst = jsonx.AppendUint(dst, uint64(r.CmdID))
	switch {
	case r.Err.Code != machine.CodeNone:
		dst = append(dst, `,"ok":false,"error":`...)
		dst = wire.AppendError(dst, &r.Err)
	case r.Cmd == machine.CmdLogin || r.Cmd == machine.CmdPause || r.Cmd == machine.CmdLogout ||
		r.Cmd == machine.CmdSetGroups:
		dst = append(dst, `,"ok":true,"agent":`...)
		dst = wire.AppendAgent(dst, &r.Agent)
	default:
		dst = append(dst, `,"ok":true,"contact":`...)
		dst = c.eng.Enc.AppendContact(dst, &r.Contact)
	}
	return append(dst, '}')
}

// appendBadRecord reports a record the loader should never write as a
// reply with id 0, which the loader turns into an error event (BAD_INPUT).
func (c *Core) appendBadRecord(dst []byte, msg string) []byte {
	e := machine.Error{Code: machine.BadInput, Message: "agentshim loader: " + msg}
	dst = append(dst, `,{"id":0,"ok":false,"error":`...)
	dst = wire.AppendError(dst, &e)
	return append(dst, '}')
}

// recoverInto turns a panic into a CRASHED answer: the Go program must never
// die of one (a dead program fails every later call).
func (c *Core) recoverInto(answer *[]byte) {
	if r := recover(); r != nil {
		msg := "agentshim core panicked: " + PanicText(r)
		c.crashed = true
		c.deltas.Reset() // the loader drops this answer, and with it the contact snapshots in it
		e := machine.Error{Code: machine.Crashed, Message: msg + "; the input was dropped and the core should be restored from its last snapshot"}
		out := append([]byte(`{"error":`), wire.AppendError(nil, &e)...)
		*answer = append(out, '}')
	}
}

// Trace returns the recorded trace as JSON.
func (c *Core) Trace() []byte {
	t := trace.Trace{StartedAt: c.trace.started, Events: c.trace.events()}
	if c.cfg.Redact {
		for i := range t.Events { // a copy: the ring keeps the real payloads
			t.Events[i].Payload = redact.JSON(nil, t.Events[i].Payload)
		}
	}
	return t.Append(nil)
}

// Configure applies start options; only before the first input, since the
// options shape how inputs are read.
func (c *Core) Configure(opts Options) *machine.Error {
	if c.fed {
		return &machine.Error{Code: machine.InvalidState, Message: "start options can only be set before the first input"}
	}
	if err := opts.Validate(); err != nil {
		return err
	}
	v, err := configureVideo(&opts)
	if err != nil {
		return err
	}
	c.configure(opts)
	c.video = v
	return nil
}

// PanicText describes a recovered panic value for an error message; vendor
// text in it has phone numbers masked.
func PanicText(r any) string {
	switch v := r.(type) {
	case error:
		return phone.Mask(v.Error())
	case string:
		return phone.Mask(v)
	}
	return "unexpected value"
}
