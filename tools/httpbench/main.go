// Command httpbench measures actorgraph's HTTP API side by side on two
// running servers (the embedded store and the Neo4j store, serving the
// same generated graph) with wrk, a real load tool, and measures the same
// questions asked of Neo4j directly through the Go driver in hand-written
// Cypher, so the table shows what the API adds. It prints markdown tables.
//
//	actorgraph generate -nodes 100000 -rels 500000 -o big.json
//	actorgraph serve --seeds big.json --addr 127.0.0.1:8081 &
//	actorgraph load --store neo4j big.json && actorgraph serve --store neo4j --addr 127.0.0.1:8082 &
//	go run ./tools/httpbench -nodes 100000 -rels 500000 \
//	    -embedded http://127.0.0.1:8081 -neo4j http://127.0.0.1:8082 -bolt bolt://127.0.0.1:7687
//
// scripts/bench.sh does all of that (make bench).
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/gen"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "httpbench:", err)
		os.Exit(1)
	}
}

// request is one call of a row: an API request and, for the driver
// column, the hand-written Cypher that gives the same answer.
type request struct {
	method, path, body string
	cypher             string
	params             map[string]any
}

// row is one line of the table: a kind of call with its sample requests.
type row struct {
	name string
	reqs []request
}

// result is what one measurement gives.
type result struct {
	rps      float64
	p50, p99 time.Duration
	errors   int
	ok       bool
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("httpbench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	nodes := fs.Int("nodes", 100_000, "nodes of the generated graph the servers serve")
	rels := fs.Int("rels", 500_000, "relationships of that graph")
	seed := fs.Int64("seed", 1, "generator seed of that graph")
	embedded := fs.String("embedded", "", "base URL of actorgraph serving the embedded store")
	neo := fs.String("neo4j", "", "base URL of actorgraph serving the Neo4j store")
	bolt := fs.String("bolt", "", "Neo4j Bolt URI for the hand-written Cypher column (optional)")
	duration := fs.Duration("duration", 10*time.Second, "measuring time per row, store and connection count")
	warmup := fs.Duration("warmup", 3*time.Second, "unmeasured load before each measurement")
	conns := fs.String("connections", "1,8", "connection counts, comma-separated")
	samples := fs.Int("samples", 200, "distinct requests per row, cycled")
	wrkPath := fs.String("wrk", "wrk", "the wrk binary")
	only := fs.String("rows", "", "measure only rows whose name contains this")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *embedded == "" && *neo == "" {
		return errors.New("give -embedded, -neo4j or both")
	}
	var counts []int
	for _, c := range strings.Split(*conns, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(c))
		if err != nil || n < 1 {
			return fmt.Errorf("bad -connections %q", *conns)
		}
		counts = append(counts, n)
	}
	if _, err := exec.LookPath(*wrkPath); err != nil {
		return fmt.Errorf("wrk is not installed (Debian: apt-get install wrk): %w", err)
	}
	rows := makeRows(gen.PreferentialAttachment(*nodes, *rels, *seed), *samples, *seed)
	if *only != "" {
		rows = slices.DeleteFunc(rows, func(r row) bool { return !strings.Contains(r.name, *only) })
	}
	dir, err := os.MkdirTemp("", "httpbench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)

	var driver neo4j.DriverWithContext
	if *bolt != "" {
		if driver, err = neo4j.NewDriverWithContext(*bolt, neo4j.NoAuth()); err != nil {
			return err
		}
		defer driver.Close(ctx)
		if err := driver.VerifyConnectivity(ctx); err != nil {
			return err
		}
	}

	fmt.Fprintf(stdout, "graph: gen.PreferentialAttachment(%d, %d, %d); wrk, one thread; %s per cell after %s of warm-up; %d sample requests per row, cycled\n\n",
		*nodes, *rels, *seed, *duration, *warmup, *samples)
	for _, c := range counts {
		fmt.Fprintf(stdout, "### %d connection(s)\n\n", c)
		header := "| call | embedded: req/s, p50, p99 | Neo4j: req/s, p50, p99 | embedded ÷ Neo4j (req/s) |"
		sep := "|---|---|---|---|"
		withDriver := driver != nil && c == 1
		if withDriver {
			header += " hand-written Cypher via driver: p50, p99 | Neo4j API ÷ driver (p50) |"
			sep += "---|---|"
		}
		fmt.Fprintln(stdout, header)
		fmt.Fprintln(stdout, sep)
		for i, r := range rows {
			script := filepath.Join(dir, fmt.Sprintf("row%d.lua", i))
			if err := writeScript(script, r.reqs); err != nil {
				return err
			}
			var emb, n4j result
			if *embedded != "" {
				if emb, err = measure(ctx, *wrkPath, *embedded, script, c, *warmup, *duration); err != nil {
					return fmt.Errorf("%s on the embedded store: %w", r.name, err)
				}
			}
			if *neo != "" {
				if n4j, err = measure(ctx, *wrkPath, *neo, script, c, *warmup, *duration); err != nil {
					return fmt.Errorf("%s on Neo4j: %w", r.name, err)
				}
			}
			line := fmt.Sprintf("| %s | %s | %s | %s |", r.name, cell(emb), cell(n4j), ratio(emb.rps, n4j.rps))
			if withDriver {
				d, err := direct(ctx, driver, r.reqs, *warmup, *duration)
				if err != nil {
					return fmt.Errorf("%s through the driver: %w", r.name, err)
				}
				line += fmt.Sprintf(" %s, %s | %s |", ms(d.p50), ms(d.p99), ratio(float64(n4j.p50), float64(d.p50)))
			}
			fmt.Fprintln(stdout, line)
		}
		fmt.Fprintln(stdout)
	}
	return nil
}

func cell(r result) string {
	if !r.ok {
		return "–"
	}
	s := fmt.Sprintf("%s, %s, %s", thousands(r.rps), ms(r.p50), ms(r.p99))
	if r.errors > 0 {
		s += fmt.Sprintf(" (**%d errors**)", r.errors)
	}
	return s
}

func ratio(a, b float64) string {
	if a == 0 || b == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f×", a/b)
}

func ms(d time.Duration) string {
	if d < time.Millisecond {
		return fmt.Sprintf("%.2f ms", float64(d)/1e6)
	}
	return fmt.Sprintf("%.1f ms", float64(d)/1e6)
}

func thousands(f float64) string {
	s := strconv.FormatInt(int64(f+0.5), 10)
	if f < 100 {
		return strconv.FormatFloat(f, 'f', 1, 64)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// makeRows draws the sample requests: start nodes uniformly at random
// (most are leaves one or two hops from a hub, as a user clicking through
// would meet them), pairs of them for paths, and search texts taken from
// random nodes' names (the whole name, its first four letters, three
// letters from its middle) or made to match nothing.
func makeRows(g graph.Graph, samples int, seed int64) []row {
	rng := rand.New(rand.NewPCG(uint64(seed), 2015))
	key := func() string { return g.Nodes[rng.IntN(len(g.Nodes))].Key }
	name := func() string { return g.Nodes[rng.IntN(len(g.Nodes))].Name() }
	get := func(path string, cypher string, params map[string]any) request {
		return request{method: "GET", path: path, cypher: cypher, params: params}
	}
	var node, nb1, nb2, paths, search, nomatch, cypher []request
	for range samples {
		k := key()
		node = append(node, get("/api/nodes/"+k, "MATCH (n:Actor {key: $key}) RETURN n", map[string]any{"key": k}))
		nb1 = append(nb1, get("/api/nodes/"+k+"/neighborhood?depth=1",
			`MATCH (a:Actor {key: $key}) OPTIONAL MATCH (a)-[r]-(b) RETURN a, collect(r) AS rels, collect(DISTINCT b) AS nodes`,
			map[string]any{"key": k}))
		nb2 = append(nb2, get("/api/nodes/"+k+"/neighborhood?depth=2&limit=500", `MATCH (a:Actor {key: $key})
CALL (a) { MATCH (a)-[*1..2]-(b) WHERE b <> a RETURN DISTINCT b LIMIT 499 }
WITH a, collect(b) AS found
WITH [a] + found AS ns
CALL (ns) { UNWIND ns AS n MATCH (n)-[r]-(m) WHERE m IN ns RETURN collect(DISTINCT r) AS rels }
RETURN ns, rels`, map[string]any{"key": k}))
		from, to := key(), key()
		paths = append(paths, get("/api/paths?k=3&from="+from+"&to="+to,
			`MATCH (a:Actor {key: $from}), (b:Actor {key: $to}) MATCH p = SHORTEST 3 (a)-[]-{1,6}(b) RETURN p`,
			map[string]any{"from": from, "to": to}))
		var text string
		switch n := name(); rng.IntN(3) {
		case 0:
			text = n
		case 1:
			text = n[:min(4, len(n))]
		default:
			mid := len(n) / 2
			text = n[max(0, mid-1):min(len(n), mid+2)]
		}
		search = append(search, searchReq(text))
		nomatch = append(nomatch, searchReq(fmt.Sprintf("qqq%c%c", 'a'+rng.IntN(26), 'a'+rng.IntN(26))))
		body, _ := json.Marshal(map[string]any{"query": twoHop, "params": map[string]any{"k": k}})
		cypher = append(cypher, request{method: "POST", path: "/api/cypher", body: string(body), cypher: twoHop, params: map[string]any{"k": k}})
	}
	return []row{
		{"`GET /api/nodes/{key}`", node},
		{"neighbourhood depth 1", nb1},
		{"neighbourhood depth 2, limit 500", nb2},
		{"`GET /api/paths` k=3", paths},
		{"`GET /api/nodes?q=…&limit=20` (names, prefixes, mid-name)", search},
		{"`GET /api/nodes?q=…&limit=20` (no match)", nomatch},
		{"`POST /api/cypher` 2-hop count from `(a:Actor {key: $k})`", cypher},
	}
}

const twoHop = "MATCH (a:Actor {key: $k})-[*1..2]-(b) RETURN count(DISTINCT b) AS n"

// searchReq is a search and the hand-written Cypher for it on the search
// index the Neo4j store keeps.
func searchReq(text string) request {
	t := string(graph.AppendSearchText(nil, text))
	return request{method: "GET", path: "/api/nodes?limit=20&q=" + url.QueryEscape(text),
		cypher: `MATCH (n:_Node) WHERE n._search CONTAINS $t
WITH n, CASE WHEN n._search CONTAINS $e THEN 0 WHEN n._search CONTAINS $p THEN 1 ELSE 2 END AS rank
RETURN n ORDER BY rank, n._sort LIMIT 20`,
		params: map[string]any{"t": t, "p": "\x00" + t, "e": "\x00" + t + "\x00"}}
}

// writeScript writes a wrk script that cycles through the requests.
func writeScript(path string, reqs []request) error {
	var b strings.Builder
	b.WriteString("local reqs = {}\ninit = function(args)\n")
	for _, r := range reqs {
		if r.method == "POST" {
			fmt.Fprintf(&b, "  table.insert(reqs, wrk.format(%q, %q, {[\"Content-Type\"] = \"application/json\"}, %q))\n", r.method, r.path, r.body)
		} else {
			fmt.Fprintf(&b, "  table.insert(reqs, wrk.format(%q, %q))\n", r.method, r.path)
		}
	}
	b.WriteString(`end
local i = 0
request = function()
  i = i % #reqs + 1
  return reqs[i]
end
`)
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

// measure runs wrk against base with the script: first for warmup, then
// for d, and reads requests per second, the 50th and 99th percentile
// latency and the count of non-2xx answers from its report.
func measure(ctx context.Context, wrkPath, base, script string, conns int, warmup, d time.Duration) (result, error) {
	if warmup > 0 {
		if _, err := wrk(ctx, wrkPath, base, script, conns, warmup); err != nil {
			return result{}, err
		}
	}
	out, err := wrk(ctx, wrkPath, base, script, conns, d)
	if err != nil {
		return result{}, err
	}
	return parseWrk(out)
}

func wrk(ctx context.Context, wrkPath, base, script string, conns int, d time.Duration) (string, error) {
	secs := max(1, int(d.Round(time.Second)/time.Second))
	cmd := exec.CommandContext(ctx, wrkPath, "-t1", fmt.Sprintf("-c%d", conns), fmt.Sprintf("-d%ds", secs), "--timeout", "30s", "--latency", "-s", script, base)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("wrk: %v: %s", err, out)
	}
	return string(out), nil
}

var (
	rpsRE     = regexp.MustCompile(`Requests/sec:\s+([0-9.]+)`)
	pctRE     = regexp.MustCompile(`(?m)^\s+(50|99)(?:\.000)?%\s+([0-9.]+)(us|ms|s)\b`)
	non2xxRE  = regexp.MustCompile(`Non-2xx or 3xx responses:\s+(\d+)`)
	sockErrRE = regexp.MustCompile(`Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)`)
)

func parseWrk(out string) (result, error) {
	var r result
	m := rpsRE.FindStringSubmatch(out)
	if m == nil {
		return r, fmt.Errorf("no Requests/sec in wrk's report:\n%s", out)
	}
	r.rps, _ = strconv.ParseFloat(m[1], 64)
	for _, m := range pctRE.FindAllStringSubmatch(out, -1) {
		v, _ := strconv.ParseFloat(m[2], 64)
		unit := map[string]float64{"us": 1e3, "ms": 1e6, "s": 1e9}[m[3]]
		d := time.Duration(v * unit)
		if m[1] == "50" {
			r.p50 = d
		} else {
			r.p99 = d
		}
	}
	if r.p50 == 0 {
		return r, fmt.Errorf("no latency distribution in wrk's report:\n%s", out)
	}
	if m := non2xxRE.FindStringSubmatch(out); m != nil {
		r.errors, _ = strconv.Atoi(m[1])
	}
	if m := sockErrRE.FindStringSubmatch(out); m != nil {
		for _, s := range m[1:] {
			n, _ := strconv.Atoi(s)
			r.errors += n
		}
	}
	r.ok = true
	return r, nil
}

// direct asks the rows' hand-written Cypher through the driver, one query
// at a time, each in a read transaction as the store runs its reads, for
// warmup and then d, and returns the latency percentiles.
func direct(ctx context.Context, driver neo4j.DriverWithContext, reqs []request, warmup, d time.Duration) (result, error) {
	var lat []time.Duration
	one := func(r request) error {
		start := time.Now()
		sess := driver.NewSession(ctx, neo4j.SessionConfig{AccessMode: neo4j.AccessModeRead})
		_, err := sess.ExecuteRead(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
			res, err := tx.Run(ctx, r.cypher, r.params)
			if err != nil {
				return nil, err
			}
			return res.Collect(ctx)
		})
		err = errors.Join(err, sess.Close(ctx))
		lat = append(lat, time.Since(start))
		return err
	}
	for _, phase := range []time.Duration{warmup, d} {
		lat = lat[:0]
		end := time.Now().Add(phase)
		for i := 0; time.Now().Before(end); i++ {
			if err := one(reqs[i%len(reqs)]); err != nil {
				return result{}, err
			}
		}
	}
	if len(lat) == 0 {
		return result{}, errors.New("no queries ran")
	}
	slices.Sort(lat)
	return result{ok: true, rps: float64(len(lat)) / d.Seconds(), p50: lat[len(lat)/2], p99: lat[len(lat)*99/100]}, nil
}
