#!/usr/bin/env bash
# The whole test run behind `make test`: lint; a real Neo4j (started here
# from Maven Central artifacts unless NEO4J_URI points at one); the
# viewer's unit tests, a check that the committed bundle is what the
# sources build, and end-to-end tests in headless Chromium against the
# real binary on both stores; every Go test with -race against that
# Neo4j; and the docker-compose file check. Anything missing fails loudly when CI=true.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
cache="$root/.cache"
mkdir -p "$cache"
started=$(date +%s)
step() { printf '\n== %s (%ss)\n' "$*" "$(( $(date +%s) - started ))"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

server_pid=""
started_neo4j=0
cleanup() {
  status=$?
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [ "$started_neo4j" = 1 ]; then bash scripts/neo4j-local.sh stop || true; fi
  exit $status
}
trap cleanup EXIT INT TERM

step "lint: gofmt -s, go vet, staticcheck"
make --no-print-directory lint

if [ -z "${NEO4J_URI:-}" ]; then
  step "starting a local Neo4j 5.26 (scripts/neo4j-local.sh)"
  export NEO4J_LOCAL_PORT="${NEO4J_LOCAL_PORT:-$(free_port)}"
  export NEO4J_LOCAL_DIR="${NEO4J_LOCAL_DIR:-$cache/neo4j-test}"
  rm -rf "$NEO4J_LOCAL_DIR"
  started_neo4j=1
  bash scripts/neo4j-local.sh start
  export NEO4J_URI="bolt://127.0.0.1:$NEO4J_LOCAL_PORT"
  # The outage test may stop and restart this server.
  export NEO4J_LOCAL_CONTROL=1
fi

step "viewer: npm ci, unit tests, bundle is reproducible"
(
  cd web/ui
  npm ci --prefer-offline --no-audit --no-fund --loglevel=error
  npm test
  npm run build
)
if [ -n "$(git status --porcelain -- web/dist)" ]; then
  git status --porcelain -- web/dist
  echo "web/dist differs from what web/ui builds: run 'make viewer' and commit web/dist" >&2
  exit 1
fi

step "building the binary"
go build -o "$cache/actorgraph" ./cmd/actorgraph

serve() { # serve STORE: start the binary, wait for /api/health, set ACTORGRAPH_URL
  local log="$cache/serve-$1.log"
  "$cache/actorgraph" serve --store "$1" --addr 127.0.0.1:0 >"$log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 100); do
    url=$(grep -o 'http://127.0.0.1:[0-9]*' "$log" | head -n1 || true)
    if [ -n "$url" ] && curl -fsS "$url/api/health" >/dev/null 2>&1; then
      export ACTORGRAPH_URL="$url"
      return 0
    fi
    sleep 0.2
  done
  cat "$log" >&2
  echo "actorgraph serve --store $1 did not come up" >&2
  exit 1
}
stop_server() { kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""; }

step "end-to-end in headless Chromium: memory store"
serve memory
(cd web/ui && npm run e2e)
stop_server

step "end-to-end in headless Chromium: neo4j store"
# The database is still the fresh one started above: the Go tests, which
# wipe it, run after this.
"$cache/actorgraph" load --store neo4j seeds/
serve neo4j
(cd web/ui && ACTORGRAPH_E2E_STORE=neo4j npm run e2e)
stop_server

step "Python virtualenv for the checks by our users' tools (scripts/pyenv.sh)"
# The Go tests that compare with NetworkX (and other PyPI tools) run the
# python named by ACTORGRAPH_PYTHON; without it they skip, or fail when CI=true.
if py=$(bash scripts/pyenv.sh); then
  export ACTORGRAPH_PYTHON="$py"
  echo "ACTORGRAPH_PYTHON=$py"
elif [ "${CI:-}" = true ]; then
  echo "scripts/pyenv.sh could not build the Python virtualenv (python3-venv, PyPI)" >&2
  exit 1
else
  echo "SKIPPED: no Python virtualenv; the NetworkX comparison will not run"
fi

step "go test -race ./... (Neo4j at $NEO4J_URI)"
go test -race -count=1 -timeout 30m ./...


step "docker-compose config"
if command -v docker-compose >/dev/null 2>&1; then
  docker-compose --env-file .env.example -f docker-compose.yml config -q
  echo "docker-compose.yml is valid"
elif [ "${CI:-}" = true ]; then
  echo "docker-compose is not installed (apt-get install docker-compose)" >&2
  exit 1
else
  echo "SKIPPED: docker-compose not installed"
fi

step "all tests passed"
