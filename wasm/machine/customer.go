package machine

import "strings"

// widget returns the named widget, creating it (offline, closed) when new.
func (m *Machine) widget(in *Input) *Widget {
	w := m.widgets[in.Widget]
	if w == nil {
		w = &Widget{Name: in.Widget, Vendor: in.Vendor}
		m.widgets[in.Widget] = w
		m.widgetList = append(m.widgetList, w)
	}
	return w
}

// widgetSignal applies a status code or the chat window opening or closing.
func (m *Machine) widgetSignal(in *Input) {
	if in.Widget == "" {
		m.fail(in, BadInput, in.Vendor.String()+" event "+quote(in.Name)+" names no widget; it was ignored")
		return
	}
	if in.Op == OpWidgetStatus && in.Status > uint8(WidgetBusy) {
		m.fail(in, BadInput, "widget "+quote(in.Widget)+" reported status "+itoa(int(in.Status))+
			"; mluvii documents only 0 (offline), 1 (online) and 2 (busy); it was ignored")
		return
	}
	_, known := m.widgets[in.Widget]
	w := m.widget(in)
	before := *w
	switch in.Op {
	case OpWidgetStatus:
		w.Status = WidgetStatus(in.Status)
	case OpWidgetOpen:
		w.Open = true
	case OpWidgetClosed:
		w.Open = false
	}
	if known && before.Status == w.Status && before.Open == w.Open {
		return
	}
	e := m.emit(in, EvWidget)
	e.Widget = *w
}

// session emits a customer-side step unless it is a duplicate: the same step
// again right after itself; a step about a contact, or a PIN, identical to the
// last one of its kind (a page reloaded mid-session shows the same PIN again,
// and a page may fire a request's callback twice); or an "opened" after the
// first (Whisbi fires otoOpened whenever the sidebar opens; the contract
// reports it once per session, across reloads too, which is why this state
// is in the snapshot). Other kinds (preSession, inboundShown...) carry no id,
// so an identical one later is a new step.
func (m *Machine) session(in *Input) {
	fp := in.Text + "\x00" + fingerprint(in.Data)
	if last, _ := m.sessions.get(lastSession); last == fp {
		return
	}
	prev, seen := m.sessions.get(in.Text)
	switch {
	case seen && in.Text == "opened":
		return
	case seen && prev == fp && (in.ContactID != "" || in.Text == "pin"):
		return
	}
	m.sessions.set(lastSession, fp)
	m.sessions.set(in.Text, fp)
	e := m.emit(in, EvSession)
	e.ContactID = in.ContactID
	e.Session = Session{Kind: in.Text, Data: append([]KV(nil), in.Data...)}
}

// lastSession keys the fingerprint of the latest session event.
const lastSession = "\x00last"

func fingerprint(kv []KV) string {
	var b strings.Builder
	for _, p := range kv {
		b.WriteString(p.Key)
		b.WriteByte(0)
		b.WriteString(p.Value)
		b.WriteByte(0)
	}
	return b.String()
}

// upsert creates or updates a telemarketing record. A record's date orders
// its updates: an older one, or the same one again, changes nothing.
func (m *Machine) upsert(in *Input, rs *records, kind string) {
	if in.Key == "" {
		m.fail(in, BadInput, in.Vendor.String()+" event "+quote(in.Name)+" has no id; it was ignored")
		return
	}
	r := rs.byID[in.Key]
	if r != nil && (in.When < r.Updated || in.When == r.Updated && sameKV(r.Fields, in.Data)) {
		return
	}
	if r == nil {
		r = rs.add(&Record{ID: in.Key})
	}
	r.Updated = in.When
	r.Fields = append(r.Fields[:0], in.Data...)
	e := m.emit(in, EvCampaign)
	e.Campaign = Campaign{Kind: kind, ID: in.Text, Status: m.Campaign(in.Text), Record: r}
}

func sameKV(a, b []KV) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// campaignStatus records a campaign's status; dialing is gated on it.
func (m *Machine) campaignStatus(in *Input) {
	if in.Key == "" || in.Text == "" {
		m.fail(in, BadInput, "campaign status event without campaignId or status; it was ignored")
		return
	}
	old, known := m.campaigns.get(in.Key)
	if known && old == in.Text {
		return
	}
	m.campaigns.set(in.Key, in.Text)
	e := m.emit(in, EvCampaign)
	e.From, e.To = old, in.Text
	e.Campaign = Campaign{Kind: "status", ID: in.Key, Status: in.Text}
}

// kvList is a small ordered map: session kinds and campaigns are few, and
// keeping them in arrival order makes snapshots deterministic without sorting.
type kvList []KV

func (l kvList) get(k string) (string, bool) {
	for _, kv := range l {
		if kv.Key == k {
			return kv.Value, true
		}
	}
	return "", false
}

func (l *kvList) set(k, v string) {
	for i := range *l {
		if (*l)[i].Key == k {
			(*l)[i].Value = v
			return
		}
	}
	*l = append(*l, KV{k, v})
}

// records are telemarketing records by id, in the order they were created.
type records struct {
	byID map[string]*Record
	list []*Record
}

func (rs *records) add(r *Record) *Record {
	rs.byID[r.ID] = r
	rs.list = append(rs.list, r)
	return r
}
