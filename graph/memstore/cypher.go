package memstore

import (
	"context"
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/cypher"
)

var _ graph.CypherRunner = (*Store)(nil)

// Cypher runs a read-only Cypher query on the current snapshot with the
// pure-Go engine of graph/cypher. A load that lands meanwhile is not seen:
// the query reads one snapshot from start to end.
func (s *Store) Cypher(ctx context.Context, q graph.CypherQuery) (graph.CypherResult, error) {
	sn, err := s.read(ctx)
	if err != nil {
		return graph.CypherResult{}, err
	}
	params, err := graph.NormalizeParams(q.Params)
	if err != nil {
		return graph.CypherResult{}, graph.InvalidParam("params", "%v", err)
	}
	start := time.Now()
	res, err := cypher.Run(ctx, cypherGraph{sn}, q.Query, params, cypher.Options{
		MaxRows:   q.MaxRows,
		Timeout:   time.Duration(q.TimeoutMs) * time.Millisecond,
		MaxMemory: s.limits.QueryMemory,
		Pool:      s.pool,
	})
	if err != nil {
		return graph.CypherResult{}, err
	}
	g := cypherGraph{sn}
	out := res.CypherResult(g, g)
	out.Stats.ElapsedMs = float64(time.Since(start).Microseconds()) / 1000
	return out, nil
}

// cypherGraph shows one snapshot to the Cypher engine. Node refs are node
// indexes and relationship refs relationship indexes. Like the Neo4j
// store, it shows a node's id and key, and a relationship's id, as
// properties, so that the same queries give the same answers on both.
type cypherGraph struct{ s *snapshot }

var (
	_ cypher.Graph       = cypherGraph{}
	_ cypher.ElementIDer = cypherGraph{}
	_ cypher.Converter   = cypherGraph{}
)

func (g cypherGraph) Nodes(label string) iter.Seq[cypher.NodeRef] {
	return func(yield func(cypher.NodeRef) bool) {
		if label == "" {
			for i := range g.s.nodeCount() {
				if !yield(cypher.NodeRef(i)) {
					return
				}
			}
			return
		}
		l, ok := g.s.labelID(label)
		if !ok {
			return
		}
		for _, i := range g.s.labelNodes[l] {
			if !yield(cypher.NodeRef(i)) {
				return
			}
		}
	}
}

func (g cypherGraph) NodeLabels(n cypher.NodeRef) []string { return g.s.sharedLabels(uint32(n)) }

func (g cypherGraph) NodeProperty(n cypher.NodeRef, key string) (any, bool) {
	switch key {
	case "id":
		return g.NodeElementID(n), true
	case "key":
		return g.s.key(uint32(n)), true
	}
	return g.s.nodeProp(uint32(n), key)
}

func (g cypherGraph) NodeProperties(n cypher.NodeRef) map[string]any {
	i := uint32(n)
	m := g.s.props(g.s.nodeProps[g.s.nodePropOf[i]:g.s.nodePropOf[i+1]])
	m["id"] = g.NodeElementID(n)
	m["key"] = g.s.key(i)
	return m
}

func (g cypherGraph) Expand(n cypher.NodeRef, dir cypher.Direction, types []string) iter.Seq2[cypher.RelRef, cypher.NodeRef] {
	return func(yield func(cypher.RelRef, cypher.NodeRef) bool) {
		s := g.s
		var want []uint16
		for _, t := range types {
			if id, ok := s.typeID(t); ok {
				want = append(want, id)
			}
		}
		if len(types) > 0 && len(want) == 0 {
			return
		}
		ok := func(r uint32) bool {
			if len(want) == 0 {
				return true
			}
			for _, w := range want {
				if s.relType[r] == w {
					return true
				}
			}
			return false
		}
		i := uint32(n)
		if dir == cypher.Outgoing || dir == cypher.Both {
			for _, r := range s.outRel[s.outOff[i]:s.outOff[i+1]] {
				if ok(r) && !yield(cypher.RelRef(r), cypher.NodeRef(s.relEnd[r])) {
					return
				}
			}
		}
		if dir == cypher.Incoming || dir == cypher.Both {
			for _, r := range s.inRel[s.inOff[i]:s.inOff[i+1]] {
				// A self-loop was already yielded on the way out.
				if dir == cypher.Both && s.relStart[r] == s.relEnd[r] {
					continue
				}
				if ok(r) && !yield(cypher.RelRef(r), cypher.NodeRef(s.relStart[r])) {
					return
				}
			}
		}
	}
}

func (g cypherGraph) Rel(r cypher.RelRef) (string, cypher.NodeRef, cypher.NodeRef) {
	i := uint32(r)
	return g.s.types[g.s.relType[i]], cypher.NodeRef(g.s.relStart[i]), cypher.NodeRef(g.s.relEnd[i])
}

func (g cypherGraph) RelProperty(r cypher.RelRef, key string) (any, bool) {
	if key == "id" {
		return g.RelElementID(r), true
	}
	return g.s.relProp(uint32(r), key)
}

func (g cypherGraph) RelProperties(r cypher.RelRef) map[string]any {
	m := g.s.props(g.s.relPropSlice(uint32(r)))
	m["id"] = g.RelElementID(r)
	return m
}

func (g cypherGraph) NodeElementID(n cypher.NodeRef) string {
	return uuid.UUID(g.s.nodeIDs[n]).String()
}

func (g cypherGraph) RelElementID(r cypher.RelRef) string {
	return uuid.UUID(g.s.relIDs[r]).String()
}

