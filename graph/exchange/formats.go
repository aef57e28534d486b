package exchange

import (
	"encoding/json"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph"
	"golang.org/x/text/language"
)

// Helpers the format writers and readers share.

// kindOf is a node's kind: its first label other than Actor, in label
// order; "" when it has none.
func kindOf(n graph.Node) string {
	labels := append([]string(nil), n.Labels...)
	sort.Strings(labels)
	for _, l := range labels {
		if l != graph.LabelActor {
			return l
		}
	}
	return ""
}

// str returns a string property, or "".
func str(p map[string]any, name string) string {
	s, _ := p[name].(string)
	return s
}

// strs returns a property as a list of strings: a string alone, or the
// strings of a list.
func strs(p map[string]any, name string) []string {
	switch v := p[name].(type) {
	case string:
		return []string{v}
	case []any:
		out := make([]string, 0, len(v))
		for _, e := range v {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	case []string:
		return v
	}
	return nil
}

// rest lists the property names of p not in used, in name order: what a
// format has no field of its own for, carried as "name: value" text
// where the format allows (so that properties added later, such as new
// evidence fields, survive).
func rest(p map[string]any, used ...string) []string {
	var out []string
	for _, k := range sortedKeys(p) {
		if !contains(used, k) {
			out = append(out, k)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// jsonText is a value as compact JSON, the way "name: value" lines carry
// it so that the type survives a round trip.
func jsonText(v any) string {
	if f, ok := v.(float64); ok && f == math.Trunc(f) && math.Abs(f) < 1e15 {
		return strconv.FormatFloat(f, 'f', 1, 64) // 1.0, not 1, so it reads back as a float
	}
	b, err := json.Marshal(v)
	if err != nil {
		return "null"
	}
	return string(b)
}

// propLine is "name: <JSON value>"; parsePropLine reads one back.
func propLine(name string, v any) string { return name + ": " + jsonText(v) }

func parsePropLine(s string) (string, any, bool) {
	name, val, ok := strings.Cut(s, ": ")
	if !ok || name == "" || strings.ContainsAny(name, " \n\t\"") {
		return "", nil, false
	}
	v, err := decodeValue(val)
	if err != nil {
		return "", nil, false
	}
	return name, v, true
}

// decodeValue reads a JSON value the way the export decoder does
// (integers stay integers) and normalises it to a property value.
func decodeValue(s string) (any, error) {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, &json.SyntaxError{}
	}
	return graph.NormalizeValue(v)
}

// alpha2 turns an ISO 3166-1 alpha-3 code (our country property) into the
// lower-case alpha-2 code FollowTheMoney uses; "" if it knows none.
func alpha2(code string) string {
	if len(code) != 3 {
		return ""
	}
	r, err := language.ParseRegion(code)
	if err != nil || r.ISO3() != strings.ToUpper(code) {
		return ""
	}
	a := strings.ToLower(r.String())
	if len(a) != 2 {
		return ""
	}
	if a == "su" { // FtM names the former states with four letters
		return "suhh"
	}
	return a
}

// alpha3 is the inverse of alpha2; "" if the code is not a region.
func alpha3(code string) string {
	if code == "suhh" {
		return "SUN"
	}
	r, err := language.ParseRegion(code)
	if err != nil || len(code) != 2 {
		return ""
	}
	return r.ISO3()
}

// typePhrase is a relationship type as words ("spies on"), and
// phraseType reads one back ("SPIES_ON").
func typePhrase(t string) string { return strings.ToLower(strings.ReplaceAll(t, "_", " ")) }

func phraseType(s string) string {
	f := strings.Fields(strings.ToUpper(s))
	for i, w := range f {
		f[i] = strings.Map(func(r rune) rune {
			switch {
			case r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_':
				return r
			case r == '-':
				return '_'
			}
			return utf8.RuneError
		}, w)
	}
	t := strings.Join(f, "_")
	if strings.ContainsRune(t, utf8.RuneError) {
		return ""
	}
	return t
}
