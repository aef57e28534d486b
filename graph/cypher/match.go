package cypher

import (
	"context"
	"errors"
	"fmt"

	"github.com/actorgraph/actorgraph/graph"
)

// errStop is returned by a consumer that needs no more rows (LIMIT, EXISTS);
// producers stop and pass it up, and the driver treats it as success.
var errStop = errors.New("stop")

// matcher finds every binding of a list of pattern parts (one MATCH
// clause, or one pattern predicate) extending an input env. Relationships
// are unique across the whole list, as Cypher requires within a MATCH.
type matcher struct {
	r     *runner
	parts []*patternPart
	emit  func(*env) error
	used  []RelRef
	st    []*partState
	// props caches property maps that use no variables, evaluated once.
	props map[any]map[string]any
	// filters holds the WHERE conjuncts by the pattern variables they use;
	// each is checked as soon as its last variable is bound, so a filter
	// on the first node prunes the search there.
	filters map[string][]*filter
	// where is the WHERE split into conjuncts, for index seeks.
	where []expr
}

type filter struct {
	e    expr
	vars []string
}

// bind binds a pattern variable and checks the filters it completes.
func (m *matcher) bind(en *env, name string, v any) (*env, bool, error) {
	en = en.with(name, v)
	for _, f := range m.filters[name] {
		ready := true
		for _, fv := range f.vars {
			if _, ok := en.lookup(fv); !ok {
				ready = false
				break
			}
		}
		if !ready {
			continue
		}
		t, err := m.r.evalPred(f.e, en)
		if err != nil || t != triTrue {
			return nil, false, err
		}
	}
	return en, true, nil
}

// partState records what one part matched, position by position, so the
// path variable can be built once the part is complete.
type partState struct {
	nodes []NodeRef
	segs  [][]RelRef  // relationships of each rel pattern, left to right
	mids  [][]NodeRef // intermediate nodes of variable-length segments
}

// matchParts calls emit for every binding of parts extending en that
// satisfies where (which may be nil).
func (r *runner) matchParts(parts []*patternPart, where expr, en *env, emit func(*env) error) error {
	m := &matcher{r: r, parts: parts, emit: emit, st: make([]*partState, len(parts))}
	if where != nil {
		// Split WHERE into conjuncts keyed by the new variables they use.
		// Conjuncts on outer variables only are checked up front.
		newVars := map[string]bool{}
		for _, p := range parts {
			for _, n := range p.nodes {
				newVars[n.v] = true
			}
			for _, rp := range p.rels {
				newVars[rp.v] = true
			}
			newVars[p.pathVar] = true
			for _, v := range qppVars(p, nil) {
				newVars[v] = true
			}
		}
		delete(newVars, "")
		for name := range newVars {
			if _, bound := en.lookup(name); bound {
				delete(newVars, name)
			}
		}
		m.where = conjuncts(where, nil)
		for _, c := range m.where {
			f := &filter{e: c}
			for _, v := range refVars(c, nil) {
				if newVars[v] && !containsString(f.vars, v) {
					f.vars = append(f.vars, v)
				}
			}
			if len(f.vars) == 0 {
				t, err := r.evalPred(c, en)
				if err != nil || t != triTrue {
					return err
				}
				continue
			}
			if m.filters == nil {
				m.filters = map[string][]*filter{}
			}
			for _, v := range f.vars {
				m.filters[v] = append(m.filters[v], f)
			}
		}
	}
	for i, p := range parts {
		m.st[i] = &partState{
			nodes: make([]NodeRef, len(p.nodes)),
			segs:  make([][]RelRef, len(p.rels)),
			mids:  make([][]NodeRef, len(p.rels)),
		}
	}
	return m.part(0, en)
}

func (m *matcher) isUsed(rel RelRef) bool {
	for _, u := range m.used {
		if u == rel {
			return true
		}
	}
	return false
}

