//go:build js && wasm

package main

import (
	"strconv"
	"syscall/js"
	"time"

	"honnef.co/go/js/dom/v2"

	"github.com/agentshim/agentshim/wasm/deskview"
)

// desk is one mounted desktop.
type desk struct {
	f     funcs
	n     string // this mount's number, for unique element ids
	host  dom.Element
	root  dom.Element
	shim  js.Value
	env   js.Value // desk.js's side: watch(promise, token); we set env.settle
	unsub js.Value
	timer js.Value // the setInterval id

	reasons, outcomes []string
	hb                heartbeat

	agent                                         deskview.Agent
	state, login, pause, logout, reason, dialNum  dom.Element
	dialBtn, contactsBox, empty, announce, logBox dom.Element
	statToday, statAvg, statSummary, statTop      dom.Element
	paths                                         [3]dom.Element
	panels                                        []dom.Element // made inert while the dialog is open

	cards   map[string]*card
	order   []string
	tracker deskview.Tracker

	dlg dialog

	pending   map[int]pend
	nextToken int
	ticks     int
	revoke    []string // blob URLs of exported traces, revoked on the next tick
}

// pend is a command waiting for its promise.
type pend struct {
	what    string // for the announcement: "answer", "dial", ...
	contact string
	after   func(v js.Value) // on success (record keeps its toggle here)
}

// heartbeat is POST {"agentId"} to the server while the agent is logged in.
type heartbeat struct {
	url       string
	every     int // ticks (seconds)
	agentID   string
	countdown int
	off       bool
}

var mounts = map[*desk]bool{}
var mountCount int

// mount(host, shim, options, env) builds a desk inside host and returns
// {unmount()}.
func mount(args []js.Value) any {
	if len(args) < 4 || args[0].Type() != js.TypeObject || args[1].Type() != js.TypeObject {
		return js.ValueOf(map[string]any{"error": "mount(element, options): element must be a DOM element"})
	}
	mountCount++
	d := &desk{
		n:       strconv.Itoa(mountCount),
		host:    dom.WrapElement(args[0]),
		shim:    args[1],
		env:     args[3],
		cards:   map[string]*card{},
		pending: map[int]pend{},
	}
	d.readOptions(args[2])
	d.build()
	d.host.AppendChild(d.root)
	d.wire()
	mounts[d] = true
	ctl := js.Global().Get("Object").New()
	ctl.Set("unmount", d.f.fn("unmount", func([]js.Value) any { d.unmount(); return nil }))
	return ctl
}

// readOptions reads {pauseReasons, outcomes, heartbeat}; desk.js has
// checked the names. A heartbeat is {url, intervalMs?, agentId?} or a URL.
func (d *desk) readOptions(o js.Value) {
	d.reasons = stringsOf(object(o, "pauseReasons"), deskview.DefaultPauseReasons)
	d.outcomes = stringsOf(object(o, "outcomes"), deskview.DefaultOutcomes)
	hb := js.Undefined()
	if o.Type() == js.TypeObject {
		hb = o.Get("heartbeat")
	}
	switch hb.Type() {
	case js.TypeString:
		d.hb.url = hb.String()
	case js.TypeObject:
		d.hb.url = str(hb, "url")
		d.hb.agentID = str(hb, "agentId")
		d.hb.every = num(hb, "intervalMs") / 1000
	}
	if d.hb.every <= 0 {
		d.hb.every = 15 // the server counts an agent for 60 s after a beat
	}
}

func stringsOf(v js.Value, def []string) []string {
	if !v.Truthy() || !js.Global().Get("Array").Call("isArray", v).Bool() || v.Length() == 0 {
		return def
	}
	out := make([]string, 0, v.Length())
	for i := range v.Length() {
		if s := v.Index(i); s.Type() == js.TypeString && s.String() != "" {
			out = append(out, s.String())
		}
	}
	if len(out) == 0 {
		return def
	}
	return out
}

// wire subscribes to the facade, starts the clock and the listeners, and
// draws what the facade already knows (after a reload, a call in progress).
func (d *desk) wire() {
	d.f.listen(d.root, "click", false, d.onClick)
	// Not d.root.OwnerDocument(): dom/v2 panics "not implemented" there.
	d.f.listen(doc, "keydown", false, d.onKey)
	d.env.Set("settle", d.f.fn("settle", d.settle))
	tick := d.f.fn("tick", func([]js.Value) any { d.tick(); return nil })
	d.timer = js.Global().Call("setInterval", tick, 1000)
	onEvent := d.f.fn("event", func(args []js.Value) any {
		if len(args) > 0 {
			d.onEvent(args[0])
		}
		return nil
	})
	d.unsub = d.shim.Call("on", "*", onEvent)
	d.setAgent(readAgent(d.shim.Call("agent")))
	list := d.shim.Call("contacts")
	for i := range list.Length() {
		d.upsert(readContact(list.Index(i)))
	}
	d.renderStats()
	if c := d.currentWrapup(); c != "" {
		d.openDialog(c)
	}
}

