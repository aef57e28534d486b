package memstore

import (
	"context"
	"slices"

	"github.com/actorgraph/actorgraph/graph"
)

// filter decides which relationships a traversal may follow.
type filter struct {
	s     *snapshot
	types []bool // by type id; nil means every type
	asOf  string
}

func (s *snapshot) newFilter(types []string, asOf string) filter {
	f := filter{s: s, asOf: asOf}
	if len(types) > 0 {
		f.types = make([]bool, len(s.types))
		for _, t := range types {
			if id, ok := s.typeID(t); ok {
				f.types[id] = true
			}
		}
	}
	return f
}

func (f *filter) pass(r uint32) bool {
	if f.types != nil && !f.types[f.s.relType[r]] {
		return false
	}
	return f.asOf == "" || f.s.heldOn(r, f.asOf)
}

// Neighborhood returns the graph within q.Depth hops of id, as described
// by graph.NeighborhoodQuery. Nodes come in breadth-first order, the start
// node first; relationships by id.
func (s *Store) Neighborhood(ctx context.Context, id string, q graph.NeighborhoodQuery) (graph.Neighborhood, error) {
	if err := q.Normalize(s.limits); err != nil {
		return graph.Neighborhood{}, err
	}
	sn, err := s.read(ctx)
	if err != nil {
		return graph.Neighborhood{}, err
	}
	start, ok := sn.resolve(id)
	if !ok {
		return graph.Neighborhood{}, notFoundRef(id)
	}
	nodes, rels, truncated, err := sn.neighborhood(ctx, start, q)
	if err != nil {
		return graph.Neighborhood{}, err
	}
	return graph.Neighborhood{Graph: sn.graphOf(nodes, rels), Truncated: truncated}, nil
}

// neighborhood runs a breadth-first search from start that stops at the
// node limit, then gathers the relationships that leave kept nodes closer
// than q.Depth towards kept nodes.
func (s *snapshot) neighborhood(ctx context.Context, start uint32, q graph.NeighborhoodQuery) (nodes, rels []uint32, truncated bool, err error) {
	f := s.newFilter(q.Types, q.AsOf)
	out := q.Direction != graph.Incoming
	in := q.Direction != graph.Outgoing
	depth := uint8(q.Depth)
	sc := s.getScratch()
	defer s.putScratch(sc)
	gen := sc.gen
	sc.a[start], sc.da[start] = gen, 0
	order := []uint32{start}
	visit := func(r, v uint32, d uint8) bool {
		if sc.a[v] == gen || !f.pass(r) {
			return true
		}
		if len(order) == q.Limit {
			truncated = true
			return false
		}
		sc.a[v], sc.da[v] = gen, d
		order = append(order, v)
		return true
	}
bfs:
	for head := 0; head < len(order); head++ {
		if head%1024 == 1023 {
			if err := graph.ContextError(ctx.Err()); err != nil {
				return nil, nil, false, err
			}
		}
		u := order[head]
		d := sc.da[u]
		if d >= depth {
			break
		}
		if out {
			for _, r := range s.outRel[s.outOff[u]:s.outOff[u+1]] {
				if !visit(r, s.relEnd[r], d+1) {
					break bfs
				}
			}
		}
		if in {
			for _, r := range s.inRel[s.inOff[u]:s.inOff[u+1]] {
				if !visit(r, s.relStart[r], d+1) {
					break bfs
				}
			}
		}
	}
	for k, u := range order {
		if k%1024 == 1023 {
			if err := graph.ContextError(ctx.Err()); err != nil {
				return nil, nil, false, err
			}
		}
		if sc.da[u] >= depth {
			continue
		}
		if out {
			for _, r := range s.outRel[s.outOff[u]:s.outOff[u+1]] {
				if sc.a[s.relEnd[r]] == gen && f.pass(r) {
					rels = append(rels, r)
				}
			}
		}
		if in {
			for _, r := range s.inRel[s.inOff[u]:s.inOff[u+1]] {
				if sc.a[s.relStart[r]] == gen && f.pass(r) {
					rels = append(rels, r)
				}
			}
		}
	}
	slices.Sort(rels)
	rels = slices.Compact(rels)
	return order, rels, truncated, nil
}
