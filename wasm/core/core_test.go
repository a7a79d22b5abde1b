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

// recordingExec stands for the browser executor: it records the SDK calls
// and can fail like a vendor that throws or is not attached.
type recordingExec struct {
	calls []string
	fail  *machine.Error
}

func (r *recordingExec) Call(_ machine.Vendor, calls []sdkcall.Call) *machine.Error {
	if r.fail != nil {
		return r.fail
	}
	for _, c := range calls {
		r.calls = append(r.calls, c.String())
	}
	return nil
}

func rec(vendor, name string, at int64, cmd int, payload string) string {
	return strings.Join([]string{vendor, name, itoa(at), itoa(int64(cmd)), payload}, "\x1f") + "\x1e"
}

func itoa(n int64) string { b, _ := json.Marshal(n); return string(b) }

type answer struct {
	Events []struct {
		Seq       int             `json:"seq"`
		Type      string          `json:"type"`
		From      *string         `json:"from"`
		To        string          `json:"to"`
		ContactID string          `json:"contactId"`
		Contact   json.RawMessage `json:"contact"`
	} `json:"events"`
	Replies []struct {
		ID      int             `json:"id"`
		OK      bool            `json:"ok"`
		Agent   json.RawMessage `json:"agent"`
		Contact json.RawMessage `json:"contact"`
		Error   *struct {
			Code      string `json:"code"`
			Message   string `json:"message"`
			Retryable bool   `json:"retryable"`
		} `json:"error"`
	} `json:"replies"`
	Pending int  `json:"pending"`
	Dirty   bool `json:"dirty"`
	Error   *struct {
		Code string `json:"code"`
	} `json:"error"`
}

func feed(t *testing.T, c *Core, records ...string) answer {
	t.Helper()
	compact := c.Feed([]byte(strings.Join(records, "")))
	out, err := wiretest.ExpandAnswer(compact)
	require.NoError(t, err, "answer: %s", compact)
	var a answer
	require.NoError(t, json.Unmarshal(out, &a), "answer is JSON: %s", out)
	return a
}

func TestFeedRunsRecordsAndCommands(t *testing.T) {
	ex := &recordingExec{}
	c := New(Options{DefaultRegion: "CZ"}, ex)
	a := feed(t, c,
		rec("facade", "login", 1000, 1, "[]"),
		rec("ctt7", "AGENT:LOGGEDIN", 1100, 0, `"agent"`),
		rec("facade", "dial", 1200, 2, `["777 666 555"]`),
	)
	assert.Equal(t, []string{"AGENT.Login()", "CONTACT.MakeCall('+420777666555', '', '', '', '')"}, ex.calls)
	require.Len(t, a.Events, 1)
	assert.Equal(t, "agent", a.Events[0].Type)
	require.Len(t, a.Replies, 1, "login confirmed; dial still waiting")
	assert.True(t, a.Replies[0].OK)
	assert.Equal(t, 1, a.Pending)
	assert.True(t, a.Dirty)

	a = feed(t, c, rec("ctt7", "dialing", 1300, 0, `{"id":"out-1","type":"outbound","dnis":"+420777666555"}`))
	require.Len(t, a.Replies, 1)
	assert.Equal(t, 2, a.Replies[0].ID)
	assert.Contains(t, string(a.Replies[0].Contact), `"id":"out-1"`)
	assert.Equal(t, 0, a.Pending)
	assert.Equal(t, "dialing", a.Events[0].To)
	assert.Nil(t, a.Events[0].From, "a contact's first event has from: null")
}

func TestVendorFailureRejectsTheCommand(t *testing.T) {
	ex := &recordingExec{fail: &machine.Error{Code: machine.VendorError, Message: "socket closed"}}
	c := New(Options{}, ex)
	a := feed(t, c, rec("facade", "login", 1000, 7, "[]"))
	require.Len(t, a.Replies, 1)
	assert.False(t, a.Replies[0].OK)
	assert.Equal(t, "VENDOR_ERROR", a.Replies[0].Error.Code)
	assert.Equal(t, 0, a.Pending, "the failed command no longer waits")
}

func TestBadRecordsAndPanicsDoNotKillTheCore(t *testing.T) {
	c := New(Options{}, &recordingExec{})
	a := feed(t, c, "garbage\x1e", rec("nope", "x", 1, 0, "null"), rec("ctt7", "LOGGEDIN", 5, 0, "null"))
	require.Len(t, a.Replies, 2)
	for _, r := range a.Replies {
		assert.Equal(t, "BAD_INPUT", r.Error.Code)
	}
	require.Len(t, a.Events, 1, "the good record after the bad ones still runs")

	var p answer
	require.NoError(t, json.Unmarshal(c.Call([]byte("panic")), &p))
	assert.Equal(t, "CRASHED", p.Error.Code)
	assert.Contains(t, string(c.Call([]byte("agent"))), `"availability":"ready"`, "the core still answers")
}

