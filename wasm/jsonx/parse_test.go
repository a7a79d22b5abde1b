package jsonx

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseValidDocuments(t *testing.T) {
	docs := []struct {
		doc  string
		kind Kind
		raw  string
	}{
		{`null`, Null, `null`},
		{` true `, Bool, `true`},
		{"\t\r\nfalse\n", Bool, `false`},
		{`0`, Number, `0`},
		{`-0`, Number, `-0`},
		{`-12.5e+3`, Number, `-12.5e+3`},
		{`1E-2`, Number, `1E-2`},
		{`123456789012345678901234567890`, Number, `123456789012345678901234567890`},
		{`""`, String, `""`},
		{`"a\"b\\c\/d\b\f\n\r\t\u00e9\uD83D\uDE00"`, String, `"a\"b\\c\/d\b\f\n\r\t\u00e9\uD83D\uDE00"`},
		{"\"\xff invalid utf8 is accepted\"", String, "\"\xff invalid utf8 is accepted\""},
		{`[]`, Array, `[]`},
		{`[ ]`, Array, `[ ]`},
		{`{}`, Object, `{}`},
		{` { "a" : [ 1 , { } , [ ] , "x" ] } `, Object, `{ "a" : [ 1 , { } , [ ] , "x" ] }`},
		{`[[[[]]],[{}]]`, Array, `[[[[]]],[{}]]`},
	}
	for _, tc := range docs {
		t.Run(tc.doc, func(t *testing.T) {
			require.True(t, json.Valid([]byte(tc.doc)), "test case must be valid JSON")
			v, err := Parse([]byte(tc.doc))
			require.NoError(t, err)
			assert.Equal(t, tc.kind, v.Kind())
			assert.Equal(t, tc.raw, string(v.Raw()))
			assert.True(t, Valid([]byte(tc.doc)))
		})
	}
}

func TestParseRejects(t *testing.T) {
	cases := []struct {
		doc    string
		offset int
		msg    string
	}{
		{``, 0, "unexpected end of input"},
		{`   `, 3, "unexpected end of input"},
		{`x`, 0, "invalid character 'x' looking for beginning of value"},
		{`nul`, 3, "unexpected end of input"},
		{`nulx`, 3, "invalid character 'x' in literal true, false or null"},
		{`True`, 0, "invalid character 'T' looking for beginning of value"},
		{`01`, 1, "invalid character '1' after top-level value"},
		{`-`, 1, "unexpected end of input"},
		{`-a`, 1, "invalid character 'a' in numeric literal"},
		{`1.`, 2, "unexpected end of input"},
		{`1.e3`, 2, "invalid character 'e' in numeric literal"},
		{`1e`, 2, "unexpected end of input"},
		{`1e+`, 3, "unexpected end of input"},
		{`+1`, 0, "invalid character '+' looking for beginning of value"},
		{`.5`, 0, "invalid character '.' looking for beginning of value"},
		{`NaN`, 0, "invalid character 'N' looking for beginning of value"},
		{`"abc`, 4, "unexpected end of input"},
		{"\"a\nb\"", 2, `invalid character '\n' in string literal`},
		{`"\x"`, 2, "invalid character 'x' in string escape code"},
		{`"\'"`, 2, `invalid character '\'' in string escape code`},
		{`"\u12g4"`, 5, `invalid character 'g' in \u hexadecimal character escape`},
		{`"\u12`, 5, "unexpected end of input"},
		{`[1,]`, 3, "invalid character ']' looking for beginning of value"},
		{`[1 2]`, 3, "invalid character '2' after array element"},
		{`[1}`, 2, "invalid character '}' after array element"},
		{`{"a":1,}`, 7, "invalid character '}' looking for beginning of object key string"},
		{`{"a" 1}`, 5, "invalid character '1' after object key"},
		{`{"a":1 "b":2}`, 7, `invalid character '"' after object key:value pair`},
		{`{"a":1]`, 6, "invalid character ']' after object key:value pair"},
		{`{1:2}`, 1, "invalid character '1' looking for beginning of object key string"},
		{`{"a":}`, 5, "invalid character '}' looking for beginning of value"},
		{`[`, 1, "unexpected end of input"},
		{`{"a":[1,{"b":2}`, 15, "unexpected end of input"},
		{`{} {}`, 3, "invalid character '{' after top-level value"},
		{"1\x00", 1, `invalid character '\x00' after top-level value`},
		{"\xff", 0, "invalid byte 0xff looking for beginning of value"},
		{"\u00e9", 0, "invalid character '\\u00e9' looking for beginning of value"},
		{"\ufeff{}", 0, `invalid character '\ufeff' looking for beginning of value`},
	}
	for _, tc := range cases {
		t.Run(tc.doc, func(t *testing.T) {
			require.False(t, json.Valid([]byte(tc.doc)), "test case must be invalid JSON")
			v, err := Parse([]byte(tc.doc))
			require.Error(t, err)
			assert.Equal(t, Invalid, v.Kind())
			var se *SyntaxError
			require.ErrorAs(t, err, &se)
			assert.Equal(t, tc.offset, se.Offset)
			assert.Equal(t, tc.msg, se.Msg)
			assert.False(t, Valid([]byte(tc.doc)))
		})
	}
}

