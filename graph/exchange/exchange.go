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
	"hash/maphash"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
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
// Every problem is reported, each with file:line:column. Large documents
// are parsed on every core; the graph keeps no reference to data.
func DecodeJSON(name string, data []byte) (graph.Graph, error) {
	g, how, err := decodeFast(name, data, true)
	if how == unusualLayout {
		g, how, err = decodeFast(name, data, false)
	}
	if how != decoded {
		return decodeWithDecoder(name, data)
	}
	return g, err
}

// decodeWithDecoder reads a document with a json.Decoder, token by token
// and element by element. It is the reference the fast path of DecodeJSON
// must agree with, and reports problems in documents that path cannot
// read.
func decodeWithDecoder(name string, data []byte) (graph.Graph, error) {
	doc, err := scanDocument(data)
	if err != nil {
		return graph.Graph{}, Problems{jsonProblem(name, data, err)}
	}
	return check(name, data, doc.format, doc.formatAt, decodeEach(doc.nodes, decodeNode, nodeFlags), decodeEach(doc.rels, decodeRel, relFlags))
}

// elements are the decoded members of the nodes or relationships array,
// each with where it starts in the document and its status: the checks of
// a single element it fails (see nodeFlags and relFlags), or failed, with
// the reason in errs.
type elements[T any] struct {
	items  []T
	spans  spans
	status []uint8
	errs   map[int]error
}

// The bits of an element's status.
const (
	failed uint8 = 1 << iota
	// misplaced: the element does not end where the scan guessed.
	misplaced
	badID
	noKey
	noLabels
	badType
	badEnds
)

func nodeFlags(n *graph.Node) uint8 {
	var f uint8
	if !graph.IsID(n.ID) {
		f |= badID
	}
	if n.Key == "" {
		f |= noKey
	}
	if len(n.Labels) == 0 {
		f |= noLabels
	}
	return f
}

func relFlags(r *graph.Relationship) uint8 {
	var f uint8
	if !graph.IsID(r.ID) {
		f |= badID
	}
	if !graph.IsRelType(r.Type) {
		f |= badType
	}
	if !graph.IsID(r.Start) || !graph.IsID(r.End) {
		f |= badEnds
	}
	return f
}

func decodeEach[T any](list []element, decode func([]byte) (T, error), flags func(*T) uint8) *elements[T] {
	e := &elements[T]{items: make([]T, len(list)), status: make([]uint8, len(list)), errs: map[int]error{}}
	for k, el := range list {
		e.spans.add(span{el.offset, el.offset + len(el.raw)})
		item, err := decode(el.raw)
		if err != nil {
			e.status[k], e.errs[k] = failed, err
			continue
		}
		e.items[k], e.status[k] = item, flags(&item)
	}
	return e
}

