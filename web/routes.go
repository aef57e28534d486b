package web

import (
	"log/slog"

	"github.com/gin-gonic/gin"

	"github.com/actorgraph/actorgraph/graph"
)

// addRoutes is the one place that lists every endpoint. openapi.json
// describes each of them; a test checks the two agree.
func addRoutes(r *gin.Engine, logger *slog.Logger, store graph.Store, cfg Config, assets *assets) {
	r.Use(requestID(), accessLog(logger), recoverer(logger), securityHeaders())

	api := r.Group("/api", bodyLimit(cfg.MaxBodyBytes), queryTimeout(cfg.QueryTimeout))
	heavy, cypher := admissions(cfg.Admission) // see admission.go
	api.GET("/health", handleHealth(logger, store, cfg.Dataset))
	api.GET("/schema", handleSchema(logger, store))
	api.GET("/vocabulary", handleVocabulary())
	api.GET("/nodes", heavy, handleSearch(logger, store, cfg.Limits))
	api.GET("/nodes/:id", handleNode(logger, store))
	api.GET("/nodes/:id/neighborhood", heavy, handleNeighborhood(logger, store, cfg.Limits))
	api.GET("/paths", heavy, handlePaths(logger, store, cfg.Limits))
	api.GET("/export", heavy, handleExportGet(logger, store, cfg))
	api.POST("/export", heavy, handleExportPost(logger, store, cfg))
	// Network metrics take up to seconds of CPU (betweenness), like a long
	// Cypher query: they share its pool so that they cannot starve the
	// viewer's graph calls.
	api.GET("/metrics", cypher, handleMetrics(logger, store, cfg.Limits, false))
	api.POST("/metrics", cypher, handleMetrics(logger, store, cfg.Limits, true))
	api.POST("/cypher", cypher, handleCypher(logger, store, cfg))
	api.GET("/openapi.json", handleOpenAPI())

	r.NoRoute(handleNoRoute(assets))
	r.NoMethod(handleNoMethod())
}
