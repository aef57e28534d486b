package web

import (
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
)

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
			})
		}
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
