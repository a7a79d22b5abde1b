package dashboard

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/agentshim/agentshim/cmd/agentshim-serve/store"
)

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t
}

func ptr[T any](v T) *T { return &v }

// fixtureNow and fixtureCalls are a day worked out by hand in Asia/Kolkata
// (UTC+05:30, so hour buckets start at :30 UTC). now is 09:40 IST on 12 May:
// the chart runs from 10:00 IST on 10 May (bucket 0, 04:30Z) to the hour
// starting 09:00 IST on 12 May (bucket 47); "today" starts at 00:00 IST on
// 12 May, which is 18:30Z on 11 May.
var fixtureNow = utc("2026-05-12T04:10:00Z")

type fixtureCall struct {
	name string
	ev   store.Event
	call store.Call
	recv time.Time
}

func fixtureCalls() []fixtureCall {
	received := utc("2026-05-12T02:00:00Z")
	return []fixtureCall{
		// A: answered today, 240 s, bucket 47 (09:05 IST).
		{"A", store.EndCall, store.Call{ID: "a0000000-0000-4000-8000-000000000001",
			Start: ptr(utc("2026-05-12T03:35:00Z")), End: ptr(utc("2026-05-12T03:39:00Z")), UserID: ptr[int64](1)}, received},
		// B: stamped after now but within the current hour: counts; 300 s.
		{"B", store.EndCall, store.Call{ID: "a0000000-0000-4000-8000-000000000002",
			Start: ptr(utc("2026-05-12T04:20:00Z")), End: ptr(utc("2026-05-12T04:25:00Z")), UserID: ptr[int64](2)}, received},
		// C: ended unanswered at 00:10 IST on 12 May: missed, today, bucket 38.
		{"C", store.EndCall, store.Call{ID: "a0000000-0000-4000-8000-000000000003",
			End: ptr(utc("2026-05-11T18:40:00Z"))}, received},
		// D: answered at 23:50 IST on 11 May: bucket 37, not today (1800 s not averaged).
		{"D", store.EndCall, store.Call{ID: "a0000000-0000-4000-8000-000000000004",
			Start: ptr(utc("2026-05-11T18:20:00Z")), End: ptr(utc("2026-05-11T18:50:00Z")), UserID: ptr[int64](3)}, received},
		// E: a start-call with no times and no user (still ringing), filed
		// under its arrival at 07:30 IST: bucket 45, today, neither answered nor missed.
		{"E", store.StartCall, store.Call{ID: "a0000000-0000-4000-8000-000000000005"}, received},
		// F: one minute before the chart: left out everywhere.
		{"F", store.StartCall, store.Call{ID: "a0000000-0000-4000-8000-000000000006",
			Start: ptr(utc("2026-05-10T04:29:00Z")), UserID: ptr[int64](4)}, received},
		// G: exactly at the chart's start, answered and still running: bucket 0.
		{"G", store.StartCall, store.Call{ID: "a0000000-0000-4000-8000-000000000007",
			Start: ptr(utc("2026-05-10T04:30:00Z")), UserID: ptr[int64](4)}, received},
		// H: answered today, but its end (from another webhook) precedes its
		// start: bucket 44, counted, no duration.
		{"H", store.EndCall, store.Call{ID: "a0000000-0000-4000-8000-000000000008",
			Start: ptr(utc("2026-05-12T01:00:00Z")), End: ptr(utc("2026-05-12T00:59:00Z")), UserID: ptr[int64](5)}, received},
		// I: answered today, 100.5 s, bucket 43 (05:30 IST).
		{"I", store.EndCall, store.Call{ID: "a0000000-0000-4000-8000-000000000009",
			Start: ptr(utc("2026-05-12T00:00:00Z")), End: ptr(utc("2026-05-12T00:01:40.5Z")), UserID: ptr[int64](6)}, received},
		// J: rang from 07:40 to 07:41 IST and ended with nobody answering:
		// missed, today, bucket 45; its minute is no call duration.
		{"J", store.EndCall, store.Call{ID: "a0000000-0000-4000-8000-00000000000a",
			Start: ptr(utc("2026-05-12T02:10:00Z")), End: ptr(utc("2026-05-12T02:11:00Z"))}, received},
	}
}

// storedCalls is what the store would hand back for the fixture.
func storedCalls() []store.Call {
	var out []store.Call
	for _, f := range fixtureCalls() {
		c := f.call
		c.Ended = f.ev == store.EndCall
		c.Received = f.recv
		out = append(out, c)
	}
	return out
}

