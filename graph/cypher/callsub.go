package cypher

// CALL { … } subqueries: a read-only query run once per incoming row,
// whose returned rows are joined to that row. Procedure calls (CALL
// db.labels()) stay refused, and a write clause inside the braces is
// refused as anywhere else, so a subquery cannot smuggle one in.

// callClause is [OPTIONAL] CALL [(vars) | (*)] { query }.
type callClause struct {
	q        *singleQuery
	unions   []*singleQuery // … UNION [ALL] …: the further parts
	unionAll bool
	scoped   bool       // the Cypher 5.23 form CALL (a, b) { … }
	all      bool       // CALL (*) { … }
	imports  []string   // the variables of CALL (a, b)
	optional bool       // OPTIONAL CALL: keep a row the subquery has no rows for
	stages   []*stage   // q's
	ustages  [][]*stage // each union part's
	cols     []string   // the columns the subquery returns
	pos      int
}

func (*callClause) clauseNode() {}

// callSubquery parses what follows CALL when a subquery, not a procedure,
// comes next: '{' or a '(' import list followed by '{'.
func (ps *parser) callSubquery(pos int, optional bool) *callClause {
	c := &callClause{pos: pos, optional: optional}
	if ps.acceptSym("(") {
		c.scoped = true
		switch {
		case ps.acceptSym("*"):
			c.all = true
		case ps.peek().is(")"):
		default:
			for {
				c.imports = append(c.imports, ps.name("a variable name"))
				if !ps.acceptSym(",") {
					break
				}
			}
		}
		ps.expectSym(")")
	}
	ps.expectSym("{")
	ps.depth++
	if ps.depth > maxDepth {
		ps.failAt(ps.peek().pos, "Subqueries nested too deeply (more than %d levels)", maxDepth)
	}
	c.q = ps.singleQuery()
	for i := 0; ps.acceptKw("UNION"); i++ {
		all := ps.acceptKw("ALL")
		if i > 0 && all != c.unionAll {
			ps.failAt(ps.toks[ps.p-1].pos, "Invalid combination of UNION and UNION ALL (InvalidClauseComposition)")
		}
		c.unionAll = all
		c.unions = append(c.unions, ps.singleQuery())
	}
	ps.depth--
	ps.expectSym("}")
	if t := ps.peek(); t.kw("IN") {
		panic(parseError{readOnlyError(ps.src, t.pos, "CALL { … } IN TRANSACTIONS")})
	}
	return c
}

// isCallSubquery reports whether the tokens after CALL at ps.p start a
// subquery: CALL {, CALL () {, CALL (*) { or CALL (a, b) {.
func (ps *parser) isCallSubquery() bool {
	if ps.peekN(1).is("{") {
		return true
	}
	if !ps.peekN(1).is("(") {
		return false
	}
	for j := 2; ; j++ {
		t := ps.peekN(j)
		switch {
		case t.is(")"):
			return ps.peekN(j + 1).is("{")
		case t.is("*"), t.is(","), t.kind == tIdent, t.kind == tQuoted:
		default:
			return false
		}
	}
}

// planCall plans the subquery in its own scope: the variables CALL (…)
// names, or those of an importing WITH (WITH a, b as the first clause),
// or none. Its returned columns join the outer scope.
func (pl *planner) planCall(x *callClause, sc *scope) error {
	stages, cols, err := pl.planCallPart(x, x.q, sc)
	if err != nil {
		return err
	}
	x.stages, x.cols = stages, cols
	x.ustages = nil
	for _, q := range x.unions {
		st, c, err := pl.planCallPart(x, q, sc)
		if err != nil {
			return err
		}
		if !sameColumns(c, cols) {
			return semanticError("All sub queries in an UNION must have the same return column names (DifferentColumnsInUnion)")
		}
		x.ustages = append(x.ustages, st)
	}
	for _, c := range cols {
		if sc.has(c) {
			return semanticError("Variable `%s` already declared in outer scope (VariableAlreadyBound)", c)
		}
	}
	for _, c := range cols {
		sc.add(c, kAny)
	}
	return nil
}

// planCallPart plans one part of a CALL subquery (there are several with
// UNION), each with its own imports.
func (pl *planner) planCallPart(x *callClause, q *singleQuery, sc *scope) ([]*stage, []string, error) {
	inner := newScope()
	switch {
	case x.all:
		inner = sc.clone()
	case x.scoped:
		for _, n := range x.imports {
			if !sc.has(n) {
				return nil, nil, semanticError("Variable `%s` not defined (UndefinedVariable)", n)
			}
			inner.add(n, sc.kinds[n])
		}
	default:
		if w, ok := q.clauses[0].(*projection); ok && !w.isReturn && importingWith(w, sc) {
			if w.star {
				inner = sc.clone()
			}
			for _, it := range w.items {
				n := it.x.(varExpr).name
				inner.add(n, sc.kinds[n])
			}
		}
	}
	return pl.planClauses(q, inner, false)
}

// importingWith reports whether w only passes outer variables on, as the
// first clause of a CALL subquery that imports them.
func importingWith(w *projection, sc *scope) bool {
	if w.distinct || w.where != nil || w.order != nil || w.skip != nil || w.limit != nil {
		return false
	}
	for _, it := range w.items {
		v, ok := it.x.(varExpr)
		if !ok || !sc.has(v.name) || it.alias != "" && it.alias != v.name {
			return false
		}
	}
	return true
}

// callOp runs the subquery for each row and joins the rows it returns.
type callOp struct {
	r    *runner
	st   *stage
	c    *callClause
	next sink
}

func (o *callOp) push(row []any) error {
	en := envOf(o.st.in, row)
	j := &joiner{outer: row, next: o.next}
	if len(o.c.unions) > 0 && !o.c.unionAll {
		j.seen = map[string]bool{}
	}
	for _, stages := range append([][]*stage{o.c.stages}, o.c.ustages...) {
		in := stages[0].in
		first := make([]any, len(in))
		for i, n := range in {
			first[i], _ = en.lookup(n)
		}
		if err := o.r.runStages(stages, first, j); err != nil {
			return err
		}
		if j.stopped {
			return errStop
		}
	}
	if j.n == 0 && o.c.optional {
		out := make([]any, len(o.st.out))
		copy(out, row)
		return o.next.push(out)
	}
	return nil
}

func (o *callOp) finish() error { return o.next.finish() }

// joiner appends each subquery row to the outer row and passes it on.
type joiner struct {
	outer   []any
	next    sink
	n       int
	stopped bool
	seen    map[string]bool // UNION without ALL: the rows passed on
}

func (j *joiner) push(row []any) error {
	if j.seen != nil {
		k := string(appendKey(nil, row))
		if j.seen[k] {
			return nil
		}
		j.seen[k] = true
	}
	j.n++
	out := make([]any, 0, len(j.outer)+len(row))
	out = append(append(out, j.outer...), row...)
	err := j.next.push(out)
	if err == errStop {
		j.stopped = true
	}
	return err
}

// finish does not finish the outer pipeline: more outer rows may follow.
func (j *joiner) finish() error { return nil }