func TestSyntaxErrorPosition(t *testing.T) {
	doc := "{\"id\": 1,\n  \"b\" x}"
	_, err := Parse([]byte(doc))
	require.Error(t, err)
	assert.Equal(t, "jsonx: invalid character 'x' after object key at offset 16 (line 2, column 7)", err.Error())

	var se *SyntaxError
	require.ErrorAs(t, err, &se)
	assert.Equal(t, SyntaxError{Offset: 16, Line: 2, Column: 7, Msg: "invalid character 'x' after object key"}, *se)
	assert.Equal(t, byte('x'), doc[se.Offset])
	assert.Nil(t, errors.Unwrap(err))

	_, err = Parse([]byte("[\n\n\n"))
	require.ErrorAs(t, err, &se)
	assert.Equal(t, SyntaxError{Offset: 4, Line: 4, Column: 1, Msg: "unexpected end of input"}, *se)
}

func TestDepthLimit(t *testing.T) {
	// nest builds n levels: open repeated n times around an empty core.
	nest := func(n int, open, core, close string) []byte {
		return []byte(strings.Repeat(open, n-1) + core + strings.Repeat(close, n-1))
	}
	_, err := Parse(nest(MaxDepth, "[", "[]", "]"))
	require.NoError(t, err)
	_, err = Parse(nest(MaxDepth, `{"a":`, "{}", "}"))
	require.NoError(t, err)

	for _, doc := range [][]byte{nest(MaxDepth+1, "[", "[]", "]"), nest(MaxDepth+1, `{"a":`, "{}", "}"), nest(1_000_000, "[", "[]", "]")} {
		_, err = Parse(doc)
		require.ErrorIs(t, err, ErrTooDeep)
		var se *SyntaxError
		require.ErrorAs(t, err, &se)
		assert.Equal(t, "nesting deeper than 512", se.Msg)
		assert.Equal(t, byte(doc[0]), doc[se.Offset], "offset points at the bracket that is one too deep")
		assert.Equal(t, MaxDepth, strings.Count(string(doc[:se.Offset]), string(doc[0])))
		assert.False(t, Valid(doc))
	}
}

func TestParseRawCannotOverwriteDocument(t *testing.T) {
	doc := []byte(` [1] ,`)
	_, err := Parse(doc)
	require.Error(t, err)

	doc = []byte(`{"a":[1],"b":2}`)
	v, err := Parse(doc)
	require.NoError(t, err)
	a := v.Get("a").Raw()
	_ = append(a, 'X')
	assert.Equal(t, `{"a":[1],"b":2}`, string(doc))
}
