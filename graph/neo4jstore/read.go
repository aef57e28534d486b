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

// pathRowCap bounds the candidate paths fetched per length; see Paths.
const pathRowCap = 10000

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

// searchRank is 0 for an exact match of name or an alias, 1 for a prefix,
// 2 for a substring and -1 for none; text is already lower case.
func searchRank(n graph.Node, text string) int {
	best := -1
	try := func(s string) {
		s = strings.ToLower(s)
		r := -1
		switch {
		case s == text:
			r = 0
		case strings.HasPrefix(s, text):
			r = 1
		case strings.Contains(s, text):
			r = 2
		}
		if r >= 0 && (best < 0 || r < best) {
			best = r
		}
	}
	try(n.Name())
	if aliases, ok := n.Properties[graph.PropAliases].([]any); ok {
		for _, a := range aliases {
			if s, ok := a.(string); ok {
				try(s)
			}
		}
	}
	return best
}

// Search finds nodes by name or alias. Cypher narrows and roughly orders
// the candidates; the exact ranking (the one every store shares) is done
// here in Go, on a few more candidates than asked for.
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
	text := strings.ToLower(q.Text)
	labels := q.Labels
	if labels == nil {
		labels = []string{}
	}
	params := map[string]any{"labels": labels, "t": text, "cap": int64(q.Limit*2 + 50)}
	// The name is Node.Name(): the name property, or the key without one.
	const head = `MATCH (n:` + NodeLabel + `)
WHERE all(l IN $labels WHERE l IN labels(n))
WITH n, CASE WHEN toString(n.name) = n.name AND n.name <> '' THEN n.name ELSE n.key END AS name
`
	var query string
	if text == "" {
		query = head + `RETURN n ORDER BY name, n.key LIMIT $cap`
	} else {
		query = head + `WITH n, name, toLower(name) AS nm, [a IN coalesce(n.aliases, []) | toLower(toString(a))] AS al
WITH n, name, CASE
  WHEN nm = $t OR $t IN al THEN 0
  WHEN nm STARTS WITH $t OR any(a IN al WHERE a STARTS WITH $t) THEN 1
  WHEN nm CONTAINS $t OR any(a IN al WHERE a CONTAINS $t) THEN 2
  ELSE 3 END AS rank
WHERE rank < 3
RETURN n ORDER BY rank, name, n.key LIMIT $cap`
	}
	recs, err := s.read(ctx, query, params)
	if err != nil {
		return nil, err
	}
	type ranked struct {
		n    graph.Node
		rank int
	}
	var out []ranked
	for _, rec := range recs {
		dn, _, err := neo4j.GetRecordValue[dbtype.Node](rec, "n")
		if err != nil {
			return nil, graph.Internal(err)
		}
		n := toNode(dn)
		r := 0
		if text != "" {
			if r = searchRank(n, text); r < 0 {
				continue
			}
		}
		out = append(out, ranked{n, r})
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.rank != b.rank {
			return a.rank < b.rank
		}
		if a.n.Name() != b.n.Name() {
			return a.n.Name() < b.n.Name()
		}
		return a.n.Key < b.n.Key
	})
	if len(out) > q.Limit {
		out = out[:q.Limit]
	}
	nodes := make([]graph.Node, len(out))
	for i, r := range out {
		nodes[i] = r.n
	}
	return nodes, nil
}

// pattern returns the relationship pattern for a direction, seen from a.
func pattern(d graph.Direction) string {
	switch d {
	case graph.Outgoing:
		return "(a)-[r]->(b)"
	case graph.Incoming:
		return "(a)<-[r]-(b)"
	default:
		return "(a)-[r]-(b)"
	}
}

type hop struct {
	from string // id of the node the hop leaves
	rel  graph.Relationship
	to   graph.Node
}

