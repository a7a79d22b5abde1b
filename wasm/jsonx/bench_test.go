package jsonx

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
)

// ctt7Reading is what the CTT7 adapter extracts from a contact event.
type ctt7Reading struct {
	id, typ []byte
	ecid    []byte
	items   int
}

var benchSink ctt7Reading

// readCTT7Contact parses a contact and reads id, type and CallData into
// caller-owned buffers, the way the event hot path does.
func readCTT7Contact(doc []byte, r *ctt7Reading) error {
	v, err := Parse(doc)
	if err != nil {
		return err
	}
	r.id, _ = v.Get("id").Str(r.id[:0])
	r.typ, _ = v.Get("type").Str(r.typ[:0])
	r.items = 0
	v.Get("CallData").ForEach(func(_ []byte, item Value) bool {
		r.items++
		if name := item.Get("name"); KeyEq(name.inside(), "ECID") {
			r.ecid, _ = item.Get("value").Str(r.ecid[:0])
		}
		return true
	})
	return nil
}

func BenchmarkGetCTT7Contact(b *testing.B) {
	doc := []byte(ctt7Contact)
	r := ctt7Reading{id: make([]byte, 0, 64), typ: make([]byte, 0, 64), ecid: make([]byte, 0, 64)}
	require.NoError(b, readCTT7Contact(doc, &r))
	require.Equal(b, "32-60536353@B2BUAGW1.enghouse.com", string(r.id))
	require.Equal(b, "inbound", string(r.typ))
	require.Equal(b, "felixct7|1|171|12", string(r.ecid))
	require.Equal(b, 2, r.items)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		_ = readCTT7Contact(doc, &r)
	}
	benchSink = r
}

// BenchmarkGetCTT7ContactEncodingJSON is the same read with encoding/json,
// for comparison only.
func BenchmarkGetCTT7ContactEncodingJSON(b *testing.B) {
	type contact struct {
		ID       string `json:"id"`
		Type     string `json:"type"`
		CallData []struct {
			Name  string `json:"name"`
			Value string `json:"value"`
		} `json:"CallData"`
	}
	doc := []byte(ctt7Contact)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		var c contact
		if err := json.Unmarshal(doc, &c); err != nil {
			b.Fatal(err)
		}
	}
}
