package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/actorgraph/actorgraph/graph"
)

var (
	labelRE   = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*$`)
	relTypeRE = regexp.MustCompile(`^[A-Z][A-Z0-9_]*$`)
)

// validLabel reports whether a label may be spliced (backticked) into
// Cypher. Only such labels are ever stored.
func validLabel(l string) bool { return labelRE.MatchString(l) }

// checkProps normalises properties and checks that Neo4j can store them:
// lists must be homogeneous and hold no nulls, and id and key are taken.
func checkProps(p map[string]any, reserved ...string) (map[string]any, error) {
	out, err := graph.NormalizeProperties(p)
	if err != nil {
		return nil, err
	}
	for _, r := range reserved {
		if _, ok := out[r]; ok {
			return nil, fmt.Errorf("property %q is reserved", r)
		}
	}
	for k, v := range out {
		list, ok := v.([]any)
		if !ok {
			continue
		}
		kind := -1
		for _, e := range list {
			t := valueKind(e)
			if t == 0 {
				return nil, fmt.Errorf("property %q: a list cannot hold null", k)
			}
			if kind < 0 {
				kind = t
			} else if t != kind {
				return nil, fmt.Errorf("property %q: a list must hold values of one type", k)
			}
		}
	}
	return out, nil
}

// valueKind tells normalised scalar types apart: 0 for nil.
func valueKind(v any) int {
	switch v.(type) {
	case bool:
		return 1
	case int64:
		return 2
	case float64:
		return 3
	case string:
		return 4
	case nil:
		return 0
	default:
		return 5
	}
}

// plan is a validated load: rows grouped by the Cypher that writes them.
type plan struct {
	stats  graph.LoadStats
	ops    []op
	types  []string
	nodes  int
	rels   int
	remove map[string][]string // label -> ids of stored nodes that lose it
	// replace lists, by stored type, relationships whose id is loaded
	// with another type or other ends.
	replace map[string][]string
}

// op writes rows with query. Rows for items validation found absent are
// written with CREATE, which is much faster than MERGE on busy nodes;
// safe is the MERGE form, used when a transaction is retried (its first
// attempt may have committed without the driver hearing of it).
type op struct {
	query, safe string
	rows        []any // each a map[string]any
	// byStart: the queries take rows grouped by start node (see
	// groupByStart), one index seek per start instead of per row.
	byStart bool
}

// groupByStart turns relationship rows into {s, rels} groups, keeping the
// order of first appearance.
func groupByStart(rows []any) []any {
	idx := map[any]int{}
	var out []any
	for _, r := range rows {
		s := r.(map[string]any)["s"]
		i, ok := idx[s]
		if !ok {
			i = len(out)
			idx[s] = i
			out = append(out, map[string]any{"s": s, "rels": []any{}})
		}
		g := out[i].(map[string]any)
		g["rels"] = append(g["rels"].([]any), r)
	}
	return out
}

// validate checks the whole graph against itself and the database before
// anything is written, so that a load fails without side effects on bad
// input.
func (s *Store) validate(ctx context.Context, g graph.Graph) (*plan, error) {
	p := &plan{remove: map[string][]string{}, replace: map[string][]string{}}
	storedNodes := map[string]bool{}
	storedRels := map[string]bool{}
	ids := make(map[string]bool, len(g.Nodes))
	keys := make(map[string]bool, len(g.Nodes))
	groups := map[string][]any{}
	rowIDs := map[string][]string{}
	labelsOf := make(map[string][]string, len(g.Nodes))
	checkRows := make([]any, 0, len(g.Nodes))
	for i, n := range g.Nodes {
		where := fmt.Sprintf("nodes[%d]", i)
		if !graph.IsID(n.ID) {
			return nil, graph.InvalidParam(where+".id", "node id %q is not a UUID", n.ID)
		}
		if n.Key == "" {
			return nil, graph.InvalidParam(where+".key", "node %s has no key", n.ID)
		}
		if ids[n.ID] {
			return nil, graph.InvalidParam(where+".id", "node id %s appears twice", n.ID)
		}
		if keys[n.Key] {
			return nil, graph.InvalidParam(where+".key", "node key %q appears twice", n.Key)
		}
		ids[n.ID], keys[n.Key] = true, true
		if len(n.Labels) == 0 {
			return nil, graph.InvalidParam(where+".labels", "node %q has no label", n.Key)
		}
		labels := slices.Clone(n.Labels)
		sort.Strings(labels)
		labels = slices.Compact(labels)
		for _, l := range labels {
			if !validLabel(l) {
				return nil, graph.InvalidParam(where+".labels", "node %q: label %q is not a valid label name", n.Key, l)
			}
		}
		props, err := checkProps(n.Properties, "id", "key")
		if err != nil {
			return nil, graph.InvalidParam(where+".properties", "node %q: %v", n.Key, err)
		}
		props["id"], props["key"] = n.ID, n.Key
		labelsOf[n.ID] = labels
		gk := strings.Join(labels, ":")
		groups[gk] = append(groups[gk], map[string]any{"id": n.ID, "props": props})
		rowIDs[gk] = append(rowIDs[gk], n.ID)
		checkRows = append(checkRows, map[string]any{"id": n.ID, "key": n.Key})
	}

	relIDs := make(map[string]bool, len(g.Relationships))
	relGroups := map[string][]any{}
	relRowIDs := map[string][]string{}
	var endpoints []string
	seenEnd := map[string]bool{}
	relRows := map[string]graph.Relationship{}
	for i, r := range g.Relationships {
		where := fmt.Sprintf("relationships[%d]", i)
		if !graph.IsID(r.ID) {
			return nil, graph.InvalidParam(where+".id", "relationship id %q is not a UUID", r.ID)
		}
		if relIDs[r.ID] {
			return nil, graph.InvalidParam(where+".id", "relationship id %s appears twice", r.ID)
		}
		relIDs[r.ID] = true
		if !relTypeRE.MatchString(r.Type) {
			return nil, graph.InvalidParam(where+".type", "relationship type %q is not UPPER_SNAKE_CASE", r.Type)
		}
		for _, end := range []string{r.Start, r.End} {
			if !graph.IsID(end) {
				return nil, graph.InvalidParam(where, "relationship %s: end %q is not a node id", r.ID, end)
			}
			if !ids[end] && !seenEnd[end] {
				seenEnd[end] = true
				endpoints = append(endpoints, end)
			}
		}
		props, err := checkProps(r.Properties, "id")
		if err != nil {
			return nil, graph.InvalidParam(where+".properties", "relationship %s: %v", r.ID, err)
		}
		props["id"] = r.ID
		relGroups[r.Type] = append(relGroups[r.Type], map[string]any{"id": r.ID, "s": r.Start, "e": r.End, "props": props})
		relRowIDs[r.Type] = append(relRowIDs[r.Type], r.ID)
		relRows[r.ID] = r
	}

	// Endpoints outside the graph must be in the database.
	for chunk := range slices.Chunk(endpoints, s.cfg.BatchSize) {
		recs, err := s.read(ctx, "UNWIND $ids AS id MATCH (n:"+NodeLabel+" {id: id}) RETURN n.id AS id", map[string]any{"ids": chunk})
		if err != nil {
			return nil, err
		}
		found := map[string]bool{}
		for _, rec := range recs {
			id, _, _ := neo4j.GetRecordValue[string](rec, "id")
			found[id] = true
		}
		for _, id := range chunk {
			if !found[id] {
				return nil, graph.InvalidParam("relationships", "a relationship refers to node %s, which is neither in the graph nor in the store", id)
			}
		}
	}

	// An empty database (the first load) has nothing to match or clash
	// with; its node count comes from the count store, at no cost.
	recs, err := s.read(ctx, "MATCH (n:"+NodeLabel+") RETURN count(n) AS c", nil)
	if err != nil {
		return nil, err
	}
	if c, _, _ := neo4j.GetRecordValue[int64](recs[0], "c"); c == 0 {
		checkRows, relRows = nil, nil
	}

	// Stored nodes: same id means matched (and maybe labels to remove);
	// the same key under another id is a conflict.
	for chunk := range slices.Chunk(checkRows, s.cfg.BatchSize) {
		recs, err := s.read(ctx, `UNWIND $rows AS row
OPTIONAL MATCH (a:`+NodeLabel+` {id: row.id})
OPTIONAL MATCH (b:`+NodeLabel+` {key: row.key})
WITH row, a, b WHERE a IS NOT NULL OR b IS NOT NULL
RETURN row.id AS id, row.key AS key, a IS NOT NULL AS exists, labels(a) AS labels, b.id AS otherID`,
			map[string]any{"rows": chunk})
		if err != nil {
			return nil, err
		}
		for _, rec := range recs {
			m := rec.AsMap()
			id, _ := m["id"].(string)
			key, _ := m["key"].(string)
			if other, _ := m["otherID"].(string); other != "" && other != id {
				return nil, graph.Errorf(graph.KindConflict, "key %q belongs to node %s in the store, not %s", key, other, id)
			}
			if exists, _ := m["exists"].(bool); !exists {
				continue
			}
			// A stored node may take a new key (the id is its identity);
			// the uniqueness constraint keeps keys unique.
			p.stats.NodesMatched++
			storedNodes[id] = true
			old, _ := m["labels"].([]any)
			for _, l := range old {
				ls, _ := l.(string)
				if ls != NodeLabel && !slices.Contains(labelsOf[id], ls) && validLabel(ls) {
					p.remove[ls] = append(p.remove[ls], id)
				}
			}
		}
	}
	p.stats.NodesCreated = len(g.Nodes) - p.stats.NodesMatched

	// Stored relationships with a loaded id: the same tie is matched; a
	// different tie under that id is a conflict.
	if len(relRows) > 0 {
		recs, err := s.read(ctx, "CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType AS t", nil)
		if err != nil {
			return nil, err
		}
		var stored []string
		for _, rec := range recs {
			t, _, _ := neo4j.GetRecordValue[string](rec, "t")
			if relTypeRE.MatchString(t) {
				stored = append(stored, t)
			}
		}
		if err := s.ensureRelIndexes(ctx, stored); err != nil {
			return nil, err
		}
		allIDs := make([]string, 0, len(relRows))
		for id := range relRows {
			allIDs = append(allIDs, id)
		}
		sort.Strings(allIDs)
		for _, t := range stored {
			for chunk := range slices.Chunk(allIDs, s.cfg.BatchSize) {
				recs, err := s.read(ctx, "UNWIND $ids AS id MATCH (a)-[r:`"+t+"` {id: id}]->(b) RETURN r.id AS id, a.id AS s, b.id AS e",
					map[string]any{"ids": chunk})
				if err != nil {
					return nil, err
				}
				for _, rec := range recs {
					m := rec.AsMap()
					id, _ := m["id"].(string)
					r := relRows[id]
					p.stats.RelationshipsMatched++
					if r.Type != t || r.Start != m["s"] || r.End != m["e"] {
						// The id now names another tie: like every store,
						// replace the stored one (delete, then create).
						p.replace[t] = append(p.replace[t], id)
						continue
					}
					storedRels[id] = true
				}
			}
		}
	}
	p.stats.RelationshipsCreated = len(g.Relationships) - p.stats.RelationshipsMatched

	// Labels and types below passed the identifier check above, so
	// splicing them (backticked) into Cypher is safe.
	gks := make([]string, 0, len(groups))
	for gk := range groups {
		gks = append(gks, gk)
	}
	sort.Strings(gks)
	for _, gk := range gks {
		set := ""
		for _, l := range strings.Split(gk, ":") {
			set += ":`" + l + "`"
		}
		create, update := split(groups[gk], rowIDs[gk], storedNodes)
		merge := "UNWIND $rows AS row MERGE (n:" + NodeLabel + " {id: row.id}) SET n = row.props SET n" + set
		if len(create) > 0 {
			p.ops = append(p.ops, op{query: "UNWIND $rows AS row CREATE (n:" + NodeLabel + set + ") SET n = row.props", safe: merge, rows: create})
		}
		if len(update) > 0 {
			p.ops = append(p.ops, op{query: merge, safe: merge, rows: update})
		}
	}
	rls := make([]string, 0, len(p.remove))
	for l := range p.remove {
		rls = append(rls, l)
	}
	sort.Strings(rls)
	for _, l := range rls {
		rows := make([]any, len(p.remove[l]))
		for i, id := range p.remove[l] {
			rows[i] = id
		}
		p.ops = append(p.ops, op{query: "UNWIND $rows AS id MATCH (n:" + NodeLabel + " {id: id}) REMOVE n:`" + l + "`", rows: rows})
	}
	rts := make([]string, 0, len(p.replace))
	for t := range p.replace {
		rts = append(rts, t)
	}
	sort.Strings(rts)
	for _, t := range rts {
		rows := make([]any, len(p.replace[t]))
		for i, id := range p.replace[t] {
			rows[i] = id
		}
		q := "UNWIND $rows AS id MATCH ()-[r:`" + t + "` {id: id}]->() DELETE r"
		p.ops = append(p.ops, op{query: q, safe: q, rows: rows})
	}
	for t := range relGroups {
		p.types = append(p.types, t)
	}
	sort.Strings(p.types)
	for _, t := range p.types {
		// Generated graphs and seeds list a node's ties together, so
		// grouping by start saves most start-node lookups.
		ends := "UNWIND $rows AS g MATCH (a:" + NodeLabel + " {id: g.s}) UNWIND g.rels AS row MATCH (b:" + NodeLabel + " {id: row.e}) "
		merge := ends + "MERGE (a)-[r:`" + t + "` {id: row.id}]->(b) SET r = row.props"
		create, update := split(relGroups[t], relRowIDs[t], storedRels)
		if len(create) > 0 {
			p.ops = append(p.ops, op{query: ends + "CREATE (a)-[r:`" + t + "`]->(b) SET r += row.props", safe: merge, rows: create, byStart: true})
		}
		if len(update) > 0 {
			q := "UNWIND $rows AS row MATCH ()-[r:`" + t + "` {id: row.id}]->() SET r = row.props"
			p.ops = append(p.ops, op{query: q, safe: q, rows: update})
		}
	}
	p.nodes, p.rels = len(g.Nodes), len(g.Relationships)
	return p, nil
}

// split divides rows into those whose id is not stored and those that are.
func split(rows []any, ids []string, stored map[string]bool) (create, update []any) {
	for i, r := range rows {
		if stored[ids[i]] {
			update = append(update, r)
		} else {
			create = append(create, r)
		}
	}
	return create, update
}

// Load validates g whole, then writes it with MERGE by id in transactions
// of at most BatchSize rows. A graph that fits in one batch is written
// atomically; a larger one is written batch by batch, and since every
// write is an idempotent MERGE, loading it again after a failure
// converges to the same graph.
func (s *Store) Load(ctx context.Context, g graph.Graph) (graph.LoadStats, error) {
	// Validation decides between CREATE and MERGE, so two loads must not
	// interleave; loads from other processes are not guarded.
	s.loadMu.Lock()
	defer s.loadMu.Unlock()
	began := time.Now()
	p, err := s.validate(ctx, g)
	if err != nil {
		return graph.LoadStats{}, err
	}
	s.logger.DebugContext(ctx, "neo4j load validated", "elapsed", time.Since(began))
	// Pack statement chunks into transactions of at most BatchSize rows,
	// keeping the order: nodes before the relationships that need them.
	type stmt struct {
		query, safe string
		rows        []any
	}
	var txs [][]stmt
	var cur []stmt
	n := 0
	for _, o := range p.ops {
		rows := o.rows
		for len(rows) > 0 {
			room := s.cfg.BatchSize - n
			if room == 0 {
				txs, cur, n = append(txs, cur), nil, 0
				room = s.cfg.BatchSize
			}
			take := min(room, len(rows))
			chunk := rows[:take]
			if o.byStart {
				chunk = groupByStart(chunk)
			}
			cur = append(cur, stmt{o.query, o.safe, chunk})
			n += take
			rows = rows[take:]
		}
	}
	if len(cur) > 0 {
		txs = append(txs, cur)
	}
	for i, tx := range txs {
		attempts := 0
		err := s.writeRetry(ctx, func(t neo4j.ManagedTransaction) error {
			attempts++
			for _, st := range tx {
				q := st.query
				if attempts > 1 || s.alwaysSafe {
					q = st.safe
				}
				res, err := t.Run(ctx, q, map[string]any{"rows": st.rows})
				if err != nil {
					return err
				}
				if _, err := res.Consume(ctx); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return graph.LoadStats{}, err
		}
		s.logger.DebugContext(ctx, "neo4j load batch", "batch", i, "of", len(txs), "elapsed", time.Since(began))
		if s.afterBatch != nil {
			s.afterBatch(i)
		}
	}
	// Indexes on relationship ids serve later loads (to match by id);
	// made after the writes, a first load does not maintain them row by
	// row, and Neo4j fills them in the background.
	if err := s.ensureRelIndexes(ctx, p.types); err != nil {
		return graph.LoadStats{}, err
	}
	s.logger.InfoContext(ctx, "neo4j load", "nodes", p.nodes, "relationships", p.rels, "transactions", len(txs),
		"nodesCreated", p.stats.NodesCreated, "relationshipsCreated", p.stats.RelationshipsCreated, "elapsed", time.Since(began))
	return p.stats, nil
}

// writeRetry runs work in a write transaction, retrying on transient and
// connectivity errors (the driver's own retry is kept short for reads)
// until LoadRetryTime has passed.
func (s *Store) writeRetry(ctx context.Context, work func(neo4j.ManagedTransaction) error) error {
	deadline := time.Now().Add(s.cfg.LoadRetryTime)
	wait := 200 * time.Millisecond
	for {
		sess := s.session(ctx, neo4j.AccessModeWrite)
		_, err := sess.ExecuteWrite(ctx, func(t neo4j.ManagedTransaction) (any, error) { return nil, work(t) })
		err = errors.Join(err, sess.Close(context.Background()))
		if err == nil {
			return nil
		}
		if ctx.Err() != nil || time.Now().After(deadline) || !(neo4j.IsRetryable(err) || isUnavailable(err)) {
			return mapErr(err)
		}
		s.logger.WarnContext(ctx, "neo4j write failed, retrying", "err", err, "wait", wait)
		select {
		case <-ctx.Done():
			return mapErr(ctx.Err())
		case <-time.After(wait):
		}
		wait = min(2*wait, 5*time.Second)
	}
}
