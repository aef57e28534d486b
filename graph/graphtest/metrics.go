package graphtest

import (
	"context"
	"maps"
	"slices"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/metrics"
)

// MetricsCase is a network-metrics question over Synthetic. The answers
// are read off the drawing in fixtures.go: which nodes and relationships
// the view holds (as each node's degree), which node lies on the most
// shortest paths, and which nodes any modularity-optimising partition
// keeps together (a leaf always joins its only neighbour's community).
// The numbers themselves are checked against NetworkX in the web
// package's tests.
type MetricsCase struct {
	Name     string
	View     metrics.View
	MaxNodes int // 0: graph.DefaultLimits().MaxMetrics
	// WantDegree lists every node of the view with its degree.
	WantDegree map[string]int
	// WantTruncated is the neighbourhood's truncation flag.
	WantTruncated bool
	// WantTop is the node of highest betweenness; "" means none has any.
	WantTop string
	// WantTogether are groups of nodes that must share a community.
	WantTogether [][]string
	// WantKind and WantParam describe an expected error.
	WantKind  graph.Kind
	WantParam string
}

// MetricsCases are the metrics cases over Synthetic.
func MetricsCases() []MetricsCase {
	whole := map[string]int{"alpha": 7, "beta": 5, "gamma": 3, "delta": 3, "epsilon": 2, "zeta": 2, "eta": 2,
		"theta": 1, "iota": 1, "alphabet": 1, "lambda": 1, "kappa": 0, "mu-a": 0, "mu-b": 0}
	in2013 := maps.Clone(whole)
	in2013["alpha"], in2013["theta"], in2013["iota"] = 5, 0, 0
	return []MetricsCase{
		{Name: "whole graph", View: metrics.View{}, WantDegree: whole, WantTop: "alpha",
			WantTogether: [][]string{{"alphabet", "eta"}, {"lambda", "beta"}, {"theta", "alpha"}}},
		{Name: "as of 2013 drops a tie that ended and one that began later", View: metrics.View{Query: graph.NeighborhoodQuery{AsOf: "2013"}},
			WantDegree: in2013, WantTop: "alpha"},
		{Name: "one type", View: metrics.View{Query: graph.NeighborhoodQuery{Types: []string{"SUPPLIES"}}},
			WantDegree: map[string]int{"alpha": 1, "beta": 1, "gamma": 0, "delta": 1, "epsilon": 0, "zeta": 0, "eta": 2,
				"theta": 0, "iota": 0, "alphabet": 1, "lambda": 0, "kappa": 0, "mu-a": 0, "mu-b": 0},
			WantTop: "eta", WantTogether: [][]string{{"alphabet", "eta", "alpha"}, {"beta", "delta"}}},
		{Name: "one kind", View: metrics.View{Labels: []string{"Country"}},
			WantDegree: map[string]int{"alpha": 2, "beta": 2}, WantTogether: [][]string{{"alpha", "beta"}}},
		{Name: "around a node follows the neighbourhood's rules", View: metrics.View{Around: "alpha", Query: graph.NeighborhoodQuery{Depth: 1, Limit: 100}},
			WantDegree: map[string]int{"alpha": 7, "beta": 2, "gamma": 1, "epsilon": 1, "eta": 1, "theta": 1, "iota": 1}, WantTop: "alpha"},
		{Name: "around a node cut by its limit", View: metrics.View{Around: "alpha", Query: graph.NeighborhoodQuery{Depth: 2, Limit: 7}},
			WantDegree: map[string]int{"alpha": 7, "beta": 3, "gamma": 2, "epsilon": 1, "eta": 1, "theta": 1, "iota": 1},
			WantTop:    "alpha", WantTruncated: true},
		{Name: "a node list and the relationships among them", View: metrics.View{Nodes: []string{"alpha", "beta", graph.NodeID("gamma")}},
			WantDegree: map[string]int{"alpha": 3, "beta": 3, "gamma": 2}},
		{Name: "the whole graph past the bound", MaxNodes: 13, WantKind: graph.KindInvalid, WantParam: "around"},
		{Name: "a neighbourhood past the bound", View: metrics.View{Around: "alpha", Query: graph.NeighborhoodQuery{Depth: 2, Limit: 100}},
			MaxNodes: 5, WantKind: graph.KindInvalid, WantParam: "depth"},
		{Name: "a node list past the bound", View: metrics.View{Nodes: []string{"alpha", "beta", "gamma"}}, MaxNodes: 2,
			WantKind: graph.KindInvalid, WantParam: "nodes"},
		{Name: "an empty node list", View: metrics.View{Nodes: []string{}}, WantKind: graph.KindInvalid, WantParam: "nodes"},
		{Name: "around and a node list", View: metrics.View{Around: "alpha", Nodes: []string{"beta"}, Query: graph.NeighborhoodQuery{Depth: 1, Limit: 100}},
			WantKind: graph.KindInvalid, WantParam: "around"},
		{Name: "an unknown kind", View: metrics.View{Labels: []string{"Planet"}}, WantKind: graph.KindInvalid, WantParam: "labels"},
		{Name: "around an unknown node", View: metrics.View{Around: "no-such-node", Query: graph.NeighborhoodQuery{Depth: 1, Limit: 100}},
			WantKind: graph.KindNotFound},
		{Name: "an unknown node in the list", View: metrics.View{Nodes: []string{"alpha", "no-such-node"}}, WantKind: graph.KindNotFound},
	}
}

