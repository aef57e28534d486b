package memstore

import (
	"context"
	"math"
	"runtime"
	"slices"
	"sync"

	"github.com/actorgraph/actorgraph/graph"
)

// Load validates g completely, then builds a new snapshot from the current
// one and g and swaps it in; a load therefore applies whole or not at all,
// and readers never wait for it. Loads are serialised.
func (s *Store) Load(ctx context.Context, g graph.Graph) (graph.LoadStats, error) {
	var stats graph.LoadStats
	if err := s.check(ctx); err != nil {
		return stats, err
	}
	nodes, rels, err := validate(ctx, g)
	if err != nil {
		return stats, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.snap.Load()

	if old.nodeCount() == 0 {
		stats.NodesCreated, stats.RelationshipsCreated = len(nodes), len(rels.recs)
	} else {
		loaded := make(map[[16]byte]bool, len(nodes))
		for i := range nodes {
			loaded[nodes[i].id] = true
		}
		for i := range nodes {
			n := &nodes[i]
			if _, ok := old.findNode(n.id); ok {
				stats.NodesMatched++
			} else {
				stats.NodesCreated++
			}
			// A key may move to another node only if its owner is
			// reloaded (under another key) in the same graph.
			if owner, ok := old.findKey(n.key); ok && old.nodeIDs[owner] != n.id && !loaded[old.nodeIDs[owner]] {
				return graph.LoadStats{}, graph.Errorf(graph.KindConflict, "node %s: key %q already belongs to node %s", uuidString(n.id), n.key, uuidString(old.nodeIDs[owner]))
			}
		}
		for i := range rels.recs {
			if _, ok := old.findRel(rels.recs[i].id); ok {
				stats.RelationshipsMatched++
			} else {
				stats.RelationshipsCreated++
			}
		}
	}
	if err := graph.ContextError(ctx.Err()); err != nil {
		return graph.LoadStats{}, err
	}

	if old.nodeCount() > 0 {
		oldNodes, oldRels := old.unpack()
		nodes = mergeByID(oldNodes, nodes, func(n nodeRec) [16]byte { return n.id })
		rels = mergeRels(oldRels, rels)
	}
	snap, err := build(nodes, rels)
	if err != nil {
		return graph.LoadStats{}, err
	}
	if err := graph.ContextError(ctx.Err()); err != nil {
		return graph.LoadStats{}, err
	}
	s.snap.Store(snap)
	return stats, nil
}

// mergeRels merges loaded relationships into old ones, by id.
func mergeRels(old, loaded relBatch) relBatch {
	typeIdx := map[string]uint16{}
	for t, name := range old.types {
		typeIdx[name] = uint16(t)
	}
	remap := make([]uint16, len(loaded.types))
	for t, name := range loaded.types {
		id, ok := typeIdx[name]
		if !ok {
			id = uint16(len(old.types))
			typeIdx[name] = id
			old.types = append(old.types, name)
		}
		remap[t] = id
	}
	base := int32(len(old.props))
	recs := slices.Clone(loaded.recs)
	for i := range recs {
		recs[i].typ = remap[recs[i].typ]
		if recs[i].props >= 0 {
			recs[i].props += base
		}
	}
	return relBatch{
		recs:  mergeByID(old.recs, recs, func(r relRec) [16]byte { return r.id }),
		types: old.types,
		props: append(old.props, loaded.props...),
	}
}

// mergeByID merges old with loaded items (both sorted by id), loaded ones
// replacing old ones with the same id.
func mergeByID[T any](old, loaded []T, id func(T) [16]byte) []T {
	out := make([]T, 0, len(old)+len(loaded))
	i, j := 0, 0
	for i < len(old) || j < len(loaded) {
		switch {
		case j == len(loaded):
			out = append(out, old[i])
			i++
		case i == len(old):
			out = append(out, loaded[j])
			j++
		default:
			c := cmpID(id(old[i]), id(loaded[j]))
			if c < 0 {
				out = append(out, old[i])
				i++
			} else {
				if c == 0 {
					i++
				}
				out = append(out, loaded[j])
				j++
			}
		}
	}
	return out
}

// validate checks every item of g and turns it into records sorted by
// id; it changes nothing, so a bad graph is rejected before anything is
// written. The work is split across CPUs: it is most of a bulk load.
func validate(ctx context.Context, g graph.Graph) ([]nodeRec, relBatch, error) {
	nodes := make([]nodeRec, len(g.Nodes))
	err := parallel(ctx, len(g.Nodes), func(i int) error {
		n := &g.Nodes[i]
		if err := graph.CheckNode(*n); err != nil {
			return graph.ItemError("nodes", i, err)
		}
		id, err := parseID(n.ID)
		if err != nil {
			return graph.ItemError("nodes", i, graph.InvalidParam("id", "node %q: id %q is not a canonical UUID", n.Key, n.ID))
		}
		labels := slices.Clone(n.Labels)
		slices.Sort(labels)
		labels = slices.Compact(labels)
		props, err := normProps(n.Properties)
		if err != nil {
			return graph.Errorf(graph.KindInvalid, "node %q: %v", n.Key, err)
		}
		nodes[i] = nodeRec{id: id, key: n.Key, labels: labels, props: props}
		return nil
	})
	if err != nil {
		return nil, relBatch{}, err
	}
	// Types and properties are gathered first, in one pass, so that the
	// records themselves hold no pointers.
	rels := relBatch{recs: make([]relRec, len(g.Relationships))}
	typeIdx := map[string]uint16{}
	nprops := 0
	for i := range g.Relationships {
		r := &g.Relationships[i]
		t, ok := typeIdx[r.Type]
		if !ok {
			if err := graph.CheckRelationship(*r); err != nil {
				return nil, relBatch{}, graph.ItemError("relationships", i, err)
			}
			if len(rels.types) == math.MaxUint16 {
				return nil, relBatch{}, graph.Errorf(graph.KindInvalid, "too many distinct relationship types")
			}
			t = uint16(len(rels.types))
			typeIdx[r.Type] = t
			rels.types = append(rels.types, r.Type)
		}
		rels.recs[i].typ = t
		rels.recs[i].props = -1
		if len(r.Properties) > 0 {
			rels.recs[i].props = int32(nprops)
			nprops++
		}
	}
	rels.props = make([][]kv, nprops)
	err = parallel(ctx, len(g.Relationships), func(i int) error {
		r := &g.Relationships[i]
		rec := &rels.recs[i]
		if err := graph.CheckRelationship(*r); err != nil {
			return graph.ItemError("relationships", i, err)
		}
		var err1, err2, err3 error
		rec.id, err1 = parseID(r.ID)
		rec.start, err2 = parseID(r.Start)
		rec.end, err3 = parseID(r.End)
		if err := firstErr(err1, err2, err3); err != nil {
			return graph.ItemError("relationships", i, graph.InvalidParam("id", "relationship %s: an id is not a canonical UUID", r.ID))
		}
		if rec.props >= 0 {
			props, err := normProps(r.Properties)
			if err != nil {
				return graph.Errorf(graph.KindInvalid, "relationship %s: %v", r.ID, err)
			}
			rels.props[rec.props] = props
		}
		return nil
	})
	if err != nil {
		return nil, relBatch{}, err
	}
	nodes = gather(nodes, idOrder(len(nodes), func(i int) *[16]byte { return &nodes[i].id }))
	for i := 1; i < len(nodes); i++ {
		if nodes[i].id == nodes[i-1].id {
			return nil, relBatch{}, graph.Errorf(graph.KindInvalid, "node %s appears twice in the loaded graph", uuidString(nodes[i].id))
		}
	}
	recs := rels.recs
	perm := idOrder(len(recs), func(i int) *[16]byte { return &recs[i].id })
	rels.recs = make([]relRec, len(recs))
	_ = parallel(context.Background(), len(recs), func(j int) error {
		rels.recs[j] = recs[perm[j]]
		return nil
	})
	for i := 1; i < len(rels.recs); i++ {
		if rels.recs[i].id == rels.recs[i-1].id {
			return nil, relBatch{}, graph.Errorf(graph.KindInvalid, "relationship %s appears twice in the loaded graph", uuidString(rels.recs[i].id))
		}
	}
	return nodes, rels, nil
}

func gather[T any](in []T, perm []uint32) []T {
	out := make([]T, len(in))
	for j, i := range perm {
		out[j] = in[i]
	}
	return out
}

// parallel calls fn(i) for i in [0, n) on every CPU and returns the error
// of the smallest failing i, so the same bad input always gives the same
// error.
func parallel(ctx context.Context, n int, fn func(i int) error) error {
	workers := min(runtime.GOMAXPROCS(0), max(1, n/4096))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := n*w/workers, n*(w+1)/workers
		wg.Go(func() {
			for i := lo; i < hi; i++ {
				if (i-lo)%4096 == 0 {
					if err := graph.ContextError(ctx.Err()); err != nil {
						errs[w] = err
						return
					}
				}
				if err := fn(i); err != nil {
					errs[w] = err
					return
				}
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func normProps(p map[string]any) ([]kv, error) {
	if len(p) == 0 {
		return nil, nil
	}
	out := make([]kv, 0, len(p))
	for k, v := range p {
		if k == "" {
			return nil, graph.Errorf(graph.KindInvalid, "empty property name")
		}
		n, err := graph.NormalizeValue(v)
		if err != nil {
			return nil, graph.Errorf(graph.KindInvalid, "property %q: %v", k, err)
		}
		if n != nil {
			out = append(out, kv{k, n})
		}
	}
	slices.SortFunc(out, func(a, b kv) int {
		switch {
		case a.k < b.k:
			return -1
		case a.k > b.k:
			return 1
		}
		return 0
	})
	return out, nil
}

// parseID accepts only the canonical (lower-case, hyphenated) form, so
// that an id reads back exactly as it was loaded. It is one pass over the
// text: a bulk load parses three ids per relationship.
func parseID(s string) ([16]byte, error) {
	var id [16]byte
	if len(s) != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' {
		return id, errBadID
	}
	j := 0
	for i := 0; i < 36; i += 2 {
		if i == 8 || i == 13 || i == 18 || i == 23 {
			i++
		}
		hi, lo := unhex[s[i]], unhex[s[i+1]]
		if hi|lo == 0xff {
			return id, errBadID
		}
		id[j] = hi<<4 | lo
		j++
	}
	return id, nil
}

var errBadID = graph.Errorf(graph.KindInvalid, "not a canonical UUID")

// unhex maps lower-case hex digits to their value and all else to 0xff.
var unhex = func() (t [256]byte) {
	for i := range t {
		t[i] = 0xff
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = byte(c - '0')
	}
	for c := 'a'; c <= 'f'; c++ {
		t[c] = byte(c - 'a' + 10)
	}
	return t
}()

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
