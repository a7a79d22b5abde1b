package machine

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func cmd(c Cmd, id uint32) Input {
	return Input{Op: OpCommand, Vendor: VendorFacade, Cmd: c, CmdID: id}
}

func (r *run) reply(id uint32) (Reply, bool) {
	for _, x := range r.replies {
		if x.CmdID == id {
			return x, true
		}
	}
	return Reply{}, false
}

func TestAgentCommandsSettleOnConfirmation(t *testing.T) {
	r := newRun()
	r.step(cmd(CmdLogin, 1))
	require.Len(t, r.effects, 1)
	assert.Equal(t, Effect{Vendor: VendorCTT7, Cmd: CmdLogin, CmdID: 1}, r.effects[0])
	_, settled := r.reply(1)
	assert.False(t, settled, "login resolves on the vendor's event, not when sent")
	r.step(Input{Op: OpAgentReady})
	rep, settled := r.reply(1)
	require.True(t, settled)
	assert.Equal(t, Ready, rep.Agent.Availability)

	p := cmd(CmdPause, 2)
	p.Reason = "LUNCH"
	r.step(p)
	r.step(Input{Op: OpAgentPaused, Reason: "OTHER"})
	_, settled = r.reply(2)
	assert.False(t, settled, "another substate does not confirm")
	r.step(Input{Op: OpAgentPaused, Reason: "LUNCH"})
	rep, _ = r.reply(2)
	assert.Equal(t, "LUNCH", rep.Agent.Reason)

	g := cmd(CmdSetGroups, 3)
	g.Groups = []string{"g1", "g2"}
	r.step(g).step(Input{Op: OpAgentInfo, Groups: []string{"g1", "g2"}, AgentID: "agent7"})
	rep, _ = r.reply(3)
	assert.Equal(t, []string{"g1", "g2"}, rep.Agent.Groups)
	assert.Equal(t, "agent7", r.m.Agent().ID)

	r.step(cmd(CmdLogout, 4)).step(Input{Op: OpAgentLoggedOut})
	rep, _ = r.reply(4)
	assert.Equal(t, LoggedOut, rep.Agent.Availability)
	r.step(cmd(CmdLogout, 5))
	rep, _ = r.reply(5)
	assert.Equal(t, CodeNone, rep.Err.Code, "already logged out: resolves at once")
	assert.Len(t, r.effects, 4, "and sends nothing")
}

func TestCommandTimeout(t *testing.T) {
	r := newRun()
	r.step(cmd(CmdLogin, 1))
	r.step(Input{Op: OpTick, At: r.at + DefaultCommandTimeout})
	_, settled := r.reply(1)
	assert.False(t, settled, "not before the deadline")
	r.step(Input{Op: OpTick, At: r.at + DefaultCommandTimeout + 1})
	rep, settled := r.reply(1)
	require.True(t, settled)
	assert.Equal(t, Timeout, rep.Err.Code)
	assert.True(t, rep.Err.Code.Retryable())
	assert.Zero(t, r.m.Pending())
}

func TestDialIsClaimedByTheNextOutboundContact(t *testing.T) {
	r := newRun()
	r.step(Input{Op: OpAgentReady})
	d := cmd(CmdDial, 1)
	d.Number, d.Data, d.ServiceID = "+420777666555", []KV{{"ECID", "e1"}}, "svc"
	r.step(d)
	require.Len(t, r.effects, 1)
	assert.Equal(t, "+420777666555", r.effects[0].Number)
	assert.Equal(t, "svc", r.effects[0].ServiceID)
	r.contact(OpContactOffered, "inbound-meanwhile")
	_, settled := r.reply(1)
	assert.False(t, settled)
	r.contact(OpContactDialing, "out1")
	rep, settled := r.reply(1)
	require.True(t, settled)
	assert.Equal(t, "out1", rep.Contact.ID)
	assert.Equal(t, Outbound, rep.Contact.Direction)
}

func TestDialRefusals(t *testing.T) {
	r := newRun()
	d := cmd(CmdDial, 1)
	d.Number = "+420777666555"
	r.step(d)
	rep, _ := r.reply(1)
	assert.Equal(t, InvalidState, rep.Err.Code, "logged out")
	r.step(Input{Op: OpAgentPaused})
	d.CmdID = 2
	r.step(d)
	rep, _ = r.reply(2)
	assert.Equal(t, InvalidState, rep.Err.Code, "paused")
	assert.Contains(t, rep.Err.Message, "paused")
	r.step(Input{Op: OpAgentReady}).contact(OpContactConnected, "c")
	d.CmdID = 3
	r.step(d)
	rep, _ = r.reply(3)
	assert.Equal(t, InvalidState, rep.Err.Code, "busy")
	d.CmdID, d.Number = 4, ""
	r.step(d)
	rep, _ = r.reply(4)
	assert.Equal(t, BadInput, rep.Err.Code)
	bad := cmd(CmdDial, 5)
	bad.Err, bad.Text = BadInput, "not a phone number"
	r.step(bad)
	rep, _ = r.reply(5)
	assert.Equal(t, Error{Code: BadInput, Message: "not a phone number", Vendor: VendorFacade}, rep.Err)
	assert.Empty(t, r.effects)
	for _, x := range r.replies {
		assert.NotContains(t, x.Err.Message, "777666555")
	}
}

