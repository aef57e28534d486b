package memstore

import (
	"bytes"
	"context"
	"math"
	"slices"
	"sync"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/google/uuid"
)

// nodeRec and relBatch are the validated, normalised input of a build:
// what a Load turns its graph into, and what an old snapshot is unpacked
// into when a Load merges into it.
type nodeRec struct {
	id     [16]byte
	key    string
	labels []string // sorted, unique
	props  []kv     // sorted by key, no nil values
}

// relBatch holds the relationships of a build column by column. The
// columns hold no pointers, so that millions of relationships cost the
// garbage collector nothing to scan; the id, endpoint and type columns
// become the snapshot's own arrays, so a load does not hold them twice
// (build takes the batch over).
type relBatch struct {
	ids        [][16]byte
	start, end []uint32 // endpoint refs, see extRef
	typ        []uint16 // index into types
	prop       []int32  // index into props, or -1
	types      []string
	props      [][]kv
	// ext holds the ids of endpoints that are not among the nodes of the
	// build as far as the batch knows: nodes already in the store, or
	// nowhere (which build reports).
	ext [][16]byte
}

// extRef splits an endpoint ref: below it, the index of a node among the
// nodes of the build; from it up, extRef plus an index into relBatch.ext.
// Resolving endpoints to indexes as relationships arrive keeps a
// relationship at 30 bytes instead of three 16-byte ids and the rest.
const extRef = 1 << 31

func (b *relBatch) len() int { return len(b.ids) }

func (b *relBatch) propsOf(i int) []kv {
	if b.prop[i] < 0 {
		return nil
	}
	return b.props[b.prop[i]]
}

type kv struct {
	k string
	v any
}

func uuidString(b [16]byte) string { return uuid.UUID(b).String() }

func float64frombits(b uint64) float64 { return math.Float64frombits(b) }

func cmpID(a, b [16]byte) int { return bytes.Compare(a[:], b[:]) }

