// Package cypher is a read-only Cypher engine in pure Go. It parses a
// query (hand-written lexer and recursive-descent parser), checks it
// (undefined variables, aggregation rules, types evident from the text),
// and runs it over any store that implements the small Graph interface
// below — the embedded CSR store through an adapter — under bounds on
// rows, time, buffered state and variable-length hops.
//
// Rows stream push-style: every clause is an operator that receives rows
// one at a time and hands them on, and a consumer that needs no more rows
// (LIMIT, EXISTS, the row cap) tells its producers to stop, so MATCH …
// LIMIT 10 touches only what it needs. Push rather than pull keeps pattern
// matching a plain recursive search; the stop signal gives the same early
// exit a pull iterator would. Only aggregation, ORDER BY (pruned to the
// top SKIP+LIMIT rows when there is a LIMIT) and DISTINCT hold state that
// grows, and Options.MaxBuffered caps it.
//
// Run refuses write clauses (CREATE, MERGE, SET, DELETE, REMOVE, FOREACH,
// LOAD CSV) and procedure calls (CALL db.labels()) with a KindInvalid
// error naming the clause, also inside a CALL { } subquery, which is
// otherwise allowed: it only reads. The package's tests alone reach a
// CREATE path, through an unexported option, to build the openCypher TCK
// fixtures.
//
// # Writing an adapter
//
// Implement Graph (and optionally PropertyIndex and ElementIDer) over the
// store, then call Run or Prepare/Prepared.Run. Result cells hold Node,
// Relationship and Path values carrying refs; Result.CypherResult with a
// Converter turns them into graph.Node, graph.Relationship and graph.Path
// and gathers the graph.CypherResult's Graph. Errors are *graph.Error;
// Code tells syntax, type, arithmetic, read-only and limit errors apart.
//
// # Differences from Neo4j
//
//   - =~ uses Go's RE2 syntax: no backreferences or lookaround, no
//     possessive quantifiers, and only the i, m, s and U flags; as in
//     Neo4j the whole string must match.
//   - Temporal values (date, localtime, time, localdatetime, datetime with
//     offsets or IANA zone names, duration) work as in Neo4j, through
//     graph/temporal: constructors from strings, maps and other temporal
//     values, the clock functions, truncate, accessors, comparison,
//     ordering, arithmetic and duration.between/inMonths/inDays/inSeconds.
//     The default time zone is UTC. Results carry them as Neo4j's
//     toString writes them (see Materialize). A stored date is still a
//     string ('2015', '2015-09-01'): date(r.since) makes it a date, and
//     r.since < date('2016') is null, as in Neo4j. No spatial values:
//     point() is an unknown function.
//   - No procedures. Subqueries (EXISTS { }, COUNT { }, COLLECT { },
//     CALL { } with an importing WITH or CALL (x) { }, OPTIONAL CALL) are
//     supported, but not CALL { } IN TRANSACTIONS, which writes.
//   - Quantified path patterns are supported in full, with group
//     variables and a WHERE inside: ((x)-[r:T]->(y) WHERE r.w > 1){1,3}.
//     Path selectors (SHORTEST k, SHORTEST k GROUPS, ALL SHORTEST, ANY
//     SHORTEST, ANY k) search a pattern of one relationship breadth-first;
//     a longer pattern, or a group with variables, is matched in full up
//     to the hop cap and then selected, so an unbounded one over a large
//     graph may fail where Neo4j answers. shortestPath() takes one
//     relationship only.
//   - Label expressions (:A:B, :A|B, :A&!B, :(A|B)&C, :%) work on nodes
//     and relationship types (:!T, :T&U); as in Neo4j, a [*m..n]
//     relationship takes only alternatives (:T|U).
//   - Type predicates (x IS :: INTEGER NOT NULL, LIST<…>, DATE, ZONED
//     DATETIME, unions) know no spatial type.
//   - String ordering compares UTF-8 bytes, which differs from Java's
//     UTF-16 order only for characters outside the Basic Multilingual
//     Plane.
//   - An unbounded variable-length pattern that could go past
//     Options.HopCap fails instead of running unbounded; an explicit upper
//     bound above the cap is refused.
//   - WITH … WHERE filters after the WITH's ORDER BY, SKIP and LIMIT.
package cypher

import (
	"context"
	"iter"
	"strconv"
)

// NodeRef identifies a node in a Graph. The embedded store uses its dense
// node index; any stable integer works.
type NodeRef int64

// RelRef identifies a relationship in a Graph.
type RelRef int64

// Direction says which relationships Expand follows from a node.
type Direction int

// The directions, seen from the node being expanded.
const (
	Outgoing Direction = iota // (n)-[r]->(m)
	Incoming                  // (n)<-[r]-(m)
	Both                      // (n)-[r]-(m): each relationship once per side it touches
)

