package cypher

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	gherkin "github.com/cucumber/gherkin/go/v42"
	messages "github.com/cucumber/messages/go/v34"

	"github.com/actorgraph/actorgraph/graph"
)

// The openCypher TCK conformance run (make tck). The feature files are
// read at run time from ACTORGRAPH_TCK_DIR (default
// ../../../shared/opencypher-tck, i.e. /work/shared/opencypher-tck from
// the repository root); they are never copied into the project. Every
// scenario of features/clauses, features/expressions and features/useCases
// runs unless a rule in writeReason skips it (its query writes, it expects
// side effects, it needs procedures) or testdata/tck/skip.txt lists it. Per-folder pass counts may not drop
// below testdata/tck/baseline.json; -update-baseline rewrites that file.
// Counts are per pickle: each example row of a Scenario Outline counts.

var listSkips = flag.Bool("tck-list-skips", false, "log every scenario the TCK run skips by rule")

var updateBaseline = flag.Bool("update-baseline", false, "rewrite testdata/tck/baseline.json with the current pass counts")

const (
	baselineFile = "testdata/tck/baseline.json"
	skipFile     = "testdata/tck/skip.txt"
)

func tckDir() string {
	if d := os.Getenv("ACTORGRAPH_TCK_DIR"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "..", "shared", "opencypher-tck")
}

type tally struct{ pass, fail, skip int }

