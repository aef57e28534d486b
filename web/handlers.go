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
	"github.com/actorgraph/actorgraph/graph/memstore"
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

// answer adapts a handler that returns its answer or an error, so that
// one place writes answers (200, as JSON, or an attachment) and one,
// writeError with its table, every problem.
func answer(logger *slog.Logger, fn func(c *gin.Context) (any, error)) gin.HandlerFunc {
	return func(c *gin.Context) {
		v, err := fn(c)
		if err != nil {
			writeError(c, logger, err)
			return
		}
		if a, ok := v.(attachment); ok {
			c.Header("Content-Disposition", fmt.Sprintf("attachment; filename=%q", a.filename))
			c.Data(http.StatusOK, a.mediaType, a.body)
			return
		}
		if b, ok := appendAnswer(make([]byte, 0, answerSize(v)), v); ok {
			c.Data(http.StatusOK, "application/json; charset=utf-8", b)
			return
		}
		c.JSON(http.StatusOK, v)
	}
}

// attachment is an answer sent as a file to save.
type attachment struct {
	filename, mediaType string
	body                []byte
}

func handleSchema(logger *slog.Logger, store graph.Store) gin.HandlerFunc {
	return answer(logger, func(c *gin.Context) (any, error) {
		return store.Schema(c.Request.Context())
	})
}

func handleVocabulary() gin.HandlerFunc {
	return func(c *gin.Context) {
		c.JSON(http.StatusOK, gin.H{"labels": graph.Labels(), "relationshipTypes": graph.RelTypes()})
	}
}

// handleLimits tells clients the bounds this server enforces, so the viewer
// reads them instead of repeating the defaults.
func handleLimits(cfg Config) gin.HandlerFunc {
	l := cfg.Limits
	body := gin.H{
		"maxDepth": l.MaxDepth, "maxNeighborhood": l.MaxNeighborhood, "defaultNeighborhood": l.DefaultNeighborhood,
		"maxSearch": l.MaxSearch, "defaultSearch": l.DefaultSearch,
		"maxK": l.MaxK, "defaultK": l.DefaultK,
		"maxPathLength": l.MaxPathLength, "defaultPathLength": l.DefaultPathLength,
		"maxSubgraph": l.MaxSubgraph, "maxBodyBytes": cfg.MaxBodyBytes,
		"cypherMaxRows": cfg.CypherMaxRows, "cypherTimeoutMs": cfg.CypherTimeout.Milliseconds(),
	}
	return func(c *gin.Context) {
		c.JSON(http.StatusOK, body)
	}
}

func handleSearch(logger *slog.Logger, store graph.Store, limits graph.Limits) gin.HandlerFunc {
	return answer(logger, func(c *gin.Context) (any, error) {
		limit, err := intParam(c, "limit", 1, limits.MaxSearch)
		if err != nil {
			return nil, err
		}
		q := graph.SearchQuery{Text: c.Query("q"), Labels: listParam(c, "label"), Limit: limit}
		if err := q.Normalize(limits); err != nil {
			return nil, err
		}
		nodes, err := store.Search(c.Request.Context(), q)
		if err != nil {
			return nil, err
		}
		if nodes == nil {
			nodes = []graph.Node{}
		}
		return gin.H{"nodes": nodes}, nil
	})
}

func handleNode(logger *slog.Logger, store graph.Store) gin.HandlerFunc {
	return answer(logger, func(c *gin.Context) (any, error) {
		return graph.Resolve(c.Request.Context(), store, c.Param("id"))
	})
}

func handleNeighborhood(logger *slog.Logger, store graph.Store, limits graph.Limits) gin.HandlerFunc {
	return answer(logger, func(c *gin.Context) (any, error) {
		q, err := neighborhoodQuery(c, limits)
		if err != nil {
			return nil, err
		}
		// The store resolves the id or key itself, in the same query.
		nb, err := store.Neighborhood(c.Request.Context(), c.Param("id"), q)
		return nonNil(nb), err
	})
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
	grades, err := gradeParams(c)
	if err != nil {
		return graph.NeighborhoodQuery{}, err
	}
	q := graph.NeighborhoodQuery{
		Depth: depth, Limit: limit, Types: listParam(c, "types"),
		Direction: graph.Direction(c.Query("direction")), AsOf: c.Query("asOf"), Grades: grades,
	}
	return q, q.Normalize(limits)
}

