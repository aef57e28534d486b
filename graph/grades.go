package graph

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Evidence is graded on the two axes of the Admiralty (NATO) code, kept
// apart because they answer different questions:
//
//   - reliability (A–F) is a property of a source: how far the source has
//     been right before. It is graded on the Document node and, when the
//     document relays someone else's view, on the actor who asserts the
//     claim. A relationship carries the grade its evidence inherits in
//     PropReliability (see EffectiveReliability), so that every store can
//     filter on it as a plain property.
//   - credibility (1–6) is a property of one claim: how well the claim is
//     confirmed, given what else is known. It is on the relationship.
//
// F and 6 mean "cannot be judged": they are grades, not low grades, so a
// threshold (minReliability, minCredibility) never admits them, and no
// grade at all is treated the same way.
const (
	PropReliability = "reliability" // A–F; on documents and actors, and inherited by relationships
	PropCredibility = "credibility" // 1–6, on relationships
	PropStance      = "stance"      // asserted | reported | disputed | denied, on relationships
	PropAsserter    = "asserter"    // key of the actor node that asserts the claim, when it is graded
)

// Reliabilities are the reliability grades, best first.
var reliabilities = []string{"A", "B", "C", "D", "E", "F"}

// ReliabilityTerms describes the reliability grades.
func ReliabilityTerms() []Term {
	return []Term{
		{Name: "A", Description: "Completely reliable: no doubt of authenticity, trustworthiness or competency."},
		{Name: "B", Description: "Usually reliable: minor doubt; a history of mostly valid information."},
		{Name: "C", Description: "Fairly reliable: doubt; has provided valid information before."},
		{Name: "D", Description: "Not usually reliable: significant doubt; some valid information before."},
		{Name: "E", Description: "Unreliable: lacks authenticity, trustworthiness and competency; a history of invalid information."},
		{Name: "F", Description: "Reliability cannot be judged: no basis to evaluate the source."},
	}
}

// CredibilityTerms describes the credibility grades.
func CredibilityTerms() []Term {
	return []Term{
		{Name: "1", Description: "Confirmed by other independent sources; logical; consistent with other information."},
		{Name: "2", Description: "Probably true: not confirmed; logical; consistent with other information."},
		{Name: "3", Description: "Possibly true: not confirmed; reasonably logical; agrees with some other information."},
		{Name: "4", Description: "Doubtful: not confirmed; possible but not logical; no other information on the subject."},
		{Name: "5", Description: "Improbable: not confirmed; not logical; contradicted by other information."},
		{Name: "6", Description: "Truth cannot be judged: no basis to evaluate the claim."},
	}
}

// Stances say how a document stands towards a claim it carries.
const (
	Asserted = "asserted" // the asserter states it as their own view or as fact
	Reported = "reported" // the document relays what someone else says; credibility tells whether it endorses it
	Disputed = "disputed" // the document relays it and argues against it
	Denied   = "denied"   // the asserter says it is not so
)

// Stances lists the stances; the first is the default.
func Stances() []string { return []string{Asserted, Reported, Disputed, Denied} }

// Supports reports whether a stance counts for a claim (asserted,
// reported or none given) rather than against it (disputed, denied).
func Supports(stance string) bool { return stance != Disputed && stance != Denied }

// IsReliability reports whether s is a reliability grade A–F.
func IsReliability(s string) bool { return slices.Contains(reliabilities, s) }

// IsCredibility reports whether v is a credibility grade 1–6.
func IsCredibility(v int64) bool { return v >= 1 && v <= 6 }

// IsStance reports whether s is a stance.
func IsStance(s string) bool { return slices.Contains(Stances(), s) }

// EffectiveReliability is the reliability a claim inherits: the weaker of
// its document's and its asserter's grades, since a relayed claim is no
// better than the weakest link it came through. "Cannot be judged" (F)
// and no grade are weaker than any judged grade. It returns "" when
// neither is graded.
func EffectiveReliability(document, asserter string) string {
	if !IsReliability(document) {
		return gradeOrEmpty(asserter)
	}
	if !IsReliability(asserter) {
		return document
	}
	return max(document, asserter) // A < B < ... < F: the later letter is the weaker grade
}

func gradeOrEmpty(s string) string {
	if IsReliability(s) {
		return s
	}
	return ""
}

// GradeFilter keeps the relationships whose evidence meets thresholds on
// both Admiralty axes. The zero value keeps everything. It is the one
// definition of the minReliability and minCredibility parameters: every
// query that takes them (neighbourhood, paths, export, metrics) parses
// them with ParseGradeFilter and applies them with Pass or, in Cypher,
// with the lists Reliabilities and Credibilities.
type GradeFilter struct {
	MinReliability string // "" or A–E: keep grades at least this good
	MinCredibility int    // 0 or 1–5: keep grades at least this good
}

