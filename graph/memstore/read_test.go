package memstore_test

import (
	"context"
	"slices"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/graphtest"
	"github.com/actorgraph/actorgraph/graph/memstore"
)

func TestSnapshot(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := memstore.New(graph.DefaultLimits())
	if _, err := s.Load(ctx, graphtest.Synthetic()); err != nil {
		t.Fatal(err)
	}
	v := s.Snapshot()
	// A later load does not change a snapshot taken before it.
	if _, err := s.Load(ctx, graphtest.Extra()); err != nil {
		t.Fatal(err)
	}
	if got, want := v.NodeCount(), len(graphtest.Synthetic().Nodes); got != want {
		t.Errorf("NodeCount = %d, want %d", got, want)
	}
	if got := s.Snapshot().NodeCount(); got != len(graphtest.Synthetic().Nodes)+len(graphtest.Extra().Nodes) {
		t.Errorf("new snapshot has %d nodes", got)
	}
	keys := func(seq func(func(uint32) bool)) []string {
		var out []string
		for i := range seq {
			out = append(out, v.NodeKey(i))
		}
		slices.Sort(out)
		return out
	}
	if got, want := keys(v.NodesByLabel("Country")), []string{"alpha", "beta"}; !slices.Equal(got, want) {
		t.Errorf("NodesByLabel(Country) = %q, want %q", got, want)
	}
	if got := keys(v.NodesByLabel("Planet")); len(got) != 0 {
		t.Errorf("NodesByLabel(Planet) = %q", got)
	}
	alpha, ok := v.NodeIndexByKey("alpha")
	if !ok {
		t.Fatal("alpha not found")
	}
	if i, ok := v.NodeIndex(graph.NodeID("alpha")); !ok || i != alpha {
		t.Errorf("NodeIndex(alpha) = %d, %v; want %d", i, ok, alpha)
	}
	if !v.HasLabel(alpha, "Country") || v.HasLabel(alpha, "Person") {
		t.Error("HasLabel is wrong for alpha")
	}
	edges := func(dir graph.Direction, types ...string) []string {
		var out []string
		for r, other := range v.Edges(alpha, dir, types...) {
			start, end := v.Ends(r)
			if start != alpha && end != alpha || start != other && end != other {
				t.Errorf("relationship %d does not join alpha and %s", r, v.NodeKey(other))
			}
			out = append(out, v.RelationshipType(r)+" "+v.NodeKey(other))
		}
		slices.Sort(out)
		return out
	}
	if got, want := edges(graph.Outgoing, "SPIES_ON"), []string{"SPIES_ON beta", "SPIES_ON gamma"}; !slices.Equal(got, want) {
		t.Errorf("outgoing SPIES_ON = %q, want %q", got, want)
	}
	if got, want := edges(graph.Incoming), []string{"MENTIONS iota", "SPIES_ON theta", "SUPPLIES eta"}; !slices.Equal(got, want) {
		t.Errorf("incoming = %q, want %q", got, want)
	}
	if got := edges(graph.Both); len(got) != 7 {
		t.Errorf("both = %q, want 7 relationships", got)
	}
	for r := range v.Edges(alpha, graph.Incoming, "SPIES_ON") {
		if since, ok := v.RelationshipProperty(r, graph.PropSince); !ok || since != "2010" {
			t.Errorf("since = %v, %v", since, ok)
		}
		if rel := v.Relationship(r); rel.Start != graph.NodeID("theta") {
			t.Errorf("Relationship = %+v", rel)
		}
	}
	if name, ok := v.NodeProperty(alpha, graph.PropName); !ok || name != "Alpha" {
		t.Errorf("name = %v, %v", name, ok)
	}
	nodes, rels, truncated, err := v.Neighborhood(ctx, alpha, graph.NeighborhoodQuery{Depth: 2})
	if err != nil || len(nodes) != 11 || len(rels) != 13 || truncated || nodes[0] != alpha {
		t.Errorf("Neighborhood: %d nodes, %d relationships, truncated %v, %v", len(nodes), len(rels), truncated, err)
	}
	if _, _, _, err := v.Neighborhood(ctx, alpha, graph.NeighborhoodQuery{Depth: 99}); graph.KindOf(err) != graph.KindInvalid {
		t.Errorf("depth 99: %v", err)
	}
}

func TestClosed(t *testing.T) {
	t.Parallel()
	s := memstore.New(graph.DefaultLimits())
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := s.Ping(ctx); graph.KindOf(err) != graph.KindUnavailable {
		t.Errorf("Ping after Close: %v", err)
	}
	if _, err := s.Search(ctx, graph.SearchQuery{Text: "x"}); graph.KindOf(err) != graph.KindUnavailable {
		t.Errorf("Search after Close: %v", err)
	}
}

func TestCancelled(t *testing.T) {
	t.Parallel()
	s := memstore.New(graph.DefaultLimits())
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.Load(ctx, graphtest.Synthetic()); err == nil {
		t.Error("Load with a cancelled context succeeded")
	}
	if got := s.Snapshot().NodeCount(); got != 0 {
		t.Errorf("a cancelled load wrote %d nodes", got)
	}
}
