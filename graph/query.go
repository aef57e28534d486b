package graph

import (
	"context"
	"strings"
)

// Direction restricts which relationships a traversal follows, relative to
// the node it is at.
type Direction string

// The directions.
const (
	Outgoing Direction = "out"
	Incoming Direction = "in"
	Both     Direction = "both"
)

// Limits bounds every query. The zero value is not useful: start from
// DefaultLimits.
type Limits struct {
	MaxDepth            int // neighbourhood depth, 1..MaxDepth
	MaxNeighborhood     int // neighbourhood node limit
	DefaultNeighborhood int
	MaxSearch           int // search result limit
	DefaultSearch       int
	MaxK                int // k shortest paths
	DefaultK            int
	MaxPathLength       int // path length in relationships
	DefaultPathLength   int
	MaxSubgraph         int // nodes in one subgraph or export request
	MaxMetrics          int // nodes network metrics are computed on
	// QueryMemory caps the bytes one Cypher query may hold (rows kept
	// for ORDER BY, DISTINCT and aggregation, collected lists, path
	// sets); MemoryBudget caps what all running queries hold together.
	// Past the first a query fails with KindMemoryLimit, past the second
	// with KindBusy. The embedded engine counts; Neo4j has its own
	// settings (db.memory.transaction.max, dbms.memory.transaction.total.max).
	QueryMemory  int64
	MemoryBudget int64
}

// DefaultLimits are safe for an interactive service.
func DefaultLimits() Limits {
	return Limits{
		MaxDepth: 4, MaxNeighborhood: 5000, DefaultNeighborhood: 500,
		MaxSearch: 1000, DefaultSearch: 20,
		MaxK: 10, DefaultK: 3,
		MaxPathLength: 8, DefaultPathLength: 6,
		MaxSubgraph: 10000,
		QueryMemory: 256 << 20, MemoryBudget: 1 << 30, MaxMetrics: 1000,
	}
}

// SearchQuery finds nodes by name or alias.
type SearchQuery struct {
	Text   string   // matched case-insensitively against name and aliases
	Labels []string // if set, a node must carry every one of them
	Limit  int      // 0 means the default
}

// NeighborhoodQuery describes the graph around a node.
//
// The result holds the start node, every node reachable in at most Depth
// hops along relationships that pass the filters, and every relationship
// that passes the filters and leaves (in Direction) a result node at
// distance less than Depth. When more than Limit nodes are reachable, nodes
// are kept in breadth-first order (all of distance d before any of d+1),
// only relationships between kept nodes are returned, and Truncated is set.
type NeighborhoodQuery struct {
	Depth     int       // 0 means 1
	Types     []string  // relationship types to follow; empty means all
	Direction Direction // "" means Both
	// AsOf, a date (YYYY, YYYY-MM or YYYY-MM-DD), drops relationships whose
	// since/until say they did not hold on that date (see HeldOn).
	AsOf string
	// Grades drops relationships whose evidence is graded below the
	// thresholds (see GradeFilter); they are neither followed nor returned.
	Grades GradeFilter
	Limit  int // node limit; 0 means the default
}

// PathQuery asks for up to K shortest simple paths (no node twice) from
// From to To, at most MaxLength relationships long. Paths are ordered by
// length, then by the sequence of their node keys, then by the sequence of
// their relationship ids; the first K in that order are returned.
type PathQuery struct {
	From, To  string // node references: ids or keys
	K         int    // 0 means the default
	MaxLength int    // 0 means the default
	Types     []string
	Direction Direction // "" means Both
	// Grades restricts paths to relationships whose evidence meets the
	// thresholds (see GradeFilter).
	Grades GradeFilter
}

func checkRange(param string, v *int, def, lo, hi int) error {
	if *v == 0 {
		*v = def
	}
	if *v < lo || *v > hi {
		return InvalidParam(param, "%s must be between %d and %d, got %d", param, lo, hi, *v)
	}
	return nil
}

func checkDirection(d *Direction) error {
	switch *d {
	case "":
		*d = Both
	case Outgoing, Incoming, Both:
	default:
		return InvalidParam("direction", "direction must be one of out, in, both; got %q", string(*d))
	}
	return nil
}

func checkTypes(types []string) error {
	for _, t := range types {
		if !IsRelType(t) {
			return InvalidParam("types", "relationship type %q is not UPPER_SNAKE_CASE", t)
		}
	}
	return nil
}

// Normalize fills defaults and checks the query against l.
func (q *SearchQuery) Normalize(l Limits) error {
	q.Text = strings.TrimSpace(q.Text)
	return checkRange("limit", &q.Limit, l.DefaultSearch, 1, l.MaxSearch)
}

// Normalize fills defaults and checks the query against l.
func (q *NeighborhoodQuery) Normalize(l Limits) error {
	if err := checkRange("depth", &q.Depth, 1, 1, l.MaxDepth); err != nil {
		return err
	}
	if err := checkRange("limit", &q.Limit, l.DefaultNeighborhood, 1, l.MaxNeighborhood); err != nil {
		return err
	}
	if q.AsOf != "" {
		if _, err := ParseDate(q.AsOf); err != nil {
			return InvalidParam("asOf", "asOf must be a date YYYY, YYYY-MM or YYYY-MM-DD, got %q", q.AsOf)
		}
	}
	if err := checkTypes(q.Types); err != nil {
		return err
	}
	if err := q.Grades.Check(); err != nil {
		return err
	}
	return checkDirection(&q.Direction)
}

// Normalize fills defaults and checks the query against l.
func (q *PathQuery) Normalize(l Limits) error {
	if q.From == "" {
		return InvalidParam("from", "from is required")
	}
	if q.To == "" {
		return InvalidParam("to", "to is required")
	}
	if err := checkRange("k", &q.K, l.DefaultK, 1, l.MaxK); err != nil {
		return err
	}
	if err := checkRange("maxLength", &q.MaxLength, l.DefaultPathLength, 1, l.MaxPathLength); err != nil {
		return err
	}
	if err := checkTypes(q.Types); err != nil {
		return err
	}
	if err := q.Grades.Check(); err != nil {
		return err
	}
	return checkDirection(&q.Direction)
}

// IsRelType reports whether s is an UPPER_SNAKE_CASE relationship type.
func IsRelType(s string) bool {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// Resolve finds a node by id (a UUID) or, failing that, by key.
func Resolve(ctx context.Context, s Store, idOrKey string) (Node, error) {
	if IsID(idOrKey) {
		n, err := s.Node(ctx, idOrKey)
		if KindOf(err) != KindNotFound {
			return n, err
		}
	}
	return s.NodeByKey(ctx, idOrKey)
}
