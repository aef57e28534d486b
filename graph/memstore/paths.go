package memstore

import (
	"context"
	"slices"

	"github.com/actorgraph/actorgraph/graph"
)

// Paths returns up to q.K shortest simple paths from q.From to q.To, in
// the order graph.PathQuery fixes: length, then node keys, then
// relationship ids.
func (s *Store) Paths(ctx context.Context, q graph.PathQuery) ([]graph.Path, error) {
	if err := q.Normalize(s.limits); err != nil {
		return nil, err
	}
	sn, err := s.read(ctx)
	if err != nil {
		return nil, err
	}
	from, ok := sn.resolve(q.From)
	if !ok {
		return nil, notFoundRef(q.From)
	}
	to, ok := sn.resolve(q.To)
	if !ok {
		return nil, notFoundRef(q.To)
	}
	ps, err := sn.paths(ctx, from, to, q)
	if err != nil {
		return nil, err
	}
	out := make([]graph.Path, len(ps))
	m := sn.newMaker(8, 8)
	for j, p := range ps {
		out[j] = graph.Path{Nodes: make([]graph.Node, len(p.nodes)), Relationships: make([]graph.Relationship, len(p.rels)), Length: len(p.rels)}
		for k, i := range p.nodes {
			out[j].Nodes[k] = m.node(i)
		}
		for k, r := range p.rels {
			out[j].Relationships[k] = m.rel(r)
		}
	}
	return out, nil
}

// ipath is a path as node and relationship indexes.
type ipath struct{ nodes, rels []uint32 }

func reverse(d graph.Direction) graph.Direction {
	switch d {
	case graph.Outgoing:
		return graph.Incoming
	case graph.Incoming:
		return graph.Outgoing
	}
	return graph.Both
}

// each calls fn for every relationship r leaving u in direction dir that
// passes f, with v its other end, until fn returns false.
func (s *snapshot) each(u uint32, dir graph.Direction, f *filter, fn func(r, v uint32) bool) bool {
	if dir != graph.Incoming {
		for _, r := range s.outRel[s.outOff[u]:s.outOff[u+1]] {
			if f.pass(r) && !fn(r, s.relEnd[r]) {
				return false
			}
		}
	}
	if dir != graph.Outgoing {
		for _, r := range s.inRel[s.inOff[u]:s.inOff[u+1]] {
			if f.pass(r) && !fn(r, s.relStart[r]) {
				return false
			}
		}
	}
	return true
}

// pathFinder holds the state of one Paths query.
type pathFinder struct {
	s     *snapshot
	ctx   context.Context
	f     filter
	dir   graph.Direction
	sc    *scratch
	to    uint32
	k     int
	out   []ipath
	steps int
	err   error
	// Nodes and relationships a spur search of Yen's algorithm may not use.
	exclNodes, exclRels []uint32
}

// each is snapshot.each less the excluded nodes and relationships.
func (pf *pathFinder) each(u uint32, dir graph.Direction, fn func(r, v uint32) bool) {
	if len(pf.exclNodes) == 0 && len(pf.exclRels) == 0 {
		pf.s.each(u, dir, &pf.f, fn)
		return
	}
	pf.s.each(u, dir, &pf.f, func(r, v uint32) bool {
		if slices.Contains(pf.exclRels, r) || slices.Contains(pf.exclNodes, v) {
			return true
		}
		return fn(r, v)
	})
}

func (pf *pathFinder) tick() bool {
	pf.steps++
	if pf.steps%1024 == 0 && pf.err == nil {
		pf.err = graph.ContextError(pf.ctx.Err())
	}
	return pf.err == nil
}

// paths finds the paths in two phases. Shortest paths come from a
// bidirectional breadth-first search, which marks every node lying on a
// shortest path with its position; a depth-first walk over marked nodes,
// taking neighbours in key order, then yields shortest paths in the
// required order without ever backtracking. Only when fewer than K
// shortest paths exist does Yen's algorithm find the longer ones, each
// spur search being again a bidirectional search.
func (s *snapshot) paths(ctx context.Context, from, to uint32, q graph.PathQuery) ([]ipath, error) {
	if from == to {
		return []ipath{{nodes: []uint32{from}}}, nil
	}
	sc := s.getScratch().forPaths()
	defer s.putScratch(sc)
	pf := &pathFinder{s: s, ctx: ctx, f: s.newFilter(q.Types, ""), dir: q.Direction, sc: sc, to: to, k: q.K}
	d, ok := pf.shortest(from, q.MaxLength)
	if pf.err != nil {
		return nil, pf.err
	}
	if !ok {
		return []ipath{}, nil
	}
	pf.walk([]uint32{from}, nil, d)
	if len(pf.out) < pf.k && d < q.MaxLength && pf.err == nil {
		pf.yen(q.MaxLength)
	}
	if pf.err != nil {
		return nil, pf.err
	}
	return pf.out, nil
}

