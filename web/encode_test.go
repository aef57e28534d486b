package web

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/actorgraph/actorgraph/graph"
)

// trickyStrings are what encoding/json escapes or replaces.
var trickyStrings = []string{
	"", "plain", `quote " and \ backslash`, "<script>&amp;</script>", "tab\tnew\nline\rcr",
	"\b\f\x00\x01\x1f\x7f", "ünïcödé Ξανάδου 中国", "line\u2028para\u2029sep", "bad \xff\xfe utf-8 \xc3",
	"emoji 😀", "\u00a0nbsp",
}

var trickyFloats = []float64{0, math.Copysign(0, -1), 1, -1.5, 0.1, 1e-7, 1.5e-7, 1e20, 1e21, 1.2345e21, 123456789.125, math.SmallestNonzeroFloat64, math.MaxFloat64, 3.0000000000000004}

func randomValue(r *rand.Rand, depth int) any {
	switch r.IntN(7) {
	case 0:
		return nil
	case 1:
		return r.IntN(2) == 0
	case 2:
		return r.Int64() - r.Int64()
	case 3:
		return trickyFloats[r.IntN(len(trickyFloats))]
	case 4:
		if depth > 0 {
			l := make([]any, r.IntN(4))
			for i := range l {
				l[i] = randomValue(r, depth-1)
			}
			return l
		}
	}
	return trickyStrings[r.IntN(len(trickyStrings))]
}

func randomProps(r *rand.Rand) map[string]any {
	if r.IntN(8) == 0 {
		return nil
	}
	m := map[string]any{}
	for range r.IntN(6) {
		m[trickyStrings[r.IntN(len(trickyStrings))]+"k"] = randomValue(r, 2)
	}
	return m
}

func randomGraph(r *rand.Rand) graph.Graph {
	var g graph.Graph
	for range r.IntN(6) {
		n := graph.Node{ID: trickyStrings[r.IntN(len(trickyStrings))], Key: trickyStrings[r.IntN(len(trickyStrings))], Properties: randomProps(r)}
		if r.IntN(5) > 0 {
			n.Labels = []string{"Actor", trickyStrings[r.IntN(len(trickyStrings))]}
		}
		g.Nodes = append(g.Nodes, n)
	}
	for range r.IntN(6) {
		g.Relationships = append(g.Relationships, graph.Relationship{ID: "r", Type: "SPIES_ON", Start: trickyStrings[r.IntN(len(trickyStrings))], End: "e", Properties: randomProps(r)})
	}
	return g
}

// TestAppendAnswer: the hand-written encoder writes what encoding/json
// (through gin) writes, byte for byte, for every shape it takes, and
// declines what it does not know.
func TestAppendAnswer(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var values []any
	for _, s := range trickyStrings {
		values = append(values, s)
	}
	for _, f := range trickyFloats {
		values = append(values, f, -f)
	}
	// Every byte appendString must not copy, at every place in and
	// around an eight-byte window.
	for _, special := range []string{`"`, `\`, "<", ">", "&", "\x00", "\n", "\x1f", "\x7f", "é", "\xff", "\u2028", "😀"} {
		for at := range 18 {
			values = append(values, strings.Repeat("a", at)+special+strings.Repeat("b", 17-at))
		}
	}
	for range 300 {
		g := randomGraph(r)
		nb := graph.Neighborhood{Graph: g, Truncated: r.IntN(2) == 0}
		path := graph.Path{Nodes: g.Nodes, Relationships: g.Relationships, Length: len(g.Relationships)}
		var paths []graph.Path
		if r.IntN(4) > 0 {
			paths = []graph.Path{path, path}
		}
		values = append(values, g, nb, path, gin.H{"paths": paths}, gin.H{"nodes": g.Nodes}, g.Relationships, randomValue(r, 3), randomProps(r))
		if len(g.Nodes) > 0 {
			values = append(values, g.Nodes[0])
		}
	}
	for i, v := range values {
		want, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := appendAnswer(nil, v)
		if !ok {
			t.Fatalf("value %d (%T) declined", i, v)
		}
		if string(got) != string(want) {
			t.Fatalf("value %d (%T):\n got %s\nwant %s", i, v, got, want)
		}
	}
	for _, v := range []any{math.NaN(), math.Inf(1), graph.Node{Properties: map[string]any{"x": math.Inf(-1)}}, struct{ A int }{1}, []int{1}, map[string]int{"a": 1}, graph.Schema{}} {
		if _, ok := appendAnswer(nil, v); ok {
			t.Errorf("%T %v: not declined", v, v)
		}
	}
}

func BenchmarkAppendAnswer(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 4))
	var nb graph.Neighborhood
	for i := range 500 {
		nb.Nodes = append(nb.Nodes, graph.Node{ID: "faf0530a-1f20-5985-8d5a-2994b5131001", Key: "n" + string(rune('a'+i%26)), Labels: []string{"Actor", "Organization"},
			Properties: map[string]any{"name": "Some Name", "aliases": []any{"Alias"}}})
	}
	for range 1000 {
		p := map[string]any{}
		if r.IntN(10) == 0 {
			p["since"] = "2003"
		}
		nb.Relationships = append(nb.Relationships, graph.Relationship{ID: "faf0530a-1f20-5985-8d5a-2994b5131001", Type: "SPIES_ON", Start: "faf0530a-1f20-5985-8d5a-2994b5131001", End: "faf0530a-1f20-5985-8d5a-2994b5131002", Properties: p})
	}
	b.Run("encoding/json", func(b *testing.B) {
		for b.Loop() {
			if _, err := json.Marshal(nb); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("appendAnswer", func(b *testing.B) {
		for b.Loop() {
			if _, ok := appendAnswer(make([]byte, 0, answerSize(nb)), nb); !ok {
				b.Fatal("declined")
			}
		}
	})
}
