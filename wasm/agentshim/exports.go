//go:build js && wasm

package main

import (
	"runtime"
	"unsafe"
)

// The buffers the loader writes records into and reads answers from. Go's
// garbage collector does not move heap objects, so their addresses stay
// valid until a buffer is replaced (the loader re-reads them after each call).
var (
	in  = make([]byte, 64<<10)
	out []byte
)

func addr(b []byte) uint32 {
	if cap(b) == 0 {
		return 0
	}
	return uint32(uintptr(unsafe.Pointer(unsafe.SliceData(b))))
}

//go:wasmexport shim_in_ptr
func shimInPtr() uint32 { return addr(in) }

//go:wasmexport shim_in_cap
func shimInCap() uint32 { return uint32(len(in)) }

//go:wasmexport shim_grow_in
func shimGrowIn(n uint32) uint32 {
	if int(n) > len(in) {
		in = make([]byte, int(n)+int(n)/2)
	}
	return addr(in)
}

// While JS runs an export the Go scheduler does not run any other goroutine,
// and on a busy page the exports are nearly all the Go code that runs: the
// garbage collector's background mark workers and sweeper would starve, a
// started cycle would not finish, and the heap would grow by the megabyte (to
// ~100 MiB after a million events). So shim_feed lets them run every
// yieldBytes of input or yieldCalls calls, whichever comes first; with
// nothing else runnable the yield is a trip through the scheduler and back.
// (runtime.Gosched in a wasmexport is allowed: the runtime switches stacks
// and comes back, as syscall/js's own TestWasmExport does with a channel.)
const (
	yieldBytes = 32 << 10
	yieldCalls = 16
)

var sinceYield struct{ bytes, calls uint32 }

//go:wasmexport shim_feed
func shimFeed(n uint32) uint32 {
	out = shim.Feed(in[:min(int(n), len(in))])
	sinceYield.bytes += n
	if sinceYield.calls++; sinceYield.bytes >= yieldBytes || sinceYield.calls >= yieldCalls {
		sinceYield.bytes, sinceYield.calls = 0, 0
		runtime.Gosched()
	}
	return uint32(len(out))
}

//go:wasmexport shim_call
func shimCall(n uint32) uint32 {
	out = shim.Call(in[:min(int(n), len(in))])
	return uint32(len(out))
}

//go:wasmexport shim_out_ptr
func shimOutPtr() uint32 { return addr(out) }
