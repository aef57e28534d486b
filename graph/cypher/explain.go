package cypher

import (
	"math"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/graph"
)

// EXPLAIN and PROFILE. The engine runs clauses as push operators and a
// MATCH as a recursive search, not as Neo4j's operator pipeline; the plan
// it shows names what it does in Neo4j's terms: how each pattern starts
// (AllNodesScan, NodeByLabelScan, NodeUniqueIndexSeek, NodeIndexSeek,
// NodeIndexSeekByRange, Argument), each relationship it follows
// (Expand(All), Expand(Into), VarLengthExpand, ShortestPath), the counts
// it takes from the store (NodeCountFromCountStore,
// RelationshipCountFromCountStore, GetDegree) and each clause's work
// (Projection, EagerAggregation, Distinct, Sort, Top, Skip, Limit,
// Filter, Unwind, Optional, Apply, CallSubquery, Union,
// ProduceResults). The tree is built from the same decisions the run
// takes (chooseAccess, the rewrites), so a plan cannot promise an index
// the run does not use.
//
// Estimated rows come from the store's counts with fixed guesses where
// counts say nothing: an equality predicate keeps a tenth of the rows,
// any other predicate three tenths, a grouping aggregation the square
// root of its input. PROFILE adds the rows each operator produced and the
// time spent in it alone (its children's time excluded).

const (
	selEquality = 0.1
	selOther    = 0.3
)

// pnode is an operator of the plan being built; id numbers it for PROFILE.
type pnode struct {
	id      int
	op      string
	details string
	index   string
	ids     []string
	est     float64
	kids    []*pnode
}

// partOps are the operator ids of one pattern part, for PROFILE: its
// start, each relationship, and the shortest-path search.
type partOps struct {
	start, shortest int
	rels            []int
}

// stageOps are the operator ids of one clause.
type stageOps struct {
	main, distinct, sort, skip, limit, filter, optional int
	top                                                 bool
	// out is the clause's topmost operator: PROFILE counts the rows the
	// clause hands on there, and times the clause there.
	out int
}

func noStageOps() *stageOps {
	return &stageOps{main: -1, distinct: -1, sort: -1, skip: -1, limit: -1, filter: -1, optional: -1, out: -1}
}

// planBuilder builds the plan of a prepared query over a graph.
type planBuilder struct {
	r        *runner
	nodes    []*pnode
	parts    map[*patternPart]*partOps
	stages   map[*stage]*stageOps
	produce  int
	nodeN    float64
	relN     float64
	counter  NodeCounter
	rcounter RelCounter
	// matchVars are the variables the MATCH being planned binds; a
	// conjunct waits for these only, as the matcher's filters do.
	matchVars map[string]bool
}

func newPlanBuilder(r *runner) *planBuilder {
	b := &planBuilder{r: r, parts: map[*patternPart]*partOps{}, stages: map[*stage]*stageOps{}, produce: -1}
	b.counter, _ = r.g.(NodeCounter)
	b.rcounter, _ = r.g.(RelCounter)
	if b.counter != nil {
		b.nodeN = float64(b.counter.CountNodes(""))
	}
	if b.rcounter != nil {
		b.relN = float64(b.rcounter.CountRels(""))
	}
	return b
}

func (b *planBuilder) add(op, details string, est float64, kids ...*pnode) *pnode {
	n := &pnode{id: len(b.nodes), op: op, details: details, est: est}
	for _, k := range kids {
		if k != nil {
			n.kids = append(n.kids, k)
		}
	}
	b.nodes = append(b.nodes, n)
	return n
}

func (b *planBuilder) labelCount(l string) float64 {
	if b.counter == nil {
		return b.nodeN
	}
	return float64(b.counter.CountNodes(l))
}

// avgDegree is the mean number of relationships of the given types per
// node in one direction (both: twice that).
func (b *planBuilder) avgDegree(dir Direction, types []string) float64 {
	if b.nodeN == 0 {
		return 0
	}
	rels := b.relN
	if len(types) > 0 && b.rcounter != nil {
		rels = 0
		for _, t := range dedupe(types) {
			rels += float64(b.rcounter.CountRels(t))
		}
	}
	d := rels / b.nodeN
	if dir == Both {
		d *= 2
	}
	return d
}

