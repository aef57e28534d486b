package exchange

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/graph"
)

// WriteGEXF writes g as GEXF 1.3 (https://gexf.net), Gephi's own format.
// Nodes and edges carry the same attributes as in GraphML (key, labels,
// type and every property, evidence included, lists as JSON text), a
// label (the node's name, the edge's type), and spells: a relationship's
// since/until, a node's startDate/endDate, so that Gephi's timeline plays
// the graph. Partial dates cover their whole year or month. The graph is
// "dynamic" only when some element has a spell.
func WriteGEXF(w io.Writer, g graph.Graph, now time.Time) error {
	g = clone(g)
	graph.SortGraph(&g)
	nodeKeys := declare("n", g.Nodes, func(n graph.Node) map[string]any { return n.Properties }, "key", "labels")
	edgeKeys := declare("e", g.Relationships, func(r graph.Relationship) map[string]any { return r.Properties }, "type")
	nodeSpell := func(n graph.Node) (string, string) {
		return spellBounds(str(n.Properties, graph.PropStart), str(n.Properties, graph.PropEnd))
	}
	relSpell := func(r graph.Relationship) (string, string) {
		return spellBounds(str(r.Properties, graph.PropSince), str(r.Properties, graph.PropUntil))
	}
	dynamic := false
	for _, n := range g.Nodes {
		if s, e := nodeSpell(n); s != "" || e != "" {
			dynamic = true
		}
	}
	for _, r := range g.Relationships {
		if s, e := relSpell(r); s != "" || e != "" {
			dynamic = true
		}
	}

	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	var err error
	tok := func(t xml.Token) {
		if err == nil {
			err = enc.EncodeToken(t)
		}
	}
	start := func(name string, attrs ...string) xml.StartElement {
		s := xml.StartElement{Name: xml.Name{Local: name}}
		for i := 0; i+1 < len(attrs); i += 2 {
			s.Attr = append(s.Attr, xml.Attr{Name: xml.Name{Local: attrs[i]}, Value: attrs[i+1]})
		}
		tok(s)
		return s
	}
	empty := func(name string, attrs ...string) { tok(start(name, attrs...).End()) }
	root := start("gexf", "xmlns", "http://gexf.net/1.3", "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance",
		"xsi:schemaLocation", "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd", "version", "1.3")
	meta := start("meta", "lastmodifieddate", now.UTC().Format("2006-01-02"))
	creator := start("creator")
	tok(xml.CharData("actorgraph"))
	tok(creator.End())
	tok(meta.End())
	gattrs := []string{"defaultedgetype", "directed", "mode", "static"}
	if dynamic {
		gattrs = []string{"defaultedgetype", "directed", "mode", "dynamic", "timeformat", "date"}
	}
	gr := start("graph", gattrs...)
	for _, c := range []struct {
		class string
		keys  []graphmlKey
	}{{"node", nodeKeys}, {"edge", edgeKeys}} {
		as := start("attributes", "class", c.class, "mode", "static")
		for _, k := range c.keys {
			empty("attribute", "id", k.id, "title", k.name, "type", k.typ)
		}
		tok(as.End())
	}
	values := func(keys []graphmlKey, fixed [][2]string, props map[string]any) {
		av := start("attvalues")
		for _, f := range fixed {
			for _, k := range keys {
				if k.name == f[0] {
					empty("attvalue", "for", k.id, "value", f[1])
				}
			}
		}
		for _, k := range keys {
			if v, ok := props[k.name]; ok && !isFixed(fixed, k.name) {
				empty("attvalue", "for", k.id, "value", attrText(v))
			}
		}
		tok(av.End())
	}
	spells := func(s, e string) {
		if s == "" && e == "" {
			return
		}
		sp := start("spells")
		var a []string
		if s != "" {
			a = append(a, "start", s)
		}
		if e != "" {
			a = append(a, "end", e)
		}
		empty("spell", a...)
		tok(sp.End())
	}
	ns := start("nodes")
	for _, n := range g.Nodes {
		label := str(n.Properties, graph.PropName)
		if label == "" {
			label = n.Key
		}
		el := start("node", "id", n.ID, "label", label)
		values(nodeKeys, [][2]string{{"key", n.Key}, {"labels", strings.Join(n.Labels, ":")}}, n.Properties)
		spells(nodeSpell(n))
		tok(el.End())
	}
	tok(ns.End())
	es := start("edges")
	for _, r := range g.Relationships {
		el := start("edge", "id", r.ID, "source", r.Start, "target", r.End, "label", r.Type)
		values(edgeKeys, [][2]string{{"type", r.Type}}, r.Properties)
		spells(relSpell(r))
		tok(el.End())
	}
	tok(es.End())
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

func isFixed(fixed [][2]string, name string) bool {
	for _, f := range fixed {
		if f[0] == name {
			return true
		}
	}
	return false
}

// spellBounds turns since/until dates (YYYY, YYYY-MM or YYYY-MM-DD) into
// the first and last day they cover; a date that does not parse gives no
// bound.
func spellBounds(since, until string) (string, string) {
	var s, e string
	if d, err := graph.ParseDate(since); since != "" && err == nil {
		s = dayText(d, false)
	}
	if d, err := graph.ParseDate(until); until != "" && err == nil {
		e = dayText(d, true)
	}
	return s, e
}

// dayText is the first (or, with last, the last) day a date covers.
func dayText(d graph.Date, last bool) string {
	m, day := d.Month, d.Day
	if m == 0 {
		m = map[bool]int{false: 1, true: 12}[last]
	}
	if day == 0 {
		day = 1
		if last {
			day = time.Date(d.Year, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
		}
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, m, day)
}
