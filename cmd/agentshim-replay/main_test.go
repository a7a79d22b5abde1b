package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEveryTraceMatchesItsGolden is `make replay-check` as a Go test.
func TestEveryTraceMatchesItsGolden(t *testing.T) {
	traces, err := filepath.Glob("../../testdata/traces/*.json")
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(traces), 7)
	for _, tr := range traces {
		base := strings.TrimSuffix(tr, ".json")
		region, _ := os.ReadFile(base + ".region")
		var out, errs bytes.Buffer
		code := run([]string{"-region", strings.TrimSpace(string(region)), "-golden", base + ".golden.jsonl", tr}, &out, &errs)
		assert.Equal(t, 0, code, "%s: %s", tr, errs.String())
	}
}

func TestGoldenMismatchIsReadable(t *testing.T) {
	dir := t.TempDir()
	trace := filepath.Join(dir, "t.json")
	require.NoError(t, os.WriteFile(trace, []byte(`{"version":1,"startedAt":"2021-05-12T16:49:12Z","events":[
 {"at":"2021-05-12T16:49:13Z","vendor":"ctt7","name":"LOGGEDIN","payload":null}]}`), 0o644))
	golden := filepath.Join(dir, "t.golden.jsonl")
	require.NoError(t, os.WriteFile(golden, []byte("{\"seq\":1,\"something\":\"else\"}\n{\"seq\":2}\n"), 0o644))
	var out, errs bytes.Buffer
	assert.Equal(t, 1, run([]string{"-golden", golden, trace}, &out, &errs))
	msg := errs.String()
	assert.Contains(t, msg, "line 1:\n  want {\"seq\":1,\"something\":\"else\"}\n  got  {\"seq\":1,")
	assert.Contains(t, msg, "line 2:\n  want {\"seq\":2}\n  got  (no line)")
	assert.Contains(t, msg, "(2 lines expected, 1 produced)")

	assert.Equal(t, 0, run([]string{"-golden", golden, "-update", trace}, &out, &errs))
	assert.Equal(t, 0, run([]string{"-golden", golden, trace}, &out, &errs), "an updated golden matches")
}

func TestBadTraceNamesLineAndField(t *testing.T) {
	trace := filepath.Join(t.TempDir(), "bad.json")
	require.NoError(t, os.WriteFile(trace, []byte("{\"version\":1,\"startedAt\":\"2021-05-12T16:49:12Z\",\"events\":[\n"+
		"{\"at\":\"2021-05-12T16:49:13Z\",\"vendor\":\"ctt7\",\"name\":\"LOGGEDIN\"},\n"+
		"{\"at\":\"whenever\",\"vendor\":\"ctt7\",\"name\":\"LOGGEDIN\"}]}"), 0o644))
	var out, errs bytes.Buffer
	assert.Equal(t, 1, run([]string{trace}, &out, &errs))
	assert.Contains(t, errs.String(), "trace line 3: events[1].at: 'whenever' is not an ISO 8601 time")
	assert.Empty(t, out.String())
	assert.Equal(t, 2, run(nil, &out, &errs), "no trace given: usage")
}
