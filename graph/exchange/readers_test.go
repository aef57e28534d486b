package exchange_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph/exchange"
)

// TestCSVRoundTrip: the zip the CSV export writes, read by ReadFiles,
// gives the same graph.
func TestCSVRoundTrip(t *testing.T) {
	t.Parallel()
	for name, g := range testGraphs(t) {
		if name == "tricky" {
			continue // lists holding ';' come back as JSON text: see README, formats
		}
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			path := write(t, dir, "csv", g)
			got, err := exchange.ReadFiles(path)
			if err != nil {
				t.Fatal(err)
			}
			sameGraph(t, got, g)
		})
	}
}

// TestCSVTrickyLosses pins what the CSV pair cannot carry of the tricky
// graph, so that a change in what is lost is seen.
func TestCSVTrickyLosses(t *testing.T) {
	t.Parallel()
	path := write(t, t.TempDir(), "csv", tricky())
	got, err := exchange.ReadFiles(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range got.Nodes {
		if n.Key == "x" {
			if a := n.Properties["aliases"]; a != `["a;b","Ξανάδου"]` {
				t.Fatalf("aliases came back as %#v", a)
			}
			n.Properties["aliases"] = []any{"a;b", "Ξανάδου"}
		}
	}
	sameGraph(t, got, tricky())
}

// TestReadKumu reads a spreadsheet of elements and connections as Kumu
// users keep it.
func TestReadKumu(t *testing.T) {
	t.Parallel()
	g, err := exchange.ReadFiles(filepath.Join("testdata", "kumu"))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := exchange.WriteJSON(&b, exchange.NewDocument(g, time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC))); err != nil {
		t.Fatal(err)
	}
	golden(t, "kumu.json", b.Bytes())
}

// TestReadBadInputs: every problem at once, with file:line:column, and
// no graph.
func TestReadBadInputs(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		paths []string
	}{
		{"csv", []string{"testdata/bad/nodes.csv", "testdata/bad/relationships.csv", "testdata/bad/connections.csv"}},
		{"ftm", []string{"testdata/bad/entities.ftm.json"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g, err := exchange.ReadFiles(c.paths...)
			var probs exchange.Problems
			if !errors.As(err, &probs) {
				t.Fatalf("want problems, got %v", err)
			}
			if len(g.Nodes)+len(g.Relationships) > 0 {
				t.Fatal("a graph came back with the problems")
			}
			golden(t, "bad-"+c.name+".txt", []byte(probs.Error()+"\n"))
		})
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if os.Getenv("UPDATE_GOLDEN") != "" {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with UPDATE_GOLDEN=1 to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s differs from the golden file:\n%s", name, got)
	}
}
