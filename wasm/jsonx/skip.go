package jsonx

// The functions here walk bytes that Parse has already validated, so they
// only find boundaries and check nothing. They still never index out of
// range and always make progress, so a Value over bytes that were changed
// after Parse yields garbage, not a panic (a panic ends a Go WASM program).
//
// Hot paths call the small inlinable helpers first and fall back to the
// general functions only for escapes and non-ASCII text, because calls are
// expensive in Go's WebAssembly code.

// stringByteClass sorts string bytes: 0 stands for itself, 1 is the closing
// quote, 2 starts an escape, 3 is non-ASCII (which must be decoded before
// comparing, because invalid UTF-8 reads as U+FFFD).
var stringByteClass = func() (t [256]uint8) {
	t['"'], t['\\'] = 1, 2
	for i := 0x80; i < 256; i++ {
		t[i] = 3
	}
	return t
}()

// plainRun returns the offset of the first byte at or after i that is not
// plain ASCII string content. It is the innermost loop of lookups.
func plainRun(d []byte, i int) int {
	for i+8 <= len(d) && !stopsPlainString(load8(d, i)) {
		i += 8
	}
	for i < len(d) && stringByteClass[d[i]] == 0 {
		i++
	}
	return i
}

// endOfString returns the offset after the closing quote of the string whose
// opening quote is at d[i], and whether its contents differ from their
// decoded form (escapes or non-ASCII bytes), so that a byte comparison is
// not enough.
func endOfString(d []byte, i int) (end int, needsDecoding bool) {
	return stringTail(d, plainRun(d, i+1))
}

// stringTail finishes a string at d[j], where plainRun stopped.
func stringTail(d []byte, j int) (end int, needsDecoding bool) {
	for j < len(d) {
		switch stringByteClass[d[j]] {
		case 1:
			return j + 1, needsDecoding
		case 2:
			j += 2
		default:
			j++
		}
		needsDecoding = true
		j = plainRun(d, j)
	}
	return len(d), needsDecoding
}

// endOfScalar returns the offset after the number or literal at d[i].
func endOfScalar(d []byte, i int) int {
	for i++; i < len(d) && !scalarEnd[d[i]]; i++ {
	}
	return i
}

var scalarEnd = [256]bool{',': true, '}': true, ']': true, ' ': true, '\t': true, '\n': true, '\r': true}

// endOfValue returns the offset after the value starting at d[i].
func endOfValue(d []byte, i int) int {
	if i >= len(d) {
		return len(d)
	}
	switch d[i] {
	case '"':
		end, _ := endOfString(d, i)
		return end
	case '{', '[':
		return endOfContainer(d, i)
	}
	return endOfScalar(d, i)
}

// containerByteClass sorts bytes for endOfContainer: 1 opens a string,
// 2 opens and 3 closes a container, 0 is anything else.
var containerByteClass = [256]uint8{'"': 1, '{': 2, '[': 2, '}': 3, ']': 3}

// endOfContainer returns the offset after the array or object at d[i],
// counting brackets outside strings.
func endOfContainer(d []byte, i int) int {
	depth := 0
	for {
		for i+8 <= len(d) && !stopsContainer(load8(d, i)) {
			i += 8
		}
		for i < len(d) && containerByteClass[d[i]] == 0 {
			i++
		}
		if i >= len(d) {
			return len(d)
		}
		switch containerByteClass[d[i]] {
		case 1:
			i, _ = endOfString(d, i)
			continue
		case 2:
			depth++
		case 3:
			depth--
			if depth == 0 {
				return i + 1
			}
		}
		i++
	}
}

// members iterates over the elements of an array or the members of an
// object held in d (d[0] is the opening bracket).
type members struct {
	d      []byte
	i      int
	object bool
}

func newMembers(d []byte) members {
	return members{d: d, i: 1, object: len(d) > 0 && d[0] == '{'}
}

// next returns the next member. For objects key is the raw key between the
// quotes and coded says whether it must be decoded before comparing it (see
// endOfString); for arrays key is nil.
func (m *members) next() (key []byte, coded bool, val []byte, ok bool) {
	d := m.d
	i := skipWS(d, m.i)
	if i < len(d) && d[i] == ',' {
		i = skipWS(d, i+1)
	}
	if i >= len(d) || d[i] == '}' || d[i] == ']' {
		m.i = len(d)
		return nil, false, nil, false
	}
	if m.object {
		end := plainRun(d, i+1)
		if end < len(d) && d[end] == '"' {
			end++
		} else {
			end, coded = stringTail(d, end)
		}
		k := max(i+1, end-1)
		key = d[i+1 : k : k]
		i = skipWS(d, end)
		if i < len(d) && d[i] == ':' {
			i = skipWS(d, i+1)
		}
	}
	end := i
	if i < len(d) && d[i] == '"' {
		if end = plainRun(d, i+1); end < len(d) && d[end] == '"' {
			end++
		} else {
			end, _ = stringTail(d, end)
		}
	} else {
		end = endOfValue(d, i)
	}
	if end <= i { // no progress possible: stop rather than loop
		m.i = len(d)
		return nil, false, nil, false
	}
	m.i = end
	return key, coded, d[i:end:end], true
}
