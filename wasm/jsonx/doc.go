// Package jsonx reads and writes JSON without building a tree, without
// reflection and without allocating on the read path.
//
// It exists because agentshim's WebAssembly binary pays for every imported
// package on every page load, and every vendor event goes through here on a
// budget of about a microsecond. encoding/json (with reflect and fmt) costs
// far more of both.
//
// Reading: Parse validates a document once, strictly (RFC 8259), and returns
// a Value, which is just the bytes of one JSON value. Navigation (Get, Index,
// ForEach) and scalar reads (Int, Float, Bool, Str) then walk those bytes
// without re-validating and without allocating. A Value aliases the document:
// do not modify the document while its Values are in use.
//
// Writing: AppendString, AppendKey, AppendInt, AppendBool and AppendNull
// build compact JSON onto a []byte; AppendCompact re-emits a raw value with
// insignificant whitespace removed.
package jsonx
