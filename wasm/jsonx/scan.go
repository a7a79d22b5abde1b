package jsonx

// Scanners for single tokens, used by validate.

// stringStop marks the bytes that end a run of plain string content:
// control characters, '"' and '\\'. Everything else, including invalid
// UTF-8 (which encoding/json also accepts), stands for itself.
var stringStop = func() (t [256]uint8) {
	for i := 0; i < 0x20; i++ {
		t[i] = 1
	}
	t['"'], t['\\'] = 1, 1
	return t
}()

// scanString validates the string starting at the quote at data[i] and
// returns the offset after its closing quote.
func scanString(data []byte, i int) (int, failure) {
	n := len(data)
	i++
	for {
		// The innermost loop of validation: eight bytes at a time.
		for i+8 <= n && !stopsValidString(load8(data, i)) {
			i += 8
		}
		for i < n && stringStop[data[i]] == 0 {
			i++
		}
		if i >= n {
			return n, failure{n, probEOF}
		}
		switch data[i] {
		case '"':
			return i + 1, failure{}
		case '\\':
			var f failure
			if i, f = scanEscape(data, i); !f.ok() {
				return i, f
			}
		default:
			return i, failure{i, probString}
		}
	}
}

// scanEscape validates the escape sequence whose backslash is at data[i].
func scanEscape(data []byte, i int) (int, failure) {
	i++
	if i >= len(data) {
		return i, failure{i, probEOF}
	}
	switch data[i] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return i + 1, failure{}
	case 'u':
		for k := 1; k <= 4; k++ {
			if i+k >= len(data) {
				return i + k, failure{i + k, probEOF}
			}
			if hexValue(data[i+k]) < 0 {
				return i + k, failure{i + k, probHex}
			}
		}
		return i + 5, failure{}
	}
	return i, failure{i, probEscape}
}

func hexValue(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// scanLiteral checks for the exact word at data[i:] (whose first byte the
// caller has matched), reporting the first byte that differs.
func scanLiteral(data []byte, i int, word string) (int, failure) {
	for k := 0; k < len(word); k++ {
		if i+k >= len(data) {
			return i + k, failure{i + k, probEOF}
		}
		if data[i+k] != word[k] {
			return i + k, failure{i + k, probLiteral}
		}
	}
	return i + len(word), failure{}
}

// scanNumber validates -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? and
// returns the offset after it. What follows is checked by the caller.
func scanNumber(data []byte, i int) (int, failure) {
	n := len(data)
	start := i
	if data[i] == '-' {
		i++
	}
	if i >= n {
		return i, failure{i, probEOF}
	}
	switch c := data[i]; {
	case c == '0':
		i++
	case '1' <= c && c <= '9':
		i = skipDigits(data, i+1)
	case i == start:
		return i, failure{i, probValue}
	default:
		return i, failure{i, probNumber}
	}
	if i < n && data[i] == '.' {
		var f failure
		if i, f = requireDigits(data, i+1); !f.ok() {
			return i, f
		}
	}
	if i < n && (data[i] == 'e' || data[i] == 'E') {
		i++
		if i < n && (data[i] == '+' || data[i] == '-') {
			i++
		}
		return requireDigits(data, i)
	}
	return i, failure{}
}

func requireDigits(data []byte, i int) (int, failure) {
	if i >= len(data) {
		return i, failure{i, probEOF}
	}
	if data[i] < '0' || data[i] > '9' {
		return i, failure{i, probNumber}
	}
	return skipDigits(data, i+1), failure{}
}

func skipDigits(data []byte, i int) int {
	for i < len(data) && '0' <= data[i] && data[i] <= '9' {
		i++
	}
	return i
}

func skipWS(data []byte, i int) int {
	for i < len(data) {
		switch data[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}
