package web

import (
	"encoding/json"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// FuzzQueryParams throws arbitrary query strings, path ids and bodies at
// every API route: user input must never cause a 500, and every answer
// must be JSON (a problem for errors).
func FuzzQueryParams(f *testing.F) {
	for _, seed := range []struct{ route, id, query, body string }{
		{"neighborhood", "china", "depth=2&types=SPIES_ON&direction=out&asOf=2015&limit=10", ""},
		{"paths", "", "from=greg-austin&to=china&k=3&maxLength=4&types=BLAMES,SPIES_ON", ""},
		{"search", "", "q=chi&label=Country&limit=5", ""},
		{"export", "", "around=china&depth=1&format=graphml", ""},
		{"exportpost", "", "format=json", `{"nodes":["china","russia"]}`},
		{"cypher", "", "", `{"query":"MATCH (n) WHERE n.name STARTS WITH $p RETURN n LIMIT 3","params":{"p":"C"}}`},
		{"metrics", "", "around=china&depth=2&types=SPIES_ON&asOf=2015&labels=Country,PublicBody", ""},
		{"metricspost", "", "labels=Country&asOf=2015", `{"nodes":["china","russia","united-states"]}`},
		{"node", "%00", "", ""},
		{"neighborhood", "china", "depth=99999999999999999999&limit=-1&asOf=2015-02-30", ""},
	} {
		f.Add(seed.route, seed.id, seed.query, seed.body)
	}
	h, _ := newTestServer(f)
	f.Fuzz(func(t *testing.T, route, id, query, body string) {
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
		if strings.ContainsAny(id, "/?#% \t\n\r") || strings.ContainsAny(query, "# \t\n\r") {
			return // not a request line a client can send
		}
		if query != "" {
			target += "?" + query
		}
		if _, err := url.ParseRequestURI(target); err != nil {
			return
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(method, target, strings.NewReader(body)))
		// 503 (busy) and 504 (time limit) are answers; a 500 is a bug.
		if rec.Code >= 500 && rec.Code != 503 && rec.Code != 504 {
			t.Fatalf("%s %s %q: %d %s", method, target, body, rec.Code, rec.Body.String())
		}
		if !json.Valid(rec.Body.Bytes()) && !strings.Contains(rec.Header().Get("Content-Type"), "xml") {
			t.Fatalf("%s %s: body is not JSON: %q", method, target, rec.Body.String())
		}
	})
}