// build makes a snapshot from records sorted by id with unique ids. It
// fails, without side effects, on duplicate keys and on relationships whose
// endpoints are not among the nodes.
func build(nodes []nodeRec, batch relBatch) (*snapshot, error) {
	n, m := len(nodes), batch.len()
	if uint64(n) >= math.MaxUint32 || uint64(m) >= math.MaxUint32 {
		return nil, graph.Errorf(graph.KindInvalid, "too many nodes or relationships for the memory store")
	}
	s := &snapshot{keyIDs: map[string]uint16{}}

	// Interned vocabularies.
	labelSet := map[string]bool{}
	typeSet := map[string]bool{}
	for i := range nodes {
		for _, l := range nodes[i].labels {
			labelSet[l] = true
		}
	}
	used := make([]bool, len(batch.types))
	for _, t := range batch.typ {
		used[t] = true
	}
	for t, u := range used {
		if u {
			typeSet[batch.types[t]] = true
		}
	}
	s.labels = sortedKeys(labelSet)
	s.types = sortedKeys(typeSet)
	if len(s.labels) > math.MaxUint16 || len(s.types) > math.MaxUint16 {
		return nil, graph.Errorf(graph.KindInvalid, "too many distinct labels or relationship types")
	}
	typeOf := make([]uint16, len(batch.types))
	for t, name := range batch.types {
		id, _ := s.typeID(name)
		typeOf[t] = id
	}
	keyID := func(k string) (uint16, error) {
		if id, ok := s.keyIDs[k]; ok {
			return id, nil
		}
		if len(s.propKeys) >= math.MaxUint16 {
			return 0, graph.Errorf(graph.KindInvalid, "too many distinct property names")
		}
		id := uint16(len(s.propKeys))
		s.keyIDs[k] = id
		s.propKeys = append(s.propKeys, k)
		return id, nil
	}

	// The string arena: all keys, then all names, then other strings.
	// One sequential pass notes who has aliases, which saves the name-order
	// pass below from visiting every node's properties.
	size, aliases := 0, 0
	hasAliases := make([]bool, n)
	for i := range nodes {
		size += len(nodes[i].key) + len(nameOf(&nodes[i]))
		a := len(aliasesOf(&nodes[i]))
		hasAliases[i] = a > 0
		aliases += a
	}
	s.strs = make([]byte, 0, size)
	s.nodeIDs = make([][16]byte, n)
	s.keyOff = make([]uint32, n+1)
	s.names = make([]uint32, n+1)
	for i := range nodes {
		s.nodeIDs[i] = nodes[i].id
		s.keyOff[i] = uint32(len(s.strs))
		s.strs = append(s.strs, nodes[i].key...)
	}
	s.keyOff[n] = uint32(len(s.strs))
	for i := range nodes {
		s.names[i] = uint32(len(s.strs))
		s.strs = append(s.strs, nameOf(&nodes[i])...)
	}
	s.names[n] = uint32(len(s.strs))

	// Labels.
	setIDs := map[string]uint32{}
	s.nodeLabels = make([]uint32, n)
	labelCount := make([]int, len(s.labels))
	var buf []byte
	var setNames [][]string // by set id, while there are few sets
	for i := range nodes {
		// Graphs have a handful of label sets: a linear search finds one
		// faster than hashing, until there are many.
		id, ok := uint32(0), false
		if len(setNames) <= 16 {
			for j, names := range setNames {
				if slices.Equal(names, nodes[i].labels) {
					id, ok = uint32(j), true
					break
				}
			}
		}
		buf = buf[:0]
		if !ok {
			for _, l := range nodes[i].labels {
				buf = append(buf, l...)
				buf = append(buf, 0)
			}
			id, ok = setIDs[string(buf)]
		}
		if !ok {
			setNames = append(setNames, nodes[i].labels)
			set := make([]uint16, len(nodes[i].labels))
			for j, l := range nodes[i].labels {
				lid, _ := s.labelID(l)
				set[j] = lid
			}
			id = uint32(len(s.labelSets))
			setIDs[string(buf)] = id
			s.labelSets = append(s.labelSets, set)
		}
		s.nodeLabels[i] = id
		for _, l := range s.labelSets[id] {
			labelCount[l]++
		}
	}
	s.labelSetNames = make([][]string, len(s.labelSets))
	for id, set := range s.labelSets {
		names := make([]string, len(set))
		for j, l := range set {
			names[j] = s.labels[l]
		}
		s.labelSetNames[id] = names
	}
	s.labelNodes = make([][]uint32, len(s.labels))
	for l, c := range labelCount {
		s.labelNodes[l] = make([]uint32, 0, c)
	}
	for i := range nodes {
		for _, l := range s.labelSets[s.nodeLabels[i]] {
			s.labelNodes[l] = append(s.labelNodes[l], uint32(i))
		}
	}

	// Node properties.
	np := 0
	for i := range nodes {
		np += len(nodes[i].props)
	}
	s.nodeProps = make([]pvalue, 0, np)
	s.nodePropOf = make([]uint32, n+1)
	for i := range nodes {
		s.nodePropOf[i] = uint32(len(s.nodeProps))
		for _, p := range nodes[i].props {
			k, err := keyID(p.k)
			if err != nil {
				return nil, err
			}
			if str, ok := p.v.(string); ok && p.k == graph.PropName && str == string(s.nameBytes(uint32(i))) {
				// The name is already in the arena.
				s.nodeProps = append(s.nodeProps, pvalue{key: k, kind: kindString, a: s.names[i], b: uint32(len(str))})
				continue
			}
			s.nodeProps = append(s.nodeProps, s.encode(k, p.v, nil))
		}
	}
	s.nodePropOf[n] = uint32(len(s.nodeProps))

	// Orders by key and by name.
	// The sorts are the slowest part of building nodes; run them side by
	// side.
	var wg sync.WaitGroup
	defer wg.Wait()
	s.byKey = iota32(n)
	s.byName = iota32(n)
	wg.Go(func() { sortByText(s.byKey, s.keyBytes, s.compareKeys) })
	wg.Go(func() { sortByText(s.byName, s.nameBytes, s.cmpName) })
	wg.Wait()
	for i := 1; i < n; i++ {
		if s.compareKeys(s.byKey[i-1], s.byKey[i]) == 0 {
			return nil, graph.Errorf(graph.KindInvalid, "key %q is used by two nodes", s.key(s.byKey[i]))
		}
	}
	s.nameRank = make([]uint32, n)
	for r, i := range s.byName {
		s.nameRank[i] = uint32(r)
	}

	// The search index: lowered names and aliases, written in name order
	// so that a substring scan meets matches in result order. Each node's
	// text ends with NUL, which no query contains, so no match spans two
	// names.
	s.lowOff = make([]uint32, n+1)
	s.low = make([]byte, 0, size+n)
	s.search = make([]sEntry, 0, n+aliases) // grown by append, it was held twice at the peak of a load
	for r, i := range s.byName {
		s.lowOff[r] = uint32(len(s.low))
		off := len(s.low)
		s.low = graph.AppendSearchText(s.low, s.name(i))
		s.search = append(s.search, sEntry{off: uint32(off), ln: uint32(len(s.low) - off), node: i})
		if !hasAliases[i] {
			s.low = append(s.low, 0)
			continue
		}
		for _, a := range aliasesOf(&nodes[i]) {
			s.low = append(s.low, 0)
			off := len(s.low)
			s.low = graph.AppendSearchText(s.low, a)
			s.search = append(s.search, sEntry{off: uint32(off), ln: uint32(len(s.low) - off), node: i})
		}
		s.low = append(s.low, 0)
	}
	s.lowOff[n] = uint32(len(s.low))
	s.sig = make([]uint64, n)
	for r := range n {
		s.sig[r] = signature(s.low[s.lowOff[r]:s.lowOff[r+1]])
	}
	s.search = slices.Clip(s.search)
	s.low = slices.Clip(s.low)
	// The search sort reads only low and search, so it runs beside the
	// relationships, which write strs.
	wg.Go(func() {
		order := iota32(len(s.search))
		text := func(j uint32) []byte { e := s.search[j]; return s.low[e.off : e.off+e.ln] }
		sortByText(order, text, func(a, b uint32) int {
			if c := bytes.Compare(text(a), text(b)); c != 0 {
				return c
			}
			return int(s.search[a].node) - int(s.search[b].node)
		})
		sorted := make([]sEntry, len(order))
		for j, k := range order {
			sorted[j] = s.search[k]
		}
		s.search = sorted
	})

	// Relationships. The batch's columns of ids, endpoints and types
	// become the snapshot's, endpoints resolved and types renumbered in
	// place: the batch is build's alone.
	s.nodeIdx = newIDIndex(s.nodeIDs)
	s.relIDs = batch.ids
	s.relType = batch.typ
	for i, t := range s.relType {
		s.relType[i] = typeOf[t]
	}
	s.typeCount = make([]int, len(s.types))
	withProps, rp := 0, 0
	for i := range m {
		if ps := batch.propsOf(i); len(ps) > 0 {
			withProps++
			rp += len(ps)
		}
	}
	s.relPropAt = make([]uint32, 0, withProps)
	s.relPropOf = make([]uint32, 0, withProps+1)
	s.relProps = make([]pvalue, 0, rp)
	dedup := map[string]uint32{}
	// Endpoint lookups are most of the work here and independent. A
	// relationship with a missing endpoint keeps its refs, for the error.
	missing := make([]int, 0, 2)
	var mu sync.Mutex
	_ = parallel(context.Background(), m, func(i int) error {
		st, ok1 := s.endpoint(&batch, batch.start[i])
		en, ok2 := s.endpoint(&batch, batch.end[i])
		if !ok1 || !ok2 {
			mu.Lock()
			missing = append(missing, i)
			mu.Unlock()
			return nil
		}
		batch.start[i], batch.end[i] = st, en
		return nil
	})
	if len(missing) > 0 {
		i := slices.Min(missing)
		ref := batch.start[i]
		if _, ok := s.endpoint(&batch, ref); ok {
			ref = batch.end[i]
		}
		return nil, graph.Errorf(graph.KindInvalid, "relationship %s (%s): node %s is neither in the store nor in the loaded graph", uuidString(batch.ids[i]), s.types[s.relType[i]], uuidString(batch.ext[ref-extRef]))
	}
	s.relStart, s.relEnd = batch.start, batch.end
	for i := range m {
		s.typeCount[s.relType[i]]++
		if s.relStart[i] == s.relEnd[i] {
			s.loops = append(s.loops, s.relStart[i])
		}
		ps := batch.propsOf(i)
		if len(ps) == 0 {
			continue
		}
		s.relPropAt = append(s.relPropAt, uint32(i))
		s.relPropOf = append(s.relPropOf, uint32(len(s.relProps)))
		for _, p := range ps {
			k, err := keyID(p.k)
			if err != nil {
				return nil, err
			}
			s.relProps = append(s.relProps, s.encode(k, p.v, dedup))
		}
	}
	s.relPropOf = append(s.relPropOf, uint32(len(s.relProps)))
	if uint64(len(s.strs)) >= math.MaxUint32 || uint64(cap(s.low)) >= math.MaxUint32 {
		return nil, graph.Errorf(graph.KindInvalid, "too much text for the memory store")
	}
	s.strs = slices.Clip(s.strs)

	s.relIdx = newIDIndex(s.relIDs)

	// Adjacency.
	slices.Sort(s.loops)
	wg.Go(func() { s.outOff, s.outRel = csr(n, s.relStart) })
	wg.Go(func() { s.inOff, s.inRel = csr(n, s.relEnd) })
	wg.Wait()
	return s, nil
}

