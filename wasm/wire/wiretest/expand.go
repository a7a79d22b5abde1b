// Package wiretest rebuilds, for tests, the facade events of shim_feed
// answers from their compact form (PROTOCOL.md, "Compact events") as the
// loader does. It lives apart from wire so that encoding/json stays out of
// the wasm binary.
package wiretest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/agentshim/agentshim/wasm/isotime"
)

// payloadKey is the key of a compact event's last element, by event type.
var payloadKey = map[string]string{
	"agent": "agent", "contact": "contact", "contact.data": "contact", "contact.removed": "contact",
	"widget": "widget", "session": "session", "campaign": "campaign", "error": "error",
}

// ExpandEvent turns [seq, atMillis, type, vendor, contactId|0, from, to|0,
// payload] into the event object, keys in the facade contract's order, the
// elements' text kept as it is.
func ExpandEvent(compact []byte) ([]byte, error) {
	var a []json.RawMessage
	if err := json.Unmarshal(compact, &a); err != nil {
		return nil, err
	}
	if len(a) != 8 {
		return nil, fmt.Errorf("a compact event has 8 elements, not %d: %s", len(a), compact)
	}
	var typ string
	var ms int64
	if err := json.Unmarshal(a[2], &typ); err != nil {
		return nil, err
	}
	if err := json.Unmarshal(a[1], &ms); err != nil {
		return nil, err
	}
	key, ok := payloadKey[typ]
	if !ok {
		return nil, fmt.Errorf("unknown event type %q", typ)
	}
	zero := []byte("0")
	b := append([]byte(`{"seq":`), a[0]...)
	b = append(b, `,"at":`...)
	if ms == 0 {
		b = append(b, "null"...)
	} else {
		b = append(append(append(b, '"'), isotime.Format(ms)...), '"')
	}
	b = append(append(append(b, `,"type":`...), a[2]...), `,"vendor":`...)
	b = append(b, a[3]...)
	if !bytes.Equal(a[4], zero) {
		b = append(append(b, `,"contactId":`...), a[4]...)
	}
	if !bytes.Equal(a[6], zero) {
		b = append(append(b, `,"from":`...), a[5]...)
		b = append(append(b, `,"to":`...), a[6]...)
	}
	b = append(append(b, `,"`+key+`":`...), a[7]...)
	return append(b, '}'), nil
}

// answerKeys are the keys of a shim_feed answer after events, in order.
var answerKeys = []string{"replies", "pending", "dirty", "failed"}

// ExpandAnswer rebuilds a whole shim_feed answer with full event objects; an
// answer without events (a recovered panic's) comes back as it is.
func ExpandAnswer(answer []byte) ([]byte, error) {
	var a map[string]json.RawMessage
	if err := json.Unmarshal(answer, &a); err != nil {
		return nil, err
	}
	if _, ok := a["events"]; !ok {
		return answer, nil
	}
	var events []json.RawMessage
	if err := json.Unmarshal(a["events"], &events); err != nil {
		return nil, err
	}
	b := []byte(`{"events":[`)
	for i, e := range events {
		full, err := ExpandEvent(e)
		if err != nil {
			return nil, err
		}
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, full...)
	}
	b = append(b, ']')
	for _, k := range answerKeys {
		if v, ok := a[k]; ok {
			b = append(append(b, `,"`+k+`":`...), v...)
		}
	}
	for k := range a {
		if k != "events" && !slices.Contains(answerKeys, k) {
			return nil, fmt.Errorf("an answer key this package does not know, %q: %s", k, answer)
		}
	}
	return append(b, '}'), nil
}
