//go:build js && wasm

package main

import (
	"syscall/js"

	"github.com/agentshim/agentshim/wasm/core"
	"github.com/agentshim/agentshim/wasm/machine"
	"github.com/agentshim/agentshim/wasm/sdkcall"
)

// vendorSet holds the vendor objects Go calls for effects.
type vendorSet struct {
	toolbar js.Value // CTToolbar7's TOOLBAR, once attached
}

var vendors vendorSet

// Call carries out SDK calls; a throwing SDK becomes VENDOR_ERROR.
func (v *vendorSet) Call(vendor machine.Vendor, calls []sdkcall.Call) (err *machine.Error) {
	if v.toolbar.Type() != js.TypeObject {
		return &machine.Error{Code: machine.VendorUnavailable, Vendor: vendor,
			Message: "CTToolbar7 is not attached; call AgentShim.attachToolbar() first"}
	}
	defer func() {
		if r := recover(); r != nil {
			err = &machine.Error{Code: machine.VendorError, Vendor: vendor, Message: "CTToolbar7 threw: " + core.PanicText(r)}
		}
	}()
	for _, c := range calls {
		if c.Getter {
			loader.Call("getter", "ctt7", "", c.Method, "[]")
			continue
		}
		obj := v.toolbar.Get(c.Object)
		if obj.Type() != js.TypeObject || obj.Get(c.Method).Type() != js.TypeFunction {
			return &machine.Error{Code: machine.VendorError, Vendor: vendor,
				Message: "TOOLBAR." + c.Object + "." + c.Method + " is not a function; is this CTToolbar7's SDK?"}
		}
		obj.Call(c.Method, jsArgs(c.Args)...)
	}
	return nil
}

func jsArgs(args []sdkcall.Arg) []any {
	out := make([]any, len(args))
	for i, a := range args {
		switch {
		case a.IsBool:
			out[i] = a.B
		case a.IsList:
			l := make([]any, len(a.List))
			for j, s := range a.List {
				l[j] = s
			}
			out[i] = l
		default:
			out[i] = a.S
		}
	}
	return out
}

// The setup object's methods are js.FuncOfs: each is counted, recovers
// panics, and is released by stop().
var funcs []js.Func

func track(f func(args []js.Value) any) js.Func {
	fn := js.FuncOf(func(_ js.Value, args []js.Value) (res any) {
		defer func() {
			if r := recover(); r != nil {
				res = errorObject(&machine.Error{Code: machine.Crashed, Message: "agentshim core panicked: " + core.PanicText(r)})
			}
		}()
		return f(args)
	})
	funcs = append(funcs, fn)
	return fn
}

func setupObject() js.Value {
	o := js.Global().Get("Object").New()
	o.Set("configure", track(configure))
	o.Set("attach", track(attach))
	o.Set("detach", track(func(args []js.Value) any {
		if len(args) > 0 && args[0].String() == "ctt7" {
			vendors.toolbar = js.Undefined()
		}
		return nil
	}))
	o.Set("stop", track(func([]js.Value) any { stop(); return nil }))
	o.Set("funcs", track(func([]js.Value) any { return len(funcs) }))
	o.Set("exitForTest", track(func([]js.Value) any { close(done); return nil }))
	return o
}

// configure reads the start options. norunners/vert would do it in one call,
// but it links fmt, reflect, os and time: about 140 KiB of brotli, a quarter
// of the page budget, for five fields (README, "Dependencies").
func configure(args []js.Value) any {
	if len(args) < 1 || args[0].Type() != js.TypeObject {
		return nil // no options: defaults
	}
	keys := js.Global().Get("Object").Call("keys", args[0])
	names := make([]string, keys.Length())
	for i := range names {
		names[i] = keys.Index(i).String()
	}
	if err := core.CheckNames(names); err != nil {
		return errorObject(err)
	}
	o, opts := args[0], core.Options{}
	for _, err := range []*machine.Error{
		readString(o, "defaultRegion", &opts.DefaultRegion),
		readInt(o, "commandTimeoutMs", &opts.CommandTimeoutMs),
		readInt(o, "vendorTimeoutMs", &opts.VendorTimeoutMs),
		readInt(o, "traceLimit", &opts.TraceLimit),
		readBool(o, "redact", &opts.Redact),
		readVideo(o, &opts),
	} {
		if err != nil {
			return errorObject(err)
		}
	}
	if err := shim.Configure(opts); err != nil {
		return errorObject(err)
	}
	return nil
}

