package memstore

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestIDOrder(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{0, 1, 2, 100, 10000} {
		ids := make([][16]byte, n)
		for i := range ids {
			for j := range ids[i] {
				ids[i][j] = byte(rng.IntN(256))
			}
			if i > 0 && rng.IntN(5) == 0 {
				ids[i][0], ids[i][1] = ids[i-1][0], ids[i-1][1] // share a bucket
			}
		}
		perm := idOrder(n, func(i int) *[16]byte { return &ids[i] })
		sorted := gather(ids, perm)
		if !slices.IsSortedFunc(sorted, func(a, b [16]byte) int { return bytes.Compare(a[:], b[:]) }) {
			t.Fatalf("n=%d: not sorted", n)
		}
		want := slices.Clone(ids)
		slices.SortFunc(want, func(a, b [16]byte) int { return bytes.Compare(a[:], b[:]) })
		if !slices.Equal(sorted, want) {
			t.Fatalf("n=%d: not a permutation of the input", n)
		}
		x := newIDIndex(sorted)
		for _, id := range ids {
			if i, ok := x.find(sorted, id); !ok || sorted[i] != id {
				t.Fatalf("n=%d: find failed", n)
			}
		}
		if _, ok := x.find(sorted, [16]byte{0xff, 0xff, 0xff}); ok && n < 5 {
			t.Fatalf("found a missing id")
		}
	}
}

func gather[T any](in []T, perm []uint32) []T {
	out := make([]T, len(in))
	for j, i := range perm {
		out[j] = in[i]
	}
	return out
}

// TestColumn checks that a column gives back what was added, in order
// and at its exact length, however many chunks it took.
func TestColumn(t *testing.T) {
	t.Parallel()
	for _, n := range []int{0, 1, 64, 65, 64 << 7, 5*maxChunk + 3, 100 * maxChunk} {
		var c column[uint32]
		for i := range n {
			c.add(uint32(i) * 7)
		}
		got := c.flat()
		if len(got) != n || cap(got) != n {
			t.Fatalf("n=%d: len %d, cap %d", n, len(got), cap(got))
		}
		for i, v := range got {
			if v != uint32(i)*7 {
				t.Fatalf("n=%d: item %d = %d", n, i, v)
			}
		}
		if c.n != 0 || c.chunks != nil {
			t.Fatalf("n=%d: the column still holds its chunks", n)
		}
	}
}
