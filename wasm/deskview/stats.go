package deskview

import (
	"strconv"
	"time"
)

// Hours is the length of the statistics chart, as on the server's dashboard.
const Hours = 48

// Bucket is one hour of the chart. Answered and missed are subsets of
// incoming; an inbound call still ringing is neither.
type Bucket struct{ Incoming, Answered, Missed int }

// Stats is what the statistics panel shows.
type Stats struct {
	CallsToday  int
	AverageTalk time.Duration // over calls of today that were answered and have ended
	Timed       int           // how many calls AverageTalk averages; 0: nothing to show
	Hourly      [Hours]Bucket // oldest first; the last is the current hour
	From        time.Time     // start of the first hour
}

// Tracker remembers every call the desk has seen, by id, as its latest
// snapshot: the facade forgets a contact once it is deleted, the statistics
// must not. It is not safe for concurrent use (the desk runs on one thread).
type Tracker struct {
	byID  map[string]int
	calls []Contact
}

// maxTracked bounds memory over a long shift; the oldest calls go first.
const maxTracked = 5000

// Observe records a contact snapshot from an event or from contacts().
// Scheduled callbacks are not calls until they are offered or dialled.
func (t *Tracker) Observe(c Contact) {
	if c.ID == "" || c.Channel == "callback" || c.CreatedAt.IsZero() {
		return
	}
	if t.byID == nil {
		t.byID = map[string]int{}
	}
	if i, ok := t.byID[c.ID]; ok {
		t.calls[i] = c
		return
	}
	if len(t.calls) >= maxTracked {
		t.calls = append(t.calls[:0], t.calls[maxTracked/10:]...)
		clear(t.byID)
		for i, k := range t.calls {
			t.byID[k.ID] = i
		}
	}
	t.byID[c.ID] = len(t.calls)
	t.calls = append(t.calls, c)
}

// Len is how many calls the tracker holds.
func (t *Tracker) Len() int { return len(t.calls) }

// Stats computes the panel's figures at now in loc: calls today (every
// direction, counted in the hour they appeared), the average talk time of
// today's answered and ended calls, and per hour the inbound calls and how
// many were answered or missed.
func (t *Tracker) Stats(now time.Time, loc *time.Location) Stats {
	local := now.In(loc)
	hour := time.Date(local.Year(), local.Month(), local.Day(), local.Hour(), 0, 0, 0, loc)
	from := hour.Add(-(Hours - 1) * time.Hour)
	to := hour.Add(time.Hour)
	today := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, loc)
	s := Stats{From: from}
	var talk time.Duration
	for _, c := range t.calls {
		at := c.CreatedAt
		if at.Before(from) || !at.Before(to) {
			continue
		}
		if c.Direction == "inbound" {
			b := &s.Hourly[int(at.Sub(from)/time.Hour)]
			b.Incoming++
			switch {
			case !c.ConnectedAt.IsZero():
				b.Answered++
			case c.State == "wrapup" || c.State == "ended":
				b.Missed++
			}
		}
		if at.Before(today) {
			continue
		}
		s.CallsToday++
		if !c.ConnectedAt.IsZero() && !c.EndedAt.IsZero() && !c.EndedAt.Before(c.ConnectedAt) {
			talk += c.EndedAt.Sub(c.ConnectedAt)
			s.Timed++
		}
	}
	if s.Timed > 0 {
		s.AverageTalk = talk / time.Duration(s.Timed)
	}
	return s
}

// Chart geometry: the SVG's viewBox is 0 0 ChartWidth ChartHeight, one
// ChartStep per hour; the page scales it.
const (
	ChartWidth  = Hours * ChartStep
	ChartHeight = 80
	ChartStep   = 10
)

// Paths returns SVG path data for the three series (a polyline through the
// middle of each hour) and the value the top of the chart stands for (at
// least 1, so an empty chart is a flat line at the bottom).
func (s Stats) Paths() (incoming, answered, missed string, top int) {
	top = 1
	for _, b := range s.Hourly {
		top = max(top, b.Incoming)
	}
	line := func(v func(Bucket) int) string {
		p := make([]byte, 0, Hours*12)
		for i, b := range s.Hourly {
			if i == 0 {
				p = append(p, 'M')
			} else {
				p = append(p, 'L')
			}
			p = strconv.AppendInt(p, int64(i*ChartStep+ChartStep/2), 10)
			p = append(p, ' ')
			y := float64(ChartHeight) - float64(v(b))*float64(ChartHeight-4)/float64(top)
			p = strconv.AppendFloat(p, y, 'f', -1, 64)
		}
		return string(p)
	}
	return line(func(b Bucket) int { return b.Incoming }),
		line(func(b Bucket) int { return b.Answered }),
		line(func(b Bucket) int { return b.Missed }), top
}

// Summary is the chart's text alternative for screen readers.
func (s Stats) Summary() string {
	var in, ans, miss int
	for _, b := range s.Hourly {
		in += b.Incoming
		ans += b.Answered
		miss += b.Missed
	}
	return "Last 48 hours: " + itoa(int64(in)) + " incoming, " + itoa(int64(ans)) + " answered, " + itoa(int64(miss)) + " missed"
}
