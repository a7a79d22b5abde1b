package core

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/agentshim/agentshim/wasm/machine"
	"github.com/agentshim/agentshim/wasm/sdkcall"
	"github.com/agentshim/agentshim/wasm/wire/wiretest"
)

// panicExec fails a test that lets a mirroring core call the vendor.
type panicExec struct{ t *testing.T }

func (p panicExec) Call(machine.Vendor, []sdkcall.Call) *machine.Error {
	p.t.Error("a core in mirror mode called the vendor")
	return nil
}

// failedOf returns an answer's "failed" list as JSON text ("" when absent).
func failedOf(t *testing.T, answer []byte) string {
	var a struct {
		Failed json.RawMessage `json:"failed"`
	}
	require.NoError(t, json.Unmarshal(answer, &a))
	return string(a.Failed)
}

// withoutFailed drops the leader-only "failed" field, for comparing answers.
func withoutFailed(answer []byte) string {
	s := string(answer)
	if i := strings.Index(s, `,"failed":`); i >= 0 {
		return s[:i] + "}"
	}
	return s
}

// loaders holds, per core, the contacts its loader would have (PROTOCOL.md, "Contact deltas").
var loaders = map[*Core]map[string]map[string]any{}

// resolved is an answer as a loader sees it: every event's contact a full
// snapshot. Each tab's loader resolves its own core's deltas, so this is what
// must be the same in every tab.
func resolved(t *testing.T, c *Core, compact []byte) string {
	t.Helper()
	answer, err := wiretest.ExpandAnswer(compact)
	require.NoError(t, err, "answer: %s", compact)
	var a map[string]any
	require.NoError(t, json.Unmarshal(answer, &a), "%s", answer)
	if loaders[c] == nil {
		loaders[c] = map[string]map[string]any{}
	}
	known := loaders[c]
	events, _ := a["events"].([]any)
	for _, x := range events {
		e := x.(map[string]any)
		ct, ok := e["contact"].(map[string]any)
		if !ok {
			continue
		}
		id := e["contactId"].(string)
		if _, full := ct["id"]; full {
			known[id] = ct
		} else {
			require.NotNil(t, known[id], "a delta for %s before its full snapshot", id)
			for k, v := range ct {
				known[id][k] = v
			}
		}
		snap := map[string]any{}
		for k, v := range known[id] {
			snap[k] = v
		}
		e["contact"] = snap
		if e["type"] == "contact.removed" {
			delete(known, id)
		}
	}
	delete(a, "failed")
	out, err := json.Marshal(a)
	require.NoError(t, err)
	return string(out)
}

// mirrorStep feeds one batch to the leader, then, as the loader does, the
// leader's failures and the same batch to the follower; the answers match.
func mirrorStep(t *testing.T, leader, follower *Core, records ...string) answer {
	t.Helper()
	batch := []byte(strings.Join(records, ""))
	la := append([]byte(nil), leader.Feed(batch)...)
	if f := failedOf(t, la); f != "" {
		require.Equal(t, `{"ok":true}`, string(follower.Call([]byte("mirror\x1f"+f))))
	}
	fa := follower.Feed(batch)
	require.Equal(t, resolved(t, leader, la), resolved(t, follower, fa), "the follower's answer is the leader's")
	full, err := wiretest.ExpandAnswer(la)
	require.NoError(t, err)
	var a answer
	require.NoError(t, json.Unmarshal(full, &a))
	return a
}

func inboundCall(id string, at int64) []string {
	p := `{"id":"` + id + `","type":"inbound","ani":"0212345678","CallData":[{"name":"ECID","value":"e-` + id + `"}]}`
	return []string{rec("ctt7", "JOBSCHEDULED", at, 0, p), rec("ctt7", "connectionstarted", at+1, 0, p),
		rec("ctt7", "POPUP", at+2, 0, p), rec("ctt7", "ringing", at+3, 0, p)}
}

func TestMirrorGivesTheLeadersAnswersWithoutCallingTheVendor(t *testing.T) {
	ex := &recordingExec{}
	leader := New(Options{DefaultRegion: "CZ"}, ex)
	follower := New(Options{DefaultRegion: "CZ"}, panicExec{t})
	follower.SetMirror(true)
	assert.True(t, follower.Mirroring())

	mirrorStep(t, leader, follower, rec("facade", "login", 1000, 1, "[]"), rec("ctt7", "AGENT:LOGGEDIN", 1100, 0, `"agent"`))
	a := mirrorStep(t, leader, follower, inboundCall("c1", 2000)...)
	require.NotEmpty(t, a.Events)
	a = mirrorStep(t, leader, follower, rec("facade", "answer", 3000, 2, `["c1"]`))
	assert.Equal(t, 1, a.Pending)
	a = mirrorStep(t, leader, follower, rec("ctt7", "established", 3100, 0, `{"id":"c1","type":"inbound"}`))
	require.Len(t, a.Replies, 1, "the answer confirmed in both")
	mirrorStep(t, leader, follower, rec("facade", "hangup", 3200, 3, `["c1"]`), rec("facade", "tick", 20_000, 0, "null"))

	assert.Equal(t, []string{"AGENT.Login()", "CONTACT.Answer('c1')", "CONTACT.Hangup('c1')"}, ex.calls, "only the leader called the vendor")
	assert.Equal(t, string(leader.Call([]byte("snapshot"))), string(follower.Call([]byte("snapshot"))))
	assert.Equal(t, string(leader.Call([]byte("trace"))), string(follower.Call([]byte("trace"))))
}

