package cypher

import (
	"context"
	"errors"
	"fmt"
	"math"
	"regexp"
	"runtime/debug"
	"slices"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/temporal"
)

// Options bound a run. Zero values take the defaults.
type Options struct {
	// MaxRows caps the rows returned; more rows set Result.Truncated.
	// Default 1000.
	MaxRows int
	// Timeout bounds the run. Default 10s.
	Timeout time.Duration
	// HopCap is the most hops a variable-length pattern may take. An
	// explicit upper bound above it is refused; an unbounded pattern is
	// followed up to it and fails if it would go further. Default 10.
	HopCap int
	// MaxBuffered caps the rows and list elements held in memory at once
	// by ORDER BY, aggregation, DISTINCT and range(). Default 1,000,000.
	MaxBuffered int
	// MaxMemory caps the bytes a run holds (see memory.go). Default
	// 256 MiB.
	MaxMemory int64
	// Pool, if set, is the budget the runs of a store share.
	Pool *MemoryPool

	// create lets CREATE through, writing to w. Only the package's tests
	// set it, to build the TCK fixtures: Run refuses every write.
	create writer
}

// writer is the write side of a mutable test graph.
type writer interface {
	createNode(labels []string, props map[string]any) NodeRef
	createRel(typ string, start, end NodeRef, props map[string]any) RelRef
}

func (o Options) maxRows() int {
	if o.MaxRows <= 0 {
		return 1000
	}
	return o.MaxRows
}

func (o Options) timeout() time.Duration {
	if o.Timeout <= 0 {
		return 10 * time.Second
	}
	return o.Timeout
}

func (o Options) hopCap() int {
	if o.HopCap <= 0 {
		return 10
	}
	return o.HopCap
}

func (o Options) maxMemory() int64 {
	if o.MaxMemory <= 0 {
		return DefaultMaxMemory
	}
	return o.MaxMemory
}

// DefaultMaxMemory is a run's memory cap when Options leave it zero.
const DefaultMaxMemory = 256 << 20

func (o Options) maxList() int64 {
	if o.MaxBuffered <= 0 {
		return 1_000_000
	}
	return int64(o.MaxBuffered)
}

// Result is a query's answer. Cells hold nil, bool, int64, float64, string,
// []any, map[string]any, Node, Relationship or Path; see Materialize.
// Lists in cells may share memory with the graph's property values: treat
// them as read-only.
type Result struct {
	Columns []string
	Rows    [][]any
	// Truncated is set when the query had more rows than MaxRows.
	Truncated bool
	// Plan is the plan of an EXPLAIN or PROFILE query.
	Plan *graph.Plan
}

// runner holds the state of one run.
type runner struct {
	ctx     context.Context
	g       Graph
	params  map[string]any
	opts    Options
	steps   int
	regexps map[string]*regexp.Regexp
	timeout time.Duration
	// access remembers how each pattern part starts (see chooseAccess).
	access map[*patternPart]access
	// started is the statement clock of date(), datetime() and the like.
	started  time.Time
	temporal *temporal.Context
	// prof counts rows and time per plan operator during PROFILE.
	prof *profiler
	mem  meter
}

// tick is called in every inner loop; it checks for cancellation every few
// thousand steps, which keeps the check off the profile.
func (r *runner) tick() error {
	r.steps++
	if r.steps&1023 != 0 {
		return nil
	}
	return r.ctxErr()
}

// ctxErr reports a cancelled or timed-out run in the engine's words.
func (r *runner) ctxErr() error {
	if err := r.ctx.Err(); err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return graph.Timeout(r.timeout, err)
		}
		return graph.ContextError(err)
	}
	return nil
}

// Prepared is a parsed and checked query, reusable across runs.
type Prepared struct {
	src  string
	plan *plannedQuery
}

// Prepare parses and checks query. Errors are *graph.Error of KindInvalid.
func Prepare(query string) (*Prepared, error) { return prepare(query, false) }

