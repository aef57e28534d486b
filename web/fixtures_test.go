package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/exchange"
	"github.com/actorgraph/actorgraph/graph/graphtest"
)

// apiStore answers the conformance suite's search, neighbourhood and path
// questions through the HTTP API, so the API tests run the very fixture
// table the stores are held to.
type apiStore struct {
	graph.Store // the methods the fixture runners do not call stay nil
	t           *testing.T
	h           http.Handler
}

func (a apiStore) get(target string, v any) error {
	rec := httptest.NewRecorder()
	a.h.ServeHTTP(rec, httptest.NewRequest("GET", target, nil))
	if rec.Code != http.StatusOK {
		return fmt.Errorf("GET %s: %d %s", target, rec.Code, rec.Body.String())
	}
	return json.Unmarshal(rec.Body.Bytes(), v)
}

func setGrades(v url.Values, f graph.GradeFilter) {
	if f.MinReliability != "" {
		v.Set("minReliability", f.MinReliability)
	}
	setInt(v, "minCredibility", f.MinCredibility)
}

func setInt(v url.Values, name string, n int) {
	if n != 0 {
		v.Set(name, strconv.Itoa(n))
	}
}

func (a apiStore) Search(_ context.Context, q graph.SearchQuery) ([]graph.Node, error) {
	v := url.Values{"q": {q.Text}}
	if len(q.Labels) > 0 {
		v.Set("label", strings.Join(q.Labels, ","))
	}
	setInt(v, "limit", q.Limit)
	var res struct{ Nodes []graph.Node }
	err := a.get("/api/nodes?"+v.Encode(), &res)
	return res.Nodes, err
}

func (a apiStore) Neighborhood(_ context.Context, id string, q graph.NeighborhoodQuery) (graph.Neighborhood, error) {
	v := url.Values{}
	setInt(v, "depth", q.Depth)
	setInt(v, "limit", q.Limit)
	if len(q.Types) > 0 {
		v.Set("types", strings.Join(q.Types, ","))
	}
	if q.Direction != "" {
		v.Set("direction", string(q.Direction))
	}
	if q.AsOf != "" {
		v.Set("asOf", q.AsOf)
	}
	setGrades(v, q.Grades)
	var nb graph.Neighborhood
	err := a.get("/api/nodes/"+url.PathEscape(id)+"/neighborhood?"+v.Encode(), &nb)
	return nb, err
}

func (a apiStore) Paths(_ context.Context, q graph.PathQuery) ([]graph.Path, error) {
	v := url.Values{"from": {q.From}, "to": {q.To}}
	setInt(v, "k", q.K)
	setInt(v, "maxLength", q.MaxLength)
	if len(q.Types) > 0 {
		v.Set("types", strings.Join(q.Types, ","))
	}
	if q.Direction != "" {
		v.Set("direction", string(q.Direction))
	}
	setGrades(v, q.Grades)
	var res struct{ Paths []graph.Path }
	err := a.get("/api/paths?"+v.Encode(), &res)
	return res.Paths, err
}

// TestArticleFixturesThroughAPI runs the conformance suite's article
// cases through the HTTP API. Node ids in the paths are given as keys,
// which the API resolves, so the table's keys are used as they are.
func TestArticleFixturesThroughAPI(t *testing.T) {
	t.Parallel()
	h, store := newTestServer(t)
	api := apiStore{t: t, h: h}
	dump, err := store.Dump(t.Context(), 100000)
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]string{}
	for _, n := range dump.Nodes {
		keys[n.ID] = n.Key
	}
	for _, c := range graphtest.ArticleSearchCases() {
		t.Run("search/"+c.Name, func(t *testing.T) { graphtest.RunSearch(t, api, c) })
	}
	for _, c := range graphtest.ArticleNeighborhoodCases() {
		t.Run("neighborhood/"+c.Name, func(t *testing.T) { graphtest.RunNeighborhood(t, api, c, c.Start, keys) })
	}
	for _, c := range graphtest.ArticlePathCases() {
		t.Run("paths/"+c.Name, func(t *testing.T) { graphtest.RunPaths(t, api, c, c.From, c.To) })
	}
}

