package jsonx

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestInt(t *testing.T) {
	cases := []struct {
		doc string
		n   int64
		ok  bool
	}{
		{`0`, 0, true},
		{`-0`, 0, true},
		{`42`, 42, true},
		{`-17`, -17, true},
		{`9223372036854775807`, math.MaxInt64, true},
		{`-9223372036854775808`, math.MinInt64, true},
		{`9223372036854775808`, 0, false},
		{`-9223372036854775809`, 0, false},
		{`18446744073709551616`, 0, false},
		{`99999999999999999999`, 0, false},
		{`1.0`, 0, false},
		{`1e3`, 0, false},
		{`"12"`, 0, false},
		{`true`, 0, false},
		{`null`, 0, false},
	}
	for _, tc := range cases {
		n, ok := mustParse(t, tc.doc).Int()
		assert.Equal(t, tc.ok, ok, tc.doc)
		assert.Equal(t, tc.n, n, tc.doc)
		// encoding/json is the reference for what fits an int64.
		var ref int64
		assert.Equal(t, json.Unmarshal([]byte(tc.doc), &ref) == nil && tc.doc[0] != '"' && tc.doc != "null", ok, tc.doc)
	}
}

// ParseInt, AppendInt, AppendUint and Itoa replace strconv's (see
// ParseInt): strconv is the reference.
func TestDecimalsMatchStrconv(t *testing.T) {
	for _, n := range []int64{0, 1, -1, 9, 10, -10, 1620838164725, math.MaxInt64, math.MinInt64, math.MinInt64 + 1} {
		s := strconv.FormatInt(n, 10)
		assert.Equal(t, s, string(AppendInt([]byte("x"), n))[1:])
		got, ok := ParseInt(s)
		assert.True(t, ok, s)
		assert.Equal(t, n, got)
		gotb, ok := ParseInt([]byte(s))
		assert.True(t, ok && gotb == n, s)
	}
	assert.Equal(t, strconv.FormatUint(math.MaxUint64, 10), string(AppendUint(nil, math.MaxUint64)))
	assert.Equal(t, "-42", Itoa(-42))
	for _, bad := range []string{"", "-", "+1", "1.5", "1e3", " 1", "9223372036854775808", "-9223372036854775809", "0x10"} {
		_, ok := ParseInt(bad)
		assert.False(t, ok, bad)
	}
}

// TestParseIntAroundTheOverflowCheck: up to 18 digits skip the overflow
// check; every length around it, signs and leading zeros agree with strconv.
func TestParseIntAroundTheOverflowCheck(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for n := 1; n <= 22; n++ {
		for k := 0; k < 300; k++ {
			b := make([]byte, n)
			for i := range b {
				b[i] = byte('0' + rng.IntN(10))
			}
			if k%3 == 0 {
				b[0] = '9'
			}
			for _, s := range []string{string(b), "-" + string(b)} {
				want, err := strconv.ParseInt(s, 10, 64)
				got, ok := ParseInt(s)
				require.Equal(t, err == nil, ok, s)
				if ok {
					require.Equal(t, want, got, s)
				}
			}
		}
	}
}

func TestBool(t *testing.T) {
	b, ok := mustParse(t, `true`).Bool()
	assert.True(t, b)
	assert.True(t, ok)
	b, ok = mustParse(t, `false`).Bool()
	assert.False(t, b)
	assert.True(t, ok)
	_, ok = mustParse(t, `"true"`).Bool()
	assert.False(t, ok)
	_, ok = mustParse(t, `1`).Bool()
	assert.False(t, ok)
}

func TestStringTextStr(t *testing.T) {
	cases := []struct {
		doc    string
		str    string
		text   string
		textOK bool
	}{
		{`"inbound"`, "inbound", "inbound", true},
		{`"line\nbreak \u00e9 \ud83d\ude00"`, "line\nbreak é 😀", "line\nbreak é 😀", true},
		{`""`, "", "", true},
		{`-1.50e3`, "-1.50e3", "-1.50e3", true},
		{`true`, "true", "true", true},
		{`false`, "false", "false", true},
		{`null`, "", "", false},
		{`[1, 2]`, "[1, 2]", "", false},
		{`{"a":1}`, `{"a":1}`, "", false},
	}
	for _, tc := range cases {
		v := mustParse(t, tc.doc)
		assert.Equal(t, tc.str, v.String(), tc.doc)
		text, ok := v.Text()
		assert.Equal(t, tc.textOK, ok, tc.doc)
		assert.Equal(t, tc.text, text, tc.doc)

		buf, isStr := v.Str([]byte("keep:"))
		assert.Equal(t, v.Kind() == String, isStr, tc.doc)
		if isStr {
			assert.Equal(t, "keep:"+tc.str, string(buf), tc.doc)
		} else {
			assert.Equal(t, "keep:", string(buf), tc.doc)
		}
	}
}

// TestStringMatchesEncodingJSON checks decoding of escapes, surrogates and
// invalid UTF-8 against encoding/json.
func TestStringMatchesEncodingJSON(t *testing.T) {
	docs := []string{
		`"\u0000\u001f\u007f\u0080\u07ff\u0800\uffff"`,
		`"\uD834\uDD1E"`, `"\uDD1E\uD834"`, `"\uD834"`, `"\uD834x"`, `"\uD834\n"`,
		`"\uD834\uD834\uDD1E"`, `"\uDBFF\uDFFF"`, `"\uDC00"`,
		"\"\xc3\x28 \xe2\x82 \xf0\x28\x8c\xbc \xed\xa0\x80 \xef\xbf\xbd\"",
		"\"a long string of more than sixty-four bytes so that String() needs the heap \\u00e9\"",
	}
	for _, doc := range docs {
		var want string
		require.NoError(t, json.Unmarshal([]byte(doc), &want), doc)
		v := mustParse(t, doc)
		assert.Equal(t, want, v.String(), doc)
		got, ok := v.Str(nil)
		assert.True(t, ok)
		assert.Equal(t, want, string(got), doc)
	}
}

func TestKindString(t *testing.T) {
	assert.Equal(t, "object", Object.String())
	assert.Equal(t, "invalid", Invalid.String())
	assert.Equal(t, "invalid", Kind(200).String())
}
