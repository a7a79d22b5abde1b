package isotime

// Parse reads the RFC 3339 / ISO 8601 forms vendors send and returns Unix
// milliseconds:
//
//	2021-05-12T16:49:24.725Z       2021-05-12T16:49:24Z
//	2021-05-12T18:49:24+02:00      2021-05-12T18:49:24.7+0200
//	2021-05-12 16:49:24            2021-05-12 (midnight UTC)
//
// Fractional seconds may have any number of digits and are truncated to
// milliseconds. Without a zone the time is UTC. 'T' and 'Z' may be lower
// case (RFC 3339 allows it). ok is false for anything else, for
// out-of-range fields (month 13, Feb 30, hour 24, second 60, offset +24:00)
// and for instants outside [MinMillis, MaxMillis].
func Parse(s string) (ms int64, ok bool) {
	days, ok := parseDate(s)
	if !ok {
		return 0, false
	}
	rest := s[len("2006-01-02"):]
	if rest == "" {
		return days * msPerDay, true
	}
	if c := rest[0]; c != 'T' && c != 't' && c != ' ' {
		return 0, false
	}
	clock, rest, ok := parseClock(rest[1:])
	if !ok {
		return 0, false
	}
	offset, ok := parseZone(rest)
	if !ok {
		return 0, false
	}
	ms = days*msPerDay + clock - offset
	if ms < MinMillis || ms > MaxMillis {
		return 0, false
	}
	return ms, true
}

// parseDate reads YYYY-MM-DD at the start of s and returns its day number.
func parseDate(s string) (days int64, ok bool) {
	if len(s) < 10 || s[4] != '-' || s[7] != '-' {
		return 0, false
	}
	y, ok1 := number(s[0:4])
	m, ok2 := number(s[5:7])
	d, ok3 := number(s[8:10])
	if !ok1 || !ok2 || !ok3 || y < 1 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return 0, false
	}
	return daysFromCivil(y, m, d), true
}

// parseClock reads hh:mm:ss with optional fractional seconds and returns
// the milliseconds since midnight and the unread rest of s.
func parseClock(s string) (ms int64, rest string, ok bool) {
	if len(s) < 8 || s[2] != ':' || s[5] != ':' {
		return 0, "", false
	}
	h, ok1 := number(s[0:2])
	m, ok2 := number(s[3:5])
	sec, ok3 := number(s[6:8])
	if !ok1 || !ok2 || !ok3 || h > 23 || m > 59 || sec > 59 {
		return 0, "", false
	}
	ms = h*msPerHour + m*msPerMinute + sec*msPerSecond
	rest = s[8:]
	if rest == "" || rest[0] != '.' {
		return ms, rest, true
	}
	frac, rest, ok := parseFraction(rest[1:])
	return ms + frac, rest, ok
}

// parseFraction reads one or more digits of a decimal fraction of a second
// and returns it in whole milliseconds (later digits are truncated).
func parseFraction(s string) (ms int64, rest string, ok bool) {
	n := 0
	for n < len(s) && '0' <= s[n] && s[n] <= '9' {
		if n < 3 {
			ms = ms*10 + int64(s[n]-'0')
		}
		n++
	}
	for k := n; k < 3; k++ {
		ms *= 10 // ".7" is 700 ms
	}
	return ms, s[n:], n > 0
}

// parseZone reads "", "Z", "±hh:mm" or "±hhmm" (the whole of s) and returns
// the offset from UTC in milliseconds.
func parseZone(s string) (offset int64, ok bool) {
	var mins string
	switch {
	case s == "" || s == "Z" || s == "z":
		return 0, true
	case len(s) == 6 && s[3] == ':':
		mins = s[4:6]
	case len(s) == 5:
		mins = s[3:5]
	default:
		return 0, false
	}
	h, ok1 := number(s[1:3])
	m, ok2 := number(mins)
	if !ok1 || !ok2 || h > 23 || m > 59 {
		return 0, false
	}
	offset = h*msPerHour + m*msPerMinute
	switch s[0] {
	case '+':
		return offset, true
	case '-':
		return -offset, true
	}
	return 0, false
}

// number parses s, which must be all ASCII digits.
func number(s string) (int64, bool) {
	var v int64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int64(c-'0')
	}
	return v, true
}
