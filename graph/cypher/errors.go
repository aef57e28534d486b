package cypher

import (
	"fmt"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// Neo4j status codes carried in graph.Error.Code, so callers (and the TCK
// runner) can tell the error classes apart as they would with Neo4j. Like
// Neo4j, semantic errors (undefined variables, misplaced aggregates, types
// evident from the query text) carry CodeSyntax.
const (
	CodeSyntax     = "Neo.ClientError.Statement.SyntaxError"
	CodeType       = "Neo.ClientError.Statement.TypeError"
	CodeArgument   = "Neo.ClientError.Statement.ArgumentError"
	CodeArithmetic = "Neo.ClientError.Statement.ArithmeticError"
	CodeReadOnly   = "Neo.ClientError.Statement.AccessMode"
	CodeLimit      = "Neo.ClientError.Transaction.TransactionTimedOut"
	CodeNotFound   = "Neo.ClientError.Statement.EntityNotFound"
	CodeParameter  = "Neo.ClientError.Statement.ParameterMissing"
)

// syntaxError builds a KindInvalid error located at byte offset pos of src,
// in Neo4j's shape: the message, the position, then the offending line
// with a caret under the column.
func syntaxError(src string, pos int, format string, args ...any) *graph.Error {
	return locatedError(CodeSyntax, src, pos, format, args...)
}

func locatedError(code, src string, pos int, format string, args ...any) *graph.Error {
	if pos < 0 {
		pos = 0
	}
	if pos > len(src) {
		pos = len(src)
	}
	// Lines, columns and the offset count characters, not bytes, as
	// Neo4j's do.
	line, col, offset := 1, 1, 0
	lineStart := 0
	for i, r := range src[:pos] {
		offset++
		if r == '\n' {
			line++
			col = 1
			lineStart = i + 1
		} else {
			col++
		}
	}
	lineEnd := strings.IndexByte(src[lineStart:], '\n')
	if lineEnd < 0 {
		lineEnd = len(src)
	} else {
		lineEnd += lineStart
	}
	msg := fmt.Sprintf(format, args...)
	text := fmt.Sprintf("%s (line %d, column %d (offset: %d))\n\"%s\"\n %s^",
		msg, line, col, offset, src[lineStart:lineEnd], strings.Repeat(" ", col-1))
	return &graph.Error{Kind: graph.KindInvalid, Code: code, Message: text, Line: line, Column: col}
}

func semanticError(format string, args ...any) *graph.Error {
	return &graph.Error{Kind: graph.KindInvalid, Code: CodeSyntax, Message: fmt.Sprintf(format, args...)}
}

func typeError(format string, args ...any) *graph.Error {
	return &graph.Error{Kind: graph.KindInvalid, Code: CodeType, Message: fmt.Sprintf(format, args...)}
}

func argumentError(format string, args ...any) *graph.Error {
	return &graph.Error{Kind: graph.KindInvalid, Code: CodeArgument, Message: fmt.Sprintf(format, args...)}
}

func arithmeticError(format string, args ...any) *graph.Error {
	return &graph.Error{Kind: graph.KindInvalid, Code: CodeArithmetic, Message: fmt.Sprintf(format, args...)}
}
