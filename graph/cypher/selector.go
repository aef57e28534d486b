package cypher

import (
	"fmt"
	"sort"
)

// Path selectors (Cypher 5, from GQL): ANY SHORTEST, ALL SHORTEST,
// SHORTEST k, SHORTEST k GROUPS and ANY k before a path pattern. Each
// keeps, for every pair of end nodes, the k shortest paths, the paths of
// the k shortest lengths (GROUPS), or any k paths. MATCH's WHERE applies
// to the paths selected, as in GQL.

// pathSelector is a parsed selector; shortest() runs it.
type pathSelector struct {
	k      int
	groups bool // SHORTEST k GROUPS, ALL SHORTEST
}

// selector parses a path selector at the start of a pattern part, if
// there is one. ALL and ALL PATHS select every path: no selector.
func (ps *parser) selector() *pathSelector {
	t := ps.peek()
	if t.kind != tIdent {
		return nil
	}
	count := func(def int) int {
		if ps.peek().kind != tInt {
			return def
		}
		tok := ps.peek()
		n := ps.intLit()
		if n < 1 || n > 1<<20 {
			ps.failAt(tok.pos, "A path selector needs a count between 1 and %d, got %d", 1<<20, n)
		}
		return int(n)
	}
	pathWord := func() {
		if !ps.acceptKw("PATH") {
			ps.acceptKw("PATHS")
		}
	}
	switch {
	case t.kw("ANY"):
		ps.p++
		if ps.acceptKw("SHORTEST") {
			pathWord()
			return &pathSelector{k: 1}
		}
		s := &pathSelector{k: count(1)}
		pathWord()
		return s
	case t.kw("ALL"):
		ps.p++
		if ps.acceptKw("SHORTEST") {
			pathWord()
			return &pathSelector{k: 1, groups: true}
		}
		pathWord()
		return nil
	case t.kw("SHORTEST"):
		ps.p++
		k := count(0)
		pathWord()
		if ps.acceptKw("GROUPS") {
			if k == 0 {
				k = 1
			}
			return &pathSelector{k: k, groups: true}
		}
		if k == 0 {
			ps.fail("a path count or GROUPS")
		}
		return &pathSelector{k: k}
	}
	return nil
}

// selectPaths finds, between a and b along rp, the paths sel keeps: trails
// (no relationship twice) by increasing length, cut off at k paths or at
// the k-th distinct length. Distances to b, which ignore the trail rule
// and so never overestimate, prune every search to walks that can still
// reach b in time.
func (m *matcher) selectPaths(rp *relPat, a, b NodeRef, sel *pathSelector, en *env) ([]Path, error) {
	minL, maxL := 1, 1
	if rp.varLen {
		minL, maxL = rp.min, rp.max
		if maxL < 0 {
			maxL = m.r.opts.hopCap()
		}
	}
	back := Incoming
	switch rp.dir {
	case Incoming:
		back = Outgoing
	case Both:
		back = Both
	}
	dist := map[NodeRef]int{b: 0}
	frontier := []NodeRef{b}
	for d := 1; d <= maxL && len(frontier) > 0; d++ {
		var next []NodeRef
		for _, cur := range frontier {
			for rel, other := range m.r.g.Expand(cur, back, rp.types) {
				if err := m.r.tick(); err != nil {
					return nil, err
				}
				if _, seen := dist[other]; seen {
					continue
				}
				if ok, err := m.relOK(rp, rel, en); err != nil {
					return nil, err
				} else if !ok {
					continue
				}
				dist[other] = d
				next = append(next, other)
			}
		}
		frontier = next
	}
	da, ok := dist[a]
	if !ok {
		return nil, nil
	}
	var out []Path
	held := int64(0)
	groups := 0
	nodes := []NodeRef{a}
	var rels []RelRef
	for l := max(minL, da); l <= maxL; l++ {
		found := 0
		var walk func(cur NodeRef, left int) (bool, error)
		walk = func(cur NodeRef, left int) (bool, error) {
			if left == 0 {
				if cur != b {
					return false, nil
				}
				out = append(out, Path{Nodes: append([]NodeRef(nil), nodes...), Rels: append([]RelRef(nil), rels...)})
				found++
				if int64(len(out)) > m.r.opts.maxList() {
					return true, bufferError(m.r.opts.maxList())
				}
				held += sizeOf(out[len(out)-1])
				if err := m.r.mem.fits(held); err != nil {
					return true, err
				}
				return !sel.groups && len(out) == sel.k, nil
			}
			for rel, other := range m.r.g.Expand(cur, rp.dir, rp.types) {
				if err := m.r.tick(); err != nil {
					return true, err
				}
				if d, ok := dist[other]; !ok || d > left-1 {
					continue
				}
				if ok, err := m.relOK(rp, rel, en); err != nil {
					return true, err
				} else if !ok {
					continue
				}
				m.used = append(m.used, rel)
				nodes = append(nodes, other)
				rels = append(rels, rel)
				stop, err := walk(other, left-1)
				m.used = m.used[:len(m.used)-1]
				nodes = nodes[:len(nodes)-1]
				rels = rels[:len(rels)-1]
				if stop || err != nil {
					return stop, err
				}
			}
			return false, nil
		}
		stop, err := walk(a, l)
		if err != nil {
			return nil, err
		}
		if stop {
			break
		}
		if found > 0 && sel.groups {
			if groups++; groups == sel.k {
				break
			}
		}
	}
	return out, nil
}

