package web

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/graphtest"
	"github.com/actorgraph/actorgraph/graph/memstore"
)

// TestMemoryLimit sends a query that would hold more than one query may:
// it gets 422 with a problem type of its own and Neo4j's code, and the
// server goes on answering, Cypher included.
func TestMemoryLimit(t *testing.T) {
	h, _ := newTestServer(t)
	body, _ := json.Marshal(map[string]any{
		"query":  "UNWIND range(1, 100000) AS x WITH collect($s + x) AS l RETURN size(l) AS n",
		"params": map[string]any{"s": strings.Repeat("x", 4096)},
	})
	r := do(t, h, "POST", "/api/cypher", strings.NewReader(string(body)), "Content-Type", "application/json")
	p := r.problem(t, http.StatusUnprocessableEntity)
	if p.Type != "/problems/memory_limit" || p.Code != "Neo.TransientError.General.TransactionMemoryLimit" || !strings.Contains(p.Detail, "256 MiB") {
		t.Errorf("problem = %+v", p)
	}
	for _, c := range []struct{ method, path, body string }{
		{"GET", "/api/health", ""},
		{"GET", "/api/nodes/china", ""},
		{"POST", "/api/cypher", `{"query": "MATCH (n) RETURN count(n) AS c"}`},
	} {
		var rr response
		if c.body == "" {
			rr = do(t, h, c.method, c.path, nil)
		} else {
			rr = do(t, h, c.method, c.path, strings.NewReader(c.body), "Content-Type", "application/json")
		}
		if rr.Code != http.StatusOK {
			t.Errorf("%s %s after it: %d", c.method, c.path, rr.Code)
		}
	}
}

// TestMemoryBudget: a query that finds the memory budget of the running
// queries too small is shed like any other call at capacity: 503,
// /problems/busy, Retry-After.
func TestMemoryBudget(t *testing.T) {
	limits := graph.DefaultLimits()
	limits.MemoryBudget = 1 << 20 // below what the query holds, above nothing
	store := memstore.New(limits)
	if _, err := store.Load(context.Background(), graphtest.Synthetic()); err != nil {
		t.Fatal(err)
	}
	h := NewServer(discardLogger(), store, testConfig())
	body, _ := json.Marshal(map[string]any{
		"query":  "UNWIND range(1, 1000) AS x WITH collect($s + x) AS l RETURN size(l) AS n",
		"params": map[string]any{"s": strings.Repeat("x", 4096)},
	})
	r := do(t, h, "POST", "/api/cypher", strings.NewReader(string(body)), "Content-Type", "application/json")
	p := r.problem(t, http.StatusServiceUnavailable)
	if p.Type != "/problems/busy" || r.Header().Get("Retry-After") == "" {
		t.Errorf("problem %+v, Retry-After %q", p, r.Header().Get("Retry-After"))
	}
}
