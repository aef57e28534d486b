// Package exchange reads and writes graphs in the formats actorgraph
// exchanges with the outside: the versioned actorgraph JSON export
// document (which `actorgraph load` reads back), GraphML for desktop graph
// tools, and the seed files of graph/seed. Every reader validates all of
// its input before returning anything.
package exchange

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/seed"
)

// Format is the value of the format field of an export document.
const Format = "actorgraph/v1"

// Document is the export document.
type Document struct {
	Format        string               `json:"format"`
	ExportedAt    time.Time            `json:"exportedAt"`
	Nodes         []graph.Node         `json:"nodes"`
	Relationships []graph.Relationship `json:"relationships"`
}

// NewDocument wraps g, in canonical order, as an export document.
func NewDocument(g graph.Graph, now time.Time) Document {
	g = clone(g)
	graph.SortGraph(&g)
	if g.Nodes == nil {
		g.Nodes = []graph.Node{}
	}
	if g.Relationships == nil {
		g.Relationships = []graph.Relationship{}
	}
	return Document{Format: Format, ExportedAt: now.UTC().Truncate(time.Second), Nodes: g.Nodes, Relationships: g.Relationships}
}

func clone(g graph.Graph) graph.Graph {
	out := graph.Graph{
		Nodes:         make([]graph.Node, len(g.Nodes)),
		Relationships: append([]graph.Relationship(nil), g.Relationships...),
	}
	for i, n := range g.Nodes {
		n.Labels = append([]string(nil), n.Labels...)
		out.Nodes[i] = n
	}
	return out
}

// WriteJSON writes the document as indented JSON.
func WriteJSON(w io.Writer, doc Document) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}

// Problem is one thing wrong in an input file, located by line and column.
type Problem = seed.Problem

// Problems lists everything wrong in the input.
type Problems = seed.Problems

// DecodeJSON reads an export document. name is used in error positions.
// Every problem is reported, each with file:line:column.
func DecodeJSON(name string, data []byte) (graph.Graph, error) {
	doc, err := scanDocument(data)
	if err != nil {
		return graph.Graph{}, Problems{jsonProblem(name, data, err)}
	}
	var probs Problems
	if doc.format != Format {
		probs = append(probs, at(name, data, doc.formatAt, fmt.Sprintf("format is %q, want %q", doc.format, Format), "only actorgraph/v1 export documents can be loaded"))
	}
	var g graph.Graph
	keys := map[string]bool{}
	ids := map[string]bool{}
	for _, el := range doc.nodes {
		off := el.offset
		n, err := decodeNode(el.raw)
		if err != nil {
			probs = append(probs, at(name, data, off+jsonErrOffset(err), err.Error(), "a node is {\"id\",\"key\",\"labels\",\"properties\"}"))
			continue
		}
		switch {
		case !graph.IsID(n.ID):
			probs = append(probs, at(name, data, off, fmt.Sprintf("node id %q is not a UUID", n.ID), "ids are canonical UUIDs, as exported"))
		case n.Key == "":
			probs = append(probs, at(name, data, off, "node has no key", "every node needs a unique key"))
		case keys[n.Key]:
			probs = append(probs, at(name, data, off, fmt.Sprintf("duplicate node key %q", n.Key), "keys must be unique"))
		case ids[n.ID]:
			probs = append(probs, at(name, data, off, fmt.Sprintf("duplicate node id %q", n.ID), "ids must be unique"))
		case len(n.Labels) == 0:
			probs = append(probs, at(name, data, off, fmt.Sprintf("node %q has no labels", n.Key), "give it Actor and its kind"))
		}
		keys[n.Key], ids[n.ID] = true, true
		g.Nodes = append(g.Nodes, n)
	}
	relIDs := map[string]bool{}
	for _, el := range doc.rels {
		off := el.offset
		r, err := decodeRel(el.raw)
		if err != nil {
			probs = append(probs, at(name, data, off+jsonErrOffset(err), err.Error(), "a relationship is {\"id\",\"type\",\"start\",\"end\",\"properties\"}"))
			continue
		}
		switch {
		case !graph.IsID(r.ID):
			probs = append(probs, at(name, data, off, fmt.Sprintf("relationship id %q is not a UUID", r.ID), "ids are canonical UUIDs, as exported"))
		case relIDs[r.ID]:
			probs = append(probs, at(name, data, off, fmt.Sprintf("duplicate relationship id %q", r.ID), "ids must be unique"))
		case !graph.IsRelType(r.Type):
			probs = append(probs, at(name, data, off, fmt.Sprintf("relationship type %q is not UPPER_SNAKE_CASE", r.Type), "types look like SPIES_ON"))
		case !graph.IsID(r.Start) || !graph.IsID(r.End):
			probs = append(probs, at(name, data, off, "relationship start and end must be node ids (UUIDs)", "start and end refer to the nodes' id fields"))
		}
		relIDs[r.ID] = true
		g.Relationships = append(g.Relationships, r)
	}
	if len(probs) > 0 {
		return graph.Graph{}, probs
	}
	return g, nil
}

