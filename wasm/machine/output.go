package machine

// EventType is the facade event type.
type EventType uint8

const (
	EvAgent EventType = iota
	EvContact
	EvContactData
	EvContactRemoved
	EvWidget
	EvSession
	EvCampaign
	EvError
)

var eventTypeNames = [...]string{"agent", "contact", "contact.data", "contact.removed", "widget", "session", "campaign", "error"}

func (t EventType) String() string { return eventTypeNames[t] }

// Agent is the AgentSnapshot of the facade contract.
type Agent struct {
	ID           string
	Availability Availability
	State        AgentState
	Reason       string
	Groups       []string
	Since        Millis
}

// Contact is the ContactSnapshot of the facade contract, plus the widget a
// chat belongs to and the application a callback belongs to.
type Contact struct {
	ID           string
	Vendor       Vendor
	Channel      Channel
	Direction    Direction
	State        State
	Number       string
	Data         map[string]string
	CreatedAt    Millis
	ConnectedAt  Millis
	EndedAt      Millis
	ScheduledFor Millis
	Outcome      string
	EndReason    string
	Widget       string
}

// Widget is one customer-side widget as the facade's widgets() shows it.
type Widget struct {
	Name   string
	Vendor Vendor
	Status WidgetStatus
	Open   bool
	Chats  int    // chat sessions created so far: the per-widget counter in chat ids
	Chat   string // the widget's current chat contact, "" when none
}

// Session is a customer-side step (session event).
type Session struct {
	Kind string
	Data []KV
}

// Campaign is the payload of a campaign event: a status change, or a
// statistics or application record that was created or updated.
type Campaign struct {
	Kind   string // "status", "statistic", "application"
	ID     string // campaign id
	Status string
	Record *Record
}

// Record is a telemarketing statistics or application record.
type Record struct {
	ID      string
	Updated Millis
	Fields  []KV
}

// Error is an AgentShimError.
type Error struct {
	Code      Code
	Message   string
	Vendor    Vendor
	ContactID string
}

// Event is one facade event. Only the fields its Type documents are set.
// Maps and slices inside are shared with the machine: encode an Event before
// the next Step.
type Event struct {
	Seq       uint64
	At        Millis
	Type      EventType
	Vendor    Vendor
	ContactID string
	From, To  string // agent or contact states, campaign statuses; From "" is null
	Agent     Agent
	Contact   Contact
	Widget    Widget
	Session   Session
	Campaign  Campaign
	Error     Error
}

// Effect is a validated command addressed to a vendor; package vendorcmd turns it into SDK calls.
type Effect struct {
	Vendor        Vendor
	Cmd           Cmd
	CmdID         uint32
	ContactID     string
	Widget        string
	Number        string
	Reason        string
	Digits        string
	On            bool
	Key, Value    string
	Outcome       string
	End           bool
	Groups        []string
	Data          []KV
	ServiceID     string
	CallProfileID string
	ECID          string // the easyCIM id from call data: a script exists to save
}

// Reply settles a facade command's promise: Err.Code == CodeNone resolves it
// with the agent (agent commands) or the contact snapshot.
type Reply struct {
	CmdID   uint32
	Cmd     Cmd
	Err     Error
	Agent   Agent
	Contact Contact
}

// Output is what one Step produced. Its slices are reused by the next Step.
type Output struct {
	Events  []Event
	Effects []Effect
	Replies []Reply
}
