package machine

// contactSignal applies a state-changing contact input through the table.
func (m *Machine) contactSignal(in *Input) {
	id, ok := m.resolve(in)
	if !ok {
		return
	}
	c := m.contacts[id]
	from := StateNone
	if c != nil {
		from = c.State
	} else if m.buried(id) {
		m.lateForDeleted(in, id)
		return
	}
	cl := next(in.Op, from)
	switch cl.kind {
	case cellBad:
		m.rejectSignal(in, id, from)
	case cellSame:
		if in.Op == OpContactDeleted {
			m.remove(in, c)
			return
		}
		if m.merge(c, in) {
			m.emitContact(in, EvContactData, c, from)
		}
	case cellMove:
		m.move(in, id, c, from, cl.to)
	}
}

// onMove, when set (by tests), sees every transition taken.
var onMove func(op Op, from, to State)

// move applies an accepted transition, creating the contact when it is new.
func (m *Machine) move(in *Input, id string, c *Contact, from, to State) {
	before := m.agentKey()
	created := c == nil
	if created {
		c = m.create(in, id)
	}
	dataChanged := m.merge(c, in) && !created
	if onMove != nil {
		onMove(in.Op, from, to)
	}
	m.enter(in, c, to)
	m.emitContact(in, EvContact, c, from)
	if dataChanged {
		m.emitContact(in, EvContactData, c, to)
	}
	m.agentChanged(in, before, false)
	if created {
		m.claimDial(c)
	}
	if in.Op == OpContactDeleted {
		m.remove(in, c)
	}
}

// enter sets the state and what comes with it: timestamps, direction, end reason.
func (m *Machine) enter(in *Input, c *Contact, to State) {
	from := c.State
	m.count(c, from, -1)
	m.count(c, to, +1)
	c.State = to
	switch to {
	case Dialing:
		c.Direction = Outbound
	case Offered:
		c.Direction = Inbound
	case Scheduled:
		if in.When != 0 {
			c.ScheduledFor = in.When
		}
	case Connected:
		if c.ConnectedAt == 0 {
			c.ConnectedAt = in.At
		}
	case Wrapup:
		c.EndReason = m.endReason(in, c, from)
	case Ended:
		c.EndedAt = in.At
		if in.Reason != "" || c.EndReason == "" {
			c.EndReason = m.endReason(in, c, from)
		}
	}
}

// endReason says why a conversation ended, so that listeners need not guess
// from the state history: the vendor's reason when it gives one, else who hung
// up, or that it was never answered. from is the state the contact leaves (the
// contact's own State is already the new one).
func (m *Machine) endReason(in *Input, c *Contact, from State) string {
	switch {
	case in.Reason != "":
		return in.Reason
	case c.ConnectedAt != 0 && c.Vendor != VendorCTT7 && c.Vendor != VendorTelemarketing:
		return "completed" // a chat or customer-side session that took place
	case c.ConnectedAt != 0 && m.hangupPending(c.ID):
		return "agentHangup"
	case c.ConnectedAt != 0:
		return "remoteHangup"
	case from == Scheduled || from == Queued:
		return "cancelled" // it never reached anyone: a queued chat left, a callback withdrawn
	case c.Direction == Outbound:
		return "noAnswer"
	}
	return "missed"
}

// count keeps the busy and wrapup tallies the effective agent state is
// derived from. Only agent-side contacts occupy the agent: mluvii chats and
// Whisbi or video sessions are the customer's side of a page.
func (m *Machine) count(c *Contact, s State, d int) {
	if c.Vendor != VendorCTT7 && c.Vendor != VendorTelemarketing {
		return
	}
	switch {
	case s.Busy():
		m.busy += d
	case s == Wrapup:
		m.wrapups += d
	}
}

func (m *Machine) create(in *Input, id string) *Contact {
	c := m.newContact()
	*c = Contact{ID: id, Vendor: in.Vendor, Channel: in.Channel, Direction: in.Direction,
		CreatedAt: in.At, Widget: in.Widget, Data: c.Data}
	m.contacts[id] = c
	m.list = append(m.list, c)
	return c
}

// merge folds an input's number, schedule and call data into the contact and
// reports whether anything changed. No allocation when nothing changes.
func (m *Machine) merge(c *Contact, in *Input) bool {
	changed := false
	if in.Number != "" && in.Number != c.Number {
		c.Number, changed = in.Number, true
	}
	if in.When != 0 && c.State == Scheduled && in.When != c.ScheduledFor && in.Op == OpContactScheduled {
		c.ScheduledFor, changed = in.When, true
	}
	for _, kv := range in.Data {
		if old, ok := c.Data[kv.Key]; ok && old == kv.Value {
			continue
		}
		if c.Data == nil {
			c.Data = make(map[string]string, max(len(in.Data), 4))
		}
		c.Data[kv.Key], changed = kv.Value, true
	}
	return changed
}

