package temporal

import "fmt"

// Error is a temporal value that cannot be built: text that does not
// parse, a field out of range, an unknown time zone, an overflow. Text
// marks errors in parsing a string, which Neo4j reports as syntax errors;
// the others are argument errors there.
type Error struct {
	Text bool
	Msg  string
}

func (e *Error) Error() string { return e.Msg }

func argErr(format string, args ...any) error {
	return &Error{Msg: fmt.Sprintf(format, args...)}
}

func textErr(kind, s string) error {
	return &Error{Text: true, Msg: fmt.Sprintf("Text cannot be parsed to a %s: %q", kind, s)}
}
