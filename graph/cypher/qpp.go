package cypher

// Quantified path patterns in their general form: ((x:A)-[r:T]->(y)
// WHERE r.w > 1){1,3}, where the group may hold several relationships,
// labels, properties and a WHERE, and its variables are group variables:
// outside the group each is the list of what it matched, iteration by
// iteration. A group of one bare relationship between anonymous nodes
// stays a variable-length relationship (see quantifiedGroup), which is
// faster and also works under shortestPath.

// qppGroup is the inside of a quantified path pattern, held by the relPat
// that stands for the whole group.
type qppGroup struct {
	nodes []*nodePat // len(rels)+1
	rels  []*relPat
	where expr
	vars  []string // group variables, in pattern order
	// rev is the chain read right to left with every direction flipped,
	// for a match that reaches the group from its right end.
	rev *qppGroup
}

// reverse builds g.rev; the planner calls it once the patterns are final.
func (g *qppGroup) reverse() {
	rev := &qppGroup{where: g.where, vars: g.vars, rev: g}
	for i := len(g.nodes) - 1; i >= 0; i-- {
		rev.nodes = append(rev.nodes, g.nodes[i])
	}
	for i := len(g.rels) - 1; i >= 0; i-- {
		r := *g.rels[i]
		switch r.dir {
		case Outgoing:
			r.dir = Incoming
		case Incoming:
			r.dir = Outgoing
		}
		rev.rels = append(rev.rels, &r)
	}
	g.rev = rev
}

// qppVars lists the group variables of a pattern part's quantified
// groups.
func qppVars(p *patternPart, out []string) []string {
	for _, r := range p.rels {
		if r.qpp != nil {
			out = append(out, r.qpp.vars...)
		}
	}
	return out
}

// newQPP checks the inside of a quantified group that is not a plain
// variable-length relationship and lists its variables.
func (ps *parser) newQPP(inner *patternPart, where expr) *qppGroup {
	g := &qppGroup{nodes: inner.nodes, rels: inner.rels, where: where}
	seen := map[string]bool{}
	add := func(v string, pos int) {
		if v == "" {
			return
		}
		if seen[v] {
			ps.failAt(pos, "Variable `%s` is declared twice inside a quantified path pattern (VariableAlreadyBound)", v)
		}
		seen[v] = true
		g.vars = append(g.vars, v)
	}
	for i, n := range inner.nodes {
		add(n.v, n.pos)
		if i < len(inner.rels) {
			r := inner.rels[i]
			if r.varLen {
				ps.failAt(r.pos, "Quantified path patterns cannot be nested or hold a variable-length relationship")
			}
			add(r.v, r.pos)
		}
	}
	return g
}

// checkQPP plans a group: its variables are new, its property maps and
// WHERE see the variables in scope plus the group's own, one iteration's
// worth; outside, each group variable is a list.
func (pl *planner) checkQPP(g *qppGroup, sc *scope) error {
	inner := sc.clone()
	for _, v := range g.vars {
		if sc.has(v) {
			return semanticError("The variable `%s` of a quantified path pattern is already declared outside it (VariableAlreadyBound)", v)
		}
	}
	for _, n := range g.nodes {
		if n.v != "" {
			inner.add(n.v, kNode)
		}
	}
	for _, r := range g.rels {
		if r.v != "" {
			inner.add(r.v, kRel)
		}
	}
	for _, n := range g.nodes {
		if n.props != nil {
			if _, isParam := n.props.(paramExpr); isParam {
				return semanticError("Parameter maps cannot be used in MATCH patterns (use a literal map instead, e.g. {id: $param.id}) (InvalidParameterUse)")
			}
			if err := pl.checkExpr(n.props, inner, false); err != nil {
				return err
			}
			n.constProps = !usesVariables(n.props)
		}
	}
	for _, r := range g.rels {
		if r.props != nil {
			if _, isParam := r.props.(paramExpr); isParam {
				return semanticError("Parameter maps cannot be used in MATCH patterns (use a literal map instead, e.g. {id: $param.id}) (InvalidParameterUse)")
			}
			if err := pl.checkExpr(r.props, inner, false); err != nil {
				return err
			}
			r.constProps = !usesVariables(r.props)
		}
	}
	if g.where != nil {
		if err := pl.checkWhere(g.where, inner); err != nil {
			return err
		}
	}
	for _, n := range g.nodes {
		if n.v != "" {
			sc.add(n.v, kList)
		}
	}
	for _, r := range g.rels {
		if r.v != "" {
			sc.add(r.v, kRelList)
		}
	}
	g.reverse()
	return nil
}

// errMore is how a probe past the hop cap reports that the pattern could
// go on.
type errMore struct{}

func (errMore) Error() string { return "more" }