// hops fetches the relationships that leave the given nodes in direction
// d and pass the type filter, with the nodes at their other ends.
func (s *Store) hops(ctx context.Context, ids []string, d graph.Direction, types []string) ([]hop, error) {
	if types == nil {
		types = []string{}
	}
	query := `UNWIND $ids AS id
MATCH (a:` + NodeLabel + ` {id: id})
MATCH ` + pattern(d) + `
WHERE b:` + NodeLabel + ` AND (size($types) = 0 OR type(r) IN $types)
RETURN a.id AS from, r, startNode(r).id AS s, endNode(r).id AS e, b`
	recs, err := s.read(ctx, query, map[string]any{"ids": ids, "types": types})
	if err != nil {
		return nil, err
	}
	out := make([]hop, 0, len(recs))
	for _, rec := range recs {
		from, _, err1 := neo4j.GetRecordValue[string](rec, "from")
		r, _, err2 := neo4j.GetRecordValue[dbtype.Relationship](rec, "r")
		st, _, err3 := neo4j.GetRecordValue[string](rec, "s")
		en, _, err4 := neo4j.GetRecordValue[string](rec, "e")
		b, _, err5 := neo4j.GetRecordValue[dbtype.Node](rec, "b")
		for _, err := range []error{err1, err2, err3, err4, err5} {
			if err != nil {
				return nil, graph.Internal(err)
			}
		}
		out = append(out, hop{from: from, rel: toRel(r, st, en), to: toNode(b)})
	}
	return out, nil
}

// adjacency is what leaves one node: outgoing then incoming hops, each
// in relationship-id order, the order every store walks them in.
type adjacency struct{ out, in []hop }

// expand fetches the adjacency of the given nodes in direction d.
func (s *Store) expand(ctx context.Context, ids []string, d graph.Direction, types []string, into map[string]*adjacency) error {
	if len(ids) == 0 {
		return nil
	}
	hs, err := s.hops(ctx, ids, d, types)
	if err != nil {
		return err
	}
	seen := map[[3]string]bool{}
	for _, id := range ids {
		into[id] = &adjacency{}
	}
	for _, h := range hs {
		a := into[h.from]
		if a == nil {
			continue
		}
		if d != graph.Incoming && h.rel.Start == h.from && !seen[[3]string{h.from, "out", h.rel.ID}] {
			seen[[3]string{h.from, "out", h.rel.ID}] = true
			a.out = append(a.out, hop{from: h.from, rel: h.rel, to: h.to})
		}
		if d != graph.Outgoing && h.rel.End == h.from && !seen[[3]string{h.from, "in", h.rel.ID}] {
			seen[[3]string{h.from, "in", h.rel.ID}] = true
			a.in = append(a.in, hop{from: h.from, rel: h.rel, to: h.to})
		}
	}
	for _, id := range ids {
		a := into[id]
		sort.Slice(a.out, func(i, j int) bool { return a.out[i].rel.ID < a.out[j].rel.ID })
		sort.Slice(a.in, func(i, j int) bool { return a.in[i].rel.ID < a.in[j].rel.ID })
	}
	return nil
}

// Neighborhood walks breadth-first, fetching one level per query. Within
// a level, nodes are expanded in the order they were found, and each
// node's outgoing then incoming relationships in id order, so the node
// limit cuts exactly where every other store cuts. Nodes come in that
// breadth-first order, the start node first; relationships by id.
func (s *Store) Neighborhood(ctx context.Context, id string, q graph.NeighborhoodQuery) (graph.Neighborhood, error) {
	if err := q.Normalize(s.limits); err != nil {
		return graph.Neighborhood{}, err
	}
	start, err := s.Node(ctx, id)
	if err != nil {
		return graph.Neighborhood{}, err
	}
	dist := map[string]int{start.ID: 0}
	order := []graph.Node{start}
	adj := map[string]*adjacency{}
	truncated := false
	level := []string{start.ID}
bfs:
	for d := 0; d < q.Depth && len(level) > 0; d++ {
		if err := s.expand(ctx, level, q.Direction, q.Types, adj); err != nil {
			return graph.Neighborhood{}, err
		}
		var next []string
		for _, u := range level {
			a := adj[u]
			for _, h := range append(a.out[:len(a.out):len(a.out)], a.in...) {
				if _, ok := dist[h.to.ID]; ok || !graph.RelHeldOn(h.rel, q.AsOf) {
					continue
				}
				if len(order) == q.Limit {
					truncated = true
					break bfs
				}
				dist[h.to.ID] = d + 1
				order = append(order, h.to)
				next = append(next, h.to.ID)
			}
		}
		level = next
	}
	// Relationships leave kept nodes closer than Depth towards kept nodes;
	// after a cut some of those nodes have not been expanded yet.
	var todo []string
	for _, n := range order {
		if dist[n.ID] < q.Depth && adj[n.ID] == nil {
			todo = append(todo, n.ID)
		}
	}
	if err := s.expand(ctx, todo, q.Direction, q.Types, adj); err != nil {
		return graph.Neighborhood{}, err
	}
	rels := map[string]graph.Relationship{}
	for _, n := range order {
		if dist[n.ID] >= q.Depth {
			continue
		}
		a := adj[n.ID]
		for _, h := range append(a.out[:len(a.out):len(a.out)], a.in...) {
			if _, ok := dist[h.to.ID]; ok && graph.RelHeldOn(h.rel, q.AsOf) {
				rels[h.rel.ID] = h.rel
			}
		}
	}
	out := graph.Neighborhood{Graph: graph.Graph{Nodes: order, Relationships: make([]graph.Relationship, 0, len(rels))}, Truncated: truncated}
	for _, r := range rels {
		out.Relationships = append(out.Relationships, r)
	}
	sort.Slice(out.Relationships, func(i, j int) bool { return out.Relationships[i].ID < out.Relationships[j].ID })
	return out, nil
}

