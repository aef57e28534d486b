package graph

// CollectGraph gathers every node and relationship that appears in rows —
// as a cell, inside a path, or nested in lists and maps — each once, in
// order of first appearance, so a viewer can draw any query result.
func CollectGraph(rows [][]any) Graph {
	c := collector{nodes: map[string]bool{}, rels: map[string]bool{}}
	for _, row := range rows {
		for _, v := range row {
			c.add(v)
		}
	}
	if c.g.Nodes == nil {
		c.g.Nodes = []Node{}
	}
	if c.g.Relationships == nil {
		c.g.Relationships = []Relationship{}
	}
	return c.g
}

type collector struct {
	g           Graph
	nodes, rels map[string]bool
}

func (c *collector) add(v any) {
	switch x := v.(type) {
	case Node:
		if !c.nodes[x.ID] {
			c.nodes[x.ID] = true
			c.g.Nodes = append(c.g.Nodes, x)
		}
	case Relationship:
		if !c.rels[x.ID] {
			c.rels[x.ID] = true
			c.g.Relationships = append(c.g.Relationships, x)
		}
	case Path:
		for _, n := range x.Nodes {
			c.add(n)
		}
		for _, r := range x.Relationships {
			c.add(r)
		}
	case []any:
		for _, e := range x {
			c.add(e)
		}
	case map[string]any:
		for _, e := range x {
			c.add(e)
		}
	}
}
