package webhook

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseHeaders(t *testing.T) {
	hs, err := ParseHeaders("h", "Authorization: Bearer abc.def\n\nX-Site:shop 1  \nX-Empty-Line-Before: ok\n")
	require.Nil(t, err)
	assert.Equal(t, []Header{{"Authorization", "Bearer abc.def"}, {"X-Site", "shop 1"}, {"X-Empty-Line-Before", "ok"}}, hs)

	hs, err = ParseHeaders("h", "  \n")
	require.Nil(t, err)
	assert.Empty(t, hs)

	refused := []struct{ text, field, why string }{
		{"X-A: 1\r\nX-B: 2", "h", "carriage return"},
		{"X-A: 1\nX-B 2", "h[2]", "no colon"},
		{": 1", "h[1]", "no header name"},
		{"X A: 1", "h[1]", "not an HTTP token"},
		{"X-A : 1", "h[1]", "not an HTTP token"},
		{"Bad\x00Name: 1", "h[1]", "not an HTTP token"},
		{"Ünicode: 1", "h[1]", "not an HTTP token"},
		{"Cookie: a=b", "h[1]", "browser controls"},
		{"Host: evil.example", "h[1]", "browser controls"},
		{"Sec-Fetch-Mode: cors", "h[1]", "browser controls"},
		{"Proxy-Authorization: x", "h[1]", "browser controls"},
		{"content-type: text/plain", "h[1]", "agentshim sets itself"},
		{"Idempotency-Key: k", "h[1]", "agentshim sets itself"},
		{"X-A:", "h[1]", "no value"},
		{"X-A: 1\nx-a: 2", "h[2]", "repeats"},
		{"X-A: a\x00b", "h[1]", "control character"},
		{"X-A: a\x1bb", "h[1]", "control character"},
		{"X-" + strings.Repeat("a", 100) + ": 1", "h[1]", "longer than"},
		{"X-A: " + strings.Repeat("a", 5000), "h[1]", "longer than"},
	}
	for _, c := range refused {
		hs, err := ParseHeaders("h", c.text)
		require.NotNil(t, err, "%q", c.text)
		assert.Nil(t, hs)
		assert.Equal(t, c.field, err.Field, "%q", c.text)
		assert.Contains(t, err.Msg, c.why, "%q", c.text)
		assert.NotContains(t, err.Error(), "Bearer", "values are never repeated")
	}
	var many strings.Builder
	for i := range 33 {
		many.WriteString("X-" + string(rune('a'+i%26)) + string(rune('a'+i/26)) + ": 1\n")
	}
	_, err = ParseHeaders("h", many.String())
	require.NotNil(t, err)
	assert.Contains(t, err.Msg, "more than 32")
}

func TestParseConfig(t *testing.T) {
	c, err := ParseConfig([]byte(`{"start":{"url":"/api/webhooks/start-call","headers":"X-Token: t1"},`+
		`"end":{"url":"https://crm.example/end","headers":{"X-Token":"t2","X-Site":"shop"}}}`), "http://127.0.0.1:8080")
	require.Nil(t, err)
	assert.Equal(t, Config{
		Start: Endpoint{URL: "http://127.0.0.1:8080/api/webhooks/start-call", Headers: []Header{{"X-Token", "t1"}}},
		End:   Endpoint{URL: "https://crm.example/end", Headers: []Header{{"X-Token", "t2"}, {"X-Site", "shop"}}},
	}, c)

	c, err = ParseConfig([]byte(`{"end":{"url":"https://crm.example/end"}}`), "")
	require.Nil(t, err)
	assert.Equal(t, "", c.Start.URL, "a webhook may be left out")
	assert.True(t, c.Enabled())

	refused := []struct{ doc, field, why string }{
		{`[]`, "webhooks", "must be an object"},
		{`{}`, "webhooks", "names no webhook"},
		{`{"begin":{"url":"/x"}}`, "webhooks.'begin'", "use start and end"},
		{`{"start":"/x"}`, "webhooks.start", "must be an object"},
		{`{"start":{}}`, "webhooks.start.url", "is missing"},
		{`{"start":{"url":"/x","token":"t"}}`, "webhooks.start.'token'", "use url and headers"},
		{`{"start":{"url":3}}`, "webhooks.start.url", "must be a string"},
		{`{"start":{"url":"javascript:alert(1)"}}`, "webhooks.start.url", "absolute http"},
		{`{"start":{"url":"hooks/start"}}`, "webhooks.start.url", "path starting with /"},
		{`{"start":{"url":"//evil.example/x"}}`, "webhooks.start.url", "absolute http"},
		{`{"start":{"url":"https://u:p@crm.example/"}}`, "webhooks.start.url", "user name"},
		{`{"start":{"url":"/x","headers":"X-A: 1\r\nX-B: 2"}}`, "webhooks.start.headers", "carriage return"},
		{`{"start":{"url":"/x","headers":{"X-A":"1\r\nX-B: 2"}}}`, "webhooks.start.headers.'X-A'", "control character"},
		{`{"start":{"url":"/x","headers":{"X-A":"1\nX-B: 2"}}}`, "webhooks.start.headers.'X-A'", "control character"},
		{`{"start":{"url":"/x","headers":{"X A":"1"}}}`, "webhooks.start.headers.'X A'", "not an HTTP token"},
		{`{"start":{"url":"/x","headers":{"X-A":1}}}`, "webhooks.start.headers.'X-A'", "string value"},
		{`{"start":{"url":"/x","headers":["X-A: 1"]}}`, "webhooks.start.headers", "must be text"},
		{`{"end":{"url":"/x"}}`, "webhooks.end.url", "no origin"},
	}
	for _, c := range refused {
		origin := "https://shop.example"
		if strings.Contains(c.why, "origin") {
			origin = ""
		}
		_, err := ParseConfig([]byte(c.doc), origin)
		require.NotNil(t, err, c.doc)
		assert.Equal(t, c.field, err.Field, c.doc)
		assert.Contains(t, err.Msg, c.why, c.doc)
	}
}

