package web

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/exchange"
	"github.com/actorgraph/actorgraph/graph/memstore"
)

// fixedNow keeps export timestamps stable in tests.
func fixedNow() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) }

// testHost is the Host httptest.NewRequest gives a request whose target
// is a path.
const testHost = "example.com"

// testConfig is a service bound to 127.0.0.1:8080 that also answers
// testHost, as it would behind a proxy of that name.
func testConfig() Config {
	cfg := DefaultConfig()
	cfg.Now = fixedNow
	hosts, err := NewHostPolicy("127.0.0.1:8080", []string{testHost})
	if err != nil {
		panic(err)
	}
	cfg.Hosts = hosts
	return cfg
}

func discardLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// memstoreWith returns an embedded store holding g.
func memstoreWith(t testing.TB, g graph.Graph) graph.Store {
	t.Helper()
	store := memstore.New(graph.DefaultLimits())
	if _, err := store.Load(context.Background(), g); err != nil {
		t.Fatalf("loading: %v", err)
	}
	t.Cleanup(func() { _ = store.Close() })
	return store
}

// newTestServer serves the article graph from the real embedded store.
func newTestServer(t testing.TB) (http.Handler, graph.Store) {
	t.Helper()
	g, err := exchange.ReadFiles("../seeds")
	if err != nil {
		t.Fatalf("reading seeds: %v", err)
	}
	store := memstoreWith(t, g)
	return NewServer(discardLogger(), store, testConfig()), store
}

type response struct {
	*httptest.ResponseRecorder
}

func do(t *testing.T, h http.Handler, method, target string, body io.Reader, header ...string) response {
	t.Helper()
	req := httptest.NewRequest(method, target, body)
	for i := 0; i+1 < len(header); i += 2 {
		if header[i] == "Host" {
			req.Host = header[i+1]
			continue
		}
		if header[i+1] != "" {
			req.Header.Set(header[i], header[i+1])
		}
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return response{rec}
}

func (r response) decode(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body.Bytes(), v); err != nil {
		t.Fatalf("decoding %q: %v", r.Body.String(), err)
	}
}

// problem checks that r is an RFC 9457 problem with the given status and
// returns it.
func (r response) problem(t *testing.T, status int) Problem {
	t.Helper()
	if r.Code != status {
		t.Fatalf("status = %d, want %d; body %s", r.Code, status, r.Body.String())
	}
	if ct := r.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
		t.Fatalf("Content-Type = %q, want application/problem+json", ct)
	}
	var p Problem
	r.decode(t, &p)
	if p.Status != status || p.Title == "" || p.Detail == "" || p.Type == "" || p.RequestID == "" {
		t.Fatalf("incomplete problem: %+v", p)
	}
	if p.RequestID != r.Header().Get("X-Request-Id") {
		t.Fatalf("problem requestId %q != X-Request-Id %q", p.RequestID, r.Header().Get("X-Request-Id"))
	}
	return p
}

func TestHealthAndSchema(t *testing.T) {
	t.Parallel()
	h, store := newTestServer(t)
	r := do(t, h, "GET", "/api/health", nil)
	if r.Code != 200 || strings.TrimSpace(r.Body.String()) != `{"status":"ok","store":"memory"}` {
		t.Fatalf("health: %d %s", r.Code, r.Body.String())
	}
	var s graph.Schema
	r = do(t, h, "GET", "/api/schema", nil)
	r.decode(t, &s)
	dump, err := store.Dump(t.Context(), 100000)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{}
	for _, n := range dump.Nodes {
		for _, l := range n.Labels {
			want[l]++
		}
	}
	got := map[string]int{}
	for _, c := range s.Labels {
		got[c.Name] = c.Count
	}
	if len(got) != len(want) || got[graph.LabelActor] != len(dump.Nodes) {
		t.Fatalf("schema labels %v, want %v", got, want)
	}
	for l, n := range want {
		if got[l] != n {
			t.Errorf("label %s: schema says %d, dump has %d", l, got[l], n)
		}
	}
	total := 0
	for _, c := range s.RelationshipTypes {
		total += c.Count
	}
	if total != len(dump.Relationships) {
		t.Errorf("schema counts %d relationships, dump has %d", total, len(dump.Relationships))
	}
}

