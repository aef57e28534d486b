package graph

import "slices"

// Follows reports whether r passes the relationship filters of q: its
// types and its asOf date. A store applies the same filters while it
// walks a neighbourhood; Follows applies them to a graph read another
// way (a list of nodes, the whole graph), so that every view of the
// graph filters alike. A new relationship filter on NeighborhoodQuery
// belongs here too.
func (q NeighborhoodQuery) Follows(r Relationship) bool {
	if len(q.Types) > 0 && !slices.Contains(q.Types, r.Type) {
		return false
	}
	if q.Grades.Active() && !q.Grades.Pass(r.Properties) {
		return false
	}
	return RelHeldOn(r, q.AsOf)
}

// HasAnyLabel reports whether n carries one of labels; an empty list
// keeps every node (the viewer's "show only these kinds").
func HasAnyLabel(n Node, labels []string) bool {
	if len(labels) == 0 {
		return true
	}
	for _, l := range n.Labels {
		if slices.Contains(labels, l) {
			return true
		}
	}
	return false
}