func (m *matcher) part(i int, en *env) error {
	if i == len(m.parts) {
		return m.emit(en)
	}
	p := m.parts[i]
	if p.shortest != 0 {
		return m.shortest(i, en)
	}
	a := m.accessFor(i, en)
	start := a.start
	if a.kind == accBound {
		np := p.nodes[start]
		v, _ := en.lookup(np.v)
		n, isNode := v.(Node)
		if !isNode {
			if v == nil {
				return nil
			}
			return typeError("Type mismatch: `%s` is a %s, not a Node (VariableTypeConflict)", np.v, typeName(v))
		}
		return m.startAt(i, start, n.Ref, en)
	}
	nodes, ok, err := m.startNodes(a, en)
	if err != nil {
		return err
	}
	if !ok {
		// A seek whose value is not a string: scan, and let the pattern's
		// properties and WHERE decide.
		a = access{kind: accAll, start: start}
		if l := firstLabel(p.nodes[start]); l != "" {
			a = access{kind: accLabel, start: start, label: l}
		}
		nodes, _, _ = m.startNodes(a, en)
	}
	for n := range nodes {
		if err = m.r.tick(); err != nil {
			break
		}
		if err = m.startAt(i, start, n, en); err != nil {
			break
		}
	}
	return err
}

// constMap evaluates a property map that uses no variables once per
// matcher.
func (m *matcher) constMap(key any, props expr, en *env) (map[string]any, error) {
	if pm, ok := m.props[key]; ok {
		return pm, nil
	}
	pv, err := m.r.eval(props, en)
	if err != nil {
		return nil, err
	}
	pm, ok := pv.(map[string]any)
	if !ok && pv != nil {
		return nil, typeError("Expected a map of properties, got %s", typeName(pv))
	}
	if m.props == nil {
		m.props = map[any]map[string]any{}
	}
	m.props[key] = pm
	return pm, nil
}

func (m *matcher) startAt(i, start int, n NodeRef, en *env) error {
	p := m.parts[i]
	en2, ok, err := m.bindNode(p.nodes[start], n, en)
	if err != nil || !ok {
		return err
	}
	m.st[i].nodes[start] = n
	if po := m.r.partOps(p); po != nil {
		m.r.opRow(po.start)
	}
	return m.right(i, start, start, en2)
}

// bindNode checks node n against pattern np and binds its variable.
func (m *matcher) bindNode(np *nodePat, n NodeRef, en *env) (*env, bool, error) {
	bound := false
	if np.v != "" {
		if v, ok := en.lookup(np.v); ok {
			b, isNode := v.(Node)
			if !isNode || b.Ref != n {
				return nil, false, nil
			}
			bound = true
		}
	}
	if (len(np.labels) > 0 || np.lx != nil) && !hasLabels(m.r.g.NodeLabels(n), np.labels, np.lx) {
		return nil, false, nil
	}
	if np.props != nil {
		ok, err := m.propsMatch(np, np.props, np.constProps, en, func(k string) (any, bool) { return m.r.g.NodeProperty(n, k) })
		if err != nil || !ok {
			return nil, false, err
		}
	}
	if np.v != "" && !bound {
		return m.bind(en, np.v, Node{n})
	}
	return en, true, nil
}

func (m *matcher) propsMatch(key any, props expr, constant bool, en *env, get func(string) (any, bool)) (bool, error) {
	var pm map[string]any
	if constant {
		var err error
		if pm, err = m.constMap(key, props, en); err != nil {
			return false, err
		}
	} else {
		pv, err := m.r.eval(props, en)
		if err != nil {
			return false, err
		}
		var ok bool
		pm, ok = pv.(map[string]any)
		if !ok && pv != nil {
			return false, typeError("Expected a map of properties, got %s", typeName(pv))
		}
	}
	if pm == nil {
		return false, nil
	}
	for k, want := range pm {
		have, _ := get(k)
		if equal(have, want) != triTrue {
			return false, nil
		}
	}
	return true, nil
}

// typeOK tests rel against rp's type expression, if it has one (a plain
// list of types is already applied by Expand).
func (m *matcher) typeOK(rp *relPat, rel RelRef) bool {
	if rp.tx == nil {
		return true
	}
	typ, _, _ := m.r.g.Rel(rel)
	return rp.tx.matches([]string{typ})
}

func (m *matcher) relOK(rp *relPat, rel RelRef, en *env) (bool, error) {
	if m.isUsed(rel) || !m.typeOK(rp, rel) {
		return false, nil
	}
	if rp.props != nil {
		return m.propsMatch(rp, rp.props, rp.constProps, en, func(k string) (any, bool) { return m.r.g.RelProperty(rel, k) })
	}
	return true, nil
}

