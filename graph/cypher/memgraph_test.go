package cypher

import (
	"context"
	"iter"
)

// memGraph is a small mutable graph for tests: the TCK fixtures and the
// fuzz targets run on it. It also implements writer, so the test harness
// (and only it) can run CREATE.
type memGraph struct {
	nodes []memNode
	rels  []memRel
}

type memNode struct {
	labels  []string
	props   map[string]any
	out, in []RelRef
}

type memRel struct {
	typ        string
	start, end NodeRef
	props      map[string]any
}

var (
	_ Graph  = (*memGraph)(nil)
	_ writer = (*memGraph)(nil)
)

func (g *memGraph) createNode(labels []string, props map[string]any) NodeRef {
	var ls []string
	for _, l := range labels {
		if !containsString(ls, l) {
			ls = append(ls, l)
		}
	}
	if props == nil {
		props = map[string]any{}
	}
	g.nodes = append(g.nodes, memNode{labels: ls, props: props})
	return NodeRef(len(g.nodes) - 1)
}

func (g *memGraph) createRel(typ string, start, end NodeRef, props map[string]any) RelRef {
	if props == nil {
		props = map[string]any{}
	}
	g.rels = append(g.rels, memRel{typ: typ, start: start, end: end, props: props})
	r := RelRef(len(g.rels) - 1)
	g.nodes[start].out = append(g.nodes[start].out, r)
	g.nodes[end].in = append(g.nodes[end].in, r)
	return r
}

func (g *memGraph) Nodes(label string) iter.Seq[NodeRef] {
	return func(yield func(NodeRef) bool) {
		for i := range g.nodes {
			if label != "" && !containsString(g.nodes[i].labels, label) {
				continue
			}
			if !yield(NodeRef(i)) {
				return
			}
		}
	}
}

func (g *memGraph) NodeLabels(n NodeRef) []string { return g.nodes[n].labels }

func (g *memGraph) NodeProperty(n NodeRef, key string) (any, bool) {
	v, ok := g.nodes[n].props[key]
	return v, ok
}

func (g *memGraph) NodeProperties(n NodeRef) map[string]any { return g.nodes[n].props }

func (g *memGraph) Expand(n NodeRef, dir Direction, types []string) iter.Seq2[RelRef, NodeRef] {
	return func(yield func(RelRef, NodeRef) bool) {
		nd := &g.nodes[n]
		if dir == Outgoing || dir == Both {
			for _, r := range nd.out {
				rel := &g.rels[r]
				if len(types) > 0 && !containsString(types, rel.typ) {
					continue
				}
				if !yield(r, rel.end) {
					return
				}
			}
		}
		if dir == Incoming || dir == Both {
			for _, r := range nd.in {
				rel := &g.rels[r]
				if len(types) > 0 && !containsString(types, rel.typ) {
					continue
				}
				if dir == Both && rel.start == rel.end {
					continue // already yielded as outgoing
				}
				if !yield(r, rel.start) {
					return
				}
			}
		}
	}
}

func (g *memGraph) Rel(r RelRef) (string, NodeRef, NodeRef) {
	rel := &g.rels[r]
	return rel.typ, rel.start, rel.end
}

func (g *memGraph) RelProperty(r RelRef, key string) (any, bool) {
	v, ok := g.rels[r].props[key]
	return v, ok
}

func (g *memGraph) RelProperties(r RelRef) map[string]any { return g.rels[r].props }

// exec runs a query with CREATE enabled, for fixtures.
func (g *memGraph) exec(query string, params map[string]any) (*Result, error) {
	p, err := prepare(query, true)
	if err != nil {
		return nil, err
	}
	return p.Run(context.Background(), g, params, Options{create: g, MaxRows: 1 << 30, MaxBuffered: 1 << 24})
}
