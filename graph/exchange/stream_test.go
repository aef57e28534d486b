package exchange

import (
	"bytes"
	"context"
	"errors"
	"io"
	"reflect"
	"testing"
	"testing/iotest"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/gen"
	"github.com/actorgraph/actorgraph/graph/memstore"
)

// streamed collects what StreamJSON yields from r.
func streamed(r io.Reader) (graph.Graph, error) {
	var g graph.Graph
	err := StreamJSON("f.json", r)(func(n graph.Node) error {
		g.Nodes = append(g.Nodes, n)
		return nil
	}, func(r graph.Relationship) error {
		g.Relationships = append(g.Relationships, r)
		return nil
	})
	return g, err
}

// streamAgrees checks the streaming reader against DecodeJSON on data,
// read whole and a byte at a time: it yields exactly what DecodeJSON
// returns, or stops with ErrNotStreamable. It yields a graph DecodeJSON
// refuses only where the refusal is a check across items (ids or keys
// twice), which the store makes at the end of a streamed load. It
// reports whether data streamed.
func streamAgrees(t testing.TB, data []byte) bool {
	t.Helper()
	want, wantErr := DecodeJSON("f.json", data)
	var streams bool
	for _, r := range []io.Reader{bytes.NewReader(data), iotest.OneByteReader(bytes.NewReader(data))} {
		got, err := streamed(r)
		switch {
		case errors.Is(err, ErrNotStreamable):
			continue
		case err != nil:
			t.Fatalf("stream of\n%s\nfailed with %v, want nil or ErrNotStreamable", data, err)
		case wantErr == nil:
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("stream of\n%s\n got %#v\nwant %#v", data, got, want)
			}
		default:
			if _, err := memstore.New(graph.Limits{}).LoadStream(context.Background(), got.Stream()); err == nil {
				t.Fatalf("stream of\n%s\nyields a graph the store loads, but DecodeJSON says %v", data, wantErr)
			}
		}
		streams = true
	}
	return streams
}

func TestStreamAgrees(t *testing.T) {
	t.Parallel()
	for name, doc := range decodeCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			streamAgrees(t, []byte(doc))
		})
	}
	// What WriteJSON writes, at every size, streams: the stream is the
	// path big loads take, not a fallback that never runs.
	for _, size := range []struct{ nodes, rels int }{{0, 0}, {1, 0}, {50, 200}, {3000, 9000}} {
		var buf bytes.Buffer
		if err := WriteJSON(&buf, NewDocument(gen.PreferentialAttachment(size.nodes, size.rels, 3), time.Unix(0, 0))); err != nil {
			t.Fatal(err)
		}
		if !streamAgrees(t, buf.Bytes()) {
			t.Errorf("a %d/%d export does not stream", size.nodes, size.rels)
		}
	}
}

// TestStreamStops checks that an error from the consumer stops the stream
// and comes back as it is.
func TestStreamStops(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := WriteJSON(&buf, NewDocument(gen.PreferentialAttachment(3000, 100, 3), time.Unix(0, 0))); err != nil {
		t.Fatal(err)
	}
	stop := errors.New("stop")
	seen := 0
	err := StreamJSON("f.json", &buf)(func(graph.Node) error {
		seen++
		if seen == 1500 {
			return stop
		}
		return nil
	}, func(graph.Relationship) error { return nil })
	if err != stop || seen != 1500 {
		t.Fatalf("err = %v after %d nodes, want stop after 1500", err, seen)
	}
}

func FuzzStreamAgrees(f *testing.F) {
	for _, doc := range decodeCases {
		f.Add([]byte(doc))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		streamAgrees(t, data)
	})
}
