package graphtest

import (
	"github.com/actorgraph/actorgraph/graph"
)

// The synthetic graph, drawn by undirected adjacency (arrows give the
// stored direction of each relationship):
//
//	eta ──SUPPLIES──▶ alpha ◀──SPIES_ON── theta (2010 .. 2012-06)
//	alphabet ─SUPPLIES─▶ eta           ◀──MENTIONS── iota (since 2015-09-01)
//	alpha ──COOPERATES_WITH──▶ beta      (two parallel relationships:
//	alpha ──SPIES_ON──────────▶ beta      the SPIES_ON one has the smaller id)
//	alpha ──SPIES_ON──▶ gamma ──PART_OF──▶ beta ──SUPPLIES──▶ delta
//	delta ──LEADS──▶ gamma               lambda ──TARGETED──▶ beta
//	alpha ──COOPERATES_WITH──▶ epsilon ──MEMBER_OF──▶ zeta ──COOPERATES_WITH──▶ delta
//	kappa, mu-a, mu-b: no relationships
//
// It has ties broken by key (beta before gamma), ties broken by
// relationship id (the two alpha–beta relationships), relationships whose
// direction matters, dated relationships for asOf, a level of six nodes
// for truncation, two nodes with the same name, and an isolated node.

// synthNode is a node of the synthetic graph before ids are derived.
type synthNode struct {
	key, name string
	labels    []string
	aliases   []string
}

type synthRel struct {
	start, typ, end string
	since, until    string
}

var synthNodes = []synthNode{
	{"alpha", "Alpha", []string{"Actor", "Country"}, []string{"Alphaland"}},
	{"alphabet", "Alphabet Inc", []string{"Actor", "Company"}, nil},
	{"beta", "Beta", []string{"Actor", "Country"}, nil},
	{"gamma", "Gamma Agency", []string{"Actor", "PublicBody"}, []string{"GA"}},
	{"delta", "Delta Smith", []string{"Actor", "Person"}, nil},
	{"epsilon", "Epsilon", []string{"Actor", "Person"}, nil},
	{"zeta", "Zeta Institute", []string{"Actor", "Organization"}, nil},
	{"eta", "Eta Corp", []string{"Actor", "Company"}, []string{"Alpha Eta"}},
	{"theta", "Theta", []string{"Actor", "Company"}, []string{"Omega Alpha"}},
	{"iota", "Iota Report", []string{"Document"}, nil},
	{"kappa", "Kappa", []string{"Actor", "Group"}, nil},
	{"lambda", "Lambda", []string{"Event"}, nil},
	{"mu-b", "Mu", []string{"Actor", "Person"}, nil},
	{"mu-a", "Mu", []string{"Actor", "Person"}, nil},
}

var synthRels = []synthRel{
	{start: "alpha", typ: "COOPERATES_WITH", end: "beta"},
	{start: "alpha", typ: "SPIES_ON", end: "beta"},
	{start: "beta", typ: "SUPPLIES", end: "delta"},
	{start: "alpha", typ: "SPIES_ON", end: "gamma"},
	{start: "delta", typ: "LEADS", end: "gamma"},
	{start: "alpha", typ: "COOPERATES_WITH", end: "epsilon"},
	{start: "epsilon", typ: "MEMBER_OF", end: "zeta"},
	{start: "zeta", typ: "COOPERATES_WITH", end: "delta"},
	{start: "eta", typ: "SUPPLIES", end: "alpha"},
	{start: "theta", typ: "SPIES_ON", end: "alpha", since: "2010", until: "2012-06"},
	{start: "gamma", typ: "PART_OF", end: "beta"},
	{start: "iota", typ: "MENTIONS", end: "alpha", since: "2015-09-01"},
	{start: "alphabet", typ: "SUPPLIES", end: "eta"},
	{start: "lambda", typ: "TARGETED", end: "beta"},
}

// synthDiscriminator goes into every synthetic relationship id.
const synthDiscriminator = "synthetic"

