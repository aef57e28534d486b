package exchange

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"math/bits"
	"runtime"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph"
)

// The fast path of DecodeJSON. Exports run to millions of relationships,
// and a json.Decoder per element spent most of `actorgraph load`'s time
// before the first write. So the top level is scanned by hand, noting
// where each element starts and ends, and the elements are parsed on
// every core by a parser that knows only the plain JSON that WriteJSON
// and similar writers produce. Whatever it does not know (field names in
// another case or with escapes, repeated fields, nulls where values
// belong, maps in properties, syntax errors) goes to the json.Decoder
// path, element by element or, when the document's structure is in doubt,
// whole; so results and problems are always the decoder's.

// outcome is how far the fast path got with a document.
type outcome int

const (
	decoded outcome = iota
	// unusualLayout: the element ends guessed from the indentation were
	// wrong; scanning exactly will do.
	unusualLayout
	// notFast: only the json.Decoder path can tell what this is.
	notFast
)

// decodeFast is DecodeJSON's fast path. With guess, element ends come
// from the indentation (see guessEnd), and every one is checked against
// where the element really ends before anything is returned.
func decodeFast(name string, data []byte, guess bool) (graph.Graph, outcome, error) {
	pl := newPool(data)
	nodes, rels := &elements[graph.Node]{}, &elements[graph.Relationship]{}
	l, ok := scanLayout(data, guess, func(isRels bool, list spans) {
		if isRels {
			rels = parseAll(pl, list, (*parser).rel, relFlags)
		} else {
			nodes = parseAll(pl, list, (*parser).node, nodeFlags)
		}
	})
	pl.wait()
	how := notFast
	if ok {
		how = nodes.settle(data, decodeNode, nodeFlags)
		if how == decoded {
			how = rels.settle(data, decodeRel, relFlags)
		}
	} else if guess {
		how = unusualLayout // perhaps a wrong guess put the scan off course
	}
	if how != decoded {
		return graph.Graph{}, how, nil
	}
	g, err := check(name, data, l.format, l.formatAt, nodes, rels)
	return g, decoded, err
}

// fastLayout is what scanLayout found at the top level of a document.
type fastLayout struct {
	format   string
	formatAt int
}

// scanLayout reads the top level of a document: the object, its fields,
// and where each element of the nodes and relationships arrays starts and
// ends, which it passes to onArray as soon as it has the whole array, so
// that parsing one array overlaps scanning the next. Elements are only
// skipped here; their syntax is checked when they are parsed. ok is false
// for anything unusual, and the caller then lets the json.Decoder path
// find out what is wrong, so that problems read the same.
func scanLayout(d []byte, guess bool, onArray func(rels bool, list spans)) (l fastLayout, ok bool) {
	i := skipSpace(d, 0)
	if i >= len(d) || d[i] != '{' {
		return l, false
	}
	i = skipSpace(d, i+1)
	const (
		format = 1 << iota
		exportedAt
		nodes
		rels
	)
	var seen uint8
	for {
		if i >= len(d) || d[i] != '"' {
			return l, false
		}
		end, plain := scanString(d, i)
		if end < 0 || !plain {
			return l, false
		}
		key := d[i+1 : end-1]
		i = skipSpace(d, end)
		if i >= len(d) || d[i] != ':' {
			return l, false
		}
		i = skipSpace(d, i+1)
		var field uint8
		switch string(key) {
		case "format":
			field = format
		case "exportedAt":
			field = exportedAt
		case "nodes":
			field = nodes
		case "relationships":
			field = rels
		default:
			return l, false
		}
		if seen&field != 0 {
			return l, false
		}
		seen |= field
		switch field {
		case format:
			l.formatAt = i
			l.format, i = topString(d, i)
		case exportedAt:
			var s string
			if s, i = topString(d, i); i >= 0 {
				if _, err := time.Parse(time.RFC3339, s); err != nil {
					return l, false
				}
			}
		default:
			var list spans
			if list, i = scanElements(d, i, guess); i >= 0 {
				onArray(field == rels, list)
			}
		}
		if i < 0 {
			return l, false
		}
		i = skipSpace(d, i)
		if i < len(d) && d[i] == ',' {
			i = skipSpace(d, i+1)
			continue
		}
		if i < len(d) && d[i] == '}' {
			break
		}
		return l, false
	}
	if skipSpace(d, i+1) != len(d) || seen|exportedAt != format|exportedAt|nodes|rels {
		return l, false
	}
	return l, true
}

