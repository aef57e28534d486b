package web

import (
	"log/slog"

	"github.com/gin-gonic/gin"

	"github.com/actorgraph/actorgraph/graph"
)

// addRoutes is the one place that lists every endpoint. openapi.json
// describes each of them; a test checks the two agree.
func addRoutes(r *gin.Engine, logger *slog.Logger, store graph.Store, cfg Config, assets *assets) {
	// Every request, the viewer's included, must name a Host this service
	// answers (DNS-rebinding guard); CORS headers only for the configured
	// origins.
	r.Use(requestID(), accessLog(logger), recoverer(logger), securityHeaders())
	if !cfg.withoutGuards {
		r.Use(hostCheck(logger, cfg.Hosts), cors(cfg.CORSOrigins))
	}

	api := r.Group("/api", bodyLimit(cfg.MaxBodyBytes), queryTimeout(cfg.QueryTimeout))
	heavy, cypher := admissions(logger, cfg.Admission) // see admission.go
	// Open, for health checks: with a token set it says nothing about the
	// data (not even which dataset is served).
	dataset := cfg.Dataset
	if cfg.Token != "" {
		dataset = ""
	}
	api.GET("/health", handleHealth(logger, store, dataset))

	// The rest: POSTs only from this origin and only as JSON, and the
	// access token when one is set. The guards come before admission, so
	// that refused requests never take a turn of the heavy calls.
	guards := []gin.HandlerFunc{sameOrigin(logger, cfg.CORSOrigins), requireToken(logger, cfg.Token), jsonBody(logger)}
	if cfg.withoutGuards {
		guards = nil
	}
	data := api.Group("", guards...)
	data.GET("/schema", handleSchema(logger, store))
	data.GET("/vocabulary", handleVocabulary())
	data.GET("/limits", handleLimits(cfg))
	data.GET("/nodes", heavy, handleSearch(logger, store, cfg.Limits))
	data.GET("/nodes/:id", handleNode(logger, store))
	data.GET("/nodes/:id/neighborhood", heavy, handleNeighborhood(logger, store, cfg.Limits))
	data.GET("/paths", heavy, handlePaths(logger, store, cfg.Limits))
	data.GET("/claims", heavy, handleClaims(logger, store))
	data.POST("/claims", heavy, handleTies(logger, store, cfg.Limits))
	data.GET("/openapi.json", handleOpenAPI())

	// Exports and Cypher are audited when an audit log is set, refusals
	// included, so the audit comes before the guards.
	exports := api.Group("", append([]gin.HandlerFunc{audit(logger, cfg.Audit, "export")}, guards...)...)
	exports.GET("/export", heavy, handleExportGet(logger, store, cfg))
	exports.POST("/export", heavy, handleExportPost(logger, store, cfg))
	cyphers := api.Group("", append([]gin.HandlerFunc{audit(logger, cfg.Audit, "cypher")}, guards...)...)
	cyphers.POST("/cypher", cypher, handleCypher(logger, store, cfg))
	// Network metrics take up to seconds of CPU (betweenness), like a long
	// Cypher query: they share its pool so that they cannot starve the
	// viewer's graph calls.
	data.GET("/metrics", cypher, handleMetrics(logger, store, cfg.Limits, false))
	data.POST("/metrics", cypher, handleMetrics(logger, store, cfg.Limits, true))

	r.NoRoute(handleNoRoute(assets))
	r.NoMethod(handleNoMethod())
}
