package cypher

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
)

var fuzzSeeds = []string{
	"MATCH (n:Country {name: $name})-[r]-(m) RETURN n, r, m LIMIT 50",
	"MATCH p = (a)-[*1..3]->(b) WHERE a.name STARTS WITH 'B' RETURN p, length(p) ORDER BY length(p) DESC SKIP 1 LIMIT 2",
	"MATCH (a:Actor) OPTIONAL MATCH (a)-[:LEADS]->(s) WITH a, count(s) AS c WHERE c > 0 RETURN a.key, c",
	"UNWIND range(1, 5) AS x WITH x WHERE x % 2 = 0 RETURN collect(x), sum(x), avg(x), min(x), max(x)",
	"RETURN [x IN [1, 2, 3] WHERE x > 1 | x * 2], any(x IN [1] WHERE x = 1), reduce(s = 0, x IN [1, 2] | s + x)",
	"MATCH (a), (b) WHERE a.key = 'us' AND b.key = 'cn' MATCH p = shortestPath((a)-[*..5]-(b)) RETURN nodes(p)",
	"RETURN CASE 1 WHEN 1 THEN 'a' ELSE 'b' END, {a: 1, b: [1, 2]}.b[0], 'abc' =~ 'a.*', toUpper(substring('hello', 1, 3))",
	"MATCH (n) WHERE EXISTS { (n)-->() } RETURN labels(n), keys(n), properties(n) UNION ALL MATCH (n) RETURN labels(n), keys(n), properties(n)",
	"MATCH (n) RETURN n {.name, .key, degree: size([(n)--() | 1])} AS m ORDER BY m.name",
	"RETURN 0x1F, 0o17, 1.5e3, .5, -9223372036854775808, '\\u00e9\\n', `weird name`",
	"MATCH (n)-[r]->(m) RETURN type(r), startNode(r) = n, endNode(r) = m, id(n), elementId(r)",
	"MATCH (n /* comment */) // trailing\nRETURN DISTINCT n.name AS name ORDER BY name DESC",
	"MATCH (a:Actor&!(State|Document)) (()-[:LEADS]->()){1,2} (b:%) WHERE b:State|Person RETURN COUNT { (a)--() } AS d, date('2015-09-25')",
	"MATCH (a)-[:LEADS|ACCUSES]->{1,3}(b) WHERE exists((b)-->()) RETURN a, b LIMIT 5",
	"MATCH p = (a {key: 'us'}) ((x:Actor)-[r:!MEETS]->(y) WHERE r.confidence >= 0.5){1,2} (b) RETURN [n IN x | n.key], size(r), p",
	"MATCH p = SHORTEST 2 GROUPS (a:Person)-[:LEADS|ACCUSES]-+(b:State) RETURN p UNION ALL MATCH p = ANY SHORTEST (a)-[*]-(b) RETURN p",
	"MATCH (n) OPTIONAL CALL (n) { MATCH (n)-->(m) RETURN count(m) AS c UNION RETURN 0 AS c } RETURN n.key, c, COLLECT { MATCH (n)<--(k) RETURN k.key }",
	"UNWIND [1, 'a', null, [1]] AS x RETURN x IS :: INTEGER NOT NULL, x IS NOT :: LIST<INTEGER | STRING>, x :: ANY<FLOAT | MAP>",
}

func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		p, err := prepare(q, false)
		if err != nil {
			var ge *graph.Error
			if !errors.As(err, &ge) || ge.Kind != graph.KindInvalid {
				t.Fatalf("%q: error %v is not a KindInvalid *graph.Error", q, err)
			}
			return
		}
		if p.Columns() == nil {
			t.Fatalf("%q: nil columns", q)
		}
	})
}

func FuzzRun(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	g := fixtureGraph(f)
	f.Fuzz(func(t *testing.T, q string) {
		opts := Options{MaxRows: 50, Timeout: 200 * time.Millisecond, HopCap: 4, MaxBuffered: 10000}
		res, err := Run(context.Background(), g, q, map[string]any{"name": "China"}, opts)
		if err != nil {
			if k := graph.KindOf(err); k == graph.KindInternal {
				t.Fatalf("%q: internal error: %v", q, err)
			}
			return
		}
		if len(res.Rows) > opts.MaxRows {
			t.Fatalf("%q: %d rows over the cap", q, len(res.Rows))
		}
		for _, row := range res.Rows {
			if len(row) != len(res.Columns) {
				t.Fatalf("%q: row of %d cells for %d columns", q, len(row), len(res.Columns))
			}
		}
	})
}
