package wire

import (
	"encoding/json"
	"maps"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/agentshim/agentshim/wasm/jsonx"
	"github.com/agentshim/agentshim/wasm/machine"
)

// resolver applies contact deltas the way the loader does (PROTOCOL.md, "Contact deltas").
type resolver map[string]map[string]any

func (r resolver) event(t *testing.T, raw []byte) map[string]any {
	t.Helper()
	var e map[string]any
	require.NoError(t, json.Unmarshal(raw, &e), "%s", raw)
	c, ok := e["contact"].(map[string]any)
	if !ok {
		return e
	}
	id := e["contactId"].(string)
	if _, full := c["id"]; full {
		r[id] = c
	} else {
		base := r[id]
		require.NotNil(t, base, "a delta for contact %s before its full snapshot", id)
		for k, v := range c {
			base[k] = v
		}
	}
	full := map[string]any{}
	for k, v := range r[id] {
		full[k] = v
	}
	e["contact"] = full
	if e["type"] == "contact.removed" {
		delete(r, id)
	}
	return e
}

// Every contact event resolves to exactly the full event, across creation,
// state and data changes, a widget that comes and goes, removal and re-creation.
func TestDeltasResolveToTheFullEvents(t *testing.T) {
	m := machine.New(machine.Config{})
	var enc Encoder
	var d Deltas
	r, rFull := resolver{}, resolver{}
	at := machine.Millis(1620838164725)
	steps := []machine.Input{
		{Op: machine.OpContactScheduled, Vendor: machine.VendorCTT7, ContactID: "c1", When: at + 9000},
		{Op: machine.OpContactOffered, Vendor: machine.VendorCTT7, ContactID: "c1", Number: "+420777666555",
			Data: []machine.KV{{Key: "ECID", Value: "e1"}, {Key: "ünïcode\u2028", Value: "line\nbreak"}}},
		{Op: machine.OpContactData, Vendor: machine.VendorCTT7, ContactID: "c1", Data: []machine.KV{{Key: "ECID", Value: "e2"}}},
		{Op: machine.OpContactTouched, Vendor: machine.VendorCTT7, ContactID: "c1"},
		{Op: machine.OpContactQueued, Vendor: machine.VendorMluvii, Widget: "Ceniky", Channel: machine.Chat},
		{Op: machine.OpContactConnected, Vendor: machine.VendorCTT7, ContactID: "c1"},
		{Op: machine.OpContactQueued, Vendor: machine.VendorWhisbi, ContactID: "w1"},
		{Op: machine.OpContactCleared, Vendor: machine.VendorCTT7, ContactID: "c1"},
		{Op: machine.OpContactEnded, Vendor: machine.VendorWhisbi, ContactID: "w1", Text: "noAgents"},
		{Op: machine.OpContactEnded, Vendor: machine.VendorCTT7, ContactID: "c1"},
		{Op: machine.OpContactDeleted, Vendor: machine.VendorCTT7, ContactID: "c1"},
		{Op: machine.OpContactOffered, Vendor: machine.VendorCTT7, ContactID: "c2", Data: []machine.KV{{Key: "k", Value: "v"}}},
	}
	deltas, events := 0, 0
	for _, in := range steps {
		at += 1000
		in.At = at
		for _, e := range m.Step(&in).Events {
			want := enc.AppendEvent(nil, &e)
			got := enc.AppendEventDelta(nil, &e, &d)
			if e.Type == machine.EvContact || e.Type == machine.EvContactData || e.Type == machine.EvContactRemoved {
				events++
				if len(got) < len(want) {
					deltas++
				}
			}
			w, _ := json.Marshal(rFull.event(t, want))
			g, _ := json.Marshal(r.event(t, got))
			assert.JSONEq(t, string(w), string(g), "event %d %s", e.Seq, got)
		}
	}
	assert.Greater(t, deltas, events/2, "most contact events carry a delta")
	assert.Equal(t, len(m.Contacts()), d.Len(), "removed contacts are forgotten")

	// After Reset, each contact's next event is a full snapshot again.
	d.Reset()
	in := machine.Input{Op: machine.OpContactRinging, Vendor: machine.VendorCTT7, ContactID: "c2", At: at + 5000}
	e := m.Step(&in).Events[0]
	assert.Contains(t, string(enc.AppendEventDelta(nil, &e, &d)), `"contact":{"id":"c2",`)
	assert.Contains(t, string(enc.AppendEventDelta(nil, &e, &d)), `"contact":{}`, "nothing changed since")
}

