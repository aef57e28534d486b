package seed_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/seed"
)

// FuzzParse feeds arbitrary bytes to Parse. Seed files come from outside
// (people, pull requests), so whatever they hold Parse must not panic, must
// place every problem in the named file, must say the same thing twice, and
// whatever it accepts must convert to valid property values. Crashers go in
// testdata/fuzz/FuzzParse and are replayed by go test.
func FuzzParse(f *testing.F) {
	for _, glob := range []string{"testdata/bad/*.yaml", "testdata/bad/*/*.y*ml", "testdata/good/*.y*ml", "../../seeds/*.yaml"} {
		names, _ := filepath.Glob(glob)
		for _, name := range names {
			data, err := os.ReadFile(name)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, probs := seed.Parse("fuzz.yaml", data)
		for _, p := range probs {
			if p.File != "fuzz.yaml" || p.Line < 0 || p.Column < 0 || p.Message == "" {
				t.Fatalf("malformed problem %+v", p)
			}
		}
		file2, probs2 := seed.Parse("fuzz.yaml", data)
		if !reflect.DeepEqual(probs, probs2) || !reflect.DeepEqual(file, file2) {
			t.Fatalf("two parses of the same input differ")
		}
		if file == nil || len(probs) > 0 {
			return
		}
		g, err := seed.Build(file)
		if err != nil {
			return // refers to nodes of other files
		}
		for _, n := range g.Nodes {
			assertNormal(t, n.Properties)
		}
		for _, r := range g.Relationships {
			assertNormal(t, r.Properties)
		}
		if _, err := json.Marshal(g); err != nil {
			t.Fatalf("accepted graph does not serialise: %v", err)
		}
	})
}

func assertNormal(t *testing.T, props map[string]any) {
	t.Helper()
	for k, v := range props {
		n, err := graph.NormalizeValue(v)
		if err != nil || v == nil || !reflect.DeepEqual(n, v) {
			t.Fatalf("property %s = %#v is not a normalised value", k, v)
		}
	}
}
