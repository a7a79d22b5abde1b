package machine

// Op says what an Input means. Decoders map every vendor event and every
// facade command onto one or more Ops; the machine knows nothing of vendor
// event names.
type Op uint8

const (
	OpNone Op = iota

	// Agent signals from a vendor.
	OpAgentReady     // LOGGEDIN, AGENT:LOGGEDIN (AgentID when the vendor's state object names the agent)
	OpAgentPaused    // PAUSED, AGENT:PAUSE, PAUSEDSUBSTATE:<Reason>
	OpAgentLoggedOut // LOGGEDOUT, AGENT:LOGGEDOUT
	OpAgentInfo      // the agent's ID and/or groups became known (getter answers)

	// Contact signals from a vendor; each asks for a contact state.
	OpContactScheduled
	OpContactQueued
	OpContactOffered
	OpContactDialing
	OpContactRinging
	OpContactConnected
	OpContactHeld
	OpContactResumed
	OpContactHoldToggle // CTToolbar7 "Hold": connected <-> held
	OpContactCleared    // the conversation is over: after-call work
	OpContactEnded      // the contact is finished (EndReason may come with it)
	OpContactDeleted    // finished and removed from contacts()
	OpContactData       // call data changed, no state change
	OpContactTouched    // a known event that changes no state (JOBSTARTED); data may merge

	// Customer-side signals.
	OpWidgetStatus // Status holds the mluvii code 0/1/2
	OpWidgetOpen
	OpWidgetClosed
	OpSession // Text holds the session kind; Data its fields

	// Telemarketing records.
	OpStatistic      // Key = statisticId, When = updatedDate, Text = campaignId, Data = fields
	OpApplication    // Key = application id, When = eventCreationDate, Data = fields
	OpCampaignStatus // Key = campaignId, Text = status

	// Decoder findings: the event is kept in the trace and reported as an error.
	OpMalformed // payload unusable, or a vendor failure to report; Text says why, Err the code (default BAD_INPUT)
	OpUnknown   // event name not known for the vendor

	// A facade command (Cmd says which).
	OpCommand

	// Time passes: pending commands whose deadline is over are rejected.
	OpTick

	numOps
)

var opNames = [...]string{"none", "agentReady", "agentPaused", "agentLoggedOut", "agentInfo",
	"contactScheduled", "contactQueued", "contactOffered", "contactDialing", "contactRinging",
	"contactConnected", "contactHeld", "contactResumed", "contactHoldToggle", "contactCleared",
	"contactEnded", "contactDeleted", "contactData", "contactTouched",
	"widgetStatus", "widgetOpen", "widgetClosed", "session",
	"statistic", "application", "campaignStatus", "malformed", "unknown", "command", "tick"}

func (o Op) String() string {
	if int(o) < len(opNames) {
		return opNames[o]
	}
	return "op?"
}

// Cmd names a facade command.
type Cmd uint8

const (
	CmdNone Cmd = iota
	CmdLogin
	CmdPause
	CmdLogout
	CmdSetGroups
	CmdDial
	CmdAnswer
	CmdHangup
	CmdHold
	CmdResume
	CmdDTMF
	CmdRecord
	CmdSetData
	CmdWrapup
	numCmds
)

var cmdNames = [...]string{"", "login", "pause", "logout", "setGroups", "dial", "answer", "hangup",
	"hold", "resume", "dtmf", "record", "setData", "wrapup"}

func (c Cmd) String() string { return cmdNames[c] }

// ParseCmd maps a facade command name to a Cmd.
func ParseCmd(s string) (Cmd, bool) {
	for i, n := range cmdNames {
		if i > 0 && n == s {
			return Cmd(i), true
		}
	}
	return CmdNone, false
}

// Input is one thing that happened. Fields beyond Op, At and Vendor are
// meaningful only for the Ops that document them. Slices are borrowed: the
// machine copies what it keeps, so decoders may reuse their buffers.
type Input struct {
	Op     Op
	At     Millis
	Vendor Vendor
	Name   string // the vendor's own event name, for error messages

	ContactID string
	Widget    string // mluvii widget name: chat contacts are resolved through it
	Channel   Channel
	Direction Direction
	Number    string
	Data      []KV
	When      Millis // scheduledFor, or a record's date
	Reason    string // pause reason or end reason
	Text      string // session kind, campaign status, error detail
	Key       string // record id; setData key
	Value     string // setData value
	Status    uint8  // widget status code

	AgentID string
	Groups  []string

	// Facade commands.
	Cmd           Cmd
	CmdID         uint32 // the facade's promise id; 0 in replays
	Digits        string
	On            bool // record on/off
	Outcome       string
	End           bool // wrapup: also leave after-call work
	ServiceID     string
	CallProfileID string
	CampaignID    string
	Err           Code // set by the decoder when a command's arguments are bad
}
