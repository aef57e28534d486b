package exchange

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/gen"
)

// DecodeJSON's fast path must give exactly what the json.Decoder path
// gives: the same graph, down to the Go types of property values, or the
// same problems at the same places.

// sameAsDecoder decodes data both ways and fails unless they agree.
func sameAsDecoder(t testing.TB, data []byte) (graph.Graph, error) {
	t.Helper()
	got, gotErr := DecodeJSON("f.json", data)
	want, wantErr := decodeWithDecoder("f.json", data)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("graphs differ for\n%s\n got %#v\nwant %#v", data, got, want)
	}
	if g, w := problemList(gotErr), problemList(wantErr); g != w {
		t.Fatalf("problems differ for\n%s\n got %s\nwant %s", data, g, w)
	}
	return got, gotErr
}

// problemList renders err for comparison. Which of several bad properties
// an element's problem names depends on map order, on both paths alike.
func problemList(err error) string {
	if err == nil {
		return "<nil>"
	}
	probs, ok := err.(Problems)
	if !ok {
		return "not Problems: " + err.Error()
	}
	var b strings.Builder
	for _, p := range probs {
		if strings.HasPrefix(p.Message, "property ") {
			p.Message = "property …"
		}
		b.WriteString(p.String() + "\n")
	}
	return b.String()
}

var (
	idA, idB = graph.NodeID("a"), graph.NodeID("b")
	relID    = graph.RelID("a", "KNOWS", "b", "1")
	nodeA    = `{"id": "` + idA + `", "key": "a", "labels": ["Actor", "Person"], "properties": {"name": "A"}}`
	nodeB    = `{"id": "` + idB + `", "key": "b", "labels": ["Actor"], "properties": null}`
	relAB    = `{"id": "` + relID + `", "type": "KNOWS", "start": "` + idA + `", "end": "` + idB + `", "properties": {}}`
)

// exportDoc wraps elements in an export document.
func exportDoc(nodes, rels []string) string {
	return "{\n  \"format\": \"actorgraph/v1\",\n  \"exportedAt\": \"2026-01-02T03:04:05Z\",\n  \"nodes\": [\n    " +
		strings.Join(nodes, ",\n    ") + "\n  ],\n  \"relationships\": [\n    " + strings.Join(rels, ",\n    ") + "\n  ]\n}\n"
}

// withProps is node a with the given properties object.
func withProps(props string) string {
	return `{"id": "` + idA + `", "key": "a", "labels": ["Actor"], "properties": ` + props + `}`
}

