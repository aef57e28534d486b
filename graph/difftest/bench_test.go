package difftest

import (
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/internal/neo4jlock"
)

// envInt reads a positive integer from the environment, else def.
func envInt(tb testing.TB, name string, def int) int {
	s := os.Getenv(name)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 {
		tb.Fatalf("%s=%q: want a positive integer", name, s)
	}
	return n
}

// BenchmarkCypher runs the generated corpus's "# bench" queries on both
// stores, as BenchmarkCypher/{embedded,neo4j}/<query>, over a generated
// graph of DIFFTEST_BENCH_NODES nodes and DIFFTEST_BENCH_RELS
// relationships (default 2,000 and 8,000, the size the corpus was written
// for; make bench passes bigger ones). Without NEO4J_URI only the
// embedded side runs. rows/op is reported so that two stores answering
// differently stand out even here.
func BenchmarkCypher(b *testing.B) {
	nodes := envInt(b, "DIFFTEST_BENCH_NODES", 2000)
	rels := envInt(b, "DIFFTEST_BENCH_RELS", 8000)
	all, err := readCorpus("testdata/generated.cypher")
	if err != nil {
		b.Fatal(err)
	}
	var qs []query
	for _, q := range all {
		if q.Bench {
			qs = append(qs, q)
		}
	}
	g := generatedGraph(nodes, rels)
	emb := newEmbedded(b, g)
	b.Logf("graph: %d nodes, %d relationships", len(g.Nodes), len(g.Relationships))
	stores := []struct {
		name string
		r    graph.CypherRunner
	}{{"embedded", emb}}
	if uri := os.Getenv("NEO4J_URI"); uri != "" {
		neo4jlock.Lock(b)
		neo := openNeo4j(b, uri)
		resetNeo4j(b, uri, neo, g)
		stores = append(stores, struct {
			name string
			r    graph.CypherRunner
		}{"neo4j", neo})
	} else {
		b.Log("NEO4J_URI is not set: benchmarking the embedded store only")
	}
	for _, s := range stores {
		for _, q := range qs {
			b.Run(s.name+"/"+q.Name, func(b *testing.B) {
				// One untimed run first, as a user's second query: Neo4j
				// plans and caches a query text on its first run, and
				// both stores warm their caches. b.Loop starts the clock.
				if o := runFor(s.r, q, 10*time.Minute); o.Err != nil {
					b.Fatalf("%s: %v", q.Query, o.Err)
				}
				rows := 0
				for b.Loop() {
					o := runFor(s.r, q, 10*time.Minute) // big graphs take their time

					if o.Err != nil {
						b.Fatalf("%s: %v", q.Query, o.Err)
					}
					rows = len(o.Res.Rows)
				}
				b.ReportMetric(float64(rows), "rows/op")
			})
		}
	}
}
