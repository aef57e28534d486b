package cypher

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
)

// fixture is a small actor graph in actorgraph's shape.
const fixture = `
CREATE (us:Actor:State {key: 'us', name: 'United States', aliases: ['USA', 'America']}),
       (cn:Actor:State {key: 'cn', name: 'China'}),
       (ob:Actor:Person {key: 'obama', name: 'Barack Obama'}),
       (xi:Actor:Person {key: 'xi', name: 'Xi Jinping'}),
       (op:Document {key: 'oped', name: 'An op-ed', published: '2015-09-20'}),
       (ob)-[:LEADS {since: '2009-01-20'}]->(us),
       (xi)-[:LEADS {since: '2013-03-14'}]->(cn),
       (us)-[:ACCUSES {claim: 'theft of secrets', confidence: 0.8}]->(cn),
       (cn)-[:DENIES]->(us),
       (ob)-[:MEETS {date: '2015-09-25'}]->(xi),
       (op)-[:MENTIONS]->(us), (op)-[:MENTIONS]->(cn)
`

func fixtureGraph(t testing.TB) *memGraph {
	t.Helper()
	g := &memGraph{}
	if _, err := g.exec(fixture, nil); err != nil {
		t.Fatal(err)
	}
	return g
}

// render prints result rows in the TCK's notation, for compact tables.
func render(g Graph, res *Result) []string {
	var out []string
	for _, row := range res.Rows {
		var cells []string
		for _, c := range row {
			cells = append(cells, canon(toTCK(g, c), false))
		}
		out = append(out, strings.Join(cells, " | "))
	}
	return out
}

