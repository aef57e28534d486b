package neo4jstore

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/actorgraph/actorgraph/graph"
)

// Every read below starts from an index: a node by id or key is a seek
// in the uniqueness constraints on NodeLabel, search reads the TEXT index
// on propSearch (or walks the RANGE index on propSort in name order), and
// neighbourhoods and paths expand from nodes found that way. The one
// exception is Dump, which reads the whole graph by definition.
// TestNoScans checks the plan of every statement the store sends.

func (s *Store) oneNode(ctx context.Context, query string, params map[string]any, what string) (graph.Node, error) {
	recs, err := s.read(ctx, query, params)
	if err != nil {
		return graph.Node{}, err
	}
	if len(recs) == 0 {
		return graph.Node{}, graph.Errorf(graph.KindNotFound, "no node with %s", what)
	}
	n, _, err := neo4j.GetRecordValue[dbtype.Node](recs[0], "n")
	if err != nil {
		return graph.Node{}, graph.Internal(err)
	}
	return toNode(n), nil
}

// Node returns the node with this id.
func (s *Store) Node(ctx context.Context, id string) (graph.Node, error) {
	return s.oneNode(ctx, "MATCH (n:"+NodeLabel+" {id: $id}) RETURN n", map[string]any{"id": id}, fmt.Sprintf("id %q", id))
}

// NodeByKey returns the node with this key.
func (s *Store) NodeByKey(ctx context.Context, key string) (graph.Node, error) {
	return s.oneNode(ctx, "MATCH (n:"+NodeLabel+" {key: $key}) RETURN n", map[string]any{"key": key}, fmt.Sprintf("key %q", key))
}

// sortKey is the value of propSort: a node's name, NUL, its key. Strings
// compare byte by byte in Neo4j's RANGE index as in Go, so the index
// order of propSort is the (name, key) order every store ranks by.
func sortKey(n graph.Node) string { return n.Name() + "\x00" + n.Key }

// searchRank is 0 for an exact match of the name or an alias, 1 for a
// prefix, 2 for a substring and -1 for none; text is already folded.
func searchRank(n graph.Node, text string) int {
	names := graph.SearchNames(n)
	switch {
	case strings.Contains(names, "\x00"+text+"\x00"):
		return 0
	case strings.Contains(names, "\x00"+text):
		return 1
	case strings.Contains(names, text):
		return 2
	}
	return -1
}

// defaultSearchCap is how many matches of a needle the TEXT index hands
// over to be ranked. A needle with fewer matches is answered from them;
// one with more is common enough that walking nodes in name order finds
// the first matches within about limit·nodes/cap nodes, which is faster
// than sorting them all.
const defaultSearchCap = 2000

