package neo4jstore

import (
	"context"
	"log/slog"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph/gen"
)

// BenchmarkLoad loads a preferential-attachment graph into an empty
// database and reports relationships per second. It wipes the database
// and is large, so it only runs when NEO4J_BENCH_RELS says how many
// relationships to load (make bench sets 1000000). NEO4J_BENCH_BATCH
// overrides Config.BatchSize (default 10000) and NEO4J_BENCH_LOG=1 logs
// each committed transaction to stderr, to see where the time goes.
func BenchmarkLoad(b *testing.B) {
	rels, _ := strconv.Atoi(os.Getenv("NEO4J_BENCH_RELS"))
	if rels <= 0 {
		b.Skip("set NEO4J_BENCH_RELS (e.g. 1000000) to run the loader benchmark")
	}
	cfg := testConfig(b)
	cfg.LoadRetryTime = 5 * time.Minute
	cfg.BatchSize, _ = strconv.Atoi(os.Getenv("NEO4J_BENCH_BATCH"))
	s := mustOpen(b, cfg)
	if os.Getenv("NEO4J_BENCH_LOG") != "" {
		// Batch timings, unabridged (b.Log output is cut short).
		s.logger = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	g := gen.PreferentialAttachment(rels/5, rels, 1)
	ctx := context.Background()
	var elapsed time.Duration
	for b.Loop() {
		b.StopTimer()
		if err := s.wipe(ctx); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		st, err := s.Load(ctx, g)
		elapsed += time.Since(start)
		if err != nil {
			b.Fatal(err)
		}
		if st.RelationshipsCreated != len(g.Relationships) {
			b.Fatalf("created %d relationships, want %d", st.RelationshipsCreated, len(g.Relationships))
		}
	}
	b.ReportMetric(float64(len(g.Relationships))*float64(b.N)/elapsed.Seconds(), "rels/s")
	b.ReportMetric(float64(len(g.Nodes)), "nodes")
}