// TestSyntheticFixturesThroughAPI does the same for the synthetic graph,
// whose cases pin down ties, directions, asOf and truncation.
func TestSyntheticFixturesThroughAPI(t *testing.T) {
	t.Parallel()
	g := graphtest.Synthetic()
	store := memstoreWith(t, g)
	api := apiStore{t: t, h: NewServer(discardLogger(), store, testConfig())}
	keys := map[string]string{}
	for _, n := range g.Nodes {
		keys[n.ID] = n.Key
	}
	for _, c := range graphtest.SyntheticSearchCases() {
		t.Run("search/"+c.Name, func(t *testing.T) { graphtest.RunSearch(t, api, c) })
	}
	for _, c := range graphtest.SyntheticNeighborhoodCases() {
		t.Run("neighborhood/"+c.Name, func(t *testing.T) { graphtest.RunNeighborhood(t, api, c, c.Start, keys) })
	}
	for _, c := range graphtest.SyntheticPathCases() {
		t.Run("paths/"+c.Name, func(t *testing.T) { graphtest.RunPaths(t, api, c, c.From, c.To) })
	}
}

// TestGradedFixturesThroughAPI runs the conformance suite's grade and
// corroboration cases through the HTTP API: minReliability and
// minCredibility on neighbourhoods and paths, and GET /api/claims.
func TestGradedFixturesThroughAPI(t *testing.T) {
	t.Parallel()
	g := graphtest.Graded()
	store := memstoreWith(t, g)
	h := NewServer(discardLogger(), store, testConfig())
	api := apiStore{t: t, h: h}
	keys := map[string]string{}
	for _, n := range g.Nodes {
		keys[n.ID] = n.Key
	}
	for _, c := range graphtest.GradedNeighborhoodCases() {
		t.Run("neighborhood/"+c.Name, func(t *testing.T) { graphtest.RunNeighborhood(t, api, c, c.Start, keys) })
	}
	for _, c := range graphtest.GradedPathCases() {
		t.Run("paths/"+c.Name, func(t *testing.T) { graphtest.RunPaths(t, api, c, c.From, c.To) })
	}
	for _, c := range graphtest.GradedCorroborationCases() {
		t.Run("claims/"+c.Name, func(t *testing.T) {
			v := url.Values{"a": {c.Query.A}, "b": {c.Query.B}}
			if len(c.Query.Types) > 0 {
				v.Set("types", strings.Join(c.Query.Types, ","))
			}
			setGrades(v, c.Query.Grades)
			var got graph.Claims
			if err := api.get("/api/claims?"+v.Encode(), &got); err != nil {
				t.Fatal(err)
			}
			if sum := graphtest.Summarize(got); !slices.Equal(sum, c.Want) {
				t.Errorf("ties =\n%+v\nwant\n%+v", sum, c.Want)
			}
		})
	}
}

// TestGradedTiesThroughAPI runs the conformance suite's CorroborateAmong
// cases through POST /api/claims, each tie also held to what GET
// /api/claims says between its ends: the canvas's marks and the evidence
// panel read these two.
func TestGradedTiesThroughAPI(t *testing.T) {
	t.Parallel()
	h := NewServer(discardLogger(), memstoreWith(t, graphtest.Graded()), testConfig())
	for _, c := range graphtest.GradedTiesCases() {
		t.Run(c.Name, func(t *testing.T) {
			v := url.Values{}
			if len(c.Query.Types) > 0 {
				v.Set("types", strings.Join(c.Query.Types, ","))
			}
			setGrades(v, c.Query.Grades)
			body, err := json.Marshal(map[string][]string{"nodes": c.Query.Nodes})
			if err != nil {
				t.Fatal(err)
			}
			r := do(t, h, "POST", "/api/claims?"+v.Encode(), bytes.NewReader(body), "Content-Type", "application/json")
			if r.Code != http.StatusOK {
				t.Fatalf("POST /api/claims: %d %s", r.Code, r.Body.String())
			}
			var got struct{ Ties []graph.Corroboration }
			r.decode(t, &got)
			if sum := graphtest.SummarizeTies(got.Ties); !slices.Equal(sum, c.Want) {
				t.Errorf("ties =\n%+v\nwant\n%+v", sum, c.Want)
			}
			for _, tie := range got.Ties {
				w := url.Values{"a": {tie.Start}, "b": {tie.End}, "types": {tie.Type}}
				setGrades(w, c.Query.Grades)
				var claims graph.Claims
				do(t, h, "GET", "/api/claims?"+w.Encode(), nil).decode(t, &claims)
				i := slices.IndexFunc(claims.Ties, func(x graph.Tie) bool { return x.Start == tie.Start && x.End == tie.End })
				if i < 0 || claims.Ties[i].Corroboration != tie {
					t.Errorf("POST says %+v; GET between its ends %+v", tie, graphtest.Summarize(claims))
				}
			}
		})
	}
}

