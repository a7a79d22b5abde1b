// Package redact hides personal data in what agentshim hands out for bug
// reports: phone numbers (all but the last three digits, as phone.Mask does
// for every error message) and e-mail addresses (the local part becomes a
// short hash, so the same address stays the same token and a redacted trace
// still replays with its contacts told apart).
package redact

import (
	"strings"

	"github.com/agentshim/agentshim/wasm/jsonx"
	"github.com/agentshim/agentshim/wasm/phone"
)

// Text masks the phone numbers and e-mail addresses in s.
func Text(s string) string { return emails(phone.Mask(s)) }

// JSON appends doc with every string value passed through Text. Keys,
// numbers and the document's shape stay; a string holding JSON text (as
// CTToolbar7 sometimes sends its payloads) is redacted inside and stays
// JSON text. A doc that is not JSON is appended as one redacted string.
func JSON(dst, doc []byte) []byte {
	v, err := jsonx.Parse(doc)
	if err != nil {
		return jsonx.AppendString(dst, Text(string(doc)))
	}
	return value(dst, v)
}

func value(dst []byte, v jsonx.Value) []byte {
	switch v.Kind() {
	case jsonx.String:
		s := v.String()
		if inner, err := jsonx.Parse([]byte(s)); err == nil && (inner.Kind() == jsonx.Object || inner.Kind() == jsonx.Array) {
			return jsonx.AppendString(dst, string(value(nil, inner)))
		}
		return jsonx.AppendString(dst, Text(s))
	case jsonx.Object, jsonx.Array:
		open, obj := byte('['), v.Kind() == jsonx.Object
		if obj {
			open = '{'
		}
		dst = append(dst, open)
		first := true
		v.ForEach(func(key []byte, val jsonx.Value) bool {
			if !first {
				dst = append(dst, ',')
			}
			first = false
			if obj {
				dst = jsonx.AppendKey(dst, string(jsonx.AppendUnescaped(nil, key)))
			}
			dst = value(dst, val)
			return true
		})
		return append(dst, open+2) // ']' and '}' follow '[' and '{' by two
	}
	return append(dst, v.Raw()...)
}

// emails replaces the local part of each address with "~" and eight hex
// digits of its FNV-1a hash: "jan.novak@example.cz" → "~1b2c3d4e@example.cz".
func emails(s string) string {
	at := strings.IndexByte(s, '@')
	if at < 0 {
		return s
	}
	var b strings.Builder
	done := 0
	for ; at >= 0; at = next(s, at) {
		start, end := localStart(s, at), domainEnd(s, at)
		if start == at || !strings.Contains(s[at+1:end], ".") || start < done {
			continue
		}
		b.WriteString(s[done:start])
		b.WriteString(token(s[start:at]))
		done = at
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

func next(s string, at int) int {
	if i := strings.IndexByte(s[at+1:], '@'); i >= 0 {
		return at + 1 + i
	}
	return -1
}

func localStart(s string, at int) int {
	i := at
	for i > 0 && isLocal(s[i-1]) {
		i--
	}
	return i
}

func domainEnd(s string, at int) int {
	i := at + 1
	for i < len(s) && (isAlnum(s[i]) || s[i] == '.' || s[i] == '-') {
		i++
	}
	return i
}

func isAlnum(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

func isLocal(c byte) bool {
	return isAlnum(c) || strings.IndexByte(".!#$%&'*+/=?^_`{|}~-", c) >= 0
}

func token(local string) string {
	h := uint32(2166136261)
	for i := 0; i < len(local); i++ {
		h = (h ^ uint32(local[i])) * 16777619
	}
	const hex = "0123456789abcdef"
	var t [9]byte
	t[0] = '~'
	for i := 8; i > 0; i-- {
		t[i] = hex[h&15]
		h >>= 4
	}
	return string(t[:])
}
