package cypher

import (
	"strconv"
	"strings"
)

// exprString prints an expression back as Cypher, for the details of
// EXPLAIN and PROFILE. It is for people, not for parsing again: deep
// subqueries are abbreviated.
func exprString(e expr) string {
	var b strings.Builder
	writeExpr(&b, e)
	return b.String()
}

func writeExpr(b *strings.Builder, e expr) {
	switch x := e.(type) {
	case nil:
		b.WriteString("null")
	case litExpr:
		b.WriteString(literalString(x.val))
	case paramExpr:
		b.WriteString("$" + x.name)
	case varExpr:
		b.WriteString(quoteName(x.name))
	case propExpr:
		writeExpr(b, x.x)
		b.WriteString("." + quoteName(x.key))
	case indexExpr:
		writeExpr(b, x.x)
		b.WriteByte('[')
		writeExpr(b, x.i)
		b.WriteByte(']')
	case sliceExpr:
		writeExpr(b, x.x)
		b.WriteByte('[')
		if x.from != nil {
			writeExpr(b, x.from)
		}
		b.WriteString("..")
		if x.to != nil {
			writeExpr(b, x.to)
		}
		b.WriteByte(']')
	case unaryExpr:
		if x.op == "NOT" {
			b.WriteString("NOT ")
		} else {
			b.WriteString(x.op)
		}
		writeExpr(b, x.x)
	case binaryExpr:
		op := x.op
		switch op {
		case "STARTS":
			op = "STARTS WITH"
		case "ENDS":
			op = "ENDS WITH"
		}
		paren := x.op == "OR" || x.op == "XOR"
		if paren {
			b.WriteByte('(')
		}
		writeExpr(b, x.l)
		b.WriteString(" " + op + " ")
		writeExpr(b, x.r)
		if paren {
			b.WriteByte(')')
		}
	case compareExpr:
		writeExpr(b, x.xs[0])
		for i, op := range x.ops {
			b.WriteString(" " + op + " ")
			writeExpr(b, x.xs[i+1])
		}
	case isNullExpr:
		writeExpr(b, x.x)
		if x.not {
			b.WriteString(" IS NOT NULL")
		} else {
			b.WriteString(" IS NULL")
		}
	case typePredExpr:
		writeExpr(b, x.x)
		if x.not {
			b.WriteString(" IS NOT :: ")
		} else {
			b.WriteString(" IS :: ")
		}
		b.WriteString(x.t.String())
	case hasLabelsExpr:
		writeExpr(b, x.x)
		writeLabels(b, x.labels, x.lx)
	case listExpr:
		b.WriteByte('[')
		for i, el := range x.elems {
			if i > 0 {
				b.WriteString(", ")
			}
			writeExpr(b, el)
		}
		b.WriteByte(']')
	case mapExpr:
		b.WriteByte('{')
		for i, k := range x.keys {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(quoteName(k) + ": ")
			writeExpr(b, x.vals[i])
		}
		b.WriteByte('}')
	case *callExpr:
		b.WriteString(x.display)
		b.WriteByte('(')
		if x.star {
			b.WriteByte('*')
		}
		if x.distinct {
			b.WriteString("DISTINCT ")
		}
		for i, a := range x.args {
			if i > 0 {
				b.WriteString(", ")
			}
			writeExpr(b, a)
		}
		b.WriteByte(')')
	case caseExpr:
		b.WriteString("CASE")
		if x.test != nil {
			b.WriteByte(' ')
			writeExpr(b, x.test)
		}
		for i := range x.whens {
			b.WriteString(" WHEN ")
			writeExpr(b, x.whens[i])
			b.WriteString(" THEN ")
			writeExpr(b, x.thens[i])
		}
		if x.els != nil {
			b.WriteString(" ELSE ")
			writeExpr(b, x.els)
		}
		b.WriteString(" END")
	case listCompExpr:
		b.WriteString("[" + quoteName(x.v) + " IN ")
		writeExpr(b, x.list)
		if x.where != nil {
			b.WriteString(" WHERE ")
			writeExpr(b, x.where)
		}
		if x.proj != nil {
			b.WriteString(" | ")
			writeExpr(b, x.proj)
		}
		b.WriteByte(']')
	case quantExpr:
		b.WriteString(x.kind + "(" + quoteName(x.v) + " IN ")
		writeExpr(b, x.list)
		b.WriteString(" WHERE ")
		writeExpr(b, x.where)
		b.WriteByte(')')
	case reduceExpr:
		b.WriteString("reduce(" + quoteName(x.acc) + " = ")
		writeExpr(b, x.init)
		b.WriteString(", " + quoteName(x.v) + " IN ")
		writeExpr(b, x.list)
		b.WriteString(" | ")
		writeExpr(b, x.body)
		b.WriteByte(')')
	case patternCompExpr:
		b.WriteByte('[')
		b.WriteString(patternString(x.part))
		b.WriteString(" | ")
		writeExpr(b, x.proj)
		b.WriteByte(']')
	case existsExpr:
		switch {
		case x.sub != nil && x.collect:
			b.WriteString("COLLECT { … }")
		case x.sub != nil && x.count:
			b.WriteString("COUNT { … }")
		case x.sub != nil:
			b.WriteString("EXISTS { … }")
		default:
			var ps []string
			for _, p := range x.parts {
				ps = append(ps, patternString(p))
			}
			switch {
			case x.bare:
				b.WriteString(strings.Join(ps, ", "))
			case x.count:
				b.WriteString("COUNT { " + strings.Join(ps, ", ") + " }")
			default:
				b.WriteString("EXISTS { " + strings.Join(ps, ", ") + " }")
			}
		}
	case mapProjExpr:
		writeExpr(b, x.x)
		b.WriteString(" {")
		for i, it := range x.items {
			if i > 0 {
				b.WriteString(", ")
			}
			switch it.kind {
			case "all":
				b.WriteString(".*")
			case "prop":
				b.WriteString("." + quoteName(it.key))
			case "var":
				b.WriteString(quoteName(it.key))
			default:
				b.WriteString(quoteName(it.key) + ": ")
				writeExpr(b, it.x)
			}
		}
		b.WriteByte('}')
	default:
		b.WriteString("…")
	}
}