// Search finds nodes by name or alias (see graph.Store). Names and aliases
// are kept folded in propSearch, NUL before and after each, so the three
// ranks are three needles for one TEXT index: NUL+text+NUL (exact),
// NUL+text (prefix) and text (substring), with exact ⊆ prefix ⊆ substring.
//
// The first query reads up to searchCap substring matches and, when there
// are that many, up to searchCap prefix matches. When there are fewer
// substring matches, they hold the answer, ranked on the server (the
// prefix matches are then not read: an UNWIND of nothing stops the
// subquery before its index scan, where a WHERE would be planned after). Otherwise the ranks that have
// too many matches are read by walking the RANGE index on propSort in
// name order, stopping at the limit (one more query). Each rank is cut
// at the limit on its own; since the ranks nest, the best of their union
// is the answer.
func (s *Store) Search(ctx context.Context, q graph.SearchQuery) ([]graph.Node, error) {
	if err := q.Normalize(s.limits); err != nil {
		return nil, err
	}
	for _, l := range q.Labels {
		if !validLabel(l) {
			// No stored node carries a label that is not a valid name.
			return []graph.Node{}, nil
		}
	}
	labels := q.Labels
	if labels == nil {
		labels = []string{}
	}
	if q.Text == "" {
		return s.listByName(ctx, labels, q.Limit)
	}
	text := string(graph.AppendSearchText(nil, q.Text))
	params := map[string]any{
		"labels": labels, "limit": int64(q.Limit), "cap": int64(s.searchCap),
		"e": "\x00" + text + "\x00", "p": "\x00" + text, "t": text,
	}
	const match = `MATCH (n:` + NodeLabel + `) WHERE n.` + propSearch + ` CONTAINS %s AND all(l IN $labels WHERE l IN labels(n))`
	recs, err := s.read(ctx, `CALL () { `+fmt.Sprintf(match, "$t")+` WITH n LIMIT $cap RETURN collect(n) AS s }
CALL (s) { UNWIND CASE WHEN size(s) >= $cap THEN [1] ELSE [] END AS more `+fmt.Sprintf(match, "$p")+` WITH n LIMIT $cap RETURN collect(n) AS p }
WITH size(s) AS hs, size(p) AS hp, CASE WHEN size(s) < $cap THEN s ELSE p END AS c
UNWIND CASE WHEN c = [] THEN [null] ELSE c END AS n
WITH hs, hp, n, CASE WHEN n.`+propSearch+` CONTAINS $e THEN 0 WHEN n.`+propSearch+` CONTAINS $p THEN 1 ELSE 2 END AS rank
ORDER BY rank, n.`+propSort+` LIMIT $limit
RETURN hs, hp, n`, params)
	if err != nil {
		return nil, err
	}
	var found []graph.Node
	var hs, hp int64
	for _, rec := range recs {
		var err1, err2 error
		hs, _, err1 = neo4j.GetRecordValue[int64](rec, "hs")
		hp, _, err2 = neo4j.GetRecordValue[int64](rec, "hp")
		if err := firstErr(err1, err2); err != nil {
			return nil, graph.Internal(err)
		}
		if v, _ := rec.Get("n"); v != nil {
			n, ok := v.(dbtype.Node)
			if !ok {
				return nil, graph.Internal(fmt.Errorf("search: a %T for a node", v))
			}
			found = append(found, toNode(n))
		}
	}
	if hs < int64(s.searchCap) {
		return s.ranked(found, text, q.Limit), nil
	}
	// Too many substring matches to rank: walk them in name order. found
	// holds the best exact and prefix matches, unless those are too many
	// as well, when they are read in the same way (the exact matches are
	// few unless many nodes share one name).
	query := byNameWhere("n." + propSearch + " CONTAINS $t")
	if hp >= int64(s.searchCap) {
		found = nil
		query = fmt.Sprintf(match, "$e") + `
RETURN n ORDER BY n.` + propSort + ` LIMIT $limit
UNION ALL
` + byNameWhere("n."+propSearch+" CONTAINS $p") + `
UNION ALL
` + query
	}
	more, err := s.nodes(ctx, query, params)
	if err != nil {
		return nil, err
	}
	return s.ranked(append(found, more...), text, q.Limit), nil
}

// byNameWhere walks nodes in name order (the RANGE index on propSort),
// keeping those that pass cond and carry $labels, up to $limit.
func byNameWhere(cond string) string {
	return `MATCH (n:` + NodeLabel + `) USING INDEX n:` + NodeLabel + `(` + propSort + `)
WHERE n.` + propSort + ` >= '' AND ` + cond + ` AND all(l IN $labels WHERE l IN labels(n))
RETURN n ORDER BY n.` + propSort + ` LIMIT $limit`
}

// listByName lists nodes carrying every label by name. Without labels it
// walks the RANGE index on propSort; with labels the planner chooses
// between that walk and reading the label's nodes, by the label's count.
func (s *Store) listByName(ctx context.Context, labels []string, limit int) ([]graph.Node, error) {
	pattern := "(n:" + NodeLabel
	for _, l := range labels {
		pattern += ":`" + l + "`" // checked by validLabel
	}
	pattern += ")"
	nodes, err := s.nodes(ctx, "MATCH "+pattern+" WHERE n."+propSort+" >= '' RETURN n ORDER BY n."+propSort+" LIMIT $limit",
		map[string]any{"limit": int64(limit)})
	if nodes == nil && err == nil {
		nodes = []graph.Node{}
	}
	return nodes, err
}

// nodes runs a query returning nodes in column n.
func (s *Store) nodes(ctx context.Context, query string, params map[string]any) ([]graph.Node, error) {
	recs, err := s.read(ctx, query, params)
	if err != nil {
		return nil, err
	}
	out := make([]graph.Node, 0, len(recs))
	for _, rec := range recs {
		n, _, err := neo4j.GetRecordValue[dbtype.Node](rec, "n")
		if err != nil {
			return nil, graph.Internal(err)
		}
		out = append(out, toNode(n))
	}
	return out, nil
}

