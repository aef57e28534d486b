// Package graphtest is the conformance suite every graph.Store runs, after
// Cayley's graphtest: one TestAll that loads its own fixtures and checks
// the behaviour the graph package documents (search ranking, neighbourhood
// semantics, the order of k shortest paths, atomic and idempotent loads,
// error kinds). The fixtures and the expected answers are exported tables
// so that the HTTP API tests can ask the same questions through the API.
//
// The suite knows nothing about any backend: it talks to the Store
// interface only, and compares without assuming an order where the
// contract fixes none.
package graphtest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
)

// TestAll runs the conformance suite. newStore must return an empty store
// built with graph.DefaultLimits() (the error cases depend on them) and
// register its own cleanup; it is called once per subtest. Subtests do not
// run in parallel, so a backend may reuse one database between them.
func TestAll(t *testing.T, newStore func(t *testing.T) graph.Store) {
	t.Run("Load", func(t *testing.T) { testLoad(t, newStore(t)) })
	t.Run("LoadAtomic", func(t *testing.T) { testAtomic(t, newStore(t)) })
	t.Run("LoadMerge", func(t *testing.T) { testMerge(t, newStore(t)) })
	t.Run("Empty", func(t *testing.T) { testEmpty(t, newStore(t)) })
	t.Run("Read", func(t *testing.T) {
		s := newStore(t)
		mustLoad(t, s, Synthetic())
		t.Run("Node", func(t *testing.T) { testNode(t, s) })
		t.Run("Search", func(t *testing.T) { testSearch(t, s) })
		t.Run("Neighborhood", func(t *testing.T) { testNeighborhood(t, s) })
		t.Run("Paths", func(t *testing.T) { testPaths(t, s) })
		t.Run("Subgraph", func(t *testing.T) { testSubgraph(t, s) })
		t.Run("References", func(t *testing.T) { testReferences(t, s) })
		t.Run("Dump", func(t *testing.T) { testDump(t, s) })
		t.Run("Schema", func(t *testing.T) { testSchema(t, s) })
		t.Run("Metrics", func(t *testing.T) { testMetrics(t, s) })
		t.Run("Errors", func(t *testing.T) { testErrors(t, s) })
		t.Run("Timeouts", func(t *testing.T) { testTimeouts(t, s) })
		t.Run("Memory", func(t *testing.T) { testMemory(t, s) })
		t.Run("Plans", func(t *testing.T) { testPlans(t, s) })
		t.Run("Ping", func(t *testing.T) {
			if err := s.Ping(context.Background()); err != nil {
				t.Fatal(err)
			}
			if s.Name() == "" {
				t.Error("Name is empty")
			}
		})
	})
	t.Run("Concurrency", func(t *testing.T) { testConcurrency(t, newStore(t)) })
	t.Run("Article", func(t *testing.T) { testArticle(t, newStore) })
	t.Run("Grades", func(t *testing.T) { testGrades(t, newStore(t)) })
	t.Run("Stance", func(t *testing.T) { testStance(t, newStore(t)) })
	t.Run("Corroboration", func(t *testing.T) { testCorroboration(t, newStore(t)) })
}

func mustLoad(t testing.TB, s graph.Store, g graph.Graph) graph.LoadStats {
	t.Helper()
	st, err := s.Load(context.Background(), g)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return st
}

func dump(t testing.TB, s graph.Store) graph.Graph {
	t.Helper()
	g, err := s.Dump(context.Background(), 1_000_000)
	if err != nil {
		t.Fatalf("Dump: %v", err)
	}
	return g
}

// Canonical returns g in a form that compares equal across stores:
// properties normalised (nil maps become empty ones), labels sorted, nodes
// by key and relationships by id.
func Canonical(g graph.Graph) graph.Graph {
	out := graph.Graph{Nodes: make([]graph.Node, len(g.Nodes)), Relationships: make([]graph.Relationship, len(g.Relationships))}
	for i, n := range g.Nodes {
		p, _ := graph.NormalizeProperties(n.Properties)
		out.Nodes[i] = graph.Node{ID: n.ID, Key: n.Key, Labels: slices.Clone(n.Labels), Properties: p}
	}
	for i, r := range g.Relationships {
		p, _ := graph.NormalizeProperties(r.Properties)
		out.Relationships[i] = graph.Relationship{ID: r.ID, Type: r.Type, Start: r.Start, End: r.End, Properties: p}
	}
	graph.SortGraph(&out)
	return out
}

func sameGraph(t *testing.T, what string, got, want graph.Graph) {
	t.Helper()
	g, _ := json.MarshalIndent(Canonical(got), "", " ")
	w, _ := json.MarshalIndent(Canonical(want), "", " ")
	if string(g) != string(w) {
		t.Errorf("%s differs:\ngot  %s\nwant %s", what, g, w)
	}
}

