package decode

import "github.com/agentshim/agentshim/wasm/machine"

// mluviiOps maps owidget app event types (and "status", for the status
// update callback) to ops.
var mluviiOps = map[string]machine.Op{
	"status":             machine.OpWidgetStatus,
	"chatWindowOpen":     machine.OpWidgetOpen,
	"chatWindowClosed":   machine.OpWidgetClosed,
	"chatSessionCreated": machine.OpContactQueued,
	"chatSessionStarted": machine.OpContactConnected,
	"chatSessionEnded":   machine.OpContactEnded,
}

// mluvii decodes an owidget callback. The payload names the widget (its
// preset) because one page may hold several widgets.
func (d *Decoder) mluvii() {
	op, known := mluviiOps[d.r.Name]
	if !known {
		d.add(machine.OpUnknown)
		return
	}
	v, ok := d.object()
	if !ok {
		return
	}
	widget, _ := d.text(v.Get("widget"))
	if widget == "" {
		d.malformed(d.event() + ": the payload names no widget; agentshim records owidget events " +
			"with the widget's preset name ({widget, ...}); it was ignored")
		return
	}
	var status uint8
	if op == machine.OpWidgetStatus {
		code, ok := v.Get("code").Int()
		if !ok || code < 0 || code > 255 {
			d.malformed(d.event() + " on widget " + quote(widget) + ": the status code is " + d.shown(v.Get("code")) +
				", not a status code; mluvii sends 0 (offline), 1 (online) or 2 (busy); it was ignored")
			return
		}
		status = uint8(code)
	}
	in := d.add(op)
	in.Widget, in.Status = widget, status
	if op == machine.OpContactQueued || op == machine.OpContactConnected || op == machine.OpContactEnded {
		in.Channel, in.Direction = machine.Chat, machine.Inbound
	}
}