// Synthetic returns the small synthetic graph the conformance cases are
// written against (see the drawing above). Every call returns a fresh
// copy.
func Synthetic() graph.Graph {
	var g graph.Graph
	for i, n := range synthNodes {
		props := map[string]any{
			graph.PropName:        n.name,
			graph.PropDescription: "synthetic node " + n.key,
			"rank":                int64(i),
		}
		if len(n.aliases) > 0 {
			list := make([]any, len(n.aliases))
			for j, a := range n.aliases {
				list[j] = a
			}
			props[graph.PropAliases] = list
		}
		g.Nodes = append(g.Nodes, graph.Node{
			ID: graph.NodeID(n.key), Key: n.key,
			Labels: append([]string(nil), n.labels...), Properties: props,
		})
	}
	for _, r := range synthRels {
		props := map[string]any{graph.PropPolarity: graph.Neutral}
		if r.since != "" {
			props[graph.PropSince] = r.since
		}
		if r.until != "" {
			props[graph.PropUntil] = r.until
		}
		g.Relationships = append(g.Relationships, graph.Relationship{
			ID: synthRelID(r), Type: r.typ,
			Start: graph.NodeID(r.start), End: graph.NodeID(r.end), Properties: props,
		})
	}
	return g
}

func synthRelID(r synthRel) string {
	return graph.RelID(r.start, r.typ, r.end, synthDiscriminator)
}

// Extra is a second small graph, disjoint from Synthetic, that the
// concurrency and merge tests load on top of it.
func Extra() graph.Graph {
	keys := []string{"nu", "xi", "omicron", "pi"}
	var g graph.Graph
	for _, k := range keys {
		g.Nodes = append(g.Nodes, graph.Node{
			ID: graph.NodeID(k), Key: k, Labels: []string{"Actor", "Organization"},
			Properties: map[string]any{graph.PropName: "Extra " + k},
		})
	}
	for i := 1; i < len(keys); i++ {
		a, b := keys[i-1], keys[i]
		g.Relationships = append(g.Relationships, graph.Relationship{
			ID: graph.RelID(a, "COOPERATES_WITH", b, "extra"), Type: "COOPERATES_WITH",
			Start: graph.NodeID(a), End: graph.NodeID(b), Properties: map[string]any{},
		})
	}
	return g
}

// SearchCase is a search and the keys it must return, in order.
type SearchCase struct {
	Name  string
	Query graph.SearchQuery
	Want  []string // node keys, in the order returned
}

// NeighborhoodCase is a neighbourhood query from the node with key Start.
// Relationships are written "start-key TYPE end-key".
//
// When Partial is set the node limit cuts a breadth-first level, which
// node of that level is kept is up to the store, and WantNodes and
// WantRels describe the neighbourhood without the limit: the store must
// return exactly Query.Limit nodes, all from WantNodes, with every
// closer level complete, and exactly the WantRels between returned nodes.
type NeighborhoodCase struct {
	Name          string
	Start         string
	Query         graph.NeighborhoodQuery
	WantNodes     []string // sorted
	WantRels      []string // sorted
	WantTruncated bool
	Partial       bool
	// Levels gives the breadth-first distance of each WantNodes entry for
	// Partial cases.
	Levels map[string]int
}

// PathCase is a path query between the nodes with keys From and To. Each
// wanted path is written as alternating node keys and steps, a step being
// "-TYPE->" when the relationship points along the path and "<-TYPE-"
// when it points back.
type PathCase struct {
	Name     string
	From, To string
	Query    graph.PathQuery // From and To are filled in from the keys
	Want     [][]string
}

// SyntheticSearchCases are the search cases over Synthetic.
func SyntheticSearchCases() []SearchCase {
	return []SearchCase{
		{Name: "exact then prefix then substring", Query: graph.SearchQuery{Text: "alpha"},
			Want: []string{"alpha", "alphabet", "eta", "theta"}},
		{Name: "case-insensitive", Query: graph.SearchQuery{Text: "ALPHA"},
			Want: []string{"alpha", "alphabet", "eta", "theta"}},
		{Name: "surrounding space is ignored", Query: graph.SearchQuery{Text: "  alpha "},
			Want: []string{"alpha", "alphabet", "eta", "theta"}},
		{Name: "prefix before substring whatever the names", Query: graph.SearchQuery{Text: "eta"},
			Want: []string{"eta", "beta", "theta", "zeta"}},
		{Name: "exact alias first", Query: graph.SearchQuery{Text: "ga"},
			Want: []string{"gamma", "theta"}},
		{Name: "alias prefix", Query: graph.SearchQuery{Text: "alphal"},
			Want: []string{"alpha"}},
		{Name: "same name ordered by key", Query: graph.SearchQuery{Text: "mu"},
			Want: []string{"mu-a", "mu-b"}},
		{Name: "limit", Query: graph.SearchQuery{Text: "alpha", Limit: 2},
			Want: []string{"alpha", "alphabet"}},
		{Name: "label filter", Query: graph.SearchQuery{Text: "alpha", Labels: []string{"Company"}},
			Want: []string{"alphabet", "eta", "theta"}},
		{Name: "every label required", Query: graph.SearchQuery{Text: "a", Labels: []string{"Actor", "Country"}},
			Want: []string{"alpha", "beta"}},
		{Name: "unknown label", Query: graph.SearchQuery{Text: "alpha", Labels: []string{"Planet"}},
			Want: []string{}},
		{Name: "no match", Query: graph.SearchQuery{Text: "zzz"}, Want: []string{}},
		{Name: "empty text lists by name", Query: graph.SearchQuery{Limit: 4},
			Want: []string{"alpha", "alphabet", "beta", "delta"}},
		{Name: "empty text with label", Query: graph.SearchQuery{Labels: []string{"Person"}},
			Want: []string{"delta", "epsilon", "mu-a", "mu-b"}},
	}
}