// StoreMetrics answers a metrics question from a store, as the API does.
func StoreMetrics(s graph.Store) func(ctx context.Context, v metrics.View, maxNodes int) (metrics.Result, error) {
	return func(ctx context.Context, v metrics.View, maxNodes int) (metrics.Result, error) {
		g, truncated, err := metrics.Select(ctx, s, v, maxNodes)
		if err != nil {
			return metrics.Result{}, err
		}
		res, err := metrics.Compute(ctx, g)
		res.Truncated = truncated
		return res, err
	}
}

// RunMetrics checks one metrics case against an answering function (a
// store through StoreMetrics, or the HTTP API).
func RunMetrics(t *testing.T, answer func(ctx context.Context, v metrics.View, maxNodes int) (metrics.Result, error), c MetricsCase) {
	t.Helper()
	maxNodes := c.MaxNodes
	if maxNodes == 0 {
		maxNodes = graph.DefaultLimits().MaxMetrics
	}
	res, err := answer(context.Background(), c.View, maxNodes)
	if c.WantKind != "" {
		wantError(t, err, c.WantKind, c.WantParam)
		return
	}
	if err != nil {
		t.Fatalf("metrics of %+v: %v", c.View, err)
	}
	if res.Truncated != c.WantTruncated {
		t.Errorf("truncated = %v, want %v", res.Truncated, c.WantTruncated)
	}
	degree := map[string]int{}
	community := map[string]int{}
	var top string
	var topB, sumPR float64
	var keys []string
	for _, n := range res.Nodes {
		keys = append(keys, n.Key)
		degree[n.Key] = n.Degree
		community[n.Key] = n.Community
		sumPR += n.PageRank
		if n.Betweenness > topB {
			top, topB = n.Key, n.Betweenness
		}
		if n.Betweenness < 0 || n.Betweenness > 1 || n.PageRank <= 0 {
			t.Errorf("%s: betweenness %g or PageRank %g out of range", n.Key, n.Betweenness, n.PageRank)
		}
		if n.Degree != n.InDegree+n.OutDegree || n.Neighbors > n.Degree {
			t.Errorf("%s: degree %d, in %d, out %d, neighbours %d do not add up", n.Key, n.Degree, n.InDegree, n.OutDegree, n.Neighbors)
		}
	}
	if !maps.Equal(degree, c.WantDegree) {
		t.Errorf("degrees = %v, want %v", degree, c.WantDegree)
	}
	if !slices.IsSorted(keys) {
		t.Errorf("nodes are not sorted by key: %q", keys)
	}
	if len(res.Nodes) > 0 && (sumPR < 1-1e-6 || sumPR > 1+1e-6) {
		t.Errorf("PageRank sums to %g, want 1", sumPR)
	}
	if top != c.WantTop {
		t.Errorf("highest betweenness: %q (%g), want %q", top, topB, c.WantTop)
	}
	sizes := map[int]int{}
	for _, k := range keys {
		sizes[community[k]]++
	}
	for i, cm := range res.Communities {
		if cm.ID != i || sizes[i] != cm.Size || community[cm.Top] != i {
			t.Errorf("community %d (%+v) does not match its %d members", i, cm, sizes[i])
		}
	}
	if len(res.Communities) != len(sizes) {
		t.Errorf("%d communities listed, %d used", len(res.Communities), len(sizes))
	}
	for _, group := range c.WantTogether {
		for _, k := range group[1:] {
			if community[k] != community[group[0]] {
				t.Errorf("%s (community %d) and %s (community %d) should be together", k, community[k], group[0], community[group[0]])
			}
		}
	}
	if res.Relationships > 0 && res.Modularity <= 0 && len(res.Communities) > 1 {
		t.Errorf("modularity %g of %d communities", res.Modularity, len(res.Communities))
	}
}

func testMetrics(t *testing.T, s graph.Store) {
	for _, c := range MetricsCases() {
		t.Run(c.Name, func(t *testing.T) { RunMetrics(t, StoreMetrics(s), c) })
	}
}
