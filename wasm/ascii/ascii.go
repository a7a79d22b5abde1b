// Package ascii folds the case of the ASCII words agentshim compares:
// vendor event names, URL schemes, HTTP header names, region codes.
// strings.ToLower, ToUpper and EqualFold would link Unicode's case tables
// into every page that loads the WebAssembly binary, for words that are
// ASCII by definition.
package ascii

// EqualFold reports whether b equals s, ignoring ASCII case.
func EqualFold[T string | []byte](b T, s string) bool {
	if len(b) != len(s) {
		return false
	}
	for i := range len(b) {
		if lower(b[i]) != lower(s[i]) {
			return false
		}
	}
	return true
}

// HasPrefixFold reports whether s starts with prefix, ignoring ASCII case.
func HasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && EqualFold(s[:len(prefix)], prefix)
}

// Lower returns s with ASCII letters lowered; other bytes stay.
func Lower(s string) string { return string(appendMapped(nil, s, lower)) }

// Upper returns s with ASCII letters raised; other bytes stay.
func Upper(s string) string { return string(AppendUpper(nil, s)) }

// AppendUpper appends s with ASCII letters raised; with room in dst it
// does not allocate.
func AppendUpper(dst []byte, s string) []byte { return appendMapped(dst, s, upper) }

func appendMapped(dst []byte, s string, f func(byte) byte) []byte {
	for i := range len(s) {
		dst = append(dst, f(s[i]))
	}
	return dst
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func upper(c byte) byte {
	if 'a' <= c && c <= 'z' {
		return c - ('a' - 'A')
	}
	return c
}
