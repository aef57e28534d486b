package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/exchange"
)

// runLoad validates every input before writing anything, then loads it in
// one Store.Load, which applies whole or not at all.
func runLoad(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) (err error) {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sf storeFlags
	sf.register(fs, getenv, false)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return fmt.Errorf("%w: load needs at least one seed file, export document or directory", errUsage)
	}
	g, err := exchange.ReadFiles(fs.Args()...)
	if err != nil {
		return reportProblems(err, stderr)
	}
	store, err := sf.open(ctx, stderr, graph.DefaultLimits(), false)
	if err != nil {
		return err
	}
	defer closeStore(store, &err)
	start := time.Now()
	st, err := store.Load(ctx, g)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "loaded %d nodes and %d relationships into the %s store in %s\n",
		len(g.Nodes), len(g.Relationships), store.Name(), time.Since(start).Round(time.Millisecond))
	printLoadStats(stdout, st)
	if store.Name() == "memory" {
		fmt.Fprintln(stdout, "note: the memory store lives in this process only; this load checked the input and what it would create")
	}
	return nil
}

func printLoadStats(w io.Writer, st graph.LoadStats) {
	fmt.Fprintf(w, "nodes: %d created, %d already present\nrelationships: %d created, %d already present\n",
		st.NodesCreated, st.NodesMatched, st.RelationshipsCreated, st.RelationshipsMatched)
}

// reportProblems prints every problem of a failed read, one per line, in
// the file:line:column form editors understand.
func reportProblems(err error, stderr io.Writer) error {
	var probs exchange.Problems
	if !errors.As(err, &probs) {
		return err
	}
	for _, p := range probs {
		fmt.Fprintln(stderr, p.String())
	}
	return fmt.Errorf("%d problem(s) found; nothing was loaded", len(probs))
}

func runValidate(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	paths := fs.Args()
	if len(paths) == 0 {
		paths = []string{"seeds"}
	}
	g, err := exchange.ReadFiles(paths...)
	if err != nil {
		return reportProblems(err, stderr)
	}
	evidenced := 0
	for _, r := range g.Relationships {
		if c, _ := r.Properties[graph.PropClaim].(string); c != "" {
			evidenced++
		}
	}
	fmt.Fprintf(stdout, "ok: %d nodes, %d relationships (%d with evidence) in %s\n",
		len(g.Nodes), len(g.Relationships), evidenced, strings.Join(paths, ", "))
	return nil
}

func runExport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) (err error) {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sf storeFlags
	sf.register(fs, getenv, true)
	around := fs.String("around", "", "export only the neighbourhood of this node (id or key)")
	depth := fs.Int("depth", 1, "neighbourhood depth, with -around")
	formatName := fs.String("format", "json", "json (actorgraph/v1, loadable) or graphml")
	out := fs.String("o", "-", "output file; - for standard output")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	format, err := exchange.LookupWriter(*formatName)
	if err != nil {
		return fmt.Errorf("%w: -%s", errUsage, graph.MessageOf(err))
	}
	limits := graph.DefaultLimits()
	store, err := sf.open(ctx, stderr, limits, true)
	if err != nil {
		return err
	}
	defer closeStore(store, &err)
	// The CLI exports whole graphs of any size; the API keeps its bound.
	sel := exchange.Selection{Around: *around, MaxNodes: 1 << 30,
		Neighborhood: graph.NeighborhoodQuery{Depth: *depth, Limit: limits.MaxNeighborhood}}
	g, err := exchange.Select(ctx, store, sel)
	if err != nil {
		return err
	}
	w := stdout
	if *out != "-" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer func() {
			if cerr := f.Close(); cerr != nil {
				err = errors.Join(err, cerr)
			}
		}()
		w = f
	}
	return format.Write(w, g, time.Now())
}

func runQuery(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) (err error) {
	fs := flag.NewFlagSet("query", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sf storeFlags
	sf.register(fs, getenv, true)
	params := fs.String("params", "", "query parameters as a JSON object")
	asJSON := fs.Bool("json", false, "print the result as JSON instead of a table")
	maxRows := fs.Int("max-rows", 10000, "row cap")
	timeout := fs.Duration("timeout", 10*time.Second, "time limit")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: query takes one Cypher statement (quote it)", errUsage)
	}
	var p map[string]any
	if *params != "" {
		dec := json.NewDecoder(strings.NewReader(*params))
		dec.UseNumber()
		if err := dec.Decode(&p); err != nil {
			return fmt.Errorf("%w: -params is not a JSON object: %v", errUsage, err)
		}
	}
	store, err := sf.open(ctx, stderr, graph.DefaultLimits(), true)
	if err != nil {
		return err
	}
	defer closeStore(store, &err)
	if p, err = graph.NormalizeParams(p); err != nil {
		return fmt.Errorf("%w: -params: %v", errUsage, err)
	}
	res, err := store.Cypher(ctx, graph.CypherQuery{Query: fs.Arg(0), Params: p, MaxRows: *maxRows, TimeoutMs: int(timeout.Milliseconds())})
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(res.Columns, "\t"))
	for _, row := range res.Rows {
		cells := make([]string, len(row))
		for i, v := range row {
			cells[i] = cellText(v)
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "(%d rows, %.1f ms%s)\n", res.Stats.Rows, res.Stats.ElapsedMs, map[bool]string{true: ", truncated"}[res.Stats.Truncated])
	return nil
}

// cellText renders a result cell for a terminal: nodes by name, the rest
// as JSON.
func cellText(v any) string {
	switch x := v.(type) {
	case graph.Node:
		return fmt.Sprintf("(%s:%s)", x.Key, strings.Join(x.Labels, ":"))
	case graph.Relationship:
		return "[:" + x.Type + "]"
	case string:
		return x
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

func runSchema(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) (err error) {
	fs := flag.NewFlagSet("schema", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sf storeFlags
	sf.register(fs, getenv, true)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	store, err := sf.open(ctx, stderr, graph.DefaultLimits(), true)
	if err != nil {
		return err
	}
	defer closeStore(store, &err)
	s, err := store.Schema(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "LABEL\tNODES")
	for _, c := range s.Labels {
		fmt.Fprintf(tw, "%s\t%d\n", c.Name, c.Count)
	}
	fmt.Fprintln(tw, "\nRELATIONSHIP TYPE\tCOUNT")
	for _, c := range s.RelationshipTypes {
		fmt.Fprintf(tw, "%s\t%d\n", c.Name, c.Count)
	}
	return tw.Flush()
}
