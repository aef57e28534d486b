package memstore

import (
	"context"
	"iter"

	"github.com/actorgraph/actorgraph/graph"
)

// Snapshot is a read-only view of the store as it was when Snapshot was
// called; later loads do not change it. It exposes the store's own
// numbering (nodes 0..NodeCount()-1, relationships
// 0..RelationshipCount()-1) so that a query engine, such as a Cypher
// executor, can walk the graph without building graph.Node values it will
// throw away. Indexes are only meaningful within one Snapshot.
//
// A Snapshot is safe for concurrent use. Nothing it returns aliases
// memory a caller could change.
type Snapshot struct {
	s      *snapshot
	limits graph.Limits
}

// Snapshot returns a view of the current graph.
func (s *Store) Snapshot() *Snapshot { return &Snapshot{s: s.snap.Load(), limits: s.limits} }

// NodeCount is the number of nodes.
func (v *Snapshot) NodeCount() int { return v.s.nodeCount() }

// RelationshipCount is the number of relationships.
func (v *Snapshot) RelationshipCount() int { return v.s.relCount() }

// NodeIndex finds the node with this id.
func (v *Snapshot) NodeIndex(id string) (uint32, bool) { return v.s.lookup(id) }

// NodeIndexByKey finds the node with this key.
func (v *Snapshot) NodeIndexByKey(key string) (uint32, bool) { return v.s.findKey(key) }

// Node returns node i in full.
func (v *Snapshot) Node(i uint32) graph.Node { return v.s.node(i) }

// NodeKey returns the key of node i.
func (v *Snapshot) NodeKey(i uint32) string { return v.s.key(i) }

// NodeLabels returns the labels of node i, sorted.
func (v *Snapshot) NodeLabels(i uint32) []string { return v.s.labelsOf(i) }

// HasLabel reports whether node i carries label.
func (v *Snapshot) HasLabel(i uint32, label string) bool {
	l, ok := v.s.labelID(label)
	return ok && v.s.hasLabels(i, []uint16{l})
}

// NodeProperty returns one property of node i.
func (v *Snapshot) NodeProperty(i uint32, name string) (any, bool) { return v.s.nodeProp(i, name) }

// Nodes yields every node index in id order.
func (v *Snapshot) Nodes() iter.Seq[uint32] {
	return func(yield func(uint32) bool) {
		for i := range v.s.nodeCount() {
			if !yield(uint32(i)) {
				return
			}
		}
	}
}

// NodesByLabel yields, in increasing order, the nodes carrying label.
func (v *Snapshot) NodesByLabel(label string) iter.Seq[uint32] {
	return func(yield func(uint32) bool) {
		l, ok := v.s.labelID(label)
		if !ok {
			return
		}
		for _, i := range v.s.labelNodes[l] {
			if !yield(i) {
				return
			}
		}
	}
}

// Relationship returns relationship r in full.
func (v *Snapshot) Relationship(r uint32) graph.Relationship { return v.s.rel(r) }

// RelationshipType returns the type of relationship r.
func (v *Snapshot) RelationshipType(r uint32) string { return v.s.types[v.s.relType[r]] }

// Ends returns the start and end nodes of relationship r.
func (v *Snapshot) Ends(r uint32) (start, end uint32) { return v.s.relStart[r], v.s.relEnd[r] }

// RelationshipProperty returns one property of relationship r.
func (v *Snapshot) RelationshipProperty(r uint32, name string) (any, bool) {
	return v.s.relProp(r, name)
}

// Edges yields the relationships of node i in direction dir ("" means
// both) whose type is one of types (all types when none are given), each
// with the node at its other end. With Both, a self-loop is yielded once.
func (v *Snapshot) Edges(i uint32, dir graph.Direction, types ...string) iter.Seq2[uint32, uint32] {
	s := v.s
	f := s.newFilter(types, "", graph.GradeFilter{})
	return func(yield func(rel, other uint32) bool) {
		if dir != graph.Incoming {
			for _, r := range s.outRel[s.outOff[i]:s.outOff[i+1]] {
				if f.pass(r) && !yield(r, s.relEnd[r]) {
					return
				}
			}
		}
		if dir != graph.Outgoing {
			for _, r := range s.inRel[s.inOff[i]:s.inOff[i+1]] {
				if dir != graph.Incoming && s.relStart[r] == i {
					continue // yielded as outgoing
				}
				if f.pass(r) && !yield(r, s.relStart[r]) {
					return
				}
			}
		}
	}
}

// Neighborhood answers a neighbourhood query from node i with indexes:
// the nodes in breadth-first order (i first) and the relationships in
// increasing order, with the semantics of graph.NeighborhoodQuery.
func (v *Snapshot) Neighborhood(ctx context.Context, i uint32, q graph.NeighborhoodQuery) (nodes, rels []uint32, truncated bool, err error) {
	if err := q.Normalize(v.limits); err != nil {
		return nil, nil, false, err
	}
	return v.s.neighborhood(ctx, i, q)
}
