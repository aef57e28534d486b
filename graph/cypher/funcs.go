package cypher

import (
	"math"
	"math/rand/v2"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph/temporal"
)

var aggregateFuncs = map[string]bool{
	"count": true, "sum": true, "avg": true, "min": true, "max": true,
	"collect": true, "stdev": true, "stdevp": true,
	"percentilecont": true, "percentiledisc": true,
}

// funcArity gives the accepted argument counts of the scalar functions;
// the semantic check rejects unknown names and wrong counts.
var funcArity = map[string][2]int{
	"labels": {1, 1}, "type": {1, 1}, "id": {1, 1}, "elementid": {1, 1},
	"properties": {1, 1}, "keys": {1, 1}, "startnode": {1, 1}, "endnode": {1, 1},
	"nodes": {1, 1}, "relationships": {1, 1}, "rels": {1, 1}, "length": {1, 1},
	"size": {1, 1}, "coalesce": {1, 1 << 20}, "head": {1, 1}, "last": {1, 1},
	"tail": {1, 1}, "tolower": {1, 1}, "toupper": {1, 1}, "lower": {1, 1}, "upper": {1, 1},
	"tostring": {1, 1}, "tointeger": {1, 1}, "tofloat": {1, 1}, "toboolean": {1, 1},
	"tostringornull": {1, 1}, "tointegerornull": {1, 1}, "tofloatornull": {1, 1},
	"tobooleanornull": {1, 1},
	"substring":       {2, 3}, "replace": {3, 3}, "split": {2, 2}, "trim": {1, 1},
	"ltrim": {1, 1}, "rtrim": {1, 1}, "left": {2, 2}, "right": {2, 2},
	"reverse": {1, 1}, "range": {2, 3}, "abs": {1, 1}, "sign": {1, 1},
	"round": {1, 3}, "floor": {1, 1}, "ceil": {1, 1}, "sqrt": {1, 1},
	"exp": {1, 1}, "log": {1, 1}, "log10": {1, 1}, "e": {0, 0}, "pi": {0, 0}, "rand": {0, 0},
	"sin": {1, 1}, "cos": {1, 1}, "tan": {1, 1}, "asin": {1, 1}, "acos": {1, 1},
	"atan": {1, 1}, "atan2": {2, 2}, "degrees": {1, 1}, "radians": {1, 1},
	"exists": {1, 1}, "isempty": {1, 1}, "isnan": {1, 1},
	"count": {1, 1}, "sum": {1, 1}, "avg": {1, 1}, "min": {1, 1}, "max": {1, 1},
	"collect": {1, 1}, "stdev": {1, 1}, "stdevp": {1, 1},
	"percentilecont": {2, 2}, "percentiledisc": {2, 2},
}

func (r *runner) call(c *callExpr, en *env) (any, error) {
	if aggregateFuncs[c.name] {
		return nil, semanticError("Invalid use of aggregating function %s(...) in this context", c.name)
	}
	if c.name == "coalesce" {
		for _, a := range c.args {
			v, err := r.eval(a, en)
			if err != nil || v != nil {
				return v, err
			}
		}
		return nil, nil
	}
	if c.name == "exists" {
		return r.eval(c.args[0], en) // a pattern, as the planner ensures
	}
	args := make([]any, len(c.args))
	for i, a := range c.args {
		v, err := r.eval(a, en)
		if err != nil {
			return nil, err
		}
		args[i] = v
	}
	return r.scalar(c.name, args)
}

func badArg(name string, v any) error {
	return typeError("Type mismatch: %s() cannot take a %s (InvalidArgumentType)", name, typeName(v))
}

