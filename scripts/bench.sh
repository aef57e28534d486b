#!/usr/bin/env bash
# make bench: every benchmark the issues ask for, side by side in one run,
# printed as tables. Sections (all by default; BENCH_ONLY picks some,
# comma-separated):
#
#   embedded   the embedded store at BENCH_NODES / BENCH_RELS (1M / 5M)
#   cypher     Cypher parse + plan; the two-hop question (BENCH_NODES /
#              BENCH_RELS) and the corpus queries (CORPUS_NODES /
#              CORPUS_RELS, 100k / 500k), embedded vs Neo4j
#   http       the HTTP API on both stores over the same generated graph
#              (HTTP_NODES / HTTP_RELS, 100k / 500k) with wrk, beside
#              hand-written Cypher through the driver; and the load of
#              that graph with `actorgraph load --store neo4j`
#   soak       60 s at 64 connections against `actorgraph serve` on the
#              embedded store over the HTTP_NODES / HTTP_RELS graph: a mix
#              of calls with 5% hostile ones (tools/soak); statuses, cheap
#              calls' p50/p99, the server's peak resident memory
#   loadmem    `actorgraph serve --seeds export.json` at HTTP_NODES /
#              HTTP_RELS and at BENCH_NODES / BENCH_RELS: the server's
#              peak resident memory while it loads, the store's heap
#              once loaded, their ratio, and the time to first answer
#   loader     `actorgraph load --store neo4j` of a LOADER_RELS (1M)
#              relationship export into a freshly started local Neo4j,
#              then again into the same server emptied (a warm JVM)
#
# Each Neo4j section starts its own local server with an empty database
# (scripts/neo4j-local.sh) on BENCH_NEO4J_PORT.
#
#   BENCH_ONLY=http make bench
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
nodes=${BENCH_NODES:-1000000}
rels=${BENCH_RELS:-5000000}
corpus_nodes=${CORPUS_NODES:-100000}
corpus_rels=${CORPUS_RELS:-500000}
http_nodes=${HTTP_NODES:-100000}
http_rels=${HTTP_RELS:-500000}
loader_rels=${LOADER_RELS:-1000000}
only=${BENCH_ONLY:-embedded,cypher,http,soak,loadmem,loader}
port=${BENCH_NEO4J_PORT:-7799}
cache="$root/.cache/bench"
mkdir -p "$cache"
export NEO4J_LOCAL_PORT=$port
export NEO4J_LOCAL_DIR="$cache/neo4j-data"
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	bash scripts/neo4j-local.sh stop >/dev/null 2>&1 || true
}
trap cleanup EXIT INT TERM

