package decode

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/agentshim/agentshim/wasm/machine"
)

func session(kind, contact string, kv ...machine.KV) machine.Input {
	in := machine.Input{Op: machine.OpSession, Text: kind, ContactID: contact}
	if len(kv) > 0 {
		in.Data = kv
	}
	return in
}

func kv(k, v string) machine.KV { return machine.KV{Key: k, Value: v} }

func TestWhisbi(t *testing.T) {
	booked := time.Date(2024, 5, 12, 16, 30, 0, 0, time.UTC).UnixMilli()
	const requested = `{"lead":"L1","name":"Jana","phone":"777 666 555","email":"j@example.com","extra":{"a":1},"kpiGuid":"K1"}`
	rows := []row{
		{"otoOpened", ``, []machine.Input{session("opened", "")}},
		{"otoOpened", `{"foo":"bar"}`, []machine.Input{session("opened", "")}},
		{"otoPreSessionRequest", `{"seed":"s1","contentId":"c1","callCenters":[],"customer":{"extra":""}}`,
			[]machine.Input{session("preSession", "", kv("seed", "s1"), kv("contentId", "c1"))}},
		{"otoPreSessionRequest", `{"seed":"s1"}`, []machine.Input{session("preSession", "", kv("seed", "s1"))}},
		{"otoSessionRequested", requested, []machine.Input{
			session("requested", "K1", kv("contactId", "K1")),
			{Op: machine.OpContactQueued, ContactID: "K1", Channel: machine.Voice, Direction: machine.Inbound,
				Number: "+420777666555", Data: []machine.KV{kv("name", "Jana"), kv("email", "j@example.com"),
					kv("extra", `{"a":1}`), kv("lead", "L1")}}}},
		{"otoSessionRequested", `{"name":"Jana","phone":"12","kpiGuid":"K1"}`, []machine.Input{
			session("requested", "K1", kv("contactId", "K1")),
			{Op: machine.OpContactQueued, ContactID: "K1", Number: "12", Data: []machine.KV{kv("name", "Jana")}}}},
		{"otoSessionRequested", `{"name":"Jana"}`, []machine.Input{session("requested", ""), bad("neither kpiGuid nor lead")}},
		{"otoInboundToWhisbiLoaded", `{"formatted_phone":"+420 222 333 444","phone":"+420222333444"}`, []machine.Input{
			session("inboundShown", "", kv("formatted_phone", "+420 222 333 444"), kv("phone", "+420222333444"))}},
		{"otoInboundClicked", `{"phone":"+420222333444"}`, []machine.Input{
			session("inboundClicked", "", kv("phone", "+420222333444"))}},
		{"otoCallBooked", `{"leadGuid":"LG","sessionGuid":"SG","kpiGuid":"K2","country":"CZ","extra":"x","name":"Petr",` +
			`"phone":"777666555","scheduledDate":"2024-05-12T16:30:00Z","scheduledDateObj":"1999-01-01T00:00:00Z"}`,
			[]machine.Input{session("booked", "K2", kv("contactId", "K2")),
				{Op: machine.OpContactScheduled, ContactID: "K2", Number: "+420777666555", When: machine.Millis(booked),
					Data: []machine.KV{kv("name", "Petr"), kv("extra", "x"), kv("leadGuid", "LG"),
						kv("sessionGuid", "SG"), kv("country", "CZ")}}}},
		{"otoCallBooked", `{"kpiGuid":"K2","scheduledDate":"12.5.2024 16:30","scheduledDateObj":"2024-05-12T16:30:00Z"}`,
			[]machine.Input{session("booked", "K2", kv("contactId", "K2")),
				{Op: machine.OpContactScheduled, ContactID: "K2", When: machine.Millis(booked)}}},
		{"otoCallBooked", `{"kpiGuid":"K2","scheduledDateObj":1715531400000}`,
			[]machine.Input{session("booked", "K2", kv("contactId", "K2")),
				{Op: machine.OpContactScheduled, ContactID: "K2", When: machine.Millis(booked)}}},
		{"otoCallBooked", `{"kpiGuid":"K2","scheduledDate":"soon"}`,
			[]machine.Input{session("booked", "K2", kv("contactId", "K2")), {Op: machine.OpContactScheduled, ContactID: "K2"}}},
		{"otoCmbRequested", `{"lead":"L3","name":"Eva","phone":"+420 777 666 555","email":"e@example.com","extra":""}`,
			[]machine.Input{session("callbackRequested", "L3", kv("contactId", "L3")),
				{Op: machine.OpContactScheduled, ContactID: "L3", Channel: machine.Callback, Direction: machine.Outbound,
					Number: "+420777666555", Data: []machine.KV{kv("name", "Eva"), kv("email", "e@example.com"), kv("extra", "")}}}},
		{"otoPinCodeGenerated", `{"pinCode":"AB12"}`, []machine.Input{session("pin", "", kv("pinCode", "AB12"))}},
		{"otoInvalidPhone", `{"session":"s","cookie":"c","name":"Jana","phone":"+420 777 666 555","kpiGuid":"K4"}`,
			[]machine.Input{session("invalidPhone", "K4", kv("contactId", "K4")),
				bad("Whisbi: the customer entered an invalid phone number (+*********555); ask them to check it")}},
		{"otoInvalidPhone", `{"name":"Jana"}`, []machine.Input{session("invalidPhone", ""),
			bad("Whisbi: the customer entered an invalid phone number; ask them to check it")}},
		{"otoCallError", `{"session":"s","phone":"777666555","kpiGuid":"K1"}`, []machine.Input{
			session("callError", "K1", kv("contactId", "K1")),
			{Op: machine.OpContactEnded, ContactID: "K1", Reason: "noAnswer"}}},
		{"otoNoAgentsAvailable", `{"session":"s","kpiGuid":"K1"}`, []machine.Input{
			session("noAgents", "K1", kv("contactId", "K1")),
			{Op: machine.OpContactEnded, ContactID: "K1", Reason: "noAgents"}}},
		{"otoNoAgentsAvailable", `{"session":"s"}`, []machine.Input{session("noAgents", ""), bad("neither kpiGuid nor lead")}},
		{"otoSessionStarted", `{"kpiGuid":"K1"}`, []machine.Input{{Op: machine.OpContactConnected, ContactID: "K1"}}},
		{"otoSessionEnded", `{"kpiGuid":"K1"}`, []machine.Input{{Op: machine.OpContactEnded, ContactID: "K1"}}},
		{"otoSessionEnded", `{}`, []machine.Input{bad("neither kpiGuid nor lead")}},
		{"otoClosed", `null`, []machine.Input{session("closed", "")}},
		{"otoSessionRequested", `"K1"`, []machine.Input{bad("must be the callback's argument object")}},
		{"otoPinCodeGenerated", `["AB12"]`, []machine.Input{bad("must be the callback's argument object")}},
		{"otoSomethingNew", `{"kpiGuid":"K1"}`, []machine.Input{{Op: machine.OpUnknown}}},
	}
	checkRows(t, machine.VendorWhisbi, rows)
}

// TestWhisbiRequestThroughMachine: a request and the later failure concern
// the same contact, which ends with the failure's reason.
func TestWhisbiRequestThroughMachine(t *testing.T) {
	d := New(Options{DefaultRegion: "CZ"})
	m := machine.New(machine.Config{})
	step := func(name, payload string) {
		for _, in := range d.Decode(nil, &Raw{At: testAt, Vendor: machine.VendorWhisbi, Name: name, Payload: []byte(payload)}) {
			for _, e := range m.Step(&in).Events {
				require.NotEqual(t, machine.EvError, e.Type, "%s: %+v", name, e.Error)
			}
		}
	}
	step("otoOpened", `{}`)
	step("otoSessionRequested", `{"lead":"L1","phone":"777666555","kpiGuid":"K1"}`)
	c := m.Contact("K1")
	require.NotNil(t, c)
	assert.Equal(t, machine.Queued, c.State)
	step("otoNoAgentsAvailable", `{"kpiGuid":"K1"}`)
	assert.Equal(t, machine.Ended, c.State)
	assert.Equal(t, "noAgents", c.EndReason)
}
