package cypher

import (
	"context"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// TestMemory runs each query with a 4 MiB cap: those that would hold more
// (in every place a run holds values) fail with KindMemoryLimit; the
// same queries with the default cap, and queries that hold little however
// much they read, succeed.
func TestMemory(t *testing.T) {
	g := fixtureGraph(t)
	big := map[string]any{"s": strings.Repeat("x", 4096)}
	cases := []struct {
		name   string
		query  string
		params map[string]any
		over   bool // over 4 MiB
	}{
		{"collect", "UNWIND range(1, 5000) AS x RETURN size(collect($s + x)) AS n", big, true},
		{"collect of lists", "UNWIND range(1, 20000) AS x RETURN size(collect([x, x, x, x, x, x, x, x, x, x])) AS n", nil, true},
		{"order by", "UNWIND range(1, 5000) AS x RETURN $s + x AS v ORDER BY v", big, true},
		{"distinct", "UNWIND range(1, 5000) AS x WITH DISTINCT $s + x AS v RETURN count(*) AS n", big, true},
		{"grouping keys", "UNWIND range(1, 5000) AS x RETURN $s + x AS v, count(*) AS c", big, true},
		{"list comprehension", "RETURN size([x IN range(1, 5000) | $s + x]) AS n", big, true},
		{"concatenation", "RETURN size($l + $l) AS n", map[string]any{"l": listOf(600, strings.Repeat("x", 4096))}, true},
		{"string concatenation", "RETURN size($a + $a) AS n", map[string]any{"a": strings.Repeat("x", 3<<20)}, true},
		{"COLLECT subquery", "RETURN size(COLLECT { UNWIND range(1, 5000) AS x RETURN $s + x }) AS n", big, true},
		{"range", "RETURN size(range(1, 900000)) AS n", nil, true},
		{"streaming many rows", "UNWIND range(1, 300) AS a UNWIND range(1, 300) AS b WITH a WHERE (a + b) % 2 = 0 RETURN count(*) AS n", nil, false},
		{"top k of many rows", "UNWIND range(1, 40) AS a UNWIND range(1, 50) AS b RETURN $s + (a * 1000 + b) AS v ORDER BY v DESC LIMIT 3", big, false},
		{"small aggregation", "UNWIND range(1, 1000) AS x RETURN collect(x)[0] AS n", nil, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Run(context.Background(), g, c.query, c.params, Options{MaxMemory: 4 << 20})
			switch {
			case c.over && graph.KindOf(err) != graph.KindMemoryLimit:
				t.Fatalf("err = %v, want KindMemoryLimit", err)
			case c.over:
				if code := err.(*graph.Error).Code; code != CodeMemoryLimit {
					t.Errorf("code = %q", code)
				}
				if _, err := Run(context.Background(), g, c.query, c.params, Options{}); err != nil {
					t.Fatalf("with the default cap: %v", err)
				}
			case err != nil:
				t.Fatalf("err = %v, want none", err)
			}
		})
	}
}

// TestMemoryPool checks the budget runs share: a run that would take the
// pool past its budget fails with KindBusy, and every run gives back what
// it held when it ends, however it ends.
func TestMemoryPool(t *testing.T) {
	g := fixtureGraph(t)
	pool := NewMemoryPool(2 << 20)
	s := map[string]any{"s": strings.Repeat("x", 4096)}
	q := "UNWIND range(1, 1000) AS x RETURN size(collect($s + x)) AS n" // about 4 MiB
	_, err := Run(context.Background(), g, q, s, Options{Pool: pool})
	if graph.KindOf(err) != graph.KindBusy {
		t.Fatalf("err = %v, want KindBusy", err)
	}
	if used := pool.Used(); used != 0 {
		t.Fatalf("the pool holds %d bytes after the run", used)
	}
	// Another run's holdings count against the budget.
	held := &meter{max: 1 << 30, pool: pool}
	if err := held.charge(1 << 20); err != nil {
		t.Fatal(err)
	}
	q = "UNWIND range(1, 400) AS x RETURN size(collect($s + x)) AS n" // about 1.6 MiB
	if _, err := Run(context.Background(), g, q, s, Options{Pool: pool}); graph.KindOf(err) != graph.KindBusy {
		t.Fatalf("with 1 MiB held elsewhere: %v, want KindBusy", err)
	}
	held.release()
	if _, err := Run(context.Background(), g, q, s, Options{Pool: pool}); err != nil {
		t.Fatalf("with the pool free: %v", err)
	}
	if used := pool.Used(); used != 0 {
		t.Fatalf("the pool holds %d bytes after the runs", used)
	}
}

func listOf(n int, v any) []any {
	out := make([]any, n)
	for i := range out {
		out[i] = v
	}
	return out
}
