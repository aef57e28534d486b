package difftest

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/exchange"
	"github.com/actorgraph/actorgraph/graph/gen"
	"github.com/actorgraph/actorgraph/graph/internal/neo4jlock"
)

var (
	reportPath = flag.String("report", "", "write every divergence, with both answers, to this file")
	strict     = flag.Bool("strict", false, "fail on divergences marked # bug too, not only on new ones")
)

// maxRows is far above what any corpus query returns, so that a
// truncation is a divergence to look at, never a silent cut.
const maxRows = 100000

// corpus is one graph and the queries asked of it.
type corpus struct {
	name  string
	file  string
	graph func(testing.TB) graph.Graph
}

func corpora() []corpus {
	return []corpus{
		{"article", "testdata/article.cypher", articleGraph},
		{"generated", "testdata/generated.cypher", func(testing.TB) graph.Graph { return generatedGraph(2000, 8000) }},
	}
}

func articleGraph(tb testing.TB) graph.Graph {
	tb.Helper()
	g, err := exchange.ReadFiles(filepath.Join("..", "..", "seeds"))
	if err != nil {
		tb.Fatalf("reading the seeds: %v", err)
	}
	return g
}

// generatedGraph is the fixed-seed graph the generated corpus is written
// against; its keys are n0, n1, ….
func generatedGraph(nodes, rels int) graph.Graph {
	return gen.PreferentialAttachment(nodes, rels, 20151)
}

// TestCorpus checks the corpus files without any store: they parse, the
// names are unique across files and there are enough queries to mean
// something.
func TestCorpus(t *testing.T) {
	names := map[string]string{}
	total := 0
	for _, c := range corpora() {
		qs, err := readCorpus(c.file)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range qs {
			if f, ok := names[q.Name]; ok {
				t.Errorf("%s:%d: name %s also used in %s", c.file, q.Line, q.Name, f)
			}
			names[q.Name] = c.file
			if strings.Contains(q.Query, ";;") {
				t.Errorf("%s:%d: %s holds ;; inside the query", c.file, q.Line, q.Name)
			}
		}
		total += len(qs)
	}
	if total < 100 {
		t.Errorf("the corpus has %d queries, want at least 100", total)
	}
}

// TestEmbeddedCorpus runs the corpus on the embedded store alone, so that
// even without Neo4j every query is run: none may panic or fail with
// anything but KindInvalid. What the answers should be is
// TestDifferential's business.
func TestEmbeddedCorpus(t *testing.T) {
	for _, c := range corpora() {
		qs, err := readCorpus(c.file)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(c.name, func(t *testing.T) {
			emb := newEmbedded(t, c.graph(t))
			for _, q := range qs {
				if o := run(emb, q); o.Err != nil && graph.KindOf(o.Err) != graph.KindInvalid {
					t.Errorf("%s:%d: %s: %s", c.file, q.Line, q.Name, describeErr(o.Err))
				}
			}
		})
	}
}

// run asks one store one query, with a time limit far above what any
// corpus query needs on the test graphs.
func run(r graph.CypherRunner, q query) outcome { return runFor(r, q, 30*time.Second) }

func runFor(r graph.CypherRunner, q query, limit time.Duration) outcome {
	ctx, cancel := context.WithTimeout(context.Background(), limit+30*time.Second)
	defer cancel()
	res, err := r.Cypher(ctx, graph.CypherQuery{Query: q.Query, Params: q.Params, MaxRows: maxRows, TimeoutMs: int(limit.Milliseconds())})
	return outcome{res, err}
}

// TestDifferential runs every corpus query on the embedded store and on
// Neo4j and compares the answers. Every divergence is either a bug or a
// difference documented in DIFFERENCES.md and marked "# known:" in the
// corpus, in which case the test checks it still shows the same way.
func TestDifferential(t *testing.T) {
	uri := neo4jURI(t)
	neo4jlock.Lock(t)
	neo := openNeo4j(t, uri)

	var ran, matched, known, bugs, diverged int
	var report strings.Builder
	for _, c := range corpora() {
		qs, err := readCorpus(c.file)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(c.name, func(t *testing.T) {
			g := c.graph(t)
			resetNeo4j(t, uri, neo, g)
			emb := newEmbedded(t, g)
			t.Logf("%s graph: %d nodes, %d relationships", c.name, len(g.Nodes), len(g.Relationships))
			for _, q := range qs {
				t.Run(q.Name, func(t *testing.T) {
					a, b := run(emb, q), run(neo, q)
					ran++
					d := compare(q, a, b)
					mark := "known"
					if q.Bug {
						mark = "bug"
					}
					detail := func() string {
						return fmt.Sprintf("%s:%d: %s\nquery: %s\nparams: %v\nembedded: %s\nneo4j:    %s",
							c.file, q.Line, d, q.Query, q.Params, showResult(a, q.UnorderedLists, 8), showResult(b, q.UnorderedLists, 8))
					}
					switch {
					case d == nil && q.Known == "":
						matched++
						switch {
						case a.Err != nil:
							t.Logf("both failed, as they should: embedded %s; neo4j %s", describeErr(a.Err), describeErr(b.Err))
						case len(a.Res.Rows) == 0 && !q.Empty:
							t.Errorf("%s:%d: both stores answer no rows; fix the query or mark it # empty", c.file, q.Line)
						}
					case d == nil:
						diverged++
						t.Errorf("%s:%d: marked %s (%s) but the stores now agree: remove the mark and its DIFFERENCES.md entry", c.file, q.Line, mark, q.Known)
					case d.Class == q.Known && q.Bug:
						bugs++
						fmt.Fprintf(&report, "## open bug %s/%s\n\n%s\n\n", c.name, q.Name, detail())
						if *strict {
							t.Errorf("open bug (DIFFERENCES.md):\n%s", detail())
						} else {
							t.Logf("open bug, as recorded in DIFFERENCES.md: %s", d)
						}
					case d.Class == q.Known:
						known++
						fmt.Fprintf(&report, "## known %s/%s\n\n%s\n\n", c.name, q.Name, detail())
						t.Logf("known difference, as documented: %s", d)
					default:
						diverged++
						msg := detail()
						if q.Known != "" {
							msg = fmt.Sprintf("marked %s as %s, but diverges differently: %s", mark, q.Known, msg)
						}
						t.Error(msg)
						fmt.Fprintf(&report, "## divergence %s/%s\n\n%s\n\n", c.name, q.Name, msg)
					}
				})
			}
		})
	}
	t.Logf("differential summary: %d queries run, %d matched, %d known differences, %d open bugs (marked), %d unexplained divergences", ran, matched, known, bugs, diverged)
	if *reportPath != "" {
		if err := os.WriteFile(*reportPath, []byte(report.String()), 0o644); err != nil {
			t.Error(err)
		}
	}
}
