// Package sdkcall turns the machine's effects into the vendor SDK calls that
// carry them out: plain data (object, method, arguments), so that the mapping
// is tested natively and the browser adapter only has to make the calls.
package sdkcall

import (
	"strings"

	"github.com/agentshim/agentshim/wasm/machine"
)

// Arg is one call argument: a string, a bool or a list of strings.
type Arg struct {
	S      string
	B      bool
	List   []string
	IsBool bool
	IsList bool
}

// Str, Bool and List build arguments.
func Str(s string) Arg    { return Arg{S: s} }
func Bool(b bool) Arg     { return Arg{B: b, IsBool: true} }
func List(l []string) Arg { return Arg{List: l, IsList: true} }
func (a Arg) String() string { // for tests and logs
	switch {
	case a.IsBool && a.B:
		return "true"
	case a.IsBool:
		return "false"
	case a.IsList:
		return "[" + strings.Join(a.List, ",") + "]"
	}
	return "'" + a.S + "'"
}

// Call is one SDK method call, e.g. TOOLBAR.CONTACT.MakeCall(...). A getter's
// answer comes back later as a vendor input recorded under its name.
type Call struct {
	Object string // AGENT, CONTACT or EASYCIM under TOOLBAR
	Method string
	Args   []Arg
	Getter bool
}

func (c Call) String() string {
	var b strings.Builder
	b.WriteString(c.Object + "." + c.Method + "(")
	for i, a := range c.Args {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(a.String())
	}
	b.WriteString(")")
	return b.String()
}

// CTT7 maps an effect onto the CTToolbar7 SDK as its documentation and
// real integrations use it (cttoolbar7-sdk-it.txt, FIELD-NOTES.md).
func CTT7(e *machine.Effect) []Call {
	switch e.Cmd {
	case machine.CmdLogin:
		return one("AGENT", "Login")
	case machine.CmdPause:
		if e.Reason != "" {
			return one("AGENT", "PauseSubState", Str(e.Reason))
		}
		return one("AGENT", "Pause")
	case machine.CmdLogout:
		return one("AGENT", "Logout")
	case machine.CmdSetGroups:
		// setAgentGroups is confirmed by no event: read the groups back.
		return []Call{{Object: "AGENT", Method: "setAgentGroups", Args: []Arg{List(e.Groups)}},
			{Object: "AGENT", Method: "getAgentGroups", Getter: true}}
	case machine.CmdDial:
		return one("CONTACT", "MakeCall", Str(e.Number), Str(""), Str(e.ServiceID), Str(e.CallProfileID),
			Str(callData(e.Data)))
	case machine.CmdAnswer:
		return one("CONTACT", "Answer", Str(e.ContactID))
	case machine.CmdHangup:
		return one("CONTACT", "Hangup", Str(e.ContactID))
	case machine.CmdHold, machine.CmdResume:
		return one("CONTACT", "Hold", Str(e.ContactID)) // the SDK's Hold toggles
	case machine.CmdDTMF:
		return one("CONTACT", "PlayDTMF", Str(e.Digits))
	case machine.CmdRecord:
		if e.On {
			return one("CONTACT", "StartRecording", Str(e.ContactID), Str(""))
		}
		return one("CONTACT", "StopRecording", Str(e.ContactID), Str(""))
	case machine.CmdSetData:
		return one("CONTACT", "SetCallData", Str(e.ContactID), Str(e.Key+"="+e.Value))
	case machine.CmdWrapup:
		return wrapup(e)
	}
	return nil
}

// wrapup saves the easyCIM script with the outcome, addressed by contact id
// as the SDK documents (the toolbar also takes the ECID, which some
// integrators pass); its offlineEnd flag also ends after-call work. A contact
// without an ECID has no script to save, so OfflineEnd alone ends it.
func wrapup(e *machine.Effect) []Call {
	if e.ECID == "" {
		if e.End {
			return one("CONTACT", "OfflineEnd", Str(e.ContactID))
		}
		return nil
	}
	return one("EASYCIM", "saveScript", Str(e.ContactID), Str(e.Outcome), Bool(e.End))
}

// Reconcile lists the getters that bring a restored state up to date with
// the toolbar after a page reload.
func Reconcile() []Call {
	return []Call{{Object: "AGENT", Method: "getAgentID", Getter: true},
		{Object: "AGENT", Method: "getAgentState", Getter: true},
		{Object: "AGENT", Method: "getAgentGroups", Getter: true}}
}

func one(object, method string, args ...Arg) []Call {
	return []Call{{Object: object, Method: method, Args: args}}
}

// callData writes call data as CTToolbar7's "key=value" pairs joined by '|'.
func callData(kv []machine.KV) string {
	var b strings.Builder
	for i, p := range kv {
		if i > 0 {
			b.WriteByte('|')
		}
		b.WriteString(p.Key + "=" + p.Value)
	}
	return b.String()
}
