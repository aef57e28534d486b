package seeds

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/seed"
)

// The seed files paraphrase their sources; they never copy them. This
// test reads each source's text and fails on any run of copyRun or more
// consecutive words that a claim, a name, an alias or a description
// shares with it (words are lower-cased [a-z0-9']+, typographic
// apostrophes read as plain ones), as seeds/README.md promises.
//
// A source document names its text file in the property sourceText; the
// files are looked up in $ACTORGRAPH_SOURCE_DIR, by default the
// repository's sibling ../shared/seeds. Outside CI a missing file skips
// the test; in CI (CI=true) it fails.
const copyRun = 9

var wordRE = regexp.MustCompile(`[a-z0-9']+`)

func words(s string) []string {
	s = strings.NewReplacer("\u2019", "'", "\u2018", "'").Replace(strings.ToLower(s))
	return wordRE.FindAllString(s, -1)
}

// runs returns every run of n consecutive words of text.
func runs(text string, n int) map[string]bool {
	w := words(text)
	out := make(map[string]bool)
	for i := 0; i+n <= len(w); i++ {
		out[strings.Join(w[i:i+n], " ")] = true
	}
	return out
}

// copied returns the first run of copyRun words that s shares with the
// source's runs, or "".
func copied(source map[string]bool, s string) string {
	w := words(s)
	for i := 0; i+copyRun <= len(w); i++ {
		if r := strings.Join(w[i:i+copyRun], " "); source[r] {
			return r
		}
	}
	return ""
}

func sourceDir(t *testing.T) string {
	if d := os.Getenv("ACTORGRAPH_SOURCE_DIR"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "shared", "seeds")
}

// texts lists the texts of g that are ours, with where each comes from.
func texts(g graph.Graph) map[string]string {
	out := make(map[string]string)
	for _, n := range g.Nodes {
		for _, p := range []string{graph.PropName, graph.PropDescription} {
			if s, ok := n.Properties[p].(string); ok {
				out[fmt.Sprintf("node %s %s", n.Key, p)] = s
			}
		}
		if as, ok := n.Properties[graph.PropAliases].([]any); ok {
			for i, a := range as {
				out[fmt.Sprintf("node %s alias %d", n.Key, i)], _ = a.(string)
			}
		}
	}
	for _, r := range g.Relationships {
		src, _ := r.Properties[graph.PropSource].(string)
		loc := r.Properties[graph.PropLocator]
		if s, ok := r.Properties[graph.PropClaim].(string); ok {
			out[fmt.Sprintf("claim of %s (%s paragraph %v)", r.Type, src, loc)+" "+r.ID] = s
		}
	}
	return out
}

func TestNothingCopiedFromSources(t *testing.T) {
	g, err := seed.ReadFS(Files(), ".")
	if err != nil {
		t.Fatal(err)
	}
	dir := sourceDir(t)
	checked := 0
	for _, n := range g.Nodes {
		name, ok := n.Properties["sourceText"].(string)
		if !ok {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("source text of %s: %v (set ACTORGRAPH_SOURCE_DIR to the directory holding it)", n.Key, err)
			}
			t.Skipf("source text of %s: %v (set ACTORGRAPH_SOURCE_DIR)", n.Key, err)
		}
		source := runs(string(data), copyRun)
		t.Run(n.Key, func(t *testing.T) {
			// The check can fail: a sentence of the source, and the same
			// sentence re-cased and with typographic quotes, are caught.
			lines := strings.Split(strings.TrimSpace(string(data)), "\n")
			longest := ""
			for _, l := range lines {
				if len(words(l)) > len(words(longest)) {
					longest = l
				}
			}
			for _, probe := range []string{longest, strings.ToUpper(strings.ReplaceAll(longest, "'", "\u2019"))} {
				if copied(source, "We write: "+probe) == "" {
					t.Fatalf("the check misses a copied sentence: %.60q", probe)
				}
			}
			for where, s := range texts(g) {
				if r := copied(source, s); r != "" {
					t.Errorf("%s shares %d or more words with %s: %q", where, copyRun, name, r)
				}
			}
		})
		checked++
	}
	if checked == 0 {
		t.Fatal("no source document names its text (property sourceText)")
	}
}
