package jsonx

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// encodingJSONString is the reference for AppendString: encoding/json with
// HTML escaping off, minus the Encoder's trailing newline.
func encodingJSONString(t testing.TB, s string) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	require.NoError(t, enc.Encode(s))
	return strings.TrimSuffix(buf.String(), "\n")
}

func TestAppendString(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", `""`},
		{"plain", `"plain"`},
		{`quote " backslash \ slash /`, `"quote \" backslash \\ slash /"`},
		{"\b\f\n\r\t", `"\b\f\n\r\t"`},
		{"\x00\x01\x1f\x7f", `"\u0000\u0001\u001f` + "\x7f\""},
		{"<a href='x'>&</a>", `"<a href='x'>&</a>"`},
		{"é€😀", `"é€😀"`},
		{"line\u2028para\u2029end", `"line\u2028para\u2029end"`},
		{"bad\xffutf8\xc3", `"bad\ufffdutf8\ufffd"`},
		{"\xed\xa0\x80", `"\ufffd\ufffd\ufffd"`},
	}
	for _, tc := range cases {
		got := string(AppendString([]byte("x="), tc.in))
		assert.Equal(t, "x="+tc.want, got, tc.in)
		assert.Equal(t, encodingJSONString(t, tc.in), got[2:], tc.in)
	}
}

func TestAppendScalars(t *testing.T) {
	var b []byte
	b = append(b, '{')
	b = AppendKey(b, "id")
	b = AppendString(b, "32-60536353@B2BUAGW1")
	b = append(b, ',')
	b = AppendKey(b, "n\"")
	b = AppendInt(b, -9223372036854775808)
	b = append(b, ',')
	b = AppendKey(b, "t")
	b = AppendBool(b, true)
	b = append(b, ',')
	b = AppendKey(b, "f")
	b = AppendBool(b, false)
	b = append(b, ',')
	b = AppendKey(b, "z")
	b = AppendNull(b)
	b = append(b, '}')
	assert.Equal(t, `{"id":"32-60536353@B2BUAGW1","n\"":-9223372036854775808,"t":true,"f":false,"z":null}`, string(b))
	require.True(t, json.Valid(b))
}

func TestAppendCompact(t *testing.T) {
	cases := []string{
		` { "a" : [ 1 , 2.5e3 , true , null ] ,` + "\n\t" + `"b c" : " keep  spaces\t\" [ ] " } `,
		`"x"`,
		` 12 `,
		`[ ]`,
		"\"\xff\u2028\"",
		ctt7Contact,
	}
	for _, doc := range cases {
		var want bytes.Buffer
		require.NoError(t, json.Compact(&want, []byte(doc)))
		got, err := AppendCompact([]byte("p"), []byte(doc))
		require.NoError(t, err)
		assert.Equal(t, "p"+want.String(), string(got), doc)
	}

	got, err := AppendCompact([]byte("p"), []byte(`{"a" 1}`))
	assert.Equal(t, "p", string(got))
	var se *SyntaxError
	require.ErrorAs(t, err, &se)
	assert.Equal(t, 5, se.Offset)
}