// ranked applies the search contract in Go to what the queries found:
// each node once, at its best rank, ordered by rank, name and key.
func (s *Store) ranked(found []graph.Node, text string, limit int) []graph.Node {
	type hit struct {
		n    graph.Node
		rank int
	}
	seen := map[string]bool{}
	var hits []hit
	for _, n := range found {
		if seen[n.ID] {
			continue
		}
		seen[n.ID] = true
		if r := searchRank(n, text); r >= 0 {
			hits = append(hits, hit{n, r})
		}
	}
	slices.SortFunc(hits, func(a, b hit) int {
		if c := cmp.Compare(a.rank, b.rank); c != 0 {
			return c
		}
		if c := cmp.Compare(a.n.Name(), b.n.Name()); c != 0 {
			return c
		}
		return cmp.Compare(a.n.Key, b.n.Key)
	})
	out := make([]graph.Node, 0, min(limit, len(hits)))
	for _, h := range hits[:min(limit, len(hits))] {
		out = append(out, h.n)
	}
	return out
}

// relPattern returns a relationship pattern from u to v in direction d
// with the given types; types are UPPER_SNAKE_CASE (checked by the
// query's Normalize), so they can be spliced. hops, when not empty, is a
// variable-length bound such as "*1..6".
func relPattern(u, r, v string, d graph.Direction, types []string, hops string) string {
	rel := r
	if len(types) > 0 {
		rel += ":`" + strings.Join(types, "`|`") + "`"
	}
	rel += hops
	switch d {
	case graph.Outgoing:
		return "(" + u + ")-[" + rel + "]->(" + v + ")"
	case graph.Incoming:
		return "(" + u + ")<-[" + rel + "]-(" + v + ")"
	default:
		return "(" + u + ")-[" + rel + "]-(" + v + ")"
	}
}

// heldOn is the Cypher form of graph.RelHeldOn for relationship r against
// $asOfFirst and $asOfLast (the first and last day asOf covers, as
// YYYY-MM-DD): a since after asOf or an until before it excludes r. A
// partial date is widened to its first or last day by appending the
// missing part of "-01-01" or "-12-31"; a bound that is not a date is
// ignored, as in Go.
func heldOn(r string) string {
	const date = `'^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$'`
	return `(NOT ` + r + `.since IS :: STRING NOT NULL OR NOT ` + r + `.since =~ ` + date +
		` OR ` + r + `.since + substring('-01-01', size(` + r + `.since) - 4) <= $asOfLast)
  AND (NOT ` + r + `.until IS :: STRING NOT NULL OR NOT ` + r + `.until =~ ` + date +
		` OR ` + r + `.until + substring('-12-31', size(` + r + `.until) - 4) >= $asOfFirst)`
}

// asOfBounds returns the first and last day asOf covers as YYYY-MM-DD.
func asOfBounds(asOf string) (first, last string) {
	d, err := graph.ParseDate(asOf)
	if err != nil {
		return "", ""
	}
	if d.Month == 0 {
		return fmt.Sprintf("%04d-01-01", d.Year), fmt.Sprintf("%04d-12-31", d.Year)
	}
	if d.Day == 0 {
		return fmt.Sprintf("%04d-%02d-01", d.Year, d.Month), fmt.Sprintf("%04d-%02d-31", d.Year, d.Month)
	}
	s := fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	return s, s
}

