package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/actorgraph/actorgraph/graph"
)

// validLabel reports whether a label may be spliced (backticked) into
// Cypher: graph.ValidLabel, the rule every loaded label passed.
func validLabel(l string) bool { return graph.ValidLabel(l) }

// Load phases: statements of a later phase need what earlier phases
// wrote, so transactions of different phases never run side by side.
const (
	phaseNodes = iota // create and update nodes
	phaseFix          // remove stale labels, delete replaced relationships
	phaseRels         // create and update relationships
)

// How many transactions of a phase run at once. The server's time goes
// mostly into commits (record, count-store and index updates), which a
// single writer leaves on one core; with two, one transaction executes
// while the other commits. New nodes share no locks. New relationships
// share hub nodes in nearly every batch, and Neo4j 5 takes their locks
// at commit in a fixed order, so two writers wait on each other briefly
// rather than deadlock (a deadlock would only cost a retry). Measured at
// 1M relationships on 2 cores: one writer about 27k rels/s, two 37k,
// three no better than two.
const (
	nodeWriters = 2
	relWriters  = 2
)

// relBatch is the share of Config.BatchSize a relationship transaction
// takes when a load spans several transactions: with two writers, a
// transaction half as large holds hub locks half as long, and measured
// about 10% faster than full-size ones (twice the size was 30% slower).
const relBatch = 2

// plan is a validated load: rows grouped by the Cypher that writes them.
type plan struct {
	stats  graph.LoadStats
	ops    []op
	labels []string // every label of the graph's nodes, sorted
	types  []string
	nodes  int
	rels   int
	// index numbers the nodes relationships may end at: the graph's
	// nodes by position, then the stored endpoints outside the graph.
	// nids holds Neo4j's internal id of each, filled by validation for
	// stored endpoints and by the writes for the graph's nodes.
	// Relationship rows find their ends by internal id, a direct record
	// lookup, instead of seeking the id index twice per row. Internal
	// ids are reused only after a node is deleted, which nothing does
	// during a load (loads are serialised and never delete nodes).
	index map[string]int32
	nids  []int64
}

// relRow is a relationship row before its ends are known by internal id.
type relRow struct {
	start, end int32 // in plan.index
	props      map[string]any
}

// op writes rows with query. Rows for items validation found absent are
// written with CREATE, which is much faster than MERGE on busy nodes;
// safe is the MERGE form, used when a transaction is retried (its first
// attempt may have committed without the driver hearing of it).
type op struct {
	query, safe string
	phase       int
	kind        stmtKind
	// rows are sent as they are: a node row is its property map (id and
	// key included), a relationship row the list [start, end, props],
	// which encodes smaller than a map.
	rows []any
}

// stmtKind tells the loader what a statement needs around it.
type stmtKind int

const (
	plainStmt stmtKind = iota
	// nodeStmt returns the internal id of each node it writes, as
	// RETURN row.id, id(n).
	nodeStmt
	// relStmt takes rows [start, end, props] with start and end as node
	// ids, which are swapped for internal ids when the rows are sent.
	relStmt
)

