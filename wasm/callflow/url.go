package callflow

import (
	"strconv"
	"strings"

	"github.com/agentshim/agentshim/wasm/ascii"
)

// checkURL accepts absolute http and https URLs only. The embed navigates
// the visitor's page to these addresses, so a javascript: or data: URL
// would run code in the integrator's site, and a relative one would resolve
// differently on every page the button sits on.
//
// The check is stricter than browsers: no spaces, control characters,
// backslashes or stray '%' anywhere (browsers silently repair those,
// differently from server-side parsers), and no user name or password,
// which would make "https://bank.example@evil.example" look like the bank.
func checkURL(field, s string) *Error {
	const want = "must be an absolute http:// or https:// URL"
	if s == "" {
		return bad(field, "is required: "+want[len("must be "):])
	}
	if len(s) > maxURL {
		return bad(field, "is longer than "+strconv.Itoa(maxURL)+" bytes")
	}
	rest, ok := cutScheme(s)
	if !ok {
		return bad(field, want)
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c <= ' ' || c == 0x7f || c == '\\':
			return bad(field, "contains a space, a control character or a backslash; percent-encode it")
		case c == '%' && (i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2])):
			return bad(field, "has a '%' not followed by two hex digits")
		}
	}
	authority := rest
	for i := 0; i < len(rest); i++ {
		if c := rest[i]; c == '/' || c == '?' || c == '#' {
			authority = rest[:i]
			break
		}
	}
	if strings.Contains(authority, "@") {
		return bad(field, "must not contain a user name or password")
	}
	return checkAuthority(field, authority)
}

// cutScheme strips "http://" or "https://", in any letter case.
func cutScheme(s string) (string, bool) {
	for _, p := range [...]string{"https://", "http://"} {
		if ascii.HasPrefixFold(s, p) {
			return s[len(p):], true
		}
	}
	return "", false
}

// checkAuthority checks host[:port], where host is a name, an IPv4 address
// or a bracketed IPv6 address.
func checkAuthority(field, a string) *Error {
	host, port := a, ""
	if strings.HasPrefix(a, "[") {
		end := strings.IndexByte(a, ']')
		if end < 0 {
			return bad(field, "has an unclosed '[' in its host")
		}
		host, port = a[:end+1], a[end+1:]
		if port != "" && port[0] != ':' {
			return bad(field, "has text after its IPv6 address")
		}
	} else if i := strings.LastIndexByte(a, ':'); i >= 0 {
		host, port = a[:i], a[i:]
	}
	if !validHost(host) {
		return bad(field, "has no valid host name")
	}
	if port != "" && !validPort(port[1:]) {
		return bad(field, "has a port that is not a number from 1 to 65535")
	}
	return nil
}

// validHost accepts letters, digits, '-', '_' and '.', bytes of non-ASCII
// (internationalized) names, and bracketed IPv6 addresses.
func validHost(h string) bool {
	if strings.HasPrefix(h, "[") {
		return validIPv6(h[1 : len(h)-1])
	}
	named := false // not only dots: "https://../" has no host
	for i := 0; i < len(h); i++ {
		c := h[i]
		if !isAlnum(c) && c != '-' && c != '_' && c != '.' && c < 0x80 {
			return false
		}
		named = named || c != '.'
	}
	return named
}

// validPort accepts an empty port (browsers drop "http://host:/") and
// 1..65535.
func validPort(p string) bool {
	if p == "" {
		return true
	}
	if len(p) > 5 {
		return false
	}
	n := 0
	for i := 0; i < len(p); i++ {
		if !isDigit(p[i]) {
			return false
		}
		n = n*10 + int(p[i]-'0')
	}
	return n >= 1 && n <= 65535
}

// validIPv6 accepts the RFC 4291 text forms: eight groups of 1–4 hex
// digits, one "::" standing for one or more zero groups, and a dotted IPv4
// address in place of the last two groups. Zone ids ("%eth0") are refused:
// they mean nothing to a visitor's browser.
func validIPv6(s string) bool {
	groups, gap := 0, false
	if strings.HasPrefix(s, "::") {
		s, gap = s[2:], true
	}
	for s != "" {
		if groups < 7 && strings.IndexByte(s, ':') < 0 && strings.IndexByte(s, '.') >= 0 {
			return validIPv4(s) && groups+2 <= 8 && (gap || groups+2 == 8)
		}
		n := 0
		for n < len(s) && n < 5 && isHex(s[n]) {
			n++
		}
		if n == 0 || n > 4 {
			return false
		}
		groups, s = groups+1, s[n:]
		switch {
		case strings.HasPrefix(s, "::") && !gap:
			s, gap = s[2:], true
		case strings.HasPrefix(s, ":") && len(s) > 1 && s[1] != ':':
			s = s[1:]
		case s != "":
			return false
		}
	}
	if gap {
		return groups <= 7
	}
	return groups == 8
}

// validIPv4 accepts a dotted quad of decimal numbers 0–255 without leading
// zeros, the only IPv4 form allowed inside an IPv6 address.
func validIPv4(s string) bool {
	for k := range 4 {
		p, rest, found := strings.Cut(s, ".")
		if found == (k == 3) || p == "" || len(p) > 3 || (len(p) > 1 && p[0] == '0') {
			return false
		}
		n := 0
		for i := 0; i < len(p); i++ {
			if !isDigit(p[i]) {
				return false
			}
			n = n*10 + int(p[i]-'0')
		}
		if n > 255 {
			return false
		}
		s = rest
	}
	return true
}

func isHex(c byte) bool { return isDigit(c) || (c|0x20 >= 'a' && c|0x20 <= 'f') }
