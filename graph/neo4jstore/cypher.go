package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/actorgraph/actorgraph/graph"
)

// Bounds of a user Cypher query.
const (
	MaxQueryBytes  = 64 << 10
	DefaultMaxRows = 10000
)

// allowedProcedures are the only procedures a user query may call: they
// describe the schema and write nothing.
var allowedProcedures = map[string]bool{
	"db.labels":               true,
	"db.relationshipTypes":    true,
	"db.propertyKeys":         true,
	"db.schema.visualization": true,
}

// refusedClauses are keywords that only appear in writing, schema or
// administration statements, or that would leave the store's database.
var refusedClauses = map[string]string{
	"CREATE": "CREATE", "MERGE": "MERGE", "SET": "SET", "DELETE": "DELETE",
	"DETACH": "DETACH DELETE", "REMOVE": "REMOVE", "FOREACH": "FOREACH",
	"DROP": "DROP", "ALTER": "ALTER", "SHOW": "SHOW", "GRANT": "GRANT",
	"DENY": "DENY", "REVOKE": "REVOKE", "TERMINATE": "TERMINATE", "USE": "USE",
	"START": "START", "STOP": "STOP", "RENAME": "RENAME", "ENABLE": "ENABLE",
	"DEALLOCATE": "DEALLOCATE", "REALLOCATE": "REALLOCATE", "FINISH": "FINISH",
}

func refused(clause, why string) *graph.Error {
	return &graph.Error{Kind: graph.KindInvalid, Param: "query", Code: "actorgraph.ReadOnly",
		Message: fmt.Sprintf("%s is not allowed: queries are read-only (%s)", clause, why)}
}

type token struct {
	word       string // upper-cased identifier or keyword; "" for punctuation
	raw        string
	punct      byte
	prev, next byte   // nearest non-space characters around the token
	prevWord   string // the word token just before, if the previous token is a word
}

