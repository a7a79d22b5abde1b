package webhook

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/agentshim/agentshim/cmd/agentshim-serve/jsonapi"
	"github.com/agentshim/agentshim/cmd/agentshim-serve/store"
)

// fields are the payload's names, as the vendor documents them.
var fields = []string{"callid", "start", "end", "callflow", "userid", "username"}

// fieldError is a validation failure the client can fix; its text names the
// field and never repeats the value.
type fieldError struct{ code, msg string }

func (e *fieldError) Error() string { return e.msg }

func invalid(msg string) error { return &fieldError{code: jsonapi.CodeInvalidField, msg: msg} }

// rawPayload holds each field as text, "" when absent or empty.
type rawPayload map[string]string

// parseJSON reads a JSON object. Numbers are kept as their text (userid and
// callflow ids may come as numbers), null counts as empty, and fields we do
// not know are ignored: the vendor may add some.
func parseJSON(body []byte) (rawPayload, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil || m == nil {
		return nil, &fieldError{code: jsonapi.CodeInvalidJSON, msg: "the body must be a JSON object"}
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, &fieldError{code: jsonapi.CodeInvalidJSON, msg: "the body has data after the JSON object"}
	}
	p := rawPayload{}
	for _, f := range fields {
		switch v := m[f].(type) {
		case nil:
		case string:
			p[f] = v
		case json.Number:
			p[f] = v.String()
		default:
			return nil, invalid(f + " must be a string or a number")
		}
	}
	return p, nil
}

// parseForm reads application/x-www-form-urlencoded.
func parseForm(body []byte) (rawPayload, error) {
	q, err := url.ParseQuery(string(body))
	if err != nil {
		return nil, &fieldError{code: jsonapi.CodeBadRequest, msg: "the form body does not parse"}
	}
	p := rawPayload{}
	for _, f := range fields {
		switch vs := q[f]; len(vs) {
		case 0:
		case 1:
			p[f] = vs[0]
		default:
			return nil, invalid(f + " is given more than once")
		}
	}
	return p, nil
}

var uuidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// Limits on the free-text fields: generous for ids and e-mail addresses, small
// enough that the database never stores junk of any size.
const (
	maxCallFlow = 200
	maxUserName = 320 // the longest valid e-mail address
)

// toCall validates the fields and builds the call they describe.
func (p rawPayload) toCall() (store.Call, error) {
	var c store.Call
	id := strings.TrimSpace(p["callid"])
	switch {
	case id == "":
		return c, invalid("callid is required")
	case !uuidPattern.MatchString(id):
		return c, invalid("callid must be a UUID such as 6f1c2b9e-3d4a-4b5c-8d9e-0a1b2c3d4e5f")
	}
	c.ID = strings.ToLower(id) // one call, however the sender spells it
	var err error
	if c.Start, err = isoTime("start", p["start"]); err != nil {
		return c, err
	}
	if c.End, err = isoTime("end", p["end"]); err != nil {
		return c, err
	}
	if c.Start != nil && c.End != nil && c.End.Before(*c.Start) {
		return c, invalid("end is before start")
	}
	if c.UserID, err = userID(p["userid"]); err != nil {
		return c, err
	}
	if c.CallFlow, err = text("callflow", p["callflow"], maxCallFlow); err != nil {
		return c, err
	}
	if c.UserName, err = text("username", p["username"], maxUserName); err != nil {
		return c, err
	}
	return c, nil
}

// isoLayouts are the ISO 8601 forms we accept. Each needs a UTC offset: a
// local time without one would be filed under the wrong hour, silently.
var isoLayouts = []string{
	time.RFC3339,               // 2021-05-12T16:49:24Z, +02:00, fractions allowed
	"2006-01-02T15:04:05Z0700", // basic offset +0200
	"2006-01-02T15:04:05Z07",   // hour-only offset +02
	"2006-01-02 15:04:05Z07:00",
}

// isoTime parses an optional ISO 8601 time; empty means unknown (nil).
func isoTime(field, s string) (*time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	for _, layout := range isoLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			t = t.UTC()
			return &t, nil
		}
	}
	return nil, invalid(field + " must be an ISO 8601 time with a UTC offset, such as 2021-05-12T16:49:24Z, or empty")
}

// userID parses the numeric user id; empty means nobody answered (nil).
func userID(s string) (*int64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return nil, invalid("userid must be a whole non-negative number")
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return nil, invalid("userid is too large")
	}
	return &n, nil
}

// text checks a free-text field: valid UTF-8, no control characters, bounded.
func text(field, s string, max int) (string, error) {
	s = strings.TrimSpace(s)
	if !utf8.ValidString(s) {
		return "", invalid(field + " is not valid UTF-8")
	}
	if utf8.RuneCountInString(s) > max {
		return "", invalid(field + " is longer than " + strconv.Itoa(max) + " characters")
	}
	if strings.IndexFunc(s, unicode.IsControl) >= 0 {
		return "", invalid(field + " contains control characters")
	}
	return s, nil
}

// idempotencyKey reads the Idempotency-Key header. The IETF draft sends it
// as a quoted string, most senders unquoted; both mean the same key.
func idempotencyKey(header string) (string, error) {
	if header == "" {
		return "", nil
	}
	k := strings.TrimSpace(header)
	if len(k) >= 2 && k[0] == '"' && k[len(k)-1] == '"' {
		k = k[1 : len(k)-1]
	}
	if k == "" || len(k) > 255 {
		return "", invalid("Idempotency-Key must have 1 to 255 characters")
	}
	for i := 0; i < len(k); i++ {
		if k[i] < 0x20 || k[i] > 0x7e {
			return "", invalid("Idempotency-Key must be printable ASCII")
		}
	}
	return k, nil
}