func prepare(query string, allowCreate bool) (p *Prepared, err error) {
	defer func() {
		if rec := recover(); rec != nil {
			p, err = nil, graph.Internal(fmt.Errorf("cypher: panic while planning: %v\n%s", rec, debug.Stack()))
		}
	}()
	q, err := parse(query)
	if err != nil {
		return nil, err
	}
	pl := &planner{src: query, allowCreate: allowCreate}
	plan, err := pl.plan(q)
	if err != nil {
		return nil, err
	}
	return &Prepared{src: query, plan: plan}, nil
}

// Columns returns the names of the result columns.
func (p *Prepared) Columns() []string { return p.plan.columns }

// Run parses, checks and runs a read-only query over g. Errors are
// *graph.Error: KindInvalid for syntax, semantic and type errors, for
// write clauses, and for exceeding the time limit or hop cap; Code tells
// them apart (see the Code* constants).
func Run(ctx context.Context, g Graph, query string, params map[string]any, opts Options) (*Result, error) {
	opts.create = nil
	p, err := Prepare(query)
	if err != nil {
		return nil, err
	}
	return p.Run(ctx, g, params, opts)
}

// Run runs a prepared query.
func (p *Prepared) Run(ctx context.Context, g Graph, params map[string]any, opts Options) (res *Result, err error) {
	defer func() {
		if rec := recover(); rec != nil {
			res, err = nil, graph.Internal(fmt.Errorf("cypher: panic while running %q: %v\n%s", p.src, rec, debug.Stack()))
		}
	}()
	ctx, cancel := context.WithTimeout(ctx, opts.timeout())
	defer cancel()
	// The one parameter normaliser: a caller that already normalised
	// (both stores do) pays one cheap copy.
	params, err = graph.NormalizeParams(params)
	if err != nil {
		return nil, graph.InvalidParam("params", "%v", err)
	}
	r := &runner{ctx: ctx, g: g, params: params, opts: opts, timeout: opts.timeout(), started: time.Now(),
		mem: meter{max: opts.maxMemory(), pool: opts.Pool}}
	defer r.mem.release()
	if err := r.checkHopCaps(p.plan); err != nil {
		return nil, err
	}
	res = &Result{Columns: p.plan.columns, Rows: [][]any{}}
	if p.plan.mode != "" {
		b := newPlanBuilder(r)
		root := b.query(p.plan)
		if p.plan.mode == "EXPLAIN" {
			res.Plan = explainPlan(b, root, p.plan.mode, nil)
			return res, nil
		}
		r.prof = newProfiler(b)
		defer func() {
			if err == nil {
				r.prof.rows[b.produce] = int64(len(res.Rows))
				if k := root.kids[0]; k.op == "Distinct" {
					// UNION's Distinct hands on what is produced.
					r.prof.rows[k.id], r.prof.counted[k.id] = int64(len(res.Rows)), true
				}
				res.Plan = explainPlan(b, root, p.plan.mode, r.prof)
			}
		}()
	}
	if len(p.plan.parts) == 1 {
		col := &collector{max: opts.maxRows(), res: res}
		if err := r.runSingle(p.plan.parts[0], col); err != nil {
			return nil, err
		}
		return res, nil
	}
	// UNION: run each part, then merge, removing duplicates unless ALL.
	seen := map[string]bool{}
	dedupe := !p.plan.unionAll[0]
	for _, part := range p.plan.parts {
		sub := &Result{}
		col := &collector{max: opts.maxRows() + 1, res: sub}
		if err := r.runSingle(part, col); err != nil {
			return nil, err
		}
		for _, row := range sub.Rows {
			if dedupe {
				k := string(appendKey(nil, row))
				if seen[k] {
					continue
				}
				seen[k] = true
			}
			if len(res.Rows) >= opts.maxRows() {
				res.Truncated = true
				return res, nil
			}
			res.Rows = append(res.Rows, row)
		}
		if sub.Truncated {
			res.Truncated = true
		}
	}
	return res, nil
}

