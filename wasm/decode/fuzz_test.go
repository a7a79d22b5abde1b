package decode

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/agentshim/agentshim/wasm/jsonx"
	"github.com/agentshim/agentshim/wasm/machine"
)

// Fuzz targets, one per vendor: any name and payload must decode without a
// panic into well-formed inputs that a fresh machine accepts without a panic.
// Seeds live in testdata/fuzz/<FuzzName>/.

func FuzzCTT7(f *testing.F)          { fuzzVendor(f, machine.VendorCTT7) }
func FuzzMluvii(f *testing.F)        { fuzzVendor(f, machine.VendorMluvii) }
func FuzzWhisbi(f *testing.F)        { fuzzVendor(f, machine.VendorWhisbi) }
func FuzzTelemarketing(f *testing.F) { fuzzVendor(f, machine.VendorTelemarketing) }
func FuzzFacade(f *testing.F)        { fuzzVendor(f, machine.VendorFacade) }

func fuzzVendor(f *testing.F, v machine.Vendor) {
	f.Fuzz(func(t *testing.T, name string, payload []byte) {
		checkDecode(t, v, name, payload)
	})
}

// checkDecode decodes one raw input twice (the second time through warm
// caches), checks the inputs' invariants, and steps a machine with them.
func checkDecode(t *testing.T, v machine.Vendor, name string, payload []byte) {
	d := New(Options{DefaultRegion: "CZ"})
	r := Raw{At: 7, Vendor: v, Name: name, Payload: payload}
	first := d.Decode(nil, &r)
	again := d.Decode(nil, &r)
	require.Len(t, again, len(first), "decoding twice")
	runs := phoneRuns(v, name, payload)
	for i := range again {
		in := &again[i]
		require.True(t, in.Op > machine.OpNone && in.Op < machine.OpTick, "input %d has op %d", i, in.Op)
		require.Equal(t, [3]any{r.At, r.Vendor, r.Name}, [3]any{in.At, in.Vendor, in.Name}, "input %d stamp", i)
		if in.Op == machine.OpCommand && in.Err == machine.CodeNone {
			require.NotEqual(t, machine.CmdNone, in.Cmd, "input %d: a command without Cmd or Err", i)
		}
		require.Equal(t, first[i], *in, "input %d differs on the second decode", i)
		if in.Op == machine.OpMalformed || in.Err != machine.CodeNone {
			for _, run := range runs {
				require.NotContains(t, in.Text, run, "an error text shows phone digits")
			}
		}
	}
	m := machine.New(machine.Config{})
	for i := range again {
		m.Step(&again[i])
	}
}

// phoneKeys name the payload fields that hold phone numbers.
var phoneKeys = map[string]bool{"phone": true, "phoneNumber": true, "ani": true, "dnis": true,
	"formatted_phone": true, "nextPhoneNumber": true}

// phoneRuns returns the runs of 7 or more digits in the payload's phone-like
// fields: the phone keys at any depth (also inside JSON text in a string, as
// CTToolbar7 sends it) and the number argument of a facade dial.
func phoneRuns(v machine.Vendor, name string, payload []byte) []string {
	root, err := jsonx.Parse(payload)
	if err != nil {
		return nil
	}
	var runs []string
	if v == machine.VendorFacade && name == "dial" {
		runs = digitRuns(runs, root.Index(0).String())
	}
	return collectRuns(runs, root, false, 0)
}

func collectRuns(runs []string, v jsonx.Value, phoneLike bool, depth int) []string {
	switch v.Kind() {
	case jsonx.String, jsonx.Number:
		s := v.String()
		if phoneLike {
			runs = digitRuns(runs, s)
		}
		if inner, err := jsonx.Parse([]byte(s)); err == nil && depth < 4 && inner.Kind() == jsonx.Object {
			runs = collectRuns(runs, inner, false, depth+1)
		}
	case jsonx.Array, jsonx.Object:
		v.ForEach(func(k []byte, e jsonx.Value) bool {
			runs = collectRuns(runs, e, k != nil && phoneKeys[string(jsonx.AppendUnescaped(nil, k))], depth)
			return true
		})
	}
	return runs
}

func digitRuns(runs []string, s string) []string {
	start := -1
	for i := 0; i <= len(s); i++ {
		digit := i < len(s) && '0' <= s[i] && s[i] <= '9'
		switch {
		case digit && start < 0:
			start = i
		case !digit && start >= 0:
			if i-start >= 7 {
				runs = append(runs, s[start:i])
			}
			start = -1
		}
	}
	return runs
}

// TestPhoneRunsFindsNumbers keeps the checker itself honest: it must find the
// phone digits it is meant to guard.
func TestPhoneRunsFindsNumbers(t *testing.T) {
	got := phoneRuns(machine.VendorCTT7, "RINGING",
		[]byte(`"{\"id\":\"c1\",\"ani\":\"+420777666555\",\"x\":{\"dnis\":\"tel:1234567 or 89\"}}"`))
	assert.Equal(t, []string{"420777666555", "1234567"}, got)
	got = phoneRuns(machine.VendorFacade, "dial", []byte(`["777666555x", {}]`))
	assert.Equal(t, []string{"777666555"}, got)
}
