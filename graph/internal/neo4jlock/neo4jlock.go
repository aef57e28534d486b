// Package neo4jlock serialises tests that write to the shared test Neo4j.
//
// `go test ./...` runs each package's tests in its own process, several at
// a time, and Neo4j Community has a single user database: two packages
// that wipe and reload it at once would see each other's data. Every test
// that writes to the database named by NEO4J_URI takes this lock first.
// It is an advisory flock(2) on a file in the temporary directory, so it
// works across processes and is released by the kernel if a test process
// dies; within one process a mutex queues the tests, since flock does not
// exclude two descriptors of the same process reliably on every system.
package neo4jlock

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// inProcess queues the holders within one test binary. It is the one
// piece of package state: a process-wide lock has to live somewhere
// process-wide.
var inProcess sync.Mutex

// Path is the lock file for the Neo4j server at uri. Servers on different
// addresses do not share data, so each gets its own lock and tests against
// them do not wait for each other.
func Path(uri string) string {
	name := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' {
			return r
		}
		return '_'
	}, uri)
	return filepath.Join(os.TempDir(), "actorgraph-neo4j-test-"+name+".lock")
}

// Acquire blocks until this process holds the lock for the server at uri
// and returns the function that releases it. It is for TestMain and other
// places without a testing.TB; tests use Lock.
func Acquire(uri string) (release func() error, err error) {
	inProcess.Lock()
	f, err := os.OpenFile(Path(uri), os.O_RDWR|os.O_CREATE, 0o666)
	if err != nil {
		inProcess.Unlock()
		return nil, fmt.Errorf("neo4jlock: %w", err)
	}
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		f.Close()
		inProcess.Unlock()
		return nil, fmt.Errorf("neo4jlock: flock %s: %w", f.Name(), err)
	}
	var once sync.Once
	return func() error {
		var err error
		once.Do(func() {
			// Closing the file drops the flock.
			err = f.Close()
			inProcess.Unlock()
		})
		return err
	}, nil
}

// Lock takes the lock for the server named by NEO4J_URI and releases it
// when t and its subtests have finished. Call it once per test, before
// the first write, and not again in a subtest: the lock is not reentrant.
func Lock(t testing.TB) {
	t.Helper()
	release, err := Acquire(os.Getenv("NEO4J_URI"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := release(); err != nil {
			t.Errorf("neo4jlock: release: %v", err)
		}
	})
}