func TestQueriesSnapshotRestoreAndTrace(t *testing.T) {
	c := New(Options{}, &recordingExec{})
	a := feed(t, c,
		rec("ctt7", "LOGGEDIN", 1000, 0, "null"),
		rec("ctt7", "POPUP", 2000, 0, `{"id":"c1","type":"inbound","CallData":[{"name":"ECID","value":"e1"}]}`),
		rec("facade", "tick", 2500, 0, "null"),
	)
	assert.Empty(t, a.Replies, "a tick is time passing, not a command")
	assert.Contains(t, string(c.Call([]byte("contacts"))), `"id":"c1"`)
	assert.Contains(t, string(c.Call([]byte("contact\x1f\"c1\""))), `"ECID":"e1"`)
	assert.Equal(t, "null", string(c.Call([]byte("contact\x1f\"zz\""))))
	assert.Equal(t, `"+420777666555"`, string(New(Options{DefaultRegion: "CZ"}, nil).Call([]byte("normalize\x1f\"777 666 555\""))))
	assert.Equal(t, "null", string(c.Call([]byte("normalize\x1f\"12\""))))

	snap := append([]byte(nil), c.Call([]byte("snapshot"))...)
	tr := append([]byte(nil), c.Call([]byte("trace"))...)
	assert.Equal(t, 2, strings.Count(string(tr), `"vendor":"ctt7"`), "ticks are not traced")

	c2 := New(Options{}, &recordingExec{})
	assert.Equal(t, `{"ok":true}`, string(c2.Call(append([]byte("restore\x1f"), snap...))))
	assert.Equal(t, string(snap), string(c2.Call([]byte("snapshot"))), "snapshot round-trips through restore")
	a = feed(t, c2, rec("ctt7", "POPUP", 3000, 0, `{"id":"c1","type":"inbound"}`))
	assert.Empty(t, a.Events, "a repeat after a reload produces no duplicate event")
	assert.Contains(t, string(c2.Call(append([]byte("restore\x1f"), snap...))), "INVALID_STATE")

	var rep struct {
		Events []json.RawMessage `json:"events"`
	}
	require.NoError(t, json.Unmarshal(c.Call(append([]byte("replay\x1f"), tr...)), &rep))
	assert.Len(t, rep.Events, 2, "agent ready, contact offered (with its data)")
	assert.Contains(t, string(c.Call([]byte("replay\x1f{}"))), "BAD_INPUT")
}

func TestOptions(t *testing.T) {
	assert.Nil(t, CheckNames([]string{"defaultRegion", "whisbi", "tabs"}))
	err := CheckNames([]string{"defaultRegoin"})
	require.NotNil(t, err)
	assert.Contains(t, err.Message, "defaultRegoin")
	o := Options{DefaultRegion: "xx"}
	assert.Equal(t, machine.BadInput, o.Validate().Code)
	o = Options{DefaultRegion: "cz", CommandTimeoutMs: 500}
	assert.Nil(t, o.Validate())
	assert.Equal(t, "CZ", o.DefaultRegion)
	c := New(Options{}, nil)
	feed(t, c, rec("ctt7", "LOGGEDIN", 1, 0, "null"))
	assert.Equal(t, machine.InvalidState, c.Configure(Options{}).Code)
}

func TestTraceRingKeepsTheLastInputs(t *testing.T) {
	c := New(Options{TraceLimit: 3}, nil)
	for i := 1; i <= 5; i++ {
		feed(t, c, rec("ctt7", "LOGGEDIN", int64(i*1000), 0, "null"))
	}
	tr := string(c.Trace())
	assert.Equal(t, 3, strings.Count(tr, "LOGGEDIN"))
	assert.Less(t, strings.Index(tr, "00:00:03"), strings.Index(tr, "00:00:05"), "oldest first")
	assert.NotContains(t, tr, "00:00:02")
}

// With redact, the exported trace masks numbers and addresses in every
// payload, facade commands included, and still replays; without it the
// trace is the inputs as received.
func TestRedactedTrace(t *testing.T) {
	inputs := rec("ctt7", "AGENT:LOGGEDIN", 1000, 0, `{"ID":"a"}`) +
		rec("ctt7", "POPUP", 2000, 0, `"{\"id\":\"c1\",\"type\":\"inbound\",\"ani\":\"777666555\",\"CallData\":[{\"name\":\"mail\",\"value\":\"jan.novak@example.cz\"}]}"`) +
		rec("facade", "dial", 3000, 7, `["777 666 555"]`)
	for _, redacted := range []bool{false, true} {
		c := New(Options{Redact: redacted, DefaultRegion: "CZ"}, &recordingExec{})
		feed(t, c, inputs)
		tr := string(c.Trace())
		assert.Equal(t, !redacted, strings.Contains(tr, "777666555"), "redact=%v", redacted)
		assert.Equal(t, !redacted, strings.Contains(tr, "777 666 555"), "redact=%v", redacted)
		assert.Equal(t, !redacted, strings.Contains(tr, "jan.novak"), "redact=%v", redacted)
		var replayed struct{ Events []json.RawMessage }
		require.NoError(t, json.Unmarshal(c.Call([]byte("replay\x1f"+tr)), &replayed))
		assert.NotEmpty(t, replayed.Events, "a redacted trace still replays")
	}
}

