package machine

// The contact machine is a table: for each state-changing Op and each
// current state, the next state. A cell is one of
//   - a move to another state (an event),
//   - "same": the contact is already there, so the input is a duplicate (no event),
//   - "bad": the input cannot be accepted here (one INVALID_STATE error event).
// StateNone as the current state means the contact is not known yet: a move
// from StateNone creates it.

type cellKind uint8

const (
	cellBad cellKind = iota
	cellMove
	cellSame
)

type cell struct {
	kind cellKind
	to   State
}

// rule lists the states from which op moves a contact to `to`.
type rule struct {
	op   Op
	from []State
	to   State
}

var (
	live     = []State{Scheduled, Queued, Offered, Dialing, Ringing, Connected, Held, Wrapup}
	notEnded = append([]State{StateNone}, live...)
)

// contactRules is the whole contact machine. Inbound contacts go
// scheduled? → queued? → offered → ringing → connected ⇄ held → wrapup → ended;
// outbound ones go scheduled? → dialing → ringing? → connected …; chats and
// customer-side sessions go queued → connected → ended without after-call work.
var contactRules = []rule{
	{OpContactScheduled, []State{StateNone}, Scheduled},
	{OpContactQueued, []State{StateNone, Scheduled}, Queued},
	{OpContactOffered, []State{StateNone, Scheduled, Queued}, Offered},
	{OpContactDialing, []State{StateNone, Scheduled, Queued}, Dialing},
	{OpContactRinging, []State{StateNone, Scheduled, Queued, Offered, Dialing}, Ringing},
	{OpContactConnected, []State{StateNone, Scheduled, Queued, Offered, Dialing, Ringing, Held}, Connected},
	{OpContactHeld, []State{Connected}, Held},
	{OpContactResumed, []State{Held}, Connected},
	{OpContactCleared, []State{Scheduled, Queued, Offered, Dialing, Ringing, Connected, Held}, Wrapup},
	{OpContactEnded, notEnded, Ended},
	{OpContactDeleted, notEnded, Ended},
}

// stateOps are the Ops the table covers.
var stateOps = []Op{OpContactScheduled, OpContactQueued, OpContactOffered, OpContactDialing,
	OpContactRinging, OpContactConnected, OpContactHeld, OpContactResumed, OpContactCleared,
	OpContactEnded, OpContactDeleted}

var contactTable = buildTable(contactRules)

func buildTable(rules []rule) (t [numOps][numStates]cell) {
	for _, r := range rules {
		for _, from := range r.from {
			t[r.op][from] = cell{kind: cellMove, to: r.to}
		}
		if r.to != StateNone {
			t[r.op][r.to] = cell{kind: cellSame, to: r.to}
		}
	}
	return t
}

// next looks up the table. HoldToggle is resolved into Held or Resumed first.
func next(op Op, from State) cell {
	if op == OpContactHoldToggle {
		switch from {
		case Connected:
			op = OpContactHeld
		case Held:
			op = OpContactResumed
		default:
			return cell{}
		}
	}
	return contactTable[op][from]
}

// Transition is one edge of the contact machine, for documentation and coverage.
type Transition struct {
	Op       Op
	From, To State
}

// Transitions lists every move of the contact machine (not duplicates or rejections),
// in table order. Used by the coverage test and by the diagram generator.
func Transitions() []Transition {
	var ts []Transition
	for _, op := range stateOps {
		for from := StateNone; from < numStates; from++ {
			if c := contactTable[op][from]; c.kind == cellMove {
				ts = append(ts, Transition{op, from, c.to})
			}
		}
	}
	return ts
}

// AgentTransition is one move of the agent's availability.
type AgentTransition struct {
	Op       Op
	From, To Availability
}

// AgentTransitions lists the availability moves: each availability is
// reached from every other one by its vendor signal.
func AgentTransitions() []AgentTransition {
	ops := [...]Op{LoggedOut: OpAgentLoggedOut, Ready: OpAgentReady, Paused: OpAgentPaused}
	var ts []AgentTransition
	for to, op := range ops {
		for from := LoggedOut; from <= Paused; from++ {
			if from != Availability(to) {
				ts = append(ts, AgentTransition{op, from, Availability(to)})
			}
		}
	}
	return ts
}
