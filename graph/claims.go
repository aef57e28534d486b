package graph

import (
	"context"
	"slices"
	"sort"
)

// Claims is everything the graph says about the ties between two nodes:
// GET /api/claims?a=&b= answers with it. Each tie (a relationship type
// read in one direction, or either direction for a symmetric type) lists
// its claims for and against, with how many independent sources stand
// behind each side.
type Claims struct {
	A    Node  `json:"a"`
	B    Node  `json:"b"`
	Ties []Tie `json:"ties"`
}

// Tie is one relationship type between two nodes in one direction (for a
// symmetric type, the canonical one) and the claims that bear on it.
//
// Sources are counted by document, not by relationship: one document
// stating a tie in three paragraphs is one source, and documents joined
// by VERSION_OF (a reprint and its original) are one source between
// them. Whom a document quotes does not make another source: we only
// have the document's word for it. Supporting counts the sources with a
// claim that asserts or reports the tie; Disputing those with a claim
// that disputes or denies it.
type Tie struct {
	Type      string `json:"type"`
	Start     string `json:"start"` // node key
	End       string `json:"end"`   // node key
	Symmetric bool   `json:"symmetric"`
	// Supporting and Disputing count independent sources (see Tie).
	Supporting int `json:"supporting"`
	Disputing  int `json:"disputing"`
	// SingleSource: exactly one independent source supports the tie.
	SingleSource bool `json:"singleSource"`
	// Contested: at least one source disputes or denies it.
	Contested bool           `json:"contested"`
	For       []Relationship `json:"for"`
	Against   []Relationship `json:"against"`
}

// CorroborateQuery asks for the claims between nodes A and B (ids or
// keys), optionally of the given types only and only those whose evidence
// meets Grades.
type CorroborateQuery struct {
	A, B   string
	Types  []string
	Grades GradeFilter
}

// Corroborate gathers the claims between two nodes from any store: the
// relationships between them (Subgraph), and the VERSION_OF ties among
// the documents they cite, which decide what counts as independent.
// Ties come in order of type, then start and end key.
func Corroborate(ctx context.Context, s Store, q CorroborateQuery) (Claims, error) {
	if q.A == "" {
		return Claims{}, InvalidParam("a", "a is required: a node id or key")
	}
	if q.B == "" {
		return Claims{}, InvalidParam("b", "b is required: a node id or key")
	}
	if err := checkTypes(q.Types); err != nil {
		return Claims{}, err
	}
	if err := q.Grades.Check(); err != nil {
		return Claims{}, err
	}
	a, err := Resolve(ctx, s, q.A)
	if err != nil {
		return Claims{}, err
	}
	b, err := Resolve(ctx, s, q.B)
	if err != nil {
		return Claims{}, err
	}
	out := Claims{A: a, B: b, Ties: []Tie{}}
	if a.ID == b.ID {
		return out, nil
	}
	g, err := s.Subgraph(ctx, []string{a.ID, b.ID})
	if err != nil {
		return Claims{}, err
	}
	keys := map[string]string{a.ID: a.Key, b.ID: b.Key}
	var rels []Relationship
	sources := map[string]bool{}
	for _, r := range g.Relationships {
		if len(q.Types) > 0 && !slices.Contains(q.Types, r.Type) || !q.Grades.Pass(r.Properties) {
			continue
		}
		rels = append(rels, r)
		if src, _ := r.Properties[PropSource].(string); src != "" {
			sources[src] = true
		}
	}
	family, err := documentFamilies(ctx, s, sources)
	if err != nil {
		return Claims{}, err
	}
	byTie := map[[3]string]*Tie{}
	forSrc := map[*Tie]map[string]bool{}
	againstSrc := map[*Tie]map[string]bool{}
	for _, r := range rels {
		term, _ := RelTypeTerm(r.Type)
		start, end := keys[r.Start], keys[r.End]
		if term.Symmetric {
			start, end, _ = Canonical(r.Type, start, end)
		}
		k := [3]string{r.Type, start, end}
		t := byTie[k]
		if t == nil {
			t = &Tie{Type: r.Type, Start: start, End: end, Symmetric: term.Symmetric, For: []Relationship{}, Against: []Relationship{}}
			byTie[k] = t
			forSrc[t], againstSrc[t] = map[string]bool{}, map[string]bool{}
		}
		src, _ := r.Properties[PropSource].(string)
		if src == "" {
			src = "relationship " + r.ID // no source given: it stands alone
		} else if f, ok := family[src]; ok {
			src = f
		}
		stance, _ := r.Properties[PropStance].(string)
		if Supports(stance) {
			t.For = append(t.For, r)
			forSrc[t][src] = true
		} else {
			t.Against = append(t.Against, r)
			againstSrc[t][src] = true
		}
	}
	for _, t := range byTie {
		t.Supporting, t.Disputing = len(forSrc[t]), len(againstSrc[t])
		t.SingleSource = t.Supporting == 1
		t.Contested = t.Disputing > 0
		out.Ties = append(out.Ties, *t)
	}
	sort.Slice(out.Ties, func(i, j int) bool {
		x, y := out.Ties[i], out.Ties[j]
		if x.Type != y.Type {
			return x.Type < y.Type
		}
		if x.Start != y.Start {
			return x.Start < y.Start
		}
		return x.End < y.End
	})
	return out, nil
}

// documentFamilies maps each source key that names a node in the store to
// a representative of its VERSION_OF family (the smallest key), so that
// versions of one text count as one source. Keys that name no node are
// left out and count as themselves.
func documentFamilies(ctx context.Context, s Store, sources map[string]bool) (map[string]string, error) {
	var refs []string
	for k := range sources {
		if _, err := s.NodeByKey(ctx, k); err == nil {
			refs = append(refs, k)
		} else if KindOf(err) != KindNotFound {
			return nil, err
		}
	}
	out := make(map[string]string, len(refs))
	if len(refs) == 0 {
		return out, nil
	}
	sort.Strings(refs)
	g, err := s.Subgraph(ctx, refs)
	if err != nil {
		return nil, err
	}
	keyOf := make(map[string]string, len(g.Nodes))
	for _, n := range g.Nodes {
		keyOf[n.ID] = n.Key
		out[n.Key] = n.Key
	}
	find := func(k string) string {
		for out[k] != k {
			k = out[k]
		}
		return k
	}
	for _, r := range g.Relationships {
		if r.Type != "VERSION_OF" {
			continue
		}
		x, y := find(keyOf[r.Start]), find(keyOf[r.End])
		if x == "" || y == "" || x == y {
			continue
		}
		if y < x {
			x, y = y, x
		}
		out[y] = x
	}
	for k := range out {
		out[k] = find(k)
	}
	return out, nil
}
