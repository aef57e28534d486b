package cypher

import (
	"math"
	"regexp"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/temporal"
)

// env binds variable names to values for evaluating one row. Lookups scan
// from the end so inner bindings (comprehension variables) shadow outer
// ones; rows rarely hold more than a handful of variables.
type env struct {
	names []string
	vals  []any
	aggs  []any // aggregate results, when evaluating after grouping
}

func (en *env) lookup(name string) (any, bool) {
	for i := len(en.names) - 1; i >= 0; i-- {
		if en.names[i] == name {
			return en.vals[i], true
		}
	}
	return nil, false
}

// with returns a child env with one more binding; the parent is untouched.
func (en *env) with(name string, v any) *env {
	return &env{
		names: append(en.names[:len(en.names):len(en.names)], name),
		vals:  append(en.vals[:len(en.vals):len(en.vals)], v),
		aggs:  en.aggs,
	}
}

func (r *runner) eval(e expr, en *env) (any, error) {
	switch x := e.(type) {
	case litExpr:
		return x.val, nil
	case paramExpr:
		v, ok := r.params[x.name]
		if !ok {
			return nil, &graph.Error{Kind: graph.KindInvalid, Code: CodeParameter, Param: x.name, Message: "Expected parameter(s): " + x.name}
		}
		return v, nil
	case varExpr:
		v, ok := en.lookup(x.name)
		if !ok {
			return nil, semanticError("Variable `%s` not defined", x.name)
		}
		return v, nil
	case propExpr:
		v, err := r.eval(x.x, en)
		if err != nil {
			return nil, err
		}
		return r.property(v, x.key)
	case indexExpr:
		return r.evalIndex(x, en)
	case sliceExpr:
		return r.evalSlice(x, en)
	case unaryExpr:
		v, err := r.eval(x.x, en)
		if err != nil {
			return nil, err
		}
		switch x.op {
		case "NOT":
			t, err := toTri(v)
			if err != nil {
				return nil, err
			}
			switch t {
			case triTrue:
				return false, nil
			case triFalse:
				return true, nil
			}
			return nil, nil
		case "-":
			switch n := v.(type) {
			case nil:
				return nil, nil
			case int64:
				if n == math.MinInt64 {
					return nil, arithmeticError("integer overflow")
				}
				return -n, nil
			case float64:
				return -n, nil
			}
			return nil, typeError("Cannot negate a %s", typeName(v))
		default:
			if v != nil && !isNumber(v) {
				return nil, typeError("Cannot apply unary plus to a %s", typeName(v))
			}
			return v, nil
		}
	case binaryExpr:
		return r.evalBinary(x, en)
	case compareExpr:
		res := triTrue
		left, err := r.eval(x.xs[0], en)
		if err != nil {
			return nil, err
		}
		for i, op := range x.ops {
			right, err := r.eval(x.xs[i+1], en)
			if err != nil {
				return nil, err
			}
			t := compareOpValues(op, left, right)
			if t == triFalse {
				return false, nil
			}
			if t == triNull {
				res = triNull
			}
			left = right
		}
		return res.value(), nil
	case isNullExpr:
		v, err := r.eval(x.x, en)
		if err != nil {
			return nil, err
		}
		return (v == nil) != x.not, nil
	case typePredExpr:
		v, err := r.eval(x.x, en)
		if err != nil {
			return nil, err
		}
		return x.t.has(v) != x.not, nil
	case hasLabelsExpr:
		v, err := r.eval(x.x, en)
		if err != nil {
			return nil, err
		}
		switch n := v.(type) {
		case nil:
			return nil, nil
		case Node:
			return hasLabels(r.g.NodeLabels(n.Ref), x.labels, x.lx), nil
		case Relationship:
			typ, _, _ := r.g.Rel(n.Ref)
			return hasLabels([]string{typ}, x.labels, x.lx), nil
		}
		return nil, typeError("Expected a Node, got %s", typeName(v))
	case listExpr:
		out := make([]any, len(x.elems))
		for i, el := range x.elems {
			v, err := r.eval(el, en)
			if err != nil {
				return nil, err
			}
			out[i] = v
		}
		return out, nil
	case mapExpr:
		out := make(map[string]any, len(x.keys))
		for i, k := range x.keys {
			v, err := r.eval(x.vals[i], en)
			if err != nil {
				return nil, err
			}
			out[k] = v
		}
		return out, nil
	case mapProjExpr:
		return r.evalMapProj(x, en)
	case caseExpr:
		return r.evalCase(x, en)
	case *callExpr:
		if x.agg >= 0 && en.aggs != nil {
			return en.aggs[x.agg], nil
		}
		return r.call(x, en)
	case listCompExpr:
		lv, err := r.eval(x.list, en)
		if err != nil || lv == nil {
			return nil, err
		}
		list, ok := lv.([]any)
		if !ok {
			return nil, typeError("Expected a List, got %s", typeName(lv))
		}
		out := make([]any, 0, len(list))
		size := int64(0)
		for _, el := range list {
			if err := r.tick(); err != nil {
				return nil, err
			}
			sub := en.with(x.v, el)
			if x.where != nil {
				t, err := r.evalPred(x.where, sub)
				if err != nil {
					return nil, err
				}
				if t != triTrue {
					continue
				}
			}
			if x.proj == nil {
				out = append(out, el)
				continue
			}
			v, err := r.eval(x.proj, sub)
			if err != nil {
				return nil, err
			}
			if size += sizeOf(v); len(out)&1023 == 0 || size > r.mem.max/64 {
				if err := r.mem.fits(size); err != nil {
					return nil, err
				}
			}
			out = append(out, v)
		}
		return out, nil
	case quantExpr:
		return r.evalQuant(x, en)
	case reduceExpr:
		acc, err := r.eval(x.init, en)
		if err != nil {
			return nil, err
		}
		lv, err := r.eval(x.list, en)
		if err != nil || lv == nil {
			return nil, err
		}
		list, ok := lv.([]any)
		if !ok {
			return nil, typeError("Expected a List, got %s", typeName(lv))
		}
		for _, el := range list {
			if err := r.tick(); err != nil {
				return nil, err
			}
			acc, err = r.eval(x.body, en.with(x.acc, acc).with(x.v, el))
			if err != nil {
				return nil, err
			}
		}
		return acc, nil
	case patternCompExpr:
		var out []any
		size := int64(0)
		err := r.matchParts([]*patternPart{x.part}, x.where, en, func(sub *env) error {
			v, err := r.eval(x.proj, sub)
			if err != nil {
				return err
			}
			if int64(len(out)) >= r.opts.maxList() {
				return bufferError(r.opts.maxList())
			}
			size += sizeOf(v)
			if err := r.mem.fits(size); err != nil {
				return err
			}
			out = append(out, v)
			return nil
		})
		if out == nil {
			out = []any{}
		}
		return out, err
	case existsExpr:
		if x.sub != nil {
			if x.collect {
				return r.collectSub(x.sub, en)
			}
			return r.existsSub(x.sub, x.count, en)
		}
		if d := x.parts[0].degree; d != nil {
			v, _ := en.lookup(x.parts[0].nodes[d.node].v)
			node, ok := v.(Node)
			if !ok {
				if v == nil {
					return nil, nil
				}
				return nil, typeError("Expected a Node, got %s", typeName(v))
			}
			k := int64(degree(r.g, node.Ref, d))
			if x.count {
				return k, nil
			}
			return k > 0, nil
		}
		n := int64(0)
		err := r.matchParts(x.parts, x.where, en, func(sub *env) error {
			n++
			if !x.count {
				return errStop
			}
			return nil
		})
		if err != nil && err != errStop {
			return nil, err
		}
		if x.count {
			return n, nil
		}
		return n > 0, nil
	}
	return nil, semanticError("unsupported expression %T", e)
}