// ParseGradeFilter reads the query parameters minReliability and
// minCredibility (either may be empty). F and 6 are refused: "cannot be
// judged" is not a threshold.
func ParseGradeFilter(minReliability, minCredibility string) (GradeFilter, error) {
	var f GradeFilter
	if minReliability != "" {
		f.MinReliability = strings.ToUpper(strings.TrimSpace(minReliability))
	}
	if minCredibility != "" {
		n, err := strconv.Atoi(strings.TrimSpace(minCredibility))
		if err != nil {
			return GradeFilter{}, InvalidParam("minCredibility", "minCredibility must be a credibility grade 1 to 5, got %q", minCredibility)
		}
		f.MinCredibility = n
		if n == 0 {
			f.MinCredibility = -1 // an explicit 0 is out of range, not "no filter"
		}
	}
	return f, f.Check()
}

// Check reports a threshold out of range as a KindInvalid error naming
// the parameter.
func (f GradeFilter) Check() error {
	if f.MinReliability != "" && (!IsReliability(f.MinReliability) || f.MinReliability == "F") {
		return InvalidParam("minReliability", "minReliability must be a reliability grade A to E (F, cannot be judged, is no threshold), got %q", f.MinReliability)
	}
	if f.MinCredibility != 0 && (f.MinCredibility < 1 || f.MinCredibility > 5) {
		return InvalidParam("minCredibility", "minCredibility must be a credibility grade 1 to 5 (6, cannot be judged, is no threshold), got %d", f.MinCredibility)
	}
	return nil
}

// Active reports whether the filter drops anything.
func (f GradeFilter) Active() bool { return f.MinReliability != "" || f.MinCredibility != 0 }

// Reliabilities lists the reliability grades the filter keeps, or nil
// when it keeps every relationship whatever its grade.
func (f GradeFilter) Reliabilities() []string {
	if f.MinReliability == "" {
		return nil
	}
	i := slices.Index(reliabilities, f.MinReliability)
	return slices.Clone(reliabilities[:i+1])
}

// Credibilities lists the credibility grades the filter keeps, or nil
// when it keeps every relationship whatever its grade.
func (f GradeFilter) Credibilities() []int64 {
	if f.MinCredibility == 0 {
		return nil
	}
	out := make([]int64, 0, f.MinCredibility)
	for g := int64(1); g <= int64(f.MinCredibility); g++ {
		out = append(out, g)
	}
	return out
}

// Pass reports whether a relationship with these properties meets the
// thresholds.
func (f GradeFilter) Pass(props map[string]any) bool {
	return f.PassValues(props[PropReliability], props[PropCredibility])
}

// PassValues is Pass given the two property values (nil when absent).
func (f GradeFilter) PassValues(reliability, credibility any) bool {
	if f.MinReliability != "" {
		s, _ := reliability.(string)
		if !IsReliability(s) || s == "F" || s > f.MinReliability {
			return false
		}
	}
	if f.MinCredibility != 0 {
		c, ok := credibility.(int64)
		if !ok || c < 1 || c > int64(f.MinCredibility) {
			return false
		}
	}
	return true
}

// Filter returns g without the relationships that fail f; nodes stay.
func (f GradeFilter) Filter(g Graph) Graph {
	if !f.Active() {
		return g
	}
	out := Graph{Nodes: g.Nodes, Relationships: make([]Relationship, 0, len(g.Relationships))}
	for _, r := range g.Relationships {
		if f.Pass(r.Properties) {
			out.Relationships = append(out.Relationships, r)
		}
	}
	return out
}

// checkGrades checks the grade properties an item carries, if any.
func checkGrades(p map[string]any, rel bool) error {
	if v, ok := p[PropReliability]; ok {
		if s, _ := v.(string); !IsReliability(s) {
			return fmt.Errorf("reliability %v is not a grade A to F", v)
		}
	}
	if !rel {
		return nil
	}
	if v, ok := p[PropCredibility]; ok {
		n, err := NormalizeValue(v)
		if c, isInt := n.(int64); err != nil || !isInt || !IsCredibility(c) {
			return fmt.Errorf("credibility %v is not a grade 1 to 6", v)
		}
	}
	if v, ok := p[PropStance]; ok {
		if s, _ := v.(string); !IsStance(s) {
			return fmt.Errorf("stance %v is not one of %s", v, strings.Join(Stances(), ", "))
		}
	}
	if v, ok := p[PropAsserter]; ok {
		if s, _ := v.(string); s == "" {
			return fmt.Errorf("asserter %v is not a node key", v)
		}
	}
	return nil
}
