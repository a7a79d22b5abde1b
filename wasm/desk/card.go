//go:build js && wasm

package main

import (
	"slices"

	"time"

	"honnef.co/go/js/dom/v2"

	"github.com/agentshim/agentshim/wasm/deskview"
)

// card is one contact on screen.
type card struct {
	c                                     deskview.Contact
	box, badge, meta, number, timer, data dom.Element
	end, keypad                           dom.Element
	buttons                               map[deskview.Action]dom.Element
	recording                             bool
	endedTicks                            int
}

var buttonLabels = map[deskview.Action]string{
	deskview.Answer: "Answer", deskview.Hangup: "Hang up", deskview.Hold: "Hold", deskview.Resume: "Resume",
	deskview.Keypad: "Keypad", deskview.Record: "Record", deskview.Wrapup: "Wrap up",
}

// upsert draws a contact: a new card, or the changes to its card.
func (d *desk) upsert(c deskview.Contact) {
	if c.ID == "" {
		return
	}
	d.tracker.Observe(c)
	k, ok := d.cards[c.ID]
	if !ok {
		k = d.newCard(c)
		d.cards[c.ID] = k
		d.order = append(d.order, c.ID)
		d.contactsBox.AppendChild(k.box)
		setFlag(d.empty, "hidden", true)
	}
	k.render(c)
}

func (d *desk) newCard(c deskview.Contact) *card {
	k := &card{buttons: map[deskview.Action]dom.Element{}}
	k.badge = el("span", "asd-badge")
	k.meta = el("span", "asd-meta")
	k.number = el("span", "asd-number")
	k.timer = el("span", "asd-timer", "role", "timer", "aria-label", "Duration")
	k.data = el("dl", "asd-data")
	k.end = el("p", "asd-end", "hidden", "")
	actions := el("div", "asd-actions", "role", "group", "aria-label", "Contact actions")
	for _, a := range deskview.ContactActions {
		b := button(a, buttonLabels[a], c.ID)
		k.buttons[a] = b
		actions.AppendChild(b)
	}
	k.buttons[deskview.Keypad].SetAttribute("aria-expanded", "false")
	k.buttons[deskview.Record].SetAttribute("aria-pressed", "false")
	k.keypad = el("div", "asd-pad", "role", "group", "aria-label", "Keypad: type or press a digit", "hidden", "",
		"data-keypad", c.ID)
	for i := 0; i < len(deskview.DTMFKeys); i++ {
		key := deskview.DTMFKeys[i : i+1]
		k.keypad.AppendChild(textEl("button", "asd-key", key, "type", "button", "data-action", "digit",
			"data-digit", key, "data-contact", c.ID, "aria-label", "DTMF "+key))
	}
	head := add(el("div", "asd-head"), k.badge, k.meta, k.number, k.timer)
	k.box = add(el("article", "asd-card", "data-card", c.ID, "tabindex", "-1"),
		head, k.data, actions, k.keypad, k.end)
	return k
}

// render updates the card to c. Every vendor string goes in as text.
func (k *card) render(c deskview.Contact) {
	old := k.c
	k.c = c
	k.box.SetAttribute("data-state", c.State)
	k.box.SetAttribute("aria-label", deskview.CardLabel(c))
	setText(k.badge, c.State)
	setText(k.meta, c.Direction+" · "+c.Channel+" · "+c.Vendor)
	setText(k.number, deskview.MaskedNumber(c.Number))
	setText(k.timer, deskview.Clock(deskview.Elapsed(c, time.Now())))
	if !slices.Equal(old.Data, c.Data) || k.data.FirstChild() == nil && len(c.Data) > 0 {
		k.renderData(c.Data)
	}
	for a, b := range k.buttons {
		setFlag(b, "disabled", !deskview.ContactEnabled(c, a))
	}
	if !deskview.ContactEnabled(c, deskview.Keypad) {
		k.showKeypad(false)
	}
	if c.State == "ended" || c.State == "wrapup" {
		k.setRecording(false)
	}
	if c.State == "ended" {
		text := "Ended"
		if c.EndReason != "" {
			text += ": " + c.EndReason
		}
		if c.Outcome != "" {
			text += " · outcome " + c.Outcome
		}
		setText(k.end, text)
		setFlag(k.end, "hidden", false)
	}
}

// renderData rewrites the call data list. Keys and values come from the
// vendor (a screen pop can carry anything): textContent only.
func (k *card) renderData(pairs []deskview.Pair) {
	for k.data.FirstChild() != nil {
		k.data.RemoveChild(k.data.FirstChild())
	}
	for _, p := range pairs {
		add(k.data, textEl("dt", "", p.Key), textEl("dd", "", p.Value))
	}
}

func (k *card) showKeypad(on bool) {
	setFlag(k.keypad, "hidden", !on)
	b := k.buttons[deskview.Keypad]
	if on {
		b.SetAttribute("aria-expanded", "true")
	} else {
		b.SetAttribute("aria-expanded", "false")
	}
}

func (k *card) setRecording(on bool) {
	k.recording = on
	b := k.buttons[deskview.Record]
	if on {
		b.SetAttribute("aria-pressed", "true")
		setText(b, "Stop recording")
	} else {
		b.SetAttribute("aria-pressed", "false")
		setText(b, "Record")
	}
}

// removeCard takes a contact off the screen; focus inside it moves to the
// desk so keyboard users are not left on a removed element.
func (d *desk) removeCard(id string) {
	k, ok := d.cards[id]
	if !ok {
		return
	}
	hadFocus := k.box.Underlying().Call("contains", doc.Underlying().Get("activeElement")).Bool()
	k.box.Underlying().Call("remove")
	delete(d.cards, id)
	for i, o := range d.order {
		if o == id {
			d.order = append(d.order[:i], d.order[i+1:]...)
			break
		}
	}
	setFlag(d.empty, "hidden", len(d.order) > 0)
	if hadFocus {
		d.root.Underlying().Call("focus")
	}
}

// contacts lists the cards' contacts, oldest first.
func (d *desk) contacts() []deskview.Contact {
	out := make([]deskview.Contact, 0, len(d.order))
	for _, id := range d.order {
		out = append(out, d.cards[id].c)
	}
	return out
}

func (d *desk) currentWrapup() string {
	for i := len(d.order) - 1; i >= 0; i-- {
		if c := d.cards[d.order[i]].c; c.State == "wrapup" {
			return c.ID
		}
	}
	return ""
}