// best returns the first path from src to the target in path order, at
// most maxLen long, avoiding the current exclusions.
func (pf *pathFinder) best(src uint32, maxLen int) (ipath, bool) {
	pf.sc.next()
	d, ok := pf.shortest(src, maxLen)
	if !ok {
		return ipath{}, false
	}
	out, k := pf.out, pf.k
	pf.out, pf.k = nil, 1
	pf.walk([]uint32{src}, nil, d)
	found := pf.out
	pf.out, pf.k = out, k
	if len(found) == 0 {
		return ipath{}, false
	}
	return found[0], true
}

// yen extends pf.out, which holds the first paths in order, with Yen's
// algorithm: every next path leaves some found path at a spur node, by a
// relationship no found path with the same root takes there, and then
// goes the best way to the target avoiding the root.
func (pf *pathFinder) yen(maxLen int) {
	var cands []ipath
	has := func(list []ipath, p ipath) bool {
		return slices.ContainsFunc(list, func(q ipath) bool {
			return slices.Equal(q.nodes, p.nodes) && slices.Equal(q.rels, p.rels)
		})
	}
	spurs := func(p ipath) {
		for i := range p.rels {
			pf.exclNodes = p.nodes[:i]
			pf.exclRels = pf.exclRels[:0]
			for _, a := range pf.out {
				if len(a.rels) > i && slices.Equal(a.nodes[:i+1], p.nodes[:i+1]) && slices.Equal(a.rels[:i], p.rels[:i]) {
					pf.exclRels = append(pf.exclRels, a.rels[i])
				}
			}
			spur, ok := pf.best(p.nodes[i], maxLen-i)
			if pf.err != nil {
				return
			}
			if !ok {
				continue
			}
			c := ipath{
				nodes: append(slices.Clone(p.nodes[:i]), spur.nodes...),
				rels:  append(slices.Clone(p.rels[:i]), spur.rels...),
			}
			if !has(pf.out, c) && !has(cands, c) {
				cands = append(cands, c)
			}
		}
		pf.exclNodes, pf.exclRels = nil, pf.exclRels[:0]
	}
	for _, p := range slices.Clone(pf.out) {
		spurs(p)
	}
	for len(pf.out) < pf.k && len(cands) > 0 && pf.err == nil {
		m := 0
		for j := range cands {
			if pf.cmpPath(cands[j], cands[m]) < 0 {
				m = j
			}
		}
		next := cands[m]
		cands = slices.Delete(cands, m, m+1)
		pf.out = append(pf.out, next)
		spurs(next)
	}
}

// cmpPath orders paths by length, node keys, then relationship ids.
func (pf *pathFinder) cmpPath(a, b ipath) int {
	if len(a.rels) != len(b.rels) {
		return len(a.rels) - len(b.rels)
	}
	for i := range a.nodes {
		if c := pf.s.compareKeys(a.nodes[i], b.nodes[i]); c != 0 {
			return c
		}
	}
	for i := range a.rels {
		if a.rels[i] != b.rels[i] {
			return int(a.rels[i]) - int(b.rels[i])
		}
	}
	return 0
}

