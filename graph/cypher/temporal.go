package cypher

import (
	"errors"
	"math"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/temporal"
)

// Temporal values: the engine's side of graph/temporal. Every temporal
// value a query makes is built here, by temporalFunc, temporalArith and
// the duration aggregates, so that an accounting of what a query builds
// has one place to look.

// temporalFuncs are the temporal functions and their argument counts.
// Each instant type has its constructor, the clock functions (statement,
// transaction and realtime, which take an optional zone) and truncate.
func temporalArity(name string) ([2]int, bool) {
	switch name {
	case "date", "localtime", "time", "localdatetime", "datetime":
		return [2]int{0, 1}, true
	case "date.statement", "date.transaction", "date.realtime",
		"localtime.statement", "localtime.transaction", "localtime.realtime",
		"time.statement", "time.transaction", "time.realtime",
		"localdatetime.statement", "localdatetime.transaction", "localdatetime.realtime",
		"datetime.statement", "datetime.transaction", "datetime.realtime":
		return [2]int{0, 1}, true
	case "date.truncate", "localtime.truncate", "time.truncate", "localdatetime.truncate", "datetime.truncate":
		return [2]int{2, 3}, true
	case "datetime.fromepoch", "duration.between", "duration.inmonths", "duration.indays", "duration.inseconds":
		return [2]int{2, 2}, true
	case "datetime.fromepochmillis", "duration":
		return [2]int{1, 1}, true
	case "timestamp":
		return [2]int{0, 0}, true
	}
	return [2]int{}, false
}

// tctx returns the run's temporal context. Its clock is read once per run,
// so date() and datetime() give one value throughout a statement, as in
// Neo4j; the default zone is UTC, Neo4j's default.
func (r *runner) tctx() *temporal.Context {
	if r.temporal == nil {
		r.temporal = &temporal.Context{Now: r.started, Zone: temporal.UTC()}
	}
	return r.temporal
}

// temporalErr turns an error of graph/temporal into the engine's: text
// that does not parse is a syntax error in Neo4j, anything else an
// argument error.
func temporalErr(err error) error {
	var te *temporal.Error
	if errors.As(err, &te) {
		if te.Text {
			return &graph.Error{Kind: graph.KindInvalid, Code: CodeSyntax, Message: te.Msg}
		}
		return argumentError("%s", te.Msg)
	}
	return err
}

func kindOf(name string) temporal.Kind {
	switch name {
	case "localtime":
		return temporal.KindLocalTime
	case "time":
		return temporal.KindTime
	case "localdatetime":
		return temporal.KindLocalDateTime
	case "datetime":
		return temporal.KindDateTime
	}
	return temporal.KindDate
}

// construct converts dt, a DateTime of the clock, to the kind asked for.
func construct(kind temporal.Kind, dt temporal.DateTime) any {
	switch kind {
	case temporal.KindLocalTime:
		return dt.Local().Time()
	case temporal.KindTime:
		return dt.Time()
	case temporal.KindLocalDateTime:
		return dt.Local()
	case temporal.KindDateTime:
		return dt
	}
	return dt.Local().Date()
}

// temporalFunc runs a temporal function; ok is false when name is not
// one. Null arguments give null.
func (r *runner) temporalFunc(name string, args []any) (v any, ok bool, err error) {
	if _, ok := temporalArity(name); !ok {
		return nil, false, nil
	}
	for _, a := range args {
		if a == nil {
			return nil, true, nil
		}
	}
	v, err = r.temporalCall(name, args)
	return v, true, temporalErr(err)
}

