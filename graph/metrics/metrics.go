// Package metrics computes network metrics over the part of the graph a
// user is looking at: degree, PageRank, betweenness centrality and
// Louvain communities with their modularity. The algorithms are gonum's
// (gonum.org/v1/gonum/graph/network and .../community); this package
// only decides which graph they see and how the answers are shaped.
//
// It works on any graph.Store: Select reads a View through the Store
// interface and Compute needs nothing but the graph it read. The numbers
// are checked against NetworkX in the web package's tests
// (tools/python/check_metrics.py).
package metrics

import (
	"cmp"
	"context"
	"math"
	"math/rand/v2"
	"slices"

	gg "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/community"
	"gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/simple"

	"github.com/actorgraph/actorgraph/graph"
)

// The settings every answer is computed with. They are reported in the
// answer so that a reader can reproduce it with another tool.
const (
	// Damping is PageRank's damping factor (the usual 0.85).
	Damping = 0.85
	// Resolution is the modularity resolution γ (1: Newman–Girvan).
	Resolution = 1.0
	// pageRankTol stops PageRank's power iteration once the L2 norm of
	// the change between two steps is below it; the iteration contracts
	// by Damping per step, so it ends after about 130 steps.
	pageRankTol = 1e-9
	// pageRankTie: two PageRanks this close are equal (see communities).
	pageRankTie = 1e-9
	// louvainRuns is how many times Louvain runs, with the seeds
	// 1..louvainRuns for its node order; the partition of highest
	// modularity is kept. Louvain is greedy and its answer depends on the
	// order (on the article's states and agencies one seed finds Q 0.09,
	// another 0.22), so a few restarts are the usual remedy; fixed seeds
	// keep the answer the same for the same graph.
	louvainRuns = 5
)

// Result is the answer for one view.
type Result struct {
	// Nodes are the nodes of the view, sorted by key.
	Nodes []Node `json:"nodes"`
	// Communities are sorted by size, largest first, then by the key
	// of their first member; a community's id is its index here.
	Communities []Community `json:"communities"`
	// Modularity is the Newman–Girvan modularity of Communities on the
	// weighted undirected graph the metrics see (0 with no relationships).
	Modularity float64 `json:"modularity"`
	// Relationships counts the relationships the metrics saw.
	Relationships int `json:"relationships"`
	// Truncated says the neighbourhood was cut short by the caller's
	// node limit, so the metrics describe part of it.
	Truncated bool     `json:"truncated"`
	Settings  Settings `json:"settings"`
}

// Settings are the parameters the numbers depend on.
type Settings struct {
	Damping    float64 `json:"damping"`
	Resolution float64 `json:"resolution"`
}

// Node is one node's metrics. Degree counts relationships (parallel ones
// each count); Neighbors counts distinct adjacent nodes. PageRank and
// Betweenness are computed on the undirected graph in which two nodes
// are joined when any relationship joins them, the edge weighted by how
// many do (PageRank) or unweighted (betweenness, normalised by
// (n-1)(n-2)/2 as NetworkX does, so values lie in 0..1).
type Node struct {
	ID          string   `json:"id"`
	Key         string   `json:"key"`
	Name        string   `json:"name"`
	Labels      []string `json:"labels"`
	Degree      int      `json:"degree"`
	InDegree    int      `json:"inDegree"`
	OutDegree   int      `json:"outDegree"`
	Neighbors   int      `json:"neighbors"`
	PageRank    float64  `json:"pageRank"`
	Betweenness float64  `json:"betweenness"`
	Community   int      `json:"community"`
}

// Community is one Louvain community.
type Community struct {
	ID   int `json:"id"`
	Size int `json:"size"`
	// Top is the key of the member with the highest PageRank.
	Top string `json:"top"`
}