// hasLabels reports whether have holds every label in all and satisfies
// lx when it is set.
func hasLabels(have, all []string, lx *labelExpr) bool {
	for _, l := range all {
		if !containsString(have, l) {
			return false
		}
	}
	return lx == nil || lx.matches(have)
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// toTri reads a boolean operand: null is unknown, other types are errors.
func toTri(v any) (tri, error) {
	switch b := v.(type) {
	case nil:
		return triNull, nil
	case bool:
		return triOf(b), nil
	}
	return triNull, typeError("Expected a Boolean, got %s", typeName(v))
}

// evalPred evaluates a WHERE-style predicate.
func (r *runner) evalPred(e expr, en *env) (tri, error) {
	v, err := r.eval(e, en)
	if err != nil {
		return triNull, err
	}
	return toTri(v)
}

func compareOpValues(op string, a, b any) tri {
	switch op {
	case "=":
		return equal(a, b)
	case "<>":
		switch equal(a, b) {
		case triTrue:
			return triFalse
		case triFalse:
			return triTrue
		}
		return triNull
	}
	c, ok := compare(a, b)
	if !ok {
		if a != nil && b != nil && isNumber(a) && isNumber(b) {
			return triFalse // NaN compares false
		}
		return triNull
	}
	switch op {
	case "<":
		return triOf(c < 0)
	case "<=":
		return triOf(c <= 0)
	case ">":
		return triOf(c > 0)
	}
	return triOf(c >= 0)
}

func (r *runner) property(v any, key string) (any, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case Node:
		p, _ := r.g.NodeProperty(x.Ref, key)
		return p, nil
	case Relationship:
		p, _ := r.g.RelProperty(x.Ref, key)
		return p, nil
	case map[string]any:
		return x[key], nil
	}
	if temporal.Is(v) {
		return temporalProperty(v, key)
	}
	return nil, typeError("Type mismatch: expected a map, node or relationship but was %s", typeName(v))
}

