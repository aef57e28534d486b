// Package seeds holds the article dataset: the seed files in this
// directory, built into the binary so that `actorgraph serve` works in
// any directory (see Files).
package seeds

import (
	"embed"
	"io/fs"
)

//go:embed *.yaml
var files embed.FS

// Files returns the seed files built into the binary.
func Files() fs.FS { return files }
