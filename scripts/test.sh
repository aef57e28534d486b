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

server_pids=()
started_neo4j=0
bulk_port=""
cleanup() {
  status=$?
  for pid in "${server_pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  if [ -n "$bulk_port" ]; then NEO4J_LOCAL_PORT=$bulk_port bash scripts/neo4j-local.sh stop || true; fi
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

# The access token of the second server of each store, in a file only we
# can read, as an analyst would keep it. Never exported as
# ACTORGRAPH_TOKEN: the first server must run without one.
token_file="$cache/e2e-token"
(umask 077 && python3 -c 'import secrets; print(secrets.token_hex(32))' >"$token_file")
export ACTORGRAPH_E2E_TOKEN="$(cat "$token_file")"
# That server's audit log, where e2e/security.test.js finds the lines of
# the query and the export it made.
audit_log="$cache/e2e-audit.log"
export ACTORGRAPH_E2E_AUDIT_LOG="$audit_log"

# The servers of the browser tests allow an API call 2 minutes instead of
# 15 s: these tests check what the viewer does, not how fast (speed is
# for the benchmarks), and on a machine shared with other jobs the first
# queries on a cold Neo4j (planning /api/schema's counts) have been seen
# to pass 15 s (see the warm-up below). The 504 itself is tested by the
# Go tests.
serve() { # serve VAR STORE [FLAGS...]: start the binary, wait for /api/health, export VAR=its URL
  local var=$1 store=$2
  shift 2
  local log="$cache/serve-$store-$var.log" url=""
  "$cache/actorgraph" serve --store "$store" --addr 127.0.0.1:0 --query-timeout 2m "$@" >"$log" 2>&1 &
  server_pids+=($!)
  for _ in $(seq 1 100); do
    url=$(grep -o 'http://127.0.0.1:[0-9]*' "$log" | head -n1 || true)
    if [ -n "$url" ] && curl -fsS "$url/api/health" >/dev/null 2>&1; then
      export "$var=$url"
      return 0
    fi
    sleep 0.2
  done
  cat "$log" >&2
  echo "actorgraph serve --store $store $* did not come up" >&2
  exit 1
}
stop_servers() {
  for pid in "${server_pids[@]}"; do kill "$pid"; wait "$pid" 2>/dev/null || true; done
  server_pids=()
}

# Each store serves twice: without a token (the viewer's own tests and the
# DNS-rebinding test) and with one (the token tests, e2e/security.test.js).
step "end-to-end in headless Chromium: memory store"
serve ACTORGRAPH_URL memory
rm -f "$audit_log"
serve ACTORGRAPH_TOKEN_URL memory --token-file "$token_file" --audit-log "$audit_log"
(cd web/ui && npm run e2e)
stop_servers

step "end-to-end in headless Chromium: neo4j store"
# The database is still the fresh one started above: the Go tests, which
# wipe it, run after this.
"$cache/actorgraph" load --store neo4j seeds/
serve ACTORGRAPH_URL neo4j
rm -f "$audit_log"
serve ACTORGRAPH_TOKEN_URL neo4j --token-file "$token_file" --audit-log "$audit_log"
# Neo4j plans a query the first time it sees it, and on this shared machine
# planning /api/schema's counts has taken over 30 s, longer than the
# browser tests wait for the first page. Plan it once before they start
# (the first paint they print is then that of a warm planner).
curl -fsS --max-time 150 "$ACTORGRAPH_URL/api/schema" >/dev/null
(cd web/ui && ACTORGRAPH_E2E_STORE=neo4j npm run e2e)
stop_servers

step "CSV export through Neo4j's bulk importer (neo4j-admin database import full) equals a transactional load"
# The Neo4j at NEO4J_URI holds seeds/ as `actorgraph load` wrote it (the
# e2e step above). The CSV export of the same seeds goes through the real
# importer into a data directory of its own, served by a second local
# Neo4j; both are read with the same queries, internal labels and
# properties (_Node, _search, _sort) left out and every value paired with
# its Cypher type (valueType), so that 40 and 40.0 differ.
bulk="$cache/neo4j-bulk"
rm -rf "$bulk"
mkdir -p "$bulk/csv"
"$cache/actorgraph" export -format csv -o "$bulk/export.csv.zip"
python3 -m zipfile -e "$bulk/export.csv.zip" "$bulk/csv"
bash scripts/neo4j-local.sh import "$bulk/home" full --nodes="$bulk/csv/nodes.csv" \
  --relationships="$bulk/csv/relationships.csv" --multiline-fields=true --report-file="$bulk/import.report" neo4j >"$bulk/import.log" 2>&1 \
  || { tail -n 40 "$bulk/import.log" >&2; exit 1; }
grep -A3 '^Imported:' "$bulk/import.log"
bulk_port=$(free_port)
NEO4J_LOCAL_PORT=$bulk_port NEO4J_LOCAL_DIR="$bulk/home" NEO4J_LOCAL_HEAP=512m bash scripts/neo4j-local.sh start >/dev/null
q_nodes="MATCH (n:Actor) RETURN n.id AS id, [l IN labels(n) WHERE NOT l STARTS WITH '_'] AS labels, [k IN keys(n) WHERE NOT k STARTS WITH '_' | [k, [valueType(n[k]), n[k]]]] AS props"
q_rels="MATCH (a:Actor)-[r]->(b:Actor) RETURN r.id AS id, type(r) AS type, a.id AS start, b.id AS end, [k IN keys(r) WHERE NOT k STARTS WITH '_' | [k, [valueType(r[k]), r[k]]]] AS props"
for q in nodes rels; do
  eval "query=\$q_$q"
  "$cache/actorgraph" query --store neo4j -timeout 5m -json "$query" >"$bulk/$q-transactional.json"
  # The store makes its constraints on first contact with the fresh
  # database, within the default 15 s; on a busy machine a cold server
  # can take longer, and the constraints are there for the next try.
  for attempt in 1 2 3; do
    if "$cache/actorgraph" query --store neo4j --neo4j-uri "bolt://127.0.0.1:$bulk_port" -timeout 5m -json "$query" >"$bulk/$q-bulk.json"; then break; fi
    [ "$attempt" = 3 ] && exit 1
    echo "retrying the query on the imported database (attempt $attempt failed)" >&2
  done
  printf '%s: ' "$q"
  python3 tools/python/same_rows.py "$bulk/$q-transactional.json" "$bulk/$q-bulk.json"
done
NEO4J_LOCAL_PORT=$bulk_port bash scripts/neo4j-local.sh stop
bulk_port=""

step "Python libraries that check our formats and metrics (scripts/pyenv.sh)"
# followthemoney, networkx and stix2 read our exports in graph/exchange's
# tests, and NetworkX recomputes /api/metrics in web's; the Go tests run
# the python named by ACTORGRAPH_PYTHON. The virtualenv is cached, so this
# costs nothing after the first run; if it cannot be built, make test fails.
ACTORGRAPH_PYTHON=$(bash scripts/pyenv.sh)
export ACTORGRAPH_PYTHON
"$ACTORGRAPH_PYTHON" -c 'import followthemoney, networkx, stix2'

step "go test -race ./... (Neo4j at $NEO4J_URI)"
go test -race -count=1 -timeout 30m ./...


step "docker-compose config"
if command -v docker-compose >/dev/null 2>&1; then
  # .env.example leaves the access token empty: compose must refuse to
  # start the app, naming the variable. (The shell's own ACTORGRAPH_TOKEN,
  # which compose would prefer, is kept out.)
  if out=$(env -u ACTORGRAPH_TOKEN docker-compose --env-file .env.example -f docker-compose.yml config -q 2>&1); then
    echo "docker-compose accepted .env.example without an access token" >&2
    exit 1
  elif ! grep -q 'ACTORGRAPH_TOKEN' <<<"$out"; then
    echo "$out" >&2
    echo "docker-compose refused .env.example, but not for want of ACTORGRAPH_TOKEN" >&2
    exit 1
  fi
  # With a token in .env the file is valid and the app gets that token.
  compose_env="$cache/compose.env"
  sed "s/^ACTORGRAPH_TOKEN=.*/ACTORGRAPH_TOKEN=$ACTORGRAPH_E2E_TOKEN/" .env.example >"$compose_env"
  env -u ACTORGRAPH_TOKEN docker-compose --env-file "$compose_env" -f docker-compose.yml config -q
  if ! env -u ACTORGRAPH_TOKEN docker-compose --env-file "$compose_env" -f docker-compose.yml config | grep -q "ACTORGRAPH_TOKEN: $ACTORGRAPH_E2E_TOKEN"; then
    echo "docker-compose does not pass ACTORGRAPH_TOKEN from .env to the app" >&2
    exit 1
  fi
  echo "docker-compose.yml is valid, requires ACTORGRAPH_TOKEN and passes it to the app"
elif [ "${CI:-}" = true ]; then
  echo "docker-compose is not installed (apt-get install docker-compose)" >&2
  exit 1
else
  echo "SKIPPED: docker-compose not installed"
fi

step "all tests passed"
