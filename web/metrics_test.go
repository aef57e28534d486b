package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/exchange"
	"github.com/actorgraph/actorgraph/graph/gen"
	"github.com/actorgraph/actorgraph/graph/graphtest"
	"github.com/actorgraph/actorgraph/graph/metrics"
)

// TestMetricsAgainstNetworkX asks /api/metrics for the metrics of
// several views and has NetworkX (tools/python/check_metrics.py, in the
// virtualenv of scripts/pyenv.sh, whose python ACTORGRAPH_PYTHON names)
// compute them again from what /api/export gives for the same view.
// scripts/test.sh sets ACTORGRAPH_PYTHON; with CI=true a missing one
// fails.
func TestMetricsAgainstNetworkX(t *testing.T) {
	python := graphtest.Python(t)
	// This test checks numbers, not speed (BenchmarkMetrics measures
	// that): under -race on a busy machine an answer may take longer than
	// the service's time limit, so the limit is lifted here.
	cfg := testConfig()
	cfg.QueryTimeout = 10 * time.Minute
	seeds, err := exchange.ReadFiles("../seeds")
	if err != nil {
		t.Fatal(err)
	}
	article := NewServer(discardLogger(), memstoreWith(t, seeds), cfg)
	generated := NewServer(discardLogger(), memstoreWith(t, gen.PreferentialAttachment(600, 1800, 9)), cfg)
	cases := []struct {
		name    string
		h       http.Handler
		metrics string // the query of GET /api/metrics
		export  string // the query of GET /api/export giving the same graph
		filter  map[string][]string
	}{
		{name: "article, whole graph", h: article},
		{name: "article, around china to depth 2", h: article, metrics: "around=china&depth=2", export: "around=china&depth=2"},
		{name: "article, states and agencies, conflict types", h: article,
			metrics: "labels=Country,PublicBody,Organization&types=SPIES_ON,DISTRUSTS,RIVALS,ACCUSES,THREATENS,COOPERATES_WITH",
			filter: map[string][]string{"labels": {"Country", "PublicBody", "Organization"},
				"types": {"SPIES_ON", "DISTRUSTS", "RIVALS", "ACCUSES", "THREATENS", "COOPERATES_WITH"}}},
		{name: "generated, 600 nodes, 1800 relationships", h: generated},
		{name: "generated, around n7 to depth 2", h: generated, metrics: "around=n7&depth=2", export: "around=n7&depth=2"},
	}
	dir := t.TempDir()
	var files []string
	for i, c := range cases {
		var g, m json.RawMessage
		ex := do(t, c.h, "GET", "/api/export?"+c.export, nil)
		if ex.Code != http.StatusOK {
			t.Fatalf("%s: export: %d %s", c.name, ex.Code, ex.Body.String())
		}
		ex.decode(t, &g)
		me := do(t, c.h, "GET", "/api/metrics?"+c.metrics, nil)
		if me.Code != http.StatusOK {
			t.Fatalf("%s: metrics: %d %s", c.name, me.Code, me.Body.String())
		}
		me.decode(t, &m)
		body, err := json.Marshal(map[string]any{"name": c.name, "graph": g, "metrics": m, "filter": c.filter})
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(dir, fmt.Sprintf("case%d.json", i))
		if err := os.WriteFile(file, body, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, file)
	}
	out, err := exec.Command(python, append([]string{"../tools/python/check_metrics.py"}, files...)...).CombinedOutput()
	t.Logf("NetworkX check:\n%s", out)
	if err != nil {
		t.Fatalf("the NetworkX check failed (%v):\n%s", err, out)
	}
	passed := 0
	for _, line := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(line, "ok ") {
			passed++
		}
	}
	if n := passed; n != len(cases) {
		t.Fatalf("the NetworkX check passed %d of %d cases", n, len(cases))
	}
}

