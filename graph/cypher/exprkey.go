package cypher

import (
	"fmt"
	"strconv"
	"strings"
)

// exprKey prints an expression canonically, so that two occurrences of the
// same expression (a grouping key and its use in ORDER BY) compare equal.
func exprKey(e expr) string {
	var b strings.Builder
	writeExprKey(&b, e)
	return b.String()
}

func writeExprKey(b *strings.Builder, e expr) {
	switch x := e.(type) {
	case nil:
		b.WriteString("_")
	case litExpr:
		b.Write(appendKey(nil, x.val))
	case paramExpr:
		b.WriteString("$" + x.name)
	case varExpr:
		b.WriteString("v:" + x.name)
	case propExpr:
		writeExprKey(b, x.x)
		b.WriteString("." + x.key)
	default:
		b.WriteString(strconv.Quote(typeTag(e)))
		b.WriteByte('(')
		for _, c := range children(e) {
			writeExprKey(b, c)
			b.WriteByte(',')
		}
		b.WriteByte(')')
	}
}

func typeTag(e expr) string {
	switch x := e.(type) {
	case unaryExpr:
		return "u" + x.op
	case binaryExpr:
		return "b" + x.op
	case compareExpr:
		return "c" + strings.Join(x.ops, "")
	case isNullExpr:
		if x.not {
			return "notnull"
		}
		return "isnull"
	case typePredExpr:
		if x.not {
			return "isnot::" + x.t.String()
		}
		return "is::" + x.t.String()
	case hasLabelsExpr:
		t := "labels:" + strings.Join(x.labels, ":")
		if x.lx != nil {
			t += "/" + x.lx.String()
		}
		return t
	case mapExpr:
		return "map:" + strings.Join(x.keys, ",")
	case *callExpr:
		t := "f:" + x.name
		if x.distinct {
			t += ":d"
		}
		if x.star {
			t += ":*"
		}
		return t
	case listCompExpr:
		return "lc:" + x.v
	case quantExpr:
		return "q:" + x.kind + ":" + x.v
	case reduceExpr:
		return "r:" + x.acc + ":" + x.v
	case existsExpr:
		if x.sub != nil {
			// Children do not show a subquery's clauses: key it by identity.
			return fmt.Sprintf("sub:%p", x.sub)
		}
	case mapProjExpr:
		var parts []string
		for _, it := range x.items {
			parts = append(parts, it.kind+":"+it.key)
		}
		return "mp:" + strings.Join(parts, ",")
	}
	// Patterns are rare in keys; give each occurrence its own identity.
	return "T" + strconv.Itoa(len(children(e)))
}

// children lists the direct subexpressions of e (for patterns, their
// property maps and WHERE).
func children(e expr) []expr {
	switch x := e.(type) {
	case propExpr:
		return []expr{x.x}
	case indexExpr:
		return []expr{x.x, x.i}
	case sliceExpr:
		return []expr{x.x, x.from, x.to}
	case unaryExpr:
		return []expr{x.x}
	case binaryExpr:
		return []expr{x.l, x.r}
	case compareExpr:
		return x.xs
	case isNullExpr:
		return []expr{x.x}
	case typePredExpr:
		return []expr{x.x}
	case hasLabelsExpr:
		return []expr{x.x}
	case listExpr:
		return x.elems
	case mapExpr:
		return x.vals
	case mapProjExpr:
		out := []expr{x.x}
		for _, it := range x.items {
			if it.x != nil {
				out = append(out, it.x)
			}
		}
		return out
	case caseExpr:
		out := []expr{x.test}
		for i := range x.whens {
			out = append(out, x.whens[i], x.thens[i])
		}
		return append(out, x.els)
	case *callExpr:
		return x.args
	case listCompExpr:
		return []expr{x.list, x.where, x.proj}
	case quantExpr:
		return []expr{x.list, x.where}
	case reduceExpr:
		return []expr{x.init, x.list, x.body}
	case patternCompExpr:
		return append(patternExprs([]*patternPart{x.part}), x.where, x.proj)
	case existsExpr:
		return append(patternExprs(x.parts), x.where)
	}
	return nil
}

func patternExprs(parts []*patternPart) []expr {
	var out []expr
	for _, p := range parts {
		for _, n := range p.nodes {
			if n.props != nil {
				out = append(out, n.props)
			}
		}
		for _, r := range p.rels {
			if r.props != nil {
				out = append(out, r.props)
			}
			if r.qpp != nil {
				out = append(out, patternExprs([]*patternPart{{nodes: r.qpp.nodes, rels: r.qpp.rels}})...)
				if r.qpp.where != nil {
					out = append(out, r.qpp.where)
				}
			}
		}
	}
	return out
}

// containsAgg reports whether e calls an aggregate function outside any
// nested subquery scope.
func containsAgg(e expr) bool {
	if c, ok := e.(*callExpr); ok && aggregateFuncs[c.name] {
		return true
	}
	for _, c := range children(e) {
		if c != nil && containsAgg(c) {
			return true
		}
	}
	return false
}

// collectAggs appends the aggregate calls in e (not nested in another
// aggregate).
func collectAggs(e expr, out []*callExpr) []*callExpr {
	if c, ok := e.(*callExpr); ok && aggregateFuncs[c.name] {
		return append(out, c)
	}
	for _, c := range children(e) {
		if c != nil {
			out = collectAggs(c, out)
		}
	}
	return out
}