// SyntheticNeighborhoodCases are the neighbourhood cases over Synthetic.
func SyntheticNeighborhoodCases() []NeighborhoodCase {
	alphaAll := []string{
		"alpha COOPERATES_WITH beta", "alpha COOPERATES_WITH epsilon", "alpha SPIES_ON beta",
		"alpha SPIES_ON gamma", "eta SUPPLIES alpha", "iota MENTIONS alpha", "theta SPIES_ON alpha",
	}
	return []NeighborhoodCase{
		{Name: "depth 1", Start: "alpha", Query: graph.NeighborhoodQuery{Depth: 1},
			WantNodes: []string{"alpha", "beta", "epsilon", "eta", "gamma", "iota", "theta"},
			WantRels:  alphaAll},
		{Name: "depth 0 means 1", Start: "alpha", Query: graph.NeighborhoodQuery{},
			WantNodes: []string{"alpha", "beta", "epsilon", "eta", "gamma", "iota", "theta"},
			WantRels:  alphaAll},
		{Name: "depth 2 omits ties between the farthest nodes", Start: "alpha", Query: graph.NeighborhoodQuery{Depth: 2},
			WantNodes: []string{"alpha", "alphabet", "beta", "delta", "epsilon", "eta", "gamma", "iota", "lambda", "theta", "zeta"},
			WantRels: sorted(append([]string{
				"alphabet SUPPLIES eta", "beta SUPPLIES delta", "delta LEADS gamma", "epsilon MEMBER_OF zeta",
				"gamma PART_OF beta", "lambda TARGETED beta"}, alphaAll...))},
		{Name: "depth 3 reaches everything connected", Start: "alpha", Query: graph.NeighborhoodQuery{Depth: 3},
			WantNodes: []string{"alpha", "alphabet", "beta", "delta", "epsilon", "eta", "gamma", "iota", "lambda", "theta", "zeta"},
			WantRels: sorted(append([]string{
				"alphabet SUPPLIES eta", "beta SUPPLIES delta", "delta LEADS gamma", "epsilon MEMBER_OF zeta",
				"gamma PART_OF beta", "lambda TARGETED beta", "zeta COOPERATES_WITH delta"}, alphaAll...))},
		{Name: "outgoing", Start: "alpha", Query: graph.NeighborhoodQuery{Depth: 1, Direction: graph.Outgoing},
			WantNodes: []string{"alpha", "beta", "epsilon", "gamma"},
			WantRels:  []string{"alpha COOPERATES_WITH beta", "alpha COOPERATES_WITH epsilon", "alpha SPIES_ON beta", "alpha SPIES_ON gamma"}},
		{Name: "incoming", Start: "alpha", Query: graph.NeighborhoodQuery{Depth: 1, Direction: graph.Incoming},
			WantNodes: []string{"alpha", "eta", "iota", "theta"},
			WantRels:  []string{"eta SUPPLIES alpha", "iota MENTIONS alpha", "theta SPIES_ON alpha"}},
		{Name: "outgoing depth 2", Start: "alpha", Query: graph.NeighborhoodQuery{Depth: 2, Direction: graph.Outgoing},
			WantNodes: []string{"alpha", "beta", "delta", "epsilon", "gamma", "zeta"},
			WantRels: []string{"alpha COOPERATES_WITH beta", "alpha COOPERATES_WITH epsilon", "alpha SPIES_ON beta",
				"alpha SPIES_ON gamma", "beta SUPPLIES delta", "epsilon MEMBER_OF zeta", "gamma PART_OF beta"}},
		{Name: "incoming to delta", Start: "delta", Query: graph.NeighborhoodQuery{Direction: graph.Incoming},
			WantNodes: []string{"beta", "delta", "zeta"},
			WantRels:  []string{"beta SUPPLIES delta", "zeta COOPERATES_WITH delta"}},
		{Name: "types", Start: "alpha", Query: graph.NeighborhoodQuery{Types: []string{"SPIES_ON"}},
			WantNodes: []string{"alpha", "beta", "gamma", "theta"},
			WantRels:  []string{"alpha SPIES_ON beta", "alpha SPIES_ON gamma", "theta SPIES_ON alpha"}},
		{Name: "unknown type follows nothing", Start: "alpha", Query: graph.NeighborhoodQuery{Types: []string{"NO_SUCH_TYPE"}},
			WantNodes: []string{"alpha"}, WantRels: []string{}},
		{Name: "as of a year inside a dated tie", Start: "alpha", Query: graph.NeighborhoodQuery{AsOf: "2011"},
			WantNodes: []string{"alpha", "beta", "epsilon", "eta", "gamma", "theta"},
			WantRels: []string{"alpha COOPERATES_WITH beta", "alpha COOPERATES_WITH epsilon", "alpha SPIES_ON beta",
				"alpha SPIES_ON gamma", "eta SUPPLIES alpha", "theta SPIES_ON alpha"}},
		{Name: "as of a year after one tie ended and before another began", Start: "alpha", Query: graph.NeighborhoodQuery{AsOf: "2013"},
			WantNodes: []string{"alpha", "beta", "epsilon", "eta", "gamma"},
			WantRels: []string{"alpha COOPERATES_WITH beta", "alpha COOPERATES_WITH epsilon", "alpha SPIES_ON beta",
				"alpha SPIES_ON gamma", "eta SUPPLIES alpha"}},
		{Name: "as of the month a tie ended", Start: "alpha", Query: graph.NeighborhoodQuery{AsOf: "2012-06-30", Types: []string{"SPIES_ON"}, Direction: graph.Incoming},
			WantNodes: []string{"alpha", "theta"}, WantRels: []string{"theta SPIES_ON alpha"}},
		{Name: "as of the day a tie began", Start: "alpha", Query: graph.NeighborhoodQuery{AsOf: "2015-09-01", Direction: graph.Incoming},
			WantNodes: []string{"alpha", "eta", "iota"}, WantRels: []string{"eta SUPPLIES alpha", "iota MENTIONS alpha"}},
		{Name: "limit at a level boundary keeps ties within the level", Start: "alpha", Query: graph.NeighborhoodQuery{Depth: 2, Limit: 7},
			WantNodes: []string{"alpha", "beta", "epsilon", "eta", "gamma", "iota", "theta"},
			WantRels:  sorted(append([]string{"gamma PART_OF beta"}, alphaAll...)), WantTruncated: true},
		{Name: "limit equal to the size is no truncation", Start: "alpha", Query: graph.NeighborhoodQuery{Depth: 1, Limit: 7},
			WantNodes: []string{"alpha", "beta", "epsilon", "eta", "gamma", "iota", "theta"},
			WantRels:  alphaAll},
		{Name: "limit inside a level", Start: "alpha", Query: graph.NeighborhoodQuery{Depth: 2, Limit: 9},
			WantNodes: []string{"alpha", "alphabet", "beta", "delta", "epsilon", "eta", "gamma", "iota", "lambda", "theta", "zeta"},
			WantRels: sorted(append([]string{
				"alphabet SUPPLIES eta", "beta SUPPLIES delta", "delta LEADS gamma", "epsilon MEMBER_OF zeta",
				"gamma PART_OF beta", "lambda TARGETED beta"}, alphaAll...)),
			WantTruncated: true, Partial: true,
			Levels: map[string]int{"alpha": 0, "beta": 1, "epsilon": 1, "eta": 1, "gamma": 1, "iota": 1, "theta": 1,
				"alphabet": 2, "delta": 2, "lambda": 2, "zeta": 2}},
		{Name: "limit 1 keeps the start", Start: "alpha", Query: graph.NeighborhoodQuery{Limit: 1},
			WantNodes: []string{"alpha"}, WantRels: []string{}, WantTruncated: true},
		{Name: "isolated node", Start: "kappa", Query: graph.NeighborhoodQuery{Depth: 2},
			WantNodes: []string{"kappa"}, WantRels: []string{}},
	}
}