// tokens splits a query into words and punctuation, skipping string
// literals, backticked names and comments, which may hold any text.
func tokens(q string) ([]token, error) {
	var out []token
	i := 0
	lastSig := byte(0)
	for i < len(q) {
		c := q[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
			i++
		case c == '/' && i+1 < len(q) && q[i+1] == '/':
			for i < len(q) && q[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(q) && q[i+1] == '*':
			end := strings.Index(q[i+2:], "*/")
			if end < 0 {
				return nil, graph.InvalidParam("query", "unterminated comment")
			}
			i += end + 4
		case c == '\'' || c == '"' || c == '`':
			j := i + 1
			for j < len(q) && q[j] != c {
				if q[j] == '\\' && c != '`' {
					j++
				}
				j++
			}
			if j >= len(q) {
				return nil, graph.InvalidParam("query", "unterminated %c quote", c)
			}
			// A backticked name is an identifier: a label, variable or
			// property, never a keyword.
			out = append(out, token{raw: q[i : j+1], punct: c, prev: lastSig})
			lastSig = c
			i = j + 1
		case c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80:
			j := i
			for j < len(q) && (q[j] == '_' || q[j] >= 'a' && q[j] <= 'z' || q[j] >= 'A' && q[j] <= 'Z' || q[j] >= '0' && q[j] <= '9' || q[j] >= 0x80) {
				j++
			}
			out = append(out, token{word: strings.ToUpper(q[i:j]), raw: q[i:j], prev: lastSig})
			lastSig = 'a'
			i = j
		default:
			out = append(out, token{raw: q[i : i+1], punct: c, prev: lastSig})
			lastSig = c
			i++
		}
	}
	for k := range out {
		if k > 0 {
			out[k].prevWord = out[k-1].word
		}
		if k+1 < len(out) {
			if out[k+1].word != "" {
				out[k].next = 'a'
			} else {
				out[k].next = out[k+1].punct
			}
		}
	}
	return out, nil
}

// scanQuery refuses, before Neo4j sees the query, clauses that write,
// change the schema, administer the server, read files or call a
// procedure outside the allowlist. It is the first of two checks; the
// second is the statement type and plan from EXPLAIN, and the third the
// read-mode transaction.
func scanQuery(q string) error {
	toks, err := tokens(q)
	if err != nil {
		return err
	}
	for k, t := range toks {
		if t.word == "" {
			continue
		}
		// Property keys (n.set), labels (:Create), parameters ($use), map
		// keys ({load: 1}) and aliases (AS create) are names, not clauses.
		if t.prev == '.' || t.prev == ':' || t.prev == '$' || t.next == ':' || t.prevWord == "AS" {
			continue
		}
		if t.word == "LOAD" && k+1 < len(toks) && toks[k+1].word == "CSV" {
			return refused("LOAD CSV", "reading files is disabled")
		}
		if clause, ok := refusedClauses[t.word]; ok {
			return refused(clause, "it writes or administers the database")
		}
		if t.word == "CALL" && k+1 < len(toks) && toks[k+1].word != "" {
			// A procedure call: collect the dotted name.
			name := toks[k+1].raw
			for m := k + 2; m+1 < len(toks) && toks[m].punct == '.' && toks[m+1].word != ""; m += 2 {
				name += "." + toks[m+1].raw
			}
			if !allowedProcedures[name] {
				return refused("CALL "+name, "only db.labels, db.relationshipTypes, db.propertyKeys and db.schema.visualization may be called")
			}
		}
	}
	return nil
}

// checkPlan walks an EXPLAIN plan for operators that read files or call
// procedures outside the allowlist.
func checkPlan(p neo4j.Plan) error {
	if p == nil {
		return nil
	}
	op, _, _ := strings.Cut(p.Operator(), "@")
	switch op {
	case "LoadCSV":
		return refused("LOAD CSV", "reading files is disabled")
	case "ProcedureCall", "EagerProcedureCall":
		details, _ := p.Arguments()["Details"].(string)
		name, _, _ := strings.Cut(details, "(")
		name = strings.TrimSpace(name)
		if !allowedProcedures[name] {
			return refused("CALL "+name, "procedure not allowed")
		}
	}
	for _, c := range p.Children() {
		if err := checkPlan(c); err != nil {
			return err
		}
	}
	return nil
}

var positionRE = regexp.MustCompile(`\(line (\d+), column (\d+) \(offset: (\d+)\)\)`)

// explainPrefix puts EXPLAIN on a line of its own, so that positions in
// errors from the EXPLAIN run are off by exactly one line.
const explainPrefix = "EXPLAIN\n"

// explainErr marks an error raised while explaining the query.
type explainErr struct{ err error }

func (e explainErr) Error() string { return e.err.Error() }
func (e explainErr) Unwrap() error { return e.err }

// fixPosition rewrites the position in a message from the EXPLAIN run so
// that it points into the user's query.
func fixPosition(msg string) string {
	return positionRE.ReplaceAllStringFunc(msg, func(m string) string {
		p := positionRE.FindStringSubmatch(m)
		line, _ := strconv.Atoi(p[1])
		off, _ := strconv.Atoi(p[3])
		if line <= 1 {
			return m
		}
		return fmt.Sprintf("(line %d, column %s (offset: %d))", line-1, p[2], max(off-len(explainPrefix), 0))
	})
}

// cypherErr turns a Neo4j error in a user query into a KindInvalid error
// carrying Neo4j's code, message and the position it names.
func cypherErr(err error, timeout time.Duration) error {
	var ge *graph.Error
	if errors.As(err, &ge) {
		return err
	}
	if e := memoryErr(err); e != nil {
		return e
	}
	var ne *neo4j.Neo4jError
	if errors.As(err, &ne) && !isUnavailable(err) {
		msg := ne.Msg
		var ee explainErr
		if errors.As(err, &ee) {
			msg = fixPosition(msg)
		}
		if isTimeout(ne.Code) {
			e := graph.Timeout(timeout, err)
			e.Code = ne.Code
			return e
		}
		e := &graph.Error{Kind: graph.KindInvalid, Param: "query", Code: ne.Code, Message: msg, Err: err}
		if m := positionRE.FindStringSubmatch(msg); m != nil {
			e.Line, _ = strconv.Atoi(m[1])
			e.Column, _ = strconv.Atoi(m[2])
		}
		return e
	}
	return mapErr(err)
}

// Cypher runs a read-only query. Read-only is enforced three times: a
// token scan, the statement type and plan of an EXPLAIN, and a read-mode
// transaction (which Neo4j itself refuses to write in).
func (s *Store) Cypher(ctx context.Context, q graph.CypherQuery) (graph.CypherResult, error) {
	began := time.Now()
	if strings.TrimSpace(q.Query) == "" {
		return graph.CypherResult{}, graph.InvalidParam("query", "the query is empty")
	}
	if len(q.Query) > MaxQueryBytes {
		return graph.CypherResult{}, graph.InvalidParam("query", "the query is longer than %d bytes", MaxQueryBytes)
	}
	maxRows := q.MaxRows
	if maxRows <= 0 {
		maxRows = DefaultMaxRows
	}
	timeout := s.cfg.QueryTimeout
	if q.TimeoutMs > 0 {
		timeout = time.Duration(q.TimeoutMs) * time.Millisecond
	}
	if err := scanQuery(q.Query); err != nil {
		return graph.CypherResult{}, err
	}
	return s.explainAndRun(ctx, q.Query, q.Params, maxRows, timeout, began)
}

// explainAndRun is Cypher after the token scan: the EXPLAIN check and the
// run, each an auto-commit read transaction.
func (s *Store) explainAndRun(ctx context.Context, query string, qparams map[string]any, maxRows int, timeout time.Duration, began time.Time) (graph.CypherResult, error) {
	params, err := graph.NormalizeParams(qparams)
	if err != nil {
		return graph.CypherResult{}, graph.InvalidParam("params", "%v", err)
	}
	// A user's EXPLAIN or PROFILE is blanked out of the text the checks
	// see (same length, so positions in errors still point into the
	// user's query); the run then takes the user's text as it is.
	mode, checked := planMode(query)

	var out graph.CypherResult
	err = s.readSession(ctx, func(sess neo4j.SessionWithContext) error {
		run := func(q string, p map[string]any) (neo4j.ResultWithContext, error) {
			return sess.Run(ctx, q, p, neo4j.WithTxTimeout(timeout))
		}
		// A statement's type and plan operators depend on its text only,
		// so a text that passed once skips the EXPLAIN round trip.
		if !s.explained.has(checked) || mode == "EXPLAIN" {
			s.traced(explainPrefix+checked, params)
			res, err := run(explainPrefix+checked, params)
			if err != nil {
				return explainErr{err}
			}
			keys, err := res.Keys()
			if err != nil {
				return explainErr{err}
			}
			sum, err := res.Consume(ctx)
			if err != nil {
				return explainErr{err}
			}
			if st := sum.StatementType(); st != neo4j.StatementTypeReadOnly {
				return refused("this statement", "Neo4j classifies it as "+st.String())
			}
			if err := checkPlan(sum.Plan()); err != nil {
				return err
			}
			s.explained.add(checked)
			if mode == "EXPLAIN" {
				out = graph.CypherResult{Columns: keys, Rows: [][]any{},
					Graph: graph.Graph{Nodes: []graph.Node{}, Relationships: []graph.Relationship{}},
					Plan:  &graph.Plan{Mode: mode, Engine: "neo4j", Root: fromPlan(sum.Plan())}}
				return nil
			}
		}
		var err error
		out, err = s.runCypher(ctx, run, query, params, maxRows, mode == "PROFILE")
		return err
	})
	if err != nil {
		return graph.CypherResult{}, cypherErr(err, timeout)
	}
	out.Stats.ElapsedMs = float64(time.Since(began).Microseconds()) / 1000
	return out, nil
}

// textSet remembers query texts that passed the EXPLAIN check, up to a
// bound on their total size; when full it starts over.
type textSet struct {
	mu    sync.Mutex
	m     map[string]struct{}
	bytes int
}

// explainedBytes bounds the texts a textSet keeps.
const explainedBytes = 4 << 20

func (t *textSet) has(q string) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	_, ok := t.m[q]
	return ok
}

