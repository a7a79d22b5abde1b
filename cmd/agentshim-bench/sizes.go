package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// Size is one asset's size raw, gzip -9 and brotli q11, in bytes.
type Size struct {
	Asset             string
	Raw, Gzip, Brotli int64
	BudgetBrotliKiB   float64 // 0: none
}

// assets are what the three pages ship (the fake SDK and the harness are not counted).
var assets = []struct {
	name, dir, file string
	budgetKiB       float64 // brotli budget of issue 3
}{
	{"agentshim.wasm", "dist", "agentshim.wasm", 560},
	{"agentshim.js (loader + facade + wasm_exec.js)", "dist", "agentshim.js", 10},
	{"xstate-bench.js (XState v5 + the machine charts)", "web", "bench/build/xstate-bench.js", 0},
	{"desk.js (decoding, data, dispatch shared by XState and reducer)", "web", "bench/desk.js", 0},
}

// measureSizes compresses copies of the assets with js-bridge/compress.mjs
// (the script make build uses), so that no .br/.gz lands next to the sources.
func measureSizes(dist, web string) ([]Size, error) {
	tmp, err := os.MkdirTemp("", "agentshim-bench-sizes-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	args := []string{filepath.Join(filepath.Dir(web), "js-bridge", "compress.mjs")}
	for i, a := range assets {
		src := filepath.Join(map[string]string{"dist": dist, "web": web}[a.dir], filepath.FromSlash(a.file))
		raw, err := os.ReadFile(src)
		if err != nil {
			return nil, err
		}
		dst := filepath.Join(tmp, fmt.Sprintf("%d-%s", i, filepath.Base(src)))
		if err := os.WriteFile(dst, raw, 0o644); err != nil {
			return nil, err
		}
		args = append(args, dst)
	}
	if out, err := exec.Command("node", args...).CombinedOutput(); err != nil {
		return nil, fmt.Errorf("node js-bridge/compress.mjs: %v\n%s", err, out)
	}
	var sizes []Size
	for i, a := range assets {
		dst := filepath.Join(tmp, fmt.Sprintf("%d-%s", i, filepath.Base(a.file)))
		s := Size{Asset: a.name, BudgetBrotliKiB: a.budgetKiB}
		for _, f := range []struct {
			suffix string
			n      *int64
		}{{"", &s.Raw}, {".gz", &s.Gzip}, {".br", &s.Brotli}} {
			st, err := os.Stat(dst + f.suffix)
			if err != nil {
				return nil, err
			}
			*f.n = st.Size()
		}
		sizes = append(sizes, s)
	}
	return sizes, nil
}
