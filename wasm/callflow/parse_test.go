package callflow

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseOneFlow(t *testing.T) {
	flows, err := Parse(marshal(t, dealerJSON()))
	require.NoError(t, err)
	require.Equal(t, []Flow{dealer()}, flows)
}

func TestParseShapes(t *testing.T) {
	second := dealerJSON()
	second["embedId"], second["id"] = "other", "cf-18"
	for name, doc := range map[string]any{
		"array":    []any{dealerJSON(), second},
		"document": map[string]any{"callFlows": []any{dealerJSON(), second}},
	} {
		t.Run(name, func(t *testing.T) {
			flows, err := Parse(marshal(t, doc))
			require.NoError(t, err)
			require.Len(t, flows, 2)
			assert.Equal(t, dealer(), flows[0])
			assert.Equal(t, "other", flows[1].EmbedID)
			assert.Same(t, &flows[1], Find(flows, "other"))
			assert.Nil(t, Find(flows, "missing"))
		})
	}
}

func TestParseEscapedKeysAndValues(t *testing.T) {
	doc := strings.Replace(string(marshal(t, dealerJSON())), `"embedId"`, `"embed\u0049d"`, 1)
	doc = strings.Replace(doc, `"Verkauf"`, `"Verk\u00e4uf\ud83d\ude00"`, 1)
	flows, err := Parse([]byte(doc))
	require.NoError(t, err)
	assert.Equal(t, "a1B2-c3_d4", flows[0].EmbedID)
	assert.Equal(t, "Verkäuf😀", flows[0].Steps[0].Group)
}

// TestParseRules breaks the JSON of a flow in one place per case and checks
// the field named.
func TestParseRules(t *testing.T) {
	cases := []struct {
		name  string
		field string
		edit  func(m map[string]any)
	}{
		{"unknown key", "colour", func(m map[string]any) { m["colour"] = "red" }},
		{"unknown step key", "steps[1].delay", func(m map[string]any) { step(m, 1)["delay"] = 3 }},
		{"unknown weekday", "hours.holiday", func(m map[string]any) { hours(m)["holiday"] = []any{"00:00", "00:00"} }},
		{"weekday missing", "hours.wed", func(m map[string]any) { delete(hours(m), "wed") }},
		{"hours missing", "hours", func(m map[string]any) { delete(m, "hours") }},
		{"hours not an object", "hours", func(m map[string]any) { m["hours"] = []any{"08:00", "18:00"} }},
		{"day not an array", "hours.mon", func(m map[string]any) { hours(m)["mon"] = "08:00-18:00" }},
		{"day with one time", "hours.mon", func(m map[string]any) { hours(m)["mon"] = []any{"08:00"} }},
		{"day with three times", "hours.tue", func(m map[string]any) { hours(m)["tue"] = []any{"08:00", "12:00", "18:00"} }},
		{"time without leading zero", "hours.mon[0]", func(m map[string]any) { hours(m)["mon"] = []any{"8:00", "18:00"} }},
		{"time with seconds", "hours.mon[1]", func(m map[string]any) { hours(m)["mon"] = []any{"08:00", "18:00:00"} }},
		{"time 24:01", "hours.fri[1]", func(m map[string]any) { hours(m)["fri"] = []any{"08:00", "24:01"} }},
		{"time 25:00", "hours.fri[1]", func(m map[string]any) { hours(m)["fri"] = []any{"08:00", "25:00"} }},
		{"minute 60", "hours.sat[0]", func(m map[string]any) { hours(m)["sat"] = []any{"08:60", "13:00"} }},
		{"time as a number", "hours.sun[0]", func(m map[string]any) { hours(m)["sun"] = []any{800, "18:00"} }},
		{"time with a letter", "hours.sun[1]", func(m map[string]any) { hours(m)["sun"] = []any{"08:00", "1a:00"} }},
		{"end before start", "hours.thu", func(m map[string]any) { hours(m)["thu"] = []any{"22:00", "06:00"} }},
		{"name missing", "name", func(m map[string]any) { delete(m, "name") }},
		{"name not a string", "name", func(m map[string]any) { m["name"] = 7 }},
		{"name null", "name", func(m map[string]any) { m["name"] = nil }},
		{"name empty", "name", func(m map[string]any) { m["name"] = "" }},
		{"embedId missing", "embedId", func(m map[string]any) { delete(m, "embedId") }},
		{"embedId bad", "embedId", func(m map[string]any) { m["embedId"] = "a/b" }},
		{"description not a string", "description", func(m map[string]any) { m["description"] = []any{} }},
		{"id not a string", "id", func(m map[string]any) { m["id"] = 17 }},
		{"timeZone missing", "timeZone", func(m map[string]any) { delete(m, "timeZone") }},
		{"timeZone bad", "timeZone", func(m map[string]any) { m["timeZone"] = "MEZ" }},
		{"steps missing", "steps", func(m map[string]any) { delete(m, "steps") }},
		{"steps not an array", "steps", func(m map[string]any) { m["steps"] = map[string]any{} }},
		{"steps empty", "steps", func(m map[string]any) { m["steps"] = []any{} }},
		{"step not an object", "steps[0]", func(m map[string]any) { m["steps"].([]any)[0] = "Verkauf" }},
		{"group missing", "steps[0].group", func(m map[string]any) { delete(step(m, 0), "group") }},
		{"group empty", "steps[1].group", func(m map[string]any) { step(m, 1)["group"] = "" }},
		{"ringSeconds missing", "steps[1].ringSeconds", func(m map[string]any) { delete(step(m, 1), "ringSeconds") }},
		{"ringSeconds fraction", "steps[0].ringSeconds", func(m map[string]any) { step(m, 0)["ringSeconds"] = 30.5 }},
		{"ringSeconds string", "steps[0].ringSeconds", func(m map[string]any) { step(m, 0)["ringSeconds"] = "30" }},
		{"ringSeconds zero", "steps[0].ringSeconds", func(m map[string]any) { step(m, 0)["ringSeconds"] = 0 }},
		{"ringSeconds huge", "steps[0].ringSeconds", func(m map[string]any) { step(m, 0)["ringSeconds"] = 1e18 }},
		{"ring sum over 240", "steps[1].ringSeconds", func(m map[string]any) { step(m, 1)["ringSeconds"] = 211 }},
		{"exitUrl missing", "exitUrl", func(m map[string]any) { delete(m, "exitUrl") }},
		{"outOfHoursUrl javascript", "outOfHoursUrl", func(m map[string]any) { m["outOfHoursUrl"] = "javascript:void(0)" }},
		{"escalationUrl relative", "escalationUrl", func(m map[string]any) { m["escalationUrl"] = "rueckruf.html" }},
		{"escalationUrl not a string", "escalationUrl", func(m map[string]any) { m["escalationUrl"] = true }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := dealerJSON()
			c.edit(m)
			flows, err := Parse(marshal(t, m))
			requireBad(t, err, c.field)
			assert.Nil(t, flows)
		})
	}
}

