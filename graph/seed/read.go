package seed

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// Read parses and validates every seed file in paths: files, or directories
// whose *.yaml and *.yml files (not subdirectories) are read in name order.
// It reports every problem in every file at once, including those that
// span files (a relationship may use a node defined in another file). If
// anything is wrong it returns a Problems error and no graph.
func Read(paths ...string) (graph.Graph, error) {
	var probs Problems
	if len(paths) == 0 {
		probs = append(probs, Problem{File: ".", Message: "no seed files given", Hint: "pass seed files or a directory such as seeds/"})
	}
	var files []*File
	for _, name := range expand(paths, &probs) {
		data, err := os.ReadFile(name)
		if err != nil {
			probs = append(probs, Problem{File: name, Message: "cannot read: " + unwrapPath(err)})
			continue
		}
		f, ps := Parse(name, data)
		probs = append(probs, ps...)
		if f != nil {
			files = append(files, f)
		}
	}
	return finish(files, probs)
}

// ReadFS reads the seed files (*.yaml, *.yml) at the top of fsys, in name
// order, as Read reads a directory; problems name the files as dir/file.
// It is how the binary reads the dataset built into it.
func ReadFS(fsys fs.FS, dir string) (graph.Graph, error) {
	var probs Problems
	var files []*File
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return graph.Graph{}, Problems{{File: dir, Message: "cannot read directory: " + unwrapPath(err)}}
	}
	for _, e := range entries {
		if ext := filepath.Ext(e.Name()); e.IsDir() || ext != ".yaml" && ext != ".yml" {
			continue
		}
		data, err := fs.ReadFile(fsys, e.Name())
		if err != nil {
			probs = append(probs, Problem{File: dir + "/" + e.Name(), Message: "cannot read: " + unwrapPath(err)})
			continue
		}
		f, ps := Parse(dir+"/"+e.Name(), data)
		probs = append(probs, ps...)
		if f != nil {
			files = append(files, f)
		}
	}
	if len(files) == 0 && len(probs) == 0 {
		probs = append(probs, Problem{File: dir, Message: "no *.yaml or *.yml files", Hint: "seed file names end in .yaml or .yml"})
	}
	return finish(files, probs)
}

// finish checks the parsed files against each other and the shared rules
// and converts them, or returns every problem.
func finish(files []*File, probs Problems) (graph.Graph, error) {
	probs = append(probs, Check(files...)...)
	if len(probs) == 0 {
		probs = append(probs, checkShared(files)...)
	}
	if len(probs) > 0 {
		probs.Sort()
		return graph.Graph{}, probs
	}
	return convert(files), nil
}

// checkShared applies the rules every store applies (graph.CheckNode and
// graph.CheckRelationship) to what the files become, so that a seed file a
// store would refuse is reported here, at the item's place.
func checkShared(files []*File) Problems {
	var probs Problems
	const hint = "every store applies these rules (see graph/validate.go)"
	for _, f := range files {
		for _, n := range f.Nodes {
			if err := graph.CheckNode(nodeOf(n)); err != nil {
				probs = append(probs, Problem{File: f.Name, Line: n.Pos.Line, Column: n.Pos.Column, Message: graph.MessageOf(err), Hint: hint})
			}
		}
		for _, r := range f.Relationships {
			if err := graph.CheckRelationship(relOf(r)); err != nil {
				probs = append(probs, Problem{File: f.Name, Line: r.Pos.Line, Column: r.Pos.Column, Message: graph.MessageOf(err), Hint: hint})
			}
		}
	}
	return probs
}

// unwrapPath drops the path from an *os.PathError, which Problem already
// names.
func unwrapPath(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// expand turns the paths into the list of files to read.
func expand(paths []string, probs *Problems) []string {
	var out []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			*probs = append(*probs, Problem{File: p, Message: "cannot read: " + unwrapPath(err)})
			continue
		}
		if !st.IsDir() {
			out = append(out, p)
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			*probs = append(*probs, Problem{File: p, Message: "cannot read directory: " + unwrapPath(err)})
			continue
		}
		n := 0
		for _, e := range entries { // ReadDir sorts by name
			ext := filepath.Ext(e.Name())
			// Symlinks are followed; one to a directory fails on read, loudly.
			if (e.Type().IsRegular() || e.Type()&fs.ModeSymlink != 0) && (ext == ".yaml" || ext == ".yml") {
				out = append(out, filepath.Join(p, e.Name()))
				n++
			}
		}
		if n == 0 {
			*probs = append(*probs, Problem{File: p, Message: "no *.yaml or *.yml files in this directory", Hint: "seed file names end in .yaml or .yml"})
		}
	}
	return out
}

