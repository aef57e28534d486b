package memstore

import (
	"context"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/actorgraph/actorgraph/graph"
)

// Load validates g completely, then builds a new snapshot from the current
// one and g and swaps it in; a load therefore applies whole or not at all,
// and readers never wait for it. Loads are serialised.
func (s *Store) Load(ctx context.Context, g graph.Graph) (graph.LoadStats, error) {
	if err := s.check(ctx); err != nil {
		return graph.LoadStats{}, err
	}
	nodes, rels, err := validate(ctx, g)
	if err != nil {
		return graph.LoadStats{}, err
	}
	return s.apply(ctx, nodes, rels)
}

// LoadStream loads what src yields, item by item, with Load's guarantees:
// it applies whole or not at all (an error from src, or from any item,
// leaves the store as it was). Each item is turned into the store's
// compact records as it arrives, so neither the document nor a
// graph.Graph of it is ever held whole.
func (s *Store) LoadStream(ctx context.Context, src graph.Stream) (graph.LoadStats, error) {
	if err := s.check(ctx); err != nil {
		return graph.LoadStats{}, err
	}
	var b recBuilder
	nodeAt, relAt := 0, 0
	err := src(func(n graph.Node) error {
		if nodeAt%4096 == 0 {
			if err := graph.ContextError(ctx.Err()); err != nil {
				return err
			}
		}
		nodeAt++
		return b.node(nodeAt-1, &n)
	}, func(r graph.Relationship) error {
		if relAt%4096 == 0 {
			if err := graph.ContextError(ctx.Err()); err != nil {
				return err
			}
		}
		relAt++
		return b.rel(relAt-1, &r)
	})
	if err != nil {
		return graph.LoadStats{}, err
	}
	nodes, rels, err := b.finish()
	if err != nil {
		return graph.LoadStats{}, err
	}
	return s.apply(ctx, nodes, rels)
}

