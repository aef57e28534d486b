package exchange

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// FollowTheMoney (https://followthemoney.tech), the entity model of Aleph
// and OpenSanctions: one JSON entity per line, nodes as thing schemata and
// relationships as interval schemata. The mapping is documented in the
// README's formats table; what FtM has no property for travels as
// "name: <JSON value>" lines (notes on things, description on intervals)
// so that ReadFtM gives back the graph that was written.

// ftmEntity is one line of an FtM file.
type ftmEntity struct {
	ID         string              `json:"id"`
	Schema     string              `json:"schema"`
	Properties map[string][]string `json:"properties"`
}

// ftmNodeSchema maps our kinds to FtM schemata. FtM has no schema for a
// state: a Country is the public body of its government taken as a whole.
var ftmNodeSchema = map[string]string{
	"Country": "PublicBody", "Bloc": "Organization", "PublicBody": "PublicBody",
	"Organization": "Organization", "Company": "Company", "Person": "Person",
	"Group": "LegalEntity", "Agreement": "Contract", "Event": "Event",
	"Document": "Article", "Topic": "Note",
}

// ftmKind is the kind a schema reads back as, when no labels line says
// otherwise.
var ftmKind = map[string]string{
	"PublicBody": "PublicBody", "Organization": "Organization", "Company": "Company",
	"Person": "Person", "LegalEntity": "Group", "Contract": "Agreement", "Event": "Event",
	"Article": "Document", "Document": "Document", "Note": "Topic",
}

// ftmEdge is an interval schema: the properties naming its two ends, the
// type it reads back as without a role, and whether its source end is
// the start of our relationship for that type.
type ftmEdge struct {
	source, target string
	defaultType    string
}

var ftmEdges = map[string]ftmEdge{
	"UnknownLink":    {"subject", "object", "RELATED_TO"},
	"Membership":     {"member", "organization", "MEMBER_OF"},
	"Employment":     {"employee", "employer", "AFFILIATED_WITH"},
	"Directorship":   {"director", "organization", "LEADS"},
	"Representation": {"agent", "client", "MEDIATES"},
	"Documentation":  {"document", "entity", "MENTIONS"},
	"Ownership":      {"owner", "asset", "OWNS"},
	"Associate":      {"person", "associate", "ASSOCIATED_WITH"},
	"Family":         {"person", "relative", "RELATED_TO"},
}

// docToEntity lists the types whose start is the entity and end the
// document in a Documentation (the entity wrote or published it); for
// every other type the document is the start.
var docToEntity = []string{"AUTHORED", "PUBLISHED"}

// The schemata whose entities FtM accepts at the ends of our intervals.
var (
	ftmLegal = []string{"Person", "Organization", "Company", "PublicBody", "LegalEntity"}
	ftmOrg   = []string{"Organization", "Company", "PublicBody"}
	ftmDoc   = []string{"Article", "Document"}
)

// Notes lines of our own: the labels when the schema does not say them,
// and that a node had no name (FtM requires one; the key stands in).
const (
	ftmLabels = "_labels"
	ftmNoName = "_noname"
)

func ftmSchemaOf(n graph.Node) string {
	if s, ok := ftmNodeSchema[kindOf(n)]; ok {
		return s
	}
	return "LegalEntity"
}

// WriteFtM writes g as FollowTheMoney entities, one JSON object a line:
// the nodes (entity id = node key), then the relationships (entity id =
// relationship id).
func WriteFtM(w io.Writer, g graph.Graph) error {
	g = clone(g)
	graph.SortGraph(&g)
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	byID := make(map[string]graph.Node, len(g.Nodes))
	for _, n := range g.Nodes {
		byID[n.ID] = n
		if err := enc.Encode(ftmNode(n)); err != nil {
			return err
		}
	}
	for _, r := range g.Relationships {
		if err := enc.Encode(ftmRel(r, byID)); err != nil {
			return err
		}
	}
	return bw.Flush()
}

