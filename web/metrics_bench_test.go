package web

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph/gen"
)

// BenchmarkMetrics measures GET /api/metrics through the whole service
// (router, admission, the embedded store, gonum, JSON) on generated
// graphs of a few sizes, up to the default bound of 1000 nodes and one
// size past it (the bound and the time limit are raised for that), with
// GET /api/export of the same graph beside it: the ratio is what the
// metrics add to reading and sending the graph. Beside wall time it
// reports the process's CPU time per call (cpu-ms/op, user + system,
// from getrusage), which a machine shared with other work inflates far
// less than wall time.
//
//	go test ./web -run '^$' -bench Metrics -benchtime 5x
func BenchmarkMetrics(b *testing.B) {
	cfg := testConfig()
	cfg.Limits.MaxMetrics = 2000
	cfg.QueryTimeout = 10 * time.Minute
	for _, size := range []struct{ nodes, rels int }{{200, 600}, {500, 1500}, {1000, 3000}, {2000, 6000}} {
		h := NewServer(discardLogger(), memstoreWith(b, gen.PreferentialAttachment(size.nodes, size.rels, 1)), cfg)
		for _, call := range []string{"/api/export", "/api/metrics"} {
			b.Run(fmt.Sprintf("nodes=%d/rels=%d/%s", size.nodes, size.rels, call[5:]), func(b *testing.B) {
				start := cpuTime(b)
				for b.Loop() {
					rec := httptest.NewRecorder()
					h.ServeHTTP(rec, httptest.NewRequest("GET", call, nil))
					if rec.Code != http.StatusOK {
						b.Fatalf("%s: %d %s", call, rec.Code, rec.Body.String())
					}
				}
				b.ReportMetric(float64(cpuTime(b)-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
			})
		}
	}
}