// query builds the plan of a whole planned query.
func (b *planBuilder) query(pq *plannedQuery) *pnode {
	var top *pnode
	for i, stages := range pq.parts {
		root := b.stages0(stages, nil, 1)
		if i == 0 {
			top = root
			continue
		}
		op := "Union"
		u := b.add(op, "", top.est+root.est, top, root)
		if !pq.unionAll[i-1] {
			u = b.add("Distinct", strings.Join(pq.columns, ", "), u.est, u)
		}
		top = u
	}
	p := b.add("ProduceResults", strings.Join(pq.columns, ", "), top.est, top)
	p.ids = pq.columns
	b.produce = p.id
	return p
}

// stages0 builds the operators of a chain of clauses on top of input
// (nil: none), which yields inRows rows.
func (b *planBuilder) stages0(stages []*stage, input *pnode, inRows float64) *pnode {
	cur, rows := input, inRows
	for _, st := range stages {
		cur, rows = b.stage(st, cur, rows)
	}
	if cur == nil {
		cur = b.add("Argument", "", 1)
	}
	return cur
}

func (b *planBuilder) stage(st *stage, cur *pnode, rows float64) (*pnode, float64) {
	n, est := b.stage1(st, cur, rows)
	if n != nil && n != cur {
		b.stages[st].out = n.id
	}
	return n, est
}

func (b *planBuilder) stage1(st *stage, cur *pnode, rows float64) (*pnode, float64) {
	ops := noStageOps()
	b.stages[st] = ops
	switch c := st.c.(type) {
	case *matchClause:
		return b.match(st, c, cur, rows, ops)
	case *countClause:
		var n *pnode
		if c.rels {
			pat := "()-[" + strings.Join(prefixed(c.types, ":"), "|") + "]->()"
			if len(c.types) > 0 {
				pat = "()-[:" + strings.Join(c.types, "|") + "]->()"
			}
			n = b.add("RelationshipCountFromCountStore", "count("+pat+")", float64(max(1, len(c.types))))
		} else {
			pat := "()"
			if c.label != "" {
				pat = "(:" + quoteName(c.label) + ")"
			}
			n = b.add("NodeCountFromCountStore", "count("+pat+")", 1)
		}
		n.index = "counts"
		n.ids = st.out
		ops.main = n.id
		return n, n.est
	case *unwindClause:
		est := rows * 10
		if l, ok := c.x.(listExpr); ok {
			est = rows * float64(len(l.elems))
		}
		n := b.add("Unwind", exprString(c.x)+" AS "+quoteName(c.v), est, cur)
		n.ids = st.out
		ops.main = n.id
		return n, est
	case *callClause:
		sub := b.stages0(c.stages, b.add("Argument", strings.Join(c.imports, ", "), 1), 1)
		for _, us := range c.ustages {
			u := b.stages0(us, b.add("Argument", "", 1), 1)
			sub = b.add("Union", "", sub.est+u.est, sub, u)
		}
		op := "CallSubquery"
		if c.optional {
			op = "OptionalCallSubquery"
		}
		n := b.add(op, "", rows*math.Max(sub.est, 1), cur, sub)
		n.ids = st.out
		ops.main = n.id
		return n, n.est
	case *projection:
		return b.projection(st, c, cur, rows, ops)
	case *createClause:
		n := b.add("Create", "", rows, cur)
		ops.main = n.id
		return n, rows
	}
	return cur, rows
}

func prefixed(xs []string, p string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = p + x
	}
	return out
}