// Graph is what the engine reads. It is deliberately small so that an
// adapter over a CSR store is a few lines per method. All methods must be
// safe to call concurrently with each other (the engine itself calls them
// from one goroutine per query).
//
// Property values must be nil-free Go values of the kinds the engine knows:
// bool, int64, float64, string, the temporal values of graph/temporal,
// and []any of those.
type Graph interface {
	// Nodes yields every node carrying label, or every node when label is
	// "". Order should be stable (index order) so results are repeatable.
	Nodes(label string) iter.Seq[NodeRef]
	// NodeLabels returns the labels of n. The engine does not modify the
	// slice, so a store may return a shared one (per label set).
	NodeLabels(n NodeRef) []string
	// NodeProperty returns one property of n; ok is false when n lacks it.
	NodeProperty(n NodeRef, key string) (v any, ok bool)
	// NodeProperties returns all properties of n. The engine does not
	// modify the map.
	NodeProperties(n NodeRef) map[string]any
	// Expand yields the relationships at n in direction dir whose type is
	// one of types (any type when types is empty), each with the node at
	// its other end. For Both, a self-loop is yielded once. For one
	// relationship pattern the engine passes the same types slice on every
	// call, so a store that interns types may memoise the resolution.
	Expand(n NodeRef, dir Direction, types []string) iter.Seq2[RelRef, NodeRef]
	// Rel returns the type and the start and end nodes of r.
	Rel(r RelRef) (typ string, start, end NodeRef)
	// RelProperty returns one property of r; ok is false when r lacks it.
	RelProperty(r RelRef, key string) (v any, ok bool)
	// RelProperties returns all properties of r.
	RelProperties(r RelRef) map[string]any
}

// PropertyIndex is optionally implemented by a Graph that can find nodes
// by an exact string property value, so MATCH (n:Country {name: $name})
// need not scan every Country. ok is false when there is no index for
// (label, key); the engine then scans. label may be "" (any node). The
// engine re-checks labels and properties of what the index yields, so an
// index may return a superset.
type PropertyIndex interface {
	NodesByProperty(label, key, value string) (nodes iter.Seq[NodeRef], ok bool)
}

// NodeCounter is optionally implemented by a Graph that knows how many
// nodes carry a label ("" for all nodes); the engine then starts a
// pattern at its rarest label, answers MATCH (n:L) RETURN count(n) from
// the count, and estimates rows for EXPLAIN.
type NodeCounter interface {
	CountNodes(label string) int
}

// RelCounter is optionally implemented by a Graph that knows how many
// relationships of each type it holds. The engine then answers
// MATCH ()-[r:T]->() RETURN count(r), and counts grouped by type(r),
// without visiting a relationship, as Neo4j does from its counts store.
type RelCounter interface {
	// CountRels is the number of relationships of type typ, or of all
	// types when typ is "".
	CountRels(typ string) int
	// RelTypes lists the types that have relationships, sorted.
	RelTypes() []string
}

// DegreeCounter is optionally implemented by a Graph that can count a
// node's relationships without visiting them (CSR offsets). Degree must
// equal the number of pairs Expand(n, dir, types) yields. The engine
// answers MATCH (n)--() RETURN n, count(*) and COUNT { (n)--() } with it.
type DegreeCounter interface {
	Degree(n NodeRef, dir Direction, types []string) int
}

// PrefixIndex is optionally implemented by a Graph that can list nodes
// whose string property starts with a prefix (a sorted index); ok is false
// when it has no such index for (label, key). The engine re-checks what
// it yields, as for PropertyIndex.
type PrefixIndex interface {
	NodesByPrefix(label, key, prefix string) (nodes iter.Seq[NodeRef], ok bool)
}

// ShortestPather is optionally implemented by a Graph with its own
// shortest-path search (the embedded store's is bidirectional). It returns
// one shortest path from a to b of at most maxHops relationships following
// dir and types (any type when types is empty), with no relationship
// twice, and ok false when there is none.
type ShortestPather interface {
	ShortestPath(ctx context.Context, a, b NodeRef, dir Direction, types []string, maxHops int) (p Path, ok bool, err error)
}

// ElementIDer is optionally implemented by a Graph whose nodes and
// relationships have string ids (actorgraph's UUIDs); elementId() returns
// them. Without it elementId() returns the decimal ref.
type ElementIDer interface {
	NodeElementID(n NodeRef) string
	RelElementID(r RelRef) string
}

// Node is a node value in a result row.
type Node struct{ Ref NodeRef }

// Relationship is a relationship value in a result row.
type Relationship struct{ Ref RelRef }

// Path is a path value in a result row: Nodes has one more entry than
// Rels, and Rels[i] joins Nodes[i] and Nodes[i+1] in either direction.
type Path struct {
	Nodes []NodeRef
	Rels  []RelRef
}

func nodeElementID(g Graph, n NodeRef) string {
	if e, ok := g.(ElementIDer); ok {
		return e.NodeElementID(n)
	}
	return strconv.FormatInt(int64(n), 10)
}

func relElementID(g Graph, r RelRef) string {
	if e, ok := g.(ElementIDer); ok {
		return e.RelElementID(r)
	}
	return strconv.FormatInt(int64(r), 10)
}