// gradeParams reads minReliability and minCredibility, the grade
// thresholds every graph query takes (see graph.GradeFilter).
func gradeParams(c *gin.Context) (graph.GradeFilter, error) {
	return graph.ParseGradeFilter(c.Query("minReliability"), c.Query("minCredibility"))
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
	return answer(logger, func(c *gin.Context) (any, error) {
		k, err := intParam(c, "k", 1, limits.MaxK)
		if err != nil {
			return nil, err
		}
		maxLen, err := intParam(c, "maxLength", 1, limits.MaxPathLength)
		if err != nil {
			return nil, err
		}
		grades, err := gradeParams(c)
		if err != nil {
			return nil, err
		}
		q := graph.PathQuery{From: c.Query("from"), To: c.Query("to"), K: k, MaxLength: maxLen,
			Types: listParam(c, "types"), Direction: graph.Direction(c.Query("direction")), Grades: grades}
		if err := q.Normalize(limits); err != nil {
			return nil, err
		}
		paths, err := store.Paths(c.Request.Context(), q)
		if err != nil {
			return nil, err
		}
		if paths == nil {
			paths = []graph.Path{}
		}
		return gin.H{"paths": paths}, nil
	})
}

// handleClaims lists the claims for and against each tie between ?a= and
// ?b= (ids or keys), with their corroboration (see graph.Corroborate).
func handleClaims(logger *slog.Logger, store graph.Store) gin.HandlerFunc {
	return answer(logger, func(c *gin.Context) (any, error) {
		grades, err := gradeParams(c)
		if err != nil {
			return nil, err
		}
		return graph.Corroborate(c.Request.Context(), store, graph.CorroborateQuery{
			A: c.Query("a"), B: c.Query("b"), Types: listParam(c, "types"), Grades: grades})
	})
}

// handleTies answers, for every tie among the nodes of the body (ids or
// keys, as many as a subgraph may have), its corroboration without the
// claims (see graph.CorroborateAmong): the viewer marks single-source
// and contested ties on the canvas with one call. A body with a graph (an
// actorgraph/v1 document, such as a file the viewer opened) instead of
// nodes is counted on its own, nothing from the store: it is loaded into
// a scratch embedded store, with a load's validation, and every tie among
// its nodes comes with its claims, which the caller holds anyway.
func handleTies(logger *slog.Logger, store graph.Store, limits graph.Limits) gin.HandlerFunc {
	return answer(logger, func(c *gin.Context) (any, error) {
		var req struct {
			Nodes []string        `json:"nodes"`
			Graph json.RawMessage `json:"graph"`
		}
		if err := decodeBody(c, &req); err != nil {
			return nil, err
		}
		grades, err := gradeParams(c)
		if err != nil {
			return nil, err
		}
		q := graph.TiesQuery{Nodes: req.Nodes, Types: listParam(c, "types"), Grades: grades}
		if absent(req.Graph) {
			if err := q.Normalize(limits); err != nil {
				return nil, err
			}
			ties, err := graph.CorroborateAmong(c.Request.Context(), store, q)
			if err != nil {
				return nil, err
			}
			return gin.H{"ties": ties}, nil
		}
		ties, err := postedTies(c.Request.Context(), req.Graph, req.Nodes, q, limits)
		if err != nil {
			return nil, err
		}
		return gin.H{"ties": ties}, nil
	})
}

// absent reports whether a JSON member was left out or sent as null.
func absent(m json.RawMessage) bool { return len(m) == 0 || string(m) == "null" }

// postedTies counts the ties of a posted actorgraph/v1 document among all
// its nodes (see postedGraph).
func postedTies(ctx context.Context, doc []byte, nodes []string, q graph.TiesQuery, limits graph.Limits) ([]graph.Tie, error) {
	scratch, ids, err := postedGraph(ctx, doc, nodes, limits, limits.MaxSubgraph)
	if err != nil {
		return nil, err
	}
	q.Nodes = ids
	if err := q.Normalize(limits); err != nil {
		return nil, err
	}
	return graph.TiesAmong(ctx, scratch, q)
}

// postedGraph reads a posted actorgraph/v1 document (a file the viewer
// opened, which the store does not hold) into a scratch embedded store,
// with a load's validation, for the calls that answer about a document
// alone (claims, metrics). nodes is the body's node list, which must be
// absent beside a graph. It returns the store and the ids of the
// document's nodes, at least one and at most maxNodes: a bigger document
// is refused before it is loaded.
func postedGraph(ctx context.Context, doc []byte, nodes []string, limits graph.Limits, maxNodes int) (graph.Store, []string, error) {
	if nodes != nil {
		return nil, nil, graph.InvalidParam("body", "send nodes or a graph, not both")
	}
	g, err := exchange.DecodeJSON("graph", doc)
	if err != nil {
		var ps exchange.Problems
		if errors.As(err, &ps) && len(ps) > 3 {
			return nil, nil, graph.InvalidParam("graph", "graph is not an actorgraph/v1 document: %v (and %d more problems)", ps[:3], len(ps)-3)
		}
		return nil, nil, graph.InvalidParam("graph", "graph is not an actorgraph/v1 document: %v", err)
	}
	if len(g.Nodes) == 0 || len(g.Nodes) > maxNodes {
		return nil, nil, graph.InvalidParam("graph", "graph must have between 1 and %d nodes, got %d", maxNodes, len(g.Nodes))
	}
	ids := make([]string, len(g.Nodes))
	for i, n := range g.Nodes {
		ids[i] = n.ID
	}
	scratch := memstore.New(limits)
	if _, err := scratch.Load(ctx, g); err != nil {
		return nil, nil, err
	}
	return scratch, ids, nil
}