var decodeCases = map[string]string{
	"plain":              exportDoc([]string{nodeA, nodeB}, []string{relAB}),
	"empty arrays":       `{"format": "actorgraph/v1", "nodes": [], "relationships": []}`,
	"rels first":         `{"relationships": [` + relAB + `], "format": "actorgraph/v1", "nodes": [` + nodeA + `,` + nodeB + `]}`,
	"no exportedAt":      `{"format":"actorgraph/v1","nodes":[` + nodeA + `],"relationships":[]}`,
	"tabs and crlf":      strings.ReplaceAll(strings.ReplaceAll(exportDoc([]string{nodeA, nodeB}, []string{relAB}), "  ", "\t"), "\n", "\r\n"),
	"spaces everywhere":  "{ \"format\" : \"actorgraph/v1\" , \"nodes\" : [ { \"id\" : \"" + idA + "\" , \"key\" : \"a\" , \"labels\" : [ \"Actor\" ] , \"properties\" : { \"n\" : [ 1 , 2 ] } } ] , \"relationships\" : [ ] }",
	"missing properties": exportDoc([]string{`{"id": "` + idA + `", "key": "a", "labels": ["Actor"]}`}, nil),
	"empty element":      exportDoc([]string{`{}`}, []string{`{ }`}),
	"numbers": exportDoc([]string{withProps(`{"i": 1, "neg": -0, "f": 1.0, "e": 1e3, "E": 1E+3, "small": 2.5e-3, "big": 9223372036854775808,
		"min": -9223372036854775808, "zero": 0, "list": [1, 2.5, -3]}`)}, nil),
	"bad numbers":     exportDoc([]string{withProps(`{"huge": 1e400}`)}, nil),
	"bad number text": exportDoc([]string{withProps(`{"x": 01}`)}, nil),
	"bad fraction":    exportDoc([]string{withProps(`{"x": 1.}`)}, nil),
	"bad exponent":    exportDoc([]string{withProps(`{"x": 1e}`)}, nil),
	"literals":        exportDoc([]string{withProps(`{"t": true, "f": false, "n": null, "l": [true, null, "x"], "empty": []}`)}, nil),
	"bad literal":     exportDoc([]string{withProps(`{"t": tru}`)}, nil),
	"strings": exportDoc([]string{withProps(`{"q": "say \"hi\"", "bs": "a\\b", "u": "caf\u00e9", "raw": "café ☕", "pair": "\ud83d\ude00",
		"lone": "\ud800x", "ctl": "a\nb\tc", "sep": "\u2028", "slash": "\/"}`)}, nil),
	"invalid utf-8":        exportDoc([]string{withProps("{\"bad\": \"a\xffb\", \"cut\": \"\xe2\x82\"}")}, nil),
	"escaped field":        exportDoc([]string{`{"\u0069d": "` + idA + `", "key": "a", "labels": ["Actor"], "properties": {"\u006e": 1}}`}, nil),
	"escaped value":        exportDoc([]string{`{"id": "` + idA + `", "key": "\u0061", "labels": ["Act\u006fr"], "properties": {}}`}, nil),
	"field in other case":  exportDoc([]string{`{"ID": "` + idA + `", "Key": "a", "LABELS": ["Actor"], "properties": {}}`}, []string{strings.Replace(relAB, `"type"`, `"Type"`, 1)}),
	"unknown field":        exportDoc([]string{strings.Replace(nodeA, `"key"`, `"extra": 1, "key"`, 1)}, []string{strings.Replace(relAB, `"type"`, `"weight": [1], "type"`, 1)}),
	"repeated field":       exportDoc([]string{strings.Replace(nodeA, `"key": "a"`, `"key": "x", "key": "a"`, 1)}, nil),
	"repeated properties":  exportDoc([]string{withProps(`{"a": 1}, "properties": {"b": 2}`)}, nil),
	"repeated property":    exportDoc([]string{withProps(`{"a": 1, "a": "two", "b": 1, "b": null}`)}, nil),
	"null fields":          exportDoc([]string{`{"id": "` + idA + `", "key": null, "labels": null, "properties": null}`}, []string{`{"id": null, "type": "KNOWS", "start": "` + idA + `", "end": "` + idB + `", "properties": null}`}),
	"null label":           exportDoc([]string{`{"id": "` + idA + `", "key": "a", "labels": ["Actor", null], "properties": {}}`}, nil),
	"empty labels":         exportDoc([]string{`{"id": "` + idA + `", "key": "a", "labels": [], "properties": {}}`}, nil),
	"wrong types":          exportDoc([]string{`{"id": 1, "key": "a", "labels": "Actor", "properties": []}`}, []string{`{"id": "` + relID + `", "type": ["KNOWS"], "start": true, "end": {}, "properties": 1}`}),
	"map property":         exportDoc([]string{withProps(`{"m": {"x": 1}}`)}, nil),
	"nested list":          exportDoc([]string{withProps(`{"m": [[1]]}`)}, nil),
	"map in list":          exportDoc([]string{withProps(`{"m": [{"x": 1}]}`)}, nil),
	"elements not objects": exportDoc([]string{`null`, `1`, `"x"`, `[]`, `true`}, []string{`[1, 2]`}),
	"every check": exportDoc([]string{
		`{"id": "x", "key": "a", "labels": ["Actor"], "properties": {}}`, nodeA, nodeA,
		`{"id": "` + idB + `", "key": "", "labels": ["Actor"], "properties": {}}`,
		`{"id": "` + idB + `", "key": "c", "labels": ["Actor"], "properties": {}}`,
		`{"id": "` + graph.NodeID("d") + `", "key": "d", "labels": [], "properties": {}}`,
		`{"id": "` + strings.ToUpper(graph.NodeID("e")) + `", "key": "e", "labels": ["Actor"], "properties": {}}`,
	}, []string{
		relAB, relAB,
		strings.Replace(relAB, relID, "nope", 1),
		strings.Replace(relAB, `"KNOWS"`, `"knows"`, 1),
		strings.Replace(relAB, `"start": "`+idA, `"start": "a`, 1),
	}),
	"wrong format":       `{"format": "v0", "nodes": [` + nodeA + `], "relationships": []}`,
	"format null":        `{"format": null, "nodes": [], "relationships": []}`,
	"escaped format":     `{"format": "actorgraph\/v1", "nodes": [], "relationships": []}`,
	"bad exportedAt":     `{"format": "actorgraph/v1", "exportedAt": "yesterday", "nodes": [], "relationships": []}`,
	"exportedAt number":  `{"format": "actorgraph/v1", "exportedAt": 1, "nodes": [], "relationships": []}`,
	"unknown top field":  `{"format": "actorgraph/v1", "nodes": [], "relationships": [], "extra": {}}`,
	"repeated top field": `{"format": "actorgraph/v1", "nodes": [], "nodes": [], "relationships": []}`,
	"missing rels":       `{"format": "actorgraph/v1", "nodes": []}`,
	"nodes null":         `{"format": "actorgraph/v1", "nodes": null, "relationships": []}`,
	"not an object":      `[]`,
	"empty":              ``,
	"only space":         " \n ",
	"bom":                "\xef\xbb\xbf" + `{"format": "actorgraph/v1", "nodes": [], "relationships": []}`,
	"trailing data":      `{"format": "actorgraph/v1", "nodes": [], "relationships": []} {}`,
	"trailing comma":     `{"format": "actorgraph/v1", "nodes": [], "relationships": []} ,`,
	"comma in array":     exportDoc([]string{nodeA + `,`}, nil),
	"missing comma":      exportDoc([]string{nodeA + nodeB}, nil),
	"unterminated":       exportDoc([]string{withProps(`{"a": "x}`)}, nil),
	"control character":  exportDoc([]string{withProps("{\"a\": \"x\x01\"}")}, nil),
	"truncated":          exportDoc([]string{nodeA, nodeB}, []string{relAB})[:200],
	"unbalanced":         exportDoc([]string{withProps(`{"a": [1}`)}, nil),
	"odd layout": "{\"format\": \"actorgraph/v1\", \"nodes\": [\n  {\"id\": \"" + idA + "\", \"key\": \"a\", \"labels\": [\"Actor\"], \"properties\": {\n  }, \"x\": 1\n  }],\n" +
		"\"relationships\": []}",
	"guess misleads": "{\"format\": \"actorgraph/v1\", \"nodes\": [\n  {\"id\": \"" + idA + "\", \"key\": \"a\", \"labels\": [\"Actor\"], \"properties\": {\n  }, \"x\": 1\n  }\n,\n  " + nodeB + "],\n" +
		"\"relationships\": []}",
	"misleading brace ok": "{\"format\": \"actorgraph/v1\", \"nodes\": [\n  {\"id\": \"" + idA + "\", \"key\": \"a\", \"labels\": [\"Actor\"], \"properties\": {\n  }\n  }\n,\n  " + nodeB + "],\n" +
		"\"relationships\": []}",
}

