package cypher

import (
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/temporal"
)

// Converter turns the engine's node and relationship refs into domain
// values. The store adapter implements it, since only the store knows a
// node's id and key.
type Converter interface {
	Node(n NodeRef) graph.Node
	Relationship(r RelRef) graph.Relationship
}

// Materialize returns v with every Node, Relationship and Path value
// (also inside lists and maps) replaced by graph.Node, graph.Relationship
// and graph.Path. Other values are returned as they are.
func Materialize(v any, c Converter) any {
	switch x := v.(type) {
	case Node:
		return c.Node(x.Ref)
	case Relationship:
		return c.Relationship(x.Ref)
	case Path:
		p := graph.Path{Nodes: make([]graph.Node, len(x.Nodes)), Relationships: make([]graph.Relationship, len(x.Rels)), Length: len(x.Rels)}
		for i, n := range x.Nodes {
			p.Nodes[i] = c.Node(n)
		}
		for i, r := range x.Rels {
			p.Relationships[i] = c.Relationship(r)
		}
		return p
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = Materialize(e, c)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = Materialize(e, c)
		}
		return out
	}
	if s := temporal.String(v); s != "" {
		// Results leave the engine as JSON: a temporal value becomes its
		// ISO 8601 text, as Neo4j's toString writes it, which is what
		// neo4jstore turns Neo4j's temporal values into too.
		return s
	}
	return v
}

// CypherResult converts r into the domain's answer: cells materialised
// with c, and Graph holding every node and relationship that appears in
// any cell (each once, in order of first appearance), plus the
// relationships' end nodes so a viewer can draw them. Stats.ElapsedMs is
// left for the caller, who owns the clock.
func (r *Result) CypherResult(g Graph, c Converter) graph.CypherResult {
	out := graph.CypherResult{
		Columns: r.Columns,
		Rows:    make([][]any, len(r.Rows)),
		Graph:   graph.Graph{Nodes: []graph.Node{}, Relationships: []graph.Relationship{}},
		Stats:   graph.CypherStats{Rows: len(r.Rows), Truncated: r.Truncated},
		Plan:    r.Plan,
	}
	seenN := map[NodeRef]bool{}
	seenR := map[RelRef]bool{}
	addNode := func(n NodeRef) {
		if !seenN[n] {
			seenN[n] = true
			out.Graph.Nodes = append(out.Graph.Nodes, c.Node(n))
		}
	}
	var rels []RelRef
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case Node:
			addNode(x.Ref)
		case Relationship:
			if !seenR[x.Ref] {
				seenR[x.Ref] = true
				rels = append(rels, x.Ref)
			}
		case Path:
			for _, n := range x.Nodes {
				addNode(n)
			}
			for _, rel := range x.Rels {
				walk(Relationship{rel})
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		case map[string]any:
			for _, k := range sortedKeys(x) {
				walk(x[k])
			}
		}
	}
	for i, row := range r.Rows {
		cells := make([]any, len(row))
		for j, v := range row {
			walk(v)
			cells[j] = Materialize(v, c)
		}
		out.Rows[i] = cells
	}
	for _, ref := range rels {
		_, s, e := g.Rel(ref)
		addNode(s)
		addNode(e)
		out.Graph.Relationships = append(out.Graph.Relationships, c.Relationship(ref))
	}
	return out
}

// GraphConverter is a Converter that needs nothing but the Graph: ids come
// from ElementIDer when g implements it (else the decimal ref), and a
// node's Key from its "key" property when that is a string. Adapters that
// keep ids and keys elsewhere should write their own Converter.
type GraphConverter struct{ G Graph }

// Node implements Converter.
func (gc GraphConverter) Node(n NodeRef) graph.Node {
	props := copyMap(gc.G.NodeProperties(n))
	key, _ := props["key"].(string)
	return graph.Node{
		ID:         nodeElementID(gc.G, n),
		Key:        key,
		Labels:     append([]string{}, gc.G.NodeLabels(n)...),
		Properties: props,
	}
}

// Relationship implements Converter.
func (gc GraphConverter) Relationship(r RelRef) graph.Relationship {
	typ, s, e := gc.G.Rel(r)
	return graph.Relationship{
		ID:         relElementID(gc.G, r),
		Type:       typ,
		Start:      nodeElementID(gc.G, s),
		End:        nodeElementID(gc.G, e),
		Properties: copyMap(gc.G.RelProperties(r)),
	}
}
