package memstore

// scratch holds per-query marks over all nodes. A mark is valid only when
// it equals the current generation, so starting a query is one increment
// instead of clearing megabytes; scratches are pooled per snapshot. A
// neighbourhood needs 5 bytes per node; path searches need 10 more, which
// are allocated the first time a scratch serves one.
type scratch struct {
	gen   uint32
	a     []uint32 // marks
	da    []uint8  // distances, valid where marked
	b, c  []uint32 // path searches only
	db, p []uint8
}

func (s *snapshot) getScratch() *scratch {
	if v := s.scratch.Get(); v != nil {
		sc := v.(*scratch)
		sc.next()
		return sc
	}
	n := s.nodeCount()
	return &scratch{gen: 1, a: make([]uint32, n), da: make([]uint8, n)}
}

// forPaths returns sc with the arrays path searches use.
func (sc *scratch) forPaths() *scratch {
	if sc.b == nil {
		n := len(sc.a)
		sc.b, sc.c = make([]uint32, n), make([]uint32, n)
		sc.db, sc.p = make([]uint8, n), make([]uint8, n)
	}
	return sc
}

func (s *snapshot) putScratch(sc *scratch) { s.scratch.Put(sc) }

func (sc *scratch) next() {
	sc.gen++
	if sc.gen == 0 {
		clear(sc.a)
		clear(sc.b)
		clear(sc.c)
		sc.gen = 1
	}
}
