package difftest

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph/internal/neo4jlock"
)

var (
	randomN    = flag.Int("random", 0, "also compare this many generated expression queries (TestRandomExpressions)")
	randomSeed = flag.Uint64("seed", 1, "seed for -random")
)

// exprGen writes random, well-typed Cypher expressions over a node n, a
// relationship r and a node m of the article graph: literals, properties
// (present and missing), operators and the scalar functions analysts use.
// Well-typed, because Neo4j rejects ill-typed literals at compile time
// while a dynamic engine only sees nulls, and that one known gap would
// drown everything else. It avoids what DIFFERENCES.md already explains
// (labels, element ids, reverse of a stored list), so that what it finds
// is new.
type exprGen struct{ rng *rand.Rand }

// The expression types exprGen knows.
const (
	tNum = iota
	tStr
	tBool
	tList // of strings
	nTypes
)

func (g exprGen) pick(xs ...string) string { return xs[g.rng.IntN(len(xs))] }

func (g exprGen) leaf(t int) string {
	if g.rng.IntN(12) == 0 {
		return g.pick("null", "n.missing")
	}
	switch t {
	case tNum:
		if g.rng.IntN(2) == 0 {
			return strconv.Itoa(g.rng.IntN(21) - 10)
		}
		return g.pick("0.5", "-1.25", "2.0", "0.0", "1e3", "0.1", "r.confidence", "r.locator", "n.paragraphs", "r.locator", "r.confidence")
	case tStr:
		return g.pick("''", "'a'", "'China'", "'us-'", "'détente'", "' x '", "'12'", "'2.5'", "'true'", "'-3'",
			"n.name", "n.key", "n.country", "r.since", "r.until", "r.polarity", "m.name", "m.key", "n.description")
	case tBool:
		return g.pick("true", "false")
	}
	return g.pick("[]", "['a', null]", "['China', 'PRC']", "n.aliases", "m.aliases", "['b', 'a', 'b']")
}

func (g exprGen) expr(t, depth int) string {
	if depth <= 0 || g.rng.IntN(4) == 0 {
		return g.leaf(t)
	}
	e := func(t int) string { return g.expr(t, depth-1) }
	switch t {
	case tNum:
		switch g.rng.IntN(6) {
		case 0, 1:
			// No ^: Go's and Java's pow may differ in the last bit
			// (DIFFERENCES.md, float-last-digit).
			return "(" + e(tNum) + " " + g.pick("+", "-", "*", "/", "%") + " " + e(tNum) + ")"
		case 2:
			return g.pick("abs", "sign", "ceil", "floor", "round", "sqrt", "-") + "(" + e(tNum) + ")"
		case 3:
			return g.pick("toInteger", "toFloat") + "(" + e(g.pick2(tNum, tStr)) + ")"
		case 4:
			return "size(" + e(g.pick2(tStr, tList)) + ")"
		}
		return "CASE WHEN " + e(tBool) + " THEN " + e(tNum) + " ELSE " + e(tNum) + " END"
	case tStr:
		switch g.rng.IntN(8) {
		case 0:
			return "(" + e(tStr) + " + " + e(g.pick2(tStr, tNum)) + ")"
		case 1:
			return g.pick("toLower", "toUpper", "trim", "ltrim", "rtrim", "reverse") + "(" + e(tStr) + ")"
		case 2:
			return g.pick("left", "right") + "(" + e(tStr) + ", " + strconv.Itoa(g.rng.IntN(5)) + ")"
		case 3:
			return "substring(" + e(tStr) + ", " + strconv.Itoa(g.rng.IntN(4)) + g.pick("", ", 2", ", 0") + ")"
		case 4:
			return "replace(" + e(tStr) + ", " + e(tStr) + ", " + e(tStr) + ")"
		case 5:
			return "toString(" + e(g.pick2(tNum, tBool)) + ")"
		case 6:
			return "coalesce(" + e(tStr) + ", " + e(tStr) + ")"
		}
		return g.pick("head", "last") + "(" + e(tList) + ")"
	case tBool:
		switch g.rng.IntN(7) {
		case 0:
			return "(" + e(tBool) + " " + g.pick("AND", "OR", "XOR") + " " + e(tBool) + ")"
		case 1:
			return "(NOT " + e(tBool) + ")"
		case 2:
			u := g.rng.IntN(nTypes)
			return "(" + e(u) + " " + g.pick("=", "<>", "<", "<=", ">", ">=") + " " + e(u) + ")"
		case 3:
			return "(" + e(tStr) + " " + g.pick("STARTS WITH", "ENDS WITH", "CONTAINS", "=~") + " " + e(tStr) + ")"
		case 4:
			return "(" + e(tStr) + " IN " + e(tList) + ")"
		case 5:
			return "(" + e(g.rng.IntN(nTypes)) + g.pick(" IS NULL", " IS NOT NULL") + ")"
		}
		return g.pick("any", "all", "none", "single") + "(x IN " + e(tList) + " WHERE x " + g.pick("=", "<", "STARTS WITH") + " " + e(tStr) + ")"
	}
	switch g.rng.IntN(5) {
	case 0:
		return "[x IN " + e(tList) + " WHERE " + g.pick("x IS NOT NULL", "size(x) > 2", "x <> 'a'") + " | " + g.pick("x", "toUpper(x)", "x + '!'") + "]"
	case 1:
		return "split(" + e(tStr) + ", " + g.pick("' '", "'-'", "'a'", "''") + ")"
	case 2:
		return "tail(" + e(tList) + ")"
	case 3:
		return e(tList) + g.pick("[1..]", "[..2]", "[-1..]", "[0..0]")
	}
	return "[" + e(tStr) + ", " + e(tStr) + "]"
}

