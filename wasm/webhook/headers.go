package webhook

import (
	"strconv"
	"strings"

	"github.com/agentshim/agentshim/wasm/ascii"
	"github.com/agentshim/agentshim/wasm/phone"
)

// Header is one extra request header.
type Header struct{ Name, Value string }

const (
	maxHeaders     = 32
	maxHeaderName  = 100
	maxHeaderValue = 4096
)

// ParseHeaders reads the vendor's "Additional Header" text: one header per
// line, its name, a colon and its value ("Authorization: Bearer x"). Blank
// lines are skipped. A carriage return anywhere is refused rather than
// guessed at: it is how header injection starts. Field names the text in
// errors; a line is named by its number from 1.
func ParseHeaders(field, text string) ([]Header, *Error) {
	if strings.IndexByte(text, '\r') >= 0 {
		return nil, bad(field, "contains a carriage return (CR); separate the header lines with a line feed (\\n) only")
	}
	var hs []Header
	for i, line := range strings.Split(text, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		at := field + "[" + strconv.Itoa(i+1) + "]"
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			return nil, bad(at, `is not a header line "Name: value" (no colon)`)
		}
		h := Header{Name: name, Value: strings.Trim(value, " \t")}
		if e := checkHeader(at, h); e != nil {
			return nil, e
		}
		if hs, ok = add(hs, h); !ok {
			return nil, bad(at, "repeats the header "+quote(name)+"; give each header once")
		}
	}
	if len(hs) > maxHeaders {
		return nil, bad(field, "has more than "+strconv.Itoa(maxHeaders)+" headers")
	}
	return hs, nil
}

// add appends h unless a header of that name (in any case) is there.
func add(hs []Header, h Header) ([]Header, bool) {
	for _, o := range hs {
		if ascii.EqualFold(o.Name, h.Name) {
			return hs, false
		}
	}
	return append(hs, h), true
}

// checkHeader checks one name and value. Names that fetch() refuses to send
// (the browser sets them) would be dropped silently, and the two agentshim
// sets itself would be overridden; both are refused so the integrator learns
// it at start().
func checkHeader(field string, h Header) *Error {
	switch {
	case h.Name == "":
		return bad(field, `has no header name before the colon; write "Name: value"`)
	case len(h.Name) > maxHeaderName:
		return bad(field, "has a header name longer than "+strconv.Itoa(maxHeaderName)+" characters")
	case !isToken(h.Name):
		return bad(field, "has a header name that is not an HTTP token (letters, digits and !#$%&'*+-.^_`|~ only, "+
			"no spaces): "+quote(h.Name))
	case forbidden(h.Name):
		return bad(field, "sets "+quote(h.Name)+", which the browser controls and fetch() would drop")
	case ascii.EqualFold(h.Name, "content-type") || ascii.EqualFold(h.Name, "idempotency-key"):
		return bad(field, "sets "+quote(h.Name)+", which agentshim sets itself")
	case h.Value == "":
		return bad(field, "has no value for "+quote(h.Name))
	case len(h.Value) > maxHeaderValue:
		return bad(field, "has a value longer than "+strconv.Itoa(maxHeaderValue)+" bytes for "+quote(h.Name))
	}
	for i := 0; i < len(h.Value); i++ {
		if c := h.Value[i]; (c < 0x20 && c != '\t') || c == 0x7f {
			return bad(field, "has a control character (CR, LF, NUL...) in the value of "+quote(h.Name))
		}
	}
	return nil
}

// isToken reports whether s is an RFC 9110 token, the grammar of header names.
func isToken(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0) {
			return false
		}
	}
	return s != ""
}

// forbiddenNames are the Fetch standard's forbidden request headers.
var forbiddenNames = []string{"accept-charset", "accept-encoding", "access-control-request-headers",
	"access-control-request-method", "connection", "content-length", "cookie", "cookie2", "date", "dnt",
	"expect", "host", "keep-alive", "origin", "referer", "set-cookie", "te", "trailer",
	"transfer-encoding", "upgrade", "via"}

func forbidden(name string) bool {
	n := ascii.Lower(name)
	if strings.HasPrefix(n, "proxy-") || strings.HasPrefix(n, "sec-") {
		return true
	}
	for _, f := range forbiddenNames {
		if n == f {
			return true
		}
	}
	return false
}

// quote shows a name the integrator wrote, phone-like digit runs masked.
func quote(s string) string { return "'" + phone.Mask(s) + "'" }
