package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph/exchange"
	"github.com/actorgraph/actorgraph/graph/gen"
)

func noenv(string) string { return "" }

func envWith(kv map[string]string) func(string) string {
	return func(k string) string { return kv[k] }
}

// TestServeEndToEnd runs the real program on port 0, talks to it over
// HTTP, and stops it with the signal context, as SIGTERM would.
func TestServeEndToEnd(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	pr, pw := io.Pipe()
	var stderr bytes.Buffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"actorgraph", "serve", "--addr", "127.0.0.1:0", "--seeds", "../../seeds"}, noenv, pw, &stderr)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("no start line: %v (stderr: %s)", err, stderr.String())
	}
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	url := regexp.MustCompile(`http://\S+`).FindString(line)
	if url == "" {
		t.Fatalf("start line has no URL: %q", line)
	}
	res, err := http.Get(url + "/api/health")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(body), `"memory"`) {
		t.Fatalf("health: %d %s", res.StatusCode, body)
	}
	res, err = http.Get(url + "/api/nodes/china")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("GET china: %d", res.StatusCode)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run returned %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not shut down")
	}
}

// TestServeBuiltInSeeds runs serve outside a checkout, with no -seeds:
// the article dataset built into the binary is served, and said to be.
func TestServeBuiltInSeeds(t *testing.T) {
	t.Chdir(t.TempDir())
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	pr, pw := io.Pipe()
	var stderr bytes.Buffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"actorgraph", "serve", "--addr", "127.0.0.1:0", "--cpuprofile", "cpu.pprof"}, noenv, pw, &stderr)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("no start line: %v (stderr: %s)", err, stderr.String())
	}
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	url := regexp.MustCompile(`http://\S+`).FindString(line)
	for path, want := range map[string]string{"/api/health": "built into the binary", "/api/nodes/china": `"key":"china"`} {
		res, err := http.Get(url + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || !strings.Contains(string(body), want) {
			t.Errorf("GET %s: %d %s, want 200 with %s", path, res.StatusCode, body, want)
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stderr.String(), "built into the binary") {
		t.Errorf("the log does not say which dataset is served:\n%s", stderr.String())
	}
	// -cpuprofile leaves a profile for go tool pprof (gzipped protobuf).
	if prof, err := os.ReadFile("cpu.pprof"); err != nil || len(prof) < 2 || prof[0] != 0x1f || prof[1] != 0x8b {
		t.Errorf("-cpuprofile: %v, %d bytes", err, len(prof))
	}

	// An explicit -seeds that is missing is an error, not the built-in set.
	err = run(t.Context(), []string{"actorgraph", "serve", "--addr", "127.0.0.1:0", "--seeds", "seeds"}, noenv, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "seeds") {
		t.Errorf("serve with a missing -seeds: %v, want an error naming it", err)
	}
}

func TestValidate(t *testing.T) {
	t.Parallel()
	var out, errOut bytes.Buffer
	if err := run(t.Context(), []string{"actorgraph", "validate", "../../seeds"}, noenv, &out, &errOut); err != nil {
		t.Fatalf("seeds do not validate: %v\n%s", err, errOut.String())
	}
	if !regexp.MustCompile(`^ok: \d+ nodes, \d+ relationships \(\d+ with evidence\)`).MatchString(out.String()) {
		t.Fatalf("validate output: %q", out.String())
	}

	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("format: actorgraph-seed/v1\nsource: doc-x\nnodes:\n  - key: doc-x\n    labels: [Document]\n    name: X\nrelationships:\n  - from: doc-x\n    type: NOT_A_TYPE\n    to: nobody\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	errOut.Reset()
	err := run(t.Context(), []string{"actorgraph", "validate", bad}, noenv, &out, &errOut)
	if err == nil {
		t.Fatal("a bad seed file validated")
	}
	lines := strings.Split(strings.TrimSpace(errOut.String()), "\n")
	if len(lines) < 2 {
		t.Fatalf("want every problem reported, got %q", errOut.String())
	}
	for _, l := range lines {
		if !regexp.MustCompile(`^` + regexp.QuoteMeta(bad) + `:\d+:\d+: `).MatchString(l) {
			t.Errorf("problem not in file:line:column form: %q", l)
		}
	}
}

func TestLoadAndExport(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	exported := filepath.Join(dir, "export.json")
	var out, errOut bytes.Buffer
	if err := run(t.Context(), []string{"actorgraph", "export", "--seeds", "../../seeds", "-o", exported}, noenv, &out, &errOut); err != nil {
		t.Fatalf("export: %v %s", err, errOut.String())
	}
	data, err := os.ReadFile(exported)
	if err != nil {
		t.Fatal(err)
	}
	g, err := exchange.DecodeJSON(exported, data)
	if err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if err := run(t.Context(), []string{"actorgraph", "load", exported}, noenv, &out, &errOut); err != nil {
		t.Fatalf("load: %v %s", err, errOut.String())
	}
	want := regexp.MustCompile(`nodes: (\d+) created, 0 already present`).FindStringSubmatch(out.String())
	if want == nil || want[1] != itoa(len(g.Nodes)) {
		t.Fatalf("load output %q for %d nodes", out.String(), len(g.Nodes))
	}

	// A broken export changes nothing and names the place.
	broken := filepath.Join(dir, "broken.json")
	if err := os.WriteFile(broken, []byte("{\n  \"format\": \"actorgraph/v1\",\n  \"nodes\": [\n    {\"id\": \"nope\", \"key\": \"a\", \"labels\": [\"Actor\"], \"properties\": {}}\n  ],\n  \"relationships\": []\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	errOut.Reset()
	if err := run(t.Context(), []string{"actorgraph", "load", broken}, noenv, &out, &errOut); err == nil {
		t.Fatal("a broken export loaded")
	}
	if !strings.Contains(errOut.String(), broken+":4:5: ") {
		t.Fatalf("want a file:line:column problem, got %q", errOut.String())
	}
}

func TestQueryOnMemory(t *testing.T) {
	t.Parallel()
	var out, errOut bytes.Buffer
	err := run(t.Context(), []string{"actorgraph", "query", "--seeds", "../../seeds", "--json", "MATCH (n:Country) RETURN n.name AS name ORDER BY name LIMIT 3"}, noenv, &out, &errOut)
	if err != nil {
		t.Fatal(err)
	}
	var res struct {
		Columns []string
		Rows    [][]any
	}
	if err := json.Unmarshal(out.Bytes(), &res); err != nil || len(res.Columns) != 1 || len(res.Rows) != 3 {
		t.Fatalf("query output %q (%v)", out.String(), err)
	}
}

func TestUsageErrors(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"actorgraph"}, {"actorgraph", "frobnicate"}, {"actorgraph", "serve", "--store", "oracle"}, {"actorgraph", "load"}, {"actorgraph", "serve", "--nope"}} {
		var out, errOut bytes.Buffer
		err := run(t.Context(), args, envWith(nil), &out, &errOut)
		if err == nil || exitCode(err) != 2 {
			t.Errorf("%v: err %v (exit %d), want a usage error", args, err, exitCode(err))
		}
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

func TestGenerate(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.json"), filepath.Join(dir, "b.json")
	for _, out := range []string{a, b} {
		var stdout, stderr bytes.Buffer
		if err := run(t.Context(), []string{"actorgraph", "generate", "-nodes", "300", "-rels", "1200", "-seed", "7", "-o", out}, noenv, &stdout, &stderr); err != nil {
			t.Fatalf("generate: %v %s", err, stderr.String())
		}
	}
	da, err := os.ReadFile(a)
	if err != nil {
		t.Fatal(err)
	}
	db, _ := os.ReadFile(b)
	if !bytes.Equal(da, db) {
		t.Error("the same flags gave different files")
	}
	g, err := exchange.DecodeJSON(a, da)
	if err != nil {
		t.Fatalf("the generated file does not read back: %v", err)
	}
	if len(g.Nodes) != 300 || len(g.Relationships) != 1200 {
		t.Errorf("generated %d nodes and %d relationships, want 300 and 1200", len(g.Nodes), len(g.Relationships))
	}
	// It loads as any export does.
	var out, errOut bytes.Buffer
	if err := run(t.Context(), []string{"actorgraph", "load", a}, noenv, &out, &errOut); err != nil {
		t.Fatalf("load: %v %s", err, errOut.String())
	}

	for _, args := range [][]string{
		{"-nodes", "0"}, {"-nodes", "-5"}, {"-rels", "-1"}, {"-nodes", "1", "-rels", "3"},
		{"-nodes", "20000000"}, {"-rels", "90000000"}, {"-nodes", "lots"}, {"extra"},
	} {
		var stdout, stderr bytes.Buffer
		err := run(t.Context(), append([]string{"actorgraph", "generate"}, args...), noenv, &stdout, &stderr)
		if err == nil || exitCode(err) != 2 {
			t.Errorf("generate %v: err %v (exit %d), want a usage error", args, err, exitCode(err))
		}
		if stdout.Len() > 0 {
			t.Errorf("generate %v wrote output despite the error", args)
		}
	}
}

// TestQueryTimeoutReachesNeo4j checks the wiring of serve's -query-timeout
// into the Neo4j store's configuration (its effect is the conformance
// suite's Timeouts).
func TestQueryTimeoutReachesNeo4j(t *testing.T) {
	t.Parallel()
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	var sf storeFlags
	sf.register(fs, noenv, true)
	sf.queryTimeout = 1234 * time.Millisecond
	if got := sf.neo4jConfig().QueryTimeout; got != sf.queryTimeout {
		t.Errorf("Neo4j query timeout %s, want %s", got, sf.queryTimeout)
	}
}

// TestServeExport serves an export document, which is streamed into the
// store, and one with a problem deep inside, which must be reported with
// its place in the file and stop the start.
func TestServeExport(t *testing.T) {
	dir := t.TempDir()
	var buf bytes.Buffer
	g := gen.PreferentialAttachment(2000, 6000, 9)
	if err := exchange.WriteJSON(&buf, exchange.NewDocument(g, time.Unix(0, 0))); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(dir, "big.json")
	if err := os.WriteFile(good, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"actorgraph", "serve", "--addr", "127.0.0.1:0", "--seeds", good}, noenv, pw, io.Discard)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("no start line: %v", err)
	}
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	url := regexp.MustCompile(`http://\S+`).FindString(line)
	res, err := http.Get(url + "/api/health")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if want := fmt.Sprintf("(%d nodes, %d relationships)", len(g.Nodes), len(g.Relationships)); !strings.Contains(string(body), want) {
		t.Errorf("health: %s, want the dataset %s", body, want)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}

	// The 1500th node's id, broken: the stream stops there, and the
	// whole-document reader says where.
	victim := g.Nodes[1500].ID
	at := bytes.Index(buf.Bytes(), []byte(`"id": "`+victim))
	bad := bytes.Replace(buf.Bytes(), []byte(victim), []byte("not-a-uuid"), 1)
	badFile := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(badFile, bad, 0o644); err != nil {
		t.Fatal(err)
	}
	lineNo := 1 + bytes.Count(buf.Bytes()[:at], []byte("\n"))
	err = run(t.Context(), []string{"actorgraph", "serve", "--addr", "127.0.0.1:0", "--seeds", badFile}, noenv, io.Discard, io.Discard)
	if want := fmt.Sprintf("bad.json:%d:", lineNo-1); err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "not a UUID") {
		t.Fatalf("serve with a bad export: %v, want a problem at %s", err, want)
	}
}

// TestLoadFormats: `actorgraph load` reads what `actorgraph export`
// writes in every format it imports, and reports bad input at
// file:line:column without loading anything.
func TestLoadFormats(t *testing.T) {
	t.Parallel()
	seeds, err := exchange.ReadFiles("../../seeds")
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"ftm", "csv"} {
		t.Run(format, func(t *testing.T) {
			t.Parallel()
			w, err := exchange.LookupWriter(format)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), w.Filename())
			var out, errOut bytes.Buffer
			if err := run(t.Context(), []string{"actorgraph", "export", "--seeds", "../../seeds", "-format", format, "-o", path}, noenv, &out, &errOut); err != nil {
				t.Fatalf("export: %v %s", err, errOut.String())
			}
			if err := run(t.Context(), []string{"actorgraph", "load", path}, noenv, &out, &errOut); err != nil {
				t.Fatalf("load: %v %s", err, errOut.String())
			}
			want := fmt.Sprintf("nodes: %d created, 0 already present\nrelationships: %d created", len(seeds.Nodes), len(seeds.Relationships))
			if !strings.Contains(out.String(), want) {
				t.Fatalf("load output %q, want %q", out.String(), want)
			}
		})
	}
	t.Run("bad", func(t *testing.T) {
		t.Parallel()
		bad := filepath.Join(t.TempDir(), "connections.csv")
		if err := os.WriteFile(bad, []byte("From,To,Type\nChina,United States,spies on\nChina,,spies on\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		var out, errOut bytes.Buffer
		if err := run(t.Context(), []string{"actorgraph", "load", bad}, noenv, &out, &errOut); err == nil {
			t.Fatal("a broken CSV loaded")
		}
		if !strings.Contains(errOut.String(), bad+":3:7: empty to") || strings.Contains(out.String(), "loaded") {
			t.Fatalf("want one file:line:column problem and no load, got %q / %q", errOut.String(), out.String())
		}
	})
}