func TestTCK(t *testing.T) {
	root := filepath.Join(tckDir(), "tck")
	if _, err := os.Stat(filepath.Join(tckDir(), "features")); err == nil {
		root = tckDir() // pointed at the tck folder itself
	}
	if _, err := os.Stat(filepath.Join(root, "features")); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("openCypher TCK not found at %s (set ACTORGRAPH_TCK_DIR): %v", root, err)
		}
		t.Skipf("openCypher TCK not found at %s (set ACTORGRAPH_TCK_DIR)", root)
	}
	skips := loadSkips(t)
	var files []string
	for _, top := range []string{"clauses", "expressions", "useCases"} {
		err := filepath.WalkDir(filepath.Join(root, "features", top), func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".feature") {
				files = append(files, p)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	sort.Strings(files)
	tallies := map[string]*tally{}
	usedSkips := map[string]bool{}
	for _, f := range files {
		rel, _ := filepath.Rel(filepath.Join(root, "features"), f)
		rel = filepath.ToSlash(rel)
		folder := filepath.ToSlash(filepath.Dir(rel))
		tl := tallies[folder]
		if tl == nil {
			tl = &tally{}
			tallies[folder] = tl
		}
		pickles := loadPickles(t, f)
		rows := map[string]int{}
		for i, pk := range pickles {
			key := rel + ": " + pk.Name
			name := fmt.Sprintf("%s/%s#%d", rel, pk.Name, i)
			rows[key]++
			// One example row of an outline: "<key> (row N)".
			if rowKey := fmt.Sprintf("%s (row %d)", key, rows[key]); skips[rowKey] != "" {
				key = rowKey
			}
			if reason := writeReason(pk); reason != "" {
				tl.skip++
				if *listSkips {
					t.Logf("SKIP %s: %s", name, reason)
				}
				continue
			}
			if _, ok := skips[key]; ok {
				usedSkips[key] = true
				tl.skip++
				continue
			}
			err := runScenario(root, pk)
			if err != nil {
				tl.fail++
				t.Logf("FAIL %s: %v", name, err)
				continue
			}
			tl.pass++
		}
	}
	for k := range skips {
		if !usedSkips[k] {
			t.Errorf("skip.txt lists %q, which no longer exists or is skipped by rule", k)
		}
	}
	report(t, tallies)
}

func loadPickles(t *testing.T, path string) []*messages.Pickle {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := 0
	newID := func() string { n++; return strconv.Itoa(n) }
	doc, err := gherkin.ParseGherkinDocument(f, newID)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return gherkin.Pickles(*doc, path, newID)
}

// loadSkips reads skip.txt: one "feature path: scenario name" per line,
// then " # reason". Every entry must carry a reason.
func loadSkips(t *testing.T) map[string]string {
	f, err := os.Open(skipFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, reason, ok := strings.Cut(line, " # ")
		if !ok || strings.TrimSpace(reason) == "" {
			t.Fatalf("skip.txt: %q has no reason", line)
		}
		out[strings.TrimSpace(key)] = reason
	}
	return out
}

var (
	writeClauseRE = regexp.MustCompile(`(?i)\b(CREATE|MERGE|SET|DELETE|REMOVE|CALL|FOREACH|LOAD\s+CSV)\b`)
)

// writeReason says why a scenario is out of scope for a read-only engine,
// or "" when it is in scope.
func writeReason(pk *messages.Pickle) string {
	for _, st := range pk.Steps {
		switch {
		case strings.HasPrefix(st.Text, "executing query") && st.Argument != nil && st.Argument.DocString != nil:
			if writeClauseRE.MatchString(st.Argument.DocString.Content) {
				return "the query writes"
			}
		case strings.HasPrefix(st.Text, "the side effects should be"):
			return "expects side effects"
		case strings.HasPrefix(st.Text, "there exists a procedure"):
			return "needs procedures"
		}
	}
	return ""
}

func runScenario(root string, pk *messages.Pickle) (err error) {
	g := &memGraph{}
	params := map[string]any{}
	var res *Result
	var runErr error
	ran := false
	for _, st := range pk.Steps {
		text := st.Text
		switch {
		case text == "an empty graph" || text == "any graph":
		case strings.HasPrefix(text, "the ") && strings.HasSuffix(text, " graph"):
			name := strings.TrimSuffix(strings.TrimPrefix(text, "the "), " graph")
			src, err := os.ReadFile(filepath.Join(root, "graphs", name, name+".cypher"))
			if err != nil {
				return err
			}
			if _, err := g.exec(string(src), nil); err != nil {
				return fmt.Errorf("loading graph %s: %w", name, err)
			}
		case text == "having executed:":
			if _, err := g.exec(st.Argument.DocString.Content, nil); err != nil {
				return fmt.Errorf("setup: %w", err)
			}
		case text == "parameters are:":
			for _, row := range st.Argument.DataTable.Rows {
				v, err := parseTCKValue(row.Cells[1].Value)
				if err != nil {
					return err
				}
				params[row.Cells[0].Value] = v
			}
		case text == "executing query:":
			ran = true
			ctx := context.Background()
			res, runErr = Run(ctx, g, st.Argument.DocString.Content, params, Options{Timeout: 10 * time.Second, MaxRows: 100000, HopCap: 50, MaxBuffered: 1 << 24})
		case strings.HasPrefix(text, "the result should be"):
			if runErr != nil {
				return fmt.Errorf("unexpected error: %v", runErr)
			}
			if err := checkResult(g, res, text, st.Argument); err != nil {
				return err
			}
		case strings.HasPrefix(text, "a ") && strings.Contains(text, " should be raised"):
			want := strings.Fields(text)[1]
			if runErr == nil {
				return fmt.Errorf("expected %s, got %d rows", text, len(res.Rows))
			}
			if got := tckErrorClass(runErr); got != want {
				return fmt.Errorf("expected %s, got %s: %v", want, got, runErr)
			}
		case text == "no side effects":
		default:
			return fmt.Errorf("unknown step %q", text)
		}
	}
	if !ran {
		return errors.New("no query")
	}
	return nil
}

// tckErrorClass maps an error's Neo4j code to the TCK's error class.
func tckErrorClass(err error) string {
	var ge *graph.Error
	if !errors.As(err, &ge) {
		return "Internal"
	}
	switch ge.Code {
	case CodeSyntax:
		return "SyntaxError"
	case CodeType:
		return "TypeError"
	case CodeArgument:
		return "ArgumentError"
	case CodeArithmetic:
		return "ArithmeticError"
	case CodeNotFound:
		return "EntityNotFound"
	}
	return ge.Code
}

func checkResult(g Graph, res *Result, how string, arg *messages.PickleStepArgument) error {
	unorderedLists := strings.Contains(how, "ignoring element order for lists")
	inOrder := strings.Contains(how, "in order")
	var want []string
	var header []string
	if how == "the result should be empty" {
		header = nil
	} else {
		rows := arg.DataTable.Rows
		for _, c := range rows[0].Cells {
			header = append(header, c.Value)
		}
		for _, r := range rows[1:] {
			var cells []string
			for _, c := range r.Cells {
				v, err := parseTCKValue(c.Value)
				if err != nil {
					return err
				}
				cells = append(cells, canon(v, unorderedLists))
			}
			want = append(want, strings.Join(cells, " | "))
		}
		if !sameColumns(header, res.Columns) {
			return fmt.Errorf("columns %q, want %q", res.Columns, header)
		}
	}
	var got []string
	for _, r := range res.Rows {
		var cells []string
		for _, c := range r {
			cells = append(cells, canon(toTCK(g, c), unorderedLists))
		}
		got = append(got, strings.Join(cells, " | "))
	}
	if !inOrder {
		sort.Strings(want)
		sort.Strings(got)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		return fmt.Errorf("rows differ:\n got: %q\nwant: %q", got, want)
	}
	return nil
}

func report(t *testing.T, tallies map[string]*tally) {
	var folders []string
	for f := range tallies {
		folders = append(folders, f)
	}
	sort.Strings(folders)
	var b strings.Builder
	fmt.Fprintf(&b, "\n%-34s %6s %6s %6s\n", "folder", "pass", "fail", "skip")
	var total tally
	baseline := map[string]int{}
	if data, err := os.ReadFile(baselineFile); err == nil {
		if err := json.Unmarshal(data, &baseline); err != nil {
			t.Fatalf("%s: %v", baselineFile, err)
		}
	}
	current := map[string]int{}
	for _, f := range folders {
		tl := tallies[f]
		fmt.Fprintf(&b, "%-34s %6d %6d %6d\n", f, tl.pass, tl.fail, tl.skip)
		total.pass += tl.pass
		total.fail += tl.fail
		total.skip += tl.skip
		current[f] = tl.pass
	}
	fmt.Fprintf(&b, "%-34s %6d %6d %6d\n", "total", total.pass, total.fail, total.skip)
	t.Log(b.String())
	// Every scenario in scope passes: one that cannot yet goes in skip.txt,
	// with its reason, rather than counting as an accepted failure.
	if total.fail > 0 {
		t.Errorf("%d scenarios fail (logged above as FAIL); fix them or list them in %s with the reason", total.fail, skipFile)
	}
	if *updateBaseline {
		data, _ := json.MarshalIndent(current, "", "  ")
		if err := os.WriteFile(baselineFile, append(data, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	for f, want := range baseline {
		if current[f] < want {
			t.Errorf("%s: %d scenarios pass, below the baseline of %d", f, current[f], want)
		}
	}
}
