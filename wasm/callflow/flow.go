package callflow

// MaxRing is the vendor's limit on the summed ring times of a flow, in
// seconds; it is also the limit on each single step.
const MaxRing = 240

// Flow is one call flow: when it is open, whom it rings in which order, and
// where the visitor is sent afterwards. Flows from Parse are valid; build
// one by hand and call Validate before using it.
type Flow struct {
	ID          string // the backend's id, sent as "callflow" in webhooks; optional
	EmbedID     string // the data-cwbbb-igh value that selects this flow on a page
	Name        string
	Description string
	TimeZone    string   // IANA name the hours are given in, e.g. "Europe/Berlin"
	Hours       [7]Hours // indexed by weekday, 0 = Sunday
	Steps       []Step   // tried top to bottom

	ExitURL       string // after a successful call
	OutOfHoursURL string // when a call starts outside business hours
	EscalationURL string // when nobody answered within the summed ring times
}

// Hours is one day's opening time in minutes since local midnight: open from
// Start (inclusive) to End (exclusive). Start == End means closed that day;
// End may be 1440 (24:00), and never before Start: a flow has no overnight
// hours, split them over two days instead.
type Hours struct{ Start, End int }

// Step rings one call group for RingSeconds before moving on.
type Step struct {
	Group       string
	RingSeconds int
}

// LocalTime is a moment as a wall clock in the flow's time zone shows it.
// The caller computes it (in the browser with Intl.DateTimeFormat and the
// flow's TimeZone), because this package cannot carry zone data.
type LocalTime struct {
	Weekday int // 0 = Sunday … 6 = Saturday
	Minute  int // minutes since local midnight, 0..1439
}

// Valid reports whether t names a real minute of a week.
func (t LocalTime) Valid() bool {
	return t.Weekday >= 0 && t.Weekday < 7 && t.Minute >= 0 && t.Minute < minutesPerDay
}

const minutesPerDay = 24 * 60

// Kind is what Decide tells the embed to do.
type Kind uint8

const (
	Invalid    Kind = iota // the LocalTime was not a real minute of a week
	Route                  // ring the steps; escalate after EscalationAfter seconds
	OutOfHours             // send the visitor to the out-of-hours URL
)

var kindNames = [...]string{"invalid", "route", "outOfHours"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "invalid"
}

// Decision is the outcome of Decide. Steps aliases the flow's steps.
type Decision struct {
	Kind  Kind
	URL   string // OutOfHours: where to send the visitor
	Steps []Step // Route: whom to ring, top to bottom
}

// Open reports whether the flow takes calls at t.
func (f *Flow) Open(t LocalTime) bool {
	if !t.Valid() {
		return false
	}
	h := f.Hours[t.Weekday]
	return h.Start <= t.Minute && t.Minute < h.End
}

// Decide says what to do with a call that starts at t (the flow's local
// time). It assumes a valid flow.
func (f *Flow) Decide(t LocalTime) Decision {
	switch {
	case !t.Valid():
		return Decision{}
	case !f.Open(t):
		return Decision{Kind: OutOfHours, URL: f.OutOfHoursURL}
	}
	return Decision{Kind: Route, Steps: f.Steps}
}

// Ring is one step of a flow on a timeline that starts when the call starts:
// Group rings from second From until second Until.
type Ring struct {
	Group       string
	From, Until int
}

// Plan lays the steps end to end, so that the embed can schedule ringing
// and escalation from one start time without drift between steps. The last
// Until equals EscalationAfter.
func (f *Flow) Plan() []Ring {
	plan := make([]Ring, len(f.Steps))
	at := 0
	for i, s := range f.Steps {
		plan[i] = Ring{Group: s.Group, From: at, Until: at + s.RingSeconds}
		at += s.RingSeconds
	}
	return plan
}

// EscalationAfter is how many seconds after the call starts the visitor is
// sent to the escalation URL if nobody has answered: the summed ring times.
func (f *Flow) EscalationAfter() int {
	total := 0
	for _, s := range f.Steps {
		total += s.RingSeconds
	}
	return total
}

// Find returns the flow with the given embed id, or nil. Parse refuses
// documents in which two flows share an embed id.
func Find(flows []Flow, embedID string) *Flow {
	for i := range flows {
		if flows[i].EmbedID == embedID {
			return &flows[i]
		}
	}
	return nil
}
