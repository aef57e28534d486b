package neo4jstore

import (
	"context"
	"net/url"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/graphtest"
)

// TestConformance runs the shared suite against the real server. Each
// subtest gets the same database, emptied first; the suite runs its
// subtests one after another.
func TestConformance(t *testing.T) {
	cfg := testConfig(t)
	graphtest.TestAll(t, func(t *testing.T) graph.Store { return mustOpen(t, cfg) })
}

// TestConformanceRouting runs the suite again through a routing driver
// (neo4j://), the way a cluster or Aura is reached: the driver asks the
// server for its routing table and sends reads to readers and writes to
// the writer. A single server answers that it is both.
func TestConformanceRouting(t *testing.T) {
	cfg := testConfig(t)
	u, err := url.Parse(cfg.URI)
	if err != nil {
		t.Fatal(err)
	}
	u.Scheme = "neo4j"
	cfg.URI = u.String()
	graphtest.TestAll(t, func(t *testing.T) graph.Store { return mustOpen(t, cfg) })

	// The store's bookmark manager holds the bookmarks of its writes, so
	// that its next read, on whichever member of a cluster, waits for them.
	s := mustOpen(t, cfg)
	mustLoad(t, s, randomGraph(5, 10, 10))
	bms, err := s.bookmarks.GetBookmarks(context.Background())
	if err != nil || len(bms) == 0 {
		t.Fatalf("no bookmarks after a load (%v): reads could miss its writes on a cluster", err)
	}
}