// neighborhoodQuery is the whole breadth-first search of Neighborhood as
// one statement, one CALL per level (depth is a bounded int, not user
// text). Each level expands the frontier in order; a node found from
// several places keeps its first: the position of the node it was found
// from, outgoing before incoming, then relationship id, the order every
// store walks in. Nodes already kept are skipped, and the level is cut
// at the node limit, which ends the search. Then the relationships that
// leave kept nodes closer than depth towards kept nodes are gathered.
func neighborhoodQuery(q graph.NeighborhoodQuery) string {
	hop := relPattern("u", "r", "v:"+NodeLabel, q.Direction, q.Types, "")
	filter := ""
	if q.AsOf != "" {
		filter = " AND " + heldOn("r")
	}
	side := "0"
	switch q.Direction {
	case graph.Incoming:
		side = "1"
	case graph.Both:
		side = "CASE WHEN startNode(r) = u THEN 0 ELSE 1 END"
	}
	var b strings.Builder
	b.WriteString(refMatch("s", "ref", "s") + "WITH [s] AS kept, [s] AS frontier, false AS cut, 0 AS inner\n")
	for level := 1; level <= q.Depth; level++ {
		if level == q.Depth {
			b.WriteString("WITH kept, frontier, cut, size(kept) AS inner\n")
		}
		fmt.Fprintf(&b, `CALL (kept, frontier) {
  UNWIND range(0, size(frontier) - 1) AS i
  WITH frontier[i] AS u, i
  MATCH %s
  WHERE NOT v IN kept%s
  WITH v, min([i, %s, r.id]) AS k
  ORDER BY k
  RETURN collect(v) AS found
}
WITH kept, found, inner, cut OR size(kept) + size(found) > $limit AS cut
WITH kept + found[0..$limit - size(kept)] AS kept, CASE WHEN cut THEN [] ELSE found END AS frontier, cut, inner
`, hop, filter, side)
	}
	fmt.Fprintf(&b, `CALL (kept, inner) {
  UNWIND kept[0..inner] AS u
  MATCH %s
  WHERE v IN kept%s
  RETURN collect(DISTINCT r) AS rels
}
RETURN kept, rels, cut`, hop, filter)
	return b.String()
}

// Neighborhood runs the breadth-first search of graph.NeighborhoodQuery
// in one statement (see neighborhoodQuery). Nodes come in breadth-first
// order, the start node first; relationships by id.
func (s *Store) Neighborhood(ctx context.Context, ref string, q graph.NeighborhoodQuery) (graph.Neighborhood, error) {
	if err := q.Normalize(s.limits); err != nil {
		return graph.Neighborhood{}, err
	}
	params := map[string]any{"ref": ref, "limit": int64(q.Limit)}
	if q.AsOf != "" {
		params["asOfFirst"], params["asOfLast"] = asOfBounds(q.AsOf)
	}
	recs, err := s.read(ctx, neighborhoodQuery(q), params)
	if err != nil {
		return graph.Neighborhood{}, err
	}
	if len(recs) == 0 {
		return graph.Neighborhood{}, notFoundRef(ref)
	}
	kept, _, err1 := neo4j.GetRecordValue[[]any](recs[0], "kept")
	rels, _, err2 := neo4j.GetRecordValue[[]any](recs[0], "rels")
	cut, _, err3 := neo4j.GetRecordValue[bool](recs[0], "cut")
	if err := firstErr(err1, err2, err3); err != nil {
		return graph.Neighborhood{}, graph.Internal(err)
	}
	out := graph.Neighborhood{Truncated: cut, Graph: graph.Graph{
		Nodes: make([]graph.Node, 0, len(kept)), Relationships: make([]graph.Relationship, 0, len(rels)),
	}}
	byElem := make(map[string]string, len(kept))
	for _, v := range kept {
		n, ok := v.(dbtype.Node)
		if !ok {
			return graph.Neighborhood{}, graph.Internal(fmt.Errorf("neighbourhood node is a %T", v))
		}
		gn := toNode(n)
		byElem[n.ElementId] = gn.ID
		out.Nodes = append(out.Nodes, gn)
	}
	for _, v := range rels {
		r, ok := v.(dbtype.Relationship)
		if !ok {
			return graph.Neighborhood{}, graph.Internal(fmt.Errorf("neighbourhood relationship is a %T", v))
		}
		out.Relationships = append(out.Relationships, toRel(r, byElem[r.StartElementId], byElem[r.EndElementId]))
	}
	sort.Slice(out.Relationships, func(i, j int) bool { return out.Relationships[i].ID < out.Relationships[j].ID })
	return out, nil
}

// refMatch binds v to the node the parameter names, by id or else by key
// (graph.Resolve's rule), carrying the variables of carry along: two
// index seeks, and no row when neither finds a node.
func refMatch(v, param, carry string) string {
	return "CALL () { MATCH (" + v + ":" + NodeLabel + " {id: $" + param + "}) RETURN " + v +
		" UNION ALL MATCH (" + v + ":" + NodeLabel + " {key: $" + param + "}) RETURN " + v + " }\n" +
		"WITH " + carry + " LIMIT 1\n"
}

