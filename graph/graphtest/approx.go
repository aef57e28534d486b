package graphtest

import "math"

// ApproxEqual compares values as decoded from JSON or canonicalised for
// comparison (maps, lists, scalars): floats agree within a relative tol,
// since sums and iterations may add up in different orders, and NaN
// equals NaN; an int and a float are different values.
func ApproxEqual(a, b any, tol float64) bool {
	switch x := a.(type) {
	case float64:
		y, ok := b.(float64)
		if !ok {
			return false
		}
		if x == y || math.IsNaN(x) && math.IsNaN(y) {
			return true
		}
		return math.Abs(x-y) <= tol*math.Max(math.Abs(x), math.Abs(y))
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !ApproxEqual(x[i], y[i], tol) {
				return false
			}
		}
		return true
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, v := range x {
			w, ok := y[k]
			if !ok || !ApproxEqual(v, w, tol) {
				return false
			}
		}
		return true
	}
	return a == b
}
