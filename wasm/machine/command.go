package machine

import (
	"slices"

	"github.com/agentshim/agentshim/wasm/phone"
)

// A pending command waits for the vendor event that confirms it. Vendor SDKs
// are fire-and-forget (CTToolbar7 answers a command only with a later event),
// so a command's promise settles when its condition holds, and is rejected
// with TIMEOUT when its deadline passes first.
type pending struct {
	id       uint32
	cmd      Cmd
	contact  string
	reason   string   // pause: the substate asked for
	groups   []string // setGroups: the groups asked for
	key, val string   // setData
	deadline Millis
}

// command validates a facade command against the state, then emits the
// vendor effect and either replies at once (commands no vendor confirms)
// or waits for the confirmation.
func (m *Machine) command(in *Input) {
	if in.Err != CodeNone {
		m.reject(in, in.Err, in.Text)
		return
	}
	switch in.Cmd {
	case CmdLogin, CmdPause, CmdLogout, CmdSetGroups:
		m.agentCommand(in)
	case CmdDial:
		m.dial(in)
	default:
		m.contactCommand(in)
	}
}

func (m *Machine) agentCommand(in *Input) {
	a := &m.agent
	switch {
	case in.Cmd == CmdPause && a.Availability == LoggedOut:
		m.reject(in, InvalidState, "cannot pause: the agent is logged out; call login() first")
		return
	case in.Cmd == CmdLogout && m.busy > 0:
		m.reject(in, InvalidState, "cannot log out during a call; hang up first")
		return
	case in.Cmd == CmdSetGroups && len(in.Groups) == 0:
		m.reject(in, BadInput, "setGroups needs at least one group id")
		return
	case m.agentDone(pending{cmd: in.Cmd, reason: in.Reason, groups: in.Groups}):
		m.replyAgent(in.CmdID, in.Cmd) // already so: nothing to send
		return
	}
	m.effect(in, Effect{Vendor: VendorCTT7, Reason: in.Reason, Groups: in.Groups})
	m.wait(in, pending{reason: in.Reason, groups: append([]string(nil), in.Groups...)})
}

func (m *Machine) dial(in *Input) {
	switch {
	case in.Number == "":
		m.reject(in, BadInput, "dial needs a phone number")
	case m.agent.Availability != Ready:
		m.reject(in, InvalidState, "cannot dial while the agent is "+m.agent.Availability.String()+"; call login() first")
	case m.busy > 0:
		m.reject(in, InvalidState, "cannot dial during another call; hang up or wrap up first")
	case in.CampaignID != "" && m.Campaign(in.CampaignID) != "" && m.Campaign(in.CampaignID) != "IN_PROCESS":
		m.reject(in, InvalidState, "campaign "+in.CampaignID+" is "+m.Campaign(in.CampaignID)+
			"; dialing is allowed only while it is IN_PROCESS")
	default:
		m.effect(in, Effect{Vendor: VendorCTT7, Number: in.Number, Data: in.Data,
			ServiceID: in.ServiceID, CallProfileID: in.CallProfileID})
		m.wait(in, pending{})
	}
}

// contactStates lists, per contact command, the states it may be given in.
var contactStates = [numCmds][]State{
	CmdAnswer:  {Offered, Ringing},
	CmdHangup:  {Offered, Dialing, Ringing, Connected, Held},
	CmdHold:    {Connected},
	CmdResume:  {Held},
	CmdDTMF:    {Connected},
	CmdRecord:  {Connected, Held},
	CmdSetData: {Scheduled, Queued, Offered, Dialing, Ringing, Connected, Held, Wrapup},
	CmdWrapup:  {Wrapup},
}

func (m *Machine) contactCommand(in *Input) {
	c := m.contacts[in.ContactID]
	switch {
	case in.Cmd >= numCmds || contactStates[in.Cmd] == nil:
		m.reject(in, BadInput, "unknown command")
		return
	case c == nil:
		m.reject(in, UnknownContact, "no contact "+quote(in.ContactID)+"; use contacts() for the ids agentshim knows")
		return
	case c.Vendor != VendorCTT7:
		m.reject(in, InvalidState, in.Cmd.String()+" is not available for "+c.Vendor.String()+
			" contacts; the agent works them in the vendor's own console")
		return
	case !stateIn(c.State, contactStates[in.Cmd]):
		m.reject(in, InvalidState, "cannot "+in.Cmd.String()+" contact "+c.ID+" while it is "+c.State.String())
		return
	case in.Cmd == CmdWrapup && in.Outcome == "":
		m.reject(in, BadInput, "wrapup needs an outcome")
		return
	case in.Cmd == CmdSetData && in.Key == "":
		m.reject(in, BadInput, "setData needs a key")
		return
	}
	if in.Cmd == CmdWrapup {
		c.Outcome = in.Outcome
	}
	m.effect(in, Effect{Vendor: c.Vendor, ContactID: c.ID, Digits: in.Digits, On: in.On,
		Key: in.Key, Value: in.Value, Outcome: in.Outcome, End: in.End, ECID: c.Data["ECID"]})
	switch in.Cmd {
	case CmdDTMF, CmdRecord:
		m.replyContact(in.CmdID, in.Cmd, c) // CTToolbar7 confirms neither
	case CmdWrapup:
		if !in.End {
			m.replyContact(in.CmdID, in.Cmd, c) // saveScript alone changes no state
			return
		}
		m.wait(in, pending{contact: c.ID})
	default:
		m.wait(in, pending{contact: c.ID, key: in.Key, val: in.Value})
	}
}