func (m *Machine) emitContact(in *Input, t EventType, c *Contact, from State) {
	e := m.emit(in, t)
	e.Vendor = c.Vendor
	e.ContactID = c.ID
	if t == EvContact {
		e.From, e.To = from.String(), c.State.String()
	}
	e.Contact = *c
}

// remove drops a finished contact and remembers its id.
func (m *Machine) remove(in *Input, c *Contact) {
	m.count(c, c.State, -1)
	delete(m.contacts, c.ID)
	for i, x := range m.list {
		if x == c {
			m.list = append(m.list[:i], m.list[i+1:]...)
			m.list[len(m.list):cap(m.list)][0] = nil // let the GC have it
			break
		}
	}
	m.bury(c.ID)
	m.emitContact(in, EvContactRemoved, c, c.State)
	if len(m.free) < cap(m.free) {
		m.free = append(m.free, c) // reused after this step's events are encoded
	}
}

// newContact reuses a removed contact and its call-data map, so that a shift
// of calls does not churn the garbage collector (GC pauses stall the page).
func (m *Machine) newContact() *Contact {
	if n := len(m.free); n > 0 {
		c := m.free[n-1]
		m.free = m.free[:n-1]
		clear(c.Data)
		return c
	}
	return &Contact{}
}

func (m *Machine) bury(id string) {
	m.tomb[m.tombPos] = id
	m.tombPos = (m.tombPos + 1) % tombstones
}

func (m *Machine) buried(id string) bool {
	for _, t := range m.tomb {
		if t == id && id != "" {
			return true
		}
	}
	return false
}

// lateForDeleted handles an input for a contact that was already removed:
// repeats of its last events are duplicates; anything else is out of order.
func (m *Machine) lateForDeleted(in *Input, id string) {
	switch in.Op {
	case OpContactEnded, OpContactDeleted, OpContactCleared, OpContactData, OpContactTouched:
		return
	}
	in2 := *in
	in2.ContactID = id
	m.fail(&in2, InvalidState, in.Vendor.String()+" event "+quote(in.Name)+" arrived for contact "+id+
		" after it was deleted; it was ignored")
}

func (m *Machine) rejectSignal(in *Input, id string, from State) {
	in2 := *in
	in2.ContactID = id
	now := "not known"
	if from != StateNone {
		now = from.String()
	}
	m.fail(&in2, InvalidState, in.Vendor.String()+" event "+quote(in.Name)+" cannot apply to contact "+id+
		", which is "+now+"; it was ignored and the contact left as it was")
}

// contactData merges call data without a state change.
func (m *Machine) contactData(in *Input) {
	id, ok := m.resolve(in)
	if !ok {
		return
	}
	c := m.contacts[id]
	if c == nil {
		if m.buried(id) {
			return
		}
		if in.Op == OpContactTouched {
			m.rejectSignal(in, id, StateNone)
			return
		}
		in2 := *in
		in2.ContactID = id
		m.fail(&in2, UnknownContact, in.Vendor.String()+" event "+quote(in.Name)+" names contact "+id+
			", which agentshim has not seen; its data was ignored")
		return
	}
	if m.merge(c, in) {
		m.emitContact(in, EvContactData, c, c.State)
	}
}

// resolve finds the contact id an input concerns. mluvii chats have no id of
// their own: each widget numbers its chat sessions.
func (m *Machine) resolve(in *Input) (string, bool) {
	if in.Widget == "" || in.ContactID != "" {
		if in.ContactID == "" {
			m.fail(in, BadInput, in.Vendor.String()+" event "+quote(in.Name)+" names no contact; it was ignored")
			return "", false
		}
		return in.ContactID, true
	}
	w := m.widget(in)
	cur := m.contacts[w.Chat]
	if cur != nil && cur.State != Ended {
		return w.Chat, true
	}
	if in.Op == OpContactQueued || in.Op == OpContactConnected {
		w.Chats++
		w.Chat = "mluvii:" + w.Name + ":" + itoa(w.Chats)
		return w.Chat, true
	}
	if cur != nil || m.buried(w.Chat) {
		return w.Chat, true // a repeat for the chat that just ended
	}
	m.fail(in, InvalidState, "mluvii event "+quote(in.Name)+" on widget "+quote(w.Name)+
		" came with no chat session in progress; it was ignored")
	return "", false
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for ; n > 0; n /= 10 {
		i--
		b[i] = byte('0' + n%10)
	}
	return string(b[i:])
}
