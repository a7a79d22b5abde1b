package callflow

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestValidateAcceptsDealer(t *testing.T) {
	f := dealer()
	require.NoError(t, f.Validate())
	f.ID, f.Description = "", "" // both optional
	require.NoError(t, f.Validate())
}

// TestValidateRules breaks one rule per case and checks the field named.
func TestValidateRules(t *testing.T) {
	long := strings.Repeat("ä", maxLabel+1)
	cases := []struct {
		name  string
		field string
		edit  func(f *Flow)
	}{
		{"id too long", "id", func(f *Flow) { f.ID = long }},
		{"id control character", "id", func(f *Flow) { f.ID = "cf\n17" }},
		{"embedId missing", "embedId", func(f *Flow) { f.EmbedID = "" }},
		{"embedId with a space", "embedId", func(f *Flow) { f.EmbedID = "a1 b2" }},
		{"embedId with a quote", "embedId", func(f *Flow) { f.EmbedID = `a1"]` }},
		{"embedId non-ASCII", "embedId", func(f *Flow) { f.EmbedID = "straße" }},
		{"embedId too long", "embedId", func(f *Flow) { f.EmbedID = strings.Repeat("a", maxLabel+1) }},
		{"name missing", "name", func(f *Flow) { f.Name = "" }},
		{"name blank", "name", func(f *Flow) { f.Name = " \t " }},
		{"name too long", "name", func(f *Flow) { f.Name = long }},
		{"name control character", "name", func(f *Flow) { f.Name = "Verkauf\x7f" }},
		{"name C1 control character", "name", func(f *Flow) { f.Name = "Verkauf\u0085" }},
		{"name invalid UTF-8", "name", func(f *Flow) { f.Name = "Verkauf\xff" }},
		{"description invalid UTF-8", "description", func(f *Flow) { f.Description = "\xc3" }},
		{"timeZone missing", "timeZone", func(f *Flow) { f.TimeZone = "" }},
		{"timeZone without area", "timeZone", func(f *Flow) { f.TimeZone = "Berlin" }},
		{"timeZone abbreviation", "timeZone", func(f *Flow) { f.TimeZone = "CET" }},
		{"timeZone offset", "timeZone", func(f *Flow) { f.TimeZone = "+01:00" }},
		{"timeZone empty location", "timeZone", func(f *Flow) { f.TimeZone = "Europe/" }},
		{"timeZone empty area", "timeZone", func(f *Flow) { f.TimeZone = "/Berlin" }},
		{"timeZone space", "timeZone", func(f *Flow) { f.TimeZone = "Europe/Ber lin" }},
		{"timeZone digit first", "timeZone", func(f *Flow) { f.TimeZone = "Europe/1Berlin" }},
		{"timeZone dot-dot", "timeZone", func(f *Flow) { f.TimeZone = "Europe/../etc" }},
		{"timeZone too long", "timeZone", func(f *Flow) { f.TimeZone = "Europe/" + strings.Repeat("B", maxZone) }},
		{"start negative", "hours.mon[0]", func(f *Flow) { f.Hours[1].Start = -1 }},
		{"start past 24:00", "hours.sun[0]", func(f *Flow) { f.Hours[0] = Hours{Start: 1441, End: 1441} }},
		{"end past 24:00", "hours.fri[1]", func(f *Flow) { f.Hours[5].End = 1441 }},
		{"end before start", "hours.wed", func(f *Flow) { f.Hours[3] = Hours{Start: 22 * 60, End: 6 * 60} }},
		{"no steps", "steps", func(f *Flow) { f.Steps = nil }},
		{"group missing", "steps[1].group", func(f *Flow) { f.Steps[1].Group = "" }},
		{"group too long", "steps[0].group", func(f *Flow) { f.Steps[0].Group = long }},
		{"ring zero", "steps[0].ringSeconds", func(f *Flow) { f.Steps[0].RingSeconds = 0 }},
		{"ring negative", "steps[1].ringSeconds", func(f *Flow) { f.Steps[1].RingSeconds = -5 }},
		{"ring over 240", "steps[0].ringSeconds", func(f *Flow) { f.Steps = []Step{{"Verkauf", 241}} }},
		{"ring sum over 240", "steps[2].ringSeconds", func(f *Flow) {
			f.Steps = []Step{{"Verkauf", 100}, {"Service", 100}, {"Zentrale", 41}, {"Chef", 1}}
		}},
		{"exitUrl missing", "exitUrl", func(f *Flow) { f.ExitURL = "" }},
		{"outOfHoursUrl missing", "outOfHoursUrl", func(f *Flow) { f.OutOfHoursURL = "" }},
		{"escalationUrl missing", "escalationUrl", func(f *Flow) { f.EscalationURL = "" }},
		{"javascript URL", "exitUrl", func(f *Flow) { f.ExitURL = "javascript:alert(1)" }},
		{"javascript URL with slashes", "exitUrl", func(f *Flow) { f.ExitURL = "javascript://%0aalert(1)" }},
		{"data URL", "outOfHoursUrl", func(f *Flow) { f.OutOfHoursURL = "data:text/html,<script>x</script>" }},
		{"relative URL", "escalationUrl", func(f *Flow) { f.EscalationURL = "/rueckruf" }},
		{"scheme-relative URL", "escalationUrl", func(f *Flow) { f.EscalationURL = "//autohaus.example/x" }},
		{"ftp URL", "exitUrl", func(f *Flow) { f.ExitURL = "ftp://autohaus.example/" }},
		{"http without slashes", "exitUrl", func(f *Flow) { f.ExitURL = "http:autohaus.example" }},
		{"no host", "exitUrl", func(f *Flow) { f.ExitURL = "https:///danke" }},
		{"only dots as host", "exitUrl", func(f *Flow) { f.ExitURL = "https://../danke" }},
		{"user and password", "exitUrl", func(f *Flow) { f.ExitURL = "https://bank.example@evil.example/" }},
		{"port zero", "exitUrl", func(f *Flow) { f.ExitURL = "https://autohaus.example:0/" }},
		{"port too big", "exitUrl", func(f *Flow) { f.ExitURL = "https://autohaus.example:65536/" }},
		{"port not a number", "exitUrl", func(f *Flow) { f.ExitURL = "https://autohaus.example:https/" }},
		{"space in path", "exitUrl", func(f *Flow) { f.ExitURL = "https://autohaus.example/da nke" }},
		{"leading space", "exitUrl", func(f *Flow) { f.ExitURL = " https://autohaus.example/" }},
		{"newline", "exitUrl", func(f *Flow) { f.ExitURL = "https://autohaus.example/\n" }},
		{"backslash", "exitUrl", func(f *Flow) { f.ExitURL = `https:\\evil.example` }},
		{"stray percent at the end", "exitUrl", func(f *Flow) { f.ExitURL = "https://autohaus.example/#%" }},
		{"percent without hex", "exitUrl", func(f *Flow) { f.ExitURL = "https://autohaus.example/%zz" }},
		{"percent in host", "exitUrl", func(f *Flow) { f.ExitURL = "https://evil%2eexample/" }},
		{"unclosed IPv6", "exitUrl", func(f *Flow) { f.ExitURL = "https://[::1/" }},
		{"text after IPv6", "exitUrl", func(f *Flow) { f.ExitURL = "https://[::1]x/" }},
		{"empty IPv6", "exitUrl", func(f *Flow) { f.ExitURL = "https://[]/" }},
		{"IPv6 of colons only", "exitUrl", func(f *Flow) { f.ExitURL = "HTTP://[:]" }},
		{"IPv6 with two gaps", "exitUrl", func(f *Flow) { f.ExitURL = "https://[1::2::3]/" }},
		{"IPv6 with a zone", "exitUrl", func(f *Flow) { f.ExitURL = "https://[fe80::1%25eth0]/" }},
		{"IPv6 group of five digits", "exitUrl", func(f *Flow) { f.ExitURL = "https://[12345::1]/" }},
		{"IPv6 gap with eight groups", "exitUrl", func(f *Flow) { f.ExitURL = "https://[1:2:3:4::5:6:7:8]/" }},
		{"IPv6 of nine groups", "exitUrl", func(f *Flow) { f.ExitURL = "https://[1:2:3:4:5:6:7:8:9]/" }},
		{"IPv6 too short", "exitUrl", func(f *Flow) { f.ExitURL = "https://[1:2:3]/" }},
		{"IPv6 with a bad IPv4 tail", "exitUrl", func(f *Flow) { f.ExitURL = "https://[::ffff:1.2.3.04]/" }},
		{"IPv4 literal in brackets", "exitUrl", func(f *Flow) { f.ExitURL = "https://[127.0.0.1]/" }},
		{"URL too long", "exitUrl", func(f *Flow) { f.ExitURL = "https://a.example/" + strings.Repeat("x", maxURL) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := dealer()
			c.edit(&f)
			requireBad(t, f.Validate(), c.field)
		})
	}
}