// element is one member of the nodes or relationships array, with the byte
// offset where it starts.
type element struct {
	raw    json.RawMessage
	offset int
}

type scanned struct {
	format      string
	formatAt    int
	nodes, rels []element
}

// offsetError is a structural error at a byte offset.
type offsetError struct {
	msg string
	off int
}

func (e *offsetError) Error() string { return e.msg }

// scanDocument walks the top level of the document with a token decoder
// so that every node and relationship keeps its position in the file.
func scanDocument(data []byte) (scanned, error) {
	var doc scanned
	dec := json.NewDecoder(bytes.NewReader(data))
	start := func() int { // offset of the next value, past white space and commas
		off := int(dec.InputOffset())
		for off < len(data) && strings.ContainsRune(" \t\r\n,:", rune(data[off])) {
			off++
		}
		return off
	}
	if tok, err := dec.Token(); err != nil {
		return doc, err
	} else if tok != json.Delim('{') {
		return doc, &offsetError{"an export document is a JSON object", 0}
	}
	seen := map[string]bool{}
	for dec.More() {
		keyAt := start()
		tok, err := dec.Token()
		if err != nil {
			return doc, err
		}
		key, _ := tok.(string)
		if seen[key] {
			return doc, &offsetError{fmt.Sprintf("field %q appears twice", key), keyAt}
		}
		seen[key] = true
		switch key {
		case "format":
			doc.formatAt = start()
			if err := dec.Decode(&doc.format); err != nil {
				return doc, err
			}
		case "exportedAt":
			var s string
			at := start()
			if err := dec.Decode(&s); err != nil {
				return doc, err
			}
			if _, err := time.Parse(time.RFC3339, s); err != nil {
				return doc, &offsetError{fmt.Sprintf("exportedAt %q is not an RFC 3339 time", s), at}
			}
		case "nodes", "relationships":
			list, err := scanArray(dec, start)
			if err != nil {
				return doc, err
			}
			if key == "nodes" {
				doc.nodes = list
			} else {
				doc.rels = list
			}
		default:
			return doc, &offsetError{fmt.Sprintf("unknown field %q", key), keyAt}
		}
	}
	if _, err := dec.Token(); err != nil {
		return doc, err
	}
	if after := start(); after < len(data) {
		return doc, &offsetError{"unexpected data after the document", after}
	}
	for _, k := range []string{"format", "nodes", "relationships"} {
		if !seen[k] {
			return doc, &offsetError{fmt.Sprintf("missing field %q", k), 0}
		}
	}
	return doc, nil
}

func scanArray(dec *json.Decoder, start func() int) ([]element, error) {
	at := start()
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	if tok != json.Delim('[') {
		return nil, &offsetError{"expected a list", at}
	}
	list := []element{}
	for dec.More() {
		el := element{offset: start()}
		if err := dec.Decode(&el.raw); err != nil {
			return nil, err
		}
		list = append(list, el)
	}
	_, err = dec.Token()
	return list, err
}

func decodeNode(data []byte) (graph.Node, error) {
	var n graph.Node
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	dec.DisallowUnknownFields()
	if err := dec.Decode(&n); err != nil {
		return n, err
	}
	props, err := graph.NormalizeProperties(n.Properties)
	n.Properties = props
	return n, err
}

func decodeRel(data []byte) (graph.Relationship, error) {
	var r graph.Relationship
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		return r, err
	}
	props, err := graph.NormalizeProperties(r.Properties)
	r.Properties = props
	return r, err
}

func jsonErrOffset(err error) int {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return int(se.Offset)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return int(te.Offset)
	}
	return 0
}

func jsonProblem(name string, data []byte, err error) Problem {
	var oe *offsetError
	if errors.As(err, &oe) {
		return at(name, data, oe.off, oe.msg, "see schema/export.schema.json")
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return at(name, data, int(se.Offset), "JSON syntax error: "+se.Error(), "check the brackets, commas and quotes near here")
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return at(name, data, int(te.Offset), fmt.Sprintf("field %q: expected %s, got %s", te.Field, te.Type, te.Value), "see schema/export.schema.json")
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return at(name, data, len(data), "the document ends too early", "the file is truncated or not JSON")
	}
	return at(name, data, 0, err.Error(), "see schema/export.schema.json")
}

