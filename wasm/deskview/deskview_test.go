package deskview

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestClock(t *testing.T) {
	cases := map[time.Duration]string{
		-3 * time.Second:                     "0:00",
		0:                                    "0:00",
		7*time.Second + 900*time.Millisecond: "0:07",
		12*time.Minute + 34*time.Second:      "12:34",
		time.Hour + 2*time.Minute + 3*time.Second: "1:02:03",
		26 * time.Hour: "26:00:00",
	}
	for d, want := range cases {
		assert.Equal(t, want, Clock(d), d.String())
	}
}

func TestSpoken(t *testing.T) {
	assert.Equal(t, "–", Spoken(0, false))
	assert.Equal(t, "9 s", Spoken(9*time.Second, true))
	assert.Equal(t, "4 min 33 s", Spoken(4*time.Minute+32*time.Second+600*time.Millisecond, true))
	assert.Equal(t, "1 h 2 min", Spoken(time.Hour+2*time.Minute+59*time.Second, true))
}

func TestElapsed(t *testing.T) {
	t0 := time.Date(2026, 5, 12, 9, 0, 0, 0, time.UTC)
	c := Contact{CreatedAt: t0}
	assert.Equal(t, 5*time.Second, Elapsed(c, t0.Add(5*time.Second)), "ringing: since it appeared")
	c.ConnectedAt = t0.Add(10 * time.Second)
	assert.Equal(t, 20*time.Second, Elapsed(c, t0.Add(30*time.Second)), "talk time once connected")
	c.EndedAt = t0.Add(40 * time.Second)
	assert.Equal(t, 30*time.Second, Elapsed(c, t0.Add(time.Hour)), "frozen when ended")
	assert.Equal(t, time.Duration(0), Elapsed(Contact{}, t0))
}

func TestMaskedNumber(t *testing.T) {
	m := MaskedNumber("+420777666555")
	assert.NotContains(t, m, "777666")
	assert.True(t, strings.HasSuffix(m, "555"), m)
	assert.Equal(t, "no number", MaskedNumber(""))
	assert.Equal(t, "1234", MaskedNumber("1234"), "an extension is not a phone number")
	label := CardLabel(Contact{Direction: "inbound", Channel: "voice", State: "ringing", Number: "+420777666555"})
	assert.True(t, strings.HasPrefix(label, "inbound voice call, ringing, "), label)
	assert.NotContains(t, label, "777666")
}

func TestContactEnabled(t *testing.T) {
	// For every state, the set of enabled buttons of an inbound voice call.
	want := map[string][]Action{
		"scheduled": nil,
		"queued":    nil,
		"offered":   {Answer},
		"ringing":   {Answer, Hangup},
		"dialing":   {Hangup},
		"connected": {Hangup, Hold, Keypad, Record},
		"held":      {Hangup, Resume, Record},
		"wrapup":    {Wrapup},
		"ended":     nil,
	}
	for state, actions := range want {
		var got []Action
		for _, a := range ContactActions {
			if ContactEnabled(Contact{Direction: "inbound", State: state}, a) {
				got = append(got, a)
			}
		}
		assert.Equal(t, actions, got, state)
	}
	assert.False(t, ContactEnabled(Contact{Direction: "outbound", State: "ringing"}, Answer), "the callee rings, not the agent")
	assert.False(t, ContactEnabled(Contact{State: "connected"}, Login), "not a contact action")
}

func TestAgentEnabled(t *testing.T) {
	want := map[string][]Action{
		"loggedOut": {Login},
		"ready":     {Pause, Logout},
		"paused":    {Login, Pause, Logout},
	}
	for av, actions := range want {
		var got []Action
		for _, a := range AgentActions {
			if AgentEnabled(Agent{Availability: av}, a) {
				got = append(got, a)
			}
		}
		assert.Equal(t, actions, got, av)
	}
	assert.True(t, AgentEnabled(Agent{Availability: "ready"}, Dial))
	assert.False(t, AgentEnabled(Agent{Availability: "paused"}, Dial), "CTToolbar7 refuses MakeCall while paused")
	assert.Equal(t, "Ready", LoginLabel(Agent{Availability: "paused"}))
	assert.Equal(t, "Log in", LoginLabel(Agent{Availability: "loggedOut"}))
}

