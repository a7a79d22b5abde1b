package machine

// Snapshot is the whole machine state as plain values: what the browser
// persists across a page reload and what shim.snapshot() shows. Commands
// still waiting for a vendor are not part of it: their promises die with the page.
type Snapshot struct {
	Seq          uint64
	Agent        Agent
	Contacts     []Contact
	Widgets      []Widget
	Sessions     []KV // session kind -> fingerprint of its last event (dedupes across reloads)
	Campaigns    []KV // campaign id -> status
	Statistics   []Record
	Applications []Record
	Deleted      []string // recently deleted contact ids, oldest first
}

// Snapshot copies the state out, everything in the order it arrived, so that
// equal input sequences give equal snapshots.
func (m *Machine) Snapshot() Snapshot {
	s := Snapshot{Seq: m.seq, Agent: m.agent}
	s.Agent.Groups = append([]string(nil), m.agent.Groups...)
	for _, c := range m.list {
		cc := *c
		cc.Data = copyMap(c.Data)
		s.Contacts = append(s.Contacts, cc)
	}
	for _, w := range m.widgetList {
		s.Widgets = append(s.Widgets, *w)
	}
	s.Sessions = append([]KV(nil), m.sessions...)
	s.Campaigns = append([]KV(nil), m.campaigns...)
	s.Statistics = copyRecords(m.statistics.list)
	s.Applications = copyRecords(m.applications.list)
	for i := range tombstones {
		if id := m.tomb[(m.tombPos+i)%tombstones]; id != "" {
			s.Deleted = append(s.Deleted, id)
		}
	}
	return s
}

// Restore builds a machine from a snapshot. It checks what a hand-edited or
// corrupted snapshot could break, so that the machine's invariants hold.
func Restore(cfg Config, s Snapshot) (*Machine, error) {
	m := New(cfg)
	m.seq = s.Seq
	m.agent = s.Agent
	m.agent.Groups = append([]string(nil), s.Agent.Groups...)
	if m.agent.Availability > Paused {
		return nil, snapshotError("agent availability out of range")
	}
	for i := range s.Contacts {
		c := s.Contacts[i]
		switch {
		case c.ID == "":
			return nil, snapshotError("a contact has no id")
		case m.contacts[c.ID] != nil:
			return nil, snapshotError("contact " + c.ID + " appears twice")
		case c.State == StateNone || c.State >= numStates:
			return nil, snapshotError("contact " + c.ID + " has no valid state")
		}
		c.Data = copyMap(c.Data)
		m.contacts[c.ID] = &c
		m.list = append(m.list, &c)
		m.count(&c, c.State, +1)
	}
	m.agent.State = m.effective()
	for i := range s.Widgets {
		w := s.Widgets[i]
		if w.Name == "" || m.widgets[w.Name] != nil || w.Status > WidgetBusy {
			return nil, snapshotError("widget " + quote(w.Name) + " is invalid or repeated")
		}
		m.widgets[w.Name] = &w
		m.widgetList = append(m.widgetList, &w)
	}
	for _, kv := range s.Sessions {
		m.sessions.set(kv.Key, kv.Value)
	}
	for _, kv := range s.Campaigns {
		m.campaigns.set(kv.Key, kv.Value)
	}
	restoreRecords(&m.statistics, s.Statistics)
	restoreRecords(&m.applications, s.Applications)
	for _, id := range s.Deleted {
		m.bury(id)
	}
	return m, nil
}

type snapshotError string

func (e snapshotError) Error() string { return "snapshot: " + string(e) }

func copyMap(src map[string]string) map[string]string {
	if len(src) == 0 {
		return nil
	}
	dst := make(map[string]string, len(src))
	for k, v := range src {
		dst[k] = v
	}
	return dst
}

func copyRecords(src []*Record) []Record {
	rs := make([]Record, 0, len(src))
	for _, r := range src {
		rs = append(rs, Record{r.ID, r.Updated, append([]KV(nil), r.Fields...)})
	}
	return rs
}

func restoreRecords(dst *records, src []Record) {
	for i := range src {
		r := src[i]
		if dst.byID[r.ID] != nil {
			continue
		}
		r.Fields = append([]KV(nil), r.Fields...)
		dst.add(&r)
	}
}

// SortedKeys returns a map's keys in order; encoders use it for stable
// output. Insertion sort: call data has a handful of keys, and a generic
// sort would cost the WebAssembly binary far more than it saves.
func SortedKeys(m map[string]string, buf []string) []string {
	buf = buf[:0]
	for k := range m {
		i := len(buf)
		buf = append(buf, k)
		for ; i > 0 && buf[i-1] > k; i-- {
			buf[i] = buf[i-1]
		}
		buf[i] = k
	}
	return buf
}
