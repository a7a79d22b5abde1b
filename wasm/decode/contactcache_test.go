package decode

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/agentshim/agentshim/wasm/machine"
)

// TestContactCacheNeverStale: one contact's payloads that differ in any field
// the decoder reads (numbers, call data, hold flag, type, media, the JSON
// text form), interleaved with more contacts than the cache has slots, decode
// through one warm decoder exactly as through a fresh decoder each time.
func TestContactCacheNeverStale(t *testing.T) {
	variants := []string{
		contactObj,
		strings.Replace(contactObj, `"777 666 555"`, `"777 666 556"`, 1),
		strings.Replace(contactObj, `"felixct7|1|171|12"`, `"felixct7|1|171|13"`, 1),
		strings.Replace(contactObj, `"ani":"777 666 555",`, ``, 1),
		strings.Replace(contactObj, `"inbound"`, `"outbound"`, 1),
		strings.Replace(contactObj, `"inbound"`, `"callTask"`, 1),
		strings.Replace(contactObj, `"voice"`, `"chat"`, 1),
		strings.Replace(contactObj, `"type":"inbound",`, `"held":true,`, 1),
		strings.Replace(contactObj, `"type":"inbound",`, `"held":false,`, 1),
		strings.Replace(contactObj, `"CallData":[`, `"CallData":[{"name":"extra","value":"1"},`, 1),
		strconv.Quote(contactObj),
		`"` + contactID + `"`,
	}
	var payloads []string
	for round := 0; round < 3; round++ {
		for i, v := range variants {
			payloads = append(payloads, v)
			for k := 0; k < i%3; k++ { // other contacts in between, more of them than slots
				payloads = append(payloads, strings.ReplaceAll(v, "32-60536353", "32-"+strconv.Itoa(round*100+i*10+k)))
			}
			payloads = append(payloads, v, v) // the contact's next events: hits, under other names
		}
	}
	names := []string{"DATACHANGED", "HOLD", "DIALING", "RINGING", "ESTABLISHED"}
	warm := New(Options{DefaultRegion: "CZ"})
	hits := 0
	for i, p := range payloads {
		r := Raw{At: testAt, Vendor: machine.VendorCTT7, Name: names[i%len(names)], Payload: []byte(p)}
		if warm.contacts.find(r.Payload) != nil {
			hits++
		}
		got := warm.Decode(nil, &r)
		want := New(Options{DefaultRegion: "CZ"}).Decode(nil, &r)
		require.Equal(t, want, got, "payload %d (%s): %.60s", i, r.Name, p)
	}
	assert.Greater(t, hits, len(variants), "the same payloads came back: the cache served some")
}

// TestContactCacheCopiesCallData: the call-data pairs of a hit are the
// decoder's own copy; an append by the receiver cannot change the next hit.
func TestContactCacheCopiesCallData(t *testing.T) {
	d := New(Options{DefaultRegion: "CZ"})
	r := Raw{At: testAt, Vendor: machine.VendorCTT7, Name: "DATACHANGED", Payload: []byte(contactObj)}
	first := d.Decode(nil, &r)
	first[0].Data[0].Value = "changed by the machine"
	again := d.Decode(nil, &r)
	assert.Equal(t, contactData, again[0].Data)
}

// TestOpCacheKeepsNamesApart: one decoder sees every contact event name, in
// both cases, several times over (names that share a cache slot evict each
// other); each decodes to the op of the name table.
func TestOpCacheKeepsNamesApart(t *testing.T) {
	d := New(Options{DefaultRegion: "CZ"})
	for round := 0; round < 3; round++ {
		for name, op := range ctt7Contacts {
			if op == machine.OpContactHoldToggle {
				continue // the payload's hold flag decides
			}
			for _, n := range []string{name, strings.ToLower(name)} {
				r := Raw{At: testAt, Vendor: machine.VendorCTT7, Name: n, Payload: []byte(contactObj)}
				got := d.Decode(nil, &r)
				require.Len(t, got, 1)
				require.Equal(t, op, got[0].Op, "round %d, %s", round, n)
			}
		}
	}
}
