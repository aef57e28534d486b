package memstore

import (
	"bytes"
	"context"
	"encoding/binary"
	"slices"
)

// idOrder returns the permutation that sorts n ids. Ids are UUIDs, close
// to uniformly distributed, so one counting pass on the top 16 bits
// leaves buckets of a few dozen to sort: linear time in practice, and
// several times faster than a comparison sort of millions of ids.
func idOrder(n int, id func(i int) *[16]byte) []uint32 {
	// An entry holds the first 8 bytes of its id, which decide nearly
	// every comparison; the rest is read from the id on a tie.
	type entry struct {
		hi uint64
		i  uint32
	}
	var count [1<<16 + 1]uint32
	for i := range n {
		count[int(binary.BigEndian.Uint16(id(i)[:2]))+1]++
	}
	for b := 1; b < len(count); b++ {
		count[b] += count[b-1]
	}
	out := make([]entry, n)
	next := count
	for i := range n {
		b := id(i)
		top := binary.BigEndian.Uint16(b[:2])
		out[next[top]] = entry{binary.BigEndian.Uint64(b[:8]), uint32(i)}
		next[top]++
	}
	perm := make([]uint32, n)
	// Buckets are independent: sort them, and read off the permutation, on
	// every CPU.
	_ = parallel(context.Background(), 1<<16, func(b int) error {
		bucket := out[count[b]:count[b+1]]
		if len(bucket) > 1 {
			slices.SortFunc(bucket, func(x, y entry) int {
				switch {
				case x.hi < y.hi:
					return -1
				case x.hi > y.hi:
					return 1
				}
				return bytes.Compare(id(int(x.i))[8:], id(int(y.i))[8:])
			})
		}
		for j, e := range bucket {
			perm[int(count[b])+j] = e.i
		}
		return nil
	})
	return perm
}

// idIndex narrows a binary search over sorted ids to the ids sharing the
// top 16 bits.
type idIndex []uint32

func newIDIndex(ids [][16]byte) idIndex {
	return idIndexOf(len(ids), func(i int) *[16]byte { return &ids[i] })
}

// idIndexOf is newIDIndex of the n ids that id gives.
func idIndexOf(n int, id func(i int) *[16]byte) idIndex {
	if n < 1<<12 {
		return nil
	}
	x := make(idIndex, 1<<16+1)
	for i := range n {
		x[int(binary.BigEndian.Uint16(id(i)[:2]))+1]++
	}
	for b := 1; b < len(x); b++ {
		x[b] += x[b-1]
	}
	return x
}

// find returns the position of id in ids, sorted.
func (x idIndex) find(ids [][16]byte, id [16]byte) (uint32, bool) {
	lo, hi := 0, len(ids)
	if x != nil {
		b := int(binary.BigEndian.Uint16(id[:2]))
		lo, hi = int(x[b]), int(x[b+1])
	}
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if cmpID(ids[m], id) < 0 {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return uint32(lo), lo < len(ids) && ids[lo] == id
}

// findRec is find among node records sorted by id.
func (x idIndex) findRec(nodes []nodeRec, id [16]byte) (uint32, bool) {
	lo, hi := 0, len(nodes)
	if x != nil {
		b := int(binary.BigEndian.Uint16(id[:2]))
		lo, hi = int(x[b]), int(x[b+1])
	}
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if cmpID(nodes[m].id, id) < 0 {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return uint32(lo), lo < len(nodes) && nodes[lo].id == id
}

// sortByText sorts idx by text(i), then by cmp for equal texts. It sorts
// (8-byte prefix, index) pairs, so most comparisons are one integer
// comparison instead of a call and two memory indirections; ties on the
// prefix fall back to the full comparison. Zero-padding keeps prefix
// order consistent with byte order.
func sortByText(idx []uint32, text func(i uint32) []byte, full func(a, b uint32) int) {
	type entry struct {
		p uint64
		i uint32
	}
	es := make([]entry, len(idx))
	for j, i := range idx {
		var buf [8]byte
		copy(buf[:], text(i))
		es[j] = entry{binary.BigEndian.Uint64(buf[:]), i}
	}
	slices.SortFunc(es, func(a, b entry) int {
		switch {
		case a.p < b.p:
			return -1
		case a.p > b.p:
			return 1
		}
		return full(a.i, b.i)
	})
	for j, e := range es {
		idx[j] = e.i
	}
}