// right extends part i from node j towards the end of the pattern, then
// turns around at the end to extend leftwards from the start node.
func (m *matcher) right(i, start, j int, en *env) error {
	p := m.parts[i]
	if j == len(p.nodes)-1 {
		return m.left(i, start, en)
	}
	rp := p.rels[j]
	return m.step(false, rp, rp.dir, m.st[i].nodes[j], p.nodes[j+1], en, func(en *env, n NodeRef, rels []RelRef, mids []NodeRef) error {
		st := m.st[i]
		st.nodes[j+1] = n
		st.segs[j] = rels
		st.mids[j] = mids
		if po := m.r.partOps(p); po != nil {
			m.r.opRow(po.rels[j])
		}
		return m.right(i, start, j+1, en)
	})
}

func (m *matcher) left(i, j int, en *env) error {
	p := m.parts[i]
	if j == 0 {
		return m.finishPart(i, en)
	}
	rp := p.rels[j-1]
	dir := rp.dir
	switch dir {
	case Outgoing:
		dir = Incoming
	case Incoming:
		dir = Outgoing
	}
	return m.step(true, rp, dir, m.st[i].nodes[j], p.nodes[j-1], en, func(en *env, n NodeRef, rels []RelRef, mids []NodeRef) error {
		st := m.st[i]
		st.nodes[j-1] = n
		st.segs[j-1] = reversed(rels)
		st.mids[j-1] = reversed(mids)
		if po := m.r.partOps(p); po != nil {
			m.r.opRow(po.rels[j-1])
		}
		return m.left(i, j-1, en)
	})
}

func reversed[T any](s []T) []T {
	out := make([]T, len(s))
	for i, v := range s {
		out[len(s)-1-i] = v
	}
	return out
}

func (m *matcher) finishPart(i int, en *env) error {
	p := m.parts[i]
	if p.pathVar != "" {
		var ok bool
		var err error
		if en, ok, err = m.bind(en, p.pathVar, m.st[i].path()); err != nil || !ok {
			return err
		}
	}
	return m.part(i+1, en)
}

func (st *partState) path() Path {
	var p Path
	p.Nodes = append(p.Nodes, st.nodes[0])
	for j := range st.segs {
		if len(st.segs[j]) == 0 {
			continue // a zero-length segment: the same node again
		}
		p.Nodes = append(p.Nodes, st.mids[j]...)
		p.Nodes = append(p.Nodes, st.nodes[j+1])
		p.Rels = append(p.Rels, st.segs[j]...)
	}
	return p
}

type stepFn func(en *env, n NodeRef, rels []RelRef, mids []NodeRef) error

