package exchange

import (
	"archive/zip"
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/graph"
)

// The CSV pair: nodes.csv and relationships.csv with headers in the form
// of Neo4j's offline bulk importer (neo4j-admin database import), zipped
// together so that one download holds both:
//
//	nodes.csv:          id:ID,key,:LABEL,name,aliases:string[],...
//	relationships.csv:  :START_ID,:END_ID,:TYPE,id,confidence:double,...
//
// A column has the type all its values share (long, double, boolean,
// string, or an array of one of them, split on ';'); a column whose
// values differ in type, or a list whose strings hold ';', is a string
// column holding JSON text. An empty cell is no property.

// CSV file names inside the zip.
const (
	CSVNodes         = "nodes.csv"
	CSVRelationships = "relationships.csv"
)

// csvArrayDelimiter is neo4j-admin's default --array-delimiter.
const csvArrayDelimiter = ";"

// WriteCSVZip writes the CSV pair of g as a zip.
func WriteCSVZip(w io.Writer, g graph.Graph, now time.Time) error {
	zw := zip.NewWriter(w)
	for _, f := range []struct {
		name  string
		write func(io.Writer, graph.Graph) error
	}{{CSVNodes, WriteCSVNodes}, {CSVRelationships, WriteCSVRelationships}} {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: now.UTC().Truncate(time.Second)})
		if err != nil {
			return err
		}
		if err := f.write(fw, g); err != nil {
			return err
		}
	}
	return zw.Close()
}

// csvColumn is a property column: its name and its neo4j-admin type
// ("" for JSON text in a string column).
type csvColumn struct {
	name, typ string
}

func (c csvColumn) header() string {
	if c.typ == "" {
		return c.name + ":string"
	}
	return c.name + ":" + c.typ
}

// csvColumns types the property columns of a list of property maps.
func csvColumns(props []map[string]any) []csvColumn {
	types := map[string]string{}
	for _, p := range props {
		for k, v := range p {
			t := csvType(v)
			if old, ok := types[k]; ok && old != t {
				t = ""
			}
			types[k] = t
		}
	}
	cols := make([]csvColumn, 0, len(types))
	for _, k := range sortedKeys(anyMap(types)) {
		cols = append(cols, csvColumn{k, types[k]})
	}
	return cols
}

func anyMap(m map[string]string) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// csvType is the neo4j-admin type of one value; "" when only JSON text
// will do.
func csvType(v any) string {
	switch x := v.(type) {
	case string:
		return "string"
	case int64, int:
		return "long"
	case float64:
		return "double"
	case bool:
		return "boolean"
	case []any:
		if len(x) == 0 {
			return ""
		}
		t := csvType(x[0])
		for _, e := range x {
			if csvType(e) != t || t == "" || strings.HasSuffix(t, "[]") {
				return ""
			}
			if s, ok := e.(string); ok && (strings.Contains(s, csvArrayDelimiter) || s == "") {
				return ""
			}
		}
		return t + "[]"
	}
	return ""
}

// csvCell renders a value for a column of type typ.
func csvCell(v any, typ string) string {
	if typ == "" {
		if s, ok := v.(string); ok {
			return s
		}
		return jsonText(v)
	}
	if list, ok := v.([]any); ok {
		parts := make([]string, len(list))
		for i, e := range list {
			parts[i] = csvCell(e, strings.TrimSuffix(typ, "[]"))
		}
		return strings.Join(parts, csvArrayDelimiter)
	}
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	}
	return attrText(v)
}

// WriteCSVNodes writes nodes.csv.
func WriteCSVNodes(w io.Writer, g graph.Graph) error {
	g = clone(g)
	graph.SortGraph(&g)
	props := make([]map[string]any, len(g.Nodes))
	for i, n := range g.Nodes {
		props[i] = n.Properties
	}
	cols := csvColumns(props)
	cw := csv.NewWriter(w)
	head := []string{"id:ID", "key", ":LABEL"}
	for _, c := range cols {
		head = append(head, c.header())
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	for _, n := range g.Nodes {
		row := []string{n.ID, n.Key, strings.Join(n.Labels, csvArrayDelimiter)}
		for _, c := range cols {
			row = append(row, cellOf(n.Properties, c))
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteCSVRelationships writes relationships.csv.
func WriteCSVRelationships(w io.Writer, g graph.Graph) error {
	g = clone(g)
	graph.SortGraph(&g)
	props := make([]map[string]any, len(g.Relationships))
	for i, r := range g.Relationships {
		props[i] = r.Properties
	}
	cols := csvColumns(props)
	cw := csv.NewWriter(w)
	head := []string{":START_ID", ":END_ID", ":TYPE", "id"}
	for _, c := range cols {
		head = append(head, c.header())
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	for _, r := range g.Relationships {
		row := []string{r.Start, r.End, r.Type, r.ID}
		for _, c := range cols {
			row = append(row, cellOf(r.Properties, c))
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func cellOf(p map[string]any, c csvColumn) string {
	v, ok := p[c.name]
	if !ok || v == nil {
		return ""
	}
	return csvCell(v, c.typ)
}
