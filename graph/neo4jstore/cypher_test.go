package neo4jstore

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/actorgraph/actorgraph/graph"
)

func TestCypherRefusesWrites(t *testing.T) {
	s := mustOpen(t, testConfig(t))
	ctx := context.Background()
	mustLoad(t, s, randomGraph(4, 20, 30))
	before := mustDump(t, s)
	schemaBefore, err := s.Schema(ctx)
	if err != nil {
		t.Fatal(err)
	}
	indexes := func() int64 {
		res, err := s.Cypher(ctx, graph.CypherQuery{Query: "RETURN 1"})
		if err != nil {
			t.Fatal(err)
		}
		_ = res
		recs, err := s.read(ctx, "SHOW INDEXES YIELD name RETURN count(*) AS c", nil)
		if err != nil {
			t.Fatal(err)
		}
		c, _ := recs[0].Get("c")
		return c.(int64)
	}
	indexesBefore := indexes()

	tests := []struct{ name, query, clause string }{
		{"create", "CREATE (n:Person {name: 'x'})", "CREATE"},
		{"create lower case", "create (n:Person)", "CREATE"},
		{"merge", "MERGE (n:Person {key: 'n001'}) RETURN n", "MERGE"},
		{"set", "MATCH (n) SET n.x = 1", "SET"},
		{"delete", "MATCH ()-[r]->() DELETE r", "DELETE"},
		{"detach delete", "MATCH (n) DETACH DELETE n", "DETACH DELETE"},
		{"remove", "MATCH (n) REMOVE n.name", "REMOVE"},
		{"foreach", "MATCH (n) FOREACH (x IN [1] | SET n.y = x)", "FOREACH"},
		{"write procedure", "CALL db.createLabel('X')", "CALL db.createLabel"},
		{"write procedure yield", "CALL db.createProperty('p') YIELD *", "CALL db.createProperty"},
		{"dbms procedure", "CALL dbms.listConfig()", "CALL dbms.listConfig"},
		{"load csv", "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line", "LOAD CSV"},
		{"create index", "CREATE INDEX x FOR (n:Person) ON (n.name)", "CREATE"},
		{"drop constraint", "DROP CONSTRAINT actorgraph_node_id", "DROP"},
		{"show", "SHOW INDEXES", "SHOW"},
		{"use", "USE system MATCH (n) RETURN n", "USE"},
		{"subquery write", "MATCH (n) CALL { WITH n CREATE (m) } RETURN n", "CREATE"},
		{"in transactions", "MATCH (n) CALL { WITH n DELETE n } IN TRANSACTIONS", "DELETE"},
		{"comment hides nothing", "MATCH (n) /* harmless */ DETACH DELETE n", "DETACH DELETE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.Cypher(ctx, graph.CypherQuery{Query: tt.query})
			var ge *graph.Error
			if !asError(err, &ge) || ge.Kind != graph.KindInvalid {
				t.Fatalf("got %v, want a KindInvalid *graph.Error", err)
			}
			if !strings.Contains(ge.Message, tt.clause) {
				t.Errorf("message %q does not name %q", ge.Message, tt.clause)
			}
		})
	}
	diff(t, "dump after refused queries", mustDump(t, s), before)
	schemaAfter, err := s.Schema(ctx)
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "schema after refused queries", schemaAfter, schemaBefore)
	diff(t, "index count after refused queries", indexes(), indexesBefore)
}

// TestCypherPlanCheck checks the second line of defence alone, without
// the token scan: the EXPLAIN statement type and plan.
func TestCypherPlanCheck(t *testing.T) {
	s := mustOpen(t, testConfig(t))
	ctx := context.Background()
	mustLoad(t, s, randomGraph(6, 10, 10))
	before := mustDump(t, s)
	for _, q := range []string{
		"CREATE (n:Person {name: 'x'})",
		"MERGE (n:Person {key: 'n001'}) RETURN n",
		"MATCH (n) SET n.x = 1",
		"MATCH (n) DETACH DELETE n",
		"CALL db.createLabel('X')",
		"CALL dbms.listConfig()",
		"LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
		"CREATE INDEX x FOR (n:Person) ON (n.name)",
		"DROP CONSTRAINT actorgraph_node_id",
	} {
		_, err := s.explainAndRun(ctx, q, nil, 10, 5*time.Second, time.Now())
		if graph.KindOf(err) != graph.KindInvalid {
			t.Errorf("%s: got %v, want KindInvalid", q, err)
		}
	}
	diff(t, "dump", mustDump(t, s), before)

	// The third line: a read-mode transaction, as the store runs user
	// queries in, refuses writes on its own.
	err := s.readSession(ctx, func(sess neo4j.SessionWithContext) error {
		res, err := sess.Run(ctx, "CREATE (n:Person)", nil)
		if err != nil {
			return err
		}
		_, err = res.Consume(ctx)
		return err
	})
	if err == nil {
		t.Error("a read transaction wrote")
	}
	diff(t, "dump after read-mode write", mustDump(t, s), before)

	// Names that look like clauses pass the scan and run.
	for _, q := range []string{
		"MATCH (n) WHERE n.set = 1 RETURN n.create AS create",
		"RETURN 'CREATE (n)' AS s, \"DELETE\" AS d // MERGE",
		"MATCH (n:`CREATE`) RETURN n",
		"RETURN {load: 1, set: 2} AS m",
		"CALL db.labels() YIELD label RETURN label",
		"CALL db.relationshipTypes()",
		"CALL db.propertyKeys()",
		"CALL db.schema.visualization()",
		"MATCH (n) CALL { WITH n RETURN count(*) AS c } RETURN c",
	} {
		if _, err := s.Cypher(ctx, graph.CypherQuery{Query: q}); err != nil {
			t.Errorf("%s: %v", q, err)
		}
	}
}

