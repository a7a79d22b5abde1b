package machine

import (
	"strconv"
	"testing"
)

// inboundCall is the 13-event inbound call of the CTToolbar7 sample log as
// machine inputs (JOBSCHEDULED … DELETE), with the ECID appearing on the way.
func inboundCall(id string, at Millis) []Input {
	ecid := []KV{{"ECID", "felixct7|1|171|12"}}
	ops := []struct {
		op   Op
		data []KV
	}{
		{OpContactScheduled, nil}, {OpContactOffered, nil}, {OpContactOffered, nil}, {OpContactData, nil},
		{OpContactData, nil}, {OpContactData, nil}, {OpContactRinging, nil}, {OpContactData, ecid},
		{OpContactConnected, ecid}, {OpContactTouched, ecid}, {OpContactCleared, ecid}, {OpContactEnded, ecid},
		{OpContactDeleted, ecid},
	}
	ins := make([]Input, len(ops))
	for i, o := range ops {
		ins[i] = Input{Op: o.op, At: at + Millis(i), Vendor: VendorCTT7, ContactID: id, Data: o.data}
	}
	return ins
}

// BenchmarkStep reports Step throughput over whole inbound calls: contacts are
// created and deleted, as in a shift. Allocations per event are reported too;
// the creation of each contact (its struct, map entry and call-data map) is
// the only allocating part.
func BenchmarkStep(b *testing.B) {
	const calls = 4 * tombstones // an id comes back only after the machine forgot it was deleted
	var all [][]Input
	for i := 0; i < calls; i++ {
		all = append(all, inboundCall("32-"+strconv.Itoa(i)+"@B2BUAGW1.enghouse.com", Millis(i*100)))
	}
	m := New(Config{})
	m.Step(&Input{Op: OpAgentReady, Vendor: VendorCTT7})
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for b.Loop() {
		for _, call := range all {
			for i := range call {
				m.Step(&call[i])
				n++
			}
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkStepCommonPath is a connected call's repeated events: no contact
// is created, nothing may allocate.
func BenchmarkStepCommonPath(b *testing.B) {
	m := New(Config{})
	data := []KV{{"ECID", "felixct7|1|171|12"}}
	m.Step(&Input{Op: OpContactConnected, ContactID: "c", Vendor: VendorCTT7, Data: data})
	ins := []Input{
		{Op: OpContactData, ContactID: "c", Vendor: VendorCTT7, Data: data},
		{Op: OpContactHoldToggle, ContactID: "c", Vendor: VendorCTT7},
		{Op: OpContactHoldToggle, ContactID: "c", Vendor: VendorCTT7},
		{Op: OpContactTouched, ContactID: "c", Vendor: VendorCTT7},
	}
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		for i := range ins {
			m.Step(&ins[i])
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "events/s")
}