// apiMetrics answers a metrics question through GET or POST
// /api/metrics, turning a problem back into a graph error.
func apiMetrics(t *testing.T, store graph.Store) func(ctx context.Context, v metrics.View, maxNodes int) (metrics.Result, error) {
	return func(_ context.Context, v metrics.View, maxNodes int) (metrics.Result, error) {
		cfg := testConfig()
		cfg.Limits.MaxMetrics = maxNodes
		h := NewServer(discardLogger(), store, cfg)
		q := url.Values{}
		if v.Around != "" {
			q.Set("around", v.Around)
			setInt(q, "depth", v.Query.Depth)
			setInt(q, "limit", v.Query.Limit)
		}
		if len(v.Query.Types) > 0 {
			q.Set("types", strings.Join(v.Query.Types, ","))
		}
		if v.Query.AsOf != "" {
			q.Set("asOf", v.Query.AsOf)
		}
		if len(v.Labels) > 0 {
			q.Set("labels", strings.Join(v.Labels, ","))
		}
		setGrades(q, v.Query.Grades)
		method, body := "GET", io.Reader(nil)
		if v.Nodes != nil {
			b, _ := json.Marshal(map[string]any{"nodes": v.Nodes})
			method, body = "POST", bytes.NewReader(b)
		}
		r := do(t, h, method, "/api/metrics?"+q.Encode(), body, "Content-Type", "application/json")
		if r.Code != http.StatusOK {
			p := r.problem(t, r.Code)
			return metrics.Result{}, &graph.Error{Kind: graph.Kind(strings.TrimPrefix(p.Type, "/problems/")), Param: p.Param, Message: p.Detail}
		}
		var res metrics.Result
		r.decode(t, &res)
		return res, nil
	}
}

// TestMetricsFixturesThroughAPI runs the conformance suite's metrics
// cases through the HTTP API, the graded ones over the graded graph.
func TestMetricsFixturesThroughAPI(t *testing.T) {
	t.Parallel()
	store := memstoreWith(t, graphtest.Synthetic())
	for _, c := range graphtest.MetricsCases() {
		t.Run(c.Name, func(t *testing.T) { graphtest.RunMetrics(t, apiMetrics(t, store), c) })
	}
	graded := memstoreWith(t, graphtest.Graded())
	for _, c := range graphtest.GradedMetricsCases() {
		t.Run("graded/"+c.Name, func(t *testing.T) { graphtest.RunMetrics(t, apiMetrics(t, graded), c) })
	}
}

// TestMetricsRequests covers what only the API has: bad parameters and
// bodies are 400 problems naming the parameter.
func TestMetricsRequests(t *testing.T) {
	t.Parallel()
	h, _ := newTestServer(t)
	cases := []struct {
		method, target, body string
		status               int
		param                string
	}{
		{"GET", "/api/metrics?depth=9&around=china", "", 400, "depth"},
		{"GET", "/api/metrics?asOf=yesterday", "", 400, "asOf"},
		{"GET", "/api/metrics?types=lower", "", 400, "types"},
		{"GET", "/api/metrics?direction=up&around=china", "", 400, "direction"},
		{"GET", "/api/metrics?limit=0&around=china", "", 400, "limit"},
		{"POST", "/api/metrics", `{"nodes":["china"],"extra":1}`, 400, "body"},
		{"POST", "/api/metrics", `{"nodes":"china"}`, 400, "body"},
		{"POST", "/api/metrics?around=china", `{"nodes":["china"]}`, 400, "around"},
		{"POST", "/api/metrics", `{}`, 400, "nodes"},
		{"POST", "/api/metrics", `{"nodes":["china"],"graph":{}}`, 400, "body"},
		{"POST", "/api/metrics", `{"graph":{"format":"actorgraph/v1","nodes":[],"relationships":[]}}`, 400, "graph"},
		{"POST", "/api/metrics", `{"graph":{"nodes":[{"id":"x"}]}}`, 400, "graph"},
		{"GET", "/api/metrics?around=no-such-node", "", 404, ""},
	}
	for _, c := range cases {
		t.Run(c.method+" "+c.target+" "+c.body, func(t *testing.T) {
			p := do(t, h, c.method, c.target, strings.NewReader(c.body), "Content-Type", "application/json").problem(t, c.status)
			if p.Param != c.param {
				t.Errorf("param = %q, want %q (%s)", p.Param, c.param, p.Detail)
			}
		})
	}
	// A graph sent as null is no graph.
	if r := do(t, h, "POST", "/api/metrics", strings.NewReader(`{"nodes":["china"],"graph":null}`), "Content-Type", "application/json"); r.Code != http.StatusOK {
		t.Errorf("nodes with a null graph: %d %s", r.Code, r.Body.String())
	}
	ok := do(t, h, "POST", "/api/metrics?labels=Country", strings.NewReader(`{"nodes":["china","united-states","greg-austin"]}`), "Content-Type", "application/json")
	var res metrics.Result
	ok.decode(t, &res)
	if ok.Code != http.StatusOK || len(res.Nodes) != 2 || res.Relationships == 0 {
		t.Fatalf("POST with labels: %d %s", ok.Code, ok.Body.String())
	}
}

