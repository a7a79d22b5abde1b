package wire

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/agentshim/agentshim/wasm/isotime"
	"github.com/agentshim/agentshim/wasm/machine"
	"github.com/agentshim/agentshim/wasm/wire/wiretest"
)

// rareEvents has one event of each type that is not a contact event, and
// the edge cases of the envelope: a null at, times out of range, a null from,
// a campaign event with and without from/to, an error with a contact id.
func rareEvents() []machine.Event {
	rec := &machine.Record{ID: "r1", Updated: 5, Fields: []machine.KV{{Key: "a", Value: "\"q\""}}}
	return []machine.Event{
		{Seq: 1, At: 1620838164725, Type: machine.EvAgent, Vendor: machine.VendorFacade, To: "ready",
			Agent: machine.Agent{ID: "a1", Groups: []string{"g1", "g2"}, Since: 1620838164725}},
		{Seq: 2, At: 0, Type: machine.EvAgent, Vendor: machine.VendorCTT7, From: "ready", To: "busy"},
		{Seq: 3, At: machine.Millis(isotime.MaxMillis + 99), Type: machine.EvWidget, Vendor: machine.VendorMluvii,
			Widget: machine.Widget{Name: "Ceniky", Vendor: machine.VendorMluvii, Open: true}},
		{Seq: 4, At: machine.Millis(isotime.MinMillis - 99), Type: machine.EvSession, Vendor: machine.VendorVideo,
			Session: machine.Session{Kind: "redirect", Data: []machine.KV{{Key: "url", Value: "https://x.example/"}}}},
		{Seq: 5, At: -1, Type: machine.EvCampaign, Vendor: machine.VendorTelemarketing, From: "", To: "running",
			Campaign: machine.Campaign{Kind: "status", ID: "c1", Status: "running"}},
		{Seq: 6, At: 7, Type: machine.EvCampaign, Vendor: machine.VendorTelemarketing,
			Campaign: machine.Campaign{Kind: "statistic", ID: "c1", Record: rec}},
		{Seq: 1 << 40, At: 8, Type: machine.EvError, Vendor: machine.VendorCTT7, ContactID: "c\u2028\"1",
			Error: machine.Error{Code: machine.VendorError, Message: "threw ✗", Vendor: machine.VendorCTT7, ContactID: "c\u2028\"1"}},
	}
}

// The loader's expansion of each compact event (wiretest does what
// agentshim.js expand does) is, byte for byte, the event with contact deltas
// (itself checked against the full events in TestDeltasResolveToTheFullEvents).
func TestCompactEventsExpandToTheEvents(t *testing.T) {
	var enc Encoder
	var dFull, dCompact Deltas
	events := append(rareEvents(), inboundEvents(9)...)
	types := map[machine.EventType]bool{}
	for i := range events {
		want := enc.AppendEventDelta(nil, &events[i], &dFull)
		compact := enc.AppendEventCompact(nil, &events[i], &dCompact)
		got, err := wiretest.ExpandEvent(compact)
		require.NoError(t, err, "%s", compact)
		require.Equal(t, string(want), string(got), "compact %s", compact)
		assert.Less(t, len(compact), len(want), "compact is shorter: %s", compact)
		types[events[i].Type] = true
	}
	assert.Len(t, types, 8, "every event type")
	assert.Equal(t, dFull.Len(), dCompact.Len())
}

func TestCompactEventForm(t *testing.T) {
	var enc Encoder
	var d Deltas
	e := rareEvents()
	assert.Equal(t, `[2,0,"agent","ctt7",0,"ready","busy",{"id":null,"availability":"loggedOut","state":"loggedOut","reason":null,"groups":[],"since":null}]`,
		string(enc.AppendEventCompact(nil, &e[1], &d)))
	assert.Equal(t, `[3,253402300799999,"widget","mluvii",0,null,0,{"name":"Ceniky","vendor":"mluvii","status":"offline","open":true}]`,
		string(enc.AppendEventCompact(nil, &e[2], &d)))
}
