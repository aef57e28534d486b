package graphtest

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/metrics"
)

// The graded graph pins down the evidence model: Admiralty grades and
// their filters, stances, and corroboration. x and y are tied by three
// RIVALS claims from three documents (one disputing), two SPIES_ON
// claims from a document and its reprint (one source between them), and
// one SPIES_ON the other way; y–z and w–z are graded ties further out,
// and x LEADS w carries no grades at all.
//
//	doc-a reliability A   doc-b D   doc-c B   doc-c2 B (VERSION_OF doc-c)

type gradedRel struct {
	start, typ, end string
	source          string
	reliability     string
	credibility     int64
	stance          string
}

var gradedDocs = map[string]string{"doc-a": "A", "doc-b": "D", "doc-c": "B", "doc-c2": "B"}

var gradedRels = []gradedRel{
	{"x", "RIVALS", "y", "doc-a", "A", 2, graph.Asserted},
	{"x", "RIVALS", "y", "doc-b", "D", 3, graph.Asserted},
	{"x", "RIVALS", "y", "doc-c", "B", 5, graph.Disputed},
	{"x", "SPIES_ON", "y", "doc-c", "B", 3, graph.Asserted},
	{"x", "SPIES_ON", "y", "doc-c2", "B", 3, graph.Reported},
	{"y", "SPIES_ON", "x", "doc-a", "A", 4, graph.Asserted},
	{"y", "COOPERATES_WITH", "z", "doc-b", "D", 1, graph.Asserted},
	{"w", "COOPERATES_WITH", "z", "doc-a", "A", 2, graph.Asserted},
	{"x", "LEADS", "w", "", "", 0, ""},
	{"doc-c2", "VERSION_OF", "doc-c", "", "", 0, ""},
}

// Graded returns the graded graph; every call returns a fresh copy.
func Graded() graph.Graph {
	var g graph.Graph
	for _, k := range []string{"doc-a", "doc-b", "doc-c", "doc-c2", "w", "x", "y", "z"} {
		n := graph.Node{ID: graph.NodeID(k), Key: k, Labels: []string{"Actor", "Country"},
			Properties: map[string]any{graph.PropName: "Graded " + k}}
		if r, ok := gradedDocs[k]; ok {
			n.Labels = []string{"Actor", "Document"}
			n.Properties[graph.PropReliability] = r
		}
		g.Nodes = append(g.Nodes, n)
	}
	for i, r := range gradedRels {
		props := map[string]any{graph.PropPolarity: graph.Neutral}
		if r.source != "" {
			props[graph.PropSource] = r.source
			props[graph.PropLocator] = int64(1)
			props[graph.PropClaim] = fmt.Sprintf("graded claim %d", i)
			props[graph.PropReliability] = r.reliability
			props[graph.PropCredibility] = r.credibility
			props[graph.PropStance] = r.stance
		}
		g.Relationships = append(g.Relationships, graph.Relationship{
			ID: graph.RelID(r.start, r.typ, r.end, r.source), Type: r.typ,
			Start: graph.NodeID(r.start), End: graph.NodeID(r.end), Properties: props,
		})
	}
	return g
}

// GradedNeighborhoodCases are neighbourhood cases over Graded: the grade
// thresholds drop relationships, which are then neither followed nor
// returned.
func GradedNeighborhoodCases() []NeighborhoodCase {
	return []NeighborhoodCase{
		{Name: "minReliability B", Start: "x", Query: graph.NeighborhoodQuery{Depth: 2, Grades: graph.GradeFilter{MinReliability: "B"}},
			WantNodes: []string{"x", "y"},
			WantRels:  []string{"x RIVALS y", "x RIVALS y", "x SPIES_ON y", "x SPIES_ON y", "y SPIES_ON x"}},
		{Name: "minCredibility 2", Start: "x", Query: graph.NeighborhoodQuery{Depth: 2, Grades: graph.GradeFilter{MinCredibility: 2}},
			WantNodes: []string{"x", "y", "z"},
			WantRels:  []string{"x RIVALS y", "y COOPERATES_WITH z"}},
		{Name: "both thresholds", Start: "x", Query: graph.NeighborhoodQuery{Depth: 1, Grades: graph.GradeFilter{MinReliability: "B", MinCredibility: 3}},
			WantNodes: []string{"x", "y"},
			WantRels:  []string{"x RIVALS y", "x SPIES_ON y", "x SPIES_ON y"}},
		{Name: "a threshold drops ungraded relationships", Start: "x", Query: graph.NeighborhoodQuery{Depth: 1, Grades: graph.GradeFilter{MinCredibility: 5}},
			WantNodes: []string{"x", "y"},
			WantRels:  []string{"x RIVALS y", "x RIVALS y", "x RIVALS y", "x SPIES_ON y", "x SPIES_ON y", "y SPIES_ON x"}},
		{Name: "no threshold keeps everything", Start: "x", Query: graph.NeighborhoodQuery{Depth: 1},
			WantNodes: []string{"w", "x", "y"},
			WantRels:  []string{"x LEADS w", "x RIVALS y", "x RIVALS y", "x RIVALS y", "x SPIES_ON y", "x SPIES_ON y", "y SPIES_ON x"}},
	}
}