func stateIn(s State, set []State) bool {
	for _, x := range set {
		if s == x {
			return true
		}
	}
	return false
}

func (m *Machine) effect(in *Input, e Effect) {
	e.Cmd, e.CmdID = in.Cmd, in.CmdID
	m.out.Effects = append(m.out.Effects, e)
}

func (m *Machine) wait(in *Input, p pending) {
	p.id, p.cmd, p.deadline = in.CmdID, in.Cmd, in.At+m.cfg.CommandTimeout
	m.pending = append(m.pending, p)
}

func (m *Machine) reject(in *Input, code Code, msg string) {
	m.out.Replies = append(m.out.Replies, Reply{CmdID: in.CmdID, Cmd: in.Cmd,
		Err: Error{Code: code, Message: phone.Mask(msg), Vendor: VendorFacade, ContactID: in.ContactID}})
}

func (m *Machine) replyAgent(id uint32, cmd Cmd) {
	m.out.Replies = append(m.out.Replies, Reply{CmdID: id, Cmd: cmd, Agent: m.agent})
}

func (m *Machine) replyContact(id uint32, cmd Cmd, c *Contact) {
	m.out.Replies = append(m.out.Replies, Reply{CmdID: id, Cmd: cmd, Contact: *c})
}

// settle resolves the pending commands whose condition now holds, rejects
// those that can no longer succeed, and times out the overdue ones.
func (m *Machine) settle(now Millis) {
	keep := m.pending[:0]
	for _, p := range m.pending {
		switch {
		case p.cmd == CmdDial:
			if now > p.deadline {
				m.timeout(p)
				continue
			}
		case p.cmd == CmdLogin || p.cmd == CmdPause || p.cmd == CmdLogout || p.cmd == CmdSetGroups:
			if m.agentDone(p) {
				m.replyAgent(p.id, p.cmd)
				continue
			}
			if now > p.deadline {
				m.timeout(p)
				continue
			}
		default:
			if m.contactSettled(p, now) {
				continue
			}
		}
		keep = append(keep, p)
	}
	m.pending = keep
}

func (m *Machine) agentDone(p pending) bool {
	a := &m.agent
	switch p.cmd {
	case CmdLogin:
		return a.Availability == Ready
	case CmdPause:
		return a.Availability == Paused && a.Reason == p.reason // pause() also clears a substate
	case CmdLogout:
		return a.Availability == LoggedOut
	case CmdSetGroups:
		return slices.Equal(a.Groups, p.groups)
	}
	return false
}

// contactSettled settles a contact command if it can be; false keeps it waiting.
func (m *Machine) contactSettled(p pending, now Millis) bool {
	c := m.contacts[p.contact]
	if c != nil && contactDone(p, c) {
		m.replyContact(p.id, p.cmd, c)
		return true
	}
	if c == nil || c.State == Ended || (c.State == Wrapup && p.cmd != CmdSetData && p.cmd != CmdWrapup) {
		m.out.Replies = append(m.out.Replies, Reply{CmdID: p.id, Cmd: p.cmd, Err: Error{Code: InvalidState,
			Vendor: VendorCTT7, ContactID: p.contact,
			Message: "contact " + p.contact + " ended before " + p.cmd.String() + " was confirmed"}})
		return true
	}
	if now > p.deadline {
		m.timeout(p)
		return true
	}
	return false
}

func contactDone(p pending, c *Contact) bool {
	switch p.cmd {
	case CmdAnswer, CmdResume:
		return c.State == Connected
	case CmdHangup:
		return c.State == Wrapup || c.State == Ended
	case CmdHold:
		return c.State == Held
	case CmdSetData:
		v, ok := c.Data[p.key]
		return ok && v == p.val
	case CmdWrapup:
		return c.State == Ended
	}
	return false
}

func (m *Machine) timeout(p pending) {
	m.out.Replies = append(m.out.Replies, Reply{CmdID: p.id, Cmd: p.cmd, Err: Error{Code: Timeout,
		Vendor: VendorCTT7, ContactID: p.contact,
		Message: p.cmd.String() + " was sent to the vendor but not confirmed in time; check the toolbar connection and retry"}})
}

// claimDial gives a newly created outbound contact to the oldest waiting dial.
func (m *Machine) claimDial(c *Contact) {
	if c.Direction != Outbound || c.Vendor != VendorCTT7 {
		return
	}
	for i, p := range m.pending {
		if p.cmd == CmdDial {
			m.replyContact(p.id, p.cmd, c)
			m.pending = append(m.pending[:i], m.pending[i+1:]...)
			return
		}
	}
}

func (m *Machine) hangupPending(id string) bool {
	for _, p := range m.pending {
		if p.cmd == CmdHangup && p.contact == id {
			return true
		}
	}
	return false
}

// Cancel forgets a pending command whose effect could not be carried out
// (the vendor threw, or is not attached); the caller rejects its promise.
func (m *Machine) Cancel(id uint32) bool {
	for i, p := range m.pending {
		if p.id == id {
			m.pending = append(m.pending[:i], m.pending[i+1:]...)
			return true
		}
	}
	return false
}
