package cypher

import (
	"iter"
	"sort"
)

// How a pattern part finds its first node. One function decides, for the
// matcher and for EXPLAIN alike, so that a plan shows what a run does.

// accessKind is the way a part's first node is found.
type accessKind uint8

const (
	accAll    accessKind = iota // every node
	accLabel                    // the nodes of one label
	accBound                    // a node an earlier clause or part bound
	accSeek                     // an index lookup by exact value
	accPrefix                   // an index lookup by prefix (STARTS WITH)
)

// access is the chosen way in: start is the index of the node pattern
// the match starts from.
type access struct {
	kind   accessKind
	start  int
	label  string
	key    string
	value  expr // seek and prefix: the value, an expression of no variables
	unique bool // the seek is on a unique key
	source string
}

// UniqueIndex is optionally implemented by a Graph whose PropertyIndex
// key is unique across nodes (actorgraph's id and key); EXPLAIN then
// shows a unique seek, and the engine prefers it.
type UniqueIndex interface {
	UniqueKey(key string) bool
}

// seekCandidate is one way to look up a node pattern's node by index.
type seekCandidate struct {
	node   int
	key    string
	value  expr
	prefix bool
	source string // "pattern" or "where"
}

// chooseAccess picks how part p starts. bound reports the variables that
// already hold a value; where is the MATCH's WHERE split into conjuncts.
// A bound node comes first; then a unique index seek, an exact seek, a
// prefix seek; then the rarest label; then every node.
func chooseAccess(g Graph, p *patternPart, bound func(string) bool, where []expr) access {
	for j, np := range p.nodes {
		if np.v != "" && bound(np.v) {
			return access{kind: accBound, start: j}
		}
	}
	var cands []seekCandidate
	for j, np := range p.nodes {
		if m, ok := np.props.(mapExpr); ok && np.constProps {
			keys := append([]string(nil), m.keys...)
			sort.Strings(keys)
			for _, k := range keys {
				for i, mk := range m.keys {
					if mk == k {
						cands = append(cands, seekCandidate{node: j, key: k, value: m.vals[i], source: "pattern"})
					}
				}
			}
		}
		if np.v == "" {
			continue
		}
		for _, c := range where {
			if key, val, prefix, ok := indexablePredicate(c, np.v); ok {
				cands = append(cands, seekCandidate{node: j, key: key, value: val, prefix: prefix, source: "where"})
			}
		}
	}
	best, bestRank := access{}, 99
	ix, hasIx := g.(PropertyIndex)
	px, hasPx := g.(PrefixIndex)
	uq, hasUq := g.(UniqueIndex)
	for _, c := range cands {
		label := firstLabel(p.nodes[c.node])
		rank := 2
		switch {
		case c.prefix:
			if !hasPx {
				continue
			}
			if _, ok := px.NodesByPrefix(label, c.key, ""); !ok {
				continue
			}
			rank = 3
		default:
			if !hasIx {
				continue
			}
			if _, ok := ix.NodesByProperty(label, c.key, ""); !ok {
				continue
			}
			if hasUq && uq.UniqueKey(c.key) {
				rank = 1
			}
		}
		if rank < bestRank {
			kind := accSeek
			if c.prefix {
				kind = accPrefix
			}
			best, bestRank = access{kind: kind, start: c.node, label: label, key: c.key, value: c.value, unique: rank == 1, source: c.source}, rank
		}
	}
	if bestRank < 99 {
		return best
	}
	counter, counts := g.(NodeCounter)
	bestCount := -1
	for j, np := range p.nodes {
		for _, l := range np.labels {
			if !counts {
				return access{kind: accLabel, start: j, label: l}
			}
			if c := counter.CountNodes(l); bestCount < 0 || c < bestCount {
				bestCount, best = c, access{kind: accLabel, start: j, label: l}
			}
		}
	}
	if bestCount >= 0 {
		return best
	}
	return access{kind: accAll}
}

func firstLabel(np *nodePat) string {
	if len(np.labels) > 0 {
		return np.labels[0]
	}
	return ""
}

// indexablePredicate recognises v.key = e, e = v.key and v.key STARTS
// WITH e, where e uses no variables.
func indexablePredicate(c expr, v string) (key string, val expr, prefix, ok bool) {
	prop := func(e expr) (string, bool) {
		p, ok := e.(propExpr)
		if !ok {
			return "", false
		}
		x, ok := p.x.(varExpr)
		return p.key, ok && x.name == v
	}
	switch x := c.(type) {
	case compareExpr:
		if len(x.ops) != 1 || x.ops[0] != "=" {
			return "", nil, false, false
		}
		if k, ok := prop(x.xs[0]); ok && !usesVariables(x.xs[1]) {
			return k, x.xs[1], false, true
		}
		if k, ok := prop(x.xs[1]); ok && !usesVariables(x.xs[0]) {
			return k, x.xs[0], false, true
		}
	case binaryExpr:
		if x.op != "STARTS" {
			return "", nil, false, false
		}
		if k, ok := prop(x.l); ok && !usesVariables(x.r) {
			return k, x.r, true, true
		}
	}
	return "", nil, false, false
}

// accessFor returns the access of part i of a matcher, chosen once per
// pattern part and run (the variables bound at a part are the same every
// time the part is matched).
func (m *matcher) accessFor(i int, en *env) access {
	p := m.parts[i]
	if a, ok := m.r.access[p]; ok {
		return a
	}
	a := chooseAccess(m.r.g, p, func(v string) bool { _, ok := en.lookup(v); return ok }, m.where)
	if p.pathVar != selectPathVar { // selectMatches copies its part on every call
		if m.r.access == nil {
			m.r.access = map[*patternPart]access{}
		}
		m.r.access[p] = a
	}
	return a
}

// startNodes returns the nodes an access yields; ok is false when a seek
// cannot be used (its value is not a string), and the caller scans.
func (m *matcher) startNodes(a access, en *env) (iter.Seq[NodeRef], bool, error) {
	switch a.kind {
	case accSeek, accPrefix:
		v, err := m.r.eval(a.value, en)
		if err != nil {
			return nil, false, err
		}
		s, isString := v.(string)
		if !isString {
			if v == nil {
				return func(func(NodeRef) bool) {}, true, nil
			}
			return nil, false, nil
		}
		if a.kind == accPrefix {
			seq, ok := m.r.g.(PrefixIndex).NodesByPrefix(a.label, a.key, s)
			return seq, ok, nil
		}
		seq, ok := m.r.g.(PropertyIndex).NodesByProperty(a.label, a.key, s)
		return seq, ok, nil
	case accLabel:
		return m.r.g.Nodes(a.label), true, nil
	}
	return m.r.g.Nodes(""), true, nil
}