// TestLimits checks that /api/limits reports the bounds the server enforces:
// a changed bound shows in the answer, and a request past it is refused.
func TestLimits(t *testing.T) {
	t.Parallel()
	g, err := exchange.ReadFiles("../seeds")
	if err != nil {
		t.Fatal(err)
	}
	cfg := testConfig()
	cfg.Limits.MaxK = 4
	cfg.Limits.MaxPathLength = 7
	cfg.CypherTimeout = 1500 * time.Millisecond
	h := NewServer(discardLogger(), memstoreWith(t, g), cfg)
	var got map[string]int64
	do(t, h, "GET", "/api/limits", nil).decode(t, &got)
	want := map[string]int64{
		"maxDepth": 4, "maxNeighborhood": 5000, "defaultNeighborhood": 500, "maxSearch": 1000, "defaultSearch": 20,
		"maxK": 4, "defaultK": 3, "maxPathLength": 7, "defaultPathLength": 6, "maxSubgraph": 10000,
		"maxBodyBytes": 1 << 20, "cypherMaxRows": 10000, "cypherTimeoutMs": 1500,
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %d, want %d", k, got[k], v)
		}
	}
	if len(got) != len(want) {
		t.Errorf("limits has %d fields, want %d: %v", len(got), len(want), got)
	}
	if r := do(t, h, "GET", "/api/paths?from=china&to=india&k=5", nil); r.Code != http.StatusBadRequest {
		t.Errorf("k past the reported maxK: %d, want 400", r.Code)
	}
	if r := do(t, h, "GET", "/api/paths?from=china&to=india&k=4", nil); r.Code != http.StatusOK {
		t.Errorf("k at the reported maxK: %d, want 200", r.Code)
	}
}

func TestNodeByIDAndKey(t *testing.T) {
	t.Parallel()
	h, _ := newTestServer(t)
	var byKey, byID graph.Node
	do(t, h, "GET", "/api/nodes/china", nil).decode(t, &byKey)
	if byKey.ID != graph.NodeID("china") || !byKey.HasLabel("Country") || byKey.Name() != "China" {
		t.Fatalf("GET /api/nodes/china = %+v", byKey)
	}
	do(t, h, "GET", "/api/nodes/"+byKey.ID, nil).decode(t, &byID)
	if byID.Key != "china" {
		t.Fatalf("by id: %+v", byID)
	}
	for _, target := range []string{"/api/nodes/no-such-actor", "/api/nodes/" + graph.NodeID("no-such-actor"), "/api/nodes/no-such/neighborhood"} {
		do(t, h, "GET", target, nil).problem(t, 404)
	}
}

func TestSearch(t *testing.T) {
	t.Parallel()
	h, _ := newTestServer(t)
	var res struct{ Nodes []graph.Node }
	do(t, h, "GET", "/api/nodes?q=CHINA&limit=5", nil).decode(t, &res)
	if len(res.Nodes) == 0 || res.Nodes[0].Key != "china" {
		t.Fatalf("search CHINA: first is not china: %+v", res.Nodes)
	}
	if len(res.Nodes) > 5 {
		t.Fatalf("limit 5 returned %d", len(res.Nodes))
	}
	do(t, h, "GET", "/api/nodes?q=china&label=Person", nil).decode(t, &res)
	for _, n := range res.Nodes {
		if !n.HasLabel("Person") {
			t.Fatalf("label filter let through %+v", n)
		}
	}
	var empty struct{ Nodes []graph.Node }
	r := do(t, h, "GET", "/api/nodes?q=zzzzqqqq", nil)
	r.decode(t, &empty)
	if empty.Nodes == nil || len(empty.Nodes) != 0 || !strings.Contains(r.Body.String(), `"nodes":[]`) {
		t.Fatalf("no hits should be an empty list: %s", r.Body.String())
	}
}

