package graph

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
)

// NormalizeParams converts Cypher query parameters to the values both
// stores' Cypher takes: integers become int64 (json.Number too, when it
// is whole and fits), floats float64, typed slices and maps []any and
// map[string]any, element by element. Unlike properties, parameters may
// hold maps and nested lists. It is the one parameter normaliser: the
// API, the CLI and both stores' Cypher go through it, and anything it
// cannot represent exactly (an integer beyond int64, a malformed number,
// a Go type with no Cypher meaning) is an error naming the parameter.
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
	case nil, bool, int64, float64, string:
		return x, nil
	case int:
		return int64(x), nil
	case int8:
		return int64(x), nil
	case int16:
		return int64(x), nil
	case int32:
		return int64(x), nil
	case uint8:
		return int64(x), nil
	case uint16:
		return int64(x), nil
	case uint32:
		return int64(x), nil
	case uint:
		return uintParam(uint64(x))
	case uint64:
		return uintParam(x)
	case float32:
		return float64(x), nil
	case json.Number:
		if !strings.ContainsAny(string(x), ".eE") {
			if i, err := x.Int64(); err == nil {
				return i, nil
			}
			return nil, fmt.Errorf("integer %s is beyond a 64-bit signed integer", x)
		}
		f, err := x.Float64()
		if err != nil {
			return nil, fmt.Errorf("bad number %s", x)
		}
		return f, nil
	case []string:
		return listParam(x)
	case []int:
		return listParam(x)
	case []int64:
		return listParam(x)
	case []float64:
		return listParam(x)
	case []bool:
		return listParam(x)
	case []any:
		return listParam(x)
	case map[string]string:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = e
		}
		return out, nil
	case map[string]any:
		return NormalizeParams(x)
	default:
		return nil, fmt.Errorf("a parameter cannot hold a %T", v)
	}
}

func uintParam(x uint64) (any, error) {
	if x > math.MaxInt64 {
		return nil, fmt.Errorf("integer %d is beyond a 64-bit signed integer", x)
	}
	return int64(x), nil
}

func listParam[T any](x []T) (any, error) {
	out := make([]any, len(x))
	for i, e := range x {
		cv, err := normalizeParam(e)
		if err != nil {
			return nil, err
		}
		out[i] = cv
	}
	return out, nil
}