// Paths fetches, length by length, every simple path of that length (up
// to pathRowCap of them) and stops at the first length that brings the
// total to K; the exact order (length, node keys, relationship ids) is
// applied in Go.
func (s *Store) Paths(ctx context.Context, q graph.PathQuery) ([]graph.Path, error) {
	if err := q.Normalize(s.limits); err != nil {
		return nil, err
	}
	from, err := s.Node(ctx, q.From)
	if err != nil {
		return nil, err
	}
	if _, err := s.Node(ctx, q.To); err != nil {
		return nil, err
	}
	if q.From == q.To {
		return []graph.Path{{Nodes: []graph.Node{from}, Relationships: []graph.Relationship{}, Length: 0}}, nil
	}
	types := q.Types
	if types == nil {
		types = []string{}
	}
	var arrow [2]string
	switch q.Direction {
	case graph.Outgoing:
		arrow = [2]string{"-", "->"}
	case graph.Incoming:
		arrow = [2]string{"<-", "-"}
	default:
		arrow = [2]string{"-", "-"}
	}
	var paths []graph.Path
	for length := 1; length <= q.MaxLength && len(paths) < q.K; length++ {
		// length is an int we control, not user text: variable-length
		// bounds cannot be parameters.
		query := fmt.Sprintf(`MATCH (a:%[1]s {id: $from}), (b:%[1]s {id: $to})
MATCH p = (a)%[2]s[rs*%[4]d..%[4]d]%[3]s(b)
WHERE (size($types) = 0 OR all(r IN rs WHERE type(r) IN $types))
  AND all(i IN range(1, size(nodes(p)) - 1) WHERE NOT nodes(p)[i] IN nodes(p)[0..i])
RETURN p LIMIT $cap`, NodeLabel, arrow[0], arrow[1], length)
		recs, err := s.read(ctx, query, map[string]any{"from": q.From, "to": q.To, "types": types, "cap": int64(pathRowCap)})
		if err != nil {
			return nil, err
		}
		var batch []graph.Path
		for _, rec := range recs {
			p, _, err := neo4j.GetRecordValue[dbtype.Path](rec, "p")
			if err != nil {
				return nil, graph.Internal(err)
			}
			batch = append(batch, toPath(p))
		}
		sortPaths(batch)
		paths = append(paths, batch...)
	}
	if len(paths) > q.K {
		paths = paths[:q.K]
	}
	if paths == nil {
		paths = []graph.Path{}
	}
	return paths, nil
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

// sortPaths orders paths by length, node-key sequence, relationship-id
// sequence: the contract of graph.PathQuery.
func sortPaths(ps []graph.Path) {
	keys := func(p graph.Path) []string {
		k := make([]string, len(p.Nodes))
		for i, n := range p.Nodes {
			k[i] = n.Key
		}
		return k
	}
	ids := func(p graph.Path) []string {
		k := make([]string, len(p.Relationships))
		for i, r := range p.Relationships {
			k[i] = r.ID
		}
		return k
	}
	slices.SortStableFunc(ps, func(a, b graph.Path) int {
		if c := cmp.Compare(a.Length, b.Length); c != 0 {
			return c
		}
		if c := slices.Compare(keys(a), keys(b)); c != 0 {
			return c
		}
		return slices.Compare(ids(a), ids(b))
	})
}

// Subgraph returns the given nodes and every relationship between them.
func (s *Store) Subgraph(ctx context.Context, ids []string) (graph.Graph, error) {
	if len(ids) > s.limits.MaxSubgraph {
		return graph.Graph{}, graph.InvalidParam("ids", "at most %d nodes, got %d", s.limits.MaxSubgraph, len(ids))
	}
	uniq := make([]string, 0, len(ids))
	seen := map[string]bool{}
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			uniq = append(uniq, id)
		}
	}
	g, err := s.collect(ctx,
		"UNWIND $ids AS id MATCH (n:"+NodeLabel+" {id: id}) RETURN n",
		"UNWIND $ids AS id MATCH (a:"+NodeLabel+" {id: id})-[r]->(b:"+NodeLabel+") WHERE b.id IN $ids RETURN r, a.id AS s, b.id AS e",
		map[string]any{"ids": uniq})
	if err != nil {
		return graph.Graph{}, err
	}
	if len(g.Nodes) != len(uniq) {
		found := map[string]bool{}
		for _, n := range g.Nodes {
			found[n.ID] = true
		}
		for _, id := range uniq {
			if !found[id] {
				return graph.Graph{}, graph.Errorf(graph.KindNotFound, "no node with id %q", id)
			}
		}
	}
	return g, nil
}