// wantError checks err's kind and, when param is not empty, its Param.
func wantError(t *testing.T, err error, kind graph.Kind, param string) {
	t.Helper()
	if got := graph.KindOf(err); got != kind {
		t.Errorf("error kind = %q (%v), want %q", got, err, kind)
		return
	}
	if param == "" {
		return
	}
	var e *graph.Error
	if !errors.As(err, &e) || e.Param != param {
		t.Errorf("error %v: param = %q, want %q", err, paramOf(err), param)
	}
}

func paramOf(err error) string {
	var e *graph.Error
	if errors.As(err, &e) {
		return e.Param
	}
	return ""
}

func testLoad(t *testing.T, s graph.Store) {
	ctx := context.Background()
	g := Synthetic()
	st := mustLoad(t, s, g)
	want := graph.LoadStats{NodesCreated: len(g.Nodes), RelationshipsCreated: len(g.Relationships)}
	if st != want {
		t.Errorf("first load: %+v, want %+v", st, want)
	}
	first := dump(t, s)
	sameGraph(t, "dump after load", first, g)

	st = mustLoad(t, s, Synthetic())
	want = graph.LoadStats{NodesMatched: len(g.Nodes), RelationshipsMatched: len(g.Relationships)}
	if st != want {
		t.Errorf("second load: %+v, want %+v", st, want)
	}
	sameGraph(t, "dump after loading twice", dump(t, s), first)

	// A reload overwrites properties of matched items.
	g2 := Synthetic()
	g2.Nodes[0].Properties[graph.PropDescription] = "changed"
	g2.Relationships[0].Properties[graph.PropClaim] = "a new claim"
	if _, err := s.Load(ctx, g2); err != nil {
		t.Fatal(err)
	}
	sameGraph(t, "dump after reloading changed properties", dump(t, s), g2)
}

func testAtomic(t *testing.T, s graph.Store) {
	ctx := context.Background()
	mustLoad(t, s, Synthetic())
	before := dump(t, s)
	good := Extra()
	missing := graph.NodeID("not-in-any-graph")
	cases := []struct {
		name   string
		change func(g *graph.Graph)
		param  string // the Param the error names; "" when the stores may differ
	}{
		{"relationship to a missing node", func(g *graph.Graph) {
			g.Relationships = append(g.Relationships, graph.Relationship{
				ID: graph.RelID("nu", "LEADS", "missing", "x"), Type: "LEADS", Start: graph.NodeID("nu"), End: missing,
			})
		}, ""},
		{"relationship from a missing node", func(g *graph.Graph) {
			g.Relationships = append(g.Relationships, graph.Relationship{
				ID: graph.RelID("missing", "LEADS", "nu", "x"), Type: "LEADS", Start: missing, End: graph.NodeID("nu"),
			})
		}, ""},
		// The shared rules of graph.CheckNode and graph.CheckRelationship.
		{"node without labels", func(g *graph.Graph) { g.Nodes[1].Labels = nil }, "nodes[1].labels"},
		{"node with an empty label", func(g *graph.Graph) { g.Nodes[1].Labels = []string{""} }, "nodes[1].labels"},
		{"label with a hyphen", func(g *graph.Graph) { g.Nodes[1].Labels = []string{"Think-tank"} }, "nodes[1].labels"},
		{"label with a backtick", func(g *graph.Graph) { g.Nodes[1].Labels = []string{"Person`) DETACH DELETE n //"} }, "nodes[1].labels"},
		{"label kept for the stores", func(g *graph.Graph) { g.Nodes[1].Labels = []string{"_Node"} }, "nodes[1].labels"},
		{"node id not a UUID", func(g *graph.Graph) { g.Nodes[2].ID = "node-2" }, "nodes[2].id"},
		{"node id in upper case", func(g *graph.Graph) { g.Nodes[2].ID = strings.ToUpper(g.Nodes[2].ID) }, "nodes[2].id"},
		{"node without a key", func(g *graph.Graph) { g.Nodes[2].Key = "" }, "nodes[2].key"},
		{"node key too long", func(g *graph.Graph) { g.Nodes[2].Key = strings.Repeat("k", graph.MaxKeyBytes+1) }, "nodes[2].key"},
		{"node name too long", func(g *graph.Graph) {
			g.Nodes[0].Properties[graph.PropName] = strings.Repeat("n", graph.MaxNameBytes+1)
		}, "nodes[0].properties"},
		{"relationship id not a UUID", func(g *graph.Graph) { g.Relationships[0].ID = "rel-0" }, "relationships[0].id"},
		{"relationship end in upper case", func(g *graph.Graph) { g.Relationships[0].End = strings.ToUpper(g.Relationships[0].End) }, "relationships[0].end"},
		{"type not UPPER_SNAKE", func(g *graph.Graph) { g.Relationships[1].Type = "cooperates_with" }, "relationships[1].type"},
		{"property holding a map", func(g *graph.Graph) { g.Nodes[0].Properties["bad"] = map[string]any{"a": 1} }, "nodes[0].properties"},
		{"list of mixed types", func(g *graph.Graph) { g.Nodes[0].Properties["mixed"] = []any{"a", int64(1)} }, "nodes[0].properties"},
		{"list holding null", func(g *graph.Graph) { g.Nodes[0].Properties["holes"] = []any{"a", nil} }, "nodes[0].properties"},
		{"integer beyond int64", func(g *graph.Graph) { g.Nodes[0].Properties["big"] = uint64(1) << 63 }, "nodes[0].properties"},
		{"node property named id", func(g *graph.Graph) { g.Nodes[0].Properties["id"] = "x" }, "nodes[0].properties"},
		{"node property named key", func(g *graph.Graph) { g.Nodes[0].Properties["key"] = "x" }, "nodes[0].properties"},
		{"node property kept for the stores", func(g *graph.Graph) { g.Nodes[0].Properties["_search"] = "x" }, "nodes[0].properties"},
		{"property without a name", func(g *graph.Graph) { g.Nodes[0].Properties[""] = "x" }, "nodes[0].properties"},
		{"relationship property named id", func(g *graph.Graph) { g.Relationships[0].Properties = map[string]any{"id": "x"} }, "relationships[0].properties"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g := Extra()
			c.change(&g)
			_, err := s.Load(ctx, g)
			wantError(t, err, graph.KindInvalid, c.param)
			sameGraph(t, "dump after a rejected load", dump(t, s), before)
			if _, err := s.NodeByKey(ctx, "nu"); graph.KindOf(err) != graph.KindNotFound {
				t.Errorf("a node of the rejected graph was written: %v", err)
			}
		})
	}
	// The unchanged graph still loads.
	mustLoad(t, s, good)
}

