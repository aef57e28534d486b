package graph

import "fmt"

// NormalizeParams converts decoded JSON query parameters to Cypher values:
// json.Number becomes int64 when whole (like Neo4j's integer parameters)
// or float64, and maps and lists are converted element by element. Unlike
// properties, parameters may hold maps and nested lists.
func NormalizeParams(in map[string]any) (map[string]any, error) {
	out := make(map[string]any, len(in))
	for k, v := range in {
		cv, err := normalizeParam(v)
		if err != nil {
			return nil, fmt.Errorf("parameter %q: %w", k, err)
		}
		out[k] = cv
	}
	return out, nil
}

func normalizeParam(v any) (any, error) {
	switch x := v.(type) {
	case map[string]any:
		return NormalizeParams(x)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			cv, err := normalizeParam(e)
			if err != nil {
				return nil, err
			}
			out[i] = cv
		}
		return out, nil
	default:
		return NormalizeValue(v)
	}
}
