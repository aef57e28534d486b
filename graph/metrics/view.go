package metrics

import (
	"context"
	"slices"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/exchange"
)

// View is the part of the graph a user looks at: the same selections as
// an export (the neighbourhood of Around, a list of Nodes, or, with
// neither, the whole graph) narrowed by the same filters as a
// neighbourhood.
type View struct {
	// Around is a node id or key; Query's Depth, Direction and Limit say
	// how far around it.
	Around string
	// Nodes are node ids or keys; nil means none were given.
	Nodes []string
	// Query holds the neighbourhood's parameters. Its relationship
	// filters (types, asOf: see graph.NeighborhoodQuery.Follows) apply
	// to every selection, not only to Around.
	Query graph.NeighborhoodQuery
	// Labels keeps only nodes carrying one of them (node kinds); empty
	// keeps every node.
	Labels []string
}

// Select reads v from s and applies its filters. maxNodes bounds what is
// read: a selection of more nodes (before the label filter) is a
// KindInvalid error that says how to narrow it, because the metrics of a
// graph cut short at an arbitrary node would mislead. Truncated is set
// only when the caller's own neighbourhood limit cut it.
func Select(ctx context.Context, s graph.Store, v View, maxNodes int) (g graph.Graph, truncated bool, err error) {
	// The thresholds are checked whichever way the view is selected (a
	// neighbourhood checks its own; a whole graph or a node list did not).
	if err := v.Query.Grades.Check(); err != nil {
		return graph.Graph{}, false, err
	}
	for _, l := range v.Labels {
		if !graph.IsLabel(l) {
			return graph.Graph{}, false, graph.InvalidParam("labels", "unknown label %q; labels are the node kinds of /api/vocabulary", l)
		}
	}
	switch {
	case v.Around != "" && v.Nodes != nil:
		return graph.Graph{}, false, graph.InvalidParam("around", "give around or a list of nodes, not both")
	case v.Around != "":
		nb, err := s.Neighborhood(ctx, v.Around, v.Query)
		if err != nil {
			return graph.Graph{}, false, err
		}
		if len(nb.Nodes) > maxNodes {
			return graph.Graph{}, false, graph.InvalidParam("depth",
				"the neighbourhood has more than %d nodes, the most metrics are computed on; ask for a smaller depth, fewer types, or a node limit", maxNodes)
		}
		g, truncated = nb.Graph, nb.Truncated
	default:
		g, err = exchange.Select(ctx, s, exchange.Selection{Nodes: v.Nodes, MaxNodes: maxNodes})
		if err != nil {
			if v.Nodes == nil && graph.KindOf(err) == graph.KindInvalid {
				return graph.Graph{}, false, graph.InvalidParam("around",
					"%s, the most metrics are computed on; choose a neighbourhood (around) or a list of nodes", strings.TrimSuffix(graph.MessageOf(err), "."))
			}
			return graph.Graph{}, false, err
		}
	}
	return filter(g, v), truncated, nil
}

// filter keeps the nodes with one of v's labels and the relationships
// that pass v's filters between two kept nodes.
func filter(g graph.Graph, v View) graph.Graph {
	keep := make(map[string]bool, len(g.Nodes))
	out := graph.Graph{Nodes: make([]graph.Node, 0, len(g.Nodes))}
	for _, n := range g.Nodes {
		if graph.HasAnyLabel(n, v.Labels) {
			keep[n.ID] = true
			out.Nodes = append(out.Nodes, n)
		}
	}
	out.Relationships = slices.DeleteFunc(slices.Clone(g.Relationships), func(r graph.Relationship) bool {
		return !keep[r.Start] || !keep[r.End] || !v.Query.Follows(r)
	})
	return out
}
