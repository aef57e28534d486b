package memstore_test

import (
	"cmp"
	"context"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/gen"
	"github.com/actorgraph/actorgraph/graph/memstore"
)

// TestSearchAgainstNaive compares Search with a direct reading of its
// contract on a generated graph: rank each node by its best match over
// name and aliases, order by rank, name and key, filter by labels, cut at
// the limit.
func TestSearchAgainstNaive(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	g := gen.PreferentialAttachment(3000, 3000, 7)
	s := memstore.New(graph.DefaultLimits())
	if _, err := s.Load(ctx, g); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(5, 6))
	texts := []string{"", "a", "zz", "ou", "tr"}
	for range 200 {
		name := strings.ToUpper(g.Nodes[rng.IntN(len(g.Nodes))].Name())
		i := rng.IntN(len(name))
		j := i + 1 + rng.IntN(len(name)-i)
		texts = append(texts, name[i:j])
	}
	for _, text := range texts {
		for _, labels := range [][]string{nil, {"Person"}, {"Actor", "Company"}} {
			q := graph.SearchQuery{Text: text, Labels: labels, Limit: 1 + rng.IntN(40)}
			got, err := s.Search(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			want := naiveSearch(g, q)
			if !slices.EqualFunc(got, want, func(a, b graph.Node) bool { return a.Key == b.Key }) {
				t.Fatalf("Search(%+v):\ngot  %v\nwant %v", q, keysOf(got), keysOf(want))
			}
		}
	}
}

func keysOf(ns []graph.Node) []string {
	var out []string
	for _, n := range ns {
		out = append(out, n.Key+"("+n.Name()+")")
	}
	return out
}

func naiveSearch(g graph.Graph, q graph.SearchQuery) []graph.Node {
	text := strings.ToLower(strings.TrimSpace(q.Text))
	type hit struct {
		n    graph.Node
		rank int
	}
	var hits []hit
	for _, n := range g.Nodes {
		if !slices.ContainsFunc(q.Labels, func(l string) bool { return !n.HasLabel(l) }) {
			names := []string{n.Name()}
			if as, ok := n.Properties[graph.PropAliases].([]any); ok {
				for _, a := range as {
					names = append(names, a.(string))
				}
			}
			rank := 3
			for _, name := range names {
				name = strings.ToLower(name)
				switch {
				case name == text:
					rank = min(rank, 0)
				case strings.HasPrefix(name, text):
					rank = min(rank, 1)
				case strings.Contains(name, text):
					rank = min(rank, 2)
				}
			}
			if text == "" {
				rank = 0
			}
			if rank < 3 {
				hits = append(hits, hit{n, rank})
			}
		}
	}
	slices.SortFunc(hits, func(a, b hit) int {
		return cmp.Or(a.rank-b.rank, strings.Compare(a.n.Name(), b.n.Name()), strings.Compare(a.n.Key, b.n.Key))
	})
	out := []graph.Node{}
	for _, h := range hits[:min(len(hits), q.Limit)] {
		out = append(out, h.n)
	}
	return out
}
