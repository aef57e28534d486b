package difftest

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/graphtest"
)

// divergence says how two answers to one query differ.
type divergence struct {
	Class  string
	Detail string
}

func (d *divergence) String() string { return d.Class + ": " + d.Detail }

// outcome is one store's answer to one query.
type outcome struct {
	Res graph.CypherResult
	Err error
}

// compare returns nil when the embedded answer a and Neo4j's answer b
// agree for q. Both failing agrees when both errors are KindInvalid: the
// messages and codes differ between engines by design.
func compare(q query, a, b outcome) *divergence {
	switch {
	case a.Err != nil && b.Err != nil:
		if graph.KindOf(a.Err) == graph.KindInvalid && graph.KindOf(b.Err) == graph.KindInvalid {
			return nil
		}
		return &divergence{divErrKinds, fmt.Sprintf("embedded %s, neo4j %s", describeErr(a.Err), describeErr(b.Err))}
	case a.Err != nil:
		return &divergence{divErrEmbedded, describeErr(a.Err)}
	case b.Err != nil:
		return &divergence{divErrNeo4j, describeErr(b.Err)}
	}
	if !slices.Equal(a.Res.Columns, b.Res.Columns) {
		return &divergence{divColumns, fmt.Sprintf("embedded %q, neo4j %q", a.Res.Columns, b.Res.Columns)}
	}
	if a.Res.Stats.Truncated || b.Res.Stats.Truncated {
		return &divergence{divTruncated, fmt.Sprintf("embedded %v, neo4j %v: raise MaxRows", a.Res.Stats.Truncated, b.Res.Stats.Truncated)}
	}
	ra, rb := canonRows(a.Res.Rows, q.UnorderedLists), canonRows(b.Res.Rows, q.UnorderedLists)
	if len(ra) != len(rb) {
		return &divergence{divRows, fmt.Sprintf("embedded %d rows, neo4j %d rows", len(ra), len(rb))}
	}
	if q.Ordered {
		for i := range ra {
			if !equal(ra[i], rb[i]) {
				return &divergence{divRows, fmt.Sprintf("row %d: embedded %s, neo4j %s", i, show(ra[i]), show(rb[i]))}
			}
		}
	} else {
		onlyA, onlyB := multisetDiff(ra, rb)
		if len(onlyA) != 0 || len(onlyB) != 0 {
			return &divergence{divRows, fmt.Sprintf("%d rows only in embedded, e.g. %s; %d only in neo4j, e.g. %s",
				len(onlyA), showSome(onlyA), len(onlyB), showSome(onlyB))}
		}
	}
	if msg := compareGraphs(a.Res.Graph, b.Res.Graph); msg != "" {
		return &divergence{divGraph, msg}
	}
	return nil
}

// compareGraphs compares the graphs two answers gather for a viewer: the
// same nodes and relationships, with the same content. Here, unlike in
// cells, a node is more than its id, so that a store that loses a label
// or a property in conversion is caught.
func compareGraphs(a, b graph.Graph) string {
	na, nb := map[string]graph.Node{}, map[string]graph.Node{}
	for _, n := range a.Nodes {
		na[n.ID] = n
	}
	for _, n := range b.Nodes {
		nb[n.ID] = n
	}
	if msg := sameKeys("node", na, nb); msg != "" {
		return msg
	}
	for id, x := range na {
		y := nb[id]
		lx, ly := slices.Sorted(slices.Values(x.Labels)), slices.Sorted(slices.Values(y.Labels))
		if x.Key != y.Key || !slices.Equal(lx, ly) || !equal(canon(x.Properties, false), canon(y.Properties, false)) {
			return fmt.Sprintf("node %s: embedded %s %v %s, neo4j %s %v %s", id,
				x.Key, lx, show(canon(x.Properties, false)), y.Key, ly, show(canon(y.Properties, false)))
		}
	}
	ra, rb := map[string]graph.Relationship{}, map[string]graph.Relationship{}
	for _, r := range a.Relationships {
		ra[r.ID] = r
	}
	for _, r := range b.Relationships {
		rb[r.ID] = r
	}
	if msg := sameKeys("relationship", ra, rb); msg != "" {
		return msg
	}
	for id, x := range ra {
		y := rb[id]
		if x.Type != y.Type || x.Start != y.Start || x.End != y.End || !equal(canon(x.Properties, false), canon(y.Properties, false)) {
			return fmt.Sprintf("relationship %s: embedded %s %s->%s %s, neo4j %s %s->%s %s", id,
				x.Type, x.Start, x.End, show(canon(x.Properties, false)), y.Type, y.Start, y.End, show(canon(y.Properties, false)))
		}
	}
	return ""
}

