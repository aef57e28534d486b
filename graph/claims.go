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
type Tie struct {
	Corroboration
	For     []Relationship `json:"for"`
	Against []Relationship `json:"against"`
}

// Corroboration is a tie without its claims: which tie, and how many
// independent sources stand behind each side.
//
// Sources are counted by document, not by relationship: one document
// stating a tie in three paragraphs is one source, and documents joined
// by VERSION_OF (a reprint and its original) are one source between
// them. Whom a document quotes does not make another source: we only
// have the document's word for it. Supporting counts the sources with a
// claim that asserts or reports the tie; Disputing those with a claim
// that disputes or denies it.
type Corroboration struct {
	Type      string `json:"type"`
	Start     string `json:"start"` // node key
	End       string `json:"end"`   // node key
	Symmetric bool   `json:"symmetric"`
	// Supporting and Disputing count independent sources (see above).
	Supporting int `json:"supporting"`
	Disputing  int `json:"disputing"`
	// SingleSource: exactly one independent source supports the tie.
	SingleSource bool `json:"singleSource"`
	// Contested: at least one source disputes or denies it.
	Contested bool `json:"contested"`
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
	out.Ties, err = tally(ctx, s, g.Relationships, map[string]string{a.ID: a.Key, b.ID: b.Key}, q.Types, q.Grades)
	if err != nil {
		return Claims{}, err
	}
	return out, nil
}

// TiesQuery asks for the corroboration of every tie among Nodes (ids or
// keys), optionally of the given types only and only from the claims
// whose evidence meets Grades.
type TiesQuery struct {
	Nodes  []string
	Types  []string
	Grades GradeFilter
}

// Normalize checks the query against l: between 1 and l.MaxSubgraph
// nodes, as for any subgraph.
func (q *TiesQuery) Normalize(l Limits) error {
	if len(q.Nodes) == 0 || len(q.Nodes) > l.MaxSubgraph {
		return InvalidParam("nodes", "nodes must list between 1 and %d node ids or keys, got %d", l.MaxSubgraph, len(q.Nodes))
	}
	if err := checkTypes(q.Types); err != nil {
		return err
	}
	return q.Grades.Check()
}

// CorroborateAmong answers, for every tie among q.Nodes, what Corroborate
// answers for it between its two ends, without the claims: one call
// flags every tie a canvas draws. Call q.Normalize first. Ties come in
// the order of Corroborate.
func CorroborateAmong(ctx context.Context, s Store, q TiesQuery) ([]Corroboration, error) {
	ties, err := TiesAmong(ctx, s, q)
	if err != nil {
		return nil, err
	}
	out := make([]Corroboration, len(ties))
	for i, t := range ties {
		out[i] = t.Corroboration
	}
	return out, nil
}

// TiesAmong is CorroborateAmong with each tie's claims.
func TiesAmong(ctx context.Context, s Store, q TiesQuery) ([]Tie, error) {
	g, err := s.Subgraph(ctx, slices.Clone(q.Nodes))
	if err != nil {
		return nil, err
	}
	keys := make(map[string]string, len(g.Nodes))
	for _, n := range g.Nodes {
		keys[n.ID] = n.Key
	}
	return tally(ctx, s, g.Relationships, keys, q.Types, q.Grades)
}

// tally groups the relationships that pass the type and grade filters
// into ties and counts the independent sources for and against each (see
// Corroboration). keys maps the ids of the relationships' ends to their
// keys. A relationship from a node to itself is no tie between two nodes
// and is left out, so that every tie answers to Corroborate between its
// ends. Ties come in order of type, then start and end key.
func tally(ctx context.Context, s Store, all []Relationship, keys map[string]string, types []string, grades GradeFilter) ([]Tie, error) {
	var rels []Relationship
	sources := map[string]bool{}
	for _, r := range all {
		if r.Start == r.End || len(types) > 0 && !slices.Contains(types, r.Type) || !grades.Pass(r.Properties) {
			continue
		}
		rels = append(rels, r)
		if src, _ := r.Properties[PropSource].(string); src != "" {
			sources[src] = true
		}
	}
	family, err := documentFamilies(ctx, s, sources)
	if err != nil {
		return nil, err
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
			t = &Tie{Corroboration: Corroboration{Type: r.Type, Start: start, End: end, Symmetric: term.Symmetric}, For: []Relationship{}, Against: []Relationship{}}
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
	out := make([]Tie, 0, len(byTie))
	for _, t := range byTie {
		t.Supporting, t.Disputing = len(forSrc[t]), len(againstSrc[t])
		t.SingleSource = t.Supporting == 1
		t.Contested = t.Disputing > 0
		out = append(out, *t)
	}
	sort.Slice(out, func(i, j int) bool {
		x, y := out[i], out[j]
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
