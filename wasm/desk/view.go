//go:build js && wasm

package main

import (
	"strconv"
	"time"

	"honnef.co/go/js/dom/v2"

	"github.com/agentshim/agentshim/wasm/deskview"
)

// build creates the desk's skeleton: the agent bar, the dial field, the
// contacts, the statistics, the event log, the alert region, the dialog.
func (d *desk) build() {
	d.root = el("section", "asd", "aria-label", "Agent desktop", "tabindex", "-1")

	d.state = textEl("span", "asd-state", "Logged out", "role", "status")
	d.login = button(deskview.Login, "Log in", "")
	d.reason = el("select", "asd-reason", "id", d.id("reason"))
	for _, r := range d.reasons {
		add(d.reason, textEl("option", "", r, "value", r))
	}
	d.pause = button(deskview.Pause, "Pause", "")
	d.logout = button(deskview.Logout, "Log out", "")
	bar := add(el("div", "asd-agent", "role", "toolbar", "aria-label", "Agent"),
		d.state, d.login,
		textEl("label", "asd-label", "Pause reason", "for", d.id("reason")), d.reason,
		d.pause, d.logout)

	d.dialNum = el("input", "asd-number-input", "id", d.id("dial"), "type", "tel", "autocomplete", "off",
		"aria-keyshortcuts", deskview.KeyFor(deskview.Dial), "placeholder", "+420 777 666 555")
	d.dialBtn = button(deskview.Dial, "Dial", "")
	dial := add(el("div", "asd-dial", "role", "group", "aria-label", "Dial"),
		textEl("label", "asd-label", "Number", "for", d.id("dial")), d.dialNum, d.dialBtn)

	d.empty = textEl("p", "asd-empty", "No contacts.")
	d.contactsBox = add(el("div", "asd-contacts", "role", "region", "aria-label", "Contacts"), d.empty)

	d.announce = el("p", "asd-announce", "role", "alert")
	d.panels = []dom.Element{bar, dial, d.contactsBox, d.buildStats(), d.buildLog()}
	for _, p := range d.panels {
		d.root.AppendChild(p)
	}
	add(d.root, d.announce, d.buildDialog(), d.buildHelp())
}

func (d *desk) id(name string) string { return "asd" + d.n + "-" + name }

func (d *desk) buildStats() dom.Element {
	d.statToday = textEl("dd", "", "0")
	d.statAvg = textEl("dd", "", "–")
	chart := svg("svg", "class", "asd-chart", "viewBox", "0 0 "+strconv.Itoa(deskview.ChartWidth)+" "+strconv.Itoa(deskview.ChartHeight),
		"role", "img", "aria-labelledby", d.id("chart"), "preserveAspectRatio", "none")
	d.statSummary = svg("title", "id", d.id("chart"))
	chart.AppendChild(d.statSummary)
	for i, cls := range []string{"asd-incoming", "asd-answered", "asd-missed"} {
		d.paths[i] = svg("path", "class", cls, "fill", "none")
		chart.AppendChild(d.paths[i])
	}
	d.statTop = textEl("span", "asd-top", "")
	legend := add(el("p", "asd-legend", "aria-hidden", "true"),
		textEl("span", "asd-incoming", "incoming"), textEl("span", "asd-answered", "answered"),
		textEl("span", "asd-missed", "missed"), d.statTop)
	figures := add(el("dl", "asd-figures"), textEl("dt", "", "Calls today"), d.statToday,
		textEl("dt", "", "Average duration"), d.statAvg)
	return add(el("section", "asd-stats", "aria-labelledby", d.id("stats")),
		textEl("h2", "", "Statistics", "id", d.id("stats")), figures, chart, legend)
}

func (d *desk) renderStats() {
	s := d.tracker.Stats(time.Now(), time.Local)
	setText(d.statToday, strconv.Itoa(s.CallsToday))
	setText(d.statAvg, deskview.Spoken(s.AverageTalk, s.Timed > 0))
	in, ans, miss, top := s.Paths()
	for i, p := range []string{in, ans, miss} {
		if d.paths[i].GetAttribute("d") != p {
			d.paths[i].SetAttribute("d", p)
		}
	}
	setText(d.statSummary, s.Summary())
	setText(d.statTop, "top: "+strconv.Itoa(top)+" per hour")
}

func (d *desk) buildLog() dom.Element {
	d.logBox = el("ol", "asd-log-lines", "role", "log", "aria-label", "Events", "tabindex", "0",
		"aria-keyshortcuts", deskview.KeyFor(deskview.Log))
	return add(el("section", "asd-log", "aria-labelledby", d.id("log")),
		textEl("h2", "", "Event log", "id", d.id("log")),
		textEl("button", "asd-btn", "Export trace", "type", "button", "data-action", "export"),
		d.logBox)
}

// logEvent appends one line, newest last, keeping LogLimit lines.
func (d *desk) logEvent(e deskview.Event) {
	li := textEl("li", "asd-"+e.Type, deskview.LogLine(e, time.Local))
	d.logBox.AppendChild(li)
	box := d.logBox.Underlying()
	for box.Get("childElementCount").Int() > deskview.LogLimit {
		box.Get("firstElementChild").Call("remove")
	}
	box.Set("scrollTop", box.Get("scrollHeight"))
}

func (d *desk) buildHelp() dom.Element {
	list := el("dl", "asd-keys")
	for _, s := range deskview.Shortcuts {
		add(list, textEl("dt", "", s.Key), textEl("dd", "", s.Action.String()))
	}
	return add(el("details", "asd-help"), textEl("summary", "", "Keyboard shortcuts"), list)
}

// setAgent redraws the agent bar.
func (d *desk) setAgent(a deskview.Agent) {
	was := d.agent.Availability
	d.agent = a
	text := stateText(a)
	if a.ID != "" {
		text += " · " + a.ID
	}
	setText(d.state, text)
	d.root.SetAttribute("data-state", a.State)
	setText(d.login, deskview.LoginLabel(a))
	setFlag(d.login, "disabled", !deskview.AgentEnabled(a, deskview.Login))
	setFlag(d.pause, "disabled", !deskview.AgentEnabled(a, deskview.Pause))
	setFlag(d.logout, "disabled", !deskview.AgentEnabled(a, deskview.Logout))
	setFlag(d.dialBtn, "disabled", !deskview.AgentEnabled(a, deskview.Dial))
	if (was == "loggedOut" || was == "") && a.Availability != "loggedOut" && a.Availability != "" {
		d.hb.countdown = 0 // beat at once on login
	}
}

func stateText(a deskview.Agent) string {
	switch a.State {
	case "ready":
		return "Ready"
	case "paused":
		if a.Reason != "" {
			return "Paused: " + a.Reason
		}
		return "Paused"
	case "busy":
		return "Busy"
	case "wrapup":
		return "After-call work"
	}
	return "Logged out"
}

// exportTrace saves shim.trace() as a JSON file through a Blob URL (no
// server round trip, nothing but 'self' needed in the CSP).
func (d *desk) exportTrace() {
	g := jsGlobal()
	text := g.Get("JSON").Call("stringify", d.shim.Call("trace"), nil, 2)
	blob := g.Get("Blob").New([]any{text}, map[string]any{"type": "application/json"})
	url := g.Get("URL").Call("createObjectURL", blob).String()
	name := "agentshim-trace-" + time.Now().Format("20060102-150405") + ".json"
	a := el("a", "asd-download", "href", url, "download", name, "hidden", "")
	d.root.AppendChild(a)
	a.Underlying().Call("click")
	a.Underlying().Call("remove")
	d.revoke = append(d.revoke, url)
	d.say("Trace saved as " + name)
}
