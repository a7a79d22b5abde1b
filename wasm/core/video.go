package core

import (
	"strconv"

	"github.com/agentshim/agentshim/wasm/callflow"
	"github.com/agentshim/agentshim/wasm/jsonx"
	"github.com/agentshim/agentshim/wasm/machine"
	"github.com/agentshim/agentshim/wasm/webhook"
)

// video holds what the video-call embed (js-bridge/video.js) asks the core
// about: the call flows and the webhook configuration. The embed's DOM,
// timers, storage and network stay in JavaScript; its decisions are made
// here, by packages callflow and webhook, through the queries below.
type video struct {
	doc   callflow.Document
	hooks webhook.Config
}

// configureVideo checks the callFlows and webhooks start options, so that a
// wrong one rejects start() with BAD_INPUT naming the field.
func configureVideo(o *Options) (video, *machine.Error) {
	var v video
	if len(o.CallFlows) > 0 {
		doc, err := callflow.ParseDocument(o.CallFlows)
		if err != nil {
			return v, badOption("callFlows", err)
		}
		v.doc = doc
	}
	if o.CallFlowsURL != "" {
		if err := callflow.CheckURL("callFlows", o.CallFlowsURL); err != nil && o.CallFlowsURL[0] != '/' {
			return v, badOption("callFlows", err)
		}
	}
	if len(o.Webhooks) > 0 {
		origin := o.Origin
		if origin == "null" { // an opaque origin (file:, sandboxed frame)
			origin = ""
		}
		cfg, err := webhook.ParseConfig(o.Webhooks, origin)
		if err != nil {
			return v, badOption("webhooks", err)
		}
		v.hooks = cfg
	}
	return v, nil
}

func badOption(name string, err error) *machine.Error {
	return &machine.Error{Code: machine.BadInput, Message: "start option " + name + " is wrong: " + err.Error()}
}

// videoQuery answers the embed's queries (PROTOCOL.md, "Queries").
func (c *Core) videoQuery(name string, arg []byte) []byte {
	v, err := jsonx.Parse(arg)
	if err != nil {
		return errorAnswer(machine.BadInput, name+": the argument is not JSON")
	}
	switch name {
	case "callFlows":
		return c.loadFlows(v)
	case "decide":
		return c.decide(v)
	case "webhook":
		return c.webhook(arg)
	case "outboxPlan":
		return c.outboxPlan(v)
	}
	return c.outboxAfter(v)
}

// loadFlows replaces the call flows with a document the embed fetched from
// the callFlows URL (a JSON string argument holding its text).
func (c *Core) loadFlows(v jsonx.Value) []byte {
	doc, err := callflow.ParseDocument([]byte(v.String()))
	if err != nil {
		return errorAnswer(machine.BadInput, "the call flows from the callFlows URL are wrong: "+err.Error())
	}
	c.video.doc = doc
	return append(c.out, `{"ok":true}`...)
}

// decide says what a click means now: {"kind":"route","url":"","after":s},
// after being the seconds until escalation, or {"kind":"outOfHours","url":...}.
// The argument is {"embedId", "weekday", "minute"}, the local wall time in the
// flow's zone (the browser's Intl knows the zones; the WebAssembly binary
// carries none). The embed reads the rest of a flow (its time zone, URLs and
// steps) from the document it handed over, which the core has checked.
func (c *Core) decide(v jsonx.Value) []byte {
	f := callflow.Find(c.video.doc.Flows, v.Get("embedId").String())
	if f == nil {
		return errorAnswer(machine.BadInput, "no call flow has this embed id; check data-cwbbb-igh and the callFlows option")
	}
	wd, _ := v.Get("weekday").Int()
	min, _ := v.Get("minute").Int()
	d := f.Decide(callflow.LocalTime{Weekday: int(wd), Minute: int(min)})
	b := jsonx.AppendString(jsonx.AppendKey(append(c.out, '{'), "kind"), d.Kind.String())
	b = jsonx.AppendString(jsonx.AppendKey(append(b, ','), "url"), d.URL)
	b = strconv.AppendInt(jsonx.AppendKey(append(b, ','), "after"), int64(f.EscalationAfter()), 10)
	return append(b, '}')
}

// webhook answers a facade contact event with the delivery it calls for
// ({kind, key, callid, url, headers, body}) or null.
func (c *Core) webhook(event []byte) []byte {
	ev, ok := webhook.ParseEvent(event)
	if !ok || !c.video.hooks.Enabled() {
		return append(c.out, "null"...)
	}
	ev.AgentID = c.eng.M.Agent().ID
	d, ok := c.video.hooks.For(&ev)
	if !ok {
		return append(c.out, "null"...)
	}
	return d.AppendJSON(c.out)
}

// outboxPlan: {"now", "flushAll", "entries": [{"callid", "nextAt",
// "inFlight", "waiting"}]} → {"send": [indexes], "wait": ms or -1}.
func (c *Core) outboxPlan(v jsonx.Value) []byte {
	var entries []webhook.Pending
	v.Get("entries").ForEach(func(_ []byte, e jsonx.Value) bool {
		next, _ := e.Get("nextAt").Int()
		inFlight, _ := e.Get("inFlight").Bool()
		waiting, _ := e.Get("waiting").Bool()
		entries = append(entries, webhook.Pending{CallID: e.Get("callid").String(), NextAt: next,
			InFlight: inFlight, Waiting: waiting})
		return true
	})
	now, _ := v.Get("now").Int()
	all, _ := v.Get("flushAll").Bool()
	send, wait := webhook.Plan(entries, now, all)
	b := append(jsonx.AppendKey(append(c.out, '{'), "send"), '[')
	for i, n := range send {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(n), 10)
	}
	b = strconv.AppendInt(jsonx.AppendKey(append(b, "],"...), "wait"), wait, 10)
	return append(b, '}')
}

// outboxAfter: {"key", "attempts", "status", "online", "age"} →
// {"outcome": "done"|"retry"|"waitOnline"|"giveUp", "after": ms, "message"}.
func (c *Core) outboxAfter(v jsonx.Value) []byte {
	attempts, _ := v.Get("attempts").Int()
	status, _ := v.Get("status").Int()
	online, _ := v.Get("online").Bool()
	age, _ := v.Get("age").Int()
	o, after, why := webhook.After(webhook.Result{Key: v.Get("key").String(), Attempts: int(attempts),
		Status: int(status), Online: online, Age: age})
	b := jsonx.AppendString(jsonx.AppendKey(append(c.out, '{'), "outcome"), o.String())
	b = strconv.AppendInt(jsonx.AppendKey(append(b, ','), "after"), after, 10)
	b = jsonx.AppendString(jsonx.AppendKey(append(b, ','), "message"), why)
	return append(b, '}')
}