// GradedPathCases are path cases over Graded.
func GradedPathCases() []PathCase {
	return []PathCase{
		{Name: "minCredibility 2 leaves one way", From: "x", To: "z", Query: graph.PathQuery{K: 3, Grades: graph.GradeFilter{MinCredibility: 2}},
			Want: [][]string{{"x", "-RIVALS->", "y", "-COOPERATES_WITH->", "z"}}},
		{Name: "minReliability A leaves none", From: "x", To: "z", Query: graph.PathQuery{K: 3, Grades: graph.GradeFilter{MinReliability: "A"}},
			Want: [][]string{}},
		{Name: "minReliability D follows graded ties only", From: "y", To: "w", Query: graph.PathQuery{K: 3, Grades: graph.GradeFilter{MinReliability: "D"}},
			Want: [][]string{{"y", "-COOPERATES_WITH->", "z", "<-COOPERATES_WITH-", "w"}}},
	}
}

// TieSummary is a graph.Tie without its claims, for comparing.
type TieSummary struct {
	Tie                                 string // "start TYPE end"
	Supporting, Disputing, For, Against int
	SingleSource, Contested, Symmetric  bool
}

// CorroborationCase is a corroboration query over Graded and its answer.
type CorroborationCase struct {
	Name  string
	Query graph.CorroborateQuery
	Want  []TieSummary
}

// GradedCorroborationCases are the corroboration cases over Graded.
func GradedCorroborationCases() []CorroborationCase {
	rivals := TieSummary{Tie: "x RIVALS y", Supporting: 2, Disputing: 1, For: 2, Against: 1, Contested: true, Symmetric: true}
	spiesXY := TieSummary{Tie: "x SPIES_ON y", Supporting: 1, For: 2, SingleSource: true} // doc-c2 is a version of doc-c
	spiesYX := TieSummary{Tie: "y SPIES_ON x", Supporting: 1, For: 1, SingleSource: true}
	all := []TieSummary{rivals, spiesXY, spiesYX}
	return []CorroborationCase{
		{Name: "every tie between x and y", Query: graph.CorroborateQuery{A: "x", B: "y"}, Want: all},
		{Name: "the pair either way round", Query: graph.CorroborateQuery{A: "y", B: "x"}, Want: all},
		{Name: "by id", Query: graph.CorroborateQuery{A: graph.NodeID("x"), B: "y"}, Want: all},
		{Name: "one type", Query: graph.CorroborateQuery{A: "x", B: "y", Types: []string{"RIVALS"}}, Want: []TieSummary{rivals}},
		{Name: "minReliability A", Query: graph.CorroborateQuery{A: "x", B: "y", Grades: graph.GradeFilter{MinReliability: "A"}},
			Want: []TieSummary{{Tie: "x RIVALS y", Supporting: 1, For: 1, SingleSource: true, Symmetric: true}, spiesYX}},
		{Name: "a symmetric tie is read in its canonical direction", Query: graph.CorroborateQuery{A: "z", B: "w"},
			Want: []TieSummary{{Tie: "w COOPERATES_WITH z", Supporting: 1, For: 1, SingleSource: true, Symmetric: true}}},
		{Name: "no ties", Query: graph.CorroborateQuery{A: "x", B: "z"}, Want: []TieSummary{}},
	}
}

// TiesCase is a query for the corroboration of every tie among some
// nodes of Graded, and its answer (For and Against stay 0: no claims).
type TiesCase struct {
	Name  string
	Query graph.TiesQuery
	Want  []TieSummary
}

