package web

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestAdmission saturates the heavy calls with a query that runs until its
// time limit, and checks that another heavy call is refused at once with
// 503 and Retry-After while cheap calls still answer.
func TestAdmission(t *testing.T) {
	_, store := newTestServer(t)
	cfg := testConfig()
	cfg.Admission = AdmissionConfig{Cypher: 1, Queue: -1}
	// Long enough that, on a busy machine, the slow query still holds the
	// slot while the refusals below are looked for.
	cfg.CypherTimeout = 10 * time.Second
	h := NewServer(discardLogger(), store, cfg)

	slow := `{"query": "UNWIND range(1, 1000000) AS x UNWIND range(1, 1000) AS y WITH x, y WHERE (x + y) % 7 = 3 RETURN count(*) AS c"}`
	done := make(chan response, 1)
	sendSlow := func() {
		go func() {
			done <- do(t, h, "POST", "/api/cypher", strings.NewReader(slow), "Content-Type", "application/json")
		}()
	}
	sendSlow()

	// Once the slow query holds the one Cypher slot, another query is
	// refused at once.
	var refused response
	deadline := time.Now().Add(8 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case r := <-done:
			// A probe took the free slot before the slow query came:
			// the slow one was refused, and is sent again.
			if r.Code != http.StatusServiceUnavailable {
				t.Fatalf("the slow query ended with %d %s before its time limit", r.Code, r.Body)
			}
			sendSlow()
		default:
		}
		// With no queue, a refusal cannot have waited for the slot.
		r := do(t, h, "POST", "/api/cypher", strings.NewReader(`{"query": "RETURN 1 AS one"}`), "Content-Type", "application/json")
		if r.Code == http.StatusServiceUnavailable {
			refused = r
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if refused.ResponseRecorder == nil {
		t.Fatal("a heavy call beside a running slow query was never refused")
	}
	p := refused.problem(t, http.StatusServiceUnavailable)
	if p.Type != "/problems/busy" || refused.Header().Get("Retry-After") == "" {
		t.Errorf("refusal: type %q, Retry-After %q", p.Type, refused.Header().Get("Retry-After"))
	}
	// Cheap calls, and graph calls (another pool), do not queue behind it.
	for _, path := range []string{"/api/nodes/china", "/api/health", "/api/schema", "/api/nodes/china/neighborhood", "/api/paths?from=china&to=india"} {
		if r := do(t, h, "GET", path, nil); r.Code != http.StatusOK {
			t.Errorf("GET %s while saturated: %d", path, r.Code)
		}
	}
	if r := <-done; r.Code != http.StatusGatewayTimeout {
		t.Errorf("the slow query: %d %s, want 504 at its time limit", r.Code, r.Body)
	}
	// The slot is free again.
	if r := do(t, h, "POST", "/api/cypher", strings.NewReader(`{"query": "RETURN 1 AS one"}`), "Content-Type", "application/json"); r.Code != http.StatusOK {
		t.Errorf("a query after the slow one: %d", r.Code)
	}
}

func TestAdmissionDefaults(t *testing.T) {
	c := AdmissionConfig{}.withDefaults()
	if c.Running < 2 || c.Cypher < 1 || c.queue(c.Running) != 2*c.Running {
		t.Errorf("defaults %+v", c)
	}
	if q := (AdmissionConfig{Queue: -1}).queue(3); q != 0 {
		t.Errorf("Queue -1 gives %d, want none", q)
	}
}
