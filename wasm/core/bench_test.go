package core

import (
	"bytes"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// benchNames is the CTToolbar7 fake's 13-event inbound call, as the browser
// benchmark (web/bench/bench.js) replays it.
var benchNames = []string{"JOBSCHEDULED", "connectionstarted", "POPUP", "datachanged", "JOBCHANGED", "datachanged",
	"ringing", "datachanged", "established", "JOBSTARTED", "connectioncleared", "JOBFINISHED", "DELETE"}

// benchPayload is the fake's contact object for contact k, event j: the
// ECID joins CallData with the third datachanged, as in the fake.
func benchPayload(k, j int) string {
	cd := `[{"name":"LANGUAGE","value":"IT"},{"name":"SERVICE_ID","value":"171"}`
	if j >= 8 {
		cd += `,{"name":"ECID","value":"felixct7|1|171|` + strconv.Itoa(12+k) + `"}`
	}
	return `{"id":"` + strconv.Itoa(68+k) + `-` + strconv.FormatInt(0x60f69967+int64(k), 16) +
		`@pddialer1.example.priv","type":"inbound","media_type":"voice","job_type":"manual","CallData":` + cd +
		`],"dnis":"800100200","ani":"0212345678","time_duration_sec":0,"waitingTime":0,"held":false}`
}

// benchBatches packs the agent login and `contacts` inbound calls, four
// interleaved three events apart like the browser benchmark, into batches of
// 256 records each.
func benchBatches(first, contacts int) [][]byte {
	const interleave, stagger, batch = 4, 3, 256
	type ev struct{ t, k, j int }
	var recs []string
	at := int64(1_620_830_952_000 + first*20)
	recs = append(recs, rec("ctt7", "AGENT:LOGGEDIN", at, 0, `{"ID":"AGENT1001@felixct7","FirstLoginTime":"2021-05-12T14:49:12.000Z","State":"AGENT:LOGGEDIN"}`))
	for g := first; g < first+contacts; g += interleave {
		var evs []ev
		for i := 0; i < interleave && g+i < first+contacts; i++ {
			for j := range benchNames {
				evs = append(evs, ev{stagger*i + j, g + i, j})
			}
		}
		// stable order by time, then contact (insertion order is by contact)
		for a := 1; a < len(evs); a++ {
			for b := a; b > 0 && evs[b].t < evs[b-1].t; b-- {
				evs[b], evs[b-1] = evs[b-1], evs[b]
			}
		}
		for _, e := range evs {
			at++
			recs = append(recs, rec("ctt7", benchNames[e.j], at, 0, benchPayload(e.k, e.j)))
		}
	}
	var out [][]byte
	for len(recs) > 0 {
		n := min(batch, len(recs))
		out = append(out, []byte(strings.Join(recs[:n], "")))
		recs = recs[n:]
	}
	return out
}

// BenchmarkFeedInbound is the Go side of the browser benchmark's batched
// mode: packed records of 13-event inbound calls in, the JSON answer out.
func BenchmarkFeedInbound(b *testing.B) {
	batches := benchBatches(0, 2000)
	perLoop := 0
	for _, in := range batches {
		perLoop += bytes.Count(in, []byte{recordSep})
	}
	c := New(Options{DefaultRegion: "CZ"}, &recordingExec{})
	events := 0
	b.ReportAllocs()
	for b.Loop() {
		for _, in := range batches {
			c.Feed(in)
		}
		events += perLoop
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(events), "ns/event")
	b.ReportMetric(0, "ns/op")
}

// BenchmarkFeedSoak feeds one million records, contacts created and deleted,
// and reports the live heap after a GC: what the wasm memory must hold.
func BenchmarkFeedSoak(b *testing.B) {
	const total = 1_000_000
	chunk := total / len(benchNames) / 8 // contacts per eighth of the soak
	var ms runtime.MemStats
	for b.Loop() {
		c := New(Options{DefaultRegion: "CZ"}, &recordingExec{})
		for round := 0; round < 8; round++ {
			b.StopTimer()
			batches := benchBatches(round*chunk, chunk)
			b.StartTimer()
			for _, in := range batches {
				c.Feed(in)
			}
		}
		runtime.GC()
		runtime.ReadMemStats(&ms)
		runtime.KeepAlive(c)
	}
	b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "live-MiB")
}
