package seed_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/seed"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// golden compares got with the golden file, or rewrites it under -update.
func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run go test -update if the change is intended)\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// TestReadBad reads every bad input under testdata/bad (a file, or a
// directory read as one set) and compares the full problem report with its
// golden file.
func TestReadBad(t *testing.T) {
	entries, err := os.ReadDir("testdata/bad")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() && filepath.Ext(name) != ".yaml" {
			continue
		}
		n++
		path := filepath.Join("testdata/bad", name)
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g, err := seed.Read(path)
			var probs seed.Problems
			if !errors.As(err, &probs) {
				t.Fatalf("Read(%s) = %v, want a Problems error", path, err)
			}
			if len(g.Nodes) != 0 || len(g.Relationships) != 0 {
				t.Errorf("Read returned a graph along with problems")
			}
			for _, p := range probs {
				if p.Message == "" {
					t.Errorf("problem without a message: %+v", p)
				}
				if p.Hint == "" && !strings.HasPrefix(p.Message, "cannot read") {
					t.Errorf("problem without a hint: %s", p)
				}
			}
			if !slices.IsSortedFunc(probs, func(a, b seed.Problem) int {
				return strings.Compare(a.File, b.File)*4 + cmpInt(a.Line, b.Line)*2 + cmpInt(a.Column, b.Column)
			}) {
				t.Errorf("problems are not sorted by file, line, column")
			}
			golden(t, strings.TrimSuffix(path, ".yaml")+".golden", []byte(err.Error()+"\n"))
		})
	}
	if n < 10 {
		t.Fatalf("found only %d bad inputs", n)
	}
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// TestReadGood converts a small valid set spread over two files, with
// cross-file references, defaults and every kind of property value, and
// compares the graph with its golden JSON.
func TestReadGood(t *testing.T) {
	t.Parallel()
	g, err := seed.Read("testdata/good")
	if err != nil {
		t.Fatal(err)
	}
	checkTypes(t, g)
	out, err := json.MarshalIndent(g, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "testdata/good.golden.json", append(out, '\n'))

	// Spot checks that the golden file could hide if regenerated blindly.
	byKey := map[string]graph.Node{}
	for _, n := range g.Nodes {
		byKey[n.Key] = n
	}
	if got := byKey["beta"].Labels; !reflect.DeepEqual(got, []string{"Actor", "Bloc", "Country"}) {
		t.Errorf("beta labels = %v", got)
	}
	if got := byKey["alpha"].Properties[graph.PropAliases]; !reflect.DeepEqual(got, []any{"Alphaland", "The A"}) {
		t.Errorf("alpha aliases = %#v", got)
	}
	if _, ok := byKey["alpha"].Properties["nothing"]; ok {
		t.Errorf("null property kept")
	}
	var fromA, fromB int
	for _, r := range g.Relationships {
		if r.Type == "SPIES_ON" {
			switch r.Properties[graph.PropSource] {
			case "doc-a":
				fromA++
				if r.Properties[graph.PropConfidence] != seed.DefaultConfidence || r.Properties[graph.PropPolarity] != graph.Conflict {
					t.Errorf("defaults not applied: %v", r.Properties)
				}
				if r.ID != graph.RelID("alpha", "SPIES_ON", "beta", "doc-a#3") {
					t.Errorf("relationship id %s is not RelID(from, type, to, source#locator)", r.ID)
				}
			case "doc-b":
				fromB++
			}
		}
		if r.Type == "COOPERATES_WITH" && r.Properties[graph.PropSource] != "doc-b" {
			t.Errorf("explicit evidence source ignored: %v", r.Properties)
		}
	}
	if fromA != 1 || fromB != 1 {
		t.Errorf("SPIES_ON from doc-a: %d, from doc-b: %d; want one each", fromA, fromB)
	}
}

// checkTypes asserts that every property holds one of graph's normalised
// value types, unchanged by NormalizeValue.
func checkTypes(t *testing.T, g graph.Graph) {
	t.Helper()
	check := func(where string, props map[string]any) {
		for k, v := range props {
			n, err := graph.NormalizeValue(v)
			if err != nil || !reflect.DeepEqual(n, v) || v == nil {
				t.Errorf("%s property %s = %#v (%T) is not a normalised value", where, k, v, v)
			}
			if _, isInt := v.(int); isInt {
				t.Errorf("%s property %s is a Go int", where, k)
			}
		}
	}
	for _, n := range g.Nodes {
		if n.ID != graph.NodeID(n.Key) {
			t.Errorf("node %s id %s is not NodeID(key)", n.Key, n.ID)
		}
		if !n.HasLabel(graph.LabelActor) || !slices.IsSorted(n.Labels) {
			t.Errorf("node %s labels %v: want Actor among sorted labels", n.Key, n.Labels)
		}
		check("node "+n.Key, n.Properties)
	}
	for _, r := range g.Relationships {
		check("relationship "+r.ID, r.Properties)
		if _, ok := r.Properties[graph.PropLocator].(int64); !ok {
			t.Errorf("relationship %s locator is %T, want int64", r.ID, r.Properties[graph.PropLocator])
		}
		if _, ok := r.Properties[graph.PropConfidence].(float64); !ok {
			t.Errorf("relationship %s confidence is %T, want float64", r.ID, r.Properties[graph.PropConfidence])
		}
	}
}