// TestBadInput: user input never causes a 500, and every rejection names
// the parameter and its allowed range.
func TestBadInput(t *testing.T) {
	t.Parallel()
	h, _ := newTestServer(t)
	cases := []struct {
		target string
		status int
		param  string
		ranged bool // the detail names the allowed range
	}{
		{"/api/nodes/china/neighborhood?depth=99", 400, "depth", true},
		{"/api/nodes/china/neighborhood?depth=-1", 400, "depth", true},
		{"/api/nodes/china/neighborhood?depth=0", 400, "depth", true},
		{"/api/nodes/china/neighborhood?depth=two", 400, "depth", true},
		{"/api/nodes/china/neighborhood?limit=1000000", 400, "limit", true},
		{"/api/nodes/china/neighborhood?direction=sideways", 400, "direction", false},
		{"/api/nodes/china/neighborhood?asOf=yesterday", 400, "asOf", false},
		{"/api/nodes/china/neighborhood?types=spies-on", 400, "types", false},
		{"/api/nodes?limit=0", 400, "limit", true},
		{"/api/nodes?limit=99999", 400, "limit", true},
		{"/api/paths?from=china", 400, "to", false},
		{"/api/paths?to=china", 400, "from", false},
		{"/api/paths?from=china&to=russia&k=11", 400, "k", true},
		{"/api/paths?from=china&to=russia&k=0", 400, "k", true},
		{"/api/paths?from=china&to=russia&maxLength=100", 400, "maxLength", true},
		{"/api/paths?from=china&to=nobody", 404, "", false},
		{"/api/export?around=china&format=pdf", 400, "format", false},
		{"/api/export?around=nobody", 404, "", false},
		{"/api/export?around=china&depth=9", 400, "depth", true},
		{"/api/nodes/china/neighborhood?minReliability=F", 400, "minReliability", false},
		{"/api/nodes/china/neighborhood?minReliability=AA", 400, "minReliability", false},
		{"/api/nodes/china/neighborhood?minCredibility=0", 400, "minCredibility", false},
		{"/api/paths?from=china&to=russia&minCredibility=6", 400, "minCredibility", false},
		{"/api/paths?from=china&to=russia&minCredibility=high", 400, "minCredibility", false},
		{"/api/export?minReliability=Q", 400, "minReliability", false},
		// The whole graph has no neighbourhood: its parameters are refused, not ignored.
		{"/api/export?limit=5", 400, "limit", false},
		{"/api/export?depth=2", 400, "depth", false},
		{"/api/export?types=SPIES_ON", 400, "types", false},
		{"/api/export?direction=out", 400, "direction", false},
		{"/api/export?asOf=2013", 400, "asOf", false},
		{"/api/claims?a=china", 400, "b", false},
		{"/api/claims?b=china", 400, "a", false},
		{"/api/claims?a=china&b=nobody", 404, "", false},
		{"/api/claims?a=china&b=russia&minCredibility=9", 400, "minCredibility", false},
	}
	for _, tc := range cases {
		t.Run(tc.target, func(t *testing.T) {
			p := do(t, h, "GET", tc.target, nil).problem(t, tc.status)
			if p.Param != tc.param {
				t.Fatalf("param = %q, want %q (%s)", p.Param, tc.param, p.Detail)
			}
			if strings.Contains(p.Detail, "between") != tc.ranged {
				t.Fatalf("detail %q should give the allowed range: %v", p.Detail, tc.ranged)
			}
		})
	}
	t.Run("bodies", func(t *testing.T) {
		for _, body := range []string{"", "{", `{"nodes":"china"}`, `{"nodes":[]}`, `{"nodes":["china"],"extra":1}`, `{"nodes":["china"]} []`} {
			do(t, h, "POST", "/api/export", strings.NewReader(body), "Content-Type", "application/json").problem(t, 400)
		}
		big := `{"nodes":["` + strings.Repeat("x", 2<<20) + `"]}`
		p := do(t, h, "POST", "/api/export", strings.NewReader(big), "Content-Type", "application/json").problem(t, 400)
		if !strings.Contains(p.Detail, "larger than") {
			t.Fatalf("oversized body: %q", p.Detail)
		}
		do(t, h, "POST", "/api/export", strings.NewReader(`{"nodes":["china","nobody"]}`), "Content-Type", "application/json").problem(t, 404)
	})
	t.Run("methods and paths", func(t *testing.T) {
		do(t, h, "DELETE", "/api/nodes/china", nil).problem(t, 405)
		do(t, h, "GET", "/api/nope", nil).problem(t, 404)
	})
}

