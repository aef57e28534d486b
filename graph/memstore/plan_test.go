package memstore_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/memstore"
	"github.com/actorgraph/actorgraph/graph/seed"
	"github.com/actorgraph/actorgraph/seeds"
)

var update = flag.Bool("update", false, "rewrite the golden plans in testdata/plans/")

// explorerQueries are the queries the explorer itself sends: the viewer's
// examples (web/ui/src/queries.js, whose test checks that each has a plan
// here) and the explorer's neighbourhood, filter, aggregate and path
// queries (graph/cypher's BenchmarkPrepare). index names an index that
// the plan must use: losing it fails the test even before the golden
// comparison.
var explorerQueries = []struct {
	name   string
	query  string
	params map[string]any
	index  string
}{
	{"example-spies-on", "MATCH (a:Actor)-[r:SPIES_ON]->(b:Actor)\nRETURN a, r, b", nil, "label Actor"},
	{"example-authored", "MATCH (p:Person {key: $author})-[r:AUTHORED]->(d:Document)\nRETURN p, r, d", map[string]any{"author": "greg-austin"}, "unique node key"},
	{"example-paths", "MATCH p = (a:Actor {key: 'united-states'})-[*1..3]-(b:Actor {key: 'china'})\nRETURN p\nLIMIT 10", nil, "unique node key"},
	{"example-conflict", "MATCH (a)-[r]->(b)\nWHERE r.polarity = 'conflict'\nRETURN a.name AS from, type(r) AS relation, b.name AS to, r.claim AS claim\nORDER BY from", nil, ""},
	{"example-kinds", "MATCH (n:Actor)\nUNWIND labels(n) AS label\nWITH label, count(*) AS actors\nWHERE label <> 'Actor'\nRETURN label, actors\nORDER BY actors DESC", nil, "label Actor"},
	{"neighbourhood", "MATCH (n:Country {name: $name})-[r]-(m) RETURN n, r, m LIMIT 50", map[string]any{"name": "China"}, "node name"},
	{"neighbourhood-by-key", "MATCH (n:Actor {key: $key})-[r]-(m) RETURN n, r, m LIMIT 50", map[string]any{"key": "china"}, "unique node key"},
	{"filtered", "MATCH (a:Actor)-[r:ACCUSES|DENIES]->(b:Actor) WHERE r.confidence >= 0.5 AND a.name CONTAINS $q RETURN a.name, type(r), b.name ORDER BY a.name LIMIT 100", map[string]any{"q": "a"}, "label Actor"},
	{"aggregate", "MATCH (d:Document)-[:MENTIONS]->(a:Actor) WITH a, count(d) AS mentions WHERE mentions > 1 RETURN a.name AS name, mentions ORDER BY mentions DESC LIMIT 20", nil, "label Document"},
	{"path", "MATCH (a {key: $from}), (b {key: $to}), p = shortestPath((a)-[*..6]-(b)) RETURN p", map[string]any{"from": "united-states", "to": "china"}, "unique node key"},
	{"name-prefix", "MATCH (n:Actor) WHERE n.name STARTS WITH $p RETURN n.key ORDER BY n.key", map[string]any{"p": "Ch"}, "node name"},
	{"count-by-type", "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY type", nil, "counts"},
	{"degree-top", "MATCH (n)-[r]-() RETURN n.key AS key, count(r) AS degree ORDER BY degree DESC, key LIMIT 10", nil, ""},
}