// site is where something was defined, for "first defined at" messages.
type site struct {
	file string
	pos  Pos
}

func (s site) String() string { return s.file + ":" + s.pos.String() }

// Check runs the checks that need every file at once: node keys are unique,
// relationship ends and evidence sources are defined, sources are Document
// nodes, and no relationship is given twice. Values that are missing or
// malformed were already reported by Parse and are skipped here.
func Check(files ...*File) Problems {
	var probs Problems
	addAt := func(file string, at Pos, hint, format string, args ...any) {
		probs = append(probs, Problem{File: file, Line: at.Line, Column: at.Column, Message: fmt.Sprintf(format, args...), Hint: hint})
	}
	nodes := make(map[string]*Node)
	defined := make(map[string]site)
	var keys []string
	for _, f := range files {
		for i := range f.Nodes {
			n := &f.Nodes[i]
			if n.Key == "" {
				continue
			}
			if s, dup := defined[n.Key]; dup {
				addAt(f.Name, n.KeyPos, "give each node one definition; merge the two", "duplicate node key %q (first defined at %s)", n.Key, s)
				continue
			}
			defined[n.Key] = site{f.Name, n.KeyPos}
			nodes[n.Key] = n
			keys = append(keys, n.Key)
		}
	}
	sort.Strings(keys)
	refer := func(file string, at Pos, key, what string) *Node {
		n := nodes[key]
		if n == nil {
			hint := "define a node with this key in some seed file"
			if near := nearest(key, keys); near != "" {
				hint = "did you mean " + near + "?"
			}
			addAt(file, at, hint, "%s %q is not a node defined in any seed file", what, key)
		}
		return n
	}
	document := func(file string, at Pos, key, what string) {
		n := refer(file, at, key, what)
		if n != nil && !contains(n.Labels, "Document") {
			addAt(file, at, "evidence must cite a node labelled Document", "%s %q is not a Document (its labels are %s)", what, key, strings.Join(n.Labels, ", "))
		}
	}
	rels := make(map[string]site)
	for _, f := range files {
		if f.Source != "" {
			document(f.Name, f.SourcePos, f.Source, "source")
		}
		for _, r := range f.Relationships {
			if r.From != "" {
				refer(f.Name, r.FromPos, r.From, "from")
			}
			if r.To != "" {
				refer(f.Name, r.ToPos, r.To, "to")
			}
			checkKinds(r, nodes, func(at Pos, hint, format string, args ...any) { addAt(f.Name, at, hint, format, args...) })
			ev := r.Evidence
			if ev.SourceSet && ev.Source != "" {
				document(f.Name, ev.SourcePos, ev.Source, "evidence source")
			}
			if src := nodes[ev.Source]; src != nil && ev.Locator > 0 {
				if n, ok := src.Properties[PropParagraphs].(int64); ok && ev.Locator > n {
					addAt(f.Name, r.Pos, "count the non-empty lines of the source text, as seeds/README.md explains", "locator %d is past the end of %s, which has %d paragraphs", ev.Locator, ev.Source, n)
				}
			}
			if r.From == "" || r.Type == "" || r.To == "" || ev.Source == "" || ev.Locator < 1 {
				continue
			}
			id := relID(r)
			if s, dup := rels[id]; dup {
				addAt(f.Name, r.Pos, "a source states a tie once per paragraph; drop this one or fix its locator", "duplicate relationship %s %s %s in %s paragraph %d (first at %s)", r.From, r.Type, r.To, ev.Source, ev.Locator, s)
				continue
			}
			rels[id] = site{f.Name, r.Pos}
		}
	}
	probs.Sort()
	return probs
}

// PropParagraphs is an optional extra property of Document nodes: how many
// paragraphs the source has. When given, Check rejects locators beyond it.
const PropParagraphs = "paragraphs"