func ftmNode(n graph.Node) ftmEntity {
	schema := ftmSchemaOf(n)
	p := map[string][]string{}
	used := []string{graph.PropName, graph.PropAliases, graph.PropDescription}
	name := str(n.Properties, graph.PropName)
	var notes []string
	if name == "" {
		// FtM wants a name: the key stands in, and a line says so.
		name = n.Key
		notes = append(notes, propLine(ftmNoName, true))
	}
	p["name"] = []string{name}
	if schema == "Contract" {
		p["title"] = []string{name}
	}
	if a := strs(n.Properties, graph.PropAliases); len(a) > 0 {
		p["alias"] = a
	}
	if d := str(n.Properties, graph.PropDescription); d != "" {
		p["description"] = []string{d}
	}
	if c := alpha2(str(n.Properties, graph.PropCountry)); c != "" {
		p["country"] = []string{c}
		used = append(used, graph.PropCountry)
	}
	date := func(ours, theirs string) {
		if v := str(n.Properties, ours); v != "" {
			if _, err := graph.ParseDate(v); err == nil {
				p[theirs] = []string{v}
				used = append(used, ours)
			}
		}
	}
	switch schema {
	case "Event":
		date(graph.PropDate, "date")
		date(graph.PropStart, "startDate")
		date(graph.PropEnd, "endDate")
	case "Article":
		date(graph.PropPublished, "publishedAt")
		if u := str(n.Properties, graph.PropURL); u != "" {
			p["sourceUrl"] = []string{u}
			used = append(used, graph.PropURL)
		}
	}
	if want := []string{graph.LabelActor, ftmKind[schema]}; !sameSet(n.Labels, want) {
		notes = append(notes, propLine(ftmLabels, n.Labels))
	}
	for _, k := range rest(n.Properties, used...) {
		notes = append(notes, propLine(k, n.Properties[k]))
	}
	if len(notes) > 0 {
		p["notes"] = notes
	}
	return ftmEntity{ID: n.Key, Schema: schema, Properties: p}
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		if !contains(b, x) {
			return false
		}
	}
	return true
}

// ftmRelSchema picks the interval schema of a relationship, falling back
// to UnknownLink when the ends are not of the kinds the schema takes.
func ftmRelSchema(r graph.Relationship, start, end string) (schema string, swap bool) {
	switch {
	case r.Type == "MEMBER_OF" && contains(ftmLegal, start) && contains(ftmOrg, end):
		return "Membership", false
	case r.Type == "AFFILIATED_WITH" && start == "Person" && contains(ftmOrg, end):
		return "Employment", false
	case r.Type == "LEADS" && contains(ftmLegal, start) && contains(ftmOrg, end):
		return "Directorship", false
	case r.Type == "MEDIATES" && contains(ftmLegal, start) && contains(ftmLegal, end):
		return "Representation", false
	case contains(docToEntity, r.Type) && contains(ftmDoc, end):
		return "Documentation", true
	case !contains(docToEntity, r.Type) && contains(ftmDoc, start) && end != "" && (r.Type == "MENTIONS" || r.Type == "CONCERNS"):
		return "Documentation", false
	}
	return "UnknownLink", false
}

func ftmRel(r graph.Relationship, byID map[string]graph.Node) ftmEntity {
	sn, en := byID[r.Start], byID[r.End]
	schema, swap := ftmRelSchema(r, ftmSchemaOf(sn), ftmSchemaOf(en))
	e := ftmEdges[schema]
	src, dst := sn.Key, en.Key
	if swap {
		src, dst = dst, src
	}
	p := map[string][]string{e.source: {src}, e.target: {dst}, "role": {typePhrase(r.Type)}}
	var used []string
	date := func(ours, theirs string) {
		if v := str(r.Properties, ours); v != "" {
			if _, err := graph.ParseDate(v); err == nil {
				p[theirs] = []string{v}
				used = append(used, ours)
			}
		}
	}
	date(graph.PropSince, "startDate")
	date(graph.PropUntil, "endDate")
	if c := str(r.Properties, graph.PropClaim); c != "" {
		p["summary"] = []string{c}
		used = append(used, graph.PropClaim)
	}
	if s := str(r.Properties, graph.PropSource); s != "" {
		p["proof"] = []string{s}
		used = append(used, graph.PropSource)
	}
	var desc []string
	for _, k := range rest(r.Properties, used...) {
		desc = append(desc, propLine(k, r.Properties[k]))
	}
	if len(desc) > 0 {
		p["description"] = desc
	}
	return ftmEntity{ID: r.ID, Schema: schema, Properties: p}
}

