// Package engine joins the decoders, the state machine and the wire format:
// one raw vendor input or facade command in, machine outputs out. The browser
// core and the native replay tool both run it, which is why a trace replays
// to the same events in both.
package engine

import (
	"github.com/agentshim/agentshim/wasm/decode"
	"github.com/agentshim/agentshim/wasm/machine"
	"github.com/agentshim/agentshim/wasm/trace"
	"github.com/agentshim/agentshim/wasm/wire"
)

// Config holds what a trace replay must agree on with the live core.
type Config struct {
	DefaultRegion  string         // ISO 3166 code for national phone numbers
	CommandTimeout machine.Millis // 0: machine.DefaultCommandTimeout
}

// Engine is one core: a machine and its decoder.
type Engine struct {
	M   *machine.Machine
	dec *decode.Decoder
	ins []machine.Input
	Enc wire.Encoder
}

// New returns an engine with a fresh machine.
func New(cfg Config) *Engine {
	return &Engine{
		M:   machine.New(machine.Config{CommandTimeout: cfg.CommandTimeout}),
		dec: decode.New(decode.Options{DefaultRegion: cfg.DefaultRegion}),
	}
}

// Apply decodes r and steps the machine with each input it yields; fn sees
// each step's output before the next step reuses it. cmdID numbers a facade
// command's promise (0 for vendor inputs and replays).
func (e *Engine) Apply(r *decode.Raw, cmdID uint32, fn func(*machine.Output)) {
	e.ins = e.dec.Decode(e.ins[:0], r)
	for i := range e.ins {
		in := &e.ins[i]
		if in.Op == machine.OpCommand {
			in.CmdID = cmdID
		}
		fn(e.M.Step(in))
	}
}

// Replay runs a trace through a fresh engine and returns every facade event
// as one JSON object per line.
func Replay(t *trace.Trace, cfg Config) []byte {
	e := New(cfg)
	var out []byte
	for i := range t.Events {
		ev := &t.Events[i]
		r := decode.Raw{At: ev.At, Vendor: ev.Vendor, Name: ev.Name, Payload: ev.Payload}
		e.Apply(&r, 0, func(o *machine.Output) {
			for j := range o.Events {
				out = e.Enc.AppendEvent(out, &o.Events[j])
				out = append(out, '\n')
			}
		})
	}
	return out
}