func TestMirrorRepeatsTheLeadersVendorFailures(t *testing.T) {
	ex := &recordingExec{fail: &machine.Error{Code: machine.VendorError, Vendor: machine.VendorCTT7, Message: "CTToolbar7 threw: socket not connected"}}
	leader := New(Options{}, ex)
	follower := New(Options{}, panicExec{t})
	follower.SetMirror(true)

	la := append([]byte(nil), leader.Feed([]byte(rec("facade", "login", 1000, 5, "[]")))...)
	f := failedOf(t, la)
	assert.JSONEq(t, `[{"id":5,"error":{"code":"VENDOR_ERROR","message":"CTToolbar7 threw: socket not connected","vendor":"ctt7","retryable":false}}]`, f)

	// Without the leader's failures the follower would wait for a confirmation that never comes.
	require.Equal(t, `{"ok":true}`, string(follower.Call([]byte("mirror\x1f"+f))))
	fa := follower.Feed([]byte(rec("facade", "login", 1000, 5, "[]")))
	assert.Equal(t, withoutFailed(la), string(fa))
	assert.Contains(t, string(fa), `"pending":0`)

	// The failures belong to one batch: the next command is taken as sent.
	ex.fail = nil
	mirrorStep(t, leader, follower, rec("facade", "login", 2000, 6, "[]"))
	assert.Equal(t, 1, follower.Machine().Pending())
}

func TestMirrorCatchesUpFromASnapshotAndTakesOver(t *testing.T) {
	leader := New(Options{}, &recordingExec{})
	feed(t, leader, rec("ctt7", "AGENT:LOGGEDIN", 1000, 0, `"agent"`))
	resolved(t, leader, leader.Feed([]byte(strings.Join(inboundCall("c1", 2000), ""))))

	// A tab that opens later restores the leader's snapshot, then mirrors.
	joiner := New(Options{}, panicExec{t})
	assert.Contains(t, string(joiner.Call([]byte("mirror\x1ftrue"))), "ok")
	feed(t, joiner, rec("ctt7", "AGENT:LOGGEDIN", 500, 0, `"agent"`)) // it fed something of its own first
	snap := append([]byte(nil), leader.Call([]byte("snapshot"))...)
	require.Equal(t, `{"ok":true}`, string(joiner.Call(append([]byte("restore\x1f"), snap...))), "mirror mode allows a restore at any time")
	mirrorStep(t, leader, joiner, rec("ctt7", "established", 3000, 0, `{"id":"c1","type":"inbound"}`))

	// The leader's tab closes: the follower leaves mirror mode and goes on numbering.
	before := joiner.Machine().Snapshot().Seq
	ex := &recordingExec{}
	joiner.exec = ex
	require.Equal(t, `{"ok":true}`, string(joiner.Call([]byte("mirror\x1ffalse"))))
	a := feed(t, joiner, rec("facade", "hangup", 4000, 9, `["c1"]`), rec("ctt7", "connectioncleared", 4100, 0, `{"id":"c1","type":"inbound"}`))
	assert.Equal(t, []string{"CONTACT.Hangup('c1')"}, ex.calls, "the new leader calls the vendor")
	require.NotEmpty(t, a.Events)
	assert.Equal(t, int(before)+1, a.Events[0].Seq, "no gap, no repeat")
	assert.Contains(t, string(joiner.Call(append([]byte("restore\x1f"), snap...))), "INVALID_STATE", "a leader's state is not replaced")
}

func TestMirrorQueryRefusesGarbage(t *testing.T) {
	c := New(Options{}, nil)
	for _, arg := range []string{"", "{}", `[{"id":0,"error":{"code":"VENDOR_ERROR","message":"x"}}]`,
		`[{"id":1,"error":{"code":"NOPE","message":"x"}}]`, `[{"id":1}]`} {
		assert.Contains(t, string(c.Call([]byte("mirror\x1f"+arg))), "BAD_INPUT", arg)
	}
	assert.False(t, c.Mirroring())
}