func (b *planBuilder) projection(st *stage, x *projection, cur *pnode, rows float64, ops *stageOps) (*pnode, float64) {
	var items []string
	for _, it := range x.items {
		s := exprString(it.x)
		if it.alias != "" && it.alias != s {
			s += " AS " + quoteName(it.alias)
		}
		items = append(items, s)
	}
	own := items
	if x.star {
		items = append([]string{"*"}, items...)
	}
	n := cur
	if st.agg {
		var keys, aggs []string
		for i := range x.items {
			if i < len(st.groupKey) && st.groupKey[i] {
				keys = append(keys, own[i])
			} else {
				aggs = append(aggs, own[i])
			}
		}
		est := 1.0
		if len(keys) > 0 || x.star {
			est = math.Max(1, math.Sqrt(rows))
		}
		d := strings.Join(aggs, ", ")
		if len(keys) > 0 {
			d = strings.Join(keys, ", ") + ", " + d
		}
		n = b.add("EagerAggregation", d, est, cur)
		if st.weightCol > 0 {
			n.details += " (each row weighs its degree)"
		}
		rows = est
	} else {
		n = b.add("Projection", strings.Join(items, ", "), rows, cur)
	}
	n.ids = st.out
	ops.main = n.id
	if x.distinct {
		n = b.add("Distinct", strings.Join(st.out, ", "), rows, n)
		n.ids = st.out
		ops.distinct = n.id
	}
	skip, limit := int64(-1), int64(-1)
	if x.skip != nil {
		skip, _ = b.r.countArg(x.skip, &env{}, "SKIP")
	}
	if x.limit != nil {
		limit, _ = b.r.countArg(x.limit, &env{}, "LIMIT")
	}
	if len(x.order) > 0 {
		var keys []string
		for _, o := range x.order {
			k := exprString(o.x)
			if o.desc {
				k += " DESC"
			} else {
				k += " ASC"
			}
			keys = append(keys, k)
		}
		if x.limit != nil {
			est := math.Min(rows, float64(max(limit, 0)))
			d := strings.Join(keys, ", ")
			if x.skip != nil {
				d += " SKIP " + exprString(x.skip)
			}
			n = b.add("Top", d+" LIMIT "+exprString(x.limit), est, n)
			ops.sort, ops.top = n.id, true
			rows = est
		} else {
			n = b.add("Sort", strings.Join(keys, ", "), rows, n)
			ops.sort = n.id
		}
		n.ids = st.out
	}
	if x.skip != nil && !ops.top {
		rows = math.Max(0, rows-float64(max(skip, 0)))
		n = b.add("Skip", exprString(x.skip), rows, n)
		n.ids = st.out
		ops.skip = n.id
	}
	if x.limit != nil && !ops.top {
		rows = math.Min(rows, float64(max(limit, 0)))
		n = b.add("Limit", exprString(x.limit), rows, n)
		n.ids = st.out
		ops.limit = n.id
	}
	if x.where != nil {
		rows *= selectivity(x.where)
		n = b.add("Filter", exprString(x.where), rows, n)
		n.ids = st.out
		ops.filter = n.id
	}
	return n, rows
}

// selectivity guesses the share of rows a predicate keeps.
func selectivity(e expr) float64 {
	s := 1.0
	for _, c := range conjuncts(e, nil) {
		if ce, ok := c.(compareExpr); ok && len(ce.ops) == 1 && ce.ops[0] == "=" {
			s *= selEquality
		} else {
			s *= selOther
		}
	}
	return s
}