// TestTiesBadInput: POST /api/claims refuses what it cannot answer with
// a problem naming the parameter, as every endpoint does.
func TestTiesBadInput(t *testing.T) {
	t.Parallel()
	h, _ := newTestServer(t)
	most := testConfig().Limits.MaxSubgraph
	tooMany := `{"nodes":["china"` + strings.Repeat(`,"china"`, most) + `]}`
	cases := []struct {
		name, query, body, contentType string
		status                         int
		param                          string
	}{
		{"no nodes", "", `{"nodes":[]}`, "application/json", 400, "nodes"},
		{"nodes left out", "", `{}`, "application/json", 400, "nodes"},
		{"one node more than a subgraph takes", "", tooMany, "application/json", 400, "nodes"},
		{"not a list", "", `{"nodes":"china"}`, "application/json", 400, "body"},
		{"unknown field", "", `{"nodes":["china"],"claims":true}`, "application/json", 400, "body"},
		{"unknown node", "", `{"nodes":["china","nobody"]}`, "application/json", 404, ""},
		{"bad type", "?types=spies-on", `{"nodes":["china"]}`, "application/json", 400, "types"},
		{"bad threshold", "?minReliability=F", `{"nodes":["china"]}`, "application/json", 400, "minReliability"},
		{"not JSON", "", `nodes=china`, "application/x-www-form-urlencoded", 415, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := do(t, h, "POST", "/api/claims"+tc.query, strings.NewReader(tc.body), "Content-Type", tc.contentType).problem(t, tc.status)
			if p.Param != tc.param {
				t.Fatalf("param = %q, want %q (%s)", p.Param, tc.param, p.Detail)
			}
		})
	}
	// The longest list allowed is answered.
	r := do(t, h, "POST", "/api/claims", strings.NewReader(strings.Replace(tooMany, `"china",`, "", 1)), "Content-Type", "application/json")
	if r.Code != 200 {
		t.Fatalf("%d nodes: %d %s", most, r.Code, r.Body.String())
	}
}

// TestTiesAgreeOnSeeds: for every tie among the seed graph's nodes, POST
// /api/claims says what GET /api/claims says between its ends (the
// canvas's marks and the evidence panel read these two), and the seed
// graph has ties of both kinds the viewer marks.
func TestTiesAgreeOnSeeds(t *testing.T) {
	t.Parallel()
	h, store := newTestServer(t)
	g, err := store.Dump(t.Context(), 10000)
	if err != nil {
		t.Fatal(err)
	}
	keys := []string{}
	for _, n := range g.Nodes {
		keys = append(keys, n.Key)
	}
	body, err := json.Marshal(map[string][]string{"nodes": keys})
	if err != nil {
		t.Fatal(err)
	}
	var got struct{ Ties []graph.Corroboration }
	r := do(t, h, "POST", "/api/claims", bytes.NewReader(body), "Content-Type", "application/json")
	if r.Code != 200 {
		t.Fatalf("POST /api/claims: %d %s", r.Code, r.Body.String())
	}
	r.decode(t, &got)
	var contested, single int
	for _, tie := range got.Ties {
		if tie.Contested {
			contested++
		}
		if tie.SingleSource {
			single++
		}
		var claims graph.Claims
		do(t, h, "GET", "/api/claims?"+url.Values{"a": {tie.Start}, "b": {tie.End}, "types": {tie.Type}}.Encode(), nil).decode(t, &claims)
		i := slices.IndexFunc(claims.Ties, func(x graph.Tie) bool { return x.Start == tie.Start && x.End == tie.End })
		if i < 0 || claims.Ties[i].Corroboration != tie {
			t.Errorf("POST says %+v; GET between its ends %+v", tie, claims.Ties)
		}
	}
	if contested == 0 || single == 0 || len(got.Ties) == 0 {
		t.Errorf("%d ties, %d contested, %d single-source: the seed graph should have both kinds", len(got.Ties), contested, single)
	}
}

