package exchange_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/exchange"
	"github.com/actorgraph/actorgraph/graph/gen"
	"github.com/actorgraph/actorgraph/graph/graphtest"
)

func checker(t *testing.T) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "tools", "python", "check_formats.py")
}

// tricky holds what formats find hard: lists with the CSV array
// delimiter, integral floats, newlines, quotes, markup, non-Latin text,
// an unknown kind, a node without a name, partial dates and evidence
// fields the mappings have no name for.
func tricky() graph.Graph {
	k := func(s string) string { return graph.NodeID(s) }
	return graph.Graph{
		Nodes: []graph.Node{
			{ID: k("x"), Key: "x", Labels: []string{"Actor", "Country"}, Properties: map[string]any{"name": "Xanadu \"the <great>\"", "country": "SUN", "aliases": []any{"a;b", "Ξανάδου"}, "startDate": "1922-12", "endDate": "1991"}},
			{ID: k("y"), Key: "y", Labels: []string{"Actor", "Person"}, Properties: map[string]any{"name": "Y", "description": "two\nlines", "score": 1.0, "tags": []any{"p", "q"}}},
			{ID: k("z"), Key: "z", Labels: []string{"Actor", "Vessel"}, Properties: map[string]any{}},
			{ID: k("d"), Key: "d", Labels: []string{"Actor", "Document"}, Properties: map[string]any{"name": "D", "published": "2015-09-01", "url": "https://example.org/d"}},
			{ID: k("o"), Key: "o", Labels: []string{"Actor", "Organization"}, Properties: map[string]any{"name": "O"}},
		},
		Relationships: []graph.Relationship{
			{ID: graph.RelID("y", "SPIES_ON", "x", "d#3"), Type: "SPIES_ON", Start: k("y"), End: k("x"), Properties: map[string]any{"claim": "Y spies on X; \"often\".", "source": "d", "locator": int64(3), "confidence": 1.0, "since": "2015", "until": "2015-09", "grade": "B2", "stance": "disputed"}},
			{ID: graph.RelID("y", "MEMBER_OF", "o", ""), Type: "MEMBER_OF", Start: k("y"), End: k("o"), Properties: map[string]any{"polarity": "neutral"}},
			{ID: graph.RelID("y", "AUTHORED", "d", ""), Type: "AUTHORED", Start: k("y"), End: k("d"), Properties: map[string]any{}},
			{ID: graph.RelID("d", "MENTIONS", "z", ""), Type: "MENTIONS", Start: k("d"), End: k("z"), Properties: map[string]any{"weights": []any{int64(1), int64(2)}}},
		},
	}
}

func testGraphs(t *testing.T) map[string]graph.Graph {
	return map[string]graph.Graph{
		"article":   graphtest.Article(t),
		"tricky":    tricky(),
		"generated": gen.PreferentialAttachment(300, 1200, 1),
	}
}

func write(t *testing.T, dir, name string, g graph.Graph) string {
	t.Helper()
	w, err := exchange.LookupWriter(name)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := w.Write(&buf, g, time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, w.Filename())
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestFormatsReadByTheirLibraries has followthemoney, networkx and stix2
// read what we write.
func TestFormatsReadByTheirLibraries(t *testing.T) {
	py := graphtest.Python(t)
	script := checker(t)
	for name, g := range testGraphs(t) {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			run := func(args ...string) {
				t.Helper()
				out, err := exec.Command(py, append([]string{script}, args...)...).CombinedOutput()
				if err != nil {
					t.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, out)
				}
				t.Logf("%s", bytes.TrimSpace(out))
			}
			run("ftm", write(t, dir, "ftm", g))
			run("gexf", write(t, dir, "gexf", g), write(t, dir, "graphml", g))
			run("stix", write(t, dir, "stix", g))
		})
	}
}

// TestFtMRoundTrip: what WriteFtM writes, ReadFtM reads back as the same
// graph.
func TestFtMRoundTrip(t *testing.T) {
	t.Parallel()
	for name, g := range testGraphs(t) {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := exchange.WriteFtM(&buf, g); err != nil {
				t.Fatal(err)
			}
			got, err := exchange.ReadFtM("x.ftm.json", buf.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			sameGraph(t, got, g)
		})
	}
}

func sameGraph(t *testing.T, got, want graph.Graph) {
	t.Helper()
	graph.SortGraph(&got)
	graph.SortGraph(&want)
	if len(got.Nodes) != len(want.Nodes) || len(got.Relationships) != len(want.Relationships) {
		t.Fatalf("got %d nodes, %d relationships; want %d, %d", len(got.Nodes), len(got.Relationships), len(want.Nodes), len(want.Relationships))
	}
	for i := range want.Nodes {
		if !reflect.DeepEqual(norm(got.Nodes[i].Properties), norm(want.Nodes[i].Properties)) || !reflect.DeepEqual(got.Nodes[i].Labels, want.Nodes[i].Labels) || got.Nodes[i].ID != want.Nodes[i].ID {
			t.Fatalf("node %d:\n got %#v\nwant %#v", i, got.Nodes[i], want.Nodes[i])
		}
	}
	for i := range want.Relationships {
		g, w := got.Relationships[i], want.Relationships[i]
		g.Properties, w.Properties = norm(g.Properties), norm(w.Properties)
		if !reflect.DeepEqual(g, w) {
			t.Fatalf("relationship %d:\n got %#v\nwant %#v", i, g, w)
		}
	}
}

// norm treats a missing property map as an empty one.
func norm(p map[string]any) map[string]any {
	if p == nil {
		return map[string]any{}
	}
	return p
}
