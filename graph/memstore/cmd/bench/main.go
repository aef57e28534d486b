// Command bench measures the embedded store on a generated
// preferential-attachment graph: build rate, heap per node and per
// relationship, and latency percentiles of neighbourhoods, shortest paths
// and name search. It prints a Markdown table for BENCHMARKS.md.
//
//	go run ./graph/memstore/cmd/bench -nodes 1000000 -rels 5000000
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/signal"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"syscall"
	"time"
	"unsafe"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/gen"
	"github.com/actorgraph/actorgraph/graph/memstore"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func heap() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	nodes := fs.Int("nodes", 1_000_000, "nodes to generate")
	rels := fs.Int("rels", 5_000_000, "relationships to generate")
	seed := fs.Int64("seed", 1, "generator seed")
	samples := fs.Int("samples", 2000, "queries per measurement")
	builds := fs.Int("builds", 3, "times to time the build (the fastest and the median are shown)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of build and queries to this file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	limits := graph.DefaultLimits()
	fmt.Fprintf(out, "Go %s, %s/%s, %d CPUs (GOMAXPROCS %d)\n\n", runtime.Version(), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.GOMAXPROCS(0))

	t0 := time.Now()
	g := gen.PreferentialAttachment(*nodes, *rels, *seed)
	genTime := time.Since(t0)

	// Heap per node: a store of the nodes alone.
	base := heap()
	nodeOnly := memstore.New(limits)
	if _, err := nodeOnly.Load(ctx, graph.Graph{Nodes: g.Nodes}); err != nil {
		return err
	}
	nodeHeap := heap() - base
	nodeOnly.Close()
	nodeOnly = nil
	base = heap()

	// Each build goes into a new store; the last one is kept for the
	// queries.
	var s *memstore.Store
	var walls, cpus []time.Duration
	for range max(1, *builds) {
		s = nil
		base = heap()
		s = memstore.New(limits)
		t0 = time.Now()
		cpu0 := cpuTime()
		if _, err := s.Load(ctx, g); err != nil {
			return err
		}
		walls = append(walls, time.Since(t0))
		cpus = append(cpus, cpuTime()-cpu0)
	}
	fullHeap := heap() - base
	slices.Sort(walls)
	slices.Sort(cpus)

	// Keep what the queries need, then let the input graph go.
	rng := rand.New(rand.NewPCG(uint64(*seed), 7))
	pick := func() graph.Node { return g.Nodes[rng.IntN(len(g.Nodes))] }
	type sample struct {
		a, b graph.Node
	}
	ss := make([]sample, *samples)
	for i := range ss {
		ss[i] = sample{pick(), pick()}
	}
	maxDeg := 0
	deg := make([]int32, len(g.Nodes))
	idx := make(map[string]int32, len(g.Nodes))
	for i, n := range g.Nodes {
		idx[n.ID] = int32(i)
	}
	for _, r := range g.Relationships {
		deg[idx[r.Start]]++
		deg[idx[r.End]]++
	}
	for _, d := range deg {
		maxDeg = max(maxDeg, int(d))
	}
	idx, deg = nil, nil
	g = graph.Graph{}
	afterDrop := heap()
	_ = afterDrop

	fmt.Fprintf(out, "Graph: %d nodes, %d relationships, preferential attachment (seed %d), largest degree %d; generated in %v.\n\n",
		*nodes, *rels, *seed, maxDeg, genTime.Round(time.Millisecond))
	fmt.Fprintf(out, "| Measure | Value |\n|---|---|\n")
	rate := func(d time.Duration) string {
		return fmt.Sprintf("%v (%.2fM relationships/s)", d.Round(time.Millisecond), float64(*rels)/d.Seconds()/1e6)
	}
	fmt.Fprintf(out, "| Build (Load of a graph.Graph into an empty store), wall clock, fastest of %d | %s |\n", len(walls), rate(walls[0]))
	fmt.Fprintf(out, "| Build, wall clock, median of %d | %s |\n", len(walls), rate(walls[len(walls)/2]))
	c := cpus[len(cpus)/2]
	fmt.Fprintf(out, "| Build, process CPU time (all threads, GC included), median | %v (%.2fM relationships per CPU-second) |\n", c.Round(time.Millisecond), float64(*rels)/c.Seconds()/1e6)
	fmt.Fprintf(out, "| Heap, nodes only | %.1f MiB, %.0f bytes/node |\n", float64(nodeHeap)/(1<<20), float64(nodeHeap)/float64(*nodes))
	fmt.Fprintf(out, "| Heap, whole store | %.1f MiB |\n", float64(fullHeap)/(1<<20))
	if *rels > 0 {
		fmt.Fprintf(out, "| Heap per relationship ((whole - nodes only) / relationships) | %.1f bytes/relationship |\n", float64(int64(fullHeap)-int64(nodeHeap))/float64(*rels))
	}
	fmt.Fprintln(out)

	fmt.Fprintf(out, "| Query (%d samples, one goroutine) | CPU p50 | CPU p99 | wall p50 | wall p90 | wall p99 | mean result |\n|---|---|---|---|---|---|---|\n", *samples)
	// The goroutine keeps one OS thread, so that thread CPU time is the
	// query's own work, whatever else the machine runs.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	measure := func(name string, q func(sample) (int, error)) error {
		for _, x := range ss[:min(20, len(ss))] { // warm-up: pooled scratch space
			if _, err := q(x); err != nil {
				return err
			}
		}
		ds := make([]time.Duration, len(ss))
		cs := make([]time.Duration, len(ss))
		total := 0
		for i, x := range ss {
			c := threadTime()
			t := time.Now()
			n, err := q(x)
			ds[i] = time.Since(t)
			cs[i] = threadTime() - c
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			total += n
		}
		slices.Sort(ds)
		slices.Sort(cs)
		p := func(d []time.Duration, f float64) string { return fmtDur(d[min(len(d)-1, int(f*float64(len(d))))]) }
		fmt.Fprintf(out, "| %s | %s | %s | %s | %s | %s | %.1f |\n", name, p(cs, 0.50), p(cs, 0.99), p(ds, 0.50), p(ds, 0.90), p(ds, 0.99), float64(total)/float64(len(ds)))
		return nil
	}
	for _, depth := range []int{1, 2, 3} {
		for _, limit := range []int{0, 50} {
			name := fmt.Sprintf("Neighbourhood depth %d, limit %d (nodes)", depth, limit)
			if limit == 0 {
				name = fmt.Sprintf("Neighbourhood depth %d, default limit %d (nodes)", depth, limits.DefaultNeighborhood)
			}
			err := measure(name, func(x sample) (int, error) {
				nb, err := s.Neighborhood(ctx, x.a.ID, graph.NeighborhoodQuery{Depth: depth, Limit: limit})
				return len(nb.Nodes), err
			})
			if err != nil {
				return err
			}
		}
	}
	snap := s.Snapshot()
	for _, depth := range []int{1, 2, 3} {
		err := measure(fmt.Sprintf("Traversal only (Snapshot.Neighborhood, indexes), depth %d, limit %d (nodes)", depth, limits.DefaultNeighborhood), func(x sample) (int, error) {
			i, _ := snap.NodeIndex(x.a.ID)
			nodes, _, _, err := snap.Neighborhood(ctx, i, graph.NeighborhoodQuery{Depth: depth})
			return len(nodes), err
		})
		if err != nil {
			return err
		}
	}
	for _, k := range []int{1, 3} {
		err := measure(fmt.Sprintf("Paths k=%d, max length %d, random pair (path length)", k, limits.DefaultPathLength), func(x sample) (int, error) {
			ps, err := s.Paths(ctx, graph.PathQuery{From: x.a.ID, To: x.b.ID, K: k})
			if len(ps) == 0 {
				return 0, err
			}
			return ps[0].Length, err
		})
		if err != nil {
			return err
		}
	}
	searches := []struct {
		name string
		text func(n graph.Node) string
	}{
		{"Search top 20, whole name (hits)", func(n graph.Node) string { return strings.ToLower(n.Name()) }},
		{"Search top 20, 4-letter prefix (hits)", func(n graph.Node) string { return n.Name()[:4] }},
		{"Search top 20, 3 letters from mid-name (hits)", func(n graph.Node) string {
			name := n.Name()
			return name[len(name)/2-1 : len(name)/2+2]
		}},
		{"Search top 20, no match (full scan)", func(n graph.Node) string { return "qqq" + n.Name()[:2] }},
	}
	for _, sq := range searches {
		err := measure(sq.name, func(x sample) (int, error) {
			res, err := s.Search(ctx, graph.SearchQuery{Text: sq.text(x.a), Limit: 20})
			return len(res), err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// threadTime is the CPU time the calling thread has used, from
// CLOCK_THREAD_CPUTIME_ID (Linux), which counts nanoseconds rather than
// scheduler ticks.
func threadTime() time.Duration {
	const clockThreadCPUTime = 3
	var ts syscall.Timespec
	if _, _, errno := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockThreadCPUTime, uintptr(unsafe.Pointer(&ts)), 0); errno != 0 {
		return 0
	}
	return time.Duration(ts.Nano())
}

// cpuTime is the CPU time this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func fmtDur(d time.Duration) string {
	switch {
	case d < time.Millisecond:
		return fmt.Sprintf("%.1f µs", float64(d)/1e3)
	default:
		return fmt.Sprintf("%.2f ms", float64(d)/1e6)
	}
}
