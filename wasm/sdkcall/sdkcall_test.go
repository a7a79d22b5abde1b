package sdkcall

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/agentshim/agentshim/wasm/machine"
)

func TestCTT7Mapping(t *testing.T) {
	cases := []struct {
		e    machine.Effect
		want []string
	}{
		{machine.Effect{Cmd: machine.CmdLogin}, []string{"AGENT.Login()"}},
		{machine.Effect{Cmd: machine.CmdPause}, []string{"AGENT.Pause()"}},
		{machine.Effect{Cmd: machine.CmdPause, Reason: "LUNCH"}, []string{"AGENT.PauseSubState('LUNCH')"}},
		{machine.Effect{Cmd: machine.CmdLogout}, []string{"AGENT.Logout()"}},
		{machine.Effect{Cmd: machine.CmdSetGroups, Groups: []string{"g1", "g2"}},
			[]string{"AGENT.setAgentGroups([g1,g2])", "AGENT.getAgentGroups()"}},
		{machine.Effect{Cmd: machine.CmdDial, Number: "+420777666555", ServiceID: "S", CallProfileID: "P",
			Data: []machine.KV{{Key: "ECID", Value: "felix|1"}, {Key: "k", Value: "v"}}},
			[]string{"CONTACT.MakeCall('+420777666555', '', 'S', 'P', 'ECID=felix|1|k=v')"}},
		{machine.Effect{Cmd: machine.CmdAnswer, ContactID: "c"}, []string{"CONTACT.Answer('c')"}},
		{machine.Effect{Cmd: machine.CmdHangup, ContactID: "c"}, []string{"CONTACT.Hangup('c')"}},
		{machine.Effect{Cmd: machine.CmdHold, ContactID: "c"}, []string{"CONTACT.Hold('c')"}},
		{machine.Effect{Cmd: machine.CmdResume, ContactID: "c"}, []string{"CONTACT.Hold('c')"}},
		{machine.Effect{Cmd: machine.CmdDTMF, ContactID: "c", Digits: "12#"}, []string{"CONTACT.PlayDTMF('12#')"}},
		{machine.Effect{Cmd: machine.CmdRecord, ContactID: "c", On: true}, []string{"CONTACT.StartRecording('c', '')"}},
		{machine.Effect{Cmd: machine.CmdRecord, ContactID: "c"}, []string{"CONTACT.StopRecording('c', '')"}},
		{machine.Effect{Cmd: machine.CmdSetData, ContactID: "c", Key: "k", Value: "v"},
			[]string{"CONTACT.SetCallData('c', 'k=v')"}},
		{machine.Effect{Cmd: machine.CmdWrapup, ContactID: "c", ECID: "e", Outcome: "SALE", End: true},
			[]string{"EASYCIM.saveScript('c', 'SALE', true)"}},
		{machine.Effect{Cmd: machine.CmdWrapup, ContactID: "c", ECID: "e", Outcome: "SALE"},
			[]string{"EASYCIM.saveScript('c', 'SALE', false)"}},
		{machine.Effect{Cmd: machine.CmdWrapup, ContactID: "c", Outcome: "SALE", End: true},
			[]string{"CONTACT.OfflineEnd('c')"}},
		{machine.Effect{Cmd: machine.CmdWrapup, ContactID: "c", Outcome: "SALE"}, nil},
	}
	for _, c := range cases {
		var got []string
		for _, call := range CTT7(&c.e) {
			got = append(got, call.String())
		}
		assert.Equal(t, c.want, got, "%s", c.e.Cmd)
	}
	assert.True(t, CTT7(&machine.Effect{Cmd: machine.CmdSetGroups})[1].Getter)
	for _, c := range Reconcile() {
		assert.True(t, c.Getter)
	}
}
