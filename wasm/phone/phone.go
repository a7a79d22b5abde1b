// Package phone normalizes phone numbers to E.164 ("+420777666555") and masks
// them in text. It is a compact rules table (length ranges, first digits and
// trunk prefixes per region) instead of a libphonenumber port, because it is
// compiled into agentshim's WebAssembly binary: it imports only strings.
package phone

import "strings"

const (
	minE164 = 8  // fewest digits (calling code included) we accept
	maxE164 = 15 // ITU-T E.164 limit
	// maxRawDigits leaves room for an international prefix ("0011") in front
	// of 15 digits; anything longer cannot be valid, so scanning stops early.
	maxRawDigits = 20
)

// Normalize returns the E.164 form ("+420777666555") of raw, or ok=false when raw is not a valid
// number. defaultRegion is an ISO 3166-1 alpha-2 code ("CZ", "IT", "DE"...) used when raw has no
// international prefix; "" means only international input is accepted.
func Normalize(raw, defaultRegion string) (e164 string, ok bool) {
	digits, plus, ok := scan(raw)
	if !ok {
		return "", false
	}
	if plus {
		return international(digits)
	}
	r, known := lookup(defaultRegion)
	if known && r.idd != "" && strings.HasPrefix(digits, r.idd) {
		return international(digits[len(r.idd):])
	}
	if strings.HasPrefix(digits, "00") {
		return international(digits[2:])
	}
	if !known {
		return "", false
	}
	return national(r, digits)
}

// CallingCode returns the country calling code for a region ("CZ" -> "420"), ok=false if unknown.
func CallingCode(region string) (string, bool) {
	r, ok := lookup(region)
	if !ok {
		return "", false
	}
	return r.cc, true
}

// scan keeps the digits of raw and reports whether it starts with "+". Any
// character that is neither a digit nor a separator (letters, "#", "*",
// extension markers) makes the input invalid: we only dial plain numbers.
func scan(raw string) (digits string, plus, ok bool) {
	var buf [maxRawDigits]byte
	n := 0
	for _, c := range strings.TrimFunc(raw, isSpace) {
		switch {
		case '0' <= c && c <= '9':
			if n == len(buf) {
				return "", false, false
			}
			buf[n] = byte(c)
			n++
		case c == '+':
			if plus || n > 0 {
				return "", false, false
			}
			plus = true
		case !isSep(c):
			return "", false, false
		}
	}
	if n == 0 {
		return "", false, false
	}
	return string(buf[:n]), plus, true
}

// isSpace is unicode.IsSpace without the Unicode tables (every page pays for
// what the phone package links): the White_Space property, spelled out.
func isSpace(c rune) bool {
	switch c {
	case '\t', '\n', '\v', '\f', '\r', ' ', '\u0085', '\u00a0', '\u1680', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000':
		return true
	}
	return '\u2000' <= c && c <= '\u200a'
}

// isSep reports the characters people put between digit groups: spaces
// (including the no-break and thin spaces that copy-paste brings along),
// hyphens and dashes, dots, slashes and parentheses ("+49 (0)30 ...").
func isSep(c rune) bool {
	switch c {
	case ' ', '\t', '-', '.', '/', '(', ')',
		'\u00a0', '\u2007', '\u2009', '\u202f', // no-break, figure, thin, narrow no-break space
		'\u2010', '\u2011', '\u2012', '\u2013': // hyphen, no-break hyphen, figure dash, en dash
		return true
	}
	return false
}

// international handles the digits after "+" or an international prefix.
// A number that is already a valid NSN as written wins over one that needs a
// trunk prefix dropped ("+49 (0)30 ..."), across all regions sharing the
// calling code; that order keeps Normalize idempotent.
func international(d string) (string, bool) {
	if d == "" || d[0] == '0' {
		return "", false
	}
	known := false
	for pass := 0; pass < 2; pass++ {
		for i := range rules {
			r := &rules[i]
			if !strings.HasPrefix(d, r.cc) {
				continue
			}
			known = true
			nsn := d[len(r.cc):]
			if pass == 0 {
				if r.valid(nsn) {
					return "+" + d, true
				}
			} else if s, ok := r.stripTrunk(nsn); ok {
				return "+" + r.cc + s, true
			}
		}
	}
	if known || len(d) < minE164 || len(d) > maxE164 {
		return "", false
	}
	// A calling code we have no rule for: only the E.164 length limits apply.
	return "+" + d, true
}

// national handles a number written without an international prefix.
func national(r *rule, d string) (string, bool) {
	if r.valid(d) {
		return "+" + r.cc + d, true
	}
	if s, ok := r.stripTrunk(d); ok {
		return "+" + r.cc + s, true
	}
	// "420777666555" typed for CZ: the calling code without "+" or "00".
	// Tried last, so it never overrides a valid national reading.
	if strings.HasPrefix(d, r.cc) && r.valid(d[len(r.cc):]) {
		return "+" + d, true
	}
	return "", false
}
