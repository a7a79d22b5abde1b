package decode

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/agentshim/agentshim/wasm/machine"
)

func cmd(c machine.Cmd) machine.Input { return machine.Input{Op: machine.OpCommand, Cmd: c} }

func badCmd(c machine.Cmd, text string) machine.Input {
	return machine.Input{Op: machine.OpCommand, Cmd: c, Err: machine.BadInput, Text: text}
}

func with(in machine.Input, f func(*machine.Input)) machine.Input {
	f(&in)
	return in
}

func facadeRows() []row {
	one := func(in machine.Input) []machine.Input { return []machine.Input{in} }
	return []row{
		{"tick", `null`, one(machine.Input{Op: machine.OpTick})},
		{"login", `[]`, one(cmd(machine.CmdLogin))},
		{"login", ``, one(cmd(machine.CmdLogin))},
		{"login", `[null]`, one(cmd(machine.CmdLogin))},
		{"login", `["now"]`, one(badCmd(machine.CmdLogin, "login: takes 0 argument(s), got 1; call login()"))},
		{"logout", `[]`, one(cmd(machine.CmdLogout))},
		{"logout", `[1,2]`, one(badCmd(machine.CmdLogout, "takes 0 argument(s), got 2"))},
		{"pause", `[]`, one(cmd(machine.CmdPause))},
		{"pause", `["LUNCH"]`, one(with(cmd(machine.CmdPause), func(in *machine.Input) { in.Reason = "LUNCH" }))},
		{"pause", `[5]`, one(badCmd(machine.CmdPause, "reason must be a pause substate code string"))},
		{"pause", `["a","b"]`, one(badCmd(machine.CmdPause, "takes 0 to 1 argument(s), got 2"))},
		{"setGroups", `[["g1","g2"]]`, one(with(cmd(machine.CmdSetGroups), func(in *machine.Input) { in.Groups = []string{"g1", "g2"} }))},
		{"setGroups", `[[]]`, one(with(cmd(machine.CmdSetGroups), func(in *machine.Input) { in.Groups = []string{} }))},
		{"setGroups", `["g1"]`, one(badCmd(machine.CmdSetGroups, "ids must be an array of group id strings"))},
		{"setGroups", `[["g1",2]]`, one(with(badCmd(machine.CmdSetGroups, "one of them is 2"),
			func(in *machine.Input) { in.Groups = []string{"g1"} }))},
		{"setGroups", `[]`, one(badCmd(machine.CmdSetGroups, "takes 1 argument(s), got 0"))},
		{"dial", `["777 666 555"]`, one(with(cmd(machine.CmdDial), func(in *machine.Input) { in.Number = "+420777666555" }))},
		{"dial", `["+420 777 666 555", {"callData": {"ECID": "e1", "k": "v"}, "serviceId": "svc", "callProfileId": 3,` +
			` "campaignId": "C1"}]`, one(with(cmd(machine.CmdDial), func(in *machine.Input) {
			in.Number, in.ServiceID, in.CallProfileID, in.CampaignID = "+420777666555", "svc", "3", "C1"
			in.Data = []machine.KV{kv("ECID", "e1"), kv("k", "v")}
		}))},
		{"dial", `["777666555", null]`, one(with(cmd(machine.CmdDial), func(in *machine.Input) { in.Number = "+420777666555" }))},
		{"dial", `["777666555", {"callData": null, "serviceId": null}]`, one(with(cmd(machine.CmdDial),
			func(in *machine.Input) { in.Number = "+420777666555" }))},
		{"dial", `["777 666 55"]`, one(badCmd(machine.CmdDial,
			"dial: '*****655' is not a valid phone number for region CZ; pass it in international form (+420...)"))},
		{"dial", `[""]`, one(badCmd(machine.CmdDial, "number is empty"))},
		{"dial", `[777666555]`, one(badCmd(machine.CmdDial, "number must be a string, not number"))},
		{"dial", `[]`, one(badCmd(machine.CmdDial, "takes 1 to 2 argument(s), got 0"))},
		{"dial", `["777666555", {"callerId": "x"}]`, one(with(badCmd(machine.CmdDial,
			"dial: unknown option 'callerId'; the options are callData, serviceId, callProfileId and campaignId"),
			func(in *machine.Input) { in.Number = "+420777666555" }))},
		{"dial", `["777666555", {"callData": {"n": 1}}]`, one(with(badCmd(machine.CmdDial,
			"callData.n must be a string, not number"), func(in *machine.Input) { in.Number = "+420777666555" }))},
		{"dial", `["777666555", {"callData": ["x"]}]`, one(with(badCmd(machine.CmdDial,
			"callData must be an object of string values"), func(in *machine.Input) { in.Number = "+420777666555" }))},
		{"dial", `["777666555", {"serviceId": {}}]`, one(with(badCmd(machine.CmdDial, "serviceId must be a string"),
			func(in *machine.Input) { in.Number = "+420777666555" }))},
		{"dial", `["777666555", "svc"]`, one(with(badCmd(machine.CmdDial, "options must be an object"),
			func(in *machine.Input) { in.Number = "+420777666555" }))},
		{"answer", `["c1"]`, one(with(cmd(machine.CmdAnswer), func(in *machine.Input) { in.ContactID = "c1" }))},
		{"hangup", `["c1"]`, one(with(cmd(machine.CmdHangup), func(in *machine.Input) { in.ContactID = "c1" }))},
		{"hold", `["c1"]`, one(with(cmd(machine.CmdHold), func(in *machine.Input) { in.ContactID = "c1" }))},
		{"resume", `["c1"]`, one(with(cmd(machine.CmdResume), func(in *machine.Input) { in.ContactID = "c1" }))},
		{"answer", `[]`, one(badCmd(machine.CmdAnswer, "answer: takes 1 argument(s), got 0; call answer(id)"))},
		{"hangup", `[""]`, one(badCmd(machine.CmdHangup, "id must be a contact id string"))},
		{"hold", `[{"id":"c1"}]`, one(badCmd(machine.CmdHold, "id must be a contact id string"))},
		{"resume", `["c1","c2"]`, one(badCmd(machine.CmdResume, "takes 1 argument(s), got 2"))},
		{"dtmf", `["c1","0123456789*#ABCD"]`, one(with(cmd(machine.CmdDTMF), func(in *machine.Input) {
			in.ContactID, in.Digits = "c1", "0123456789*#ABCD"
		}))},
		{"dtmf", `["c1","12e"]`, one(with(badCmd(machine.CmdDTMF, "'12e' has 'e' at position 3"),
			func(in *machine.Input) { in.ContactID = "c1" }))},
		{"dtmf", `["c1",""]`, one(with(badCmd(machine.CmdDTMF, "got 0 characters"), func(in *machine.Input) { in.ContactID = "c1" }))},
		{"dtmf", `["c1","` + string(make65()) + `"]`, one(with(badCmd(machine.CmdDTMF, "got 65 characters"),
			func(in *machine.Input) { in.ContactID = "c1" }))},
		{"dtmf", `["c1",5]`, one(with(badCmd(machine.CmdDTMF, "as a string, not number"), func(in *machine.Input) { in.ContactID = "c1" }))},
		{"dtmf", `["c1"]`, one(badCmd(machine.CmdDTMF, "takes 2 argument(s), got 1"))},
		{"record", `["c1",true]`, one(with(cmd(machine.CmdRecord), func(in *machine.Input) { in.ContactID, in.On = "c1", true }))},
		{"record", `["c1",false]`, one(with(cmd(machine.CmdRecord), func(in *machine.Input) { in.ContactID = "c1" }))},
		{"record", `["c1","on"]`, one(with(badCmd(machine.CmdRecord, "on must be true or false"), func(in *machine.Input) { in.ContactID = "c1" }))},
		{"setData", `["c1","ECID","e2"]`, one(with(cmd(machine.CmdSetData), func(in *machine.Input) {
			in.ContactID, in.Key, in.Value = "c1", "ECID", "e2"
		}))},
		{"setData", `["c1","ECID",""]`, one(with(cmd(machine.CmdSetData), func(in *machine.Input) { in.ContactID, in.Key = "c1", "ECID" }))},
		{"setData", `["c1","","v"]`, one(with(badCmd(machine.CmdSetData, "key must be a non-empty string"),
			func(in *machine.Input) { in.ContactID = "c1" }))},
		{"setData", `["c1","k",5]`, one(with(badCmd(machine.CmdSetData, "value must be a string"),
			func(in *machine.Input) { in.ContactID = "c1" }))},
		{"setData", `["c1","k"]`, one(badCmd(machine.CmdSetData, "takes 3 argument(s), got 2"))},
		{"wrapup", `["c1",{"outcome":"SALE","end":true}]`, one(with(cmd(machine.CmdWrapup), func(in *machine.Input) {
			in.ContactID, in.Outcome, in.End = "c1", "SALE", true
		}))},
		{"wrapup", `["c1",{"outcome":"SALE"}]`, one(with(cmd(machine.CmdWrapup), func(in *machine.Input) {
			in.ContactID, in.Outcome = "c1", "SALE"
		}))},
		{"wrapup", `["c1",{"end":true}]`, one(with(badCmd(machine.CmdWrapup, "outcome is missing"),
			func(in *machine.Input) { in.ContactID, in.End = "c1", true }))},
		{"wrapup", `["c1",{"outcome":"SALE","end":"yes"}]`, one(with(badCmd(machine.CmdWrapup, "end must be true or false"),
			func(in *machine.Input) { in.ContactID, in.Outcome = "c1", "SALE" }))},
		{"wrapup", `["c1",{"outcome":"SALE","note":"x"}]`, one(with(badCmd(machine.CmdWrapup, "unknown option 'note'"),
			func(in *machine.Input) { in.ContactID, in.Outcome = "c1", "SALE" }))},
		{"wrapup", `["c1","SALE"]`, one(with(badCmd(machine.CmdWrapup, "options must be {outcome: string, end?: boolean}"),
			func(in *machine.Input) { in.ContactID = "c1" }))},
		{"wrapup", `["c1",{"outcome":1}]`, one(with(badCmd(machine.CmdWrapup, "outcome must be a string"),
			func(in *machine.Input) { in.ContactID, in.Outcome = "c1", "1" }))},
		{"transfer", `["c1"]`, one(badCmd(machine.CmdNone, "unknown command 'transfer'; the commands are login"))},
		{"", `[]`, one(badCmd(machine.CmdNone, "unknown command ''"))},
		{"login", `{}`, one(badCmd(machine.CmdLogin, "the arguments must be a JSON array, not object"))},
		{"hangup", `["c1"`, one(badCmd(machine.CmdHangup, "the arguments are not valid JSON"))},
	}
}