func TestCurrent(t *testing.T) {
	assert.Equal(t, "", Current(nil))
	cs := []Contact{{ID: "a", State: "wrapup"}, {ID: "b", State: "connected"}, {ID: "c", State: "wrapup"}}
	assert.Equal(t, "b", Current(cs), "a live call before after-call work")
	assert.Equal(t, "c", Current([]Contact{{ID: "a", State: "wrapup"}, {ID: "c", State: "wrapup"}}), "the newest wrap-up")
	assert.Equal(t, "", Current([]Contact{{ID: "x", State: "ended"}}))
}

func TestShortcuts(t *testing.T) {
	assert.Equal(t, Answer, Lookup("KeyA", true, false, false, false))
	assert.Equal(t, None, Lookup("KeyA", false, false, false, false), "plain keys are for typing")
	assert.Equal(t, None, Lookup("KeyA", true, true, false, false), "Ctrl+Alt is AltGr")
	assert.Equal(t, None, Lookup("KeyA", true, false, false, true))
	assert.Equal(t, None, Lookup("KeyZ", true, false, false, false))
	seen := map[string]bool{}
	for _, s := range Shortcuts {
		assert.False(t, seen[s.Code], "two actions on %s", s.Code)
		seen[s.Code] = true
		assert.Equal(t, s.Action, Lookup(s.Code, true, false, false, false))
		assert.Equal(t, "Alt+"+strings.TrimPrefix(s.Code, "Key"), s.Key)
	}
	for _, a := range append(append([]Action{}, ContactActions...), AgentActions...) {
		assert.NotEmpty(t, KeyFor(a), "every button has a shortcut: %s", a)
	}
	assert.Equal(t, Resume, Toggle(Hold, Contact{State: "held"}))
	assert.Equal(t, Hold, Toggle(Hold, Contact{State: "connected"}))
	assert.Equal(t, Answer, Toggle(Answer, Contact{State: "held"}))
}

func TestActionNames(t *testing.T) {
	for a := Answer; a < actionCount; a++ {
		assert.Equal(t, a, ParseAction(a.String()))
	}
	assert.Equal(t, None, ParseAction(""))
	assert.Equal(t, None, ParseAction("explode"))
	assert.Equal(t, "", Action(200).String())
}

func TestDTMF(t *testing.T) {
	for _, k := range strings.Split(DTMFKeys, "") {
		assert.True(t, IsDTMF(k), k)
	}
	for _, k := range []string{"a", "", "12", "Enter", "+"} {
		assert.False(t, IsDTMF(k), k)
	}
}

func TestParseTime(t *testing.T) {
	assert.Equal(t, time.Date(2026, 5, 12, 9, 30, 0, 123e6, time.UTC), ParseTime("2026-05-12T09:30:00.123Z").UTC())
	assert.True(t, ParseTime("").IsZero())
	assert.True(t, ParseTime("yesterday").IsZero())
}

func TestLogLine(t *testing.T) {
	at := time.Date(2026, 5, 12, 14, 3, 7, 0, time.UTC)
	assert.Equal(t, "#12 14:03:07 contact ctt7 68-60f69967@pddialer1.e… ringing → connected",
		LogLine(Event{Seq: 12, At: at, Type: "contact", Vendor: "ctt7", ContactID: "68-60f69967@pddialer1.example.priv", From: "ringing", To: "connected"}, time.UTC))
	assert.Equal(t, "#1 14:03:07 contact ctt7 c1 offered",
		LogLine(Event{Seq: 1, At: at, Type: "contact", Vendor: "ctt7", ContactID: "c1", To: "offered"}, time.UTC))
	line := LogLine(Event{Seq: 3, Type: "error", Vendor: "facade", ErrorCode: "INVALID_STATE", ErrorMessage: "cannot dial +420777666555 while paused"}, time.UTC)
	assert.Equal(t, "#3 error facade INVALID_STATE: cannot dial +*********555 while paused", line)
	assert.Equal(t, "#4 session whisbi pin", LogLine(Event{Seq: 4, Type: "session", Vendor: "whisbi", SessionKind: "pin"}, time.UTC))
}

// call builds a tracked contact created at created, connected after ring
// (ring < 0: never), ended after talk (talk < 0: still going).
func call(id, dir string, created time.Time, ring, talk time.Duration) Contact {
	c := Contact{ID: id, Direction: dir, Channel: "voice", State: "ringing", CreatedAt: created}
	if ring >= 0 {
		c.ConnectedAt = created.Add(ring)
		c.State = "connected"
	}
	if talk >= 0 {
		c.EndedAt = created.Add(max(ring, 0) + talk)
		c.State = "ended"
	}
	return c
}

