package machine

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// run feeds inputs to m and collects every event, effect and reply, copying
// them because the Output is reused by the next Step.
type run struct {
	m       *Machine
	events  []Event
	effects []Effect
	replies []Reply
	at      Millis
}

func newRun() *run { return &run{m: New(Config{}), at: 1_600_000_000_000} }

func (r *run) step(in Input) *run {
	r.at += 1000
	if in.At == 0 {
		in.At = r.at
	}
	if in.Vendor == VendorNone {
		in.Vendor = VendorCTT7
	}
	out := r.m.Step(&in)
	r.events = append(r.events, out.Events...)
	r.effects = append(r.effects, out.Effects...)
	r.replies = append(r.replies, out.Replies...)
	return r
}

func (r *run) contact(op Op, id string) *run { return r.step(Input{Op: op, ContactID: id}) }

func (r *run) last() Event { return r.events[len(r.events)-1] }

func (r *run) types() []string {
	var s []string
	for _, e := range r.events {
		s = append(s, e.Type.String()+":"+e.From+">"+e.To)
	}
	return s
}

func TestInboundCallOfTheSampleLog(t *testing.T) {
	r := newRun()
	r.step(Input{Op: OpAgentReady})
	id := "32-60536353@B2BUAGW1.enghouse.com"
	r.contact(OpContactScheduled, id).contact(OpContactOffered, id)
	r.step(Input{Op: OpContactOffered, ContactID: id, Data: []KV{{"customer", "INB-1"}}}) // POPUP
	r.step(Input{Op: OpContactData, ContactID: id, Data: []KV{{"customer", "INB-1"}}})    // unchanged
	r.contact(OpContactRinging, id)
	r.step(Input{Op: OpContactData, ContactID: id, Data: []KV{{"ECID", "felixct7|1|171|12"}}})
	r.contact(OpContactConnected, id).contact(OpContactTouched, id)
	r.contact(OpContactCleared, id).contact(OpContactEnded, id).contact(OpContactDeleted, id)

	assert.Equal(t, []string{
		"agent:loggedOut>ready",
		"contact:>scheduled", "contact:scheduled>offered", "contact.data:>",
		"contact:offered>ringing", "agent:ready>busy", "contact.data:>",
		"contact:ringing>connected",
		"contact:connected>wrapup", "agent:busy>wrapup",
		"contact:wrapup>ended", "agent:wrapup>ready", "contact.removed:>",
	}, r.types())
	for i, e := range r.events {
		assert.Equal(t, uint64(i+1), e.Seq, "seq has no gaps")
	}
	assert.Empty(t, r.m.Contacts())
	ended := r.events[len(r.events)-3].Contact
	assert.Equal(t, "remoteHangup", ended.EndReason)
	assert.Equal(t, "felixct7|1|171|12", ended.Data["ECID"])
	assert.NotZero(t, ended.ConnectedAt)
	assert.Equal(t, Inbound, ended.Direction)
}

func TestDuplicatesProduceNoEvent(t *testing.T) {
	r := newRun()
	r.step(Input{Op: OpAgentReady}).step(Input{Op: OpAgentReady})
	r.contact(OpContactDialing, "c").contact(OpContactDialing, "c")
	r.contact(OpContactConnected, "c").contact(OpContactConnected, "c")
	r.contact(OpContactDeleted, "c").contact(OpContactDeleted, "c").contact(OpContactEnded, "c")
	r.step(Input{Op: OpContactData, ContactID: "c", Data: []KV{{"a", "b"}}})
	assert.Equal(t, []string{"agent:loggedOut>ready", "contact:>dialing", "agent:ready>busy",
		"contact:dialing>connected", "contact:connected>ended", "agent:busy>ready", "contact.removed:>"}, r.types())
}