// apply merges validated records into the current snapshot and swaps the
// result in.
func (s *Store) apply(ctx context.Context, nodes []nodeRec, rels relBatch) (graph.LoadStats, error) {
	var stats graph.LoadStats
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.snap.Load()

	if old.nodeCount() == 0 {
		stats.NodesCreated, stats.RelationshipsCreated = len(nodes), rels.len()
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
		for _, id := range rels.ids {
			if _, ok := old.findRel(id); ok {
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
		var oldAt, loadedAt []uint32
		nodes, oldAt, loadedAt = mergeNodes(oldNodes, nodes)
		rels = mergeRels(oldRels, oldAt, rels, loadedAt)
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

// mergeNodes merges loaded nodes into old ones (both sorted by id), a
// loaded node replacing an old one with the same id. oldAt and loadedAt
// say where each went; an old node replaced goes where its replacement
// did.
func mergeNodes(old, loaded []nodeRec) (out []nodeRec, oldAt, loadedAt []uint32) {
	oldAt, loadedAt = make([]uint32, len(old)), make([]uint32, len(loaded))
	var replaced [][2]int // (old, loaded)
	plan := mergePlan(len(old), len(loaded), func(i int) *[16]byte { return &old[i].id }, func(j int) *[16]byte { return &loaded[j].id },
		func(i, j int) { replaced = append(replaced, [2]int{i, j}) })
	out = make([]nodeRec, len(plan))
	for p, src := range plan {
		if src >= 0 {
			out[p], oldAt[src] = old[src], uint32(p)
		} else {
			out[p], loadedAt[^src] = loaded[^src], uint32(p)
		}
	}
	for _, r := range replaced {
		oldAt[r[0]] = loadedAt[r[1]]
	}
	return out, oldAt, loadedAt
}

// mergeRels merges loaded relationships into old ones by id, renumbering
// endpoints to the merged nodes: old ones (node indexes of the old
// snapshot) by oldAt, loaded ones by loadedAt.
func mergeRels(old relBatch, oldAt []uint32, loaded relBatch, loadedAt []uint32) relBatch {
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
	ref := func(r uint32) uint32 {
		if r >= extRef {
			return r // old has no ext, so loaded's keep their place
		}
		return loadedAt[r]
	}
	base := int32(len(old.props))
	plan := mergePlan(old.len(), loaded.len(), func(i int) *[16]byte { return &old.ids[i] }, func(j int) *[16]byte { return &loaded.ids[j] }, nil)
	m := len(plan)
	out := relBatch{
		ids: make([][16]byte, m), start: make([]uint32, m), end: make([]uint32, m), typ: make([]uint16, m), prop: make([]int32, m),
		types: old.types, props: append(old.props, loaded.props...), ext: loaded.ext,
	}
	for p, src := range plan {
		if src >= 0 {
			out.ids[p], out.start[p], out.end[p] = old.ids[src], oldAt[old.start[src]], oldAt[old.end[src]]
			out.typ[p], out.prop[p] = old.typ[src], old.prop[src]
			continue
		}
		j := ^src
		out.ids[p], out.start[p], out.end[p] = loaded.ids[j], ref(loaded.start[j]), ref(loaded.end[j])
		out.typ[p], out.prop[p] = remap[loaded.typ[j]], loaded.prop[j]
		if out.prop[p] >= 0 {
			out.prop[p] += base
		}
	}
	return out
}

// mergePlan merges two lists sorted by id: item p of the result is old
// item plan[p] if plan[p] >= 0, else loaded item ^plan[p]. A loaded item
// replaces an old one with the same id, and replaced (if not nil) hears
// of it.
func mergePlan(nOld, nLoaded int, oldID, loadedID func(int) *[16]byte, replaced func(i, j int)) []int {
	plan := make([]int, 0, nOld+nLoaded)
	i, j := 0, 0
	for i < nOld || j < nLoaded {
		switch {
		case j == nLoaded:
			plan = append(plan, i)
			i++
		case i == nOld:
			plan = append(plan, ^j)
			j++
		default:
			c := cmpID(*oldID(i), *loadedID(j))
			if c < 0 {
				plan = append(plan, i)
				i++
			} else {
				if c == 0 {
					if replaced != nil {
						replaced(i, j)
					}
					i++
				}
				plan = append(plan, ^j)
				j++
			}
		}
	}
	return plan
}

// validate checks every item of g and turns it into records sorted by
// id; it changes nothing, so a bad graph is rejected before anything is
// written. The work is split across CPUs: it is most of a bulk load.
func validate(ctx context.Context, g graph.Graph) ([]nodeRec, relBatch, error) {
	nodes := make([]nodeRec, len(g.Nodes))
	err := parallel(ctx, len(g.Nodes), func(i int) error {
		var err error
		nodes[i], err = nodeRecOf(i, &g.Nodes[i])
		return err
	})
	if err != nil {
		return nil, relBatch{}, err
	}
	if len(nodes) >= extRef {
		return nil, relBatch{}, errTooMany
	}
	// Nodes are sorted first, so that endpoints become their indexes.
	sortNodes(nodes)
	x := recIndex(nodes)
	// Types and properties are gathered first, in one pass, so that the
	// columns hold no pointers.
	m := len(g.Relationships)
	rels := relBatch{ids: make([][16]byte, m), start: make([]uint32, m), end: make([]uint32, m), typ: make([]uint16, m), prop: make([]int32, m)}
	typeIdx := map[string]uint16{}
	nprops := 0
	for i := range g.Relationships {
		r := &g.Relationships[i]
		t, err := typeOf(&rels.types, typeIdx, i, r)
		if err != nil {
			return nil, relBatch{}, err
		}
		rels.typ[i] = t
		rels.prop[i] = -1
		if len(r.Properties) > 0 {
			rels.prop[i] = int32(nprops)
			nprops++
		}
	}
	rels.props = make([][]kv, nprops)
	const unresolved = math.MaxUint32
	err = parallel(ctx, m, func(i int) error {
		props, ids, err := relRecOf(i, &g.Relationships[i])
		if err != nil {
			return err
		}
		rels.ids[i] = ids[0]
		rels.start[i], rels.end[i] = unresolved, unresolved
		if j, ok := x.findRec(nodes, ids[1]); ok {
			rels.start[i] = j
		}
		if j, ok := x.findRec(nodes, ids[2]); ok {
			rels.end[i] = j
		}
		if rels.prop[i] >= 0 {
			rels.props[rels.prop[i]] = props
		}
		return nil
	})
	if err != nil {
		return nil, relBatch{}, err
	}
	// Endpoints not among the nodes, few or none, are kept as ids.
	for i := range m {
		if rels.start[i] == unresolved {
			id, _ := parseID(g.Relationships[i].Start)
			rels.start[i] = rels.addExt(id)
		}
		if rels.end[i] == unresolved {
			id, _ := parseID(g.Relationships[i].End)
			rels.end[i] = rels.addExt(id)
		}
	}
	if len(rels.ext) >= extRef {
		return nil, relBatch{}, errTooMany
	}
	if err := checkNodes(nodes); err != nil {
		return nil, relBatch{}, err
	}
	return nodes, rels, sortRels(&rels)
}

// addExt adds id to b.ext and returns its ref.
func (b *relBatch) addExt(id [16]byte) uint32 {
	b.ext = append(b.ext, id)
	return extRef + uint32(len(b.ext)-1)
}

var errTooMany = graph.Errorf(graph.KindInvalid, "too many nodes or relationships for the memory store")

// nodeRecOf checks and converts the i-th node of a load.
func nodeRecOf(i int, n *graph.Node) (nodeRec, error) {
	if err := graph.CheckNode(*n); err != nil {
		return nodeRec{}, graph.ItemError("nodes", i, err)
	}
	id, err := parseID(n.ID)
	if err != nil {
		return nodeRec{}, graph.ItemError("nodes", i, graph.InvalidParam("id", "node %q: id %q is not a canonical UUID", n.Key, n.ID))
	}
	labels := slices.Clone(n.Labels)
	slices.Sort(labels)
	labels = slices.Compact(labels)
	props, err := normProps(n.Properties)
	if err != nil {
		return nodeRec{}, graph.Errorf(graph.KindInvalid, "node %q: %v", n.Key, err)
	}
	return nodeRec{id: id, key: n.Key, labels: labels, props: props}, nil
}

// typeOf returns the index of r's type in types, adding it (after
// checking r) when it is new.
func typeOf(types *[]string, typeIdx map[string]uint16, i int, r *graph.Relationship) (uint16, error) {
	if t, ok := typeIdx[r.Type]; ok {
		return t, nil
	}
	if err := graph.CheckRelationship(*r); err != nil {
		return 0, graph.ItemError("relationships", i, err)
	}
	if len(*types) == math.MaxUint16 {
		return 0, graph.Errorf(graph.KindInvalid, "too many distinct relationship types")
	}
	t := uint16(len(*types))
	typeIdx[r.Type] = t
	*types = append(*types, r.Type)
	return t, nil
}

// relRecOf checks the i-th relationship of a load and returns its
// properties and its id, start and end.
func relRecOf(i int, r *graph.Relationship) ([]kv, [3][16]byte, error) {
	var ids [3][16]byte
	if err := graph.CheckRelationship(*r); err != nil {
		return nil, ids, graph.ItemError("relationships", i, err)
	}
	var err1, err2, err3 error
	ids[0], err1 = parseID(r.ID)
	ids[1], err2 = parseID(r.Start)
	ids[2], err3 = parseID(r.End)
	if err := firstErr(err1, err2, err3); err != nil {
		return nil, ids, graph.ItemError("relationships", i, graph.InvalidParam("id", "relationship %s: an id is not a canonical UUID", r.ID))
	}
	if len(r.Properties) == 0 {
		return nil, ids, nil
	}
	props, err := normProps(r.Properties)
	if err != nil {
		return nil, ids, graph.Errorf(graph.KindInvalid, "relationship %s: %v", r.ID, err)
	}
	return props, ids, nil
}

// recBuilder gathers the records of a streamed load, one item at a time.
// Nodes come first in an export: at the first relationship they are
// sorted, and from then on endpoints are resolved to node indexes as
// they arrive. Relationships are kept in chunked columns, which grow
// without copying.
type recBuilder struct {
	nodes   []nodeRec
	keys    textBlocks
	sets    labelSets
	sorted  int // nodes[:sorted] are sorted by id and indexed by x
	x       idIndex
	typeIdx map[string]uint16
	types   []string
	props   [][]kv
	ext     [][16]byte
	ids     column[[16]byte]
	start   column[uint32]
	end     column[uint32]
	typ     column[uint16]
	prop    column[int32]
}

func (b *recBuilder) node(i int, n *graph.Node) error {
	rec, err := nodeRecOf(i, n)
	if err != nil {
		return err
	}
	// A key read from a document shares an allocation with the ids
	// around it, which it would keep alive to the end of the load.
	rec.key = b.keys.keep(rec.key)
	rec.labels = b.sets.keep(rec.labels)
	b.nodes = append(b.nodes, rec)
	return nil
}

// textBlocks copies short strings into shared blocks: one allocation for
// many, holding nothing else.
type textBlocks struct {
	sb strings.Builder
}

const textBlock = 64 << 10

func (t *textBlocks) keep(s string) string {
	if len(s) > textBlock/8 {
		return strings.Clone(s)
	}
	// A block is never written past its capacity, so the strings handed
	// out stay where they are.
	if t.sb.Cap()-t.sb.Len() < len(s) {
		t.sb = strings.Builder{}
		t.sb.Grow(textBlock)
	}
	at := t.sb.Len()
	t.sb.WriteString(s)
	return t.sb.String()[at:]
}

// labelSets shares one slice among the nodes with the same labels: a
// graph has a handful of label sets and a great many nodes.
type labelSets struct {
	m   map[string][]string
	buf []byte
}

// maxLabelSets bounds the table, for graphs whose label sets are many.
const maxLabelSets = 4096

func (l *labelSets) keep(labels []string) []string {
	l.buf = l.buf[:0]
	for _, s := range labels {
		l.buf = append(l.buf, s...)
		l.buf = append(l.buf, 0)
	}
	if set, ok := l.m[string(l.buf)]; ok {
		return set
	}
	if l.m == nil {
		l.m = map[string][]string{}
	}
	if len(l.m) < maxLabelSets {
		l.m[string(l.buf)] = labels
	}
	return labels
}

func (b *recBuilder) rel(i int, r *graph.Relationship) error {
	if b.typeIdx == nil {
		b.typeIdx = map[string]uint16{}
		// The nodes, all of them in an export, are sorted once, and
		// kept at their exact length: they stay to the end of the load.
		sortNodes(b.nodes)
		b.nodes = append(make([]nodeRec, 0, len(b.nodes)), b.nodes...)
		b.sorted = len(b.nodes)
		b.x = recIndex(b.nodes)
	}
	t, err := typeOf(&b.types, b.typeIdx, i, r)
	if err != nil {
		return err
	}
	props, ids, err := relRecOf(i, r)
	if err != nil {
		return err
	}
	prop := int32(-1)
	if len(props) > 0 {
		prop = int32(len(b.props))
		b.props = append(b.props, props)
	}
	b.ids.add(ids[0])
	b.start.add(b.ref(ids[1]))
	b.end.add(b.ref(ids[2]))
	b.typ.add(t)
	b.prop.add(prop)
	return nil
}

// ref returns the endpoint ref of id: the index of a sorted node, or an
// ext ref for an endpoint that is not among them (yet).
func (b *recBuilder) ref(id [16]byte) uint32 {
	if j, ok := b.x.findRec(b.nodes[:b.sorted], id); ok {
		return j
	}
	b.ext = append(b.ext, id)
	return extRef + uint32(len(b.ext)-1)
}

// finish returns the records in id order, as build needs them, and
// rejects ids that appear twice.
func (b *recBuilder) finish() ([]nodeRec, relBatch, error) {
	nodes := b.nodes
	rels := relBatch{types: b.types, props: b.props, ext: b.ext}
	rels.ids, rels.start, rels.end, rels.typ, rels.prop = b.ids.flat(), b.start.flat(), b.end.flat(), b.typ.flat(), b.prop.flat()
	*b = recBuilder{}
	if len(nodes) >= extRef || len(rels.ext) >= extRef {
		return nil, relBatch{}, errTooMany
	}
	// Nodes that came after relationships (not in our exports) move the
	// sorted ones: their refs follow.
	if perm := sortNodes(nodes); perm != nil && len(rels.ids) > 0 {
		at := make([]uint32, len(nodes))
		for j, i := range perm {
			at[i] = uint32(j)
		}
		for _, col := range [][]uint32{rels.start, rels.end} {
			for k, r := range col {
				if r < extRef {
					col[k] = at[r]
				}
			}
		}
	}
	if err := checkNodes(nodes); err != nil {
		return nil, relBatch{}, err
	}
	return nodes, rels, sortRels(&rels)
}

// column is a column of a streamed load, kept in chunks: it grows
// without being copied (appending to one slice would hold it twice each
// time it grew), and flat returns it at its exact length.
type column[T any] struct {
	chunks [][]T
	n      int
}

// maxChunk is the most items a chunk holds; the first ones are smaller,
// for small loads.
const maxChunk = 1 << 14

func (c *column[T]) add(v T) {
	if k := len(c.chunks); k == 0 || len(c.chunks[k-1]) == cap(c.chunks[k-1]) {
		size := maxChunk
		if k < 8 {
			size = 64 << k
		}
		c.chunks = append(c.chunks, make([]T, 0, size))
	}
	last := &c.chunks[len(c.chunks)-1]
	*last = append(*last, v)
	c.n++
}

// flat returns the column in one slice, letting each chunk go once it is
// copied.
func (c *column[T]) flat() []T {
	out := make([]T, c.n)
	at := 0
	for k, ch := range c.chunks {
		at += copy(out[at:], ch)
		c.chunks[k] = nil
	}
	*c = column[T]{}
	return out
}

// sortNodes puts nodes in id order and returns the permutation it
// applied (nodes[j] is the old nodes[perm[j]]), or nil if they were in
// order already.
func sortNodes(nodes []nodeRec) []uint32 {
	if slices.IsSortedFunc(nodes, func(a, b nodeRec) int { return cmpID(a.id, b.id) }) {
		return nil
	}
	perm := idOrder(len(nodes), func(i int) *[16]byte { return &nodes[i].id })
	permute(nodes, slices.Clone(perm))
	return perm
}

// checkNodes rejects a node id that appears twice among nodes sorted by id.
func checkNodes(nodes []nodeRec) error {
	for i := 1; i < len(nodes); i++ {
		if nodes[i].id == nodes[i-1].id {
			return graph.Errorf(graph.KindInvalid, "node %s appears twice in the loaded graph", uuidString(nodes[i].id))
		}
	}
	return nil
}

// sortRels puts relationships in id order (exports have them so already)
// and rejects an id that appears twice.
func sortRels(b *relBatch) error {
	if !slices.IsSortedFunc(b.ids, cmpID) {
		var id [16]byte
		var st, en uint32
		var ty uint16
		var pr int32
		permuteBy(idOrder(b.len(), func(i int) *[16]byte { return &b.ids[i] }),
			func(j int) { id, st, en, ty, pr = b.ids[j], b.start[j], b.end[j], b.typ[j], b.prop[j] },
			func(dst, src int) {
				b.ids[dst], b.start[dst], b.end[dst], b.typ[dst], b.prop[dst] = b.ids[src], b.start[src], b.end[src], b.typ[src], b.prop[src]
			},
			func(dst int) { b.ids[dst], b.start[dst], b.end[dst], b.typ[dst], b.prop[dst] = id, st, en, ty, pr })
	}
	for i := 1; i < b.len(); i++ {
		if b.ids[i] == b.ids[i-1] {
			return graph.Errorf(graph.KindInvalid, "relationship %s appears twice in the loaded graph", uuidString(b.ids[i]))
		}
	}
	return nil
}

// recIndex indexes nodes sorted by id for find.
func recIndex(nodes []nodeRec) idIndex {
	return idIndexOf(len(nodes), func(i int) *[16]byte { return &nodes[i].id })
}

// permute puts a in the order perm gives (a[j] becomes the old
// a[perm[j]]) in place; perm is used up.
func permute[T any](a []T, perm []uint32) {
	var tmp T
	permuteBy(perm, func(j int) { tmp = a[j] }, func(dst, src int) { a[dst] = a[src] }, func(dst int) { a[dst] = tmp })
}

// permuteBy puts items in the order perm gives (item j becomes the old
// item perm[j]) in place, following its cycles, so that a load needs no
// second copy of its records: save sets item j aside, move copies item
// src over item dst, and restore puts the item set aside at dst. perm is
// used up.
func permuteBy(perm []uint32, save func(j int), move func(dst, src int), restore func(dst int)) {
	for j := range perm {
		if perm[j] == uint32(j) {
			continue
		}
		save(j)
		k := j
		for {
			next := int(perm[k])
			perm[k] = uint32(k)
			if next == j {
				restore(k)
				break
			}
			move(k, next)
			k = next
		}
	}
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