func (r *runner) evalIndex(x indexExpr, en *env) (any, error) {
	c, err := r.eval(x.x, en)
	if err != nil {
		return nil, err
	}
	i, err := r.eval(x.i, en)
	if err != nil {
		return nil, err
	}
	if c == nil || i == nil {
		return nil, nil
	}
	switch cv := c.(type) {
	case []any:
		n, ok := i.(int64)
		if !ok {
			return nil, typeError("List element access by non-integer: %s", typeName(i))
		}
		if n < 0 {
			n += int64(len(cv))
		}
		if n < 0 || n >= int64(len(cv)) {
			return nil, nil
		}
		return cv[n], nil
	case map[string]any, Node, Relationship:
		k, ok := i.(string)
		if !ok {
			return nil, typeError("Map element access by non-string: %s (MapElementAccessByNonString)", typeName(i))
		}
		return r.property(cv, k)
	}
	return nil, typeError("Type mismatch: cannot index a %s", typeName(c))
}

func (r *runner) evalSlice(x sliceExpr, en *env) (any, error) {
	c, err := r.eval(x.x, en)
	if err != nil {
		return nil, err
	}
	var from, to any = int64(0), nil
	if x.from != nil {
		if from, err = r.eval(x.from, en); err != nil {
			return nil, err
		}
	}
	if x.to != nil {
		if to, err = r.eval(x.to, en); err != nil {
			return nil, err
		}
	}
	if c == nil || from == nil || (x.to != nil && to == nil) {
		return nil, nil
	}
	list, ok := c.([]any)
	if !ok {
		return nil, typeError("Type mismatch: cannot slice a %s", typeName(c))
	}
	n := int64(len(list))
	f, ok1 := from.(int64)
	t := n
	ok2 := true
	if to != nil {
		t, ok2 = to.(int64)
	}
	if !ok1 || !ok2 {
		return nil, typeError("List slice bounds must be integers")
	}
	if f < 0 {
		f += n
	}
	if t < 0 {
		t += n
	}
	f = max(0, min(f, n))
	t = max(0, min(t, n))
	if f >= t {
		return []any{}, nil
	}
	return append([]any(nil), list[f:t]...), nil
}

func (r *runner) evalBinary(x binaryExpr, en *env) (any, error) {
	switch x.op {
	case "AND", "OR", "XOR":
		lv, err := r.eval(x.l, en)
		if err != nil {
			return nil, err
		}
		l, err := toTri(lv)
		if err != nil {
			return nil, err
		}
		// Short-circuit only where the answer cannot change; the right
		// side is still type-checked by Neo4j, but skipping it is allowed.
		if x.op == "AND" && l == triFalse {
			return false, nil
		}
		if x.op == "OR" && l == triTrue {
			return true, nil
		}
		rv, err := r.eval(x.r, en)
		if err != nil {
			return nil, err
		}
		rt, err := toTri(rv)
		if err != nil {
			return nil, err
		}
		switch x.op {
		case "AND":
			if rt == triFalse {
				return false, nil
			}
			if l == triNull || rt == triNull {
				return nil, nil
			}
			return true, nil
		case "OR":
			if rt == triTrue {
				return true, nil
			}
			if l == triNull || rt == triNull {
				return nil, nil
			}
			return false, nil
		}
		if l == triNull || rt == triNull {
			return nil, nil
		}
		return l != rt, nil
	}
	l, err := r.eval(x.l, en)
	if err != nil {
		return nil, err
	}
	rv, err := r.eval(x.r, en)
	if err != nil {
		return nil, err
	}
	switch x.op {
	case "+", "-", "*", "/", "%", "^":
		v, err := arith(x.op, l, rv)
		if err != nil {
			return nil, err
		}
		switch y := v.(type) {
		case []any:
			if int64(len(y)) > r.opts.maxList() {
				return nil, bufferError(r.opts.maxList())
			}
			if err := r.mem.fits(sizeOf(y)); err != nil {
				return nil, err
			}
		case string:
			if int64(len(y)) > 16*r.opts.maxList() {
				return nil, bufferError(r.opts.maxList())
			}
			if err := r.mem.fits(sizeOf(y)); err != nil {
				return nil, err
			}
		}
		return v, nil
	case "IN":
		if rv == nil {
			return nil, nil
		}
		list, ok := rv.([]any)
		if !ok {
			return nil, typeError("Type mismatch: expected a List for IN but was %s", typeName(rv))
		}
		res := triFalse
		for _, el := range list {
			switch equal(l, el) {
			case triTrue:
				return true, nil
			case triNull:
				res = triNull
			}
		}
		return res.value(), nil
	case "STARTS", "ENDS", "CONTAINS":
		ls, ok1 := l.(string)
		rs, ok2 := rv.(string)
		if !ok1 || !ok2 {
			return nil, nil
		}
		switch x.op {
		case "STARTS":
			return strings.HasPrefix(ls, rs), nil
		case "ENDS":
			return strings.HasSuffix(ls, rs), nil
		}
		return strings.Contains(ls, rs), nil
	case "=~":
		ls, ok1 := l.(string)
		rs, ok2 := rv.(string)
		if !ok1 || !ok2 {
			return nil, nil
		}
		re, err := r.regexp(rs)
		if err != nil {
			return nil, err
		}
		return re.MatchString(ls), nil
	}
	return nil, semanticError("unknown operator %s", x.op)
}