// validate checks the whole graph against itself and the database before
// anything is written, so that a load fails without side effects on bad
// input. It touches each item once and builds its row right away; the
// maps it keeps are keyed by id only.
func (s *Store) validate(ctx context.Context, g graph.Graph) (*plan, error) {
	p := &plan{}
	ids := make(map[string]int32, len(g.Nodes)) // id -> index in g.Nodes
	keys := make(map[string]struct{}, len(g.Nodes))
	labelOK := map[string]bool{}
	groups := map[string][]int32{} // label set -> node indexes
	nodeLabels := make([][]string, len(g.Nodes))
	nodeRows := make([]any, len(g.Nodes))
	for i, n := range g.Nodes {
		where := func(f string) string { return fmt.Sprintf("nodes[%d].%s", i, f) }
		if err := graph.CheckNode(n); err != nil {
			return nil, graph.ItemError("nodes", i, err)
		}
		if _, dup := ids[n.ID]; dup {
			return nil, graph.InvalidParam(where("id"), "node id %s appears twice", n.ID)
		}
		ids[n.ID] = int32(i)
		if _, dup := keys[n.Key]; dup {
			return nil, graph.InvalidParam(where("key"), "node key %q appears twice", n.Key)
		}
		keys[n.Key] = struct{}{}
		labels := n.Labels
		if len(labels) > 1 && (!slices.IsSorted(labels) || hasAdjacentDup(labels)) {
			labels = slices.Clone(labels)
			sort.Strings(labels)
			labels = slices.Compact(labels)
		}
		for _, l := range labels {
			labelOK[l] = true
		}
		props, err := graph.NormalizeProperties(n.Properties)
		if err != nil {
			return nil, graph.InvalidParam(where("properties"), "node %q: %v", n.Key, err)
		}
		nn := graph.Node{Key: n.Key, Properties: props}
		props[propSearch], props[propSort] = graph.SearchNames(nn), sortKey(nn)
		props["id"], props["key"] = n.ID, n.Key
		nodeLabels[i] = labels
		nodeRows[i] = props
		gk := labels[0]
		if len(labels) > 1 {
			gk = strings.Join(labels, ":")
		}
		groups[gk] = append(groups[gk], int32(i))
	}

	relIDs := make(map[string]int32, len(g.Relationships)) // id -> index
	relGroups := map[string][]int32{}                      // type -> indexes
	relRows := make([]any, len(g.Relationships))
	var endpoints []string
	for i, r := range g.Relationships {
		where := func(f string) string {
			if f == "" {
				return fmt.Sprintf("relationships[%d]", i)
			}
			return fmt.Sprintf("relationships[%d].%s", i, f)
		}
		if err := graph.CheckRelationship(r); err != nil {
			return nil, graph.ItemError("relationships", i, err)
		}
		if _, dup := relIDs[r.ID]; dup {
			return nil, graph.InvalidParam(where("id"), "relationship id %s appears twice", r.ID)
		}
		relIDs[r.ID] = int32(i)
		var ends [2]int32
		for j, end := range [2]string{r.Start, r.End} {
			x, ok := ids[end]
			if !ok {
				// Not a node of the graph (those were checked above),
				// nor an end seen before: it must be stored.
				x = int32(len(g.Nodes) + len(endpoints))
				ids[end] = x
				endpoints = append(endpoints, end)
			}
			ends[j] = x
		}
		props, err := graph.NormalizeProperties(r.Properties)
		if err != nil {
			return nil, graph.InvalidParam(where("properties"), "relationship %s: %v", r.ID, err)
		}
		props["id"] = r.ID
		relRows[i] = relRow{ends[0], ends[1], props}
		relGroups[r.Type] = append(relGroups[r.Type], int32(i))
	}

	// Endpoints outside the graph must be in the database.
	p.index = ids
	p.nids = make([]int64, len(g.Nodes)+len(endpoints))
	for i := range p.nids {
		p.nids[i] = -1
	}
	for chunk := range slices.Chunk(endpoints, s.cfg.BatchSize) {
		recs, err := s.read(ctx, "UNWIND $ids AS id MATCH (n:"+NodeLabel+" {id: id}) RETURN n.id AS id, id(n) AS nid", map[string]any{"ids": chunk})
		if err != nil {
			return nil, err
		}
		for _, rec := range recs {
			id, _, _ := neo4j.GetRecordValue[string](rec, "id")
			nid, _, _ := neo4j.GetRecordValue[int64](rec, "nid")
			p.nids[ids[id]] = nid
		}
		for _, id := range chunk {
			if p.nids[ids[id]] < 0 {
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
	empty := false
	if c, _, _ := neo4j.GetRecordValue[int64](recs[0], "c"); c == 0 {
		empty = true
	}
	storedNodes := map[string]bool{}
	storedRels := map[string]bool{}
	remove := map[string][]string{}  // label -> ids of stored nodes that lose it
	replace := map[string][]string{} // stored type -> ids loaded as another tie
	if !empty {
		if err := s.matchStored(ctx, g, ids, nodeLabels, relIDs, p, storedNodes, storedRels, remove, replace); err != nil {
			return nil, err
		}
	}
	p.stats.NodesCreated = len(g.Nodes) - p.stats.NodesMatched
	p.stats.RelationshipsCreated = len(g.Relationships) - p.stats.RelationshipsMatched

	// Labels and types below passed the identifier check above, so
	// splicing them (backticked) into Cypher is safe.
	for _, gk := range slices.Sorted(maps.Keys(groups)) {
		set := ""
		for l := range strings.SplitSeq(gk, ":") {
			set += ":`" + l + "`"
		}
		create, update := split(groups[gk], nodeRows, func(i int32) bool { return storedNodes[g.Nodes[i].ID] })
		const ret = " RETURN row.id AS id, id(n) AS nid"
		merge := "UNWIND $rows AS row MERGE (n:" + NodeLabel + " {id: row.id}) SET n = row SET n" + set + ret
		if len(create) > 0 {
			p.ops = append(p.ops, op{query: "UNWIND $rows AS row CREATE (n:" + NodeLabel + set + ") SET n = row" + ret, safe: merge, kind: nodeStmt, rows: create})
		}
		if len(update) > 0 {
			p.ops = append(p.ops, op{query: merge, safe: merge, kind: nodeStmt, rows: update})
		}
	}
	for _, l := range slices.Sorted(maps.Keys(remove)) {
		q := "UNWIND $rows AS id MATCH (n:" + NodeLabel + " {id: id}) REMOVE n:`" + l + "`"
		p.ops = append(p.ops, op{query: q, safe: q, phase: phaseFix, kind: plainStmt, rows: anys(remove[l])})
	}
	for _, t := range slices.Sorted(maps.Keys(replace)) {
		q := "UNWIND $rows AS id MATCH ()-[r:`" + t + "` {id: id}]->() DELETE r"
		p.ops = append(p.ops, op{query: q, safe: q, phase: phaseFix, kind: plainStmt, rows: anys(replace[t])})
	}
	p.labels = slices.Sorted(maps.Keys(labelOK))
	p.types = slices.Sorted(maps.Keys(relGroups))
	for _, t := range p.types {
		// Ends by internal id, which is a direct record lookup (see plan).
		ends := "UNWIND $rows AS row MATCH (a) WHERE id(a) = row[0] MATCH (b) WHERE id(b) = row[1] "
		merge := ends + "MERGE (a)-[r:`" + t + "` {id: row[2].id}]->(b) SET r = row[2]"
		create, update := split(relGroups[t], relRows, func(i int32) bool { return storedRels[g.Relationships[i].ID] })
		for i, r := range update {
			update[i] = r.(relRow).props
		}
		if len(create) > 0 {
			p.ops = append(p.ops, op{query: ends + "CREATE (a)-[r:`" + t + "`]->(b) SET r = row[2]", safe: merge, phase: phaseRels, kind: relStmt, rows: create})
		}
		if len(update) > 0 {
			q := "UNWIND $rows AS row MATCH ()-[r:`" + t + "` {id: row.id}]->() SET r = row"
			p.ops = append(p.ops, op{query: q, safe: q, phase: phaseRels, kind: plainStmt, rows: update})
		}
	}
	p.nodes, p.rels = len(g.Nodes), len(g.Relationships)
	return p, nil
}

// hasAdjacentDup reports whether a sorted-looking list repeats a value
// next to itself (labels are few: this is cheaper than always sorting).
func hasAdjacentDup(l []string) bool {
	for i := 1; i < len(l); i++ {
		if l[i] == l[i-1] {
			return true
		}
	}
	return false
}

// matchStored finds what of g the database already holds: stored nodes
// (same id: matched, maybe with labels to remove; same key under another
// id: a conflict) and stored relationships (same tie: matched; another
// tie under the id: to be replaced).
func (s *Store) matchStored(ctx context.Context, g graph.Graph, ids map[string]int32, nodeLabels [][]string, relIDs map[string]int32,
	p *plan, storedNodes, storedRels map[string]bool, remove, replace map[string][]string) error {
	checkRows := make([]any, len(g.Nodes))
	for i, n := range g.Nodes {
		checkRows[i] = map[string]any{"id": n.ID, "key": n.Key}
	}
	for chunk := range slices.Chunk(checkRows, s.cfg.BatchSize) {
		recs, err := s.read(ctx, `UNWIND $rows AS row
OPTIONAL MATCH (a:`+NodeLabel+` {id: row.id})
OPTIONAL MATCH (b:`+NodeLabel+` {key: row.key})
WITH row, a, b WHERE a IS NOT NULL OR b IS NOT NULL
RETURN row.id AS id, row.key AS key, a IS NOT NULL AS exists, labels(a) AS labels, b.id AS otherID`,
			map[string]any{"rows": chunk})
		if err != nil {
			return err
		}
		for _, rec := range recs {
			m := rec.AsMap()
			id, _ := m["id"].(string)
			key, _ := m["key"].(string)
			if other, _ := m["otherID"].(string); other != "" && other != id {
				return graph.Errorf(graph.KindConflict, "key %q belongs to node %s in the store, not %s", key, other, id)
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
				if ls != NodeLabel && !slices.Contains(nodeLabels[ids[id]], ls) && validLabel(ls) {
					remove[ls] = append(remove[ls], id)
				}
			}
		}
	}
	if len(relIDs) == 0 {
		return nil
	}
	recs, err := s.read(ctx, "CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType AS t", nil)
	if err != nil {
		return err
	}
	var stored []string
	for _, rec := range recs {
		t, _, _ := neo4j.GetRecordValue[string](rec, "t")
		if graph.IsRelType(t) {
			stored = append(stored, t)
		}
	}
	if err := s.ensureIndexes(ctx, nil, stored); err != nil {
		return err
	}
	allIDs := slices.Sorted(maps.Keys(relIDs))
	for _, t := range stored {
		for chunk := range slices.Chunk(allIDs, s.cfg.BatchSize) {
			recs, err := s.read(ctx, "UNWIND $ids AS id MATCH (a)-[r:`"+t+"` {id: id}]->(b) RETURN r.id AS id, a.id AS s, b.id AS e",
				map[string]any{"ids": chunk})
			if err != nil {
				return err
			}
			for _, rec := range recs {
				m := rec.AsMap()
				id, _ := m["id"].(string)
				r := g.Relationships[relIDs[id]]
				p.stats.RelationshipsMatched++
				if r.Type != t || r.Start != m["s"] || r.End != m["e"] {
					// The id now names another tie: like every store,
					// replace the stored one (delete, then create).
					replace[t] = append(replace[t], id)
					continue
				}
				storedRels[id] = true
			}
		}
	}
	return nil
}

// split divides the rows of items idx into those not stored and those
// stored.
func split(idx []int32, rows []any, stored func(int32) bool) (create, update []any) {
	for _, i := range idx {
		if stored(i) {
			update = append(update, rows[i])
		} else {
			create = append(create, rows[i])
		}
	}
	return create, update
}

func anys(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// stmt is one statement of a load transaction.
type stmt struct {
	query, safe string
	kind        stmtKind
	rows        []any
}

// loadTx is one load transaction; phase is -1 when its statements span
// phases.
type loadTx struct {
	stmts []stmt
	phase int
}

// Load validates g whole, then writes it in transactions of at most
// BatchSize rows: CREATE for what validation found absent, MERGE by id
// for the rest and for retried transactions. A graph that fits in one
// batch is written atomically; a larger one is written batch by batch,
// nodes up to nodeWriters transactions at a time, and since a
// rerun matches what a killed load wrote, loading it again after a
// failure converges to the same graph.
func (s *Store) Load(ctx context.Context, g graph.Graph) (graph.LoadStats, error) {
	// Validation decides between CREATE and MERGE, so two loads must not
	// interleave: within the process by the mutex, across processes by
	// the lease (lock.go).
	s.loadMu.Lock()
	defer s.loadMu.Unlock()
	return s.withLease(ctx, func(ctx context.Context) (graph.LoadStats, error) { return s.load(ctx, g) })
}

func (s *Store) load(ctx context.Context, g graph.Graph) (graph.LoadStats, error) {
	began := time.Now()
	p, err := s.validate(ctx, g)
	if err != nil {
		return graph.LoadStats{}, err
	}
	s.logger.DebugContext(ctx, "neo4j load validated", "elapsed", time.Since(began))
	// Pack statement chunks into transactions of at most BatchSize rows
	// (relationships: BatchSize/relBatch, unless everything fits in one
	// transaction), keeping the order: nodes before the relationships
	// that need them.
	total := 0
	for _, o := range p.ops {
		total += len(o.rows)
	}
	var txs []loadTx
	cur := loadTx{phase: -2}
	n := 0
	for _, o := range p.ops {
		limit := s.cfg.BatchSize
		if o.phase == phaseRels && total > s.cfg.BatchSize {
			limit = max(1, s.cfg.BatchSize/relBatch)
		}
		rows := o.rows
		for len(rows) > 0 {
			if n >= limit {
				txs, cur, n = append(txs, cur), loadTx{phase: -2}, 0
			}
			take := min(limit-n, len(rows))
			cur.stmts = append(cur.stmts, stmt{o.query, o.safe, o.kind, rows[:take]})
			switch cur.phase {
			case -2:
				cur.phase = o.phase
			case o.phase:
			default:
				cur.phase = -1
			}
			n += take
			rows = rows[take:]
		}
	}
	if len(cur.stmts) > 0 {
		txs = append(txs, cur)
	}
	// Consecutive transactions of one phase form a wave and may run side
	// by side; a wave starts only when the one before it has committed.
	done := 0
	for len(txs) > 0 {
		w := 1
		if txs[0].phase >= 0 {
			for w < len(txs) && txs[w].phase == txs[0].phase {
				w++
			}
		}
		writers := 1
		if txs[0].phase == phaseRels {
			writers = relWriters
		}
		if txs[0].phase == phaseNodes {
			writers = nodeWriters
		}
		if err := s.writeWave(ctx, txs[:w], writers, p, &done, len(txs)+done, began); err != nil {
			return graph.LoadStats{}, err
		}
		txs = txs[w:]
	}
	// Indexes for users' Cypher, and on relationship ids for later loads
	// (to match by id): made after the writes, a first load does not
	// maintain them row by row, and Neo4j builds each in one pass.
	if err := s.ensureIndexes(ctx, p.labels, p.types); err != nil {
		return graph.LoadStats{}, err
	}
	s.logger.InfoContext(ctx, "neo4j load", "nodes", p.nodes, "relationships", p.rels, "transactions", done,
		"nodesCreated", p.stats.NodesCreated, "relationshipsCreated", p.stats.RelationshipsCreated, "elapsed", time.Since(began))
	return p.stats, nil
}

// writeWave commits txs with up to writers transactions at once. done
// counts committed transactions across waves (for logs and afterBatch).
// The first failure stops the wave.
func (s *Store) writeWave(ctx context.Context, txs []loadTx, writers int, p *plan, done *int, total int, began time.Time) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		mu        sync.Mutex
		next      int
		committed int
		first     error
		wg        sync.WaitGroup
	)
	for range min(writers, len(txs)) {
		wg.Go(func() {
			for {
				mu.Lock()
				i := next
				next++
				stop := first != nil
				mu.Unlock()
				if stop || i >= len(txs) || ctx.Err() != nil {
					return
				}
				err := s.writeTx(ctx, txs[i], p)
				mu.Lock()
				if err != nil {
					if first == nil {
						first = err
					}
					mu.Unlock()
					cancel()
					return
				}
				batch := *done
				*done++
				committed++
				s.logger.DebugContext(ctx, "neo4j load batch", "batch", batch, "of", total, "elapsed", time.Since(began))
				if s.afterBatch != nil {
					s.afterBatch(batch)
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if first == nil && committed < len(txs) {
		// Cancelled from outside before the wave was through.
		first = mapErr(ctx.Err())
	}
	return first
}

// writeTx commits one load transaction, switching to the MERGE forms
// when it is retried. Node statements record the internal ids of their
// nodes in p.nids (each transaction its own nodes, so the writers of a
// wave never touch the same element; a retry overwrites what a failed
// attempt recorded); relationship statements read them, the ends having
// been written by an earlier wave or earlier in tx.
func (s *Store) writeTx(ctx context.Context, tx loadTx, p *plan) error {
	attempts := 0
	return s.writeRetry(ctx, func(t neo4j.ManagedTransaction) error {
		attempts++
		for _, st := range tx.stmts {
			q := st.query
			if attempts > 1 || s.alwaysSafe {
				q = st.safe
			}
			rows := st.rows
			if st.kind == relStmt {
				var err error
				if rows, err = internalEnds(rows, p.nids); err != nil {
					return err
				}
			}
			s.traced(q, map[string]any{"rows": rows})
			res, err := t.Run(ctx, q, map[string]any{"rows": rows})
			if err != nil {
				return err
			}
			if st.kind == nodeStmt {
				for res.Next(ctx) {
					vals := res.Record().Values
					id, _ := vals[0].(string)
					nid, _ := vals[1].(int64)
					if x, ok := p.index[id]; ok {
						p.nids[x] = nid
					}
				}
			}
			if _, err := res.Consume(ctx); err != nil {
				return err
			}
		}
		return nil
	})
}

// internalEnds turns relRows into rows [start, end, props] with the
// ends' internal ids.
func internalEnds(rows []any, nids []int64) ([]any, error) {
	out := make([]any, len(rows))
	for i, r := range rows {
		row := r.(relRow)
		s, e := nids[row.start], nids[row.end]
		if s < 0 || e < 0 {
			return nil, graph.Errorf(graph.KindInternal, "load: a relationship %v was to be written before its nodes", row.props["id"])
		}
		out[i] = []any{s, e, row.props}
	}
	return out, nil
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
