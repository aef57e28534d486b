package exchange

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/seed"
)

// Reading CSV: the pair in neo4j-admin form (nodes with an :ID column,
// relationships with :START_ID, :END_ID and :TYPE), as WriteCSVZip writes
// it or as other tools make it for Neo4j's bulk importer; and spreadsheets
// as Kumu users keep them: connections (From, To, Type and any other
// columns) and, optionally, elements (Label, Type and any other columns).
// All the CSV files of one load are read together, since relationships
// name nodes of another file.

// CSVFile is one CSV file of a load: its name for problems and its bytes.
type CSVFile struct {
	Name string
	Data []byte
}

// csvTable is a parsed file: its header and rows with their positions.
type csvTable struct {
	name   string
	header []string
	rows   [][]string
	pos    [][][2]int // per row, per field: line, column
	line   []int      // per row: the line it starts on
}

func parseCSV(f CSVFile) (*csvTable, Problems) {
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(f.Data, []byte("\xef\xbb\xbf"))))
	r.FieldsPerRecord = -1
	t := &csvTable{name: f.Name}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, Problems{{File: f.Name, Line: pe.Line, Column: pe.Column, Message: "not CSV: " + pe.Err.Error(), Hint: "quote fields with \" and double the quotes inside"}}
			}
			return nil, Problems{{File: f.Name, Message: err.Error()}}
		}
		pos := make([][2]int, len(rec))
		for i := range rec {
			l, c := r.FieldPos(i)
			pos[i] = [2]int{l, c}
		}
		if t.header == nil {
			t.header = rec
			continue
		}
		if len(rec) == 1 && rec[0] == "" {
			continue
		}
		t.rows = append(t.rows, rec)
		t.pos = append(t.pos, pos)
		t.line = append(t.line, pos[0][0])
	}
	if t.header == nil {
		return nil, Problems{{File: f.Name, Line: 1, Column: 1, Message: "empty CSV file", Hint: "the first line is the header"}}
	}
	return t, nil
}

func (t *csvTable) at(row, col int) (int, int) {
	if col < len(t.pos[row]) {
		return t.pos[row][col][0], t.pos[row][col][1]
	}
	return t.line[row], 1
}

// col finds a header column by name, case-insensitively; -1 if absent.
func (t *csvTable) col(names ...string) int {
	for i, h := range t.header {
		for _, n := range names {
			if strings.EqualFold(strings.TrimSpace(h), n) {
				return i
			}
		}
	}
	return -1
}

func (t *csvTable) cell(row, col int) string {
	if col < 0 || col >= len(t.rows[row]) {
		return ""
	}
	return t.rows[row][col]
}

// adminColumn is a column of a neo4j-admin header: "name:type",
// ":ID", "id:ID(group)", ":LABEL", ":START_ID", ":END_ID", ":TYPE".
type adminColumn struct {
	name, role, typ string
}

func parseAdminHeader(h []string) []adminColumn {
	cols := make([]adminColumn, len(h))
	for i, s := range h {
		name, typ, _ := strings.Cut(strings.TrimSpace(s), ":")
		if j := strings.IndexByte(typ, '('); j >= 0 {
			typ = typ[:j]
		}
		switch strings.ToUpper(typ) {
		case "ID", "LABEL", "START_ID", "END_ID", "TYPE", "IGNORE":
			cols[i] = adminColumn{name: name, role: strings.ToUpper(typ)}
		default:
			cols[i] = adminColumn{name: name, typ: strings.ToLower(typ)}
		}
	}
	return cols
}

// adminValue converts a cell of a typed column.
func adminValue(s, typ string) (any, error) {
	if elem, ok := strings.CutSuffix(typ, "[]"); ok {
		parts := strings.Split(s, csvArrayDelimiter)
		out := make([]any, len(parts))
		for i, p := range parts {
			v, err := adminValue(p, elem)
			if err != nil {
				return nil, err
			}
			out[i] = v
		}
		return out, nil
	}
	switch typ {
	case "long", "int", "short", "byte":
		i, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not an integer (column type %s)", s, typ)
		}
		return i, nil
	case "double", "float":
		f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not a number (column type %s)", s, typ)
		}
		return f, nil
	case "boolean":
		b, err := strconv.ParseBool(strings.TrimSpace(s))
		if err != nil {
			return nil, fmt.Errorf("%q is not true or false", s)
		}
		return b, nil
	}
	return s, nil
}