func (r *runner) scalar(name string, args []any) (any, error) {
	var a0 any
	if len(args) > 0 {
		a0 = args[0]
	}
	if v, ok, err := r.temporalFunc(name, args); ok {
		return v, err
	}
	// Nearly every function returns null for a null first argument.
	if a0 == nil && len(args) > 0 && name != "tostringornull" {
		switch name {
		case "range":
			return nil, argumentError("range() bounds cannot be null")
		}
		return nil, nil
	}
	switch name {
	case "labels":
		n, ok := a0.(Node)
		if !ok {
			return nil, badArg(name, a0)
		}
		ls := r.g.NodeLabels(n.Ref)
		out := make([]any, len(ls))
		for i, l := range ls {
			out[i] = l
		}
		return out, nil
	case "type":
		rel, ok := a0.(Relationship)
		if !ok {
			return nil, badArg(name, a0)
		}
		t, _, _ := r.g.Rel(rel.Ref)
		return t, nil
	case "id":
		switch x := a0.(type) {
		case Node:
			return int64(x.Ref), nil
		case Relationship:
			return int64(x.Ref), nil
		}
		return nil, badArg(name, a0)
	case "elementid":
		switch x := a0.(type) {
		case Node:
			return nodeElementID(r.g, x.Ref), nil
		case Relationship:
			return relElementID(r.g, x.Ref), nil
		}
		return nil, badArg(name, a0)
	case "properties":
		switch x := a0.(type) {
		case Node:
			return copyMap(r.g.NodeProperties(x.Ref)), nil
		case Relationship:
			return copyMap(r.g.RelProperties(x.Ref)), nil
		case map[string]any:
			return x, nil
		}
		return nil, badArg(name, a0)
	case "keys":
		var m map[string]any
		switch x := a0.(type) {
		case Node:
			m = r.g.NodeProperties(x.Ref)
		case Relationship:
			m = r.g.RelProperties(x.Ref)
		case map[string]any:
			m = x
		default:
			return nil, badArg(name, a0)
		}
		out := make([]any, 0, len(m))
		for _, k := range sortedKeys(m) {
			out = append(out, k)
		}
		return out, nil
	case "startnode", "endnode":
		rel, ok := a0.(Relationship)
		if !ok {
			return nil, badArg(name, a0)
		}
		_, s, e := r.g.Rel(rel.Ref)
		if name == "startnode" {
			return Node{s}, nil
		}
		return Node{e}, nil
	case "nodes":
		p, ok := a0.(Path)
		if !ok {
			return nil, badArg(name, a0)
		}
		out := make([]any, len(p.Nodes))
		for i, n := range p.Nodes {
			out[i] = Node{n}
		}
		return out, nil
	case "relationships", "rels":
		p, ok := a0.(Path)
		if !ok {
			return nil, badArg(name, a0)
		}
		out := make([]any, len(p.Rels))
		for i, x := range p.Rels {
			out[i] = Relationship{x}
		}
		return out, nil
	case "length":
		switch x := a0.(type) {
		case Path:
			return int64(len(x.Rels)), nil
		}
		return nil, badArg(name, a0)
	case "size":
		switch x := a0.(type) {
		case []any:
			return int64(len(x)), nil
		case string:
			return int64(utf8.RuneCountInString(x)), nil
		}
		return nil, badArg(name, a0)
	case "isempty":
		switch x := a0.(type) {
		case []any:
			return len(x) == 0, nil
		case string:
			return x == "", nil
		case map[string]any:
			return len(x) == 0, nil
		}
		return nil, badArg(name, a0)
	case "head", "last", "tail":
		l, ok := a0.([]any)
		if !ok {
			return nil, badArg(name, a0)
		}
		if name == "tail" {
			if len(l) == 0 {
				return []any{}, nil
			}
			return append([]any(nil), l[1:]...), nil
		}
		if len(l) == 0 {
			return nil, nil
		}
		if name == "head" {
			return l[0], nil
		}
		return l[len(l)-1], nil
	case "tolower", "toupper", "lower", "upper", "trim", "ltrim", "rtrim", "reverse":
		if l, ok := a0.([]any); ok && name == "reverse" {
			out := make([]any, len(l))
			for i, v := range l {
				out[len(l)-1-i] = v
			}
			return out, nil
		}
		s, ok := a0.(string)
		if !ok {
			return nil, badArg(name, a0)
		}
		switch name {
		case "tolower", "lower":
			return strings.ToLower(s), nil
		case "toupper", "upper":
			return strings.ToUpper(s), nil
		case "trim":
			return strings.TrimFunc(s, unicode.IsSpace), nil
		case "ltrim":
			return strings.TrimLeftFunc(s, unicode.IsSpace), nil
		case "rtrim":
			return strings.TrimRightFunc(s, unicode.IsSpace), nil
		}
		rs := []rune(s)
		for i, j := 0, len(rs)-1; i < j; i, j = i+1, j-1 {
			rs[i], rs[j] = rs[j], rs[i]
		}
		return string(rs), nil
	case "tostring", "tostringornull":
		switch x := a0.(type) {
		case string:
			return x, nil
		case int64, float64:
			return toStringValue(x), nil
		case bool:
			return strconv.FormatBool(x), nil
		}
		if s := temporal.String(a0); s != "" {
			return s, nil
		}
		if name == "tostringornull" {
			return nil, nil
		}
		return nil, badArg(name, a0)
	case "tointeger", "tointegerornull":
		switch x := a0.(type) {
		case int64:
			return x, nil
		case float64:
			if math.IsNaN(x) || x >= 9.223372036854775807e18 || x < -9.223372036854775808e18 {
				return nil, nil
			}
			return int64(x), nil
		case bool:
			if x {
				return int64(1), nil
			}
			return int64(0), nil
		case string:
			// No trimming: Neo4j gives null for ' 12 '.
			s := x
			if i, err := strconv.ParseInt(s, 10, 64); err == nil {
				return i, nil
			}
			if f, err := strconv.ParseFloat(s, 64); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) && math.Abs(f) < 9.2e18 {
				return int64(f), nil
			}
			return nil, nil
		}
		if name == "tointegerornull" {
			return nil, nil
		}
		return nil, badArg(name, a0)
	case "tofloat", "tofloatornull":
		switch x := a0.(type) {
		case int64:
			return float64(x), nil
		case float64:
			return x, nil
		case string:
			f, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
			if err != nil {
				return nil, nil
			}
			return f, nil
		}
		if name == "tofloatornull" {
			return nil, nil
		}
		return nil, badArg(name, a0)
	case "toboolean", "tobooleanornull":
		switch x := a0.(type) {
		case bool:
			return x, nil
		case string:
			switch strings.ToLower(strings.TrimSpace(x)) {
			case "true":
				return true, nil
			case "false":
				return false, nil
			}
			return nil, nil
		case int64:
			return x != 0, nil
		}
		if name == "tobooleanornull" {
			return nil, nil
		}
		return nil, badArg(name, a0)
	case "substring", "left", "right":
		s, ok := a0.(string)
		if !ok {
			return nil, badArg(name, a0)
		}
		rs := []rune(s)
		ints := make([]int64, 0, 2)
		for _, a := range args[1:] {
			if a == nil {
				if name == "substring" {
					return nil, argumentError("%s() cannot take a null length", name)
				}
				return nil, argumentError("%s() cannot take a null length", name)
			}
			i, ok := a.(int64)
			if !ok {
				return nil, badArg(name, a)
			}
			if i < 0 {
				return nil, argumentError("%s(): negative argument %d (NegativeIntegerArgument)", name, i)
			}
			ints = append(ints, i)
		}
		n := int64(len(rs))
		switch name {
		case "left":
			return string(rs[:min(ints[0], n)]), nil
		case "right":
			return string(rs[n-min(ints[0], n):]), nil
		}
		start := min(ints[0], n)
		end := n
		if len(ints) > 1 {
			end = min(start+ints[1], n)
		}
		return string(rs[start:end]), nil
	case "replace":
		s, ok1 := a0.(string)
		from, ok2 := args[1].(string)
		to, ok3 := args[2].(string)
		if args[1] == nil || args[2] == nil {
			return nil, nil
		}
		if !ok1 || !ok2 || !ok3 {
			return nil, badArg(name, a0)
		}
		return strings.ReplaceAll(s, from, to), nil
	case "split":
		s, ok1 := a0.(string)
		if args[1] == nil {
			return nil, nil
		}
		sep, ok2 := args[1].(string)
		if !ok1 || !ok2 {
			return nil, badArg(name, a0)
		}
		parts := strings.Split(s, sep)
		if len(parts) == 0 {
			// strings.Split("", "") is empty; Java's split gives [""].
			parts = []string{""}
		}
		out := make([]any, len(parts))
		for i, p := range parts {
			out[i] = p
		}
		return out, nil
	case "range":
		step := int64(1)
		for _, a := range args {
			if _, ok := a.(int64); !ok {
				return nil, argumentError("range() takes integers, not %s (InvalidArgumentType)", typeName(a))
			}
		}
		start, end := args[0].(int64), args[1].(int64)
		if len(args) == 3 {
			step = args[2].(int64)
		}
		if step == 0 {
			return nil, argumentError("range() step cannot be zero (NumberOutOfRange)")
		}
		// Count in uint64 so that extreme bounds cannot overflow.
		count := int64(0)
		limit := uint64(r.opts.maxList())
		var span, stride uint64
		switch {
		case step > 0 && end >= start:
			span, stride = uint64(end)-uint64(start), uint64(step)
			count = 1
		case step < 0 && end <= start:
			span, stride = uint64(start)-uint64(end), uint64(-(step+1))+1
			count = 1
		}
		if count == 1 {
			if q := span / stride; q >= limit {
				count = int64(limit) + 1
			} else {
				count = int64(q) + 1
			}
		}
		if count > r.opts.maxList() {
			return nil, argumentError("range() would produce %d elements, more than the limit of %d", count, r.opts.maxList())
		}
		if err := r.mem.fits(40 + 24*count); err != nil {
			return nil, err
		}
		out := make([]any, 0, count)
		for i, v := int64(0), start; i < count; i, v = i+1, v+step {
			out = append(out, v)
		}
		return out, nil
	case "abs", "sign", "floor", "ceil", "round", "sqrt", "exp", "log", "log10",
		"sin", "cos", "tan", "asin", "acos", "atan", "degrees", "radians", "isnan":
		return mathFunc(name, args)
	case "atan2":
		y, ok1 := toFloat(a0)
		x, ok2 := toFloat(args[1])
		if args[1] == nil {
			return nil, nil
		}
		if !ok1 || !ok2 {
			return nil, badArg(name, a0)
		}
		return math.Atan2(y, x), nil
	case "e":
		return math.E, nil
	case "rand":
		return rand.Float64(), nil
	case "pi":
		return math.Pi, nil
	}
	return nil, semanticError("Unknown function '%s' (UnknownFunction)", name)
}

