//go:build js && wasm

package main

import (
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"github.com/agentshim/agentshim/wasm/deskview"
)

// onClick is the desk's one click handler: every button says what it does
// in data-action (and data-contact), so cards come and go without
// listeners of their own.
func (d *desk) onClick(e dom.Event) {
	t := e.Underlying().Get("target")
	if t.Type() != js.TypeObject || t.Get("closest").Type() != js.TypeFunction {
		return
	}
	b := t.Call("closest", "[data-action]")
	if !b.Truthy() || b.Get("disabled").Truthy() {
		return
	}
	action, contact := attr(b, "data-action"), attr(b, "data-contact")
	switch action {
	case "export":
		d.exportTrace()
	case "digit":
		d.command("dtmf", contact, nil, contact, attr(b, "data-digit"))
	case "finish":
		d.finishDialog()
	case "later":
		d.closeDialog()
	default:
		d.act(deskview.ParseAction(action), contact)
	}
}

func attr(v js.Value, name string) string {
	a := v.Call("getAttribute", name)
	if a.Type() == js.TypeString {
		return a.String()
	}
	return ""
}

// act runs an action for a contact ("" for agent actions, or when a
// shortcut names no contact: then the current one).
func (d *desk) act(a deskview.Action, contact string) {
	if a == deskview.None {
		return
	}
	if contact == "" {
		contact = d.focusedContact()
	}
	var c deskview.Contact
	if k, ok := d.cards[contact]; ok {
		c = k.c
		a = deskview.Toggle(a, c)
	}
	switch a {
	case deskview.Login, deskview.Pause, deskview.Logout:
		if !deskview.AgentEnabled(d.agent, a) {
			d.say(label(a.String()) + " is not possible now (" + stateText(d.agent) + ")")
			return
		}
		switch a {
		case deskview.Login:
			d.command("login", "", nil)
		case deskview.Pause:
			d.command("pause", "", nil, d.reason.Underlying().Get("value").String())
		default:
			d.command("logout", "", nil)
		}
		return
	case deskview.Dial:
		d.dial()
		return
	case deskview.Log:
		d.logBox.Underlying().Call("focus")
		return
	}
	if contact == "" {
		d.say("No contact to " + a.String())
		return
	}
	if !deskview.ContactEnabled(c, a) {
		d.say(label(a.String()) + " is not possible while the contact is " + c.State)
		return
	}
	k := d.cards[contact]
	switch a {
	case deskview.Keypad:
		open := k.keypad.HasAttribute("hidden")
		k.showKeypad(open)
		if open {
			k.keypad.Underlying().Get("firstElementChild").Call("focus")
		}
	case deskview.Record:
		on := !k.recording
		d.command("record", contact, func(js.Value) { k.setRecording(on) }, contact, on)
	case deskview.Wrapup:
		d.openDialog(contact)
	default: // answer, hangup, hold, resume
		d.command(a.String(), contact, nil, contact)
	}
}

// dial sends the number field to shim.dial, or focuses the field when it
// is empty (the Alt+D shortcut).
func (d *desk) dial() {
	in := d.dialNum.Underlying()
	n := in.Get("value").String()
	if n == "" || !doc.Underlying().Get("activeElement").Equal(in) && !d.dialBtn.Underlying().Equal(doc.Underlying().Get("activeElement")) {
		in.Call("focus")
		return
	}
	if !deskview.AgentEnabled(d.agent, deskview.Dial) {
		d.say("Dial is possible only when ready (" + stateText(d.agent) + ")")
		return
	}
	d.command("dial", "", func(js.Value) { in.Set("value", "") }, n)
}

// focusedContact is the contact of the card holding focus, else the
// current one (deskview.Current).
func (d *desk) focusedContact() string {
	active := doc.Underlying().Get("activeElement")
	if active.Truthy() && active.Get("closest").Type() == js.TypeFunction {
		if card := active.Call("closest", "[data-card]"); card.Truthy() {
			return attr(card, "data-card")
		}
	}
	return deskview.Current(d.contacts())
}

// onKey handles the keyboard anywhere on the page: the dialog's keys while
// it is open, the Alt shortcuts, DTMF digits on an open keypad, Enter in
// the number field, Escape on a keypad.
func (d *desk) onKey(ev dom.Event) {
	e := ev.Underlying()
	key, code := e.Get("key").String(), e.Get("code").String()
	if d.dlg.contact != "" {
		switch key {
		case "Escape":
			e.Call("preventDefault")
			d.closeDialog()
		case "Tab":
			d.trapTab(e)
		}
		return
	}
	if a := deskview.Lookup(code, e.Get("altKey").Bool(), e.Get("ctrlKey").Bool(), e.Get("metaKey").Bool(), e.Get("shiftKey").Bool()); a != deskview.None {
		e.Call("preventDefault")
		d.act(a, "")
		return
	}
	t := e.Get("target")
	if t.Type() != js.TypeObject || t.Get("closest").Type() != js.TypeFunction || !d.root.Underlying().Call("contains", t).Bool() {
		return
	}
	if pad := t.Call("closest", "[data-keypad]"); pad.Truthy() {
		id := attr(pad, "data-keypad")
		switch {
		case deskview.IsDTMF(key) && !e.Get("altKey").Bool() && !e.Get("ctrlKey").Bool():
			e.Call("preventDefault")
			d.command("dtmf", id, nil, id, key)
		case key == "Escape":
			if k, ok := d.cards[id]; ok {
				k.showKeypad(false)
				k.buttons[deskview.Keypad].Underlying().Call("focus")
			}
		}
		return
	}
	if key == "Enter" && t.Equal(d.dialNum.Underlying()) {
		e.Call("preventDefault")
		d.dial()
	}
}
