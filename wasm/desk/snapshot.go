//go:build js && wasm

package main

import (
	"syscall/js"

	"github.com/agentshim/agentshim/wasm/deskview"
	"github.com/agentshim/agentshim/wasm/phone"
)

// str reads a string property; anything else (null, a number from a
// misbehaving vendor) reads as "".
func str(v js.Value, key string) string {
	if v.Type() != js.TypeObject {
		return ""
	}
	x := v.Get(key)
	if x.Type() == js.TypeString {
		return x.String()
	}
	return ""
}

func num(v js.Value, key string) int {
	if v.Type() != js.TypeObject {
		return 0
	}
	x := v.Get(key)
	if x.Type() == js.TypeNumber {
		return x.Int()
	}
	return 0
}

func object(v js.Value, key string) js.Value {
	if v.Type() != js.TypeObject {
		return js.Undefined()
	}
	x := v.Get(key)
	if x.Type() != js.TypeObject {
		return js.Undefined()
	}
	return x
}

// readAgent reads an AgentSnapshot.
func readAgent(v js.Value) deskview.Agent {
	return deskview.Agent{
		ID:           str(v, "id"),
		Availability: str(v, "availability"),
		State:        str(v, "state"),
		Reason:       str(v, "reason"),
		Since:        deskview.ParseTime(str(v, "since")),
	}
}

// readContact reads a ContactSnapshot. Call data keeps the object's order.
func readContact(v js.Value) deskview.Contact {
	c := deskview.Contact{
		ID:          str(v, "id"),
		Vendor:      str(v, "vendor"),
		Channel:     str(v, "channel"),
		Direction:   str(v, "direction"),
		State:       str(v, "state"),
		Number:      str(v, "number"),
		CreatedAt:   deskview.ParseTime(str(v, "createdAt")),
		ConnectedAt: deskview.ParseTime(str(v, "connectedAt")),
		EndedAt:     deskview.ParseTime(str(v, "endedAt")),
		Outcome:     str(v, "outcome"),
		EndReason:   str(v, "endReason"),
	}
	if data := object(v, "data"); data.Truthy() {
		keys := js.Global().Get("Object").Call("keys", data)
		for i := range keys.Length() {
			k := keys.Index(i).String()
			c.Data = append(c.Data, deskview.Pair{Key: k, Value: str(data, k)})
		}
	}
	return c
}

// readEvent reads the part of a facade event the log shows.
func readEvent(v js.Value) deskview.Event {
	e := deskview.Event{
		Seq:       num(v, "seq"),
		At:        deskview.ParseTime(str(v, "at")),
		Type:      str(v, "type"),
		Vendor:    str(v, "vendor"),
		ContactID: str(v, "contactId"),
		From:      str(v, "from"),
		To:        str(v, "to"),
	}
	if err := object(v, "error"); err.Truthy() {
		e.ErrorCode, e.ErrorMessage = str(err, "code"), str(err, "message")
	}
	if s := object(v, "session"); s.Truthy() {
		e.SessionKind = str(s, "kind")
	}
	return e
}

// errorText is what the desk announces for a rejected command: the
// AgentShimError's code and message, masked.
func errorText(v js.Value) string {
	code, msg := str(v, "code"), str(v, "message")
	if msg == "" && v.Type() == js.TypeString {
		msg = v.String()
	}
	if code == "" {
		return maskText(msg)
	}
	return code + ": " + maskText(msg)
}

func maskText(s string) string { return phone.Mask(s) }

func jsGlobal() js.Value { return js.Global() }
