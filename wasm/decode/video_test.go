package decode

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/agentshim/agentshim/wasm/machine"
)

func FuzzVideo(f *testing.F) { fuzzVendor(f, machine.VendorVideo) }

const callID = "6f1c2b9e-3d4a-4b5c-8d9e-0a1b2c3d4e5f"

func TestVideo(t *testing.T) {
	one := func(in machine.Input) []machine.Input { return []machine.Input{in} }
	contact := func(op machine.Op, kvs ...machine.KV) machine.Input {
		return machine.Input{Op: op, ContactID: callID, Data: kvs}
	}
	rows := []row{
		{"consent", `{"callId":"` + callID + `","embedId":"e1","given":false}`,
			one(session("consent", "", kv("callId", callID), kv("embedId", "e1"), kv("given", "false")))},
		{"redirect", `{"callId":"` + callID + `","embedId":"e1","reason":"outOfHours","url":"https://a.example/zu"}`,
			one(session("redirect", "", kv("callId", callID), kv("embedId", "e1"), kv("reason", "outOfHours"),
				kv("url", "https://a.example/zu")))},
		{"redirect", `{"callId":"` + callID + `","reason":"exit","url":"https://a.example/danke"}`,
			one(session("redirect", callID, kv("callId", callID), kv("reason", "exit"), kv("url", "https://a.example/danke")))},
		{"requested", `{"callId":"` + callID + `","embedId":"e1","callflow":"cf-17","name":"Customer"}`,
			one(machine.Input{Op: machine.OpContactQueued, ContactID: callID, Channel: machine.Video,
				Direction: machine.Inbound, Data: []machine.KV{kv("embedId", "e1"), kv("callflow", "cf-17"), kv("name", "Customer")}})},
		{"ringing", `{"callId":"` + callID + `","group":"Verkauf"}`, one(contact(machine.OpContactRinging, kv("group", "Verkauf")))},
		{"answered", `{"callId":"` + callID + `","userid":17,"username":"anna@autohaus.example"}`,
			one(contact(machine.OpContactConnected, kv("userid", "17"), kv("username", "anna@autohaus.example")))},
		{"ended", `{"callId":"` + callID + `","by":"agent"}`, one(contact(machine.OpContactEnded, kv("by", "agent")))},
		{"noAnswer", `{"callId":"` + callID + `"}`,
			one(machine.Input{Op: machine.OpContactEnded, ContactID: callID, Reason: "noAnswer"})},
		{"ringing", `{"group":"Verkauf"}`, one(bad("has no callId"))},
		{"ringing", `"x"`, one(bad("must be a JSON object"))},
		{"callStarted", `{}`, one(machine.Input{Op: machine.OpUnknown})},
		{"error", `{"code":"BAD_INPUT","message":"no call flow has embed id 'zz'"}`,
			one(machine.Input{Op: machine.OpMalformed, Err: machine.BadInput, Text: "video: no call flow has embed id 'zz'"})},
		{"error", `{"code":"VENDOR_UNAVAILABLE","message":"no backend","callId":"` + callID + `"}`,
			one(machine.Input{Op: machine.OpMalformed, Err: machine.VendorUnavailable, ContactID: callID, Text: "video: no backend"})},
		{"error", `{"code":"CRASHED","message":"webhook refused with 777 666 555"}`,
			one(machine.Input{Op: machine.OpMalformed, Err: machine.VendorError, Text: "video: webhook refused"})},
	}
	checkRows(t, machine.VendorVideo, rows)
	got := decodeOne("CZ", machine.VendorVideo, "error", `{"message":"refused for 777 666 555"}`)
	require.Len(t, got, 1)
	assert.NotContains(t, got[0].Text, "777 666 555", "phone numbers are masked in error texts")
}

// TestVideoCallThroughTheMachine plays a whole answered call and checks the
// states and end reason the facade reports.
func TestVideoCallThroughTheMachine(t *testing.T) {
	d, m := New(Options{}), machine.New(machine.Config{})
	var states []string
	step := func(name, payload string) {
		for _, in := range d.Decode(nil, &Raw{At: testAt, Vendor: machine.VendorVideo, Name: name, Payload: []byte(payload)}) {
			for _, e := range m.Step(&in).Events {
				states = append(states, e.Type.String()+":"+e.To)
			}
		}
	}
	id := `"callId":"` + callID + `"`
	step("requested", `{`+id+`,"embedId":"e1","callflow":"cf-17","name":"Customer"}`)
	step("ringing", `{`+id+`,"group":"Verkauf"}`)
	step("ringing", `{`+id+`,"group":"Service"}`)
	step("answered", `{`+id+`,"userid":17,"username":"anna@autohaus.example"}`)
	step("ended", `{`+id+`,"by":"customer"}`)
	step("redirect", `{`+id+`,"embedId":"e1","reason":"exit","url":"https://a.example/danke"}`)
	// A state change that also brings new data is followed by contact.data (README, "Events").
	assert.Equal(t, []string{"contact:queued", "contact:ringing", "contact.data:", "contact.data:",
		"contact:connected", "contact.data:", "contact:ended", "contact.data:", "session:"}, states)
	c := m.Contact(callID)
	require.NotNil(t, c)
	assert.Equal(t, "completed", c.EndReason)
	assert.Equal(t, machine.Video, c.Channel)
	assert.Equal(t, machine.VendorVideo, c.Vendor)
	assert.Equal(t, "17", c.Data["userid"])
	assert.Equal(t, machine.AgentLoggedOut, m.Agent().State, "a visitor's call does not occupy an agent")
}