func testMerge(t *testing.T, s graph.Store) {
	mustLoad(t, s, Synthetic())
	extra := Extra()
	// Nodes first, then relationships that refer to nodes already stored.
	st := mustLoad(t, s, graph.Graph{Nodes: extra.Nodes})
	if st.NodesCreated != len(extra.Nodes) {
		t.Errorf("nodes created = %d, want %d", st.NodesCreated, len(extra.Nodes))
	}
	bridge := graph.Relationship{
		ID: graph.RelID("pi", "COOPERATES_WITH", "kappa", "extra"), Type: "COOPERATES_WITH",
		Start: graph.NodeID("pi"), End: graph.NodeID("kappa"), Properties: map[string]any{},
	}
	rels := append(slices.Clone(extra.Relationships), bridge)
	st = mustLoad(t, s, graph.Graph{Relationships: rels})
	want := graph.LoadStats{RelationshipsCreated: len(rels)}
	if st != want {
		t.Errorf("relationships-only load: %+v, want %+v", st, want)
	}
	all := Synthetic()
	all.Nodes = append(all.Nodes, extra.Nodes...)
	all.Relationships = append(all.Relationships, rels...)
	sameGraph(t, "merged dump", dump(t, s), all)
	paths, err := s.Paths(context.Background(), graph.PathQuery{From: graph.NodeID("nu"), To: graph.NodeID("kappa")})
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 1 || paths[0].Length != 4 {
		t.Errorf("path across the merge: got %d paths %v, want one of length 4", len(paths), paths)
	}
}

func testEmpty(t *testing.T, s graph.Store) {
	ctx := context.Background()
	g := dump(t, s)
	if len(g.Nodes) != 0 || len(g.Relationships) != 0 {
		t.Errorf("new store is not empty: %d nodes, %d relationships", len(g.Nodes), len(g.Relationships))
	}
	res, err := s.Search(ctx, graph.SearchQuery{Text: "alpha"})
	if err != nil || len(res) != 0 {
		t.Errorf("search on an empty store: %v, %v", res, err)
	}
	sc, err := s.Schema(ctx)
	if err != nil || len(sc.Labels) != 0 || len(sc.RelationshipTypes) != 0 {
		t.Errorf("schema of an empty store: %+v, %v", sc, err)
	}
	_, err = s.Node(ctx, graph.NodeID("alpha"))
	wantError(t, err, graph.KindNotFound, "")
}

func testNode(t *testing.T, s graph.Store) {
	ctx := context.Background()
	for _, n := range Synthetic().Nodes {
		got, err := s.Node(ctx, n.ID)
		if err != nil {
			t.Fatalf("Node(%s): %v", n.Key, err)
		}
		sameGraph(t, "Node("+n.Key+")", graph.Graph{Nodes: []graph.Node{got}}, graph.Graph{Nodes: []graph.Node{n}})
		got, err = s.NodeByKey(ctx, n.Key)
		if err != nil {
			t.Fatalf("NodeByKey(%s): %v", n.Key, err)
		}
		sameGraph(t, "NodeByKey("+n.Key+")", graph.Graph{Nodes: []graph.Node{got}}, graph.Graph{Nodes: []graph.Node{n}})
		// Callers own what they get: changing it changes nothing stored.
		got.Properties[graph.PropName] = "mutated"
		got.Labels[0] = "Mutated"
		again, _ := s.NodeByKey(ctx, n.Key)
		if again.Name() == "mutated" || again.HasLabel("Mutated") {
			t.Errorf("NodeByKey(%s) returned shared state", n.Key)
		}
	}
	_, err := s.Node(ctx, graph.NodeID("no-such-node"))
	wantError(t, err, graph.KindNotFound, "")
	_, err = s.NodeByKey(ctx, "no-such-node")
	wantError(t, err, graph.KindNotFound, "")
	n, err := graph.Resolve(ctx, s, "alpha")
	if err != nil || n.Key != "alpha" {
		t.Errorf("Resolve(alpha) = %v, %v", n.Key, err)
	}
}

