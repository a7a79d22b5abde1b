package decode

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/agentshim/agentshim/wasm/ascii"
	"github.com/agentshim/agentshim/wasm/machine"
)

const (
	contactID  = "32-60536353@B2BUAGW1.enghouse.com"
	contactObj = `{"id":"32-60536353@B2BUAGW1.enghouse.com","type":"inbound","media_type":"voice",` +
		`"job_type":"manual","ani":"777 666 555","dnis":"100",` +
		`"CallData":[{"name":"ECID","value":"felixct7|1|171|12"},{"name":"tries","value":3},` +
		`{"name":"vip","value":true},{"name":"note","value":null},{"name":"list","value":[1, 2]},{"value":"nameless"}]}`
)

var contactData = []machine.KV{{Key: "ECID", Value: "felixct7|1|171|12"}, {Key: "tries", Value: "3"},
	{Key: "vip", Value: "true"}, {Key: "note", Value: ""}, {Key: "list", Value: "[1,2]"}}

func contact(op machine.Op) machine.Input {
	return machine.Input{Op: op, ContactID: contactID, Channel: machine.Voice, Direction: machine.Inbound,
		Number: "+420777666555", Data: contactData}
}

func bareID(op machine.Op, dir machine.Direction) machine.Input {
	return machine.Input{Op: op, ContactID: contactID, Channel: machine.Voice, Direction: dir}
}

func TestCTT7ContactEvents(t *testing.T) {
	ops := []struct {
		name string
		op   machine.Op
	}{
		{"JOBSCHEDULED", machine.OpContactScheduled},
		{"SERVICEINITIATED", machine.OpContactDialing},
		{"DIALING", machine.OpContactDialing},
		{"CONNECTIONSTARTED", machine.OpContactOffered},
		{"POPUP", machine.OpContactOffered},
		{"RINGING", machine.OpContactRinging},
		{"ESTABLISHED", machine.OpContactConnected},
		{"HOLD", machine.OpContactHoldToggle},
		{"CONNECTIONCLEARED", machine.OpContactCleared},
		{"JOBFINISHED", machine.OpContactEnded},
		{"DELETE", machine.OpContactDeleted},
		{"DATACHANGED", machine.OpContactData},
		{"JOBCHANGED", machine.OpContactData},
		{"JOBSTARTED", machine.OpContactTouched},
	}
	var rows []row
	for _, o := range ops {
		want := contact(o.op)
		rows = append(rows,
			row{o.name, contactObj, []machine.Input{want}},                           // the object
			row{o.name, strconv.Quote(contactObj), []machine.Input{want}},            // JSON text in a string
			row{ascii.Lower(o.name), contactObj, []machine.Input{want}},              // lower case
			row{mixedCase(o.name), " \n" + contactObj + "\n", []machine.Input{want}}) // mixed case, spaces
		dir := machine.Inbound
		if o.op == machine.OpContactDialing {
			dir = machine.Outbound
		}
		rows = append(rows, row{o.name, strconv.Quote(contactID), []machine.Input{bareID(o.op, dir)}})
	}
	checkRows(t, machine.VendorCTT7, rows)
}

func mixedCase(s string) string {
	b := []byte(ascii.Lower(s))
	b[0] -= 'a' - 'A'
	return string(b)
}

