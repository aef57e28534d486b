// Package memstore is the embedded, in-process graph store: pure Go, no
// setup, safe for many concurrent readers. It keeps the graph in flat
// arrays (compressed sparse rows for adjacency, interned labels, types and
// property names, a string arena) rather than maps of maps, so that a
// million nodes and five million relationships fit in a few hundred
// megabytes and a neighbourhood is a few array walks.
//
// The graph lives in an immutable snapshot behind an atomic pointer. Load
// builds a new snapshot from the old one and the loaded graph and swaps it
// in, so readers never block and never see half a load.
package memstore

import (
	"context"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/actorgraph/actorgraph/graph"
)

// Store is the in-memory graph store.
type Store struct {
	limits graph.Limits
	mu     sync.Mutex // serialises loads
	snap   atomic.Pointer[snapshot]
	closed atomic.Bool
}

var _ graph.Store = (*Store)(nil)

// New returns an empty store whose queries are bounded by limits.
func New(limits graph.Limits) *Store {
	s := &Store{limits: limits}
	empty, _ := build(nil, relBatch{})
	s.snap.Store(empty)
	return s
}

// Name returns "memory".
func (s *Store) Name() string { return "memory" }

// Close marks the store closed; later calls fail with KindUnavailable.
func (s *Store) Close() error {
	s.closed.Store(true)
	return nil
}

// Ping fails only once the store is closed.
func (s *Store) Ping(ctx context.Context) error { return s.check(ctx) }

func (s *Store) check(ctx context.Context) error {
	if s.closed.Load() {
		return graph.Errorf(graph.KindUnavailable, "the memory store is closed")
	}
	return graph.ContextError(ctx.Err())
}

// read returns the current snapshot, or an error if the store is closed
// or ctx is done.
func (s *Store) read(ctx context.Context) (*snapshot, error) {
	if err := s.check(ctx); err != nil {
		return nil, err
	}
	return s.snap.Load(), nil
}

func notFound(id string) error {
	return graph.Errorf(graph.KindNotFound, "no node with id %q", id)
}

// Node returns the node with this id.
func (s *Store) Node(ctx context.Context, id string) (graph.Node, error) {
	sn, err := s.read(ctx)
	if err != nil {
		return graph.Node{}, err
	}
	i, ok := sn.lookup(id)
	if !ok {
		return graph.Node{}, notFound(id)
	}
	return sn.node(i), nil
}

// lookup finds a node by id string.
func (s *snapshot) lookup(id string) (uint32, bool) {
	b, err := parseID(id)
	if err != nil {
		return 0, false
	}
	return s.findNode(b)
}

// resolve finds a node by reference: the node with this id, else the
// node with this key (graph.Resolve's rule).
func (s *snapshot) resolve(ref string) (uint32, bool) {
	if i, ok := s.lookup(ref); ok {
		return i, true
	}
	return s.findKey(ref)
}

func notFoundRef(ref string) error {
	return graph.Errorf(graph.KindNotFound, "no node with id or key %q", ref)
}

// NodeByKey returns the node with this key.
func (s *Store) NodeByKey(ctx context.Context, key string) (graph.Node, error) {
	sn, err := s.read(ctx)
	if err != nil {
		return graph.Node{}, err
	}
	i, ok := sn.findKey(key)
	if !ok {
		return graph.Node{}, graph.Errorf(graph.KindNotFound, "no node with key %q", key)
	}
	return sn.node(i), nil
}

// Subgraph returns the given nodes, sorted by key, and every relationship
// between two of them, sorted by id.
func (s *Store) Subgraph(ctx context.Context, ids []string) (graph.Graph, error) {
	sn, err := s.read(ctx)
	if err != nil {
		return graph.Graph{}, err
	}
	if len(ids) > s.limits.MaxSubgraph {
		return graph.Graph{}, graph.InvalidParam("ids", "at most %d nodes may be asked for, got %d", s.limits.MaxSubgraph, len(ids))
	}
	set := make(map[uint32]bool, len(ids))
	idx := make([]uint32, 0, len(ids))
	for _, id := range ids {
		i, ok := sn.resolve(id)
		if !ok {
			return graph.Graph{}, notFoundRef(id)
		}
		if !set[i] {
			set[i] = true
			idx = append(idx, i)
		}
	}
	var rels []uint32
	for k, i := range idx {
		if k%1024 == 0 {
			if err := graph.ContextError(ctx.Err()); err != nil {
				return graph.Graph{}, err
			}
		}
		for _, r := range sn.outRel[sn.outOff[i]:sn.outOff[i+1]] {
			if set[sn.relEnd[r]] {
				rels = append(rels, r)
			}
		}
	}
	slices.SortFunc(idx, sn.compareKeys)
	slices.Sort(rels)
	return sn.graphOf(idx, rels), nil
}

func (s *snapshot) graphOf(nodes, rels []uint32) graph.Graph {
	g := graph.Graph{Nodes: make([]graph.Node, len(nodes)), Relationships: make([]graph.Relationship, len(rels))}
	m := s.newMaker(len(nodes), len(rels))
	for j, i := range nodes {
		g.Nodes[j] = m.node(i)
	}
	for j, r := range rels {
		g.Relationships[j] = m.rel(r)
	}
	return g
}

// Dump returns the whole graph, nodes sorted by key and relationships by
// id; KindInvalid (param "limit") if it has more than limit nodes.
func (s *Store) Dump(ctx context.Context, limit int) (graph.Graph, error) {
	sn, err := s.read(ctx)
	if err != nil {
		return graph.Graph{}, err
	}
	if sn.nodeCount() > limit {
		return graph.Graph{}, graph.InvalidParam("limit", "the graph has %d nodes, more than the limit of %d", sn.nodeCount(), limit)
	}
	g := graph.Graph{Nodes: make([]graph.Node, 0, sn.nodeCount()), Relationships: make([]graph.Relationship, 0, sn.relCount())}
	m := sn.newMaker(sn.nodeCount(), sn.relCount())
	for k, i := range sn.byKey {
		if k%4096 == 0 {
			if err := graph.ContextError(ctx.Err()); err != nil {
				return graph.Graph{}, err
			}
		}
		g.Nodes = append(g.Nodes, m.node(i))
	}
	for r := range sn.relCount() {
		if r%4096 == 0 {
			if err := graph.ContextError(ctx.Err()); err != nil {
				return graph.Graph{}, err
			}
		}
		g.Relationships = append(g.Relationships, m.rel(uint32(r)))
	}
	return g, nil
}

// Schema counts nodes per label and relationships per type.
func (s *Store) Schema(ctx context.Context) (graph.Schema, error) {
	sn, err := s.read(ctx)
	if err != nil {
		return graph.Schema{}, err
	}
	sc := graph.Schema{Labels: []graph.Count{}, RelationshipTypes: []graph.Count{}}
	for l, name := range sn.labels {
		sc.Labels = append(sc.Labels, graph.Count{Name: name, Count: len(sn.labelNodes[l])})
	}
	for t, name := range sn.types {
		sc.RelationshipTypes = append(sc.RelationshipTypes, graph.Count{Name: name, Count: sn.typeCount[t]})
	}
	return sc, nil
}
