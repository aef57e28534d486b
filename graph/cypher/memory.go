package cypher

import (
	"fmt"
	"sync/atomic"

	"github.com/actorgraph/actorgraph/graph"
)

// Memory accounting, after Neo4j's: a run counts the bytes it holds
// beyond the row in flight (rows buffered by ORDER BY, DISTINCT keys,
// aggregation groups and collected lists, pattern comprehensions and
// COLLECT subqueries, path sets) against its own cap and against a pool
// that every running query shares. A value built by an expression (a
// list comprehension, range(), a concatenation) is not held across rows,
// but no one value may be larger than the cap. Past either, the run stops
// with an error of its own kind; nothing else is affected.

// MemoryPool is the memory budget that running queries share.
type MemoryPool struct {
	budget int64
	used   atomic.Int64
}

// NewMemoryPool returns a pool of budget bytes.
func NewMemoryPool(budget int64) *MemoryPool { return &MemoryPool{budget: budget} }

// Used is what running queries hold now.
func (p *MemoryPool) Used() int64 { return p.used.Load() }

// meter counts what one run holds.
type meter struct {
	max  int64
	used int64
	pool *MemoryPool
}

// charge counts n more bytes held by the run.
func (m *meter) charge(n int64) error {
	m.used += n
	if m.used > m.max {
		return memoryLimitError(m.max)
	}
	if m.pool != nil && m.pool.used.Add(n) > m.pool.budget {
		m.pool.used.Add(-n)
		m.used -= n
		return &graph.Error{Kind: graph.KindBusy, Code: CodeMemoryPool,
			Message: fmt.Sprintf("the queries running now hold the server's Cypher memory budget (%s); try again shortly", bytesText(m.pool.budget))}
	}
	return nil
}

// credit gives back n bytes the run no longer holds.
func (m *meter) credit(n int64) {
	m.used -= n
	if m.pool != nil {
		m.pool.used.Add(-n)
	}
}

// fits checks a value of n bytes built by an expression.
func (m *meter) fits(n int64) error {
	if m.used+n > m.max {
		return memoryLimitError(m.max)
	}
	return nil
}

// release gives the run's bytes back to the pool; the run is over.
func (m *meter) release() {
	if m.pool != nil {
		m.pool.used.Add(-m.used)
	}
	m.used = 0
}

func memoryLimitError(max int64) error {
	return &graph.Error{Kind: graph.KindMemoryLimit, Code: CodeMemoryLimit,
		Message: fmt.Sprintf("the query would hold more than %s in memory (its per-query limit); narrow it, e.g. with LIMIT or a tighter MATCH, or aggregate less", bytesText(max))}
}

// The codes of the memory errors, after Neo4j's.
const (
	CodeMemoryLimit = "Neo.TransientError.General.TransactionMemoryLimit"
	CodeMemoryPool  = "Neo.TransientError.General.MemoryPoolOutOfMemoryError"
)

func bytesText(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20:
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// sizeOf estimates the bytes a value holds, its interface slot included,
// as the Go runtime lays it out: a boxed number is 8 bytes behind the
// slot, a list a slice header and its elements, a map about a bucket
// entry per field. It walks the whole value: call it once per value held.
func sizeOf(v any) int64 {
	const slot = 16
	switch x := v.(type) {
	case nil, bool:
		return slot
	case int64, float64:
		return slot + 8
	case string:
		return slot + 16 + int64(len(x))
	case []any:
		n := int64(slot + 24)
		for _, e := range x {
			n += sizeOf(e)
		}
		return n
	case map[string]any:
		n := int64(slot + 48)
		for k, e := range x {
			n += 16 + int64(len(k)) + 8 + sizeOf(e)
		}
		return n
	case Path:
		return slot + 48 + 8*int64(len(x.Nodes)+len(x.Rels))
	default:
		return slot + 16
	}
}
