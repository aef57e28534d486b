# Everything runs through scripts so that `make test` behaves the same on a
# laptop and in CI. See README.md.
GO ?= go
STATICCHECK_VERSION ?= v0.8.2

.PHONY: all test lint vet fmt tidy staticcheck fuzz unit ui build bench neo4j-start neo4j-stop viewer tck

all: build

build:
	$(GO) build -o actorgraph ./cmd/actorgraph

# test: lint, every Go test (with -race) against a real Neo4j started by
# scripts/neo4j-local.sh unless NEO4J_URI is set, the viewer's unit tests,
# end-to-end tests in headless Chromium, and the docker-compose check.
test:
	bash scripts/test.sh

lint: fmt tidy vet staticcheck

# tidy: go.mod and go.sum say exactly what the code imports (a direct
# dependency marked // indirect, or a stale one, fails).
tidy:
	@$(GO) mod tidy -diff >/dev/null || { echo "go.mod/go.sum are not tidy: run 'go mod tidy'"; $(GO) mod tidy -diff; exit 1; }

fmt:
	@out=$$(gofmt -s -l $$(git ls-files '*.go' | grep -v '^web/ui/node_modules/')); \
	if [ -n "$$out" ]; then echo "gofmt -s needed on:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

staticcheck:
	@command -v staticcheck >/dev/null 2>&1 || [ -x "$$($(GO) env GOPATH)/bin/staticcheck" ] || \
		$(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)
	PATH="$$PATH:$$($(GO) env GOPATH)/bin" staticcheck ./...

# bench: the full-size benchmarks (1M nodes / 5M relationships for the
# embedded store); see BENCHMARKS.md. Needs Neo4j for the Neo4j rows.
bench:
	bash scripts/bench.sh

# fuzz: every fuzz target for FUZZTIME (60s) each; the corpus it builds
# is kept in testdata/fuzz/ (see scripts/fuzz.sh).
fuzz:
	bash scripts/fuzz.sh

tck:
	$(GO) test ./graph/cypher/... -run TCK -v -count=1

viewer:
	cd web/ui && npm ci && npm run build

neo4j-start:
	bash scripts/neo4j-local.sh start

neo4j-stop:
	bash scripts/neo4j-local.sh stop
