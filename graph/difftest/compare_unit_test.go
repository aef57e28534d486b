package difftest

import (
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// TestCompare pins down the comparator, which TestDifferential trusts:
// each case is two answers and the divergence class expected ("" for
// agreement).
func TestCompare(t *testing.T) {
	n1 := graph.Node{ID: "n1", Key: "a", Properties: map[string]any{"x": int64(1)}}
	n1other := graph.Node{ID: "n1", Key: "a", Labels: []string{"L"}}
	n2 := graph.Node{ID: "n2", Key: "b"}
	r1 := graph.Relationship{ID: "r1", Type: "T", Start: "n1", End: "n2"}
	p12 := graph.Path{Nodes: []graph.Node{n1, n2}, Relationships: []graph.Relationship{r1}, Length: 1}
	res := func(cols []string, rows ...[]any) outcome {
		return outcome{Res: graph.CypherResult{Columns: cols, Rows: rows}}
	}
	c := []string{"x"}
	invalid := graph.InvalidParam("query", "bad")
	tests := []struct {
		name string
		q    query
		a, b outcome
		want string
	}{
		{"same rows", query{}, res(c, []any{int64(1)}, []any{int64(2)}), res(c, []any{int64(1)}, []any{int64(2)}), ""},
		{"rows as multiset", query{}, res(c, []any{int64(1)}, []any{int64(2)}), res(c, []any{int64(2)}, []any{int64(1)}), ""},
		{"order matters when ordered", query{Ordered: true}, res(c, []any{int64(1)}, []any{int64(2)}), res(c, []any{int64(2)}, []any{int64(1)}), divRows},
		{"multiplicity matters", query{}, res(c, []any{int64(1)}, []any{int64(1)}, []any{int64(2)}), res(c, []any{int64(1)}, []any{int64(2)}, []any{int64(2)}), divRows},
		{"row count", query{}, res(c, []any{int64(1)}), res(c), divRows},
		{"columns", query{}, res([]string{"x"}), res([]string{"y"}), divColumns},
		{"column order", query{}, res([]string{"x", "y"}), res([]string{"y", "x"}), divColumns},
		{"int is not float", query{}, res(c, []any{int64(1)}), res(c, []any{1.0}), divRows},
		{"float tolerance", query{}, res(c, []any{0.1 + 0.2}), res(c, []any{0.3}), ""},
		{"float beyond tolerance", query{}, res(c, []any{0.3}), res(c, []any{0.3001}), divRows},
		{"null is not false", query{}, res(c, []any{nil}), res(c, []any{false}), divRows},
		{"string", query{}, res(c, []any{"a"}), res(c, []any{"A"}), divRows},
		{"nodes by id", query{}, res(c, []any{n1}), res(c, []any{n1other}), ""},
		{"different nodes", query{}, res(c, []any{n1}), res(c, []any{n2}), divRows},
		{"node is not its id", query{}, res(c, []any{n1}), res(c, []any{"n1"}), divRows},
		{"relationships by id", query{}, res(c, []any{r1}), res(c, []any{graph.Relationship{ID: "r1"}}), ""},
		{"paths by ids", query{}, res(c, []any{p12}), res(c, []any{graph.Path{Nodes: []graph.Node{{ID: "n1"}, {ID: "n2"}}, Relationships: []graph.Relationship{{ID: "r1"}}, Length: 1}}), ""},
		{"reversed path", query{}, res(c, []any{p12}), res(c, []any{graph.Path{Nodes: []graph.Node{n2, n1}, Relationships: []graph.Relationship{r1}, Length: 1}}), divRows},
		{"lists in order", query{}, res(c, []any{[]any{int64(1), int64(2)}}), res(c, []any{[]any{int64(2), int64(1)}}), divRows},
		{"unordered lists", query{UnorderedLists: true}, res(c, []any{[]any{int64(1), int64(2)}}), res(c, []any{[]any{int64(2), int64(1)}}), ""},
		{"unordered lists keep multiplicity", query{UnorderedLists: true}, res(c, []any{[]any{int64(1), int64(1)}}), res(c, []any{[]any{int64(1)}}), divRows},
		{"maps ignore key order", query{}, res(c, []any{map[string]any{"a": int64(1), "b": []any{n1}}}), res(c, []any{map[string]any{"b": []any{n1}, "a": int64(1)}}), ""},
		{"maps differ in a key", query{}, res(c, []any{map[string]any{"a": int64(1)}}), res(c, []any{map[string]any{"a": int64(1), "b": nil}}), divRows},
		{"unexpected type", query{}, res(c, []any{1}), res(c, []any{int64(1)}), divRows},
		{"both invalid", query{}, outcome{Err: invalid}, outcome{Err: &graph.Error{Kind: graph.KindInvalid, Code: "Neo.ClientError.Statement.SyntaxError"}}, ""},
		{"invalid and internal", query{}, outcome{Err: graph.Internal(nil)}, outcome{Err: invalid}, divErrKinds},
		{"only embedded fails", query{}, outcome{Err: invalid}, res(c), divErrEmbedded},
		{"only neo4j fails", query{}, res(c), outcome{Err: invalid}, divErrNeo4j},
		{"truncated", query{}, outcome{Res: graph.CypherResult{Columns: c, Stats: graph.CypherStats{Truncated: true}}}, res(c), divTruncated},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := compare(tt.q, tt.a, tt.b)
			got := ""
			if d != nil {
				got = d.Class
			}
			if got != tt.want {
				t.Errorf("compare = %v, want class %q", d, tt.want)
			}
			// Agreement must not depend on which side is which.
			if tt.want == "" {
				if d := compare(tt.q, tt.b, tt.a); d != nil {
					t.Errorf("swapped: %v", d)
				}
			}
		})
	}
}

// TestParseCorpus checks the format's corner cases.
func TestParseCorpus(t *testing.T) {
	good := "## header\n# name: a\n# ordered\n# params: {\"k\": 1, \"f\": 1.5, \"l\": [2]}\nMATCH (n)\nRETURN n\n;;\n# name: b\n# known: rows element-ids\n# lists: unordered\nRETURN 1\n;;\n"
	qs, err := parseCorpus("good", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) != 2 {
		t.Fatalf("got %d queries, want 2", len(qs))
	}
	a, b := qs[0], qs[1]
	if a.Name != "a" || !a.Ordered || a.Query != "MATCH (n)\nRETURN n" || a.Line != 1 {
		t.Errorf("first query: %+v", a)
	}
	if a.Params["k"] != int64(1) || a.Params["f"] != 1.5 || a.Params["l"].([]any)[0] != int64(2) {
		t.Errorf("params not int64/float64: %#v", a.Params)
	}
	if b.Known != divRows || !b.UnorderedLists || b.Ordered {
		t.Errorf("second query: %+v", b)
	}
	for _, bad := range []struct{ text, want string }{
		{"RETURN 1\n", "no # name"},
		{"# name: a\n", "no query"},
		{"# name: a\nRETURN 1\n;;\n# name: a\nRETURN 2", "already used"},
		{"# name: a\n# known: nonsense\nRETURN 1", "unknown divergence class"},
		{"# name: a\n# frobnicate\nRETURN 1", "unknown directive"},
		{"# name: a b\nRETURN 1", "bad name"},
		{"# name: a\n# params: [1]\nRETURN 1", "params"},
	} {
		_, err := parseCorpus("bad", []byte(bad.text))
		if err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%q: error %v, want one saying %q", bad.text, err, bad.want)
		}
	}
}
