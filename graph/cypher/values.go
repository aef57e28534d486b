package cypher

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/graph/temporal"
)

// Cypher values in the engine are plain Go values: nil, bool, int64,
// float64, string, []any, map[string]any, Node, Relationship and Path,
// and the temporal values of graph/temporal (Date, LocalTime, Time,
// LocalDateTime, DateTime, Duration).

// tri is three-valued logic: a bool or null.
type tri int8

const (
	triFalse tri = iota
	triTrue
	triNull
)

func triOf(b bool) tri {
	if b {
		return triTrue
	}
	return triFalse
}

func (t tri) value() any {
	switch t {
	case triTrue:
		return true
	case triFalse:
		return false
	}
	return nil
}

func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case int64:
		return float64(x), true
	case float64:
		return x, true
	}
	return 0, false
}

func isNumber(v any) bool {
	switch v.(type) {
	case int64, float64:
		return true
	}
	return false
}

// equal implements Cypher's = : null when either side is null (or a null
// nested in lists or maps leaves the result undecided), false for values of
// different types.
func equal(a, b any) tri {
	if a == nil || b == nil {
		return triNull
	}
	switch x := a.(type) {
	case bool:
		y, ok := b.(bool)
		return triOf(ok && x == y)
	case int64:
		switch y := b.(type) {
		case int64:
			return triOf(x == y)
		case float64:
			return triOf(float64(x) == y)
		}
		return triFalse
	case float64:
		switch y := b.(type) {
		case int64:
			return triOf(x == float64(y))
		case float64:
			return triOf(x == y)
		}
		return triFalse
	case string:
		y, ok := b.(string)
		return triOf(ok && x == y)
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return triFalse
		}
		res := triTrue
		for i := range x {
			switch equal(x[i], y[i]) {
			case triFalse:
				return triFalse
			case triNull:
				res = triNull
			}
		}
		return res
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return triFalse
		}
		for k := range x {
			if _, ok := y[k]; !ok {
				return triFalse
			}
		}
		res := triTrue
		for k, xv := range x {
			switch equal(xv, y[k]) {
			case triFalse:
				return triFalse
			case triNull:
				res = triNull
			}
		}
		return res
	case Node:
		y, ok := b.(Node)
		return triOf(ok && x == y)
	case Relationship:
		y, ok := b.(Relationship)
		return triOf(ok && x == y)
	case Path:
		y, ok := b.(Path)
		if !ok || len(x.Nodes) != len(y.Nodes) || len(x.Rels) != len(y.Rels) {
			return triFalse
		}
		for i := range x.Nodes {
			if x.Nodes[i] != y.Nodes[i] {
				return triFalse
			}
		}
		for i := range x.Rels {
			if x.Rels[i] != y.Rels[i] {
				return triFalse
			}
		}
		return triTrue
	case temporal.Date, temporal.LocalTime, temporal.Time, temporal.LocalDateTime, temporal.DateTime, temporal.Duration:
		return triOf(temporal.Equal(a, b))
	}
	return triFalse
}

// compare implements Cypher's < family: it returns -1, 0 or 1, and
// ok=false when the values are not comparable (the comparison is null).
func compare(a, b any) (int, bool) {
	if a == nil || b == nil {
		return 0, false
	}
	switch x := a.(type) {
	case int64:
		switch y := b.(type) {
		case int64:
			return cmpInt(x, y), true
		case float64:
			return cmpFloat(float64(x), y)
		}
	case float64:
		switch y := b.(type) {
		case int64:
			return cmpFloat(x, float64(y))
		case float64:
			return cmpFloat(x, y)
		}
	case string:
		if y, ok := b.(string); ok {
			return strings.Compare(x, y), true
		}
	case bool:
		if y, ok := b.(bool); ok {
			return cmpBool(x, y), true
		}
	case []any:
		if y, ok := b.([]any); ok {
			for i := 0; i < len(x) && i < len(y); i++ {
				c, ok := compare(x[i], y[i])
				if !ok {
					return 0, false
				}
				if c != 0 {
					return c, true
				}
			}
			return cmpInt(int64(len(x)), int64(len(y))), true
		}
	case temporal.Date, temporal.LocalTime, temporal.Time, temporal.LocalDateTime, temporal.DateTime:
		return temporal.Compare(a, b)
	}
	return 0, false
}

func cmpInt(x, y int64) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

func cmpBool(x, y bool) int {
	switch {
	case x == y:
		return 0
	case !x:
		return -1
	}
	return 1
}

func cmpFloat(x, y float64) (int, bool) {
	if math.IsNaN(x) || math.IsNaN(y) {
		return 0, false
	}
	switch {
	case x < y:
		return -1, true
	case x > y:
		return 1, true
	}
	return 0, true
}

// orderRank places each type in Cypher's global sort order, used by ORDER
// BY: maps, nodes, relationships, lists, paths, datetimes, local
// datetimes, dates, times, local times, durations, strings, booleans,
// numbers, and null last.
func orderRank(v any) int {
	switch v.(type) {
	case map[string]any:
		return 0
	case Node:
		return 1
	case Relationship:
		return 2
	case []any:
		return 3
	case Path:
		return 4
	case temporal.DateTime:
		return 5
	case temporal.LocalDateTime:
		return 6
	case temporal.Date:
		return 7
	case temporal.Time:
		return 8
	case temporal.LocalTime:
		return 9
	case temporal.Duration:
		return 10
	case string:
		return 11
	case bool:
		return 12
	case int64, float64:
		return 13
	case nil:
		return 15
	}
	return 14
}

