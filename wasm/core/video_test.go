package core

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const testFlows = `{"gdprNotice":{"title":"Datenschutz"},"callFlows":[{"id":"cf-1","embedId":"e1","name":"Verkauf",
	"timeZone":"Europe/Berlin","hours":{"mon":["08:00","18:00"],"tue":["08:00","18:00"],"wed":["08:00","18:00"],
	"thu":["08:00","18:00"],"fri":["08:00","18:00"],"sat":["00:00","00:00"],"sun":["00:00","00:00"]},
	"steps":[{"group":"A","ringSeconds":2},{"group":"B","ringSeconds":3}],
	"exitUrl":"https://shop.example/danke","outOfHoursUrl":"https://shop.example/zu","escalationUrl":"https://shop.example/rueckruf"}]}`

func query(t *testing.T, c *Core, name, arg string) map[string]any {
	t.Helper()
	out := c.Call([]byte(name + "\x1f" + arg))
	var m map[string]any
	require.NoError(t, json.Unmarshal(out, &m), "%s", out)
	return m
}

func TestVideoOptionsAreCheckedAtConfigure(t *testing.T) {
	c := New(Options{}, nil)
	err := c.Configure(Options{CallFlows: []byte(strings.Replace(testFlows, `"ringSeconds":3`, `"ringSeconds":300`, 1))})
	require.NotNil(t, err)
	assert.Equal(t, "BAD_INPUT", err.Code.String())
	assert.Contains(t, err.Message, "callFlows[0].steps[1].ringSeconds")

	err = c.Configure(Options{Webhooks: []byte(`{"start":{"url":"/h","headers":"X-A: 1\r\nX-B: 2"}}`), Origin: "http://127.0.0.1"})
	require.NotNil(t, err)
	assert.Equal(t, "BAD_INPUT", err.Code.String())
	assert.Contains(t, err.Message, "webhooks.start.headers")

	err = c.Configure(Options{Webhooks: []byte(`{"start":{"url":"/h"}}`), Origin: "null"})
	require.NotNil(t, err, "a path needs an origin")

	err = c.Configure(Options{CallFlowsURL: "javascript:alert(1)"})
	require.NotNil(t, err)
	assert.Contains(t, err.Message, "callFlows")
	require.Nil(t, c.Configure(Options{CallFlowsURL: "/flows.json"}))
}

func TestVideoQueries(t *testing.T) {
	c := New(Options{}, nil)
	require.Nil(t, c.Configure(Options{CallFlows: []byte(testFlows),
		Webhooks: []byte(`{"start":{"url":"/s","headers":"X-T: 1"},"end":{"url":"/e"}}`), Origin: "http://127.0.0.1:9"}))

	assert.Equal(t, map[string]any{"kind": "route", "url": "", "after": float64(5)}, query(t, c, "decide", `{"embedId":"e1","weekday":1,"minute":480}`))
	assert.Equal(t, map[string]any{"kind": "outOfHours", "url": "https://shop.example/zu", "after": float64(5)},
		query(t, c, "decide", `{"embedId":"e1","weekday":1,"minute":1080}`), "18:00 is closed")
	assert.Equal(t, "outOfHours", query(t, c, "decide", `{"embedId":"e1","weekday":0,"minute":600}`)["kind"], "Sunday")
	assert.Contains(t, query(t, c, "decide", `{"embedId":"zz","weekday":1,"minute":600}`)["error"].(map[string]any)["message"], "embed id")

	// Flows fetched from a URL replace the inline ones; wrong ones name the field.
	bad := query(t, c, "callFlows", mustJSON(t, `{"callFlows":[{"embedId":"x"}]}`))
	assert.Contains(t, bad["error"].(map[string]any)["message"], "callFlows[0].name")
	assert.Equal(t, true, query(t, c, "callFlows", mustJSON(t, strings.Replace(testFlows, `"e1"`, `"e2"`, 1)))["ok"])
	assert.Equal(t, "route", query(t, c, "decide", `{"embedId":"e2","weekday":1,"minute":480}`)["kind"])

	ev := `{"type":"contact","at":"2024-05-13T08:30:00.000Z","from":"ringing","to":"connected",` +
		`"contact":{"id":"6f1c2b9e-3d4a-4b5c-8d9e-0a1b2c3d4e5f","vendor":"video","channel":"video",` +
		`"connectedAt":"2024-05-13T08:30:00.000Z","endedAt":null,"data":{"callflow":"cf-1","userid":"17","username":"anna"}}}`
	d := query(t, c, "webhook", ev)
	assert.Equal(t, "start", d["kind"])
	assert.Equal(t, "http://127.0.0.1:9/s", d["url"])
	assert.Equal(t, []any{[]any{"X-T", "1"}}, d["headers"])
	assert.JSONEq(t, `{"callid":"6f1c2b9e-3d4a-4b5c-8d9e-0a1b2c3d4e5f","start":"2024-05-13T08:30:00.000Z","end":"",`+
		`"callflow":"cf-1","userid":17,"username":"anna"}`, d["body"].(string))
	assert.Equal(t, "null", string(c.Call([]byte("webhook\x1f"+strings.Replace(ev, `"from":"ringing"`, `"from":"held"`, 1)))))

	p := query(t, c, "outboxPlan", `{"now":100,"entries":[{"callid":"a","nextAt":0},{"callid":"a","nextAt":0},{"callid":"b","nextAt":300}]}`)
	assert.Equal(t, map[string]any{"send": []any{float64(0)}, "wait": float64(200)}, p)
	a := query(t, c, "outboxAfter", `{"key":"a:start","attempts":1,"status":503,"online":true,"age":10}`)
	assert.Equal(t, "retry", a["outcome"])
	assert.InDelta(t, 750, a["after"], 250)
	assert.Equal(t, "giveUp", query(t, c, "outboxAfter", `{"key":"a:start","attempts":1,"status":400,"online":true}`)["outcome"])
}

func mustJSON(t *testing.T, s string) string {
	b, err := json.Marshal(s)
	require.NoError(t, err)
	return string(b)
}
