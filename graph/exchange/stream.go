package exchange

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/graph"
)

// ErrNotStreamable is what a Stream of StreamJSON returns when it meets
// anything the streaming reader leaves to the whole-document one: a
// problem to report (with its line and column), or a layout it does not
// know. The caller then reads the document with ReadFiles or DecodeJSON,
// which report every problem, or read what the stream did not.
var ErrNotStreamable = errors.New("the document needs the whole-document reader")

// StreamFiles returns a Stream of the graph in paths when they name one
// export document, and false otherwise (seed files, several files, a
// directory), for which ReadFiles is the way: only exports grow large,
// and several files need checks across them.
func StreamFiles(paths ...string) (graph.Stream, bool) {
	if len(paths) != 1 || strings.ToLower(filepath.Ext(paths[0])) != ".json" {
		return nil, false
	}
	if fi, err := os.Stat(paths[0]); err != nil || !fi.Mode().IsRegular() {
		return nil, false
	}
	name := paths[0]
	return func(node func(graph.Node) error, rel func(graph.Relationship) error) error {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		return StreamJSON(name, f)(node, rel)
	}, true
}

// StreamJSON returns a Stream of the export document r, read a piece at a
// time: the document is never in memory whole, only the element being
// read and a batch of decoded items. Every item passes the element checks
// of DecodeJSON before it is yielded; anything else (a problem, an
// unusual layout) stops the stream with ErrNotStreamable. Checks across
// items (duplicate ids and keys, endpoints) are the store's, at the end.
func StreamJSON(name string, r io.Reader) graph.Stream {
	return func(node func(graph.Node) error, rel func(graph.Relationship) error) error {
		s := &streamer{name: name, r: r, p: newParser(nil), node: node, rel: rel,
			nodes: make([]graph.Node, 0, streamBatch), rels: make([]graph.Relationship, 0, streamBatch)}
		s.buf = make([]byte, 0, streamChunk)
		err := s.document()
		if err == nil {
			err = s.err
		}
		return err
	}
}

// streamChunk is how much the streaming reader asks for at a time.
const streamChunk = 64 << 10

// streamBatch is how many items are decoded before they are yielded: the
// parser gives a batch's strings one allocation.
const streamBatch = 1024

type streamer struct {
	name string
	r    io.Reader
	buf  []byte // buf[i:] is read and not yet consumed
	i    int
	eof  bool
	err  error // from the reader or a yield

	p     *parser
	nodes []graph.Node
	rels  []graph.Relationship
	node  func(graph.Node) error
	rel   func(graph.Relationship) error
}

func (s *streamer) notStreamable(what string) error {
	if s.err != nil {
		return s.err // the reader's or a yield's: what stopped the read
	}
	return fmt.Errorf("%s: %s: %w", s.name, what, ErrNotStreamable)
}

// more reads more of the document, first yielding the decoded batch (whose
// strings point into the buffer until then). It reports whether any bytes
// came.
func (s *streamer) more() bool {
	s.flush()
	if s.eof || s.err != nil {
		return false
	}
	rest := copy(s.buf[:cap(s.buf)], s.buf[s.i:])
	s.buf, s.i = s.buf[:rest], 0
	if cap(s.buf)-rest < streamChunk/2 {
		nb := make([]byte, rest, 2*cap(s.buf))
		copy(nb, s.buf)
		s.buf = nb
	}
	for {
		n, err := s.r.Read(s.buf[len(s.buf):cap(s.buf)])
		s.buf = s.buf[:len(s.buf)+n]
		switch {
		case errors.Is(err, io.EOF):
			s.eof = true
			return n > 0
		case err != nil:
			s.err = err
			return false
		case n > 0:
			return true
		}
	}
}

// flush gives the batch its strings and yields it.
func (s *streamer) flush() {
	s.p.d = s.buf
	if len(s.p.pending) > 0 {
		s.p.flush()
	}
	for k := range s.nodes {
		if s.err == nil && nodeFlags(&s.nodes[k]) != 0 {
			s.err = s.notStreamable(fmt.Sprintf("node %d fails a check", k))
		}
		if s.err == nil {
			s.err = s.node(s.nodes[k])
		}
	}
	for k := range s.rels {
		if s.err == nil && relFlags(&s.rels[k]) != 0 {
			s.err = s.notStreamable(fmt.Sprintf("relationship %d fails a check", k))
		}
		if s.err == nil {
			s.err = s.rel(s.rels[k])
		}
	}
	clear(s.nodes)
	clear(s.rels)
	s.nodes, s.rels = s.nodes[:0], s.rels[:0]
}

