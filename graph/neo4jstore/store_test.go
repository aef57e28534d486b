package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"reflect"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/graphtest"
	"github.com/actorgraph/actorgraph/graph/memstore"
)

// These tests need a real Neo4j: NEO4J_URI (e.g. bolt://127.0.0.1:7687,
// as scripts/neo4j-local.sh start prints). Without it they skip locally
// and fail in CI, where a skip would hide that nothing was tested. They
// wipe the database they are given: never point them at real data.

func testConfig(t testing.TB) Config {
	t.Helper()
	return Config{URI: graphtest.Neo4jURI(t), User: os.Getenv("NEO4J_USER"), Password: os.Getenv("NEO4J_PASSWORD"), Database: os.Getenv("NEO4J_DATABASE")}
}

func testLogger(t testing.TB) *slog.Logger {
	level := slog.LevelWarn
	if os.Getenv("NEO4J_TEST_DEBUG") != "" {
		level = slog.LevelDebug
	}
	return slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: level}))
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) { w.t.Log(string(p)); return len(p), nil }

// mustOpen opens a store on the test server and empties the database.
// Tests using it must not run in parallel: they share one database.
func mustOpen(t testing.TB, cfg Config) *Store {
	t.Helper()
	ctx := context.Background()
	s, err := Open(ctx, cfg, graph.DefaultLimits(), testLogger(t))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	if err := s.wipe(ctx); err != nil {
		t.Fatalf("wipe: %v", err)
	}
	return s
}

// wipe deletes every node and relationship, in batches so that it works
// on large graphs too. Tests only.
func (s *Store) wipe(ctx context.Context) error {
	for {
		res, err := neo4j.ExecuteQuery(ctx, s.driver, "MATCH (n) WITH n LIMIT 20000 DETACH DELETE n RETURN count(*) AS c",
			nil, neo4j.EagerResultTransformer, s.writeOpts()...)
		if err != nil {
			return mapErr(err)
		}
		if c, _, _ := neo4j.GetRecordValue[int64](res.Records[0], "c"); c == 0 {
			return nil
		}
	}
}

// randomGraph makes a seeded random graph with the shapes the queries
// care about: parallel relationships, cycles, self-loops, shared names,
// aliases, dated relationships and isolated nodes.
func randomGraph(seed uint64, nodes, rels int) graph.Graph {
	r := rand.New(rand.NewPCG(seed, 42))
	labels := []string{"Country", "Person", "Company", "PublicBody", "Document"}
	types := []string{"SPIES_ON", "COOPERATES_WITH", "PART_OF", "MENTIONS", "SUPPLIES"}
	names := []string{"Alpha", "Alphabet", "Beta", "Gamma Ray", "alpha beta", "Delta", "Omega Alpha", "Zed"}
	var g graph.Graph
	for i := range nodes {
		key := fmt.Sprintf("n%03d", i)
		props := map[string]any{"rank": int64(i), "score": float64(i) / 4}
		if i%7 != 3 {
			props[graph.PropName] = names[r.IntN(len(names))] + fmt.Sprint(r.IntN(3))
		}
		if i%3 == 0 {
			props[graph.PropAliases] = []any{names[r.IntN(len(names))], "AKA " + key}
		}
		ls := []string{labels[r.IntN(len(labels))]}
		if i%2 == 0 {
			ls = append(ls, graph.LabelActor)
		}
		g.Nodes = append(g.Nodes, graph.Node{ID: graph.NodeID(key), Key: key, Labels: ls, Properties: props})
	}
	for i := range rels {
		a, b := r.IntN(nodes-2), r.IntN(nodes-2) // the last two nodes stay isolated
		t := types[r.IntN(len(types))]
		props := map[string]any{graph.PropPolarity: graph.Neutral, "n": int64(i)}
		switch i % 5 {
		case 1:
			props[graph.PropSince] = fmt.Sprintf("%d", 2000+r.IntN(20))
		case 2:
			props[graph.PropUntil] = fmt.Sprintf("%d-%02d", 2000+r.IntN(20), 1+r.IntN(12))
		}
		sk, ek := g.Nodes[a].Key, g.Nodes[b].Key
		g.Relationships = append(g.Relationships, graph.Relationship{
			ID: graph.RelID(sk, t, ek, fmt.Sprint(i)), Type: t,
			Start: g.Nodes[a].ID, End: g.Nodes[b].ID, Properties: props,
		})
	}
	return g
}

