package web

import (
	"math"
	"math/bits"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/actorgraph/actorgraph/graph"
)

// appendAnswer appends the JSON of the answers the API sends most (nodes,
// neighbourhoods, paths, search results: graph values with their
// property maps) exactly as encoding/json writes them, byte for byte, but
// without reflection or the copy json.Marshal makes. ok is false when v
// holds anything else (or a float JSON cannot hold), and the caller sends
// v through encoding/json instead. Under load, encoding/json's reflection
// was a sixth of the server's CPU time (see BENCHMARKS.md, soak).
func appendAnswer(b []byte, v any) (_ []byte, ok bool) {
	switch x := v.(type) {
	case nil:
		return append(b, "null"...), true
	case bool:
		return strconv.AppendBool(b, x), true
	case int:
		return strconv.AppendInt(b, int64(x), 10), true
	case int64:
		return strconv.AppendInt(b, x, 10), true
	case float64:
		return appendFloat(b, x)
	case string:
		return appendString(b, x), true
	case []string:
		if x == nil {
			return append(b, "null"...), true
		}
		b = append(b, '[')
		for i, s := range x {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, s)
		}
		return append(b, ']'), true
	case []any:
		return appendSlice(b, x, func(b []byte, e *any) ([]byte, bool) { return appendAnswer(b, *e) })
	case map[string]any:
		return appendMap(b, x)
	case gin.H:
		return appendMap(b, x)
	case graph.Node:
		return appendNode(b, &x)
	case []graph.Node:
		return appendSlice(b, x, appendNode)
	case graph.Relationship:
		return appendRel(b, &x)
	case []graph.Relationship:
		return appendSlice(b, x, appendRel)
	case graph.Path:
		return appendPath(b, &x)
	case []graph.Path:
		return appendSlice(b, x, appendPath)
	case graph.Graph:
		b = append(b, '{')
		b, ok = appendGraphFields(b, &x)
		return append(b, '}'), ok
	case graph.Neighborhood:
		b = append(b, '{')
		if b, ok = appendGraphFields(b, &x.Graph); !ok {
			return b, false
		}
		b = append(b, `,"truncated":`...)
		b = strconv.AppendBool(b, x.Truncated)
		return append(b, '}'), true
	}
	return b, false
}

// answerSize guesses the bytes of v's JSON, so that the buffer is
// allocated once for a typical graph answer instead of grown by doubling.
func answerSize(v any) int {
	switch x := v.(type) {
	case graph.Neighborhood:
		return answerSize(x.Graph)
	case graph.Graph:
		return 64 + 240*len(x.Nodes) + 200*len(x.Relationships)
	case gin.H:
		if p, ok := x["paths"].([]graph.Path); ok {
			n := 64
			for _, path := range p {
				n += 240*len(path.Nodes) + 200*len(path.Relationships)
			}
			return n
		}
		if nodes, ok := x["nodes"].([]graph.Node); ok {
			return 64 + 240*len(nodes)
		}
	}
	return 1024
}

func appendSlice[T any](b []byte, l []T, each func([]byte, *T) ([]byte, bool)) ([]byte, bool) {
	if l == nil {
		return append(b, "null"...), true
	}
	b = append(b, '[')
	for i := range l {
		if i > 0 {
			b = append(b, ',')
		}
		var ok bool
		if b, ok = each(b, &l[i]); !ok {
			return b, false
		}
	}
	return append(b, ']'), true
}

// appendMap writes a map with its keys sorted, as encoding/json does.
func appendMap[M ~map[string]any](b []byte, m M) ([]byte, bool) {
	if m == nil {
		return append(b, "null"...), true
	}
	var small [16]string
	keys := small[:0]
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b = append(b, '{')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, k)
		b = append(b, ':')
		var ok bool
		if b, ok = appendAnswer(b, m[k]); !ok {
			return b, false
		}
	}
	return append(b, '}'), true
}

func appendNode(b []byte, n *graph.Node) ([]byte, bool) {
	b = append(b, `{"id":`...)
	b = appendString(b, n.ID)
	b = append(b, `,"key":`...)
	b = appendString(b, n.Key)
	b = append(b, `,"labels":`...)
	b, _ = appendAnswer(b, n.Labels)
	b = append(b, `,"properties":`...)
	b, ok := appendMap(b, n.Properties)
	return append(b, '}'), ok
}

func appendRel(b []byte, r *graph.Relationship) ([]byte, bool) {
	b = append(b, `{"id":`...)
	b = appendString(b, r.ID)
	b = append(b, `,"type":`...)
	b = appendString(b, r.Type)
	b = append(b, `,"start":`...)
	b = appendString(b, r.Start)
	b = append(b, `,"end":`...)
	b = appendString(b, r.End)
	b = append(b, `,"properties":`...)
	b, ok := appendMap(b, r.Properties)
	return append(b, '}'), ok
}

func appendPath(b []byte, p *graph.Path) ([]byte, bool) {
	b = append(b, '{')
	b, ok := appendGraphFields(b, &graph.Graph{Nodes: p.Nodes, Relationships: p.Relationships})
	b = append(b, `,"length":`...)
	b = strconv.AppendInt(b, int64(p.Length), 10)
	return append(b, '}'), ok
}

// appendGraphFields writes "nodes":…,"relationships":… without braces.
func appendGraphFields(b []byte, g *graph.Graph) ([]byte, bool) {
	b = append(b, `"nodes":`...)
	b, ok := appendSlice(b, g.Nodes, appendNode)
	if !ok {
		return b, false
	}
	b = append(b, `,"relationships":`...)
	return appendSlice(b, g.Relationships, appendRel)
}

// appendFloat formats f as encoding/json does (ES6 number formatting);
// NaN and infinities are not JSON.
func appendFloat(b []byte, f float64) ([]byte, bool) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return b, false
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// clean up e-09 to e-9
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, true
}

const hexDigits = "0123456789abcdef"

// specialBytes marks, with its high bit, the first byte of x (in memory
// order) that appendString cannot copy as it is: a quote, a backslash,
// <, > or &, a control character, or a byte of a multi-byte character.
// Marks above the first may be wrong (borrows; see unusualBytes in
// graph/exchange/decode.go, the same trick); the lowest is right.
func specialBytes(x uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	q := x ^ (ones * '"')
	bs := x ^ (ones * '\\')
	lt := x ^ (ones * '<')
	gt := x ^ (ones * '>')
	amp := x ^ (ones * '&')
	return ((q-ones)&^q | (bs-ones)&^bs | (lt-ones)&^lt | (gt-ones)&^gt | (amp-ones)&^amp | (x-ones*0x20)&^x | x) & highs
}

// appendString quotes s as encoding/json does with HTML escaping on (the
// way gin sends JSON): <, > and & as \u003c, \u003e and \u0026, control
// characters escaped, invalid UTF-8 as \ufffd, and U+2028 and U+2029
// escaped for JSONP.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		// Most strings (ids, keys, names) need no escape: skip eight plain
		// bytes at a time.
		for i+8 <= len(s) {
			if m := specialBytes(uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
				uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56); m != 0 {
				i += bits.TrailingZeros64(m) / 8
				break
			}
			i += 8
		}
		if i >= len(s) {
			break
		}
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