// match builds the operators of a MATCH: for each pattern part its start
// and one operator per relationship in the order the search takes them,
// with the WHERE conjuncts shown where they are checked.
func (b *planBuilder) match(st *stage, m *matchClause, cur *pnode, rows float64, ops *stageOps) (*pnode, float64) {
	in, inRows := cur, rows
	if m.optional {
		// The optional side is planned on its own, over an Argument
		// (the input row), and joined under Optional below.
		cur, rows = nil, 1
	}
	bound := map[string]bool{}
	for _, v := range st.in {
		bound[v] = true
	}
	b.matchVars = map[string]bool{}
	for _, v := range partVars(m.parts, nil) {
		if v != "" && !bound[v] {
			b.matchVars[v] = true
		}
	}
	where := conjuncts(m.where, nil)
	if m.where == nil {
		where = nil
	}
	placed := make([]bool, len(where))
	// Conjuncts on earlier variables only are checked before the search.
	pre := []string{}
	for i, c := range where {
		if allBound(c, bound, m.parts) {
			placed[i] = true
			pre = append(pre, exprString(c))
		}
	}
	if m.degree != nil {
		p := m.degreePart
		a := chooseAccess(b.r.g, p, func(v string) bool { return bound[v] }, where)
		start, est := b.start(p, a, bound, where, placed)
		for i := range placed {
			placed[i] = true
		}
		if in != nil && a.kind != accBound {
			start = b.add("Apply", "", rows*est, in, start)
		} else if a.kind == accBound {
			start = in
			est = rows
		}
		pat := m.parts[0]
		deg := b.add("GetDegree", degreeText(pat, m.degree), est, start)
		deg.ids = st.out
		po := &partOps{start: -1, shortest: -1}
		if a.kind != accBound {
			po.start = start.id
			if start.op == "Apply" {
				po.start = start.kids[1].id
			}
		}
		po.rels = []int{deg.id}
		b.parts[p] = po
		return deg, est
	}
	for _, p := range m.parts {
		var chain *pnode
		var est float64
		po := &partOps{start: -1, shortest: -1, rels: make([]int, len(p.rels))}
		for j := range po.rels {
			po.rels[j] = -1
		}
		b.parts[p] = po
		if p.shortest != 0 {
			chain, est = b.shortest(p, bound, where, placed, po)
		} else {
			a := chooseAccess(b.r.g, p, func(v string) bool { return bound[v] }, where)
			var s *pnode
			s, est = b.start(p, a, bound, where, placed)
			if s != nil {
				po.start = s.id
			} else {
				// A bound start: the part extends the incoming row.
				s = b.add("Argument", quoteName(p.nodes[a.start].v), 1)
				s.ids = []string{p.nodes[a.start].v}
			}
			chain = s
			order := stepOrder(p, a.start)
			for _, j := range order {
				chain, est = b.expand(p, j.rel, j.rightward, chain, est, bound, where, placed)
				po.rels[j.rel] = chain.id
			}
			if chain == nil {
				chain = b.add("Argument", "", 1)
				est = 1
			}
		}
		for _, v := range partVars([]*patternPart{p}, nil) {
			if v != "" {
				bound[v] = true
			}
		}
		switch {
		case cur == nil:
			cur, rows = chain, est
		case leafIsScan(chain):
			cur = b.add("Apply", "", rows*est, cur, chain)
			rows = cur.est
		default:
			graft(chain, cur)
			cur, rows = chain, rows*est
			rescale(chain, rows, est)
		}
	}
	if len(pre) > 0 && cur != nil {
		cur.details = appendWhere(cur.details, pre)
	}
	if m.optional {
		rows = inRows * math.Max(rows, 1)
		cur = b.add("Optional", "", rows, in, cur)
		ops.optional = cur.id
	}
	if cur != nil {
		cur.ids = st.out
	}
	return cur, rows
}

func degreeText(p *patternPart, d *degreeSpec) string {
	np := p.nodes[d.node]
	v := np.v
	if v == "" {
		v = "anon"
	}
	rel := &relPat{dir: d.dir, types: d.types}
	return "getDegree((" + quoteName(v) + ")" + relString(rel) + "())"
}

func allBound(c expr, bound map[string]bool, parts []*patternPart) bool {
	newVars := map[string]bool{}
	for _, v := range partVars(parts, nil) {
		if v != "" && !bound[v] {
			newVars[v] = true
		}
	}
	for _, v := range refVars(c, nil) {
		if newVars[v] {
			return false
		}
	}
	return true
}

// leafIsScan reports whether the deepest operator of a chain reads the
// graph (a scan or seek), rather than taking rows from its input.
func leafIsScan(n *pnode) bool {
	for len(n.kids) > 0 {
		n = n.kids[0]
	}
	return n.op != "Argument"
}

// graft puts input under the deepest operator of chain.
func graft(chain, input *pnode) {
	n := chain
	for len(n.kids) > 0 {
		n = n.kids[0]
	}
	if n.op == "Argument" {
		*n = *input
		return
	}
	n.kids = append([]*pnode{input}, n.kids...)
}