// step follows rel pattern rp from node cur in direction dir to a node
// matching np, single-hop or variable-length, and calls next for each.
// leftward says the walk runs against the pattern's reading order, so a
// relationship-list variable is bound reversed.
func (m *matcher) step(leftward bool, rp *relPat, dir Direction, cur NodeRef, np *nodePat, en *env, next stepFn) error {
	if rp.qpp != nil {
		return m.qppStep(leftward, rp, cur, np, en, next)
	}
	var bound any
	isBound := false
	if rp.v != "" {
		bound, isBound = en.lookup(rp.v)
	}
	if !rp.varLen {
		if isBound {
			b, ok := bound.(Relationship)
			if !ok {
				if bound == nil {
					return nil
				}
				return typeError("Type mismatch: `%s` is a %s, not a Relationship (VariableTypeConflict)", rp.v, typeName(bound))
			}
			if m.isUsed(b.Ref) {
				return nil
			}
			typ, s, e := m.r.g.Rel(b.Ref)
			if len(rp.types) > 0 && !containsString(rp.types, typ) || !m.typeOK(rp, b.Ref) {
				return nil
			}
			var other NodeRef
			switch {
			case (dir == Outgoing || dir == Both) && s == cur:
				other = e
			case (dir == Incoming || dir == Both) && e == cur:
				other = s
			default:
				return nil
			}
			return m.hop(rp, b.Ref, other, np, en, next)
		}
		var err error
		for rel, other := range m.r.g.Expand(cur, dir, rp.types) {
			if err = m.r.tick(); err != nil {
				break
			}
			if err = m.hop(rp, rel, other, np, en, next); err != nil {
				break
			}
		}
		return err
	}
	max := rp.max
	capped := false
	if max > m.r.opts.hopCap() {
		return hopCapError(m.r.opts.hopCap())
	}
	if max < 0 {
		max = m.r.opts.hopCap()
		capped = true
	}
	var rels []RelRef
	var mids []NodeRef
	var walk func(cur NodeRef, depth int) error
	walk = func(cur NodeRef, depth int) error {
		if depth >= rp.min {
			en2, ok, err := m.bindNode(np, cur, en)
			if err != nil {
				return err
			}
			if ok {
				if rp.v != "" {
					list := make([]any, len(rels))
					for k, x := range rels {
						if leftward {
							list[len(rels)-1-k] = Relationship{x}
						} else {
							list[k] = Relationship{x}
						}
					}
					if isBound {
						if equal(bound, list) != triTrue {
							goto deeper
						}
					} else {
						var err error
						if en2, ok, err = m.bind(en2, rp.v, list); err != nil {
							return err
						}
						if !ok {
							goto deeper
						}
					}
				}
				var ms []NodeRef
				if len(mids) > 0 {
					ms = append(ms, mids[:len(mids)-1]...)
				}
				if err := next(en2, cur, append([]RelRef(nil), rels...), ms); err != nil {
					return err
				}
			}
		}
	deeper:
		if depth == max {
			if capped {
				for rel := range m.r.g.Expand(cur, dir, rp.types) {
					if !m.isUsed(rel) && m.typeOK(rp, rel) {
						return hopCapError(m.r.opts.hopCap())
					}
				}
			}
			return nil
		}
		var err error
		for rel, other := range m.r.g.Expand(cur, dir, rp.types) {
			if err = m.r.tick(); err != nil {
				break
			}
			ok, perr := m.relOK(rp, rel, en)
			if perr != nil {
				err = perr
				break
			}
			if !ok {
				continue
			}
			m.used = append(m.used, rel)
			rels = append(rels, rel)
			mids = append(mids, other)
			err = walk(other, depth+1)
			m.used = m.used[:len(m.used)-1]
			rels = rels[:len(rels)-1]
			mids = mids[:len(mids)-1]
			if err != nil {
				break
			}
		}
		return err
	}
	return walk(cur, 0)
}

func hopCapError(n int) error {
	return &graph.Error{Kind: graph.KindInvalid, Code: CodeLimit,
		Message: fmt.Sprintf("variable-length pattern exceeded the hop cap of %d: give the pattern an upper bound (e.g. *..%d) or narrow it", n, n)}
}

func (m *matcher) hop(rp *relPat, rel RelRef, other NodeRef, np *nodePat, en *env, next stepFn) error {
	ok, err := m.relOK(rp, rel, en)
	if err != nil || !ok {
		return err
	}
	en2, ok, err := m.bindNode(np, other, en)
	if err != nil || !ok {
		return err
	}
	if rp.v != "" {
		if _, bound := en2.lookup(rp.v); !bound {
			if en2, ok, err = m.bind(en2, rp.v, Relationship{rel}); err != nil || !ok {
				return err
			}
		}
	}
	m.used = append(m.used, rel)
	err = next(en2, other, []RelRef{rel}, nil)
	m.used = m.used[:len(m.used)-1]
	return err
}