func (t *textSet) add(q string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.m == nil || t.bytes+len(q) > explainedBytes {
		t.m, t.bytes = map[string]struct{}{}, 0
	}
	t.m[q] = struct{}{}
	t.bytes += len(q)
}

// resultBuilder converts cells and gathers the graph they show.
type resultBuilder struct {
	nodes map[string]graph.Node // by element id
	rels  map[string]dbtype.Relationship
}

func (b *resultBuilder) cell(v any) any {
	switch x := v.(type) {
	case dbtype.Node:
		n := toNode(x)
		b.nodes[x.ElementId] = n
		return n
	case dbtype.Relationship:
		b.rels[x.ElementId] = x
		return relCell{x}
	case dbtype.Path:
		for _, n := range x.Nodes {
			b.nodes[n.ElementId] = toNode(n)
		}
		for _, r := range x.Relationships {
			b.rels[r.ElementId] = r
		}
		return toPath(x)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = b.cell(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = b.cell(e)
		}
		return out
	default:
		return plainValue(v)
	}
}

// relCell marks a relationship cell until its end nodes' ids are known.
type relCell struct{ r dbtype.Relationship }

// runCypher runs the query with run (each statement an auto-commit read
// transaction) and gathers the result.
func (s *Store) runCypher(ctx context.Context, run func(string, map[string]any) (neo4j.ResultWithContext, error), query string, params map[string]any, maxRows int, profile bool) (graph.CypherResult, error) {
	s.traced(query, params)
	res, err := run(query, params)
	if err != nil {
		return graph.CypherResult{}, err
	}
	keys, err := res.Keys()
	if err != nil {
		return graph.CypherResult{}, err
	}
	b := &resultBuilder{nodes: map[string]graph.Node{}, rels: map[string]dbtype.Relationship{}}
	out := graph.CypherResult{Columns: keys, Rows: [][]any{}}
	for res.Next(ctx) {
		if len(out.Rows) == maxRows {
			out.Stats.Truncated = true
			break
		}
		rec := res.Record()
		row := make([]any, len(rec.Values))
		for i, v := range rec.Values {
			row[i] = b.cell(v)
		}
		out.Rows = append(out.Rows, row)
	}
	if err := res.Err(); err != nil {
		return graph.CypherResult{}, err
	}
	if profile {
		// The profile comes with the summary, after every row (a
		// truncated result's rest is discarded).
		sum, err := res.Consume(ctx)
		if err != nil {
			return graph.CypherResult{}, err
		}
		if pp := sum.Profile(); pp != nil {
			out.Plan = &graph.Plan{Mode: "PROFILE", Engine: "neo4j", Root: fromProfile(pp)}
		}
	}
	// Relationships name their ends by element id; fetch the ends that no
	// cell showed (an element id names a node for as long as it exists).
	var missing []string
	for _, r := range b.rels {
		for _, e := range []string{r.StartElementId, r.EndElementId} {
			if _, ok := b.nodes[e]; !ok {
				missing = append(missing, e)
				b.nodes[e] = graph.Node{}
			}
		}
	}
	if len(missing) > 0 {
		const q = "MATCH (n) WHERE elementId(n) IN $ids RETURN n"
		s.traced(q, map[string]any{"ids": missing})
		mres, err := run(q, map[string]any{"ids": missing})
		if err != nil {
			return graph.CypherResult{}, err
		}
		recs, err := mres.Collect(ctx)
		if err != nil {
			return graph.CypherResult{}, err
		}
		for _, rec := range recs {
			n, _, err := neo4j.GetRecordValue[dbtype.Node](rec, "n")
			if err != nil {
				return graph.CypherResult{}, err
			}
			b.nodes[n.ElementId] = toNode(n)
		}
	}
	relOf := func(r dbtype.Relationship) graph.Relationship {
		return toRel(r, b.nodes[r.StartElementId].ID, b.nodes[r.EndElementId].ID)
	}
	var fix func(v any) any
	fix = func(v any) any {
		switch x := v.(type) {
		case relCell:
			return relOf(x.r)
		case []any:
			for i := range x {
				x[i] = fix(x[i])
			}
		case map[string]any:
			for k := range x {
				x[k] = fix(x[k])
			}
		}
		return v
	}
	for _, row := range out.Rows {
		for i := range row {
			row[i] = fix(row[i])
		}
	}
	out.Stats.Rows = len(out.Rows)
	out.Graph = graph.Graph{Nodes: []graph.Node{}, Relationships: []graph.Relationship{}}
	seen := map[string]bool{}
	for _, n := range b.nodes {
		if n.ID != "" && !seen[n.ID] {
			seen[n.ID] = true
			out.Graph.Nodes = append(out.Graph.Nodes, n)
		}
	}
	for _, r := range b.rels {
		out.Graph.Relationships = append(out.Graph.Relationships, relOf(r))
	}
	graph.SortGraph(&out.Graph)
	return out, nil
}