// rescale multiplies the estimates of a chain placed on an input of rows
// rows, whose own estimates assumed one.
func rescale(chain *pnode, rows, est float64) {
	if est <= 0 {
		return
	}
	f := rows / est
	n := chain
	for n != nil && n.op != "Apply" {
		n.est *= f
		if len(n.kids) == 0 {
			break
		}
		n = n.kids[0]
	}
}

type step struct {
	rel       int
	rightward bool
}

// stepOrder is the order the matcher follows a part's relationships from
// node start: rightwards to the end, then leftwards to the beginning.
func stepOrder(p *patternPart, start int) []step {
	var out []step
	for j := start; j < len(p.rels); j++ {
		out = append(out, step{j, true})
	}
	for j := start; j > 0; j-- {
		out = append(out, step{j - 1, false})
	}
	return out
}

// start builds the operator a part starts from; nil for a bound node.
func (b *planBuilder) start(p *patternPart, a access, bound map[string]bool, where []expr, placed []bool) (*pnode, float64) {
	np := p.nodes[a.start]
	v := np.v
	if strings.HasPrefix(v, " ") {
		v = ""
	}
	name := quoteName(v)
	if v == "" {
		name = "anon"
	}
	var n *pnode
	switch a.kind {
	case accBound:
		return nil, 1
	case accAll:
		n = b.add("AllNodesScan", name, b.nodeN)
	case accLabel:
		n = b.add("NodeByLabelScan", name+":"+quoteName(a.label), b.labelCount(a.label))
		n.index = "label " + a.label
	case accSeek, accPrefix:
		// The store's indexes span every node: a label in the pattern is
		// checked on what the seek finds (below), as the run does.
		base := b.nodeN
		prop := name + "." + quoteName(a.key)
		switch {
		case a.kind == accPrefix:
			n = b.add("NodeIndexSeekByRange", name+" WHERE "+prop+" STARTS WITH "+exprString(a.value), math.Max(1, base*selOther*selEquality))
		case a.unique:
			n = b.add("NodeUniqueIndexSeek", name+" WHERE "+prop+" = "+exprString(a.value), 1)
		default:
			n = b.add("NodeIndexSeek", name+" WHERE "+prop+" = "+exprString(a.value), math.Max(1, base*selEquality*selEquality))
		}
		n.index = "node " + a.key
		if a.unique {
			n.index = "unique node " + a.key
		}
	}
	est := n.est
	// The node pattern's other labels and properties, and the WHERE
	// conjuncts ready once it is bound, are checked here.
	var checks []string
	for _, l := range np.labels {
		if l == a.label && a.kind == accLabel {
			continue // the scan reads this label already
		}
		checks = append(checks, name+":"+quoteName(l))
		est *= b.labelCount(l) / math.Max(b.nodeN, 1)
	}
	if np.lx != nil {
		checks = append(checks, name+":"+np.lx.String())
		est *= selOther
	}
	if m, ok := np.props.(mapExpr); ok {
		for i, k := range m.keys {
			if (a.kind == accSeek || a.kind == accPrefix) && k == a.key && a.source == "pattern" {
				continue
			}
			checks = append(checks, name+"."+quoteName(k)+" = "+exprString(m.vals[i]))
			est *= selEquality
		}
	}
	newly := map[string]bool{}
	if v != "" {
		newly[v] = true
	}
	checks, est = b.readyChecks(checks, est, where, placed, bound, newly, a)
	if len(checks) > 0 {
		n.details = appendWhere(n.details, checks)
	}
	n.est = math.Max(est, 0)
	if v != "" {
		n.ids = []string{v}
	}
	return n, n.est
}