func make65() []byte {
	b := make([]byte, 65)
	for i := range b {
		b[i] = '1'
	}
	return b
}

func TestFacade(t *testing.T) { checkRows(t, machine.VendorFacade, facadeRows()) }

var sevenDigits = regexp.MustCompile(`[0-9]{7,}`)

// TestFacadeTextsHideNumbers: no BAD_INPUT text shows a run of 7 digits.
func TestFacadeTextsHideNumbers(t *testing.T) {
	rows := append(facadeRows(),
		row{"dial", `["+420 777 666 55 5 5"]`, nil},
		row{"dial", `["00420777666555123"]`, nil},
		row{"dial", `["777666555", {"callData": {"777666555": 1}}]`, nil},
		row{"dial", `["777666555", {"777666555": "x"}]`, nil},
		row{"dtmf", `["c1", "777666555x"]`, nil},
		row{"hangup", `[777666555]`, nil},
		row{"777666555", `[]`, nil},
		row{"setGroups", `[["g", 777666555]]`, nil},
	)
	for _, r := range rows {
		got := decodeOne("CZ", machine.VendorFacade, r.name, r.payload)
		require.Len(t, got, 1)
		if got[0].Err != machine.CodeNone {
			assert.NotRegexp(t, sevenDigits, got[0].Text, "%s %s", r.name, r.payload)
		}
	}
}

func TestFacadeDialRegions(t *testing.T) {
	for _, c := range []struct{ region, want string }{
		{"", "pass it in international form (+<country code>...), or set defaultRegion"},
		{"ZZ", "for region ZZ; pass it in international form (+<country code>...)"},
		{"CZ", "for region CZ; pass it in international form (+420...)"},
	} {
		got := decodeOne(c.region, machine.VendorFacade, "dial", `["777 666 55"]`)
		require.Len(t, got, 1)
		assert.Equal(t, machine.BadInput, got[0].Err)
		assert.Contains(t, got[0].Text, c.want)
		assert.NotContains(t, got[0].Text, "7776665")
	}
	// An international number needs no region.
	got := decodeOne("", machine.VendorFacade, "dial", `["+420 777 666 555"]`)
	assert.Equal(t, "+420777666555", got[0].Number)
	assert.Equal(t, machine.CodeNone, got[0].Err)
}
