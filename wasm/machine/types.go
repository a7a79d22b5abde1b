// Package machine is agentshim's agent/contact state machine: pure Go, no I/O,
// no clock, no syscall/js. Every vendor SDK event and every facade command is
// turned (by package decode) into an Input; Machine.Step applies one Input and
// returns the facade events, the vendor effects and the command replies it
// causes. Time only ever comes in with the Input, so a trace replays to the
// same output everywhere: natively, under Node and in the browser.
package machine

// Millis is a wall-clock instant in Unix milliseconds (UTC). Zero means unknown.
type Millis int64

// Vendor names the system an input came from or an effect goes to.
type Vendor uint8

const (
	VendorNone Vendor = iota
	VendorCTT7
	VendorMluvii
	VendorWhisbi
	VendorTelemarketing
	VendorVideo
	VendorFacade
)

var vendorNames = [...]string{"", "ctt7", "mluvii", "whisbi", "telemarketing", "video", "facade"}

func (v Vendor) String() string { return vendorNames[v] }

// ParseVendor maps a trace vendor name to a Vendor; ok is false for unknown names.
func ParseVendor(s string) (Vendor, bool) {
	for i, n := range vendorNames {
		if i > 0 && n == s {
			return Vendor(i), true
		}
	}
	return VendorNone, false
}

// Availability is what the agent chose.
type Availability uint8

const (
	LoggedOut Availability = iota
	Ready
	Paused
)

var availabilityNames = [...]string{"loggedOut", "ready", "paused"}

func (a Availability) String() string { return availabilityNames[a] }

// AgentState is the effective agent state: the availability, overridden by
// busy (a contact dialing, ringing, connected or held) and then by wrapup
// (a contact in after-call work and none busy).
type AgentState uint8

const (
	AgentLoggedOut AgentState = iota
	AgentReady
	AgentPaused
	AgentBusy
	AgentWrapup
)

var agentStateNames = [...]string{"loggedOut", "ready", "paused", "busy", "wrapup"}

func (s AgentState) String() string { return agentStateNames[s] }

// State is a contact's state. StateNone is "not yet known to the machine".
type State uint8

const (
	StateNone State = iota
	Scheduled
	Queued
	Offered
	Dialing
	Ringing
	Connected
	Held
	Wrapup
	Ended
	numStates
)

var stateNames = [...]string{"", "scheduled", "queued", "offered", "dialing", "ringing", "connected", "held", "wrapup", "ended"}

func (s State) String() string { return stateNames[s] }

// Busy reports whether a contact in this state occupies the agent.
func (s State) Busy() bool { return s == Dialing || s == Ringing || s == Connected || s == Held }

// Channel of a contact.
type Channel uint8

const (
	Voice Channel = iota
	Chat
	Video
	Callback
)

var channelNames = [...]string{"voice", "chat", "video", "callback"}

func (c Channel) String() string { return channelNames[c] }

// Direction of a contact.
type Direction uint8

const (
	Inbound Direction = iota
	Outbound
)

var directionNames = [...]string{"inbound", "outbound"}

func (d Direction) String() string { return directionNames[d] }

// WidgetStatus is a customer-side widget's button status (mluvii codes 0/1/2).
type WidgetStatus uint8

const (
	WidgetOffline WidgetStatus = iota
	WidgetOnline
	WidgetBusy
)

var widgetStatusNames = [...]string{"offline", "online", "busy"}

func (w WidgetStatus) String() string { return widgetStatusNames[w] }

// Code is an AgentShimError code from the facade contract.
type Code uint8

const (
	CodeNone Code = iota
	BadInput
	InvalidState
	UnknownContact
	VendorUnavailable
	VendorError
	Timeout
	NotReady
	LoadFailed
	Crashed
)

var codeNames = [...]string{"", "BAD_INPUT", "INVALID_STATE", "UNKNOWN_CONTACT", "VENDOR_UNAVAILABLE", "VENDOR_ERROR", "TIMEOUT", "NOT_READY", "LOAD_FAILED", "CRASHED"}

func (c Code) String() string { return codeNames[c] }

// Retryable reports whether trying the same thing again later may succeed.
func (c Code) Retryable() bool {
	return c == VendorUnavailable || c == Timeout || c == NotReady || c == Crashed
}

// KV is one call-data pair. Decoders hand call data over as a slice of pairs
// so that the common path needs no map allocation.
type KV struct{ Key, Value string }