func TestValidateAcceptsEdges(t *testing.T) {
	cases := []struct {
		name string
		edit func(f *Flow)
	}{
		{"name of exactly 100 characters", func(f *Flow) { f.Name = strings.Repeat("ä", maxLabel) }},
		{"UTC", func(f *Flow) { f.TimeZone = "UTC" }},
		{"three-part zone", func(f *Flow) { f.TimeZone = "America/Argentina/Buenos_Aires" }},
		{"zone with sign", func(f *Flow) { f.TimeZone = "Etc/GMT+5" }},
		{"zone with dashes", func(f *Flow) { f.TimeZone = "America/Port-au-Prince" }},
		{"open all day", func(f *Flow) { f.Hours[0] = Hours{Start: 0, End: 1440} }},
		{"closed at 24:00", func(f *Flow) { f.Hours[0] = Hours{Start: 1440, End: 1440} }},
		{"closed every day", func(f *Flow) { f.Hours = [7]Hours{} }},
		{"ring times sum to exactly 240", func(f *Flow) { f.Steps = []Step{{"A", 120}, {"B", 119}, {"A", 1}} }},
		{"one step of 240", func(f *Flow) { f.Steps = []Step{{"A", 240}} }},
		{"upper-case scheme and port", func(f *Flow) { f.ExitURL = "HTTPS://Autohaus.Example:8443/danke?x=1#top" }},
		{"http and IPv4", func(f *Flow) { f.ExitURL = "http://127.0.0.1:8080/x" }},
		{"IPv6", func(f *Flow) { f.ExitURL = "https://[2001:db8::1]:443/" }},
		{"IPv6 loopback", func(f *Flow) { f.ExitURL = "http://[::1]/" }},
		{"IPv6 full form", func(f *Flow) { f.ExitURL = "http://[2001:0db8:0:0:0:0:0:ff00]/" }},
		{"IPv6 with IPv4 tail", func(f *Flow) { f.ExitURL = "http://[::ffff:192.0.2.1]/" }},
		{"internationalized host", func(f *Flow) { f.ExitURL = "https://münchen.example/grüße" }},
		{"empty port", func(f *Flow) { f.ExitURL = "https://autohaus.example:/" }},
		{"percent-encoded path", func(f *Flow) { f.ExitURL = "https://autohaus.example/gr%C3%BC%c3%9fe%41" }},
		{"no path", func(f *Flow) { f.ExitURL = "https://autohaus.example" }},
		{"query right after host", func(f *Flow) { f.ExitURL = "https://autohaus.example?a=b@c" }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := dealer()
			c.edit(&f)
			require.NoError(t, f.Validate())
		})
	}
}