func TestExportRoundTrip(t *testing.T) {
	t.Parallel()
	h, _ := newTestServer(t)
	r := do(t, h, "GET", "/api/export", nil)
	if r.Code != 200 || !strings.HasPrefix(r.Header().Get("Content-Disposition"), "attachment") {
		t.Fatalf("export: %d %v", r.Code, r.Header())
	}
	first := r.Body.Bytes()
	g, err := exchange.DecodeJSON("export.json", first)
	if err != nil {
		t.Fatal(err)
	}
	empty := memstore.New(graph.DefaultLimits())
	st, err := empty.Load(t.Context(), g)
	if err != nil {
		t.Fatal(err)
	}
	if st.NodesCreated != len(g.Nodes) || st.RelationshipsCreated != len(g.Relationships) || len(g.Relationships) == 0 {
		t.Fatalf("load stats %+v for %d nodes / %d rels", st, len(g.Nodes), len(g.Relationships))
	}
	h2 := NewServer(discardLogger(), empty, testConfig())
	second := do(t, h2, "GET", "/api/export", nil).Body.Bytes()
	if !bytes.Equal(first, second) {
		t.Fatalf("export → load → export differs:\n%s\n---\n%s", first[:min(len(first), 400)], second[:min(len(second), 400)])
	}

	// Around a node, and by node list, give subsets with only internal edges.
	var doc exchange.Document
	do(t, h, "GET", "/api/export?around=greg-austin&depth=1", nil).decode(t, &doc)
	if doc.Format != exchange.Format || len(doc.Nodes) < 2 {
		t.Fatalf("around export: %+v", doc)
	}
	// limit bounds an export around a node as it bounds a neighbourhood.
	var small exchange.Document
	do(t, h, "GET", "/api/export?around=china&depth=2&limit=5", nil).decode(t, &small)
	if len(small.Nodes) != 5 {
		t.Fatalf("around export with limit=5 has %d nodes", len(small.Nodes))
	}
	do(t, h, "GET", "/api/export?around=china&depth=2", nil).decode(t, &doc)
	if len(doc.Nodes) <= 5 {
		t.Fatalf("around export without a limit has only %d nodes", len(doc.Nodes))
	}
	do(t, h, "POST", "/api/export", strings.NewReader(`{"nodes":["china","united-states","russia"]}`), "Content-Type", "application/json").decode(t, &doc)
	if len(doc.Nodes) != 3 {
		t.Fatalf("POST export nodes = %d", len(doc.Nodes))
	}
	in := map[string]bool{}
	for _, n := range doc.Nodes {
		in[n.ID] = true
	}
	for _, rel := range doc.Relationships {
		if !in[rel.Start] || !in[rel.End] {
			t.Fatalf("relationship %s leaves the exported set", rel.ID)
		}
	}
}