// Dump returns the whole graph in canonical order.
func (s *Store) Dump(ctx context.Context, limit int) (graph.Graph, error) {
	recs, err := s.read(ctx, "MATCH (n:"+NodeLabel+") RETURN count(n) AS c", nil)
	if err != nil {
		return graph.Graph{}, err
	}
	if c, _, _ := neo4j.GetRecordValue[int64](recs[0], "c"); c > int64(limit) {
		return graph.Graph{}, graph.InvalidParam("limit", "the graph has %d nodes, more than the limit of %d", c, limit)
	}
	return s.collect(ctx,
		"MATCH (n:"+NodeLabel+") RETURN n",
		"MATCH (a:"+NodeLabel+")-[r]->(b:"+NodeLabel+") RETURN r, a.id AS s, b.id AS e", nil)
}

// collect runs a node query (column n) and a relationship query (columns
// r, s, e) and returns the sorted graph.
func (s *Store) collect(ctx context.Context, nodeQuery, relQuery string, params map[string]any) (graph.Graph, error) {
	g := graph.Graph{Nodes: []graph.Node{}, Relationships: []graph.Relationship{}}
	recs, err := s.read(ctx, nodeQuery, params)
	if err != nil {
		return graph.Graph{}, err
	}
	for _, rec := range recs {
		n, _, err := neo4j.GetRecordValue[dbtype.Node](rec, "n")
		if err != nil {
			return graph.Graph{}, graph.Internal(err)
		}
		g.Nodes = append(g.Nodes, toNode(n))
	}
	recs, err = s.read(ctx, relQuery, params)
	if err != nil {
		return graph.Graph{}, err
	}
	for _, rec := range recs {
		r, _, err1 := neo4j.GetRecordValue[dbtype.Relationship](rec, "r")
		st, _, err2 := neo4j.GetRecordValue[string](rec, "s")
		en, _, err3 := neo4j.GetRecordValue[string](rec, "e")
		if err1 != nil || err2 != nil || err3 != nil {
			return graph.Graph{}, graph.Internal(fmt.Errorf("bad relationship row: %v %v %v", err1, err2, err3))
		}
		g.Relationships = append(g.Relationships, toRel(r, st, en))
	}
	graph.SortGraph(&g)
	return g, nil
}

// Schema counts nodes per label (less the internal one) and relationships
// per type.
func (s *Store) Schema(ctx context.Context) (graph.Schema, error) {
	out := graph.Schema{Labels: []graph.Count{}, RelationshipTypes: []graph.Count{}}
	recs, err := s.read(ctx, "MATCH (n:"+NodeLabel+") UNWIND labels(n) AS l WITH l WHERE l <> $internal RETURN l AS name, count(*) AS c",
		map[string]any{"internal": NodeLabel})
	if err != nil {
		return graph.Schema{}, err
	}
	out.Labels, err = counts(recs)
	if err != nil {
		return graph.Schema{}, err
	}
	recs, err = s.read(ctx, "MATCH ()-[r]->() RETURN type(r) AS name, count(*) AS c", nil)
	if err != nil {
		return graph.Schema{}, err
	}
	out.RelationshipTypes, err = counts(recs)
	if err != nil {
		return graph.Schema{}, err
	}
	return out, nil
}

func counts(recs []*neo4j.Record) ([]graph.Count, error) {
	out := make([]graph.Count, 0, len(recs))
	for _, rec := range recs {
		name, _, err1 := neo4j.GetRecordValue[string](rec, "name")
		c, _, err2 := neo4j.GetRecordValue[int64](rec, "c")
		if err1 != nil || err2 != nil {
			return nil, graph.Internal(fmt.Errorf("bad count row: %v %v", err1, err2))
		}
		out = append(out, graph.Count{Name: name, Count: int(c)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}