func sameKeys[V any](what string, a, b map[string]V) string {
	var onlyA, onlyB []string
	for k := range a {
		if _, ok := b[k]; !ok {
			onlyA = append(onlyA, k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			onlyB = append(onlyB, k)
		}
	}
	if len(onlyA) == 0 && len(onlyB) == 0 {
		return ""
	}
	sort.Strings(onlyA)
	sort.Strings(onlyB)
	return fmt.Sprintf("result graph: %d %ss only in embedded %q, %d only in neo4j %q (of %d and %d)",
		len(onlyA), what, firstFew(onlyA), len(onlyB), firstFew(onlyB), len(a), len(b))
}

func firstFew(s []string) []string {
	if len(s) > 3 {
		return append(s[:3:3], "…")
	}
	return s
}

func describeErr(err error) string {
	var e *graph.Error
	if errors.As(err, &e) {
		return fmt.Sprintf("%s error (code %q): %s", e.Kind, e.Code, firstLine(e.Error()))
	}
	return fmt.Sprintf("%s error: %s", graph.KindOf(err), firstLine(err.Error()))
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

// Canonical cells: nodes, relationships and paths become tagged ids, so
// that cells compare by identity, as the suite's contract says; lists may
// be sorted; everything else stays a plain value.
type (
	nodeID string
	relID  string
	pathID struct{ nodes, rels string }
	// other is a value of a type no store should return; it is kept with
	// its Go type so that it shows up in a divergence.
	other string
)

func canonRows(rows [][]any, unorderedLists bool) [][]any {
	out := make([][]any, len(rows))
	for i, r := range rows {
		c := make([]any, len(r))
		for j, v := range r {
			c[j] = canon(v, unorderedLists)
		}
		out[i] = c
	}
	return out
}

func canon(v any, unorderedLists bool) any {
	switch x := v.(type) {
	case nil, bool, int64, float64, string:
		return x
	case graph.Node:
		return nodeID(x.ID)
	case graph.Relationship:
		return relID(x.ID)
	case graph.Path:
		var ns, rs []string
		for _, n := range x.Nodes {
			ns = append(ns, n.ID)
		}
		for _, r := range x.Relationships {
			rs = append(rs, r.ID)
		}
		return pathID{strings.Join(ns, ","), strings.Join(rs, ",")}
	case []any:
		l := make([]any, len(x))
		for i, e := range x {
			l[i] = canon(e, unorderedLists)
		}
		if unorderedLists {
			sort.SliceStable(l, func(i, j int) bool { return sortKey(l[i]) < sortKey(l[j]) })
		}
		return l
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = canon(e, unorderedLists)
		}
		return m
	default:
		return other(fmt.Sprintf("%T(%v)", v, v))
	}
}

// sortKey orders canonical values. Floats are rounded so that values
// equal within the tolerance almost always sort alike; multisetDiff does
// not rely on it.
func sortKey(v any) string {
	switch x := v.(type) {
	case nil:
		return "0"
	case bool:
		return "b" + strconv.FormatBool(x)
	case int64:
		return "i" + strconv.FormatInt(x, 10)
	case float64:
		return "f" + strconv.FormatFloat(x, 'g', 9, 64)
	case string:
		return "s" + strconv.Quote(x)
	case nodeID:
		return "n" + string(x)
	case relID:
		return "r" + string(x)
	case pathID:
		return "p" + x.nodes + "/" + x.rels
	case other:
		return "?" + string(x)
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = sortKey(e)
		}
		return "[" + strings.Join(parts, ",") + "]"
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = strconv.Quote(k) + ":" + sortKey(x[k])
		}
		return "{" + strings.Join(parts, ",") + "}"
	}
	return fmt.Sprintf("?%T", v)
}