// RunSearch checks one search case against s.
func RunSearch(t *testing.T, s graph.Store, c SearchCase) {
	t.Helper()
	got, err := s.Search(context.Background(), c.Query)
	if err != nil {
		t.Fatalf("Search(%+v): %v", c.Query, err)
	}
	keys := []string{}
	for _, n := range got {
		keys = append(keys, n.Key)
	}
	if !slices.Equal(keys, c.Want) {
		t.Errorf("Search(%+v) = %q, want %q", c.Query, keys, c.Want)
	}
}

func testSearch(t *testing.T, s graph.Store) {
	for _, c := range SyntheticSearchCases() {
		t.Run(c.Name, func(t *testing.T) { RunSearch(t, s, c) })
	}
}

// RelString writes r as "start-key TYPE end-key", using keys to map ids.
func RelString(r graph.Relationship, keys map[string]string) string {
	return keys[r.Start] + " " + r.Type + " " + keys[r.End]
}

// RunNeighborhood checks one neighbourhood case against s; start is the
// id of c.Start and keys maps node ids to keys.
func RunNeighborhood(t *testing.T, s graph.Store, c NeighborhoodCase, start string, keys map[string]string) {
	t.Helper()
	got, err := s.Neighborhood(context.Background(), start, c.Query)
	if err != nil {
		t.Fatalf("Neighborhood(%s, %+v): %v", c.Start, c.Query, err)
	}
	nodes := []string{}
	kept := map[string]bool{}
	for _, n := range got.Nodes {
		nodes = append(nodes, n.Key)
		kept[n.ID] = true
	}
	slices.Sort(nodes)
	rels := []string{}
	for _, r := range got.Relationships {
		rels = append(rels, RelString(r, keys))
		if !kept[r.Start] || !kept[r.End] {
			t.Errorf("relationship %s has an end outside the result", RelString(r, keys))
		}
	}
	slices.Sort(rels)
	if got.Truncated != c.WantTruncated {
		t.Errorf("truncated = %v, want %v", got.Truncated, c.WantTruncated)
	}
	if !slices.Contains(nodes, c.Start) {
		t.Errorf("the start node %s is missing from %q", c.Start, nodes)
	}
	if !c.Partial {
		if !slices.Equal(nodes, c.WantNodes) {
			t.Errorf("nodes = %q, want %q", nodes, c.WantNodes)
		}
		if !slices.Equal(rels, c.WantRels) {
			t.Errorf("relationships = %q, want %q", rels, c.WantRels)
		}
		return
	}
	if len(nodes) != c.Query.Limit {
		t.Errorf("got %d nodes, want the limit %d", len(nodes), c.Query.Limit)
	}
	deepest := 0
	for _, k := range nodes {
		level, ok := c.Levels[k]
		if !ok {
			t.Errorf("node %s is not in the neighbourhood", k)
		}
		deepest = max(deepest, level)
	}
	for k, level := range c.Levels {
		if level < deepest && !slices.Contains(nodes, k) {
			t.Errorf("node %s at distance %d is missing though a node at distance %d was kept", k, level, deepest)
		}
	}
	keptKeys := map[string]bool{}
	for _, k := range nodes {
		keptKeys[k] = true
	}
	want := []string{}
	for _, r := range c.WantRels {
		f := strings.Fields(r)
		if keptKeys[f[0]] && keptKeys[f[2]] {
			want = append(want, r)
		}
	}
	if !slices.Equal(rels, want) {
		t.Errorf("relationships = %q, want %q", rels, want)
	}
}

func idKeys(g graph.Graph) map[string]string {
	m := map[string]string{}
	for _, n := range g.Nodes {
		m[n.ID] = n.Key
	}
	return m
}

func testNeighborhood(t *testing.T, s graph.Store) {
	keys := idKeys(Synthetic())
	for _, c := range SyntheticNeighborhoodCases() {
		t.Run(c.Name, func(t *testing.T) { RunNeighborhood(t, s, c, graph.NodeID(c.Start), keys) })
	}
}

// PathSteps writes a path as alternating node keys and steps ("-TYPE->"
// along the relationship, "<-TYPE-" against it).
func PathSteps(p graph.Path) ([]string, error) {
	if len(p.Nodes) != len(p.Relationships)+1 || p.Length != len(p.Relationships) {
		return nil, fmt.Errorf("path with %d nodes, %d relationships and length %d", len(p.Nodes), len(p.Relationships), p.Length)
	}
	out := []string{p.Nodes[0].Key}
	for i, r := range p.Relationships {
		a, b := p.Nodes[i], p.Nodes[i+1]
		switch {
		case r.Start == a.ID && r.End == b.ID:
			out = append(out, "-"+r.Type+"->")
		case r.Start == b.ID && r.End == a.ID:
			out = append(out, "<-"+r.Type+"-")
		default:
			return nil, fmt.Errorf("relationship %s does not join %s and %s", r.ID, a.Key, b.Key)
		}
		out = append(out, b.Key)
	}
	return out, nil
}