func hours(m map[string]any) map[string]any { return m["hours"].(map[string]any) }
func step(m map[string]any, i int) map[string]any {
	return m["steps"].([]any)[i].(map[string]any)
}

// TestParseDocumentRules covers what is wrong with a document rather than
// with one flow, and how paths name a flow inside a document.
func TestParseDocumentRules(t *testing.T) {
	second := dealerJSON()
	second["embedId"], second["id"] = "other", "cf-18"
	thirdSteps := []any{
		map[string]any{"group": "A", "ringSeconds": 60},
		map[string]any{"group": "B", "ringSeconds": 60},
		map[string]any{"group": "C", "ringSeconds": 500},
	}
	cases := []struct {
		name, field, doc string
	}{
		{"not JSON", "", `{"name": `},
		{"trailing comma", "", `[{}, ]`},
		{"a number", "", `42`},
		{"a string", "", `"flows"`},
		{"null", "", `null`},
		{"empty array", "", `[]`},
		{"empty document", "callFlows", `{"callFlows": []}`},
		{"callFlows not an array", "callFlows", `{"callFlows": {}}`},
		{"callFlows null", "callFlows", `{"callFlows": null}`},
		{"unknown document key", "version", `{"callFlows": [], "version": 2}`},
		{"duplicate callFlows", "callFlows", `{"callFlows": [], "callFlows": []}`},
		{"flow not an object", "callFlows[1]", doc(t, dealerJSON(), "x")},
		{"error in second flow", "callFlows[1].steps[2].ringSeconds", doc(t, dealerJSON(), with(second, "steps", thirdSteps))},
		{"same embedId", "callFlows[1].embedId", doc(t, dealerJSON(), with(dealerJSON(), "id", "cf-18"))},
		{"same id", "callFlows[1].id", doc(t, dealerJSON(), with(dealerJSON(), "embedId", "other"))},
		{"path in a bare array", "[1].name", string(marshal(t, []any{dealerJSON(), with(second, "name", "")}))},
		{"duplicate key", "name", strings.Replace(string(marshal(t, dealerJSON())), `"name":`, `"name":"A","name":`, 1)},
		{"empty key", `""`, strings.Replace(string(marshal(t, dealerJSON())), `{`, `{"":1,`, 1)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			flows, err := Parse([]byte(c.doc))
			requireBad(t, err, c.field)
			assert.Nil(t, flows)
		})
	}
}

