// Package graph holds actorgraph's domain: the nodes (actors, documents,
// events), the relationships between them with their evidence, the query
// shapes every backend answers, and the Store interface those backends
// implement. Backends live in their own packages (graph/memstore,
// graph/neo4jstore); the behaviour they share is pinned down by the
// conformance suite in graph/graphtest.
package graph

import (
	"context"
	"io"
)

// Node is an actor, a document or an event. ID is a deterministic UUID
// derived from Key (see NodeID), so the same data has the same ids in every
// store and on every load.
type Node struct {
	ID         string         `json:"id"`
	Key        string         `json:"key"`
	Labels     []string       `json:"labels"`
	Properties map[string]any `json:"properties"`
}

// Relationship is a directed, typed tie between two nodes. Start and End are
// node ids. Evidence lives in Properties (see the Prop* constants) so that it
// is stored, queried and exported like any other property.
type Relationship struct {
	ID         string         `json:"id"`
	Type       string         `json:"type"`
	Start      string         `json:"start"`
	End        string         `json:"end"`
	Properties map[string]any `json:"properties"`
}

// Path is an alternating walk: Nodes has Length+1 entries and
// Relationships has Length. Relationships[i] joins Nodes[i] and Nodes[i+1]
// in either direction.
type Path struct {
	Nodes         []Node         `json:"nodes"`
	Relationships []Relationship `json:"relationships"`
	Length        int            `json:"length"`
}

// Graph is a set of nodes and the relationships among them.
type Graph struct {
	Nodes         []Node         `json:"nodes"`
	Relationships []Relationship `json:"relationships"`
}

// Neighborhood is the answer to a neighbourhood query: the graph around a
// node and whether the node limit cut it short.
type Neighborhood struct {
	Graph
	Truncated bool `json:"truncated"`
}

// Count is a name with how many times it occurs.
type Count struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// Schema counts nodes per label and relationships per type, each list
// sorted by name.
type Schema struct {
	Labels            []Count `json:"labels"`
	RelationshipTypes []Count `json:"relationshipTypes"`
}

// LoadStats reports what a load did. Created counts items that did not
// exist before; Matched counts items that existed (with the same id) and
// were overwritten with the loaded properties.
type LoadStats struct {
	NodesCreated         int `json:"nodesCreated"`
	NodesMatched         int `json:"nodesMatched"`
	RelationshipsCreated int `json:"relationshipsCreated"`
	RelationshipsMatched int `json:"relationshipsMatched"`
}

// Store is what every backend implements. Node takes a node id and
// NodeByKey a key; the graph queries (Neighborhood, Paths, Subgraph) take
// node references: the id of a node or, failing that, its key, the rule
// of Resolve, so that a caller holding keys (a URL, a CLI flag) needs no
// lookup first. Every method is bounded by the limits in its query;
// out-of-range inputs give a KindInvalid error naming the parameter.
// Unknown nodes give KindNotFound.
type Store interface {
	// Node returns the node with this id.
	Node(ctx context.Context, id string) (Node, error)
	// NodeByKey returns the node with this key.
	NodeByKey(ctx context.Context, key string) (Node, error)
	// Search finds nodes by name or alias, case-insensitively: exact
	// matches first, then prefix matches, then substring matches; within a
	// rank, by name then key. An empty text lists nodes by name.
	Search(ctx context.Context, q SearchQuery) ([]Node, error)
	// Neighborhood returns the nodes within q.Depth hops of the node ref
	// names and the relationships followed to reach them (see
	// NeighborhoodQuery).
	Neighborhood(ctx context.Context, ref string, q NeighborhoodQuery) (Neighborhood, error)
	// Paths returns up to q.K shortest simple paths from q.From to q.To
	// (see PathQuery for the order).
	Paths(ctx context.Context, q PathQuery) ([]Path, error)
	// Subgraph returns the given nodes and every relationship between two
	// of them. Unknown nodes give KindNotFound.
	Subgraph(ctx context.Context, refs []string) (Graph, error)
	// Dump returns the whole graph, nodes sorted by key and relationships
	// by id; KindInvalid if it has more than limit nodes.
	Dump(ctx context.Context, limit int) (Graph, error)
	// Schema counts labels and relationship types.
	Schema(ctx context.Context) (Schema, error)
	// Load writes g whole or not at all. Nodes and relationships are
	// merged by id, so loading the same graph twice changes nothing.
	// Relationships may refer to nodes already in the store.
	Load(ctx context.Context, g Graph) (LoadStats, error)
	// Ping reports whether the store can answer; KindUnavailable if not.
	Ping(ctx context.Context) error
	// Name is a short name for the backend ("memory", "neo4j").
	Name() string
	// Every store runs read-only Cypher (see CypherRunner).
	CypherRunner
	io.Closer
}