// TestErrorsNeverEchoValues: a phone number pasted into a field must not
// come back in the message.
func TestErrorsNeverEchoValues(t *testing.T) {
	const number = "+420777666555"
	edits := []func(f *Flow){
		func(f *Flow) { f.ExitURL = "tel:" + number },
		func(f *Flow) { f.EmbedID = number },
		func(f *Flow) { f.TimeZone = number },
		func(f *Flow) { f.Name = number + strings.Repeat(" ", maxLabel) },
	}
	for _, edit := range edits {
		f := dealer()
		edit(&f)
		err := f.Validate()
		require.Error(t, err)
		assert.NotContains(t, err.Error(), "777666")
	}
}

func TestErrorText(t *testing.T) {
	assert.Equal(t, "callflow: steps[0].ringSeconds: too long",
		(&Error{Code: BadInput, Field: "steps[0].ringSeconds", Msg: "too long"}).Error())
	assert.Equal(t, "callflow: is empty", (&Error{Code: BadInput, Msg: "is empty"}).Error())
}

func TestClock(t *testing.T) {
	for m, want := range map[int]string{0: "00:00", 59: "00:59", 8*60 + 5: "08:05", 23*60 + 59: "23:59", 1440: "24:00"} {
		assert.Equal(t, want, clock(m))
	}
	for m := 0; m <= minutesPerDay; m++ {
		back, ok := parseClock(clock(m))
		require.True(t, ok)
		require.Equal(t, m, back)
	}
}
