package seed

import "strings"

// suggest returns the hint for a name that is not in names: the nearest
// name when one is close enough to be a likely typo, else the whole list
// (vocabularies are short enough to print).
func suggest(got string, names []string) string {
	if near := nearest(got, names); near != "" {
		return "did you mean " + near + "?"
	}
	return "use one of " + strings.Join(names, ", ")
}

// nearest returns the name closest to got by edit distance, ignoring case
// and the difference between '-' and '_', or "" if none is within half
// its length (at least 2 edits). Ties go to the earlier name.
func nearest(got string, names []string) string {
	if len(got) > 64 {
		return "" // not a typo; and edit distance is quadratic
	}
	norm := func(s string) string { return strings.ReplaceAll(strings.ToLower(s), "-", "_") }
	g := norm(got)
	best, bestD := "", -1
	for _, n := range names {
		d := editDistance(g, norm(n))
		if bestD < 0 || d < bestD {
			best, bestD = n, d
		}
	}
	limit := max(2, (len([]rune(got))+1)/2)
	if bestD < 0 || bestD > limit {
		return ""
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