// check turns the decoded document into a graph, or lists everything
// wrong with it: the problems of single elements and duplicate ids and
// keys, in the order of the document.
func check(name string, data []byte, format string, formatAt int, nodes *elements[graph.Node], rels *elements[graph.Relationship]) (graph.Graph, error) {
	loc := newLocator(name, data)
	var probs Problems
	if format != Format {
		probs = append(probs, loc.at(formatAt, fmt.Sprintf("format is %q, want %q", format, Format), "only actorgraph/v1 export documents can be loaded"))
	}
	nodeOK := func(k int) bool { return nodes.status[k]&failed == 0 }
	dupKeys := repeated(len(nodes.items), nodeOK, func(k int) string { return nodes.items[k].Key })
	dupIDs := repeated(len(nodes.items), nodeOK, func(k int) string { return nodes.items[k].ID })
	for k := range nodes.items {
		off, f := nodes.spans.at(k).start, nodes.status[k]
		if f&failed != 0 {
			err := nodes.errs[k]
			probs = append(probs, loc.at(off+jsonErrOffset(err), err.Error(), "a node is {\"id\",\"key\",\"labels\",\"properties\"}"))
			continue
		}
		n := &nodes.items[k]
		switch {
		case f&badID != 0:
			probs = append(probs, loc.at(off, fmt.Sprintf("node id %q is not a UUID", n.ID), "ids are canonical UUIDs, as exported"))
		case f&noKey != 0:
			probs = append(probs, loc.at(off, "node has no key", "every node needs a unique key"))
		case dupKeys[k]:
			probs = append(probs, loc.at(off, fmt.Sprintf("duplicate node key %q", n.Key), "keys must be unique"))
		case dupIDs[k]:
			probs = append(probs, loc.at(off, fmt.Sprintf("duplicate node id %q", n.ID), "ids must be unique"))
		case f&noLabels != 0:
			probs = append(probs, loc.at(off, fmt.Sprintf("node %q has no labels", n.Key), "give it Actor and its kind"))
		default:
			if err := graph.CheckNode(*n); err != nil {
				probs = append(probs, loc.at(off, graph.MessageOf(err), "every store applies these rules (see graph/validate.go)"))
			}
		}
	}
	dupRelIDs := repeated(len(rels.items), func(k int) bool { return rels.status[k]&failed == 0 }, func(k int) string { return rels.items[k].ID })
	for k := range rels.items {
		off, f := rels.spans.at(k).start, rels.status[k]
		if f&failed != 0 {
			err := rels.errs[k]
			probs = append(probs, loc.at(off+jsonErrOffset(err), err.Error(), "a relationship is {\"id\",\"type\",\"start\",\"end\",\"properties\"}"))
			continue
		}
		r := &rels.items[k]
		switch {
		case f&badID != 0:
			probs = append(probs, loc.at(off, fmt.Sprintf("relationship id %q is not a UUID", r.ID), "ids are canonical UUIDs, as exported"))
		case dupRelIDs[k]:
			probs = append(probs, loc.at(off, fmt.Sprintf("duplicate relationship id %q", r.ID), "ids must be unique"))
		case f&badType != 0:
			probs = append(probs, loc.at(off, fmt.Sprintf("relationship type %q is not UPPER_SNAKE_CASE", r.Type), "types look like SPIES_ON"))
		case f&badEnds != 0:
			probs = append(probs, loc.at(off, "relationship start and end must be node ids (UUIDs)", "start and end refer to the nodes' id fields"))
		default:
			if err := graph.CheckRelationship(*r); err != nil {
				probs = append(probs, loc.at(off, graph.MessageOf(err), "every store applies these rules (see graph/validate.go)"))
			}
		}
	}
	if len(probs) > 0 {
		return graph.Graph{}, probs
	}
	// An empty array decodes to nil, as it always has.
	var g graph.Graph
	if len(nodes.items) > 0 {
		g.Nodes = nodes.items
	}
	if len(rels.items) > 0 {
		g.Relationships = rels.items
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

// repeated reports for each of n items whether an earlier one, of those
// use accepts, has the same key. One map of a million keys misses the
// cache on nearly every access, which made this a third of DecodeJSON's
// time; so the items are first sorted by the top bits of their key's hash
// (keeping their order) into buckets whose maps stay in the cache, and
// the buckets are shared out among the cores.
func repeated(n int, use func(int) bool, key func(int) string) []bool {
	seed := maphash.MakeSeed()
	return repeatedHash(n, use, key, func(s string) uint64 { return maphash.String(seed, s) })
}

func repeatedHash(n int, use func(int) bool, key func(int) string, hash func(string) uint64) []bool {
	const bits = 8
	hashes := make([]uint64, n)
	var start [1<<bits + 1]int
	for k := range n {
		if use(k) {
			hashes[k] = hash(key(k))
			start[hashes[k]>>(64-bits)+1]++
		}
	}
	for b := 1; b < len(start); b++ {
		start[b] += start[b-1]
	}
	// The hashes go along, so that a bucket is read in one sweep.
	type item struct {
		hash uint64
		k    int
	}
	order := make([]item, start[len(start)-1])
	next := start // a copy: start keeps where each bucket begins
	for k := range n {
		if use(k) {
			b := hashes[k] >> (64 - bits)
			order[next[b]] = item{hashes[k], k}
			next[b]++
		}
	}
	dup := make([]bool, n)
	var bucket atomic.Int64
	work := func() {
		first := map[uint64]int{}
		var other map[string]struct{} // keys whose hash an earlier, different key had
		for {
			b := bucket.Add(1) - 1
			if b >= 1<<bits {
				return
			}
			clear(first)
			for _, it := range order[start[b]:start[b+1]] {
				k := it.k
				j, ok := first[it.hash]
				switch {
				case !ok:
					first[it.hash] = k
				case key(j) == key(k):
					dup[k] = true
				default:
					if other == nil {
						other = map[string]struct{}{}
					}
					if _, ok := other[key(k)]; ok {
						dup[k] = true
					}
					other[key(k)] = struct{}{}
				}
			}
		}
	}
	var wg sync.WaitGroup
	if n >= 1<<14 {
		for range runtime.GOMAXPROCS(0) - 1 {
			wg.Go(work)
		}
	}
	work()
	wg.Wait()
	return dup
}

// at turns a byte offset into a 1-based line and column.
func at(name string, data []byte, off int, msg, hint string) Problem {
	l := newLocator(name, data)
	return l.at(off, msg, hint)
}

// locator turns byte offsets into lines and columns. It counts newlines
// on from the last offset it was asked for, since problems come mostly in
// the order of the file: counting from the start each time would take
// quadratic time on a large file with a problem on every element.
type locator struct {
	name                 string
	data                 []byte
	off, line, lineStart int
}

func newLocator(name string, data []byte) *locator {
	return &locator{name: name, data: data, line: 1}
}

func (l *locator) at(off int, msg, hint string) Problem {
	off = max(0, min(off, len(l.data)))
	if off < l.off {
		l.off, l.line, l.lineStart = 0, 1, 0
	}
	seg := l.data[l.off:off]
	if n := bytes.Count(seg, []byte("\n")); n > 0 {
		l.line += n
		l.lineStart = l.off + bytes.LastIndexByte(seg, '\n') + 1
	}
	l.off = off
	return Problem{File: l.name, Line: l.line, Column: off - l.lineStart + 1, Message: msg, Hint: hint}
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
	exportsRead := 0
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
		if len(seeds) == 0 && exportsRead == 0 {
			g = eg
		} else {
			g.Nodes = append(g.Nodes, eg.Nodes...)
			g.Relationships = append(g.Relationships, eg.Relationships...)
		}
		exportsRead++
	}
	if len(probs) == 0 && len(seeds) == 0 && exportsRead == 1 {
		// DecodeJSON has rejected duplicate ids and keys within a
		// document, so crossCheck and dedupe have nothing to do on one
		// alone, and on a million relationships they take a while.
		return g, nil
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