// ReadFtM reads FollowTheMoney entities, one JSON object a line, as
// WriteFtM writes them or as Aleph and OpenSanctions export them. Thing
// entities become nodes (key = entity id) and the interval schemata in
// ftmEdges relationships. Every problem is reported with its line.
func ReadFtM(name string, data []byte) (graph.Graph, error) {
	var probs Problems
	type item struct {
		line int
		e    ftmEntity
	}
	var nodes, edges []item
	line := 0
	for len(data) > 0 {
		line++
		var l []byte
		l, data, _ = bytes.Cut(data, []byte("\n"))
		l = bytes.TrimSpace(l)
		if len(l) == 0 {
			continue
		}
		var e ftmEntity
		dec := json.NewDecoder(bytes.NewReader(l))
		if err := dec.Decode(&e); err != nil {
			probs = append(probs, Problem{File: name, Line: line, Column: 1 + jsonErrOffset(err), Message: "not an FtM entity: " + err.Error(), Hint: `an entity is {"id","schema","properties":{"name":["..."]}}`})
			continue
		}
		switch {
		case e.ID == "":
			probs = append(probs, Problem{File: name, Line: line, Column: 1, Message: "entity has no id"})
		case e.Schema == "":
			probs = append(probs, Problem{File: name, Line: line, Column: 1, Message: fmt.Sprintf("entity %q has no schema", e.ID)})
		case ftmEdges[e.Schema] != (ftmEdge{}):
			edges = append(edges, item{line, e})
		case !graph.ValidLabel(e.Schema):
			probs = append(probs, Problem{File: name, Line: line, Column: 1, Message: fmt.Sprintf("entity %q: schema %q is not a schema name", e.ID, e.Schema)})
		default:
			nodes = append(nodes, item{line, e})
		}
	}
	var g graph.Graph
	keys := map[string]int{} // key -> line
	kinds := map[string]string{}
	for _, it := range nodes {
		n := ftmToNode(it.e)
		kinds[n.Key] = it.e.Schema
		if l, dup := keys[n.Key]; dup {
			probs = append(probs, Problem{File: name, Line: it.line, Column: 1, Message: fmt.Sprintf("entity id %q is also on line %d", n.Key, l), Hint: "entity ids must be unique"})
			continue
		}
		keys[n.Key] = it.line
		if err := graph.CheckNode(n); err != nil {
			probs = append(probs, Problem{File: name, Line: it.line, Column: 1, Message: graph.MessageOf(err), Hint: "every store applies these rules (see graph/validate.go)"})
			continue
		}
		g.Nodes = append(g.Nodes, n)
	}
	relIDs := map[string]int{}
	for _, it := range edges {
		e, spec := it.e, ftmEdges[it.e.Schema]
		ends := [2]string{}
		ok := true
		for i, prop := range []string{spec.source, spec.target} {
			v := e.Properties[prop]
			if len(v) != 1 {
				probs = append(probs, Problem{File: name, Line: it.line, Column: 1, Message: fmt.Sprintf("%s %q needs exactly one %s, has %d", e.Schema, e.ID, prop, len(v))})
				ok = false
				continue
			}
			if _, found := keys[v[0]]; !found {
				probs = append(probs, Problem{File: name, Line: it.line, Column: 1, Message: fmt.Sprintf("%s %q: %s %q is not an entity in the input", e.Schema, e.ID, prop, v[0]), Hint: "give the entities a link joins in the same files"})
				ok = false
			}
			ends[i] = v[0]
		}
		if !ok {
			continue
		}
		r := ftmToRel(e, spec, ends)
		if l, dup := relIDs[r.ID]; dup {
			probs = append(probs, Problem{File: name, Line: it.line, Column: 1, Message: fmt.Sprintf("relationship %q is also on line %d", e.ID, l), Hint: "entity ids must be unique"})
			continue
		}
		relIDs[r.ID] = it.line
		if err := graph.CheckRelationship(r); err != nil {
			probs = append(probs, Problem{File: name, Line: it.line, Column: 1, Message: graph.MessageOf(err), Hint: "every store applies these rules (see graph/validate.go)"})
			continue
		}
		g.Relationships = append(g.Relationships, r)
	}
	if len(probs) > 0 {
		probs.Sort()
		return graph.Graph{}, probs
	}
	graph.SortGraph(&g)
	return g, nil
}