func mathFunc(name string, args []any) (any, error) {
	a0 := args[0]
	f, ok := toFloat(a0)
	if !ok {
		return nil, badArg(name, a0)
	}
	i, isInt := a0.(int64)
	switch name {
	case "abs":
		if isInt {
			if i == math.MinInt64 {
				return nil, arithmeticError("integer overflow")
			}
			if i < 0 {
				return -i, nil
			}
			return i, nil
		}
		return math.Abs(f), nil
	case "sign":
		switch {
		case f > 0:
			return int64(1), nil
		case f < 0:
			return int64(-1), nil
		}
		return int64(0), nil
	case "floor":
		return math.Floor(f), nil
	case "ceil":
		return math.Ceil(f), nil
	case "round":
		if len(args) > 1 {
			p, ok := args[1].(int64)
			if !ok {
				return nil, badArg(name, args[1])
			}
			if p < 0 {
				// Neo4j refuses a negative precision rather than rounding
				// to tens or hundreds.
				return nil, argumentError("Invalid input for function 'round()': precision must be a non-negative integer, got %d", p)
			}
			scale := math.Pow(10, float64(p))
			return math.Floor(f*scale+0.5) / scale, nil
		}
		return math.Floor(f + 0.5), nil
	case "sqrt":
		return math.Sqrt(f), nil
	case "exp":
		return math.Exp(f), nil
	case "log":
		return math.Log(f), nil
	case "log10":
		return math.Log10(f), nil
	case "sin":
		return math.Sin(f), nil
	case "cos":
		return math.Cos(f), nil
	case "tan":
		return math.Tan(f), nil
	case "asin":
		return math.Asin(f), nil
	case "acos":
		return math.Acos(f), nil
	case "atan":
		return math.Atan(f), nil
	case "degrees":
		return f * 180 / math.Pi, nil
	case "radians":
		return f * math.Pi / 180, nil
	}
	return math.IsNaN(f), nil
}

func copyMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// toStringValue renders a number as Neo4j does: floats always carry a
// fraction or exponent (1.0, 1.0E20).
func toStringValue(v any) string {
	switch x := v.(type) {
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return formatFloat(x)
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	}
	return ""
}

func formatFloat(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	}
	abs := math.Abs(f)
	if abs != 0 && (abs >= 1e7 || abs < 1e-3) {
		s := strconv.FormatFloat(f, 'E', -1, 64)
		mant, exp, _ := strings.Cut(s, "E")
		if !strings.Contains(mant, ".") {
			mant += ".0"
		}
		// Java's Double.toString writes the exponent with neither a plus
		// sign nor leading zeros: 1.0E-7, 2.0E15.
		neg := strings.HasPrefix(exp, "-")
		exp = strings.TrimLeft(strings.TrimLeft(exp, "+-"), "0")
		if neg {
			exp = "-" + exp
		}
		return mant + "E" + exp
	}
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

// aggregator accumulates one aggregate function over a group.
type aggregator struct {
	fn       string
	distinct bool
	seen     map[string]bool
	count    int64
	sumI     int64
	sumF     float64
	isFloat  bool
	dur      *durationSum // sum and avg over durations
	best     any
	list     []any
	param    any
}

func newAggregator(c *callExpr) aggregator {
	a := aggregator{fn: c.name, distinct: c.distinct}
	if c.distinct {
		a.seen = map[string]bool{}
	}
	return a
}

