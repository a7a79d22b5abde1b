# agentshim — see README.md. `make help` lists the targets.
GO        ?= go
FUZZTIME  ?= 30s
# make test fuzzes by count: a duration trips golang/go#75804 in Go 1.26 (a spurious
# "context deadline exceeded" at the -fuzztime boundary, no crasher).
CI_FUZZTIME ?= 20000x
BENCHTIME ?= 1s
BENCHFLAGS ?=

.DEFAULT_GOAL := help

.PHONY: help
help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

WASM_EXEC := $(shell $(GO) env GOROOT)/lib/wasm/wasm_exec.js

# esbuild minifies the bundle (10 KiB brotli budget); the readable bundle and a source map ship next to it.
ESBUILD := js-bridge/node_modules/.bin/esbuild
MINIFY  := $(ESBUILD) --minify --target=es2020 --log-level=warning

$(ESBUILD): js-bridge/package-lock.json
	cd js-bridge && npm ci --no-audit --no-fund --silent
	@touch $@

.PHONY: build
build: $(ESBUILD) ## build dist/: agentshim.js and .mjs (minified, + .map, + readable .debug.js/.mjs), agentshim.wasm (+ .br, .gz), agentshim.d.ts, agentshim-video.js; the desk: desk.wasm, desk.js, desk.css
	@mkdir -p dist
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o dist/agentshim.wasm ./wasm/agentshim
	{ cat $(WASM_EXEC); echo; cat js-bridge/agentshim.js; } > dist/agentshim.debug.js
	$(MINIFY) --sourcemap dist/agentshim.debug.js --outfile=dist/agentshim.js
	{ cat dist/agentshim.debug.js; printf 'globalThis.AgentShim._internals.scriptURL = import.meta.url;\nexport default globalThis.AgentShim;\n'; } > dist/agentshim.debug.mjs
	$(MINIFY) --format=esm --sourcemap dist/agentshim.debug.mjs --outfile=dist/agentshim.mjs
	$(MINIFY) --sourcemap js-bridge/video.js --outfile=dist/agentshim-video.js
	cp js-bridge/agentshim.d.ts dist/agentshim.d.ts
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o dist/desk.wasm ./wasm/desk
	cp wasm/desk/desk.js wasm/desk/desk.css dist/
	node js-bridge/wasm-data.mjs dist/agentshim.wasm dist/desk.wasm
	node js-bridge/compress.mjs dist/agentshim.wasm dist/agentshim.js dist/agentshim.mjs dist/agentshim-video.js dist/desk.wasm dist/desk.js dist/desk.css

.PHONY: size
size: build ## print raw, gzip and brotli sizes of the built assets
	@node js-bridge/compress.mjs dist/agentshim.wasm dist/agentshim.js dist/agentshim-video.js dist/desk.wasm dist/desk.js

.PHONY: serve
serve: build ## build everything and serve the demo on 127.0.0.1 (the agent desk at /desk.html)
	@echo "agent desk: http://127.0.0.1:8080/desk.html  dashboard: http://127.0.0.1:8080/dashboard"
	$(GO) run ./cmd/agentshim-serve -addr 127.0.0.1:8080 -dist dist -web web

.PHONY: screenshots
screenshots: build ## drive Chromium over the desk and the dashboard; writes web/screenshots/*.png for the README
	bash web/install-chromium.sh
	SCREENSHOTS_DIR=$(CURDIR)/web/screenshots $(GO) test -count=1 -run '^TestDeskScreenshots$$' ./web/e2e

.PHONY: test
test: build ## run every test: native Go (race detector, fuzz seeds), headless Chromium, the fakes under Node, CI_FUZZTIME of fuzzing per target
	bash web/install-chromium.sh
	$(MAKE) --no-print-directory bench-bundle
	$(GO) vet ./...
	bash cmd/agentshim-serve/store/postgres-test.sh run $(GO) test -race -count=1 ./...
	node --test web/fakes/ js-bridge/
	cd js-bridge && npm run --silent typecheck
	$(MAKE) --no-print-directory replay-check
	$(MAKE) --no-print-directory fuzz FUZZTIME=$(CI_FUZZTIME)

.PHONY: replay-check
replay-check: ## replay every trace in testdata/traces and compare with its golden output
	@for t in testdata/traces/*.json; do \
		g=$${t%.json}.golden.jsonl; \
		$(GO) run ./cmd/agentshim-replay -region "$$(cat $${t%.json}.region 2>/dev/null)" -golden "$$g" "$$t" || exit 1; \
	done; echo "replay-check: every trace matches its golden output"

.PHONY: goldens
goldens: ## rewrite the golden outputs of testdata/traces (review the diff!)
	@for t in testdata/traces/*.json; do \
		$(GO) run ./cmd/agentshim-replay -region "$$(cat $${t%.json}.region 2>/dev/null)" -golden "$${t%.json}.golden.jsonl" -update "$$t" || exit 1; \
	done

.PHONY: fuzz
fuzz: ## run every fuzz target for FUZZTIME (default 30s) each; a crasher fails it and stays as a seed in testdata/fuzz
	@for pkg in $$($(GO) list ./wasm/...); do \
		for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
			out=$$($(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg 2>&1) || { echo "$$out"; exit 1; }; \
			echo "fuzz $(FUZZTIME): $${pkg##*/agentshim/} $$f ok"; \
		done; \
	done

.PHONY: bench
bench: build bench-bundle ## benchmarks: native Go, then agentshim vs XState vs a reducer in Chromium → BENCH.md
	$(GO) test -run '^$$' -bench . -benchmem -benchtime $(BENCHTIME) ./wasm/...
	$(GO) run ./cmd/agentshim-bench -out BENCH.md $(BENCHFLAGS)

.PHONY: bench-bundle
bench-bundle: ## bundle XState v5 (npm) for the benchmark page: web/bench/build/xstate-bench.js
	cd web/bench && npm ci --no-audit --no-fund --silent && npm run --silent build

.PHONY: graphs
graphs: ## write the state machines as Mermaid into README.md
	$(GO) test ./wasm/machine -run '^TestReadmeDiagram$$' -update-readme