func canon(g graph.Graph) graph.Graph {
	out := graph.Graph{Nodes: []graph.Node{}, Relationships: []graph.Relationship{}}
	for _, n := range g.Nodes {
		p, _ := graph.NormalizeProperties(n.Properties)
		out.Nodes = append(out.Nodes, graph.Node{ID: n.ID, Key: n.Key, Labels: append([]string(nil), n.Labels...), Properties: p})
	}
	for _, r := range g.Relationships {
		p, _ := graph.NormalizeProperties(r.Properties)
		out.Relationships = append(out.Relationships, graph.Relationship{ID: r.ID, Type: r.Type, Start: r.Start, End: r.End, Properties: p})
	}
	graph.SortGraph(&out)
	return out
}

func mustLoad(t testing.TB, s graph.Store, g graph.Graph) graph.LoadStats {
	t.Helper()
	st, err := s.Load(context.Background(), g)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return st
}

func mustDump(t testing.TB, s graph.Store) graph.Graph {
	t.Helper()
	g, err := s.Dump(context.Background(), 1<<30)
	if err != nil {
		t.Fatalf("Dump: %v", err)
	}
	return g
}

func diff(t *testing.T, what string, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s differs:\n got  %#v\n want %#v", what, got, want)
	}
}

func TestLoadDumpIdempotent(t *testing.T) {
	s := mustOpen(t, testConfig(t))
	g := randomGraph(1, 60, 150)
	st := mustLoad(t, s, g)
	diff(t, "first load stats", st, graph.LoadStats{NodesCreated: 60, RelationshipsCreated: 150})
	want := canon(g)
	diff(t, "dump", mustDump(t, s), want)

	st = mustLoad(t, s, g)
	diff(t, "second load stats", st, graph.LoadStats{NodesMatched: 60, RelationshipsMatched: 150})
	diff(t, "dump after second load", mustDump(t, s), want)

	// A reload replaces properties and labels of matched nodes.
	g2 := randomGraph(1, 60, 150)
	g2.Nodes[0].Labels = []string{"Company"}
	g2.Nodes[0].Properties = map[string]any{"only": "this"}
	g2.Relationships[0].Properties = map[string]any{"x": int64(1)}
	mustLoad(t, s, graph.Graph{Nodes: g2.Nodes[:1], Relationships: g2.Relationships[:1]})
	diff(t, "dump after partial reload", mustDump(t, s), canon(g2))
}

func TestLoadValidation(t *testing.T) {
	s := mustOpen(t, testConfig(t))
	base := randomGraph(2, 10, 10)
	mustLoad(t, s, base)
	before := mustDump(t, s)
	other := graph.NodeID("x")
	tests := []struct {
		name string
		edit func(g *graph.Graph)
		kind graph.Kind
	}{
		{"bad node id", func(g *graph.Graph) { g.Nodes[1].ID = "nope" }, graph.KindInvalid},
		{"no key", func(g *graph.Graph) { g.Nodes[1].Key = "" }, graph.KindInvalid},
		{"no label", func(g *graph.Graph) { g.Nodes[1].Labels = nil }, graph.KindInvalid},
		{"label injection", func(g *graph.Graph) { g.Nodes[1].Labels = []string{"X`) DETACH DELETE n //"} }, graph.KindInvalid},
		{"duplicate node", func(g *graph.Graph) { g.Nodes = append(g.Nodes, g.Nodes[1]) }, graph.KindInvalid},
		{"bad rel type", func(g *graph.Graph) { g.Relationships[0].Type = "spies on" }, graph.KindInvalid},
		{"dangling end", func(g *graph.Graph) { g.Relationships[0].End = other }, graph.KindInvalid},
		{"map property", func(g *graph.Graph) { g.Nodes[1].Properties["m"] = map[string]any{"a": 1} }, graph.KindInvalid},
		{"mixed list", func(g *graph.Graph) { g.Nodes[1].Properties["l"] = []any{"a", int64(1)} }, graph.KindInvalid},
		{"reserved id property", func(g *graph.Graph) { g.Relationships[0].Properties["id"] = "x" }, graph.KindInvalid},
		{"key taken by another id", func(g *graph.Graph) { g.Nodes[1].ID = other }, graph.KindConflict},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := randomGraph(2, 10, 10)
			// A new node in front so that a failed load would show.
			g.Nodes = append([]graph.Node{{ID: graph.NodeID("fresh"), Key: "fresh", Labels: []string{"Person"}}}, g.Nodes...)
			tt.edit(&g)
			_, err := s.Load(context.Background(), g)
			if graph.KindOf(err) != tt.kind {
				t.Fatalf("Load: got %v (kind %q), want kind %q", err, graph.KindOf(err), tt.kind)
			}
			diff(t, "dump after refused load", mustDump(t, s), before)
		})
	}
}

