#!/usr/bin/env bash
# make bench: every benchmark the issues ask for, side by side in one run,
# printed as tables. Full size by default (1M nodes / 5M relationships);
# smaller with BENCH_NODES / BENCH_RELS. Neo4j rows need a server: one is
# started here (scripts/neo4j-local.sh) unless NEO4J_URI is set.
#
#   BENCH_NODES=1000000 BENCH_RELS=5000000 make bench
#   LOADER_RELS=1000000        relationships for the Neo4j loader benchmark
set -euo pipefail
cd "$(dirname "$0")/.."
nodes=${BENCH_NODES:-1000000}
rels=${BENCH_RELS:-5000000}
loader_rels=${LOADER_RELS:-1000000}
started=0
cleanup() { if [ "$started" = 1 ]; then bash scripts/neo4j-local.sh stop || true; fi; }
trap cleanup EXIT INT TERM

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(go version | cut -d' ' -f3), load average $(cut -d' ' -f1-3 /proc/loadavg)"

echo; echo "== embedded store: $nodes nodes / $rels relationships"
go run ./graph/memstore/cmd/bench -nodes "$nodes" -rels "$rels" -samples 1000

echo; echo "== Cypher parse + plan (graph/cypher)"
go test ./graph/cypher -run '^$' -bench BenchmarkPrepare -benchmem

if [ -z "${NEO4J_URI:-}" ]; then
  export NEO4J_LOCAL_PORT=${NEO4J_LOCAL_PORT:-7799}
  export NEO4J_LOCAL_DIR=${NEO4J_LOCAL_DIR:-.cache/neo4j-bench}
  rm -rf "$NEO4J_LOCAL_DIR"
  started=1
  bash scripts/neo4j-local.sh start
  export NEO4J_URI="bolt://127.0.0.1:$NEO4J_LOCAL_PORT"
fi

echo; echo "== two-hop question: direct store call vs Cypher on the embedded store vs Cypher on Neo4j ($nodes / $rels)"
DIFFTEST_BENCH_NODES=$nodes DIFFTEST_BENCH_RELS=$rels \
  go test ./graph/difftest -run '^$' -bench BenchmarkTwoHop -benchtime 200x -timeout 2h

echo; echo "== Cypher queries, embedded vs Neo4j ($nodes / $rels)"
DIFFTEST_BENCH_NODES=$nodes DIFFTEST_BENCH_RELS=$rels \
  go test ./graph/difftest -run '^$' -bench BenchmarkCypher -benchtime 5x -timeout 2h

echo; echo "== Neo4j loader: $loader_rels relationships"
NEO4J_BENCH_RELS=$loader_rels go test ./graph/neo4jstore -run '^$' -bench BenchmarkLoad -benchtime 1x -timeout 2h