func TestOutOfOrderIsOneErrorAndStateIntact(t *testing.T) {
	r := newRun()
	r.contact(OpContactConnected, "c").contact(OpContactCleared, "c")
	before := *r.m.Contact("c")
	n := len(r.events)
	r.step(Input{Op: OpContactRinging, ContactID: "c", Name: "RINGING", Data: []KV{{"x", "y"}}})
	require.Len(t, r.events, n+1)
	e := r.last()
	assert.Equal(t, EvError, e.Type)
	assert.Equal(t, InvalidState, e.Error.Code)
	assert.Equal(t, "c", e.Error.ContactID)
	assert.Contains(t, e.Error.Message, "'RINGING'")
	assert.Equal(t, before, *r.m.Contact("c"))
}

func TestHoldToggles(t *testing.T) {
	r := newRun()
	r.contact(OpContactConnected, "c")
	r.contact(OpContactHoldToggle, "c")
	assert.Equal(t, Held, r.m.Contact("c").State)
	r.contact(OpContactHoldToggle, "c")
	assert.Equal(t, Connected, r.m.Contact("c").State)
	r.contact(OpContactCleared, "c").contact(OpContactHoldToggle, "c")
	assert.Equal(t, InvalidState, r.last().Error.Code)
}

func TestEffectiveAgentState(t *testing.T) {
	r := newRun()
	r.step(Input{Op: OpAgentPaused, Reason: "LUNCH"})
	assert.Equal(t, Agent{Availability: Paused, State: AgentPaused, Reason: "LUNCH", Since: r.at}, r.m.Agent())
	r.contact(OpContactOffered, "a").contact(OpContactRinging, "a")
	assert.Equal(t, AgentBusy, r.m.Agent().State)
	r.contact(OpContactCleared, "a")
	assert.Equal(t, AgentWrapup, r.m.Agent().State)
	r.contact(OpContactDialing, "b")
	assert.Equal(t, AgentBusy, r.m.Agent().State, "busy beats wrapup")
	r.contact(OpContactEnded, "b")
	assert.Equal(t, AgentWrapup, r.m.Agent().State)
	r.contact(OpContactEnded, "a")
	assert.Equal(t, AgentPaused, r.m.Agent().State)
	assert.Equal(t, Paused, r.m.Agent().Availability)
	r.step(Input{Op: OpAgentPaused, Reason: "BREAK"})
	assert.Equal(t, "agent:paused>paused", r.types()[len(r.events)-1], "a new pause reason is a change")
}

func TestUnknownAndMalformedAreBadInput(t *testing.T) {
	r := newRun()
	r.step(Input{Op: OpUnknown, Name: "otoSomethingNew", Vendor: VendorWhisbi})
	r.step(Input{Op: OpMalformed, Text: "payload is not JSON"})
	require.Len(t, r.events, 2)
	assert.Equal(t, BadInput, r.events[0].Error.Code)
	assert.Contains(t, r.events[0].Error.Message, "otoSomethingNew")
	assert.Equal(t, "payload is not JSON", r.events[1].Error.Message)
}

func TestDataForUnknownContact(t *testing.T) {
	r := newRun()
	r.step(Input{Op: OpContactData, ContactID: "ghost", Data: []KV{{"a", "b"}}})
	assert.Equal(t, UnknownContact, r.last().Error.Code)
	r.step(Input{Op: OpContactRinging})
	assert.Equal(t, BadInput, r.last().Error.Code, "a contact event without an id")
}

func TestLateEventsForDeletedContact(t *testing.T) {
	r := newRun()
	r.contact(OpContactConnected, "c").contact(OpContactDeleted, "c")
	n := len(r.events)
	r.contact(OpContactCleared, "c").contact(OpContactEnded, "c")
	r.step(Input{Op: OpContactData, ContactID: "c", Data: []KV{{"a", "b"}}})
	assert.Len(t, r.events, n, "repeats of a deleted contact's last events are duplicates")
	r.contact(OpContactRinging, "c")
	assert.Equal(t, InvalidState, r.last().Error.Code)
	assert.Nil(t, r.m.Contact("c"))
}

