package decode

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/agentshim/agentshim/wasm/machine"
)

const testAt machine.Millis = 1_620_830_964_725

// row is one mapping row: a raw input and the inputs it must decode to.
// For OpMalformed inputs and commands with Err set, want.Text is a substring
// the real Text must contain; every other field is compared exactly.
type row struct {
	name    string
	payload string
	want    []machine.Input
}

func decodeOne(region string, v machine.Vendor, name, payload string) []machine.Input {
	d := New(Options{DefaultRegion: region})
	return d.Decode(nil, &Raw{At: testAt, Vendor: v, Name: name, Payload: []byte(payload)})
}

// checkRows decodes each row with a fresh decoder and compares.
func checkRows(t *testing.T, v machine.Vendor, rows []row) {
	t.Helper()
	for n, r := range rows {
		t.Run(r.name+"#"+itoa(n), func(t *testing.T) {
			got := decodeOne("CZ", v, r.name, r.payload)
			require.Len(t, got, len(r.want), "payload %s: inputs %+v", r.payload, got)
			for i, w := range r.want {
				w.At, w.Vendor, w.Name = testAt, v, r.name
				g := got[i]
				if w.Op == machine.OpMalformed || w.Err != machine.CodeNone {
					assert.Contains(t, g.Text, w.Text)
					g.Text = w.Text
				}
				assert.Equal(t, w, g, "payload %s: input %d", r.payload, i)
			}
		})
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

func bad(text string) machine.Input { return machine.Input{Op: machine.OpMalformed, Text: text} }

func TestUnknownVendor(t *testing.T) {
	for _, v := range []machine.Vendor{machine.VendorNone, machine.VendorVideo, machine.Vendor(200)} {
		got := decodeOne("CZ", v, "callStarted", `{"x":1}`)
		require.Len(t, got, 1)
		assert.Equal(t, machine.Input{Op: machine.OpUnknown, At: testAt, Vendor: v, Name: "callStarted"}, got[0])
	}
}

func TestMalformedJSON(t *testing.T) {
	cases := []struct {
		v    machine.Vendor
		name string
	}{
		{machine.VendorCTT7, "RINGING"},
		{machine.VendorCTT7, "LOGGEDIN"},
		{machine.VendorCTT7, "getAgentState"},
		{machine.VendorMluvii, "status"},
		{machine.VendorWhisbi, "otoSessionRequested"},
		{machine.VendorWhisbi, "otoOpened"},
		{machine.VendorTelemarketing, "TelemarketCampaignStatusChangedEvent"},
	}
	for _, c := range cases {
		for _, p := range []string{`{"id":`, `{id:"x"}`, `"unterminated`, `[1,]`, `{"a":1} {"b":2}`} {
			got := decodeOne("CZ", c.v, c.name, p)
			require.Len(t, got, 1, "%s %s", c.name, p)
			assert.Equal(t, machine.OpMalformed, got[0].Op, "%s %s", c.name, p)
			assert.Contains(t, got[0].Text, "not valid JSON")
			assert.Contains(t, got[0].Text, c.name)
		}
	}
}

// TestDecodeAppends: Decode extends dst and keeps what was there.
func TestDecodeAppends(t *testing.T) {
	d := New(Options{})
	dst := []machine.Input{{Op: machine.OpTick}}
	dst = d.Decode(dst, &Raw{Vendor: machine.VendorCTT7, Name: "LOGGEDIN"})
	require.Len(t, dst, 2)
	assert.Equal(t, machine.OpTick, dst[0].Op)
	assert.Equal(t, machine.OpAgentReady, dst[1].Op)
}

// TestBuffersStayApart: the inputs of one Decode have their own Data, even
// when the decoder's buffer grows between them.
func TestBuffersStayApart(t *testing.T) {
	d := New(Options{})
	p := `{"eventCreationDate":1000,"tac":[`
	for i := 0; i < 40; i++ {
		if i > 0 {
			p += ","
		}
		p += `{"id":"a` + itoa(i) + `","status":"s` + itoa(i) + `"}`
	}
	got := d.Decode(nil, &Raw{Vendor: machine.VendorTelemarketing, Name: "TACStatusUpdatedEvent", Payload: []byte(p + "]}")})
	require.Len(t, got, 40)
	for i, in := range got {
		assert.Equal(t, []machine.KV{{Key: "id", Value: "a" + itoa(i)}, {Key: "status", Value: "s" + itoa(i)}}, in.Data)
	}
}

func TestInternPoolIsBounded(t *testing.T) {
	d := New(Options{DefaultRegion: "CZ"})
	for i := 0; i < 3*maxIntern; i++ {
		p := `{"id":"c` + itoa(i) + `","ani":"777` + itoa(100000+i) + `"}`
		got := d.Decode(nil, &Raw{Vendor: machine.VendorCTT7, Name: "RINGING", Payload: []byte(p)})
		require.Equal(t, "c"+itoa(i), got[0].ContactID)
	}
	assert.LessOrEqual(t, len(d.strs), maxIntern)
	assert.LessOrEqual(t, len(d.numbers), maxIntern)
}
