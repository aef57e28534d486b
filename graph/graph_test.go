package graph

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestParseDate(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in string
		ok bool
	}{
		{"2015", true}, {"2015-09", true}, {"2015-09-01", true}, {"2016-02-29", true},
		{"2015-02-29", false}, {"2015-13", false}, {"2015-9", false}, {"15", false}, {"", false},
		{"2015-09-01-01", false}, {"abcd", false}, {"2015-00", false},
	} {
		if _, err := ParseDate(tc.in); (err == nil) != tc.ok {
			t.Errorf("ParseDate(%q) err = %v, want ok=%v", tc.in, err, tc.ok)
		}
	}
}

func TestHeldOn(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		since, until, asOf string
		want               bool
	}{
		{"", "", "2015", true},
		{"2015", "", "2014-12-31", false},
		{"2015", "", "2015-01-01", true},
		{"2015-06", "", "2015", true}, // the year overlaps June
		{"", "2014", "2014-12-31", true},
		{"", "2014", "2015-01-01", false},
		{"1947", "1991-12-26", "1975", true},
		{"1947", "1991-12-26", "1992", false},
		{"2015-09-01", "2015-09-01", "2015-09", true},
		{"junk", "", "2015", true}, // unparseable bounds are ignored
	} {
		if got := HeldOn(tc.since, tc.until, tc.asOf); got != tc.want {
			t.Errorf("HeldOn(%q, %q, %q) = %v, want %v", tc.since, tc.until, tc.asOf, got, tc.want)
		}
	}
}

func TestNormalize(t *testing.T) {
	t.Parallel()
	l := DefaultLimits()
	nq := NeighborhoodQuery{}
	if err := nq.Normalize(l); err != nil || nq.Depth != 1 || nq.Limit != l.DefaultNeighborhood || nq.Direction != Both {
		t.Fatalf("defaults: %+v %v", nq, err)
	}
	for _, tc := range []struct {
		q     NeighborhoodQuery
		param string
	}{
		{NeighborhoodQuery{Depth: l.MaxDepth + 1}, "depth"},
		{NeighborhoodQuery{Depth: -1}, "depth"},
		{NeighborhoodQuery{Limit: l.MaxNeighborhood + 1}, "limit"},
		{NeighborhoodQuery{AsOf: "soon"}, "asOf"},
		{NeighborhoodQuery{Types: []string{"spies_on"}}, "types"},
		{NeighborhoodQuery{Direction: "up"}, "direction"},
	} {
		err := tc.q.Normalize(l)
		var e *Error
		if KindOf(err) != KindInvalid || !errorAs(err, &e) || e.Param != tc.param {
			t.Errorf("%+v: err = %v, want invalid %s", tc.q, err, tc.param)
		}
	}
	pq := PathQuery{From: "a", To: "b"}
	if err := pq.Normalize(l); err != nil || pq.K != l.DefaultK || pq.MaxLength != l.DefaultPathLength {
		t.Fatalf("path defaults: %+v %v", pq, err)
	}
	if err := (&PathQuery{From: "a"}).Normalize(l); KindOf(err) != KindInvalid {
		t.Fatalf("missing to: %v", err)
	}
	if err := (&SearchQuery{Limit: l.MaxSearch + 1}).Normalize(l); KindOf(err) != KindInvalid {
		t.Fatalf("search limit: %v", err)
	}
}

func errorAs(err error, e **Error) bool {
	x, ok := err.(*Error)
	*e = x
	return ok
}

func TestIDs(t *testing.T) {
	t.Parallel()
	if first, again := NodeID("china"), NodeID("china"); first != again || first == NodeID("russia") || !IsID(first) {
		t.Fatal("node ids are not deterministic and distinct")
	}
	if RelID("a", "T", "b", "x") == RelID("a", "T", "b", "y") || RelID("a", "T", "b", "x") == NodeID("a") {
		t.Fatal("relationship ids collide")
	}
	// The namespace is part of the data format: pin one id.
	if got := NodeID("china"); got != "c59f7d05-c48e-56b1-9356-8ddea8382dae" {
		t.Fatalf("NodeID(china) = %s: the id scheme changed, which breaks every export", got)
	}
	for _, s := range []string{"", "x", "2cb21bf2-8d5d-5f8c-a5ab-5e7ba55d0ba", "{2cb21bf2-8d5d-5f8c-a5ab-5e7ba55d0ba0}"} {
		if IsID(s) {
			t.Errorf("IsID(%q)", s)
		}
	}
}

func TestNormalizeValue(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in   any
		want any
		ok   bool
	}{
		{json.Number("3"), int64(3), true},
		{json.Number("3.5"), 3.5, true},
		{json.Number("1e3"), 1000.0, true},
		{3, int64(3), true},
		{[]any{json.Number("1"), "a"}, []any{int64(1), "a"}, true},
		{[]string{"a"}, []any{"a"}, true},
		{map[string]any{}, nil, false},
		{[]any{[]any{}}, nil, false},
	} {
		got, err := NormalizeValue(tc.in)
		if (err == nil) != tc.ok || (tc.ok && !reflect.DeepEqual(got, tc.want)) {
			t.Errorf("NormalizeValue(%#v) = %#v, %v", tc.in, got, err)
		}
	}
}

func TestVocabulary(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, term := range RelTypes() {
		if !IsRelType(term.Name) || !IsPolarity(term.Polarity) || term.Description == "" || seen[term.Name] {
			t.Errorf("bad relationship type term %+v", term)
		}
		seen[term.Name] = true
	}
	for _, term := range Labels() {
		if !IsLabel(term.Name) || term.Description == "" || seen[term.Name] {
			t.Errorf("bad label term %+v", term)
		}
		seen[term.Name] = true
	}
}

func TestNormalizeParams(t *testing.T) {
	t.Parallel()
	got, err := NormalizeParams(map[string]any{
		"n": json.Number("2"), "m": map[string]any{"x": []any{json.Number("1.5"), []any{"a"}}},
	})
	want := map[string]any{"n": int64(2), "m": map[string]any{"x": []any{1.5, []any{"a"}}}}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("NormalizeParams = %#v, %v", got, err)
	}
	if _, err := NormalizeParams(map[string]any{"f": func() {}}); err == nil {
		t.Fatal("a function parameter was accepted")
	}
}