// Compute computes the metrics of g. Relationships whose ends are not
// both in g, and relationships from a node to itself, are left out (they
// are neither paths nor ties between two actors). The work is bounded by
// the size of g, which the caller bounds (see Select); ctx is checked
// between the algorithms.
func Compute(ctx context.Context, g graph.Graph) (Result, error) {
	res := Result{Nodes: make([]Node, len(g.Nodes)), Communities: []Community{},
		Settings: Settings{Damping: Damping, Resolution: Resolution}}
	nodes := slices.Clone(g.Nodes)
	slices.SortFunc(nodes, func(a, b graph.Node) int { return cmp.Compare(a.Key, b.Key) })
	index := make(map[string]int64, len(nodes))
	und := simple.NewWeightedUndirectedGraph(0, 0)
	dir := simple.NewWeightedDirectedGraph(0, 0)
	for i, n := range nodes {
		index[n.ID] = int64(i)
		und.AddNode(simple.Node(i))
		dir.AddNode(simple.Node(i))
		name, _ := n.Properties[graph.PropName].(string)
		labels := n.Labels
		if labels == nil {
			labels = []string{}
		}
		res.Nodes[i] = Node{ID: n.ID, Key: n.Key, Name: name, Labels: labels}
	}
	for _, r := range g.Relationships {
		u, ok1 := index[r.Start]
		v, ok2 := index[r.End]
		if !ok1 || !ok2 || u == v {
			continue
		}
		res.Relationships++
		res.Nodes[u].OutDegree++
		res.Nodes[v].InDegree++
		w := 1.0
		if e := und.WeightedEdge(u, v); e != nil {
			w += e.Weight()
		} else {
			res.Nodes[u].Neighbors++
			res.Nodes[v].Neighbors++
		}
		und.SetWeightedEdge(simple.WeightedEdge{F: simple.Node(u), T: simple.Node(v), W: w})
		dir.SetWeightedEdge(simple.WeightedEdge{F: simple.Node(u), T: simple.Node(v), W: w})
		dir.SetWeightedEdge(simple.WeightedEdge{F: simple.Node(v), T: simple.Node(u), W: w})
	}
	for i := range res.Nodes {
		res.Nodes[i].Degree = res.Nodes[i].InDegree + res.Nodes[i].OutDegree
	}
	n := len(nodes)
	if n == 0 {
		return res, nil
	}

	if err := ctx.Err(); err != nil {
		return Result{}, graph.ContextError(err)
	}
	for id, pr := range network.PageRankSparse(dir, Damping, pageRankTol) {
		res.Nodes[id].PageRank = pr
	}

	if err := ctx.Err(); err != nil {
		return Result{}, graph.ContextError(err)
	}
	ordered := newAdjacency(und, n)
	// gonum sums over ordered pairs (s, t); on an undirected graph each
	// unordered pair is counted twice, so dividing by (n-1)(n-2) is
	// NetworkX's normalisation 2/((n-1)(n-2)) over unordered pairs.
	if n > 2 {
		scale := 1 / float64((n-1)*(n-2))
		for id, b := range network.Betweenness(ordered) {
			res.Nodes[id].Betweenness = b * scale
		}
	}

	if err := ctx.Err(); err != nil {
		return Result{}, graph.ContextError(err)
	}
	var groups [][]gg.Node
	if res.Relationships == 0 {
		// Modularity is undefined without edges (it divides by their
		// weight); every node is then a community of its own.
		for i := range nodes {
			groups = append(groups, []gg.Node{simple.Node(i)})
		}
	} else {
		for seed := uint64(1); seed <= louvainRuns; seed++ {
			if err := ctx.Err(); err != nil {
				return Result{}, graph.ContextError(err)
			}
			// Louvain visits neighbours in the order the graph lists them:
			// the ordered lists, so that one graph gets one partition (und's
			// map order changed it from run to run).
			c := community.Modularize(weightedAdjacency{ordered, und}, Resolution, rand.NewPCG(seed, seed)).Communities()
			// Equal partitions give Q differing in the last bits; only
			// a real improvement replaces the earlier seed's answer.
			if q := community.Q(und, c, Resolution); groups == nil || q > res.Modularity+1e-12 {
				groups, res.Modularity = c, q
			}
		}
	}
	res.Communities = communities(res.Nodes, groups)
	return res, nil
}

// communities numbers groups in a stable order (largest first, then by
// the smallest member key, which is the smallest member index) and
// records each node's community.
func communities(nodes []Node, groups [][]gg.Node) []Community {
	type group struct{ min, size int64 }
	gs := make([]group, 0, len(groups))
	members := make(map[int64][]gg.Node, len(groups))
	for _, members0 := range groups {
		if len(members0) == 0 {
			continue
		}
		g := group{min: members0[0].ID(), size: int64(len(members0))}
		for _, m := range members0 {
			g.min = min(g.min, m.ID())
		}
		gs = append(gs, g)
		members[g.min] = members0
	}
	slices.SortFunc(gs, func(a, b group) int {
		return cmp.Or(cmp.Compare(b.size, a.size), cmp.Compare(a.min, b.min))
	})
	out := make([]Community, len(gs))
	for c, g := range gs {
		// PageRank converges to a tolerance and its last digits vary with
		// the order gonum's maps give: the head is the member of smallest
		// id (ids are in key order) among those within pageRankTie of the
		// highest rank.
		best := math.Inf(-1)
		for _, m := range members[g.min] {
			nodes[m.ID()].Community = c
			best = max(best, nodes[m.ID()].PageRank)
		}
		top := int64(-1)
		for _, m := range members[g.min] {
			if id := m.ID(); nodes[id].PageRank >= best-pageRankTie && (top < 0 || id < top) {
				top = id
			}
		}
		out[c] = Community{ID: c, Size: int(g.size), Top: nodes[top].Key}
	}
	return out
}