func TestTelemarketingQueries(t *testing.T) {
	c := New(Options{DefaultRegion: "GB"}, &recordingExec{})
	assert.Equal(t, "[]", string(c.Call([]byte("statistics"))))
	assert.Equal(t, "[]", string(c.Call([]byte("applications"))))
	assert.Equal(t, "[]", string(c.Call([]byte("campaigns"))))
	stat := func(at int64, updated, status string) string {
		return rec("telemarketing", "TelemarketStatisticsUpdatedEvent", at, 0, `{"eventName":"TelemarketStatisticsUpdatedEvent",`+
			`"statisticId":"s1","updatedDate":"`+updated+`","campaignId":7,"status":"`+status+`"}`)
	}
	feed(t, c,
		rec("telemarketing", "TelemarketCampaignStatusChangedEvent", 1000, 0, `{"eventName":"TelemarketCampaignStatusChangedEvent","campaignId":7,"status":"IN_PROCESS"}`),
		stat(2000, "2024-01-01T10:00:00Z", "NOT_SUCCESSFUL"),
		stat(3000, "2024-01-01T10:05:00Z", "SUCCESSFUL"),
		stat(4000, "2024-01-01T10:01:00Z", "STALE"),
		rec("telemarketing", "TACStatusUpdatedEvent", 5000, 0, `{"eventName":"TACStatusUpdatedEvent","eventCreationDate":"2024-01-01T10:06:00Z",`+
			`"tac":[{"id":99,"telemarketCampaignId":7,"nextPhoneNumber":"447700900118"}]}`),
		rec("telemarketing", "TelemarketCampaignStatusChangedEvent", 6000, 0, `{"eventName":"TelemarketCampaignStatusChangedEvent","campaignId":8,"status":"PAUSED"}`),
	)
	assert.JSONEq(t, `[{"id":"s1","updated":"2024-01-01T10:05:00.000Z","fields":{"statisticId":"s1",`+
		`"updatedDate":"2024-01-01T10:05:00Z","campaignId":"7","status":"SUCCESSFUL"}}]`, string(c.Call([]byte("statistics"))))
	assert.JSONEq(t, `[{"id":"99","updated":"2024-01-01T10:06:00.000Z","fields":{"id":"99","telemarketCampaignId":"7",`+
		`"nextPhoneNumber":"447700900118"}}]`, string(c.Call([]byte("applications"))))
	assert.Equal(t, `[{"id":"7","status":"IN_PROCESS"},{"id":"8","status":"PAUSED"}]`, string(c.Call([]byte("campaigns"))))
}

// An event's contact is a delta after the contact's first event; a restore or
// a recovered panic (the loader may have missed that answer) starts over in full.
func TestFeedSendsContactDeltasAndStartsOverInFull(t *testing.T) {
	c := New(Options{}, &recordingExec{})
	p := `{"id":"c1","type":"inbound","ani":"0212345678"}`
	a := feed(t, c, rec("ctt7", "connectionstarted", 1000, 0, p), rec("ctt7", "ringing", 1001, 0, p))
	require.Len(t, a.Events, 3, "offered, ringing, the agent busy")
	assert.Contains(t, string(a.Events[0].Contact), `"id":"c1"`, "the first event of a contact: in full")
	assert.JSONEq(t, `{"state":"ringing"}`, string(a.Events[1].Contact))

	var crashed answer
	require.NoError(t, json.Unmarshal(c.Call([]byte("panic")), &crashed))
	require.Equal(t, "CRASHED", crashed.Error.Code)
	a = feed(t, c, rec("ctt7", "established", 1002, 0, p))
	assert.Contains(t, string(a.Events[0].Contact), `"id":"c1"`, "after a panic: in full")
	a = feed(t, c, rec("ctt7", "connectioncleared", 1003, 0, p))
	assert.JSONEq(t, `{"state":"wrapup","endReason":"remoteHangup"}`, string(a.Events[0].Contact))

	snap := append([]byte("restore\x1f"), c.Call([]byte("snapshot"))...)
	c.SetMirror(true) // restore is allowed in mirror mode
	require.Equal(t, `{"ok":true}`, string(c.Call(snap)))
	a = feed(t, c, rec("ctt7", "JOBFINISHED", 1004, 0, p))
	assert.Contains(t, string(a.Events[0].Contact), `"id":"c1"`, "after a restore: in full")
}
