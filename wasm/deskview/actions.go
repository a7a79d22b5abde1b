package deskview

// Action is something the agent can do from the desk.
type Action uint8

// The desk's actions. Contact actions act on one contact; agent actions on
// the agent.
const (
	None Action = iota
	// contact actions
	Answer
	Hangup
	Hold
	Resume
	Keypad // opens the DTMF keypad; each key then sends shim.dtmf
	Record
	Wrapup // opens the after-call dialog
	// agent actions
	Login  // also "ready" from a pause
	Pause  // with the reason picked in the pause-reason picker
	Logout //
	Dial   // focuses the number field; Enter there dials
	Log    // focuses the event log
	actionCount
)

var actionNames = [actionCount]string{"", "answer", "hangup", "hold", "resume", "keypad", "record", "wrapup",
	"login", "pause", "logout", "dial", "log"}

// String is the action's name, used as the buttons' data-action.
func (a Action) String() string {
	if a < actionCount {
		return actionNames[a]
	}
	return ""
}

// ParseAction is the inverse of String; None for an unknown name.
func ParseAction(s string) Action {
	for i, n := range actionNames {
		if n == s && n != "" {
			return Action(i)
		}
	}
	return None
}

// ContactActions are the buttons of a contact card, in their focus order.
var ContactActions = []Action{Answer, Hangup, Hold, Resume, Keypad, Record, Wrapup}

// AgentActions are the buttons of the agent bar, in their focus order.
var AgentActions = []Action{Login, Pause, Logout}

// ContactEnabled reports whether a contact card's button works in the
// contact's state. It mirrors what the machine accepts (an action it would
// refuse with INVALID_STATE is disabled rather than left to fail):
// CTToolbar7 answers only inbound offers, holds and plays DTMF only on an
// established call, records an established or held one, hangs up anything
// still online, and finishes after-call work.
func ContactEnabled(c Contact, a Action) bool {
	s := c.State
	switch a {
	case Answer:
		return c.Direction == "inbound" && (s == "offered" || s == "ringing")
	case Hangup:
		return s == "dialing" || s == "ringing" || s == "connected" || s == "held"
	case Hold, Keypad:
		return s == "connected"
	case Resume:
		return s == "held"
	case Record:
		return s == "connected" || s == "held"
	case Wrapup:
		return s == "wrapup"
	}
	return false
}

// AgentEnabled reports whether an agent-bar action works for the agent:
// Login from logged out or paused (it reads "Ready" then), Pause from ready
// or paused (to change the reason), Logout unless logged out, Dial only when
// ready (the toolbar refuses MakeCall while paused).
func AgentEnabled(ag Agent, a Action) bool {
	av := ag.Availability
	switch a {
	case Login:
		return av == "loggedOut" || av == "paused" || av == ""
	case Pause:
		return av == "ready" || av == "paused"
	case Logout:
		return av == "ready" || av == "paused"
	case Dial:
		return av == "ready"
	case Log:
		return true
	}
	return false
}

// LoginLabel is the Login button's text: "Log in", or "Ready" from a pause.
func LoginLabel(ag Agent) string {
	if ag.Availability == "paused" {
		return "Ready"
	}
	return "Log in"
}

// Current picks the contact the shortcuts act on when focus is on no card:
// the newest live contact, else the newest in after-call work. contacts are
// in the facade's order (oldest first). It returns "" when there is none.
func Current(contacts []Contact) string {
	for _, want := range []func(Contact) bool{Contact.Live, func(c Contact) bool { return c.State == "wrapup" }} {
		for i := len(contacts) - 1; i >= 0; i-- {
			if want(contacts[i]) {
				return contacts[i].ID
			}
		}
	}
	return ""
}
