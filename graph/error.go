package graph

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Kind classifies an error so that callers (the HTTP layer, the CLI) can
// react without knowing which backend produced it.
type Kind string

// The error kinds. The HTTP layer maps each to one status in one table.
const (
	KindNotFound    Kind = "not_found"
	KindInvalid     Kind = "invalid"
	KindConflict    Kind = "conflict"
	KindUnavailable Kind = "unavailable"
	// KindTimeout: the work ran past its time limit (or its caller went
	// away). Every store and the API give this one kind for it.
	KindTimeout  Kind = "timeout"
	KindInternal Kind = "internal"
)

// Error is actorgraph's error. Message is safe to show to a user; Err, the
// cause, may hold internals and is only logged.
type Error struct {
	Kind    Kind
	Message string
	// Param names the input at fault, for KindInvalid.
	Param string
	// Code is a backend's own error code (e.g. Neo4j's
	// Neo.ClientError.Statement.SyntaxError), where there is one.
	Code string
	// Line and Column locate the error in a query, 1-based, where known.
	Line, Column int
	Err          error
}

func (e *Error) Error() string {
	msg := e.Message
	if msg == "" {
		msg = string(e.Kind)
	}
	if e.Err != nil {
		return msg + ": " + e.Err.Error()
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error of the given kind with a formatted message.
func Errorf(kind Kind, format string, args ...any) *Error {
	return &Error{Kind: kind, Message: fmt.Sprintf(format, args...)}
}

// InvalidParam returns a KindInvalid error naming the parameter at fault.
func InvalidParam(param, format string, args ...any) *Error {
	return &Error{Kind: KindInvalid, Param: param, Message: fmt.Sprintf(format, args...)}
}

// Internal wraps an unexpected error; its text is logged, never shown.
func Internal(err error) *Error {
	return &Error{Kind: KindInternal, Message: "internal error", Err: err}
}

// Unavailable wraps an error from a backend that cannot be reached.
func Unavailable(err error) *Error {
	return &Error{Kind: KindUnavailable, Message: "the graph store is unavailable", Err: err}
}

// Timeout is the error of work that ran past limit (zero when the limit
// is not known here). It is the one timeout contract: every store returns
// it, and the API answers it with one status.
func Timeout(limit time.Duration, err error) *Error {
	msg := "the query ran longer than its time limit; narrow it (a smaller depth, a LIMIT) or ask again later"
	if limit > 0 {
		msg = fmt.Sprintf("the query ran longer than its time limit of %s; narrow it (a smaller depth, a LIMIT) or ask again later", limit)
	}
	return &Error{Kind: KindTimeout, Message: msg, Err: err}
}

// ContextError turns a context's error into a graph error: a passed
// deadline is KindTimeout, a cancelled caller too (nobody waits for the
// answer, and it must not be logged as a failure of the store). Other
// errors pass unchanged.
func ContextError(err error) error {
	var ge *Error
	if err == nil || errors.As(err, &ge) {
		return err
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return Timeout(0, err)
	}
	if errors.Is(err, context.Canceled) {
		return &Error{Kind: KindTimeout, Message: "the request was cancelled", Err: err}
	}
	return err
}

// KindOf returns the kind of err: its *Error's kind, KindInternal for any
// other non-nil error, "" for nil.
func KindOf(err error) Kind {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return KindInternal
}

// MessageOf returns the user-safe message of err.
func MessageOf(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Kind != KindInternal {
		return e.Message
	}
	return "internal error"
}