func TestExportGraphML(t *testing.T) {
	t.Parallel()
	h, _ := newTestServer(t)
	r := do(t, h, "GET", "/api/export?around=china&format=graphml", nil)
	if r.Code != 200 || r.Header().Get("Content-Type") != "application/graphml+xml" {
		t.Fatalf("graphml: %d %s", r.Code, r.Header().Get("Content-Type"))
	}
	var doc struct {
		Keys  []struct{ ID, For, Name string } `xml:"key"`
		Graph struct {
			Nodes []struct {
				ID string `xml:"id,attr"`
			} `xml:"node"`
			Edges []struct {
				Source string `xml:"source,attr"`
				Target string `xml:"target,attr"`
			} `xml:"edge"`
		} `xml:"graph"`
	}
	if err := xml.Unmarshal(r.Body.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	var nb graph.Neighborhood
	do(t, h, "GET", "/api/nodes/china/neighborhood?limit=5000", nil).decode(t, &nb)
	if len(doc.Graph.Nodes) != len(nb.Nodes) || len(doc.Graph.Edges) != len(nb.Relationships) {
		t.Fatalf("graphml has %d nodes/%d edges, neighbourhood %d/%d", len(doc.Graph.Nodes), len(doc.Graph.Edges), len(nb.Nodes), len(nb.Relationships))
	}
	ids := map[string]bool{}
	for _, n := range doc.Graph.Nodes {
		ids[n.ID] = true
	}
	for _, e := range doc.Graph.Edges {
		if !ids[e.Source] || !ids[e.Target] {
			t.Fatalf("edge %v refers to a missing node", e)
		}
	}
}

// TestOpenAPIDescribesEveryRoute keeps openapi.json and routes.go in step.
func TestOpenAPIDescribesEveryRoute(t *testing.T) {
	t.Parallel()
	h, _ := newTestServer(t)
	var doc struct {
		OpenAPI string                    `json:"openapi"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	do(t, h, "GET", "/api/openapi.json", nil).decode(t, &doc)
	if doc.OpenAPI != "3.1.0" {
		t.Fatalf("openapi = %q", doc.OpenAPI)
	}
	described := map[string]bool{}
	for p, ops := range doc.Paths {
		for m := range ops {
			described[strings.ToUpper(m)+" "+p] = true
		}
	}
	param := regexp.MustCompile(`:([A-Za-z]+)`)
	routes := h.(interface{ Routes() gin.RoutesInfo }).Routes()
	if len(routes) < 10 {
		t.Fatalf("only %d routes", len(routes))
	}
	seen := map[string]bool{}
	for _, rt := range routes {
		key := rt.Method + " " + param.ReplaceAllString(rt.Path, "{$1}")
		seen[key] = true
		if !described[key] {
			t.Errorf("route %s is not in openapi.json", key)
		}
	}
	for key := range described {
		if !seen[key] {
			t.Errorf("openapi.json describes %s, which no route serves", key)
		}
	}
}

func TestViewerAssets(t *testing.T) {
	t.Parallel()
	h, _ := newTestServer(t)
	r := do(t, h, "GET", "/", nil)
	if r.Code != 200 || !strings.Contains(r.Body.String(), "<html") {
		t.Fatalf("GET /: %d", r.Code)
	}
	etag := r.Header().Get("ETag")
	if etag == "" || r.Header().Get("Cache-Control") != "no-cache" {
		t.Fatalf("index.html headers: %v", r.Header())
	}
	if csp := r.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
		t.Fatalf("CSP = %q", csp)
	}
	if r := do(t, h, "GET", "/", nil, "If-None-Match", etag); r.Code != http.StatusNotModified || r.Body.Len() != 0 {
		t.Fatalf("conditional GET: %d", r.Code)
	}
	if r := do(t, h, "GET", "/", nil, "If-None-Match", `"stale"`); r.Code != 200 {
		t.Fatalf("stale etag: %d", r.Code)
	}
	// Every script and stylesheet index.html names is served, hashed
	// ones as immutable.
	refs := regexp.MustCompile(`(?:src|href)="(?:\./|/)?([^"]+\.(?:js|css))"`).FindAllStringSubmatch(r.Body.String(), -1)
	for _, m := range refs {
		a := do(t, h, "GET", "/"+m[1], nil)
		if a.Code != 200 {
			t.Errorf("asset %s: %d", m[1], a.Code)
		}
		if regexp.MustCompile(`-[A-Za-z0-9]{8,}\.`).MatchString(m[1]) && !strings.Contains(a.Header().Get("Cache-Control"), "immutable") {
			t.Errorf("hashed asset %s is not immutable: %q", m[1], a.Header().Get("Cache-Control"))
		}
	}
	do(t, h, "GET", "/no-such-file.js", nil).problem(t, 404)
}