// shortest runs the bidirectional search and marks the nodes on shortest
// paths (scratch c, position p). It returns the shortest length.
//
// Each round expands the smaller frontier by one whole layer. If forward
// layers 0..a and backward layers 0..b do not meet, every path is longer
// than a+b; so when the new layer a+1 meets the backward ball, every
// meeting node is at backward distance exactly b, the shortest length is
// a+1+b, and every shortest path crosses position a+1 at a meeting node.
func (pf *pathFinder) shortest(src uint32, maxLen int) (int, bool) {
	sc := pf.sc
	gen := sc.gen
	fl := [][]uint32{{src}}
	bl := [][]uint32{{pf.to}}
	sc.a[src], sc.da[src] = gen, 0
	sc.b[pf.to], sc.db[pf.to] = gen, 0
	back := reverse(pf.dir)
	var meet []uint32
	for len(meet) == 0 {
		a, b := len(fl)-1, len(bl)-1
		if a+b >= maxLen {
			return 0, false
		}
		// Expand the side with fewer relationships to scan: on graphs with
		// hubs, frontier sizes say little about the work.
		forward := pf.degrees(fl[a], pf.dir) <= pf.degrees(bl[b], back)
		layer, dir, mark, dist, other, d := fl[a], pf.dir, sc.a, sc.da, sc.b, uint8(a+1)
		if !forward {
			layer, dir, mark, dist, other, d = bl[b], back, sc.b, sc.db, sc.a, uint8(b+1)
		}
		var next []uint32
		for _, u := range layer {
			if !pf.tick() {
				return 0, false
			}
			pf.each(u, dir, func(_, v uint32) bool {
				if mark[v] != gen {
					mark[v], dist[v] = gen, d
					next = append(next, v)
					if other[v] == gen {
						meet = append(meet, v)
					}
				}
				return true
			})
		}
		if len(next) == 0 {
			return 0, false
		}
		if forward {
			fl = append(fl, next)
		} else {
			bl = append(bl, next)
		}
	}
	a, b := len(fl)-1, len(bl)-1
	total := a + b
	for _, v := range meet {
		sc.c[v], sc.p[v] = gen, uint8(a)
	}
	// Walk back towards the source: a node at forward distance i is on a
	// shortest path if it leads to a marked node at distance i+1.
	cur := meet
	for i := a - 1; i >= 0; i-- {
		var next []uint32
		for _, w := range cur {
			if !pf.tick() {
				return 0, false
			}
			pf.each(w, back, func(_, u uint32) bool {
				if sc.a[u] == gen && int(sc.da[u]) == i && sc.c[u] != gen {
					sc.c[u], sc.p[u] = gen, uint8(i)
					next = append(next, u)
				}
				return true
			})
		}
		cur = next
	}
	// And towards the target.
	cur = meet
	for j := b - 1; j >= 0; j-- {
		var next []uint32
		for _, u := range cur {
			if !pf.tick() {
				return 0, false
			}
			pf.each(u, pf.dir, func(_, w uint32) bool {
				if sc.b[w] == gen && int(sc.db[w]) == j && sc.c[w] != gen {
					sc.c[w], sc.p[w] = gen, uint8(total-j)
					next = append(next, w)
				}
				return true
			})
		}
		cur = next
	}
	return total, true
}

// degrees sums the number of relationships of the nodes in direction
// dir.
func (pf *pathFinder) degrees(nodes []uint32, dir graph.Direction) int {
	s, sum := pf.s, 0
	for _, u := range nodes {
		if dir != graph.Incoming {
			sum += int(s.outOff[u+1] - s.outOff[u])
		}
		if dir != graph.Outgoing {
			sum += int(s.inOff[u+1] - s.inOff[u])
		}
	}
	return sum
}

// step is a candidate next node with the relationships that reach it.
type step struct {
	v    uint32
	rels []uint32
}

// walk extends the path nodes/rels depth-first over the nodes shortest
// marked as lying on a shortest path of length l, trying next nodes in
// key order. A path reaching the target yields every combination of its
// parallel relationships in id order. It returns false once K paths are
// found or the context is done.
func (pf *pathFinder) walk(nodes []uint32, rels [][]uint32, l int) bool {
	if !pf.tick() {
		return false
	}
	i := len(nodes)
	u := nodes[i-1]
	if i-1 == l {
		if u == pf.to {
			pf.emit(nodes, rels)
		}
		return len(pf.out) < pf.k
	}
	type pair struct{ v, r uint32 }
	var pairs []pair
	sc := pf.sc
	pf.each(u, pf.dir, func(r, v uint32) bool {
		if sc.c[v] == sc.gen && int(sc.p[v]) == i {
			pairs = append(pairs, pair{v, r})
		}
		return true
	})
	slices.SortFunc(pairs, func(a, b pair) int {
		if a.v == b.v {
			return int(a.r) - int(b.r)
		}
		return pf.s.compareKeys(a.v, b.v)
	})
	var cand []step
	for _, p := range pairs {
		if n := len(cand); n > 0 && cand[n-1].v == p.v {
			cand[n-1].rels = append(cand[n-1].rels, p.r)
		} else {
			cand = append(cand, step{v: p.v, rels: []uint32{p.r}})
		}
	}
	for _, c := range cand {
		if !pf.walk(append(nodes, c.v), append(rels, c.rels), l) {
			return false
		}
	}
	return true
}

// emit appends the paths along nodes, one per choice of relationship at
// each step, in lexicographic order of relationship ids.
func (pf *pathFinder) emit(nodes []uint32, rels [][]uint32) {
	pick := make([]int, len(rels))
	for len(pf.out) < pf.k {
		p := ipath{nodes: slices.Clone(nodes), rels: make([]uint32, len(rels))}
		for j, c := range pick {
			p.rels[j] = rels[j][c]
		}
		pf.out = append(pf.out, p)
		j := len(pick) - 1
		for j >= 0 {
			pick[j]++
			if pick[j] < len(rels[j]) {
				break
			}
			pick[j] = 0
			j--
		}
		if j < 0 {
			return
		}
	}
}
