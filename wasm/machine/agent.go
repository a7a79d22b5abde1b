package machine

import "slices"

// agentKey is what an agent event reports a change of.
type agentKey struct {
	id     string
	avail  Availability
	state  AgentState
	reason string
}

func (m *Machine) agentKey() agentKey {
	return agentKey{m.agent.ID, m.agent.Availability, m.agent.State, m.agent.Reason}
}

// effective derives the agent's state from its availability and contacts.
func (m *Machine) effective() AgentState {
	switch {
	case m.busy > 0:
		return AgentBusy
	case m.wrapups > 0:
		return AgentWrapup
	}
	return AgentState(m.agent.Availability)
}

// agentChanged recomputes the effective state and emits an agent event when
// anything an agent event reports differs from before (or force is set).
func (m *Machine) agentChanged(in *Input, before agentKey, force bool) {
	m.agent.State = m.effective()
	now := m.agentKey()
	if !force && now == before {
		return
	}
	if now.avail != before.avail || now.state != before.state || now.reason != before.reason {
		m.agent.Since = in.At // since: when the agent's state last changed, not its id or groups
	}
	e := m.emit(in, EvAgent)
	e.From, e.To = before.state.String(), m.agent.State.String()
	e.Agent = m.agent
}

// agentSignal applies a vendor's agent state (and the agent id when the
// vendor's state object carries it). The same state again is a duplicate.
func (m *Machine) agentSignal(in *Input, to Availability, reason string) {
	before := m.agentKey()
	m.agent.Availability, m.agent.Reason = to, reason
	if in.AgentID != "" {
		m.agent.ID = in.AgentID
	}
	m.agentChanged(in, before, false)
}

// agentInfo records the agent's id and groups from a getter's answer.
func (m *Machine) agentInfo(in *Input) {
	before := m.agentKey()
	if in.AgentID != "" {
		m.agent.ID = in.AgentID
	}
	changed := false
	if in.Groups != nil && !slices.Equal(in.Groups, m.agent.Groups) {
		m.agent.Groups, changed = append([]string(nil), in.Groups...), true
	}
	m.agentChanged(in, before, changed)
}
