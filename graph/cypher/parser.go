package cypher

import (
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// parser is a recursive-descent parser over the token slice. Errors are
// raised by panicking with a parseError and recovered in parse, which keeps
// the grammar functions short; backtracking (patterns versus parenthesised
// expressions) recovers the same way.
type parser struct {
	src   string
	toks  []token
	p     int
	depth int
}

// maxDepth bounds expression nesting, so a hostile query cannot exhaust
// the stack.
const maxDepth = 200

type parseError struct{ err *graph.Error }

// parse turns src into a query.
func parse(src string) (q *query, err error) {
	toks, lerr := lex(src)
	if lerr != nil {
		return nil, lerr
	}
	ps := &parser{src: src, toks: toks}
	defer func() {
		if r := recover(); r != nil {
			pe, ok := r.(parseError)
			if !ok {
				panic(r)
			}
			q, err = nil, pe.err
		}
	}()
	q = ps.query()
	return q, nil
}

func (ps *parser) peek() token { return ps.toks[ps.p] }
func (ps *parser) peekN(n int) token {
	if ps.p+n < len(ps.toks) {
		return ps.toks[ps.p+n]
	}
	return ps.toks[len(ps.toks)-1]
}
func (ps *parser) next() token {
	t := ps.toks[ps.p]
	if t.kind != tEOF {
		ps.p++
	}
	return t
}

func (ps *parser) failAt(pos int, format string, args ...any) {
	panic(parseError{syntaxError(ps.src, pos, format, args...)})
}

// fail reports an unexpected token in Neo4j's words.
func (ps *parser) fail(expected string) {
	t := ps.peek()
	if t.kind == tEOF {
		ps.failAt(t.pos, "Invalid input '': expected %s", expected)
	}
	ps.failAt(t.pos, "Invalid input '%s': expected %s", tokenText(ps.src, t), expected)
}

func tokenText(src string, t token) string {
	if t.end > t.pos && t.end <= len(src) {
		return src[t.pos:t.end]
	}
	return t.text
}

func (ps *parser) acceptSym(s string) bool {
	if ps.peek().is(s) {
		ps.p++
		return true
	}
	return false
}

func (ps *parser) expectSym(s string) token {
	if !ps.peek().is(s) {
		ps.fail("'" + s + "'")
	}
	return ps.next()
}

func (ps *parser) acceptKw(k string) bool {
	if ps.peek().kw(k) {
		ps.p++
		return true
	}
	return false
}

func (ps *parser) expectKw(k string) {
	if !ps.acceptKw(k) {
		ps.fail(k)
	}
}

// name reads an identifier (plain or backticked), e.g. a variable, label
// or property key. Keywords are allowed where a name is required.
func (ps *parser) name(what string) string {
	t := ps.peek()
	if t.kind != tIdent && t.kind != tQuoted {
		ps.fail(what)
	}
	ps.p++
	return t.text
}

var writeClauses = map[string]string{
	"CREATE": "CREATE", "MERGE": "MERGE", "SET": "SET", "DELETE": "DELETE",
	"DETACH": "DETACH DELETE", "REMOVE": "REMOVE", "CALL": "CALL",
	"LOAD": "LOAD CSV", "FOREACH": "FOREACH", "DROP": "DROP", "USE": "USE",
}

func (ps *parser) query() *query {
	q := &query{}
	switch {
	case ps.acceptKw("EXPLAIN"):
		q.mode = "EXPLAIN"
	case ps.acceptKw("PROFILE"):
		q.mode = "PROFILE"
	}
	q.parts = append(q.parts, ps.singleQuery())
	for ps.acceptKw("UNION") {
		q.unionAll = append(q.unionAll, ps.acceptKw("ALL"))
		q.parts = append(q.parts, ps.singleQuery())
	}
	ps.acceptSym(";")
	if ps.peek().kind != tEOF {
		ps.fail("a clause")
	}
	return q
}

func (ps *parser) singleQuery() *singleQuery {
	sq := &singleQuery{}
	for {
		t := ps.peek()
		switch {
		case t.kind == tEOF || t.is(";") || t.kw("UNION") || t.is("}"):
			if len(sq.clauses) == 0 {
				ps.fail("a clause (MATCH, OPTIONAL MATCH, UNWIND, WITH or RETURN)")
			}
			return sq
		case t.kw("MATCH"):
			ps.p++
			sq.clauses = append(sq.clauses, ps.match(false))
		case t.kw("OPTIONAL") && ps.peekN(1).kw("CALL"):
			ps.p++
			if !ps.isCallSubquery() {
				panic(parseError{readOnlyError(ps.src, ps.peek().pos, "CALL")})
			}
			ps.p++
			sq.clauses = append(sq.clauses, ps.callSubquery(t.pos, true))
		case t.kw("OPTIONAL"):
			ps.p++
			ps.expectKw("MATCH")
			sq.clauses = append(sq.clauses, ps.match(true))
		case t.kw("CALL") && ps.isCallSubquery():
			ps.p++
			sq.clauses = append(sq.clauses, ps.callSubquery(t.pos, false))
		case t.kw("UNWIND"):
			ps.p++
			x := ps.expr()
			ps.expectKw("AS")
			sq.clauses = append(sq.clauses, &unwindClause{x: x, v: ps.name("a variable name")})
		case t.kw("WITH"):
			ps.p++
			sq.clauses = append(sq.clauses, ps.projection(false, t.pos))
		case t.kw("RETURN"):
			ps.p++
			sq.clauses = append(sq.clauses, ps.projection(true, t.pos))
		case t.kw("CREATE"):
			ps.p++
			c := &createClause{pos: t.pos}
			c.parts = ps.patternList()
			sq.clauses = append(sq.clauses, c)
		case t.kind == tIdent && writeClauses[strings.ToUpper(t.text)] != "":
			panic(parseError{readOnlyError(ps.src, t.pos, writeClauses[strings.ToUpper(t.text)])})
		default:
			ps.fail("a clause (MATCH, OPTIONAL MATCH, UNWIND, WITH or RETURN)")
		}
	}
}

func readOnlyError(src string, pos int, clause string) *graph.Error {
	e := locatedError(CodeReadOnly, src, pos, "%s is not allowed: the query API is read-only", clause)
	return e
}

func (ps *parser) match(optional bool) *matchClause {
	m := &matchClause{optional: optional}
	m.parts = ps.patternList()
	if ps.acceptKw("WHERE") {
		m.where = ps.expr()
	}
	return m
}

func (ps *parser) patternList() []*patternPart {
	parts := []*patternPart{ps.patternPart()}
	for ps.acceptSym(",") {
		parts = append(parts, ps.patternPart())
	}
	return parts
}

func (ps *parser) patternPart() *patternPart {
	pos := ps.peek().pos
	pathVar := ""
	if t := ps.peek(); (t.kind == tIdent || t.kind == tQuoted) && ps.peekN(1).is("=") {
		pathVar = t.text
		ps.p += 2
	}
	t := ps.peek()
	if t.kind == tIdent && (strings.EqualFold(t.text, "shortestPath") || strings.EqualFold(t.text, "allShortestPaths")) && ps.peekN(1).is("(") {
		ps.p += 2
		part := ps.patternElement()
		ps.expectSym(")")
		part.shortest = 1
		if strings.EqualFold(t.text, "allShortestPaths") {
			part.shortest = 2
		}
		part.pathVar, part.pos = pathVar, pos
		return part
	}
	if sel := ps.selector(); sel != nil {
		part := ps.patternElement()
		part.pathVar, part.pos = pathVar, pos
		part.shortest, part.sel = 3, sel
		return part
	}
	part := ps.patternElement()
	part.pathVar, part.pos = pathVar, pos
	return part
}

func (ps *parser) patternElement() *patternPart {
	if ps.peek().is("(") && ps.peekN(1).is("(") {
		ps.p++
		ps.depth++
		if ps.depth > maxDepth {
			ps.failAt(ps.peek().pos, "Pattern nested too deeply (more than %d levels)", maxDepth)
		}
		part := ps.patternElement()
		ps.depth--
		ps.expectSym(")")
		return part
	}
	part := &patternPart{}
	part.nodes = append(part.nodes, ps.nodePattern())
	for {
		t := ps.peek()
		switch {
		case t.is("(") && ps.peekN(1).is("("):
			part.rels = append(part.rels, ps.quantifiedGroup())
		case t.is("-") || t.is("<") && ps.peekN(1).is("-"):
			r := ps.relPattern()
			if q := ps.peek(); q.is("{") || q.is("+") || q.is("*") {
				if r.varLen {
					ps.failAt(q.pos, "A variable-length relationship cannot also be quantified")
				}
				r.varLen = true
				r.min, r.max = ps.quantifier()
			}
			part.rels = append(part.rels, r)
		default:
			return part
		}
		part.nodes = append(part.nodes, ps.nodePattern())
	}
}

// quantifiedGroup parses a quantified path pattern, ((x)-[r:T]->(y)
// WHERE …){1,3}. A single bare relationship between anonymous nodes,
// (()-[:T]->()){1,3}, becomes a variable-length relationship; anything
// else a group (see qpp.go).
func (ps *parser) quantifiedGroup() *relPat {
	start := ps.expectSym("(")
	inner := ps.patternElement()
	var where expr
	if ps.acceptKw("WHERE") {
		where = ps.expr()
	}
	ps.expectSym(")")
	if q := ps.peek(); !(q.is("{") || q.is("+") || q.is("*")) {
		ps.fail("a quantifier ({m,n}, + or *)")
	}
	min, max := ps.quantifier()
	if len(inner.rels) == 0 {
		ps.failAt(start.pos, "A quantified path pattern must hold at least one relationship")
	}
	plain := len(inner.rels) == 1 && where == nil && !inner.rels[0].varLen
	for _, n := range inner.nodes {
		if n.v != "" || n.labels != nil || n.lx != nil || n.props != nil {
			plain = false
		}
	}
	if plain {
		r := inner.rels[0]
		r.varLen, r.min, r.max = true, min, max
		return r
	}
	return &relPat{pos: start.pos, varLen: true, min: min, max: max, qpp: ps.newQPP(inner, where)}
}

// quantifier parses {m,n}, {m,}, {,n}, {n}, + (one or more) or * (zero
// or more). An absent upper bound is -1.
func (ps *parser) quantifier() (int, int) {
	switch {
	case ps.acceptSym("+"):
		return 1, -1
	case ps.acceptSym("*"):
		return 0, -1
	}
	ps.expectSym("{")
	min, max := 0, -1
	if ps.peek().kind == tInt {
		min = int(ps.intLit())
		max = min
	}
	if ps.acceptSym(",") {
		max = -1
		if ps.peek().kind == tInt {
			max = int(ps.intLit())
		}
	}
	ps.expectSym("}")
	if max >= 0 && max < min {
		ps.failAt(ps.toks[ps.p-1].pos, "A quantifier's upper bound cannot be below its lower bound")
	}
	return min, max
}

func (ps *parser) nodePattern() *nodePat {
	t := ps.expectSym("(")
	n := &nodePat{pos: t.pos}
	if t := ps.peek(); t.kind == tIdent || t.kind == tQuoted {
		n.v = ps.next().text
	}
	if ps.peek().is(":") {
		n.labels, n.lx = ps.labels()
	}
	if ps.peek().is("{") || ps.peek().kind == tParam {
		n.props = ps.atom()
	}
	ps.expectSym(")")
	return n
}

// labels parses what follows a node variable or an expression: either a
// plain conjunction :A:B, returned as names, or a Neo4j 5 label
// expression (:A|B, :A&!B, :(A|B)&C, :%), returned as a labelExpr.
func (ps *parser) labels() ([]string, *labelExpr) {
	ps.expectSym(":")
	lx := ps.labelOr()
	if lx.op == 'n' {
		names := []string{lx.name}
		for ps.peek().is(":") {
			ps.p++
			x := ps.labelOr()
			if x.op != 'n' {
				ps.failAt(ps.toks[ps.p-1].pos, "Mixing :A:B with label expressions is not allowed")
			}
			names = append(names, x.name)
		}
		return names, nil
	}
	return nil, lx
}

func (ps *parser) labelOr() *labelExpr {
	x := ps.labelAnd()
	if !ps.peek().is("|") {
		return x
	}
	or := &labelExpr{op: '|', args: []*labelExpr{x}}
	for ps.acceptSym("|") {
		ps.acceptSym(":")
		or.args = append(or.args, ps.labelAnd())
	}
	return or
}

func (ps *parser) labelAnd() *labelExpr {
	x := ps.labelFactor()
	if !ps.peek().is("&") {
		return x
	}
	and := &labelExpr{op: '&', args: []*labelExpr{x}}
	for ps.acceptSym("&") {
		and.args = append(and.args, ps.labelFactor())
	}
	return and
}

func (ps *parser) labelFactor() *labelExpr {
	ps.depth++
	if ps.depth > maxDepth {
		ps.failAt(ps.peek().pos, "Label expression nested too deeply (more than %d levels)", maxDepth)
	}
	defer func() { ps.depth-- }()
	switch {
	case ps.acceptSym("!"):
		return &labelExpr{op: '!', args: []*labelExpr{ps.labelFactor()}}
	case ps.acceptSym("%"):
		return &labelExpr{op: '%'}
	case ps.acceptSym("("):
		x := ps.labelOr()
		ps.expectSym(")")
		return x
	}
	return &labelExpr{op: 'n', name: ps.name("a label name")}
}

func (ps *parser) relPattern() *relPat {
	r := &relPat{pos: ps.peek().pos, min: 1, max: 1}
	left := ps.acceptSym("<")
	ps.expectSym("-")
	if ps.acceptSym("[") {
		if t := ps.peek(); t.kind == tIdent || t.kind == tQuoted {
			r.v = ps.next().text
		}
		colonAlt := -1
		if ps.acceptSym(":") {
			from := ps.p
			r.types, r.tx = relTypes(ps.labelOr())
			for k := from + 1; k < ps.p; k++ {
				if ps.toks[k].is(":") && ps.toks[k-1].is("|") {
					colonAlt = ps.toks[k].pos
					break
				}
			}
		}
		defer func() {
			// Cypher 5 keeps [:A|:B] only for bare relationship patterns.
			if colonAlt >= 0 && (r.v != "" || r.props != nil || r.varLen) {
				ps.failAt(colonAlt, "The old syntax [:A|:B] for alternative relationship types cannot be used with a variable, properties or a variable length; write [r:A|B]")
			}
		}()
		if t := ps.peek(); t.is("*") && r.tx != nil {
			// As Neo4j: only the quantified form -[:!T]->{1,3} may.
			ps.failAt(t.pos, "Variable length relationships must not use relationship type expressions.")
		}
		if ps.acceptSym("*") {
			r.varLen = true
			r.min, r.max = 1, -1
			if t := ps.peek(); t.kind == tInt {
				r.min = int(ps.intLit())
				r.max = r.min
			}
			if ps.acceptSym("..") {
				r.max = -1
				if t := ps.peek(); t.kind == tInt {
					r.max = int(ps.intLit())
				}
			}
		}
		if ps.peek().is("{") || ps.peek().kind == tParam {
			r.props = ps.atom()
		}
		ps.expectSym("]")
	}
	ps.expectSym("-")
	right := ps.acceptSym(">")
	switch {
	case left && !right:
		r.dir = Incoming
	case right && !left:
		r.dir = Outgoing
	default:
		r.dir = Both
	}
	return r
}

// relTypes splits a relationship type expression into a plain list of
// alternatives (:T|U), which Expand filters by, or, for anything using !,
// & or %, an expression each relationship's type is tested against.
func relTypes(lx *labelExpr) ([]string, *labelExpr) {
	switch lx.op {
	case 'n':
		return []string{lx.name}, nil
	case '|':
		var names []string
		for _, a := range lx.args {
			if a.op != 'n' {
				return nil, lx
			}
			names = append(names, a.name)
		}
		return names, nil
	}
	return nil, lx
}

func (ps *parser) intLit() int64 {
	t := ps.next()
	if t.err != "" {
		ps.failAt(t.pos, "Invalid input '%s': %s", tokenText(ps.src, t), t.err)
	}
	return t.num
}

func (ps *parser) projection(isReturn bool, pos int) *projection {
	pr := &projection{isReturn: isReturn, pos: pos}
	pr.distinct = ps.acceptKw("DISTINCT")
	if ps.acceptSym("*") {
		pr.star = true
		if !ps.acceptSym(",") {
			goto tail
		}
	}
	for {
		start := ps.peek()
		x := ps.expr()
		end := ps.toks[ps.p-1]
		it := projItem{x: x, text: ps.src[start.pos:end.end], pos: start.pos}
		if ps.acceptKw("AS") {
			it.alias = ps.name("a variable name")
		}
		pr.items = append(pr.items, it)
		if !ps.acceptSym(",") {
			break
		}
	}
tail:
	if ps.peek().kw("ORDER") {
		ps.p++
		ps.expectKw("BY")
		for {
			si := sortItem{x: ps.expr()}
			switch {
			case ps.acceptKw("DESC"), ps.acceptKw("DESCENDING"):
				si.desc = true
			case ps.acceptKw("ASC"), ps.acceptKw("ASCENDING"):
			}
			pr.order = append(pr.order, si)
			if !ps.acceptSym(",") {
				break
			}
		}
	}
	if ps.acceptKw("SKIP") {
		pr.skip = ps.expr()
	}
	if ps.acceptKw("LIMIT") {
		pr.limit = ps.expr()
	}
	if !isReturn && ps.acceptKw("WHERE") {
		pr.where = ps.expr()
	}
	return pr
}

// Expressions, lowest precedence first.

func (ps *parser) expr() expr {
	ps.depth++
	if ps.depth > maxDepth {
		ps.failAt(ps.peek().pos, "Expression nested too deeply (more than %d levels)", maxDepth)
	}
	x := ps.orExpr()
	ps.depth--
	return x
}

func (ps *parser) orExpr() expr {
	x := ps.xorExpr()
	for ps.acceptKw("OR") {
		x = binaryExpr{op: "OR", l: x, r: ps.xorExpr()}
	}
	return x
}

func (ps *parser) xorExpr() expr {
	x := ps.andExpr()
	for ps.acceptKw("XOR") {
		x = binaryExpr{op: "XOR", l: x, r: ps.andExpr()}
	}
	return x
}

func (ps *parser) andExpr() expr {
	x := ps.notExpr()
	for ps.acceptKw("AND") {
		x = binaryExpr{op: "AND", l: x, r: ps.notExpr()}
	}
	return x
}

func (ps *parser) notExpr() expr {
	if ps.acceptKw("NOT") {
		ps.depth++
		if ps.depth > maxDepth {
			ps.failAt(ps.peek().pos, "Expression nested too deeply (more than %d levels)", maxDepth)
		}
		x := unaryExpr{op: "NOT", x: ps.notExpr()}
		ps.depth--
		return x
	}
	return ps.comparison()
}

func compareOp(t token) string {
	if t.kind != tSym {
		return ""
	}
	switch t.text {
	case "=", "<>", "<", ">", "<=", ">=":
		return t.text
	case "!=":
		return "<>"
	}
	return ""
}

func (ps *parser) comparison() expr {
	x := ps.predicates()
	op := compareOp(ps.peek())
	if op == "" {
		return x
	}
	c := compareExpr{xs: []expr{x}}
	for op != "" {
		ps.p++
		c.ops = append(c.ops, op)
		c.xs = append(c.xs, ps.predicates())
		op = compareOp(ps.peek())
	}
	return c
}

// predicates parses the string, list and null predicates that bind
// tighter than comparisons: STARTS WITH, ENDS WITH, CONTAINS, IN, =~,
// IS [NOT] NULL.
func (ps *parser) predicates() expr {
	x := ps.additive()
	for {
		t := ps.peek()
		switch {
		case t.kw("STARTS") && ps.peekN(1).kw("WITH"):
			ps.p += 2
			x = binaryExpr{op: "STARTS", l: x, r: ps.additive()}
		case t.kw("ENDS") && ps.peekN(1).kw("WITH"):
			ps.p += 2
			x = binaryExpr{op: "ENDS", l: x, r: ps.additive()}
		case t.kw("CONTAINS"):
			ps.p++
			x = binaryExpr{op: "CONTAINS", l: x, r: ps.additive()}
		case t.kw("IN"):
			ps.p++
			x = binaryExpr{op: "IN", l: x, r: ps.additive()}
		case t.is("=~"):
			ps.p++
			x = binaryExpr{op: "=~", l: x, r: ps.additive()}
		case t.kw("IS"):
			ps.p++
			not := ps.acceptKw("NOT")
			if ps.acceptSym("::") {
				x = typePredExpr{x: x, t: ps.typeUnion(), not: not}
				continue
			}
			ps.expectKw("NULL")
			x = isNullExpr{x: x, not: not}
		case t.is("::"):
			ps.p++
			x = typePredExpr{x: x, t: ps.typeUnion()}
		default:
			return x
		}
	}
}

func (ps *parser) additive() expr {
	x := ps.multiplicative()
	for {
		t := ps.peek()
		if t.is("+") || t.is("-") {
			ps.p++
			x = binaryExpr{op: t.text, l: x, r: ps.multiplicative()}
			continue
		}
		return x
	}
}

func (ps *parser) multiplicative() expr {
	x := ps.power()
	for {
		t := ps.peek()
		if t.is("*") || t.is("/") || t.is("%") {
			ps.p++
			x = binaryExpr{op: t.text, l: x, r: ps.power()}
			continue
		}
		return x
	}
}

func (ps *parser) power() expr {
	x := ps.unary()
	for ps.acceptSym("^") {
		x = binaryExpr{op: "^", l: x, r: ps.unary()}
	}
	return x
}

func (ps *parser) unary() expr {
	t := ps.peek()
	if t.is("-") || t.is("+") {
		ps.p++
		if n := ps.peek(); t.is("-") && n.kind == tInt && n.err == "MinInt" {
			ps.p++
			return ps.postfix(litExpr{val: n.num})
		}
		ps.depth++
		if ps.depth > maxDepth {
			ps.failAt(ps.peek().pos, "Expression nested too deeply (more than %d levels)", maxDepth)
		}
		x := unaryExpr{op: t.text, x: ps.unary()}
		ps.depth--
		return x
	}
	return ps.postfix(ps.atom())
}

func (ps *parser) postfix(x expr) expr {
	for {
		t := ps.peek()
		switch {
		case t.is("."):
			ps.p++
			x = propExpr{x: x, key: ps.name("a property key name")}
		case t.is("["):
			ps.p++
			var from, to expr
			if !ps.peek().is("..") {
				from = ps.expr()
			}
			if ps.acceptSym("..") {
				if !ps.peek().is("]") {
					to = ps.expr()
				}
				ps.expectSym("]")
				x = sliceExpr{x: x, from: from, to: to}
				continue
			}
			ps.expectSym("]")
			if from == nil {
				ps.fail("an expression")
			}
			x = indexExpr{x: x, i: from}
		case t.is(":") && ps.peekN(1).kind != tEOF:
			h := hasLabelsExpr{x: x}
			h.labels, h.lx = ps.labels()
			x = h
		default:
			return x
		}
	}
}

func (ps *parser) atom() expr {
	t := ps.peek()
	switch t.kind {
	case tInt:
		ps.p++
		if t.err != "" {
			if t.err == "MinInt" {
				ps.failAt(t.pos, "integer is too large: '%s' (IntegerOverflow)", t.text)
			}
			ps.failAt(t.pos, "invalid number literal '%s' (%s)", t.text, t.err)
		}
		return litExpr{val: t.num}
	case tFloat:
		ps.p++
		if t.err != "" {
			ps.failAt(t.pos, "floating point number is too large: '%s' (FloatingPointOverflow)", t.text)
		}
		return litExpr{val: t.fl}
	case tString:
		ps.p++
		return litExpr{val: t.text}
	case tParam:
		ps.p++
		return paramExpr{name: t.text}
	case tQuoted:
		ps.p++
		if ps.peek().is("{") {
			return ps.mapProjection(varExpr{name: t.text, pos: t.pos})
		}
		return varExpr{name: t.text, pos: t.pos}
	case tSym:
		switch t.text {
		case "(":
			if x, ok := ps.tryPatternExpr(); ok {
				return x
			}
			ps.p++
			x := ps.expr()
			ps.expectSym(")")
			return x
		case "[":
			return ps.listAtom()
		case "{":
			return ps.mapLiteral()
		}
		ps.fail("an expression")
	case tIdent:
		return ps.identAtom()
	}
	ps.fail("an expression")
	return nil
}

func (ps *parser) identAtom() expr {
	t := ps.peek()
	up := strings.ToUpper(t.text)
	switch up {
	case "TRUE":
		ps.p++
		return litExpr{val: true}
	case "FALSE":
		ps.p++
		return litExpr{val: false}
	case "NULL":
		ps.p++
		return litExpr{val: nil}
	case "CASE":
		ps.p++
		return ps.caseExpr()
	case "ALL", "ANY", "NONE", "SINGLE":
		if ps.peekN(1).is("(") && (ps.peekN(2).kind == tIdent || ps.peekN(2).kind == tQuoted) && ps.peekN(3).kw("IN") {
			ps.p += 2
			q := quantExpr{kind: strings.ToLower(up), v: ps.next().text}
			ps.expectKw("IN")
			q.list = ps.expr()
			if ps.acceptKw("WHERE") {
				q.where = ps.expr()
			} else {
				ps.fail("WHERE")
			}
			ps.expectSym(")")
			return q
		}
	case "REDUCE":
		if ps.peekN(1).is("(") {
			ps.p += 2
			r := reduceExpr{acc: ps.name("a variable name")}
			ps.expectSym("=")
			r.init = ps.expr()
			ps.expectSym(",")
			r.v = ps.name("a variable name")
			ps.expectKw("IN")
			r.list = ps.expr()
			ps.expectSym("|")
			r.body = ps.expr()
			ps.expectSym(")")
			return r
		}
	case "EXISTS", "COUNT", "COLLECT":
		if ps.peekN(1).is("{") {
			ps.p += 2
			count := up == "COUNT"
			if t := ps.peek(); up == "COLLECT" || t.kw("MATCH") || t.kw("OPTIONAL") || t.kw("UNWIND") || t.kw("WITH") || t.kw("RETURN") || t.kw("CALL") {
				sq := ps.singleQuery()
				ps.expectSym("}")
				return existsExpr{sub: &subquery{q: sq}, count: count, collect: up == "COLLECT"}
			}
			e := existsExpr{parts: ps.patternList(), count: count}
			if ps.acceptKw("WHERE") {
				e.where = ps.expr()
			}
			ps.expectSym("}")
			return e
		}
	}
	// Function call: name(.name)* '('.
	j := 1
	for ps.peekN(j).is(".") && ps.peekN(j+1).kind == tIdent {
		j += 2
	}
	if ps.peekN(j).is("(") {
		var parts []string
		for k := 0; k < j; k += 2 {
			parts = append(parts, ps.peekN(k).text)
		}
		ps.p += j + 1
		c := &callExpr{name: strings.ToLower(strings.Join(parts, ".")), display: strings.Join(parts, "."), agg: -1, pos: t.pos}
		if c.name == "count" && ps.peek().is("*") {
			ps.p++
			ps.expectSym(")")
			c.star = true
			return c
		}
		c.distinct = ps.acceptKw("DISTINCT")
		if !ps.acceptSym(")") {
			for {
				c.args = append(c.args, ps.expr())
				if ps.acceptSym(")") {
					break
				}
				ps.expectSym(",")
			}
		}
		return c
	}
	ps.p++
	v := varExpr{name: t.text, pos: t.pos}
	if ps.peek().is("{") {
		return ps.mapProjection(v)
	}
	return v
}

func (ps *parser) mapProjection(v varExpr) expr {
	ps.expectSym("{")
	mp := mapProjExpr{x: v}
	if ps.acceptSym("}") {
		return mp
	}
	for {
		switch {
		case ps.acceptSym("."):
			if ps.acceptSym("*") {
				mp.items = append(mp.items, mapProjItem{kind: "all"})
			} else {
				mp.items = append(mp.items, mapProjItem{kind: "prop", key: ps.name("a property key name")})
			}
		default:
			t := ps.peek()
			k := ps.name("a map projection item")
			if ps.acceptSym(":") {
				mp.items = append(mp.items, mapProjItem{kind: "kv", key: k, x: ps.expr()})
			} else {
				mp.items = append(mp.items, mapProjItem{kind: "var", key: k, x: varExpr{name: k, pos: t.pos}})
			}
		}
		if ps.acceptSym("}") {
			return mp
		}
		ps.expectSym(",")
	}
}

func (ps *parser) caseExpr() expr {
	c := caseExpr{}
	if !ps.peek().kw("WHEN") {
		c.test = ps.expr()
	}
	for ps.acceptKw("WHEN") {
		c.whens = append(c.whens, ps.expr())
		ps.expectKw("THEN")
		c.thens = append(c.thens, ps.expr())
	}
	if len(c.whens) == 0 {
		ps.fail("WHEN")
	}
	if ps.acceptKw("ELSE") {
		c.els = ps.expr()
	}
	ps.expectKw("END")
	return c
}

func (ps *parser) mapLiteral() expr {
	ps.expectSym("{")
	m := mapExpr{}
	if ps.acceptSym("}") {
		return m
	}
	for {
		k := ps.name("a property key name")
		ps.expectSym(":")
		m.keys = append(m.keys, k)
		m.vals = append(m.vals, ps.expr())
		if ps.acceptSym("}") {
			return m
		}
		ps.expectSym(",")
	}
}

// listAtom parses a list literal, a list comprehension or a pattern
// comprehension.
func (ps *parser) listAtom() expr {
	ps.expectSym("[")
	if t := ps.peek(); (t.kind == tIdent || t.kind == tQuoted) && ps.peekN(1).kw("IN") {
		lc := listCompExpr{v: ps.next().text}
		ps.p++
		lc.list = ps.expr()
		if ps.acceptKw("WHERE") {
			lc.where = ps.expr()
		}
		if ps.acceptSym("|") {
			lc.proj = ps.expr()
		}
		ps.expectSym("]")
		return lc
	}
	// Pattern comprehension?
	if t := ps.peek(); t.is("(") || (t.kind == tIdent || t.kind == tQuoted) && ps.peekN(1).is("=") {
		save := ps.p
		part, ok := ps.tryPattern()
		if ok && (ps.peek().kw("WHERE") || ps.peek().is("|")) {
			pc := patternCompExpr{part: part}
			if ps.acceptKw("WHERE") {
				pc.where = ps.expr()
			}
			ps.expectSym("|")
			pc.proj = ps.expr()
			ps.expectSym("]")
			return pc
		}
		ps.p = save
	}
	l := listExpr{}
	if ps.acceptSym("]") {
		return l
	}
	for {
		l.elems = append(l.elems, ps.expr())
		if ps.acceptSym("]") {
			return l
		}
		ps.expectSym(",")
	}
}

// tryPattern parses a pattern part with at least one relationship,
// restoring the position and reporting false when there is none.
func (ps *parser) tryPattern() (part *patternPart, ok bool) {
	save := ps.p
	defer func() {
		if r := recover(); r != nil {
			if _, isPE := r.(parseError); !isPE {
				panic(r)
			}
			ps.p = save
			part, ok = nil, false
		}
	}()
	part = ps.patternPart()
	if len(part.rels) == 0 {
		ps.p = save
		return nil, false
	}
	return part, true
}

func (ps *parser) tryPatternExpr() (expr, bool) {
	part, ok := ps.tryPattern()
	if !ok {
		return nil, false
	}
	return existsExpr{parts: []*patternPart{part}, bare: true}, true
}