func TestEndReasons(t *testing.T) {
	r := newRun()
	r.step(Input{Op: OpAgentReady})
	r.contact(OpContactOffered, "missed").contact(OpContactCleared, "missed")
	assert.Equal(t, "missed", r.m.Contact("missed").EndReason)
	r.contact(OpContactDialing, "out").contact(OpContactCleared, "out")
	assert.Equal(t, "noAnswer", r.m.Contact("out").EndReason)
	r.step(Input{Op: OpContactQueued, ContactID: "w", Vendor: VendorWhisbi})
	r.step(Input{Op: OpContactEnded, ContactID: "w", Vendor: VendorWhisbi, Reason: "noAgents"})
	assert.Equal(t, "noAgents", r.m.Contact("w").EndReason)
	r.contact(OpContactOffered, "agent").contact(OpContactConnected, "agent")
	r.step(Input{Op: OpCommand, Cmd: CmdHangup, ContactID: "agent", CmdID: 9})
	r.contact(OpContactCleared, "agent")
	assert.Equal(t, "agentHangup", r.m.Contact("agent").EndReason)
	assert.Equal(t, CodeNone, r.replies[len(r.replies)-1].Err.Code)

	// Queued or scheduled, then over: nobody was ever reached.
	chat := func(op Op) Input { return Input{Op: op, Vendor: VendorMluvii, Widget: "W", Channel: Chat} }
	r.step(chat(OpContactQueued)).step(chat(OpContactEnded))
	assert.Equal(t, "cancelled", r.m.Contact("mluvii:W:1").EndReason, "a chat the visitor left in the queue")
	r.step(Input{Op: OpContactScheduled, ContactID: "cb", Vendor: VendorTelemarketing, Channel: Callback, Direction: Outbound})
	r.step(Input{Op: OpContactEnded, ContactID: "cb", Vendor: VendorTelemarketing})
	assert.Equal(t, "cancelled", r.m.Contact("cb").EndReason, "a callback withdrawn before it was dialed")
	r.step(Input{Op: OpContactQueued, ContactID: "q", Vendor: VendorCTT7}).step(Input{Op: OpContactRinging, ContactID: "q", Vendor: VendorCTT7})
	r.step(Input{Op: OpContactCleared, ContactID: "q", Vendor: VendorCTT7})
	assert.Equal(t, "missed", r.m.Contact("q").EndReason, "it rang: missed, not cancelled")
}

func TestMluviiChatsAreNumberedPerWidget(t *testing.T) {
	r := newRun()
	mk := func(op Op, w string) Input { return Input{Op: op, Vendor: VendorMluvii, Widget: w, Channel: Chat} }
	r.step(mk(OpWidgetStatus, "A")).step(Input{Op: OpWidgetStatus, Vendor: VendorMluvii, Widget: "A", Status: 1})
	r.step(mk(OpWidgetOpen, "A")).step(mk(OpWidgetOpen, "A"))
	r.step(mk(OpContactQueued, "A")).step(mk(OpContactQueued, "A")).step(mk(OpContactQueued, "B"))
	r.step(mk(OpContactConnected, "A")).step(mk(OpContactEnded, "A")).step(mk(OpContactEnded, "A"))
	r.step(mk(OpContactQueued, "A"))
	var ids []string
	for _, e := range r.events {
		if e.Type == EvContact {
			ids = append(ids, e.ContactID+" "+e.To)
		}
	}
	assert.Equal(t, []string{"mluvii:A:1 queued", "mluvii:B:1 queued", "mluvii:A:1 connected",
		"mluvii:A:1 ended", "mluvii:A:2 queued"}, ids)
	ws := r.m.Widgets()
	require.Len(t, ws, 2)
	assert.Equal(t, WidgetOnline, ws[0].Status)
	assert.True(t, ws[0].Open)
	assert.Equal(t, 3, countType(r.events, EvWidget), "created, online, open; the repeat is silent")
	r.step(mk(OpContactConnected, "C"))
	assert.Equal(t, "mluvii:C:1", r.last().ContactID, "a chat that starts unseen is created")
	r.step(mk(OpContactEnded, "D"))
	assert.Equal(t, InvalidState, r.last().Error.Code)
	r.step(Input{Op: OpWidgetStatus, Vendor: VendorMluvii, Widget: "A", Status: 7})
	assert.Equal(t, BadInput, r.last().Error.Code)
}

