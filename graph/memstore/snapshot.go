package memstore

import (
	"bytes"
	"slices"
	"strings"
	"sync"
	"unsafe"

	"github.com/actorgraph/actorgraph/graph"
)

// snapshot is one immutable version of the graph. Every query reads one
// snapshot from start to end, so a concurrent Load never shows it half a
// graph. Nodes are numbered 0..n-1 in id order and relationships 0..m-1 in
// id order, so ids are found by binary search without a hash map, and
// everything else is a flat array indexed by those numbers.
type snapshot struct {
	// Nodes.
	nodeIDs    [][16]byte // sorted
	keyOff     []uint32   // n+1 offsets into strs: the key of node i
	byKey      []uint32   // node indexes sorted by key
	nodeLabels []uint32   // index into labelSets
	labelSets  [][]uint16 // label ids, sorted by label name
	// labelSetNames holds each label set's names, shared by every node
	// of the set: read-only (see sharedLabels).
	labelSetNames [][]string
	nodePropOf    []uint32 // n+1 offsets into nodeProps
	nodeProps     []pvalue
	names         []uint32 // n+1 offsets into strs: Node.Name() of node i
	byName        []uint32 // node indexes sorted by (name, key)
	nameRank      []uint32 // inverse of byName
	lowOff        []uint32 // n+1 offsets into low by name rank: "name\x00alias\x00" lowered
	low           []byte
	sig           []uint64 // by name rank: a bit for each hashed letter pair of the text
	search        []sEntry // every lowered name and alias, sorted by text
	labelNodes    [][]uint32

	// Relationships.
	relIDs    [][16]byte // sorted
	relStart  []uint32
	relEnd    []uint32
	relType   []uint16
	relPropAt []uint32 // sorted indexes of relationships that have properties
	relPropOf []uint32 // len(relPropAt)+1 offsets into relProps
	relProps  []pvalue

	// Adjacency, compressed sparse rows: the relationships leaving node i
	// are outRel[outOff[i]:outOff[i+1]], those entering it likewise.
	outOff, inOff []uint32
	outRel, inRel []uint32
	// loops holds the node of every self-loop, sorted: a node's degree in
	// both directions counts a self-loop once.
	loops []uint32

	// Interned strings.
	labels    []string // by label id, sorted
	types     []string // by type id, sorted
	propKeys  []string // by key id
	strs      []byte   // string arena
	lists     [][]any  // list property values
	typeCount []int
	keyIDs    map[string]uint16

	nodeIdx, relIdx idIndex

	scratch sync.Pool // *scratch sized for this snapshot
}

// pvalue is one property, packed: strings live in the arena, numbers in
// a and b. Twelve bytes instead of a map entry and an interface.
type pvalue struct {
	key  uint16
	kind uint8
	a, b uint32
}

const (
	kindString uint8 = iota
	kindInt
	kindFloat
	kindBool
	kindList
)

type sEntry struct {
	off, ln uint32 // into low
	node    uint32
}

func (s *snapshot) nodeCount() int { return len(s.nodeIDs) }
func (s *snapshot) relCount() int  { return len(s.relIDs) }

// str returns a string of the arena without copying it. The arena is
// never written after build, and Go strings cannot be written through, so
// sharing its bytes with callers is safe; it saves a copy of every key,
// name and string property returned.
func (s *snapshot) str(off, ln uint32) string {
	if ln == 0 {
		return ""
	}
	return unsafe.String(&s.strs[off], int(ln))
}

func (s *snapshot) key(i uint32) string {
	return s.str(s.keyOff[i], s.keyOff[i+1]-s.keyOff[i])
}

func (s *snapshot) keyBytes(i uint32) []byte { return s.strs[s.keyOff[i]:s.keyOff[i+1]] }

func (s *snapshot) name(i uint32) string {
	return s.str(s.names[i], s.names[i+1]-s.names[i])
}

func (s *snapshot) nameBytes(i uint32) []byte { return s.strs[s.names[i]:s.names[i+1]] }

func (s *snapshot) value(p pvalue) any {
	switch p.kind {
	case kindString:
		return s.str(p.a, p.b)
	case kindInt:
		return int64(uint64(p.a)<<32 | uint64(p.b))
	case kindFloat:
		return float64frombits(uint64(p.a)<<32 | uint64(p.b))
	case kindBool:
		return p.a != 0
	default:
		return slices.Clone(s.lists[p.a])
	}
}