func (g cypherGraph) Node(n cypher.NodeRef) graph.Node { return g.s.node(uint32(n)) }

func (g cypherGraph) Relationship(r cypher.RelRef) graph.Relationship { return g.s.rel(uint32(r)) }

var (
	_ cypher.NodeCounter   = cypherGraph{}
	_ cypher.PropertyIndex = cypherGraph{}
)

// CountNodes lets the engine start a pattern at its rarest label.
func (g cypherGraph) CountNodes(label string) int {
	if label == "" {
		return g.s.nodeCount()
	}
	l, ok := g.s.labelID(label)
	if !ok {
		return 0
	}
	return len(g.s.labelNodes[l])
}

// NodesByProperty serves the lookups the store already indexes: id, key
// and name. The engine re-checks labels, so they are not filtered here.
func (g cypherGraph) NodesByProperty(_, key, value string) (iter.Seq[cypher.NodeRef], bool) {
	s := g.s
	one := func(i uint32, found bool) iter.Seq[cypher.NodeRef] {
		return func(yield func(cypher.NodeRef) bool) {
			if found {
				yield(cypher.NodeRef(i))
			}
		}
	}
	switch key {
	case "id":
		return one(s.lookup(value)), true
	case "key":
		return one(s.findKey(value)), true
	case "name":
		return func(yield func(cypher.NodeRef) bool) {
			lo, _ := slices.BinarySearchFunc(s.byName, value, func(n uint32, v string) int {
				return strings.Compare(string(s.nameBytes(n)), v)
			})
			for _, n := range s.byName[lo:] {
				if string(s.nameBytes(n)) != value || !yield(cypher.NodeRef(n)) {
					return
				}
			}
		}, true
	}
	return nil, false
}

var (
	_ cypher.RelCounter     = cypherGraph{}
	_ cypher.DegreeCounter  = cypherGraph{}
	_ cypher.PrefixIndex    = cypherGraph{}
	_ cypher.ShortestPather = cypherGraph{}
)

// CountRels answers count(r) by type from the counts kept at load.
func (g cypherGraph) CountRels(typ string) int {
	if typ == "" {
		return g.s.relCount()
	}
	t, ok := g.s.typeID(typ)
	if !ok {
		return 0
	}
	return g.s.typeCount[t]
}

// RelTypes lists the types that have relationships, sorted.
func (g cypherGraph) RelTypes() []string {
	out := make([]string, 0, len(g.s.types))
	for t, name := range g.s.types {
		if g.s.typeCount[t] > 0 {
			out = append(out, name)
		}
	}
	return out
}

// Degree reads an untyped degree from the CSR offsets; a typed one counts
// the node's row. Both directions count a self-loop once, as Expand
// yields it once.
func (g cypherGraph) Degree(n cypher.NodeRef, dir cypher.Direction, types []string) int {
	s, i := g.s, uint32(n)
	if len(types) == 0 {
		d := 0
		if dir != cypher.Incoming {
			d += int(s.outOff[i+1] - s.outOff[i])
		}
		if dir != cypher.Outgoing {
			d += int(s.inOff[i+1] - s.inOff[i])
		}
		if dir == cypher.Both && len(s.loops) > 0 {
			lo, _ := slices.BinarySearch(s.loops, i)
			hi, _ := slices.BinarySearch(s.loops, i+1)
			d -= hi - lo
		}
		return d
	}
	d := 0
	for range g.Expand(n, dir, types) {
		d++
	}
	return d
}

// NodesByPrefix serves STARTS WITH on name from the name-sorted index.
// The engine re-checks labels.
func (g cypherGraph) NodesByPrefix(_, key, prefix string) (iter.Seq[cypher.NodeRef], bool) {
	if key != "name" {
		return nil, false
	}
	s := g.s
	return func(yield func(cypher.NodeRef) bool) {
		lo, _ := slices.BinarySearchFunc(s.byName, prefix, func(n uint32, v string) int {
			return strings.Compare(string(s.nameBytes(n)), v)
		})
		for _, n := range s.byName[lo:] {
			if !strings.HasPrefix(string(s.nameBytes(n)), prefix) || !yield(cypher.NodeRef(n)) {
				return
			}
		}
	}, true
}

// ShortestPath runs the store's bidirectional breadth-first search, the
// one Paths uses.
func (g cypherGraph) ShortestPath(ctx context.Context, a, b cypher.NodeRef, dir cypher.Direction, types []string, maxHops int) (cypher.Path, bool, error) {
	d := graph.Both
	switch dir {
	case cypher.Outgoing:
		d = graph.Outgoing
	case cypher.Incoming:
		d = graph.Incoming
	}
	ps, err := g.s.paths(ctx, uint32(a), uint32(b), graph.PathQuery{K: 1, MaxLength: maxHops, Types: types, Direction: d})
	if err != nil || len(ps) == 0 {
		return cypher.Path{}, false, err
	}
	p := cypher.Path{Nodes: make([]cypher.NodeRef, len(ps[0].nodes)), Rels: make([]cypher.RelRef, len(ps[0].rels))}
	for i, n := range ps[0].nodes {
		p.Nodes[i] = cypher.NodeRef(n)
	}
	for i, r := range ps[0].rels {
		p.Rels[i] = cypher.RelRef(r)
	}
	return p, true, nil
}

var _ cypher.UniqueIndex = cypherGraph{}

// UniqueKey: ids and keys are unique across nodes.
func (g cypherGraph) UniqueKey(key string) bool { return key == "id" || key == "key" }