// wantHourly is the hand-worked chart: bucket index → incoming, answered, missed.
var wantHourly = map[int][3]int{
	0:  {1, 1, 0}, // G
	37: {1, 1, 0}, // D
	38: {1, 0, 1}, // C
	43: {1, 1, 0}, // I
	44: {1, 1, 0}, // H
	45: {2, 0, 1}, // E, J
	47: {2, 2, 0}, // A, B
}

func checkFixtureFigures(t *testing.T, f Figures) {
	t.Helper()
	assert.Equal(t, "2026-05-12T09:40:00+05:30", f.Now)
	assert.Equal(t, "Asia/Kolkata", f.TimeZone)
	assert.Equal(t, 7, f.CallsToday, "A, B, C, E, H, I, J")
	require.NotNil(t, f.AverageDurationSecondsToday)
	assert.Equal(t, 213.5, *f.AverageDurationSecondsToday, "(240 + 300 + 100.5) / 3")
	require.Len(t, f.Hourly, 48)
	assert.Equal(t, "2026-05-10T10:00:00+05:30", f.Hourly[0].Hour)
	assert.Equal(t, "2026-05-11T23:00:00+05:30", f.Hourly[37].Hour)
	assert.Equal(t, "2026-05-12T00:00:00+05:30", f.Hourly[38].Hour)
	assert.Equal(t, "2026-05-12T09:00:00+05:30", f.Hourly[47].Hour)
	for i, h := range f.Hourly {
		want := wantHourly[i]
		assert.Equal(t, want, [3]int{h.Incoming, h.Answered, h.Missed}, "bucket %d (%s)", i, h.Hour)
	}
}

func TestComputeOnHandWorkedDay(t *testing.T) {
	loc, err := time.LoadLocation("Asia/Kolkata")
	require.NoError(t, err)
	f := Compute(fixtureNow, loc, 3, storedCalls())
	assert.Equal(t, 3, f.AgentsLoggedIn)
	checkFixtureFigures(t, f)
}

func TestComputeWithoutTimedCalls(t *testing.T) {
	f := Compute(fixtureNow, time.UTC, 0, nil)
	assert.Nil(t, f.AverageDurationSecondsToday, "no answered call with both times: no average")
	assert.Zero(t, f.CallsToday)
	require.Len(t, f.Hourly, 48)
	assert.Equal(t, "2026-05-10T05:00:00Z", f.Hourly[0].Hour)
	assert.Equal(t, "2026-05-12T04:00:00Z", f.Hourly[47].Hour)
}

// The 48 buckets are 48 real hours, also across a change of clocks: in
// Berlin on 29 March 2026 the hour after 01:00 CET is 03:00 CEST.
func TestHoursAcrossSpringForward(t *testing.T) {
	loc, err := time.LoadLocation("Europe/Berlin")
	require.NoError(t, err)
	now := utc("2026-03-29T12:30:00+02:00")
	calls := []store.Call{
		{ID: "today", Start: ptr(utc("2026-03-28T23:30:00Z")), Received: now},     // 00:30 CET on the 29th
		{ID: "yesterday", Start: ptr(utc("2026-03-28T22:59:00Z")), Received: now}, // 23:59 CET on the 28th
	}
	f := Compute(now, loc, 0, calls)
	require.Len(t, f.Hourly, 48)
	assert.Equal(t, "2026-03-27T12:00:00+01:00", f.Hourly[0].Hour)
	assert.Equal(t, "2026-03-29T01:00:00+01:00", f.Hourly[37].Hour)
	assert.Equal(t, "2026-03-29T03:00:00+02:00", f.Hourly[38].Hour)
	assert.Equal(t, "2026-03-29T12:00:00+02:00", f.Hourly[47].Hour)
	assert.Equal(t, 1, f.CallsToday, "today began at 00:00 CET")
	assert.Equal(t, 1, f.Hourly[36].Incoming, "00:00 CET")
	assert.Equal(t, 1, f.Hourly[35].Incoming, "23:00 CET the day before")
}

// When the clocks go back, 02:00 comes twice; each instant belongs to its own.
func TestHourStartWhenClocksGoBack(t *testing.T) {
	loc, err := time.LoadLocation("Europe/Berlin")
	require.NoError(t, err)
	first := hourStart(utc("2026-10-25T00:30:00Z"), loc)
	second := hourStart(utc("2026-10-25T01:30:00Z"), loc)
	assert.Equal(t, "2026-10-25T02:00:00+02:00", first.Format(time.RFC3339))
	assert.Equal(t, "2026-10-25T02:00:00+01:00", second.Format(time.RFC3339))
	assert.Equal(t, time.Hour, second.Sub(first))

	kolkata, err := time.LoadLocation("Asia/Kolkata")
	require.NoError(t, err)
	assert.Equal(t, "2026-05-12T09:00:00+05:30", hourStart(fixtureNow, kolkata).Format(time.RFC3339))
}