// csvKind says what a table holds, from its header.
func csvKind(t *csvTable) string {
	cols := parseAdminHeader(t.header)
	roles := map[string]bool{}
	for _, c := range cols {
		roles[c.role] = true
	}
	switch {
	case roles["START_ID"] || roles["END_ID"]:
		return "relationships"
	case roles["ID"]:
		return "nodes"
	case t.col("from") >= 0 && t.col("to") >= 0:
		return "connections"
	case t.col("label", "name") >= 0:
		return "elements"
	}
	return ""
}

// ReadCSV reads CSV files together (see CSVFile) into one graph, or
// returns every problem with file:line:column. Nodes that Kumu
// connections name but no file defines are returned in implied: the
// caller adds those that no other input defines either.
func ReadCSV(files []CSVFile) (g graph.Graph, implied []graph.Node, err error) {
	var probs Problems
	var nodeTabs, relTabs, connTabs, elemTabs []*csvTable
	for _, f := range files {
		t, ps := parseCSV(f)
		probs = append(probs, ps...)
		if t == nil {
			continue
		}
		switch csvKind(t) {
		case "nodes":
			nodeTabs = append(nodeTabs, t)
		case "relationships":
			relTabs = append(relTabs, t)
		case "connections":
			connTabs = append(connTabs, t)
		case "elements":
			elemTabs = append(elemTabs, t)
		default:
			probs = append(probs, Problem{File: f.Name, Line: 1, Column: 1, Message: "cannot tell what this CSV holds",
				Hint: "nodes have an :ID column and relationships :START_ID, :END_ID and :TYPE (neo4j-admin import form); a spreadsheet of connections has From, To and Type columns, one of elements a Label column"})
		}
	}
	type nodeAt struct {
		file      string
		line, col int
	}
	byRef := map[string]string{} // :ID value or key -> node id
	keyOf := map[string]string{} // node id -> key
	seen := map[string]nodeAt{}  // node id -> where defined
	addNode := func(t *csvTable, row int, n graph.Node, ref string) {
		l, c := t.at(row, 0)
		if prev, dup := seen[n.ID]; dup {
			probs = append(probs, Problem{File: t.name, Line: l, Column: c, Message: fmt.Sprintf("node %q is also defined at %s:%d", n.Key, prev.file, prev.line), Hint: "keys and ids must be unique"})
			return
		}
		seen[n.ID] = nodeAt{t.name, l, c}
		if err := graph.CheckNode(n); err != nil {
			probs = append(probs, Problem{File: t.name, Line: l, Column: c, Message: graph.MessageOf(err), Hint: "every store applies these rules (see graph/validate.go)"})
			return
		}
		byRef[ref] = n.ID
		byRef[n.Key] = n.ID
		keyOf[n.ID] = n.Key
		g.Nodes = append(g.Nodes, n)
	}
	for _, t := range nodeTabs {
		cols := parseAdminHeader(t.header)
		for row := range t.rows {
			n := graph.Node{Properties: map[string]any{}}
			var ref string
			ok := true
			for i, c := range cols {
				v := t.cell(row, i)
				switch {
				case c.role == "ID":
					ref = v
					if c.name != "" && c.name != "id" {
						n.Properties[c.name] = v
					}
				case c.role == "LABEL":
					for _, l := range strings.Split(v, csvArrayDelimiter) {
						if l = strings.TrimSpace(l); l != "" {
							n.Labels = append(n.Labels, l)
						}
					}
				case c.role != "":
				case c.name == "key":
					n.Key = v
				case v == "":
				default:
					val, err := adminValue(v, c.typ)
					if err != nil {
						l, col := t.at(row, i)
						probs = append(probs, Problem{File: t.name, Line: l, Column: col, Message: fmt.Sprintf("column %s: %v", c.name, err)})
						ok = false
						continue
					}
					n.Properties[c.name] = val
				}
			}
			if n.Key == "" {
				n.Key = ref
			}
			if graph.IsID(ref) {
				n.ID = ref
			} else {
				n.ID = graph.NodeID(n.Key)
			}
			if !ok {
				byRef[ref] = n.ID // its problem is reported; not its relationships'
				continue
			}
			addNode(t, row, n, ref)
		}
	}
	for _, t := range elemTabs {
		label, kind := t.col("label", "name"), t.col("type", "kind")
		for row := range t.rows {
			name := strings.TrimSpace(t.cell(row, label))
			key := kumuKey(name)
			n := graph.Node{ID: graph.NodeID(key), Key: key, Labels: []string{graph.LabelActor}, Properties: map[string]any{}}
			if name != "" {
				n.Properties[graph.PropName] = name
			}
			if k := kumuLabel(t.cell(row, kind)); k != "" && k != graph.LabelActor {
				n.Labels = append(n.Labels, k)
			}
			for i, h := range t.header {
				if i == label || i == kind || t.cell(row, i) == "" {
					continue
				}
				n.Properties[kumuProp(h)] = kumuValue(kumuProp(h), t.cell(row, i))
			}
			addNode(t, row, n, name)
		}
	}
	relSeen := map[string]nodeAt{}
	addRel := func(t *csvTable, row int, r graph.Relationship) {
		l, c := t.at(row, 0)
		if prev, dup := relSeen[r.ID]; dup {
			probs = append(probs, Problem{File: t.name, Line: l, Column: c, Message: fmt.Sprintf("relationship %s is also at %s:%d", r.ID, prev.file, prev.line), Hint: "a relationship's id (or its ends, type, source and locator) must be unique"})
			return
		}
		relSeen[r.ID] = nodeAt{t.name, l, c}
		if err := graph.CheckRelationship(r); err != nil {
			probs = append(probs, Problem{File: t.name, Line: l, Column: c, Message: graph.MessageOf(err), Hint: "every store applies these rules (see graph/validate.go)"})
			return
		}
		g.Relationships = append(g.Relationships, r)
	}
	for _, t := range relTabs {
		cols := parseAdminHeader(t.header)
		for row := range t.rows {
			r := graph.Relationship{Properties: map[string]any{}}
			ok := true
			for i, c := range cols {
				v := t.cell(row, i)
				l, col := t.at(row, i)
				switch {
				case c.role == "START_ID" || c.role == "END_ID":
					id, found := byRef[v]
					if !found {
						probs = append(probs, Problem{File: t.name, Line: l, Column: col, Message: fmt.Sprintf(":%s %q is not the :ID of a node in the input", c.role, v), Hint: "give the nodes file in the same load"})
						ok = false
					} else if c.role == "START_ID" {
						r.Start = id
					} else {
						r.End = id
					}
				case c.role == "TYPE":
					r.Type = v
				case c.role != "":
				case c.name == "id":
					r.ID = v
				case v == "":
				default:
					val, err := adminValue(v, c.typ)
					if err != nil {
						probs = append(probs, Problem{File: t.name, Line: l, Column: col, Message: fmt.Sprintf("column %s: %v", c.name, err)})
						ok = false
						continue
					}
					r.Properties[c.name] = val
				}
			}
			if !ok {
				continue
			}
			if !graph.IsID(r.ID) {
				if r.ID != "" {
					r.Properties["externalId"] = r.ID
				}
				r.ID = graph.RelID(keyOf[r.Start], r.Type, keyOf[r.End], discriminator(r.Properties, r.ID))
			}
			addRel(t, row, r)
		}
	}
	impliedAt := map[string]bool{}
	for _, t := range connTabs {
		from, to, typ := t.col("from"), t.col("to"), t.col("type", "connection type")
		if typ < 0 {
			probs = append(probs, Problem{File: t.name, Line: 1, Column: 1, Message: "no Type column", Hint: "a connection is From, To, Type and optional columns (claim, source, locator, confidence, since, until, ...)"})
			continue
		}
		for row := range t.rows {
			ends := [2]string{}
			ok := true
			for k, ci := range []int{from, to} {
				name := strings.TrimSpace(t.cell(row, ci))
				if name == "" {
					l, c := t.at(row, ci)
					probs = append(probs, Problem{File: t.name, Line: l, Column: c, Message: fmt.Sprintf("empty %s", strings.ToLower(t.header[ci]))})
					ok = false
					continue
				}
				id, found := byRef[name]
				if !found {
					key := kumuKey(name)
					id = graph.NodeID(key)
					if !impliedAt[id] {
						impliedAt[id] = true
						implied = append(implied, graph.Node{ID: id, Key: key, Labels: []string{graph.LabelActor}, Properties: map[string]any{graph.PropName: name}})
						keyOf[id] = key
					}
				}
				ends[k] = id
			}
			rt := phraseType(t.cell(row, typ))
			if !graph.IsRelType(rt) {
				l, c := t.at(row, typ)
				probs = append(probs, Problem{File: t.name, Line: l, Column: c, Message: fmt.Sprintf("type %q cannot be a relationship type", t.cell(row, typ)), Hint: "a type is words (spies on) or UPPER_SNAKE_CASE (SPIES_ON)"})
				ok = false
			}
			props := map[string]any{}
			for i, h := range t.header {
				if i == from || i == to || i == typ || t.cell(row, i) == "" {
					continue
				}
				name := kumuProp(h)
				v := kumuValue(name, t.cell(row, i))
				if _, isStr := v.(string); !isStr && (name == graph.PropConfidence || name == graph.PropLocator) {
					props[name] = v
				} else if name == graph.PropConfidence || name == graph.PropLocator {
					l, c := t.at(row, i)
					probs = append(probs, Problem{File: t.name, Line: l, Column: c, Message: fmt.Sprintf("%s %q is not a number", name, t.cell(row, i))})
					ok = false
				} else {
					props[name] = v
				}
			}
			if !ok {
				continue
			}
			// A symmetric type is stored one way round, whichever way the
			// row has it, as the seed reader does (graph.Canonical).
			if _, _, swapped := graph.Canonical(rt, keyOf[ends[0]], keyOf[ends[1]]); swapped {
				ends[0], ends[1] = ends[1], ends[0]
			}
			r := graph.Relationship{Type: rt, Start: ends[0], End: ends[1], Properties: props}
			r.ID = graph.RelID(keyOf[r.Start], r.Type, keyOf[r.End], discriminator(props, ""))
			addRel(t, row, r)
		}
	}
	if len(probs) > 0 {
		probs.Sort()
		return graph.Graph{}, nil, probs
	}
	return g, implied, nil
}