// GradedTiesCases are the cases of CorroborateAmong over Graded. Each of
// its ties is also held to what Corroborate says between its two ends
// (RunTies), so that a canvas mark and the evidence panel cannot differ.
func GradedTiesCases() []TiesCase {
	one := func(tie string, symmetric bool) TieSummary {
		return TieSummary{Tie: tie, Supporting: 1, SingleSource: true, Symmetric: symmetric}
	}
	rivals := TieSummary{Tie: "x RIVALS y", Supporting: 2, Disputing: 1, Contested: true, Symmetric: true}
	xy := []TieSummary{rivals, one("x SPIES_ON y", false), one("y SPIES_ON x", false)}
	return []TiesCase{
		{Name: "every tie among w, x, y, z", Query: graph.TiesQuery{Nodes: []string{"w", "x", "y", "z"}},
			Want: append([]TieSummary{one("w COOPERATES_WITH z", true), one("y COOPERATES_WITH z", true), one("x LEADS w", false)}, xy...)},
		{Name: "ids and keys, a node twice", Query: graph.TiesQuery{Nodes: []string{graph.NodeID("y"), "x", "y"}}, Want: xy},
		{Name: "one type", Query: graph.TiesQuery{Nodes: []string{"w", "x", "y", "z"}, Types: []string{"RIVALS"}}, Want: []TieSummary{rivals}},
		{Name: "minReliability A", Query: graph.TiesQuery{Nodes: []string{"x", "y"}, Grades: graph.GradeFilter{MinReliability: "A"}},
			Want: []TieSummary{one("x RIVALS y", true), one("y SPIES_ON x", false)}},
		{Name: "a version and its original", Query: graph.TiesQuery{Nodes: []string{"doc-c", "doc-c2"}}, Want: []TieSummary{one("doc-c2 VERSION_OF doc-c", false)}},
		{Name: "one node has no ties", Query: graph.TiesQuery{Nodes: []string{"x"}}, Want: []TieSummary{}},
	}
}

// SummarizeTies reduces a CorroborateAmong answer to TieSummary values.
func SummarizeTies(ties []graph.Corroboration) []TieSummary {
	out := []TieSummary{}
	for _, t := range ties {
		out = append(out, TieSummary{Tie: t.Start + " " + t.Type + " " + t.End, Supporting: t.Supporting, Disputing: t.Disputing,
			SingleSource: t.SingleSource, Contested: t.Contested, Symmetric: t.Symmetric})
	}
	return out
}

// RunTies checks one CorroborateAmong case against s, and each tie it
// answers against Corroborate between the tie's ends.
func RunTies(t *testing.T, s graph.Store, c TiesCase) {
	t.Helper()
	ctx := context.Background()
	q := c.Query
	if err := q.Normalize(graph.DefaultLimits()); err != nil {
		t.Fatalf("Normalize(%+v): %v", c.Query, err)
	}
	got, err := graph.CorroborateAmong(ctx, s, q)
	if err != nil {
		t.Fatalf("CorroborateAmong(%+v): %v", c.Query, err)
	}
	if sum := SummarizeTies(got); !slices.Equal(sum, c.Want) {
		t.Errorf("ties =\n%+v\nwant\n%+v", sum, c.Want)
	}
	for _, tie := range got {
		claims, err := graph.Corroborate(ctx, s, graph.CorroborateQuery{A: tie.Start, B: tie.End, Types: []string{tie.Type}, Grades: c.Query.Grades})
		if err != nil {
			t.Fatalf("Corroborate(%s, %s): %v", tie.Start, tie.End, err)
		}
		// Between two nodes there may be a tie each way round.
		i := slices.IndexFunc(claims.Ties, func(x graph.Tie) bool { return x.Start == tie.Start && x.End == tie.End })
		if i < 0 || claims.Ties[i].Corroboration != tie {
			t.Errorf("CorroborateAmong says %+v; Corroborate between its ends %+v", tie, Summarize(claims))
		}
	}
}

// Summarize reduces the ties of a Claims answer to TieSummary values.
func Summarize(c graph.Claims) []TieSummary {
	out := []TieSummary{}
	for _, t := range c.Ties {
		out = append(out, TieSummary{Tie: t.Start + " " + t.Type + " " + t.End, Supporting: t.Supporting, Disputing: t.Disputing,
			For: len(t.For), Against: len(t.Against), SingleSource: t.SingleSource, Contested: t.Contested, Symmetric: t.Symmetric})
	}
	return out
}

