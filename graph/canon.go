package graph

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// Property values are nil, bool, int64, float64, string, or []any of those
// (Neo4j's property types less dates and points, which we keep as ISO
// strings). Every store returns exactly these Go types, so that results
// compare equal across stores.

// NormalizeValue converts a decoded JSON or YAML value to a property value:
// json.Number and Go integers become int64, whole lists are normalised
// element by element. It fails on maps and other types, which properties
// cannot hold.
func NormalizeValue(v any) (any, error) {
	switch x := v.(type) {
	case nil, bool, int64, float64, string:
		return x, nil
	case int:
		return int64(x), nil
	case int32:
		return int64(x), nil
	case uint64:
		return int64(x), nil
	case float32:
		return float64(x), nil
	case json.Number:
		if !strings.ContainsAny(string(x), ".eE") {
			if i, err := x.Int64(); err == nil {
				return i, nil
			}
		}
		f, err := x.Float64()
		if err != nil {
			return nil, fmt.Errorf("bad number %s", x)
		}
		return f, nil
	case []string:
		out := make([]any, len(x))
		for i, s := range x {
			out[i] = s
		}
		return out, nil
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			n, err := NormalizeValue(e)
			if err != nil {
				return nil, err
			}
			if _, isList := n.([]any); isList {
				return nil, fmt.Errorf("a property list cannot hold a list")
			}
			out[i] = n
		}
		return out, nil
	default:
		return nil, fmt.Errorf("a property cannot hold a %T", v)
	}
}

// NormalizeProperties applies NormalizeValue to every property, dropping
// nil values (Neo4j does not store nulls).
func NormalizeProperties(p map[string]any) (map[string]any, error) {
	out := make(map[string]any, len(p))
	for k, v := range p {
		n, err := NormalizeValue(v)
		if err != nil {
			return nil, fmt.Errorf("property %q: %w", k, err)
		}
		if n != nil {
			out[k] = n
		}
	}
	return out, nil
}

// SortGraph puts g in canonical order: nodes by key then id, labels sorted,
// relationships by id. Exports and golden files use it so that equal graphs
// serialise to equal bytes.
func SortGraph(g *Graph) {
	for i := range g.Nodes {
		sort.Strings(g.Nodes[i].Labels)
	}
	sort.Slice(g.Nodes, func(i, j int) bool {
		a, b := g.Nodes[i], g.Nodes[j]
		if a.Key != b.Key {
			return a.Key < b.Key
		}
		return a.ID < b.ID
	})
	sort.Slice(g.Relationships, func(i, j int) bool { return g.Relationships[i].ID < g.Relationships[j].ID })
}

// Name returns the node's name property, or its key when it has none.
func (n Node) Name() string {
	if s, ok := n.Properties[PropName].(string); ok && s != "" {
		return s
	}
	return n.Key
}

// HasLabel reports whether the node carries the label.
func (n Node) HasLabel(label string) bool {
	for _, l := range n.Labels {
		if l == label {
			return true
		}
	}
	return false
}
