package exchange

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/google/uuid"
)

// STIX 2.1 (https://docs.oasis-open.org/cti/stix/v2.1/), the exchange
// format of threat-intelligence platforms such as OpenCTI and MISP. The
// mapping is in the README's formats table.

// stixNamespace is the UUIDv5 namespace of the ids we give STIX objects,
// so that a re-export gives the same ids. Never change it.
var stixNamespace = uuid.MustParse("2b1c3f0e-6d2a-4f4e-9c1b-5a7d8e9f0a13")

// stixTime stands for created and modified: we do not know when a fact
// entered the data, and a time that changed on every export would make
// platforms take each export for a new version of every object.
const stixTime = "1970-01-01T00:00:00.000Z"

func stixID(typ, ours string) string {
	return typ + "--" + uuid.NewSHA1(stixNamespace, []byte(typ+":"+ours)).String()
}

// stixAggressive are the types that make their start a threat actor.
var stixAggressive = []string{"SPIES_ON", "ATTACKS"}

// WriteSTIX writes g as a STIX 2.1 bundle: identities for actors (or
// threat actors when the data says they spy or attack), campaigns and
// incidents for events, reports for documents, and a relationship object
// per relationship. Agreements and topics have no STIX object; they and
// their relationships are left out.
func WriteSTIX(w io.Writer, g graph.Graph) error {
	g = clone(g)
	graph.SortGraph(&g)
	aggressor := map[string]bool{}
	targeting := map[string]bool{}
	for _, r := range g.Relationships {
		if contains(stixAggressive, r.Type) {
			aggressor[r.Start] = true
		}
		if r.Type == "TARGETED" {
			targeting[r.Start] = true
		}
	}
	byKey := map[string]graph.Node{}
	ref := map[string]string{} // node id -> STIX id
	var objects []map[string]any
	var docs []graph.Node
	for _, n := range g.Nodes {
		byKey[n.Key] = n
		o := stixNode(n, aggressor[n.ID], targeting[n.ID])
		switch {
		case kindOf(n) == "Document":
			ref[n.ID] = stixID("report", n.ID)
			docs = append(docs, n)
		case o != nil:
			ref[n.ID] = o["id"].(string)
			objects = append(objects, o)
		}
	}
	reportRefs := map[string][]string{} // document node id -> object ids
	for _, r := range g.Relationships {
		src, dst := ref[r.Start], ref[r.End]
		if src == "" || dst == "" {
			continue
		}
		o := stixRel(r, src, dst, byKey)
		objects = append(objects, o)
		id := o["id"].(string)
		if d, ok := byKey[str(r.Properties, graph.PropSource)]; ok {
			reportRefs[d.ID] = append(reportRefs[d.ID], id, src, dst)
		}
		for _, end := range []string{r.Start, r.End} {
			if strings.HasPrefix(ref[end], "report--") {
				reportRefs[end] = append(reportRefs[end], id, src, dst)
			}
		}
	}
	for _, d := range docs {
		refs := reportRefs[d.ID]
		self := ref[d.ID]
		sort.Strings(refs)
		var uniq []string
		for i, x := range refs {
			if x != self && (i == 0 || x != refs[i-1]) {
				uniq = append(uniq, x)
			}
		}
		if len(uniq) == 0 {
			continue // a report must refer to something
		}
		o := stixCommon("report", self, d)
		published := stixTime
		if s, _ := spellBounds(str(d.Properties, graph.PropPublished), ""); s != "" {
			published = s + "T00:00:00.000Z"
		}
		o["published"] = published
		o["object_refs"] = uniq
		if u := str(d.Properties, graph.PropURL); u != "" {
			o["external_references"] = []map[string]any{{"source_name": "actorgraph", "url": u, "external_id": d.Key}}
		}
		objects = append(objects, o)
	}
	ids := make([]string, len(objects))
	for i, o := range objects {
		ids[i] = o["id"].(string)
	}
	sort.Strings(ids)
	bundle := map[string]any{
		"type":    "bundle",
		"id":      "bundle--" + uuid.NewSHA1(stixNamespace, []byte(strings.Join(ids, ","))).String(),
		"objects": objects,
	}
	if objects == nil {
		bundle["objects"] = []any{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(bundle)
}

// stixCommon starts a domain object: type, id, times, name and a
// description that keeps what STIX has no property for.
func stixCommon(typ, id string, n graph.Node) map[string]any {
	name := str(n.Properties, graph.PropName)
	if name == "" {
		name = n.Key
	}
	o := map[string]any{"type": typ, "spec_version": "2.1", "id": id, "created": stixTime, "modified": stixTime, "name": name}
	used := []string{graph.PropName, graph.PropDescription}
	lines := []string{}
	if d := str(n.Properties, graph.PropDescription); d != "" {
		lines = append(lines, d)
	}
	if a := strs(n.Properties, graph.PropAliases); len(a) > 0 && (typ == "threat-actor" || typ == "campaign") {
		o["aliases"] = a
		used = append(used, graph.PropAliases)
	}
	lines = append(lines, propLine("key", n.Key), propLine("labels", n.Labels))
	for _, k := range rest(n.Properties, used...) {
		lines = append(lines, propLine(k, n.Properties[k]))
	}
	o["description"] = strings.Join(lines, "\n")
	return o
}

func stixNode(n graph.Node, aggressor, targeting bool) map[string]any {
	kind := kindOf(n)
	switch kind {
	case "Agreement", "Topic", "Document":
		return nil
	case "Event":
		if targeting {
			return stixCommon("campaign", stixID("campaign", n.ID), n)
		}
		return stixCommon("incident", stixID("incident", n.ID), n)
	}
	state := kind == "Country" || kind == "PublicBody" || kind == "Bloc"
	if aggressor {
		o := stixCommon("threat-actor", stixID("threat-actor", n.ID), n)
		switch {
		case state:
			o["threat_actor_types"] = []string{"nation-state"}
		case kind == "Person":
			o["threat_actor_types"] = []string{"spy"}
		default:
			o["threat_actor_types"] = []string{"unknown"}
		}
		return o
	}
	o := stixCommon("identity", stixID("identity", n.ID), n)
	switch kind {
	case "Person":
		o["identity_class"] = "individual"
	case "Group":
		o["identity_class"] = "group"
	default:
		o["identity_class"] = "organization"
	}
	if state {
		o["sectors"] = []string{"government"}
	}
	return o
}

// stixRelType is the relationship_type for one of ours, and whether the
// STIX relationship runs the other way. Espionage, attacks and an
// event's targets are "targets"; responsibility for an event is the
// event "attributed-to" the actor; the rest keep their name in STIX's
// lower-case, hyphenated form.
func stixRelType(t string) (string, bool) {
	switch t {
	case "SPIES_ON", "ATTACKS", "TARGETED":
		return "targets", false
	case "RESPONSIBLE_FOR":
		return "attributed-to", true
	}
	return strings.ReplaceAll(strings.ToLower(t), "_", "-"), false
}

func stixRel(r graph.Relationship, src, dst string, byKey map[string]graph.Node) map[string]any {
	typ, reverse := stixRelType(r.Type)
	if reverse {
		src, dst = dst, src
	}
	o := map[string]any{"type": "relationship", "spec_version": "2.1", "id": stixID("relationship", r.ID),
		"created": stixTime, "modified": stixTime, "relationship_type": typ, "source_ref": src, "target_ref": dst}
	since, until := spellBounds(str(r.Properties, graph.PropSince), str(r.Properties, graph.PropUntil))
	if since != "" {
		o["start_time"] = since + "T00:00:00.000Z"
	}
	if until != "" {
		o["stop_time"] = until + "T23:59:59.999Z"
	}
	used := []string{graph.PropSince, graph.PropUntil, graph.PropClaim}
	if since == "" {
		used = used[1:]
	}
	if until == "" {
		used = slicesWithout(used, graph.PropUntil)
	}
	if c, ok := r.Properties[graph.PropConfidence].(float64); ok && c >= 0 && c <= 1 {
		o["confidence"] = int(math.Round(c * 100))
		used = append(used, graph.PropConfidence)
	}
	lines := []string{}
	if c := str(r.Properties, graph.PropClaim); c != "" {
		lines = append(lines, c)
	}
	lines = append(lines, propLine("type", r.Type))
	if s := str(r.Properties, graph.PropSource); s != "" {
		ext := map[string]any{"source_name": s, "external_id": s}
		if d, ok := byKey[s]; ok {
			if name := str(d.Properties, graph.PropName); name != "" {
				ext["source_name"] = name
			}
			if u := str(d.Properties, graph.PropURL); u != "" {
				ext["url"] = u
			}
		}
		if l, ok := r.Properties[graph.PropLocator]; ok {
			ext["description"] = fmt.Sprintf("paragraph %v", l)
			used = append(used, graph.PropLocator)
		}
		o["external_references"] = []map[string]any{ext}
		used = append(used, graph.PropSource)
	}
	for _, k := range rest(r.Properties, used...) {
		lines = append(lines, propLine(k, r.Properties[k]))
	}
	o["description"] = strings.Join(lines, "\n")
	return o
}

func slicesWithout(list []string, s string) []string {
	var out []string
	for _, x := range list {
		if x != s {
			out = append(out, x)
		}
	}
	return out
}
