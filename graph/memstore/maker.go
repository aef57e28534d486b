package memstore

import (
	"unsafe"

	"github.com/actorgraph/actorgraph/graph"
)

// maker turns indexes into graph values for one result. Returning a
// neighbourhood costs far more than finding it, mostly in allocations, so
// the maker formats ids into one shared buffer, hands out label lists cut
// from one shared slice (with their capacity clipped, so a caller's append
// cannot reach a neighbour's), and formats each node id once.
type maker struct {
	s      *snapshot
	ids    []byte
	labels []string
	nodeID map[uint32]string
}

func (s *snapshot) newMaker(nodes, rels int) *maker {
	return &maker{
		s:      s,
		ids:    make([]byte, 0, 36*(nodes+rels)),
		labels: make([]string, 0, 2*nodes),
		nodeID: make(map[uint32]string, nodes),
	}
}

const hexDigits = "0123456789abcdef"

// id formats a UUID in canonical form. Strings are cut from the buffer
// without copying; the buffer is never written where a string points.
func (m *maker) id(u [16]byte) string {
	if cap(m.ids)-len(m.ids) < 36 {
		m.ids = make([]byte, 0, 36*256)
	}
	off := len(m.ids)
	for i, b := range u {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			m.ids = append(m.ids, '-')
		}
		m.ids = append(m.ids, hexDigits[b>>4], hexDigits[b&15])
	}
	return unsafe.String(&m.ids[off], 36)
}

func (m *maker) nodeIDOf(i uint32) string {
	if id, ok := m.nodeID[i]; ok {
		return id
	}
	id := m.id(m.s.nodeIDs[i])
	m.nodeID[i] = id
	return id
}

func (m *maker) node(i uint32) graph.Node {
	s := m.s
	set := s.labelSets[s.nodeLabels[i]]
	if cap(m.labels)-len(m.labels) < len(set) {
		m.labels = make([]string, 0, max(256, len(set)))
	}
	start := len(m.labels)
	for _, l := range set {
		m.labels = append(m.labels, s.labels[l])
	}
	end := len(m.labels)
	return graph.Node{
		ID:         m.nodeIDOf(i),
		Key:        s.key(i),
		Labels:     m.labels[start:end:end],
		Properties: s.props(s.nodeProps[s.nodePropOf[i]:s.nodePropOf[i+1]]),
	}
}

func (m *maker) rel(r uint32) graph.Relationship {
	s := m.s
	return graph.Relationship{
		ID:         m.id(s.relIDs[r]),
		Type:       s.types[s.relType[r]],
		Start:      m.nodeIDOf(s.relStart[r]),
		End:        m.nodeIDOf(s.relEnd[r]),
		Properties: s.props(s.relPropSlice(r)),
	}
}