// at turns a byte offset into a 1-based line and column.
func at(name string, data []byte, off int, msg, hint string) Problem {
	off = max(0, min(off, len(data)))
	line := 1 + bytes.Count(data[:off], []byte("\n"))
	col := off - bytes.LastIndexByte(data[:off], '\n')
	return Problem{File: name, Line: line, Column: col, Message: msg, Hint: hint}
}

// ReadFiles reads seed files (*.yaml, *.yml) and export documents (*.json)
// from files and directories (not recursive) and merges them into one
// graph. Seed files are read together, so they may refer to each other's
// nodes. Nothing is returned unless every file is valid; the error is a
// Problems listing everything wrong.
func ReadFiles(paths ...string) (graph.Graph, error) {
	var seeds, exports []string
	var probs Problems
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			probs = append(probs, Problem{File: p, Line: 0, Column: 0, Message: "cannot read: " + errors.Unwrap(err).Error(), Hint: "give a seed file, an export document or a directory of them"})
			continue
		}
		files := []string{p}
		if fi.IsDir() {
			entries, err := os.ReadDir(p)
			if err != nil {
				probs = append(probs, Problem{File: p, Message: err.Error()})
				continue
			}
			files = files[:0]
			for _, e := range entries {
				if !e.IsDir() {
					files = append(files, filepath.Join(p, e.Name()))
				}
			}
			sort.Strings(files)
		}
		for _, f := range files {
			switch strings.ToLower(filepath.Ext(f)) {
			case ".yaml", ".yml":
				seeds = append(seeds, f)
			case ".json":
				exports = append(exports, f)
			default:
				if !fi.IsDir() {
					probs = append(probs, Problem{File: f, Line: 1, Column: 1, Message: "unknown file type", Hint: "seed files end in .yaml or .yml, export documents in .json"})
				}
			}
		}
	}
	var g graph.Graph
	if len(seeds) > 0 {
		sg, err := seed.Read(seeds...)
		var sp Problems
		if errors.As(err, &sp) {
			probs = append(probs, sp...)
		} else if err != nil {
			probs = append(probs, Problem{File: seeds[0], Message: err.Error()})
		}
		g.Nodes = append(g.Nodes, sg.Nodes...)
		g.Relationships = append(g.Relationships, sg.Relationships...)
	}
	for _, f := range exports {
		data, err := os.ReadFile(f)
		if err != nil {
			probs = append(probs, Problem{File: f, Message: err.Error()})
			continue
		}
		eg, err := DecodeJSON(f, data)
		var ep Problems
		if errors.As(err, &ep) {
			probs = append(probs, ep...)
			continue
		}
		g.Nodes = append(g.Nodes, eg.Nodes...)
		g.Relationships = append(g.Relationships, eg.Relationships...)
	}
	probs = append(probs, crossCheck(g)...)
	if len(probs) > 0 {
		return graph.Graph{}, probs
	}
	return dedupe(g), nil
}

// crossCheck finds conflicts between files: one key with two ids, or one
// id with two keys.
func crossCheck(g graph.Graph) Problems {
	var probs Problems
	byKey := map[string]string{}
	for _, n := range g.Nodes {
		if id, ok := byKey[n.Key]; ok && id != n.ID {
			probs = append(probs, Problem{Message: fmt.Sprintf("node key %q has two ids (%s, %s) in the input", n.Key, id, n.ID), Hint: "a key always has the id graph.NodeID(key) in seed files; check the export files"})
		}
		byKey[n.Key] = n.ID
	}
	return probs
}

// dedupe keeps the last of items with the same id, so that loading an
// export of seed data together with the seeds is not an error.
func dedupe(g graph.Graph) graph.Graph {
	seenN := map[string]int{}
	var out graph.Graph
	for _, n := range g.Nodes {
		if i, ok := seenN[n.ID]; ok {
			out.Nodes[i] = n
			continue
		}
		seenN[n.ID] = len(out.Nodes)
		out.Nodes = append(out.Nodes, n)
	}
	seenR := map[string]int{}
	for _, r := range g.Relationships {
		if i, ok := seenR[r.ID]; ok {
			out.Relationships[i] = r
			continue
		}
		seenR[r.ID] = len(out.Relationships)
		out.Relationships = append(out.Relationships, r)
	}
	return out
}