// RunPaths checks one path case against s; from and to are the ids of
// c.From and c.To.
func RunPaths(t *testing.T, s graph.Store, c PathCase, from, to string) {
	t.Helper()
	q := c.Query
	q.From, q.To = from, to
	got, err := s.Paths(context.Background(), q)
	if err != nil {
		t.Fatalf("Paths(%s, %s, %+v): %v", c.From, c.To, c.Query, err)
	}
	if got == nil {
		t.Errorf("Paths returned nil, want an empty list")
	}
	var steps [][]string
	for _, p := range got {
		st, err := PathSteps(p)
		if err != nil {
			t.Fatal(err)
		}
		steps = append(steps, st)
	}
	if len(steps) != len(c.Want) {
		t.Fatalf("got %d paths:\n%s\nwant %d:\n%s", len(steps), showPaths(steps), len(c.Want), showPaths(c.Want))
	}
	for i := range steps {
		if !slices.Equal(steps[i], c.Want[i]) {
			t.Fatalf("paths differ:\ngot\n%s\nwant\n%s", showPaths(steps), showPaths(c.Want))
		}
	}
}

func showPaths(ps [][]string) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString("  " + strings.Join(p, " ") + "\n")
	}
	return b.String()
}

func testPaths(t *testing.T, s graph.Store) {
	spies := synthRelID(synthRel{start: "alpha", typ: "SPIES_ON", end: "beta"})
	coop := synthRelID(synthRel{start: "alpha", typ: "COOPERATES_WITH", end: "beta"})
	if spies >= coop {
		t.Fatalf("fixture assumption broken: the SPIES_ON id %s must sort before the COOPERATES_WITH id %s", spies, coop)
	}
	for _, c := range SyntheticPathCases() {
		t.Run(c.Name, func(t *testing.T) { RunPaths(t, s, c, graph.NodeID(c.From), graph.NodeID(c.To)) })
	}
}

func testSubgraph(t *testing.T, s graph.Store) {
	ctx := context.Background()
	g := Synthetic()
	keys := idKeys(g)
	got, err := s.Subgraph(ctx, []string{graph.NodeID("gamma"), graph.NodeID("alpha"), graph.NodeID("beta")})
	if err != nil {
		t.Fatal(err)
	}
	var nodes, rels []string
	for _, n := range got.Nodes {
		nodes = append(nodes, n.Key)
	}
	for _, r := range got.Relationships {
		rels = append(rels, RelString(r, keys))
	}
	slices.Sort(nodes)
	slices.Sort(rels)
	if want := []string{"alpha", "beta", "gamma"}; !slices.Equal(nodes, want) {
		t.Errorf("nodes = %q, want %q", nodes, want)
	}
	if want := []string{"alpha COOPERATES_WITH beta", "alpha SPIES_ON beta", "alpha SPIES_ON gamma", "gamma PART_OF beta"}; !slices.Equal(rels, want) {
		t.Errorf("relationships = %q, want %q", rels, want)
	}
	// The whole node set gives back the whole graph.
	var all []string
	for _, n := range g.Nodes {
		all = append(all, n.ID)
	}
	whole, err := s.Subgraph(ctx, all)
	if err != nil {
		t.Fatal(err)
	}
	sameGraph(t, "subgraph of every node", whole, g)
	_, err = s.Subgraph(ctx, []string{graph.NodeID("alpha"), graph.NodeID("no-such-node")})
	wantError(t, err, graph.KindNotFound, "")
}

