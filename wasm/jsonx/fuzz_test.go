package jsonx

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// FuzzParse checks Parse and Valid against encoding/json, every reader of
// the resulting tree against encoding/json decoding, AppendCompact against
// json.Compact, and that the navigation code survives unvalidated bytes.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{ctt7Contact, `[1,"a",{"b":null}]`, `"\ud83d\ude00"`, `-0.5e-3`, `{"a":1,"a":2}`, "\"\xff\"", `[`, `{"a" 1}`} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		exercise(Value{raw: data}) // must not panic on arbitrary bytes

		v, err := Parse(data)
		require.Equal(t, err == nil, Valid(data))
		compacted, cerr := AppendCompact([]byte("p"), data)
		if err != nil {
			checkSyntaxError(t, data, err)
			assert.Equal(t, err.Error(), cerr.Error())
			assert.Equal(t, "p", string(compacted))
			if !errors.Is(err, ErrTooDeep) { // encoding/json allows deeper nesting
				assert.False(t, json.Valid(data), "we reject: %v", err)
			}
			return
		}
		require.True(t, json.Valid(data))
		require.NoError(t, cerr)
		var want bytes.Buffer
		require.NoError(t, json.Compact(&want, data))
		assert.Equal(t, "p"+want.String(), string(compacted))
		checkAgainstEncodingJSON(t, v)
	})
}

func checkSyntaxError(t *testing.T, data []byte, err error) {
	var se *SyntaxError
	require.ErrorAs(t, err, &se)
	require.True(t, se.Offset >= 0 && se.Offset <= len(data), "offset %d", se.Offset)
	line, col := 1, 1
	for _, c := range data[:se.Offset] {
		if c == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	assert.Equal(t, line, se.Line)
	assert.Equal(t, col, se.Column)
	assert.NotEmpty(t, se.Msg)
}

// checkAgainstEncodingJSON compares v, and recursively its children, with
// what encoding/json decodes from the same bytes.
func checkAgainstEncodingJSON(t *testing.T, v Value) {
	raw := v.Raw()
	require.True(t, json.Valid(raw), "%q", raw)
	switch v.Kind() {
	case String:
		var want string
		require.NoError(t, json.Unmarshal(raw, &want))
		assert.Equal(t, want, v.String())
		text, ok := v.Text()
		assert.True(t, ok)
		assert.Equal(t, want, text)
	case Number:
		checkNumber(t, v)
	case Bool:
		var want bool
		require.NoError(t, json.Unmarshal(raw, &want))
		got, ok := v.Bool()
		assert.True(t, ok)
		assert.Equal(t, want, got)
	case Null:
		assert.Equal(t, "null", string(raw))
		_, ok := v.Text()
		assert.False(t, ok)
	case Array:
		var want []json.RawMessage
		require.NoError(t, json.Unmarshal(raw, &want))
		require.Equal(t, len(want), v.Len())
		i := 0
		v.ForEach(func(key []byte, el Value) bool {
			assert.Nil(t, key)
			assert.Equal(t, string(want[i]), string(el.Raw()))
			assert.Equal(t, string(want[i]), string(v.Index(i).Raw()))
			checkAgainstEncodingJSON(t, el)
			i++
			return true
		})
		assert.Equal(t, len(want), i)
	case Object:
		checkObject(t, v)
	default:
		t.Fatalf("unexpected kind for %q", raw)
	}
}

func checkNumber(t *testing.T, v Value) {
	raw := v.Raw()
	var text json.Number
	require.NoError(t, json.Unmarshal(raw, &text))
	got, ok := v.Text()
	assert.True(t, ok)
	assert.Equal(t, string(text), got)
	assert.Equal(t, string(text), v.String())

	var wantInt int64
	intErr := json.Unmarshal(raw, &wantInt)
	n, ok := v.Int()
	assert.Equal(t, intErr == nil, ok, "Int of %s", raw)
	assert.Equal(t, wantInt, n)
}

// checkObject compares members with encoding/json's map decoding, where
// the last duplicate wins, while Get returns the first.
func checkObject(t *testing.T, v Value) {
	var want map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(v.Raw(), &want))
	last := map[string]string{}
	first := map[string]string{}
	count := 0
	v.ForEach(func(key []byte, val Value) bool {
		name := string(AppendUnescaped(nil, key))
		assert.True(t, KeyEq(key, name))
		last[name] = string(val.Raw())
		if _, seen := first[name]; !seen {
			first[name] = string(val.Raw())
		}
		checkAgainstEncodingJSON(t, val)
		count++
		return true
	})
	assert.Equal(t, count, v.Len())
	require.Equal(t, len(want), len(last))
	for name, raw := range want {
		assert.Equal(t, string(raw), last[name], "member %q", name)
		assert.Equal(t, first[name], string(v.Get(name).Raw()), "Get(%q)", name)
	}
}

// FuzzAppendString checks that AppendString output is what encoding/json
// produces (HTML escaping off) and decodes back to the input.
func FuzzAppendString(f *testing.F) {
	for _, seed := range []string{"", "plain", "\"\\/\b\f\n\r\t\x00\x1f\x7f", "é\u2028\u2029😀", "\xff\xed\xa0\x80", "<>&"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := AppendString([]byte("pre"), s)
		require.Equal(t, "pre", string(out[:3]))
		out = out[3:]
		require.True(t, json.Valid(out), "%q", out)
		assert.Equal(t, encodingJSONString(t, s), string(out))
		assert.False(t, bytes.ContainsRune(out, '\u2028') || bytes.ContainsRune(out, '\u2029'))
		assert.True(t, utf8.Valid(out))

		var back string
		require.NoError(t, json.Unmarshal(out, &back))
		if utf8.ValidString(s) {
			assert.Equal(t, s, back)
		}
		v, err := Parse(out)
		require.NoError(t, err)
		assert.Equal(t, back, v.String())
	})
}