// CypherRunner runs read-only Cypher. Code that needs nothing else of a
// store asks for it alone.
type CypherRunner interface {
	Cypher(ctx context.Context, q CypherQuery) (CypherResult, error)
}

// CypherQuery is a read-only Cypher statement with its parameters and the
// bounds it runs under.
type CypherQuery struct {
	Query  string         `json:"query"`
	Params map[string]any `json:"params,omitempty"`
	// MaxRows caps the rows returned; more rows set Stats.Truncated.
	MaxRows int `json:"-"`
	// TimeoutMs bounds the run; zero means the store's default.
	TimeoutMs int `json:"-"`
}

// CypherResult is a Cypher answer. Cells are plain JSON values or Node,
// Relationship and Path values; Graph gathers every node and relationship
// seen in the rows so a viewer can draw any result.
type CypherResult struct {
	Columns []string    `json:"columns"`
	Rows    [][]any     `json:"rows"`
	Graph   Graph       `json:"graph"`
	Stats   CypherStats `json:"stats"`
	// Plan is set when the query starts with EXPLAIN (then Rows is empty)
	// or PROFILE (then the rows are there too, and the plan has counts).
	Plan *Plan `json:"plan,omitempty"`
}

// Plan is the operator tree a store ran, or would run, for a query.
type Plan struct {
	// Mode is "EXPLAIN" or "PROFILE".
	Mode string `json:"mode"`
	// Engine names what planned it: "actorgraph embedded" or "neo4j".
	Engine string       `json:"engine"`
	Root   PlanOperator `json:"root"`
}

// PlanOperator is one operator of a Plan. Rows flow from Children up.
type PlanOperator struct {
	// Operator is the operator's name in Neo4j's terms (NodeIndexSeek,
	// Expand(All), EagerAggregation, ProduceResults, ...).
	Operator string `json:"operator"`
	// Details says what it does, in Cypher ("n:Actor WHERE n.key = $k").
	Details string `json:"details,omitempty"`
	// Index names the index or store statistic it reads, if any.
	Index string `json:"index,omitempty"`
	// Identifiers are the variables bound once it has run.
	Identifiers   []string `json:"identifiers"`
	EstimatedRows float64  `json:"estimatedRows"`
	// Rows (PROFILE) is how many rows it produced.
	Rows *int64 `json:"rows,omitempty"`
	// TimeMs (PROFILE) is the time spent in it alone, without its
	// children; absent where a store times it together with a parent.
	TimeMs *float64 `json:"timeMs,omitempty"`
	// DbHits (PROFILE, Neo4j only) is Neo4j's count of storage accesses.
	DbHits   *int64         `json:"dbHits,omitempty"`
	Children []PlanOperator `json:"children,omitempty"`
}

// CypherStats describes a Cypher run.
type CypherStats struct {
	Rows      int     `json:"rows"`
	ElapsedMs float64 `json:"elapsedMs"`
	Truncated bool    `json:"truncated"`
}

// A Stream yields a graph item by item: it calls node for each node and
// rel for each relationship, in any order, and stops at the first error
// either returns, returning it. Stores build from a Stream without the
// whole document, or a Graph of it, in memory.
type Stream func(node func(Node) error, rel func(Relationship) error) error

// Stream yields g's nodes, then its relationships.
func (g Graph) Stream() Stream {
	return func(node func(Node) error, rel func(Relationship) error) error {
		for _, n := range g.Nodes {
			if err := node(n); err != nil {
				return err
			}
		}
		for _, r := range g.Relationships {
			if err := rel(r); err != nil {
				return err
			}
		}
		return nil
	}
}
