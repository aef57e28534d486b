package neo4jstore

import (
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
