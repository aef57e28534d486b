package cypher

// Whole-graph questions that the store can answer from what it already
// keeps, instead of visiting every relationship: counts by label and by
// relationship type (the store's counts, as Neo4j's counts store), and
// degrees (the store's CSR offsets). The planner rewrites the stages of a
// query that asks only for such counts; everything else about the query
// (ORDER BY, LIMIT, WHERE after WITH) runs as before.

// countClause replaces a MATCH whose only consumer counts it: MATCH (n:L)
// or MATCH ()-[r:T]->(), followed by an aggregation of count(*) or
// count(variable), grouped by nothing or by type(r). It emits the
// aggregation's rows directly.
type countClause struct {
	rels  bool     // count relationships, else nodes
	label string   // nodes: the label, or "" for all
	types []string // relationships: the types, or none for all
	cols  []countCol
	match *matchClause // what was rewritten, for EXPLAIN
}

func (*countClause) clauseNode() {}

// countCol is one output column of a countClause: a count, or type(r).
type countCol struct{ isType bool }

// degreeSpec answers the relationships of one node of a pattern by their
// number: node is the pattern node whose relationships are counted, dir
// and types as Expand takes them from that node.
type degreeSpec struct {
	node  int
	dir   Direction
	types []string
}

// degreeWeight names the hidden column that carries a row's weight (the
// number of matches it stands for) to the aggregation. The space keeps
// it apart from any variable of the query.
const degreeWeight = " weight"

// degreeNode names the counted node when the query leaves it anonymous.
const degreeNode = " node"

// rewrite applies the count and degree rewrites to a planned single query.
func rewrite(stages []*stage) []*stage {
	for i := 0; i+1 < len(stages); i++ {
		if st, ok := countRewrite(stages[i], stages[i+1]); ok {
			stages[i], stages[i+1] = st[0], st[1]
			continue
		}
		degreeRewrite(stages[i], stages[i+1])
	}
	return stages
}

// plainRel reports whether rp is one relationship with at most a list of
// types: no length, properties, type expression or quantified group.
func plainRel(rp *relPat) bool {
	return !rp.varLen && rp.qpp == nil && rp.tx == nil && rp.props == nil
}

// bareNode reports whether np has no labels and no properties.
func bareNode(np *nodePat) bool {
	return len(np.labels) == 0 && np.lx == nil && np.props == nil
}

// countItems checks that a projection holds only count(*), count(v) for v
// in vars (not DISTINCT) and, when typeOf is set, type(typeOf); it returns
// the columns. keys is false when a type(r) column appears.
func countItems(x *projection, vars map[string]bool, typeOf string) ([]countCol, bool) {
	if x.star || len(x.items) == 0 {
		return nil, false
	}
	var cols []countCol
	for _, it := range x.items {
		c, ok := it.x.(*callExpr)
		if !ok {
			return nil, false
		}
		switch {
		case c.name == "count" && !c.distinct && c.star:
			cols = append(cols, countCol{})
		case c.name == "count" && !c.distinct && len(c.args) == 1:
			v, ok := c.args[0].(varExpr)
			if !ok || !vars[v.name] {
				return nil, false
			}
			cols = append(cols, countCol{})
		case c.name == "type" && typeOf != "" && len(c.args) == 1:
			v, ok := c.args[0].(varExpr)
			if !ok || v.name != typeOf {
				return nil, false
			}
			cols = append(cols, countCol{isType: true})
		default:
			return nil, false
		}
	}
	return cols, true
}