// GradedMetricsCases are metrics cases over Graded: the grade thresholds
// drop relationships from the view before anything is counted, as they
// drop them from a neighbourhood (ungraded ones included).
func GradedMetricsCases() []MetricsCase {
	docs := map[string]int{"doc-a": 0, "doc-b": 0, "doc-c": 0, "doc-c2": 0}
	with := func(m map[string]int) map[string]int {
		out := maps.Clone(docs)
		maps.Copy(out, m)
		return out
	}
	return []MetricsCase{
		{Name: "minReliability B keeps the ties graded B or better", View: metrics.View{Query: graph.NeighborhoodQuery{Grades: graph.GradeFilter{MinReliability: "B"}}},
			WantDegree: with(map[string]int{"w": 1, "x": 5, "y": 5, "z": 1}), WantTogether: [][]string{{"x", "y"}, {"w", "z"}}},
		{Name: "both thresholds", View: metrics.View{Query: graph.NeighborhoodQuery{Grades: graph.GradeFilter{MinReliability: "B", MinCredibility: 3}}},
			WantDegree: with(map[string]int{"w": 1, "x": 3, "y": 3, "z": 1}), WantTogether: [][]string{{"x", "y"}, {"w", "z"}}},
		{Name: "around a node, minCredibility 2", View: metrics.View{Around: "x", Query: graph.NeighborhoodQuery{Depth: 2, Limit: 100, Grades: graph.GradeFilter{MinCredibility: 2}}},
			WantDegree: map[string]int{"x": 1, "y": 2, "z": 1}, WantTop: "y"},
		{Name: "a node list, minCredibility 2", View: metrics.View{Nodes: []string{"x", "y", "z"}, Query: graph.NeighborhoodQuery{Grades: graph.GradeFilter{MinCredibility: 2}}},
			WantDegree: map[string]int{"x": 1, "y": 2, "z": 1}, WantTop: "y"},
		{Name: "a threshold that is no grade", View: metrics.View{Query: graph.NeighborhoodQuery{Grades: graph.GradeFilter{MinReliability: "F"}}},
			WantKind: graph.KindInvalid, WantParam: "minReliability"},
	}
}

func testGrades(t *testing.T, s graph.Store) {
	g := Graded()
	mustLoad(t, s, g)
	keys := idKeys(g)
	t.Run("kept as loaded", func(t *testing.T) { sameGraph(t, "dump", dump(t, s), g) })
	for _, c := range GradedNeighborhoodCases() {
		t.Run("neighborhood/"+c.Name, func(t *testing.T) { RunNeighborhood(t, s, c, graph.NodeID(c.Start), keys) })
	}
	for _, c := range GradedPathCases() {
		t.Run("paths/"+c.Name, func(t *testing.T) { RunPaths(t, s, c, c.From, c.To) })
	}
	for _, c := range GradedMetricsCases() {
		t.Run("metrics/"+c.Name, func(t *testing.T) { RunMetrics(t, StoreMetrics(s), c) })
	}
	ctx := context.Background()
	bad := []struct {
		name  string
		err   error
		param string
	}{
		{"minReliability F", func() error {
			_, err := s.Neighborhood(ctx, "x", graph.NeighborhoodQuery{Grades: graph.GradeFilter{MinReliability: "F"}})
			return err
		}(), "minReliability"},
		{"minCredibility 6", func() error {
			_, err := s.Paths(ctx, graph.PathQuery{From: "x", To: "z", Grades: graph.GradeFilter{MinCredibility: 6}})
			return err
		}(), "minCredibility"},
	}
	for _, c := range bad {
		t.Run("bad threshold/"+c.name, func(t *testing.T) { wantError(t, c.err, graph.KindInvalid, c.param) })
	}
	// Grades that are not grades are refused by the one validator, and
	// the store is left as it was.
	badProps := []struct {
		name string
		edit func(*graph.Graph)
	}{
		{"reliability G on a node", func(g *graph.Graph) { g.Nodes[0].Properties[graph.PropReliability] = "G" }},
		{"reliability on a relationship", func(g *graph.Graph) { g.Relationships[0].Properties[graph.PropReliability] = "b" }},
		{"credibility 7", func(g *graph.Graph) { g.Relationships[0].Properties[graph.PropCredibility] = int64(7) }},
		{"credibility as text", func(g *graph.Graph) { g.Relationships[0].Properties[graph.PropCredibility] = "2" }},
	}
	for _, c := range badProps {
		t.Run("refused/"+c.name, func(t *testing.T) {
			bg := Graded()
			c.edit(&bg)
			_, err := s.Load(ctx, bg)
			wantError(t, err, graph.KindInvalid, paramOf(err))
			sameGraph(t, "dump after a refused load", dump(t, s), g)
		})
	}
}

