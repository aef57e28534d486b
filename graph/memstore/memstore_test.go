package memstore_test

import (
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/graphtest"
	"github.com/actorgraph/actorgraph/graph/memstore"
)

func TestConformance(t *testing.T) {
	graphtest.TestAll(t, func(t *testing.T) graph.Store {
		s := memstore.New(graph.DefaultLimits())
		t.Cleanup(func() { s.Close() })
		return s
	})
}
