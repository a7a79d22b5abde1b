//go:build js && wasm

// Command desk is the agent desktop UI, dist/desk.wasm. It is a client of
// the public facade like any integrator's page: it reads window.AgentShim's
// Shim (agent(), contacts(), on('*'), trace()) and calls its commands, and
// never touches the core. desk.js loads it after AgentShim.ready and mounts
// it into an element; the view logic lives in wasm/deskview (pure Go), this
// package only draws it with honnef.co/go/js/dom/v2.
//
// Known dom/v2 bugs avoided here (FIELD-NOTES.md): DispatchEvent always
// panics (we never dispatch), its timer helpers leak callbacks (one
// setInterval js.Func per mount, released on unmount), Event.Timestamp is
// wrong (we read time from the facade's events).
// OwnerDocument panics "not implemented" (we use the window's document).
package main

import (
	"syscall/js"
)

func main() {
	loader := js.Global().Get("__agentshimDeskLoader")
	if loader.Type() != js.TypeObject {
		console("error", "agentshim desk: load desk.wasm through desk.js")
		return
	}
	api := js.Global().Get("Object").New()
	// These two live as long as the program; everything a mount makes is
	// counted by funcs() and released by its unmount().
	api.Set("mount", js.FuncOf(func(_ js.Value, args []js.Value) (res any) {
		defer recovered("mount", func(msg string) { res = js.ValueOf(map[string]any{"error": msg}) })
		return mount(args)
	}))
	api.Set("funcs", js.FuncOf(func(js.Value, []js.Value) any { return liveFuncs }))
	loader.Call("ready", api)
	select {} // the callbacks keep working while main waits
}

// liveFuncs counts the js.FuncOfs held by mounted desks.
var liveFuncs int

// console writes one line to the browser console.
func console(level, msg string) {
	js.Global().Get("console").Call(level, msg)
}

// recovered ends a callback that panicked: a panic that escaped would end
// the Go program for good and every later call would throw. onPanic may set
// the callback's result.
func recovered(where string, onPanic func(msg string)) {
	r := recover()
	if r == nil {
		return
	}
	msg := "agentshim desk: " + where + " failed: " + panicText(r)
	console("error", msg)
	if onPanic != nil {
		onPanic(msg)
	}
}

func panicText(r any) string {
	switch v := r.(type) {
	case js.Error:
		return maskText(v.Value.Get("stack").String())
	case error:
		return maskText(v.Error())
	case string:
		return maskText(v)
	}
	return "unexpected panic"
}
