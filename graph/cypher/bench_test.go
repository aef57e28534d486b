package cypher

import (
	"context"
	"testing"
)

var explorerQueries = map[string]string{
	"neighbourhood": "MATCH (n:Country {name: $name})-[r]-(m) RETURN n, r, m LIMIT 50",
	"filtered":      "MATCH (a:Actor)-[r:ACCUSES|DENIES]->(b:Actor) WHERE r.confidence >= 0.5 AND a.name CONTAINS $q RETURN a.name, type(r), b.name ORDER BY a.name LIMIT 100",
	"aggregate":     "MATCH (d:Document)-[:MENTIONS]->(a:Actor) WITH a, count(d) AS mentions WHERE mentions > 1 RETURN a.name AS name, mentions ORDER BY mentions DESC LIMIT 20",
	"path":          "MATCH (a {key: $from}), (b {key: $to}), p = shortestPath((a)-[*..6]-(b)) RETURN p",
}

// BenchmarkPrepare measures parse + semantic check + plan (target ≤ 50 µs).
func BenchmarkPrepare(b *testing.B) {
	for name, q := range explorerQueries {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Prepare(q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRunNeighbourhood runs a typical explorer query on a chain of
// 10,000 nodes.
func BenchmarkRunNeighbourhood(b *testing.B) {
	g := chain(b, 10000)
	p, err := Prepare("MATCH (n:N {i: $i})-[r]-(m) RETURN n, r, m LIMIT 50")
	if err != nil {
		b.Fatal(err)
	}
	params := map[string]any{"i": 5000}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Run(context.Background(), g, params, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// randomGraph builds n Actor nodes with names and about 5n relationships
// of three types, deterministically.
func randomGraph(b testing.TB, n int) *memGraph {
	g := &memGraph{}
	for i := range n {
		labels := []string{"Actor"}
		if i%10 == 0 {
			labels = append(labels, "Country")
		}
		g.createNode(labels, map[string]any{"key": "k" + itoa(i), "name": "Name " + itoa(i), "score": int64(i % 97)})
	}
	types := []string{"ALLY", "RIVAL", "MENTIONS"}
	x := uint64(42)
	for i := range 5 * n {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		g.createRel(types[i%3], NodeRef(x%uint64(n)), NodeRef((x>>20)%uint64(n)), map[string]any{"w": int64(i % 10)})
	}
	return g
}

func itoa(i int) string {
	return string(appendKey(nil, int64(i))[1:])
}

func BenchmarkRunExplorer(b *testing.B) {
	g := randomGraph(b, 10000)
	queries := map[string]string{
		"neighbourhood":    "MATCH (n:Country {name: 'Name 500'})-[r]-(m) RETURN n, r, m LIMIT 50",
		"two hops":         "MATCH (n {key: 'k42'})-[*1..2]-(m) RETURN DISTINCT m.key LIMIT 200",
		"degree top10":     "MATCH (n:Country)-[r]-() RETURN n.name, count(r) AS d ORDER BY d DESC LIMIT 10",
		"shortest path":    "MATCH (a {key: 'k1'}), (b {key: 'k9999'}) MATCH p = shortestPath((a)-[*..6]-(b)) RETURN length(p)",
		"filter sort":      "MATCH (a:Actor)-[r:ALLY]->(b) WHERE r.w > 7 AND a.score < 10 RETURN a.name, b.name ORDER BY a.name LIMIT 25",
		"shortest keyword": "MATCH (a {key: 'k1'}), (b {key: 'k9999'}) MATCH p = ALL SHORTEST (a)-[*..6]-(b) RETURN count(p)",
		"qpp group":        "MATCH (a {key: 'k42'}) ((x)-[r:ALLY]->(y) WHERE r.w > 4){1,3} (b) RETURN b.key, size(x) LIMIT 200",
		"call subquery":    "MATCH (n:Country) WHERE n.score < 20 CALL { WITH n MATCH (n)-->(m) RETURN count(m) AS out } RETURN n.key, out",
	}
	for name, q := range queries {
		p, err := Prepare(q)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := p.Run(context.Background(), g, nil, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