func TestRun(t *testing.T) {
	g := fixtureGraph(t)
	tests := []struct {
		name   string
		query  string
		params map[string]any
		cols   []string
		rows   []string
	}{
		{"label scan", "MATCH (n:State) RETURN n.name AS name ORDER BY name", nil,
			[]string{"name"}, []string{`"China"`, `"United States"`}},
		{"property map with parameter", "MATCH (n:State {name: $name})-[r]-(m) RETURN type(r) AS t, m.key AS k ORDER BY t, k", map[string]any{"name": "China"},
			[]string{"t", "k"}, []string{`"ACCUSES" | "us"`, `"DENIES" | "us"`, `"LEADS" | "xi"`, `"MENTIONS" | "oped"`}},
		{"label alternatives", "MATCH (n:Person|Document) RETURN n.key ORDER BY n.key", nil,
			[]string{"n.key"}, []string{`"obama"`, `"oped"`, `"xi"`}},
		{"label alternatives in WHERE", "MATCH (n) WHERE n:Person|Document RETURN n.key ORDER BY n.key", nil,
			[]string{"n.key"}, []string{`"obama"`, `"oped"`, `"xi"`}},
		{"count subquery", "MATCH (n:State) RETURN n.key, COUNT { (n)--() } AS degree, COUNT { MATCH (n)<-[:MENTIONS]-(d) RETURN d } AS mentions ORDER BY n.key", nil,
			[]string{"n.key", "degree", "mentions"}, []string{`"cn" | 4 | 1`, `"us" | 4 | 1`}},
		{"label expression", "MATCH (n:Actor&!(State|Document)) RETURN n.key ORDER BY n.key", nil,
			[]string{"n.key"}, []string{`"obama"`, `"xi"`}},
		{"any label", "MATCH (n:%) WHERE NOT n:Actor RETURN n.key", nil,
			[]string{"n.key"}, []string{`"oped"`}},
		{"exists function on a pattern", "MATCH (n:State) WHERE exists((n)-[:DENIES]->()) RETURN n.key", nil,
			[]string{"n.key"}, []string{`"cn"`}},
		{"dates are temporal values, not strings", "RETURN date('2015-09-25') AS a, date('20150925') AS b, date({year: 2015, month: 9}) AS c, date('2015-09-25') < '2015-10' AS d, date('2015-09-25') < date('2015-10') AS e, toString(date('2015-09-25')) = '2015-09-25' AS f", nil,
			[]string{"a", "b", "c", "d", "e", "f"}, []string{`"2015-09-25" | "2015-09-25" | "2015-09-01" | null | true | true`}},
		{"partial dates of the dataset", "MATCH (a)-[r:LEADS]->(b) WITH r, date(r.since) AS d RETURN d, d.year AS y, date(left(r.since, 4)) AS year, date(left(r.since, 7)) AS month ORDER BY d", nil,
			[]string{"d", "y", "year", "month"}, []string{`"2009-01-20" | 2009 | "2009-01-01" | "2009-01-01"`, `"2013-03-14" | 2013 | "2013-01-01" | "2013-03-01"`}},
		{"temporal arithmetic", "RETURN date('2015-01-31') + duration('P1M') AS a, duration.between(date('2013-06-01'), date('2015-09-25')) AS b, datetime('2015-09-25T10:00[Europe/Berlin]') AS c", nil,
			[]string{"a", "b", "c"}, []string{`"2015-02-28" | "P2Y3M24D" | "2015-09-25T10:00+02:00[Europe/Berlin]"`}},
		{"toInteger does not trim", "RETURN toInteger(' 12 ') AS a, toInteger('12') AS b", nil,
			[]string{"a", "b"}, []string{`null | 12`}},
		{"quantified path pattern", "MATCH (a {key: 'obama'}) (()-[:LEADS|ACCUSES]->()){1,2} (b) RETURN b.key ORDER BY b.key", nil,
			[]string{"b.key"}, []string{`"cn"`, `"us"`}},
		{"quantified relationship", "MATCH (a {key: 'obama'})-[:LEADS|ACCUSES]->{2}(b) RETURN b.key", nil,
			[]string{"b.key"}, []string{`"cn"`}},
		{"direction in", "MATCH (:State {key: 'us'})<-[:LEADS]-(p) RETURN p.name", nil,
			[]string{"p.name"}, []string{`"Barack Obama"`}},
		{"type alternation", "MATCH (a)-[:ACCUSES|DENIES]->(b) RETURN a.key, b.key ORDER BY a.key", nil,
			[]string{"a.key", "b.key"}, []string{`"cn" | "us"`, `"us" | "cn"`}},
		{"variable length", "MATCH (a {key: 'obama'})-[*2..3]->(b) RETURN DISTINCT b.key AS k ORDER BY k", nil,
			[]string{"k"}, []string{`"cn"`, `"us"`}},
		{"aggregation", "MATCH (d:Document)-[:MENTIONS]->(s) RETURN d.key, count(*) AS n, collect(s.key) AS ks", nil,
			[]string{"d.key", "n", "ks"}, []string{`"oped" | 2 | ["us","cn"]`}},
		{"optional match", "MATCH (p:Person) OPTIONAL MATCH (p)-[:ACCUSES]->(x) RETURN p.key, x ORDER BY p.key", nil,
			[]string{"p.key", "x"}, []string{`"obama" | null`, `"xi" | null`}},
		{"shortest path", "MATCH (a {key: 'obama'}), (b {key: 'cn'}), p = shortestPath((a)-[*]-(b)) RETURN length(p) AS l", nil,
			[]string{"l"}, []string{`2`}},
		{"string predicates", "MATCH (n:Actor) WHERE n.name STARTS WITH 'X' OR n.name =~ '(?i)chi.*' RETURN n.key ORDER BY n.key", nil,
			[]string{"n.key"}, []string{`"cn"`, `"xi"`}},
		{"list membership", "MATCH (n) WHERE 'USA' IN n.aliases RETURN n.key", nil,
			[]string{"n.key"}, []string{`"us"`}},
		{"skip and limit parameters", "MATCH (n:Actor) RETURN n.key ORDER BY n.key SKIP $s LIMIT $l", map[string]any{"s": 1, "l": 2},
			[]string{"n.key"}, []string{`"obama"`, `"us"`}},
		{"union", "MATCH (n:State) RETURN n.key AS k UNION MATCH (n:Person) RETURN n.key AS k", nil,
			[]string{"k"}, []string{`"us"`, `"cn"`, `"obama"`, `"xi"`}},
		{"exists subquery", "MATCH (n:Actor) WHERE EXISTS { (n)-[:LEADS]->() } RETURN n.key ORDER BY n.key", nil,
			[]string{"n.key"}, []string{`"obama"`, `"xi"`}},
		{"null logic", "RETURN null AND false AS a, null OR true AS b, null = null AS c, 1 = 1.0 AS d", nil,
			[]string{"a", "b", "c", "d"}, []string{`false | true | null | true`}},
		{"mixed-type ordering", "UNWIND [1, 'a', null, true, [1], {k: 1}, 2.5] AS x RETURN x ORDER BY x", nil,
			[]string{"x"}, []string{`{k:1,}`, `[1]`, `"a"`, `true`, `1`, `f2.5`, `null`}},
		{"functions", "RETURN toUpper('a'), size([1,2]), coalesce(null, 3), head([4]), last([5,6]), toInteger('7'), toFloat(8), toString(1.5)", nil,
			[]string{"toUpper('a')", "size([1,2])", "coalesce(null, 3)", "head([4])", "last([5,6])", "toInteger('7')", "toFloat(8)", "toString(1.5)"},
			[]string{`"A" | 2 | 3 | 4 | 6 | 7 | f8 | "1.5"`}},
		{"named path", "MATCH p = (:Person {key: 'xi'})-[:LEADS]->(s) RETURN [n IN nodes(p) | n.key] AS ks, size(relationships(p)) AS r", nil,
			[]string{"ks", "r"}, []string{`["xi","cn"] | 1`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Run(context.Background(), g, tt.query, tt.params, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !sameColumns(res.Columns, tt.cols) {
				t.Errorf("columns %q, want %q", res.Columns, tt.cols)
			}
			got := render(g, res)
			if strings.Join(got, "\n") != strings.Join(tt.rows, "\n") {
				t.Errorf("rows\n got %q\nwant %q", got, tt.rows)
			}
		})
	}
}

func TestReadOnly(t *testing.T) {
	g := fixtureGraph(t)
	for _, q := range []struct{ query, clause string }{
		{"CREATE (n)", "CREATE"},
		{"MATCH (n) SET n.x = 1", "SET"},
		{"MERGE (n:A)", "MERGE"},
		{"MATCH (n) DELETE n", "DELETE"},
		{"MATCH (n) DETACH DELETE n", "DETACH DELETE"},
		{"MATCH (n) REMOVE n.x", "REMOVE"},
		{"CALL db.labels()", "CALL"},
		{"LOAD CSV FROM 'file:///x' AS row RETURN row", "LOAD CSV"},
		{"FOREACH (x IN [1] | CREATE ())", "FOREACH"},
		{"MATCH (n) WITH n CREATE (m)", "CREATE"},
	} {
		t.Run(q.query, func(t *testing.T) {
			before := len(g.nodes)
			_, err := Run(context.Background(), g, q.query, nil, Options{})
			var ge *graph.Error
			if !errors.As(err, &ge) || ge.Kind != graph.KindInvalid || ge.Code != CodeReadOnly {
				t.Fatalf("err = %#v, want a read-only KindInvalid error", err)
			}
			if want := q.clause + " is not allowed: the query API is read-only"; !strings.HasPrefix(ge.Message, want) {
				t.Errorf("message %q, want it to start %q", ge.Message, want)
			}
			if len(g.nodes) != before {
				t.Errorf("the graph changed")
			}
		})
	}
}

func TestErrors(t *testing.T) {
	g := fixtureGraph(t)
	tests := []struct {
		query     string
		code      string
		msg       string // substring of the message
		line, col int    // 0: not checked
	}{
		{"MATCH (n RETURN n", CodeSyntax, "Invalid input 'RETURN': expected ')' (line 1, column 10 (offset: 9))\n\"MATCH (n RETURN n\"\n          ^", 1, 10},
		{"MATCH (n)\nRETURN n +", CodeSyntax, "Invalid input '': expected an expression (line 2, column 11 (offset: 20))", 2, 11},
		{"MATCH (n) RETURN x", CodeSyntax, "Variable `x` not defined", 1, 18},
		{"RETURN 'abc", CodeSyntax, "missing closing quote", 1, 8},
		{"RETURN 'é', ) ", CodeSyntax, "(line 1, column 13 (offset: 12))\n\"RETURN 'é', ) \"\n             ^", 1, 13},
		{"RETURN 9223372036854775808", CodeSyntax, "IntegerOverflow", 1, 8},
		{"MATCH (n) WHERE count(n) > 1 RETURN n", CodeSyntax, "InvalidAggregation", 0, 0},
		{"MATCH (a)-[r:A|:B]->(b) RETURN r", CodeSyntax, "old syntax [:A|:B]", 1, 16},
		{"MATCH (n) WHERE exists(n.name) RETURN n", CodeSyntax, "use n.prop IS NOT NULL", 1, 17},
		{"RETURN date('25/09/2015')", CodeSyntax, "cannot be parsed", 0, 0},
		{"RETURN date({year: 2015, month: 2, day: 30})", CodeArgument, "Invalid date 'FEBRUARY 30'", 0, 0},
		{"RETURN datetime('2015-09-25T10:00[Mars/Olympus]')", CodeArgument, "TimeZone", 0, 0},
		{"RETURN date('2015').hour", CodeType, "No such field: hour", 0, 0},
		{"RETURN date('2015') + 1", CodeType, "cannot apply +", 0, 0},
		{"RETURN foo(1)", CodeSyntax, "Unknown function 'foo'", 0, 0},
		{"RETURN 1 / 0", CodeArithmetic, "/ by zero", 0, 0},
		{"RETURN 9223372036854775807 + 1", CodeArithmetic, "integer overflow", 0, 0},
		{"RETURN 'a' - 1", CodeSyntax, "InvalidArgumentType", 0, 0},
		{"WITH 'a' AS s RETURN s - 1", CodeSyntax, "InvalidArgumentType", 0, 0},
		{"UNWIND ['a'] AS s RETURN s - 1", CodeType, "cannot apply -", 0, 0},
		{"RETURN $missing", CodeParameter, "Expected parameter(s): missing", 0, 0},
		{"MATCH (n) RETURN n LIMIT -1", CodeSyntax, "NegativeIntegerArgument", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			_, err := Run(context.Background(), g, tt.query, nil, Options{})
			var ge *graph.Error
			if !errors.As(err, &ge) {
				t.Fatalf("err = %v, want a *graph.Error", err)
			}
			if ge.Kind != graph.KindInvalid || !strings.Contains("|"+tt.code+"|", "|"+ge.Code+"|") {
				t.Errorf("kind %s code %s, want invalid %s", ge.Kind, ge.Code, tt.code)
			}
			if !strings.Contains(ge.Message, tt.msg) {
				t.Errorf("message %q lacks %q", ge.Message, tt.msg)
			}
			if tt.line != 0 && (ge.Line != tt.line || ge.Column != tt.col) {
				t.Errorf("at %d:%d, want %d:%d", ge.Line, ge.Column, tt.line, tt.col)
			}
		})
	}
}

