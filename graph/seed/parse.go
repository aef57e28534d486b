package seed

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"gopkg.in/yaml.v3"
)

// Format is the required value of a seed file's format field. A change to
// the file shape that old readers would misread gets a new version.
const Format = "actorgraph-seed/v1"

// DefaultConfidence is the confidence of evidence that does not state one.
const DefaultConfidence = 0.7

// File is one parsed seed file. Positions are kept for every value that a
// cross-file check (Check) may have to complain about.
type File struct {
	Name          string
	Source        string // key of the Document node the file describes
	SourcePos     Pos
	Nodes         []Node
	Relationships []Relationship
}

// Node is a node as written in a seed file.
type Node struct {
	Key         string
	Labels      []string // kind labels as written; Actor is added on conversion
	Name        string
	Aliases     []string
	Description string
	Country     string
	URL         string
	Published   string
	Date        string
	StartDate   string
	EndDate     string
	Reliability string         // A–F, documents and asserting actors
	Properties  map[string]any // the extra properties, normalised
	Pos         Pos            // start of the node's mapping
	KeyPos      Pos
}

// Relationship is a relationship as written in a seed file.
type Relationship struct {
	From, Type, To string
	Polarity       string // as written, or the type's usual polarity
	Since, Until   string
	Evidence       Evidence
	Pos            Pos // start of the relationship's mapping
	FromPos, ToPos Pos
}

// Evidence says who claims a relationship, where.
type Evidence struct {
	Claim        string
	AttributedTo string
	Source       string // the document key; the file's source unless given
	SourceSet    bool   // Source was written in the evidence itself
	SourcePos    Pos
	Locator      int64
	Confidence   float64
	Credibility  int64  // 1–6; 0 when not given
	Stance       string // as written, or asserted
	Asserter     string // key of the asserting actor, when given
	AsserterPos  Pos
}

// The fields each mapping accepts, in the order the README lists them.
var (
	fileFields     = []string{"format", "source", "nodes", "relationships"}
	nodeFields     = []string{"key", "labels", "name", "aliases", "description", "country", graph.PropPublished, graph.PropDate, graph.PropStart, graph.PropEnd, "url", graph.PropReliability, "properties"}
	relFields      = []string{"from", "type", "to", "polarity", "since", "until", "evidence"}
	evidenceFields = []string{"claim", "attributedTo", "asserter", "source", "locator", "confidence", graph.PropCredibility, graph.PropStance}
)

