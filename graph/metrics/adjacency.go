package metrics

import (
	"slices"

	gg "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/iterator"
	"gonum.org/v1/gonum/graph/simple"
)

// adjacency is an undirected gonum graph whose nodes are 0..n-1 and
// whose neighbour lists are slices. gonum's algorithms take any
// graph.Graph; its map-backed simple graphs make Brandes' betweenness,
// which asks every node for its neighbours once per source, about twice
// as slow as these slices make it (see BenchmarkBetweenness).
type adjacency struct {
	nodes []gg.Node
	adj   [][]gg.Node
}

var _ gg.Undirected = (*adjacency)(nil)

// newAdjacency copies the undirected simple graph g, whose nodes must
// be 0..n-1, with each neighbour list in id order.
func newAdjacency(g *simple.WeightedUndirectedGraph, n int) *adjacency {
	a := &adjacency{nodes: make([]gg.Node, n), adj: make([][]gg.Node, n)}
	for i := range n {
		a.nodes[i] = simple.Node(i)
	}
	for i := range n {
		to := g.From(int64(i))
		a.adj[i] = make([]gg.Node, 0, to.Len())
		for to.Next() {
			a.adj[i] = append(a.adj[i], a.nodes[to.Node().ID()])
		}
		slices.SortFunc(a.adj[i], func(x, y gg.Node) int { return int(x.ID() - y.ID()) })
	}
	return a
}

func (a *adjacency) Node(id int64) gg.Node {
	if id < 0 || id >= int64(len(a.nodes)) {
		return nil
	}
	return a.nodes[id]
}

func (a *adjacency) Nodes() gg.Nodes { return iterator.NewOrderedNodes(a.nodes) }

func (a *adjacency) From(id int64) gg.Nodes {
	if a.Node(id) == nil || len(a.adj[id]) == 0 {
		return gg.Empty
	}
	return iterator.NewOrderedNodes(a.adj[id])
}

func (a *adjacency) HasEdgeBetween(x, y int64) bool { return a.Edge(x, y) != nil }

func (a *adjacency) Edge(u, v int64) gg.Edge {
	if a.Node(u) == nil || a.Node(v) == nil {
		return nil
	}
	if _, ok := slices.BinarySearchFunc(a.adj[u], v, func(n gg.Node, id int64) int { return int(n.ID() - id) }); !ok {
		return nil
	}
	return simple.Edge{F: a.nodes[u], T: a.nodes[v]}
}

func (a *adjacency) EdgeBetween(x, y int64) gg.Edge { return a.Edge(x, y) }

// weightedAdjacency is an adjacency with the weights of the graph it was
// copied from: what Louvain needs, with neighbours in a fixed order.
type weightedAdjacency struct {
	*adjacency
	w *simple.WeightedUndirectedGraph
}

var _ gg.Weighted = weightedAdjacency{}

func (a weightedAdjacency) WeightedEdge(u, v int64) gg.WeightedEdge { return a.w.WeightedEdge(u, v) }

func (a weightedAdjacency) Weight(x, y int64) (float64, bool) { return a.w.Weight(x, y) }