// TestPostedGraphTies posts the graded fixture as a document (an opened
// file) to a server whose store is empty: POST /api/claims with a graph
// counts it on its own, as the same call with node ids counts it in a
// store that holds it, and each tie carries its claims. Bad documents are
// refused as loads refuse them.
func TestPostedGraphTies(t *testing.T) {
	t.Parallel()
	g := graphtest.Graded()
	var doc bytes.Buffer
	if err := exchange.WriteJSON(&doc, exchange.NewDocument(g, fixedNow())); err != nil {
		t.Fatal(err)
	}
	stored := NewServer(discardLogger(), memstoreWith(t, g), testConfig())
	empty := NewServer(discardLogger(), memstoreWith(t, graph.Graph{}), testConfig())
	var ids []string
	for _, n := range g.Nodes {
		ids = append(ids, n.ID)
	}
	post := func(t *testing.T, h http.Handler, query string, body any) response {
		t.Helper()
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		return do(t, h, "POST", "/api/claims"+query, bytes.NewReader(b), "Content-Type", "application/json")
	}
	for _, query := range []string{"", "?minReliability=A", "?minCredibility=2", "?types=RIVALS"} {
		t.Run("query"+query, func(t *testing.T) {
			var want struct{ Ties []graph.Corroboration }
			post(t, stored, query, map[string]any{"nodes": ids}).decode(t, &want)
			r := post(t, empty, query, map[string]any{"graph": json.RawMessage(doc.Bytes())})
			if r.Code != http.StatusOK {
				t.Fatalf("POST /api/claims with a graph: %d %s", r.Code, r.Body.String())
			}
			var got struct{ Ties []graph.Tie }
			r.decode(t, &got)
			if len(want.Ties) == 0 {
				t.Fatal("the fixture has no ties")
			}
			if len(got.Ties) != len(want.Ties) {
				t.Fatalf("%d ties from the posted graph, %d from the store", len(got.Ties), len(want.Ties))
			}
			for i, tie := range got.Ties {
				if tie.Corroboration != want.Ties[i] {
					t.Errorf("tie %d: posted %+v, stored %+v", i, tie.Corroboration, want.Ties[i])
				}
				if len(tie.For)+len(tie.Against) < tie.Supporting+tie.Disputing {
					t.Errorf("tie %d: %d claims for %d sources", i, len(tie.For)+len(tie.Against), tie.Supporting+tie.Disputing)
				}
			}
		})
	}
	dangling := graph.Graph{Nodes: g.Nodes[:1], Relationships: []graph.Relationship{{ID: graph.NodeID("r1"), Type: "RIVALS", Start: g.Nodes[0].ID, End: graph.NodeID("nowhere")}}}
	var bad bytes.Buffer
	if err := exchange.WriteJSON(&bad, exchange.NewDocument(dangling, fixedNow())); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		body  any
		param string
	}{
		{"not a document", map[string]any{"graph": map[string]any{"nodes": []any{}}}, "graph"},
		{"no nodes", map[string]any{"graph": map[string]any{"format": "actorgraph/v1", "nodes": []any{}, "relationships": []any{}}}, "graph"},
		{"a relationship to no node", map[string]any{"graph": json.RawMessage(bad.Bytes())}, ""},
		{"nodes and a graph", map[string]any{"nodes": ids, "graph": json.RawMessage(doc.Bytes())}, "body"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := post(t, empty, "", tc.body).problem(t, http.StatusBadRequest)
			if tc.param != "" && p.Param != tc.param {
				t.Errorf("param = %q, want %q (%s)", p.Param, tc.param, p.Detail)
			}
		})
	}
}

// TestExportGrades checks that GET and POST /api/export apply the grade
// thresholds, whichever way the graph is selected.
func TestExportGrades(t *testing.T) {
	t.Parallel()
	store := memstoreWith(t, graphtest.Graded())
	h := NewServer(discardLogger(), store, testConfig())
	count := func(t *testing.T, method, target, body string) int {
		t.Helper()
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(method, target, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			t.Fatalf("%s %s: %d %s", method, target, rec.Code, rec.Body.String())
		}
		var doc struct{ Relationships []graph.Relationship }
		if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		return len(doc.Relationships)
	}
	for _, c := range []struct {
		method, target, body string
		want                 int
	}{
		{"GET", "/api/export", "", 10},
		{"GET", "/api/export?minReliability=A", "", 3},
		{"GET", "/api/export?minCredibility=2", "", 3},
		{"GET", "/api/export?around=x&minReliability=B", "", 5},
		{"POST", "/api/export?minReliability=B", `{"nodes":["x","y","z"]}`, 5},
		{"POST", "/api/export?minReliability=D", `{"nodes":["x","y","z"]}`, 7},
	} {
		t.Run(c.method+" "+c.target, func(t *testing.T) {
			if got := count(t, c.method, c.target, c.body); got != c.want {
				t.Errorf("%d relationships, want %d", got, c.want)
			}
		})
	}
}
