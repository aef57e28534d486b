package cypher

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/graph/temporal"
)

// The TCK writes expected values in a Cypher-like notation: null, true,
// 1, 1.5, 'str', [..], {k: v}, (:L {p: 1}) nodes, [:T {p: 1}]
// relationships and <(:A)-[:T]->(:B)> paths. Both the expected cells and
// the engine's actual values are rendered to one canonical string, and
// rows are compared as strings.

type tckParser struct {
	s string
	i int
}

func (p *tckParser) ws() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t') {
		p.i++
	}
}

func (p *tckParser) peek() byte {
	p.ws()
	if p.i < len(p.s) {
		return p.s[p.i]
	}
	return 0
}

func (p *tckParser) expect(c byte) error {
	if p.peek() != c {
		return fmt.Errorf("tck value %q: expected %q at %d", p.s, c, p.i)
	}
	p.i++
	return nil
}

// parseTCKValue parses an expected cell into engine-like values: nodes,
// relationships and paths become tckNode, tckRel, tckPath.
func parseTCKValue(s string) (any, error) {
	p := &tckParser{s: s}
	v, err := p.value()
	if err != nil {
		return nil, err
	}
	p.ws()
	if p.i != len(p.s) {
		return nil, fmt.Errorf("tck value %q: trailing input at %d", s, p.i)
	}
	return v, nil
}

type tckNode struct {
	labels []string
	props  map[string]any
}

type tckRel struct {
	typ   string
	props map[string]any
}

type tckPath struct {
	nodes []tckNode
	rels  []tckRel
	fwd   []bool
}

func (p *tckParser) ident() string {
	p.ws()
	if p.i < len(p.s) && p.s[p.i] == '`' {
		end := strings.IndexByte(p.s[p.i+1:], '`')
		id := p.s[p.i+1 : p.i+1+end]
		p.i += end + 2
		return id
	}
	start := p.i
	for p.i < len(p.s) {
		c := p.s[p.i]
		if c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80 {
			p.i++
			continue
		}
		break
	}
	return p.s[start:p.i]
}

func (p *tckParser) value() (any, error) {
	c := p.peek()
	switch {
	case c == '\'' || c == '"':
		q := c
		p.i++
		var b strings.Builder
		for p.i < len(p.s) && p.s[p.i] != q {
			if p.s[p.i] == '\\' && p.i+1 < len(p.s) {
				p.i++
				switch p.s[p.i] {
				case 'n':
					b.WriteByte('\n')
				case 't':
					b.WriteByte('\t')
				default:
					b.WriteByte(p.s[p.i])
				}
				p.i++
				continue
			}
			b.WriteByte(p.s[p.i])
			p.i++
		}
		p.i++
		return b.String(), nil
	case c == '[':
		// A list, or a relationship [:T {..}].
		save := p.i
		p.i++
		if p.peek() == ':' {
			p.i = save
			return p.rel()
		}
		var out []any
		if p.peek() == ']' {
			p.i++
			return []any{}, nil
		}
		for {
			v, err := p.value()
			if err != nil {
				return nil, err
			}
			out = append(out, v)
			if p.peek() == ',' {
				p.i++
				continue
			}
			if err := p.expect(']'); err != nil {
				return nil, err
			}
			return out, nil
		}
	case c == '{':
		return p.mapValue()
	case c == '(':
		return p.node()
	case c == '<':
		return p.path()
	case c == '-' || c == '+' || c == '.' || c >= '0' && c <= '9':
		start := p.i
		p.i++
		for p.i < len(p.s) && strings.IndexByte("0123456789.eEx+-abcdefABCDEFoInfinity", p.s[p.i]) >= 0 {
			p.i++
		}
		text := p.s[start:p.i]
		if i, err := strconv.ParseInt(text, 0, 64); err == nil {
			return i, nil
		}
		switch text {
		case "-Infinity", "-Inf":
			return math.Inf(-1), nil
		case "Infinity", "+Infinity":
			return math.Inf(1), nil
		}
		f, err := strconv.ParseFloat(text, 64)
		if err != nil {
			return nil, fmt.Errorf("tck value %q: bad number %q", p.s, text)
		}
		return f, nil
	}
	id := p.ident()
	switch id {
	case "null":
		return nil, nil
	case "true":
		return true, nil
	case "false":
		return false, nil
	case "NaN":
		return math.NaN(), nil
	case "Infinity":
		return math.Inf(1), nil
	}
	return nil, fmt.Errorf("tck value %q: unexpected %q at %d", p.s, id, p.i)
}

func (p *tckParser) mapValue() (map[string]any, error) {
	if err := p.expect('{'); err != nil {
		return nil, err
	}
	m := map[string]any{}
	if p.peek() == '}' {
		p.i++
		return m, nil
	}
	for {
		k := p.ident()
		if err := p.expect(':'); err != nil {
			return nil, err
		}
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		m[k] = v
		if p.peek() == ',' {
			p.i++
			continue
		}
		return m, p.expect('}')
	}
}

