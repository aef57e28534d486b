// Package web is actorgraph's HTTP service: the JSON API over a graph.Store
// (every route is listed in routes.go), its OpenAPI description, and the
// embedded viewer.
package web

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/actorgraph/actorgraph/graph"
)

// Config holds the service's bounds. Start from DefaultConfig.
type Config struct {
	Limits graph.Limits
	// MaxBodyBytes bounds request bodies.
	MaxBodyBytes int64
	// QueryTimeout bounds each API call's work in the store.
	QueryTimeout time.Duration
	// CypherTimeout, CypherMaxRows and CypherMaxQueryBytes bound POST
	// /api/cypher.
	CypherTimeout       time.Duration
	CypherMaxRows       int
	CypherMaxQueryBytes int
	// Now is the clock used for export timestamps.
	Now func() time.Time
	// Admission bounds the heavy calls (see admission.go).
	Admission AdmissionConfig
	// Dataset says what the store serves (e.g. the article dataset built
	// into the binary); /api/health reports it.
	Dataset string
}

// DefaultConfig returns safe defaults.
func DefaultConfig() Config {
	return Config{
		Limits:              graph.DefaultLimits(),
		MaxBodyBytes:        1 << 20,
		QueryTimeout:        15 * time.Second,
		CypherTimeout:       10 * time.Second,
		CypherMaxRows:       10000,
		CypherMaxQueryBytes: 64 << 10,
		Now:                 time.Now,
	}
}

// NewServer returns the whole service as one handler.
func NewServer(logger *slog.Logger, store graph.Store, cfg Config) http.Handler {
	// Gin's mode is process-wide; release mode only silences its debug
	// printing, which would otherwise bypass our logger.
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.HandleMethodNotAllowed = true
	// Every API answer is JSON: /api/nodes/ is a 404 problem, not an HTML
	// redirect.
	r.RedirectTrailingSlash = false
	r.ContextWithFallback = true
	addRoutes(r, logger, store, cfg, newAssets(logger))
	return r
}