func TestCTT7ContactFields(t *testing.T) {
	rows := []row{
		{"RINGING", `{"id":"c1","type":"outbound","dnis":"+420 777 666 555","ani":"100"}`, []machine.Input{
			{Op: machine.OpContactRinging, ContactID: "c1", Direction: machine.Outbound, Number: "+420777666555"}}},
		{"DIALING", `{"id":"c1","dnis":"777666555"}`, []machine.Input{
			{Op: machine.OpContactDialing, ContactID: "c1", Direction: machine.Outbound, Number: "+420777666555"}}},
		{"RINGING", `{"id":"c1","type":"outbound","ani":"777666555"}`, []machine.Input{
			{Op: machine.OpContactRinging, ContactID: "c1", Direction: machine.Outbound, Number: "+420777666555"}}},
		{"RINGING", `{"id":"c1","type":"inbound","dnis":"777666555"}`, []machine.Input{
			{Op: machine.OpContactRinging, ContactID: "c1", Number: "+420777666555"}}},
		{"JOBSCHEDULED", `{"id":"c1","type":"callTask","media_type":"voice","dnis":"anonymous"}`, []machine.Input{
			{Op: machine.OpContactScheduled, ContactID: "c1", Channel: machine.Callback, Direction: machine.Outbound,
				Number: "anonymous"}}},
		{"CONNECTIONSTARTED", `{"id":"c1","media_type":"chat"}`, []machine.Input{
			{Op: machine.OpContactOffered, ContactID: "c1", Channel: machine.Chat}}},
		{"CONNECTIONSTARTED", `{"id":"c1","media_type":"VIDEO","type":"Inbound"}`, []machine.Input{
			{Op: machine.OpContactOffered, ContactID: "c1", Channel: machine.Video}}},
		{"CONNECTIONSTARTED", `{"id":"c1","media_type":"email"}`, []machine.Input{
			{Op: machine.OpContactOffered, ContactID: "c1", Channel: machine.Voice}}},
		{"Hold", `{"id":"c1","held":true}`, []machine.Input{{Op: machine.OpContactHeld, ContactID: "c1"}}},
		{"hold", `{"id":"c1","held":false}`, []machine.Input{{Op: machine.OpContactResumed, ContactID: "c1"}}},
		{"HOLD", `{"id":"c1","hold":true}`, []machine.Input{{Op: machine.OpContactHeld, ContactID: "c1"}}},
		{"HOLD", `{"id":"c1","held":"yes"}`, []machine.Input{{Op: machine.OpContactHoldToggle, ContactID: "c1"}}},
		{"DATACHANGED", `{"id":42,"callData":{"ECID":"e1","n":7}}`, []machine.Input{
			{Op: machine.OpContactData, ContactID: "42", Data: []machine.KV{{Key: "ECID", Value: "e1"}, {Key: "n", Value: "7"}}}}},
		{"DATACHANGED", `{"id":"c1","CallData":[{"name":"k\u00e9","value":"v\"q"}]}`, []machine.Input{
			{Op: machine.OpContactData, ContactID: "c1", Data: []machine.KV{{Key: "ké", Value: `v"q`}}}}},
		{"RINGING", `12345`, []machine.Input{{Op: machine.OpContactRinging, ContactID: "12345"}}},
		{"RINGING", `"{not json"`, []machine.Input{bad("JSON text that does not parse")}},
		{"RINGING", `"[1,2]"`, []machine.Input{{Op: machine.OpContactRinging, ContactID: "[1,2]"}}},
		{"RINGING", `"{\"id\":\"c9\",\"ani\":\"777666555\"}"`, []machine.Input{
			{Op: machine.OpContactRinging, ContactID: "c9", Number: "+420777666555"}}},
	}
	checkRows(t, machine.VendorCTT7, rows)
}

func TestCTT7ContactMalformed(t *testing.T) {
	rows := []row{
		{"RINGING", `{"type":"inbound","ani":"777666555"}`, []machine.Input{bad("has no id")}},
		{"RINGING", `{"id":""}`, []machine.Input{bad("has no id")}},
		{"RINGING", `{"id":null}`, []machine.Input{bad("has no id")}},
		{"RINGING", `null`, []machine.Input{bad("has no id")}},
		{"RINGING", ``, []machine.Input{bad("has no id")}},
		{"RINGING", `""`, []machine.Input{bad("has no id")}},
		{"RINGING", `[1]`, []machine.Input{bad("has no id")}},
		{"RINGING", `true`, []machine.Input{bad("has no id")}},
		{"RINGING", `"{\"type\":\"inbound\"}"`, []machine.Input{bad("has no id")}},
		{"RINGING", `{"id":`, []machine.Input{bad("not valid JSON")}},
	}
	checkRows(t, machine.VendorCTT7, rows)
}