// discriminator tells apart relationships with the same ends and type,
// as seed files do: the source and locator, else an id the file gave.
func discriminator(p map[string]any, fallback string) string {
	s := str(p, graph.PropSource)
	if l, ok := p[graph.PropLocator]; ok || s != "" {
		return fmt.Sprintf("%s#%v", s, l)
	}
	return fallback
}

// kumuKey makes a key from an element's label: a slug when it has Latin
// letters or digits, else the label itself.
func kumuKey(name string) string {
	if k := seed.Slug(name); k != "" {
		return k
	}
	return strings.TrimSpace(name)
}

// kumuLabel makes a label from an element type ("public body" ->
// PublicBody); "" if none can be made.
func kumuLabel(s string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		b.WriteString(withFirst(w, unicode.ToUpper))
	}
	if !graph.ValidLabel(b.String()) {
		return ""
	}
	return b.String()
}

// kumuProp makes a property name from a column header: words in lower
// camel case ("Attributed To" -> attributedTo).
func kumuProp(h string) string {
	words := strings.FieldsFunc(strings.TrimSpace(h), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(words) == 0 {
		return "column"
	}
	var b strings.Builder
	for i, w := range words {
		if i == 0 {
			b.WriteString(withFirst(w, unicode.ToLower))
		} else {
			b.WriteString(withFirst(w, unicode.ToUpper))
		}
	}
	p := b.String()
	if p == "id" || p == "key" {
		p = "external" + strings.ToUpper(p[:1]) + p[1:]
	}
	return p
}

// withFirst applies f to the first letter of w.
func withFirst(w string, f func(rune) rune) string {
	r, size := utf8.DecodeRuneInString(w)
	return string(f(r)) + w[size:]
}

// kumuValue types the evidence fields that are numbers (locator,
// confidence); every other cell stays text.
func kumuValue(name, s string) any {
	s = strings.TrimSpace(s)
	switch name {
	case graph.PropLocator:
		if i, err := strconv.ParseInt(s, 10, 64); err == nil {
			return i
		}
	case graph.PropConfidence:
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			return f
		}
	}
	return s
}

// ReadCSVZip reads the CSV files inside a zip (as WriteCSVZip writes
// them); problems name the files as zip/name.
func ReadCSVZip(name string, data []byte) ([]CSVFile, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, Problems{{File: name, Message: "not a zip file: " + err.Error()}}
	}
	var files []CSVFile
	for _, f := range zr.File {
		if !strings.HasSuffix(strings.ToLower(f.Name), ".csv") {
			continue
		}
		if f.UncompressedSize64 > 1<<31 {
			return nil, Problems{{File: name + "/" + f.Name, Message: "too large"}}
		}
		rc, err := f.Open()
		if err != nil {
			return nil, Problems{{File: name + "/" + f.Name, Message: err.Error()}}
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, Problems{{File: name + "/" + f.Name, Message: err.Error()}}
		}
		files = append(files, CSVFile{Name: name + "/" + f.Name, Data: b})
	}
	if len(files) == 0 {
		return nil, Problems{{File: name, Message: "the zip holds no .csv file", Hint: "an actorgraph CSV export holds nodes.csv and relationships.csv"}}
	}
	return files, nil
}
