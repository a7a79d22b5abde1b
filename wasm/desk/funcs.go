//go:build js && wasm

package main

import (
	"syscall/js"

	"honnef.co/go/js/dom/v2"
)

// funcs holds every js.FuncOf one mount made, so unmount can release them
// all; liveFuncs counts them across mounts for tests.
type funcs struct {
	list      []js.Func
	listeners []listener
}

type listener struct {
	target     js.Value
	typ        string
	fn         js.Func
	useCapture bool
}

// fn makes a js.Func that recovers panics.
func (f *funcs) fn(where string, body func(args []js.Value) any) js.Func {
	jf := js.FuncOf(func(_ js.Value, args []js.Value) (res any) {
		defer recovered(where, nil)
		return body(args)
	})
	f.list = append(f.list, jf)
	liveFuncs++
	return jf
}

// listen adds an event listener through dom/v2 and remembers it for
// removal. dom/v2's AddEventListener makes the js.Func; we own it.
func (f *funcs) listen(target dom.EventTarget, typ string, useCapture bool, body func(dom.Event)) {
	jf := target.AddEventListener(typ, useCapture, func(e dom.Event) {
		defer recovered(typ, nil)
		body(e)
	})
	liveFuncs++
	f.listeners = append(f.listeners, listener{underlying(target), typ, jf, useCapture})
}

// releaseAll removes the listeners and releases every js.Func.
func (f *funcs) releaseAll() {
	for _, l := range f.listeners {
		l.target.Call("removeEventListener", l.typ, l.fn, l.useCapture)
		l.fn.Release()
		liveFuncs--
	}
	for _, jf := range f.list {
		jf.Release()
		liveFuncs--
	}
	f.list, f.listeners = nil, nil
}

type wrapped interface{ Underlying() js.Value }

func underlying(t dom.EventTarget) js.Value {
	if w, ok := t.(wrapped); ok {
		return w.Underlying()
	}
	return js.Undefined()
}
