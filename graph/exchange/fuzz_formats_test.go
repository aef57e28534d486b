package exchange

import (
	"bytes"
	"errors"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// checkRead holds a reader to its contract on any input: problems and no
// graph, or a graph every store accepts.
func checkRead(t *testing.T, g graph.Graph, err error) {
	t.Helper()
	var probs Problems
	if err != nil {
		if !errors.As(err, &probs) || len(probs) == 0 {
			t.Fatalf("error is not a list of problems: %v", err)
		}
		if len(g.Nodes)+len(g.Relationships) > 0 {
			t.Fatal("a graph came back with problems")
		}
		return
	}
	for _, n := range g.Nodes {
		if err := graph.CheckNode(n); err != nil {
			t.Fatalf("node %q: %v", n.Key, err)
		}
	}
	for _, r := range g.Relationships {
		if err := graph.CheckRelationship(r); err != nil {
			t.Fatalf("relationship %s: %v", r.ID, err)
		}
	}
}

func FuzzReadFtM(f *testing.F) {
	var buf bytes.Buffer
	if err := WriteFtM(&buf, small()); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte(`{"id":"a","schema":"Person","properties":{"name":["A"],"notes":["_labels: [\"Actor\"]"]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := ReadFtM("f.ftm.json", data)
		checkRead(t, g, err)
	})
}

func FuzzReadCSV(f *testing.F) {
	var nodes, rels bytes.Buffer
	if err := WriteCSVNodes(&nodes, small()); err != nil {
		f.Fatal(err)
	}
	if err := WriteCSVRelationships(&rels, small()); err != nil {
		f.Fatal(err)
	}
	f.Add(nodes.Bytes(), rels.Bytes())
	f.Add([]byte("Label,Type\nA,Country\n"), []byte("From,To,Type,Locator\nA,B,spies on,3\n"))
	f.Fuzz(func(t *testing.T, a, b []byte) {
		g, _, err := ReadCSV([]CSVFile{{Name: "a.csv", Data: a}, {Name: "b.csv", Data: b}})
		checkRead(t, g, err)
	})
}