func notFoundRef(ref string) error {
	return graph.Errorf(graph.KindNotFound, "no node with id or key %q", ref)
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// pathOrder is the Cypher form of the path order of graph.PathQuery after
// the length: node keys, then relationship ids. Neo4j compares strings by
// code point, which is the byte order of UTF-8 that Go compares by.
const pathOrder = "[n IN nodes(p) | n.key], [r IN relationships(p) | r.id]"

// Paths answers graph.PathQuery with Neo4j's own shortest-path searches,
// in one statement for the usual case. allShortestPaths (a bidirectional
// breadth-first search) finds the shortest paths, ordered on the server;
// when fewer than K exist, SHORTEST 2 GROUPS finds every trail of the
// two shortest lengths, of which the simple ones are, in order, the first
// paths of the answer: every simple path is a trail, so none shorter than
// the second length is missed. Only when those are still fewer than K
// does Yen's algorithm find the next ones, as memstore does: each spur
// search is again an allShortestPaths, avoiding the root's nodes and the
// relationships the paths found so far take at the spur, and all spur
// searches of one round go to the server as one statement.
func (s *Store) Paths(ctx context.Context, q graph.PathQuery) ([]graph.Path, error) {
	if err := q.Normalize(s.limits); err != nil {
		return nil, err
	}
	// MaxLength is a bounded int, not user text: variable-length bounds
	// cannot be parameters.
	hops := fmt.Sprintf("*1..%d", q.MaxLength)
	pat := relPattern("a", "", "b", q.Direction, q.Types, hops)
	recs, err := s.read(ctx, refMatch("a", "from", "a")+refMatch("b", "to", "a, b")+`OPTIONAL CALL (a, b) {
  WITH a, b WHERE a <> b
  MATCH p = allShortestPaths(`+pat+`)
  WITH p ORDER BY `+pathOrder+` LIMIT $k
  RETURN collect(p) AS shortest
}
OPTIONAL CALL (a, b, shortest) {
  // An UNWIND, not a WHERE: the planner would filter after the search.
  UNWIND CASE WHEN a <> b AND 0 < size(shortest) < $k AND length(shortest[0]) < $maxLength THEN [1] ELSE [] END AS more
  MATCH p = SHORTEST 2 GROUPS `+pat+`
  WHERE all(n IN nodes(p) WHERE single(m IN nodes(p) WHERE m = n))
  WITH p ORDER BY length(p), `+pathOrder+` LIMIT $k
  RETURN collect(p) AS two
}
RETURN a, b, CASE WHEN size(two) > 0 THEN two ELSE coalesce(shortest, []) END AS paths`, map[string]any{"from": q.From, "to": q.To, "k": int64(q.K), "maxLength": int64(q.MaxLength)})
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		// One end is missing: say which.
		for _, ref := range []string{q.From, q.To} {
			if _, err := s.Subgraph(ctx, []string{ref}); err != nil {
				return nil, err
			}
		}
		return nil, graph.Internal(fmt.Errorf("paths: no row although both ends exist"))
	}
	a, _, err1 := neo4j.GetRecordValue[dbtype.Node](recs[0], "a")
	b, _, err2 := neo4j.GetRecordValue[dbtype.Node](recs[0], "b")
	found, _, err3 := neo4j.GetRecordValue[[]any](recs[0], "paths")
	if err := firstErr(err1, err2, err3); err != nil {
		return nil, graph.Internal(err)
	}
	if a.ElementId == b.ElementId {
		return []graph.Path{{Nodes: []graph.Node{toNode(a)}, Relationships: []graph.Relationship{}, Length: 0}}, nil
	}
	q.From, q.To = toNode(a).ID, toNode(b).ID
	paths := make([]graph.Path, 0, q.K)
	for _, v := range found {
		if p, ok := v.(dbtype.Path); ok {
			paths = append(paths, toPath(p))
		}
	}
	sortPaths(paths)
	if len(paths) == 0 || len(paths) >= q.K || paths[len(paths)-1].Length >= q.MaxLength {
		return paths, nil
	}
	return s.yen(ctx, q, hops, paths)
}