// readyChecks adds the WHERE conjuncts that become checkable once the
// variables in newly are bound (besides bound ones), and marks them.
func (b *planBuilder) readyChecks(checks []string, est float64, where []expr, placed []bool, bound, newly map[string]bool, a access) ([]string, float64) {
	for i, c := range where {
		if placed[i] {
			continue
		}
		ready := true
		uses := false
		for _, v := range refVars(c, nil) {
			if v == "" {
				continue
			}
			if newly[v] {
				uses = true
				continue
			}
			if !bound[v] && b.matchVars[v] {
				ready = false
			}
		}
		if !ready || !uses {
			continue
		}
		placed[i] = true
		if a.source == "where" && (a.kind == accSeek || a.kind == accPrefix) {
			if key, val, prefix, ok := indexablePredicate(c, firstVar(newly)); ok && key == a.key && val == a.value && prefix == (a.kind == accPrefix) {
				continue // the seek itself
			}
		}
		checks = append(checks, exprString(c))
		est *= selectivity(c)
	}
	return checks, est
}

func firstVar(m map[string]bool) string {
	for k := range m {
		return k
	}
	return ""
}

func appendWhere(details string, checks []string) string {
	if len(checks) == 0 {
		return details
	}
	if details == "" {
		return "WHERE " + strings.Join(checks, " AND ")
	}
	if strings.Contains(details, " WHERE ") {
		return details + " AND " + strings.Join(checks, " AND ")
	}
	return details + " WHERE " + strings.Join(checks, " AND ")
}

// expand builds the operator following relationship j of p.
func (b *planBuilder) expand(p *patternPart, j int, rightward bool, cur *pnode, rows float64, bound map[string]bool, where []expr, placed []bool) (*pnode, float64) {
	rp := p.rels[j]
	from, to := p.nodes[j], p.nodes[j+1]
	dir := rp.dir
	if !rightward {
		from, to = to, from
		dir = flip(dir)
	}
	// Variables bound before this step: earlier clauses, and the nodes
	// and relationships of this part already walked.
	into := to.v != "" && (bound[to.v] || nodeWalked(p, to, j, rightward))
	fan := b.avgDegree(dir, rp.types)
	op := "Expand(All)"
	if rp.varLen {
		op = "VarLengthExpand(All)"
		maxL := rp.max
		if maxL < 0 {
			maxL = b.r.opts.hopCap()
		}
		total := 0.0
		for k := rp.min; k <= maxL; k++ {
			total += math.Pow(fan, float64(k))
		}
		fan = math.Min(total, math.Max(b.nodeN, 1))
		if rp.qpp != nil {
			op = "Repeat(Trail)"
		}
	}
	if into {
		op = strings.Replace(op, "(All)", "(Into)", 1)
		fan = math.Min(fan, 1)
	}
	r := &relPat{v: rp.v, types: rp.types, tx: rp.tx, dir: dir, varLen: rp.varLen, min: rp.min, max: rp.max, props: rp.props, qpp: rp.qpp}
	d := nodeString(&nodePat{v: from.v}) + relString(r) + nodeString(to)
	est := rows * fan
	if len(to.labels) > 0 && !into {
		for _, l := range to.labels {
			est *= b.labelCount(l) / math.Max(b.nodeN, 1)
		}
	}
	if to.props != nil {
		est *= selEquality
	}
	newly := map[string]bool{}
	for _, v := range []string{rp.v, to.v} {
		if v != "" && !bound[v] {
			newly[v] = true
		}
	}
	checks, est2 := b.readyChecks(nil, est, where, placed, mergeBound(bound, p, j, rightward), newly, access{})
	n := b.add(op, appendWhere(d, checks), math.Max(est2, 0), cur)
	var ids []string
	if cur != nil {
		ids = append(ids, cur.ids...)
	}
	for _, v := range []string{rp.v, to.v} {
		if v != "" && !containsString(ids, v) {
			ids = append(ids, v)
		}
	}
	n.ids = ids
	return n, n.est
}

// nodeWalked reports whether node pattern to, reached by relationship j
// in the given direction, was bound earlier in the walk of p.
func nodeWalked(p *patternPart, to *nodePat, j int, rightward bool) bool {
	for k, np := range p.nodes {
		if np.v != to.v || np == to {
			continue
		}
		// Rightward steps bind nodes j+1…; leftward ones after all the
		// rightward ones. Any other occurrence walked before counts.
		if rightward && k <= j || !rightward {
			return true
		}
	}
	return false
}

