package jsonx

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReadsDoNotAllocate pins the zero-allocation promise of the read path.
func TestReadsDoNotAllocate(t *testing.T) {
	doc := []byte(`{"id":"a\u00e9","n":-42,"f":1.5,"b":true,"list":[1,2,{"k\"ey":"v"}],"esc\u0061ped":1}`)
	buf := make([]byte, 0, 64)
	v, err := Parse(doc)
	require.NoError(t, err)
	bad := []byte(`{"a":1,}`)

	checks := map[string]func(){
		"Parse":           func() { _, _ = Parse(doc) },
		"Valid":           func() { _ = Valid(doc) },
		"Valid invalid":   func() { _ = Valid(bad) },
		"Get":             func() { _ = v.Get("list") },
		"Get escaped key": func() { _ = v.Get("escaped") },
		"Index":           func() { _ = v.Get("list").Index(2) },
		"Len":             func() { _ = v.Get("list").Len() },
		"ForEach": func() {
			n := 0
			v.ForEach(func(key []byte, val Value) bool {
				if KeyEq(key, "list") {
					n += val.Len()
				}
				return true
			})
			_ = n
		},
		"Str with room":           func() { buf, _ = v.Get("id").Str(buf[:0]) },
		"Int":                     func() { _, _ = v.Get("n").Int() },
		"Bool":                    func() { _, _ = v.Get("b").Bool() },
		"Text of bool":            func() { _, _ = v.Get("b").Text() },
		"KeyEq":                   func() { _ = KeyEq([]byte(`k\"ey`), `k"ey`) },
		"AppendString with room":  func() { buf = AppendString(buf[:0], "x\u2028\"y") },
		"AppendCompact with room": func() { buf, _ = AppendCompact(buf[:0], []byte(` [ 1 , 2 ] `)) },
	}
	for name, fn := range checks {
		assert.Zero(t, testing.AllocsPerRun(100, fn), name)
	}
	// Sanity check that the harness can see allocations at all.
	assert.NotZero(t, testing.AllocsPerRun(10, func() { _ = v.Get("id").String() + "!" }))
}