// A widget that goes away cannot be a delta (a delta only sets keys): the full snapshot is sent.
func TestDeltasSendTheFullSnapshotWhenAKeyGoes(t *testing.T) {
	var enc Encoder
	var d Deltas
	c := machine.Contact{ID: "x", Vendor: machine.VendorMluvii, State: machine.Queued, Widget: "w", CreatedAt: 1}
	e := machine.Event{Seq: 1, At: 1, Type: machine.EvContact, Vendor: machine.VendorMluvii, ContactID: "x", To: "queued", Contact: c}
	enc.AppendEventDelta(nil, &e, &d)
	e.Contact.Widget = ""
	assert.Contains(t, string(enc.AppendEventDelta(nil, &e, &d)), `"contact":{"id":"x",`)
	e.Contact.Widget = "v"
	assert.Contains(t, string(enc.AppendEventDelta(nil, &e, &d)), `"contact":{"widget":"v"}`)
}

// inboundEvents are the events of n interleaved 13-step inbound calls with
// call data (what the browser benchmark feeds), each with its own copy of the
// contact's data as the loader would have seen it.
func inboundEvents(n int) []machine.Event {
	m := machine.New(machine.Config{})
	ops := []machine.Op{machine.OpContactScheduled, machine.OpContactOffered, machine.OpContactOffered, machine.OpContactData,
		machine.OpContactData, machine.OpContactData, machine.OpContactRinging, machine.OpContactData, machine.OpContactConnected,
		machine.OpContactTouched, machine.OpContactCleared, machine.OpContactEnded, machine.OpContactDeleted}
	var out []machine.Event
	for c := 0; c < n; c += 4 {
		for i, op := range ops {
			for k := c; k < c+4 && k < n; k++ {
				id := "68-60f6" + jsonx.Itoa(k) + "@key.pddialer1.example.priv"
				in := machine.Input{Op: op, Vendor: machine.VendorCTT7, ContactID: id, At: machine.Millis(1620838164725 + k*100 + i),
					Number: "+390212345678", Data: []machine.KV{{Key: "LANGUAGE", Value: "IT"}, {Key: "SERVICE_ID", Value: "171"}}}
				if i >= 4 {
					in.Data = append(in.Data, machine.KV{Key: "ECID", Value: "felixct7|1|171|" + jsonx.Itoa(12+k)})
				}
				for _, e := range m.Step(&in).Events {
					e.Contact.Data = maps.Clone(e.Contact.Data)
					out = append(out, e)
				}
			}
		}
	}
	return out
}

// BenchmarkAnswerEvents compares writing the answer's events with full
// contacts (what replay writes), with deltas, and as compact arrays with
// deltas (what shim_feed writes).
func BenchmarkAnswerEvents(b *testing.B) {
	events := inboundEvents(256)
	for _, mode := range []string{"full", "delta", "compact"} {
		b.Run(mode, func(b *testing.B) {
			var enc Encoder
			var d Deltas
			var buf []byte
			size := 0
			for b.Loop() {
				size = 0
				for i := range events {
					switch mode {
					case "full":
						buf = enc.AppendEvent(buf[:0], &events[i])
					case "delta":
						buf = enc.AppendEventDelta(buf[:0], &events[i], &d)
					default:
						buf = enc.AppendEventCompact(buf[:0], &events[i], &d)
					}
					size += len(buf)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(events)), "ns/event")
			b.ReportMetric(float64(size)/float64(len(events)), "bytes/event")
		})
	}
}