func TestCypher(t *testing.T) {
	t.Parallel()
	h, _ := newTestServer(t)
	post := func(body string) response {
		return do(t, h, "POST", "/api/cypher", strings.NewReader(body), "Content-Type", "application/json")
	}
	t.Run("rows and graph", func(t *testing.T) {
		var res graph.CypherResult
		r := post(`{"query":"MATCH (a {key: $from})-[r:SPIES_ON]->(b) RETURN a, r, b.name AS target ORDER BY target","params":{"from":"china"}}`)
		if r.Code != 200 {
			t.Fatalf("%d %s", r.Code, r.Body.String())
		}
		r.decode(t, &res)
		if strings.Join(res.Columns, ",") != "a,r,target" || len(res.Rows) == 0 || res.Stats.Rows != len(res.Rows) || res.Stats.Truncated {
			t.Fatalf("result %+v", res)
		}
		// The graph holds China, every relationship, and the nodes at the
		// far end of each relationship, though the rows hold only names.
		targets := map[any]bool{}
		for _, row := range res.Rows {
			targets[row[2]] = true
		}
		if len(res.Graph.Nodes) != 1+len(targets) || len(res.Graph.Relationships) != len(res.Rows) {
			t.Fatalf("graph has %d nodes, %d rels for %d rows", len(res.Graph.Nodes), len(res.Graph.Relationships), len(res.Rows))
		}
		// Node cells use the API's Node shape.
		cell, _ := res.Rows[0][0].(map[string]any)
		if cell["key"] != "china" || cell["id"] != graph.NodeID("china") {
			t.Fatalf("node cell %v", res.Rows[0][0])
		}
	})
	t.Run("EXPLAIN and PROFILE", func(t *testing.T) {
		r := post(`{"query":"MATCH (a:Actor {key: $k})-[r]-(b) RETURN b.key AS k","params":{"k":"china"}}`)
		if r.Code != 200 || strings.Contains(r.Body.String(), `"plan"`) {
			t.Fatalf("plain query: %d %s", r.Code, r.Body.String())
		}
		var plain graph.CypherResult
		r.decode(t, &plain)
		var ex graph.CypherResult
		post(`{"query":"EXPLAIN MATCH (a:Actor {key: $k})-[r]-(b) RETURN b.key AS k","params":{"k":"china"}}`).decode(t, &ex)
		if ex.Plan == nil || ex.Plan.Mode != "EXPLAIN" || len(ex.Rows) != 0 || ex.Stats.Rows != 0 {
			t.Fatalf("EXPLAIN: %+v", ex)
		}
		seek := ex.Plan.Root
		for len(seek.Children) > 0 {
			seek = seek.Children[0]
		}
		if seek.Operator != "NodeUniqueIndexSeek" || seek.Index == "" {
			t.Errorf("EXPLAIN starts with %s [%s], want a unique index seek", seek.Operator, seek.Index)
		}
		var pr graph.CypherResult
		post(`{"query":"PROFILE MATCH (a:Actor {key: $k})-[r]-(b) RETURN b.key AS k","params":{"k":"china"}}`).decode(t, &pr)
		if pr.Plan == nil || pr.Plan.Mode != "PROFILE" || len(pr.Rows) != len(plain.Rows) || pr.Plan.Root.Rows == nil || *pr.Plan.Root.Rows != int64(len(plain.Rows)) {
			t.Fatalf("PROFILE: %d rows (plain %d), plan %+v", len(pr.Rows), len(plain.Rows), pr.Plan)
		}
		if p := post(`{"query":"EXPLAIN MATCH (n)\nRETURN n LIMT 3"}`).problem(t, 400); p.Line != 2 {
			t.Errorf("EXPLAIN of a syntax error: %+v", p)
		}
	})
	t.Run("truncated", func(t *testing.T) {
		var res graph.CypherResult
		post(`{"query":"UNWIND range(1, 20000) AS i RETURN i"}`).decode(t, &res)
		if !res.Stats.Truncated || len(res.Rows) != DefaultConfig().CypherMaxRows {
			t.Fatalf("rows %d truncated %v", len(res.Rows), res.Stats.Truncated)
		}
	})
	t.Run("syntax error has a position", func(t *testing.T) {
		p := post(`{"query":"MATCH (n)\nRETURN n LIMT 3"}`).problem(t, 400)
		if p.Line != 2 || p.Column == 0 {
			t.Fatalf("problem %+v", p)
		}
	})
	t.Run("writes refused", func(t *testing.T) {
		before := do(t, h, "GET", "/api/schema", nil).Body.String()
		for _, q := range []string{"CREATE (n:X)", "MATCH (n) SET n.x = 1", "MATCH (n) DETACH DELETE n", "MERGE (n:X {a: 1})", "MATCH (n) REMOVE n.name", "CALL db.labels()", "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l"} {
			body, _ := json.Marshal(map[string]string{"query": q})
			post(string(body)).problem(t, 400)
		}
		if after := do(t, h, "GET", "/api/schema", nil).Body.String(); after != before {
			t.Fatalf("a refused write changed the graph:\n%s\n%s", before, after)
		}
	})
	t.Run("bad requests", func(t *testing.T) {
		post(`{"query":""}`).problem(t, 400)
		post(`{"query":"RETURN 1","params":[1]}`).problem(t, 400)
		big, _ := json.Marshal(map[string]string{"query": "RETURN '" + strings.Repeat("x", 70<<10) + "'"})
		if p := post(string(big)).problem(t, 400); p.Param != "query" {
			t.Fatalf("oversized query: %+v", p)
		}
	})
}

