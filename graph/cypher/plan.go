package cypher

import "sort"

// varKind is what the semantic check knows about a variable's type.
type varKind uint8

const (
	kAny varKind = iota
	kNode
	kRel
	kPath
	kRelList
	kBool
	kInt
	kFloat
	kString
	kList
	kMap
)

var kindNames = map[varKind]string{kNode: "Node", kRel: "Relationship", kPath: "Path",
	kRelList: "List", kBool: "Boolean", kInt: "Integer", kFloat: "Float", kString: "String",
	kList: "List", kMap: "Map"}

// staticKind infers the type of e where it is evident from the query text
// alone; kAny when it is not.
func staticKind(e expr, sc *scope) varKind {
	switch x := e.(type) {
	case litExpr:
		switch x.val.(type) {
		case bool:
			return kBool
		case int64:
			return kInt
		case float64:
			return kFloat
		case string:
			return kString
		}
	case varExpr:
		if sc != nil {
			return sc.kinds[x.name]
		}
	case listExpr, listCompExpr, patternCompExpr:
		return kList
	case mapExpr, mapProjExpr:
		return kMap
	case existsExpr:
		if x.collect {
			return kList
		}
		if x.count {
			return kInt
		}
		return kBool
	case compareExpr, isNullExpr, typePredExpr, hasLabelsExpr, quantExpr:
		return kBool
	case binaryExpr:
		switch x.op {
		case "AND", "OR", "XOR", "IN", "STARTS", "ENDS", "CONTAINS", "=~":
			return kBool
		}
	case unaryExpr:
		if x.op == "NOT" {
			return kBool
		}
	case *callExpr:
		switch x.name {
		case "labels", "keys", "nodes", "relationships", "collect", "range", "split", "tail":
			return kList
		case "type", "tostring", "tolower", "toupper", "substring", "replace", "trim", "left", "right":
			return kString
		case "count", "size", "length", "id":
			return kInt
		case "startnode", "endnode":
			return kNode
		case "properties":
			return kMap
		}
	}
	return kAny
}

// argKinds lists, for functions with one entity argument, the kinds it
// accepts; a statically known other kind is a compile-time error.
var argKinds = map[string][]varKind{
	"labels":        {kNode},
	"type":          {kRel},
	"length":        {kPath},
	"nodes":         {kPath},
	"relationships": {kPath},
	"startnode":     {kRel},
	"endnode":       {kRel},
	"properties":    {kNode, kRel, kMap},
	"keys":          {kNode, kRel, kMap},
	"size":          {kList, kString, kRelList},
}

func staticTypeError(what string, k varKind) error {
	return semanticError("Type mismatch: %s cannot be %s (InvalidArgumentType)", what, kindNames[k])
}

// scope is the set of visible variables, in binding order (the order of
// row columns between clauses).
type scope struct {
	names []string
	kinds map[string]varKind
}

func newScope() *scope { return &scope{kinds: map[string]varKind{}} }

func (s *scope) has(n string) bool { _, ok := s.kinds[n]; return ok }

func (s *scope) add(n string, k varKind) {
	if !s.has(n) {
		s.names = append(s.names, n)
	}
	s.kinds[n] = k
}

func (s *scope) clone() *scope {
	c := &scope{names: append([]string(nil), s.names...), kinds: make(map[string]varKind, len(s.kinds))}
	for k, v := range s.kinds {
		c.kinds[k] = v
	}
	return c
}

// stage is one planned clause: its input and output columns and, for
// projections, how aggregation is split.
type stage struct {
	c        clause
	in, out  []string
	aggs     []*callExpr // aggregate calls in items and ORDER BY
	groupKey []bool      // per item: a grouping key
	orderCol []int       // per ORDER BY item: index of an identical projection item, or -1
	agg      bool
	star     []string // RETURN * / WITH *: the columns it adds, sorted by name
	// weightCol is 1 + the index in in of a column giving how many
	// matches each row stands for (see degreeRewrite), or 0.
	weightCol int
}