func TestDecodeAgreesWithDecoder(t *testing.T) {
	t.Parallel()
	for name, doc := range decodeCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			sameAsDecoder(t, []byte(doc))
		})
	}
}

// TestDecodeFastPath: documents as WriteJSON and other writers lay them out
// take the fast path, and a layout that defeats guessEnd still decodes
// there, by scanning exactly.
func TestDecodeFastPath(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := WriteJSON(&buf, NewDocument(gen.PreferentialAttachment(300, 3000, 1), time.Unix(0, 0))); err != nil {
		t.Fatal(err)
	}
	var compact, tabs bytes.Buffer
	if err := json.Compact(&compact, buf.Bytes()); err != nil {
		t.Fatal(err)
	}
	if err := json.Indent(&tabs, compact.Bytes(), "", "\t"); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name       string
		doc        []byte
		guess      outcome
		wantGraph  bool
		wantLayout bool // decodes when scanned exactly, not by guessing
	}{
		{"WriteJSON", buf.Bytes(), decoded, true, false},
		{"compact", compact.Bytes(), decoded, true, false},
		{"tabs", tabs.Bytes(), decoded, true, false},
		{"plain", []byte(decodeCases["plain"]), decoded, true, false},
		{"misleading brace", []byte(decodeCases["misleading brace ok"]), unusualLayout, true, true},
		{"every check", []byte(decodeCases["every check"]), decoded, false, false},
		{"syntax error", []byte(decodeCases["missing comma"]), unusualLayout, false, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, how, _ := decodeFast("f.json", tc.doc, true)
			if how != tc.guess {
				t.Errorf("guessing: outcome %d, want %d", how, tc.guess)
			}
			if tc.wantLayout {
				if _, how, _ := decodeFast("f.json", tc.doc, false); how != decoded {
					t.Errorf("scanning exactly: outcome %d, want decoded", how)
				}
			}
			g, err := sameAsDecoder(t, tc.doc)
			if (err == nil) != tc.wantGraph || tc.wantGraph && len(g.Nodes) == 0 {
				t.Errorf("err = %v, %d nodes", err, len(g.Nodes))
			}
		})
	}
}

