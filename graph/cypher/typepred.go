package cypher

import (
	"strings"

	"github.com/actorgraph/actorgraph/graph/temporal"
)

// Type predicate expressions (Neo4j 5.9+): x IS :: INTEGER, x IS NOT ::
// STRING NOT NULL, x :: LIST<INTEGER | FLOAT>. Every type includes null
// unless it says NOT NULL; NULL is the type of null alone and NOTHING
// holds no value at all.

// typePredExpr is x IS [NOT] :: type.
type typePredExpr struct {
	x   expr
	t   *cypherType
	not bool
}

func (typePredExpr) exprNode() {}

// cypherType is a type of the predicate. name is the canonical type name
// (INTEGER, LIST, …, or UNION with alts); elem is a LIST's element type.
type cypherType struct {
	name    string
	elem    *cypherType
	alts    []*cypherType
	notNull bool
}

// typeNames maps the spellings the parser accepts to canonical names.
// POINT is accepted but holds no value: the engine has no spatial values.
var typeNames = map[string]string{
	"BOOL": "BOOLEAN", "BOOLEAN": "BOOLEAN",
	"INT": "INTEGER", "INTEGER": "INTEGER", "INT64": "INTEGER", "INTEGER64": "INTEGER",
	"SIGNED": "INTEGER", // SIGNED INTEGER
	"FLOAT":  "FLOAT", "FLOAT64": "FLOAT",
	"STRING": "STRING", "VARCHAR": "STRING",
	"NULL": "NULL", "NOTHING": "NOTHING",
	"MAP": "MAP", "NODE": "NODE", "VERTEX": "NODE",
	"RELATIONSHIP": "RELATIONSHIP", "EDGE": "RELATIONSHIP",
	"PATH": "PATH", "PROPERTY": "PROPERTY VALUE",
	"LIST": "LIST", "ARRAY": "LIST",
	"DATE": "DATE", "DURATION": "DURATION", "POINT": "POINT",
	"LOCAL": "LOCAL", "ZONED": "ZONED", "TIME": "ZONED TIME", "TIMESTAMP": "ZONED DATETIME",
	"ANY": "ANY",
}

// typeUnion parses type ('|' type)*.
func (ps *parser) typeUnion() *cypherType {
	t := ps.typeAtom()
	if !ps.peek().is("|") {
		return t
	}
	pos := ps.peek().pos
	u := &cypherType{name: "UNION", alts: []*cypherType{t}}
	for ps.acceptSym("|") {
		u.alts = append(u.alts, ps.typeAtom())
	}
	for _, a := range u.alts[1:] {
		if a.notNull != t.notNull {
			ps.failAt(pos, "All types in a Closed Dynamic Union must be nullable, or be appended with `NOT NULL`")
		}
	}
	return u
}

