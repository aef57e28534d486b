package exchange

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// graphmlKey declares one attribute. GraphML wants every attribute
// declared with one type, so a property whose values differ in type across
// elements is declared as a string.
type graphmlKey struct {
	id, domain, name, typ string
}

// WriteGraphML writes g as GraphML (http://graphml.graphdrawing.org/), for
// Gephi, yEd and Cytoscape desktop. Nodes carry key, labels (joined with
// ':') and their properties; edges carry type and their properties. Lists
// are written as JSON arrays in string attributes.
func WriteGraphML(w io.Writer, g graph.Graph) error {
	g = clone(g)
	graph.SortGraph(&g)
	nodeKeys := declare("n", g.Nodes, func(n graph.Node) map[string]any { return n.Properties }, "key", "labels")
	edgeKeys := declare("e", g.Relationships, func(r graph.Relationship) map[string]any { return r.Properties }, "type")

	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	root := xml.StartElement{Name: xml.Name{Local: "graphml"}, Attr: []xml.Attr{
		{Name: xml.Name{Local: "xmlns"}, Value: "http://graphml.graphdrawing.org/xmlns"},
		{Name: xml.Name{Local: "xmlns:xsi"}, Value: "http://www.w3.org/2001/XMLSchema-instance"},
		{Name: xml.Name{Local: "xsi:schemaLocation"}, Value: "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"},
	}}
	var err error
	tok := func(t xml.Token) {
		if err == nil {
			err = enc.EncodeToken(t)
		}
	}
	elem := func(name string, attrs [][2]string, text *string) {
		start := xml.StartElement{Name: xml.Name{Local: name}}
		for _, a := range attrs {
			start.Attr = append(start.Attr, xml.Attr{Name: xml.Name{Local: a[0]}, Value: a[1]})
		}
		tok(start)
		if text != nil {
			tok(xml.CharData(*text))
		}
		tok(start.End())
	}
	tok(root)
	for _, k := range append(nodeKeys, edgeKeys...) {
		elem("key", [][2]string{{"id", k.id}, {"for", k.domain}, {"attr.name", k.name}, {"attr.type", k.typ}}, nil)
	}
	gr := xml.StartElement{Name: xml.Name{Local: "graph"}, Attr: []xml.Attr{{Name: xml.Name{Local: "id"}, Value: "actorgraph"}, {Name: xml.Name{Local: "edgedefault"}, Value: "directed"}}}
	tok(gr)
	data := func(keys []graphmlKey, name string, v any) {
		for _, k := range keys {
			if k.name == name {
				s := attrText(v)
				elem("data", [][2]string{{"key", k.id}}, &s)
				return
			}
		}
	}
	for _, n := range g.Nodes {
		start := xml.StartElement{Name: xml.Name{Local: "node"}, Attr: []xml.Attr{{Name: xml.Name{Local: "id"}, Value: n.ID}}}
		tok(start)
		data(nodeKeys, "key", n.Key)
		data(nodeKeys, "labels", strings.Join(n.Labels, ":"))
		for _, p := range sortedKeys(n.Properties) {
			data(nodeKeys, p, n.Properties[p])
		}
		tok(start.End())
	}
	for _, r := range g.Relationships {
		start := xml.StartElement{Name: xml.Name{Local: "edge"}, Attr: []xml.Attr{
			{Name: xml.Name{Local: "id"}, Value: r.ID},
			{Name: xml.Name{Local: "source"}, Value: r.Start},
			{Name: xml.Name{Local: "target"}, Value: r.End},
		}}
		tok(start)
		data(edgeKeys, "type", r.Type)
		for _, p := range sortedKeys(r.Properties) {
			data(edgeKeys, p, r.Properties[p])
		}
		tok(start.End())
	}
	tok(gr.End())
	tok(root.End())
	if err != nil {
		return err
	}
	if err := enc.Flush(); err != nil {
		return err
	}
	_, err = io.WriteString(w, "\n")
	return err
}

// declare collects the attribute keys of one domain ("n" for nodes, "e"
// for edges), fixed names first, then properties in name order.
func declare[T any](prefix string, items []T, props func(T) map[string]any, fixed ...string) []graphmlKey {
	domain := map[string]string{"n": "node", "e": "edge"}[prefix]
	types := map[string]string{}
	for _, it := range items {
		for name, v := range props(it) {
			t := attrType(v)
			if old, ok := types[name]; ok && old != t {
				if (old == "long" && t == "double") || (old == "double" && t == "long") {
					t = "double"
				} else {
					t = "string"
				}
			}
			types[name] = t
		}
	}
	var keys []graphmlKey
	for i, name := range fixed {
		keys = append(keys, graphmlKey{id: fmt.Sprintf("%s%d", prefix, i), domain: domain, name: name, typ: "string"})
		delete(types, name)
	}
	names := make([]string, 0, len(types))
	for name := range types {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		keys = append(keys, graphmlKey{id: fmt.Sprintf("%s%d", prefix, len(keys)), domain: domain, name: name, typ: types[name]})
	}
	return keys
}

func attrType(v any) string {
	switch v.(type) {
	case bool:
		return "boolean"
	case int64, int:
		return "long"
	case float64:
		return "double"
	default:
		return "string"
	}
}

func attrText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []any:
		b, _ := json.Marshal(x)
		return string(b)
	default:
		return fmt.Sprint(x)
	}
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