var (
	keyRE     = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	dateRE    = regexp.MustCompile(`^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$`)
	countryRE = regexp.MustCompile(`^[A-Z]{3}$`)
	propRE    = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*$`)
	yamlErrRE = regexp.MustCompile(`^yaml: line ([0-9]+): (.*)$`)
)

// Parse parses one seed file's bytes; name is used in positions. It checks
// everything that can be checked within the file and reports every problem
// it finds. Whether keys used in relationships exist, and whether node keys
// are unique, depends on the other files: Check does that. The returned
// File is nil only when data is not YAML at all; otherwise it holds what
// could be read, even if there are problems.
func Parse(name string, data []byte) (*File, Problems) {
	p := &parser{c: collector{file: name}}
	f := p.parse(data)
	p.c.list.Sort()
	return f, p.c.list
}

type parser struct {
	c collector
}

func at(n *yaml.Node) Pos { return Pos{Line: n.Line, Column: n.Column} }

func (p *parser) parse(data []byte) *File {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			p.c.add(Pos{}, "start with: format: "+Format, "the file is empty")
		} else {
			p.syntax(err)
		}
		return nil
	}
	var extra yaml.Node
	switch err := dec.Decode(&extra); {
	case errors.Is(err, io.EOF):
	case err != nil:
		p.syntax(err)
	default:
		p.c.add(at(&extra), "put each source document in a file of its own", "a seed file holds one YAML document; this is a second one")
	}
	p.noAliases(&doc)
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	f := &File{Name: p.c.file}
	m, ok := p.mapping(root, "the file", fileFields)
	if !ok {
		return f
	}
	if v := p.required(m, root, "format", "the file", "format: "+Format); v != nil {
		if s, ok := p.text(v, "format"); ok && s != Format {
			p.c.add(at(v), "this reader understands "+Format, "unknown format %q", s)
		}
	}
	if v := p.required(m, root, "source", "the file", "give the key of the Document node this file describes"); v != nil {
		f.Source, f.SourcePos = p.key(v, "source")
	}
	if v := m["nodes"]; v != nil {
		for _, n := range p.list(v, "nodes") {
			f.Nodes = append(f.Nodes, p.node(n))
		}
	}
	if v := m["relationships"]; v != nil {
		for _, n := range p.list(v, "relationships") {
			f.Relationships = append(f.Relationships, p.relationship(n, f))
		}
	}
	return f
}

// syntax reports a YAML syntax error. yaml.v3 gives a line but no column,
// and for parser (as opposed to scanner) errors the line it gives is the
// 0-based line of the construct being parsed, so we add one; an error on
// the first line comes with no line at all.
func (p *parser) syntax(err error) {
	msg := err.Error()
	line := 0
	if m := yamlErrRE.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
		if !scannerProblems[msg] {
			line++
		}
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
		if scannerProblems[msg] || parserProblemRE.MatchString(msg) {
			line = 1
		}
	}
	p.c.add(Pos{Line: line}, "check indentation, colons, brackets and quoting on this line", "YAML syntax error: %s", msg)
}

// scannerProblems are the messages of yaml.v3's scanner errors, whose line
// numbers are already 1-based.
var scannerProblems = map[string]bool{
	"found an indentation indicator equal to 0":                    true,
	"did not find expected whitespace or line break":               true,
	"did not find expected comment or line break":                  true,
	"could not find expected ':'":                                  true,
	"mapping values are not allowed in this context":               true,
	"mapping keys are not allowed in this context":                 true,
	"found unknown escape character":                               true,
	"found unknown directive name":                                 true,
	"found unexpected non-alphabetical character":                  true,
	"found unexpected end of stream":                               true,
	"found unexpected document indicator":                          true,
	"found invalid Unicode character escape code":                  true,
	"found extremely long version number":                          true,
	"found character that cannot start any token":                  true,
	"found a tab character where an indentation space is expected": true,
	"found a tab character that violates indentation":              true,
	"did not find the expected '>'":                                true,
	"did not find expected whitespace":                             true,
	"did not find expected version number":                         true,
	"did not find expected hexdecimal number":                      true,
	"did not find expected digit or '.' character":                 true,
	"did not find expected alphabetic or numeric character":        true,
	"could not find expected directive name":                       true,
	"block sequence entries are not allowed in this context":       true,
}

// parserProblemRE matches yaml.v3's parser errors, which lose their line
// when it is the first.
var parserProblemRE = regexp.MustCompile(`^did not find expected |^found (duplicate|undefined|incompatible)|^unknown problem parsing`)

// noAliases reports YAML aliases. They are rejected rather than expanded:
// seed files are meant to be read by people, and expanding aliases is how
// small YAML files turn into huge values.
func (p *parser) noAliases(n *yaml.Node) {
	if n.Kind == yaml.AliasNode {
		p.c.add(at(n), "write the value out in full", "YAML aliases (*%s) are not supported", n.Value)
		return
	}
	for _, c := range n.Content {
		p.noAliases(c)
	}
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "empty"
		}
		return "a single value"
	}
	return "something else"
}

// mapping checks that n is a mapping whose keys are all in allowed and none
// repeated, and returns its values by key.
func (p *parser) mapping(n *yaml.Node, what string, allowed []string) (map[string]*yaml.Node, bool) {
	if n.Kind == yaml.AliasNode {
		return nil, false // reported by noAliases
	}
	if n.Kind != yaml.MappingNode {
		p.c.add(at(n), "write it as field: value lines", "%s must be a mapping, not %s", what, kindName(n))
		return nil, false
	}
	out := make(map[string]*yaml.Node, len(n.Content)/2)
	first := make(map[string]Pos)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			p.c.add(at(k), "field names are plain words", "%s has a field name that is %s", what, kindName(k))
			continue
		}
		if !contains(allowed, k.Value) {
			p.c.add(at(k), suggest(k.Value, allowed), "unknown field %q in %s", k.Value, what)
			continue
		}
		if pos, dup := first[k.Value]; dup {
			p.c.add(at(k), "remove one of them", "field %q given twice in %s (first at line %d:%d)", k.Value, what, pos.Line, pos.Column)
			continue
		}
		first[k.Value] = at(k)
		out[k.Value] = v
	}
	return out, true
}

// required returns m[field], reporting its absence at the parent mapping.
func (p *parser) required(m map[string]*yaml.Node, parent *yaml.Node, field, what, hint string) *yaml.Node {
	v := m[field]
	if v == nil {
		p.c.add(at(parent), hint, "%s is missing required field %q", what, field)
	}
	return v
}

// list checks that n is a list and returns its items.
func (p *parser) list(n *yaml.Node, field string) []*yaml.Node {
	if n.Kind == yaml.AliasNode {
		return nil
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil // "nodes:" with nothing after it is an empty list
	}
	if n.Kind != yaml.SequenceNode {
		p.c.add(at(n), "start each item with '- '", "%s must be a list, not %s", field, kindName(n))
		return nil
	}
	return n.Content
}

// text returns a single non-empty value as a string. Any scalar will do:
// YAML reads 2015 as a number and 2015-09-01 as a timestamp, but both are
// fine as text.
func (p *parser) text(n *yaml.Node, field string) (string, bool) {
	if n.Kind == yaml.AliasNode {
		return "", false
	}
	if n.Kind != yaml.ScalarNode {
		p.c.add(at(n), "give a single value", "%s must be a single value, not %s", field, kindName(n))
		return "", false
	}
	if n.Tag == "!!null" || strings.TrimSpace(n.Value) == "" {
		p.c.add(at(n), "fill it in or remove the field", "%s is empty", field)
		return "", false
	}
	return strings.TrimSpace(n.Value), true
}

// texts returns a list of non-empty values.
func (p *parser) texts(n *yaml.Node, field string) ([]string, bool) {
	if n.Kind == yaml.AliasNode {
		return nil, false
	}
	if n.Kind != yaml.SequenceNode {
		p.c.add(at(n), "write a list: [A, B]", "%s must be a list, not %s", field, kindName(n))
		return nil, false
	}
	ok := true
	seen := make(map[string]bool)
	var out []string
	for _, c := range n.Content {
		s, good := p.text(c, field+" item")
		if !good {
			ok = false
			continue
		}
		if seen[s] {
			p.c.add(at(c), "remove the repeat", "%s lists %q twice", field, s)
			ok = false
			continue
		}
		seen[s] = true
		out = append(out, s)
	}
	return out, ok
}

// key reads a node key.
func (p *parser) key(n *yaml.Node, field string) (string, Pos) {
	s, ok := p.text(n, field)
	if !ok {
		return "", at(n)
	}
	if !keyRE.MatchString(s) {
		hint := "keys are lowercase letters and digits in words joined by single hyphens"
		if slug := Slug(s); slug != "" {
			hint += ", e.g. " + slug
		}
		p.c.add(at(n), hint, "bad key %q in %s", s, field)
	}
	return s, at(n)
}

// Slug turns s into a key-shaped string: its Latin letters and digits,
// lower-cased, runs of anything else made one dash ("United States" ->
// "united-states"); "" when s has none.
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}

// date reads a YYYY, YYYY-MM or YYYY-MM-DD date.
func (p *parser) date(n *yaml.Node, field string) (string, graph.Date, bool) {
	s, ok := p.text(n, field)
	if !ok {
		return "", graph.Date{}, false
	}
	d, err := graph.ParseDate(s)
	if err != nil || !dateRE.MatchString(s) {
		p.c.add(at(n), "write YYYY, YYYY-MM or YYYY-MM-DD", "bad date %q in %s", s, field)
		return s, graph.Date{}, false
	}
	return s, d, true
}

// first and last are the first and last day a date covers, as YYYYMMDD.
func first(d graph.Date) int {
	return d.Year*10000 + max(d.Month, 1)*100 + max(d.Day, 1)
}

func last(d graph.Date) int {
	m, day := d.Month, d.Day
	if m == 0 {
		m = 12
	}
	if day == 0 {
		day = 31
	}
	return d.Year*10000 + m*100 + day
}

// dateRange reads an optional pair of dates and checks their order.
func (p *parser) dateRange(m map[string]*yaml.Node, fromField, toField string) (from, to string) {
	var df, dt graph.Date
	var okF, okT bool
	if v := m[fromField]; v != nil {
		from, df, okF = p.date(v, fromField)
	}
	if v := m[toField]; v != nil {
		to, dt, okT = p.date(v, toField)
		if okF && okT && first(df) > last(dt) {
			p.c.add(at(v), "swap them or fix the typo", "%s %s is before %s %s", toField, to, fromField, from)
		}
	}
	return from, to
}

func (p *parser) node(n *yaml.Node) Node {
	out := Node{Pos: at(n)}
	m, ok := p.mapping(n, "a node", nodeFields)
	if !ok {
		return out
	}
	if v := p.required(m, n, "key", "a node", "give the node a key such as united-states"); v != nil {
		out.Key, out.KeyPos = p.key(v, "key")
	} else {
		out.KeyPos = at(n)
	}
	what := "a node"
	if out.Key != "" {
		what = "node " + out.Key
	}
	kinds := labelNames()
	if v := p.required(m, n, "labels", what, "e.g. labels: [Country]; use one of "+strings.Join(kinds, ", ")); v != nil {
		out.Labels = p.labels(v, what, kinds)
	}
	if v := p.required(m, n, "name", what, "give the name the source uses"); v != nil {
		out.Name, _ = p.text(v, "name")
	}
	if v := m["aliases"]; v != nil {
		out.Aliases, _ = p.texts(v, "aliases")
	}
	if v := m["description"]; v != nil {
		out.Description, _ = p.text(v, "description")
	}
	if v := m["country"]; v != nil {
		if s, ok := p.text(v, "country"); ok {
			out.Country = s
			if !countryRE.MatchString(s) {
				p.c.add(at(v), "use the ISO 3166-1 alpha-3 code, e.g. USA, CHN", "bad country code %q", s)
			} else if !contains(out.Labels, "Country") {
				p.c.add(at(v), "remove it, or label the node Country", "country is only for Country nodes")
			}
		}
	}
	if v := m["url"]; v != nil {
		if s, ok := p.text(v, "url"); ok {
			out.URL = s
			if u, err := url.Parse(s); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				p.c.add(at(v), "give an absolute http(s) URL", "bad url %q", s)
			}
		}
	}
	if v := m[graph.PropPublished]; v != nil {
		out.Published, _, _ = p.date(v, graph.PropPublished)
	}
	if v := m[graph.PropDate]; v != nil {
		out.Date, _, _ = p.date(v, graph.PropDate)
	}
	out.StartDate, out.EndDate = p.dateRange(m, graph.PropStart, graph.PropEnd)
	if v := m[graph.PropReliability]; v != nil {
		if s, ok := p.text(v, graph.PropReliability); ok {
			out.Reliability = s
			if !graph.IsReliability(s) {
				hint := "use an Admiralty grade: A completely reliable, B usually, C fairly, D not usually, E unreliable, F cannot be judged"
				if u := strings.ToUpper(s); graph.IsReliability(u) {
					hint = "did you mean " + u + "?"
				}
				p.c.add(at(v), hint, "reliability %q is not a grade A to F", s)
			}
		}
	}
	if v := m["properties"]; v != nil {
		out.Properties = p.properties(v)
	}
	return out
}

// labels reads a node's kind labels.
func (p *parser) labels(v *yaml.Node, what string, kinds []string) []string {
	if v.Kind == yaml.AliasNode {
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		p.c.add(at(v), "write a list, e.g. [Country]", "labels must be a list, not %s", kindName(v))
		return nil
	}
	if len(v.Content) == 0 {
		p.c.add(at(v), "use one of "+strings.Join(kinds, ", "), "%s has no labels", what)
	}
	var out []string
	for _, c := range v.Content {
		l, ok := p.text(c, "label")
		switch {
		case !ok:
		case l == graph.LabelActor:
			p.c.add(at(c), "every node gets Actor; list only its kind", "label %s is added automatically", l)
		case !graph.IsLabel(l):
			p.c.add(at(c), suggest(l, kinds), "unknown label %q", l)
		case contains(out, l):
			p.c.add(at(c), "remove the repeat", "label %s listed twice", l)
		default:
			out = append(out, l)
		}
	}
	return out
}

// properties reads the free-form extra properties: names that are not
// fields of their own, with scalar or list-of-scalar values.
func (p *parser) properties(n *yaml.Node) map[string]any {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil
	}
	if n.Kind == yaml.AliasNode {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		p.c.add(at(n), "write name: value lines", "properties must be a mapping, not %s", kindName(n))
		return nil
	}
	out := make(map[string]any)
	seen := make(map[string]bool)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode || !propRE.MatchString(k.Value) {
			p.c.add(at(k), "property names are a letter then letters, digits or _", "bad property name %q", k.Value)
			continue
		}
		if contains(nodeFields, k.Value) {
			p.c.add(at(k), "move it out of properties", "%s is a field of its own, not an extra property", k.Value)
			continue
		}
		if seen[k.Value] {
			p.c.add(at(k), "remove one of them", "property %q given twice", k.Value)
			continue
		}
		seen[k.Value] = true
		switch v.Kind {
		case yaml.ScalarNode:
			if x, ok := p.scalar(v, k.Value); ok && x != nil {
				out[k.Value] = x
			}
		case yaml.SequenceNode:
			list := make([]any, 0, len(v.Content))
			good := true
			for _, c := range v.Content {
				if c.Kind != yaml.ScalarNode {
					if c.Kind != yaml.AliasNode {
						p.c.add(at(c), "lists hold single values", "property %s: a list item is %s", k.Value, kindName(c))
					}
					good = false
					continue
				}
				x, ok := p.scalar(c, k.Value)
				if !ok || x == nil {
					if ok {
						p.c.add(at(c), "remove the empty item", "property %s: a list item is empty", k.Value)
					}
					good = false
					continue
				}
				list = append(list, x)
			}
			if good {
				out[k.Value] = list
			}
		case yaml.AliasNode:
		default:
			p.c.add(at(v), "properties hold a single value or a list", "property %s is %s", k.Value, kindName(v))
		}
	}
	return out
}

// scalar converts a YAML scalar to a property value by its resolved tag.
// A null gives (nil, true): the property is left out, as Neo4j would.
func (p *parser) scalar(n *yaml.Node, name string) (any, bool) {
	switch n.Tag {
	case "!!null":
		return nil, true
	case "!!bool":
		var b bool
		if err := n.Decode(&b); err != nil {
			p.c.add(at(n), "write true or false", "property %s: %v", name, err)
			return nil, false
		}
		return b, true
	case "!!int":
		var i int64
		if err := n.Decode(&i); err != nil {
			p.c.add(at(n), "integers must fit in 64 bits; quote it to keep it as text", "property %s: %q is not a 64-bit integer", name, n.Value)
			return nil, false
		}
		return i, true
	case "!!float":
		var f float64
		if err := n.Decode(&f); err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			p.c.add(at(n), "quote it to keep it as text", "property %s: %q is not a finite number", name, n.Value)
			return nil, false
		}
		return f, true
	default:
		return n.Value, true
	}
}

func (p *parser) relationship(n *yaml.Node, f *File) Relationship {
	out := Relationship{Pos: at(n)}
	m, ok := p.mapping(n, "a relationship", relFields)
	if !ok {
		return out
	}
	if v := p.required(m, n, "from", "a relationship", "give the key of its start node"); v != nil {
		out.From, out.FromPos = p.key(v, "from")
	}
	if v := p.required(m, n, "to", "a relationship", "give the key of its end node"); v != nil {
		out.To, out.ToPos = p.key(v, "to")
	}
	if out.From != "" && out.From == out.To {
		p.c.add(out.ToPos, "a relationship joins two different nodes", "relationship from %s to itself", out.From)
	}
	types := relTypeNames()
	var term graph.Term
	if v := p.required(m, n, "type", "a relationship", "use one of "+strings.Join(types, ", ")); v != nil {
		if s, ok := p.text(v, "type"); ok {
			out.Type = s
			var known bool
			if term, known = graph.RelTypeTerm(s); !known {
				p.c.add(at(v), suggest(s, types), "unknown relationship type %q", s)
			}
		}
	}
	// A symmetric type is stored one way round whichever way it is
	// written, so that the same tie written both ways is one duplicate.
	if _, _, swapped := graph.Canonical(out.Type, out.From, out.To); swapped {
		out.From, out.To = out.To, out.From
		out.FromPos, out.ToPos = out.ToPos, out.FromPos
	}
	out.Polarity = term.Polarity
	if v := m["polarity"]; v != nil {
		if s, ok := p.text(v, "polarity"); ok {
			out.Polarity = s
			if !graph.IsPolarity(s) {
				pols := []string{graph.Cooperation, graph.Conflict, graph.Neutral}
				p.c.add(at(v), suggest(s, pols), "polarity %q is not cooperation, conflict or neutral", s)
			}
		}
	}
	out.Since, out.Until = p.dateRange(m, "since", "until")
	what := "a relationship"
	if out.From != "" && out.Type != "" && out.To != "" {
		what = fmt.Sprintf("relationship %s %s %s", out.From, out.Type, out.To)
	}
	if v := p.required(m, n, "evidence", what, "every relationship needs evidence: claim, attributedTo, locator"); v != nil {
		out.Evidence = p.evidence(v, f)
	} else {
		out.Evidence.Source, out.Evidence.SourcePos = f.Source, f.SourcePos
	}
	return out
}

func (p *parser) evidence(n *yaml.Node, f *File) Evidence {
	out := Evidence{Source: f.Source, SourcePos: f.SourcePos, Confidence: DefaultConfidence, Stance: graph.Asserted}
	m, ok := p.mapping(n, "evidence", evidenceFields)
	if !ok {
		return out
	}
	if v := p.required(m, n, "claim", "evidence", "state the claim in one sentence of our own words"); v != nil {
		out.Claim, _ = p.text(v, "claim")
	}
	if v := p.required(m, n, "attributedTo", "evidence", "say who asserts it: the author, or whom the author cites"); v != nil {
		out.AttributedTo, _ = p.text(v, "attributedTo")
	}
	if v := m["source"]; v != nil {
		out.Source, out.SourcePos = p.key(v, "source")
		out.SourceSet = true
	}
	if v := p.required(m, n, "locator", "evidence", "give the paragraph number in the source; seeds/README.md says how to count"); v != nil {
		out.Locator = p.locator(v)
	}
	if v := m["confidence"]; v != nil {
		out.Confidence = p.confidence(v)
	}
	if v := m["asserter"]; v != nil {
		out.Asserter, out.AsserterPos = p.key(v, "asserter")
	}
	if v := m[graph.PropCredibility]; v != nil {
		out.Credibility = p.credibility(v)
	}
	if v := m[graph.PropStance]; v != nil {
		if s, ok := p.text(v, graph.PropStance); ok {
			out.Stance = s
			if !graph.IsStance(s) {
				p.c.add(at(v), suggest(s, graph.Stances()), "stance %q is not one of %s", s, strings.Join(graph.Stances(), ", "))
			}
		}
	}
	return out
}

func (p *parser) credibility(n *yaml.Node) int64 {
	const hint = "give an Admiralty credibility grade: 1 confirmed, 2 probably true, 3 possibly true, 4 doubtful, 5 improbable, 6 cannot be judged"
	if n.Kind == yaml.AliasNode {
		return 0
	}
	var i int64
	if n.Kind != yaml.ScalarNode || n.Tag != "!!int" || n.Decode(&i) != nil || !graph.IsCredibility(i) {
		p.c.add(at(n), hint, "credibility %s is not a grade 1 to 6", describe(n))
		return 0
	}
	return i
}

func (p *parser) locator(n *yaml.Node) int64 {
	const hint = "give the paragraph number, an integer from 1"
	if n.Kind == yaml.AliasNode {
		return 0
	}
	if n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
		p.c.add(at(n), hint, "locator %s is not a positive integer", describe(n))
		return 0
	}
	var i int64
	if err := n.Decode(&i); err != nil || i < 1 {
		p.c.add(at(n), hint, "locator %s is not a positive integer", describe(n))
		return 0
	}
	return i
}

func (p *parser) confidence(n *yaml.Node) float64 {
	const hint = "give a number from 0 to 1"
	if n.Kind == yaml.AliasNode {
		return DefaultConfidence
	}
	if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float") {
		p.c.add(at(n), hint, "confidence %s is not a number", describe(n))
		return DefaultConfidence
	}
	var f float64
	if err := n.Decode(&f); err != nil || !(f >= 0 && f <= 1) {
		p.c.add(at(n), hint, "confidence %s is outside 0..1", describe(n))
		return DefaultConfidence
	}
	return f
}

// describe shows a value in a message: scalars quoted, others by kind.
func describe(n *yaml.Node) string {
	if n.Kind == yaml.ScalarNode && n.Tag != "!!null" {
		return strconv.Quote(n.Value)
	}
	return "(" + kindName(n) + ")"
}

func labelNames() []string {
	var out []string
	for _, t := range graph.Labels() {
		out = append(out, t.Name)
	}
	return out
}

func relTypeNames() []string {
	var out []string
	for _, t := range graph.RelTypes() {
		out = append(out, t.Name)
	}
	return out
}

func contains(list []string, s string) bool { return slices.Contains(list, s) }