func TestCTT7AgentEvents(t *testing.T) {
	ready := machine.Input{Op: machine.OpAgentReady}
	paused := func(r string) machine.Input { return machine.Input{Op: machine.OpAgentPaused, Reason: r} }
	out := machine.Input{Op: machine.OpAgentLoggedOut}
	rows := []row{
		{"LOGGEDIN", ``, []machine.Input{ready}},
		{"AGENT:LOGGEDIN", `null`, []machine.Input{ready}},
		{"agent:loggedIn", `{}`, []machine.Input{ready}},
		{"PAUSED", ``, []machine.Input{paused("")}},
		{"AGENT:PAUSE", ``, []machine.Input{paused("")}},
		{"PAUSED", `{"SubState":"LUNCH"}`, []machine.Input{paused("LUNCH")}},
		{"AGENT:PAUSE", `{"subState":"Break"}`, []machine.Input{paused("Break")}},
		{"PAUSEDSUBSTATE:Lunch", ``, []machine.Input{paused("Lunch")}},
		{"AGENT:PAUSEDSUBSTATE:Lunch", ``, []machine.Input{paused("Lunch")}},
		{"pausedSubState:tRaining", `{"SubState":"ignored"}`, []machine.Input{paused("tRaining")}},
		{"LOGGEDOUT", ``, []machine.Input{out}},
		{"AGENT:LOGGEDOUT", `"x"`, []machine.Input{out}},
		{"AGENT:LOGGEDIN", `{"ID":"agent7","State":"AGENT:LOGGEDIN"}`, []machine.Input{{Op: machine.OpAgentReady, AgentID: "agent7"}}},
		{"PAUSEDSUBSTATEX", ``, []machine.Input{{Op: machine.OpUnknown}}},
		{"AGENT:READY", ``, []machine.Input{{Op: machine.OpUnknown}}},
		{"TRANSFERRED", contactObj, []machine.Input{{Op: machine.OpUnknown}}},
		{"", ``, []machine.Input{{Op: machine.OpUnknown}}},
	}
	checkRows(t, machine.VendorCTT7, rows)
}