// TestMetricsOfPostedGraph posts the article graph as a document (an
// opened file) to a server whose store is empty: the metrics of the
// document alone are those a server holding it gives for all its nodes,
// under the same filters.
func TestMetricsOfPostedGraph(t *testing.T) {
	t.Parallel()
	seeds, err := exchange.ReadFiles("../seeds")
	if err != nil {
		t.Fatal(err)
	}
	var doc bytes.Buffer
	if err := exchange.WriteJSON(&doc, exchange.NewDocument(seeds, fixedNow())); err != nil {
		t.Fatal(err)
	}
	stored := NewServer(discardLogger(), memstoreWith(t, seeds), testConfig())
	empty := NewServer(discardLogger(), memstoreWith(t, graph.Graph{}), testConfig())
	ids := make([]string, len(seeds.Nodes))
	for i, n := range seeds.Nodes {
		ids[i] = n.ID
	}
	post := func(t *testing.T, h http.Handler, query string, body any) any {
		t.Helper()
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		r := do(t, h, "POST", "/api/metrics"+query, bytes.NewReader(b), "Content-Type", "application/json")
		if r.Code != http.StatusOK {
			t.Fatalf("POST /api/metrics%s: %d %s", query, r.Code, r.Body.String())
		}
		var v any
		r.decode(t, &v)
		return v
	}
	// A document with more nodes than metrics are computed on is refused
	// before it is loaded, naming the graph.
	small := testConfig()
	small.Limits.MaxMetrics = len(ids) - 1
	p := do(t, NewServer(discardLogger(), memstoreWith(t, graph.Graph{}), small), "POST", "/api/metrics", bytes.NewReader(mustJSON(t, map[string]any{"graph": json.RawMessage(doc.Bytes())})), "Content-Type", "application/json").problem(t, http.StatusBadRequest)
	if p.Param != "graph" {
		t.Errorf("param = %q, want graph (%s)", p.Param, p.Detail)
	}
	for _, query := range []string{"", "?types=SPIES_ON,RIVALS,ACCUSES", "?asOf=2013", "?labels=Country,PublicBody", "?minCredibility=3"} {
		t.Run("query"+query, func(t *testing.T) {
			want := post(t, stored, query, map[string]any{"nodes": ids})
			got := post(t, empty, query, map[string]any{"graph": json.RawMessage(doc.Bytes())})
			// PageRank iterates to a tolerance, and the document's nodes come
			// in another order than the store's: the same to 1e-6.
			if !graphtest.ApproxEqual(got, want, 1e-6) {
				t.Errorf("posted graph:\n%v\nstored:\n%v", got, want)
			}
			if n := len(got.(map[string]any)["nodes"].([]any)); n == 0 {
				t.Error("no nodes measured")
			}
		})
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