func countType(es []Event, t EventType) int {
	n := 0
	for _, e := range es {
		if e.Type == t {
			n++
		}
	}
	return n
}

func TestSessionsAreReportedOncePerContent(t *testing.T) {
	r := newRun()
	s := func(kind string, kv ...KV) Input {
		return Input{Op: OpSession, Vendor: VendorWhisbi, Text: kind, Data: kv}
	}
	r.step(s("opened")).step(s("opened")).step(s("pin", KV{"pinCode", "A1"})).step(s("pin", KV{"pinCode", "A1"}))
	r.step(s("pin", KV{"pinCode", "B2"}))
	assert.Equal(t, 3, len(r.events))
	assert.Equal(t, "B2", r.last().Session.Data[0].Value)

	// After a reload the landing shows the same PIN again, and a page may fire a
	// request's callback twice: repeats of the last step of their kind.
	req := func(id string) Input {
		in := s("requested", KV{"contactId", id})
		in.ContactID = id
		return in
	}
	r.step(req("k1")).step(s("pin", KV{"pinCode", "B2"})).step(req("k1"))
	assert.Equal(t, 4, len(r.events), "one requested, no second pin or requested")
	r.step(req("k2"))
	assert.Equal(t, "k2", r.last().ContactID, "another contact's request is new")

	// Steps without an id may come again: a second request's pre-session step.
	pre := s("preSession", KV{"seed", "s1"})
	r.step(pre).step(req("k3")).step(pre)
	assert.Equal(t, 8, len(r.events))
	assert.Equal(t, "preSession", r.last().Session.Kind)
}

func TestTelemarketingUpsertAndCampaignGate(t *testing.T) {
	r := newRun()
	r.m.Step(&Input{Op: OpAgentReady, At: r.at})
	stat := func(when Millis, status string) Input {
		return Input{Op: OpStatistic, Vendor: VendorTelemarketing, Key: "s1", Text: "camp", When: when,
			Data: []KV{{"status", status}}}
	}
	r.step(stat(100, "started")).step(stat(100, "started")).step(stat(300, "done")).step(stat(200, "stale"))
	require.Len(t, r.events, 2)
	assert.Equal(t, "statistic", r.events[0].Campaign.Kind)
	assert.Equal(t, []KV{{"status", "done"}}, r.m.Statistic("s1").Fields)
	assert.Equal(t, Millis(300), r.m.Statistic("s1").Updated)

	r.step(Input{Op: OpCampaignStatus, Vendor: VendorTelemarketing, Key: "camp", Text: "PAUSED"})
	r.step(Input{Op: OpCampaignStatus, Vendor: VendorTelemarketing, Key: "camp", Text: "PAUSED"})
	assert.Equal(t, 3, len(r.events))
	r.step(Input{Op: OpCommand, Cmd: CmdDial, Number: "+420777666555", CampaignID: "camp", CmdID: 1})
	assert.Equal(t, InvalidState, r.replies[0].Err.Code)
	assert.Empty(t, r.effects)
	r.step(Input{Op: OpCampaignStatus, Vendor: VendorTelemarketing, Key: "camp", Text: "IN_PROCESS"})
	r.step(Input{Op: OpCommand, Cmd: CmdDial, Number: "+420777666555", CampaignID: "camp", CmdID: 2})
	require.Len(t, r.effects, 1)
	assert.Equal(t, "+420777666555", r.effects[0].Number)
}
