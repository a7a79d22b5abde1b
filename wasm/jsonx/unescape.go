package jsonx

import "unicode/utf8"

// Decoding follows encoding/json exactly: the usual escapes, \u escapes with
// UTF-16 surrogate pairs combined, and every lone surrogate escape and every
// byte of invalid UTF-8 replaced by U+FFFD.

// AppendUnescaped appends the decoded form of the inside of a JSON string
// (the bytes between the quotes, as ForEach passes keys) to dst.
func AppendUnescaped(dst, raw []byte) []byte {
	var tmp [utf8.UTFMax]byte
	for r := 0; r < len(raw); {
		var chunk []byte
		chunk, r = unescapeStep(raw, r, &tmp)
		dst = append(dst, chunk...)
	}
	return dst
}

// KeyEq reports whether raw, the inside of a JSON string as ForEach passes
// keys, decodes to want. It does not allocate.
func KeyEq(raw []byte, want string) bool {
	var tmp [utf8.UTFMax]byte
	for r := 0; r < len(raw); {
		var chunk []byte
		chunk, r = unescapeStep(raw, r, &tmp)
		if len(chunk) > len(want) || string(chunk) != want[:len(chunk)] {
			return false
		}
		want = want[len(chunk):]
	}
	return len(want) == 0
}

// unescapeStep decodes s from offset r up to the next point where the
// output stops being a plain copy of the input. It returns the decoded bytes
// (a sub-slice of s, or of tmp for escapes and replacements) and the offset
// to continue from, which is always greater than r.
func unescapeStep(s []byte, r int, tmp *[utf8.UTFMax]byte) ([]byte, int) {
	if s[r] == '\\' {
		return unescapeSequence(s, r, tmp)
	}
	j := r
	for j < len(s) {
		if c := s[j]; c < utf8.RuneSelf {
			if c == '\\' {
				break
			}
			j++
			continue
		}
		c, size := utf8.DecodeRune(s[j:])
		if c == utf8.RuneError && size == 1 {
			break
		}
		j += size
	}
	if j > r {
		return s[r:j], j
	}
	// s[r] is a byte that is not valid UTF-8.
	n := utf8.EncodeRune(tmp[:], utf8.RuneError)
	return tmp[:n], r + 1
}

// unescapeSequence decodes the escape whose backslash is at s[r]. Malformed
// escapes (impossible after Parse) are passed through rather than panicking.
func unescapeSequence(s []byte, r int, tmp *[utf8.UTFMax]byte) ([]byte, int) {
	if r+1 >= len(s) {
		return s[r:], len(s)
	}
	switch c := s[r+1]; c {
	case 'b':
		tmp[0] = '\b'
	case 'f':
		tmp[0] = '\f'
	case 'n':
		tmp[0] = '\n'
	case 'r':
		tmp[0] = '\r'
	case 't':
		tmp[0] = '\t'
	case 'u':
		return unescapeUnicode(s, r, tmp)
	default: // '"', '\\', '/'
		tmp[0] = c
	}
	return tmp[:1], r + 2
}

// unescapeUnicode decodes \uXXXX at s[r], combining it with a following
// \uXXXX when the two form a UTF-16 surrogate pair.
func unescapeUnicode(s []byte, r int, tmp *[utf8.UTFMax]byte) ([]byte, int) {
	c, ok := hex4(s, r+2)
	if !ok {
		return s[r : r+2], r + 2
	}
	next := r + 6
	if 0xD800 <= c && c < 0xE000 { // a surrogate: valid only as high+low
		low, ok := hex4(s, next+2)
		if c < 0xDC00 && ok && s[next] == '\\' && s[next+1] == 'u' &&
			0xDC00 <= low && low < 0xE000 {
			c = 0x10000 + (c-0xD800)<<10 + (low - 0xDC00)
			next += 6
		} else {
			c = utf8.RuneError
		}
	}
	n := utf8.EncodeRune(tmp[:], c)
	return tmp[:n], next
}

// hex4 decodes the four hex digits at s[i:i+4].
func hex4(s []byte, i int) (rune, bool) {
	if i < 0 || i+4 > len(s) {
		return 0, false
	}
	var c rune
	for _, b := range s[i : i+4] {
		h := hexValue(b)
		if h < 0 {
			return 0, false
		}
		c = c<<4 | rune(h)
	}
	return c, true
}