func (r *runner) regexp(pat string) (*regexp.Regexp, error) {
	if re, ok := r.regexps[pat]; ok {
		return re, nil
	}
	re, err := regexp.Compile(`^(?:` + pat + `)$`)
	if err != nil {
		return nil, argumentError("Invalid regular expression %q: %v", pat, err)
	}
	if r.regexps == nil {
		r.regexps = map[string]*regexp.Regexp{}
	}
	r.regexps[pat] = re
	return re, nil
}

func arith(op string, l, r any) (any, error) {
	if l == nil || r == nil {
		return nil, nil
	}
	if op == "+" {
		switch x := l.(type) {
		case string:
			switch y := r.(type) {
			case string:
				return x + y, nil
			case int64, float64:
				return x + toStringValue(y), nil
			}
		case []any:
			if y, ok := r.([]any); ok {
				out := make([]any, 0, len(x)+len(y))
				return append(append(out, x...), y...), nil
			}
			out := make([]any, 0, len(x)+1)
			return append(append(out, x...), r), nil
		}
		if y, ok := r.([]any); ok {
			out := make([]any, 0, len(y)+1)
			return append(append(out, l), y...), nil
		}
		if y, ok := r.(string); ok && isNumber(l) {
			return toStringValue(l) + y, nil
		}
	}
	if v, ok, err := temporalArith(op, l, r); ok {
		return v, err
	}
	li, lInt := l.(int64)
	ri, rInt := r.(int64)
	if lInt && rInt && op != "^" {
		switch op {
		case "+":
			s := li + ri
			if (s > li) != (ri > 0) {
				return nil, arithmeticError("integer overflow")
			}
			return s, nil
		case "-":
			s := li - ri
			if (s < li) != (ri > 0) {
				return nil, arithmeticError("integer overflow")
			}
			return s, nil
		case "*":
			if li == 0 || ri == 0 {
				return int64(0), nil
			}
			p := li * ri
			if p/ri != li || (li == -1 && ri == math.MinInt64) || (ri == -1 && li == math.MinInt64) {
				return nil, arithmeticError("integer overflow")
			}
			return p, nil
		case "/":
			if ri == 0 {
				return nil, arithmeticError("/ by zero")
			}
			if li == math.MinInt64 && ri == -1 {
				return nil, arithmeticError("integer overflow")
			}
			return li / ri, nil
		case "%":
			if ri == 0 {
				return nil, arithmeticError("/ by zero")
			}
			if ri == -1 {
				return int64(0), nil
			}
			return li % ri, nil
		}
	}
	lf, ok1 := toFloat(l)
	rf, ok2 := toFloat(r)
	if !ok1 || !ok2 {
		return nil, typeError("Type mismatch: cannot apply %s to %s and %s", op, typeName(l), typeName(r))
	}
	switch op {
	case "+":
		return lf + rf, nil
	case "-":
		return lf - rf, nil
	case "*":
		return lf * rf, nil
	case "/":
		return lf / rf, nil
	case "%":
		return math.Mod(lf, rf), nil
	}
	return math.Pow(lf, rf), nil
}