// testReferences checks that the graph queries take a node's key where
// they take its id, with the same answers, and name what they cannot find.
func testReferences(t *testing.T, s graph.Store) {
	ctx := context.Background()
	keys := idKeys(Synthetic())
	for _, c := range SyntheticNeighborhoodCases()[:3] {
		t.Run("neighborhood by key: "+c.Name, func(t *testing.T) { RunNeighborhood(t, s, c, c.Start, keys) })
	}
	for _, c := range SyntheticPathCases()[:3] {
		t.Run("paths by keys: "+c.Name, func(t *testing.T) { RunPaths(t, s, c, c.From, c.To) })
		t.Run("paths by key and id: "+c.Name, func(t *testing.T) { RunPaths(t, s, c, c.From, graph.NodeID(c.To)) })
	}
	// One node named by its id and by its key is one node.
	ps, err := s.Paths(ctx, graph.PathQuery{From: "alpha", To: graph.NodeID("alpha")})
	if err != nil || len(ps) != 1 || ps[0].Length != 0 || ps[0].Nodes[0].Key != "alpha" {
		t.Errorf("paths from alpha's key to its id: %v, %v; want the one path of length 0", ps, err)
	}
	byKey, err1 := s.Subgraph(ctx, []string{"gamma", graph.NodeID("alpha"), "beta", "alpha"})
	byID, err2 := s.Subgraph(ctx, []string{graph.NodeID("gamma"), graph.NodeID("alpha"), graph.NodeID("beta")})
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	sameGraph(t, "subgraph by keys and ids", byKey, byID)
	for name, err := range map[string]error{
		"neighborhood": func() error { _, err := s.Neighborhood(ctx, "no-such-node", graph.NeighborhoodQuery{}); return err }(),
		"paths from":   func() error { _, err := s.Paths(ctx, graph.PathQuery{From: "no-such-node", To: "alpha"}); return err }(),
		"paths to": func() error {
			_, err := s.Paths(ctx, graph.PathQuery{From: "alpha", To: graph.NodeID("no-such-node")})
			return err
		}(),
		"subgraph": func() error { _, err := s.Subgraph(ctx, []string{"alpha", "no-such-node"}); return err }(),
	} {
		t.Run("unknown node: "+name, func(t *testing.T) {
			wantError(t, err, graph.KindNotFound, "")
			if msg := graph.MessageOf(err); !strings.Contains(msg, "no-such-node") && !strings.Contains(msg, graph.NodeID("no-such-node")) {
				t.Errorf("message %q does not name the missing node", msg)
			}
		})
	}
}

// testTimeouts pins the one timeout contract: work past its deadline, or
// whose caller has gone, is KindTimeout on every store, whatever the call.
func testTimeouts(t *testing.T, s graph.Store) {
	past, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	calls := map[string]func(context.Context) error{
		"node":   func(ctx context.Context) error { _, err := s.Node(ctx, graph.NodeID("alpha")); return err },
		"search": func(ctx context.Context) error { _, err := s.Search(ctx, graph.SearchQuery{Text: "a"}); return err },
		"neighborhood": func(ctx context.Context) error {
			_, err := s.Neighborhood(ctx, "alpha", graph.NeighborhoodQuery{Depth: 2})
			return err
		},
		"paths": func(ctx context.Context) error {
			_, err := s.Paths(ctx, graph.PathQuery{From: "alpha", To: "delta"})
			return err
		},
		"subgraph": func(ctx context.Context) error { _, err := s.Subgraph(ctx, []string{"alpha"}); return err },
		"dump":     func(ctx context.Context) error { _, err := s.Dump(ctx, 1000); return err },
		"schema":   func(ctx context.Context) error { _, err := s.Schema(ctx); return err },
	}
	calls["cypher"] = func(ctx context.Context) error {
		_, err := s.Cypher(ctx, graph.CypherQuery{Query: "MATCH (n) RETURN count(n) AS c"})
		return err
	}
	for name, call := range calls {
		t.Run("deadline passed: "+name, func(t *testing.T) { wantError(t, call(past), graph.KindTimeout, "") })
	}
	cancelled, stop := context.WithCancel(context.Background())
	stop()
	t.Run("caller gone", func(t *testing.T) { wantError(t, calls["neighborhood"](cancelled), graph.KindTimeout, "") })
	// A query that runs past its own time limit.
	t.Run("cypher past its limit", func(t *testing.T) {
		_, err := s.Cypher(context.Background(), graph.CypherQuery{
			Query: "UNWIND range(1, 1000000) AS x UNWIND range(1, 1000) AS y WITH x, y WHERE (x + y) % 7 = 3 RETURN count(*) AS c", TimeoutMs: 200,
		})
		wantError(t, err, graph.KindTimeout, "")
	})
}

// testMemory pins the memory contract: a query that would hold more than
// one query may (256 MiB: the embedded engine's default, and the
// db.memory.transaction.max of the Neo4j the tests start) fails with
// KindMemoryLimit, and the store goes on serving.
func testMemory(t *testing.T, s graph.Store) {
	ctx := context.Background()
	_, err := s.Cypher(ctx, graph.CypherQuery{
		// 100,000 distinct strings of 4 KiB: 400 MB to hold.
		Query:     "UNWIND range(1, 100000) AS x WITH collect($s + x) AS l RETURN size(l) AS n",
		Params:    map[string]any{"s": strings.Repeat("x", 4096)},
		TimeoutMs: 60000,
	})
	wantError(t, err, graph.KindMemoryLimit, "")
	res, err := s.Cypher(ctx, graph.CypherQuery{Query: "UNWIND range(1, 1000) AS x WITH collect([x, x]) AS l RETURN size(l) AS n"})
	if err != nil || len(res.Rows) != 1 {
		t.Fatalf("a small query after it: %v, %v", res.Rows, err)
	}
}

