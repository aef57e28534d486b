package web

import (
	"encoding/json"
	"mime"
	"net"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// FuzzQueryParams throws arbitrary query strings, path ids, bodies,
// Content-Types and Host headers at every API route of a service bound to
// 127.0.0.1:8080 with an access token: user input must never cause a 500,
// every answer must be JSON (a problem for errors), a Host other than the
// loopback names on port 8080 is refused, and only an application/json
// body gets past the 415.
func FuzzQueryParams(f *testing.F) {
	const good = "127.0.0.1:8080"
	for _, seed := range []struct{ route, id, query, body, ctype, host string }{
		{"neighborhood", "china", "depth=2&types=SPIES_ON&direction=out&asOf=2015&limit=10", "", "", good},
		{"paths", "", "from=greg-austin&to=china&k=3&maxLength=4&types=BLAMES,SPIES_ON", "", "", good},
		{"search", "", "q=chi&label=Country&limit=5", "", "", "localhost:8080"},
		{"export", "", "around=china&depth=1&format=graphml", "", "", "[::1]:8080"},
		{"exportpost", "", "format=json", `{"nodes":["china","russia"]}`, "application/json", good},
		{"cypher", "", "", `{"query":"MATCH (n) WHERE n.name STARTS WITH $p RETURN n LIMIT 3","params":{"p":"C"}}`, "application/json; charset=utf-8", good},
		{"cypher", "", "", `{"query":"RETURN 1"}`, "text/plain", good},
		{"exportpost", "", "", `{"nodes":["china"]}`, "application/x-www-form-urlencoded", good},
		{"cypher", "", "", `{"query":"RETURN 1"}`, "application/json", "evil.example"},
		{"export", "", "", "", "", "evil.example:8080"},
		{"node", "china", "", "", "", "LOCALHOST.:8080"},
		{"metrics", "", "around=china&depth=2&types=SPIES_ON&asOf=2015&labels=Country,PublicBody", "", "", good},
		{"metricspost", "", "labels=Country&asOf=2015", `{"nodes":["china","russia","united-states"]}`, "application/json", good},
		{"node", "%00", "", "", "", good},
		{"neighborhood", "china", "depth=99999999999999999999&limit=-1&asOf=2015-02-30", "", "", good},
	} {
		f.Add(seed.route, seed.id, seed.query, seed.body, seed.ctype, seed.host)
	}
	const token = "fuzz-token-0123456789abcdef"
	_, store := newTestServer(f)
	cfg := testConfig()
	cfg.Hosts, _ = NewHostPolicy(good, nil)
	cfg.Token = token
	h := NewServer(discardLogger(), store, cfg)
	f.Fuzz(func(t *testing.T, route, id, query, body, ctype, host string) {
		var method, target string
		switch route {
		case "neighborhood":
			method, target = "GET", "/api/nodes/"+id+"/neighborhood"
		case "node":
			method, target = "GET", "/api/nodes/"+id
		case "paths":
			method, target = "GET", "/api/paths"
		case "search":
			method, target = "GET", "/api/nodes"
		case "export":
			method, target = "GET", "/api/export"
		case "exportpost":
			method, target = "POST", "/api/export"
		case "metrics":
			method, target = "GET", "/api/metrics"
		case "metricspost":
			method, target = "POST", "/api/metrics"
		case "cypher":
			method, target = "POST", "/api/cypher"
		default:
			return
		}
		if strings.ContainsAny(id, "/?#% \t\n\r") || strings.ContainsAny(query, "# \t\n\r") || strings.ContainsAny(ctype+host, "\r\n") {
			return // not a request line or header a client can send
		}
		if query != "" {
			target += "?" + query
		}
		if _, err := url.ParseRequestURI(target); err != nil {
			return
		}
		req := httptest.NewRequest(method, target, strings.NewReader(body))
		req.Host = host
		req.Header.Set("Authorization", "Bearer "+token)
		if ctype != "" {
			req.Header.Set("Content-Type", ctype)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		// 503 (busy) and 504 (time limit) are answers; a 500 is a bug.
		if rec.Code >= 500 && rec.Code != 503 && rec.Code != 504 {
			t.Fatalf("%s %s %q: %d %s", method, target, body, rec.Code, rec.Body.String())
		}
		if !json.Valid(rec.Body.Bytes()) && !strings.Contains(rec.Header().Get("Content-Type"), "xml") {
			t.Fatalf("%s %s: body is not JSON: %q", method, target, rec.Body.String())
		}
		for k := range rec.Header() {
			if strings.HasPrefix(k, "Access-Control-") {
				t.Fatalf("%s %s: CORS header %s without configured origins", method, target, k)
			}
		}
		if !loopbackOn8080(host) {
			if rec.Code != 403 {
				t.Fatalf("Host %q: %d, want 403", host, rec.Code)
			}
			return
		}
		if rec.Code == 403 {
			t.Fatalf("Host %q was refused: %s", host, rec.Body.String())
		}
		mt, params, err := mime.ParseMediaType(ctype)
		isJSON := err == nil && mt == "application/json" && (params["charset"] == "" || strings.EqualFold(params["charset"], "utf-8"))
		if method == "POST" && !isJSON && rec.Code != 415 {
			t.Fatalf("POST with Content-Type %q: %d, want 415", ctype, rec.Code)
		}
		if rec.Code == 415 && (method != "POST" || isJSON) {
			t.Fatalf("%s with Content-Type %q: 415", method, ctype)
		}
	})
}

// loopbackOn8080 is the fuzz test's own statement of which Host headers a
// service bound to 127.0.0.1:8080 answers: localhost, 127.0.0.1 or ::1
// (however spelt), on port 8080.
func loopbackOn8080(host string) bool {
	name, port, err := net.SplitHostPort(host)
	if err != nil || port != "8080" {
		return false
	}
	name = strings.TrimSuffix(strings.ToLower(name), ".")
	if name == "localhost" {
		return true
	}
	ip := net.ParseIP(name)
	return ip != nil && (ip.Equal(net.IPv4(127, 0, 0, 1)) || ip.Equal(net.IPv6loopback))
}