func TestCTT7Getters(t *testing.T) {
	info := machine.Input{Op: machine.OpAgentInfo, AgentID: "agent7"}
	groups := func(g ...string) machine.Input {
		return machine.Input{Op: machine.OpAgentInfo, Groups: append([]string{}, g...)}
	}
	rows := []row{
		{"getAgentState", `"AGENT:PAUSE"`, []machine.Input{{Op: machine.OpAgentPaused}}},
		{"getAgentState", `"LOGGEDIN"`, []machine.Input{{Op: machine.OpAgentReady}}},
		{"getAgentState", `"PAUSEDSUBSTATE:BRK"`, []machine.Input{{Op: machine.OpAgentPaused, Reason: "BRK"}}},
		{"getAgentState", `"AGENT:LOGGEDOUT"`, []machine.Input{{Op: machine.OpAgentLoggedOut}}},
		{"GETAGENTSTATE", `{"ID":"agent7","FirstLoginTime":"2021-05-12T16:49:00Z","State":"AGENT:PAUSE","SubState":"LUNCH"}`,
			[]machine.Input{{Op: machine.OpAgentPaused, Reason: "LUNCH", AgentID: "agent7"}}},
		{"getAgentState", `{"ID":"agent7","State":"LOGGEDIN"}`, []machine.Input{{Op: machine.OpAgentReady, AgentID: "agent7"}}},
		{"getAgentState", `{"State":"PAUSEDSUBSTATE:X","SubState":"Y"}`, []machine.Input{{Op: machine.OpAgentPaused, Reason: "X"}}},
		{"getAgentState", `{"ID":"agent7"}`, []machine.Input{info}},
		{"getAgentState", `"BOGUS"`, []machine.Input{bad("not an agent state")}},
		{"getAgentState", `{"ID":"agent7","State":"BUSY"}`, []machine.Input{bad("not an agent state")}},
		{"getAgentState", `{"State":7}`, []machine.Input{bad("not an agent state")}},
		{"getAgentState", `null`, []machine.Input{bad("not an agent state")}},
		{"getAgentState", `{}`, []machine.Input{bad("not an agent state")}},
		{"getAgentID", `"agent7"`, []machine.Input{info}},
		{"getAgentID", `{"ID":"agent7"}`, []machine.Input{info}},
		{"getAgentID", `{"ID":7}`, []machine.Input{{Op: machine.OpAgentInfo, AgentID: "7"}}},
		{"getAgentID", `""`, []machine.Input{bad("no agent id")}},
		{"getAgentID", `null`, []machine.Input{bad("no agent id")}},
		{"getAgentID", `{"id":"x"}`, []machine.Input{bad("no agent id")}},
		{"getAgentGroups", `["g1","g2"]`, []machine.Input{groups("g1", "g2")}},
		{"getAgentGroups", `[{"id":"g1","description":"Sales"},{"ID":"g2"},{"GroupID":"g3"}]`,
			[]machine.Input{groups("g1", "g2", "g3")}},
		{"getAgentGroups", `[]`, []machine.Input{groups()}},
		{"getAgentGroups", `{"result":true,"Groups":["g1"]}`, []machine.Input{groups("g1")}},
		{"getAgentGroups", `[{"description":"no id"}]`, []machine.Input{bad("without an id")}},
		{"getAgentGroups", `[null]`, []machine.Input{bad("without an id")}},
		{"getAgentGroups", `"g1"`, []machine.Input{bad("expected an array")}},
		{"getAgentLoggedInGroups", `[{"id":"g1"}]`, nil},
		{"getContactInfo", `{"result":true,"ContactInfo":[]}`, nil},
		{"GetCallDataValueByName", `"felixct7|1|171|12"`, nil},
		{"getContactInfo", `{not json`, nil},
	}
	checkRows(t, machine.VendorCTT7, rows)
}

// TestGroupsNeverNil: the machine reads nil Groups as "groups not known".
func TestGroupsNeverNil(t *testing.T) {
	got := decodeOne("", machine.VendorCTT7, "getAgentGroups", `[]`)
	require.Len(t, got, 1)
	assert.NotNil(t, got[0].Groups)
	assert.Empty(t, got[0].Groups)
}

// TestCTT7InboundCallThroughMachine runs the vendor doc's sample inbound log
// through the machine: every event must be accepted (no error events) and
// the contact must end removed.
func TestCTT7InboundCallThroughMachine(t *testing.T) {
	d := New(Options{DefaultRegion: "CZ"})
	m := machine.New(machine.Config{})
	names := []string{"LOGGEDIN", "JOBSCHEDULED", "CONNECTIONSTARTED", "POPUP", "DATACHANGED", "JOBCHANGED",
		"DATACHANGED", "RINGING", "DATACHANGED", "ESTABLISHED", "JOBSTARTED", "connectioncleared", "JOBFINISHED", "DELETE"}
	var ins []machine.Input
	for i, n := range names {
		ins = d.Decode(ins[:0], &Raw{At: testAt + machine.Millis(i), Vendor: machine.VendorCTT7, Name: n,
			Payload: []byte(contactObj)})
		for j := range ins {
			out := m.Step(&ins[j])
			for _, e := range out.Events {
				require.NotEqual(t, machine.EvError, e.Type, "%s: %+v", n, e.Error)
			}
		}
		if n == "ESTABLISHED" {
			c := m.Contact(contactID)
			require.NotNil(t, c)
			assert.Equal(t, machine.Connected, c.State)
			assert.Equal(t, "+420777666555", c.Number)
			assert.Equal(t, "felixct7|1|171|12", c.Data["ECID"])
			assert.Equal(t, machine.AgentBusy, m.Agent().State)
		}
	}
	assert.Nil(t, m.Contact(contactID))
	assert.Equal(t, machine.AgentReady, m.Agent().State)
}