// planMode reports whether query starts with EXPLAIN or PROFILE, and the
// query with that word blanked out (spaces of the same length), which the
// read-only checks run.
func planMode(query string) (mode, checked string) {
	toks, err := tokens(query)
	if err != nil || len(toks) == 0 {
		return "", query
	}
	switch w := toks[0].word; w {
	case "EXPLAIN", "PROFILE":
		i := strings.Index(strings.ToUpper(query), w)
		return w, query[:i] + strings.Repeat(" ", len(w)) + query[i+len(w):]
	}
	return "", query
}

// fromPlan converts Neo4j's EXPLAIN plan to the stores' shared shape.
func fromPlan(p neo4j.Plan) graph.PlanOperator {
	op := planOperator(p.Operator(), p.Arguments(), p.Identifiers())
	for _, c := range p.Children() {
		op.Children = append(op.Children, fromPlan(c))
	}
	return op
}

// fromProfile converts Neo4j's PROFILE plan: rows and db hits per
// operator, and time where Neo4j's runtime records it (nanoseconds).
func fromProfile(p neo4j.ProfiledPlan) graph.PlanOperator {
	op := planOperator(p.Operator(), p.Arguments(), p.Identifiers())
	rows, hits := p.Records(), p.DbHits()
	op.Rows, op.DbHits = &rows, &hits
	if t := p.Time(); t > 0 {
		ms := float64(t) / 1e6
		op.TimeMs = &ms
	}
	for _, c := range p.Children() {
		op.Children = append(op.Children, fromProfile(c))
	}
	return op
}

