package redact

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestText(t *testing.T) {
	cases := map[string]string{
		"call +420 777 666 555 now":       "call +*********555 now",
		"mail jan.novak@example.cz today": "mail " + token("jan.novak") + "@example.cz today",
		"a@b c@d.e":                       "a@b " + token("c") + "@d.e",
		"no data here, 2024-01-15":        "no data here, 2024-01-15",
		"@example.com and x@localhost":    "@example.com and x@localhost",
	}
	for in, want := range cases {
		assert.Equal(t, want, Text(in), in)
	}
	assert.NotEqual(t, Text("68-60f69967@pddialer1.example.priv"), Text("69-60f69968@pddialer1.example.priv"),
		"CTToolbar7 contact ids look like addresses: different ids stay different")
	assert.Equal(t, Text("a.b@x.cz"), Text("a.b@x.cz"), "the same address is the same token")
}

func TestJSONKeepsTheShape(t *testing.T) {
	doc := `{"ani":"777 666 555","n":1620838164725,"ok":true,"list":["x@y.cz",null,{"k\"q":"+420777666555"}],` +
		`"inner":"{\"ani\":\"0212345678\",\"at\":1620838164725}"}`
	out := JSON(nil, []byte(doc))
	var got map[string]any
	require.NoError(t, json.Unmarshal(out, &got), string(out))
	assert.Equal(t, "******555", got["ani"])
	assert.Equal(t, 1620838164725.0, got["n"], "numbers are left alone")
	assert.Equal(t, true, got["ok"])
	list := got["list"].([]any)
	assert.Equal(t, token("x")+"@y.cz", list[0])
	assert.Nil(t, list[1])
	assert.Equal(t, "+*********555", list[2].(map[string]any)[`k"q`])
	var inner map[string]any
	require.NoError(t, json.Unmarshal([]byte(got["inner"].(string)), &inner), "JSON text in a string stays JSON text")
	assert.Equal(t, "*******678", inner["ani"])
	assert.Equal(t, 1620838164725.0, inner["at"])

	assert.Equal(t, `"******555 {"`, string(JSON(nil, []byte(`777 666 555 {`))), "not JSON: one redacted string")
}

func FuzzJSON(f *testing.F) {
	f.Add([]byte(`{"a":"777666555","b":["x@y.cz"]}`))
	f.Add([]byte(`"{\"a\":1}"`))
	f.Fuzz(func(t *testing.T, doc []byte) {
		out := JSON(nil, doc)
		if !json.Valid(out) {
			t.Fatalf("invalid output %q for %q", out, doc)
		}
	})
}