func (r *runner) evalCase(x caseExpr, en *env) (any, error) {
	var test any
	if x.test != nil {
		var err error
		if test, err = r.eval(x.test, en); err != nil {
			return nil, err
		}
	}
	for i, w := range x.whens {
		v, err := r.eval(w, en)
		if err != nil {
			return nil, err
		}
		hit := false
		if x.test != nil {
			hit = equal(test, v) == triTrue
		} else {
			b, ok := v.(bool)
			hit = ok && b
		}
		if hit {
			return r.eval(x.thens[i], en)
		}
	}
	if x.els != nil {
		return r.eval(x.els, en)
	}
	return nil, nil
}

func (r *runner) evalQuant(x quantExpr, en *env) (any, error) {
	lv, err := r.eval(x.list, en)
	if err != nil || lv == nil {
		return nil, err
	}
	list, ok := lv.([]any)
	if !ok {
		return nil, typeError("Expected a List, got %s", typeName(lv))
	}
	trues, nulls := 0, 0
	for _, el := range list {
		if err := r.tick(); err != nil {
			return nil, err
		}
		t, err := r.evalPred(x.where, en.with(x.v, el))
		if err != nil {
			return nil, err
		}
		switch t {
		case triTrue:
			trues++
		case triNull:
			nulls++
		}
	}
	falses := len(list) - trues - nulls
	switch x.kind {
	case "all":
		if falses > 0 {
			return false, nil
		}
		if nulls > 0 {
			return nil, nil
		}
		return true, nil
	case "any":
		if trues > 0 {
			return true, nil
		}
		if nulls > 0 {
			return nil, nil
		}
		return false, nil
	case "none":
		if trues > 0 {
			return false, nil
		}
		if nulls > 0 {
			return nil, nil
		}
		return true, nil
	}
	// single
	if trues > 1 {
		return false, nil
	}
	if nulls > 0 {
		return nil, nil
	}
	return trues == 1, nil
}

func (r *runner) evalMapProj(x mapProjExpr, en *env) (any, error) {
	base, err := r.eval(x.x, en)
	if err != nil || base == nil {
		return nil, err
	}
	out := map[string]any{}
	for _, it := range x.items {
		switch it.kind {
		case "prop":
			v, err := r.property(base, it.key)
			if err != nil {
				return nil, err
			}
			out[it.key] = v
		case "all":
			var props map[string]any
			switch b := base.(type) {
			case Node:
				props = r.g.NodeProperties(b.Ref)
			case Relationship:
				props = r.g.RelProperties(b.Ref)
			case map[string]any:
				props = b
			default:
				return nil, typeError("Cannot project a %s", typeName(base))
			}
			for k, v := range props {
				out[k] = v
			}
		default:
			v, err := r.eval(it.x, en)
			if err != nil {
				return nil, err
			}
			out[it.key] = v
		}
	}
	return out, nil
}

// existsSub runs an EXISTS or COUNT subquery seeded with the outer row;
// EXISTS stops at its first row.
func (r *runner) existsSub(sq *subquery, count bool, en *env) (any, error) {
	if len(sq.stages) == 0 {
		return false, nil
	}
	in := sq.stages[0].in
	row := make([]any, len(in))
	for i, n := range in {
		row[i], _ = en.lookup(n)
	}
	c := &rowCounter{stopAtFirst: !count}
	if err := r.runStages(sq.stages, row, c); err != nil {
		return nil, err
	}
	if count {
		return c.n, nil
	}
	return c.n > 0, nil
}

type rowCounter struct {
	n           int64
	stopAtFirst bool
}

func (c *rowCounter) push([]any) error {
	c.n++
	if c.stopAtFirst {
		return errStop
	}
	return nil
}

func (c *rowCounter) finish() error { return nil }

// collectSub runs COLLECT { … RETURN x } and lists the x values in the
// order the subquery returns them.
func (r *runner) collectSub(sq *subquery, en *env) (any, error) {
	in := sq.stages[0].in
	row := make([]any, len(in))
	for i, n := range in {
		row[i], _ = en.lookup(n)
	}
	c := &listCollector{max: r.opts.maxList(), mem: &r.mem, out: []any{}}
	if err := r.runStages(sq.stages, row, c); err != nil {
		return nil, err
	}
	return c.out, nil
}

// listCollector gathers the single column of a subquery's rows.
type listCollector struct {
	max  int64
	mem  *meter
	size int64
	out  []any
}

func (c *listCollector) push(row []any) error {
	if int64(len(c.out)) >= c.max {
		return bufferError(c.max)
	}
	c.size += sizeOf(row[len(row)-1])
	if err := c.mem.fits(c.size); err != nil {
		return err
	}
	c.out = append(c.out, row[len(row)-1])
	return nil
}

func (c *listCollector) finish() error { return nil }
