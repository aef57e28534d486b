package memstore_test

import (
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/graphtest"
	"github.com/actorgraph/actorgraph/graph/memstore"
)

// TestCypherIndexedLookups: lookups the adapter serves from the store's
// indexes (id, key, name) give the same rows as the same filter written
// as a WHERE over a scan, which the engine cannot serve from an index.
func TestCypherIndexedLookups(t *testing.T) {
	t.Parallel()
	s := memstore.New(graph.DefaultLimits())
	if _, err := s.Load(t.Context(), graphtest.Synthetic()); err != nil {
		t.Fatal(err)
	}
	run := func(q string, params map[string]any) [][]any {
		t.Helper()
		res, err := s.Cypher(t.Context(), graph.CypherQuery{Query: q, Params: params})
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return res.Rows
	}
	for _, tc := range []struct {
		prop  string
		value any
		want  int
	}{
		{"key", "alpha", 1}, {"key", "nobody", 0},
		{"name", "Mu", 2}, {"name", "Alpha", 1}, {"name", "Nobody", 0},
		{"id", graph.NodeID("beta"), 1}, {"id", "not-an-id", 0},
	} {
		indexed := run("MATCH (n {"+tc.prop+": $v}) RETURN n.key AS k ORDER BY k", map[string]any{"v": tc.value})
		scanned := run("MATCH (n) WHERE n."+tc.prop+" + '' = $v RETURN n.key AS k ORDER BY k", map[string]any{"v": tc.value})
		if len(indexed) != tc.want || len(scanned) != tc.want {
			t.Errorf("%s = %v: indexed %v, scanned %v, want %d rows", tc.prop, tc.value, indexed, scanned, tc.want)
		}
		for i := range indexed {
			if indexed[i][0] != scanned[i][0] {
				t.Errorf("%s = %v: indexed %v, scanned %v", tc.prop, tc.value, indexed, scanned)
			}
		}
	}
	// Labels are still checked on what the index yields.
	if rows := run("MATCH (n:Company {key: 'alpha'}) RETURN n", nil); len(rows) != 0 {
		t.Errorf("label filter ignored: %v", rows)
	}
	// Counts per label agree with the schema.
	if rows := run("MATCH (n:Person) RETURN count(n)", nil); rows[0][0] != int64(4) {
		t.Errorf("Person count = %v", rows[0][0])
	}
}