func (s *snapshot) props(ps []pvalue) map[string]any {
	m := make(map[string]any, len(ps))
	for _, p := range ps {
		m[s.propKeys[p.key]] = s.value(p)
	}
	return m
}

// findNode returns the index of the node with this id.
func (s *snapshot) findNode(id [16]byte) (uint32, bool) {
	return s.nodeIdx.find(s.nodeIDs, id)
}

func (s *snapshot) findRel(id [16]byte) (uint32, bool) {
	return s.relIdx.find(s.relIDs, id)
}

func (s *snapshot) findKey(key string) (uint32, bool) {
	i, ok := slices.BinarySearchFunc(s.byKey, key, func(n uint32, k string) int {
		return strings.Compare(string(s.keyBytes(n)), k)
	})
	if !ok {
		return 0, false
	}
	return s.byKey[i], true
}

func (s *snapshot) nodeProp(i uint32, key string) (any, bool) {
	k, ok := s.keyIDs[key]
	if !ok {
		return nil, false
	}
	for _, p := range s.nodeProps[s.nodePropOf[i]:s.nodePropOf[i+1]] {
		if p.key == k {
			return s.value(p), true
		}
	}
	return nil, false
}

func (s *snapshot) relPropSlice(r uint32) []pvalue {
	j, ok := slices.BinarySearch(s.relPropAt, r)
	if !ok {
		return nil
	}
	return s.relProps[s.relPropOf[j]:s.relPropOf[j+1]]
}

func (s *snapshot) relProp(r uint32, key string) (any, bool) {
	k, ok := s.keyIDs[key]
	if !ok {
		return nil, false
	}
	for _, p := range s.relPropSlice(r) {
		if p.key == k {
			return s.value(p), true
		}
	}
	return nil, false
}

func (s *snapshot) labelsOf(i uint32) []string {
	set := s.labelSets[s.nodeLabels[i]]
	out := make([]string, len(set))
	for j, l := range set {
		out[j] = s.labels[l]
	}
	return out
}

// sharedLabels returns the labels of node i without copying them: the
// caller must not modify the slice (the Cypher engine's contract).
func (s *snapshot) sharedLabels(i uint32) []string {
	if s.labelSetNames == nil {
		return s.labelsOf(i)
	}
	return s.labelSetNames[s.nodeLabels[i]]
}

func (s *snapshot) hasLabels(i uint32, want []uint16) bool {
	set := s.labelSets[s.nodeLabels[i]]
	for _, w := range want {
		if !slices.Contains(set, w) {
			return false
		}
	}
	return true
}

func (s *snapshot) node(i uint32) graph.Node { return s.newMaker(1, 0).node(i) }

func (s *snapshot) rel(r uint32) graph.Relationship { return s.newMaker(2, 1).rel(r) }

func (s *snapshot) labelID(name string) (uint16, bool) {
	i, ok := slices.BinarySearch(s.labels, name)
	return uint16(i), ok
}

func (s *snapshot) typeID(name string) (uint16, bool) {
	i, ok := slices.BinarySearch(s.types, name)
	return uint16(i), ok
}

// heldOn applies graph.HeldOn to relationship r.
func (s *snapshot) heldOn(r uint32, asOf string) bool {
	ps := s.relPropSlice(r)
	if len(ps) == 0 {
		return true
	}
	var since, until string
	for _, p := range ps {
		if p.kind != kindString {
			continue
		}
		switch s.propKeys[p.key] {
		case graph.PropSince:
			since = s.str(p.a, p.b)
		case graph.PropUntil:
			until = s.str(p.a, p.b)
		}
	}
	if since == "" && until == "" {
		return true
	}
	return graph.HeldOn(since, until, asOf)
}

// compareKeys orders node indexes by key.
func (s *snapshot) compareKeys(a, b uint32) int {
	return bytes.Compare(s.keyBytes(a), s.keyBytes(b))
}

// cmpName orders nodes by (name, key).
func (s *snapshot) cmpName(a, b uint32) int {
	if c := bytes.Compare(s.nameBytes(a), s.nameBytes(b)); c != 0 {
		return c
	}
	return s.compareKeys(a, b)
}