// TestDecodeLarge plants problems in a generated document big enough to be
// parsed on several cores, and checks that they are reported as the
// json.Decoder path reports them, at the same lines and columns.
func TestDecodeLarge(t *testing.T) {
	t.Parallel()
	g := gen.PreferentialAttachment(2000, 6000, 2)
	// Properties of every type, so that their Go types are compared.
	g.Nodes[7].Properties = map[string]any{"name": "Q \"uote\" \\ é \u2028", "n": int64(-12), "f": 0.5, "ok": true, "ints": []any{int64(1), int64(-2)}, "strs": []any{"two"}, "floats": []any{3.5}, "bools": []any{false}}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, NewDocument(g, time.Unix(0, 0))); err != nil {
		t.Fatal(err)
	}
	clean := buf.Bytes()
	got, err := sameAsDecoder(t, clean)
	if err != nil || len(got.Relationships) != 6000 {
		t.Fatalf("err %v, %d relationships", err, len(got.Relationships))
	}

	rng := rand.New(rand.NewPCG(3, 4))
	lines := strings.SplitAfter(string(clean), "\n")
	plants := []func(string) string{
		func(l string) string { return strings.Replace(l, `"id": "`, `"id": "x`, 1) },
		func(l string) string { return strings.Replace(l, `"id": "`, `"ID": "`, 1) },
		func(l string) string { return strings.Replace(l, `"id": "`, `"extra": 1, "id": "`, 1) },
		func(l string) string { return strings.Replace(l, `"type": "`, `"type": "x`, 1) },
		func(l string) string { return strings.Replace(l, `"start": "`, `"start": 1, "x": "`, 1) },
		func(l string) string { return strings.Replace(l, `"key": "n1`, `"key": "n2`, 1) },
		func(l string) string { return strings.Replace(l, `"properties": null`, `"properties": {"m": {}}`, 1) },
		func(l string) string { return strings.Replace(l, `"name": "`, `"name": 1e999, "x": "`, 1) },
		func(l string) string { return strings.Replace(l, `"end": "`, `"end": "\u0041`, 1) },
	}
	for planted := 0; planted < 40; {
		k := rng.IntN(len(lines))
		if l := plants[planted%len(plants)](lines[k]); l != lines[k] {
			lines[k] = l
			planted++
		}
	}
	planted := []byte(strings.Join(lines, ""))
	_, err = sameAsDecoder(t, planted)
	if probs, ok := err.(Problems); !ok || len(probs) < 10 {
		t.Fatalf("planted problems: %v", err)
	}
	// Duplicate relationships, far apart.
	dup := bytes.Replace(clean, []byte(g.Relationships[10].ID), []byte(g.Relationships[5000].ID), 1)
	if _, err := sameAsDecoder(t, dup); err == nil || !strings.Contains(err.Error(), "duplicate relationship id") {
		t.Fatalf("duplicate ids: %v", err)
	}
	// A syntax error deep in the relationships.
	at := bytes.LastIndex(clean, []byte(`"type"`))
	broken := append(append(append([]byte(nil), clean[:at]...), '!'), clean[at:]...)
	if _, err := sameAsDecoder(t, broken); err == nil || !strings.Contains(err.Error(), "syntax error") {
		t.Fatalf("syntax error: %v", err)
	}
}

