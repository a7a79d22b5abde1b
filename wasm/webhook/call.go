package webhook

import (
	"hash/fnv"

	"github.com/agentshim/agentshim/wasm/ascii"
	"github.com/agentshim/agentshim/wasm/isotime"
	"github.com/agentshim/agentshim/wasm/jsonx"
)

// Event is what one facade contact event says about a call.
type Event struct {
	From, To    string // contact states; From is "" for a contact's first event
	At          int64  // Unix ms of the event
	ContactID   string
	Vendor      string
	Channel     string
	ConnectedAt int64 // Unix ms; 0 unknown
	EndedAt     int64
	CallFlow    string // the contact's data: callflow, userid, username
	UserID      string
	UserName    string
	AgentID     string // the desk's agent (CTToolbar7 calls), "" when unknown
}

// ParseEvent reads a facade event as JSON ({type, at, from, to, contactId,
// contact: {...}}); ok is false for anything but a contact event.
func ParseEvent(doc []byte) (Event, bool) {
	var ev Event
	v, err := jsonx.Parse(doc)
	if err != nil || v.Get("type").String() != "contact" {
		return ev, false
	}
	c, data := v.Get("contact"), v.Get("contact").Get("data")
	ev = Event{From: v.Get("from").String(), To: v.Get("to").String(), At: ms(v.Get("at")),
		ContactID: c.Get("id").String(), Vendor: c.Get("vendor").String(), Channel: c.Get("channel").String(),
		ConnectedAt: ms(c.Get("connectedAt")), EndedAt: ms(c.Get("endedAt")),
		CallFlow: data.Get("callflow").String(), UserID: data.Get("userid").String(),
		UserName: data.Get("username").String()}
	return ev, ev.ContactID != ""
}

func ms(v jsonx.Value) int64 {
	n, _ := isotime.Parse(v.String())
	return n
}

// Kind says which webhook an event calls for.
type Kind uint8

const (
	None  Kind = iota
	Start      // the call was answered
	End        // the conversation is over
)

func (k Kind) String() string { return [...]string{"", "start", "end"}[k] }

// Trigger says which webhook an event calls for. Only calls go out: video
// sessions of the embed and CTToolbar7 voice calls. A call is answered when
// it first reaches connected (coming back from held is not a new answer),
// and over when it leaves the conversation for after-call work or the end;
// so each call gives at most one of each, whatever the vendor repeats.
func Trigger(ev *Event) Kind {
	call := ev.Vendor == "video" && ev.Channel == "video" || ev.Vendor == "ctt7" && ev.Channel == "voice"
	switch {
	case !call:
		return None
	case ev.To == "connected" && ev.From != "held":
		return Start
	case (ev.From == "connected" || ev.From == "held") && (ev.To == "wrapup" || ev.To == "ended"):
		return End
	}
	return None
}

// Delivery is one webhook post: what the outbox stores and sends.
type Delivery struct {
	Kind    Kind
	Key     string // the Idempotency-Key: one per call and kind
	CallID  string
	URL     string
	Headers []Header
	Body    []byte // the JSON payload
}

// For returns the delivery an event calls for, if any and if configured.
func (c *Config) For(ev *Event) (Delivery, bool) {
	k := Trigger(ev)
	ep := c.Start
	if k == End {
		ep = c.End
	}
	if k == None || ep.URL == "" {
		return Delivery{}, false
	}
	id := CallID(ev.ContactID)
	return Delivery{Kind: k, Key: id + ":" + k.String(), CallID: id, URL: ep.URL, Headers: ep.Headers,
		Body: Payload(ev, k)}, true
}

