package webhook

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/agentshim/agentshim/cmd/agentshim-serve/store"
)

const callID = "6f1c2b9e-3d4a-4b5c-8d9e-0a1b2c3d4e5f"

var arrival = time.Date(2026, 5, 12, 9, 0, 0, 0, time.UTC)

// fixture serves both webhooks over a real SQLite store.
type fixture struct {
	t     *testing.T
	store store.Store
	srv   *httptest.Server
	logs  *bytes.Buffer
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	st, err := store.OpenSQLite(context.Background(), filepath.Join(t.TempDir(), "data"))
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	f := &fixture{t: t, store: st, logs: &bytes.Buffer{}}
	rc := &Receiver{Store: st, Now: func() time.Time { return arrival }, Log: log.New(f.logs, "", 0)}
	mux := http.NewServeMux()
	mux.Handle("/api/webhooks/start-call", rc.Handler(store.StartCall))
	mux.Handle("/api/webhooks/end-call", rc.Handler(store.EndCall))
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

type reply struct {
	status int
	body   map[string]any
	header http.Header
}

func (f *fixture) post(hook, ctype, body string, header map[string]string) reply {
	f.t.Helper()
	req, err := http.NewRequest(http.MethodPost, f.srv.URL+"/api/webhooks/"+hook, strings.NewReader(body))
	require.NoError(f.t, err)
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := f.srv.Client().Do(req)
	require.NoError(f.t, err)
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	require.NoError(f.t, err)
	assert.Equal(f.t, "application/json", res.Header.Get("Content-Type"), string(raw))
	var m map[string]any
	require.NoError(f.t, json.Unmarshal(raw, &m), string(raw))
	return reply{res.StatusCode, m, res.Header}
}

func (f *fixture) postJSON(hook, body string) reply {
	return f.post(hook, "application/json", body, nil)
}

func (r reply) duplicate(t *testing.T) bool {
	t.Helper()
	require.Equal(t, http.StatusOK, r.status, r.body)
	assert.Equal(t, true, r.body["ok"])
	dup, ok := r.body["duplicate"].(bool)
	require.True(t, ok, r.body)
	return dup
}

func (r reply) errorCode(t *testing.T) string {
	t.Helper()
	e, ok := r.body["error"].(map[string]any)
	require.True(t, ok, r.body)
	assert.NotEmpty(t, e["message"])
	code, _ := e["code"].(string)
	return code
}

func (f *fixture) calls() []store.Call {
	f.t.Helper()
	calls, err := f.store.Calls(context.Background(), arrival.Add(-48*time.Hour), arrival.Add(48*time.Hour))
	require.NoError(f.t, err)
	return calls
}

func TestStartThenEndUpdates(t *testing.T) {
	f := newFixture(t)
	start := `{"callid":"` + strings.ToUpper(callID) + `","start":"2026-05-12T10:58:00+02:00","end":"","callflow":"17","userid":4711,"username":"ana@example.com"}`
	assert.False(t, f.postJSON("start-call", start).duplicate(t))

	end := `{"callid":"` + callID + `","start":"2026-05-12T10:58:00+02:00","end":"2026-05-12T09:03:30.250Z","callflow":"17","userid":"4711","username":"ana.b@example.com"}`
	assert.False(t, f.postJSON("end-call", end).duplicate(t), "the end-call updates the call")

	calls := f.calls()
	require.Len(t, calls, 1)
	c := calls[0]
	assert.Equal(t, callID, c.ID, "the callid is stored in lower case")
	assert.Equal(t, "2026-05-12T08:58:00Z", c.Start.Format(time.RFC3339))
	assert.Equal(t, "2026-05-12T09:03:30.25Z", c.End.Format(time.RFC3339Nano))
	assert.Equal(t, "17", c.CallFlow)
	assert.Equal(t, int64(4711), *c.UserID)
	assert.Equal(t, "ana.b@example.com", c.UserName, "the end-call's newer username wins")
	assert.True(t, c.Ended)
	assert.True(t, c.Received.Equal(arrival))
}

func TestSameCallTwiceIsADuplicate(t *testing.T) {
	f := newFixture(t)
	body := `{"callid":"` + callID + `","start":"2026-05-12T08:58:00Z","userid":1}`
	assert.False(t, f.postJSON("start-call", body).duplicate(t))
	assert.True(t, f.postJSON("start-call", body).duplicate(t))
	// The same facts as a form are the same delivery.
	form := "callid=" + callID + "&start=2026-05-12T08%3A58%3A00Z&userid=1"
	assert.True(t, f.post("start-call", "application/x-www-form-urlencoded", form, nil).duplicate(t))
	assert.Len(t, f.calls(), 1)
}

func TestSameIdempotencyKeyTwice(t *testing.T) {
	f := newFixture(t)
	key := map[string]string{"Idempotency-Key": `"delivery-8e03978e"`}
	first := `{"callid":"` + callID + `","start":"2026-05-12T08:58:00Z","userid":1,"username":"first@example.com"}`
	second := `{"callid":"` + callID + `","start":"2026-05-12T08:59:00Z","userid":2,"username":"second@example.com"}`
	assert.False(t, f.post("start-call", "application/json", first, key).duplicate(t))
	assert.True(t, f.post("end-call", "application/json", second, key).duplicate(t), "same key, other body: a duplicate")
	// Unquoted, the key is the same.
	assert.True(t, f.post("end-call", "application/json", second, map[string]string{"Idempotency-Key": "delivery-8e03978e"}).duplicate(t))

	calls := f.calls()
	require.Len(t, calls, 1)
	assert.Equal(t, "first@example.com", calls[0].UserName, "the second body changed nothing")
	assert.False(t, calls[0].Ended)
}

func TestFormPayload(t *testing.T) {
	f := newFixture(t)
	form := "callid=" + callID + "&start=&end=2026-05-12T09%3A10%3A00%2B02%3A00&callflow=cf-9&userid=&username=&extra=ignored"
	assert.False(t, f.post("end-call", "application/x-www-form-urlencoded; charset=utf-8", form, nil).duplicate(t))
	c := f.calls()[0]
	assert.Nil(t, c.Start)
	assert.Equal(t, "2026-05-12T07:10:00Z", c.End.Format(time.RFC3339))
	assert.Nil(t, c.UserID)
	assert.True(t, c.Missed(), "ended and nobody answered")

	// Without a Content-Type the body's first byte decides.
	other := "0b7e5a8c-1f2d-4e3c-9a8b-7c6d5e4f3a2b"
	assert.False(t, f.post("start-call", "", `{"callid":"`+other+`"}`, nil).duplicate(t))
	assert.True(t, f.post("start-call", "", "callid="+other, nil).duplicate(t))
}

func TestValidation(t *testing.T) {
	f := newFixture(t)
	valid := map[string]string{"callid": `"` + callID + `"`}
	with := func(field, value string) string {
		m := map[string]string{}
		for k, v := range valid {
			m[k] = v
		}
		if value == "" {
			delete(m, field)
		} else {
			m[field] = value
		}
		var parts []string
		for k, v := range m {
			parts = append(parts, `"`+k+`":`+v)
		}
		return "{" + strings.Join(parts, ",") + "}"
	}
	secret := "+447700900123"
	cases := []struct {
		name, body, code string
	}{
		{"no callid", with("callid", ""), "INVALID_FIELD"},
		{"callid not a UUID", with("callid", `"`+secret+`"`), "INVALID_FIELD"},
		{"callid too short", with("callid", `"6f1c2b9e-3d4a-4b5c-8d9e-0a1b2c3d4e5"`), "INVALID_FIELD"},
		{"callid an object", with("callid", `{"id":1}`), "INVALID_FIELD"},
		{"start not ISO", with("start", `"12/05/2021 16:49:24"`), "INVALID_FIELD"},
		{"start without offset", with("start", `"2026-05-12T08:58:00"`), "INVALID_FIELD"},
		{"end a number", with("end", `1715504280`), "INVALID_FIELD"},
		{"end before start", `{"callid":"` + callID + `","start":"2026-05-12T09:00:00Z","end":"2026-05-12T08:00:00Z"}`, "INVALID_FIELD"},
		{"userid with letters", with("userid", `"12a"`), "INVALID_FIELD"},
		{"userid negative", with("userid", `-4`), "INVALID_FIELD"},
		{"userid a fraction", with("userid", `4.5`), "INVALID_FIELD"},
		{"userid too large", with("userid", `99999999999999999999`), "INVALID_FIELD"},
		{"userid a phone number", with("userid", `"`+secret+`"`), "INVALID_FIELD"},
		{"userid true", with("userid", `true`), "INVALID_FIELD"},
		{"username too long", with("username", `"`+strings.Repeat("u", 321)+`"`), "INVALID_FIELD"},
		{"callflow with a line break", with("callflow", `"a\nb"`), "INVALID_FIELD"},
		{"not JSON", `{"callid":`, "INVALID_JSON"},
		{"an array", `[{"callid":"` + callID + `"}]`, "INVALID_JSON"},
		{"null", `null`, "INVALID_JSON"},
		{"two objects", with("start", "") + with("start", ""), "INVALID_JSON"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := f.postJSON("start-call", c.body)
			assert.Equal(t, http.StatusBadRequest, r.status, r.body)
			assert.Equal(t, c.code, r.errorCode(t))
			msg, _ := json.Marshal(r.body)
			assert.NotContains(t, string(msg), "7700900123", "a value is never echoed")
		})
	}
	assert.Empty(t, f.calls(), "nothing invalid was stored")
	assert.Empty(t, f.logs.String(), "client errors are not server errors")
}

