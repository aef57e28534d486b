package web

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// cpuTime is the process's user and system CPU time so far. Benchmarks
// report it per operation beside the wall-clock time: on a machine
// shared with other jobs, waiting for a core inflates the wall-clock
// figure but not this one.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkGuards measures what the guards cost a request through the
// real router (NewServer, as serve builds it), side by side in one run:
//
//   - off: the router without the Host, Origin, Content-Type and token
//     checks (the baseline);
//   - on: the guards as served by default (no token);
//   - token: the guards with an access token, as docker-compose serves.
//
// Two cheap calls, where the guards' share is largest: a node by key,
// and a POST of the smallest Cypher query, which passes every check
// (Host, Origin, Content-Type, token).
func BenchmarkGuards(b *testing.B) {
	_, store := newTestServer(b)
	const token = "bench-token-0123456789abcdef0123456789"
	for _, call := range []struct {
		name, method, target, body string
	}{
		{"GET-node", "GET", "/api/nodes/china", ""},
		{"POST-cypher", "POST", "/api/cypher", `{"query":"RETURN 1 AS one"}`},
	} {
		for _, guards := range []string{"off", "on", "token"} {
			cfg := testConfig()
			switch guards {
			case "off":
				cfg.withoutGuards = true
			case "token":
				cfg.Token = token
			}
			h := NewServer(discardLogger(), store, cfg)
			b.Run(call.name+"/guards="+guards, func(b *testing.B) {
				cpu := cpuTime(b)
				for b.Loop() {
					req := httptest.NewRequest(call.method, call.target, strings.NewReader(call.body))
					req.Host = "127.0.0.1:8080"
					req.Header.Set("Authorization", "Bearer "+token)
					if call.method == "POST" {
						req.Header.Set("Content-Type", "application/json")
						req.Header.Set("Origin", "http://127.0.0.1:8080")
					}
					rec := httptest.NewRecorder()
					h.ServeHTTP(rec, req)
					if rec.Code != 200 {
						b.Fatal(rec.Code, rec.Body.String())
					}
				}
				b.ReportMetric(float64(cpuTime(b)-cpu)/float64(b.N), "cpu-ns/op")
			})
		}
	}
}

// BenchmarkGuardsInterleaved is BenchmarkGuards made robust to a shared
// machine: each iteration sends the same request through the three
// routers (off, on, token) in turn, rotating which goes first, and times
// each; it reports the median per router. Load that comes and goes then
// falls on the three alike, and the medians ignore the requests that
// waited for a core. The ns/op column is the three requests together.
func BenchmarkGuardsInterleaved(b *testing.B) {
	_, store := newTestServer(b)
	const token = "bench-token-0123456789abcdef0123456789"
	variants := []string{"off", "on", "token"}
	routers := make([]http.Handler, len(variants))
	for i, v := range variants {
		cfg := testConfig()
		switch v {
		case "off":
			cfg.withoutGuards = true
		case "token":
			cfg.Token = token
		}
		routers[i] = NewServer(discardLogger(), store, cfg)
	}
	for _, call := range []struct {
		name, method, target, body string
	}{
		{"GET-node", "GET", "/api/nodes/china", ""},
		{"POST-cypher", "POST", "/api/cypher", `{"query":"RETURN 1 AS one"}`},
	} {
		b.Run(call.name, func(b *testing.B) {
			times := make([][]time.Duration, len(routers))
			n := 0
			for b.Loop() {
				for k := range routers {
					i := (n + k) % len(routers)
					req := httptest.NewRequest(call.method, call.target, strings.NewReader(call.body))
					req.Host = "127.0.0.1:8080"
					req.Header.Set("Authorization", "Bearer "+token)
					if call.method == "POST" {
						req.Header.Set("Content-Type", "application/json")
						req.Header.Set("Origin", "http://127.0.0.1:8080")
					}
					rec := httptest.NewRecorder()
					start := time.Now()
					routers[i].ServeHTTP(rec, req)
					times[i] = append(times[i], time.Since(start))
					if rec.Code != 200 {
						b.Fatal(variants[i], rec.Code, rec.Body.String())
					}
				}
				n++
			}
			for i, v := range variants {
				slices.Sort(times[i])
				b.ReportMetric(float64(times[i][len(times[i])/2].Nanoseconds()), v+"-p50-ns")
			}
		})
	}
}

// BenchmarkAuditLine: one audited Cypher query, with its line appended
// and fsynced, against the same query unaudited. The difference is
// mostly the fsync, so it depends on the disk under TMPDIR.
func BenchmarkAuditLine(b *testing.B) {
	_, store := newTestServer(b)
	a, err := OpenAuditLog(filepath.Join(b.TempDir(), "audit.log"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = a.Close() })
	for _, bc := range []struct {
		name  string
		audit *AuditLog
	}{{"off", nil}, {"on", a}} {
		cfg := testConfig()
		cfg.Audit = bc.audit
		h := NewServer(discardLogger(), store, cfg)
		b.Run("audit="+bc.name, func(b *testing.B) {
			for b.Loop() {
				req := httptest.NewRequest("POST", "/api/cypher", strings.NewReader(`{"query":"MATCH (n {key: $k}) RETURN n.name","params":{"k":"china"}}`))
				req.Host = "127.0.0.1:8080"
				req.Header.Set("Content-Type", "application/json")
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != 200 {
					b.Fatal(rec.Code, rec.Body.String())
				}
			}
		})
	}
}
