package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/gen"
)

// scanOperators are the plan operators that read the whole graph (or
// every relationship of a type) where an index seek or an expansion from
// a found node should serve.
var scanOperators = []string{
	"AllNodesScan", "DirectedAllRelationshipsScan", "UndirectedAllRelationshipsScan",
	"DirectedRelationshipTypeScan", "UndirectedRelationshipTypeScan",
}

// allowedScans are the statements that read everything by definition.
var allowedScans = map[string]string{
	dumpNodes:     "Dump exports the whole graph",
	dumpRels:      "Dump exports the whole graph",
	backfillQuery: "runs once, on a database written before the search properties existed",
}

// TestNoScans makes every kind of call the store has, on a generated
// graph large enough for Neo4j's planner to prefer an index wherever one
// exists, records every statement the store sends (reads, writes of the
// loader, users' Cypher), then EXPLAINs each and fails on a whole-graph
// scan: AllNodesScan, a NodeByLabelScan of the internal label (every
// node), or a scan of all relationships.
func TestNoScans(t *testing.T) {
	cfg := testConfig(t)
	cfg.BatchSize = 2000
	s := mustOpen(t, cfg)
	ctx := context.Background()
	type stmt struct {
		query  string
		params map[string]any
	}
	var mu sync.Mutex
	var stmts []stmt
	seen := map[string]bool{}
	s.trace = func(q string, p map[string]any) {
		mu.Lock()
		defer mu.Unlock()
		if !seen[q] {
			seen[q] = true
			stmts = append(stmts, stmt{q, clipRows(p)})
		}
	}

	g := gen.PreferentialAttachment(5000, 20000, 3)
	mustLoad(t, s, g) // a first load: CREATE statements
	g.Nodes[1].Labels = []string{graph.LabelActor}
	g.Relationships[2].End = g.Nodes[7].ID
	mustLoad(t, s, g) // a reload: matching, label removal, replaced ties
	s.alwaysSafe = true
	mustLoad(t, s, graph.Graph{Nodes: g.Nodes[:10], Relationships: g.Relationships[:10]}) // the retry forms
	s.alwaysSafe = false
	if _, err := s.Load(ctx, graph.Graph{Relationships: []graph.Relationship{{ID: graph.RelID("x", "LEADS", "y", ""), Type: "LEADS", Start: g.Nodes[3].ID, End: g.Nodes[4].ID}}}); err != nil {
		t.Fatal(err) // a load that refers to stored nodes only
	}

	a, b := g.Nodes[10], g.Nodes[4321]
	calls := []func() error{
		func() error { _, err := s.Node(ctx, a.ID); return err },
		func() error { _, err := s.NodeByKey(ctx, a.Key); return err },
		func() error { return s.Ping(ctx) },
		func() error { _, err := s.Schema(ctx); return err },
		func() error { _, err := s.Subgraph(ctx, []string{a.ID, b.Key}); return err },
		func() error { _, err := s.Dump(ctx, 1_000_000); return err },
	}
	for _, q := range []graph.SearchQuery{
		{}, {Labels: []string{"Person"}}, {Labels: []string{graph.LabelActor}}, {Text: a.Name()}, {Text: a.Name()[:3]},
		{Text: "qqqzz"}, {Text: "a", Labels: []string{"Company"}},
	} {
		calls = append(calls, func() error { _, err := s.Search(ctx, q); return err })
	}
	for _, q := range []graph.NeighborhoodQuery{
		{}, {Depth: 2, Limit: 50}, {Depth: 3, Direction: graph.Outgoing}, {Depth: 2, Types: []string{"SPIES_ON", "RIVALS"}, AsOf: "2001"},
	} {
		calls = append(calls, func() error { _, err := s.Neighborhood(ctx, a.Key, q); return err })
	}
	for _, q := range []graph.PathQuery{{K: 1}, {K: 10}, {K: 10, Types: []string{"SPIES_ON", "MEMBER_OF"}, Direction: graph.Incoming}} {
		q.From, q.To = a.Key, b.ID
		calls = append(calls, func() error { _, err := s.Paths(ctx, q); return err })
	}
	for _, c := range []graph.CypherQuery{
		{Query: "MATCH (n:Actor {key: $k}) RETURN n", Params: map[string]any{"k": a.Key}},
		{Query: "MATCH (n:Person {name: $n}) RETURN n.key", Params: map[string]any{"n": a.Name()}},
		{Query: "MATCH (n:_Node {id: $id})-[r]-(m) RETURN r", Params: map[string]any{"id": a.ID}},
	} {
		calls = append(calls, func() error { _, err := s.Cypher(ctx, c); return err })
	}
	// The walk in name order, which only common texts take on a graph
	// this size.
	calls = append(calls, func() error {
		s.searchCap = 2
		defer func() { s.searchCap = defaultSearchCap }()
		_, err := s.Search(ctx, graph.SearchQuery{Text: "a"})
		return err
	})
	for i, call := range calls {
		if err := call(); err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
	}
	s.trace = nil

	if len(stmts) < 20 {
		t.Fatalf("only %d statements were recorded; the trace hook is not on every path", len(stmts))
	}
	for _, st := range stmts {
		if why, ok := allowedScans[st.query]; ok {
			t.Logf("allowed to scan (%s): %s", why, oneLine(st.query))
			continue
		}
		query := strings.TrimPrefix(st.query, explainPrefix)
		plan, err := s.explain(ctx, query, st.params)
		if err != nil {
			t.Errorf("EXPLAIN %s: %v", oneLine(query), err)
			continue
		}
		if op := findScan(plan); op != "" {
			t.Errorf("whole-graph scan %s in the plan of:\n%s\nplan:\n%s", op, query, planText(plan, 0))
		}
	}
	t.Logf("%d statements explained", len(stmts))
}

