// Package deskview is the agent desktop's view logic without the browser:
// what a contact card shows (masked number, live duration), which buttons are
// enabled in which state, the keyboard shortcut table, the event log lines
// and the statistics panel with its 48-hour chart as SVG path data.
//
// It is pure Go (no syscall/js), tested natively with -race; wasm/desk is the
// thin dom/v2 layer that draws it. It avoids fmt, encoding/json and reflect:
// desk.wasm pays for every package it links.
package deskview

import "time"

// Agent is the facade's AgentSnapshot, as much of it as the desk shows.
type Agent struct {
	ID           string
	Availability string // loggedOut | ready | paused
	State        string // loggedOut | ready | paused | busy | wrapup
	Reason       string
	Since        time.Time
}

// Pair is one call-data entry, kept in the order the desk shows it.
type Pair struct{ Key, Value string }

// Contact is the facade's ContactSnapshot, as much of it as the desk shows.
// Zero times mean null.
type Contact struct {
	ID, Vendor, Channel, Direction, State string
	Number                                string // as the facade gives it; shown masked
	Data                                  []Pair
	CreatedAt, ConnectedAt, EndedAt       time.Time
	Outcome, EndReason                    string
}

// Live reports whether the contact still occupies the agent (not ended, not
// in after-call work).
func (c Contact) Live() bool {
	switch c.State {
	case "wrapup", "ended", "":
		return false
	}
	return true
}

// ParseTime reads a facade timestamp (ISO 8601, e.g.
// "2026-05-12T09:30:00.123Z"); null, empty or malformed give the zero time,
// which the view treats as "not yet".
func ParseTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}
	}
	return t
}

// DefaultPauseReasons are offered when the page configures none. The codes
// go to CTToolbar7's PauseSubState as they are.
var DefaultPauseReasons = []string{"BREAK", "LUNCH", "TRAINING", "MEETING"}

// DefaultOutcomes are offered in the after-call dialog when the page
// configures none.
var DefaultOutcomes = []string{"SALE", "NO_SALE", "CALLBACK", "WRONG_NUMBER"}
