package graph

import (
	"strings"

	"github.com/google/uuid"
)

// namespace is the fixed UUID namespace of actorgraph ids. Changing it would
// change every id in every store and export: never do.
const namespace = "6f1c1a52-3b8e-4d59-9a57-0a7c7a3f2e10"

func newID(name string) string {
	return uuid.NewSHA1(uuid.MustParse(namespace), []byte(name)).String()
}

// NodeID is the deterministic id of the node with this key.
func NodeID(key string) string {
	return newID("node\x00" + key)
}

// RelID is the deterministic id of a relationship, from the keys of its
// ends, its type, and a discriminator (the source document key and locator
// for seed relations), so that one source stating the same tie twice at the
// same place is one relationship.
func RelID(startKey, typ, endKey, discriminator string) string {
	s := strings.Join([]string{"rel", startKey, typ, endKey, discriminator}, "\x00")
	return newID(s)
}

// IsID reports whether s is a UUID in canonical form: 36 characters,
// hyphenated, lower-case hex, as NodeID and RelID make them. An id is
// compared as text everywhere, so "ABC…" and "abc…" would be two ids.
func IsID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < 36; i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
				return false
			}
		}
	}
	return true
}
