package jsonx

// containers is the validator's stack of open arrays and objects: one bit per
// level (1 = object), so MaxDepth levels fit in 64 bytes on the Go stack
// instead of recursion or a heap-allocated slice.
type containers struct {
	depth int
	bits  [MaxDepth / 64]uint64
}

func (c *containers) push(object bool) bool {
	if c.depth >= MaxDepth {
		return false
	}
	word, bit := c.depth/64, uint(c.depth%64)
	if object {
		c.bits[word] |= 1 << bit
	} else {
		c.bits[word] &^= 1 << bit
	}
	c.depth++
	return true
}

func (c *containers) pop() { c.depth-- }

func (c *containers) inObject() bool {
	d := c.depth - 1
	return c.bits[d/64]&(1<<uint(d%64)) != 0
}

// expect is what the validator needs next.
type expect uint8

const (
	expValue      expect = iota // a value
	expFirstValue               // a value or ']' (just after '[')
	expKey                      // a member name (after ',' in an object)
	expFirstKey                 // a member name or '}' (just after '{')
	expColon                    // ':' after a member name
	expNext                     // ',' or the closing bracket
)

// validate checks that data is exactly one JSON value surrounded by optional
// whitespace and returns the bounds of that value. It is one loop over
// tokens, so that each token costs one iteration and few calls (calls are
// expensive in Go's WebAssembly code).
func validate(data []byte) (start, end int, f failure) {
	var stack containers
	state := expValue
	i := skipWS(data, 0)
	start = i
	for {
		i = skipWS(data, i)
		if i >= len(data) {
			return 0, 0, failure{len(data), probEOF}
		}
		c := data[i]
		switch state {
		case expColon:
			if c != ':' {
				return 0, 0, failure{i, probColon}
			}
			i++
			state = expValue
			continue
		case expNext:
			if state, f = afterMember(c, i, &stack); !f.ok() {
				return 0, 0, f
			}
			if i++; stack.depth == 0 {
				return finishTop(data, start, i)
			}
			continue
		case expFirstKey, expKey:
			if c == '}' && state == expFirstKey {
				state = expNext // closed by the expNext case
				continue
			}
			if c != '"' {
				return 0, 0, failure{i, probKey}
			}
			if i, f = scanString(data, i); !f.ok() {
				return 0, 0, f
			}
			state = expColon
			continue
		case expFirstValue:
			if c == ']' {
				state = expNext
				continue
			}
		}
		// A value starts at i.
		switch c {
		case '{', '[':
			if !stack.push(c == '{') {
				return 0, 0, failure{i, probDepth}
			}
			i++
			state = expFirstValue
			if c == '{' {
				state = expFirstKey
			}
			continue
		case '"':
			i, f = scanString(data, i)
		case 't':
			i, f = scanLiteral(data, i, "true")
		case 'f':
			i, f = scanLiteral(data, i, "false")
		case 'n':
			i, f = scanLiteral(data, i, "null")
		default:
			i, f = scanNumber(data, i)
		}
		if !f.ok() {
			return 0, 0, f
		}
		if stack.depth == 0 {
			return finishTop(data, start, i)
		}
		state = expNext
	}
}

// afterMember handles byte c at offset i after a member or element: a comma
// (then a key or value follows) or the bracket that closes the container
// (popped here).
func afterMember(c byte, i int, stack *containers) (expect, failure) {
	object := stack.inObject()
	if c == ',' {
		if object {
			return expKey, failure{}
		}
		return expValue, failure{}
	}
	if (object && c == '}') || (!object && c == ']') {
		stack.pop()
		return expNext, failure{}
	}
	if object {
		return expNext, failure{i, probAfterMember}
	}
	return expNext, failure{i, probAfterElement}
}

// finishTop checks that only whitespace follows the top-level value.
func finishTop(data []byte, start, end int) (int, int, failure) {
	if j := skipWS(data, end); j != len(data) {
		return 0, 0, failure{j, probTrailing}
	}
	return start, end, failure{}
}