func planOperator(name string, args map[string]any, ids []string) graph.PlanOperator {
	name, _, _ = strings.Cut(name, "@")
	op := graph.PlanOperator{Operator: name, Identifiers: []string{}}
	for _, id := range ids {
		// Neo4j's generated names (anon_0, `  UNNAMED12`) say nothing.
		if !strings.HasPrefix(id, "anon_") && !strings.HasPrefix(id, "  ") {
			op.Identifiers = append(op.Identifiers, id)
		}
	}
	op.Details, _ = args["Details"].(string)
	switch v := args["EstimatedRows"].(type) {
	case float64:
		op.EstimatedRows = math.Round(v*100) / 100 // as the embedded plan
	case int64:
		op.EstimatedRows = float64(v)
	}
	switch {
	case strings.Contains(name, "CountStore"):
		op.Index = "counts"
	case strings.Contains(name, "Index"):
		// "RANGE INDEX n:Country(name) WHERE name = $name": the index is
		// what comes before WHERE.
		idx, _, _ := strings.Cut(op.Details, " WHERE ")
		op.Index = idx
	case strings.HasPrefix(name, "NodeByLabelScan"):
		if _, label, ok := strings.Cut(op.Details, ":"); ok {
			op.Index = "label " + label
		}
	}
	return op
}