// SyntheticPathCases are the path cases over Synthetic. The two parallel
// alpha–beta relationships tie on node keys; the SPIES_ON one has the
// smaller id (TestAll checks this assumption).
func SyntheticPathCases() []PathCase {
	p1 := []string{"alpha", "-SPIES_ON->", "beta", "-SUPPLIES->", "delta"}
	p2 := []string{"alpha", "-COOPERATES_WITH->", "beta", "-SUPPLIES->", "delta"}
	p3 := []string{"alpha", "-SPIES_ON->", "gamma", "<-LEADS-", "delta"}
	p4 := []string{"alpha", "-SPIES_ON->", "beta", "<-PART_OF-", "gamma", "<-LEADS-", "delta"}
	p5 := []string{"alpha", "-COOPERATES_WITH->", "beta", "<-PART_OF-", "gamma", "<-LEADS-", "delta"}
	p6 := []string{"alpha", "-COOPERATES_WITH->", "epsilon", "-MEMBER_OF->", "zeta", "-COOPERATES_WITH->", "delta"}
	p7 := []string{"alpha", "-SPIES_ON->", "gamma", "-PART_OF->", "beta", "-SUPPLIES->", "delta"}
	return []PathCase{
		{Name: "shortest", From: "alpha", To: "delta", Query: graph.PathQuery{K: 1}, Want: [][]string{p1}},
		{Name: "default k is 3", From: "alpha", To: "delta", Want: [][]string{p1, p2, p3}},
		{Name: "every simple path in order", From: "alpha", To: "delta", Query: graph.PathQuery{K: 10},
			Want: [][]string{p1, p2, p3, p4, p5, p6, p7}},
		{Name: "k cuts a tie", From: "alpha", To: "delta", Query: graph.PathQuery{K: 5},
			Want: [][]string{p1, p2, p3, p4, p5}},
		{Name: "max length", From: "alpha", To: "delta", Query: graph.PathQuery{K: 10, MaxLength: 2},
			Want: [][]string{p1, p2, p3}},
		{Name: "max length too short", From: "alpha", To: "delta", Query: graph.PathQuery{MaxLength: 1},
			Want: [][]string{}},
		{Name: "types", From: "alpha", To: "delta", Query: graph.PathQuery{K: 10, Types: []string{"SPIES_ON", "LEADS"}},
			Want: [][]string{p3}},
		{Name: "outgoing", From: "alpha", To: "delta", Query: graph.PathQuery{K: 10, Direction: graph.Outgoing},
			Want: [][]string{p1, p2, p6, p7}},
		{Name: "incoming", From: "delta", To: "alpha", Query: graph.PathQuery{K: 10, Direction: graph.Incoming},
			Want: [][]string{
				{"delta", "<-SUPPLIES-", "beta", "<-SPIES_ON-", "alpha"},
				{"delta", "<-SUPPLIES-", "beta", "<-COOPERATES_WITH-", "alpha"},
				{"delta", "<-SUPPLIES-", "beta", "<-PART_OF-", "gamma", "<-SPIES_ON-", "alpha"},
				{"delta", "<-COOPERATES_WITH-", "zeta", "<-MEMBER_OF-", "epsilon", "<-COOPERATES_WITH-", "alpha"},
			}},
		{Name: "against the arrows there is none", From: "alpha", To: "delta", Query: graph.PathQuery{Direction: graph.Incoming},
			Want: [][]string{}},
		{Name: "reverse", From: "delta", To: "alpha", Query: graph.PathQuery{K: 2},
			Want: [][]string{
				{"delta", "<-SUPPLIES-", "beta", "<-SPIES_ON-", "alpha"},
				{"delta", "<-SUPPLIES-", "beta", "<-COOPERATES_WITH-", "alpha"},
			}},
		{Name: "long way round", From: "iota", To: "lambda", Query: graph.PathQuery{K: 10, MaxLength: 3},
			Want: [][]string{
				{"iota", "-MENTIONS->", "alpha", "-SPIES_ON->", "beta", "<-TARGETED-", "lambda"},
				{"iota", "-MENTIONS->", "alpha", "-COOPERATES_WITH->", "beta", "<-TARGETED-", "lambda"},
			}},
		{Name: "no path", From: "alpha", To: "kappa", Want: [][]string{}},
		{Name: "to itself", From: "alpha", To: "alpha", Want: [][]string{{"alpha"}}},
	}
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}
