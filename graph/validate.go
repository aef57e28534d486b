package graph

import (
	"fmt"
	"strings"
)

// The rules below are the one definition of what a store accepts: both
// stores check every loaded node and relationship with CheckNode and
// CheckRelationship, and the readers of seed files and export documents
// run the same checks so that `actorgraph validate` reports at file:line
// what a load would refuse. The conformance suite holds the cases.
//
// The bounds keep every value within what Neo4j can index (a RANGE index
// entry holds at most about 8 kB): keys, names and aliases are indexed.
const (
	MaxKeyBytes   = 512
	MaxNameBytes  = 2048 // the name and each alias
	MaxAliases    = 100
	MaxTokenBytes = 128 // a label or a relationship type
)

// ValidLabel reports whether s can be a label: a letter, then letters, digits
// and underscores. Labels are spliced into Cypher by the Neo4j store, so
// nothing else may pass; labels beginning with an underscore are kept for
// the stores' own use.
func ValidLabel(s string) bool {
	if s == "" || len(s) > MaxTokenBytes || !isLetter(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; !isLetter(c) && !(c >= '0' && c <= '9') && c != '_' {
			return false
		}
	}
	return true
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// reservedNode and reservedRel say whether a property name is the stores'
// own: both keep a node's id and key, and a relationship's id, as
// properties, and names beginning with an underscore are kept for store
// internals (the Neo4j store's search properties).
func reservedNode(k string) bool { return k == "id" || k == "key" || strings.HasPrefix(k, "_") }
func reservedRel(k string) bool  { return k == "id" || strings.HasPrefix(k, "_") }

// CheckNode checks n against the shared rules. The error is a KindInvalid
// *Error whose Param names the field at fault ("id", "key", "labels",
// "properties"); see ItemError for naming the node.
func CheckNode(n Node) error {
	switch {
	case !IsID(n.ID):
		return InvalidParam("id", "node id %q is not a canonical UUID (lower-case, hyphenated)", n.ID)
	case n.Key == "":
		return InvalidParam("key", "node %s has no key", n.ID)
	case len(n.Key) > MaxKeyBytes:
		return InvalidParam("key", "node key %.40q… is longer than %d bytes", n.Key, MaxKeyBytes)
	case len(n.Labels) == 0:
		return InvalidParam("labels", "node %q has no label", n.Key)
	}
	for _, l := range n.Labels {
		if !ValidLabel(l) {
			return InvalidParam("labels", "node %q: label %q is not a letter followed by letters, digits or underscores (at most %d bytes)", n.Key, l, MaxTokenBytes)
		}
	}
	if err := checkProperties(n.Properties, reservedNode); err != nil {
		return InvalidParam("properties", "node %q: %v", n.Key, err)
	}
	if s, ok := n.Properties[PropName].(string); ok && len(s) > MaxNameBytes {
		return InvalidParam("properties", "node %q: the name is longer than %d bytes", n.Key, MaxNameBytes)
	}
	switch a := n.Properties[PropAliases].(type) {
	case string:
		if len(a) > MaxNameBytes {
			return InvalidParam("properties", "node %q: the alias is longer than %d bytes", n.Key, MaxNameBytes)
		}
	case []any:
		if len(a) > MaxAliases {
			return InvalidParam("properties", "node %q has %d aliases, more than %d", n.Key, len(a), MaxAliases)
		}
		for _, s := range a {
			if s, ok := s.(string); ok && len(s) > MaxNameBytes {
				return InvalidParam("properties", "node %q: an alias is longer than %d bytes", n.Key, MaxNameBytes)
			}
		}
	}
	return nil
}

// CheckRelationship checks r against the shared rules, as CheckNode does
// for nodes; Param is "id", "type", "start", "end" or "properties".
func CheckRelationship(r Relationship) error {
	switch {
	case !IsID(r.ID):
		return InvalidParam("id", "relationship id %q is not a canonical UUID (lower-case, hyphenated)", r.ID)
	case !IsRelType(r.Type) || len(r.Type) > MaxTokenBytes:
		return InvalidParam("type", "relationship %s: type %q is not UPPER_SNAKE_CASE (at most %d bytes)", r.ID, r.Type, MaxTokenBytes)
	case !IsID(r.Start):
		return InvalidParam("start", "relationship %s: start %q is not a node id (a canonical UUID)", r.ID, r.Start)
	case !IsID(r.End):
		return InvalidParam("end", "relationship %s: end %q is not a node id (a canonical UUID)", r.ID, r.End)
	}
	if err := checkProperties(r.Properties, reservedRel); err != nil {
		return InvalidParam("properties", "relationship %s: %v", r.ID, err)
	}
	return nil
}

// checkProperties checks names and values: a name is not empty nor
// reserved, a value is a property value (see NormalizeValue), and a list
// holds values of one type and no nulls, which is what Neo4j can store.
func checkProperties(p map[string]any, reserved func(string) bool) error {
	for k, v := range p {
		if k == "" {
			return fmt.Errorf("a property has an empty name")
		}
		if reserved(k) {
			return fmt.Errorf("property %q is reserved (id and key are the item's own; names beginning with _ are the stores')", k)
		}
		n, err := NormalizeValue(v)
		if err != nil {
			return fmt.Errorf("property %q: %w", k, err)
		}
		list, ok := n.([]any)
		if !ok {
			continue
		}
		kind := ""
		for _, e := range list {
			t := valueType(e)
			if t == "null" {
				return fmt.Errorf("property %q: a list cannot hold null", k)
			}
			if kind == "" {
				kind = t
			} else if t != kind {
				return fmt.Errorf("property %q: a list must hold values of one type, not %s and %s", k, kind, t)
			}
		}
	}
	return nil
}

// ItemError names the item an error from CheckNode or CheckRelationship is
// about: Param becomes e.g. "nodes[3].labels".
func ItemError(list string, i int, err error) error {
	e, ok := err.(*Error)
	if !ok {
		return err
	}
	out := *e
	out.Param = fmt.Sprintf("%s[%d]", list, i)
	if e.Param != "" {
		out.Param += "." + e.Param
	}
	return &out
}

// valueType names the type of a normalised value.
func valueType(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case int64:
		return "integer"
	case float64:
		return "float"
	case string:
		return "string"
	}
	return fmt.Sprintf("%T", v)
}
