package jsonx

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const ctt7Contact = `{"id":"32-60536353@B2BUAGW1.enghouse.com","type":"inbound","media_type":"voice","job_type":"predictive","CallData":[{"name":"ECID","value":"felixct7|1|171|12"},{"name":"customer","value":"INB-0000000185"}],"dnis":"0212345","time_duration_sec":0,"waitingTime":3}`

func mustParse(t testing.TB, doc string) Value {
	t.Helper()
	v, err := Parse([]byte(doc))
	require.NoError(t, err)
	return v
}

func TestGet(t *testing.T) {
	v := mustParse(t, ctt7Contact)
	cases := []struct {
		key, raw string
		kind     Kind
	}{
		{"id", `"32-60536353@B2BUAGW1.enghouse.com"`, String},
		{"type", `"inbound"`, String},
		{"CallData", `[{"name":"ECID","value":"felixct7|1|171|12"},{"name":"customer","value":"INB-0000000185"}]`, Array},
		{"time_duration_sec", `0`, Number},
		{"waitingTime", `3`, Number},
		{"missing", ``, Invalid},
		{"ID", ``, Invalid},
		{"", ``, Invalid},
	}
	for _, tc := range cases {
		got := v.Get(tc.key)
		assert.Equal(t, tc.kind, got.Kind(), tc.key)
		assert.Equal(t, tc.raw, string(got.Raw()), tc.key)
	}
}

func TestGetEscapedAndDuplicateKeys(t *testing.T) {
	v := mustParse(t, `{ "a" : 1 , "\u0062" : 2, "a": 3, "c\"d": 4, "é": 5, "\u00e9x": 6, "\ud83d\ude00": 7, "": 8, "\ud800": 9, "z`+"\xff"+`": 10 }`)
	want := map[string]int64{"a": 1, "b": 2, `c"d`: 4, "é": 5, "éx": 6, "😀": 7, "": 8, "\ufffd": 9, "z\ufffd": 10}
	for key, n := range want {
		got, ok := v.Get(key).Int()
		assert.True(t, ok, key)
		assert.Equal(t, n, got, key)
	}
	for _, absent := range []string{`\u0062`, "c", `c\"d`, "\xff", "z\xff", "\xed\xa0\x80"} {
		assert.Equal(t, Invalid, v.Get(absent).Kind(), absent)
	}
}

func TestIndexAndLen(t *testing.T) {
	v := mustParse(t, ` [ 1 , "two" , [3] , {"four":4} , null , true ] `)
	require.Equal(t, 6, v.Len())
	raws := []string{`1`, `"two"`, `[3]`, `{"four":4}`, `null`, `true`}
	for i, raw := range raws {
		assert.Equal(t, raw, string(v.Index(i).Raw()), i)
	}
	assert.Equal(t, Invalid, v.Index(6).Kind())
	assert.Equal(t, Invalid, v.Index(-1).Kind())

	assert.Equal(t, 0, mustParse(t, `[]`).Len())
	assert.Equal(t, 0, mustParse(t, `{ }`).Len())
	assert.Equal(t, 2, mustParse(t, `{"a":{"b":[1,2]},"c":"}]"}`).Len())
	assert.Equal(t, 0, mustParse(t, `"abc"`).Len())
	assert.Equal(t, Invalid, mustParse(t, `{"0":1}`).Index(0).Kind(), "Index on an object")
	assert.Equal(t, Invalid, mustParse(t, `[{"a":1}]`).Get("a").Kind(), "Get on an array")
}

func TestChainingThroughInvalid(t *testing.T) {
	v := mustParse(t, `{"a":[{"b":"x"}]}`)
	s, ok := v.Get("a").Index(0).Get("b").Text()
	assert.True(t, ok)
	assert.Equal(t, "x", s)

	missing := v.Get("nope").Index(3).Get("b")
	assert.Equal(t, Invalid, missing.Kind())
	assert.Nil(t, missing.Raw())
	assert.Equal(t, 0, missing.Len())
	_, ok = missing.Int()
	assert.False(t, ok)
	assert.Equal(t, "", missing.String())
	called := false
	missing.ForEach(func([]byte, Value) bool { called = true; return true })
	assert.False(t, called)
}

