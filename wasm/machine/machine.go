package machine

import "github.com/agentshim/agentshim/wasm/phone"

// DefaultCommandTimeout is how long a command waits for the vendor's confirmation.
const DefaultCommandTimeout Millis = 10_000

// tombstones is how many deleted contact ids the machine remembers, so that a
// late duplicate of a contact's last events is recognised instead of creating
// the contact again. Bounded: a shift deletes thousands of contacts.
const tombstones = 64

// Config holds the machine's settings.
type Config struct {
	CommandTimeout Millis // 0 means DefaultCommandTimeout
}

// Machine is the whole agent/contact state. Step is its only mutator and a
// deterministic function of the state and the Input: no clock, no I/O.
type Machine struct {
	cfg Config
	seq uint64

	agent    Agent
	contacts map[string]*Contact
	list     []*Contact // contacts in creation order
	busy     int        // contacts in a busy state
	wrapups  int        // contacts in wrapup

	widgets    map[string]*Widget
	widgetList []*Widget
	sessions   kvList // session kind -> fingerprint of its last event

	campaigns    kvList // campaign id -> status
	statistics   records
	applications records

	free []*Contact // removed contacts, for reuse

	tomb    [tombstones]string
	tombPos int

	pending []pending
	out     Output
}

// New returns a machine with a logged-out agent and nothing else.
func New(cfg Config) *Machine {
	if cfg.CommandTimeout <= 0 {
		cfg.CommandTimeout = DefaultCommandTimeout
	}
	return &Machine{
		cfg:          cfg,
		free:         make([]*Contact, 0, 16),
		contacts:     map[string]*Contact{},
		widgets:      map[string]*Widget{},
		statistics:   records{byID: map[string]*Record{}},
		applications: records{byID: map[string]*Record{}},
	}
}

// Seq is the sequence number of the last event emitted.
func (m *Machine) Seq() uint64 { return m.seq }

// Agent returns the agent snapshot (Groups is shared: do not modify).
func (m *Machine) Agent() Agent { return m.agent }

// Contacts returns the live contacts in creation order (shared: do not modify).
func (m *Machine) Contacts() []*Contact { return m.list }

// Contact returns one contact, or nil.
func (m *Machine) Contact(id string) *Contact { return m.contacts[id] }

// Widgets returns the widgets in the order they became known.
func (m *Machine) Widgets() []*Widget { return m.widgetList }

// Statistics returns the telemarketing statistics record of an id, or nil.
func (m *Machine) Statistic(id string) *Record { return m.statistics.byID[id] }

// Statistics returns the telemarketing statistics records in the order they
// were created (shared: do not modify).
func (m *Machine) Statistics() []*Record { return m.statistics.list }

// Applications returns the telemarketing applications in the order they were
// created (shared: do not modify).
func (m *Machine) Applications() []*Record { return m.applications.list }

// Campaigns returns every known campaign id with its last status, in the order
// they became known (shared: do not modify).
func (m *Machine) Campaigns() []KV { return m.campaigns }

// Campaign returns a campaign's last known status ("" when unknown).
func (m *Machine) Campaign(id string) string { v, _ := m.campaigns.get(id); return v }

// Pending is the number of commands waiting for a vendor's confirmation.
func (m *Machine) Pending() int { return len(m.pending) }

// Step applies one input. The returned Output and everything it points to
// stay valid until the next Step.
func (m *Machine) Step(in *Input) *Output {
	m.out.Events = m.out.Events[:0]
	m.out.Effects = m.out.Effects[:0]
	m.out.Replies = m.out.Replies[:0]
	switch in.Op {
	case OpAgentReady:
		m.agentSignal(in, Ready, "")
	case OpAgentPaused:
		m.agentSignal(in, Paused, in.Reason)
	case OpAgentLoggedOut:
		m.agentSignal(in, LoggedOut, "")
	case OpAgentInfo:
		m.agentInfo(in)
	case OpContactData, OpContactTouched:
		m.contactData(in)
	case OpWidgetStatus, OpWidgetOpen, OpWidgetClosed:
		m.widgetSignal(in)
	case OpSession:
		m.session(in)
	case OpStatistic:
		m.upsert(in, &m.statistics, "statistic")
	case OpApplication:
		m.upsert(in, &m.applications, "application")
	case OpCampaignStatus:
		m.campaignStatus(in)
	case OpMalformed:
		code := in.Err
		if code == CodeNone {
			code = BadInput
		}
		m.fail(in, code, in.Text)
	case OpUnknown:
		m.fail(in, BadInput, in.Vendor.String()+" event "+quote(in.Name)+" is unknown to agentshim; it was kept in the trace and changed nothing")
	case OpCommand:
		m.command(in)
	case OpTick:
	case OpNone:
		m.fail(in, BadInput, "empty input")
	default:
		m.contactSignal(in)
	}
	if len(m.pending) > 0 {
		m.settle(in.At)
	}
	return &m.out
}

// emit appends an event with the next sequence number.
func (m *Machine) emit(in *Input, t EventType) *Event {
	m.seq++
	m.out.Events = append(m.out.Events, Event{Seq: m.seq, At: in.At, Type: t, Vendor: in.Vendor})
	return &m.out.Events[len(m.out.Events)-1]
}

// fail emits one error event. Messages quote vendor text (ids, names), so
// phone-like digit runs in them are masked.
func (m *Machine) fail(in *Input, code Code, msg string) {
	e := m.emit(in, EvError)
	e.ContactID = in.ContactID
	e.Error = Error{Code: code, Message: phone.Mask(msg), Vendor: in.Vendor, ContactID: in.ContactID}
}

func quote(s string) string { return "'" + s + "'" }