// csr counts the relationships at each of n nodes, turns the counts into
// offsets and fills the rows in relationship order, so each row is sorted
// by relationship index (that is, by id).
func csr(n int, at []uint32) (off, rows []uint32) {
	deg := make([]uint32, n)
	for _, i := range at {
		deg[i]++
	}
	off = make([]uint32, n+1)
	var sum uint32
	for i := 0; i < n; i++ {
		off[i] = sum
		sum += deg[i]
	}
	off[n] = sum
	rows = make([]uint32, len(at))
	next := deg // reuse as a cursor
	copy(next, off[:n])
	for r, i := range at {
		rows[next[i]] = uint32(r)
		next[i]++
	}
	return off, rows
}

// endpoint resolves an endpoint ref of batch to a node of s.
func (s *snapshot) endpoint(batch *relBatch, ref uint32) (uint32, bool) {
	if ref < extRef {
		return ref, true
	}
	return s.findNode(batch.ext[ref-extRef])
}

func (s *snapshot) encode(k uint16, v any, dedup map[string]uint32) pvalue {
	switch x := v.(type) {
	case string:
		if dedup != nil {
			if off, ok := dedup[x]; ok {
				return pvalue{key: k, kind: kindString, a: off, b: uint32(len(x))}
			}
			dedup[x] = uint32(len(s.strs))
		}
		off := uint32(len(s.strs))
		s.strs = append(s.strs, x...)
		return pvalue{key: k, kind: kindString, a: off, b: uint32(len(x))}
	case int64:
		return pvalue{key: k, kind: kindInt, a: uint32(uint64(x) >> 32), b: uint32(uint64(x))}
	case float64:
		b := math.Float64bits(x)
		return pvalue{key: k, kind: kindFloat, a: uint32(b >> 32), b: uint32(b)}
	case bool:
		var a uint32
		if x {
			a = 1
		}
		return pvalue{key: k, kind: kindBool, a: a}
	default: // []any, normalised by the caller
		s.lists = append(s.lists, slices.Clone(x.([]any)))
		return pvalue{key: k, kind: kindList, a: uint32(len(s.lists) - 1)}
	}
}

