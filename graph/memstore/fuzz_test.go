package memstore_test

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/graphtest"
	"github.com/actorgraph/actorgraph/graph/memstore"
)

// FuzzLoad loads graphs decoded from arbitrary JSON, the way an import
// arrives from outside. A load must either fail as invalid (or as a
// conflict) and leave the store empty, or succeed and read back exactly,
// and loading it again must match everything.
func FuzzLoad(f *testing.F) {
	synth, _ := json.Marshal(graphtest.Synthetic())
	f.Add(synth)
	extra, _ := json.Marshal(graphtest.Extra())
	f.Add(extra)
	f.Add([]byte(`{"nodes":[{"id":"6f1c1a52-3b8e-4d59-9a57-0a7c7a3f2e10","key":"a","labels":["X"],"properties":{"name":"A","n":1.5,"l":["x",2]}}]}`))
	f.Add([]byte(`{"nodes":[],"relationships":[{"id":"6f1c1a52-3b8e-4d59-9a57-0a7c7a3f2e10","type":"T","start":"x","end":"y"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var g graph.Graph
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		if err := dec.Decode(&g); err != nil {
			return
		}
		ctx := context.Background()
		s := memstore.New(graph.DefaultLimits())
		st, err := s.Load(ctx, g)
		if err != nil {
			if k := graph.KindOf(err); k != graph.KindInvalid && k != graph.KindConflict {
				t.Fatalf("Load: %v (kind %s)", err, k)
			}
			if n := s.Snapshot().NodeCount(); n != 0 {
				t.Fatalf("a failed load wrote %d nodes", n)
			}
			return
		}
		if st.NodesCreated != len(g.Nodes) || st.RelationshipsCreated != len(g.Relationships) {
			t.Fatalf("stats %+v for %d nodes, %d relationships", st, len(g.Nodes), len(g.Relationships))
		}
		got, err := s.Dump(ctx, len(g.Nodes))
		if err != nil {
			t.Fatal(err)
		}
		a, _ := json.Marshal(graphtest.Canonical(got))
		b, _ := json.Marshal(graphtest.Canonical(normalized(g)))
		if !bytes.Equal(a, b) {
			t.Fatalf("dump differs:\n%s\n%s", a, b)
		}
		st, err = s.Load(ctx, g)
		if err != nil || st.NodesCreated != 0 || st.RelationshipsCreated != 0 {
			t.Fatalf("second load: %+v, %v", st, err)
		}
	})
}

// normalized sorts and de-duplicates labels, as the store does.
func normalized(g graph.Graph) graph.Graph {
	out := graph.Graph{Relationships: g.Relationships}
	for _, n := range g.Nodes {
		seen := map[string]bool{}
		var labels []string
		for _, l := range n.Labels {
			if !seen[l] {
				seen[l] = true
				labels = append(labels, l)
			}
		}
		n.Labels = labels
		out.Nodes = append(out.Nodes, n)
	}
	return out
}