func TestFormValidation(t *testing.T) {
	f := newFixture(t)
	for name, form := range map[string]string{
		"repeated field": "callid=" + callID + "&callid=" + callID,
		"bad escape":     "callid=%zz",
		"bad userid":     "callid=" + callID + "&userid=x",
	} {
		r := f.post("start-call", "application/x-www-form-urlencoded", form, nil)
		assert.Equal(t, http.StatusBadRequest, r.status, name)
		assert.NotEmpty(t, r.errorCode(t), name)
	}
}

func TestRefusedRequests(t *testing.T) {
	f := newFixture(t)
	body := `{"callid":"` + callID + `"}`

	r := f.post("start-call", "text/plain", body, nil)
	assert.Equal(t, http.StatusUnsupportedMediaType, r.status)
	assert.Equal(t, "UNSUPPORTED_MEDIA_TYPE", r.errorCode(t))

	for _, key := range []string{strings.Repeat("k", 256), "caf\u00e9", `""`} {
		r = f.post("start-call", "application/json", body, map[string]string{"Idempotency-Key": key})
		assert.Equal(t, http.StatusBadRequest, r.status, key)
		assert.Equal(t, "INVALID_FIELD", r.errorCode(t))
	}

	res, err := f.srv.Client().Get(f.srv.URL + "/api/webhooks/start-call")
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, http.StatusMethodNotAllowed, res.StatusCode)
	assert.Equal(t, "POST", res.Header.Get("Allow"))
	assert.Empty(t, f.calls())
}