// equal compares canonical values: ints and floats are different types,
// as in Cypher's type system; floats agree within a relative 1e-9 (sums
// and averages may add up in different orders).
func equal(a, b any) bool { return graphtest.ApproxEqual(a, b, 1e-9) }

// multisetDiff returns the rows of a with no equal row in b and the other
// way round. Rows are paired after sorting by key, then greedily, so that
// floats near a rounding edge still pair up.
func multisetDiff(a, b [][]any) (onlyA, onlyB [][]any) {
	sa, ka := sortedRows(a)
	sb, kb := sortedRows(b)
	var restA, restB [][]any
	i, j := 0, 0
	for i < len(sa) && j < len(sb) {
		switch {
		case equal(sa[i], sb[j]):
			i++
			j++
		case ka[i] < kb[j]:
			restA = append(restA, sa[i])
			i++
		default:
			restB = append(restB, sb[j])
			j++
		}
	}
	restA = append(restA, sa[i:]...)
	restB = append(restB, sb[j:]...)
	used := make([]bool, len(restB))
	for _, r := range restA {
		found := false
		for k, s := range restB {
			if !used[k] && equal(r, s) {
				used[k], found = true, true
				break
			}
		}
		if !found {
			onlyA = append(onlyA, r)
		}
	}
	for k, s := range restB {
		if !used[k] {
			onlyB = append(onlyB, s)
		}
	}
	return onlyA, onlyB
}

// sortedRows returns the rows sorted by sortKey, with their keys.
func sortedRows(rows [][]any) ([][]any, []string) {
	idx := make([]int, len(rows))
	keys := make([]string, len(rows))
	for i, r := range rows {
		idx[i], keys[i] = i, sortKey(r)
	}
	sort.SliceStable(idx, func(x, y int) bool { return keys[idx[x]] < keys[idx[y]] })
	outR, outK := make([][]any, len(rows)), make([]string, len(rows))
	for i, k := range idx {
		outR[i], outK[i] = rows[k], keys[k]
	}
	return outR, outK
}

// show renders a canonical value for a message.
func show(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return strconv.Quote(x)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64) + "(float)"
	case nodeID:
		return "node(" + string(x) + ")"
	case relID:
		return "rel(" + string(x) + ")"
	case pathID:
		return "path(nodes " + x.nodes + "; rels " + x.rels + ")"
	case other:
		return "UNEXPECTED " + string(x)
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = show(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = k + ": " + show(x[k])
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return fmt.Sprint(v)
}

func showSome(rows [][]any) string {
	const most = 3
	var parts []string
	for i, r := range rows {
		if i == most {
			parts = append(parts, fmt.Sprintf("… %d more", len(rows)-most))
			break
		}
		parts = append(parts, show(r))
	}
	return strings.Join(parts, " ")
}

// showResult renders up to most rows of an answer, for the report of a
// divergence.
func showResult(o outcome, unorderedLists bool, most int) string {
	if o.Err != nil {
		return describeErr(o.Err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "columns %q, %d rows", o.Res.Columns, len(o.Res.Rows))
	for i, r := range canonRows(o.Res.Rows, unorderedLists) {
		if i == most {
			fmt.Fprintf(&b, "\n    …")
			break
		}
		fmt.Fprintf(&b, "\n    %s", show(r))
	}
	return b.String()
}