// countRewrite turns MATCH + counting projection into a countClause and a
// plain projection of its columns.
func countRewrite(ms, ps *stage) ([2]*stage, bool) {
	var none [2]*stage
	m, ok := ms.c.(*matchClause)
	if !ok || m.optional || m.where != nil || len(m.parts) != 1 || len(ms.in) != 0 {
		return none, false
	}
	x, ok := ps.c.(*projection)
	if !ok || !ps.agg {
		return none, false
	}
	p := m.parts[0]
	if p.pathVar != "" || p.shortest != 0 {
		return none, false
	}
	cc := &countClause{match: m}
	vars := map[string]bool{}
	typeOf := ""
	switch {
	case len(p.nodes) == 1 && len(p.rels) == 0:
		np := p.nodes[0]
		if np.props != nil || np.lx != nil || len(np.labels) > 1 {
			return none, false
		}
		cc.label = firstLabel(np)
		vars[np.v] = true
	case len(p.nodes) == 2 && len(p.rels) == 1:
		rp := p.rels[0]
		if !plainRel(rp) || rp.dir == Both || !bareNode(p.nodes[0]) || !bareNode(p.nodes[1]) {
			return none, false
		}
		if p.nodes[0].v != "" && p.nodes[0].v == p.nodes[1].v {
			return none, false // (a)-->(a) counts self-loops
		}
		cc.rels, cc.types, typeOf = true, rp.types, rp.v
		vars[rp.v], vars[p.nodes[0].v], vars[p.nodes[1].v] = true, true, true
	default:
		return none, false
	}
	delete(vars, "")
	cols, ok := countItems(x, vars, typeOf)
	if !ok {
		return none, false
	}
	cc.cols = cols
	// The projection keeps its names, order, DISTINCT, SKIP, LIMIT and
	// WHERE, over the counted columns.
	aliases := make([]string, len(x.items))
	items := make([]projItem, len(x.items))
	for i, it := range x.items {
		aliases[i] = it.alias
		items[i] = projItem{x: varExpr{name: it.alias}, alias: it.alias, text: it.text, pos: it.pos}
	}
	isAlias := func(name string) bool { return containsString(aliases, name) }
	np := *x
	np.items = items
	np.order = nil
	st2 := &stage{c: &np, in: aliases, out: ps.out, groupKey: make([]bool, len(items))}
	for i := range items {
		st2.groupKey[i] = true
	}
	for k, o := range x.order {
		col := ps.orderCol[k]
		if col < 0 {
			v, ok := o.x.(varExpr)
			if !ok || !isAlias(v.name) {
				return none, false
			}
			for i, a := range aliases {
				if a == v.name {
					col = i
				}
			}
		}
		np.order = append(np.order, sortItem{x: varExpr{name: aliases[col]}, desc: o.desc})
		st2.orderCol = append(st2.orderCol, col)
	}
	if x.where != nil {
		for _, v := range refVars(x.where, nil) {
			if v != "" && !isAlias(v) {
				return none, false
			}
		}
	}
	return [2]*stage{{c: cc, in: nil, out: aliases}, st2}, true
}

// countOp emits the counted rows.
type countOp struct {
	r    *runner
	c    *countClause
	next sink
}

func (o *countOp) push([]any) error {
	emit := func(typ string, n int) error {
		row := make([]any, len(o.c.cols))
		for i, c := range o.c.cols {
			if c.isType {
				row[i] = typ
			} else {
				row[i] = int64(n)
			}
		}
		return o.next.push(row)
	}
	if !o.c.rels {
		return emit("", countNodes(o.r.g, o.c.label))
	}
	byType := false
	for _, c := range o.c.cols {
		byType = byType || c.isType
	}
	types := o.c.types
	if byType && len(types) == 0 {
		types = graphRelTypes(o.r.g)
	}
	if !byType {
		n := 0
		if len(types) == 0 {
			n = countRels(o.r.g, "")
		}
		for _, t := range dedupe(types) {
			n += countRels(o.r.g, t)
		}
		return emit("", n)
	}
	for _, t := range dedupe(types) {
		if n := countRels(o.r.g, t); n > 0 {
			if err := emit(t, n); err != nil {
				return err
			}
		}
	}
	return nil
}

func (o *countOp) finish() error { return o.next.finish() }