// nameOf is graph.Node.Name for a record.
func nameOf(n *nodeRec) string {
	for _, p := range n.props {
		if p.k == graph.PropName {
			if s, ok := p.v.(string); ok && s != "" {
				return s
			}
		}
	}
	return n.key
}

// aliasesOf returns the aliases property as strings; a single string counts
// as one alias.
func aliasesOf(n *nodeRec) []string {
	for _, p := range n.props {
		if p.k != graph.PropAliases {
			continue
		}
		switch x := p.v.(type) {
		case string:
			return []string{x}
		case []any:
			var out []string
			for _, e := range x {
				if s, ok := e.(string); ok && s != "" {
					out = append(out, s)
				}
			}
			return out
		}
	}
	return nil
}

// signature sets one of 64 bits for each pair of adjacent bytes of text
// (pairs spanning a NUL excepted). A text can contain a query only if its
// signature has every bit of the query's: the substring scan reads 8
// bytes per node and looks at the text of few. (32 bits would save 4
// bytes per node but, a third of them set, let through ten times more
// texts for short queries.)
func signature(text []byte) uint64 {
	var sig uint64
	for i := 1; i < len(text); i++ {
		a, b := text[i-1], text[i]
		if a == 0 || b == 0 {
			continue
		}
		h := (uint64(a)<<8 | uint64(b)) * 0x9e3779b97f4a7c15
		sig |= 1 << (h >> 58)
	}
	return sig
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func iota32(n int) []uint32 {
	out := make([]uint32, n)
	for i := range out {
		out[i] = uint32(i)
	}
	return out
}

// unpack turns a snapshot back into records, for a Load that merges into
// it.
func (s *snapshot) unpack() ([]nodeRec, relBatch) {
	nodes := make([]nodeRec, s.nodeCount())
	for i := range nodes {
		ps := s.nodeProps[s.nodePropOf[i]:s.nodePropOf[i+1]]
		nodes[i] = nodeRec{id: s.nodeIDs[i], key: s.key(uint32(i)), labels: s.labelsOf(uint32(i)), props: s.kvs(ps)}
	}
	// Endpoints are node indexes of s, which the caller maps to the
	// merged nodes.
	m := s.relCount()
	b := relBatch{
		ids: slices.Clone(s.relIDs), start: slices.Clone(s.relStart), end: slices.Clone(s.relEnd),
		typ: slices.Clone(s.relType), prop: make([]int32, m), types: slices.Clone(s.types),
	}
	for i := range m {
		b.prop[i] = -1
		if ps := s.relPropSlice(uint32(i)); len(ps) > 0 {
			b.prop[i] = int32(len(b.props))
			b.props = append(b.props, s.kvs(ps))
		}
	}
	return nodes, b
}

func (s *snapshot) kvs(ps []pvalue) []kv {
	if len(ps) == 0 {
		return nil
	}
	out := make([]kv, len(ps))
	for i, p := range ps {
		out[i] = kv{s.propKeys[p.key], s.value(p)}
	}
	return out
}
