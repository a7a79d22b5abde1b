package phone

import "strings"

// minMaskDigits is how many digits make a run phone-like.
const minMaskDigits = 7

// Mask hides all but the last 3 digits of any phone-like digit runs (7+ digits, allowing spaces,
// dashes, dots, parentheses and a leading +) inside s: "+420 777 666 555" -> "+*********555".
// Used on every error message and log line. Text with no phone numbers is returned unchanged.
//
// A run may contain every separator Normalize accepts (so "/" too), because
// anything Normalize would dial must not leak. ISO dates ("2024-01-15") are
// left alone so that timestamps in log lines and traces survive.
func Mask(s string) string {
	if !hasDigits(s, minMaskDigits) {
		return s
	}
	var b strings.Builder
	done := 0 // s[:done] is already in b; nothing is allocated until a run needs masking
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case !isDigit(c) && c != '+' && c != '(':
			i++
		case isISODate(s[i:]):
			i += len("2006-01-02")
		default:
			end, n, last := scanRun(s, i)
			if n >= minMaskDigits {
				if b.Cap() == 0 {
					b.Grow(len(s))
				}
				b.WriteString(s[done:i])
				writeMasked(&b, c == '+', n, last)
				done = end
			}
			i = end
		}
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

// scanRun reads the phone-like run starting at s[start] (a digit, "+" or
// "("). It returns where the run ends (after its last digit, so trailing
// separators stay in the text), its digit count and its last three digits.
// A run without digits ends after its first byte.
func scanRun(s string, start int) (end, n int, last [3]byte) {
	from := start
	if s[from] == '+' {
		from++
	}
	end = start + 1
	for k, r := range s[from:] {
		switch {
		case r >= '0' && r <= '9':
			n++
			last = [3]byte{last[1], last[2], byte(r)}
			end = from + k + 1
		case isSep(r):
		default:
			return end, n, last
		}
	}
	return end, n, last
}

func writeMasked(b *strings.Builder, plus bool, n int, last [3]byte) {
	if plus {
		b.WriteByte('+')
	}
	for k := 0; k < n-len(last); k++ {
		b.WriteByte('*')
	}
	b.Write(last[:])
}

// hasDigits reports whether s holds at least want ASCII digits; it lets Mask
// return ordinary text without allocating.
func hasDigits(s string, want int) bool {
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			want--
			if want == 0 {
				return true
			}
		}
	}
	return false
}

// isISODate reports whether s starts with a whole "YYYY-MM-DD" date.
func isISODate(s string) bool {
	if len(s) < 10 {
		return false
	}
	for i := 0; i < 10; i++ {
		if (i == 4 || i == 7) != (s[i] == '-') {
			return false
		}
		if i != 4 && i != 7 && !isDigit(s[i]) {
			return false
		}
	}
	month, day := (s[5]-'0')*10+s[6]-'0', (s[8]-'0')*10+s[9]-'0'
	if month < 1 || month > 12 || day < 1 || day > 31 {
		return false // "7776-66-55" is a number written in groups, not a date
	}
	return dateEnds(s[10:])
}

// dateEnds reports whether a date is followed by what follows dates (the end,
// "T", a time "hh:", punctuation) rather than more digits of a phone number.
func dateEnds(rest string) bool {
	switch {
	case rest == "" || rest[0] == 'T':
		return true
	case rest[0] == ' ':
		return len(rest) >= 4 && isDigit(rest[1]) && isDigit(rest[2]) && rest[3] == ':'
	}
	return !isDigit(rest[0]) && !isSep(rune(rest[0]))
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