// handleExportGet exports the neighbourhood of ?around= (to ?depth=, up
// to ?limit= nodes, by default the most a neighbourhood may have), or the
// whole graph when around is absent.
func handleExportGet(logger *slog.Logger, store graph.Store, cfg Config) gin.HandlerFunc {
	return answer(logger, func(c *gin.Context) (any, error) {
		format, err := exchange.LookupWriter(c.Query("format"))
		if err != nil {
			return nil, err
		}
		sel := exchange.Selection{Around: c.Query("around"), MaxNodes: cfg.Limits.MaxSubgraph}
		if sel.Grades, err = gradeParams(c); err != nil {
			return nil, err
		}
		if sel.Around == "" {
			// The whole graph has no depth or limit: a value that would be
			// ignored is refused instead.
			for _, p := range []string{"depth", "limit", "types", "direction", "asOf"} {
				if _, ok := c.GetQuery(p); ok {
					return nil, graph.InvalidParam(p, "%s applies to the neighbourhood of around; without around the whole graph is exported", p)
				}
			}
		} else {
			if sel.Neighborhood, err = neighborhoodQuery(c, cfg.Limits); err != nil {
				return nil, err
			}
			if c.Query("limit") == "" {
				sel.Neighborhood.Limit = cfg.Limits.MaxNeighborhood
			}
		}
		return export(c, store, sel, format, cfg.Now())
	})
}

// handleExportPost exports the given nodes (ids or keys) and the
// relationships among them.
func handleExportPost(logger *slog.Logger, store graph.Store, cfg Config) gin.HandlerFunc {
	return answer(logger, func(c *gin.Context) (any, error) {
		format, err := exchange.LookupWriter(c.Query("format"))
		if err != nil {
			return nil, err
		}
		var req struct {
			Nodes []string `json:"nodes"`
		}
		if err := decodeBody(c, &req); err != nil {
			return nil, err
		}
		auditOf(c).Requested = len(req.Nodes)
		if req.Nodes == nil {
			req.Nodes = []string{}
		}
		grades, err := gradeParams(c)
		if err != nil {
			return nil, err
		}
		return export(c, store, exchange.Selection{Nodes: req.Nodes, MaxNodes: cfg.Limits.MaxSubgraph, Grades: grades}, format, cfg.Now())
	})
}

// export selects the graph and writes it as an attachment.
func export(c *gin.Context, store graph.Store, sel exchange.Selection, format exchange.Writer, now time.Time) (any, error) {
	g, err := exchange.Select(c.Request.Context(), store, sel)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := format.Write(&buf, g, now); err != nil {
		return nil, graph.Internal(err)
	}
	a := auditOf(c)
	a.Rows, a.Relationships = len(g.Nodes), len(g.Relationships)
	return attachment{filename: format.Filename(), mediaType: format.MediaType, body: buf.Bytes()}, nil
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
	return answer(logger, func(c *gin.Context) (any, error) {
		var req struct {
			Query  string         `json:"query"`
			Params map[string]any `json:"params"`
		}
		if err := decodeBody(c, &req); err != nil {
			return nil, err
		}
		a := auditOf(c)
		a.setQuery(req.Query)
		a.setParams(req.Params)
		if strings.TrimSpace(req.Query) == "" {
			return nil, graph.InvalidParam("query", "query is required")
		}
		if len(req.Query) > cfg.CypherMaxQueryBytes {
			return nil, graph.InvalidParam("query", "query is longer than %d bytes", cfg.CypherMaxQueryBytes)
		}
		params, err := graph.NormalizeParams(req.Params)
		if err != nil {
			return nil, graph.InvalidParam("params", "%v", err)
		}
		ctx, cancel := context.WithTimeout(c.Request.Context(), cfg.CypherTimeout)
		defer cancel()
		res, err := store.Cypher(ctx, graph.CypherQuery{
			Query: req.Query, Params: params, MaxRows: cfg.CypherMaxRows, TimeoutMs: int(cfg.CypherTimeout.Milliseconds()),
		})
		if err != nil {
			return nil, err
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
		a.Rows, a.Truncated = len(res.Rows), res.Stats.Truncated
		return res, nil
	})
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