// order is a total order over all values (ORDER BY, min, max).
func order(a, b any) int {
	ra, rb := orderRank(a), orderRank(b)
	if ra != rb {
		return cmpInt(int64(ra), int64(rb))
	}
	switch x := a.(type) {
	case int64, float64:
		fx, _ := toFloat(x)
		fy, _ := toFloat(b)
		nx, ny := math.IsNaN(fx), math.IsNaN(fy)
		switch {
		case nx && ny:
			return 0
		case nx:
			return 1
		case ny:
			return -1
		}
		if xi, ok := x.(int64); ok {
			if yi, ok := b.(int64); ok {
				return cmpInt(xi, yi)
			}
		}
		c, _ := cmpFloat(fx, fy)
		return c
	case string:
		return strings.Compare(x, b.(string))
	case bool:
		return cmpBool(x, b.(bool))
	case []any:
		y := b.([]any)
		for i := 0; i < len(x) && i < len(y); i++ {
			if c := order(x[i], y[i]); c != 0 {
				return c
			}
		}
		return cmpInt(int64(len(x)), int64(len(y)))
	case map[string]any:
		y := b.(map[string]any)
		kx, ky := sortedKeys(x), sortedKeys(y)
		for i := 0; i < len(kx) && i < len(ky); i++ {
			if c := strings.Compare(kx[i], ky[i]); c != 0 {
				return c
			}
			if c := order(x[kx[i]], y[ky[i]]); c != 0 {
				return c
			}
		}
		return cmpInt(int64(len(kx)), int64(len(ky)))
	case Node:
		return cmpInt(int64(x.Ref), int64(b.(Node).Ref))
	case Relationship:
		return cmpInt(int64(x.Ref), int64(b.(Relationship).Ref))
	case Path:
		y := b.(Path)
		for i := 0; i < len(x.Nodes) && i < len(y.Nodes); i++ {
			if c := cmpInt(int64(x.Nodes[i]), int64(y.Nodes[i])); c != 0 {
				return c
			}
			if i < len(x.Rels) && i < len(y.Rels) {
				if c := cmpInt(int64(x.Rels[i]), int64(y.Rels[i])); c != 0 {
					return c
				}
			}
		}
		return cmpInt(int64(len(x.Nodes)), int64(len(y.Nodes)))
	case temporal.Date, temporal.LocalTime, temporal.Time, temporal.LocalDateTime, temporal.DateTime, temporal.Duration:
		return temporal.Order(a, b)
	}
	return 0
}

func sortedKeys(m map[string]any) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// appendKey writes a canonical encoding of v such that two values get the
// same key exactly when they are equivalent for DISTINCT and grouping
// (null equals null, 1 equals 1.0).
func appendKey(b []byte, v any) []byte {
	switch x := v.(type) {
	case nil:
		return append(b, 'N')
	case bool:
		if x {
			return append(b, 'T')
		}
		return append(b, 'F')
	case int64:
		b = append(b, 'i')
		return strconv.AppendInt(b, x, 10)
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1<<62 {
			b = append(b, 'i')
			return strconv.AppendInt(b, int64(x), 10)
		}
		b = append(b, 'f')
		return strconv.AppendFloat(b, x, 'g', -1, 64)
	case string:
		b = append(b, 's')
		b = strconv.AppendInt(b, int64(len(x)), 10)
		b = append(b, ':')
		return append(b, x...)
	case []any:
		b = append(b, '[')
		for _, e := range x {
			b = appendKey(b, e)
			b = append(b, ',')
		}
		return append(b, ']')
	case map[string]any:
		b = append(b, '{')
		for _, k := range sortedKeys(x) {
			b = appendKey(b, k)
			b = appendKey(b, x[k])
		}
		return append(b, '}')
	case Node:
		b = append(b, 'n')
		return strconv.AppendInt(b, int64(x.Ref), 10)
	case Relationship:
		b = append(b, 'r')
		return strconv.AppendInt(b, int64(x.Ref), 10)
	case Path:
		b = append(b, 'p')
		for i, n := range x.Nodes {
			b = strconv.AppendInt(b, int64(n), 10)
			if i < len(x.Rels) {
				b = append(b, '-')
				b = strconv.AppendInt(b, int64(x.Rels[i]), 10)
				b = append(b, '-')
			}
		}
		return b
	case temporal.Date, temporal.LocalTime, temporal.Time, temporal.LocalDateTime, temporal.DateTime, temporal.Duration:
		return temporal.AppendKey(b, v)
	}
	return append(b, '?')
}

// typeName names v's Cypher type for error messages.
func typeName(v any) string {
	switch v.(type) {
	case nil:
		return "Null"
	case bool:
		return "Boolean"
	case int64:
		return "Integer"
	case float64:
		return "Float"
	case string:
		return "String"
	case []any:
		return "List"
	case map[string]any:
		return "Map"
	case Node:
		return "Node"
	case Relationship:
		return "Relationship"
	case Path:
		return "Path"
	}
	if n := temporal.TypeName(v); n != "" {
		return n
	}
	return "Unknown"
}
