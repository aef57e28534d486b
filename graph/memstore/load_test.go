package memstore_test

import (
	"context"
	"errors"
	"reflect"
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
