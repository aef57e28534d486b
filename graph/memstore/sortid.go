package memstore

import (
	"encoding/binary"
	"slices"
)

// idOrder returns the permutation that sorts n ids. Ids are UUIDs, close
// to uniformly distributed, so one counting pass on the top 16 bits
// leaves buckets of a few dozen to sort: linear time in practice, and
// several times faster than a comparison sort of millions of ids.
func idOrder(n int, id func(i int) *[16]byte) []uint32 {
	type entry struct {
		hi, lo uint64
		i      uint32
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
		out[next[top]] = entry{binary.BigEndian.Uint64(b[:8]), binary.BigEndian.Uint64(b[8:]), uint32(i)}
		next[top]++
	}
	for b := 0; b < 1<<16; b++ {
		bucket := out[count[b]:count[b+1]]
		if len(bucket) > 1 {
			slices.SortFunc(bucket, func(x, y entry) int {
				switch {
				case x.hi != y.hi:
					if x.hi < y.hi {
						return -1
					}
					return 1
				case x.lo < y.lo:
					return -1
				case x.lo > y.lo:
					return 1
				}
				return 0
			})
		}
	}
	perm := make([]uint32, n)
	for j, e := range out {
		perm[j] = e.i
	}
	return perm
}

// permute puts in[perm[j]] at position j, in place, following cycles; it
// destroys perm. It saves a copy of a large slice.
func permute[T any](in []T, perm []uint32) {
	const done = ^uint32(0)
	for j := range perm {
		if perm[j] == done || perm[j] == uint32(j) {
			continue
		}
		tmp := in[j]
		k := j
		for {
			src := int(perm[k])
			perm[k] = done
			if src == j {
				in[k] = tmp
				break
			}
			in[k] = in[src]
			k = src
		}
	}
}

// idIndex narrows a binary search over sorted ids to the ids sharing the
// top 16 bits.
type idIndex []uint32

func newIDIndex(ids [][16]byte) idIndex {
	if len(ids) < 1<<12 {
		return nil
	}
	x := make(idIndex, 1<<16+1)
	for _, id := range ids {
		x[int(binary.BigEndian.Uint16(id[:2]))+1]++
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