// TestExplorerPlans pins the plan shape (operators, what they do, the
// indexes they use; not the estimates) of the explorer's own queries on
// the article graph, and checks that PROFILE counts what the run returns.
func TestExplorerPlans(t *testing.T) {
	t.Parallel()
	g, err := seed.ReadFS(seeds.Files(), "seeds")
	if err != nil {
		t.Fatal(err)
	}
	s := memstore.New(graph.DefaultLimits())
	if _, err := s.Load(t.Context(), g); err != nil {
		t.Fatal(err)
	}
	for _, tc := range explorerQueries {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			plain, err := s.Cypher(t.Context(), graph.CypherQuery{Query: tc.query, Params: tc.params})
			if err != nil {
				t.Fatal(err)
			}
			if plain.Plan != nil {
				t.Errorf("a plain query came back with a plan")
			}
			ex, err := s.Cypher(t.Context(), graph.CypherQuery{Query: "EXPLAIN " + tc.query, Params: tc.params})
			if err != nil {
				t.Fatal(err)
			}
			if ex.Plan == nil || ex.Plan.Mode != "EXPLAIN" || len(ex.Rows) != 0 {
				t.Fatalf("EXPLAIN: plan %v, %d rows; want a plan and no rows", ex.Plan, len(ex.Rows))
			}
			if strings.Join(ex.Columns, ",") != strings.Join(plain.Columns, ",") {
				t.Errorf("EXPLAIN columns %v, want %v", ex.Columns, plain.Columns)
			}
			pr, err := s.Cypher(t.Context(), graph.CypherQuery{Query: "PROFILE\n" + tc.query, Params: tc.params})
			if err != nil {
				t.Fatal(err)
			}
			if pr.Plan == nil || pr.Plan.Mode != "PROFILE" {
				t.Fatalf("PROFILE: no plan")
			}
			if len(pr.Rows) != len(plain.Rows) {
				t.Errorf("PROFILE returned %d rows, the plain run %d", len(pr.Rows), len(plain.Rows))
			}
			root := pr.Plan.Root
			if root.Operator != "ProduceResults" || root.Rows == nil || *root.Rows != int64(len(plain.Rows)) {
				t.Errorf("PROFILE root %s counted %v rows, want ProduceResults with %d", root.Operator, root.Rows, len(plain.Rows))
			}
			checkProfile(t, root, false)
			shape := planShape(ex.Plan.Root, 0, nil)
			if got := planShape(pr.Plan.Root, 0, nil); got != shape {
				t.Errorf("PROFILE and EXPLAIN plans differ:\n%s\nvs\n%s", got, shape)
			}
			if tc.index != "" && !strings.Contains(shape, "["+tc.index+"]") {
				t.Errorf("the plan does not use the %s index:\n%s", tc.index, shape)
			}
			golden(t, filepath.Join("testdata", "plans", tc.name+".txt"), "# "+strings.ReplaceAll(tc.query, "\n", "\n# ")+"\n"+shape)
		})
	}
}

// checkProfile: every operator of a PROFILE has a row count, but for
// those the run does not count apart (an Argument, and the ends a
// shortest path starts from), and times are never negative.
func checkProfile(t *testing.T, op graph.PlanOperator, endsOfShortest bool) {
	t.Helper()
	if op.Rows == nil && op.Operator != "Argument" && !endsOfShortest {
		t.Errorf("%s %s: no row count", op.Operator, op.Details)
	}
	if op.TimeMs != nil && *op.TimeMs < 0 {
		t.Errorf("%s: time %v", op.Operator, *op.TimeMs)
	}
	for _, c := range op.Children {
		checkProfile(t, c, endsOfShortest || op.Operator == "ShortestPath")
	}
}

func planShape(op graph.PlanOperator, depth int, b *strings.Builder) string {
	if b == nil {
		b = &strings.Builder{}
	}
	fmt.Fprintf(b, "%s%s", strings.Repeat("  ", depth), op.Operator)
	if op.Details != "" {
		fmt.Fprintf(b, " %s", op.Details)
	}
	if op.Index != "" {
		fmt.Fprintf(b, " [%s]", op.Index)
	}
	b.WriteByte('\n')
	for _, c := range op.Children {
		planShape(c, depth+1, b)
	}
	return b.String()
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run TestExplorerPlans -update)", err)
	}
	if string(want) != got {
		t.Errorf("plan of %s changed:\n--- want\n%s--- got\n%s", path, want, got)
	}
}
