package memstore_test

import (
	"context"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
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
		t.Run(c.name, func(t *testing.T) {
			s := memstore.New(graph.DefaultLimits())
			if _, err := s.Load(ctx, graphtest.Synthetic()); err != nil {
				t.Fatal(err)
			}
			_, err := s.Load(ctx, c.load)
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