func TestTrackerStats(t *testing.T) {
	loc := time.FixedZone("CEST", 2*3600)
	now := time.Date(2026, 5, 12, 10, 30, 0, 0, loc)
	var tr Tracker
	tr.Observe(call("a", "inbound", now.Add(-10*time.Minute), 5*time.Second, 60*time.Second))  // answered today
	tr.Observe(call("b", "inbound", now.Add(-70*time.Minute), -1, 0))                          // missed today, an hour earlier
	tr.Observe(call("c", "outbound", now.Add(-5*time.Minute), 2*time.Second, 120*time.Second)) // outbound: today, not incoming
	tr.Observe(call("d", "inbound", now.Add(-20*time.Hour), 1*time.Second, 10*time.Second))    // yesterday: chart only
	tr.Observe(call("e", "inbound", now.Add(-49*time.Hour), 1*time.Second, 10*time.Second))    // outside the chart
	tr.Observe(call("f", "inbound", now.Add(-1*time.Minute), -1, -1))                          // still ringing
	tr.Observe(Contact{ID: "g", Channel: "callback", Direction: "outbound", CreatedAt: now})   // a callback is no call
	tr.Observe(Contact{ID: "h", Channel: "voice", Direction: "inbound"})                       // no time: ignored
	// A later snapshot replaces the earlier one.
	tr.Observe(call("f", "inbound", now.Add(-1*time.Minute), -1, -1))
	require.Equal(t, 6, tr.Len())

	s := tr.Stats(now, loc)
	assert.Equal(t, 4, s.CallsToday, "a, b, c, f")
	assert.Equal(t, 2, s.Timed)
	assert.Equal(t, 90*time.Second, s.AverageTalk)
	assert.Equal(t, time.Date(2026, 5, 10, 11, 0, 0, 0, loc), s.From)
	assert.Equal(t, Bucket{Incoming: 2, Answered: 1}, s.Hourly[Hours-1], "a answered, f still ringing")
	assert.Equal(t, Bucket{Incoming: 1, Missed: 1}, s.Hourly[Hours-2])
	assert.Equal(t, Bucket{Incoming: 1, Answered: 1}, s.Hourly[Hours-1-20])
	assert.Equal(t, "Last 48 hours: 4 incoming, 2 answered, 1 missed", s.Summary())

	in, ans, miss, top := s.Paths()
	assert.Equal(t, 2, top)
	for _, p := range []string{in, ans, miss} {
		assert.Equal(t, Hours, strings.Count(p, "M")+strings.Count(p, "L"), "one point per hour")
		assert.True(t, strings.HasPrefix(p, "M5 80L15 80"), p)
	}
	assert.True(t, strings.HasSuffix(in, "L475 4"), "two incoming in the last hour reach the top: %s", in)
	assert.True(t, strings.HasSuffix(ans, "L475 42"), ans)
	assert.True(t, strings.HasSuffix(miss, "L465 42L475 80"), miss)
}

func TestEmptyStats(t *testing.T) {
	var tr Tracker
	s := tr.Stats(time.Date(2026, 5, 12, 0, 0, 0, 0, time.UTC), time.UTC)
	assert.Equal(t, 0, s.CallsToday)
	assert.Equal(t, "–", Spoken(s.AverageTalk, s.Timed > 0))
	in, _, _, top := s.Paths()
	assert.Equal(t, 1, top)
	assert.NotContains(t, in, "NaN")
}

func TestTrackerIsBounded(t *testing.T) {
	var tr Tracker
	t0 := time.Date(2026, 5, 12, 0, 0, 0, 0, time.UTC)
	for i := range maxTracked + 10 {
		tr.Observe(call("c"+itoa(int64(i)), "inbound", t0.Add(time.Duration(i)*time.Second), 0, 1))
	}
	assert.LessOrEqual(t, tr.Len(), maxTracked)
	last := "c" + itoa(int64(maxTracked+9))
	tr.Observe(call(last, "inbound", t0, 0, 1)) // an update, not a new entry
	assert.LessOrEqual(t, tr.Len(), maxTracked)
	_, ok := tr.byID[last]
	assert.True(t, ok)
	_, ok = tr.byID["c0"]
	assert.False(t, ok, "the oldest go first")
}
