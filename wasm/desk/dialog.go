//go:build js && wasm

package main

import (
	"strconv"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"github.com/agentshim/agentshim/wasm/deskview"
)

// dialog is the after-call-work dialog: pick an outcome, finish. While it is
// open the rest of the desk is inert and Tab cycles inside it; Escape closes
// it (the contact stays in after-call work; Alt+W reopens it).
type dialog struct {
	box, desc, finish, later dom.Element
	radios                   []dom.Element
	contact                  string
	returnTo                 js.Value
}

func (d *desk) buildDialog() dom.Element {
	g := &d.dlg
	g.desc = el("p", "asd-dialog-desc", "id", d.id("dlg-desc"))
	set := add(el("fieldset", "asd-outcomes"), textEl("legend", "", "Outcome"))
	for i, o := range d.outcomes {
		r := el("input", "", "type", "radio", "name", d.id("outcome"), "value", o, "id", d.id("o"+strconv.Itoa(i)))
		g.radios = append(g.radios, r)
		add(set, add(el("label", "asd-outcome", "for", d.id("o"+strconv.Itoa(i))), r, textEl("span", "", o)))
	}
	g.radios[0].SetAttribute("checked", "")
	g.finish = textEl("button", "asd-btn asd-finish", "Finish", "type", "button", "data-action", "finish")
	g.later = textEl("button", "asd-btn", "Later", "type", "button", "data-action", "later", "aria-keyshortcuts", "Escape")
	panel := add(el("div", "asd-dialog-panel", "role", "dialog", "aria-modal", "true",
		"aria-labelledby", d.id("dlg-title"), "aria-describedby", d.id("dlg-desc")),
		textEl("h2", "", "After-call work", "id", d.id("dlg-title")), g.desc, set,
		add(el("div", "asd-dialog-buttons"), g.finish, g.later))
	g.box = add(el("div", "asd-dialog", "hidden", ""), panel)
	return g.box
}

// openDialog shows the dialog for a contact in after-call work and moves
// focus to the chosen outcome.
func (d *desk) openDialog(id string) {
	k, ok := d.cards[id]
	if !ok || k.c.State != "wrapup" {
		return
	}
	g := &d.dlg
	if g.contact == "" {
		g.returnTo = doc.Underlying().Get("activeElement")
	}
	g.contact = id
	setText(g.desc, deskview.CardLabel(k.c))
	for _, p := range d.panels {
		setFlag(p, "inert", true)
	}
	setFlag(g.box, "hidden", false)
	d.checkedRadio().Underlying().Call("focus")
}

// closeDialog hides it and gives focus back to where it was, or to the desk
// when that element is gone.
func (d *desk) closeDialog() {
	g := &d.dlg
	if g.contact == "" {
		return
	}
	g.contact = ""
	setFlag(g.box, "hidden", true)
	for _, p := range d.panels {
		setFlag(p, "inert", false)
	}
	back := g.returnTo
	g.returnTo = js.Undefined()
	if back.Truthy() && back.Get("isConnected").Truthy() && !back.Call("closest", "[hidden]").Truthy() {
		back.Call("focus")
		return
	}
	d.root.Underlying().Call("focus")
}

func (d *desk) checkedRadio() dom.Element {
	for _, r := range d.dlg.radios {
		if r.Underlying().Get("checked").Bool() {
			return r
		}
	}
	return d.dlg.radios[0]
}

func (d *desk) finishDialog() {
	id := d.dlg.contact
	if id == "" {
		return
	}
	outcome := d.checkedRadio().Underlying().Get("value").String()
	d.command("wrapup", id, nil, id, map[string]any{"outcome": outcome, "end": true})
}

// trapTab keeps Tab inside the dialog: its stops are the checked radio
// (arrows move within the group), Finish and Later.
func (d *desk) trapTab(e js.Value) {
	stops := []js.Value{d.checkedRadio().Underlying(), d.dlg.finish.Underlying(), d.dlg.later.Underlying()}
	active := doc.Underlying().Get("activeElement")
	at := -1
	for i, s := range stops {
		if s.Equal(active) || (i == 0 && active.Get("name").Equal(s.Get("name"))) {
			at = i
		}
	}
	next := 0
	switch {
	case e.Get("shiftKey").Bool() && at <= 0:
		next = len(stops) - 1
	case e.Get("shiftKey").Bool():
		next = at - 1
	case at >= 0 && at < len(stops)-1:
		next = at + 1
	}
	e.Call("preventDefault")
	stops[next].Call("focus")
}