func TestForEachObject(t *testing.T) {
	v := mustParse(t, `{ "a" : 1 , "b\n" : [2, 3] , "c" : { "d" : "e" } }`)
	var keys, raws []string
	v.ForEach(func(key []byte, val Value) bool {
		keys = append(keys, string(key))
		raws = append(raws, string(val.Raw()))
		return true
	})
	assert.Equal(t, []string{"a", `b\n`, "c"}, keys, "keys are passed as written")
	assert.Equal(t, []string{"1", "[2, 3]", `{ "d" : "e" }`}, raws)
}

func TestForEachArrayAndStop(t *testing.T) {
	v := mustParse(t, `[10, 20, 30, 40]`)
	var seen []int64
	v.ForEach(func(key []byte, val Value) bool {
		assert.Nil(t, key)
		n, ok := val.Int()
		require.True(t, ok)
		seen = append(seen, n)
		return n < 20
	})
	assert.Equal(t, []int64{10, 20}, seen)

	calls := 0
	mustParse(t, `"str"`).ForEach(func([]byte, Value) bool { calls++; return true })
	mustParse(t, `[]`).ForEach(func([]byte, Value) bool { calls++; return true })
	assert.Zero(t, calls)
}

func TestKeyEqAndAppendUnescaped(t *testing.T) {
	cases := []struct{ raw, decoded string }{
		{``, ``},
		{`plain`, `plain`},
		{`a\"b`, `a"b`},
		{`\u0041\u00e9\u20ac`, "Aé€"},
		{`\ud83d\ude00!`, "😀!"},
		{`\ud83d`, "\ufffd"},
		{`\ude00\ud83d`, "\ufffd\ufffd"},
		{`\ud83d\u0041`, "\ufffdA"},
		{`\ud83dx`, "\ufffdx"},
		{`\ud83d\ud83d\ude00`, "\ufffd😀"},
		{"a\xffb", "a\ufffdb"},
		{"\xed\xa0\x80", "\ufffd\ufffd\ufffd"},
		{`\/\\\b\f\n\r\t`, "/\\\b\f\n\r\t"},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.decoded, string(AppendUnescaped([]byte("pre:"), []byte(tc.raw)))[4:], tc.raw)
		assert.True(t, KeyEq([]byte(tc.raw), tc.decoded), tc.raw)
		assert.False(t, KeyEq([]byte(tc.raw), tc.decoded+"x"), tc.raw)
		if tc.decoded != "" {
			assert.False(t, KeyEq([]byte(tc.raw), tc.decoded[:len(tc.decoded)-1]), tc.raw)
		}
	}
}

// TestNavigationOnUnvalidatedBytes pins that the navigation code, which
// trusts Parse, still neither panics nor loops when the bytes under a Value
// are not valid JSON (e.g. the document was modified after Parse).
func TestNavigationOnUnvalidatedBytes(t *testing.T) {
	for _, raw := range []string{`{`, `[`, `{"a`, `{"a":`, `{"a" 1`, `["\`, `"\u12`, `"\ud800\u`, `"\`, `{,,}`, `[,]`, `{"a":1,"b"`, `-`, `"`} {
		v := Value{raw: []byte(raw)}
		exercise(v)
	}
}

// exercise calls every reader on v and its children; it must not panic.
func exercise(v Value) {
	_ = v.Get("a")
	_ = v.Index(1)
	_ = v.Len()
	_, _ = v.Str(nil)
	_ = v.String()
	_, _ = v.Text()
	_, _ = v.Int()
	_, _ = v.Bool()
	v.ForEach(func(key []byte, val Value) bool {
		_ = KeyEq(key, "a")
		_ = AppendUnescaped(nil, key)
		exercise(val)
		return true
	})
}
