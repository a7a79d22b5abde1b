package callflow

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

const (
	maxLabel = 100  // characters of a name, group or id
	maxZone  = 64   // bytes of a time zone name; the longest IANA name has 32
	maxURL   = 2048 // bytes of a URL, a length every browser handles
)

// dayKeys are the JSON names of the weekdays, indexed like Flow.Hours.
var dayKeys = [7]string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// Validate checks every rule of a call flow and returns an *Error naming the
// first field that breaks one, in the order the fields appear in the JSON.
func (f *Flow) Validate() error {
	if e := f.validate(); e != nil {
		return e
	}
	return nil // not a nil *Error: that would be a non-nil error
}

func (f *Flow) validate() *Error {
	if f.ID != "" {
		if e := checkLabel("id", f.ID); e != nil {
			return e
		}
	}
	if e := checkEmbedID(f.EmbedID); e != nil {
		return e
	}
	if e := checkLabel("name", f.Name); e != nil {
		return e
	}
	if !utf8.ValidString(f.Description) {
		return bad("description", "is not valid UTF-8")
	}
	if e := checkTimeZone(f.TimeZone); e != nil {
		return e
	}
	if e := f.checkHours(); e != nil {
		return e
	}
	if e := f.checkSteps(); e != nil {
		return e
	}
	if e := checkURL("exitUrl", f.ExitURL); e != nil {
		return e
	}
	if e := checkURL("outOfHoursUrl", f.OutOfHoursURL); e != nil {
		return e
	}
	return checkURL("escalationUrl", f.EscalationURL)
}

// checkLabel checks a text shown to people: present, at most maxLabel
// characters, no control characters (they break the one-line displays).
func checkLabel(field, s string) *Error {
	switch {
	case s == "":
		return bad(field, "is required")
	case strings.TrimSpace(s) == "":
		return bad(field, "is blank")
	case !utf8.ValidString(s):
		return bad(field, "is not valid UTF-8")
	case utf8.RuneCountInString(s) > maxLabel:
		return bad(field, "is longer than "+strconv.Itoa(maxLabel)+" characters")
	}
	for _, r := range s {
		if r < 0x20 || (r >= 0x7f && r < 0xa0) {
			return bad(field, "contains a control character")
		}
	}
	return nil
}

// checkEmbedID: the value must match a data-cwbbb-igh attribute exactly, so
// it is kept to characters that need no escaping in HTML or CSS selectors.
func checkEmbedID(s string) *Error {
	switch {
	case s == "":
		return bad("embedId", "is required: the data-cwbbb-igh value of the page's button")
	case len(s) > maxLabel:
		return bad("embedId", "is longer than "+strconv.Itoa(maxLabel)+" characters")
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !isAlnum(c) && c != '-' && c != '_' {
			return bad("embedId", "may contain only letters, digits, '-' and '_'")
		}
	}
	return nil
}

// checkTimeZone accepts "UTC" and names of the IANA form Area/Location
// (Area/Location/Sub too). Whether the zone exists cannot be checked here:
// the WebAssembly binary carries no zone database. The browser checks it
// when it builds its Intl.DateTimeFormat.
func checkTimeZone(s string) *Error {
	const want = "must be an IANA time zone name such as Europe/Berlin, or UTC"
	switch {
	case s == "":
		return bad("timeZone", "is required: the IANA time zone of the hours, such as Europe/Berlin")
	case s == "UTC":
		return nil
	case len(s) > maxZone || strings.IndexByte(s, '/') < 0:
		return bad("timeZone", want)
	}
	for s != "" {
		part, rest, _ := strings.Cut(s, "/")
		if !zonePart(part) || (rest == "" && len(part) < len(s)) {
			return bad("timeZone", want) // bad component, or a trailing "/"
		}
		s = rest
	}
	return nil
}

// zonePart follows the tz database's naming rules: a component starts with
// a letter and holds letters, digits and "-_+." ("Etc/GMT+5",
// "America/Port-au-Prince").
func zonePart(p string) bool {
	if p == "" || !isLetter(p[0]) {
		return false
	}
	for i := 0; i < len(p); i++ {
		if c := p[i]; !isAlnum(c) && c != '-' && c != '_' && c != '+' && c != '.' {
			return false
		}
	}
	return true
}

func (f *Flow) checkHours() *Error {
	// Monday first, as the JSON and every admin screen list the days.
	for k := 1; k <= 7; k++ {
		d := k % 7
		h, field := f.Hours[d], "hours."+dayKeys[d]
		switch {
		case h.Start < 0 || h.Start > minutesPerDay:
			return bad(field+"[0]", "must be a time from 00:00 to 24:00")
		case h.End < 0 || h.End > minutesPerDay:
			return bad(field+"[1]", "must be a time from 00:00 to 24:00")
		case h.End < h.Start:
			return bad(field, "ends ("+clock(h.End)+") before it starts ("+clock(h.Start)+
				"); hours cannot run past midnight, split them over two days")
		}
	}
	return nil
}

func (f *Flow) checkSteps() *Error {
	if len(f.Steps) == 0 {
		return bad("steps", "needs at least one routing step {group, ringSeconds}")
	}
	total := 0
	for i, s := range f.Steps {
		field := "steps[" + strconv.Itoa(i) + "]"
		if e := checkLabel(field+".group", s.Group); e != nil {
			return e
		}
		if s.RingSeconds < 1 || s.RingSeconds > MaxRing {
			return ringRange(field + ".ringSeconds")
		}
		if total += s.RingSeconds; total > MaxRing {
			return bad(field+".ringSeconds", "brings the summed ring times to "+strconv.Itoa(total)+
				" s; the vendor allows at most "+strconv.Itoa(MaxRing)+" s in total")
		}
	}
	return nil
}

func ringRange(field string) *Error {
	return bad(field, "must be a whole number of seconds from 1 to "+strconv.Itoa(MaxRing))
}

// clock formats minutes since midnight as HH:MM.
func clock(m int) string {
	return string([]byte{byte('0' + m/600), byte('0' + m/60%10), ':', byte('0' + m%60/10), byte('0' + m%10)})
}

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isAlnum(c byte) bool  { return isLetter(c) || isDigit(c) }
