package neo4jlock

import (
	"bytes"
	"os"
	"os/exec"
	"syscall"
	"testing"
)

// TestExcludesOtherProcesses holds the lock and checks that another
// process cannot take it, then that it can once the lock is released.
// The other process is this test binary run again as a child.
func TestExcludesOtherProcesses(t *testing.T) {
	if os.Getenv("NEO4JLOCK_CHILD") != "" {
		return
	}
	uri := "bolt://127.0.0.1:1/" + t.Name()
	release, err := Acquire(uri)
	if err != nil {
		t.Fatal(err)
	}
	if tryLock(t, Path(uri)) {
		t.Fatal("a second process took the lock while it was held")
	}
	if err := release(); err != nil {
		t.Fatal(err)
	}
	if !tryLock(t, Path(uri)) {
		t.Fatal("the lock could not be taken after release")
	}
	os.Remove(Path(uri))
}

// tryLock tries a non-blocking flock from a child process.
func tryLock(t *testing.T, path string) bool {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestChildTryLock$")
	cmd.Env = append(os.Environ(), "NEO4JLOCK_CHILD="+path)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	switch {
	case bytes.Contains(out, []byte("LOCKED")):
		return true
	case bytes.Contains(out, []byte("BUSY")):
		return false
	}
	t.Fatalf("child said neither LOCKED nor BUSY:\n%s", out)
	return false
}

// TestChildTryLock is the child side of TestExcludesOtherProcesses.
func TestChildTryLock(t *testing.T) {
	path := os.Getenv("NEO4JLOCK_CHILD")
	if path == "" {
		t.Skip("only runs as a child of TestExcludesOtherProcesses")
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o666)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		os.Stdout.WriteString("BUSY\n")
		return
	}
	os.Stdout.WriteString("LOCKED\n")
}

// TestLockReleasesAtCleanup checks that Lock hands the lock back when the
// test that took it ends, so the next test can take it.
func TestLockReleasesAtCleanup(t *testing.T) {
	t.Setenv("NEO4J_URI", "bolt://127.0.0.1:1/"+t.Name())
	for range 2 {
		t.Run("hold", func(t *testing.T) { Lock(t) })
	}
	os.Remove(Path(os.Getenv("NEO4J_URI")))
}
