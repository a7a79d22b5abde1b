package trace

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/agentshim/agentshim/wasm/machine"
)

const good = `{"version":1,"startedAt":"2021-05-12T16:49:12.174Z","events":[
  {"at":"2021-05-12T16:49:24.725Z","vendor":"ctt7","name":"JOBSCHEDULED","payload":{ "id" : "32-6" }},
  {"at":"2021-05-12T16:49:37.190Z","vendor":"ctt7","name":"RINGING","payload":"32-6"},
  {"at":"2021-05-12T16:49:40Z","vendor":"facade","name":"login"}
]}`

func TestParseAndAppendRoundTrip(t *testing.T) {
	tr, err := Parse([]byte(good))
	require.NoError(t, err)
	require.Len(t, tr.Events, 3)
	assert.Equal(t, machine.VendorCTT7, tr.Events[0].Vendor)
	assert.Equal(t, `{"id":"32-6"}`, string(tr.Events[0].Payload), "payloads are stored compact")
	assert.Equal(t, "null", string(tr.Events[2].Payload), "a missing payload is null")
	assert.Equal(t, machine.Millis(1620838180000), tr.Events[2].At)

	again, err := Parse(tr.Append(nil))
	require.NoError(t, err)
	assert.Equal(t, tr, again)
}

func TestParseErrorsNameLineAndField(t *testing.T) {
	cases := []struct{ doc, want string }{
		{`[]`, "trace line 1: a trace is a JSON object"},
		{`{"startedAt":"2021-05-12T16:49:12Z","events":[]}`, "trace: version: missing"},
		{`{"version":2,"startedAt":"2021-05-12T16:49:12Z","events":[]}`, "trace line 1: version: is 2"},
		{`{"version":1,"events":[]}`, "trace: startedAt: missing"},
		{`{"version":1,"startedAt":"yesterday","events":[]}`, "startedAt: 'yesterday' is not an ISO 8601 time"},
		{`{"version":1,"startedAt":"2021-05-12T16:49:12Z"}`, "events: is missing"},
		{"{\"version\":1,\"startedAt\":\"2021-05-12T16:49:12Z\",\"events\":[\n{\"at\":\"2021-05-12T16:49:12Z\",\"vendor\":\"ctt7\",\"name\":\"A\"},\n{\"at\":\"2021-05-12T16:49:12Z\",\"vendor\":\"avaya\",\"name\":\"A\"}]}",
			"trace line 3: events[1].vendor: is \"avaya\"; use one of"},
		{`{"version":1,"startedAt":"2021-05-12T16:49:12Z","events":[{"at":"2021-05-12T16:49:12Z","vendor":"ctt7","name":""}]}`,
			"events[0].name: is \"\""},
		{`{"version":1,"startedAt":"2021-05-12T16:49:12Z","events":[{"vendor":"ctt7","name":"A"}]}`, "events[0].at: missing"},
		{`{"version":1,`, "trace: not valid JSON"},
	}
	for _, c := range cases {
		_, err := Parse([]byte(c.doc))
		require.Error(t, err, c.doc)
		assert.Contains(t, err.Error(), c.want, c.doc)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(good))
	f.Add([]byte(`{"version":1,"startedAt":"2021-05-12","events":[{"at":"2021-05-12","vendor":"whisbi","name":"otoOpened","payload":null}]}`))
	f.Fuzz(func(t *testing.T, doc []byte) {
		tr, err := Parse(doc)
		if err != nil {
			return
		}
		again, err := Parse(tr.Append(nil))
		if err != nil {
			t.Fatalf("a parsed trace does not parse after writing: %v", err)
		}
		assert.Equal(t, len(tr.Events), len(again.Events))
	})
}