func TestCypherResults(t *testing.T) {
	s := mustOpen(t, testConfig(t))
	ctx := context.Background()
	g := randomGraph(5, 20, 40)
	mustLoad(t, s, g)
	r0 := g.Relationships[0]

	res, err := s.Cypher(ctx, graph.CypherQuery{
		Query:  "MATCH (a {id: $start})-[r {id: $rel}]->(b) RETURN r, a.key AS key, 1 AS one, 1.5 AS f, true AS t, null AS nothing, [1, 'x'] AS list, {k: 'v'} AS map, date('2015-09-25') AS d",
		Params: map[string]any{"start": r0.Start, "rel": r0.ID},
	})
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "columns", res.Columns, []string{"r", "key", "one", "f", "t", "nothing", "list", "map", "d"})
	if len(res.Rows) != 1 {
		t.Fatalf("rows: %v", res.Rows)
	}
	want := canon(graph.Graph{Relationships: []graph.Relationship{r0}}).Relationships[0]
	diff(t, "relationship cell", res.Rows[0][0], want)
	diff(t, "plain cells", res.Rows[0][1:], []any{g.Nodes[keyIndex(g, r0.Start)].Key, int64(1), 1.5, true, nil, []any{int64(1), "x"}, map[string]any{"k": "v"}, "2015-09-25"})
	// The graph holds the relationship and both its ends, though no cell
	// showed the nodes.
	diff(t, "graph relationships", res.Graph.Relationships, []graph.Relationship{want})
	if len(res.Graph.Nodes) != 2 && r0.Start != r0.End {
		t.Errorf("graph nodes: %v", res.Graph.Nodes)
	}
	diff(t, "stats rows", res.Stats.Rows, 1)

	// Nodes and paths.
	res, err = s.Cypher(ctx, graph.CypherQuery{Query: "MATCH p = (a)-[r]->(b) WHERE r.id = $id RETURN p, a", Params: map[string]any{"id": r0.ID}})
	if err != nil {
		t.Fatal(err)
	}
	p, ok := res.Rows[0][0].(graph.Path)
	if !ok || p.Length != 1 || p.Relationships[0].ID != r0.ID || p.Nodes[0].ID != r0.Start {
		t.Errorf("path cell: %#v", res.Rows[0][0])
	}
	n, ok := res.Rows[0][1].(graph.Node)
	wantNode := canon(graph.Graph{Nodes: []graph.Node{g.Nodes[keyIndex(g, r0.Start)]}}).Nodes[0]
	if !ok {
		t.Fatalf("node cell: %#v", res.Rows[0][1])
	}
	diff(t, "node cell", n, wantNode)

	// The row cap.
	res, err = s.Cypher(ctx, graph.CypherQuery{Query: "UNWIND range(1, 100) AS x RETURN x", MaxRows: 10})
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "capped rows", len(res.Rows), 10)
	diff(t, "truncated", res.Stats.Truncated, true)
	res, err = s.Cypher(ctx, graph.CypherQuery{Query: "UNWIND range(1, 10) AS x RETURN x", MaxRows: 10})
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "rows at the cap", len(res.Rows), 10)
	diff(t, "not truncated", res.Stats.Truncated, false)
}

func TestCypherErrors(t *testing.T) {
	s := mustOpen(t, testConfig(t))
	ctx := context.Background()
	tests := []struct {
		name, query string
		code        string
		line, col   int
	}{
		{"syntax", "MATCH (n RETURN n", "Neo.ClientError.Statement.SyntaxError", 1, 10},
		{"syntax line 2", "MATCH (n)\nRETURN m", "Neo.ClientError.Statement.SyntaxError", 2, 8},
		{"empty", "  ", "", 0, 0},
		{"too long", "RETURN '" + strings.Repeat("x", MaxQueryBytes) + "'", "", 0, 0},
		{"unterminated string", "RETURN 'abc", "", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.Cypher(ctx, graph.CypherQuery{Query: tt.query})
			var ge *graph.Error
			if !asError(err, &ge) || ge.Kind != graph.KindInvalid {
				t.Fatalf("got %v, want KindInvalid", err)
			}
			diff(t, "code", ge.Code, tt.code)
			diff(t, "line", ge.Line, tt.line)
			diff(t, "column", ge.Column, tt.col)
			if ge.Message == "" {
				t.Error("no message")
			}
		})
	}
	// Timeouts are the conformance suite's (graphtest's Timeouts).
}

func keyIndex(g graph.Graph, id string) int {
	for i, n := range g.Nodes {
		if n.ID == id {
			return i
		}
	}
	return -1
}