func testDump(t *testing.T, s graph.Store) {
	ctx := context.Background()
	g := Synthetic()
	got, err := s.Dump(ctx, len(g.Nodes))
	if err != nil {
		t.Fatal(err)
	}
	sameGraph(t, "dump", got, g)
	// Dump fixes its order: nodes by key, relationships by id.
	if !slices.IsSortedFunc(got.Nodes, func(a, b graph.Node) int { return strings.Compare(a.Key, b.Key) }) {
		t.Error("dump nodes are not sorted by key")
	}
	if !slices.IsSortedFunc(got.Relationships, func(a, b graph.Relationship) int { return strings.Compare(a.ID, b.ID) }) {
		t.Error("dump relationships are not sorted by id")
	}
	_, err = s.Dump(ctx, len(g.Nodes)-1)
	wantError(t, err, graph.KindInvalid, "")
}

// WantSchema counts labels and types in g, sorted by name.
func WantSchema(g graph.Graph) graph.Schema {
	labels, types := map[string]int{}, map[string]int{}
	for _, n := range g.Nodes {
		for _, l := range n.Labels {
			labels[l]++
		}
	}
	for _, r := range g.Relationships {
		types[r.Type]++
	}
	return graph.Schema{Labels: counts(labels), RelationshipTypes: counts(types)}
}

func counts(m map[string]int) []graph.Count {
	out := []graph.Count{}
	for k, v := range m {
		out = append(out, graph.Count{Name: k, Count: v})
	}
	slices.SortFunc(out, func(a, b graph.Count) int { return strings.Compare(a.Name, b.Name) })
	return out
}