func (r *runner) checkHopCaps(pq *plannedQuery) error {
	var err error
	visit := func(parts []*patternPart) {
		for _, p := range parts {
			for _, rp := range p.rels {
				if rp.varLen && rp.max > r.opts.hopCap() && err == nil {
					err = &graph.Error{Kind: graph.KindInvalid, Code: CodeLimit,
						Message: fmt.Sprintf("variable-length pattern *%d..%d exceeds the hop cap of %d", rp.min, rp.max, r.opts.hopCap())}
				}
			}
		}
	}
	for _, stages := range pq.parts {
		for _, st := range stages {
			if m, ok := st.c.(*matchClause); ok {
				visit(m.parts)
			}
		}
	}
	return err
}

// sink is a push-style operator: it receives rows, then finish. A push
// returning errStop means no more rows are wanted.
type sink interface {
	push(row []any) error
	finish() error
}

type collector struct {
	max int
	res *Result
}

func (c *collector) push(row []any) error {
	if len(c.res.Rows) >= c.max {
		c.res.Truncated = true
		return errStop
	}
	c.res.Rows = append(c.res.Rows, row)
	return nil
}

func (c *collector) finish() error { return nil }

func (r *runner) runSingle(stages []*stage, final sink) error {
	return r.runStages(stages, []any{}, final)
}

func (r *runner) runStages(stages []*stage, first []any, final sink) error {
	next := final
	for i := len(stages) - 1; i >= 0; i-- {
		if r.prof != nil {
			oc := &outCounter{r: r, next: next}
			next = r.profiled(stages[i], r.operator(stages[i], oc), oc)
			continue
		}
		next = r.operator(stages[i], next)
	}
	err := next.push(first)
	if err != nil && err != errStop {
		return err
	}
	return next.finish()
}

func (r *runner) operator(st *stage, next sink) sink {
	switch c := st.c.(type) {
	case *matchClause:
		return &matchOp{r: r, st: st, c: c, next: next}
	case *unwindClause:
		return &unwindOp{r: r, st: st, c: c, next: next}
	case *createClause:
		return &createOp{r: r, st: st, c: c, next: next}
	case *callClause:
		return &callOp{r: r, st: st, c: c, next: next}
	case *countClause:
		return &countOp{r: r, c: c, next: next}
	case *projection:
		return newProjectOp(r, st, c, next)
	}
	panic(fmt.Sprintf("cypher: no operator for %T", st.c))
}

// envOf views a row as an env over its stage's column names.
func envOf(names []string, row []any) *env { return &env{names: names, vals: row} }

type matchOp struct {
	r    *runner
	st   *stage
	c    *matchClause
	next sink
}

func (o *matchOp) push(row []any) error {
	en := envOf(o.st.in, row)
	if o.c.degree != nil {
		return o.pushDegrees(en)
	}
	matched := false
	err := o.r.matchParts(o.c.parts, o.c.where, en, func(sub *env) error {
		matched = true
		out := make([]any, len(o.st.out))
		for i, n := range o.st.out {
			out[i], _ = sub.lookup(n)
		}
		return o.next.push(out)
	})
	if err != nil {
		return err
	}
	if !matched && o.c.optional {
		out := make([]any, len(o.st.out))
		copy(out, row)
		return o.next.push(out)
	}
	return nil
}

func (o *matchOp) finish() error { return o.next.finish() }

// scanDegrees is pushDegrees for a node pattern of labels only: a scan
// that builds one row per node with relationships, and no bindings.
func (o *matchOp) scanDegrees(en *env, np *nodePat) error {
	bound, isBound := en.lookup(np.v)
	emit := func(n NodeRef) error {
		if (len(np.labels) > 0 || np.lx != nil) && !hasLabels(o.r.g.NodeLabels(n), np.labels, np.lx) {
			return nil
		}
		d := degree(o.r.g, n, o.c.degree)
		if d == 0 {
			return nil
		}
		out := make([]any, len(o.st.out))
		copy(out, en.vals)
		if !isBound && np.v != degreeNode {
			out[len(en.vals)] = Node{n}
		}
		out[len(out)-1] = int64(d)
		return o.next.push(out)
	}
	if isBound {
		n, ok := bound.(Node)
		if !ok {
			if bound == nil {
				return nil
			}
			return typeError("Type mismatch: `%s` is a %s, not a Node (VariableTypeConflict)", np.v, typeName(bound))
		}
		return emit(n.Ref)
	}
	a := chooseAccess(o.r.g, o.c.degreePart, func(string) bool { return false }, nil)
	po := o.r.partOps(o.c.degreePart)
	for n := range o.r.g.Nodes(a.label) {
		if err := o.r.tick(); err != nil {
			return err
		}
		if po != nil {
			o.r.opRow(po.start)
		}
		if err := emit(n); err != nil {
			return err
		}
	}
	return nil
}