func testStance(t *testing.T, s graph.Store) {
	g := Graded()
	mustLoad(t, s, g)
	ctx := context.Background()
	nb, err := s.Neighborhood(ctx, "x", graph.NeighborhoodQuery{Types: []string{"RIVALS", "SPIES_ON"}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range nb.Relationships {
		st, _ := r.Properties[graph.PropStance].(string)
		got = append(got, r.Properties[graph.PropSource].(string)+" "+r.Type+" "+st)
	}
	slices.Sort(got)
	want := []string{"doc-a RIVALS asserted", "doc-a SPIES_ON asserted", "doc-b RIVALS asserted", "doc-c RIVALS disputed", "doc-c SPIES_ON asserted", "doc-c2 SPIES_ON reported"}
	if !slices.Equal(got, want) {
		t.Errorf("stances = %q, want %q", got, want)
	}
	bg := Graded()
	bg.Relationships[2].Properties[graph.PropStance] = "doubted"
	_, err = s.Load(ctx, bg)
	wantError(t, err, graph.KindInvalid, paramOf(err))
	sameGraph(t, "dump after a refused load", dump(t, s), g)
}

// RunCorroboration checks one corroboration case against s.
func RunCorroboration(t *testing.T, s graph.Store, c CorroborationCase) {
	t.Helper()
	got, err := graph.Corroborate(context.Background(), s, c.Query)
	if err != nil {
		t.Fatalf("Corroborate(%+v): %v", c.Query, err)
	}
	if sum := Summarize(got); !slices.Equal(sum, c.Want) {
		t.Errorf("ties =\n%+v\nwant\n%+v", sum, c.Want)
	}
}

func testCorroboration(t *testing.T, s graph.Store) {
	mustLoad(t, s, Graded())
	for _, c := range GradedCorroborationCases() {
		t.Run(c.Name, func(t *testing.T) { RunCorroboration(t, s, c) })
	}
	for _, c := range GradedTiesCases() {
		t.Run("among/"+c.Name, func(t *testing.T) { RunTies(t, s, c) })
	}
	ctx := context.Background()
	for _, c := range []struct {
		name  string
		q     graph.CorroborateQuery
		kind  graph.Kind
		param string
	}{
		{"no a", graph.CorroborateQuery{B: "y"}, graph.KindInvalid, "a"},
		{"no b", graph.CorroborateQuery{A: "x"}, graph.KindInvalid, "b"},
		{"unknown node", graph.CorroborateQuery{A: "x", B: "nobody"}, graph.KindNotFound, ""},
		{"bad type", graph.CorroborateQuery{A: "x", B: "y", Types: []string{"rivals"}}, graph.KindInvalid, "types"},
		{"bad threshold", graph.CorroborateQuery{A: "x", B: "y", Grades: graph.GradeFilter{MinReliability: "Z"}}, graph.KindInvalid, "minReliability"},
	} {
		t.Run("error/"+c.name, func(t *testing.T) {
			_, err := graph.Corroborate(ctx, s, c.q)
			wantError(t, err, c.kind, c.param)
		})
	}
	tooMany := make([]string, graph.DefaultLimits().MaxSubgraph+1)
	for i := range tooMany {
		tooMany[i] = "x"
	}
	for _, c := range []struct {
		name  string
		q     graph.TiesQuery
		kind  graph.Kind
		param string
	}{
		{"no nodes", graph.TiesQuery{}, graph.KindInvalid, "nodes"},
		{"more nodes than a subgraph takes", graph.TiesQuery{Nodes: tooMany}, graph.KindInvalid, "nodes"},
		{"unknown node", graph.TiesQuery{Nodes: []string{"x", "nobody"}}, graph.KindNotFound, ""},
		{"bad type", graph.TiesQuery{Nodes: []string{"x", "y"}, Types: []string{"rivals"}}, graph.KindInvalid, "types"},
		{"bad threshold", graph.TiesQuery{Nodes: []string{"x", "y"}, Grades: graph.GradeFilter{MinCredibility: 9}}, graph.KindInvalid, "minCredibility"},
	} {
		t.Run("among error/"+c.name, func(t *testing.T) {
			err := c.q.Normalize(graph.DefaultLimits())
			if err == nil {
				_, err = graph.CorroborateAmong(ctx, s, c.q)
			}
			wantError(t, err, c.kind, c.param)
		})
	}
}