func TestContactCommands(t *testing.T) {
	r := newRun()
	r.step(Input{Op: OpAgentReady})
	r.step(Input{Op: OpContactOffered, ContactID: "c", Data: []KV{{"ECID", "felix|1"}}})

	hold := cmd(CmdHold, 1)
	hold.ContactID = "c"
	r.step(hold)
	rep, _ := r.reply(1)
	assert.Equal(t, InvalidState, rep.Err.Code, "cannot hold a call that is only offered")

	ans := cmd(CmdAnswer, 2)
	ans.ContactID = "c"
	r.step(ans).contact(OpContactConnected, "c")
	rep, _ = r.reply(2)
	assert.Equal(t, Connected, rep.Contact.State)

	hold.CmdID = 3
	r.step(hold).contact(OpContactHoldToggle, "c")
	rep, _ = r.reply(3)
	assert.Equal(t, Held, rep.Contact.State)
	res := cmd(CmdResume, 4)
	res.ContactID = "c"
	r.step(res).contact(OpContactHoldToggle, "c")
	rep, _ = r.reply(4)
	assert.Equal(t, Connected, rep.Contact.State)

	dt := cmd(CmdDTMF, 5)
	dt.ContactID, dt.Digits = "c", "12#"
	rec := cmd(CmdRecord, 6)
	rec.ContactID, rec.On = "c", true
	r.step(dt).step(rec)
	_, ok5 := r.reply(5)
	_, ok6 := r.reply(6)
	assert.True(t, ok5 && ok6, "no vendor confirms dtmf or record: they settle when sent")

	sd := cmd(CmdSetData, 7)
	sd.ContactID, sd.Key, sd.Value = "c", "note", "vip"
	r.step(sd)
	_, settled := r.reply(7)
	assert.False(t, settled)
	r.step(Input{Op: OpContactData, ContactID: "c", Data: []KV{{"note", "vip"}}})
	rep, _ = r.reply(7)
	assert.Equal(t, "vip", rep.Contact.Data["note"])

	hang := cmd(CmdHangup, 8)
	hang.ContactID = "c"
	r.step(hang).contact(OpContactCleared, "c")
	rep, _ = r.reply(8)
	assert.Equal(t, Wrapup, rep.Contact.State)

	wu := cmd(CmdWrapup, 9)
	wu.ContactID, wu.Outcome, wu.End = "c", "SALE", true
	r.step(wu).contact(OpContactEnded, "c")
	rep, _ = r.reply(9)
	assert.Equal(t, Ended, rep.Contact.State)
	assert.Equal(t, "SALE", rep.Contact.Outcome)

	var cmds []Cmd
	for _, e := range r.effects {
		cmds = append(cmds, e.Cmd)
		assert.Equal(t, "c", e.ContactID)
	}
	assert.Equal(t, []Cmd{CmdAnswer, CmdHold, CmdResume, CmdDTMF, CmdRecord, CmdSetData, CmdHangup, CmdWrapup}, cmds)
	last := r.effects[len(r.effects)-1]
	assert.Equal(t, "felix|1", last.ECID, "saveScript needs the easyCIM id")
	assert.True(t, last.End)
}

func TestContactCommandErrors(t *testing.T) {
	r := newRun()
	a := cmd(CmdAnswer, 1)
	a.ContactID = "nobody"
	r.step(a)
	rep, _ := r.reply(1)
	assert.Equal(t, UnknownContact, rep.Err.Code)

	r.step(Input{Op: OpContactQueued, Vendor: VendorWhisbi, ContactID: "w"})
	a.CmdID, a.ContactID = 2, "w"
	r.step(a)
	rep, _ = r.reply(2)
	assert.Equal(t, InvalidState, rep.Err.Code, "whisbi contacts are not answered from the facade")

	r.contact(OpContactConnected, "c").contact(OpContactCleared, "c")
	wu := cmd(CmdWrapup, 3)
	wu.ContactID = "c"
	r.step(wu)
	rep, _ = r.reply(3)
	assert.Equal(t, BadInput, rep.Err.Code, "outcome missing")
	wu.CmdID, wu.Outcome = 4, "NO_SALE"
	r.step(wu)
	rep, _ = r.reply(4)
	assert.Equal(t, CodeNone, rep.Err.Code, "saveScript without end settles at once")

	r.contact(OpContactOffered, "d")
	a.CmdID, a.ContactID = 5, "d"
	r.step(a).contact(OpContactCleared, "d")
	rep, _ = r.reply(5)
	assert.Equal(t, InvalidState, rep.Err.Code, "caller hung up before the answer was confirmed")
	assert.Zero(t, r.m.Pending())
}

// The common path (a contact moving through its states, call data unchanged)
// must not allocate: 1 million events a second in the browser depend on it.
func TestStepAllocatesNothingOnTheCommonPath(t *testing.T) {
	m := New(Config{})
	m.Step(&Input{Op: OpAgentReady, At: 1})
	data := []KV{{"ECID", "felixct7|1|171|12"}}
	ins := []Input{
		{Op: OpContactRinging, ContactID: "c", Data: data},
		{Op: OpContactData, ContactID: "c", Data: data},
		{Op: OpContactConnected, ContactID: "c"},
		{Op: OpContactHoldToggle, ContactID: "c"},
		{Op: OpContactHoldToggle, ContactID: "c"},
		{Op: OpContactTouched, ContactID: "c"},
		{Op: OpContactConnected, ContactID: "c"}, // duplicate
	}
	m.Step(&Input{Op: OpContactOffered, ContactID: "c", Data: data, At: 2})
	for i := range ins {
		ins[i].At, ins[i].Vendor = Millis(3+i), VendorCTT7
	}
	m.Step(&ins[0]) // warm the output buffers
	allocs := testing.AllocsPerRun(100, func() {
		for i := 1; i < len(ins); i++ {
			m.Step(&ins[i])
		}
	})
	assert.Zero(t, allocs)
}
