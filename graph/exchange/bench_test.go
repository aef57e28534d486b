package exchange

import (
	"bufio"
	"flag"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph/gen"
)

// The benchmark document's size. CI affords the small default; for the
// numbers that matter to `actorgraph load`, pass -nodes 200000 -rels
// 1000000, or -file with an existing export (`actorgraph generate` writes
// the same document) so that generating it is not part of the process's
// peak memory.
var (
	benchNodes = flag.Int("nodes", 20_000, "nodes in the benchmark document")
	benchRels  = flag.Int("rels", 100_000, "relationships in the benchmark document")
	benchFile  = flag.String("file", "", "benchmark this export document instead of generating one")
)

func BenchmarkReadFiles(b *testing.B) {
	path := *benchFile
	if path == "" {
		path = filepath.Join(b.TempDir(), "bench.json")
		writeBenchDocument(b, path, *benchNodes, *benchRels)
	}
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	b.SetBytes(fi.Size())
	b.ReportAllocs()
	b.ResetTimer()
	rels := 0
	for b.Loop() {
		g, err := ReadFiles(path)
		if err != nil {
			b.Fatal(err)
		}
		rels = len(g.Relationships)
	}
	b.ReportMetric(float64(rels)*float64(b.N)/b.Elapsed().Seconds(), "rels/s")
}

func writeBenchDocument(tb testing.TB, path string, nodes, rels int) {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	err = WriteJSON(w, NewDocument(gen.PreferentialAttachment(nodes, rels, 1), time.Unix(0, 0)))
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkWriters writes the same generated graph in every export
// format, side by side, the way `actorgraph export` and GET /api/export
// do (Writer.Write); bytes/s is output bytes.
func BenchmarkWriters(b *testing.B) {
	g := gen.PreferentialAttachment(*benchNodes, *benchRels, 1)
	now := time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)
	for _, w := range Writers() {
		b.Run(w.Name, func(b *testing.B) {
			var n countWriter
			if err := w.Write(&n, g, now); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(n))
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				var c countWriter
				if err := w.Write(&c, g, now); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

type countWriter int

func (c *countWriter) Write(p []byte) (int, error) { *c += countWriter(len(p)); return len(p), nil }
