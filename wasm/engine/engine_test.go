package engine

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/agentshim/agentshim/wasm/decode"
	"github.com/agentshim/agentshim/wasm/machine"
	"github.com/agentshim/agentshim/wasm/trace"
)

func TestReplayIsDeterministic(t *testing.T) {
	tr, err := trace.Parse([]byte(`{"version":1,"startedAt":"2021-05-12T16:49:12.174Z","events":[
	 {"at":"2021-05-12T16:49:13Z","vendor":"ctt7","name":"AGENT:LOGGEDIN","payload":{"ID":"a1","State":"AGENT:LOGGEDIN"}},
	 {"at":"2021-05-12T16:49:24.725Z","vendor":"ctt7","name":"JOBSCHEDULED","payload":{"id":"c1","type":"inbound","CallData":[{"name":"B","value":"2"},{"name":"A","value":"1"}]}},
	 {"at":"2021-05-12T16:49:37.185Z","vendor":"ctt7","name":"connectionstarted","payload":"{\"id\":\"c1\",\"type\":\"inbound\"}"},
	 {"at":"2021-05-12T16:49:37.190Z","vendor":"ctt7","name":"RINGING","payload":"c1"},
	 {"at":"2021-05-12T16:49:37.195Z","vendor":"facade","name":"answer","payload":["c1"]},
	 {"at":"2021-05-12T16:49:37.196Z","vendor":"ctt7","name":"ESTABLISHED","payload":"c1"}]}`))
	require.NoError(t, err)
	out := Replay(tr, Config{})
	assert.Equal(t, out, Replay(tr, Config{}), "same trace, same bytes")
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	require.Len(t, lines, 6)
	assert.Contains(t, lines[1], `"type":"contact","vendor":"ctt7","contactId":"c1","from":null,"to":"scheduled"`)
	assert.Contains(t, lines[1], `"data":{"A":"1","B":"2"}`, "data keys are sorted")
	assert.Contains(t, lines[2], `"from":"scheduled","to":"offered"`)
	assert.Contains(t, lines[4], `"type":"agent"`)
	assert.Contains(t, lines[4], `"to":"busy"`)
	for i, l := range lines {
		assert.Contains(t, l, `{"seq":`+strconv.Itoa(i+1)+`,`)
	}
}

// BenchmarkInboundCall measures the whole native path per vendor event:
// decode the JSON payload, step the machine, encode the facade events.
func BenchmarkInboundCall(b *testing.B) {
	names := []string{"JOBSCHEDULED", "CONNECTIONSTARTED", "POPUP", "DATACHANGED", "JOBCHANGED", "DATACHANGED",
		"RINGING", "DATACHANGED", "ESTABLISHED", "JOBSTARTED", "CONNECTIONCLEARED", "JOBFINISHED", "DELETE"}
	const calls = 256
	var raws []decode.Raw
	for c := 0; c < calls; c++ {
		id := "32-" + strconv.Itoa(60536353+c) + "@B2BUAGW1.enghouse.com"
		for i, n := range names {
			p := `{"id":"` + id + `","type":"inbound","media_type":"voice","job_type":"predictive","dnis":"0212345","CallData":[{"name":"customer","value":"INB-0000000185"}`
			if i >= 7 {
				p += `,{"name":"ECID","value":"felixct7|1|171|12"}`
			}
			raws = append(raws, decode.Raw{At: machine.Millis(c*1000 + i), Vendor: machine.VendorCTT7, Name: n, Payload: []byte(p + `]}`)})
		}
	}
	e := New(Config{})
	var buf []byte
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		for i := range raws {
			e.Apply(&raws[i], 0, func(o *machine.Output) {
				for j := range o.Events {
					buf = e.Enc.AppendEvent(buf[:0], &o.Events[j])
				}
			})
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "events/s")
}