func (p *tckParser) node() (tckNode, error) {
	var n tckNode
	if err := p.expect('('); err != nil {
		return n, err
	}
	for p.peek() == ':' {
		p.i++
		n.labels = append(n.labels, p.ident())
	}
	if p.peek() == '{' {
		m, err := p.mapValue()
		if err != nil {
			return n, err
		}
		n.props = m
	}
	return n, p.expect(')')
}

func (p *tckParser) rel() (tckRel, error) {
	var r tckRel
	if err := p.expect('['); err != nil {
		return r, err
	}
	if err := p.expect(':'); err != nil {
		return r, err
	}
	r.typ = p.ident()
	if p.peek() == '{' {
		m, err := p.mapValue()
		if err != nil {
			return r, err
		}
		r.props = m
	}
	return r, p.expect(']')
}

func (p *tckParser) path() (tckPath, error) {
	var path tckPath
	if err := p.expect('<'); err != nil {
		return path, err
	}
	n, err := p.node()
	if err != nil {
		return path, err
	}
	path.nodes = append(path.nodes, n)
	for p.peek() != '>' {
		back := false
		if p.peek() == '<' {
			back = true
			p.i++
		}
		if err := p.expect('-'); err != nil {
			return path, err
		}
		r, err := p.rel()
		if err != nil {
			return path, err
		}
		if err := p.expect('-'); err != nil {
			return path, err
		}
		if !back {
			if err := p.expect('>'); err != nil {
				return path, err
			}
		}
		n, err := p.node()
		if err != nil {
			return path, err
		}
		path.rels = append(path.rels, r)
		path.fwd = append(path.fwd, !back)
		path.nodes = append(path.nodes, n)
	}
	p.i++
	return path, nil
}

// canon renders a value canonically. With unorderedLists, list elements
// are sorted, for "ignoring element order for lists".
func canon(v any, unorderedLists bool) string {
	var b strings.Builder
	writeCanon(&b, v, unorderedLists)
	return b.String()
}

func writeCanon(b *strings.Builder, v any, ul bool) {
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case int64:
		b.WriteString(strconv.FormatInt(x, 10))
	case float64:
		if math.IsNaN(x) {
			b.WriteString("NaN")
			return
		}
		if x == 0 {
			x = 0 // -0.0 prints as 0.0 in the TCK
		}
		b.WriteString("f" + strconv.FormatFloat(x, 'g', 12, 64))
	case string:
		b.WriteString(strconv.Quote(x))
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = canon(e, ul)
		}
		if ul {
			sort.Strings(parts)
		}
		b.WriteString("[" + strings.Join(parts, ",") + "]")
	case map[string]any:
		b.WriteString("{")
		for _, k := range sortedKeys(x) {
			b.WriteString(k + ":" + canon(x[k], ul) + ",")
		}
		b.WriteString("}")
	case tckNode:
		ls := append([]string(nil), x.labels...)
		sort.Strings(ls)
		b.WriteString("(" + strings.Join(ls, ":") + " ")
		writeCanon(b, orEmpty(x.props), ul)
		b.WriteString(")")
	case tckRel:
		b.WriteString("[" + x.typ + " ")
		writeCanon(b, orEmpty(x.props), ul)
		b.WriteString("]")
	case tckPath:
		b.WriteString("<")
		writeCanon(b, x.nodes[0], ul)
		for i, r := range x.rels {
			if x.fwd[i] {
				b.WriteString("-")
				writeCanon(b, r, ul)
				b.WriteString("->")
			} else {
				b.WriteString("<-")
				writeCanon(b, r, ul)
				b.WriteString("-")
			}
			writeCanon(b, x.nodes[i+1], ul)
		}
		b.WriteString(">")
	default:
		if s, ok := tckTemporal(v); ok {
			b.WriteString(strconv.Quote(s))
			return
		}
		fmt.Fprintf(b, "?%T", v)
	}
}

// tckTemporal writes a temporal value as the TCK's expected values do,
// which is Java's toString: a string to compare with the expected one.
func tckTemporal(v any) (string, bool) {
	switch x := v.(type) {
	case temporal.Date:
		return x.String(), true
	case temporal.LocalTime:
		return x.ISOString(), true
	case temporal.Time:
		return x.ISOString(), true
	case temporal.LocalDateTime:
		return x.ISOString(), true
	case temporal.DateTime:
		return x.ISOString(), true
	case temporal.Duration:
		return x.String(), true
	}
	return "", false
}

func orEmpty(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}

// toTCK converts an engine value into the TCK's terms.
func toTCK(g Graph, v any) any {
	switch x := v.(type) {
	case Node:
		return tckNode{labels: g.NodeLabels(x.Ref), props: g.NodeProperties(x.Ref)}
	case Relationship:
		typ, _, _ := g.Rel(x.Ref)
		return tckRel{typ: typ, props: g.RelProperties(x.Ref)}
	case Path:
		p := tckPath{}
		for _, n := range x.Nodes {
			p.nodes = append(p.nodes, toTCK(g, Node{n}).(tckNode))
		}
		for i, r := range x.Rels {
			_, s, _ := g.Rel(r)
			p.rels = append(p.rels, toTCK(g, Relationship{r}).(tckRel))
			p.fwd = append(p.fwd, s == x.Nodes[i])
		}
		return p
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = toTCK(g, e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = toTCK(g, e)
		}
		return out
	}
	return v
}
