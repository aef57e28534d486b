package neo4jstore

import (
	"encoding/base64"
	"sort"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/actorgraph/actorgraph/graph"
)

// toNode converts a driver node: id and key come from their properties,
// the internal label and properties are dropped and labels are sorted.
func toNode(n dbtype.Node) graph.Node {
	out := graph.Node{Labels: make([]string, 0, len(n.Labels)), Properties: make(map[string]any, len(n.Props))}
	for _, l := range n.Labels {
		if l != NodeLabel {
			out.Labels = append(out.Labels, l)
		}
	}
	sort.Strings(out.Labels)
	for k, v := range n.Props {
		switch k {
		case "id":
			out.ID, _ = v.(string)
		case "key":
			out.Key, _ = v.(string)
		case propSearch, propSort:
		default:
			out.Properties[k] = plainValue(v)
		}
	}
	return out
}

// toRel converts a driver relationship given the ids of its end nodes,
// which the driver only knows by element id.
func toRel(r dbtype.Relationship, start, end string) graph.Relationship {
	out := graph.Relationship{Type: r.Type, Start: start, End: end, Properties: make(map[string]any, len(r.Props))}
	for k, v := range r.Props {
		if k == "id" {
			out.ID, _ = v.(string)
			continue
		}
		out.Properties[k] = plainValue(v)
	}
	return out
}

// plainValue turns a driver value that is not a node, relationship or path
// into a plain JSON value: temporal values become ISO 8601 strings, points
// maps, byte arrays base64 strings.
func plainValue(v any) any {
	switch x := v.(type) {
	case nil, bool, int64, float64, string:
		return x
	case int:
		return int64(x)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = plainValue(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = plainValue(e)
		}
		return out
	case []byte:
		return base64.StdEncoding.EncodeToString(x)
	case time.Time:
		return x.Format(time.RFC3339Nano)
	case dbtype.Date:
		return x.String()
	case dbtype.LocalDateTime:
		return x.String()
	case dbtype.LocalTime:
		return x.String()
	case dbtype.Time:
		return x.String()
	case dbtype.Duration:
		return x.String()
	case dbtype.Point2D:
		return map[string]any{"srid": int64(x.SpatialRefId), "x": x.X, "y": x.Y}
	case dbtype.Point3D:
		return map[string]any{"srid": int64(x.SpatialRefId), "x": x.X, "y": x.Y, "z": x.Z}
	default:
		return x
	}
}
