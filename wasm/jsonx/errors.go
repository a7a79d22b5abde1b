package jsonx

import (
	"errors"
	"unicode/utf8"
)

// MaxDepth is the deepest nesting of arrays and objects Parse accepts.
// Deeper documents are rejected with a *SyntaxError wrapping ErrTooDeep.
const MaxDepth = 512

// ErrTooDeep is wrapped by the *SyntaxError returned for documents nested
// deeper than MaxDepth.
var ErrTooDeep = errors.New("jsonx: nesting too deep")

// SyntaxError describes invalid JSON: what is wrong and where.
// Offset is a 0-based byte offset; Line and Column are 1-based, Column
// counting bytes from the start of the line.
type SyntaxError struct {
	Offset int
	Line   int
	Column int
	Msg    string

	cause error
}

func (e *SyntaxError) Error() string {
	return "jsonx: " + e.Msg +
		" at offset " + Itoa(e.Offset) +
		" (line " + Itoa(e.Line) +
		", column " + Itoa(e.Column) + ")"
}

// Unwrap returns ErrTooDeep for depth-limit errors and nil otherwise.
func (e *SyntaxError) Unwrap() error { return e.cause }

// problem says what the validator found wrong. The validator only records a
// problem and an offset; the message is built when an error is actually
// needed, so Valid never allocates.
type problem uint8

const (
	probNone problem = iota
	probEOF
	probDepth
	probValue
	probKey
	probColon
	probAfterMember
	probAfterElement
	probString
	probEscape
	probHex
	probNumber
	probLiteral
	probTrailing
)

var problemContext = [...]string{
	probValue:        "looking for beginning of value",
	probKey:          "looking for beginning of object key string",
	probColon:        "after object key",
	probAfterMember:  "after object key:value pair",
	probAfterElement: "after array element",
	probString:       "in string literal",
	probEscape:       "in string escape code",
	probHex:          "in \\u hexadecimal character escape",
	probNumber:       "in numeric literal",
	probLiteral:      "in literal true, false or null",
	probTrailing:     "after top-level value",
}

// failure is a validation result: probNone, or a problem at offset off.
type failure struct {
	off  int
	prob problem
}

func (f failure) ok() bool { return f.prob == probNone }

// toError builds the *SyntaxError for f in data.
func (f failure) toError(data []byte) error {
	if f.ok() {
		return nil
	}
	e := &SyntaxError{Offset: f.off}
	e.Line, e.Column = lineColumn(data, f.off)
	switch f.prob {
	case probEOF:
		e.Msg = "unexpected end of input"
	case probDepth:
		e.Msg = "nesting deeper than " + Itoa(MaxDepth)
		e.cause = ErrTooDeep
	default:
		e.Msg = "invalid " + describeByte(data, f.off) + " " + problemContext[f.prob]
	}
	return e
}

// lineColumn converts a byte offset into a 1-based line and byte column.
func lineColumn(data []byte, off int) (line, col int) {
	line, lineStart := 1, 0
	for i := 0; i < off && i < len(data); i++ {
		if data[i] == '\n' {
			line++
			lineStart = i + 1
		}
	}
	return line, off - lineStart + 1
}

// describeByte names the offending input: "character 'x'" for a decodable
// character, "byte 0xff" for a byte that is not valid UTF-8.
func describeByte(data []byte, off int) string {
	if off >= len(data) {
		return "end of input"
	}
	r, size := utf8.DecodeRune(data[off:])
	if r == utf8.RuneError && size <= 1 {
		const hex = "0123456789abcdef"
		b := data[off]
		return "byte 0x" + string([]byte{hex[b>>4], hex[b&0xf]})
	}
	return "character " + quoteRune(r)
}

// quoteRune writes r the way strconv.QuoteRune does for ASCII, and as a
// \u escape otherwise: QuoteRune's Unicode printability tables would cost
// the WebAssembly binary more than all of this package.
func quoteRune(r rune) string {
	switch {
	case r == '\'' || r == '\\':
		return `'\` + string(r) + `'`
	case r >= 0x20 && r < 0x7f:
		return "'" + string(r) + "'"
	case r == '\n':
		return `'\n'`
	case r == '\r':
		return `'\r'`
	case r == '\t':
		return `'\t'`
	case r < 0x80:
		return `'\x` + hexText(uint64(r), 2) + "'"
	case r <= 0xffff:
		return `'\u` + hexText(uint64(r), 4) + "'"
	}
	return `'\U` + hexText(uint64(r), 8) + "'"
}

func hexText(v uint64, n int) string {
	const hex = "0123456789abcdef"
	b := make([]byte, n)
	for i := n - 1; i >= 0; i-- {
		b[i] = hex[v&0xf]
		v >>= 4
	}
	return string(b)
}