func dedupe(xs []string) []string {
	var out []string
	for _, x := range xs {
		if !containsString(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// countNodes counts from the graph's statistics when it keeps them, else
// by scanning.
func countNodes(g Graph, label string) int {
	if c, ok := g.(NodeCounter); ok {
		return c.CountNodes(label)
	}
	n := 0
	for range g.Nodes(label) {
		n++
	}
	return n
}

func countRels(g Graph, typ string) int {
	if c, ok := g.(RelCounter); ok {
		return c.CountRels(typ)
	}
	var types []string
	if typ != "" {
		types = []string{typ}
	}
	n := 0
	for v := range g.Nodes("") {
		for range g.Expand(v, Outgoing, types) {
			n++
		}
	}
	return n
}

func graphRelTypes(g Graph) []string {
	if c, ok := g.(RelCounter); ok {
		return c.RelTypes()
	}
	var out []string
	for v := range g.Nodes("") {
		for r := range g.Expand(v, Outgoing, nil) {
			t, _, _ := g.Rel(r)
			if !containsString(out, t) {
				out = append(out, t)
			}
		}
	}
	return out
}

// degree counts the pairs Expand would yield.
func degree(g Graph, n NodeRef, d *degreeSpec) int {
	if c, ok := g.(DegreeCounter); ok {
		return c.Degree(n, d.dir, d.types)
	}
	k := 0
	for range g.Expand(n, d.dir, d.types) {
		k++
	}
	return k
}

// degreeRewrite marks a MATCH (n)-[r]-(m) whose consumer only counts the
// matches per n: the MATCH then binds n alone and passes the number of
// its relationships as the row's weight, which the aggregation adds up.
func degreeRewrite(ms, ps *stage) {
	m, ok := ms.c.(*matchClause)
	if !ok || m.optional || len(m.parts) != 1 || m.degree != nil {
		return
	}
	x, ok := ps.c.(*projection)
	if !ok || !ps.agg || x.star {
		return
	}
	p := m.parts[0]
	if p.pathVar != "" || p.shortest != 0 || len(p.nodes) != 2 || len(p.rels) != 1 || !plainRel(p.rels[0]) {
		return
	}
	rp := p.rels[0]
	for keep := 0; keep < 2; keep++ {
		kn, other := p.nodes[keep], p.nodes[1-keep]
		if !bareNode(other) || other.v != "" && other.v == kn.v {
			continue
		}
		if rp.v != "" && containsString(ms.in, rp.v) || other.v != "" && containsString(ms.in, other.v) {
			continue // bound earlier: the pattern tests them, not counts
		}
		gone := map[string]bool{rp.v: true, other.v: true}
		delete(gone, "")
		// The WHERE may use the kept node and earlier variables only.
		if m.where != nil && usesAny(m.where, gone) {
			continue
		}
		if !countsOnly(ps, x, gone, kn.v) {
			continue
		}
		dir := rp.dir
		if keep == 1 {
			dir = flip(dir)
		}
		m.degree = &degreeSpec{node: keep, dir: dir, types: rp.types}
		knc := *kn
		if knc.v == "" {
			knc.v = degreeNode
		}
		m.degreePart = &patternPart{nodes: []*nodePat{&knc}, pos: p.pos}
		out := append([]string(nil), ms.in...)
		if kn.v != "" && !containsString(out, kn.v) {
			out = append(out, kn.v)
		}
		out = append(out, degreeWeight)
		ms.out = out
		ps.in = out
		ps.weightCol = len(out)
		return
	}
}

func flip(d Direction) Direction {
	switch d {
	case Outgoing:
		return Incoming
	case Incoming:
		return Outgoing
	}
	return Both
}

// usesAny reports whether e refers to any of the names.
func usesAny(e expr, names map[string]bool) bool {
	for _, v := range refVars(e, nil) {
		if names[v] {
			return true
		}
	}
	return false
}

// countsOnly reports whether an aggregating projection uses the gone
// variables only as count(v), and aggregates nothing but count(*) and
// count(v) for v gone or the kept node: then each match of the kept node
// adds the same to every aggregate, and a weight can stand for them.
func countsOnly(ps *stage, x *projection, gone map[string]bool, kept string) bool {
	for _, a := range ps.aggs {
		if a.name != "count" || a.distinct {
			return false
		}
		if a.star {
			continue
		}
		v, ok := a.args[0].(varExpr)
		if !ok || !(gone[v.name] || v.name == kept && kept != "") {
			return false
		}
	}
	// Outside the aggregates, nothing may use the gone variables.
	var check func(e expr) bool
	check = func(e expr) bool {
		if e == nil {
			return true
		}
		if c, ok := e.(*callExpr); ok && aggregateFuncs[c.name] {
			return true
		}
		if v, ok := e.(varExpr); ok && gone[v.name] {
			return false
		}
		switch x := e.(type) {
		case existsExpr, patternCompExpr, listCompExpr, quantExpr, reduceExpr, mapProjExpr:
			return !usesAny(x, gone)
		}
		for _, c := range children(e) {
			if !check(c) {
				return false
			}
		}
		return true
	}
	for _, it := range x.items {
		if !check(it.x) {
			return false
		}
	}
	for _, o := range x.order {
		if !check(o.x) {
			return false
		}
	}
	return check(x.where)
}

// degreeOf marks COUNT { (n)-[:T]->() } and EXISTS { (n)--() }, where n
// is bound outside and the rest of the pattern is bare, to be answered by
// the degree of n. bound tells the variables in scope outside.
func degreeOf(x existsExpr, bound func(string) bool) {
	if x.sub != nil || x.where != nil || len(x.parts) != 1 {
		return
	}
	p := x.parts[0]
	if p.pathVar != "" || p.shortest != 0 || len(p.nodes) != 2 || len(p.rels) != 1 || !plainRel(p.rels[0]) || p.rels[0].v != "" {
		return
	}
	for keep := 0; keep < 2; keep++ {
		kn, other := p.nodes[keep], p.nodes[1-keep]
		if kn.v == "" || !bound(kn.v) || kn.props != nil || len(kn.labels) > 0 || kn.lx != nil || !bareNode(other) || other.v != "" {
			continue
		}
		dir := p.rels[0].dir
		if keep == 1 {
			dir = flip(dir)
		}
		p.degree = &degreeSpec{node: keep, dir: dir, types: p.rels[0].types}
		return
	}
}