func TestNeighborhoodAndPathsShapes(t *testing.T) {
	t.Parallel()
	h, _ := newTestServer(t)
	r := do(t, h, "GET", "/api/nodes/china/neighborhood?depth=1", nil)
	for _, field := range []string{`"nodes":`, `"relationships":`, `"truncated":`} {
		if !strings.Contains(r.Body.String(), field) {
			t.Fatalf("neighbourhood lacks %s", field)
		}
	}
	var nb graph.Neighborhood
	r.decode(t, &nb)
	for _, rel := range nb.Relationships {
		if !graph.IsID(rel.Start) || !graph.IsID(rel.End) || rel.Type == "" {
			t.Fatalf("bad relationship shape %+v", rel)
		}
	}
	var res struct{ Paths []graph.Path }
	do(t, h, "GET", "/api/paths?"+url.Values{"from": {"greg-austin"}, "to": {"china"}, "k": {"3"}}.Encode(), nil).decode(t, &res)
	if len(res.Paths) == 0 {
		t.Fatal("no path from greg-austin to china")
	}
	for i, p := range res.Paths {
		if p.Length != len(p.Relationships) || len(p.Nodes) != p.Length+1 || p.Nodes[0].Key != "greg-austin" || p.Nodes[p.Length].Key != "china" {
			t.Fatalf("path %d malformed: %+v", i, p)
		}
		if i > 0 && p.Length < res.Paths[i-1].Length {
			t.Fatalf("paths not ordered by length")
		}
	}
}

// TestExportFormats: every format of the one export path answers GET
// (around a node) and POST (a node list) with its media type and file
// name, and the formats actorgraph reads back hold the selected graph.
func TestExportFormats(t *testing.T) {
	t.Parallel()
	h, _ := newTestServer(t)
	var nb graph.Neighborhood
	do(t, h, "GET", "/api/nodes/china/neighborhood?limit=5000", nil).decode(t, &nb)
	for _, f := range exchange.Writers() {
		t.Run(f.Name, func(t *testing.T) {
			t.Parallel()
			for _, req := range []struct {
				method, target string
				body           string
				nodes, rels    int
			}{
				{"GET", "/api/export?around=china&format=" + f.Name, "", len(nb.Nodes), len(nb.Relationships)},
				{"POST", "/api/export?format=" + f.Name, `{"nodes":["china","united-states"]}`, 2, -1},
			} {
				r := do(t, h, req.method, req.target, strings.NewReader(req.body), "Content-Type", "application/json")
				if r.Code != 200 || r.Header().Get("Content-Type") != f.MediaType {
					t.Fatalf("%s %s: %d %s", req.method, req.target, r.Code, r.Header().Get("Content-Type"))
				}
				if cd := r.Header().Get("Content-Disposition"); !strings.Contains(cd, "."+f.Ext+`"`) {
					t.Fatalf("Content-Disposition %q does not name a .%s file", cd, f.Ext)
				}
				if f.Name != "json" && f.Name != "ftm" && f.Name != "csv" {
					continue
				}
				path := t.TempDir() + "/" + f.Filename()
				if err := os.WriteFile(path, r.Body.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				g, err := exchange.ReadFiles(path)
				if err != nil {
					t.Fatal(err)
				}
				if len(g.Nodes) != req.nodes || req.rels >= 0 && len(g.Relationships) != req.rels {
					t.Fatalf("%s %s reads back as %d nodes, %d relationships; want %d, %d", req.method, req.target, len(g.Nodes), len(g.Relationships), req.nodes, req.rels)
				}
			}
		})
	}
}