func TestRepeated(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{0, 1, 100, 1 << 15} {
		keys := make([]string, n)
		for k := range keys {
			keys[k] = fmt.Sprint(rng.IntN(n/2 + 1))
		}
		use := func(k int) bool { return k%7 != 3 }
		want := make([]bool, n)
		seen := map[string]bool{}
		for k, s := range keys {
			if use(k) {
				want[k] = seen[s]
				seen[s] = true
			}
		}
		key := func(k int) string { return keys[k] }
		if got := repeated(n, use, key); !reflect.DeepEqual(got, want) {
			t.Errorf("n=%d: wrong", n)
		}
		// A hash that collides all the time takes the other road.
		if got := repeatedHash(n, use, key, func(s string) uint64 { return uint64(len(s)) << 60 }); !reflect.DeepEqual(got, want) {
			t.Errorf("n=%d, colliding hash: wrong", n)
		}
	}
}

func TestLocator(t *testing.T) {
	t.Parallel()
	data := []byte("ab\ncd\n\nefg\nh")
	l := newLocator("f", data)
	rng := rand.New(rand.NewPCG(7, 8))
	for range 200 {
		off := rng.IntN(len(data)+4) - 2
		got := l.at(off, "m", "h")
		o := max(0, min(off, len(data)))
		line := 1 + bytes.Count(data[:o], []byte("\n"))
		col := o - bytes.LastIndexByte(data[:o], '\n')
		if got.Line != line || got.Column != col {
			t.Fatalf("offset %d: %d:%d, want %d:%d", off, got.Line, got.Column, line, col)
		}
	}
}

func FuzzDecodeAgrees(f *testing.F) {
	for _, doc := range decodeCases {
		f.Add([]byte(doc))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sameAsDecoder(t, data)
	})
}

// TestScanString checks the eight-bytes-at-a-time scan against a byte at a
// time, with the unusual bytes at every place in a word.
func TestScanString(t *testing.T) {
	t.Parallel()
	ref := func(d []byte, i int) (int, bool) {
		plain := true
		for j := i + 1; j < len(d); j++ {
			switch c := d[j]; {
			case c == '"':
				return j + 1, plain && utf8.Valid(d[i+1:j])
			case c == '\\':
				plain = false
				j++
			case c < 0x20:
				return -1, false
			}
		}
		return -1, false
	}
	alphabet := []byte{'a', 'a', 'a', 'a', '"', '\\', 0x01, 0x1f, 0x20, 0x7f, 0x80, 0xc3, 0xa9, 0xff}
	rng := rand.New(rand.NewPCG(9, 10))
	for range 20000 {
		d := make([]byte, 1+rng.IntN(40))
		d[0] = '"'
		for j := 1; j < len(d); j++ {
			d[j] = alphabet[rng.IntN(len(alphabet))]
		}
		gotEnd, gotPlain := scanString(d, 0)
		wantEnd, wantPlain := ref(d, 0)
		if gotEnd != wantEnd || gotEnd >= 0 && gotPlain != wantPlain {
			t.Fatalf("%q: got %d %v, want %d %v", d, gotEnd, gotPlain, wantEnd, wantPlain)
		}
	}
}
