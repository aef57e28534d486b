package metrics

import (
	"context"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/exchange"
	"github.com/actorgraph/actorgraph/graph/gen"
)

// TestCommunitiesAreStable computes the metrics of one graph again and
// again, its nodes and relationships in a new order each time: one graph
// gets one partition into communities, numbered and headed the same way.
// (The head of a community, the member of highest PageRank, used to
// follow the last digits of ranks that are equal in theory, and those
// digits follow the order of gonum's map-backed graphs.)
func TestCommunitiesAreStable(t *testing.T) {
	article, err := exchange.ReadFiles("../../seeds")
	if err != nil {
		t.Fatal(err)
	}
	conflict := article
	conflict.Relationships = nil
	for _, r := range article.Relationships {
		if slices.Contains([]string{"SPIES_ON", "RIVALS", "ACCUSES"}, r.Type) {
			conflict.Relationships = append(conflict.Relationships, r)
		}
	}
	for _, c := range []struct {
		name string
		g    graph.Graph
	}{
		{"article", article},
		{"article, three conflict types", conflict},
		{"generated, 400 nodes, 1200 relationships", gen.PreferentialAttachment(400, 1200, 5)},
	} {
		t.Run(c.name, func(t *testing.T) {
			first, err := Compute(context.Background(), c.g)
			if err != nil {
				t.Fatal(err)
			}
			if len(first.Communities) < 2 {
				t.Fatalf("%d communities; the fixture should have several", len(first.Communities))
			}
			r := rand.New(rand.NewPCG(1, 2))
			for i := range 20 {
				h := graph.Graph{Nodes: slices.Clone(c.g.Nodes), Relationships: slices.Clone(c.g.Relationships)}
				r.Shuffle(len(h.Nodes), func(a, b int) { h.Nodes[a], h.Nodes[b] = h.Nodes[b], h.Nodes[a] })
				r.Shuffle(len(h.Relationships), func(a, b int) { h.Relationships[a], h.Relationships[b] = h.Relationships[b], h.Relationships[a] })
				got, err := Compute(context.Background(), h)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got.Communities, first.Communities) {
					t.Fatalf("run %d: communities\n%v\nfirst run\n%v", i, got.Communities, first.Communities)
				}
				for j := range got.Nodes {
					if got.Nodes[j].Community != first.Nodes[j].Community {
						t.Fatalf("run %d: %s in community %d, first run %d", i, got.Nodes[j].Key, got.Nodes[j].Community, first.Nodes[j].Community)
					}
				}
			}
		})
	}
}
