package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/google/uuid"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/actorgraph/actorgraph/graph"
)

// Loads from two processes must not interleave: validation decides what
// to create and what to merge from what the database holds, so a second
// load running beside the first would create what the first creates too.
// A lease serialises them: one node, (:_LoadLock {name: "load"}), unique
// by a constraint, names the load that holds it and when it last said it
// was alive. A load takes the lease when there is none or when the holder
// has been silent for longer than Config.LeaseTTL (it was killed), renews
// it every LeaseTTL/4 while it writes, and deletes it when done. A load
// that finds the lease held waits, logging who holds it, for up to
// Config.LockWait, then fails with KindConflict naming the holder. Times
// are the server's (timestamp()), so the processes' clocks do not matter.

// lockLabel is the label of the lease node. It starts with an underscore,
// so it is never taken for data (see validLabel).
const lockLabel = "_LoadLock"

// lease is a held load lease.
type lease struct {
	owner string
	stop  context.CancelFunc
	done  chan error // the renewal's verdict: nil, or why the lease was lost
}

// acquireLease takes the load lease, waiting while another live load
// holds it. The returned context is cancelled if the lease is lost (the
// renewal failed for longer than the TTL, or another load took it over),
// so that the load stops writing.
func (s *Store) acquireLease(ctx context.Context) (context.Context, *lease, error) {
	host, _ := os.Hostname()
	owner := uuid.NewString()
	params := map[string]any{"owner": owner, "host": host, "pid": int64(os.Getpid()), "ttl": s.cfg.LeaseTTL.Milliseconds()}
	deadline := time.Now().Add(s.cfg.LockWait)
	logged := false
	for {
		var holder map[string]any
		err := s.writeRetry(ctx, func(tx neo4j.ManagedTransaction) error {
			const q = `MERGE (l:` + lockLabel + ` {name: 'load'})
ON CREATE SET l.owner = $owner, l.beat = timestamp(), l.since = timestamp(), l.host = $host, l.pid = $pid
WITH l, l.owner = $owner OR l.beat < timestamp() - $ttl AS free
FOREACH (_ IN CASE WHEN free THEN [1] ELSE [] END |
  SET l.owner = $owner, l.beat = timestamp(), l.since = timestamp(), l.host = $host, l.pid = $pid)
RETURN free, l.host AS host, l.pid AS pid, l.since AS since, timestamp() - l.beat AS silent`
			s.traced(q, params)
			res, err := tx.Run(ctx, q, params)
			if err != nil {
				return err
			}
			rec, err := res.Single(ctx)
			if err != nil {
				return err
			}
			holder = rec.AsMap()
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
		if free, _ := holder["free"].(bool); free {
			break
		}
		since, _ := holder["since"].(int64)
		desc := fmt.Sprintf("another load holds the database (host %v, pid %v, since %s, last heard from %.0f s ago)",
			holder["host"], holder["pid"], time.UnixMilli(since).UTC().Format(time.RFC3339), float64(toInt(holder["silent"]))/1000)
		if time.Now().After(deadline) {
			return nil, nil, graph.Errorf(graph.KindConflict, "%s; waited %s. If that load was killed, its lease ends %s after it was last heard from",
				desc, s.cfg.LockWait, s.cfg.LeaseTTL)
		}
		if !logged {
			s.logger.WarnContext(ctx, "neo4j load: waiting for another load to finish", "holder", desc)
			logged = true
		}
		select {
		case <-ctx.Done():
			return nil, nil, mapErr(ctx.Err())
		case <-time.After(500 * time.Millisecond):
		}
	}
	lctx, stop := context.WithCancel(ctx)
	l := &lease{owner: owner, stop: stop, done: make(chan error, 1)}
	go s.renewLease(lctx, l, params)
	return lctx, l, nil
}

func toInt(v any) int64 {
	i, _ := v.(int64)
	return i
}

// renewLease keeps the lease alive until ctx ends, cancelling the load if
// the lease is lost.
func (s *Store) renewLease(ctx context.Context, l *lease, params map[string]any) {
	every := s.cfg.LeaseTTL / 4
	lastOK := time.Now()
	for {
		select {
		case <-ctx.Done():
			l.done <- nil
			return
		case <-time.After(every):
		}
		const q = "MATCH (l:" + lockLabel + " {name: 'load', owner: $owner}) SET l.beat = timestamp() RETURN count(l) AS n"
		s.traced(q, params)
		res, err := neo4j.ExecuteQuery(ctx, s.driver, q, params, neo4j.EagerResultTransformer,
			append(s.writeOpts(), neo4j.ExecuteQueryWithBookmarkManager(s.bookmarks))...)
		if ctx.Err() != nil {
			l.done <- nil
			return
		}
		switch {
		case err == nil && len(res.Records) == 1 && toInt(res.Records[0].Values[0]) == 1:
			lastOK = time.Now()
		case err == nil:
			l.done <- graph.Errorf(graph.KindConflict, "the load lost its lease: another load took the database over")
			l.stop()
			return
		case time.Since(lastOK) > s.cfg.LeaseTTL:
			l.done <- fmt.Errorf("the load could not renew its lease for %s: %w", s.cfg.LeaseTTL, mapErr(err))
			l.stop()
			return
		}
	}
}

// release ends the lease: stops renewing it and deletes it. It returns
// why the lease was lost, if it was, so the load reports that rather
// than a bare cancellation.
func (s *Store) release(l *lease) error {
	l.stop()
	lost := <-l.done
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	const q = "MATCH (l:" + lockLabel + " {name: 'load', owner: $owner}) DELETE l"
	_, err := neo4j.ExecuteQuery(ctx, s.driver, q, map[string]any{"owner": l.owner}, neo4j.EagerResultTransformer,
		append(s.writeOpts(), neo4j.ExecuteQueryWithBookmarkManager(s.bookmarks))...)
	if err != nil {
		// The lease ends by itself after LeaseTTL.
		s.logger.Warn("neo4j load: could not delete the load lease", "err", err)
	}
	return lost
}

// withLease runs load holding the lease; a lost lease wins over the
// cancellation it caused.
func (s *Store) withLease(ctx context.Context, load func(context.Context) (graph.LoadStats, error)) (graph.LoadStats, error) {
	lctx, l, err := s.acquireLease(ctx)
	if err != nil {
		return graph.LoadStats{}, err
	}
	st, err := load(lctx)
	if lost := s.release(l); lost != nil && err != nil && errors.Is(lctx.Err(), context.Canceled) && ctx.Err() == nil {
		return graph.LoadStats{}, lost
	}
	return st, err
}
