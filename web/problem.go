package web

import (
	"errors"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/actorgraph/actorgraph/graph"
)

// statusOf is the one table from error kinds to HTTP statuses.
func statusOf(kind graph.Kind) int {
	switch kind {
	case graph.KindNotFound:
		return http.StatusNotFound
	case graph.KindInvalid:
		return http.StatusBadRequest
	case graph.KindConflict:
		return http.StatusConflict
	case graph.KindUnavailable:
		return http.StatusServiceUnavailable
	case graph.KindTimeout:
		// As gRPC's DEADLINE_EXCEEDED: the answer did not come in time.
		// Not 503, which says the server is unavailable or shedding load
		// (and comes with Retry-After); not 400, as the query may be valid.
		return http.StatusGatewayTimeout
	case graph.KindMemoryLimit:
		// The request is well formed but cannot be carried out within
		// the server's per-query limits, as 422 says.
		return http.StatusUnprocessableEntity
	case graph.KindBusy:
		return http.StatusServiceUnavailable
	case graph.KindUnauthorized:
		return http.StatusUnauthorized
	case graph.KindForbidden:
		return http.StatusForbidden
	case graph.KindUnsupportedMedia:
		return http.StatusUnsupportedMediaType
	default:
		return http.StatusInternalServerError
	}
}

// retryAfterSeconds is what a 503 tells clients to wait before retrying.
const retryAfterSeconds = 5

// Problem is an RFC 9457 problem details object, with actorgraph's
// extension members.
type Problem struct {
	Type      string `json:"type"`
	Title     string `json:"title"`
	Status    int    `json:"status"`
	Detail    string `json:"detail"`
	Instance  string `json:"instance,omitempty"`
	RequestID string `json:"requestId,omitempty"`
	// Param names the query parameter or field at fault.
	Param string `json:"param,omitempty"`
	// Code is the backend's error code (e.g. Neo4j's), for Cypher errors.
	Code   string `json:"code,omitempty"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
	Store  string `json:"store,omitempty"`
}

// writeError renders err as problem+json. Internal errors are logged in
// full and shown to the client as a generic message.
func writeError(c *gin.Context, logger *slog.Logger, err error) {
	err = graph.ContextError(err)
	kind := graph.KindOf(err)
	status := statusOf(kind)
	p := Problem{
		Type:      "/problems/" + string(kind),
		Title:     http.StatusText(status),
		Status:    status,
		Detail:    graph.MessageOf(err),
		Instance:  c.Request.URL.Path,
		RequestID: c.GetString(requestIDKey),
	}
	var ge *graph.Error
	if errors.As(err, &ge) && kind != graph.KindInternal {
		p.Param, p.Code, p.Line, p.Column = ge.Param, ge.Code, ge.Line, ge.Column
	}
	switch {
	case kind == graph.KindBusy:
		// Shedding is the design under load, not a fault: one line per
		// refused call at Warn would flood the log just when it matters.
		logger.Debug("shedding load", "requestId", p.RequestID, "path", c.Request.URL.Path, "err", err)
		c.Header("Retry-After", strconv.Itoa(busyRetryAfter))
	case kind == graph.KindTimeout:
		logger.Warn("request timed out", "requestId", p.RequestID, "path", c.Request.URL.Path, "err", err)
	case status >= 500 && kind != graph.KindUnavailable:
		logger.Error("request failed", "requestId", p.RequestID, "path", c.Request.URL.Path, "err", err)
	case kind == graph.KindUnavailable:
		logger.Warn("store unavailable", "requestId", p.RequestID, "path", c.Request.URL.Path, "err", err)
		c.Header("Retry-After", strconv.Itoa(retryAfterSeconds))
	case kind == graph.KindMemoryLimit:
		logger.Warn("query over its memory limit", "requestId", p.RequestID, "path", c.Request.URL.Path)
	}
	writeProblem(c, p)
}

func writeProblem(c *gin.Context, p Problem) {
	// Gin's JSON renderer keeps a Content-Type that is already set.
	c.Header("Content-Type", "application/problem+json")
	c.AbortWithStatusJSON(p.Status, p)
}