func TestTrigger(t *testing.T) {
	cases := []struct {
		vendor, channel, from, to string
		want                      Kind
	}{
		{"video", "video", "ringing", "connected", Start},
		{"video", "video", "", "connected", Start},
		{"ctt7", "voice", "ringing", "connected", Start},
		{"ctt7", "voice", "dialing", "connected", Start},
		{"ctt7", "voice", "held", "connected", None}, // resume is not a new answer
		{"ctt7", "voice", "connected", "held", None},
		{"ctt7", "voice", "connected", "wrapup", End},
		{"ctt7", "voice", "held", "wrapup", End},
		{"ctt7", "voice", "wrapup", "ended", None}, // already reported at wrapup
		{"video", "video", "connected", "ended", End},
		{"video", "video", "ringing", "ended", None}, // never answered: no start, no end
		{"whisbi", "voice", "queued", "connected", None},
		{"mluvii", "chat", "queued", "connected", None},
		{"ctt7", "callback", "scheduled", "connected", None},
	}
	for _, c := range cases {
		ev := Event{Vendor: c.vendor, Channel: c.channel, From: c.from, To: c.to}
		assert.Equal(t, c.want, Trigger(&ev), "%+v", c)
	}
}

func TestParseEventAndPayload(t *testing.T) {
	doc := `{"seq":9,"at":"2024-05-13T08:31:00.000Z","type":"contact","vendor":"video","contactId":"6F1C2B9E-3D4A-4B5C-8D9E-0A1B2C3D4E5F",
		"from":"connected","to":"ended","contact":{"id":"6F1C2B9E-3D4A-4B5C-8D9E-0A1B2C3D4E5F","vendor":"video","channel":"video",
		"direction":"inbound","state":"ended","number":null,"data":{"callflow":"cf-17","userid":"17","username":"anna@autohaus.example",
		"name":"Customer"},"createdAt":"2024-05-13T08:29:00.000Z","connectedAt":"2024-05-13T08:29:30.000Z",
		"endedAt":"2024-05-13T08:31:00.000Z","scheduledFor":null,"outcome":null,"endReason":"completed"}}`
	ev, ok := ParseEvent([]byte(doc))
	require.True(t, ok)
	assert.Equal(t, End, Trigger(&ev))
	cfg := Config{Start: Endpoint{URL: "https://crm.example/s"}, End: Endpoint{URL: "https://crm.example/e", Headers: []Header{{"X-T", "v"}}}}
	d, ok := cfg.For(&ev)
	require.True(t, ok)
	assert.Equal(t, "6f1c2b9e-3d4a-4b5c-8d9e-0a1b2c3d4e5f:end", d.Key)
	assert.Equal(t, `{"callid":"6f1c2b9e-3d4a-4b5c-8d9e-0a1b2c3d4e5f","start":"2024-05-13T08:29:30.000Z",`+
		`"end":"2024-05-13T08:31:00.000Z","callflow":"cf-17","userid":17,"username":"anna@autohaus.example"}`, string(d.Body))
	var stored struct {
		Kind, Key, CallID, URL string
		Headers                [][2]string
		Body                   string
	}
	require.NoError(t, json.Unmarshal(d.AppendJSON(nil), &stored))
	assert.Equal(t, "end", stored.Kind)
	assert.Equal(t, "https://crm.example/e", stored.URL)
	assert.Equal(t, [][2]string{{"X-T", "v"}}, stored.Headers)
	assert.JSONEq(t, string(d.Body), stored.Body)

	_, ok = ParseEvent([]byte(`{"type":"session","session":{"kind":"consent"}}`))
	assert.False(t, ok)
	_, ok = (&Config{End: cfg.End}).For(&Event{Vendor: "ctt7", Channel: "voice", From: "ringing", To: "connected", ContactID: "x"})
	assert.False(t, ok, "no start webhook configured")
}