// chain builds a path graph of n nodes linked by NEXT.
func chain(t testing.TB, n int) *memGraph {
	g := &memGraph{}
	if _, err := g.exec("UNWIND range(1, $n) AS i CREATE (:N {i: i})", map[string]any{"n": n}); err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < n; i++ {
		g.createRel("NEXT", NodeRef(i), NodeRef(i+1), nil)
	}
	return g
}

func TestLimits(t *testing.T) {
	g := chain(t, 40)
	ctx := context.Background()
	t.Run("row cap truncates", func(t *testing.T) {
		res, err := Run(ctx, g, "MATCH (n) RETURN n.i", nil, Options{MaxRows: 5})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Rows) != 5 || !res.Truncated {
			t.Errorf("%d rows, truncated %v; want 5, true", len(res.Rows), res.Truncated)
		}
		res, err = Run(ctx, g, "MATCH (n) RETURN n.i LIMIT 5", nil, Options{MaxRows: 5})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Rows) != 5 || res.Truncated {
			t.Errorf("%d rows, truncated %v; want 5, false", len(res.Rows), res.Truncated)
		}
	})
	t.Run("explicit bound above the hop cap", func(t *testing.T) {
		_, err := Run(ctx, g, "MATCH (a)-[*1..20]->(b) RETURN count(*)", nil, Options{HopCap: 10})
		if graph.KindOf(err) != graph.KindInvalid || !strings.Contains(err.Error(), "hop cap of 10") {
			t.Errorf("err = %v, want a hop cap error", err)
		}
	})
	t.Run("unbounded pattern reaching the hop cap", func(t *testing.T) {
		_, err := Run(ctx, g, "MATCH (a {i: 1})-[*]->(b) RETURN count(*)", nil, Options{HopCap: 10})
		if graph.KindOf(err) != graph.KindInvalid || !strings.Contains(err.Error(), "hop cap of 10") {
			t.Errorf("err = %v, want a hop cap error", err)
		}
		res, err := Run(ctx, g, "MATCH (a {i: 35})-[*]->(b) RETURN count(*)", nil, Options{HopCap: 10})
		if err != nil {
			t.Fatal(err)
		}
		if got := res.Rows[0][0]; got != int64(5) {
			t.Errorf("count %v, want 5", got)
		}
	})
	t.Run("timeout", func(t *testing.T) {
		_, err := Run(ctx, g, "MATCH (a), (b), (c), (d), (e) RETURN count(*)", nil, Options{Timeout: 20 * time.Millisecond})
		var ge *graph.Error
		if !errors.As(err, &ge) || ge.Kind != graph.KindTimeout {
			t.Errorf("err = %v, want a timeout (graph.KindTimeout)", err)
		}
	})
	t.Run("cancelled context", func(t *testing.T) {
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		_, err := Run(cctx, g, "MATCH (a), (b), (c), (d) RETURN count(*)", nil, Options{})
		if err == nil {
			t.Error("no error from a cancelled context")
		}
	})
	t.Run("buffer cap", func(t *testing.T) {
		_, err := Run(ctx, g, "UNWIND range(1, 100) AS x RETURN x ORDER BY x", nil, Options{MaxBuffered: 50})
		if graph.KindOf(err) != graph.KindInvalid {
			t.Errorf("err = %v, want KindInvalid", err)
		}
	})
}