func (g exprGen) pick2(a, b int) int {
	if g.rng.IntN(2) == 0 {
		return a
	}
	return b
}

// randomQueries returns n queries: each evaluates one random expression on
// a fixed dozen relationships, so that properties are both present and
// missing. The rows are not grouped: NaNs group differently on purpose
// (DIFFERENCES.md, nan-grouping).
func randomQueries(seed uint64, n int) []query {
	g := exprGen{rand.New(rand.NewPCG(seed, 7))}
	out := make([]query, n)
	for i := range out {
		e := g.expr(g.rng.IntN(nTypes), 3)
		out[i] = query{
			Name: fmt.Sprintf("r%04d", i),
			Query: "MATCH (n)-[r]->(m) WHERE n.key IN ['china', 'doc-globalist-2015-us-china-cyber', 'barack-obama', 'europe'] " +
				"WITH n, r, m ORDER BY r.id LIMIT 12 RETURN " + e + " AS v",
		}
	}
	return out
}

// TestRandomExpressions compares generated expressions on both stores.
// It only runs with -random N; every divergence it finds belongs in the
// corpus, reduced to its essence, as a bug or a documented difference.
func TestRandomExpressions(t *testing.T) {
	if *randomN <= 0 {
		t.Skip("run with -random N to compare N generated expressions")
	}
	uri := neo4jURI(t)
	neo4jlock.Lock(t)
	neo := openNeo4j(t, uri)
	g := articleGraph(t)
	resetNeo4j(t, uri, neo, g)
	emb := newEmbedded(t, g)
	bad, failed := 0, 0
	for _, q := range randomQueries(*randomSeed, *randomN) {
		a, b := run(emb, q), run(neo, q)
		if a.Err != nil && b.Err != nil {
			failed++
		}
		if d := compare(q, a, b); d != nil {
			bad++
			t.Errorf("%s\nquery: %s\nembedded: %s\nneo4j:    %s", d, q.Query,
				showResult(a, false, 4), showResult(b, false, 4))
		}
	}
	t.Logf("%d of %d generated queries diverged; %d failed on both stores", bad, *randomN, failed)
}

// TestProbe shows both stores' answers to the query in DIFFTEST_PROBE over
// the article graph, for reducing a divergence by hand:
//
//	DIFFTEST_PROBE='RETURN 1.5 / 0' go test -run TestProbe -v ./graph/difftest
func TestProbe(t *testing.T) {
	text := os.Getenv("DIFFTEST_PROBE")
	if text == "" {
		t.Skip("set DIFFTEST_PROBE to a query to see both stores' answers")
	}
	uri := neo4jURI(t)
	neo4jlock.Lock(t)
	neo := openNeo4j(t, uri)
	g := articleGraph(t)
	resetNeo4j(t, uri, neo, g)
	emb := newEmbedded(t, g)
	for _, s := range strings.Split(text, ";;") {
		q := query{Query: strings.TrimSpace(s)}
		a, b := run(emb, q), run(neo, q)
		t.Logf("query: %s\nembedded: %s\nneo4j:    %s\ncompare: %v", q.Query, showResult(a, false, 20), showResult(b, false, 20), compare(q, a, b))
	}
}