func TestPayloadOfAVoiceCall(t *testing.T) {
	at := time.Date(2024, 5, 13, 8, 30, 0, 0, time.UTC).UnixMilli()
	ev := Event{From: "ringing", To: "connected", At: at, ContactID: "68-60f69967@pddialer1.example.priv",
		Vendor: "ctt7", Channel: "voice", AgentID: "1001"}
	var p map[string]any
	require.NoError(t, json.Unmarshal(Payload(&ev, Start), &p))
	assert.Equal(t, map[string]any{"callid": CallID(ev.ContactID), "start": "2024-05-13T08:30:00.000Z", "end": "",
		"callflow": "", "userid": float64(1001), "username": "1001"}, p)

	ev = Event{From: "connected", To: "wrapup", At: at + 60_000, ConnectedAt: at, ContactID: "c", Vendor: "ctt7",
		Channel: "voice", AgentID: "AGENT1001@felixct7", UserName: "", CallFlow: "sales \"A\""}
	require.NoError(t, json.Unmarshal(Payload(&ev, End), &p))
	assert.Equal(t, "2024-05-13T08:31:00.000Z", p["end"], "after-call work: the conversation ended at the event")
	assert.Nil(t, p["userid"], "no numeric id known")
	assert.Equal(t, "AGENT1001@felixct7", p["username"])
	assert.Equal(t, `sales "A"`, p["callflow"])
}

var uuidV8 = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestCallID(t *testing.T) {
	assert.Equal(t, "6f1c2b9e-3d4a-4b5c-8d9e-0a1b2c3d4e5f", CallID("6F1C2B9E-3D4A-4B5C-8D9E-0A1B2C3D4E5F"))
	a, b := CallID("68-60f69967@pddialer1.example.priv"), CallID("69-60f69968@pddialer1.example.priv")
	assert.Regexp(t, uuidV8, a)
	assert.Regexp(t, uuidV8, b)
	assert.NotEqual(t, a, b)
	assert.Equal(t, a, CallID("68-60f69967@pddialer1.example.priv"), "the same call keeps its callid")
	assert.Regexp(t, uuidV8, CallID("6f1c2b9e-3d4a-4b5c-8d9e-0a1b2c3d4e5g"), "almost a UUID is derived")
}

func TestAfter(t *testing.T) {
	cases := []struct {
		r    Result
		want Outcome
	}{
		{Result{Status: 200, Attempts: 1}, Done},
		{Result{Status: 204, Attempts: 3}, Done},
		{Result{Status: 503, Attempts: 1}, Retry},
		{Result{Status: 500, Attempts: 1}, Retry},
		{Result{Status: 429, Attempts: 1}, Retry},
		{Result{Status: 408, Attempts: 1}, Retry},
		{Result{Status: 0, Attempts: 1, Online: true}, Retry},
		{Result{Status: 0, Attempts: 1, Online: false}, WaitOnline},
		{Result{Status: 400, Attempts: 1}, GiveUp},
		{Result{Status: 401, Attempts: 1}, GiveUp},
		{Result{Status: 404, Attempts: 1}, GiveUp},
		{Result{Status: 302, Attempts: 1}, GiveUp},
		{Result{Status: 503, Attempts: 40, Age: MaxAge + 1}, GiveUp},
	}
	for _, c := range cases {
		got, delay, why := After(c.r)
		assert.Equal(t, c.want, got, "%+v", c.r)
		switch got {
		case Retry:
			assert.Equal(t, Backoff(c.r.Key, c.r.Attempts), delay)
		case GiveUp:
			assert.NotEmpty(t, why)
		case WaitOnline:
			assert.Equal(t, int64(MaxDelay), delay)
		}
	}
}

func TestBackoffDoublesWithJitterUpToTheCap(t *testing.T) {
	for _, key := range []string{"a:start", "b:end", "6f1c2b9e-3d4a-4b5c-8d9e-0a1b2c3d4e5f:start"} {
		for n := 1; n <= 20; n++ {
			full := min(int64(BaseDelay)<<min(n-1, 20), MaxDelay)
			d := Backoff(key, n)
			assert.GreaterOrEqual(t, d, full/2, "key %s attempt %d", key, n)
			assert.LessOrEqual(t, d, full, "key %s attempt %d", key, n)
			assert.Equal(t, d, Backoff(key, n), "deterministic")
		}
	}
	assert.NotEqual(t, Backoff("a:start", 3), Backoff("b:start", 3), "different keys spread")
}

func TestPlan(t *testing.T) {
	entries := []Pending{
		{CallID: "A", NextAt: 100},               // 0: due
		{CallID: "A", NextAt: 0},                 // 1: A's end waits for A's start
		{CallID: "B", NextAt: 500},               // 2: not yet due
		{CallID: "C", NextAt: 0, InFlight: true}, // 3: already posting
		{CallID: "C", NextAt: 0},                 // 4: waits for 3
		{CallID: "D", NextAt: 0, Waiting: true},  // 5: offline
		{CallID: "E", NextAt: 50},                // 6: due
	}
	send, wait := Plan(entries, 100, false)
	assert.Equal(t, []int{0, 6}, send)
	assert.Equal(t, int64(400), wait)

	send, _ = Plan(entries, 100, true)
	assert.Equal(t, []int{0, 1, 2, 4, 5, 6}, send, "page hide: everything not in flight")

	send, wait = Plan(nil, 100, false)
	assert.Empty(t, send)
	assert.Equal(t, int64(-1), wait)
}
