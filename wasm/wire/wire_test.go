package wire

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/agentshim/agentshim/wasm/machine"
)

// busyMachine builds a state with something in every part of a snapshot.
func busyMachine(t *testing.T) *machine.Machine {
	m := machine.New(machine.Config{})
	at := machine.Millis(1620838164725)
	for _, in := range []machine.Input{
		{Op: machine.OpAgentPaused, Vendor: machine.VendorCTT7, Reason: "LUNCH \"quoted\""},
		{Op: machine.OpAgentInfo, Vendor: machine.VendorCTT7, AgentID: "agent-7", Groups: []string{"g1", "g2"}},
		{Op: machine.OpContactOffered, Vendor: machine.VendorCTT7, ContactID: "c1", Number: "+420777666555",
			Data: []machine.KV{{Key: "ECID", Value: "felixct7|1|171|12"}, {Key: "ünïcode\u2028", Value: "line\nbreak"}}},
		{Op: machine.OpContactConnected, Vendor: machine.VendorCTT7, ContactID: "c1"},
		{Op: machine.OpContactQueued, Vendor: machine.VendorMluvii, Widget: "Ceniky", Channel: machine.Chat},
		{Op: machine.OpWidgetStatus, Vendor: machine.VendorMluvii, Widget: "Ceniky", Status: 2},
		{Op: machine.OpSession, Vendor: machine.VendorWhisbi, Text: "pin", Data: []machine.KV{{Key: "pinCode", Value: "A1"}}},
		{Op: machine.OpCampaignStatus, Vendor: machine.VendorTelemarketing, Key: "42", Text: "PAUSED"},
		{Op: machine.OpStatistic, Vendor: machine.VendorTelemarketing, Key: "s1", Text: "42", When: at,
			Data: []machine.KV{{Key: "status", Value: "successful"}}},
		{Op: machine.OpApplication, Vendor: machine.VendorTelemarketing, Key: "a1", When: at},
		{Op: machine.OpContactScheduled, Vendor: machine.VendorTelemarketing, ContactID: "cb1", When: at + 3600_000,
			Channel: machine.Callback, Direction: machine.Outbound},
		{Op: machine.OpContactDeleted, Vendor: machine.VendorCTT7, ContactID: "gone"},
	} {
		at += 1000
		in.At = at
		m.Step(&in)
	}
	return m
}

func TestSnapshotRoundTripsThroughJSON(t *testing.T) {
	m := busyMachine(t)
	var enc Encoder
	s := m.Snapshot()
	doc := enc.AppendSnapshot(nil, &s)
	require.True(t, json.Valid(doc), "%s", doc)

	back, err := ParseSnapshot(doc)
	require.NoError(t, err)
	assert.Equal(t, s, back)
	m2, err := machine.Restore(machine.Config{}, back)
	require.NoError(t, err)
	s2 := m2.Snapshot()
	assert.Equal(t, string(doc), string(enc.AppendSnapshot(nil, &s2)))
	assert.Equal(t, m.Agent(), m2.Agent())
}

func TestParseSnapshotErrors(t *testing.T) {
	for doc, want := range map[string]string{
		`{"version":2}`:          "version must be 1",
		`{"version":1,"seq":-1}`: "seq must be",
		`{"version":1,"seq":1,"agent":{"availability":"dancing"}}`:                                                                                                                "agent.availability has an unknown value 'dancing'",
		`{"version":1,"seq":1,"agent":{"availability":"ready","state":"ready","since":"noon"}}`:                                                                                   "agent.since must be an ISO 8601 time",
		`{"version":1,"seq":1,"agent":{"availability":"ready","state":"ready"},"contacts":[{"id":"x","vendor":"ctt7","channel":"voice","direction":"inbound","state":"flying"}]}`: "contacts[].state",
		`nope`: "invalid character",
	} {
		_, err := ParseSnapshot([]byte(doc))
		require.Error(t, err, doc)
		assert.Contains(t, err.Error(), want, doc)
	}
}

func TestEventShapes(t *testing.T) {
	m := machine.New(machine.Config{})
	var enc Encoder
	var got []map[string]any
	step := func(in machine.Input) {
		in.At = 1620838164725
		for _, e := range m.Step(&in).Events {
			var v map[string]any
			b := enc.AppendEvent(nil, &e)
			require.NoError(t, json.Unmarshal(b, &v), "%s", b)
			got = append(got, v)
		}
	}
	step(machine.Input{Op: machine.OpContactRinging, Vendor: machine.VendorCTT7, ContactID: "c1"})
	step(machine.Input{Op: machine.OpUnknown, Vendor: machine.VendorWhisbi, Name: "otoNew"})
	step(machine.Input{Op: machine.OpSession, Vendor: machine.VendorWhisbi, Text: "opened",
		Data: []machine.KV{{Key: "kind", Value: "sneaky"}}})

	require.Len(t, got, 4)
	c := got[0]
	assert.Equal(t, float64(1), c["seq"])
	assert.Equal(t, "2021-05-12T16:49:24.725Z", c["at"])
	assert.Equal(t, "contact", c["type"])
	assert.Nil(t, c["from"])
	assert.Contains(t, c, "from", "from is present and null on a contact's first event")
	assert.Equal(t, "ringing", c["to"])
	contact := c["contact"].(map[string]any)
	for _, k := range []string{"id", "vendor", "channel", "direction", "state", "number", "data", "createdAt",
		"connectedAt", "endedAt", "scheduledFor", "outcome", "endReason"} {
		assert.Contains(t, contact, k)
	}
	a := got[1]
	assert.Equal(t, "agent", a["type"])
	assert.Equal(t, "busy", a["to"])
	agent := a["agent"].(map[string]any)
	assert.Equal(t, []any{}, agent["groups"])
	e := got[2]["error"].(map[string]any)
	assert.Equal(t, "BAD_INPUT", e["code"])
	assert.Equal(t, false, e["retryable"])
	assert.Equal(t, map[string]any{"kind": "opened"}, got[3]["session"], "a field cannot override the kind")
}

func TestEncodingAllocatesNothingOnceWarm(t *testing.T) {
	m := busyMachine(t)
	var enc Encoder
	ev := machine.Event{Seq: 9, Type: machine.EvContact, Vendor: machine.VendorCTT7, ContactID: "c1",
		From: "ringing", To: "connected", Contact: *m.Contact("c1")}
	buf := enc.AppendEvent(nil, &ev)
	assert.Zero(t, testing.AllocsPerRun(100, func() { buf = enc.AppendEvent(buf[:0], &ev) }))
}

func FuzzParseSnapshot(f *testing.F) {
	var enc Encoder
	s := busyMachine(nil).Snapshot()
	f.Add(enc.AppendSnapshot(nil, &s))
	f.Add([]byte(`{"version":1,"seq":0,"agent":{"availability":"loggedOut","state":"loggedOut"}}`))
	f.Fuzz(func(t *testing.T, doc []byte) {
		s, err := ParseSnapshot(doc)
		if err != nil {
			return
		}
		m, err := machine.Restore(machine.Config{}, s)
		if err != nil {
			return
		}
		s1 := m.Snapshot()
		out := enc.AppendSnapshot(nil, &s1)
		s2, err := ParseSnapshot(out)
		require.NoError(t, err, "%s", out)
		m2, err := machine.Restore(machine.Config{}, s2)
		require.NoError(t, err)
		s3 := m2.Snapshot()
		require.Equal(t, string(out), string(enc.AppendSnapshot(nil, &s3)))
	})
}