// spur is one spur search of Yen's algorithm: from node From, avoiding
// the nodes and relationships listed.
type spur struct {
	root  graph.Path // the path the spur leaves, cut at the spur node
	from  string
	nodes []string
	rels  []string
}

// yen extends out, which holds the first paths in path order (fewer than
// K, and every path as short as the longest of them), with the next ones
// (see memstore's yen, which this mirrors).
func (s *Store) yen(ctx context.Context, q graph.PathQuery, hops string, out []graph.Path) ([]graph.Path, error) {
	query := `UNWIND $spurs AS sp
MATCH (a:` + NodeLabel + ` {id: sp.from}), (b:` + NodeLabel + ` {id: $to})
CALL (a, b, sp) {
  MATCH p = allShortestPaths(` + relPattern("a", "", "b", q.Direction, q.Types, hops) + `)
  WHERE none(n IN nodes(p) WHERE n.id IN sp.nodes) AND none(r IN relationships(p) WHERE r.id IN sp.rels)
  RETURN p ORDER BY ` + pathOrder + ` LIMIT 1
}
RETURN sp.i AS i, p`
	var cands []graph.Path
	// spurs finds the candidates that leave each of ps at each node.
	spurs := func(ps []graph.Path) error {
		var list []spur
		var rows []any
		for _, p := range ps {
			for i := range p.Relationships {
				sp := spur{root: graph.Path{Nodes: p.Nodes[:i], Relationships: p.Relationships[:i], Length: i}, from: p.Nodes[i].ID, rels: []string{}}
				for _, n := range p.Nodes[:i] {
					sp.nodes = append(sp.nodes, n.ID)
				}
				for _, a := range out {
					if a.Length > i && samePrefix(a, p, i) {
						sp.rels = append(sp.rels, a.Relationships[i].ID)
					}
				}
				rows = append(rows, map[string]any{"i": int64(len(list)), "from": sp.from, "nodes": sp.nodes, "rels": sp.rels})
				list = append(list, sp)
			}
		}
		recs, err := s.read(ctx, query, map[string]any{"spurs": rows, "to": q.To})
		if err != nil {
			return err
		}
		for _, rec := range recs {
			i, _, err := neo4j.GetRecordValue[int64](rec, "i")
			if err != nil {
				return graph.Internal(err)
			}
			v, _ := rec.Get("p")
			dp, ok := v.(dbtype.Path)
			if !ok {
				continue
			}
			sp, tail := list[i], toPath(dp)
			if sp.root.Length+tail.Length > q.MaxLength {
				continue
			}
			c := graph.Path{
				Nodes:         append(slices.Clone(sp.root.Nodes), tail.Nodes...),
				Relationships: append(slices.Clone(sp.root.Relationships), tail.Relationships...),
				Length:        sp.root.Length + tail.Length,
			}
			same := func(p graph.Path) bool { return comparePaths(p, c) == 0 }
			if !slices.ContainsFunc(out, same) && !slices.ContainsFunc(cands, same) {
				cands = append(cands, c)
			}
		}
		return nil
	}
	if err := spurs(out); err != nil {
		return nil, err
	}
	for len(out) < q.K && len(cands) > 0 {
		m := 0
		for j := range cands {
			if comparePaths(cands[j], cands[m]) < 0 {
				m = j
			}
		}
		next := cands[m]
		cands = slices.Delete(cands, m, m+1)
		out = append(out, next)
		if len(out) < q.K {
			if err := spurs([]graph.Path{next}); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// samePrefix reports whether a and b share their first i+1 nodes and
// first i relationships.
func samePrefix(a, b graph.Path, i int) bool {
	for j := 0; j <= i; j++ {
		if a.Nodes[j].ID != b.Nodes[j].ID {
			return false
		}
	}
	for j := 0; j < i; j++ {
		if a.Relationships[j].ID != b.Relationships[j].ID {
			return false
		}
	}
	return true
}

func toPath(p dbtype.Path) graph.Path {
	byElem := make(map[string]string, len(p.Nodes))
	out := graph.Path{Length: len(p.Relationships)}
	for _, n := range p.Nodes {
		gn := toNode(n)
		byElem[n.ElementId] = gn.ID
		out.Nodes = append(out.Nodes, gn)
	}
	out.Relationships = make([]graph.Relationship, 0, len(p.Relationships))
	for _, r := range p.Relationships {
		out.Relationships = append(out.Relationships, toRel(r, byElem[r.StartElementId], byElem[r.EndElementId]))
	}
	return out
}

// comparePaths is the order of graph.PathQuery: length, node keys,
// relationship ids.
func comparePaths(a, b graph.Path) int {
	if c := cmp.Compare(a.Length, b.Length); c != 0 {
		return c
	}
	for i := range a.Nodes {
		if c := cmp.Compare(a.Nodes[i].Key, b.Nodes[i].Key); c != 0 {
			return c
		}
	}
	for i := range a.Relationships {
		if c := cmp.Compare(a.Relationships[i].ID, b.Relationships[i].ID); c != 0 {
			return c
		}
	}
	return 0
}

// sortPaths orders paths by comparePaths.
func sortPaths(ps []graph.Path) { slices.SortStableFunc(ps, comparePaths) }

// Subgraph returns the given nodes and every relationship between them.
func (s *Store) Subgraph(ctx context.Context, refs []string) (graph.Graph, error) {
	if len(refs) > s.limits.MaxSubgraph {
		return graph.Graph{}, graph.InvalidParam("ids", "at most %d nodes, got %d", s.limits.MaxSubgraph, len(refs))
	}
	uniq := make([]string, 0, len(refs))
	seen := map[string]bool{}
	for _, r := range refs {
		if !seen[r] {
			seen[r] = true
			uniq = append(uniq, r)
		}
	}
	recs, err := s.read(ctx, `UNWIND $refs AS ref
CALL (ref) {
  MATCH (n:`+NodeLabel+` {id: ref}) RETURN n
  UNION ALL
  MATCH (n:`+NodeLabel+` {key: ref}) RETURN n
}
WITH ref, collect(n)[0] AS n
RETURN ref, n`, map[string]any{"refs": uniq})
	if err != nil {
		return graph.Graph{}, err
	}
	found := make(map[string]graph.Node, len(recs))
	for _, rec := range recs {
		ref, _, err1 := neo4j.GetRecordValue[string](rec, "ref")
		n, _, err2 := neo4j.GetRecordValue[dbtype.Node](rec, "n")
		if err := firstErr(err1, err2); err != nil {
			return graph.Graph{}, graph.Internal(err)
		}
		found[ref] = toNode(n)
	}
	g := graph.Graph{Nodes: []graph.Node{}, Relationships: []graph.Relationship{}}
	ids := make([]string, 0, len(uniq))
	have := map[string]bool{}
	for _, r := range uniq {
		n, ok := found[r]
		if !ok {
			return graph.Graph{}, notFoundRef(r)
		}
		if !have[n.ID] { // an id and a key may name one node
			have[n.ID] = true
			ids = append(ids, n.ID)
			g.Nodes = append(g.Nodes, n)
		}
	}
	recs, err = s.read(ctx, "UNWIND $ids AS id MATCH (a:"+NodeLabel+" {id: id})-[r]->(b:"+NodeLabel+") WHERE b.id IN $ids RETURN r, a.id AS s, b.id AS e",
		map[string]any{"ids": ids})
	if err != nil {
		return graph.Graph{}, err
	}
	if err := appendRels(&g, recs); err != nil {
		return graph.Graph{}, err
	}
	graph.SortGraph(&g)
	return g, nil
}

// appendRels adds the relationships of rows (columns r, s, e) to g.
func appendRels(g *graph.Graph, recs []*neo4j.Record) error {
	for _, rec := range recs {
		r, _, err1 := neo4j.GetRecordValue[dbtype.Relationship](rec, "r")
		st, _, err2 := neo4j.GetRecordValue[string](rec, "s")
		en, _, err3 := neo4j.GetRecordValue[string](rec, "e")
		if err := firstErr(err1, err2, err3); err != nil {
			return graph.Internal(fmt.Errorf("bad relationship row: %w", err))
		}
		g.Relationships = append(g.Relationships, toRel(r, st, en))
	}
	return nil
}

// dumpNodes and dumpRels read the whole graph: the one place the store
// scans (TestNoScans allows exactly these).
const (
	dumpNodes = "MATCH (n:" + NodeLabel + ") RETURN n"
	dumpRels  = "MATCH (a:" + NodeLabel + ")-[r]->(b:" + NodeLabel + ") RETURN r, a.id AS s, b.id AS e"
)

// Dump returns the whole graph in canonical order.
func (s *Store) Dump(ctx context.Context, limit int) (graph.Graph, error) {
	recs, err := s.read(ctx, "MATCH (n:"+NodeLabel+") RETURN count(n) AS c", nil)
	if err != nil {
		return graph.Graph{}, err
	}
	if c, _, _ := neo4j.GetRecordValue[int64](recs[0], "c"); c > int64(limit) {
		return graph.Graph{}, graph.InvalidParam("limit", "the graph has %d nodes, more than the limit of %d", c, limit)
	}
	return s.collect(ctx, dumpNodes, dumpRels, nil)
}

// collect runs a node query (column n) and a relationship query (columns
// r, s, e) and returns the sorted graph.
func (s *Store) collect(ctx context.Context, nodeQuery, relQuery string, params map[string]any) (graph.Graph, error) {
	g := graph.Graph{Nodes: []graph.Node{}, Relationships: []graph.Relationship{}}
	var err error
	if g.Nodes, err = s.nodes(ctx, nodeQuery, params); err != nil {
		return graph.Graph{}, err
	}
	recs, err := s.read(ctx, relQuery, params)
	if err != nil {
		return graph.Graph{}, err
	}
	if err := appendRels(&g, recs); err != nil {
		return graph.Graph{}, err
	}
	graph.SortGraph(&g)
	return g, nil
}

// Schema counts nodes per label (less the internal one) and relationships
// per type, from Neo4j's counts store: one statement lists the labels and
// types, a second counts each (a count by one label or one type, alone in
// its subquery, is a lookup, not a scan).
func (s *Store) Schema(ctx context.Context) (graph.Schema, error) {
	out := graph.Schema{Labels: []graph.Count{}, RelationshipTypes: []graph.Count{}}
	recs, err := s.read(ctx, `CALL db.labels() YIELD label WITH collect(label) AS labels
CALL db.relationshipTypes() YIELD relationshipType RETURN labels, collect(relationshipType) AS types`, nil)
	if err != nil {
		return graph.Schema{}, err
	}
	var parts []string
	if len(recs) > 0 {
		labels, _, _ := neo4j.GetRecordValue[[]any](recs[0], "labels")
		types, _, _ := neo4j.GetRecordValue[[]any](recs[0], "types")
		// Only names the loader could have written are spliced.
		for _, l := range labels {
			if l, ok := l.(string); ok && l != NodeLabel && validLabel(l) {
				parts = append(parts, "CALL () { MATCH (n:`"+l+"`) RETURN count(n) AS c } RETURN 'l' AS kind, '"+l+"' AS name, c")
			}
		}
		for _, t := range types {
			if t, ok := t.(string); ok && graph.IsRelType(t) {
				parts = append(parts, "CALL () { MATCH ()-[r:`"+t+"`]->() RETURN count(r) AS c } RETURN 't' AS kind, '"+t+"' AS name, c")
			}
		}
	}
	if len(parts) == 0 {
		return out, nil
	}
	recs, err = s.read(ctx, strings.Join(parts, "\nUNION ALL\n"), nil)
	if err != nil {
		return graph.Schema{}, err
	}
	for _, rec := range recs {
		kind, _, err1 := neo4j.GetRecordValue[string](rec, "kind")
		name, _, err2 := neo4j.GetRecordValue[string](rec, "name")
		c, _, err3 := neo4j.GetRecordValue[int64](rec, "c")
		if err := firstErr(err1, err2, err3); err != nil {
			return graph.Schema{}, graph.Internal(fmt.Errorf("bad count row: %w", err))
		}
		if c == 0 {
			continue // a label or type once used and since emptied
		}
		if kind == "l" {
			out.Labels = append(out.Labels, graph.Count{Name: name, Count: int(c)})
		} else {
			out.RelationshipTypes = append(out.RelationshipTypes, graph.Count{Name: name, Count: int(c)})
		}
	}
	sort.Slice(out.Labels, func(i, j int) bool { return out.Labels[i].Name < out.Labels[j].Name })
	sort.Slice(out.RelationshipTypes, func(i, j int) bool { return out.RelationshipTypes[i].Name < out.RelationshipTypes[j].Name })
	return out, nil
}