// space skips white space, reading more as needed; false at the end.
func (s *streamer) space() bool {
	for {
		s.i = skipSpace(s.buf, s.i)
		if s.i < len(s.buf) {
			return true
		}
		if !s.more() {
			return false
		}
	}
}

// complete returns the end of the value at buf[i], reading more until it
// is whole, or -1.
func (s *streamer) complete() int {
	for {
		if end := skipValue(s.buf, s.i); end >= 0 {
			return end
		}
		if !s.more() {
			return -1
		}
	}
}

// document reads the top-level object.
func (s *streamer) document() error {
	if !s.space() || s.buf[s.i] != '{' {
		return s.notStreamable("no object at the top level")
	}
	s.i++
	seen := map[string]bool{}
	for {
		if !s.space() {
			return s.notStreamable("the document ends early")
		}
		if s.buf[s.i] == '}' && len(seen) == 0 {
			return s.notStreamable("the document is empty")
		}
		end := s.complete()
		if end < 0 {
			return s.notStreamable("a field name does not end")
		}
		name, j := topString(s.buf, s.i)
		if j != end || seen[name] {
			return s.notStreamable("an unusual field name")
		}
		seen[name] = true
		s.i = end
		if !s.space() || s.buf[s.i] != ':' {
			return s.notStreamable("no colon after a field name")
		}
		s.i++
		if !s.space() {
			return s.notStreamable("the document ends early")
		}
		switch name {
		case "format":
			end := s.complete()
			if v, j := topString(s.buf, s.i); j != end || v != Format {
				return s.notStreamable("not an " + Format + " document")
			}
			s.i = end
		case "exportedAt":
			end := s.complete()
			v, j := topString(s.buf, s.i)
			if _, err := time.Parse(time.RFC3339, v); j != end || err != nil {
				return s.notStreamable("exportedAt is not an RFC 3339 time")
			}
			s.i = end
		case "nodes", "relationships":
			if err := s.array(name == "relationships"); err != nil {
				return err
			}
		default:
			return s.notStreamable("unknown field " + name)
		}
		if !s.space() {
			return s.notStreamable("the document ends early")
		}
		switch s.buf[s.i] {
		case ',':
			s.i++
			continue
		case '}':
			s.i++
		default:
			return s.notStreamable("no comma between fields")
		}
		break
	}
	for _, k := range []string{"format", "nodes", "relationships"} {
		if !seen[k] {
			return s.notStreamable("no " + k)
		}
	}
	if s.space() {
		return s.notStreamable("text after the document")
	}
	return s.err
}

// array reads the nodes or relationships array at buf[i], element by
// element.
func (s *streamer) array(rels bool) error {
	if s.buf[s.i] != '[' {
		return s.notStreamable("nodes and relationships are arrays")
	}
	s.i++
	if !s.space() {
		return s.notStreamable("an array does not end")
	}
	if s.buf[s.i] == ']' {
		s.i++
		return nil
	}
	for {
		end := s.complete()
		if end < 0 {
			return s.notStreamable("an element does not end")
		}
		s.p.d = s.buf
		if err := s.element(rels, end); err != nil {
			return err
		}
		s.i = end
		if len(s.nodes)+len(s.rels) >= streamBatch {
			s.flush()
		}
		if s.err != nil {
			return s.err
		}
		if !s.space() {
			return s.notStreamable("an array does not end")
		}
		switch s.buf[s.i] {
		case ',':
			s.i++
		case ']':
			s.i++
			s.flush()
			return s.err
		default:
			return s.notStreamable("no comma between elements")
		}
		if !s.space() {
			return s.notStreamable("an array does not end")
		}
	}
}

// element decodes the element at buf[i:end] into the batch: by the fast
// parser, or, for what it does not know, by encoding/json.
func (s *streamer) element(rels bool, end int) error {
	// Items are parsed in place: the parser keeps pointers to their
	// strings until flush, and the batch never outgrows its capacity.
	mark := len(s.p.pending)
	if rels {
		s.rels = append(s.rels, graph.Relationship{})
		r := &s.rels[len(s.rels)-1]
		if s.p.rel(s.i, r) != end {
			s.p.pending = s.p.pending[:mark]
			var err error
			if *r, err = decodeRel(s.buf[s.i:end]); err != nil {
				return s.notStreamable("a relationship does not decode")
			}
		}
		return nil
	}
	s.nodes = append(s.nodes, graph.Node{})
	n := &s.nodes[len(s.nodes)-1]
	if s.p.node(s.i, n) != end {
		s.p.pending = s.p.pending[:mark]
		var err error
		if *n, err = decodeNode(s.buf[s.i:end]); err != nil {
			return s.notStreamable("a node does not decode")
		}
	}
	return nil
}
