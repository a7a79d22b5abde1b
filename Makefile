# agentshim — see README.md. `make help` lists the targets.
GO        ?= go
FUZZTIME  ?= 30s
BENCHTIME ?= 1s

.DEFAULT_GOAL := help

.PHONY: help
help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

WASM_EXEC := $(shell $(GO) env GOROOT)/lib/wasm/wasm_exec.js

.PHONY: build
build: ## build dist/: agentshim.js (+ .mjs), agentshim-video.js, agentshim.wasm (+ .br, .gz), agentshim.d.ts
	@mkdir -p dist
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o dist/agentshim.wasm ./wasm/agentshim
	{ cat $(WASM_EXEC); echo; cat js-bridge/agentshim.js; } > dist/agentshim.js
	cp dist/agentshim.js dist/agentshim.mjs
	printf 'globalThis.AgentShim._internals.scriptURL = import.meta.url;\nexport default globalThis.AgentShim;\n' >> dist/agentshim.mjs
	cp js-bridge/video.js dist/agentshim-video.js
	cp js-bridge/agentshim.d.ts dist/agentshim.d.ts
	node js-bridge/compress.mjs dist/agentshim.wasm dist/agentshim.js dist/agentshim.mjs dist/agentshim-video.js

.PHONY: size
size: build ## print raw, gzip and brotli sizes of the built assets
	@node js-bridge/compress.mjs dist/agentshim.wasm dist/agentshim.js dist/agentshim-video.js

.PHONY: serve
serve: build ## build everything and serve the demo on 127.0.0.1
	$(GO) run ./cmd/agentshim-serve -addr 127.0.0.1:8080 -dist dist -web web

.PHONY: test
test: build ## run every test: native Go (race detector, fuzz seeds), headless Chromium, the fakes under Node
	bash web/install-chromium.sh
	$(GO) vet ./...
	bash cmd/agentshim-serve/store/postgres-test.sh run $(GO) test -race -count=1 ./...
	node --test web/fakes/ js-bridge/
	cd js-bridge && npm ci --no-audit --no-fund --silent && npm run --silent typecheck
	$(MAKE) --no-print-directory replay-check

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
fuzz: ## run every fuzz target for FUZZTIME (default 30s) each
	@for pkg in $$($(GO) list ./wasm/...); do \
		for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
			echo "== $$pkg $$f"; \
			$(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
		done; \
	done

.PHONY: bench
bench: ## benchmarks: Step throughput and allocations natively
	$(GO) test -run '^$$' -bench . -benchmem -benchtime $(BENCHTIME) ./wasm/...

.PHONY: graphs
graphs: ## write the state machines as Mermaid into README.md
	$(GO) test ./wasm/machine -run '^TestReadmeDiagram$$' -update-readme
