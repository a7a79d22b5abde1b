package decode

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/agentshim/agentshim/wasm/machine"
)

// TestCTT7HotPathAllocatesNothing pins the budget: a CTToolbar7 contact
// event whose strings the decoder has seen decodes without allocating, in
// both the object and the JSON-text-in-a-string forms.
func TestCTT7HotPathAllocatesNothing(t *testing.T) {
	d := New(Options{DefaultRegion: "CZ"})
	for _, payload := range []string{contactObj, strconv.Quote(contactObj)} {
		for _, name := range []string{"DATACHANGED", "RINGING", "established"} {
			r := Raw{At: testAt, Vendor: machine.VendorCTT7, Name: name, Payload: []byte(payload)}
			dst := d.Decode(nil, &r) // first sight: interns the strings
			allocs := testing.AllocsPerRun(200, func() { dst = d.Decode(dst[:0], &r) })
			assert.Zero(t, allocs, "%s %.20s", name, payload)
			require.Len(t, dst, 1)
			assert.Equal(t, contactID, dst[0].ContactID)
			assert.Equal(t, "+420777666555", dst[0].Number)
			assert.Equal(t, contactData, dst[0].Data)
		}
	}
}

func BenchmarkCTT7Contact(b *testing.B) {
	d := New(Options{DefaultRegion: "CZ"})
	raws := make([]Raw, 0, 4)
	for _, name := range []string{"DATACHANGED", "RINGING", "ESTABLISHED", "connectioncleared"} {
		raws = append(raws, Raw{At: testAt, Vendor: machine.VendorCTT7, Name: name, Payload: []byte(contactObj)})
	}
	benchDecode(b, d, raws)
}

// benchDecode decodes the payloads in turn, each one contact object.
func benchDecode(b *testing.B, d *Decoder, raws []Raw) {
	var dst []machine.Input
	b.ReportAllocs()
	b.SetBytes(int64(len(contactObj)))
	for i := 0; b.Loop(); i++ {
		dst = d.Decode(dst[:0], &raws[i%len(raws)])
	}
	if len(dst) != 1 || dst[0].ContactID != contactID {
		b.Fatalf("decoded %+v", dst)
	}
}

// TestCallDataMissAllocatesNothing: CallData texts not in the cache, made of
// strings already seen, decode without allocating either: the cache slots
// reuse their buffers.
func TestCallDataMissAllocatesNothing(t *testing.T) {
	d := New(Options{DefaultRegion: "CZ"})
	raws := make([]Raw, 2*callDataSlots+1) // more texts than slots: every decode misses
	for i := range raws {
		p := `{"id":"c1","ani":"777666555","CallData":[{"name":"k","value":"v` + strconv.Itoa(i%10) + strconv.Itoa(i/10) + `"}]}`
		raws[i] = Raw{Vendor: machine.VendorCTT7, Name: "DATACHANGED", Payload: []byte(p)}
	}
	var dst []machine.Input
	for i := range raws { // first sight of every string
		dst = d.Decode(dst[:0], &raws[i])
	}
	i := 0
	allocs := testing.AllocsPerRun(100, func() {
		dst = d.Decode(dst[:0], &raws[i%len(raws)])
		i++
	})
	assert.Zero(t, allocs)
	last := (i - 1) % len(raws)
	assert.Equal(t, []machine.KV{{Key: "k", Value: "v" + strconv.Itoa(last%10) + strconv.Itoa(last/10)}}, dst[0].Data)
}

// BenchmarkCTT7ContactMiss is BenchmarkCTT7Contact with payloads that differ
// from the last few (cycling through more than the contact cache holds):
// every decode parses the JSON.
func BenchmarkCTT7ContactMiss(b *testing.B) {
	d := New(Options{DefaultRegion: "CZ"})
	raws := make([]Raw, 2*contactSlots)
	for i := range raws {
		p := strings.Replace(contactObj, `"tries","value":3`, `"tries","value":`+strconv.Itoa(i), 1)
		raws[i] = Raw{At: testAt, Vendor: machine.VendorCTT7, Name: "DATACHANGED", Payload: []byte(p)}
	}
	benchDecode(b, d, raws)
}
