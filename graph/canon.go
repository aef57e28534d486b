package graph

import (
	"encoding/json"
	"fmt"
	"math"
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
		if x > math.MaxInt64 {
			return nil, fmt.Errorf("integer %d is beyond a 64-bit signed integer", x)
		}
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

// AppendSearchText appends s folded for name search: lower case, with
// NUL replaced by a space, since NUL separates a node's names and aliases
// in the stores' search indexes. Every store folds names and query texts
// with it, so that they agree on what matches.
func AppendSearchText(dst []byte, s string) []byte {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 || s[i] == 0 {
			ascii = false
			break
		}
	}
	if ascii {
		for i := 0; i < len(s); i++ {
			c := s[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
		}
		return dst
	}
	return append(dst, strings.ReplaceAll(strings.ToLower(s), "\x00", " ")...)
}

// SearchNames returns the node's names folded for search (see
// AppendSearchText), each preceded and the last one followed by NUL: the
// name (Name) first, then the aliases. A text t matches a name exactly
// when the result contains NUL+t+NUL, as a prefix when it contains NUL+t,
// and as a substring when it contains t.
func SearchNames(n Node) string {
	b := []byte{0}
	b = AppendSearchText(b, n.Name())
	b = append(b, 0)
	for _, a := range Aliases(n) {
		b = AppendSearchText(b, a)
		b = append(b, 0)
	}
	return string(b)
}

// Aliases returns the aliases search looks at: the aliases property when
// it is a string, or its non-empty strings when it is a list.
func Aliases(n Node) []string {
	switch x := n.Properties[PropAliases].(type) {
	case string:
		return []string{x}
	case []any:
		var out []string
		for _, e := range x {
			if s, ok := e.(string); ok && s != "" {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}