func (ps *parser) typeAtom() *cypherType {
	ps.depth++
	if ps.depth > maxDepth {
		ps.failAt(ps.peek().pos, "Type nested too deeply (more than %d levels)", maxDepth)
	}
	defer func() { ps.depth-- }()
	tok := ps.peek()
	if tok.kind != tIdent {
		ps.fail("a type name")
	}
	up := strings.ToUpper(tok.text)
	name, ok := typeNames[up]
	if !ok {
		ps.fail("a type name")
	}
	ps.p++
	t := &cypherType{name: name}
	switch up {
	case "SIGNED":
		ps.expectKw("INTEGER")
	case "PROPERTY":
		ps.expectKw("VALUE")
	case "LOCAL", "ZONED":
		if ps.acceptKw("DATETIME") {
			t.name += " DATETIME"
		} else {
			ps.expectKw("TIME")
			t.name += " TIME"
		}
	case "TIME", "TIMESTAMP":
		// TIME WITHOUT TIME ZONE is LOCAL TIME, TIMESTAMP WITH TIME ZONE
		// ZONED DATETIME, and so on.
		with := ps.acceptKw("WITH")
		if with || ps.acceptKw("WITHOUT") {
			ps.expectKw("TIME")
			ps.expectKw("ZONE")
			if !with {
				t.name = strings.Replace(t.name, "ZONED", "LOCAL", 1)
			}
		}
	case "LIST", "ARRAY":
		ps.expectSym("<")
		t.elem = ps.typeUnion()
		ps.expectSym(">")
	case "ANY":
		switch {
		case ps.acceptSym("<"):
			t = ps.typeUnion()
			ps.expectSym(">")
			if ps.peek().kw("NOT") && ps.peekN(1).kw("NULL") {
				ps.failAt(ps.peek().pos, "Closed Dynamic Union Types can not be appended with `NOT NULL`, specify `NOT NULL` on all inner types instead.")
			}
			return t
		case ps.acceptKw("NODE"), ps.acceptKw("VERTEX"):
			t.name = "NODE"
		case ps.acceptKw("RELATIONSHIP"), ps.acceptKw("EDGE"):
			t.name = "RELATIONSHIP"
		case ps.acceptKw("MAP"):
			t.name = "MAP"
		case ps.acceptKw("PROPERTY"):
			ps.expectKw("VALUE")
			t.name = "PROPERTY VALUE"
		case ps.acceptKw("VALUE"):
		}
	}
	if ps.peek().kw("NOT") && ps.peekN(1).kw("NULL") {
		ps.p += 2
		if t.name == "NULL" {
			ps.failAt(tok.pos, "NULL NOT NULL is not a type")
		}
		t.notNull = true
	}
	return t
}

// has reports whether v is a value of type t.
func (t *cypherType) has(v any) bool {
	if v == nil && t.notNull {
		return false
	}
	if t.name == "UNION" {
		for _, a := range t.alts {
			if a.has(v) {
				return true
			}
		}
		return false
	}
	if v == nil {
		return !t.notNull && t.name != "NOTHING"
	}
	switch t.name {
	case "ANY":
		return true
	case "BOOLEAN":
		_, ok := v.(bool)
		return ok
	case "INTEGER":
		_, ok := v.(int64)
		return ok
	case "FLOAT":
		_, ok := v.(float64)
		return ok
	case "STRING":
		_, ok := v.(string)
		return ok
	case "MAP":
		_, ok := v.(map[string]any)
		return ok
	case "NODE":
		_, ok := v.(Node)
		return ok
	case "RELATIONSHIP":
		_, ok := v.(Relationship)
		return ok
	case "PATH":
		_, ok := v.(Path)
		return ok
	case "DATE":
		_, ok := v.(temporal.Date)
		return ok
	case "LOCAL TIME":
		_, ok := v.(temporal.LocalTime)
		return ok
	case "ZONED TIME":
		_, ok := v.(temporal.Time)
		return ok
	case "LOCAL DATETIME":
		_, ok := v.(temporal.LocalDateTime)
		return ok
	case "ZONED DATETIME":
		_, ok := v.(temporal.DateTime)
		return ok
	case "DURATION":
		_, ok := v.(temporal.Duration)
		return ok
	case "LIST":
		l, ok := v.([]any)
		if !ok {
			return false
		}
		for _, e := range l {
			if !t.elem.has(e) {
				return false
			}
		}
		return true
	case "PROPERTY VALUE":
		if temporal.Is(v) {
			return true
		}
		switch x := v.(type) {
		case bool, int64, float64, string:
			return true
		case []any:
			// A stored array: scalars of one type, no nulls.
			for _, e := range x {
				switch e.(type) {
				case bool, int64, float64, string:
				default:
					if !temporal.Is(e) {
						return false
					}
				}
				if typeName(e) != typeName(x[0]) {
					return false
				}
			}
			return true
		}
	}
	return false
}

func (t *cypherType) String() string {
	var s string
	switch t.name {
	case "UNION":
		parts := make([]string, len(t.alts))
		for i, a := range t.alts {
			parts[i] = a.String()
		}
		s = "ANY<" + strings.Join(parts, " | ") + ">"
	case "LIST":
		s = "LIST<" + t.elem.String() + ">"
	default:
		s = t.name
	}
	if t.notNull {
		s += " NOT NULL"
	}
	return s
}