func testSchema(t *testing.T, s graph.Store) {
	got, err := s.Schema(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := WantSchema(Synthetic())
	// Spot-check the counting itself, not only the store against it.
	if want.Labels[0] != (graph.Count{Name: "Actor", Count: 12}) {
		t.Fatalf("fixture: %v", want.Labels[0])
	}
	if !slices.Equal(got.Labels, want.Labels) {
		t.Errorf("labels = %v, want %v", got.Labels, want.Labels)
	}
	if !slices.Equal(got.RelationshipTypes, want.RelationshipTypes) {
		t.Errorf("relationship types = %v, want %v", got.RelationshipTypes, want.RelationshipTypes)
	}
}

func testErrors(t *testing.T, s graph.Store) {
	ctx := context.Background()
	alpha, delta, nobody := graph.NodeID("alpha"), graph.NodeID("delta"), graph.NodeID("no-such-node")
	nb := func(id string, q graph.NeighborhoodQuery) error {
		_, err := s.Neighborhood(ctx, id, q)
		return err
	}
	paths := func(q graph.PathQuery) error {
		_, err := s.Paths(ctx, q)
		return err
	}
	search := func(q graph.SearchQuery) error {
		_, err := s.Search(ctx, q)
		return err
	}
	cases := []struct {
		name  string
		err   error
		kind  graph.Kind
		param string
	}{
		{"neighbourhood of an unknown node", nb(nobody, graph.NeighborhoodQuery{}), graph.KindNotFound, ""},
		{"depth too large", nb(alpha, graph.NeighborhoodQuery{Depth: 1000}), graph.KindInvalid, "depth"},
		{"negative depth", nb(alpha, graph.NeighborhoodQuery{Depth: -1}), graph.KindInvalid, "depth"},
		{"neighbourhood limit too large", nb(alpha, graph.NeighborhoodQuery{Limit: 1 << 30}), graph.KindInvalid, "limit"},
		{"bad direction", nb(alpha, graph.NeighborhoodQuery{Direction: "sideways"}), graph.KindInvalid, "direction"},
		{"bad asOf", nb(alpha, graph.NeighborhoodQuery{AsOf: "last year"}), graph.KindInvalid, "asOf"},
		{"bad type", nb(alpha, graph.NeighborhoodQuery{Types: []string{"spies_on"}}), graph.KindInvalid, "types"},
		{"path from an unknown node", paths(graph.PathQuery{From: nobody, To: delta}), graph.KindNotFound, ""},
		{"path to an unknown node", paths(graph.PathQuery{From: alpha, To: nobody}), graph.KindNotFound, ""},
		{"path without from", paths(graph.PathQuery{To: delta}), graph.KindInvalid, "from"},
		{"path without to", paths(graph.PathQuery{From: alpha}), graph.KindInvalid, "to"},
		{"k too large", paths(graph.PathQuery{From: alpha, To: delta, K: 1000}), graph.KindInvalid, "k"},
		{"negative k", paths(graph.PathQuery{From: alpha, To: delta, K: -1}), graph.KindInvalid, "k"},
		{"max length too large", paths(graph.PathQuery{From: alpha, To: delta, MaxLength: 1000}), graph.KindInvalid, "maxLength"},
		{"path direction", paths(graph.PathQuery{From: alpha, To: delta, Direction: "up"}), graph.KindInvalid, "direction"},
		{"path type", paths(graph.PathQuery{From: alpha, To: delta, Types: []string{"Leads"}}), graph.KindInvalid, "types"},
		{"search limit too large", search(graph.SearchQuery{Text: "a", Limit: 1 << 30}), graph.KindInvalid, "limit"},
		{"negative search limit", search(graph.SearchQuery{Text: "a", Limit: -5}), graph.KindInvalid, "limit"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { wantError(t, c.err, c.kind, c.param) })
	}
}

// testConcurrency reads from many goroutines while loads run; with -race
// it also checks the store's synchronisation.
func testConcurrency(t *testing.T, s graph.Store) {
	ctx := context.Background()
	mustLoad(t, s, Synthetic())
	keys := idKeys(Synthetic())
	maps := idKeys(Extra())
	for id, k := range maps {
		keys[id] = k
	}
	nbCase := SyntheticNeighborhoodCases()[2]
	pathCase := SyntheticPathCases()[2]
	searchCase := SyntheticSearchCases()[0]
	var wg sync.WaitGroup
	const readers = 8
	for range readers {
		wg.Go(func() {
			for range 20 {
				res, err := s.Search(ctx, searchCase.Query)
				if err != nil || len(res) != len(searchCase.Want) || res[0].Key != searchCase.Want[0] {
					t.Errorf("search during load: %d results, %v", len(res), err)
					return
				}
				nb, err := s.Neighborhood(ctx, graph.NodeID(nbCase.Start), nbCase.Query)
				if err != nil || len(nb.Nodes) != len(nbCase.WantNodes) || len(nb.Relationships) != len(nbCase.WantRels) {
					t.Errorf("neighbourhood during load: %d nodes, %d relationships, %v", len(nb.Nodes), len(nb.Relationships), err)
					return
				}
				ps, err := s.Paths(ctx, graph.PathQuery{From: graph.NodeID(pathCase.From), To: graph.NodeID(pathCase.To), K: pathCase.Query.K})
				if err != nil || len(ps) != len(pathCase.Want) {
					t.Errorf("paths during load: %d paths, %v", len(ps), err)
					return
				}
			}
		})
	}
	for range 3 {
		mustLoad(t, s, Extra())
		mustLoad(t, s, Synthetic())
	}
	wg.Wait()
	if _, err := s.NodeByKey(ctx, "omicron"); err != nil {
		t.Errorf("after the concurrent loads: %v", err)
	}
}

// testPlans: EXPLAIN returns a plan and no rows, PROFILE the rows of the
// plain query and a plan whose root counted them; a lookup by key reads
// an index on both stores. Operator names and estimates are each
// planner's own, so only this much is shared.
func testPlans(t *testing.T, s graph.Store) {
	ctx := context.Background()
	for _, q := range []string{
		"MATCH (n:Country {key: 'alpha'})-[r]-(m) RETURN n.name AS name, type(r) AS type, m.key AS other ORDER BY type, other",
		"MATCH (n:Person) WHERE n.name = 'Mu' RETURN n.key AS key ORDER BY key",
	} {
		t.Run(q, func(t *testing.T) {
			plain, err := s.Cypher(ctx, graph.CypherQuery{Query: q})
			if err != nil {
				t.Fatal(err)
			}
			if len(plain.Rows) == 0 || plain.Plan != nil {
				t.Fatalf("plain run: %d rows, plan %v", len(plain.Rows), plain.Plan)
			}
			ex, err := s.Cypher(ctx, graph.CypherQuery{Query: "EXPLAIN " + q})
			if err != nil {
				t.Fatal(err)
			}
			if ex.Plan == nil || ex.Plan.Mode != "EXPLAIN" || len(ex.Rows) != 0 || !slices.Equal(ex.Columns, plain.Columns) {
				t.Fatalf("EXPLAIN: plan %v, %d rows, columns %v", ex.Plan, len(ex.Rows), ex.Columns)
			}
			if ex.Plan.Root.Operator != "ProduceResults" {
				t.Errorf("EXPLAIN root %q, want ProduceResults", ex.Plan.Root.Operator)
			}
			if !usesIndex(ex.Plan.Root) {
				t.Errorf("EXPLAIN: no operator reads an index")
			}
			pr, err := s.Cypher(ctx, graph.CypherQuery{Query: "profile " + q})
			if err != nil {
				t.Fatal(err)
			}
			if pr.Plan == nil || pr.Plan.Mode != "PROFILE" {
				t.Fatalf("PROFILE: plan %v", pr.Plan)
			}
			if fmt.Sprint(pr.Rows) != fmt.Sprint(plain.Rows) {
				t.Errorf("PROFILE rows %v, want %v", pr.Rows, plain.Rows)
			}
			if r := pr.Plan.Root.Rows; r == nil || *r != int64(len(plain.Rows)) {
				t.Errorf("PROFILE root counted %v rows, want %d", r, len(plain.Rows))
			}
		})
	}
	t.Run("EXPLAIN of a write is refused", func(t *testing.T) {
		_, err := s.Cypher(ctx, graph.CypherQuery{Query: "EXPLAIN CREATE (n:Person)"})
		wantError(t, err, graph.KindInvalid, "")
	})
}

func usesIndex(op graph.PlanOperator) bool {
	if op.Index != "" && !strings.HasPrefix(op.Index, "label ") {
		return true
	}
	for _, c := range op.Children {
		if usesIndex(c) {
			return true
		}
	}
	return false
}