// endKinds lists, for the relationship types whose vocabulary entry
// requires it, the label the start and end node must carry ("" for any).
// A tie the wrong way round (a document AUTHORED a person) is a modelling
// mistake the type system of a YAML file cannot catch otherwise.
var endKinds = map[string][2]string{
	"AUTHORED":        {"", "Document"},
	"PUBLISHED":       {"", "Document"},
	"VERSION_OF":      {"Document", "Document"},
	"MENTIONS":        {"Document", ""},
	"PARTY_TO":        {"", "Agreement"},
	"TARGETED":        {"Event", ""},
	"RESPONSIBLE_FOR": {"", "Event"},
	"AFFILIATED_WITH": {"Person", ""},
}

// checkKinds reports a relationship whose ends do not carry the labels its
// type requires. Undefined ends are reported elsewhere.
func checkKinds(r Relationship, nodes map[string]*Node, add func(at Pos, hint, format string, args ...any)) {
	want, ok := endKinds[r.Type]
	if !ok {
		return
	}
	for i, end := range []struct {
		key, side string
		pos       Pos
	}{{r.From, "start", r.FromPos}, {r.To, "end", r.ToPos}} {
		n := nodes[end.key]
		if want[i] == "" || n == nil || contains(n.Labels, want[i]) {
			continue
		}
		add(end.pos, "check the direction or pick another type; graph/vocab.go describes each", "%s needs a %s at its %s, but %q is %s", r.Type, want[i], end.side, end.key, strings.Join(n.Labels, ", "))
	}
}

// Build converts files that pass Check into a graph in canonical order
// (graph.SortGraph). It runs Check and returns its Problems if any; it does
// not repeat the per-file checks Parse has already reported.
func Build(files ...*File) (graph.Graph, error) {
	if probs := Check(files...); len(probs) > 0 {
		return graph.Graph{}, probs
	}
	return convert(files), nil
}

func relID(r Relationship) string {
	return graph.RelID(r.From, r.Type, r.To, r.Evidence.Source+"#"+strconv.FormatInt(r.Evidence.Locator, 10))
}

func convert(files []*File) graph.Graph {
	var g graph.Graph
	for _, f := range files {
		for _, n := range f.Nodes {
			g.Nodes = append(g.Nodes, nodeOf(n))
		}
		for _, r := range f.Relationships {
			g.Relationships = append(g.Relationships, relOf(r))
		}
	}
	graph.SortGraph(&g)
	return g
}

func nodeOf(n Node) graph.Node {
	props := make(map[string]any, len(n.Properties)+8)
	for k, v := range n.Properties {
		props[k] = v
	}
	set := func(k, v string) {
		if v != "" {
			props[k] = v
		}
	}
	set(graph.PropName, n.Name)
	set(graph.PropDescription, n.Description)
	set(graph.PropCountry, n.Country)
	set(graph.PropURL, n.URL)
	set(graph.PropPublished, n.Published)
	set(graph.PropDate, n.Date)
	set(graph.PropStart, n.StartDate)
	set(graph.PropEnd, n.EndDate)
	if len(n.Aliases) > 0 {
		aliases := make([]any, len(n.Aliases))
		for i, a := range n.Aliases {
			aliases[i] = a
		}
		props[graph.PropAliases] = aliases
	}
	labels := append([]string{graph.LabelActor}, n.Labels...)
	sort.Strings(labels)
	return graph.Node{ID: graph.NodeID(n.Key), Key: n.Key, Labels: labels, Properties: props}
}

func relOf(r Relationship) graph.Relationship {
	props := map[string]any{
		graph.PropPolarity:     r.Polarity,
		graph.PropClaim:        r.Evidence.Claim,
		graph.PropAttributedTo: r.Evidence.AttributedTo,
		graph.PropSource:       r.Evidence.Source,
		graph.PropLocator:      r.Evidence.Locator,
		graph.PropConfidence:   r.Evidence.Confidence,
	}
	if r.Since != "" {
		props[graph.PropSince] = r.Since
	}
	if r.Until != "" {
		props[graph.PropUntil] = r.Until
	}
	return graph.Relationship{
		ID:         relID(r),
		Type:       r.Type,
		Start:      graph.NodeID(r.From),
		End:        graph.NodeID(r.To),
		Properties: props,
	}
}
