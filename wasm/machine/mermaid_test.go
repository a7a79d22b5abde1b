package machine

import (
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

var updateReadme = flag.Bool("update-readme", false, "rewrite the README's state diagrams")

const (
	diagramStart = "<!-- state-diagrams:start (make graphs) -->\n"
	diagramEnd   = "<!-- state-diagrams:end -->"
)

// TestReadmeDiagram fails when the README's diagrams differ from the tables;
// `make graphs` runs it with -update-readme to rewrite them.
func TestReadmeDiagram(t *testing.T) {
	const path = "../../README.md"
	doc, err := os.ReadFile(path)
	require.NoError(t, err)
	s := string(doc)
	i, j := strings.Index(s, diagramStart), strings.Index(s, diagramEnd)
	require.True(t, i >= 0 && j > i, "README.md needs the markers %q and %q", diagramStart, diagramEnd)
	want := s[:i+len(diagramStart)] + Mermaid() + s[j:]
	if *updateReadme {
		require.NoError(t, os.WriteFile(path, []byte(want), 0o644))
		return
	}
	require.Equal(t, want, s, "the README's state diagrams are stale: run `make graphs`")
}
