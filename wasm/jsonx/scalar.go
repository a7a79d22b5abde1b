package jsonx

// Str appends the decoded contents of string v to buf and reports whether v
// is a string. It allocates only if buf lacks room.
func (v Value) Str(buf []byte) ([]byte, bool) {
	if v.Kind() != String {
		return buf, false
	}
	return AppendUnescaped(buf, v.inside()), true
}

// inside returns the bytes between a string's quotes.
func (v Value) inside() []byte {
	if len(v.raw) < 2 {
		return nil
	}
	return v.raw[1 : len(v.raw)-1]
}

// String returns the decoded text of a string, the literal text of a number
// or bool, the raw JSON of an array or object, and "" for null and Invalid.
// It allocates; use Str on hot paths.
func (v Value) String() string {
	switch v.Kind() {
	case String:
		var tmp [64]byte
		return string(AppendUnescaped(tmp[:0], v.inside()))
	case Null, Invalid:
		return ""
	}
	return string(v.raw)
}

// Text returns a scalar as text: strings decoded, numbers as written, bools
// as "true"/"false". ok is false for null, arrays, objects and Invalid.
func (v Value) Text() (string, bool) {
	switch v.Kind() {
	case String, Number:
		return v.String(), true
	case Bool:
		if v.raw[0] == 't' {
			return "true", true
		}
		return "false", true
	}
	return "", false
}

// Bool returns the value of a JSON true or false; ok is false otherwise.
func (v Value) Bool() (b, ok bool) {
	if v.Kind() != Bool {
		return false, false
	}
	return v.raw[0] == 't', true
}

// Int returns a number written as an integer (no fraction or exponent)
// that fits in int64; ok is false otherwise, as with encoding/json.
func (v Value) Int() (int64, bool) {
	if v.Kind() != Number {
		return 0, false
	}
	return ParseInt(v.raw)
}

// ParseInt reads a decimal integer with an optional minus sign that fits in
// int64. It is here, and not strconv's, because strconv would link its
// float formatting and quoting tables into every page (about 20 KiB brotli).
func ParseInt[T []byte | string](s T) (int64, bool) {
	neg := len(s) > 0 && s[0] == '-'
	limit := uint64(1<<63 - 1)
	if neg {
		s, limit = s[1:], 1<<63
	}
	if len(s) == 0 {
		return 0, false
	}
	var u uint64
	// Up to 18 digits cannot overflow, so the common case (millisecond
	// times have 13) skips the per-digit division of the overflow check.
	safe := len(s) <= 18
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		d := uint64(c - '0')
		if !safe && u > (limit-d)/10 {
			return 0, false
		}
		u = u*10 + d
	}
	if neg {
		return -int64(u), true // for 1<<63 this wraps to MinInt64, as intended
	}
	return int64(u), true
}
