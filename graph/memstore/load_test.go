package memstore_test

import (
	"context"
	"errors"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/gen"
	"github.com/actorgraph/actorgraph/graph/graphtest"
	"github.com/actorgraph/actorgraph/graph/memstore"
)

// TestLoadKeys covers what the conformance suite leaves to each backend:
// how keys and duplicate ids are policed.
func TestLoadKeys(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	node := func(id, key string) graph.Node {
		return graph.Node{ID: graph.NodeID(id), Key: key, Labels: []string{"Actor"}}
	}
	cases := []struct {
		name string
		load graph.Graph
		kind graph.Kind
	}{
		{"a key taken by another stored node", graph.Graph{Nodes: []graph.Node{node("other", "alpha")}}, graph.KindConflict},
		{"one key twice in a graph", graph.Graph{Nodes: []graph.Node{node("x", "same"), node("y", "same")}}, graph.KindInvalid},
		{"one id twice in a graph", graph.Graph{Nodes: []graph.Node{node("x", "x1"), node("x", "x2")}}, graph.KindInvalid},
		{"upper-case id", graph.Graph{Nodes: []graph.Node{{ID: "6F1C1A52-3B8E-4D59-9A57-0A7C7A3F2E10", Key: "u", Labels: []string{"Actor"}}}}, graph.KindInvalid},
		{"a key moved to a node whose old key is reused", graph.Graph{Nodes: []graph.Node{
			{ID: graph.NodeID("alpha"), Key: "alpha-renamed", Labels: []string{"Country"}},
			node("new-alpha", "alpha"),
		}}, ""},
	}
	for _, c := range cases {
		for _, how := range loaders {
			t.Run(how.name+"/"+c.name, func(t *testing.T) {
				s := memstore.New(graph.DefaultLimits())
				if _, err := s.Load(ctx, graphtest.Synthetic()); err != nil {
					t.Fatal(err)
				}
				_, err := how.load(ctx, s, c.load)
				if got := graph.KindOf(err); got != c.kind {
					t.Fatalf("kind = %q (%v), want %q", got, err, c.kind)
				}
				if c.kind != "" {
					return
				}
				n, err := s.NodeByKey(ctx, "alpha")
				if err != nil || n.ID != graph.NodeID("new-alpha") {
					t.Errorf("alpha now = %v, %v", n.ID, err)
				}
				n, err = s.NodeByKey(ctx, "alpha-renamed")
				if err != nil || n.ID != graph.NodeID("alpha") || len(n.Properties) != 0 {
					t.Errorf("alpha-renamed = %+v, %v", n, err)
				}
			})
		}
	}
}

// loaders are the two ways into the store: a whole graph, and a stream.
var loaders = []struct {
	name string
	load func(context.Context, *memstore.Store, graph.Graph) (graph.LoadStats, error)
}{
	{"Load", func(ctx context.Context, s *memstore.Store, g graph.Graph) (graph.LoadStats, error) {
		return s.Load(ctx, g)
	}},
	{"LoadStream", func(ctx context.Context, s *memstore.Store, g graph.Graph) (graph.LoadStats, error) {
		return s.LoadStream(ctx, g.Stream())
	}},
}

// TestLoadStream checks that a streamed load builds the same store as a
// whole one, and that a stream that fails part way changes nothing.
func TestLoadStream(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	g := gen.PreferentialAttachment(3000, 12000, 5)
	whole, streamed := memstore.New(graph.DefaultLimits()), memstore.New(graph.DefaultLimits())
	ws, err := whole.Load(ctx, g)
	if err != nil {
		t.Fatal(err)
	}
	ss, err := streamed.LoadStream(ctx, g.Stream())
	if err != nil {
		t.Fatal(err)
	}
	if ws != ss {
		t.Errorf("stats: whole %+v, streamed %+v", ws, ss)
	}
	a, err := whole.Dump(ctx, 1e6)
	if err != nil {
		t.Fatal(err)
	}
	b, err := streamed.Dump(ctx, 1e6)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Fatal("a streamed load differs from a whole one")
	}

	stop := errors.New("the source broke")
	half := func(node func(graph.Node) error, rel func(graph.Relationship) error) error {
		for _, r := range g.Relationships[:len(g.Relationships)/2] {
			if err := rel(r); err != nil {
				return err
			}
		}
		return stop
	}
	if _, err := streamed.LoadStream(ctx, half); err != stop {
		t.Fatalf("err = %v, want the source's", err)
	}
	c, err := streamed.Dump(ctx, 1e6)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, c) {
		t.Fatal("a failed streamed load changed the store")
	}
}