// TestLoadKilledMidway cancels a load after its first committed batch,
// then loads again: the store must converge to the same graph.
func TestLoadKilledMidway(t *testing.T) {
	cfg := testConfig(t)
	cfg.BatchSize = 50
	s := mustOpen(t, cfg)
	g := randomGraph(3, 120, 300)
	ctx, cancel := context.WithCancel(context.Background())
	s.afterBatch = func(i int) {
		if i == 1 {
			cancel()
		}
	}
	if _, err := s.Load(ctx, g); err == nil {
		t.Fatal("the cancelled load succeeded")
	}
	s.afterBatch = nil
	partial := mustDump(t, s)
	if n := len(partial.Nodes) + len(partial.Relationships); n == 0 || n >= 420 {
		t.Fatalf("the cancelled load wrote %d items; want some but not all", n)
	}
	st := mustLoad(t, s, g)
	if st.NodesMatched == 0 || st.NodesCreated+st.NodesMatched != 120 || st.RelationshipsCreated+st.RelationshipsMatched != 300 {
		t.Errorf("stats after rerun: %+v", st)
	}
	diff(t, "dump after rerun", mustDump(t, s), canon(g))

	// The statements used when a batch is retried (MERGE throughout)
	// converge too, from empty and from a partial load.
	for _, partial := range []bool{false, true} {
		if err := s.wipe(context.Background()); err != nil {
			t.Fatal(err)
		}
		if partial {
			mustLoad(t, s, graph.Graph{Nodes: g.Nodes, Relationships: g.Relationships[:100]})
		}
		s.alwaysSafe = true
		mustLoad(t, s, g)
		s.alwaysSafe = false
		diff(t, fmt.Sprintf("dump after a load by retry statements (partial %v)", partial), mustDump(t, s), canon(g))
	}
}

// TestSameAsMemstore runs the same queries on this store and on memstore
// (the reference) over random graphs and demands identical answers.
func TestSameAsMemstore(t *testing.T) {
	s := mustOpen(t, testConfig(t))
	ctx := context.Background()
	for _, seed := range []uint64{7, 8} {
		if err := s.wipe(ctx); err != nil {
			t.Fatal(err)
		}
		g := randomGraph(seed, 40, 90)
		m := memstore.New(graph.DefaultLimits())
		mustLoad(t, m, g)
		mustLoad(t, s, g)
		diff(t, "dump", mustDump(t, s), mustDump(t, m))
		sa, err1 := s.Schema(ctx)
		sb, err2 := m.Schema(ctx)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		diff(t, "schema", sa, sb)

		// A search cap of 2 sends most texts down the walk in name order,
		// which large graphs take for common texts.
		for _, searchCap := range []int{defaultSearchCap, 2} {
			s.searchCap = searchCap
			for _, q := range []graph.SearchQuery{
				{}, {Text: "alpha"}, {Text: "ALPHA", Limit: 3}, {Text: "a"}, {Text: "aka n00"}, {Text: "n00"}, {Text: "Alpha", Limit: 1},
				{Text: "beta", Labels: []string{"Actor"}}, {Labels: []string{"Person", "Actor"}}, {Text: "zzz"}, {Labels: []string{"Nope"}},
				{Text: "gamma ray0"}, {Text: "zed", Limit: 2}, {Text: "alpha", Labels: []string{"Country"}, Limit: 4},
			} {
				a, err1 := s.Search(ctx, q)
				b, err2 := m.Search(ctx, q)
				diff(t, fmt.Sprintf("seed %d cap %d search %+v error", seed, searchCap, q), graph.KindOf(err1), graph.KindOf(err2))
				diff(t, fmt.Sprintf("seed %d cap %d search %+v", seed, searchCap, q), a, b)
			}
		}
		s.searchCap = defaultSearchCap
		for i := 0; i < 40; i += 3 {
			id := g.Nodes[i].ID
			for _, q := range []graph.NeighborhoodQuery{
				{}, {Depth: 2}, {Depth: 3, Limit: 7}, {Depth: 2, Direction: graph.Outgoing}, {Depth: 2, Direction: graph.Incoming, Limit: 4},
				{Depth: 2, Types: []string{"SPIES_ON", "PART_OF"}}, {Depth: 3, AsOf: "2010"}, {Depth: 4, Limit: 1},
			} {
				a, err1 := s.Neighborhood(ctx, id, q)
				b, err2 := m.Neighborhood(ctx, id, q)
				diff(t, fmt.Sprintf("seed %d neighborhood %s %+v error", seed, g.Nodes[i].Key, q), graph.KindOf(err1), graph.KindOf(err2))
				diff(t, fmt.Sprintf("seed %d neighborhood %s %+v", seed, g.Nodes[i].Key, q), a, b)
			}
		}
		for i := 0; i < 40; i += 5 {
			for j := 1; j < 40; j += 7 {
				for _, q := range []graph.PathQuery{
					{K: 5}, {K: 3, Direction: graph.Outgoing, MaxLength: 4}, {K: 10, Types: []string{"SPIES_ON", "COOPERATES_WITH", "MENTIONS"}},
					{K: 2, Direction: graph.Incoming},
				} {
					q.From, q.To = g.Nodes[i].ID, g.Nodes[j].ID
					a, err1 := s.Paths(ctx, q)
					b, err2 := m.Paths(ctx, q)
					diff(t, fmt.Sprintf("seed %d paths %+v error", seed, q), graph.KindOf(err1), graph.KindOf(err2))
					diff(t, fmt.Sprintf("seed %d paths %s->%s %+v", seed, g.Nodes[i].Key, g.Nodes[j].Key, q), a, b)
				}
			}
		}
		ids := []string{g.Nodes[0].ID, g.Nodes[5].ID, g.Nodes[9].ID, g.Nodes[5].ID, g.Nodes[20].ID}
		a, err1 := s.Subgraph(ctx, ids)
		b, err2 := m.Subgraph(ctx, ids)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		diff(t, "subgraph", a, b)
		_, err1 = s.Subgraph(ctx, []string{graph.NodeID("missing")})
		diff(t, "subgraph of a missing node", graph.KindOf(err1), graph.KindNotFound)
	}
}

