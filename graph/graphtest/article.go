package graphtest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/seed"
)

// Article reads the article graph from the repository's seeds/ directory,
// found by walking up from the working directory to go.mod. It skips the
// test when there are no seed files.
func Article(t testing.TB) graph.Graph {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("no go.mod above the working directory")
		}
		dir = parent
	}
	seeds := filepath.Join(dir, "seeds")
	files, _ := filepath.Glob(filepath.Join(seeds, "*.yaml"))
	if len(files) == 0 {
		t.Skip("no seed files in " + seeds)
	}
	g, err := seed.Read(seeds)
	if err != nil {
		t.Fatalf("reading the seeds: %v", err)
	}
	return g
}

// The article cases are written from the seed data (seeds/*.yaml), read
// by a person: who the op-ed says spies on whom, who its author blames,
// and how the states are named.

// ArticleSearchCases are search cases over Article whose answers the data
// fixes completely or, for the first entries, by rank.
func ArticleSearchCases() []SearchCase {
	return []SearchCase{
		{Name: "the China node by its name", Query: graph.SearchQuery{Text: "china", Limit: 1}, Want: []string{"china"}},
		{Name: "the China node by an alias", Query: graph.SearchQuery{Text: "prc", Limit: 1}, Want: []string{"china"}},
		{Name: "an alias naming the capital", Query: graph.SearchQuery{Text: "Beijing", Labels: []string{"Country"}}, Want: []string{"china"}},
		{Name: "the United States by its short alias", Query: graph.SearchQuery{Text: "usa", Labels: []string{"Country"}}, Want: []string{"united-states"}},
	}
}

// ArticleNeighborhoodCases are neighbourhood cases over Article.
func ArticleNeighborhoodCases() []NeighborhoodCase {
	return []NeighborhoodCase{
		{
			// The op-ed has China spying on the US (stated twice, in two
			// paragraphs), the EU, Russia, India and Japan, and the US
			// spying on China.
			Name: "who China spies on and who spies on China", Start: "china",
			Query:     graph.NeighborhoodQuery{Depth: 1, Types: []string{"SPIES_ON"}},
			WantNodes: []string{"china", "european-union", "india", "japan", "russia", "united-states"},
			WantRels: []string{
				"china SPIES_ON european-union", "china SPIES_ON india", "china SPIES_ON japan", "china SPIES_ON russia",
				"china SPIES_ON united-states", "china SPIES_ON united-states", "united-states SPIES_ON china",
			},
		},
		{
			Name: "who spies on China", Start: "china",
			Query:     graph.NeighborhoodQuery{Types: []string{"SPIES_ON"}, Direction: graph.Incoming},
			WantNodes: []string{"china", "united-states"},
			WantRels:  []string{"united-states SPIES_ON china"},
		},
	}
}

// ArticlePathCases are path cases over Article.
func ArticlePathCases() []PathCase {
	return []PathCase{
		{
			// The author blames China directly, so the shortest path is
			// that one relationship.
			Name: "the author to China", From: "greg-austin", To: "china",
			Query: graph.PathQuery{K: 1},
			Want:  [][]string{{"greg-austin", "-BLAMES->", "china"}},
		},
		{
			Name: "China to the author, against the arrow", From: "china", To: "greg-austin",
			Query: graph.PathQuery{K: 1, Direction: graph.Incoming},
			Want:  [][]string{{"china", "<-BLAMES-", "greg-austin"}},
		},
		{
			Name: "China spies on both Japan and India", From: "japan", To: "india",
			Query: graph.PathQuery{K: 10, Types: []string{"SPIES_ON"}, MaxLength: 2},
			Want:  [][]string{{"japan", "<-SPIES_ON-", "china", "-SPIES_ON->", "india"}},
		},
	}
}

func testArticle(t *testing.T, newStore func(t *testing.T) graph.Store) {
	g := Article(t)
	s := newStore(t)
	ctx := context.Background()
	st := mustLoad(t, s, g)
	if st.NodesCreated != len(g.Nodes) || st.RelationshipsCreated != len(g.Relationships) {
		t.Errorf("load stats %+v for %d nodes and %d relationships", st, len(g.Nodes), len(g.Relationships))
	}
	sameGraph(t, "article dump", dump(t, s), g)
	keys := idKeys(g)
	id := func(key string) string {
		n, err := s.NodeByKey(ctx, key)
		if err != nil {
			t.Fatalf("NodeByKey(%s): %v", key, err)
		}
		return n.ID
	}
	for _, c := range ArticleSearchCases() {
		t.Run("Search/"+c.Name, func(t *testing.T) { RunSearch(t, s, c) })
	}
	for _, c := range ArticleNeighborhoodCases() {
		t.Run("Neighborhood/"+c.Name, func(t *testing.T) { RunNeighborhood(t, s, c, id(c.Start), keys) })
	}
	for _, c := range ArticlePathCases() {
		t.Run("Paths/"+c.Name, func(t *testing.T) { RunPaths(t, s, c, id(c.From), id(c.To)) })
	}
}