// shortest matches a shortestPath or allShortestPaths part by breadth-first
// search between every pair of candidate end nodes.
func (m *matcher) shortest(i int, en *env) error {
	p := m.parts[i]
	if p.sel != nil && (len(p.rels) != 1 || p.rels[0].qpp != nil) {
		return m.selectMatches(i, en)
	}
	if len(p.rels) != 1 {
		return semanticError("shortestPath requires a pattern with exactly one relationship")
	}
	rp := p.rels[0]
	if rp.qpp != nil {
		return semanticError("shortestPath over a quantified path pattern with variables, labels, properties or WHERE inside is not supported; use SHORTEST 1")
	}
	// The ends come from the same access paths as any pattern: a bound
	// variable, an index seek on the pattern's properties or the WHERE, a
	// label scan.
	cands := func(np *nodePat) ([]NodeRef, error) {
		one := &patternPart{nodes: []*nodePat{np}}
		a := chooseAccess(m.r.g, one, func(v string) bool { _, ok := en.lookup(v); return ok }, m.where)
		if a.kind == accBound {
			v, _ := en.lookup(np.v)
			n, isNode := v.(Node)
			if !isNode {
				return nil, nil
			}
			return []NodeRef{n.Ref}, nil
		}
		nodes, ok, err := m.startNodes(a, en)
		if err != nil {
			return nil, err
		}
		if !ok {
			nodes = m.r.g.Nodes(firstLabel(np))
		}
		var out []NodeRef
		for n := range nodes {
			if err := m.r.tick(); err != nil {
				return nil, err
			}
			out = append(out, n)
		}
		return out, nil
	}
	as, err := cands(p.nodes[0])
	if err != nil {
		return err
	}
	bs, err := cands(p.nodes[1])
	if err != nil {
		return err
	}
	for _, a := range as {
		enA, ok, err := m.bindNode(p.nodes[0], a, en)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		for _, b := range bs {
			enB, ok, err := m.bindNode(p.nodes[1], b, enA)
			if err != nil {
				return err
			}
			if !ok {
				continue
			}
			var paths []Path
			switch {
			case p.sel != nil:
				paths, err = m.selectPaths(rp, a, b, p.sel, enB)
			case m.storeSearch(p, a, b):
				paths, err = m.storeShortest(rp, a, b)
			default:
				paths, err = m.bfs(rp, a, b, p.shortest == 2, enB)
			}
			if err != nil {
				return err
			}
			for _, path := range paths {
				en2, ok := enB, true
				if rp.v != "" {
					var v any = Relationship{path.Rels[0]}
					if rp.varLen {
						list := make([]any, len(path.Rels))
						for k, x := range path.Rels {
							list[k] = Relationship{x}
						}
						v = list
					}
					if en2, ok, err = m.bind(en2, rp.v, v); err != nil {
						return err
					}
				}
				if ok && p.pathVar != "" {
					if en2, ok, err = m.bind(en2, p.pathVar, path); err != nil {
						return err
					}
				}
				if !ok {
					continue
				}
				if po := m.r.partOps(p); po != nil {
					m.r.opRow(po.shortest)
				}
				if err := m.part(i+1, en2); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// storeSearch reports whether shortestPath between a and b can go to the
// graph's own search: one shortest path of a plain relationship pattern
// (types and a direction, no properties), between two distinct nodes,
// with no relationship held by an earlier part.
func (m *matcher) storeSearch(p *patternPart, a, b NodeRef) bool {
	if _, ok := m.r.g.(ShortestPather); !ok || p.shortest != 1 || a == b || len(m.used) > 0 {
		return false
	}
	rp := p.rels[0]
	return rp.qpp == nil && rp.props == nil && rp.tx == nil && rp.min <= 1
}

func (m *matcher) storeShortest(rp *relPat, a, b NodeRef) ([]Path, error) {
	maxHops := 1
	if rp.varLen {
		if maxHops = rp.max; maxHops < 0 {
			maxHops = m.r.opts.hopCap()
		}
	}
	path, ok, err := m.r.g.(ShortestPather).ShortestPath(m.r.ctx, a, b, rp.dir, rp.types, maxHops)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
			if cerr := m.r.ctxErr(); cerr != nil {
				return nil, cerr
			}
		}
		return nil, err
	}
	if !ok {
		return nil, nil
	}
	return []Path{path}, nil
}

func (m *matcher) bfs(rp *relPat, a, b NodeRef, all bool, en *env) ([]Path, error) {
	maxDepth := rp.max
	if maxDepth < 0 {
		maxDepth = m.r.opts.hopCap()
	}
	if !rp.varLen {
		maxDepth = 1
	}
	if a == b && rp.min == 0 {
		return []Path{{Nodes: []NodeRef{a}}}, nil
	}
	type pred struct {
		from NodeRef
		rel  RelRef
	}
	preds := map[NodeRef][]pred{}
	dist := map[NodeRef]int{a: 0}
	frontier := []NodeRef{a}
	found := false
	for depth := 1; depth <= maxDepth && len(frontier) > 0 && !found; depth++ {
		var nextF []NodeRef
		for _, cur := range frontier {
			for rel, other := range m.r.g.Expand(cur, rp.dir, rp.types) {
				if err := m.r.tick(); err != nil {
					return nil, err
				}
				ok, err := m.relOK(rp, rel, en)
				if err != nil {
					return nil, err
				}
				if !ok {
					continue
				}
				d, seen := dist[other]
				if seen && d < depth {
					continue
				}
				if !seen {
					dist[other] = depth
					nextF = append(nextF, other)
				}
				preds[other] = append(preds[other], pred{cur, rel})
				if other == b {
					found = true
				}
			}
		}
		frontier = nextF
	}
	if !found {
		return nil, nil
	}
	var out []Path
	var rels []RelRef
	nodes := []NodeRef{b}
	var back func(n NodeRef) bool
	back = func(n NodeRef) bool {
		if n == a {
			out = append(out, Path{Nodes: reversed(nodes), Rels: reversed(rels)})
			return !all
		}
		for _, pr := range preds[n] {
			if dist[pr.from] != dist[n]-1 {
				continue
			}
			nodes = append(nodes, pr.from)
			rels = append(rels, pr.rel)
			stop := back(pr.from)
			nodes = nodes[:len(nodes)-1]
			rels = rels[:len(rels)-1]
			if stop {
				return true
			}
		}
		return false
	}
	back(b)
	if len(out) > 0 && len(out[0].Rels) < rp.min {
		return nil, nil
	}
	return out, nil
}

// conjuncts splits e at its top-level ANDs.
func conjuncts(e expr, out []expr) []expr {
	if b, ok := e.(binaryExpr); ok && b.op == "AND" {
		return conjuncts(b.r, conjuncts(b.l, out))
	}
	return append(out, e)
}

// refVars lists every name e may refer to: variables and the variables of
// patterns inside it. Names bound inside e (comprehension variables) are
// included too; that only delays the check, never skips it, because the
// caller keeps just the names the MATCH binds.
func refVars(e expr, out []string) []string {
	switch x := e.(type) {
	case nil:
		return out
	case varExpr:
		return append(out, x.name)
	case existsExpr:
		out = partVars(x.parts, out)
		if x.sub != nil {
			// A subquery may use any outer variable; depend on them all
			// by reporting every name its clauses mention.
			for _, st := range x.sub.stages {
				out = append(out, st.in...)
			}
			out = append(out, subqueryNames(x.sub.q)...)
		}
	case patternCompExpr:
		out = partVars([]*patternPart{x.part}, out)
	case mapProjExpr:
		for _, it := range x.items {
			if it.kind == "var" {
				out = append(out, it.key)
			}
		}
	}
	for _, c := range children(e) {
		out = refVars(c, out)
	}
	return out
}

func partVars(parts []*patternPart, out []string) []string {
	for _, p := range parts {
		for _, n := range p.nodes {
			out = append(out, n.v)
		}
		for _, r := range p.rels {
			out = append(out, r.v)
		}
		out = append(out, p.pathVar)
		out = qppVars(p, out)
	}
	return out
}

// subqueryNames lists the variables a subquery's clauses mention.
func subqueryNames(sq *singleQuery) []string {
	var out []string
	for _, c := range sq.clauses {
		switch x := c.(type) {
		case *matchClause:
			out = partVars(x.parts, out)
			out = refVars(x.where, out)
		case *unwindClause:
			out = refVars(x.x, out)
		case *callClause:
			out = append(out, x.imports...)
			for _, st := range x.stages {
				out = append(out, st.in...)
			}
			out = append(out, subqueryNames(x.q)...)
			for _, u := range x.unions {
				out = append(out, subqueryNames(u)...)
			}
			for _, sts := range x.ustages {
				for _, st := range sts {
					out = append(out, st.in...)
				}
			}
		case *projection:
			for _, it := range x.items {
				out = refVars(it.x, out)
			}
			out = refVars(x.where, out)
			for _, o := range x.order {
				out = refVars(o.x, out)
			}
		}
	}
	return out
}