// pushDegrees binds the counted node of a degree-rewritten MATCH and
// passes its number of relationships on as the row's weight; a node with
// none matches nothing.
func (o *matchOp) pushDegrees(en *env) error {
	np := o.c.degreePart.nodes[0]
	if o.c.where == nil && np.props == nil {
		return o.scanDegrees(en, np)
	}
	return o.r.matchParts([]*patternPart{o.c.degreePart}, o.c.where, en, func(sub *env) error {
		v, _ := sub.lookup(np.v)
		d := degree(o.r.g, v.(Node).Ref, o.c.degree)
		if d == 0 {
			return nil
		}
		out := make([]any, len(o.st.out))
		for i, n := range o.st.out[:len(o.st.out)-1] {
			out[i], _ = sub.lookup(n)
		}
		out[len(out)-1] = int64(d)
		return o.next.push(out)
	})
}

type unwindOp struct {
	r    *runner
	st   *stage
	c    *unwindClause
	next sink
}

func (o *unwindOp) push(row []any) error {
	v, err := o.r.eval(o.c.x, envOf(o.st.in, row))
	if err != nil {
		return err
	}
	emit := func(x any) error {
		out := make([]any, len(row)+1)
		copy(out, row)
		out[len(row)] = x
		return o.next.push(out)
	}
	switch l := v.(type) {
	case nil:
		return nil
	case []any:
		for _, x := range l {
			if err := o.r.tick(); err != nil {
				return err
			}
			if err := emit(x); err != nil {
				return err
			}
		}
		return nil
	}
	return emit(v)
}

func (o *unwindOp) finish() error { return o.next.finish() }

// projectOp is WITH or RETURN: projection, optional grouping, DISTINCT,
// ORDER BY, SKIP, LIMIT and WITH's WHERE.
type projectOp struct {
	r    *runner
	st   *stage
	c    *projection
	next sink

	names       []string // output columns
	sortEnv     []string // names visible to ORDER BY: input then output
	distinct    map[string]bool
	buf         []sortedRow
	cut         *sortedRow // the last row kept by the latest top-k cut
	scratch     []any      // a sorted row's columns until it is kept
	scratchKeys []any      // and its sort keys
	kbuf        []byte     // the group key being looked up
	arrived     int        // rows buffered so far, for sortedRow.seq
	groups      map[string]*group
	order       []*group
	skip        int64
	limit       int64 // -1 unlimited
	seen        int64
	emitted     int64
	done        bool
	initErr     error
}

type sortedRow struct {
	in, out []any
	keys    []any
	seq     int   // arrival order: equal keys keep it, as ORDER BY must
	size    int64 // what the meter was charged for it
}

// rowSize is the bytes a buffered row holds.
func rowSize(rows ...[]any) int64 {
	n := int64(0)
	for _, row := range rows {
		n += 24
		for _, v := range row {
			n += sizeOf(v)
		}
	}
	return n
}

// group is one group of an aggregation: its first row (for the grouping
// keys) and its aggregators, held by value so that a new group is two
// allocations whatever its number of aggregates.
type group struct {
	first []any
	aggs  []aggregator
}