// unmount undoes mount: no listener, timer, subscription or js.Func stays.
func (d *desk) unmount() {
	if !mounts[d] {
		return
	}
	delete(mounts, d)
	if d.unsub.Type() == js.TypeFunction {
		d.unsub.Invoke()
	}
	js.Global().Call("clearInterval", d.timer)
	d.env.Delete("settle") // promises that settle later find no one to tell
	for _, u := range d.revoke {
		js.Global().Get("URL").Call("revokeObjectURL", u)
	}
	d.root.Underlying().Call("remove")
	d.f.releaseAll()
}

// onEvent handles every facade event: the log, the agent bar, the cards,
// the statistics.
func (d *desk) onEvent(v js.Value) {
	ev := readEvent(v)
	d.logEvent(ev)
	switch ev.Type {
	case "agent":
		if a := object(v, "agent"); a.Truthy() {
			d.setAgent(readAgent(a))
		}
	case "contact", "contact.data":
		if c := object(v, "contact"); c.Truthy() {
			contact := readContact(c)
			d.upsert(contact)
			d.renderStats()
			if ev.To == "wrapup" && d.dlg.contact == "" {
				d.openDialog(contact.ID)
			}
			if d.dlg.contact == contact.ID && contact.State != "wrapup" {
				d.closeDialog()
			}
		}
	case "contact.removed":
		if c := object(v, "contact"); c.Truthy() {
			d.tracker.Observe(readContact(c))
		}
		d.removeCard(ev.ContactID)
		if d.dlg.contact == ev.ContactID {
			d.closeDialog()
		}
	}
}

// tick runs once a second: timers, the heartbeat, the hour's statistics.
func (d *desk) tick() {
	d.ticks++
	now := time.Now()
	for _, id := range append([]string(nil), d.order...) {
		c := d.cards[id]
		setText(c.timer, deskview.Clock(deskview.Elapsed(c.c, now)))
		if c.c.State == "ended" {
			// An ended contact the vendor never deletes (Whisbi, mluvii)
			// stays a few seconds so the agent sees how it ended.
			if c.endedTicks++; c.endedTicks > 10 {
				d.removeCard(id)
			}
		}
	}
	for _, u := range d.revoke {
		js.Global().Get("URL").Call("revokeObjectURL", u)
	}
	d.revoke = nil
	d.beat()
	if d.ticks%60 == 0 {
		d.renderStats()
	}
}

// beat sends a heartbeat every hb.every seconds while the agent is logged
// in, when the page configured a URL. A 404 or 405 means there is no server
// behind the page: the desk stops trying.
func (d *desk) beat() {
	id := d.hb.agentID
	if id == "" {
		id = d.agent.ID
	}
	if d.hb.url == "" || d.hb.off || id == "" || d.agent.Availability == "loggedOut" || d.agent.Availability == "" {
		d.hb.countdown = 0
		return
	}
	if d.hb.countdown--; d.hb.countdown > 0 {
		return
	}
	d.hb.countdown = d.hb.every
	body := js.Global().Get("JSON").Call("stringify", js.ValueOf(map[string]any{"agentId": id}))
	init := js.ValueOf(map[string]any{
		"method":  "POST",
		"headers": map[string]any{"Content-Type": "application/json"},
		"body":    body,
	})
	d.watch(js.Global().Call("fetch", d.hb.url, init), pend{what: "heartbeat", after: func(res js.Value) {
		if s := num(res, "status"); s == 404 || s == 405 {
			d.hb.off = true
			console("warn", "agentshim desk: no heartbeat endpoint at "+d.hb.url+" (HTTP "+strconv.Itoa(s)+"); heartbeats off")
		}
	}})
}

// watch hands a promise to desk.js, which calls settle(token, ok, value).
func (d *desk) watch(p js.Value, w pend) {
	d.nextToken++
	d.pending[d.nextToken] = w
	d.env.Call("watch", p, d.nextToken)
}

// settle(token, ok, value) ends a watched promise.
func (d *desk) settle(args []js.Value) any {
	if len(args) < 3 {
		return nil
	}
	tok := args[0].Int()
	w, ok := d.pending[tok]
	if !ok {
		return nil
	}
	delete(d.pending, tok)
	switch {
	case args[1].Bool():
		if w.after != nil {
			w.after(args[2])
		}
	case w.what == "heartbeat":
		// Network trouble: the next beat tries again; nothing to announce.
	default:
		d.say(label(w.what) + " failed: " + errorText(args[2]))
	}
	return nil
}

// command calls a Shim command and announces a rejection.
func (d *desk) command(name, contact string, after func(js.Value), args ...any) {
	d.watch(d.shim.Call(name, args...), pend{what: name, contact: contact, after: after})
}

// say announces a message in the alert region (and keeps it on screen).
func (d *desk) say(msg string) {
	d.announce.SetTextContent(msg)
}

func label(what string) string {
	if what == "" {
		return ""
	}
	return string(what[0]-'a'+'A') + what[1:]
}