// qppStep matches the quantified group rp from cur, iteration after
// iteration, and calls next at every count of iterations in range whose
// end node matches np, with the group variables bound.
func (m *matcher) qppStep(leftward bool, rp *relPat, cur NodeRef, np *nodePat, en *env, next stepFn) error {
	g := rp.qpp
	if leftward {
		g = g.rev
	}
	maxIter, capped := rp.max, false
	if maxIter > m.r.opts.hopCap() {
		return hopCapError(m.r.opts.hopCap())
	}
	if maxIter < 0 {
		maxIter, capped = m.r.opts.hopCap(), true
	}
	var iters [][]any // per iteration, the values of g.vars
	var rels []RelRef
	var mids []NodeRef
	var iterate func(cur NodeRef, depth int) error
	iterate = func(cur NodeRef, depth int) error {
		if depth >= rp.min {
			en2, ok, err := m.bindNode(np, cur, en)
			if err != nil {
				return err
			}
			for k := 0; ok && k < len(g.vars); k++ {
				list := make([]any, len(iters))
				for i, it := range iters {
					if leftward {
						list[len(iters)-1-i] = it[k]
					} else {
						list[i] = it[k]
					}
				}
				if en2, ok, err = m.bind(en2, g.vars[k], list); err != nil {
					return err
				}
			}
			if ok {
				var ms []NodeRef
				if len(mids) > 0 {
					ms = append(ms, mids[:len(mids)-1]...)
				}
				if err := next(en2, cur, append([]RelRef(nil), rels...), ms); err != nil {
					return err
				}
			}
		}
		if depth == maxIter {
			if !capped {
				return nil
			}
			err := m.qppIteration(g, cur, en, &rels, &mids, func(NodeRef, []any) error { return errMore{} })
			if _, more := err.(errMore); more {
				return hopCapError(m.r.opts.hopCap())
			}
			return err
		}
		return m.qppIteration(g, cur, en, &rels, &mids, func(end NodeRef, vals []any) error {
			iters = append(iters, vals)
			err := iterate(end, depth+1)
			iters = iters[:len(iters)-1]
			return err
		})
	}
	return iterate(cur, 0)
}

// qppIteration matches one pass through the group g from node cur and
// calls done with the node it ends at and the values of g.vars. The
// relationships it takes stay in m.used, rels and mids while done runs.
func (m *matcher) qppIteration(g *qppGroup, cur NodeRef, en *env, rels *[]RelRef, mids *[]NodeRef, done func(NodeRef, []any) error) error {
	ien, ok, err := m.innerNode(g.nodes[0], cur, en)
	if err != nil || !ok {
		return err
	}
	var chain func(j int, cur NodeRef, ien *env) error
	chain = func(j int, cur NodeRef, ien *env) error {
		if j == len(g.rels) {
			if g.where != nil {
				t, err := m.r.evalPred(g.where, ien)
				if err != nil || t != triTrue {
					return err
				}
			}
			vals := make([]any, len(g.vars))
			for k, v := range g.vars {
				vals[k], _ = ien.lookup(v)
			}
			return done(cur, vals)
		}
		rp := g.rels[j]
		var err error
		for rel, other := range m.r.g.Expand(cur, rp.dir, rp.types) {
			if err = m.r.tick(); err != nil {
				break
			}
			ok, perr := m.relOK(rp, rel, ien)
			if perr != nil {
				err = perr
				break
			}
			if !ok {
				continue
			}
			en2 := ien
			if rp.v != "" {
				en2 = en2.with(rp.v, Relationship{rel})
			}
			en3, ok, perr := m.innerNode(g.nodes[j+1], other, en2)
			if perr != nil {
				err = perr
				break
			}
			if !ok {
				continue
			}
			m.used = append(m.used, rel)
			*rels = append(*rels, rel)
			*mids = append(*mids, other)
			err = chain(j+1, other, en3)
			m.used = m.used[:len(m.used)-1]
			*rels = (*rels)[:len(*rels)-1]
			*mids = (*mids)[:len(*mids)-1]
			if err != nil {
				break
			}
		}
		return err
	}
	return chain(0, cur, ien)
}

// innerNode checks node n against a node pattern inside a group and binds
// its variable for this iteration only, without the MATCH's WHERE
// filters, which see the variable as a list.
func (m *matcher) innerNode(np *nodePat, n NodeRef, en *env) (*env, bool, error) {
	if (len(np.labels) > 0 || np.lx != nil) && !hasLabels(m.r.g.NodeLabels(n), np.labels, np.lx) {
		return nil, false, nil
	}
	if np.v != "" {
		en = en.with(np.v, Node{n})
	}
	if np.props != nil {
		ok, err := m.propsMatch(np, np.props, np.constProps, en, func(k string) (any, bool) { return m.r.g.NodeProperty(n, k) })
		if err != nil || !ok {
			return nil, false, err
		}
	}
	return en, true, nil
}