type plannedQuery struct {
	mode     string // "", "EXPLAIN" or "PROFILE"
	parts    [][]*stage
	unionAll []bool
	columns  []string
}

type planner struct {
	src         string
	allowCreate bool
	predOK      bool // a bare pattern is allowed here (WHERE's boolean structure)
	// projectedAggs holds the aggregates of the projection being planned.
	projectedAggs map[string]bool
}

func (pl *planner) plan(q *query) (*plannedQuery, error) {
	pq := &plannedQuery{mode: q.mode, unionAll: q.unionAll}
	for i, sq := range q.parts {
		stages, cols, err := pl.planSingle(sq)
		if err != nil {
			return nil, err
		}
		stages = rewrite(stages)
		if i == 0 {
			pq.columns = cols
		} else if !sameColumns(cols, pq.columns) {
			return nil, semanticError("All sub queries in an UNION must have the same return column names (DifferentColumnsInUnion)")
		}
		pq.parts = append(pq.parts, stages)
	}
	if len(q.unionAll) > 1 {
		for _, a := range q.unionAll[1:] {
			if a != q.unionAll[0] {
				return nil, semanticError("Invalid combination of UNION and UNION ALL (InvalidClauseComposition)")
			}
		}
	}
	return pq, nil
}

func sameColumns(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func (pl *planner) undefined(v varExpr) error {
	return locatedError(CodeSyntax, pl.src, v.pos, "Variable `%s` not defined (UndefinedVariable)", v.name)
}

func (pl *planner) planSingle(sq *singleQuery) ([]*stage, []string, error) {
	return pl.planClauses(sq, newScope(), false)
}

// planClauses plans a single query starting from scope sc. A subquery
// (inSub) may end with any reading clause.
func (pl *planner) planClauses(sq *singleQuery, sc *scope, inSub bool) ([]*stage, []string, error) {
	var stages []*stage
	var columns []string
	for i, c := range sq.clauses {
		last := i == len(sq.clauses)-1 && !inSub
		st := &stage{c: c, in: append([]string(nil), sc.names...)}
		switch x := c.(type) {
		case *matchClause:
			if err := pl.checkPattern(x.parts, sc, false); err != nil {
				return nil, nil, err
			}
			if x.where != nil {
				if err := pl.checkWhere(x.where, sc); err != nil {
					return nil, nil, err
				}
			}
			if last {
				return nil, nil, semanticError("Query cannot conclude with MATCH (must be a RETURN clause) (InvalidClauseComposition)")
			}
		case *callClause:
			if err := pl.planCall(x, sc); err != nil {
				return nil, nil, err
			}
			if last {
				return nil, nil, semanticError("Query cannot conclude with CALL (must be a RETURN clause) (InvalidClauseComposition)")
			}
		case *createClause:
			if !pl.allowCreate {
				return nil, nil, readOnlyError(pl.src, x.pos, "CREATE")
			}
			if err := pl.checkPattern(x.parts, sc, true); err != nil {
				return nil, nil, err
			}
		case *unwindClause:
			if err := pl.checkExpr(x.x, sc, false); err != nil {
				return nil, nil, err
			}
			if sc.has(x.v) {
				return nil, nil, semanticError("Variable `%s` already declared (VariableAlreadyBound)", x.v)
			}
			sc.add(x.v, kAny)
			if last {
				return nil, nil, semanticError("Query cannot conclude with UNWIND (must be a RETURN clause) (InvalidClauseComposition)")
			}
		case *projection:
			if x.isReturn && i != len(sq.clauses)-1 {
				return nil, nil, semanticError("RETURN can only be used at the end of the query (InvalidClauseComposition)")
			}
			if !x.isReturn && last {
				return nil, nil, semanticError("Query cannot conclude with WITH (must be a RETURN clause) (InvalidClauseComposition)")
			}
			nsc, err := pl.planProjection(st, x, sc)
			if err != nil {
				return nil, nil, err
			}
			sc = nsc
		}
		st.out = append([]string(nil), sc.names...)
		if p, ok := c.(*projection); ok && p.isReturn {
			columns = st.out
		}
		stages = append(stages, st)
	}
	if columns == nil {
		columns = []string{}
	}
	return stages, columns, nil
}

func (pl *planner) planProjection(st *stage, x *projection, sc *scope) (*scope, error) {
	out := newScope()
	if x.star {
		if len(sc.names) == 0 {
			return nil, semanticError("RETURN * is not allowed when there are no variables in scope (NoVariablesInScope)")
		}
		names := append([]string(nil), sc.names...)
		sort.Strings(names)
		st.star = names
		for _, n := range names {
			out.add(n, sc.kinds[n])
		}
	}
	keys := map[string]bool{}
	for i := range x.items {
		it := &x.items[i]
		if err := pl.checkExpr(it.x, sc, true); err != nil {
			return nil, err
		}
		name := it.alias
		if name == "" {
			if v, ok := it.x.(varExpr); ok {
				name = v.name
			} else if !x.isReturn {
				return nil, locatedError(CodeSyntax, pl.src, it.pos, "Expression in WITH must be aliased (use AS) (NoExpressionAlias)")
			} else {
				name = it.text
			}
			it.alias = name
		}
		if out.has(name) {
			return nil, semanticError("Multiple result columns with the same name are not supported (ColumnNameConflict)")
		}
		out.add(name, staticKind(it.x, sc))
		isAgg := containsAgg(it.x)
		st.groupKey = append(st.groupKey, !isAgg)
		if isAgg {
			st.agg = true
		} else {
			switch v := it.x.(type) {
			case varExpr:
				keys[exprKey(it.x)] = true
			case propExpr:
				if _, ok := v.x.(varExpr); ok {
					keys[exprKey(it.x)] = true
				}
			}
		}
	}
	pl.projectedAggs = map[string]bool{}
	for _, it := range x.items {
		for _, a := range collectAggs(it.x, nil) {
			pl.projectedAggs[exprKey(a)] = true
		}
	}
	// Ambiguous aggregation: an aggregating item may use only grouping
	// keys outside its aggregate calls.
	for i, it := range x.items {
		if !st.groupKey[i] {
			if err := pl.checkAmbiguous(it.x, keys); err != nil {
				return nil, err
			}
		}
	}
	// ORDER BY sees the projected columns and, unless the projection
	// aggregates or is DISTINCT, the variables in scope before it.
	osc := out.clone()
	{
		for _, n := range sc.names {
			if !osc.has(n) {
				osc.add(n, sc.kinds[n])
			}
		}
	}
	for _, o := range x.order {
		col := -1
		k := exprKey(o.x)
		for i, it := range x.items {
			if exprKey(it.x) == k {
				col = i
				break
			}
		}
		// A projected alias (ORDER BY name after n.name AS name) is that
		// column: aliases shadow the variables before the projection.
		if v, ok := o.x.(varExpr); ok && col < 0 {
			for i, it := range x.items {
				if it.alias == v.name {
					col = i
					break
				}
			}
		}
		st.orderCol = append(st.orderCol, col)
		if col >= 0 {
			continue
		}
		switch {
		case st.agg:
			if err := pl.checkAggOrder(o.x, keys, out, sc); err != nil {
				return nil, err
			}
		case x.distinct:
			if err := pl.checkExpr(o.x, out, false); err != nil {
				return nil, err
			}
		default:
			if err := pl.checkExpr(o.x, osc, false); err != nil {
				return nil, err
			}
		}
	}
	if st.agg {
		for _, it := range x.items {
			st.aggs = collectAggs(it.x, st.aggs)
		}
		for i, o := range x.order {
			if st.orderCol[i] < 0 {
				st.aggs = collectAggs(o.x, st.aggs)
			}
		}
		for i, a := range st.aggs {
			a.agg = i
		}
	}
	for _, e := range []expr{x.skip, x.limit} {
		if e == nil {
			continue
		}
		if err := pl.checkConstInt(e); err != nil {
			return nil, err
		}
	}
	if x.where != nil {
		if err := pl.checkWhere(x.where, osc); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// checkAggOrder checks an ORDER BY item of an aggregating projection:
// outside aggregate calls it may use only projected columns and the
// variables or properties that are grouping keys; inside them, anything in
// scope before the projection.
func (pl *planner) checkAggOrder(e expr, keys map[string]bool, out, in *scope) error {
	if e == nil || keys[exprKey(e)] {
		return nil
	}
	switch x := e.(type) {
	case *callExpr:
		if aggregateFuncs[x.name] {
			if !pl.projectedAggs[exprKey(x)] {
				return semanticError("ORDER BY may only use aggregates that the projection returns: %s(...) (UndefinedVariable)", x.name)
			}
			return pl.walk(x, in, true, false)
		}
	case varExpr:
		if !out.has(x.name) {
			return pl.undefined(x)
		}
		return nil
	case listCompExpr, quantExpr, reduceExpr, patternCompExpr, existsExpr, mapProjExpr:
		return pl.walk(e, out, false, false)
	}
	for _, c := range children(e) {
		if err := pl.checkAggOrder(c, keys, out, in); err != nil {
			return err
		}
	}
	return nil
}

func (pl *planner) checkAmbiguous(e expr, keys map[string]bool) error {
	if e == nil {
		return nil
	}
	if c, ok := e.(*callExpr); ok && aggregateFuncs[c.name] {
		return nil
	}
	if keys[exprKey(e)] {
		return nil
	}
	if v, ok := e.(varExpr); ok {
		return semanticError("Aggregation column contains implicit grouping expressions: `%s` (AmbiguousAggregationExpression)", v.name)
	}
	switch e.(type) {
	case listCompExpr, quantExpr, reduceExpr, patternCompExpr, existsExpr:
		return nil
	}
	for _, c := range children(e) {
		if err := pl.checkAmbiguous(c, keys); err != nil {
			return err
		}
	}
	return nil
}

// checkConstInt vets a SKIP or LIMIT expression: it may not use variables
// and, when it is a literal, must be a non-negative integer.
func (pl *planner) checkConstInt(e expr) error {
	if usesVariables(e) {
		return semanticError("It is not allowed to refer to variables in SKIP or LIMIT (NonConstantExpression)")
	}
	if l, ok := e.(litExpr); ok {
		return checkCount(l.val)
	}
	if u, ok := e.(unaryExpr); ok && u.op == "-" {
		if l, ok := u.x.(litExpr); ok {
			if isNumber(l.val) {
				return semanticError("Invalid input. '-%v' is not a valid value. Must be a non-negative integer (NegativeIntegerArgument)", l.val)
			}
		}
	}
	return nil
}

func checkCount(v any) error {
	switch n := v.(type) {
	case int64:
		if n < 0 {
			return semanticError("Invalid input. '%d' is not a valid value. Must be a non-negative integer (NegativeIntegerArgument)", n)
		}
		return nil
	}
	return semanticError("Invalid input. '%v' is not a valid value. Must be a non-negative integer (InvalidArgumentType)", v)
}

func usesVariables(e expr) bool {
	if e == nil {
		return false
	}
	if _, ok := e.(varExpr); ok {
		return true
	}
	switch e.(type) {
	case patternCompExpr, existsExpr:
		return true
	}
	for _, c := range children(e) {
		if usesVariables(c) {
			return true
		}
	}
	return false
}

// checkPattern checks and binds the variables a pattern introduces.
func (pl *planner) checkPattern(parts []*patternPart, sc *scope, create bool) error {
	relsHere := map[string]bool{}
	paths := map[string]bool{}
	for _, p := range parts {
		if p.pathVar != "" {
			paths[p.pathVar] = true
		}
	}
	for _, p := range parts {
		for _, n := range p.nodes {
			if paths[n.v] {
				return semanticError("Variable `%s` already declared (VariableAlreadyBound)", n.v)
			}
			if _, isParam := n.props.(paramExpr); isParam && !create {
				return semanticError("Parameter maps cannot be used in MATCH patterns (use a literal map instead, e.g. {id: $param.id}) (InvalidParameterUse)")
			}
		}
		for _, r := range p.rels {
			if paths[r.v] {
				return semanticError("Variable `%s` already declared (VariableAlreadyBound)", r.v)
			}
			if _, isParam := r.props.(paramExpr); isParam && !create {
				return semanticError("Parameter maps cannot be used in MATCH patterns (use a literal map instead, e.g. {id: $param.id}) (InvalidParameterUse)")
			}
		}
	}
	for _, p := range parts {
		if p.pathVar != "" && sc.has(p.pathVar) {
			return semanticError("Variable `%s` already declared (VariableAlreadyBound)", p.pathVar)
		}
		for _, n := range p.nodes {
			if n.props != nil {
				if err := pl.checkExpr(n.props, sc, false); err != nil {
					return err
				}
				n.constProps = !usesVariables(n.props)
			}
			if n.v == "" {
				continue
			}
			if k, ok := sc.kinds[n.v]; ok {
				if k != kNode && k != kAny {
					return semanticError("Type mismatch: `%s` defined with conflicting type (VariableTypeConflict)", n.v)
				}
				if create && (len(n.labels) > 0 || n.props != nil) && len(p.nodes) == 1 {
					return semanticError("Variable `%s` already declared (VariableAlreadyBound)", n.v)
				}
				continue
			}
			sc.add(n.v, kNode)
		}
		for _, r := range p.rels {
			if r.qpp != nil {
				if create {
					return semanticError("CREATE cannot use a quantified path pattern")
				}
				if err := pl.checkQPP(r.qpp, sc); err != nil {
					return err
				}
				continue
			}
			if r.props != nil {
				if err := pl.checkExpr(r.props, sc, false); err != nil {
					return err
				}
				r.constProps = !usesVariables(r.props)
			}
			if r.v == "" {
				continue
			}
			if relsHere[r.v] {
				return semanticError("Cannot use the same relationship variable '%s' for multiple relationships (RelationshipUniquenessViolation)", r.v)
			}
			relsHere[r.v] = true
			want := kRel
			if r.varLen {
				want = kRelList
			}
			if k, ok := sc.kinds[r.v]; ok {
				if k != want && k != kAny && !(want == kRelList && k == kList) {
					return semanticError("Type mismatch: `%s` defined with conflicting type (VariableTypeConflict)", r.v)
				}
				if create {
					return semanticError("Variable `%s` already declared (VariableAlreadyBound)", r.v)
				}
				continue
			}
			sc.add(r.v, want)
		}
		if p.pathVar != "" {
			sc.add(p.pathVar, kPath)
		}
	}
	return nil
}

// checkWhere checks a WHERE predicate: bare patterns may appear in its
// boolean structure, and it must be able to yield a boolean.
func (pl *planner) checkWhere(e expr, sc *scope) error {
	if k := staticKind(e, sc); k != kAny && k != kBool {
		return staticTypeError("a WHERE predicate", k)
	}
	return pl.walkPred(e, sc)
}

func (pl *planner) walkPred(e expr, sc *scope) error {
	switch x := e.(type) {
	case existsExpr:
		if x.bare {
			pl.predOK = true
			defer func() { pl.predOK = false }()
		}
	case binaryExpr:
		if x.op == "AND" || x.op == "OR" || x.op == "XOR" {
			if err := pl.walkPred(x.l, sc); err != nil {
				return err
			}
			if err := pl.walkPred(x.r, sc); err != nil {
				return err
			}
			return checkStaticTypes(x, sc)
		}
	case unaryExpr:
		if x.op == "NOT" {
			if k := staticKind(x.x, sc); k != kAny && k != kBool {
				return staticTypeError("the operand of NOT", k)
			}
			return pl.walkPred(x.x, sc)
		}
	}
	return pl.walk(e, sc, false, false)
}

// checkExpr checks e in scope sc: variables defined, functions known and
// called with the right number of arguments, aggregates only where
// allowed.
func (pl *planner) checkExpr(e expr, sc *scope, aggOK bool) error {
	return pl.walk(e, sc, aggOK, false)
}

func (pl *planner) walk(e expr, sc *scope, aggOK, inAgg bool) error {
	switch x := e.(type) {
	case nil:
		return nil
	case varExpr:
		if !sc.has(x.name) {
			return pl.undefined(x)
		}
		return nil
	case *callExpr:
		ar, ok := funcArity[x.name]
		if !ok {
			ar, ok = temporalArity(x.name)
		}
		if !ok {
			return locatedError(CodeSyntax, pl.src, x.pos, "Unknown function '%s' (UnknownFunction)", x.display)
		}
		if !x.star && (len(x.args) < ar[0] || len(x.args) > ar[1]) {
			return locatedError(CodeSyntax, pl.src, x.pos, "Insufficient or too many parameters for function '%s' (InvalidNumberOfArguments)", x.display)
		}
		if aggregateFuncs[x.name] {
			if !aggOK {
				return locatedError(CodeSyntax, pl.src, x.pos, "Invalid use of aggregating function %s(...) in this context (InvalidAggregation)", x.name)
			}
			if inAgg {
				return locatedError(CodeSyntax, pl.src, x.pos, "Can't use aggregate functions inside of aggregate functions (NestedAggregation)")
			}
			for _, a := range x.args {
				if callsFunc(a, "rand") {
					return locatedError(CodeSyntax, pl.src, x.pos, "Can't use non-deterministic (random) functions inside of aggregate functions (NonConstantExpression)")
				}
			}
			inAgg = true
		}
		if kinds, ok := argKinds[x.name]; ok && len(x.args) == 1 {
			if k := staticKind(x.args[0], sc); k != kAny && !kindIn(k, kinds) {
				return staticTypeError("the argument of "+x.name+"()", k)
			}
		}
		if x.name == "exists" && len(x.args) == 1 {
			switch x.args[0].(type) {
			case existsExpr:
			case propExpr, indexExpr:
				return locatedError(CodeSyntax, pl.src, x.pos, "The property existence syntax exists(n.prop) is no longer supported: use n.prop IS NOT NULL")
			default:
				return semanticError("Argument to exists(...) is not a pattern (InvalidArgumentType)")
			}
		}
		for _, a := range x.args {
			if e, ok := a.(existsExpr); ok && e.bare && x.name == "exists" {
				pl.predOK = true // exists((n)-->()) is the pattern's own test
			}
			if err := pl.walk(a, sc, aggOK, inAgg); err != nil {
				return err
			}
		}
		return nil
	case listCompExpr:
		if err := pl.walk(x.list, sc, aggOK, inAgg); err != nil {
			return err
		}
		inner := sc.clone()
		inner.add(x.v, elemKind(x.list))
		if err := pl.walk(x.where, inner, false, inAgg); err != nil {
			return err
		}
		return pl.walk(x.proj, inner, false, inAgg)
	case quantExpr:
		if err := pl.walk(x.list, sc, aggOK, inAgg); err != nil {
			return err
		}
		inner := sc.clone()
		inner.add(x.v, elemKind(x.list))
		return pl.walk(x.where, inner, false, inAgg)
	case reduceExpr:
		if err := pl.walk(x.init, sc, aggOK, inAgg); err != nil {
			return err
		}
		if err := pl.walk(x.list, sc, aggOK, inAgg); err != nil {
			return err
		}
		inner := sc.clone()
		inner.add(x.acc, kAny)
		inner.add(x.v, kAny)
		return pl.walk(x.body, inner, false, inAgg)
	case patternCompExpr:
		inner := sc.clone()
		if err := pl.checkPattern([]*patternPart{x.part}, inner, false); err != nil {
			return err
		}
		if err := pl.walk(x.where, inner, false, inAgg); err != nil {
			return err
		}
		return pl.walk(x.proj, inner, false, inAgg)
	case existsExpr:
		degreeOf(x, sc.has)
		inner := sc.clone()
		if x.sub != nil {
			stages, cols, err := pl.planClauses(x.sub.q, inner, true)
			if err != nil {
				return err
			}
			if x.collect {
				last, ok := x.sub.q.clauses[len(x.sub.q.clauses)-1].(*projection)
				if !ok || !last.isReturn || len(cols) != 1 {
					return semanticError("A Collect Subquery must end with a single return column (InvalidClauseComposition)")
				}
			}
			x.sub.stages = stages
			return nil
		}
		if x.bare && !pl.predOK {
			return semanticError("A pattern expression should only be used to test the existence of a pattern; use EXISTS { … } or a pattern comprehension (UnexpectedSyntax)")
		}
		pl.predOK = false
		if x.bare {
			for _, p := range x.parts {
				for _, n := range p.nodes {
					if n.v != "" && !sc.has(n.v) {
						return semanticError("PatternExpressions are not allowed to introduce new variables: '%s' (UndefinedVariable)", n.v)
					}
				}
				for _, r := range p.rels {
					if r.v != "" && !sc.has(r.v) {
						return semanticError("PatternExpressions are not allowed to introduce new variables: '%s' (UndefinedVariable)", r.v)
					}
				}
			}
		}
		if err := pl.checkPattern(x.parts, inner, false); err != nil {
			return err
		}
		return pl.walk(x.where, inner, false, inAgg)
	case mapProjExpr:
		if err := pl.walk(x.x, sc, aggOK, inAgg); err != nil {
			return err
		}
		for _, it := range x.items {
			if err := pl.walk(it.x, sc, aggOK, inAgg); err != nil {
				return err
			}
		}
		return nil
	case binaryExpr:
		if err := pl.walk(x.l, sc, aggOK, inAgg); err != nil {
			return err
		}
		if err := pl.walk(x.r, sc, aggOK, inAgg); err != nil {
			return err
		}
		return checkStaticTypes(x, sc)
	case unaryExpr:
		if x.op == "NOT" {
			if k := staticKind(x.x, sc); k != kAny && k != kBool {
				return staticTypeError("the operand of NOT", k)
			}
		}
	case propExpr:
		if k := staticKind(x.x, sc); k == kPath {
			return staticTypeError("a property owner", k)
		}
	}
	for _, c := range children(e) {
		if err := pl.walk(c, sc, aggOK, inAgg); err != nil {
			return err
		}
	}
	return nil
}

// checkStaticTypes rejects operator uses whose literal operands can never
// be valid, as Neo4j does at compile time.
func checkStaticTypes(x binaryExpr, sc *scope) error {
	switch x.op {
	case "AND", "OR", "XOR":
		for _, s := range []expr{x.l, x.r} {
			if k := staticKind(s, sc); k != kAny && k != kBool {
				return staticTypeError("an operand of "+x.op, k)
			}
		}
	case "IN":
		if k := staticKind(x.r, sc); k != kAny && k != kList && k != kRelList {
			return staticTypeError("the right-hand side of IN", k)
		}
	case "-", "*", "/", "%", "^":
		for _, s := range []expr{x.l, x.r} {
			switch k := staticKind(s, sc); k {
			case kBool, kString, kList, kMap, kNode, kRel, kPath, kRelList:
				return staticTypeError("an operand of "+x.op, k)
			}
		}
	}
	return nil
}

// elemKind is the kind shared by every element of a literal list, or kAny.
func elemKind(e expr) varKind {
	l, ok := e.(listExpr)
	if !ok || len(l.elems) == 0 {
		return kAny
	}
	k := staticKind(l.elems[0], nil)
	for _, el := range l.elems[1:] {
		if staticKind(el, nil) != k {
			return kAny
		}
	}
	return k
}

func kindIn(k varKind, ks []varKind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

func callsFunc(e expr, name string) bool {
	if c, ok := e.(*callExpr); ok && c.name == name {
		return true
	}
	for _, c := range children(e) {
		if c != nil && callsFunc(c, name) {
			return true
		}
	}
	return false
}