func ftmToNode(e ftmEntity) graph.Node {
	props := map[string]any{}
	kind := ftmKind[e.Schema]
	if kind == "" {
		kind = e.Schema
	}
	labels := []string{graph.LabelActor, kind}
	names := append(e.Properties["name"], e.Properties["title"]...)
	var aliases []any
	for _, a := range append(names, e.Properties["alias"]...) {
		if _, ok := props[graph.PropName]; !ok && a != "" {
			props[graph.PropName] = a
		} else if a != props[graph.PropName] && !containsAny(aliases, a) {
			aliases = append(aliases, a)
		}
	}
	if len(aliases) > 0 {
		props[graph.PropAliases] = aliases
	}
	one := func(theirs, ours string) {
		if v := e.Properties[theirs]; len(v) > 0 {
			props[ours] = strings.Join(v, "\n\n")
		}
	}
	one("description", graph.PropDescription)
	if c := e.Properties["country"]; len(c) == 1 && alpha3(c[0]) != "" {
		props[graph.PropCountry] = alpha3(c[0])
	} else if len(c) > 0 {
		props["countries"] = listOf(c)
	}
	one("publishedAt", graph.PropPublished)
	one("sourceUrl", graph.PropURL)
	one("date", graph.PropDate)
	one("startDate", graph.PropStart)
	one("endDate", graph.PropEnd)
	var notes []any
	for _, s := range e.Properties["notes"] {
		k, v, ok := parsePropLine(s)
		switch {
		case ok && k == ftmNoName:
			defer delete(props, graph.PropName)
		case ok && k == ftmLabels:
			labels = strs(map[string]any{"l": v}, "l")
		case ok:
			props[k] = v
		default:
			notes = append(notes, s)
		}
	}
	if len(notes) > 0 {
		props["notes"] = notes
	}
	handled := []string{"name", "title", "alias", "description", "country", "publishedAt", "sourceUrl", "date", "startDate", "endDate", "notes"}
	for k, v := range e.Properties {
		if contains(handled, k) || len(v) == 0 {
			continue
		}
		if len(v) == 1 {
			props[k] = v[0]
		} else {
			props[k] = listOf(v)
		}
	}
	sort.Strings(labels)
	return graph.Node{ID: graph.NodeID(e.ID), Key: e.ID, Labels: labels, Properties: props}
}

func ftmToRel(e ftmEntity, spec ftmEdge, ends [2]string) graph.Relationship {
	typ := spec.defaultType
	if role := e.Properties["role"]; len(role) == 1 && graph.IsRelType(phraseType(role[0])) {
		typ = phraseType(role[0])
	}
	start, end := ends[0], ends[1]
	if e.Schema == "Documentation" && contains(docToEntity, typ) {
		start, end = end, start
	}
	props := map[string]any{}
	one := func(theirs, ours string) {
		if v := e.Properties[theirs]; len(v) > 0 {
			props[ours] = strings.Join(v, "\n\n")
		}
	}
	one("startDate", graph.PropSince)
	one("endDate", graph.PropUntil)
	one("summary", graph.PropClaim)
	if p := e.Properties["proof"]; len(p) > 0 {
		props[graph.PropSource] = p[0]
	}
	if role := e.Properties["role"]; len(role) > 0 && typePhrase(typ) != role[0] {
		props["role"] = strings.Join(role, "; ")
	}
	var desc []string
	for _, s := range e.Properties["description"] {
		if k, v, ok := parsePropLine(s); ok {
			props[k] = v
		} else {
			desc = append(desc, s)
		}
	}
	if len(desc) > 0 {
		props[graph.PropDescription] = strings.Join(desc, "\n\n")
	}
	handled := []string{spec.source, spec.target, "role", "startDate", "endDate", "summary", "proof", "description"}
	for k, v := range e.Properties {
		if contains(handled, k) || len(v) == 0 {
			continue
		}
		if len(v) == 1 {
			props[k] = v[0]
		} else {
			props[k] = listOf(v)
		}
	}
	id := e.ID
	if !graph.IsID(id) {
		id = graph.RelID(start, typ, end, "ftm:"+e.ID)
	}
	return graph.Relationship{ID: id, Type: typ, Start: graph.NodeID(start), End: graph.NodeID(end), Properties: props}
}

func listOf(v []string) []any {
	out := make([]any, len(v))
	for i, s := range v {
		out[i] = s
	}
	return out
}

func containsAny(list []any, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