// readVideo hands the video embed's options to the core as JSON text: the
// core checks them with the pure-Go callflow and webhook packages.
func readVideo(o js.Value, opts *core.Options) *machine.Error {
	stringify := js.Global().Get("JSON").Get("stringify").Invoke
	switch v := o.Get("callFlows"); v.Type() {
	case js.TypeUndefined, js.TypeNull:
	case js.TypeString:
		opts.CallFlowsURL = v.String()
	case js.TypeObject:
		opts.CallFlows = []byte(stringify(v).String())
	default:
		return optionType("callFlows", "a URL or a call-flow document object")
	}
	switch v := o.Get("webhooks"); v.Type() {
	case js.TypeUndefined, js.TypeNull:
	case js.TypeObject:
		opts.Webhooks = []byte(stringify(v).String())
	default:
		return optionType("webhooks", "an object {start: {url, headers}, end: {url, headers}}")
	}
	if loc := js.Global().Get("location"); loc.Type() == js.TypeObject {
		opts.Origin = loc.Get("origin").String()
	}
	return nil
}

func optionType(name, want string) *machine.Error {
	return &machine.Error{Code: machine.BadInput, Message: "start option " + name + " must be " + want}
}

func readString(o js.Value, name string, dst *string) *machine.Error {
	switch v := o.Get(name); v.Type() {
	case js.TypeUndefined, js.TypeNull:
	case js.TypeString:
		*dst = v.String()
	default:
		return optionType(name, "a string")
	}
	return nil
}

func readInt(o js.Value, name string, dst *int) *machine.Error {
	switch v := o.Get(name); v.Type() {
	case js.TypeUndefined, js.TypeNull:
	case js.TypeNumber:
		if f := v.Float(); f == float64(int(f)) {
			*dst = int(f)
			return nil
		}
		return optionType(name, "a whole number of milliseconds")
	default:
		return optionType(name, "a number")
	}
	return nil
}

func readBool(o js.Value, name string, dst *bool) *machine.Error {
	switch v := o.Get(name); v.Type() {
	case js.TypeUndefined, js.TypeNull:
	case js.TypeBoolean:
		*dst = v.Bool()
	default:
		return optionType(name, "true or false")
	}
	return nil
}

// attach keeps the vendor object for effects and asks for its current state,
// which reconciles a snapshot restored after a reload. A mluvii owidget is
// only listened to (the loader owns its callback slots): agentshim sends it
// no commands, so there is nothing to keep.
func attach(args []js.Value) any {
	if len(args) < 3 || args[2].Type() != js.TypeObject {
		return errorObject(&machine.Error{Code: machine.BadInput, Message: "attach(vendor, name, object) expects the vendor's object"})
	}
	switch args[0].String() {
	case "mluvii":
		return nil
	case "ctt7":
	default:
		return errorObject(&machine.Error{Code: machine.BadInput,
			Message: "attach: vendor " + args[0].String() + " cannot be attached; use ctt7 or mluvii"})
	}
	vendors.toolbar = args[2]
	for _, c := range sdkcall.Reconcile() {
		loader.Call("getter", "ctt7", "", c.Method, "[]")
	}
	return nil
}

// stop releases every js.FuncOf the core made; the page keeps its handlers.
func stop() {
	for _, f := range funcs {
		f.Release()
	}
	funcs = nil
	vendors.toolbar = js.Undefined()
}

func errorObject(e *machine.Error) js.Value {
	o := js.Global().Get("Object").New()
	o.Set("code", e.Code.String())
	o.Set("message", e.Message)
	o.Set("retryable", e.Code.Retryable())
	if e.Vendor != machine.VendorNone {
		o.Set("vendor", e.Vendor.String())
	}
	return o
}