// countingGraph counts the nodes the engine pulls, to show LIMIT stops
// the scan early.
type countingGraph struct {
	*memGraph
	pulled int
}

func (c *countingGraph) Nodes(label string) iter.Seq[NodeRef] {
	return func(yield func(NodeRef) bool) {
		for n := range c.memGraph.Nodes(label) {
			c.pulled++
			if !yield(n) {
				return
			}
		}
	}
}

func TestLimitStopsEarly(t *testing.T) {
	cg := &countingGraph{memGraph: chain(t, 1000)}
	res, err := Run(context.Background(), cg, "MATCH (n:N)-->(m) RETURN n.i, m.i LIMIT 3", nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != 3 {
		t.Fatalf("%d rows", len(res.Rows))
	}
	if cg.pulled > 3 {
		t.Errorf("pulled %d nodes for LIMIT 3", cg.pulled)
	}
}

func TestCypherResult(t *testing.T) {
	g := fixtureGraph(t)
	res, err := Run(context.Background(), g, "MATCH p = (a {key: 'xi'})-[r:LEADS]->(b) RETURN a, r, p, [a] AS l, {n: b} AS m", nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	cr := res.CypherResult(g, GraphConverter{G: g})
	if len(cr.Rows) != 1 || cr.Stats.Rows != 1 {
		t.Fatalf("rows %v", cr.Rows)
	}
	row := cr.Rows[0]
	if n, ok := row[0].(graph.Node); !ok || n.Key != "xi" || n.Properties["name"] != "Xi Jinping" {
		t.Errorf("a = %#v", row[0])
	}
	if r, ok := row[1].(graph.Relationship); !ok || r.Type != "LEADS" || r.Start != row[0].(graph.Node).ID {
		t.Errorf("r = %#v", row[1])
	}
	if p, ok := row[2].(graph.Path); !ok || p.Length != 1 || len(p.Nodes) != 2 {
		t.Errorf("p = %#v", row[2])
	}
	if l, ok := row[3].([]any); !ok || len(l) != 1 {
		t.Errorf("l = %#v", row[3])
	} else if _, ok := l[0].(graph.Node); !ok {
		t.Errorf("l[0] = %#v", l[0])
	}
	if m, ok := row[4].(map[string]any); !ok {
		t.Errorf("m = %#v", row[4])
	} else if _, ok := m["n"].(graph.Node); !ok {
		t.Errorf("m.n = %#v", m["n"])
	}
	if len(cr.Graph.Nodes) != 2 || len(cr.Graph.Relationships) != 1 {
		t.Errorf("graph has %d nodes, %d relationships; want 2, 1", len(cr.Graph.Nodes), len(cr.Graph.Relationships))
	}
}

func TestPrepareColumns(t *testing.T) {
	p, err := Prepare("MATCH (n) RETURN n, n.name AS name, count(*)")
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(p.Columns()); got != "[n name count(*)]" {
		t.Errorf("columns %s", got)
	}
}

// indexedGraph answers NodesByProperty by scanning, and counts the calls.
type indexedGraph struct {
	*memGraph
	lookups int
}

func (ig *indexedGraph) NodesByProperty(label, key, value string) (iter.Seq[NodeRef], bool) {
	if key != "key" {
		return nil, false
	}
	ig.lookups++
	return func(yield func(NodeRef) bool) {
		for n := range ig.memGraph.Nodes(label) {
			if v, _ := ig.NodeProperty(n, key); v == value {
				if !yield(n) {
					return
				}
			}
		}
	}, true
}

func TestPropertyIndex(t *testing.T) {
	base := fixtureGraph(t)
	ig := &indexedGraph{memGraph: base}
	for _, q := range []string{
		"MATCH (a)-[r]->(b:State {key: $k}) RETURN a.key, type(r) ORDER BY a.key, type(r)",
		"MATCH (b:State {key: $k, name: 'China'})<-[r]-(a) RETURN a.key, type(r) ORDER BY a.key, type(r)",
		"MATCH (a)-[r]->(b {key: $k}) RETURN a.key, type(r) ORDER BY a.key, type(r)",
	} {
		params := map[string]any{"k": "cn"}
		want, err := Run(context.Background(), base, q, params, Options{})
		if err != nil {
			t.Fatal(err)
		}
		before := ig.lookups
		got, err := Run(context.Background(), ig, q, params, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if ig.lookups == before {
			t.Errorf("%s: the index was not used", q)
		}
		if g, w := render(base, got), render(base, want); strings.Join(g, "\n") != strings.Join(w, "\n") || len(w) != 3 {
			t.Errorf("%s: with index %q, without %q", q, g, w)
		}
	}
}

func TestOrderByLimitIsBounded(t *testing.T) {
	g := chain(t, 2000)
	// MaxBuffered is far below the 2000 rows sorted: only the top-k
	// pruning lets this run.
	res, err := Run(context.Background(), g, "MATCH (n:N) RETURN n.i AS i ORDER BY i DESC SKIP 2 LIMIT 3", nil, Options{MaxBuffered: 200})
	if err != nil {
		t.Fatal(err)
	}
	if got := render(g, res); strings.Join(got, ",") != "1998,1997,1996" {
		t.Errorf("rows %q", got)
	}
}

// TestOrderByLimitMatchesFullSort: with a LIMIT, ORDER BY keeps only the
// best rows as they arrive (the top-k cut drops a row that sorts after the
// last one kept); the rows must be those of the full sort, ties in arrival
// order included.
func TestOrderByLimitMatchesFullSort(t *testing.T) {
	g := chain(t, 3000)
	for _, order := range []string{"k", "k DESC", "k, i DESC", "i % 5 DESC, k"} {
		full, err := Run(context.Background(), g, "MATCH (n:N) RETURN n.i % 7 AS k, n.i AS i ORDER BY "+order, nil, Options{MaxRows: 5000})
		if err != nil {
			t.Fatal(err)
		}
		all := render(g, full)
		for _, c := range []struct{ skip, limit int }{{0, 1}, {0, 15}, {100, 15}, {400, 300}, {2990, 20}} {
			q := fmt.Sprintf("MATCH (n:N) RETURN n.i %% 7 AS k, n.i AS i ORDER BY %s SKIP %d LIMIT %d", order, c.skip, c.limit)
			res, err := Run(context.Background(), g, q, nil, Options{MaxRows: 5000})
			if err != nil {
				t.Fatal(err)
			}
			if len(all) != 3000 {
				t.Fatalf("the full sort gave %d rows", len(all))
			}
			want := all[min(c.skip, len(all)):min(c.skip+c.limit, len(all))]
			if got := render(g, res); !slices.Equal(got, want) {
				t.Errorf("%s:\n got %q\nwant %q", q, got, want)
			}
		}
	}
}

func TestHostileInput(t *testing.T) {
	g := fixtureGraph(t)
	for _, q := range []string{
		"RETURN " + strings.Repeat("(", 100000) + "1" + strings.Repeat(")", 100000),
		"RETURN " + strings.Repeat("[", 100000) + strings.Repeat("]", 100000),
		"RETURN " + strings.Repeat("-", 100000) + "1",
		"RETURN " + strings.Repeat("NOT ", 100000) + "true",
		"MATCH " + strings.Repeat("(", 100000) + "n" + strings.Repeat(")", 100000) + " RETURN n",
		"RETURN range(-9223372036854775808, 9223372036854775807)",
		"RETURN range(9223372036854775807, -9223372036854775808, -1)",
		"UNWIND [1, 2] AS x RETURN percentileDisc(x, 0.0/0.0)",
	} {
		name := q
		if len(name) > 40 {
			name = name[:40]
		}
		t.Run(name, func(t *testing.T) {
			_, err := Run(context.Background(), g, q, nil, Options{})
			if graph.KindOf(err) != graph.KindInvalid {
				t.Errorf("err = %v, want KindInvalid", err)
			}
		})
	}
}

func TestPreparedConcurrent(t *testing.T) {
	g := fixtureGraph(t)
	p, err := Prepare("MATCH (a:Actor)-[r]-(b) WHERE a.name =~ $re WITH a, count(r) AS d ORDER BY d DESC, a.key RETURN a.key, d, EXISTS { (a)-[:LEADS]->() } AS leads")
	if err != nil {
		t.Fatal(err)
	}
	want, err := p.Run(context.Background(), g, map[string]any{"re": ".*"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 8)
	for range 8 {
		go func() {
			res, err := p.Run(context.Background(), g, map[string]any{"re": ".*"}, Options{})
			if err == nil && strings.Join(render(g, res), "\n") != strings.Join(render(g, want), "\n") {
				err = fmt.Errorf("rows differ: %q", render(g, res))
			}
			errs <- err
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

// countedGraph counts labels, so the engine starts at the rarest one.
type countedGraph struct{ *countingGraph }

func (c countedGraph) CountNodes(label string) int {
	n := 0
	for range c.memGraph.Nodes(label) {
		n++
	}
	return n
}

func TestStartAtRarestLabel(t *testing.T) {
	g := chain(t, 500)
	g.nodes[499].labels = append(g.nodes[499].labels, "Last")
	cg := countedGraph{&countingGraph{memGraph: g}}
	res, err := Run(context.Background(), cg, "MATCH (a:N)-[:NEXT]->(b:N:Last) RETURN a.i", nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := render(g, res); len(got) != 1 || got[0] != "499" {
		t.Errorf("rows %q", got)
	}
	if cg.pulled > 1 {
		t.Errorf("pulled %d nodes; starting at :Last needs 1", cg.pulled)
	}
}

func TestStarColumns(t *testing.T) {
	g := fixtureGraph(t)
	res, err := Run(context.Background(), g, "MATCH (b:Person {key: 'xi'})-[r:LEADS]->(a) WITH *, 1 AS one RETURN *", nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(res.Columns); got != "[a b one r]" {
		t.Errorf("columns %s", got)
	}
	if _, err := Run(context.Background(), g, "MATCH (n) RETURN *, n", nil, Options{}); graph.KindOf(err) != graph.KindInvalid {
		t.Errorf("RETURN *, n: err = %v, want a column name conflict", err)
	}
}

// TestExplainProfile: EXPLAIN plans without running (a query that fails
// when run still explains), PROFILE runs and fails as the query does, and
// both keep the query's columns.
func TestExplainProfile(t *testing.T) {
	t.Parallel()
	g := &memGraph{}
	ctx := context.Background()
	res, err := Run(ctx, g, "EXPLAIN UNWIND [1, 0] AS x RETURN 1 / x AS y", nil, Options{})
	if err != nil {
		t.Fatalf("EXPLAIN ran the query: %v", err)
	}
	if res.Plan == nil || res.Plan.Mode != "EXPLAIN" || len(res.Rows) != 0 || len(res.Columns) != 1 || res.Columns[0] != "y" {
		t.Fatalf("EXPLAIN: %+v", res)
	}
	if got := res.Plan.Root.Operator + ">" + res.Plan.Root.Children[0].Operator + ">" + res.Plan.Root.Children[0].Children[0].Operator; got != "ProduceResults>Projection>Unwind" {
		t.Errorf("plan %s", got)
	}
	if _, err := Run(ctx, g, "PROFILE UNWIND [1, 0] AS x RETURN 1 / x AS y", nil, Options{}); err == nil {
		t.Errorf("PROFILE of a failing query succeeded")
	}
	res, err = Run(ctx, g, "PROFILE UNWIND range(1, 10) AS x WITH x WHERE x % 2 = 0 RETURN x LIMIT 3", nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != 3 || res.Plan == nil || res.Plan.Root.Rows == nil || *res.Plan.Root.Rows != 3 {
		t.Fatalf("PROFILE: %d rows, plan %+v", len(res.Rows), res.Plan)
	}
	var unwind *graph.PlanOperator
	for op := &res.Plan.Root; ; op = &op.Children[0] {
		if op.Operator == "Unwind" {
			unwind = op
		}
		if len(op.Children) == 0 {
			break
		}
	}
	// LIMIT 3 over the even numbers stops the UNWIND after its 6th row.
	if unwind == nil || unwind.Rows == nil || *unwind.Rows != 6 {
		t.Errorf("Unwind counted %v rows, want 6", unwind)
	}
}