func literalString(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return "'" + strings.ReplaceAll(strings.ReplaceAll(x, `\`, `\\`), "'", `\'`) + "'"
	case bool:
		return strconv.FormatBool(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return formatFloat(x)
	}
	return "…"
}

// quoteName backticks a name that is not a plain identifier.
func quoteName(s string) string {
	if s == "" {
		return "``"
	}
	for i := 0; i < len(s); i++ {
		if !isIdentPart(s, i) || i == 0 && !isIdentStart(s, i) {
			return "`" + strings.ReplaceAll(s, "`", "``") + "`"
		}
	}
	return s
}

func writeLabels(b *strings.Builder, labels []string, lx *labelExpr) {
	for _, l := range labels {
		b.WriteString(":" + quoteName(l))
	}
	if lx != nil {
		s := lx.String()
		if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") {
			s = s[1 : len(s)-1]
		}
		b.WriteString(":" + s)
	}
}

func nodeString(np *nodePat) string {
	var b strings.Builder
	b.WriteByte('(')
	if np.v != "" && !strings.HasPrefix(np.v, " ") {
		b.WriteString(quoteName(np.v))
	}
	writeLabels(&b, np.labels, np.lx)
	if np.props != nil {
		if b.Len() > 1 {
			b.WriteByte(' ')
		}
		writeExpr(&b, np.props)
	}
	b.WriteByte(')')
	return b.String()
}

func relString(rp *relPat) string {
	var b strings.Builder
	if rp.dir == Incoming {
		b.WriteByte('<')
	}
	b.WriteString("-[")
	if rp.v != "" {
		b.WriteString(quoteName(rp.v))
	}
	if len(rp.types) > 0 {
		for i, t := range rp.types {
			if i == 0 {
				b.WriteByte(':')
			} else {
				b.WriteByte('|')
			}
			b.WriteString(quoteName(t))
		}
	}
	if rp.tx != nil {
		b.WriteString(":" + rp.tx.String())
	}
	if rp.qpp != nil {
		b.WriteString(" … ")
	}
	if rp.varLen {
		b.WriteByte('*')
		if rp.min != 1 || rp.max != -1 {
			b.WriteString(strconv.Itoa(rp.min))
			b.WriteString("..")
			if rp.max >= 0 {
				b.WriteString(strconv.Itoa(rp.max))
			}
		}
	}
	if rp.props != nil {
		b.WriteByte(' ')
		writeExpr(&b, rp.props)
	}
	b.WriteString("]-")
	if rp.dir == Outgoing {
		b.WriteByte('>')
	}
	return b.String()
}

func patternString(p *patternPart) string {
	var b strings.Builder
	if p.pathVar != "" && !strings.HasPrefix(p.pathVar, " ") {
		b.WriteString(quoteName(p.pathVar) + " = ")
	}
	for i, np := range p.nodes {
		if i > 0 {
			b.WriteString(relString(p.rels[i-1]))
		}
		b.WriteString(nodeString(np))
	}
	return b.String()
}