// topString reads a string of printable ASCII without escapes: the format
// and exportedAt values. It returns -1 for anything else.
func topString(d []byte, i int) (string, int) {
	if i >= len(d) || d[i] != '"' {
		return "", -1
	}
	for j := i + 1; j < len(d); j++ {
		switch c := d[j]; {
		case c == '"':
			return string(d[i+1 : j]), j + 1
		case c == '\\' || c < 0x20 || c >= 0x7f:
			return "", -1
		}
	}
	return "", -1
}

// span is where an element is in the document.
type span struct{ start, end int }

// spans are those of an array's elements, in blocks of chunkSize, which
// is how they are parsed. Appending to one slice would copy a million of
// them several times over, and the garbage would cost page faults.
type spans struct {
	blocks [][]span
	n      int
}

func (s *spans) add(sp span) {
	if s.n%chunkSize == 0 {
		s.blocks = append(s.blocks, make([]span, 0, chunkSize))
	}
	b := &s.blocks[len(s.blocks)-1]
	*b = append(*b, sp)
	s.n++
}

func (s *spans) at(k int) span { return s.blocks[k/chunkSize][k%chunkSize] }

// scanElements finds the span of each element of the array at d[i], and
// returns the offset past the array, or -1. With guess it takes the ends
// from guessEnd while it can, which is several times faster than
// skipValue, the rest of the scan being sequential.
func scanElements(d []byte, i int, guess bool) (list spans, end int) {
	if i >= len(d) || d[i] != '[' {
		return list, -1
	}
	i = skipSpace(d, i+1)
	if i < len(d) && d[i] == ']' {
		return list, i + 1
	}
	for {
		j := -1
		if guess {
			if j = guessEnd(d, i); j < 0 {
				guess = false // the layout is not what guessEnd knows
			}
		}
		if j < 0 {
			if j = skipValue(d, i); j < 0 {
				return list, -1
			}
		}
		list.add(span{i, j})
		i = skipSpace(d, j)
		if i < len(d) && d[i] == ',' {
			i = skipSpace(d, i+1)
			continue
		}
		if i < len(d) && d[i] == ']' {
			return list, i + 1
		}
		return list, -1
	}
}

// guessMax bounds how far guessEnd looks, so that a layout it does not
// know costs little.
const guessMax = 1 << 20

// guessEnd guesses where the object at d[i] ends from the layout of
// indented JSON: the object starts a line, and ends at the first closing
// brace that starts a line with the same indentation. It returns -1 if the
// object does not start a line or no such brace is near. Parsing the
// element confirms the guess, so an odd layout costs time, never results.
func guessEnd(d []byte, i int) int {
	if i >= len(d) || d[i] != '{' {
		return -1
	}
	j := i
	for j > 0 && (d[j-1] == ' ' || d[j-1] == '\t') {
		j--
	}
	if j == 0 || d[j-1] != '\n' {
		return -1
	}
	indent := d[j-1 : i] // with the newline before it
	// Braces are rarer than newlines: searching for them, and looking back
	// at the indentation, beats searching for newline, indentation, brace.
	for k, stop := i+1, min(len(d), i+guessMax); k < stop; k++ {
		b := bytes.IndexByte(d[k:stop], '}')
		if b < 0 {
			return -1
		}
		k += b
		if k-len(indent) > i && bytes.Equal(d[k-len(indent):k], indent) {
			return k + 1
		}
	}
	return -1
}