func newProjectOp(r *runner, st *stage, c *projection, next sink) *projectOp {
	o := &projectOp{r: r, st: st, c: c, next: next, names: st.out, limit: -1}
	o.sortEnv = append(append([]string(nil), st.in...), st.out...)
	if c.distinct {
		o.distinct = map[string]bool{}
	}
	if st.agg {
		o.groups = map[string]*group{}
	}
	en := &env{}
	if c.skip != nil {
		o.skip, o.initErr = r.countArg(c.skip, en, "SKIP")
	}
	if c.limit != nil && o.initErr == nil {
		o.limit, o.initErr = r.countArg(c.limit, en, "LIMIT")
	}
	return o
}

func (r *runner) countArg(e expr, en *env, what string) (int64, error) {
	v, err := r.eval(e, en)
	if err != nil {
		return 0, err
	}
	// JSON decoders hand numbers over as float64; a whole one is fine.
	if f, ok := v.(float64); ok && f == math.Trunc(f) && math.Abs(f) < 1<<53 {
		v = int64(f)
	}
	n, ok := v.(int64)
	if !ok {
		return 0, semanticError("Invalid input. '%v' is not a valid value for %s. Must be a non-negative integer (InvalidArgumentType)", v, what)
	}
	if n < 0 {
		return 0, semanticError("Invalid input. '%d' is not a valid value for %s. Must be a non-negative integer (NegativeIntegerArgument)", n, what)
	}
	return n, nil
}

