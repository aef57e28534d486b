package gen

import (
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

func TestPreferentialAttachment(t *testing.T) {
	t.Parallel()
	g := PreferentialAttachment(1000, 5000, 1)
	if len(g.Nodes) != 1000 || len(g.Relationships) != 5000 {
		t.Fatalf("got %d nodes, %d relationships", len(g.Nodes), len(g.Relationships))
	}
	ids := map[string]bool{}
	deg := map[string]int{}
	for _, n := range g.Nodes {
		if !graph.IsID(n.ID) || n.ID != graph.NodeID(n.Key) || n.Name() == n.Key {
			t.Fatalf("bad node %+v", n)
		}
		ids[n.ID] = true
	}
	relIDs := map[string]bool{}
	for _, r := range g.Relationships {
		if !ids[r.Start] || !ids[r.End] || !graph.IsRelType(r.Type) || relIDs[r.ID] {
			t.Fatalf("bad relationship %+v", r)
		}
		relIDs[r.ID] = true
		deg[r.Start]++
		deg[r.End]++
	}
	// Preferential attachment makes hubs: the largest degree is far above
	// the mean of 10.
	top := 0
	for _, d := range deg {
		top = max(top, d)
	}
	if top < 50 {
		t.Errorf("largest degree %d: no hubs", top)
	}
	again := PreferentialAttachment(1000, 5000, 1)
	if again.Relationships[4999].ID != g.Relationships[4999].ID || again.Nodes[999].Name() != g.Nodes[999].Name() {
		t.Error("the same seed gave a different graph")
	}
}
