package metrics

import (
	"context"
	"testing"

	"gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/simple"

	"github.com/actorgraph/actorgraph/graph/gen"
)

// BenchmarkBetweenness compares gonum's Brandes betweenness on gonum's
// map-backed simple graph with the same algorithm on our slice-backed
// adjacency (why Compute uses it), and times the whole of Compute.
//
//	go test ./graph/metrics -run '^$' -bench . -benchtime 3x
func BenchmarkBetweenness(b *testing.B) {
	g := gen.PreferentialAttachment(1000, 3000, 1)
	und := simple.NewWeightedUndirectedGraph(0, 0)
	index := map[string]int64{}
	for i, n := range g.Nodes {
		index[n.ID] = int64(i)
		und.AddNode(simple.Node(i))
	}
	for _, r := range g.Relationships {
		if u, v := index[r.Start], index[r.End]; u != v {
			und.SetWeightedEdge(simple.WeightedEdge{F: simple.Node(u), T: simple.Node(v), W: 1})
		}
	}
	b.Run("gonum-simple-graph", func(b *testing.B) {
		for b.Loop() {
			network.Betweenness(und)
		}
	})
	b.Run("slice-adjacency", func(b *testing.B) {
		for b.Loop() {
			network.Betweenness(newAdjacency(und, len(g.Nodes)))
		}
	})
	b.Run("compute-all", func(b *testing.B) {
		for b.Loop() {
			if _, err := Compute(context.Background(), g); err != nil {
				b.Fatal(err)
			}
		}
	})
}