// project computes the output columns for one input row, appended to
// dst (nil for a new slice).
func (o *projectOp) project(dst, row []any) ([]any, error) {
	en := envOf(o.st.in, row)
	out := dst
	if out == nil {
		out = make([]any, 0, len(o.names))
	}
	for _, n := range o.st.star {
		v, _ := en.lookup(n)
		out = append(out, v)
	}
	for _, it := range o.c.items {
		v, err := o.r.eval(it.x, en)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

func (o *projectOp) push(row []any) error {
	if o.initErr != nil {
		return o.initErr
	}
	if o.done {
		return errStop
	}
	if o.st.agg {
		return o.accumulate(row)
	}
	// A sorted row is projected and keyed into scratch space first: under
	// a top-k cut most rows are dropped, and then they cost nothing more.
	var dst []any
	if len(o.c.order) > 0 {
		dst = o.scratch[:0]
	}
	out, err := o.project(dst, row)
	if err != nil {
		return err
	}
	ops := o.r.stageOps(o.st)
	o.r.opRow(ops.main)
	if o.distinct != nil {
		k := string(appendKey(nil, out))
		if o.distinct[k] {
			return nil
		}
		if len(o.distinct) >= int(o.r.opts.maxList()) {
			return bufferError(o.r.opts.maxList())
		}
		if err := o.r.mem.charge(int64(len(k)) + 48); err != nil {
			return err
		}
		o.distinct[k] = true
		o.r.opRow(ops.distinct)
	}
	if len(o.c.order) > 0 {
		o.scratch = out[:0]
		keys, err := o.sortKeys(o.scratchKeys[:0], row, out, nil)
		if err != nil {
			return err
		}
		o.scratchKeys = keys[:0]
		sr := sortedRow{in: row, out: out, keys: keys, seq: o.arrived}
		if o.cut != nil && o.compare(sr, *o.cut) > 0 {
			o.arrived++ // as buffer would have counted it
			return nil
		}
		sr.out, sr.keys = slices.Clone(out), slices.Clone(keys)
		return o.buffer(sr)
	}
	return o.emit(row, out)
}

// buffer holds a row for ORDER BY. With a LIMIT only the first
// skip+limit rows can be returned: the buffer is cut back to those
// whenever it doubles past them (top-k in O(n log k)).
func (o *projectOp) buffer(sr sortedRow) error {
	sr.seq = o.arrived
	o.arrived++
	// After a cut, the last row kept bounds the answer: a row that sorts
	// after it (an equal one arrived later, so it sorts after too) can
	// never be among the first skip+limit, and is dropped at once instead
	// of being held until the next cut.
	if o.cut != nil && o.compare(sr, *o.cut) > 0 {
		return nil
	}
	sr.size = rowSize(sr.in, sr.out, sr.keys) + 88
	if err := o.r.mem.charge(sr.size); err != nil {
		return err
	}
	o.buf = append(o.buf, sr)
	// With a LIMIT only the first skip+limit rows can be returned:
	// prune the buffer whenever it doubles past that (top-k), giving
	// back what the pruned rows held.
	if keep := o.skip + o.limit; o.limit >= 0 && o.c.where == nil && int64(len(o.buf)) >= 2*keep+64 {
		o.sortBuf()
		for _, dropped := range o.buf[keep:] {
			o.r.mem.credit(dropped.size)
		}
		clear(o.buf[keep:])
		o.buf = o.buf[:keep]
		if keep > 0 {
			last := o.buf[keep-1]
			o.cut = &last
		}
	}
	if len(o.buf) >= int(o.r.opts.maxList()) {
		return bufferError(o.r.opts.maxList())
	}
	return nil
}

func bufferError(n int64) error {
	return &graph.Error{Kind: graph.KindInvalid, Code: CodeLimit,
		Message: fmt.Sprintf("the query holds more than %d rows in memory (ORDER BY, DISTINCT or aggregation); narrow it", n)}
}

// sortKeys computes the ORDER BY keys of a row into dst (nil for a new
// slice).
func (o *projectOp) sortKeys(dst, in, out []any, aggs []any) ([]any, error) {
	keys := append(dst, make([]any, len(o.c.order))...)
	var en *env
	for i, s := range o.c.order {
		if col := o.st.orderCol[i]; col >= 0 {
			keys[i] = out[len(out)-len(o.c.items)+col]
			continue
		}
		if en == nil {
			vals := make([]any, 0, len(in)+len(out))
			vals = append(append(vals, in...), out...)
			en = &env{names: o.sortEnv, vals: vals, aggs: aggs}
		}
		v, err := o.r.eval(s.x, en)
		if err != nil {
			return nil, err
		}
		keys[i] = v
	}
	return keys, nil
}

// emit applies SKIP, LIMIT and WITH … WHERE to a finished row.
func (o *projectOp) emit(in, out []any) error {
	if o.limit >= 0 && o.emitted >= o.limit {
		o.done = true
		return errStop
	}
	o.seen++
	if o.seen <= o.skip {
		return nil
	}
	o.emitted++
	if o.r.prof != nil {
		ops := o.r.stageOps(o.st)
		if ops.top {
			o.r.opRow(ops.sort)
		}
		o.r.opRow(ops.skip)
		o.r.opRow(ops.limit)
	}
	if o.c.where != nil {
		vals := make([]any, 0, len(in)+len(out))
		vals = append(append(vals, in...), out...)
		t, err := o.r.evalPred(o.c.where, &env{names: o.sortEnv, vals: vals})
		if err != nil {
			return err
		}
		if t != triTrue {
			return nil
		}
		o.r.opRow(o.r.stageOps(o.st).filter)
	}
	err := o.next.push(out)
	if err == nil && o.limit >= 0 && o.emitted >= o.limit {
		o.done = true
		return errStop
	}
	return err
}

// accumulate adds a row to its group. The group key is encoded into a
// buffer the operator reuses, and looking it up allocates nothing: only a
// new group costs memory (the row, the key string, the aggregators).
func (o *projectOp) accumulate(row []any) error {
	en := envOf(o.st.in, row)
	kb := o.kbuf[:0]
	for i, it := range o.c.items {
		if !o.st.groupKey[i] {
			continue
		}
		v, err := o.r.eval(it.x, en)
		if err != nil {
			return err
		}
		kb = appendKey(kb, v)
		kb = append(kb, 0)
	}
	if o.c.star {
		for _, v := range row {
			kb = appendKey(kb, v)
		}
	}
	o.kbuf = kb
	g := o.groups[string(kb)]
	if g == nil {
		if len(o.order) >= int(o.r.opts.maxList()) {
			return bufferError(o.r.opts.maxList())
		}
		if err := o.r.mem.charge(int64(len(kb)) + rowSize(row) + 96 + 64*int64(len(o.st.aggs))); err != nil {
			return err
		}
		g = &group{first: row, aggs: make([]aggregator, len(o.st.aggs))}
		for i, a := range o.st.aggs {
			g.aggs[i] = newAggregator(a)
		}
		o.groups[string(kb)] = g
		o.order = append(o.order, g)
	}
	w := int64(1)
	if o.st.weightCol > 0 {
		w = row[o.st.weightCol-1].(int64)
	}
	for i, a := range o.st.aggs {
		if a.star || o.st.weightCol > 0 {
			// A weighted row stands for w matches, and its aggregates are
			// all counts (see degreeRewrite).
			g.aggs[i].count += w
			continue
		}
		v, err := o.r.eval(a.args[0], en)
		if err != nil {
			return err
		}
		if len(a.args) > 1 && g.aggs[i].param == nil {
			p, err := o.r.eval(a.args[1], en)
			if err != nil {
				return err
			}
			g.aggs[i].param = p
		}
		held := len(g.aggs[i].list)
		if err := g.aggs[i].add(v); err != nil {
			return err
		}
		if len(g.aggs[i].list) > held {
			if err := o.r.mem.charge(sizeOf(v)); err != nil {
				return err
			}
		}
		if len(g.aggs[i].list) > int(o.r.opts.maxList()) {
			return bufferError(o.r.opts.maxList())
		}
	}
	return nil
}

func (o *projectOp) finish() error {
	if o.initErr != nil {
		return o.initErr
	}
	if o.st.agg {
		if len(o.order) == 0 && !hasGroupingKeys(o.st) {
			g := &group{first: make([]any, len(o.st.in)), aggs: make([]aggregator, len(o.st.aggs))}
			for i, a := range o.st.aggs {
				g.aggs[i] = newAggregator(a)
			}
			o.order = append(o.order, g)
		}
		for _, g := range o.order {
			aggs := make([]any, len(g.aggs))
			for i, a := range g.aggs {
				v, err := a.result()
				if err != nil {
					return err
				}
				aggs[i] = v
			}
			en := &env{names: o.st.in, vals: g.first, aggs: aggs}
			out := make([]any, 0, len(o.names))
			for _, n := range o.st.star {
				v, _ := en.lookup(n)
				out = append(out, v)
			}
			for _, it := range o.c.items {
				v, err := o.r.eval(it.x, en)
				if err != nil {
					return err
				}
				out = append(out, v)
			}
			ops := o.r.stageOps(o.st)
			o.r.opRow(ops.main)
			if o.distinct != nil {
				k := string(appendKey(nil, out))
				if o.distinct[k] {
					continue
				}
				o.distinct[k] = true
				o.r.opRow(ops.distinct)
			}
			if len(o.c.order) > 0 {
				keys, err := o.sortKeys(nil, g.first, out, aggs)
				if err != nil {
					return err
				}
				if err := o.buffer(sortedRow{in: g.first, out: out, keys: keys}); err != nil {
					return err
				}
				continue
			}
			if err := o.emit(g.first, out); err != nil {
				if err == errStop {
					break
				}
				return err
			}
		}
	}
	if len(o.c.order) > 0 {
		o.sortBuf()
		ops := o.r.stageOps(o.st)
		for _, sr := range o.buf {
			if !ops.top {
				o.r.opRow(ops.sort)
			}
			if err := o.emit(sr.in, sr.out); err != nil {
				if err == errStop {
					break
				}
				return err
			}
		}
		o.buf = nil
	}
	return o.next.finish()
}

func (o *projectOp) sortBuf() { slices.SortFunc(o.buf, o.compare) }

// compare orders two buffered rows as ORDER BY does, arrival order last.
func (o *projectOp) compare(x, y sortedRow) int {
	for k, s := range o.c.order {
		c := order(x.keys[k], y.keys[k])
		if c == 0 {
			continue
		}
		if s.desc {
			return -c
		}
		return c
	}
	return x.seq - y.seq
}

func hasGroupingKeys(st *stage) bool {
	for _, g := range st.groupKey {
		if g {
			return true
		}
	}
	return false
}
