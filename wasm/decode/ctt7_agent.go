package decode

import (
	"github.com/agentshim/agentshim/wasm/ascii"
	"github.com/agentshim/agentshim/wasm/jsonx"
	"github.com/agentshim/agentshim/wasm/machine"
)

// getter is a CTToolbar7 getter whose answer a trace records under the
// getter's own name.
type getter uint8

const (
	getIgnored getter = iota // answers that change no state: recorded only
	getState
	getID
	getGroups
)

var ctt7Getters = map[string]getter{
	"GETAGENTSTATE":          getState,
	"GETAGENTID":             getID,
	"GETAGENTGROUPS":         getGroups,
	"GETAGENTLOGGEDINGROUPS": getIgnored,
	"GETCONTACTINFO":         getIgnored,
	"GETCALLDATAVALUEBYNAME": getIgnored,
}

// agentState parses an agent state in any form the SDK uses: the documented
// LOGGEDIN, PAUSED, PAUSEDSUBSTATE:<code>, LOGGEDOUT and the AGENT:LOGGEDIN,
// AGENT:PAUSE, AGENT:LOGGEDOUT seen in real code. Case is ignored except in
// the substate code, which is kept as given.
func agentState(s string) (op machine.Op, reason string, ok bool) {
	if ascii.HasPrefixFold(s, "AGENT:") {
		s = s[len("AGENT:"):]
	}
	const sub = "PAUSEDSUBSTATE:"
	switch {
	case ascii.HasPrefixFold(s, sub):
		return machine.OpAgentPaused, s[len(sub):], true
	case ascii.EqualFold(s, "LOGGEDIN"):
		return machine.OpAgentReady, "", true
	case ascii.EqualFold(s, "PAUSED"), ascii.EqualFold(s, "PAUSE"):
		return machine.OpAgentPaused, "", true
	case ascii.EqualFold(s, "LOGGEDOUT"):
		return machine.OpAgentLoggedOut, "", true
	}
	return machine.OpNone, "", false
}

// ctt7Agent decodes an agent state event; an object payload may add the
// pause substate and, like getAgentState's answer ({ID, State}), the agent's id.
func (d *Decoder) ctt7Agent(op machine.Op, reason string) {
	if d.stateAsk == stateAsked {
		d.stateAsk = stateStale
	}
	v, ok := d.payload()
	if !ok {
		return
	}
	d.agent(op, reason, v)
}

// agent adds the agent op; a pause without a substate code in its name
// takes the SubState field of obj, if any.
func (d *Decoder) agent(op machine.Op, reason string, obj jsonx.Value) {
	if op == machine.OpAgentPaused && reason == "" {
		reason = d.field(obj, "SubState")
		if reason == "" {
			reason = d.field(obj, "subState")
		}
	}
	in := d.add(op)
	in.Reason = reason
	if obj.Kind() == jsonx.Object {
		in.AgentID = d.field(obj, "ID")
	}
}

const agentStates = "LOGGEDIN, PAUSED, PAUSEDSUBSTATE:<code> or LOGGEDOUT (optionally prefixed AGENT:)"

// ctt7Getter decodes a getter's answer.
func (d *Decoder) ctt7Getter(g getter) {
	if g == getIgnored {
		return // recorded for the trace; changes no state
	}
	v, ok := d.payload()
	if !ok {
		return
	}
	switch g {
	case getState:
		stale := d.stateAsk == stateStale
		d.stateAsk = stateNotAsked
		if !stale {
			d.getAgentState(v)
		}
	case getID:
		d.getAgentID(v)
	case getGroups:
		d.getAgentGroups(v)
	}
}

// getAgentState: a state string, or {ID, FirstLoginTime, State, SubState?}.
func (d *Decoder) getAgentState(v jsonx.Value) {
	state := v
	if v.Kind() == jsonx.Object {
		state = v.Get("State")
		if state.Kind() == jsonx.Invalid {
			state = v.Get("state")
		}
		if state.Kind() == jsonx.Invalid && d.field(v, "ID") != "" {
			d.add(machine.OpAgentInfo).AgentID = d.field(v, "ID")
			return
		}
	}
	s, _ := d.text(state)
	op, reason, ok := agentState(s)
	if state.Kind() != jsonx.String || !ok {
		d.malformed("ctt7 getAgentState answered " + d.shown(state) + ", which is not an agent state; expected " +
			agentStates + "; it was ignored")
		return
	}
	d.agent(op, reason, v)
}

// getAgentID: the id as a string, or {ID}.
func (d *Decoder) getAgentID(v jsonx.Value) {
	id, _ := d.text(v)
	if v.Kind() == jsonx.Object {
		id = d.field(v, "ID")
	}
	if id == "" {
		d.malformed("ctt7 getAgentID answered " + d.shown(v) + ", which holds no agent id; it was ignored")
		return
	}
	d.add(machine.OpAgentInfo).AgentID = id
}

// getAgentGroups: an array of group ids or of group objects, possibly
// wrapped in a result object ({result, Groups: [...]}).
func (d *Decoder) getAgentGroups(v jsonx.Value) {
	if v.Kind() == jsonx.Object {
		v.ForEach(func(_ []byte, m jsonx.Value) bool {
			if m.Kind() == jsonx.Array {
				v = m
				return false
			}
			return true
		})
	}
	if v.Kind() != jsonx.Array {
		d.malformed("ctt7 getAgentGroups answered " + d.shown(v) + "; expected an array of group ids or " +
			"{id, description} objects; it was ignored")
		return
	}
	bad := false
	v.ForEach(func(_ []byte, e jsonx.Value) bool {
		id, _ := d.text(e)
		if e.Kind() == jsonx.Object {
			id = d.groupID(e)
		}
		if id == "" {
			bad = true
			return false
		}
		d.groups = append(d.groups, id)
		return true
	})
	if bad {
		d.malformed("ctt7 getAgentGroups answered a group without an id (" + d.shown(v) + "); it was ignored")
		return
	}
	d.add(machine.OpAgentInfo).Groups = d.groups[:len(d.groups):len(d.groups)]
}

func (d *Decoder) groupID(e jsonx.Value) string {
	for _, k := range [...]string{"id", "ID", "GroupID", "groupId"} {
		if id := d.field(e, k); id != "" {
			return id
		}
	}
	return ""
}

// shown is a short rendering of a value for error texts.
func (d *Decoder) shown(v jsonx.Value) string {
	const max = 80
	raw := v.Raw()
	if len(raw) == 0 {
		return "nothing"
	}
	if len(raw) > max {
		return string(raw[:max]) + "..."
	}
	return string(raw)
}