func TestParseNamesTheEarlierDuplicate(t *testing.T) {
	b, c := with(dealerJSON(), "embedId", "b"), with(dealerJSON(), "id", "cf-3")
	delete(b, "id")
	_, err := Parse([]byte(doc(t, dealerJSON(), b, c)))
	e := requireBad(t, err, "callFlows[2].embedId")
	assert.Contains(t, e.Msg, "callFlows[0].embedId")
}

func TestParseFlowsWithoutIDMayShareIt(t *testing.T) {
	a, b := dealerJSON(), dealerJSON()
	delete(a, "id")
	delete(b, "id")
	b["embedId"] = "other"
	flows, err := Parse([]byte(doc(t, a, b)))
	require.NoError(t, err)
	assert.Empty(t, flows[0].ID)
	assert.Empty(t, flows[1].ID)
}

// TestParseMasksPhoneLikeKeys: an unknown key is named in the error, but a
// phone number used as a key is not repeated in full.
func TestParseMasksPhoneLikeKeys(t *testing.T) {
	m := dealerJSON()
	m["+420 777 666 555"] = "call me"
	_, err := Parse(marshal(t, m))
	e := requireBad(t, err, "+*********555")
	assert.NotContains(t, e.Error(), "777")
}

func doc(t testing.TB, flows ...any) string {
	return string(marshal(t, map[string]any{"callFlows": flows}))
}

func with(m map[string]any, key string, v any) map[string]any {
	c := make(map[string]any, len(m))
	for k, x := range m {
		c[k] = x
	}
	c[key] = v
	return c
}

func TestParseDocumentKeepsTheNotice(t *testing.T) {
	d, err := ParseDocument([]byte(doc(t, dealerJSON())))
	require.NoError(t, err)
	assert.Equal(t, Notice{}, d.Notice, "no notice: the embed's defaults")
	require.Len(t, d.Flows, 1)

	withNotice := strings.Replace(doc(t, dealerJSON()), `{"callFlows"`,
		`{"gdprNotice": {"title": "Datenschutz", "text": "Absatz 1\nAbsatz 2", "accept": "OK", "refuse": "Nein"}, "callFlows"`, 1)
	d, err = ParseDocument([]byte(withNotice))
	require.NoError(t, err)
	assert.Equal(t, Notice{Title: "Datenschutz", Text: "Absatz 1\nAbsatz 2", Accept: "OK", Refuse: "Nein"}, d.Notice)
	assert.Equal(t, "a1B2-c3_d4", d.Flows[0].EmbedID)
}

func TestParseDocumentRefusesBadNotices(t *testing.T) {
	cases := []struct{ field, notice string }{
		{"gdprNotice", `"text"`},
		{"gdprNotice.colour", `{"colour": "red"}`},
		{"gdprNotice.title", `{"title": 3}`},
		{"gdprNotice.accept", `{"accept": " "}`},
		{"gdprNotice.text", `{"text": "a\u0007b"}`},
		{"gdprNotice.text", `{"text": "` + strings.Repeat("x", maxNotice+1) + `"}`},
	}
	for _, c := range cases {
		d := strings.Replace(doc(t, dealerJSON()), `{"callFlows"`, `{"gdprNotice": `+c.notice+`, "callFlows"`, 1)
		_, err := ParseDocument([]byte(d))
		requireBad(t, err, c.field)
	}
}

func TestCheckURLForOtherFields(t *testing.T) {
	require.NoError(t, CheckURL("webhooks.start.url", "https://crm.example/hooks/start"))
	requireBad(t, CheckURL("webhooks.start.url", "javascript:alert(1)"), "webhooks.start.url")
}