// TestSeeds checks that the real dataset validates clean and holds together:
// every node is reachable, every relationship cites a Document, and every
// claim and attribution is filled in.
func TestSeeds(t *testing.T) {
	t.Parallel()
	g, err := seed.Read("../../seeds")
	if err != nil {
		t.Fatalf("seeds/ does not validate:\n%v", err)
	}
	checkTypes(t, g)
	if len(g.Nodes) < 40 || len(g.Relationships) < 80 {
		t.Errorf("seeds/ has %d nodes and %d relationships; expected the full article", len(g.Nodes), len(g.Relationships))
	}
	byID := map[string]graph.Node{}
	byKey := map[string]graph.Node{}
	for _, n := range g.Nodes {
		byID[n.ID] = n
		byKey[n.Key] = n
		if d, _ := n.Properties[graph.PropDescription].(string); d == "" {
			t.Errorf("node %s has no description", n.Key)
		}
	}
	degree := map[string]int{}
	for _, r := range g.Relationships {
		degree[r.Start]++
		degree[r.End]++
		src, _ := r.Properties[graph.PropSource].(string)
		if !byKey[src].HasLabel("Document") {
			t.Errorf("relationship %s cites %q, not a Document", r.ID, src)
		}
		for _, p := range []string{graph.PropClaim, graph.PropAttributedTo, graph.PropPolarity} {
			if s, _ := r.Properties[p].(string); s == "" {
				t.Errorf("relationship %s %s: empty %s", byID[r.Start].Key, r.Type, p)
			}
		}
	}
	for _, n := range g.Nodes {
		if degree[n.ID] == 0 {
			t.Errorf("node %s takes part in no relationship", n.Key)
		}
	}
}

// TestDeterministic reads the same files twice: the graphs, and their JSON,
// must be identical, since stores merge by id and exports are diffed.
func TestDeterministic(t *testing.T) {
	t.Parallel()
	for _, dir := range []string{"testdata/good", "../../seeds"} {
		a, err := seed.Read(dir)
		if err != nil {
			t.Fatal(err)
		}
		b, err := seed.Read(dir)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s: two reads differ", dir)
		}
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		if !bytes.Equal(ja, jb) {
			t.Errorf("%s: two reads serialise differently", dir)
		}
	}
}

func TestReadPaths(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		paths []string
		want  string // substring of the error; "" for success
	}{
		{"no paths", nil, "no seed files given"},
		{"missing file", []string{"testdata/nonexistent.yaml"}, "testdata/nonexistent.yaml: cannot read: no such file or directory"},
		{"files listed one by one", []string{"testdata/good/a-doc.yaml", "testdata/good/b-doc.yml"}, ""},
		{"one file alone misses the other's nodes", []string{"testdata/good/a-doc.yaml"}, `to "beta" is not a node defined in any seed file`},
		{"dir and file overlap", []string{"testdata/good", "testdata/good/b-doc.yml"}, `duplicate node key "doc-b"`},
		{"empty directory", []string{"testdata/bad/no-yaml-here"}, "no *.yaml or *.yml files in this directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := seed.Read(tt.paths...)
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("unexpected error:\n%v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Fatalf("error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestProblemString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		p    seed.Problem
		want string
	}{
		{seed.Problem{File: "seeds/x.yaml", Line: 12, Column: 7, Message: `unknown relationship type "SPY_ON"`, Hint: "did you mean SPIES_ON?"},
			`seeds/x.yaml:12:7: unknown relationship type "SPY_ON" (hint: did you mean SPIES_ON?)`},
		{seed.Problem{File: "x.yaml", Line: 3, Message: "YAML syntax error"}, "x.yaml:3: YAML syntax error"},
		{seed.Problem{File: "x.yaml", Message: "cannot read"}, "x.yaml: cannot read"},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
	ps := seed.Problems{tests[1].p, tests[2].p}
	if got, want := ps.Error(), tests[1].want+"\n"+tests[2].want; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

// TestParseKeepsPartialFile checks that a file with problems still yields
// what could be read, so Read can run the cross-file checks on it too.
func TestParseKeepsPartialFile(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("testdata/bad/bad-values.yaml")
	if err != nil {
		t.Fatal(err)
	}
	f, probs := seed.Parse("bad-values.yaml", data)
	if f == nil || len(probs) == 0 {
		t.Fatalf("Parse = %v, %d problems; want a partial file and problems", f, len(probs))
	}
	if len(f.Nodes) != 3 || len(f.Relationships) != 5 {
		t.Errorf("partial file has %d nodes, %d relationships; want 3, 5", len(f.Nodes), len(f.Relationships))
	}
	if f, _ := seed.Parse("syntax.yaml", []byte("a: [")); f != nil {
		t.Errorf("Parse of broken YAML returned a file")
	}
}

func TestBuild(t *testing.T) {
	t.Parallel()
	var files []*seed.File
	for _, name := range []string{"testdata/good/a-doc.yaml", "testdata/good/b-doc.yml"} {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, probs := seed.Parse(name, data)
		if len(probs) > 0 {
			t.Fatal(probs)
		}
		files = append(files, f)
	}
	g, err := seed.Build(files...)
	if err != nil {
		t.Fatal(err)
	}
	want, err := seed.Read("testdata/good")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(g, want) {
		t.Errorf("Build and Read disagree")
	}
	if _, err := seed.Build(files[0]); err == nil {
		t.Errorf("Build of a file whose references are missing succeeded")
	}
}

// BenchmarkReadSeeds measures parsing, checking and converting the real
// dataset, which the CLI and server do on start.
func BenchmarkReadSeeds(b *testing.B) {
	for b.Loop() {
		if _, err := seed.Read("../../seeds"); err != nil {
			b.Fatal(err)
		}
	}
}