func (s *pathSelector) String() string {
	if s.groups {
		return fmt.Sprintf("SHORTEST %d GROUPS", s.k)
	}
	return fmt.Sprintf("SHORTEST %d", s.k)
}

// selectPathVar names the path of a part matched for selectMatches; the
// space keeps it apart from any variable of the query.
const selectPathVar = " path"

// selectMatches runs a path selector over a part that selectPaths cannot
// search directly (several relationships, or a group with variables): it
// matches the part in full, without the MATCH's WHERE, keeps the paths the
// selector picks for each pair of end nodes, and only then binds their
// variables, so that WHERE applies to the selected paths as in GQL. An
// unbounded part is followed up to the hop cap, past which it fails.
func (m *matcher) selectMatches(i int, en *env) error {
	p := m.parts[i]
	part := *p
	part.shortest, part.sel, part.pathVar = 0, nil, selectPathVar
	sub := &matcher{r: m.r, parts: []*patternPart{&part}, used: append([]RelRef(nil), m.used...),
		st: []*partState{{nodes: make([]NodeRef, len(p.nodes)), segs: make([][]RelRef, len(p.rels)), mids: make([][]NodeRef, len(p.rels))}}}
	type match struct {
		en   *env
		path Path
	}
	type ends struct{ a, b NodeRef }
	byEnds := map[ends][]match{}
	var order []ends
	n := int64(0)
	sub.emit = func(found *env) error {
		v, _ := found.lookup(selectPathVar)
		path := v.(Path)
		k := ends{path.Nodes[0], path.Nodes[len(path.Nodes)-1]}
		if _, ok := byEnds[k]; !ok {
			order = append(order, k)
		}
		if n++; n > m.r.opts.maxList() {
			return bufferError(m.r.opts.maxList())
		}
		byEnds[k] = append(byEnds[k], match{found, path})
		return nil
	}
	if err := sub.part(0, en); err != nil {
		return err
	}
	names := partVars([]*patternPart{p}, nil)
	for _, k := range order {
		ms := byEnds[k]
		sort.SliceStable(ms, func(x, y int) bool { return len(ms[x].path.Rels) < len(ms[y].path.Rels) })
		groups, last := 0, -1
		for j, mt := range ms {
			l := len(mt.path.Rels)
			if p.sel.groups {
				if l != last {
					if groups == p.sel.k {
						break
					}
					groups, last = groups+1, l
				}
			} else if j == p.sel.k {
				break
			}
			if err := m.bindSelected(i, names, mt.en, mt.path, en); err != nil {
				return err
			}
		}
	}
	return nil
}

// bindSelected binds, on top of en, the variables found holds for a
// selected path (checking the MATCH's WHERE as it goes), keeps the path's
// relationships from later parts, and matches the rest of the pattern.
func (m *matcher) bindSelected(i int, names []string, found *env, path Path, en *env) error {
	p := m.parts[i]
	var err error
	ok := true
	for _, name := range names {
		if name == "" || name == p.pathVar {
			continue
		}
		if _, bound := en.lookup(name); bound {
			continue
		}
		v, _ := found.lookup(name)
		if en, ok, err = m.bind(en, name, v); err != nil || !ok {
			return err
		}
	}
	if p.pathVar != "" {
		if en, ok, err = m.bind(en, p.pathVar, path); err != nil || !ok {
			return err
		}
	}
	used := len(m.used)
	m.used = append(m.used, path.Rels...)
	err = m.part(i+1, en)
	m.used = m.used[:used]
	return err
}