func TestNotFound(t *testing.T) {
	s := mustOpen(t, testConfig(t))
	ctx := context.Background()
	_, err := s.Node(ctx, graph.NodeID("nobody"))
	diff(t, "Node", graph.KindOf(err), graph.KindNotFound)
	_, err = s.NodeByKey(ctx, "nobody")
	diff(t, "NodeByKey", graph.KindOf(err), graph.KindNotFound)
	_, err = s.Neighborhood(ctx, graph.NodeID("nobody"), graph.NeighborhoodQuery{})
	diff(t, "Neighborhood", graph.KindOf(err), graph.KindNotFound)
	_, err = s.Neighborhood(ctx, graph.NodeID("nobody"), graph.NeighborhoodQuery{Depth: 99})
	diff(t, "Neighborhood depth 99", graph.KindOf(err), graph.KindInvalid)
	if err := s.Ping(ctx); err != nil {
		t.Errorf("Ping: %v", err)
	}
}

func TestOpenUnreachable(t *testing.T) {
	testConfig(t)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	// Port 1 is never a Neo4j server.
	_, err := Open(ctx, Config{URI: "bolt://127.0.0.1:1"}, graph.DefaultLimits(), nil)
	diff(t, "Open on a closed port", graph.KindOf(err), graph.KindUnavailable)
}

func asError(err error, target **graph.Error) bool { return errors.As(err, target) }

// TestReloadLikeMemstore reloads changed items (a relationship with a new
// type, one with a new end, a node with a new key, new labels, fewer
// properties) and demands the same stats and graph as memstore.
func TestReloadLikeMemstore(t *testing.T) {
	s := mustOpen(t, testConfig(t))
	m := memstore.New(graph.DefaultLimits())
	g := randomGraph(11, 20, 40)
	mustLoad(t, s, g)
	mustLoad(t, m, g)
	var change graph.Graph
	r0, r1 := g.Relationships[0], g.Relationships[1]
	r0.Type = "DISTRUSTS"
	r1.End = g.Nodes[19].ID
	n2, n3, n4 := g.Nodes[2], g.Nodes[3], g.Nodes[4]
	n2.Key = "renamed"
	n3.Labels = []string{"Bloc"}
	n4.Properties = map[string]any{graph.PropName: "Only a name"}
	change.Relationships = []graph.Relationship{r0, r1}
	change.Nodes = []graph.Node{n2, n3, n4}
	st1 := mustLoad(t, s, change)
	st2 := mustLoad(t, m, change)
	diff(t, "stats", st1, st2)
	diff(t, "dump", mustDump(t, s), mustDump(t, m))
	sa, err1 := s.Schema(context.Background())
	sb, err2 := m.Schema(context.Background())
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	diff(t, "schema", sa, sb)
}
