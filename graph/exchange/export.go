package exchange

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/graph"
)

// Exports are made in one place for the API (GET and POST /api/export)
// and the CLI (actorgraph export): Select says which graph, a Writer how
// it is written.

// Writer is an export format: its name (the format parameter), media
// type, file extension and writer.
type Writer struct {
	Name      string
	MediaType string
	Ext       string
	Write     func(w io.Writer, g graph.Graph, now time.Time) error
}

// Writers lists the export formats, the default first.
func Writers() []Writer {
	return []Writer{
		{Name: "json", MediaType: "application/json", Ext: "json",
			Write: func(w io.Writer, g graph.Graph, now time.Time) error { return WriteJSON(w, NewDocument(g, now)) }},
		{Name: "graphml", MediaType: "application/graphml+xml", Ext: "graphml",
			Write: func(w io.Writer, g graph.Graph, _ time.Time) error { return WriteGraphML(w, g) }},
	}
}

// LookupWriter finds an export format by name; "" is the default. An unknown name
// is a KindInvalid error naming the parameter "format".
func LookupWriter(name string) (Writer, error) {
	fs := Writers()
	if name == "" {
		return fs[0], nil
	}
	for _, f := range fs {
		if f.Name == name {
			return f, nil
		}
	}
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = f.Name
	}
	return Writer{}, graph.InvalidParam("format", "format must be one of %s, got %q", strings.Join(names, ", "), name)
}

// Selection says what an export holds: the neighbourhood of Around, or
// Nodes and the relationships among them, or, with neither, the whole
// graph.
type Selection struct {
	Around       string // a node id or key
	Neighborhood graph.NeighborhoodQuery
	Nodes        []string // node ids or keys
	// MaxNodes bounds Nodes and the whole graph.
	MaxNodes int
}

// Select reads the selected graph from the store.
func Select(ctx context.Context, s graph.Store, sel Selection) (graph.Graph, error) {
	switch {
	case sel.Around != "" && sel.Nodes != nil:
		return graph.Graph{}, graph.InvalidParam("around", "give around or a list of nodes, not both")
	case sel.Around != "":
		nb, err := s.Neighborhood(ctx, sel.Around, sel.Neighborhood)
		return nb.Graph, err
	case sel.Nodes != nil:
		if len(sel.Nodes) == 0 || len(sel.Nodes) > sel.MaxNodes {
			return graph.Graph{}, graph.InvalidParam("nodes", "nodes must list between 1 and %d node ids or keys, got %d", sel.MaxNodes, len(sel.Nodes))
		}
		return s.Subgraph(ctx, slices.Clone(sel.Nodes))
	default:
		return s.Dump(ctx, sel.MaxNodes)
	}
}

// Filename is the file name an export is offered under.
func (f Writer) Filename() string { return fmt.Sprintf("actorgraph-export.%s", f.Ext) }
