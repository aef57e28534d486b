package difftest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/internal/neo4jlock"
	"github.com/actorgraph/actorgraph/graph/memstore"
)

// twoHopQuery asks Cypher the question a depth-2 neighbourhood answers:
// which nodes lie within two hops of a start node. Each store gets the
// start node from its own key index: the embedded store serves a key
// lookup on any node; Neo4j's unique key constraint is on the internal
// :_Node label that neo4jstore puts on every node, and without that label
// Neo4j would scan all nodes.
const (
	twoHopQuery      = "MATCH (a {key: $key})-[*1..2]-(b) RETURN count(DISTINCT b) AS n"
	twoHopQueryNeo4j = "MATCH (a:_Node {key: $key})-[*1..2]-(b) RETURN count(DISTINCT b) AS n"
)

// BenchmarkTwoHop asks one two-hop question three ways over the same
// generated graph (DIFFTEST_BENCH_NODES, DIFFTEST_BENCH_RELS), cycling
// through the same 64 start nodes: "direct" is the embedded store's
// Neighborhood call, "embedded" the Cypher query on the embedded store,
// "neo4j" the Cypher query on the local Neo4j (when NEO4J_URI is set).
// nodes/op is reported for each so that the three can be seen to answer
// the same question. The target is embedded ≤ 2× direct.
func BenchmarkTwoHop(b *testing.B) {
	nodes := envInt(b, "DIFFTEST_BENCH_NODES", 2000)
	rels := envInt(b, "DIFFTEST_BENCH_RELS", 8000)
	g := generatedGraph(nodes, rels)
	limits := graph.DefaultLimits()
	limits.MaxNeighborhood = nodes
	m := memstore.New(limits)
	ctx := context.Background()
	if _, err := m.Load(ctx, g); err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(7, 11))
	keys := make([]string, 64)
	for i := range keys {
		keys[i] = fmt.Sprintf("n%d", rng.IntN(nodes))
	}
	report := func(b *testing.B, total, calls int) {
		b.ReportMetric(float64(total)/float64(max(calls, 1)), "nodes/op")
	}
	b.Run("direct", func(b *testing.B) {
		total, i := 0, 0
		for b.Loop() {
			nb, err := m.Neighborhood(ctx, graph.NodeID(keys[i%len(keys)]), graph.NeighborhoodQuery{Depth: 2, Limit: nodes})
			if err != nil {
				b.Fatal(err)
			}
			total += len(nb.Nodes) - 1 // not the start node
			i++
		}
		report(b, total, i)
	})
	cypherRun := func(r graph.CypherRunner, query string) func(b *testing.B) {
		return func(b *testing.B) {
			total, i := 0, 0
			for b.Loop() {
				res, err := r.Cypher(ctx, graph.CypherQuery{Query: query, Params: map[string]any{"key": keys[i%len(keys)]}})
				if err != nil {
					b.Fatal(err)
				}
				n, _ := res.Rows[0][0].(int64)
				total += int(n)
				i++
			}
			report(b, total, i)
		}
	}
	b.Run("embedded", cypherRun(m, twoHopQuery))
	if uri := os.Getenv("NEO4J_URI"); uri != "" {
		neo4jlock.Lock(b)
		neo := openNeo4j(b, uri)
		resetNeo4j(b, uri, neo, g)
		b.Run("neo4j", cypherRun(neo, twoHopQueryNeo4j))
	} else {
		b.Log("NEO4J_URI is not set: no neo4j row")
	}
}
