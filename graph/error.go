package graph

import (
	"errors"
	"fmt"
)

// Kind classifies an error so that callers (the HTTP layer, the CLI) can
// react without knowing which backend produced it.
type Kind string

// The error kinds. The HTTP layer maps each to one status in one table.
const (
	KindNotFound       Kind = "not_found"
	KindInvalid        Kind = "invalid"
	KindConflict       Kind = "conflict"
	KindUnavailable    Kind = "unavailable"
	KindNotImplemented Kind = "not_implemented"
	KindInternal       Kind = "internal"
	// KindUnauthorized: the request lacks the credential the service
	// requires, or carries a wrong one.
	KindUnauthorized Kind = "unauthorized"
	// KindForbidden: the request is refused whoever sends it (a Host or
	// Origin the service does not answer).
	KindForbidden Kind = "forbidden"
	// KindUnsupportedMedia: a request body in a format the service does
	// not take.
	KindUnsupportedMedia Kind = "unsupported_media_type"
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