// TestLoadOrders checks that the store comes out the same whatever the
// order things arrive in: a streamed load whose relationships come
// before, or among, the nodes they join (endpoints are then resolved at
// the end rather than as they arrive), items out of id order, and a load
// merged into a store that already holds part of the graph, its
// relationships joining old nodes to new ones and replacing old
// relationships.
func TestLoadOrders(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	g := gen.PreferentialAttachment(6000, 24000, 7)
	want := dumpOf(t, g)
	rng := rand.New(rand.NewPCG(1, 2))
	shuffled := graph.Graph{Nodes: slices.Clone(g.Nodes), Relationships: slices.Clone(g.Relationships)}
	rng.Shuffle(len(shuffled.Nodes), func(i, j int) { shuffled.Nodes[i], shuffled.Nodes[j] = shuffled.Nodes[j], shuffled.Nodes[i] })
	rng.Shuffle(len(shuffled.Relationships), func(i, j int) {
		shuffled.Relationships[i], shuffled.Relationships[j] = shuffled.Relationships[j], shuffled.Relationships[i]
	})
	// interleave yields a third of the nodes, then half the
	// relationships, then the other nodes and relationships.
	interleave := func(node func(graph.Node) error, rel func(graph.Relationship) error) error {
		n, r := len(shuffled.Nodes)/3, len(shuffled.Relationships)/2
		for _, step := range []func() error{
			func() error { return each(shuffled.Nodes[:n], node) },
			func() error { return each(shuffled.Relationships[:r], rel) },
			func() error { return each(shuffled.Nodes[n:], node) },
			func() error { return each(shuffled.Relationships[r:], rel) },
		} {
			if err := step(); err != nil {
				return err
			}
		}
		return nil
	}
	relsFirst := func(node func(graph.Node) error, rel func(graph.Relationship) error) error {
		if err := each(shuffled.Relationships, rel); err != nil {
			return err
		}
		return each(shuffled.Nodes, node)
	}
	streams := []struct {
		name string
		src  graph.Stream
	}{
		{"shuffled", shuffled.Stream()},
		{"interleaved", interleave},
		{"relationships first", relsFirst},
	}
	for _, c := range streams {
		t.Run(c.name, func(t *testing.T) {
			s := memstore.New(graph.DefaultLimits())
			if _, err := s.LoadStream(ctx, c.src); err != nil {
				t.Fatal(err)
			}
			if got := dump(t, s); !reflect.DeepEqual(got, want) {
				t.Fatal("the store differs from a load of the graph in order")
			}
		})
	}

	// The first load holds half the nodes and the relationships among
	// them. The second holds the last two thirds of the nodes (a sixth
	// reloaded) and every relationship but half the first's, which stay
	// as the first load had them, joining old nodes and reloaded ones.
	nodes := shuffled.Nodes
	first := graph.Graph{Nodes: nodes[:len(nodes)/2]}
	in := map[string]bool{}
	for _, n := range first.Nodes {
		in[n.ID] = true
	}
	second := graph.Graph{Nodes: nodes[len(nodes)/3:]}
	merged := graph.Graph{Nodes: nodes}
	for _, r := range g.Relationships {
		if !in[r.Start] || !in[r.End] {
			second.Relationships = append(second.Relationships, r)
			merged.Relationships = append(merged.Relationships, r)
			continue
		}
		old := r
		old.Properties = map[string]any{"since": "1900", "stale": true}
		first.Relationships = append(first.Relationships, old)
		if len(first.Relationships)%2 == 0 {
			second.Relationships = append(second.Relationships, r)
			merged.Relationships = append(merged.Relationships, r)
		} else {
			merged.Relationships = append(merged.Relationships, old)
		}
	}
	if len(first.Relationships) < 100 {
		t.Fatalf("the first load has only %d relationships", len(first.Relationships))
	}
	wantMerged := dumpOf(t, merged)
	for _, how := range loaders {
		t.Run("merged/"+how.name, func(t *testing.T) {
			s := memstore.New(graph.DefaultLimits())
			if _, err := how.load(ctx, s, first); err != nil {
				t.Fatal(err)
			}
			st, err := how.load(ctx, s, second)
			if err != nil {
				t.Fatal(err)
			}
			again, kept := len(first.Nodes)-len(nodes)/3, (len(first.Relationships)+1)/2
			wantStats := graph.LoadStats{
				NodesCreated: len(second.Nodes) - again, NodesMatched: again,
				RelationshipsCreated: len(second.Relationships) - (len(first.Relationships) - kept), RelationshipsMatched: len(first.Relationships) - kept,
			}
			if st != wantStats {
				t.Errorf("stats = %+v, want %+v", st, wantStats)
			}
			if got := dump(t, s); !reflect.DeepEqual(got, wantMerged) {
				t.Fatal("the merged store differs from a load of the merged graph")
			}
		})
	}
}

// TestLoadMissingEndpoint checks that both loaders name the same
// relationship and node when an endpoint is nowhere, and leave the store
// as it was.
func TestLoadMissingEndpoint(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	g := gen.PreferentialAttachment(5000, 20000, 3)
	missing := graph.NodeID("not-in-any-graph")
	bad := graph.Graph{Nodes: g.Nodes, Relationships: slices.Clone(g.Relationships)}
	bad.Relationships[17].End = missing
	bad.Relationships[4000].Start = missing
	var errs []string
	for _, how := range loaders {
		s := memstore.New(graph.DefaultLimits())
		if _, err := s.Load(ctx, graphtest.Synthetic()); err != nil {
			t.Fatal(err)
		}
		before := dump(t, s)
		_, err := how.load(ctx, s, bad)
		if graph.KindOf(err) != graph.KindInvalid || !strings.Contains(err.Error(), missing) {
			t.Fatalf("%s: err = %v, want KindInvalid naming %s", how.name, err, missing)
		}
		if !reflect.DeepEqual(dump(t, s), before) {
			t.Fatalf("%s: a rejected load changed the store", how.name)
		}
		errs = append(errs, err.Error())
	}
	if errs[0] != errs[1] {
		t.Errorf("the loaders disagree:\n%s\n%s", errs[0], errs[1])
	}
}

func each[T any](items []T, yield func(T) error) error {
	for _, it := range items {
		if err := yield(it); err != nil {
			return err
		}
	}
	return nil
}

func dumpOf(t *testing.T, g graph.Graph) graph.Graph {
	t.Helper()
	s := memstore.New(graph.DefaultLimits())
	if _, err := s.Load(context.Background(), g); err != nil {
		t.Fatal(err)
	}
	return dump(t, s)
}

func dump(t *testing.T, s *memstore.Store) graph.Graph {
	t.Helper()
	g, err := s.Dump(context.Background(), 1e6)
	if err != nil {
		t.Fatal(err)
	}
	return g
}
