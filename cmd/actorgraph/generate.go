package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/actorgraph/actorgraph/graph/exchange"
	"github.com/actorgraph/actorgraph/graph/gen"
)

// Bounds of generate: the generator holds the whole graph in memory
// (about 400 bytes per relationship), so these keep it within a laptop.
const (
	maxGenNodes = 10_000_000
	maxGenRels  = 50_000_000
)

// generatedAt is the exportedAt of every generated document, so that the
// same flags always give the same bytes (a file can be checked by hash).
var generatedAt = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// runGenerate writes an actorgraph/v1 export of gen.PreferentialAttachment,
// the graph every benchmark uses, so anyone can reproduce a figure, load
// test the service or demo the viewer on a large graph.
func runGenerate(_ context.Context, args []string, stdout, stderr io.Writer) (err error) {
	fs := flag.NewFlagSet("generate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	nodes := fs.Int("nodes", 100_000, fmt.Sprintf("number of nodes, 1..%d", maxGenNodes))
	rels := fs.Int("rels", 500_000, fmt.Sprintf("number of relationships, 0..%d", maxGenRels))
	seed := fs.Int64("seed", 1, "random seed: the same seed gives the same graph")
	out := fs.String("o", "-", "output file; - for standard output")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: generate takes no arguments, got %q", errUsage, fs.Args())
	}
	if err := checkGenSize(*nodes, *rels); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	g := gen.PreferentialAttachment(*nodes, *rels, *seed)
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
	bw := bufio.NewWriterSize(w, 1<<20)
	if err := exchange.WriteJSON(bw, exchange.NewDocument(g, generatedAt)); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if *out != "-" {
		fmt.Fprintf(stderr, "wrote %d nodes and %d relationships (seed %d) to %s\n", len(g.Nodes), len(g.Relationships), *seed, *out)
	}
	return nil
}

// checkGenSize refuses sizes the generator cannot honour.
func checkGenSize(nodes, rels int) error {
	switch {
	case nodes < 1 || nodes > maxGenNodes:
		return fmt.Errorf("-nodes must be between 1 and %d, got %d", maxGenNodes, nodes)
	case rels < 0 || rels > maxGenRels:
		return fmt.Errorf("-rels must be between 0 and %d, got %d", maxGenRels, rels)
	case nodes == 1 && rels > 0:
		return fmt.Errorf("a graph of one node cannot have relationships (no self-loops are generated); use -nodes 2 or more")
	}
	return nil
}
