package difftest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"
)

// query is one corpus entry; see the package comment for the format.
type query struct {
	Name           string
	Query          string
	Params         map[string]any
	Ordered        bool
	UnorderedLists bool
	Known          string // the divergence class a documented difference or open bug shows
	Bug            bool   // Known is an open bug, not an accepted difference
	Bench          bool
	Empty          bool // the answer has no rows on purpose
	Line           int  // where the block starts, for messages
}

// The classes of divergence, from the coarsest. A known difference names
// the one it shows.
const (
	divErrEmbedded = "error-embedded" // only the embedded store failed
	divErrNeo4j    = "error-neo4j"    // only Neo4j failed
	divErrKinds    = "error-kinds"    // both failed, not both KindInvalid
	divColumns     = "columns"
	divTruncated   = "truncated"
	divRows        = "rows"  // row counts or cells differ
	divGraph       = "graph" // the rows agree, the gathered graphs do not
)

var divClasses = map[string]bool{
	divErrEmbedded: true, divErrNeo4j: true, divErrKinds: true, divColumns: true, divTruncated: true, divRows: true, divGraph: true,
}

// readCorpus parses a corpus file.
func readCorpus(path string) ([]query, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return parseCorpus(path, data)
}

func parseCorpus(path string, data []byte) ([]query, error) {
	var out []query
	seen := map[string]int{}
	var cur query
	var text []string
	start := 1
	flush := func(line int) error {
		body := strings.TrimSpace(strings.Join(text, "\n"))
		empty := body == "" && cur.Name == ""
		if !empty {
			switch {
			case cur.Name == "":
				return fmt.Errorf("%s:%d: block has no # name", path, start)
			case body == "":
				return fmt.Errorf("%s:%d: %s has no query", path, start, cur.Name)
			}
			if prev, ok := seen[cur.Name]; ok {
				return fmt.Errorf("%s:%d: name %s already used on line %d", path, start, cur.Name, prev)
			}
			seen[cur.Name] = start
			cur.Query, cur.Line = body, start
			out = append(out, cur)
		}
		cur, text, start = query{}, nil, line+1
		return nil
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == ";;":
			if err := flush(n); err != nil {
				return nil, err
			}
		case strings.HasPrefix(trimmed, "##"):
			// A comment.
		case strings.HasPrefix(trimmed, "#"):
			if err := directive(&cur, strings.TrimSpace(trimmed[1:])); err != nil {
				return nil, fmt.Errorf("%s:%d: %v", path, n, err)
			}
		default:
			text = append(text, line)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if err := flush(n); err != nil {
		return nil, err
	}
	return out, nil
}

func directive(q *query, d string) error {
	key, val, _ := strings.Cut(d, ":")
	key, val = strings.TrimSpace(key), strings.TrimSpace(val)
	switch key {
	case "name":
		if val == "" || strings.ContainsAny(val, " /") {
			return fmt.Errorf("bad name %q: use letters, digits and dashes", val)
		}
		q.Name = val
	case "ordered":
		q.Ordered = true
	case "lists":
		if val != "unordered" {
			return fmt.Errorf("lists: want unordered, got %q", val)
		}
		q.UnorderedLists = true
	case "params":
		p, err := decodeParams(val)
		if err != nil {
			return fmt.Errorf("params: %v", err)
		}
		q.Params = p
	case "known", "bug":
		class, _, _ := strings.Cut(val, " ")
		if !divClasses[class] {
			return fmt.Errorf("%s: unknown divergence class %q", key, class)
		}
		if q.Known != "" {
			return fmt.Errorf("%s: the query is already marked", key)
		}
		q.Known, q.Bug = class, key == "bug"
	case "bench":
		q.Bench = true
	case "empty":
		q.Empty = true
	case "", "note":
		// A comment on the query.
	default:
		return fmt.Errorf("unknown directive %q", key)
	}
	return nil
}

// decodeParams reads JSON parameters, turning whole numbers into int64 and
// others into float64, the types both stores take.
func decodeParams(s string) (map[string]any, error) {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return nil, err
	}
	return fixNumbers(m).(map[string]any), nil
}

func fixNumbers(v any) any {
	switch x := v.(type) {
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return i
		}
		f, _ := x.Float64()
		return f
	case []any:
		for i := range x {
			x[i] = fixNumbers(x[i])
		}
	case map[string]any:
		for k := range x {
			x[k] = fixNumbers(x[k])
		}
	}
	return v
}