// skipValue returns the end of the value at d[i], or -1. It only finds
// the end: a value it skips is not necessarily valid JSON, but a valid one
// ends where it says.
func skipValue(d []byte, i int) int {
	if i >= len(d) {
		return -1
	}
	switch d[i] {
	case '{', '[':
	case '"':
		return skipString(d, i)
	default:
		for ; i < len(d); i++ {
			switch d[i] {
			case ' ', '\t', '\n', '\r', ',', ']', '}':
				return i
			}
		}
		return i
	}
	depth := 0
	for ; i < len(d); i++ {
		switch d[i] {
		case '"':
			if i = skipString(d, i); i < 0 {
				return -1
			}
			i-- // the loop steps past the closing quote
		case '{', '[':
			depth++
		case '}', ']':
			if depth--; depth == 0 {
				return i + 1
			}
		}
	}
	return -1
}

// skipString returns the end of the string starting at d[i] == '"', or -1.
func skipString(d []byte, i int) int {
	for j := i + 1; ; {
		k := bytes.IndexByte(d[j:], '"')
		if k < 0 {
			return -1
		}
		j += k
		// A quote preceded by an odd number of backslashes is escaped.
		n := 0
		for b := j - 1; b > i && d[b] == '\\'; b-- {
			n++
		}
		if n%2 == 0 {
			return j + 1
		}
		j++
	}
}

