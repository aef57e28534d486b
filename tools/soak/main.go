// Command soak puts a running actorgraph under sustained mixed load and
// reports how it held: requests and statuses per kind of call, latency
// percentiles of the cheap calls, and the server's peak resident memory.
// Many connections (64 by default) each send calls back to back for the
// whole run, a share of them hostile (Cypher that would build huge lists,
// explode a pattern or run for ever; neighbourhoods as deep and wide as
// the bounds allow). It reports; it asserts nothing.
//
//	actorgraph generate -nodes 100000 -rels 500000 -o big.json
//	actorgraph serve --seeds big.json --addr 127.0.0.1:8081 &
//	go run ./tools/soak -url http://127.0.0.1:8081 -pid $! -nodes 100000 -rels 500000
//
// scripts/bench.sh runs it (BENCH_ONLY=soak make bench).
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/actorgraph/actorgraph/graph/gen"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "soak:", err)
		os.Exit(1)
	}
}

// call is one kind of request.
type call struct {
	name   string
	cheap  bool
	weight int
	make   func(rng *rand.Rand) (method, path, body string)
}

// tally is what the calls of one kind got.
type tally struct {
	statuses map[int]int
	lat      []time.Duration
	errors   int
}

func run(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("soak", flag.ContinueOnError)
	base := fs.String("url", "", "base URL of the running actorgraph")
	pid := fs.Int("pid", 0, "the server's process id, to read its resident memory (Linux /proc)")
	nodes := fs.Int("nodes", 100_000, "nodes of the generated graph the server serves")
	rels := fs.Int("rels", 500_000, "relationships of that graph")
	seed := fs.Int64("seed", 1, "generator seed of that graph")
	duration := fs.Duration("duration", 60*time.Second, "how long to keep the load on")
	conns := fs.Int("connections", 64, "concurrent connections, each sending calls back to back")
	hostile := fs.Int("hostile", 5, "percentage of hostile calls")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *base == "" {
		return fmt.Errorf("-url is required")
	}
	g := gen.PreferentialAttachment(*nodes, *rels, *seed)
	key := func(rng *rand.Rand) string { return g.Nodes[rng.IntN(len(g.Nodes))].Key }
	name := func(rng *rand.Rand) string {
		n := g.Nodes[rng.IntN(len(g.Nodes))].Name()
		return n[:min(len(n), 2+rng.IntN(4))]
	}
	cypher := func(q string, params map[string]any) string {
		b, _ := json.Marshal(map[string]any{"query": q, "params": params})
		return string(b)
	}
	normal := []call{
		{"node", true, 30, func(r *rand.Rand) (string, string, string) { return "GET", "/api/nodes/" + key(r), "" }},
		{"health", true, 5, func(*rand.Rand) (string, string, string) { return "GET", "/api/health", "" }},
		{"schema", true, 5, func(*rand.Rand) (string, string, string) { return "GET", "/api/schema", "" }},
		{"neighbourhood", false, 20, func(r *rand.Rand) (string, string, string) {
			return "GET", fmt.Sprintf("/api/nodes/%s/neighborhood?depth=%d", key(r), 1+r.IntN(2)), ""
		}},
		{"paths", false, 10, func(r *rand.Rand) (string, string, string) {
			return "GET", "/api/paths?k=3&from=" + key(r) + "&to=" + key(r), ""
		}},
		{"search", false, 15, func(r *rand.Rand) (string, string, string) {
			return "GET", "/api/nodes?limit=20&q=" + url.QueryEscape(name(r)), ""
		}},
		{"cypher", false, 10, func(r *rand.Rand) (string, string, string) {
			return "POST", "/api/cypher", cypher("MATCH (a:Actor {key: $k})-[*1..2]-(b) RETURN count(DISTINCT b) AS n", map[string]any{"k": key(r)})
		}},
	}
	hostiles := []call{
		{"hostile: huge lists", false, 1, func(*rand.Rand) (string, string, string) {
			return "POST", "/api/cypher", cypher("UNWIND range(1, 1000000) AS x WITH collect([x, x, x, x, x, x, x, x, x, x]) AS l RETURN size(l) AS n", nil)
		}},
		{"hostile: cartesian", false, 1, func(*rand.Rand) (string, string, string) {
			return "POST", "/api/cypher", cypher("MATCH (a), (b), (c) RETURN count(*) AS n", nil)
		}},
		{"hostile: long paths", false, 1, func(r *rand.Rand) (string, string, string) {
			return "POST", "/api/cypher", cypher("MATCH p = (a:Actor {key: $k})-[*1..8]-(b) RETURN count(p) AS n", map[string]any{"k": key(r)})
		}},
		{"hostile: sort everything", false, 1, func(*rand.Rand) (string, string, string) {
			return "POST", "/api/cypher", cypher("MATCH (a)-[r]-(b) RETURN a.name, b.name, r ORDER BY a.name DESC LIMIT 5", nil)
		}},
		{"hostile: widest neighbourhood", false, 1, func(r *rand.Rand) (string, string, string) {
			return "GET", "/api/nodes/" + key(r) + "/neighborhood?depth=4&limit=5000", ""
		}},
	}
	all := append(slices.Clone(normal), hostiles...)
	tallies := make([]*tally, len(all))
	for i := range tallies {
		tallies[i] = &tally{statuses: map[int]int{}}
	}
	normalWeight := 0
	for _, c := range normal {
		normalWeight += c.weight
	}

	client := &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: *conns, MaxConnsPerHost: *conns}}
	ctx, cancel := context.WithTimeout(ctx, *duration)
	defer cancel()

	var peak, samples int64
	var memMu sync.Mutex
	memDone := make(chan struct{})
	go func() { // sample the server's resident memory
		defer close(memDone)
		for ctx.Err() == nil {
			if rss := residentKB(*pid, "VmRSS"); rss > 0 {
				memMu.Lock()
				peak = max(peak, rss)
				samples++
				memMu.Unlock()
			}
			time.Sleep(100 * time.Millisecond)
		}
	}()

	var mu sync.Mutex
	var wg sync.WaitGroup
	start := time.Now()
	for w := range *conns {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(*seed), uint64(w)))
			for ctx.Err() == nil {
				i := 0
				if rng.IntN(100) < *hostile {
					i = len(normal) + rng.IntN(len(hostiles))
				} else {
					pick := rng.IntN(normalWeight)
					for pick >= normal[i].weight {
						pick -= normal[i].weight
						i++
					}
				}
				method, path, body := all[i].make(rng)
				t0 := time.Now()
				status, err := send(ctx, client, method, *base+path, body)
				el := time.Since(t0)
				if ctx.Err() != nil {
					return // the run ended mid-call: not counted
				}
				mu.Lock()
				if err != nil {
					tallies[i].errors++
				} else {
					tallies[i].statuses[status]++
					tallies[i].lat = append(tallies[i].lat, el)
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	<-memDone

	total := 0
	fmt.Fprintf(stdout, "%d connections for %s against %s (gen.PreferentialAttachment(%d, %d, %d)), %d%% hostile calls\n\n",
		*conns, elapsed.Round(time.Second), *base, *nodes, *rels, *seed, *hostile)
	fmt.Fprintln(stdout, "| call | requests | statuses | p50 | p99 |")
	fmt.Fprintln(stdout, "|---|---|---|---|---|")
	var cheap []time.Duration
	unwanted := 0
	for i, c := range all {
		t := tallies[i]
		n := len(t.lat) + t.errors
		total += n
		if c.cheap {
			cheap = append(cheap, t.lat...)
		}
		var st []string
		for _, code := range slices.Sorted(maps.Keys(t.statuses)) {
			st = append(st, fmt.Sprintf("%d×%d", code, t.statuses[code]))
			if code >= 500 && code != 503 && !strings.HasPrefix(c.name, "hostile") {
				unwanted += t.statuses[code]
			}
		}
		if t.errors > 0 {
			st = append(st, fmt.Sprintf("transport errors×%d", t.errors))
		}
		p50, p99 := pct(t.lat)
		fmt.Fprintf(stdout, "| %s | %d | %s | %s | %s |\n", c.name, n, strings.Join(st, ", "), p50, p99)
	}
	p50, p99 := pct(cheap)
	fmt.Fprintf(stdout, "\nrequests: %d (%.0f/s); cheap calls (node, health, schema): p50 %s, p99 %s; 5xx other than 503 on non-hostile calls: %d\n",
		total, float64(total)/elapsed.Seconds(), p50, p99, unwanted)
	if *pid > 0 {
		fmt.Fprintf(stdout, "server resident memory: peak %s sampled (%d samples), high-water mark %s\n",
			mib(peak), samples, mib(residentKB(*pid, "VmHWM")))
	}
	return nil
}

func send(ctx context.Context, client *http.Client, method, target, body string) (int, error) {
	var rd io.Reader
	if body != "" {
		rd = bytes.NewReader([]byte(body))
	}
	req, err := http.NewRequestWithContext(ctx, method, target, rd)
	if err != nil {
		return 0, err
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	_, _ = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res.StatusCode, nil
}

func pct(d []time.Duration) (string, string) {
	if len(d) == 0 {
		return "–", "–"
	}
	d = slices.Clone(d)
	slices.Sort(d)
	f := func(x time.Duration) string { return fmt.Sprintf("%.1f ms", float64(x)/1e6) }
	return f(d[len(d)/2]), f(d[min(len(d)-1, len(d)*99/100)])
}

// residentKB reads a memory figure (VmRSS, VmHWM) of a process in KiB.
func residentKB(pid int, field string) int64 {
	if pid <= 0 {
		return 0
	}
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, field+":") {
			f := strings.Fields(line)
			if len(f) >= 2 {
				n, _ := strconv.ParseInt(f[1], 10, 64)
				return n
			}
		}
	}
	return 0
}

func mib(kb int64) string { return fmt.Sprintf("%.0f MiB", float64(kb)/1024) }
