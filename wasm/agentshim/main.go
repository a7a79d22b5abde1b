//go:build js && wasm

// Command agentshim is the WebAssembly core loaded by js-bridge/agentshim.js.
// It only wires package core to the page: the //go:wasmexport hot path
// (exports.go), the setup object with its js.FuncOfs, and the executor that
// calls vendor SDKs (vendor.go). The protocol is js-bridge/PROTOCOL.md.
package main

import (
	"syscall/js"

	"github.com/agentshim/agentshim/wasm/core"
)

var (
	shim   = core.New(core.Options{}, &vendors)
	loader js.Value // globalThis.__agentshimLoader
	done   = make(chan struct{})
)

func main() {
	loader = js.Global().Get("__agentshimLoader")
	if loader.Type() != js.TypeObject {
		js.Global().Get("console").Call("error", "agentshim: load agentshim.wasm through agentshim.js")
		return
	}
	loader.Call("ready", setupObject())
	<-done // the exports keep working while main waits; stop() ends the program
}
