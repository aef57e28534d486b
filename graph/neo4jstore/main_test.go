package neo4jstore

import (
	"fmt"
	"os"
	"testing"

	"github.com/actorgraph/actorgraph/graph/internal/neo4jlock"
)

// TestMain holds the shared-server lock for the whole run: these tests
// wipe the one user database and one of them stops and restarts the
// server, so no other package may use it meanwhile.
func TestMain(m *testing.M) {
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		os.Exit(m.Run())
	}
	release, err := neo4jlock.Acquire(uri)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	if err := release(); err != nil {
		fmt.Fprintln(os.Stderr, err)
	}
	os.Exit(code)
}