// mergeBound returns bound plus the variables of p walked before step j.
func mergeBound(bound map[string]bool, p *patternPart, j int, rightward bool) map[string]bool {
	out := make(map[string]bool, len(bound)+4)
	for k, v := range bound {
		out[k] = v
	}
	for k, np := range p.nodes {
		if np.v != "" && (rightward && k <= j || !rightward && k > j) {
			out[np.v] = true
		}
	}
	for k, rp := range p.rels {
		if rp.v != "" && (rightward && k < j || !rightward && k > j) {
			out[rp.v] = true
		}
	}
	return out
}

// shortest builds a shortest-path part: its two ends, then the search.
func (b *planBuilder) shortest(p *patternPart, bound map[string]bool, where []expr, placed []bool, po *partOps) (*pnode, float64) {
	end := func(np *nodePat) (*pnode, float64) {
		one := &patternPart{nodes: []*nodePat{np}}
		a := chooseAccess(b.r.g, one, func(v string) bool { return bound[v] }, where)
		if a.kind == accBound {
			return nil, 1
		}
		return b.start(one, a, bound, where, placed)
	}
	a, ea := end(p.nodes[0])
	z, ez := end(p.nodes[len(p.nodes)-1])
	var in *pnode
	switch {
	case a != nil && z != nil:
		in = b.add("CartesianProduct", "", ea*ez, a, z)
	case a != nil:
		in = a
	case z != nil:
		in = z
	}
	op := "ShortestPath"
	detail := patternString(p)
	switch {
	case p.shortest == 2:
		op = "AllShortestPaths"
	case p.sel != nil:
		op = "StatefulShortestPath(All)"
		detail = p.sel.String() + " " + detail
	case len(p.rels) == 1 && p.rels[0].qpp == nil && p.rels[0].props == nil && p.rels[0].tx == nil && p.rels[0].min <= 1:
		if _, ok := b.r.g.(ShortestPather); ok {
			detail += " (bidirectional search in the store)"
		}
	}
	n := b.add(op, detail, ea*ez, in)
	po.shortest = n.id
	var ids []string
	for _, v := range partVars([]*patternPart{p}, nil) {
		if v != "" && !strings.HasPrefix(v, " ") {
			ids = append(ids, v)
		}
	}
	n.ids = ids
	if in == nil {
		arg := b.add("Argument", "", 1)
		n.kids = []*pnode{arg}
	}
	return n, n.est
}

// --- profiling ------------------------------------------------------------

// profiler counts rows and time per operator during a PROFILE run.
//
// Rows: each clause's topmost operator counts the rows the clause hands
// on (a sink between it and the next clause); inside a clause, the
// matcher counts the rows each start and each expand produces, and a
// projection counts them after each of its steps. Time is kept per
// clause and shown on the clause's topmost operator: a clause's operator
// sink charges the time between entering and leaving it, less the time
// spent in the next clause (the stack), so times add up to the run.
type profiler struct {
	b       *planBuilder
	rows    []int64
	nanos   []int64
	counted []bool // has a row counter
	timed   []bool // topmost operator of a clause: counted and timed there
	stack   []int
	last    time.Time
}

func newProfiler(b *planBuilder) *profiler {
	n := len(b.nodes)
	p := &profiler{b: b, rows: make([]int64, n), nanos: make([]int64, n), counted: make([]bool, n), timed: make([]bool, n), last: time.Now()}
	mark := func(ids ...int) {
		for _, id := range ids {
			if id >= 0 {
				p.counted[id] = true
			}
		}
	}
	for _, po := range b.parts {
		mark(po.start, po.shortest)
		mark(po.rels...)
	}
	for _, so := range b.stages {
		mark(so.main, so.distinct, so.sort, so.skip, so.limit, so.filter)
		if so.out >= 0 {
			p.counted[so.out], p.timed[so.out] = true, true
		}
	}
	mark(b.produce)
	return p
}

func (p *profiler) charge() {
	now := time.Now()
	if n := len(p.stack); n > 0 {
		p.nanos[p.stack[n-1]] += int64(now.Sub(p.last))
	}
	p.last = now
}