func TestBodyLimit(t *testing.T) {
	f := newFixture(t)
	pad := func(total int) string {
		head := `{"callid":"` + callID + `","pad":"`
		return head + strings.Repeat("x", total-len(head)-2) + `"}`
	}
	exact := pad(MaxBody)
	require.Len(t, exact, MaxBody)
	assert.False(t, f.postJSON("start-call", exact).duplicate(t), "64 KiB exactly is accepted")

	r := f.postJSON("end-call", pad(MaxBody+1))
	assert.Equal(t, http.StatusRequestEntityTooLarge, r.status)
	assert.Equal(t, "BODY_TOO_LARGE", r.errorCode(t))

	// Without a Content-Length the limit holds while reading.
	req, err := http.NewRequest(http.MethodPost, f.srv.URL+"/api/webhooks/end-call", io.MultiReader(strings.NewReader(pad(MaxBody+1))))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	req.ContentLength = -1
	res, err := f.srv.Client().Do(req)
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, http.StatusRequestEntityTooLarge, res.StatusCode)
	assert.False(t, f.calls()[0].Ended, "the oversize end-call changed nothing")
}

// broken is a store that has lost its database.
type broken struct{ store.Store }

func (broken) RecordCall(context.Context, store.Delivery) (bool, error) { return false, assert.AnError }

func TestStoreFailureIs500(t *testing.T) {
	var logs bytes.Buffer
	rc := &Receiver{Store: broken{}, Now: time.Now, Log: log.New(&logs, "", 0)}
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodPost, "/api/webhooks/start-call", strings.NewReader(`{"callid":"`+callID+`"}`))
	req.Header.Set("Content-Type", "application/json")
	rc.Handler(store.StartCall).ServeHTTP(rec, req)
	assert.Equal(t, http.StatusInternalServerError, rec.Code)
	assert.Contains(t, rec.Body.String(), `"code":"INTERNAL"`)
	assert.Contains(t, logs.String(), callID)
}
