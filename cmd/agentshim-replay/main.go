// Command agentshim-replay runs a recorded trace through the agentshim core
// and prints the facade events it produces, one JSON object per line: the
// same events AgentShim.replay gives in the browser.
//
//	go run ./cmd/agentshim-replay [-region CZ] [-golden FILE [-update]] TRACE.json
//
// With -golden it compares the output with FILE and exits 1 with a readable
// diff when they differ; -update rewrites FILE instead.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/agentshim/agentshim/wasm/engine"
	"github.com/agentshim/agentshim/wasm/trace"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("agentshim-replay", flag.ContinueOnError)
	fs.SetOutput(stderr)
	region := fs.String("region", "", "default region (ISO 3166, e.g. CZ) for national phone numbers")
	golden := fs.String("golden", "", "compare the output with this file")
	update := fs.Bool("update", false, "with -golden: rewrite the file instead of comparing")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: agentshim-replay [-region CZ] [-golden FILE [-update]] TRACE.json")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	path := fs.Arg(0)
	doc, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintln(stderr, "agentshim-replay:", err)
		return 1
	}
	t, err := trace.Parse(doc)
	if err != nil {
		fmt.Fprintf(stderr, "agentshim-replay: %s: %v\n", path, err)
		return 1
	}
	out := engine.Replay(t, engine.Config{DefaultRegion: *region})
	switch {
	case *golden == "":
		stdout.Write(out)
	case *update:
		if err := os.WriteFile(*golden, out, 0o644); err != nil {
			fmt.Fprintln(stderr, "agentshim-replay:", err)
			return 1
		}
	default:
		want, err := os.ReadFile(*golden)
		if err != nil {
			fmt.Fprintln(stderr, "agentshim-replay:", err)
			return 1
		}
		if d := diff(string(want), string(out)); d != "" {
			fmt.Fprintf(stderr, "agentshim-replay: %s differs from %s:\n%s", path, *golden, d)
			return 1
		}
	}
	return 0
}

// diff describes how two line lists differ: every differing line by number,
// then the lines one side has beyond the other. Events are one per line and
// numbered by seq, so a line-by-line comparison reads naturally.
func diff(want, got string) string {
	w := strings.Split(strings.TrimSuffix(want, "\n"), "\n")
	g := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
	var b bytes.Buffer
	shown := 0
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl == gl {
			continue
		}
		if shown++; shown > 20 {
			fmt.Fprintln(&b, "… more differences not shown")
			break
		}
		fmt.Fprintf(&b, "line %d:\n  want %s\n  got  %s\n", i+1, orNone(wl, i < len(w)), orNone(gl, i < len(g)))
	}
	if shown > 0 {
		fmt.Fprintf(&b, "(%d lines expected, %d produced)\n", len(w), len(g))
	}
	return b.String()
}

func orNone(s string, present bool) string {
	if !present {
		return "(no line)"
	}
	return s
}
