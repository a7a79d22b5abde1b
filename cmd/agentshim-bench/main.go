// Command agentshim-bench runs the side-by-side browser benchmark of issue 6
// (make bench): in one headless Chromium page the same CTToolbar7 event trace
// goes through agentshim (fake vendor callback → loader → Go core → facade
// listener), the same machine on XState v5 and as a hand-written reducer
// (web/bench/). It measures throughput, per-event latency, slow windows, cold
// start, asset sizes, memory and Go-held JS references, prints the figures and
// writes BENCH.md with a verdict line per target.
//
//	go run ./cmd/agentshim-bench            # after make build and npm run build in web/bench
//	go run ./cmd/agentshim-bench -contacts 2000 -rounds 1 -soak 100000 -out /tmp/BENCH.md
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/agentshim/agentshim/web/e2e"
)

func main() {
	if err := mainErr(); err != nil {
		fmt.Fprintln(os.Stderr, "agentshim-bench:", err)
		os.Exit(1)
	}
}

func mainErr() error {
	cfg := Config{}
	flag.IntVar(&cfg.Contacts, "contacts", 20000, "inbound calls (13 events each) per round")
	flag.IntVar(&cfg.Rounds, "rounds", 5, "rounds; ratios are taken per round")
	flag.IntVar(&cfg.SoakEvents, "soak", 1000000, "events of the soak (contacts created and deleted)")
	flag.IntVar(&cfg.Loads, "loads", 5, "fresh loads per page for the cold start")
	flag.StringVar(&cfg.Form, "form", "object", "CTToolbar7 payload form: object, or mixed (object and JSON text alternating)")
	out := flag.String("out", "BENCH.md", "the report to write")
	jsonOut := flag.String("json", "", "also write the raw results as JSON to this file")
	coldOnly := flag.Bool("cold-only", false, "measure the cold start only, print it and write no report")
	dist := flag.String("dist", "dist", "the built dist/ directory (make build)")
	web := flag.String("web", "web", "the web/ directory")
	flag.Parse()
	if cfg.Form != "object" && cfg.Form != "mixed" {
		return fmt.Errorf("-form is object or mixed, not %q", cfg.Form)
	}
	for _, f := range []string{filepath.Join(*dist, "agentshim.wasm"), filepath.Join(*web, "bench", "build", "xstate-bench.js")} {
		if _, err := os.Stat(f); err != nil {
			return fmt.Errorf("%v; run make build and (cd web/bench && npm ci && npm run build) first, or make bench", err)
		}
	}

	sizes, err := measureSizes(*dist, *web)
	if err != nil {
		return err
	}
	profileDir, err := os.MkdirTemp("", "agentshim-bench-profile-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(profileDir)
	if err := buildProfileWasm(profileDir); err != nil {
		return err
	}
	base, stop, err := serve(*dist, *web, profileDir)
	if err != nil {
		return err
	}
	defer stop()
	b, err := e2e.NewBrowser()
	if err != nil {
		return err
	}
	defer b.Close()
	if *coldOnly {
		res := &Results{Cold: map[string][]float64{}}
		fmt.Printf("load average %s\n", loadAvg())
		err := coldStarts(b, base, cfg, res, os.Stdout)
		fmt.Printf("load average %s\n", loadAvg())
		return err
	}
	res, err := run(b, base, cfg, os.Stdout)
	if err != nil {
		return err
	}
	res.Sizes = sizes
	if *jsonOut != "" {
		raw, _ := json.MarshalIndent(res, "", "  ")
		if err := os.WriteFile(*jsonOut, raw, 0o644); err != nil {
			return err
		}
	}
	report := Report(res)
	fmt.Print("\n", report)
	return os.WriteFile(*out, []byte(report), 0o644)
}

// buildProfileWasm builds agentshim.wasm as make build does but with its
// symbols kept, so that the CPU profile names the Go functions.
func buildProfileWasm(dir string) error {
	cmd := exec.Command("go", "build", "-trimpath", "-o", filepath.Join(dir, "agentshim.wasm"), "./wasm/agentshim")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("building the profile wasm: %v\n%s", err, out)
	}
	return nil
}