func (a *aggregator) add(v any) error {
	if v == nil {
		return nil
	}
	if a.distinct {
		k := string(appendKey(nil, v))
		if a.seen[k] {
			return nil
		}
		a.seen[k] = true
	}
	a.count++
	switch a.fn {
	case "sum", "avg", "stdev", "stdevp", "percentilecont", "percentiledisc":
		if d, ok := v.(temporal.Duration); ok && (a.fn == "sum" || a.fn == "avg") {
			if a.count > 1 && a.dur == nil {
				return typeError("%s() cannot mix durations and numbers", a.fn)
			}
			if a.dur == nil {
				a.dur = &durationSum{}
			}
			return a.dur.add(d)
		}
		if a.dur != nil {
			return typeError("%s() cannot mix durations and numbers", a.fn)
		}
		if !isNumber(v) {
			return typeError("%s() expects numbers, got %s", a.fn, typeName(v))
		}
		if a.fn == "sum" || a.fn == "avg" {
			if i, ok := v.(int64); ok && !a.isFloat {
				s := a.sumI + i
				if (s > a.sumI) != (i > 0) {
					return arithmeticError("integer overflow in %s()", a.fn)
				}
				a.sumI = s
			} else {
				if !a.isFloat {
					a.isFloat = true
					a.sumF = float64(a.sumI)
				}
				f, _ := toFloat(v)
				a.sumF += f
			}
			return nil
		}
		a.list = append(a.list, v)
	case "min":
		if a.best == nil || order(v, a.best) < 0 {
			a.best = v
		}
	case "max":
		if a.best == nil || order(v, a.best) > 0 {
			a.best = v
		}
	case "collect":
		a.list = append(a.list, v)
	}
	return nil
}

func (a *aggregator) result() (any, error) {
	switch a.fn {
	case "count":
		return a.count, nil
	case "sum":
		if a.dur != nil {
			return a.dur.sum, nil
		}
		if a.isFloat {
			return a.sumF, nil
		}
		return a.sumI, nil
	case "avg":
		if a.count == 0 {
			return nil, nil
		}
		if a.dur != nil {
			return a.dur.avg(a.count)
		}
		if a.isFloat {
			return a.sumF / float64(a.count), nil
		}
		return float64(a.sumI) / float64(a.count), nil
	case "min", "max":
		return a.best, nil
	case "collect":
		if a.list == nil {
			return []any{}, nil
		}
		return a.list, nil
	case "stdev", "stdevp":
		n := float64(len(a.list))
		if n == 0 {
			return nil, nil // as Neo4j: no values, no deviation
		}
		if a.fn == "stdev" && n < 2 {
			return 0.0, nil
		}
		mean := 0.0
		for _, v := range a.list {
			f, _ := toFloat(v)
			mean += f
		}
		mean /= n
		ss := 0.0
		for _, v := range a.list {
			f, _ := toFloat(v)
			ss += (f - mean) * (f - mean)
		}
		if a.fn == "stdev" {
			return math.Sqrt(ss / (n - 1)), nil
		}
		return math.Sqrt(ss / n), nil
	case "percentilecont", "percentiledisc":
		if len(a.list) == 0 {
			return nil, nil
		}
		p, ok := toFloat(a.param)
		if !ok || math.IsNaN(p) || p < 0 || p > 1 {
			return nil, argumentError("%s() percentile must be between 0.0 and 1.0 (NumberOutOfRange)", a.fn)
		}
		sort.Slice(a.list, func(i, j int) bool { return order(a.list[i], a.list[j]) < 0 })
		n := float64(len(a.list))
		if a.fn == "percentiledisc" {
			idx := int(math.Ceil(p*n)) - 1
			if idx < 0 {
				idx = 0
			}
			return a.list[idx], nil
		}
		pos := p * (n - 1)
		lo := int(math.Floor(pos))
		hi := int(math.Ceil(pos))
		fl, _ := toFloat(a.list[lo])
		fh, _ := toFloat(a.list[hi])
		return fl + (fh-fl)*(pos-float64(lo)), nil
	}
	return nil, nil
}