// The runner's hooks: all are no-ops outside PROFILE and for id -1.

func (r *runner) opEnter(id int) {
	if r.prof == nil || id < 0 {
		return
	}
	r.prof.charge()
	r.prof.stack = append(r.prof.stack, id)
}

func (r *runner) opLeave(id int) {
	if r.prof == nil || id < 0 {
		return
	}
	r.prof.charge()
	r.prof.stack = r.prof.stack[:len(r.prof.stack)-1]
}

// opRow counts a row produced inside a clause; a clause's topmost
// operator is counted by its output sink instead.
func (r *runner) opRow(id int) {
	if r.prof != nil && id >= 0 && !r.prof.timed[id] {
		r.prof.rows[id]++
	}
}

// partOps returns the operator ids of a pattern part during PROFILE; nil
// otherwise, and for pattern predicates, which the plan does not show.
func (r *runner) partOps(p *patternPart) *partOps {
	if r.prof == nil {
		return nil
	}
	return r.prof.b.parts[p]
}

// stageOps returns the operator ids of a clause; all -1 outside PROFILE.
func (r *runner) stageOps(st *stage) *stageOps {
	if r.prof != nil {
		if o := r.prof.b.stages[st]; o != nil {
			return o
		}
	}
	return noStageOps()
}

// profiled wraps a clause's operator for PROFILE: it times the clause,
// and counts what it hands on.
func (r *runner) profiled(st *stage, op sink, next *outCounter) sink {
	id := r.stageOps(st).out
	next.id = id
	return &timedSink{r: r, id: id, inner: op}
}

type timedSink struct {
	r     *runner
	id    int
	inner sink
}

func (t *timedSink) push(row []any) error {
	t.r.opEnter(t.id)
	err := t.inner.push(row)
	t.r.opLeave(t.id)
	return err
}

func (t *timedSink) finish() error {
	t.r.opEnter(t.id)
	err := t.inner.finish()
	t.r.opLeave(t.id)
	return err
}

type outCounter struct {
	r    *runner
	id   int
	next sink
}

func (c *outCounter) push(row []any) error {
	if c.id >= 0 {
		c.r.prof.rows[c.id]++
	}
	return c.next.push(row)
}

func (c *outCounter) finish() error { return c.next.finish() }

// toPlan converts the built tree, with PROFILE's counters when prof is
// set.
func (b *planBuilder) toPlan(n *pnode, prof *profiler) graph.PlanOperator {
	est := n.est
	if math.IsNaN(est) || math.IsInf(est, 0) {
		est = 0 // JSON carries neither
	}
	out := graph.PlanOperator{Operator: n.op, Details: n.details, Index: n.index, EstimatedRows: math.Round(est*100) / 100}
	out.Identifiers = make([]string, 0, len(n.ids))
	for _, id := range n.ids {
		if !strings.HasPrefix(id, " ") {
			out.Identifiers = append(out.Identifiers, id)
		}
	}
	for _, k := range n.kids {
		out.Children = append(out.Children, b.toPlan(k, prof))
	}
	if prof != nil {
		switch {
		case prof.counted[n.id]:
			rows := prof.rows[n.id]
			out.Rows = &rows
		case n.op == "Union" && len(out.Children) == 2 && out.Children[0].Rows != nil && out.Children[1].Rows != nil:
			rows := *out.Children[0].Rows + *out.Children[1].Rows
			out.Rows = &rows
		case n.op == "Apply" && len(out.Children) == 2 && out.Children[1].Rows != nil:
			// An Apply hands on what its right side produced.
			rows := *out.Children[1].Rows
			out.Rows = &rows
		}
		if prof.timed[n.id] {
			ms := math.Round(float64(prof.nanos[n.id])/1e3) / 1e3
			out.TimeMs = &ms
		}
	}
	return out
}

// explain returns the plan of p over r's graph as EXPLAIN shows it.
func explainPlan(b *planBuilder, root *pnode, mode string, prof *profiler) *graph.Plan {
	return &graph.Plan{Mode: mode, Engine: "actorgraph embedded", Root: b.toPlan(root, prof)}
}