// patternGen writes random MATCH queries over the article graph: chains
// of one to three hops in any direction, with labels, type alternations,
// bounded variable lengths, a second pattern or an OPTIONAL MATCH sharing
// variables, and answers that count, collect or list, so that matching,
// relationship uniqueness and optional rows are compared, not expressions.
type patternGen struct{ rng *rand.Rand }

func (g patternGen) pick(xs ...string) string { return xs[g.rng.IntN(len(xs))] }

func (g patternGen) node(v string, anchor bool) string {
	switch {
	case anchor && g.rng.IntN(2) == 0:
		return "(" + v + " {key: '" + g.pick("china", "united-states", "greg-austin", "russia", "nsa", "europe", "opm", "mandiant") + "'})"
	case g.rng.IntN(3) == 0:
		return "(" + v + ":" + g.pick("Country", "Person", "Document", "Actor", "Topic", "Group", "Country|Bloc", "PublicBody") + ")"
	}
	return "(" + v + ")"
}

func (g patternGen) rel(v string) string {
	types := g.pick("", "", ":SPIES_ON", ":CRITICIZES|BLAMES", ":PART_OF", ":COOPERATES_WITH|NEGOTIATES_WITH", ":CONCERNS", ":AUTHORED|PUBLISHED")
	length := ""
	if g.rng.IntN(4) == 0 {
		v = "" // a variable-length relationship is left unnamed, so RETURN never meets a list
		length = g.pick("*1..2", "*2", "*0..1", "*..2", "*1..3")
	}
	body := "[" + v + types + length + "]"
	switch g.rng.IntN(3) {
	case 0:
		return "-" + body + "->"
	case 1:
		return "<-" + body + "-"
	}
	return "-" + body + "-"
}

func (g patternGen) query() string {
	hops := 1 + g.rng.IntN(3)
	vars := []string{"a", "b", "c", "d"}
	p := g.node("a", true)
	for i := 1; i <= hops; i++ {
		p += g.rel("r"+strconv.Itoa(i)) + g.node(vars[i], false)
	}
	q := "MATCH " + p
	last := vars[hops]
	switch g.rng.IntN(5) {
	case 0:
		q += ", " + g.node(last, false) + g.rel("s") + g.node("e", false)
		last = "e"
	case 1:
		q += " OPTIONAL MATCH " + g.node(last, false) + g.rel("s") + g.node("e", false)
		last = "e"
	}
	if g.rng.IntN(2) == 0 {
		q += " WHERE " + g.pick("a <> "+last, "a.key < "+last+".key", last+".country IS NOT NULL", "NOT a:Country", "size(a.name) > 10")
	}
	switch g.rng.IntN(4) {
	case 0:
		return q + " RETURN count(*) AS n"
	case 1:
		return q + " RETURN count(DISTINCT " + last + ") AS n, count(DISTINCT a) AS m"
	case 2:
		return q + " RETURN a.key AS a, collect(" + last + ".key) AS ends"
	}
	return q + " RETURN DISTINCT a.key AS a, " + last + ".key AS z"
}

// TestRandomPatterns compares generated MATCH queries on both stores. Like
// TestRandomExpressions it only runs with -random N.
func TestRandomPatterns(t *testing.T) {
	if *randomN <= 0 {
		t.Skip("run with -random N to compare N generated patterns")
	}
	uri := neo4jURI(t)
	neo4jlock.Lock(t)
	neo := openNeo4j(t, uri)
	g := articleGraph(t)
	resetNeo4j(t, uri, neo, g)
	emb := newEmbedded(t, g)
	pg := patternGen{rand.New(rand.NewPCG(*randomSeed, 11))}
	bad, empty := 0, 0
	for i := range *randomN {
		q := query{Name: fmt.Sprintf("p%04d", i), Query: pg.query(), UnorderedLists: true}
		a, b := run(emb, q), run(neo, q)
		if b.Err == nil && len(b.Res.Rows) == 0 {
			empty++
		}
		if d := compare(q, a, b); d != nil {
			bad++
			t.Errorf("%s\nquery: %s\nembedded: %s\nneo4j:    %s", d, q.Query, showResult(a, true, 4), showResult(b, true, 4))
		}
	}
	t.Logf("%d of %d generated patterns diverged; %d had no rows", bad, *randomN, empty)
}
