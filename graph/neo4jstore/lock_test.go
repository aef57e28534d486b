package neo4jstore

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
)

// Two stores on one database stand for two processes: the lease is all
// they share.
func TestLoadLease(t *testing.T) {
	cfg := testConfig(t)
	cfg.LeaseTTL = 2 * time.Second
	a := mustOpen(t, cfg)
	cfg.LockWait = time.Second
	b := mustOpen(t, cfg)
	cfg.LockWait = time.Minute
	c := mustOpen(t, cfg) // before any lease is taken: mustOpen empties the database
	ctx := context.Background()
	g := randomGraph(21, 30, 60)

	// A held lease makes the other load wait, then fail naming the holder.
	_, held, err := a.acquireLease(ctx)
	if err != nil {
		t.Fatal(err)
	}
	_, err = b.Load(ctx, g)
	if graph.KindOf(err) != graph.KindConflict || !strings.Contains(graph.MessageOf(err), "another load holds the database") {
		t.Fatalf("load beside a held lease: %v, want a conflict naming the holder", err)
	}
	if n := len(mustDump(t, b).Nodes); n != 0 {
		t.Fatalf("the refused load wrote %d nodes", n)
	}

	// A load that waits starts writing only once the lease is released.
	var released, firstBatch atomic.Int64
	c.afterBatch = func(int) { firstBatch.CompareAndSwap(0, time.Now().UnixNano()) }
	done := make(chan error, 1)
	go func() { _, err := c.Load(ctx, g); done <- err }()
	time.Sleep(1500 * time.Millisecond) // longer than a renewal period
	released.Store(time.Now().UnixNano())
	if err := a.release(held); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatalf("the waiting load: %v", err)
	}
	if firstBatch.Load() < released.Load() {
		t.Error("the waiting load wrote before the lease was released")
	}
	diff(t, "dump after the waiting load", mustDump(t, c), canon(g))

	// A killed load (its lease no longer renewed nor deleted) holds the
	// database only until its lease runs out.
	_, killed, err := a.acquireLease(ctx)
	if err != nil {
		t.Fatal(err)
	}
	killed.stop()
	<-killed.done
	start := time.Now()
	if _, err := c.Load(ctx, g); err != nil {
		t.Fatalf("load after a killed one: %v", err)
	}
	if waited := time.Since(start); waited < time.Second {
		t.Errorf("the load took a live lease over after %s", waited)
	}
}
