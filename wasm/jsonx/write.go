package jsonx

import (
	"unicode/utf8"
)

const hexDigits = "0123456789abcdef"

// asciiSafe marks ASCII bytes that AppendString copies unchanged.
var asciiSafe = func() (t [utf8.RuneSelf]bool) {
	for i := 0x20; i < utf8.RuneSelf; i++ {
		t[i] = i != '"' && i != '\\'
	}
	return t
}()

// AppendString appends s as a quoted JSON string. The output is byte for
// byte what encoding/json produces with SetEscapeHTML(false): '"', '\\' and
// control characters are escaped (\b \f \n \r \t by name, the rest as
// \u00XX), invalid UTF-8 becomes \ufffd, and U+2028/U+2029 are escaped so
// the output can be embedded in a JavaScript <script>.
func AppendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if i+8 <= len(s) && !stopsWrittenString(load8s(s, i)) {
			i += 8 // eight bytes copied as they are, with the run, later
			continue
		}
		b := s[i]
		if b < utf8.RuneSelf {
			if asciiSafe[b] {
				i++
				continue
			}
			dst = appendEscapedASCII(append(dst, s[start:i]...), b)
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case c == utf8.RuneError && size == 1:
			dst = append(append(dst, s[start:i]...), `\ufffd`...)
		case c == '\u2028' || c == '\u2029':
			dst = append(append(dst, s[start:i]...), '\\', 'u', '2', '0', '2', hexDigits[c&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	return append(append(dst, s[start:]...), '"')
}

func appendEscapedASCII(dst []byte, b byte) []byte {
	switch b {
	case '"', '\\':
		return append(dst, '\\', b)
	case '\b':
		return append(dst, '\\', 'b')
	case '\f':
		return append(dst, '\\', 'f')
	case '\n':
		return append(dst, '\\', 'n')
	case '\r':
		return append(dst, '\\', 'r')
	case '\t':
		return append(dst, '\\', 't')
	}
	return append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xf])
}

// AppendKey appends an object member name and its colon: "key":
func AppendKey(dst []byte, key string) []byte {
	return append(AppendString(dst, key), ':')
}

// AppendInt appends n in decimal (a JSON number).
func AppendInt(dst []byte, n int64) []byte {
	u := uint64(n)
	if n < 0 {
		dst, u = append(dst, '-'), -u
	}
	return AppendUint(dst, u)
}

// AppendUint appends u in decimal.
func AppendUint(dst []byte, u uint64) []byte {
	var buf [20]byte
	i := len(buf)
	for {
		i--
		buf[i] = byte('0' + u%10)
		if u /= 10; u == 0 {
			break
		}
	}
	return append(dst, buf[i:]...)
}

// Itoa is AppendInt for messages.
func Itoa(n int) string { return string(AppendInt(nil, int64(n))) }

// AppendBool appends true or false.
func AppendBool(dst []byte, b bool) []byte {
	if b {
		return append(dst, "true"...)
	}
	return append(dst, "false"...)
}

// AppendNull appends null.
func AppendNull(dst []byte) []byte { return append(dst, "null"...) }

// AppendCompact appends the JSON value raw with all insignificant whitespace
// removed; everything else, string contents included, is copied unchanged.
// raw is validated as by Parse; on error dst is returned unchanged with a
// *SyntaxError.
func AppendCompact(dst, raw []byte) ([]byte, error) {
	start, end, f := validate(raw)
	if !f.ok() {
		return dst, f.toError(raw)
	}
	for i := start; i < end; {
		switch c := raw[i]; c {
		case ' ', '\t', '\n', '\r':
			i++
		case '"':
			j, _ := endOfString(raw, i)
			dst = append(dst, raw[i:j]...)
			i = j
		default:
			j := i + 1
			for j < end && !compactBreak[raw[j]] {
				j++
			}
			dst = append(dst, raw[i:j]...)
			i = j
		}
	}
	return dst, nil
}

// compactBreak marks the bytes at which AppendCompact stops copying a run:
// whitespace to drop and quotes that start strings (which may contain
// whitespace that must be kept).
var compactBreak = [256]bool{' ': true, '\t': true, '\n': true, '\r': true, '"': true}