// Payload is the vendor's body: {callid, start, end, callflow, userid,
// username}. Times are ISO 8601 in UTC, "" when unknown; userid is a number,
// or null when no numeric id of the answering user is known. The end-call
// payload repeats and updates the start-call one, as the vendor's are.
func Payload(ev *Event, k Kind) []byte {
	end := ev.EndedAt
	if k == End && end == 0 {
		end = ev.At // after-call work: the conversation ended now
	}
	start := ev.ConnectedAt
	if k == Start && start == 0 {
		start = ev.At
	}
	b := append(jsonx.AppendKey([]byte{'{'}, "callid"), '"')
	b = append(b, CallID(ev.ContactID)...)
	b = append(jsonx.AppendKey(append(b, '"', ','), "start"), '"')
	b = appendTime(b, start)
	b = append(jsonx.AppendKey(append(b, '"', ','), "end"), '"')
	b = appendTime(b, end)
	b = jsonx.AppendString(jsonx.AppendKey(append(b, '"', ','), "callflow"), ev.CallFlow)
	b = jsonx.AppendKey(append(b, ','), "userid")
	switch {
	case numeric(ev.UserID):
		b = append(b, ev.UserID...)
	case numeric(ev.AgentID):
		b = append(b, ev.AgentID...)
	default:
		b = jsonx.AppendNull(b)
	}
	name := ev.UserName
	if name == "" {
		name = ev.AgentID
	}
	b = jsonx.AppendString(jsonx.AppendKey(append(b, ','), "username"), name)
	return append(b, '}')
}

func appendTime(b []byte, ms int64) []byte {
	if ms == 0 {
		return b
	}
	return isotime.Append(b, ms)
}

// numeric: digits only, no leading zero, short enough for any JSON reader.
func numeric(s string) bool {
	if s == "" || len(s) > 15 || (s[0] == '0' && len(s) > 1) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// CallID is the webhook's callid: the contact id itself when it is a UUID
// (the embed's video calls), else a UUID derived from it (CTToolbar7 ids like
// "68-60f69967@pddialer1"). The derivation is fixed, so a call keeps its
// callid across the start and end webhooks, reloads and tabs. It is an RFC
// 9562 version 8 UUID (vendor-specific) filled with FNV-1a 128 of the id.
func CallID(contactID string) string {
	if isUUID(contactID) {
		return ascii.Lower(contactID)
	}
	h := fnv.New128a()
	h.Write([]byte("agentshim call "))
	h.Write([]byte(contactID))
	var sum [16]byte
	h.Sum(sum[:0])
	sum[6] = sum[6]&0x0f | 0x80 // version 8
	sum[8] = sum[8]&0x3f | 0x80 // RFC 9562 variant
	const hex = "0123456789abcdef"
	out := make([]byte, 0, 36)
	for i, c := range sum {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			out = append(out, '-')
		}
		out = append(out, hex[c>>4], hex[c&0xf])
	}
	return string(out)
}

func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if i == 8 || i == 13 || i == 18 || i == 23 {
			if c != '-' {
				return false
			}
		} else if !(c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'f') {
			return false
		}
	}
	return true
}

// AppendJSON writes the delivery as the loader's outbox stores it:
// {"kind","key","callid","url","headers":[[name,value]...],"body":"<JSON text>"}.
func (d *Delivery) AppendJSON(b []byte) []byte {
	b = jsonx.AppendString(jsonx.AppendKey(append(b, '{'), "kind"), d.Kind.String())
	b = jsonx.AppendString(jsonx.AppendKey(append(b, ','), "key"), d.Key)
	b = jsonx.AppendString(jsonx.AppendKey(append(b, ','), "callid"), d.CallID)
	b = jsonx.AppendString(jsonx.AppendKey(append(b, ','), "url"), d.URL)
	b = append(jsonx.AppendKey(append(b, ','), "headers"), '[')
	for i, h := range d.Headers {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(jsonx.AppendString(append(b, '['), h.Name), ',')
		b = append(jsonx.AppendString(b, h.Value), ']')
	}
	b = jsonx.AppendString(jsonx.AppendKey(append(b, "],"...), "body"), string(d.Body))
	return append(b, '}')
}
