package memstore

import (
	"bytes"
	"context"
	"slices"
	"sort"

	"github.com/actorgraph/actorgraph/graph"
)

// Search finds nodes by name or alias: exact matches, then prefix
// matches, then substring matches, each rank by (name, key).
func (s *Store) Search(ctx context.Context, q graph.SearchQuery) ([]graph.Node, error) {
	if err := q.Normalize(s.limits); err != nil {
		return nil, err
	}
	sn, err := s.read(ctx)
	if err != nil {
		return nil, err
	}
	idx, err := sn.searchIndexes(ctx, q)
	if err != nil {
		return nil, err
	}
	out := make([]graph.Node, len(idx))
	m := sn.newMaker(len(idx), 0)
	for j, i := range idx {
		out[j] = m.node(i)
	}
	return out, nil
}

// searchIndexes answers a normalised search query with node indexes.
//
// Exact and prefix matches come from one binary search into the sorted
// lowered names and aliases (exact entries sort just before the entries
// they prefix). Substring matches need a scan; it walks nodes in name
// order, so it stops as soon as the limit is filled.
func (s *snapshot) searchIndexes(ctx context.Context, q graph.SearchQuery) ([]uint32, error) {
	want := make([]uint16, 0, len(q.Labels))
	for _, l := range q.Labels {
		id, ok := s.labelID(l)
		if !ok {
			return []uint32{}, nil
		}
		want = append(want, id)
	}
	pass := func(i uint32) bool { return len(want) == 0 || s.hasLabels(i, want) }
	limit := q.Limit
	if q.Text == "" {
		return s.byNameFiltered(ctx, want, limit)
	}
	text := graph.AppendSearchText(nil, q.Text)

	sc := s.getScratch()
	defer s.putScratch(sc)
	lo := sort.Search(len(s.search), func(j int) bool {
		e := s.search[j]
		return bytes.Compare(s.low[e.off:e.off+e.ln], text) >= 0
	})
	var exact, prefix []uint32
	for j := lo; j < len(s.search); j++ {
		if j%4096 == 0 {
			if err := graph.ContextError(ctx.Err()); err != nil {
				return nil, err
			}
		}
		e := s.search[j]
		entry := s.low[e.off : e.off+e.ln]
		if !bytes.HasPrefix(entry, text) {
			break
		}
		if sc.a[e.node] == sc.gen || !pass(e.node) {
			continue
		}
		sc.a[e.node] = sc.gen
		if len(entry) == len(text) {
			exact = append(exact, e.node)
		} else {
			prefix = append(prefix, e.node)
		}
	}
	byRank := func(a, b uint32) int { return int(s.nameRank[a]) - int(s.nameRank[b]) }
	slices.SortFunc(exact, byRank)
	out := exact
	if len(out) < limit {
		slices.SortFunc(prefix, byRank)
		out = append(out, prefix[:min(len(prefix), limit-len(out))]...)
	}
	if len(out) >= limit {
		return out[:limit], nil
	}
	if bytes.IndexByte(text, 0) >= 0 {
		return out, nil
	}
	// Walk the nodes in name order, reading the text only of those whose
	// signature allows a match.
	qsig := signature(text)
scan:
	for base := 0; base < len(s.sig); base += 1 << 14 {
		if err := graph.ContextError(ctx.Err()); err != nil {
			return nil, err
		}
		for k, sig := range s.sig[base:min(base+1<<14, len(s.sig))] {
			if sig&qsig != qsig {
				continue
			}
			r := base + k
			i := s.byName[r]
			if sc.a[i] == sc.gen || !bytes.Contains(s.low[s.lowOff[r]:s.lowOff[r+1]], text) || !pass(i) {
				continue
			}
			out = append(out, i)
			if len(out) == limit {
				break scan
			}
		}
	}
	if out == nil {
		out = []uint32{}
	}
	return out, nil
}

// byNameFiltered lists nodes carrying every wanted label, by name.
func (s *snapshot) byNameFiltered(ctx context.Context, want []uint16, limit int) ([]uint32, error) {
	if len(want) == 0 {
		return slices.Clone(s.byName[:min(limit, len(s.byName))]), nil
	}
	// Walk the rarest label's nodes when it is rare, else the name order.
	rarest := s.labelNodes[want[0]]
	for _, l := range want[1:] {
		if len(s.labelNodes[l]) < len(rarest) {
			rarest = s.labelNodes[l]
		}
	}
	out := []uint32{}
	if len(rarest) < s.nodeCount()/16 {
		for _, i := range rarest {
			if s.hasLabels(i, want) {
				out = append(out, i)
			}
		}
		slices.SortFunc(out, func(a, b uint32) int { return int(s.nameRank[a]) - int(s.nameRank[b]) })
		return out[:min(limit, len(out))], nil
	}
	for k, i := range s.byName {
		if k%4096 == 0 {
			if err := graph.ContextError(ctx.Err()); err != nil {
				return nil, err
			}
		}
		if s.hasLabels(i, want) {
			out = append(out, i)
			if len(out) == limit {
				break
			}
		}
	}
	return out, nil
}
