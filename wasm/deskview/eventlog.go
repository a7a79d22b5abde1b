package deskview

import "time"

// Event is the part of a facade event the log shows.
type Event struct {
	Seq                     int
	At                      time.Time
	Type, Vendor, ContactID string
	From, To                string
	ErrorCode, ErrorMessage string
	SessionKind             string
}

// LogLimit is how many lines the event log keeps on screen; the full
// history is in shim.trace(), which "Export trace" saves.
const LogLimit = 200

// LogLine renders one event, e.g.
// "#12 14:03:07 contact ctt7 68-60f69967@… ringing → connected".
// Error messages pass through phone.Mask: the log is on screen and in
// screenshots.
func LogLine(e Event, loc *time.Location) string {
	b := make([]byte, 0, 96)
	b = append(b, '#')
	b = append(b, itoa(int64(e.Seq))...)
	b = append(b, ' ')
	if !e.At.IsZero() {
		b = e.At.In(loc).AppendFormat(b, "15:04:05")
		b = append(b, ' ')
	}
	b = append(b, e.Type...)
	b = append(b, ' ')
	b = append(b, e.Vendor...)
	if e.ContactID != "" {
		b = append(b, ' ')
		b = append(b, shorten(e.ContactID, 24)...)
	}
	switch {
	case e.ErrorCode != "":
		b = append(b, ' ')
		b = append(b, e.ErrorCode...)
		b = append(b, ": "...)
		b = append(b, MaskedText(e.ErrorMessage)...)
	case e.To != "":
		b = append(b, ' ')
		if e.From != "" {
			b = append(b, e.From...)
			b = append(b, " → "...)
		}
		b = append(b, e.To...)
	case e.SessionKind != "":
		b = append(b, ' ')
		b = append(b, e.SessionKind...)
	}
	return string(b)
}

// shorten cuts s to n runes with an ellipsis.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
