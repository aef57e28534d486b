// Package gen generates synthetic graphs for benchmarks and load tests:
// preferential-attachment (Barabási–Albert) graphs, whose few hubs and
// many leaves resemble real actor networks, with pronounceable names so
// that name search has realistic hit rates, several labels and
// relationship types, and dates on some relationships.
package gen

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// Kinds are the labels given to generated nodes besides Actor, with
// weights.
var kinds = []struct {
	label  string
	weight int
}{
	{"Person", 40}, {"Organization", 20}, {"Company", 15}, {"PublicBody", 12}, {"Group", 8}, {"Country", 5},
}

var relTypes = []string{
	"COOPERATES_WITH", "SPIES_ON", "AFFILIATED_WITH", "MEMBER_OF", "SUPPLIES", "CRITICIZES", "NEGOTIATES_WITH", "RIVALS",
}

var (
	onsets = []string{"b", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "ch", "sh", "tr", "br", "kr"}
	vowels = []string{"a", "e", "i", "o", "u", "ai", "ou"}
	codas  = []string{"", "", "", "n", "r", "s", "l"}
)

// word returns a pronounceable word of two to four syllables.
func word(rng *rand.Rand) string {
	var b strings.Builder
	for range 2 + rng.IntN(3) {
		b.WriteString(onsets[rng.IntN(len(onsets))])
		b.WriteString(vowels[rng.IntN(len(vowels))])
	}
	b.WriteString(codas[rng.IntN(len(codas))])
	w := b.String()
	return strings.ToUpper(w[:1]) + w[1:]
}

// Key returns the key of generated node i.
func Key(i int) string { return fmt.Sprintf("n%d", i) }

// PreferentialAttachment returns a graph of the given size, the same for
// the same seed. Each new node ties to about rels/nodes earlier nodes
// chosen with probability proportional to their degree; the tie points
// either way. Names are one or two generated words; a tenth of the nodes
// have an alias; a tenth of the relationships carry a since date and a
// third of those an until date.
func PreferentialAttachment(nodes, rels int, seed int64) graph.Graph {
	rng := rand.New(rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15))
	g := graph.Graph{Nodes: make([]graph.Node, nodes), Relationships: make([]graph.Relationship, 0, rels)}
	total := 0
	for _, k := range kinds {
		total += k.weight
	}
	for i := range g.Nodes {
		key := Key(i)
		name := word(rng)
		if rng.IntN(2) == 0 {
			name += " " + word(rng)
		}
		props := map[string]any{graph.PropName: name}
		if rng.IntN(10) == 0 {
			props[graph.PropAliases] = []any{word(rng)}
		}
		pick := rng.IntN(total)
		label := kinds[0].label
		for _, k := range kinds {
			if pick < k.weight {
				label = k.label
				break
			}
			pick -= k.weight
		}
		g.Nodes[i] = graph.Node{ID: graph.NodeID(key), Key: key, Labels: []string{graph.LabelActor, label}, Properties: props}
	}
	if nodes < 2 || rels == 0 {
		return g
	}
	// ends lists both ends of every relationship so far: drawing from it
	// uniformly draws a node with probability proportional to its degree.
	ends := make([]int32, 0, 2*rels)
	add := func(a, b int) {
		if rng.IntN(2) == 0 {
			a, b = b, a
		}
		typ := relTypes[rng.IntN(len(relTypes))]
		j := len(g.Relationships)
		r := graph.Relationship{
			ID:   graph.RelID(Key(a), typ, Key(b), fmt.Sprint(j)),
			Type: typ, Start: g.Nodes[a].ID, End: g.Nodes[b].ID,
		}
		if rng.IntN(10) == 0 {
			since := 1990 + rng.IntN(30)
			r.Properties = map[string]any{graph.PropSince: fmt.Sprint(since)}
			if rng.IntN(3) == 0 {
				r.Properties[graph.PropUntil] = fmt.Sprintf("%d-%02d", since+1+rng.IntN(5), 1+rng.IntN(12))
			}
		}
		g.Relationships = append(g.Relationships, r)
		ends = append(ends, int32(a), int32(b))
	}
	perNode := max(1, rels/nodes)
	for i := 1; i < nodes && len(g.Relationships) < rels; i++ {
		m := min(perNode, i)
		if i == nodes-1 {
			m = rels - len(g.Relationships)
		}
		for range m {
			var t int
			if len(ends) == 0 || rng.IntN(10) == 0 {
				t = rng.IntN(i) // some uniform choice keeps the graph from being all hub
			} else {
				t = int(ends[rng.IntN(len(ends))])
			}
			add(i, t)
		}
	}
	return g
}