// TestCallDataCacheKeepsPairsApart: cycling through more distinct CallData
// texts than the cache holds, and back, always yields each text's own pairs.
func TestCallDataCacheKeepsPairsApart(t *testing.T) {
	d := New(Options{})
	n := callDataSlots + 3
	for round := 0; round < 3; round++ {
		for i := 0; i < n; i++ {
			j := (i * 5) % n // a different order each pass through the slots
			v := strconv.Itoa(j)
			p := `{"id":"c` + v + `","CallData":[{"name":"ECID","value":"e` + v + `"},{"name":"n","value":` + v + `}]}`
			got := d.Decode(nil, &Raw{Vendor: machine.VendorCTT7, Name: "DATACHANGED", Payload: []byte(p)})
			require.Len(t, got, 1)
			assert.Equal(t, []machine.KV{{Key: "ECID", Value: "e" + v}, {Key: "n", Value: v}}, got[0].Data, "round %d", round)
		}
	}
	// The same text as an object is another text, with the same pairs.
	got := d.Decode(nil, &Raw{Vendor: machine.VendorCTT7, Name: "DATACHANGED",
		Payload: []byte(`{"id":"c1","CallData":{"ECID":"e1","n":1}}`)})
	assert.Equal(t, []machine.KV{{Key: "ECID", Value: "e1"}, {Key: "n", Value: "1"}}, got[0].Data)
}

func TestGetterTimeoutIsATimeoutError(t *testing.T) {
	d := New(Options{})
	ins := d.Decode(nil, &Raw{Vendor: machine.VendorCTT7, Name: "getterTimeout",
		Payload: []byte(`{"getter":"getAgentGroups","ms":2000}`)})
	require.Len(t, ins, 1)
	assert.Equal(t, machine.OpMalformed, ins[0].Op)
	assert.Equal(t, machine.Timeout, ins[0].Err)
	assert.Contains(t, ins[0].Text, "getAgentGroups within 2000 ms")
}

// The toolbar answers getAgentState with the state as it was when asked: an
// agent event received after the ask (a login confirmed meanwhile) makes the
// answer stale, and applying it would undo that login.
func TestStaleGetAgentStateAnswerIsDropped(t *testing.T) {
	raw := func(name, payload string) *Raw {
		return &Raw{Vendor: machine.VendorCTT7, Name: name, Payload: []byte(payload)}
	}
	asked := raw("getterAsked", `{"getter":"getAgentState"}`)
	answer := raw("getAgentState", `{"ID":"A1","State":"AGENT:LOGGEDOUT"}`)
	login := raw("AGENT:LOGGEDIN", `{"ID":"A1","State":"AGENT:LOGGEDIN"}`)

	d := New(Options{})
	assert.Empty(t, d.Decode(nil, asked), "the ask itself changes nothing")
	require.Len(t, d.Decode(nil, login), 1)
	assert.Empty(t, d.Decode(nil, answer), "stale: an agent event came after the ask")
	got := d.Decode(nil, answer)
	require.Len(t, got, 1, "an answer nobody asked for since is taken as it is")
	assert.Equal(t, machine.OpAgentLoggedOut, got[0].Op)

	d.Decode(nil, asked)
	got = d.Decode(nil, answer)
	require.Len(t, got, 1, "no agent event between ask and answer: the answer is current")
	assert.Equal(t, machine.OpAgentLoggedOut, got[0].Op)

	d.Decode(nil, asked)
	d.Decode(nil, raw("getterTimeout", `{"getter":"getAgentState","ms":5}`))
	d.Decode(nil, login)
	assert.Len(t, d.Decode(nil, answer), 1, "a timed-out ask is forgotten")

	d.Decode(nil, raw("getterAsked", `{"getter":"getAgentGroups"}`))
	d.Decode(nil, login)
	assert.Len(t, d.Decode(nil, answer), 1, "only getAgentState asks count")
}
