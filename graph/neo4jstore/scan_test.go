package neo4jstore

import (
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// These run without a server: the token scan is the first of the three
// read-only checks (see Cypher).
func TestScanQuery(t *testing.T) {
	tests := []struct {
		query  string
		clause string // "" means allowed
	}{
		{"MATCH (n) RETURN n", ""},
		{"match (n:Person)-[r]->(m) where n.name = 'x' return r", ""},
		{"CREATE (n)", "CREATE"},
		{"MATCH (n) detach delete n", "DETACH DELETE"},
		{"MATCH (n) WITH n SET n.x = 1", "SET"},
		{"MERGE (n {id: 1})", "MERGE"},
		{"MATCH (n) REMOVE n:Person", "REMOVE"},
		{"MATCH (n) FOREACH (x IN [1] | CREATE ())", "FOREACH"},
		{"LOAD CSV FROM 'x' AS l RETURN l", "LOAD CSV"},
		{"load   csv with headers from 'x' as l return l", "LOAD CSV"},
		{"USE system SHOW USERS", "USE"},
		{"SHOW DATABASES", "SHOW"},
		{"DROP INDEX x", "DROP"},
		{"GRANT ROLE x TO y", "GRANT"},
		{"TERMINATE TRANSACTIONS 'x'", "TERMINATE"},
		{"CALL db.labels()", ""},
		{"CALL db.labels() YIELD label RETURN label", ""},
		{"CALL db.schema.visualization()", ""},
		{"call db.createLabel('x')", "CALL db.createLabel"},
		{"CALL dbms.components()", "CALL dbms.components"},
		{"CALL apoc.cypher.runWrite('CREATE ()', {})", "CALL apoc.cypher.runWrite"},
		{"CALL { MATCH (n) RETURN n } RETURN n", ""},
		{"CALL { CREATE (n) } RETURN 1", "CREATE"},
		// Clause words as names, in strings and in comments are harmless.
		{"MATCH (n) WHERE n.create = 1 RETURN n.delete AS set", ""},
		{"MATCH (n:`DELETE`) RETURN n", ""},
		{"MATCH (n:Delete) RETURN n", ""},
		{"RETURN 'CREATE (n)', \"MERGE\" // DELETE", ""},
		{"RETURN 'it''s' /* DROP */ AS x", ""},
		{"RETURN 'a \\' CREATE' AS x", ""},
		{"RETURN {create: 1, load: 2} AS m", ""},
		{"RETURN $set AS x", ""},
		// A comment or string cannot hide a clause after it ends.
		{"RETURN 1 /* x */ CREATE (n)", "CREATE"},
		{"RETURN 'x' AS y\nCREATE (n)", "CREATE"},
		{"RETURN 1 // x\nCREATE (n)", "CREATE"},
		{"RETURN 'abc", "quote"},
		{"RETURN 1 /* abc", "comment"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			err := scanQuery(tt.query)
			if tt.clause == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if graph.KindOf(err) != graph.KindInvalid || !strings.Contains(graph.MessageOf(err), tt.clause) {
				t.Fatalf("got %v, want KindInvalid naming %q", err, tt.clause)
			}
		})
	}
}

func TestFixPosition(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Invalid input (line 2, column 9 (offset: 16))", "Invalid input (line 1, column 9 (offset: 8))"},
		{"Variable `m` not defined (line 3, column 8 (offset: 25))", "Variable `m` not defined (line 2, column 8 (offset: 17))"},
		{"no position here", "no position here"},
	}
	for _, tt := range tests {
		if got := fixPosition(tt.in); got != tt.want {
			t.Errorf("fixPosition(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzScanQuery(f *testing.F) {
	for _, s := range []string{"MATCH (n) RETURN n", "CALL db.labels()", "RETURN 'a' // b", "/* x */ CREATE ()", "LOAD CSV", "n.set", "`x`"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		err := scanQuery(q)
		if err != nil && graph.KindOf(err) != graph.KindInvalid {
			t.Fatalf("kind %q for %q", graph.KindOf(err), q)
		}
		// A write clause on a fresh line after an accepted query is
		// refused unless the query ends in a name position.
		if err == nil {
			trimmed := strings.TrimRight(q, " \t\r\n\f")
			if trimmed == "" || strings.ContainsAny(trimmed[len(trimmed)-1:], ".:$") || strings.HasSuffix(strings.ToUpper(trimmed), "AS") {
				return
			}
			if scanQuery(q+"\nDETACH DELETE n") == nil {
				t.Fatalf("a DELETE after %q was accepted", q)
			}
		}
	})
}
