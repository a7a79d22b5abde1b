package deskview

import (
	"strconv"
	"time"

	"github.com/agentshim/agentshim/wasm/phone"
)

// Clock formats a duration as a call timer: "0:07", "12:34", "1:02:03".
// Negative durations (a clock that runs behind the vendor's) show as 0:00.
func Clock(d time.Duration) string {
	s := int64(d / time.Second)
	if s < 0 {
		s = 0
	}
	h, m, sec := s/3600, s/60%60, s%60
	b := make([]byte, 0, 10)
	if h > 0 {
		b = strconv.AppendInt(b, h, 10)
		b = append(b, ':')
		b = two(b, m)
	} else {
		b = strconv.AppendInt(b, m, 10)
	}
	b = append(b, ':')
	return string(two(b, sec))
}

// Spoken formats a duration for the statistics panel: "4 min 33 s",
// "1 h 2 min", "9 s"; "–" when there is nothing to average.
func Spoken(d time.Duration, ok bool) string {
	if !ok {
		return "–"
	}
	s := int64((d + time.Second/2) / time.Second)
	h, m, sec := s/3600, s/60%60, s%60
	switch {
	case h > 0:
		return itoa(h) + " h " + itoa(m) + " min"
	case m > 0:
		return itoa(m) + " min " + itoa(sec) + " s"
	}
	return itoa(sec) + " s"
}

func two(b []byte, n int64) []byte {
	if n < 10 {
		b = append(b, '0')
	}
	return strconv.AppendInt(b, n, 10)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// Elapsed is what a card's timer shows at now: talk time once connected,
// otherwise time since the contact appeared; frozen when it ended.
func Elapsed(c Contact, now time.Time) time.Duration {
	start := c.CreatedAt
	if !c.ConnectedAt.IsZero() {
		start = c.ConnectedAt
	}
	if start.IsZero() {
		return 0
	}
	end := now
	if !c.EndedAt.IsZero() {
		end = c.EndedAt
	}
	return end.Sub(start)
}

// MaskedNumber is the number as a card shows it: masked by phone.Mask like
// every log line (agents' screens are shared and screenshotted), so only the
// last digits show. Short extensions are not phone numbers and stay whole.
func MaskedNumber(n string) string {
	if n == "" {
		return "no number"
	}
	return phone.Mask(n)
}

// CardLabel is the accessible name of a contact card, e.g.
// "inbound voice call, ringing, *******55".
func CardLabel(c Contact) string {
	return c.Direction + " " + c.Channel + " " + kind(c.Channel) + ", " + c.State + ", " + MaskedNumber(c.Number)
}

func kind(channel string) string {
	switch channel {
	case "voice":
		return "call"
	case "chat":
		return "session"
	case "video":
		return "session"
	}
	return "contact"
}

// MaskedText masks every phone number inside free text (error messages).
func MaskedText(s string) string { return phone.Mask(s) }
