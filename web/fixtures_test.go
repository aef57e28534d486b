package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
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
