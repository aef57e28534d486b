package exchange

import (
	"bytes"
	"testing"
	"time"
)

// TestFormatsGolden pins the bytes of every export format on the small
// graph (the CSV pair file by file: a zip's bytes depend on the
// compressor).
func TestFormatsGolden(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		golden string
		write  func(*bytes.Buffer) error
	}{
		{"small.gexf", func(b *bytes.Buffer) error { return WriteGEXF(b, small(), now) }},
		{"small.ftm.json", func(b *bytes.Buffer) error { return WriteFtM(b, small()) }},
		{"small.stix.json", func(b *bytes.Buffer) error { return WriteSTIX(b, small()) }},
		{"small.nodes.csv", func(b *bytes.Buffer) error { return WriteCSVNodes(b, small()) }},
		{"small.relationships.csv", func(b *bytes.Buffer) error { return WriteCSVRelationships(b, small()) }},
	}
	for _, c := range cases {
		t.Run(c.golden, func(t *testing.T) {
			var buf, again bytes.Buffer
			if err := c.write(&buf); err != nil {
				t.Fatal(err)
			}
			golden(t, c.golden, buf.Bytes())
			if err := c.write(&again); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(buf.Bytes(), again.Bytes()) {
				t.Fatal("two exports of the same graph differ")
			}
		})
	}
}

func TestLookupWriterFormats(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"json", "graphml", "gexf", "ftm", "stix", "csv"} {
		if w, err := LookupWriter(name); err != nil || w.Name != name {
			t.Errorf("LookupWriter(%q) = %v, %v", name, w.Name, err)
		}
	}
}
