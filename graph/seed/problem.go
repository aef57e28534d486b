package seed

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Problem is one thing wrong in a seed file. Line and Column are 1-based;
// zero means unknown (a file that cannot be read has neither).
type Problem struct {
	File         string
	Line, Column int
	Message      string
	// Hint says how to fix it; may be empty.
	Hint string
}

// String renders the problem the way compilers do, so editors can jump to
// it: file:line:column: message (hint: ...).
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		b.WriteString(":" + strconv.Itoa(p.Line))
		if p.Column > 0 {
			b.WriteString(":" + strconv.Itoa(p.Column))
		}
	}
	b.WriteString(": ")
	b.WriteString(p.Message)
	if p.Hint != "" {
		b.WriteString(" (hint: " + p.Hint + ")")
	}
	return b.String()
}

// Problems is an error listing every problem found, sorted by file, line
// and column (see Sort).
type Problems []Problem

// Error lists the problems one per line.
func (p Problems) Error() string {
	lines := make([]string, len(p))
	for i, q := range p {
		lines[i] = q.String()
	}
	return strings.Join(lines, "\n")
}

// Sort orders the problems by file, line, column, then message, so that the
// report is the same on every run whatever order the checks ran in.
func (p Problems) Sort() {
	sort.SliceStable(p, func(i, j int) bool {
		a, b := p[i], p[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		return a.Message < b.Message
	})
}

// Pos is a 1-based line and column in a seed file.
type Pos struct {
	Line, Column int
}

func (p Pos) String() string { return fmt.Sprintf("%d:%d", p.Line, p.Column) }

// collector gathers problems for one file.
type collector struct {
	file string
	list Problems
}

func (c *collector) add(at Pos, hint, format string, args ...any) {
	c.list = append(c.list, Problem{File: c.file, Line: at.Line, Column: at.Column, Message: fmt.Sprintf(format, args...), Hint: hint})
}
