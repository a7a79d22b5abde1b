package jsonx

// Scanning eight bytes at a time ("SWAR": SIMD within a register). The
// string and container scans test a whole word for "any interesting byte"
// and only then look at single bytes. In Go's WebAssembly code this halves
// the cost of long strings, the bulk of every vendor event.

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// load8 returns d[i:i+8] as one word. The compiler merges the byte loads
// into a single unaligned load (also on wasm), so no unsafe is needed. Byte
// order does not matter: callers only ask whether any byte matches.
func load8(d []byte, i int) uint64 {
	b := d[i : i+8 : i+8]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

// load8s is load8 for a string.
func load8s(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// hasByte is non-zero if some byte of x equals c. (Subtracting 1 from each
// byte borrows into its high bit only from a zero byte; bytes that had the
// high bit set are masked out by &^ x. Later bytes can read a false borrow,
// but only when an earlier byte was really zero, so "any" is exact.)
func hasByte(x uint64, c byte) uint64 {
	y := x ^ ones*uint64(c)
	return (y - ones) &^ y & highs
}

// hasLess is non-zero if some byte of x is below n (n <= 0x80), by the
// same borrow argument.
func hasLess(x uint64, n byte) uint64 {
	return (x - ones*uint64(n)) &^ x & highs
}

// stopsValidString reports whether any byte of x needs attention while
// validating a string: a control character, '"' or '\\'.
func stopsValidString(x uint64) bool {
	return hasLess(x, 0x20)|hasByte(x, '"')|hasByte(x, '\\') != 0
}

// stopsPlainString reports whether any byte of x ends plain ASCII string
// content: '"', '\\' or a non-ASCII byte.
func stopsPlainString(x uint64) bool {
	return x&highs|hasByte(x, '"')|hasByte(x, '\\') != 0
}

// stopsWrittenString reports whether any byte of x is not copied as it is
// by AppendString: a control character, '"', '\\' or a non-ASCII byte.
func stopsWrittenString(x uint64) bool {
	return x&highs|hasLess(x, 0x20)|hasByte(x, '"')|hasByte(x, '\\') != 0
}

// stopsContainer reports whether any byte of x is a quote or bracket.
// OR-ing 0x20 maps '[' onto '{' and ']' onto '}' and no other byte onto
// either.
func stopsContainer(x uint64) bool {
	y := x | ones*0x20
	return hasByte(x, '"')|hasByte(y, '{')|hasByte(y, '}') != 0
}

// Equal reports whether a and b hold the same bytes. It is
// string(a) == string(b), but eight bytes per step: Go's WebAssembly
// runtime compares memory one byte at a time, and the decoder's and the
// trace's caches compare whole vendor payloads on every event.
func Equal(a, b []byte) bool {
	if len(a) != len(b) {
		return false
	}
	i := 0
	for ; i+8 <= len(a); i += 8 {
		if load8(a, i) != load8(b, i) {
			return false
		}
	}
	for ; i < len(a); i++ {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
