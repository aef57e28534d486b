package cypher

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// Queries on which the engine once disagreed with Neo4j 5.26 (see
// graph/difftest/DIFFERENCES.md); the expected rows are Neo4j's answers,
// carried over to the small fixture graph.
func TestNeo4jDivergences(t *testing.T) {
	g := fixtureGraph(t)
	tests := []struct {
		name  string
		query string
		rows  []string
	}{
		{"toString writes Java exponents", "RETURN toString(1e-7), toString(2.0e15), toString(1.5e-10), toString(-1.0e-3), toString(123456.0), toString(1.0e7)",
			[]string{`"1.0E-7" | "2.0E15" | "1.5E-10" | "-0.001" | "123456.0" | "1.0E7"`}},
		{"split of the empty string", "RETURN split('', '') AS a, split('', ',') AS b, split('ab', '') AS c",
			[]string{`[""] | [""] | ["a","b"]`}},
		{"round with zero precision", "RETURN round(1234.5678, 0), round(1234.5678, 2)",
			[]string{`f1235 | f1234.57`}},
		{"relationship type negation", "MATCH (:State {key: 'us'})-[r:!ACCUSES]-(b) RETURN type(r) AS t, b.key ORDER BY t",
			[]string{`"DENIES" | "cn"`, `"LEADS" | "obama"`, `"MENTIONS" | "oped"`}},
		{"relationship type conjunction", "MATCH ()-[r:ACCUSES&DENIES]->() RETURN r", nil},
		{"relationship type any", "MATCH (:State {key: 'cn'})-[r:%]->(b) RETURN b.key", []string{`"us"`}},
		{"relationship type expression, variable length", "MATCH (a {key: 'obama'})-[:!MEETS&!MENTIONS]->{2}(b) RETURN b.key", []string{`"cn"`}},
		{"type predicates", "UNWIND [1, 'a', 1.5, null, [1, 2], [1, null], {k: 1}, true] AS x RETURN x IS :: INTEGER, x IS :: STRING NOT NULL, x IS NOT :: FLOAT, x :: LIST<INTEGER>, x IS :: LIST<INTEGER NOT NULL> NOT NULL, x IS :: INTEGER NOT NULL | STRING NOT NULL, x IS :: NULL, x IS :: MAP, x IS :: BOOLEAN, x IS :: ANY<FLOAT NOT NULL | BOOL NOT NULL>",
			[]string{
				`true | false | true | false | false | true | false | false | false | false`,
				`false | true | true | false | false | true | false | false | false | false`,
				`false | false | false | false | false | false | false | false | false | true`,
				`true | false | false | true | false | false | true | true | true | false`,
				`false | false | true | true | true | false | false | false | false | false`,
				`false | false | true | true | false | false | false | false | false | false`,
				`false | false | true | false | false | false | false | true | false | false`,
				`false | false | true | false | false | false | false | false | true | true`,
			}},
		{"type predicates on entities", "MATCH p = (a:Person {key: 'xi'})-[r:LEADS]->() RETURN a IS :: NODE, r IS :: RELATIONSHIP, p IS :: PATH, a IS :: RELATIONSHIP, a.name IS :: PROPERTY VALUE",
			[]string{`true | true | true | false | true`}},
		{"collect subquery", "RETURN COLLECT { MATCH (n:Actor) RETURN n.key ORDER BY n.key } AS keys",
			[]string{`["cn","obama","us","xi"]`}},
		{"collect subquery, correlated", "MATCH (n:State) RETURN n.key, COLLECT { MATCH (n)<-[:LEADS]-(p) RETURN p.name } AS leaders ORDER BY n.key",
			[]string{`"cn" | ["Xi Jinping"]`, `"us" | ["Barack Obama"]`}},
		{"collect subquery, empty", "MATCH (n:Document) RETURN COLLECT { MATCH (n)<--(m) RETURN m } AS in",
			[]string{`[]`}},
		{"call subquery with importing WITH", "MATCH (n:State) CALL { WITH n MATCH (n)-->(m) RETURN count(m) AS out } RETURN n.key, out ORDER BY n.key",
			[]string{`"cn" | 1`, `"us" | 1`}},
		{"call subquery, scoped", "MATCH (n:State) CALL (n) { MATCH (n)<--(m) RETURN m.key AS k } RETURN n.key, k ORDER BY n.key, k",
			[]string{`"cn" | "oped"`, `"cn" | "us"`, `"cn" | "xi"`, `"us" | "cn"`, `"us" | "obama"`, `"us" | "oped"`}},
		{"call subquery drops rows it has none for", "MATCH (n:Actor) CALL { WITH n MATCH (n)-[:MEETS]->(m) RETURN m.key AS met } RETURN n.key, met",
			[]string{`"obama" | "xi"`}},
		{"optional call keeps them", "MATCH (n:Person) OPTIONAL CALL { WITH n MATCH (n)-[:MEETS]->(m) RETURN m.key AS met } RETURN n.key, met ORDER BY n.key",
			[]string{`"obama" | "xi"`, `"xi" | null`}},
		{"uncorrelated call subquery", "CALL { MATCH (d:Document) RETURN d.key AS doc } UNWIND [1, 2] AS i RETURN doc, i",
			[]string{`"oped" | 1`, `"oped" | 2`}},
		{"call subquery with UNION", "MATCH (n:State) CALL { WITH n MATCH (n)-->(m) RETURN m.key AS k UNION WITH n MATCH (n)<-[:ACCUSES|DENIES]-(m) RETURN m.key AS k } RETURN n.key, k ORDER BY n.key, k",
			[]string{`"cn" | "us"`, `"us" | "cn"`}},
		{"call subquery with UNION ALL", "CALL { MATCH (n:State) RETURN n.key AS k UNION ALL MATCH (n:State) RETURN n.key AS k } RETURN count(k)",
			[]string{`4`}},
		{"call subquery under LIMIT", "UNWIND range(1, 100) AS i CALL { MATCH (n:Actor) RETURN n.key AS k } RETURN i, k LIMIT 2",
			[]string{`1 | "us"`, `1 | "cn"`}},
		{"SHORTEST 1", "MATCH p = SHORTEST 1 (a {key: 'obama'})-[*]-(b {key: 'cn'}) RETURN length(p)", []string{`2`}},
		{"ANY SHORTEST", "MATCH p = ANY SHORTEST PATH (a {key: 'obama'})-[*]-(b {key: 'cn'}) RETURN length(p)", []string{`2`}},
		{"ALL SHORTEST", "MATCH p = ALL SHORTEST PATHS (a {key: 'obama'})-[*]-(b {key: 'cn'}) RETURN count(p), min(length(p)), max(length(p))", []string{`3 | 2 | 2`}},
		{"SHORTEST k GROUPS", "MATCH p = SHORTEST 2 GROUPS (a {key: 'obama'})-[*]-(b {key: 'cn'}) RETURN length(p) AS l, count(*) ORDER BY l", []string{`2 | 3`, `3 | 1`}},
		{"SHORTEST k", "MATCH p = SHORTEST 4 (a {key: 'obama'})-[*]-(b {key: 'cn'}) RETURN length(p) AS l, count(*) ORDER BY l", []string{`2 | 3`, `3 | 1`}},
		{"SHORTEST k, directed, per pair", "MATCH p = SHORTEST 1 (a:Person)-[:LEADS|ACCUSES]->+(b:State) RETURN a.key, b.key, length(p) ORDER BY a.key, b.key",
			[]string{`"obama" | "cn" | 2`, `"obama" | "us" | 1`, `"xi" | "cn" | 1`}},
		{"ANY k", "MATCH p = ANY 2 PATHS (a {key: 'obama'})-[*]-(b {key: 'cn'}) RETURN count(p)", []string{`2`}},
		{"ALL is no selector", "MATCH p = ALL (a {key: 'xi'})-[:LEADS]->(b) RETURN b.key", []string{`"cn"`}},
		{"selector then WHERE", "MATCH p = ALL SHORTEST (a {key: 'obama'})-[*]-(b {key: 'cn'}) WHERE all(n IN nodes(p) WHERE n:Actor) RETURN count(p)", []string{`3`}},
		{"selector over a quantified path pattern", "MATCH p = SHORTEST 1 (a {key: 'obama'}) (()-[:LEADS|ACCUSES]->())+ (b {key: 'cn'}) RETURN length(p)", []string{`2`}},
		{"selector over two relationships", "MATCH p = SHORTEST 1 (a {key: 'obama'})-->(m)-[*]-(b {key: 'cn'}) RETURN length(p), count(*)", []string{`2 | 1`}},
		{"selector groups over two relationships", "MATCH p = ALL SHORTEST (a {key: 'obama'})-->(m)-[*]-(b {key: 'cn'}) RETURN length(p), count(*)", []string{`2 | 3`}},
		{"selector over a group with variables", "MATCH p = ALL SHORTEST (a {key: 'obama'}) ((x)-[r]-(y))+ (b {key: 'cn'}) RETURN [n IN y | n.key] AS ys ORDER BY ys",
			[]string{`["us","cn"]`, `["us","cn"]`, `["xi","cn"]`}},
		{"selector over a group, WHERE after selection", "MATCH p = SHORTEST 1 GROUPS (a {key: 'obama'}) ((x)-[r]-(y))+ (b {key: 'cn'}) WHERE y[0].key = 'xi' RETURN length(p)",
			[]string{`2`}},
		{"selector over a group, pairs apart", "MATCH p = SHORTEST 1 (a:Person) ((x)-[:LEADS|ACCUSES]->(y))+ (b:State) RETURN a.key, b.key, size(x) ORDER BY a.key, b.key",
			[]string{`"obama" | "cn" | 2`, `"obama" | "us" | 1`, `"xi" | "cn" | 1`}},
		{"selector with a minimum length", "MATCH p = SHORTEST 1 (a {key: 'obama'})-[*3..]-(b {key: 'cn'}) RETURN length(p)", []string{`3`}},
		{"quantified group with variables", "MATCH (a {key: 'obama'}) ((x)-[r:LEADS|ACCUSES]->(y)){1,2} (b) RETURN b.key, [n IN x | n.key], [n IN y | n.key], size(r) ORDER BY b.key DESC",
			[]string{`"us" | ["obama"] | ["us"] | 1`, `"cn" | ["obama","us"] | ["us","cn"] | 2`}},
		{"quantified group with WHERE", "MATCH (a {key: 'us'}) ((x)-[r]->(y) WHERE r.confidence >= 0.8){1,2} (b) RETURN b.key, size(r)",
			[]string{`"cn" | 1`}},
		{"quantified group matched from its right end", "MATCH (a) ((x)-[r:LEADS|ACCUSES]->(y)){2} (b:State {key: 'cn'}) RETURN a.key, [n IN x | n.key], [n IN y | n.key]",
			[]string{`"obama" | ["obama","us"] | ["us","cn"]`}},
		{"quantified group of two relationships", "MATCH (a) ((p:Person)-[:LEADS]->(s:State)-[:ACCUSES]->(t)){1} (b) RETURN [n IN p | n.key], [n IN s | n.key], b.key",
			[]string{`["obama"] | ["us"] | "cn"`}},
		{"quantified group in a path", "MATCH p = (a {key: 'obama'}) ((x)-[:LEADS|ACCUSES]->(y:Actor)){2} (b) RETURN [n IN nodes(p) | n.key], length(p)",
			[]string{`["obama","us","cn"] | 2`}},
		{"group variable in the MATCH's WHERE", "MATCH (a {key: 'obama'}) ((x)-[:LEADS|ACCUSES|DENIES]->(y))+ (b) WHERE size(x) = 3 RETURN b.key",
			[]string{`"us"`}},
		{"quantified group with properties", "MATCH (a) ((x {key: 'us'})-[r]->(y)){1} (b) RETURN type(r[0]) AS t ORDER BY t",
			[]string{`"ACCUSES"`}},
		{"quantified group, zero iterations", "MATCH (a {key: 'xi'}) ((x)-[:LEADS]->(y)){0,1} (b) RETURN b.key, size(x) ORDER BY size(x)",
			[]string{`"xi" | 0`, `"cn" | 1`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Run(context.Background(), g, tt.query, nil, Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := render(g, res)
			if strings.Join(got, "\n") != strings.Join(tt.rows, "\n") {
				t.Errorf("rows\n got %q\nwant %q", got, tt.rows)
			}
		})
	}
}

func TestNeo4jDivergenceErrors(t *testing.T) {
	g := fixtureGraph(t)
	tests := []struct {
		query string
		code  string
		msg   string
	}{
		{"RETURN round(1234.5678, -2)", CodeArgument, "precision"},
		{"RETURN 1 IS :: WHATEVER", CodeSyntax, "expected a type name"},
		{"RETURN 1 IS :: LIST<INTEGER", CodeSyntax, "expected '>'"},
		{"RETURN 1 IS :: NULL NOT NULL", CodeSyntax, "not a type"},
		{"RETURN 1 IS :: INTEGER | STRING NOT NULL", CodeSyntax, "must be nullable, or"},
		{"MATCH (a)-[r:!T*1..2]->(b) RETURN b", CodeSyntax, "must not use relationship type expressions"},
		{"RETURN 1 IS :: ANY<INTEGER | STRING> NOT NULL", CodeSyntax, "can not be appended"},
		{"MATCH (a)-[r:A|:B&C]->(b) RETURN r", CodeSyntax, "old syntax"},
		{"MATCH (n) CALL { WITH n CREATE (m) RETURN m } RETURN n", CodeReadOnly, "CREATE is not allowed"},
		{"CALL { MATCH (n) SET n.x = 1 RETURN n } RETURN n", CodeReadOnly, "SET is not allowed"},
		{"CALL db.labels()", CodeReadOnly, "CALL is not allowed"},
		{"OPTIONAL CALL db.labels()", CodeReadOnly, "CALL is not allowed"},
		{"CALL { MATCH (n) RETURN n } IN TRANSACTIONS RETURN n", CodeReadOnly, "IN TRANSACTIONS"},
		{"MATCH (n) CALL { MATCH (n)-->(m) RETURN m AS n } RETURN n", CodeSyntax, "VariableAlreadyBound"},
		{"MATCH (n) CALL { RETURN n.key AS k } RETURN k", CodeSyntax, "Variable `n` not defined"},
		{"RETURN COLLECT { MATCH (n) RETURN n.key, n.name } AS x", CodeSyntax, "single return column"},
		{"RETURN COLLECT { MATCH (n) } AS x", CodeSyntax, "single return column"},
		{"CALL { RETURN 1 AS a UNION RETURN 2 AS b } RETURN a", CodeSyntax, "DifferentColumnsInUnion"},
		{"CALL { RETURN 1 AS a UNION RETURN 2 AS a UNION ALL RETURN 3 AS a } RETURN a", CodeSyntax, "UNION and UNION ALL"},
		{"MATCH p = SHORTEST (a)-[*]-(b) RETURN p", CodeSyntax, "expected a path count or GROUPS"},
		{"MATCH p = SHORTEST 0 (a)-[*]-(b) RETURN p", CodeSyntax, "count between 1"},
		{"MATCH (x) ((x)-->(y))+ (b) RETURN b", CodeSyntax, "already declared"},
		{"MATCH (a) ((x)-->(x))+ (b) RETURN b", CodeSyntax, "declared twice"},
		{"MATCH (a) ((x)-[*]->(y))+ (b) RETURN b", CodeSyntax, "nested"},
		{"MATCH (a) ((x)-->(y) WHERE size(x) > 1)+ (b) RETURN b", CodeSyntax, "InvalidArgumentType"},
		{"MATCH (a) ((x))+ (b) RETURN b", CodeSyntax, "at least one relationship"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			_, err := Run(context.Background(), g, tt.query, nil, Options{})
			var ge *graph.Error
			if !errors.As(err, &ge) {
				t.Fatalf("err = %v, want a *graph.Error", err)
			}
			if ge.Code != tt.code || !strings.Contains(ge.Message, tt.msg) {
				t.Errorf("code %s message %q, want %s containing %q", ge.Code, ge.Message, tt.code, tt.msg)
			}
		})
	}
}
