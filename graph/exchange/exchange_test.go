package exchange

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
)

var update = flag.Bool("update", false, "rewrite golden files")

// small is a graph with every property type, two labels, a list and a
// relationship between its nodes.
func small() graph.Graph {
	a, b := graph.NodeID("a"), graph.NodeID("b")
	return graph.Graph{
		Nodes: []graph.Node{
			{ID: b, Key: "b", Labels: []string{"Country", "Actor"}, Properties: map[string]any{"name": "Bee & <Co>", "aliases": []any{"B", "Bee"}, "country": "BEE"}},
			{ID: a, Key: "a", Labels: []string{"Actor", "Person"}, Properties: map[string]any{"name": "A", "born": int64(1950), "active": true}},
		},
		Relationships: []graph.Relationship{{
			ID: graph.RelID("a", "COOPERATES_WITH", "b", "doc#1"), Type: "COOPERATES_WITH", Start: a, End: b,
			Properties: map[string]any{"polarity": "cooperation", "claim": "A works with B.", "locator": int64(1), "confidence": 0.75, "since": "2015"},
		}},
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s differs from golden file:\n%s", name, got)
	}
}

func TestJSONRoundTrip(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	var buf bytes.Buffer
	if err := WriteJSON(&buf, NewDocument(small(), now)); err != nil {
		t.Fatal(err)
	}
	golden(t, "small.json", buf.Bytes())
	g, err := DecodeJSON("small.json", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	want := small()
	graph.SortGraph(&want)
	graph.SortGraph(&g)
	if !reflect.DeepEqual(g, want) {
		t.Fatalf("decoded graph differs:\n got %#v\nwant %#v", g, want)
	}
	var again bytes.Buffer
	if err := WriteJSON(&again, NewDocument(g, now)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Fatal("write → read → write is not stable")
	}
}

func TestGraphML(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := WriteGraphML(&buf, small()); err != nil {
		t.Fatal(err)
	}
	golden(t, "small.graphml", buf.Bytes())
	// It is well-formed XML.
	dec := xml.NewDecoder(bytes.NewReader(buf.Bytes()))
	for {
		if _, err := dec.Token(); err != nil {
			if err.Error() == "EOF" {
				break
			}
			t.Fatalf("not well-formed: %v", err)
		}
	}
}

// TestDecodeProblems: every problem is reported with its line and column.
func TestDecodeProblems(t *testing.T) {
	t.Parallel()
	okNode := `{"id": "` + graph.NodeID("a") + `", "key": "a", "labels": ["Actor"], "properties": {}}`
	cases := []struct {
		name, doc string
		want      []string // "line:col: message prefix"
	}{
		{"not json", `{"format": `, []string{"1:12: the document ends too early"}},
		{"not an object", `[]`, []string{"1:1: an export document is a JSON object"}},
		{"wrong format", `{"format": "v0", "nodes": [], "relationships": []}`, []string{`1:12: format is "v0"`}},
		{"unknown field", "{\n  \"format\": \"actorgraph/v1\",\n  \"extra\": 1\n}", []string{`3:3: unknown field "extra"`}},
		{"missing field", `{"format": "actorgraph/v1", "nodes": []}`, []string{`1:1: missing field "relationships"`}},
		{"bad exportedAt", `{"format": "actorgraph/v1", "exportedAt": "yesterday", "nodes": [], "relationships": []}`, []string{`1:43: exportedAt "yesterday"`}},
		{"trailing data", `{"format": "actorgraph/v1", "nodes": [], "relationships": []} {}`, []string{`1:63: unexpected data`}},
		{"every node problem", "{\"format\": \"actorgraph/v1\", \"nodes\": [\n" +
			"  {\"id\": \"x\", \"key\": \"a\", \"labels\": [\"Actor\"], \"properties\": {}},\n" +
			"  " + okNode + ",\n" +
			"  " + okNode + ",\n" +
			"  {\"id\": \"" + graph.NodeID("c") + "\", \"key\": \"c\", \"labels\": [], \"properties\": {}},\n" +
			"  {\"id\": \"" + graph.NodeID("d") + "\", \"key\": \"d\", \"labels\": [\"A\"], \"properties\": {\"m\": {\"x\": 1}}}\n" +
			"], \"relationships\": [\n" +
			"  {\"id\": \"" + graph.NodeID("r") + "\", \"type\": \"spies on\", \"start\": \"" + graph.NodeID("a") + "\", \"end\": \"" + graph.NodeID("a") + "\", \"properties\": {}},\n" +
			"  {\"id\": \"" + graph.NodeID("s") + "\", \"type\": \"SPIES_ON\", \"start\": \"a\", \"end\": \"b\", \"properties\": {}}\n" +
			"]}",
			[]string{`2:3: node id "x" is not a UUID`, `3:3: duplicate node key "a"`, `4:3: duplicate node key "a"`, `5:3: node "c" has no labels`, `6:3: property "m"`, `8:3: relationship type "spies on"`, `9:3: relationship start and end`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := DecodeJSON("f.json", []byte(tc.doc))
			var probs Problems
			if !errors.As(err, &probs) {
				t.Fatalf("err = %v, want Problems", err)
			}
			if len(probs) != len(tc.want) {
				t.Fatalf("got %d problems, want %d:\n%v", len(probs), len(tc.want), probs)
			}
			for i, p := range probs {
				if !strings.HasPrefix(p.String(), "f.json:"+tc.want[i]) {
					t.Errorf("problem %d = %q, want prefix %q", i, p.String(), "f.json:"+tc.want[i])
				}
				if p.Hint == "" {
					t.Errorf("problem %d has no hint", i)
				}
			}
		})
	}
}

func TestReadFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	var buf bytes.Buffer
	if err := WriteJSON(&buf, NewDocument(small(), time.Now())); err != nil {
		t.Fatal(err)
	}
	exp := filepath.Join(dir, "small.json")
	if err := os.WriteFile(exp, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	// An export of the seeds, loaded with the seeds, is not a conflict.
	seeds, err := ReadFiles("../../seeds")
	if err != nil {
		t.Fatal(err)
	}
	both, err := ReadFiles("../../seeds", exp, exp)
	if err != nil {
		t.Fatal(err)
	}
	if len(both.Nodes) != len(seeds.Nodes)+2 || len(both.Relationships) != len(seeds.Relationships)+1 {
		t.Fatalf("merged %d/%d, want %d/%d", len(both.Nodes), len(both.Relationships), len(seeds.Nodes)+2, len(seeds.Relationships)+1)
	}
	for _, bad := range [][]string{{filepath.Join(dir, "missing.json")}, {filepath.Join(dir, "notes.txt")}} {
		if bad[0] == filepath.Join(dir, "notes.txt") {
			if err := os.WriteFile(bad[0], []byte("hello"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		var probs Problems
		if _, err := ReadFiles(bad...); !errors.As(err, &probs) {
			t.Errorf("%v: err = %v, want Problems", bad, err)
		}
	}
	// The same key with another id is a conflict between files.
	other := small()
	other.Nodes[0].ID = graph.NodeID("not-b")
	buf.Reset()
	if err := WriteJSON(&buf, NewDocument(other, time.Now())); err != nil {
		t.Fatal(err)
	}
	conflict := filepath.Join(dir, "conflict.json")
	if err := os.WriteFile(conflict, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFiles(exp, conflict); err == nil || !strings.Contains(err.Error(), "two ids") {
		t.Fatalf("conflicting ids: %v", err)
	}
}

func FuzzDecodeJSON(f *testing.F) {
	var buf bytes.Buffer
	_ = WriteJSON(&buf, NewDocument(small(), time.Unix(0, 0)))
	f.Add(buf.Bytes())
	f.Add([]byte(`{"format":"actorgraph/v1","nodes":[{}],"relationships":[{}]}`))
	f.Add([]byte(`{"nodes":[[`))
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := DecodeJSON("fuzz.json", data)
		if err != nil {
			var probs Problems
			if !errors.As(err, &probs) || len(probs) == 0 {
				t.Fatalf("error is not a non-empty Problems: %v", err)
			}
			for _, p := range probs {
				if p.Line < 1 || p.Column < 1 {
					t.Fatalf("problem without a position: %v", p)
				}
			}
			return
		}
		// Whatever decodes writes back and decodes to the same graph.
		var out bytes.Buffer
		if err := WriteJSON(&out, NewDocument(g, time.Unix(0, 0))); err != nil {
			t.Fatal(err)
		}
		if _, err := DecodeJSON("again.json", out.Bytes()); err != nil {
			t.Fatalf("re-decoding: %v", err)
		}
	})
}