// explain plans a statement in a write transaction (the loader's
// statements write; EXPLAIN runs nothing).
func (s *Store) explain(ctx context.Context, query string, params map[string]any) (neo4j.Plan, error) {
	sess := s.session(ctx, neo4j.AccessModeWrite)
	plan, err := neo4j.ExecuteWrite(ctx, sess, func(tx neo4j.ManagedTransaction) (neo4j.Plan, error) {
		res, err := tx.Run(ctx, "EXPLAIN "+query, params)
		if err != nil {
			return nil, err
		}
		sum, err := res.Consume(ctx)
		if err != nil {
			return nil, err
		}
		return sum.Plan(), nil
	})
	return plan, errors.Join(err, sess.Close(ctx))
}

// findScan returns the first whole-graph scan in the plan, or "".
func findScan(p neo4j.Plan) string {
	if p == nil {
		return ""
	}
	op, _, _ := strings.Cut(p.Operator(), "@")
	details, _ := p.Arguments()["Details"].(string)
	if slices.Contains(scanOperators, op) || op == "NodeByLabelScan" && strings.Contains(details, ":"+NodeLabel) {
		return op + " " + details
	}
	for _, c := range p.Children() {
		if s := findScan(c); s != "" {
			return s
		}
	}
	return ""
}

func planText(p neo4j.Plan, depth int) string {
	details, _ := p.Arguments()["Details"].(string)
	out := fmt.Sprintf("%*s%s %s\n", 2*depth, "", p.Operator(), details)
	for _, c := range p.Children() {
		out += planText(c, depth+1)
	}
	return out
}

// clipRows keeps a few rows of a batch parameter: plans do not depend on
// how many rows a list holds.
func clipRows(p map[string]any) map[string]any {
	out := make(map[string]any, len(p))
	for k, v := range p {
		if list, ok := v.([]any); ok && len(list) > 3 {
			v = list[:3]
		}
		out[k] = v
	}
	return out
}

func oneLine(q string) string { return strings.Join(strings.Fields(q), " ") }
