package memstore

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// TestPathsAgainstBruteForce compares Paths with a plain enumeration of
// every simple path on many small random multigraphs (parallel
// relationships, self-loops, two types), which pins the tie order that
// the bidirectional search and the pruned enumeration must reproduce.
func TestPathsAgainstBruteForce(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(1, 2))
	nonEmpty := 0
	defer func() { t.Logf("%d paths compared", nonEmpty) }()
	for round := range 1000 {
		g := randomGraph(rng)
		s := New(graph.DefaultLimits())
		if _, err := s.Load(ctx, g); err != nil {
			t.Fatal(err)
		}
		for range 10 {
			q := graph.PathQuery{
				From:      g.Nodes[rng.IntN(len(g.Nodes))].ID,
				To:        g.Nodes[rng.IntN(len(g.Nodes))].ID,
				K:         1 + rng.IntN(10),
				MaxLength: 1 + rng.IntN(6),
				Direction: []graph.Direction{graph.Outgoing, graph.Incoming, graph.Both}[rng.IntN(3)],
			}
			if rng.IntN(3) == 0 {
				q.Types = []string{"A"}
			}
			got, err := s.Paths(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			want := brutePaths(g, q)
			nonEmpty += len(want)
			if g, w := render(got), render(want); g != w {
				t.Fatalf("round %d, query %+v:\ngot\n%s\nwant\n%s", round, q, g, w)
			}
		}
	}
}

func randomGraph(rng *rand.Rand) graph.Graph {
	n := 2 + rng.IntN(11)
	var g graph.Graph
	for _, k := range rng.Perm(n) {
		key := fmt.Sprintf("k%d", k)
		g.Nodes = append(g.Nodes, graph.Node{ID: graph.NodeID(key), Key: key, Labels: []string{"Thing"}})
	}
	for j := range rng.IntN(3 * n) {
		a, b := g.Nodes[rng.IntN(n)], g.Nodes[rng.IntN(n)]
		typ := []string{"A", "B"}[rng.IntN(2)]
		g.Relationships = append(g.Relationships, graph.Relationship{
			ID: graph.RelID(a.Key, typ, b.Key, fmt.Sprint(j)), Type: typ, Start: a.ID, End: b.ID,
		})
	}
	return g
}

func brutePaths(g graph.Graph, q graph.PathQuery) []graph.Path {
	byID := map[string]graph.Node{}
	for _, n := range g.Nodes {
		byID[n.ID] = n
	}
	var all []graph.Path
	var walk func(p graph.Path)
	walk = func(p graph.Path) {
		last := p.Nodes[len(p.Nodes)-1]
		if last.ID == q.To {
			all = append(all, graph.Path{Nodes: slices.Clone(p.Nodes), Relationships: slices.Clone(p.Relationships), Length: len(p.Relationships)})
			return
		}
		if len(p.Relationships) == q.MaxLength {
			return
		}
		for _, r := range g.Relationships {
			if len(q.Types) > 0 && !slices.Contains(q.Types, r.Type) {
				continue
			}
			var next string
			switch {
			case r.Start == last.ID && q.Direction != graph.Incoming:
				next = r.End
			case r.End == last.ID && q.Direction != graph.Outgoing:
				next = r.Start
			default:
				continue
			}
			if slices.ContainsFunc(p.Nodes, func(n graph.Node) bool { return n.ID == next }) {
				continue
			}
			p2 := graph.Path{Nodes: append(slices.Clone(p.Nodes), byID[next]), Relationships: append(slices.Clone(p.Relationships), r)}
			walk(p2)
		}
	}
	walk(graph.Path{Nodes: []graph.Node{byID[q.From]}})
	slices.SortFunc(all, func(a, b graph.Path) int {
		if a.Length != b.Length {
			return a.Length - b.Length
		}
		for i := range a.Nodes {
			if c := strings.Compare(a.Nodes[i].Key, b.Nodes[i].Key); c != 0 {
				return c
			}
		}
		for i := range a.Relationships {
			if c := strings.Compare(a.Relationships[i].ID, b.Relationships[i].ID); c != 0 {
				return c
			}
		}
		return 0
	})
	return all[:min(len(all), q.K)]
}

func render(ps []graph.Path) string {
	var b strings.Builder
	for _, p := range ps {
		for i, n := range p.Nodes {
			if i > 0 {
				fmt.Fprintf(&b, " -%s[%s]- ", p.Relationships[i-1].Type, p.Relationships[i-1].ID[:4])
			}
			b.WriteString(n.Key)
		}
		b.WriteString("\n")
	}
	return b.String()
}
