package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/exchange"
)

// intParam reads an optional integer query parameter in lo..hi; absent
// means 0, which the query's Normalize turns into the default. An explicit
// 0 is out of range, not a request for the default.
func intParam(c *gin.Context, name string, lo, hi int) (int, error) {
	s := c.Query(name)
	if s == "" {
		return 0, nil
	}
	v, err := strconv.Atoi(s)
	if err != nil || v < lo || v > hi {
		return 0, graph.InvalidParam(name, "%s must be an integer between %d and %d, got %q", name, lo, hi, s)
	}
	return v, nil
}

// listParam reads a comma-separated or repeated parameter.
func listParam(c *gin.Context, name string) []string {
	var out []string
	for _, v := range c.QueryArray(name) {
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

func handleHealth(logger *slog.Logger, store graph.Store, dataset string) gin.HandlerFunc {
	return func(c *gin.Context) {
		if err := store.Ping(c.Request.Context()); err != nil {
			logger.Warn("health check failed", "store", store.Name(), "err", err)
			c.Header("Retry-After", strconv.Itoa(retryAfterSeconds))
			writeProblem(c, Problem{
				Type: "/problems/" + string(graph.KindUnavailable), Title: http.StatusText(http.StatusServiceUnavailable),
				Status: http.StatusServiceUnavailable, Detail: "the graph store is unavailable",
				Instance: c.Request.URL.Path, RequestID: c.GetString(requestIDKey), Store: store.Name(),
			})
			return
		}
		body := gin.H{"status": "ok", "store": store.Name()}
		if dataset != "" {
			body["dataset"] = dataset
		}
		c.JSON(http.StatusOK, body)
	}
}

func handleSchema(logger *slog.Logger, store graph.Store) gin.HandlerFunc {
	return func(c *gin.Context) {
		s, err := store.Schema(c.Request.Context())
		if err != nil {
			writeError(c, logger, err)
			return
		}
		c.JSON(http.StatusOK, s)
	}
}

func handleVocabulary() gin.HandlerFunc {
	return func(c *gin.Context) {
		c.JSON(http.StatusOK, gin.H{"labels": graph.Labels(), "relationshipTypes": graph.RelTypes()})
	}
}

func handleSearch(logger *slog.Logger, store graph.Store, limits graph.Limits) gin.HandlerFunc {
	return func(c *gin.Context) {
		limit, err := intParam(c, "limit", 1, limits.MaxSearch)
		if err != nil {
			writeError(c, logger, err)
			return
		}
		q := graph.SearchQuery{Text: c.Query("q"), Labels: listParam(c, "label"), Limit: limit}
		if err := q.Normalize(limits); err != nil {
			writeError(c, logger, err)
			return
		}
		nodes, err := store.Search(c.Request.Context(), q)
		if err != nil {
			writeError(c, logger, err)
			return
		}
		if nodes == nil {
			nodes = []graph.Node{}
		}
		c.JSON(http.StatusOK, gin.H{"nodes": nodes})
	}
}

func handleNode(logger *slog.Logger, store graph.Store) gin.HandlerFunc {
	return func(c *gin.Context) {
		n, err := graph.Resolve(c.Request.Context(), store, c.Param("id"))
		if err != nil {
			writeError(c, logger, err)
			return
		}
		c.JSON(http.StatusOK, n)
	}
}

func handleNeighborhood(logger *slog.Logger, store graph.Store, limits graph.Limits) gin.HandlerFunc {
	return func(c *gin.Context) {
		q, err := neighborhoodQuery(c, limits)
		if err != nil {
			writeError(c, logger, err)
			return
		}
		// The store resolves the id or key itself, in the same query.
		nb, err := store.Neighborhood(c.Request.Context(), c.Param("id"), q)
		if err != nil {
			writeError(c, logger, err)
			return
		}
		c.JSON(http.StatusOK, nonNil(nb))
	}
}

func neighborhoodQuery(c *gin.Context, limits graph.Limits) (graph.NeighborhoodQuery, error) {
	depth, err := intParam(c, "depth", 1, limits.MaxDepth)
	if err != nil {
		return graph.NeighborhoodQuery{}, err
	}
	limit, err := intParam(c, "limit", 1, limits.MaxNeighborhood)
	if err != nil {
		return graph.NeighborhoodQuery{}, err
	}
	q := graph.NeighborhoodQuery{
		Depth: depth, Limit: limit, Types: listParam(c, "types"),
		Direction: graph.Direction(c.Query("direction")), AsOf: c.Query("asOf"),
	}
	return q, q.Normalize(limits)
}

func nonNil(nb graph.Neighborhood) graph.Neighborhood {
	if nb.Nodes == nil {
		nb.Nodes = []graph.Node{}
	}
	if nb.Relationships == nil {
		nb.Relationships = []graph.Relationship{}
	}
	return nb
}

func handlePaths(logger *slog.Logger, store graph.Store, limits graph.Limits) gin.HandlerFunc {
	return func(c *gin.Context) {
		k, err := intParam(c, "k", 1, limits.MaxK)
		if err != nil {
			writeError(c, logger, err)
			return
		}
		maxLen, err := intParam(c, "maxLength", 1, limits.MaxPathLength)
		if err != nil {
			writeError(c, logger, err)
			return
		}
		q := graph.PathQuery{From: c.Query("from"), To: c.Query("to"), K: k, MaxLength: maxLen,
			Types: listParam(c, "types"), Direction: graph.Direction(c.Query("direction"))}
		if err := q.Normalize(limits); err != nil {
			writeError(c, logger, err)
			return
		}
		paths, err := store.Paths(c.Request.Context(), q)
		if err != nil {
			writeError(c, logger, err)
			return
		}
		if paths == nil {
			paths = []graph.Path{}
		}
		c.JSON(http.StatusOK, gin.H{"paths": paths})
	}
}

// handleExportGet exports the neighbourhood of ?around= (to ?depth=, up
// to ?limit= nodes, by default the most a neighbourhood may have), or the
// whole graph when around is absent.
func handleExportGet(logger *slog.Logger, store graph.Store, cfg Config) gin.HandlerFunc {
	return func(c *gin.Context) {
		format, err := exchange.LookupWriter(c.Query("format"))
		if err != nil {
			writeError(c, logger, err)
			return
		}
		sel := exchange.Selection{Around: c.Query("around"), MaxNodes: cfg.Limits.MaxSubgraph}
		if sel.Around != "" {
			if sel.Neighborhood, err = neighborhoodQuery(c, cfg.Limits); err != nil {
				writeError(c, logger, err)
				return
			}
			if c.Query("limit") == "" {
				sel.Neighborhood.Limit = cfg.Limits.MaxNeighborhood
			}
		}
		writeExport(c, logger, store, sel, format, cfg.Now())
	}
}

// handleExportPost exports the given nodes (ids or keys) and the
// relationships among them.
func handleExportPost(logger *slog.Logger, store graph.Store, cfg Config) gin.HandlerFunc {
	return func(c *gin.Context) {
		format, err := exchange.LookupWriter(c.Query("format"))
		if err != nil {
			writeError(c, logger, err)
			return
		}
		var req struct {
			Nodes []string `json:"nodes"`
		}
		if err := decodeBody(c, &req); err != nil {
			writeError(c, logger, err)
			return
		}
		if req.Nodes == nil {
			req.Nodes = []string{}
		}
		writeExport(c, logger, store, exchange.Selection{Nodes: req.Nodes, MaxNodes: cfg.Limits.MaxSubgraph}, format, cfg.Now())
	}
}

// writeExport selects the graph and sends it as an attachment.
func writeExport(c *gin.Context, logger *slog.Logger, store graph.Store, sel exchange.Selection, format exchange.Writer, now time.Time) {
	g, err := exchange.Select(c.Request.Context(), store, sel)
	if err != nil {
		writeError(c, logger, err)
		return
	}
	var buf bytes.Buffer
	if err := format.Write(&buf, g, now); err != nil {
		writeError(c, logger, graph.Internal(err))
		return
	}
	c.Header("Content-Disposition", fmt.Sprintf("attachment; filename=%q", format.Filename()))
	c.Data(http.StatusOK, format.MediaType, buf.Bytes())
}

// decodeBody reads a JSON body strictly: unknown fields, trailing data
// and oversized bodies are client errors.
func decodeBody(c *gin.Context, v any) error {
	dec := json.NewDecoder(c.Request.Body)
	dec.DisallowUnknownFields()
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return graph.InvalidParam("body", "request body is larger than %d bytes", mbe.Limit)
		}
		return graph.InvalidParam("body", "request body is not valid JSON for this endpoint: %v", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return graph.InvalidParam("body", "request body has data after the JSON value")
	}
	return nil
}

func handleCypher(logger *slog.Logger, store graph.Store, cfg Config) gin.HandlerFunc {
	return func(c *gin.Context) {
		var req struct {
			Query  string         `json:"query"`
			Params map[string]any `json:"params"`
		}
		if err := decodeBody(c, &req); err != nil {
			writeError(c, logger, err)
			return
		}
		if strings.TrimSpace(req.Query) == "" {
			writeError(c, logger, graph.InvalidParam("query", "query is required"))
			return
		}
		if len(req.Query) > cfg.CypherMaxQueryBytes {
			writeError(c, logger, graph.InvalidParam("query", "query is longer than %d bytes", cfg.CypherMaxQueryBytes))
			return
		}
		params, err := graph.NormalizeParams(req.Params)
		if err != nil {
			writeError(c, logger, graph.InvalidParam("params", "%v", err))
			return
		}
		ctx, cancel := context.WithTimeout(c.Request.Context(), cfg.CypherTimeout)
		defer cancel()
		res, err := store.Cypher(ctx, graph.CypherQuery{
			Query: req.Query, Params: params, MaxRows: cfg.CypherMaxRows, TimeoutMs: int(cfg.CypherTimeout.Milliseconds()),
		})
		if err != nil {
			writeError(c, logger, err)
			return
		}
		for _, row := range res.Rows {
			for i := range row {
				row[i] = jsonSafe(row[i])
			}
		}
		if res.Rows == nil {
			res.Rows = [][]any{}
		}
		if res.Columns == nil {
			res.Columns = []string{}
		}
		res.Graph = nonNil(graph.Neighborhood{Graph: res.Graph}).Graph
		c.JSON(http.StatusOK, res)
	}
}

// jsonSafe replaces values JSON cannot carry (NaN, ±Inf) with strings.
func jsonSafe(v any) any {
	switch x := v.(type) {
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return strconv.FormatFloat(x, 'g', -1, 64)
		}
	case []any:
		for i := range x {
			x[i] = jsonSafe(x[i])
		}
	case map[string]any:
		for k := range x {
			x[k] = jsonSafe(x[k])
		}
	}
	return v
}

func handleNoMethod() gin.HandlerFunc {
	return func(c *gin.Context) {
		writeProblem(c, Problem{Type: "/problems/method-not-allowed", Title: http.StatusText(http.StatusMethodNotAllowed),
			Status: http.StatusMethodNotAllowed, Detail: fmt.Sprintf("%s is not allowed on %s", c.Request.Method, c.Request.URL.Path),
			Instance: c.Request.URL.Path, RequestID: c.GetString(requestIDKey)})
	}
}
