// Package dashboard computes and shows the supervisor's call statistics the
// video-call backend's dashboard has (vendor doc: video-call-backend-admin-de.txt,
// "Dashboard"): agents logged in, calls today, average call duration today,
// and incoming / answered / missed calls per hour over the last 48 hours.
package dashboard

import (
	"math"
	"time"

	_ "time/tzdata" // ?tz= must work on machines without /usr/share/zoneinfo

	"github.com/agentshim/agentshim/cmd/agentshim-serve/store"
)

// Hours is the length of the hourly chart.
const Hours = 48

// AgentWindow is how recent a heartbeat must be for its agent to count as
// logged in. Desks send one well within it.
const AgentWindow = 60 * time.Second

// Figures is the JSON answer of GET /api/dashboard.
type Figures struct {
	Now                         string   `json:"now"`
	TimeZone                    string   `json:"timeZone"`
	AgentsLoggedIn              int      `json:"agentsLoggedIn"`
	CallsToday                  int      `json:"callsToday"`
	AverageDurationSecondsToday *float64 `json:"averageDurationSecondsToday"` // null: no answered call with both times
	Hourly                      []Hour   `json:"hourly"`                      // Hours entries, oldest first
}

// Hour is one bar group of the chart. Every call counts once, in the hour
// of its Call.At; answered and missed are subsets of incoming (a call still
// ringing is neither).
type Hour struct {
	Hour     string `json:"hour"` // the hour's start, ISO 8601 in the requested zone
	Incoming int    `json:"incoming"`
	Answered int    `json:"answered"`
	Missed   int    `json:"missed"`
}

// hourStart is the start of the local hour containing t. It works on the
// instant's own UTC offset, so it is exact for zones like +05:30 and never
// picks the wrong one of two 02:00s when the clocks go back.
func hourStart(t time.Time, loc *time.Location) time.Time {
	_, off := t.In(loc).Zone()
	local := t.Unix() + int64(off)
	return time.Unix(local-mod(local, 3600)-int64(off), 0).In(loc)
}

func mod(a, b int64) int64 { return ((a % b) + b) % b }

// dayStart is local midnight of t's day.
func dayStart(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}

// Window is the span of calls Compute needs, [from, to): the 48 hours ending
// with the current hour. "Today" runs from local midnight to the end of the
// current hour, so a call stamped a little after now (the sender's clock runs
// ahead) still counts.
func Window(now time.Time, loc *time.Location) (from, to time.Time) {
	current := hourStart(now, loc)
	return current.Add(-(Hours - 1) * time.Hour), current.Add(time.Hour)
}

// Compute builds the figures from the calls of Window and the agent count.
func Compute(now time.Time, loc *time.Location, agents int, calls []store.Call) Figures {
	from, to := Window(now, loc)
	today := dayStart(now, loc)
	f := Figures{
		Now:            now.In(loc).Format(time.RFC3339),
		TimeZone:       loc.String(),
		AgentsLoggedIn: agents,
		Hourly:         make([]Hour, Hours),
	}
	for i := range f.Hourly {
		f.Hourly[i].Hour = from.Add(time.Duration(i) * time.Hour).In(loc).Format(time.RFC3339)
	}
	var total time.Duration
	timed := 0
	for _, c := range calls {
		at := c.At()
		if at.Before(from) || !at.Before(to) {
			continue
		}
		count(&f.Hourly[int(at.Sub(from)/time.Hour)], c)
		if at.Before(today) {
			continue
		}
		f.CallsToday++
		if d, ok := duration(c); ok {
			total += d
			timed++
		}
	}
	if timed > 0 {
		avg := math.Round(total.Seconds()/float64(timed)*10) / 10
		f.AverageDurationSecondsToday = &avg
	}
	return f
}

func count(h *Hour, c store.Call) {
	h.Incoming++
	if c.Answered() {
		h.Answered++
	}
	if c.Missed() {
		h.Missed++
	}
}

// duration is how long an answered call lasted, when both ends are known.
func duration(c store.Call) (time.Duration, bool) {
	if !c.Answered() || c.Start == nil || c.End == nil || c.End.Before(*c.Start) {
		return 0, false
	}
	return c.End.Sub(*c.Start), true
}