func (r *runner) temporalCall(name string, args []any) (any, error) {
	c := r.tctx()
	var a0 any
	if len(args) > 0 {
		a0 = args[0]
	}
	base, method, _ := cutDot(name)
	switch method {
	case "":
	case "statement", "transaction", "realtime":
		tz := ""
		if a0 != nil {
			s, ok := a0.(string)
			if !ok {
				return nil, badArg(name, a0)
			}
			tz = s
		}
		if method == "realtime" {
			z := c.Zone
			if tz != "" {
				var err error
				if z, err = c.Zones.Zone(tz); err != nil {
					return nil, err
				}
			}
			return construct(kindOf(base), temporal.Realtime(z)), nil
		}
		dt, err := c.Statement(tz)
		if err != nil {
			return nil, err
		}
		return construct(kindOf(base), dt), nil
	case "truncate":
		unit, ok := a0.(string)
		if !ok {
			return nil, badArg(name, a0)
		}
		var m map[string]any
		if len(args) > 2 {
			if m, ok = args[2].(map[string]any); !ok {
				return nil, badArg(name, args[2])
			}
		}
		return c.Truncate(kindOf(base), unit, args[1], m)
	case "fromepoch":
		s, ok1 := a0.(int64)
		ns, ok2 := args[1].(int64)
		if !ok1 || !ok2 {
			return nil, argumentError("datetime.fromepoch() takes integer seconds and nanoseconds")
		}
		return c.FromEpoch(s, ns)
	case "fromepochmillis":
		ms, ok := a0.(int64)
		if !ok {
			return nil, badArg(name, a0)
		}
		return c.FromEpochMillis(ms)
	case "between", "inmonths", "indays", "inseconds":
		unit := temporal.Whole
		switch method {
		case "inmonths":
			unit = temporal.Months
		case "indays":
			unit = temporal.Days
		case "inseconds":
			unit = temporal.Seconds
		}
		return temporal.Between(a0, args[1], unit)
	}
	switch name {
	case "date":
		return c.Date(a0)
	case "localtime":
		return c.LocalTime(a0)
	case "time":
		return c.Time(a0)
	case "localdatetime":
		return c.LocalDateTime(a0)
	case "datetime":
		return c.DateTime(a0)
	case "duration":
		return c.Duration(a0)
	case "timestamp":
		return c.Now.UnixMilli(), nil
	}
	return nil, semanticError("Unknown function '%s' (UnknownFunction)", name)
}

func cutDot(s string) (string, string, bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == '.' {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}

// temporalProperty reads a component of a temporal value (d.year,
// dur.days). An unknown component is a type error, as in Neo4j.
func temporalProperty(v any, key string) (any, error) {
	if x, ok := temporal.Get(v, key); ok {
		return x, nil
	}
	return nil, typeError("No such field: %s", key)
}

// temporalArith applies op when either side is temporal: an instant plus
// or minus a duration, durations added and subtracted, a duration
// multiplied or divided by a number. ok is false when neither side is
// temporal.
func temporalArith(op string, l, r any) (any, bool, error) {
	if !temporal.Is(l) && !temporal.Is(r) {
		return nil, false, nil
	}
	ld, lDur := l.(temporal.Duration)
	rd, rDur := r.(temporal.Duration)
	var v any
	var err error
	switch {
	case op == "+" && lDur && rDur:
		v, err = ld.Add(rd)
	case op == "-" && lDur && rDur:
		v, err = ld.Sub(rd)
	case op == "+" && rDur && temporal.Is(l):
		v, err = temporal.Plus(l, rd)
	case op == "+" && lDur && temporal.Is(r):
		v, err = temporal.Plus(r, ld)
	case op == "-" && rDur && temporal.Is(l):
		v, err = temporal.Minus(l, rd)
	case op == "*" && lDur && isNumber(r):
		v, err = mulDuration(ld, r)
	case op == "*" && rDur && isNumber(l):
		v, err = mulDuration(rd, l)
	case op == "/" && lDur && isNumber(r):
		f, _ := toFloat(r)
		v, err = ld.Div(f)
	default:
		return nil, true, typeError("Type mismatch: cannot apply %s to %s and %s", op, typeName(l), typeName(r))
	}
	if err != nil {
		var te *temporal.Error
		if errors.As(err, &te) && te.Msg == "/ by zero" {
			return nil, true, arithmeticError("/ by zero")
		}
		return nil, true, temporalErr(err)
	}
	return v, true, nil
}

func mulDuration(d temporal.Duration, n any) (temporal.Duration, error) {
	if i, ok := n.(int64); ok {
		return d.MulInt(i)
	}
	f, _ := toFloat(n)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return temporal.Duration{}, &temporal.Error{Msg: "cannot multiply a duration by " + formatFloat(f)}
	}
	return d.MulFloat(f)
}

// durationSum accumulates sum() and avg() over durations.
type durationSum struct {
	sum temporal.Duration
}

func (s *durationSum) add(d temporal.Duration) error {
	var err error
	s.sum, err = s.sum.Add(d)
	return temporalErr(err)
}

func (s *durationSum) avg(n int64) (any, error) {
	v, err := s.sum.Div(float64(n))
	return v, temporalErr(err)
}
