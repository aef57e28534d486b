package neo4jstore

import (
	"encoding/base64"
	"fmt"
	"sort"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/temporal"
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
// into a plain JSON value: temporal values become ISO 8601 strings as
// Neo4j's toString writes them (the same text the embedded store gives,
// through graph/temporal), points maps, byte arrays base64 strings.
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
	case time.Time, dbtype.Date, dbtype.LocalDateTime, dbtype.LocalTime, dbtype.Time, dbtype.Duration:
		if t, err := toTemporal(x); err == nil {
			return temporal.String(t)
		}
		return fmt.Sprint(x)
	case dbtype.Point2D:
		return map[string]any{"srid": int64(x.SpatialRefId), "x": x.X, "y": x.Y}
	case dbtype.Point3D:
		return map[string]any{"srid": int64(x.SpatialRefId), "x": x.X, "y": x.Y, "z": x.Z}
	default:
		return x
	}
}

// toTemporal turns the driver's temporal values into graph/temporal's.
// The driver gives a DateTime as a time.Time whose location is a fixed
// zone named "Offset" for an offset, or the IANA zone for a named one.
func toTemporal(v any) (any, error) {
	localTime := func(t time.Time) (temporal.LocalTime, error) {
		return temporal.LocalTimeOf(int64(t.Hour()), int64(t.Minute()), int64(t.Second()), int64(t.Nanosecond()))
	}
	date := func(t time.Time) (temporal.Date, error) {
		y, m, d := t.Date()
		return temporal.DateOf(int64(y), int(m), d)
	}
	switch x := v.(type) {
	case dbtype.Date:
		return date(time.Time(x))
	case dbtype.LocalTime:
		return localTime(time.Time(x))
	case dbtype.Time:
		t := time.Time(x)
		lt, err := localTime(t)
		if err != nil {
			return nil, err
		}
		_, off := t.Zone()
		return temporal.TimeOf(lt, off)
	case dbtype.LocalDateTime:
		t := time.Time(x)
		d, err := date(t)
		if err != nil {
			return nil, err
		}
		lt, err := localTime(t)
		if err != nil {
			return nil, err
		}
		return temporal.LocalDateTimeOf(d, lt), nil
	case time.Time:
		zone := temporal.NamedZone(x.Location())
		if name, off := x.Zone(); x.Location().String() == "Offset" || name == "Offset" {
			var err error
			if zone, err = temporal.FixedZone(off); err != nil {
				return nil, err
			}
		}
		return temporal.DateTimeFromEpoch(x.Unix(), int64(x.Nanosecond()), zone)
	case dbtype.Duration:
		return temporal.NewDuration(x.Months, x.Days, x.Seconds, int64(x.Nanos))
	}
	return nil, fmt.Errorf("not a temporal value: %T", v)
}
