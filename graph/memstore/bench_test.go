package memstore_test

import (
	"context"
	"flag"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/gen"
	"github.com/actorgraph/actorgraph/graph/memstore"
)

// The benchmark graph's size. CI uses the small default; `make bench`
// passes -nodes 1000000 -rels 5000000. For the full table with heap and
// percentiles, see cmd/bench.
var (
	benchNodes = flag.Int("nodes", 20_000, "nodes in the benchmark graph")
	benchRels  = flag.Int("rels", 100_000, "relationships in the benchmark graph")
)

var benchGraph = sync.OnceValue(func() graph.Graph {
	return gen.PreferentialAttachment(*benchNodes, *benchRels, 1)
})

var benchStore = sync.OnceValue(func() *memstore.Store {
	s := memstore.New(graph.DefaultLimits())
	if _, err := s.Load(context.Background(), benchGraph()); err != nil {
		panic(err)
	}
	return s
})

func BenchmarkLoad(b *testing.B) {
	g := benchGraph()
	runtime.GC()
	b.ResetTimer()
	for b.Loop() {
		s := memstore.New(graph.DefaultLimits())
		if _, err := s.Load(context.Background(), g); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(g.Relationships))*float64(b.N)/b.Elapsed().Seconds(), "rels/s")
}

// latency runs q on random nodes and reports percentiles besides the mean.
func latency(b *testing.B, q func(a, z graph.Node) error) {
	g := benchGraph()
	benchStore() // build outside the timing
	rng := rand.New(rand.NewPCG(1, 2))
	var ds []time.Duration
	b.ResetTimer()
	for b.Loop() {
		a, z := g.Nodes[rng.IntN(len(g.Nodes))], g.Nodes[rng.IntN(len(g.Nodes))]
		t := time.Now()
		if err := q(a, z); err != nil {
			b.Fatal(err)
		}
		ds = append(ds, time.Since(t))
	}
	slices.Sort(ds)
	b.ReportMetric(float64(ds[len(ds)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(ds[len(ds)*99/100].Microseconds()), "p99-µs")
}

func BenchmarkNeighborhood(b *testing.B) {
	ctx := context.Background()
	for _, depth := range []int{1, 2, 3} {
		b.Run("depth="+string(rune('0'+depth)), func(b *testing.B) {
			latency(b, func(a, _ graph.Node) error {
				_, err := benchStore().Neighborhood(ctx, a.ID, graph.NeighborhoodQuery{Depth: depth})
				return err
			})
		})
	}
}

func BenchmarkShortestPath(b *testing.B) {
	ctx := context.Background()
	latency(b, func(a, z graph.Node) error {
		_, err := benchStore().Paths(ctx, graph.PathQuery{From: a.ID, To: z.ID, K: 1})
		return err
	})
}

func BenchmarkSearch(b *testing.B) {
	ctx := context.Background()
	latency(b, func(a, _ graph.Node) error {
		_, err := benchStore().Search(ctx, graph.SearchQuery{Text: a.Name()[:4], Limit: 20})
		return err
	})
}