want() { [[ ",$only," == *",$1,"* ]]; }
fresh_neo4j() { # a newly started server with an empty database
	bash scripts/neo4j-local.sh stop >/dev/null 2>&1 || true
	rm -rf "$NEO4J_LOCAL_DIR"
	bash scripts/neo4j-local.sh start >/dev/null
	export NEO4J_URI="bolt://127.0.0.1:$port"
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
serve() { # serve LOG ARGS...: start actorgraph serve, wait for health; sets url and pid
	local log=$1
	shift
	local p
	p=$(free_port)
	"$cache/actorgraph" serve --addr "127.0.0.1:$p" "$@" >"$log" 2>&1 &
	pid=$!
	pids+=("$pid")
	url="http://127.0.0.1:$p"
	for _ in $(seq 1 600); do
		if curl -fsS "$url/api/health" >/dev/null 2>&1; then
			return 0
		fi
		sleep 0.5
	done
	cat "$log" >&2
	echo "actorgraph serve $* did not come up" >&2
	exit 1
}
# load FILE: time `actorgraph load --store neo4j FILE`, the path users take,
# and print relationships per second.
load() {
	local file=$1 rels=$2 start end
	start=$(date +%s.%N)
	"$cache/actorgraph" load --store neo4j "$file"
	end=$(date +%s.%N)
	python3 -c "import sys; s=$end-$start; print(f'end to end: {s:.1f} s, {$rels/s:,.0f} relationships/s')"
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(go version | cut -d' ' -f3), load average $(cut -d' ' -f1-3 /proc/loadavg)"
go build -o "$cache/actorgraph" ./cmd/actorgraph
go build -o "$cache/httpbench" ./tools/httpbench
go build -o "$cache/soak" ./tools/soak

if want embedded; then
	echo; echo "== embedded store: $nodes nodes / $rels relationships"
	go run ./graph/memstore/cmd/bench -nodes "$nodes" -rels "$rels" -samples 1000
fi

if want cypher; then
	echo; echo "== Cypher parse + plan (graph/cypher)"
	go test ./graph/cypher -run '^$' -bench BenchmarkPrepare -benchmem
	fresh_neo4j
	echo; echo "== two-hop question: direct store call vs Cypher on the embedded store vs Cypher on Neo4j ($nodes / $rels)"
	DIFFTEST_BENCH_NODES=$nodes DIFFTEST_BENCH_RELS=$rels \
		go test ./graph/difftest -run '^$' -bench BenchmarkTwoHop -benchtime 200x -timeout 2h
	echo; echo "== Cypher corpus queries, embedded vs Neo4j ($corpus_nodes / $corpus_rels), load average $(cut -d' ' -f1-3 /proc/loadavg)"
	DIFFTEST_BENCH_NODES=$corpus_nodes DIFFTEST_BENCH_RELS=$corpus_rels \
		go test ./graph/difftest -run '^$' -bench BenchmarkCypher -benchtime 5x -timeout 2h
	echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
fi

if want http; then
	file="$cache/graph-$http_nodes-$http_rels.json"
	[[ -f $file ]] || "$cache/actorgraph" generate -nodes "$http_nodes" -rels "$http_rels" -o "$file"
	fresh_neo4j
	echo; echo "== actorgraph load --store neo4j of $http_nodes nodes / $http_rels relationships (fresh server)"
	load "$file" "$http_rels"
	echo; echo "== the HTTP API on both stores, $http_nodes nodes / $http_rels relationships"
	serve "$cache/serve-embedded.log" --store memory --seeds "$file"
	emb=$url
	serve "$cache/serve-neo4j.log" --store neo4j
	neo=$url
	"$cache/httpbench" -nodes "$http_nodes" -rels "$http_rels" -embedded "$emb" -neo4j "$neo" -bolt "$NEO4J_URI" \
		-duration "${HTTP_DURATION:-10s}" -connections "${HTTP_CONNECTIONS:-1,8}"
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	pids=()
fi

if want soak; then
	file="$cache/graph-$http_nodes-$http_rels.json"
	[[ -f $file ]] || "$cache/actorgraph" generate -nodes "$http_nodes" -rels "$http_rels" -o "$file"
	echo; echo "== soak: the embedded store under 64 connections, $http_nodes nodes / $http_rels relationships"
	serve "$cache/serve-soak.log" --store memory --seeds "$file"
	"$cache/soak" -url "$url" -pid "$pid" -nodes "$http_nodes" -rels "$http_rels" -duration "${SOAK_DURATION:-60s}" -connections 64
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	pids=()
fi

if want loadmem; then
	echo; echo "== serving an export: peak resident memory during the load against the loaded store's heap"
	printf '%-22s %10s %14s %12s %8s\n' graph "ready (s)" "peak RSS (MiB)" "heap (MiB)" ratio
	for size in "$http_nodes $http_rels" "$nodes $rels"; do
		read -r n r <<<"$size"
		file="$cache/graph-$n-$r.json"
		[[ -f $file ]] || "$cache/actorgraph" generate -nodes "$n" -rels "$r" -o "$file" >/dev/null
		t0=$(date +%s.%N)
		serve "$cache/serve-loadmem.log" --store memory --seeds "$file"
		t1=$(date +%s.%N)
		hwm=$(awk '/VmHWM/ {print int($2/1024)}' "/proc/$pid/status")
		heap=$(sed -n 's/.*memory store loaded.*heapMiB=\([0-9]*\).*/\1/p' "$cache/serve-loadmem.log")
		printf '%-22s %10.1f %14d %12d %7.1fx\n' "$n / $r" "$(echo "$t1 - $t0" | bc)" "$hwm" "$heap" "$(echo "$hwm / $heap" | bc -l)"
		for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
		pids=()
	done
fi

if want loader; then
	lnodes=$((loader_rels / 5))
	file="$cache/graph-$lnodes-$loader_rels.json"
	[[ -f $file ]] || "$cache/actorgraph" generate -nodes "$lnodes" -rels "$loader_rels" -o "$file"
	fresh_neo4j
	echo; echo "== actorgraph load --store neo4j of $lnodes nodes / $loader_rels relationships into a freshly started Neo4j"
	load "$file" "$loader_rels"
	bash scripts/neo4j-local.sh empty
	echo; echo "== the same load into the same server, emptied (data, indexes and constraints dropped; JVM warm)"
	load "$file" "$loader_rels"
fi
