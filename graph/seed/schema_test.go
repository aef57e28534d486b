package seed

import (
	"encoding/json"
	"os"
	"reflect"
	"slices"
	"testing"
)

// TestSchemaMatchesReader keeps schema/seed.schema.json, which editors use,
// in step with the reader and with graph's vocabulary: the same fields,
// labels, relationship types and format version.
func TestSchemaMatchesReader(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("../../schema/seed.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Properties map[string]struct {
			Const string `json:"const"`
		} `json:"properties"`
		Defs map[string]struct {
			Enum       []string                   `json:"enum"`
			Properties map[string]json.RawMessage `json:"properties"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatal(err)
	}
	if got := s.Properties["format"].Const; got != Format {
		t.Errorf("schema format = %q, reader wants %q", got, Format)
	}
	if got := s.Defs["label"].Enum; !reflect.DeepEqual(got, labelNames()) {
		t.Errorf("schema labels = %v, vocabulary has %v", got, labelNames())
	}
	if got := s.Defs["relType"].Enum; !reflect.DeepEqual(got, relTypeNames()) {
		t.Errorf("schema relationship types = %v, vocabulary has %v", got, relTypeNames())
	}
	fields := func(def string) []string {
		var out []string
		for k := range s.Defs[def].Properties {
			out = append(out, k)
		}
		slices.Sort(out)
		return out
	}
	sorted := func(in []string) []string { return slices.Sorted(slices.Values(in)) }
	var top []string
	for k := range s.Properties {
		top = append(top, k)
	}
	slices.Sort(top)
	for _, c := range []struct {
		name      string
		got, want []string
	}{
		{"file", top, sorted(fileFields)},
		{"node", fields("node"), sorted(nodeFields)},
		{"relationship", fields("relationship"), sorted(relFields)},
		{"evidence", fields("evidence"), sorted(evidenceFields)},
	} {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("schema %s fields = %v, reader accepts %v", c.name, c.got, c.want)
		}
	}
}