func skipSpace(d []byte, i int) int {
	for i < len(d) {
		switch d[i] {
		case ' ', '\n', '\t', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// scanString returns the end of the string literal at d[i] == '"' and
// whether its bytes, between the quotes, are its value: no escapes and
// valid UTF-8, which is what encoding/json would copy unchanged. end is -1
// if the literal is not valid (unterminated, or a control character).
// Strings are most of a document, so it looks at eight bytes at a time.
func scanString(d []byte, i int) (end int, plain bool) {
	plain = true
	ascii := true
	j := i + 1
	for {
		for j+8 <= len(d) {
			if m := unusualBytes(binary.LittleEndian.Uint64(d[j:])); m != 0 {
				j += bits.TrailingZeros64(m) / 8
				break
			}
			j += 8
		}
		if j >= len(d) {
			return -1, false
		}
		switch c := d[j]; {
		case c == '"':
			if plain && !ascii {
				plain = utf8.Valid(d[i+1 : j])
			}
			return j + 1, plain
		case c == '\\':
			plain = false
			j += 2
		case c < 0x20:
			return -1, false
		case c >= 0x80:
			ascii = false
			j++
		default: // in the last few bytes of d
			j++
		}
	}
}

// unusualBytes marks, with its high bit, the first byte of x (in memory
// order) that is a quote, a backslash, a control character or not ASCII.
// Marks above the first may be wrong, since they come from borrows: v -
// 0x0101… sets the high bit of every zero byte of v, and starts a borrow
// only at one, so the lowest mark is right; q and b are zero where x has a
// quote or a backslash, and x - 0x2020… does the same for bytes below
// 0x20.
func unusualBytes(x uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	q := x ^ (ones * '"')
	b := x ^ (ones * '\\')
	return ((q-ones)&^q | (b-ones)&^b | (x-ones*0x20)&^x | x) & highs
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// scanNumber returns the end of the JSON number at d[i], or -1.
func scanNumber(d []byte, i int) int {
	if i < len(d) && d[i] == '-' {
		i++
	}
	switch {
	case i >= len(d):
		return -1
	case d[i] == '0':
		i++
	case '1' <= d[i] && d[i] <= '9':
		for i < len(d) && isDigit(d[i]) {
			i++
		}
	default:
		return -1
	}
	if i < len(d) && d[i] == '.' {
		i++
		if i >= len(d) || !isDigit(d[i]) {
			return -1
		}
		for i < len(d) && isDigit(d[i]) {
			i++
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if i >= len(d) || !isDigit(d[i]) {
			return -1
		}
		for i < len(d) && isDigit(d[i]) {
			i++
		}
	}
	return i
}

// literal returns the end of word (true, false, null) at d[i], or -1.
func literal(d []byte, i int, word string) int {
	if len(d)-i < len(word) || string(d[i:i+len(word)]) != word {
		return -1
	}
	return i + len(word)
}

// parser parses elements on one goroutine.
type parser struct {
	d []byte
	// intern holds the few distinct strings that recur on every element:
	// relationship types, labels, property names.
	intern map[string]string
	// props and labels are reused from element to element:
	// NormalizeProperties copies the map, and labels are copied to a
	// slice of their own.
	props  map[string]any
	labels []string
	// pending strings are copied into one allocation per chunk of
	// elements (flush), rather than one each: ids are most of a document.
	pending []pendingString
}

type pendingString struct {
	dst  *string
	a, b int
}

func newParser(d []byte) *parser {
	return &parser{d: d, intern: map[string]string{}, props: map[string]any{}}
}

// resetProps empties the scratch properties map. clear costs as much as
// the map ever held, so one element with a great many properties must not
// slow down every element after it.
func (p *parser) resetProps() {
	if len(p.props) > 64 {
		p.props = map[string]any{}
	}
	clear(p.props)
}

// maxInterned bounds the intern table, which a document with many
// distinct types or labels would otherwise fill.
const maxInterned = 4096

func (p *parser) internBytes(b []byte) string {
	if s, ok := p.intern[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(p.intern) < maxInterned {
		p.intern[s] = s
	}
	return s
}

// flush gives the pending strings their values, all from one allocation.
func (p *parser) flush() {
	n := 0
	for _, s := range p.pending {
		n += s.b - s.a
	}
	var sb strings.Builder
	sb.Grow(n)
	for _, s := range p.pending {
		sb.Write(p.d[s.a:s.b])
	}
	all := sb.String()
	n = 0
	for _, s := range p.pending {
		*s.dst = all[n : n+s.b-s.a]
		n += s.b - s.a
	}
	clear(p.pending)
	p.pending = p.pending[:0]
}

// How a string value is stored.
const (
	strPending = iota // in the chunk's allocation, see flush
	strInterned
	strAlloc
)

// str reads the string value at d[i] into *dst and returns the offset
// past it, or -1.
func (p *parser) str(i int, dst *string, how int) int {
	d := p.d
	if i >= len(d) || d[i] != '"' {
		return -1
	}
	end, plain := scanString(d, i)
	switch {
	case end < 0:
		return -1
	case !plain:
		// Escapes are rare; encoding/json has the last word on them.
		if json.Unmarshal(d[i:end], dst) != nil {
			return -1
		}
	case how == strPending:
		p.pending = append(p.pending, pendingString{dst, i + 1, end - 1})
	case how == strInterned:
		*dst = p.internBytes(d[i+1 : end-1])
	default:
		*dst = string(d[i+1 : end-1])
	}
	return end
}

// field reads a field name and the colon after it, returning the name
// (valid until d changes) and the offset of the value, or -1. Escaped
// names are left to encoding/json, which also matches names in another
// case.
func (p *parser) field(i int) ([]byte, int) {
	d := p.d
	if i >= len(d) || d[i] != '"' {
		return nil, -1
	}
	end, plain := scanString(d, i)
	if end < 0 || !plain {
		return nil, -1
	}
	j := skipSpace(d, end)
	if j >= len(d) || d[j] != ':' {
		return nil, -1
	}
	return d[i+1 : end-1], skipSpace(d, j+1)
}

// next steps past the comma or the closing brace after a field's value,
// returning the offset of the next field or, when the object ends (done),
// the offset past it.
func (p *parser) next(i int) (j int, done, ok bool) {
	d := p.d
	i = skipSpace(d, i)
	switch {
	case i >= len(d):
		return -1, false, false
	case d[i] == ',':
		return skipSpace(d, i+1), false, true
	case d[i] == '}':
		return i + 1, true, true
	}
	return -1, false, false
}

// open steps into the object at d[i], reporting whether it has fields.
func (p *parser) open(i int) (j int, empty, ok bool) {
	d := p.d
	if i >= len(d) || d[i] != '{' {
		return -1, false, false
	}
	j = skipSpace(d, i+1)
	if j < len(d) && d[j] == '}' {
		return j + 1, true, true
	}
	return j, false, j < len(d)
}

// node parses the node at d[i] into n and returns the offset past it, or
// -1 if it cannot.
func (p *parser) node(i int, n *graph.Node) int {
	i, empty, ok := p.open(i)
	if !ok {
		return -1
	}
	p.resetProps()
	var seen uint8
	for !empty {
		name, j := p.field(i)
		if j < 0 {
			return -1
		}
		var bit uint8
		switch string(name) {
		case "id":
			bit, j = 1, p.str(j, &n.ID, strPending)
		case "key":
			bit, j = 2, p.str(j, &n.Key, strPending)
		case "labels":
			bit, j = 4, p.labelList(j, n)
		case "properties":
			bit, j = 8, p.properties(j)
		default:
			return -1
		}
		if j < 0 || seen&bit != 0 {
			return -1
		}
		seen |= bit
		if i, empty, ok = p.next(j); !ok {
			return -1
		}
	}
	props, err := graph.NormalizeProperties(p.props)
	if err != nil {
		return -1
	}
	n.Properties = props
	return i
}

// rel parses the relationship at d[i] into r and returns the offset past
// it, or -1 if it cannot.
func (p *parser) rel(i int, r *graph.Relationship) int {
	i, empty, ok := p.open(i)
	if !ok {
		return -1
	}
	p.resetProps()
	var seen uint8
	for !empty {
		name, j := p.field(i)
		if j < 0 {
			return -1
		}
		var bit uint8
		switch string(name) {
		case "id":
			bit, j = 1, p.str(j, &r.ID, strPending)
		case "type":
			bit, j = 2, p.str(j, &r.Type, strInterned)
		case "start":
			bit, j = 4, p.str(j, &r.Start, strPending)
		case "end":
			bit, j = 8, p.str(j, &r.End, strPending)
		case "properties":
			bit, j = 16, p.properties(j)
		default:
			return -1
		}
		if j < 0 || seen&bit != 0 {
			return -1
		}
		seen |= bit
		if i, empty, ok = p.next(j); !ok {
			return -1
		}
	}
	props, err := graph.NormalizeProperties(p.props)
	if err != nil {
		return -1
	}
	r.Properties = props
	return i
}

// labelList reads a list of labels into n.Labels. Like encoding/json it
// makes [] an empty, not a nil, slice; null is left to encoding/json.
func (p *parser) labelList(i int, n *graph.Node) int {
	d := p.d
	if i >= len(d) || d[i] != '[' {
		return -1
	}
	i = skipSpace(d, i+1)
	p.labels = p.labels[:0]
	if i < len(d) && d[i] == ']' {
		n.Labels = []string{}
		return i + 1
	}
	for {
		var s string
		if i = p.str(i, &s, strInterned); i < 0 {
			return -1
		}
		p.labels = append(p.labels, s)
		i = skipSpace(d, i)
		if i < len(d) && d[i] == ',' {
			i = skipSpace(d, i+1)
			continue
		}
		if i < len(d) && d[i] == ']' {
			n.Labels = append([]string(nil), p.labels...)
			return i + 1
		}
		return -1
	}
}

// properties reads a properties object (or null) into p.props, with the
// Go types json.Decoder.UseNumber gives, for NormalizeProperties.
func (p *parser) properties(i int) int {
	if j := literal(p.d, i, "null"); j > 0 {
		return j
	}
	i, empty, ok := p.open(i)
	if !ok {
		return -1
	}
	for !empty {
		name, j := p.field(i)
		if j < 0 {
			return -1
		}
		key := p.internBytes(name)
		var v any
		if v, j = p.value(j, true); j < 0 {
			return -1
		}
		p.props[key] = v
		if i, empty, ok = p.next(j); !ok {
			return -1
		}
	}
	return i
}

// value reads a property value: a string, number, boolean, null or, at
// the top, a list of those. Maps and nested lists are left to
// encoding/json and NormalizeValue, which reject them.
func (p *parser) value(i int, top bool) (any, int) {
	d := p.d
	if i >= len(d) {
		return nil, -1
	}
	switch c := d[i]; {
	case c == '"':
		var s string
		j := p.str(i, &s, strAlloc)
		return s, j
	case c == 't':
		return true, literal(d, i, "true")
	case c == 'f':
		return false, literal(d, i, "false")
	case c == 'n':
		return nil, literal(d, i, "null")
	case c == '-' || isDigit(c):
		j := scanNumber(d, i)
		if j < 0 {
			return nil, -1
		}
		return json.Number(d[i:j]), j
	case c == '[' && top:
		list := []any{}
		i = skipSpace(d, i+1)
		if i < len(d) && d[i] == ']' {
			return list, i + 1
		}
		for {
			v, j := p.value(i, false)
			if j < 0 {
				return nil, -1
			}
			list = append(list, v)
			i = skipSpace(d, j)
			if i < len(d) && d[i] == ',' {
				i = skipSpace(d, i+1)
				continue
			}
			if i < len(d) && d[i] == ']' {
				return list, i + 1
			}
			return nil, -1
		}
	}
	return nil, -1
}

// chunkSize is how many elements a worker takes at a time: enough that
// taking one costs nothing next to parsing it, few enough that the cores
// finish together.
const chunkSize = 1024

// pool runs chunks of parsing on every core, each worker with a parser of
// its own. Small documents are parsed on the calling goroutine.
type pool struct {
	d      []byte
	tasks  chan func(*parser)
	wg     sync.WaitGroup
	inline *parser
}

func newPool(d []byte) *pool { return &pool{d: d} }

func (pl *pool) submit(task func(*parser), small bool) {
	if small && pl.tasks == nil {
		if pl.inline == nil {
			pl.inline = newParser(pl.d)
		}
		task(pl.inline)
		return
	}
	if pl.tasks == nil {
		pl.tasks = make(chan func(*parser), 256)
		for range runtime.GOMAXPROCS(0) {
			pl.wg.Go(func() {
				p := newParser(pl.d)
				for t := range pl.tasks {
					t(p)
				}
			})
		}
	}
	pl.tasks <- task
}

// wait returns when every task submitted has run.
func (pl *pool) wait() {
	if pl.tasks != nil {
		close(pl.tasks)
		pl.wg.Wait()
	}
}

// parseAll parses the elements of list on pl, each into its place so
// that the order is kept. The result is complete after pl.wait.
func parseAll[T any](pl *pool, list spans, parse func(*parser, int, *T) int, flags func(*T) uint8) *elements[T] {
	e := &elements[T]{items: make([]T, list.n), spans: list, status: make([]uint8, list.n), errs: map[int]error{}}
	for b, block := range list.blocks {
		items, status := e.items[b*chunkSize:][:len(block)], e.status[b*chunkSize:][:len(block)]
		pl.submit(func(p *parser) {
			for k, sp := range block {
				mark := len(p.pending)
				switch parse(p, sp.start, &items[k]) {
				case sp.end:
					continue
				case -1:
					status[k] = failed
				default:
					status[k] = misplaced
				}
				clear(p.pending[mark:])
				p.pending = p.pending[:mark]
				var zero T
				items[k] = zero
			}
			p.flush()
			for k := range items {
				if status[k] == 0 {
					status[k] = flags(&items[k])
				}
			}
		}, len(list.blocks) == 1)
	}
	return e
}

// settle decodes the elements the fast parser gave up on with decode,
// the json.Decoder path, after making sure that every element ends where
// the scan said. In document order, so that an element is only looked at
// when those before it are known to be where the scan put them.
func (e *elements[T]) settle(d []byte, decode func([]byte) (T, error), flags func(*T) uint8) outcome {
	for k, f := range e.status {
		if f&misplaced != 0 {
			return unusualLayout
		}
		if f&failed == 0 {
			continue
		}
		sp := e.spans.at(k)
		start, end := sp.start, sp.end
		if skipValue(d, start) != end {
			return unusualLayout
		}
		if !json.Valid(d[start:end]) {
			return notFast
		}
		item, err := decode(d[start:end])
		if err != nil {
			e.errs[k] = err
			continue
		}
		e.items[k], e.status[k] = item, flags(&item)
	}
	return decoded
}
