package web

import (
	"encoding/json"
	"log/slog"

	"github.com/gin-gonic/gin"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/metrics"
)

// handleMetrics computes network metrics over a view of the graph:
// ?around= with the neighbourhood's parameters, or the POSTed
// {"nodes":[...]}, or the whole graph; narrowed by the neighbourhood's
// filters (types, asOf) and ?labels=. At most limits.MaxMetrics nodes are
// read (see metrics.Select). A POSTed {"graph": document} (a file the
// viewer opened) is measured on its own, nothing read from the store (see
// postedGraph).
func handleMetrics(logger *slog.Logger, store graph.Store, limits graph.Limits, post bool) gin.HandlerFunc {
	return answer(logger, func(c *gin.Context) (any, error) {
		// The neighbourhood's own parser, so that metrics take exactly
		// the filters a neighbourhood and an export take.
		q, err := neighborhoodQuery(c, limits)
		if err != nil {
			return nil, err
		}
		if c.Query("limit") == "" {
			// One node past the bound, so that a neighbourhood too big
			// for metrics is refused rather than silently cut.
			q.Limit = min(limits.MaxMetrics+1, limits.MaxNeighborhood)
		}
		v := metrics.View{Around: c.Query("around"), Query: q, Labels: listParam(c, "labels")}
		ctx := c.Request.Context()
		from := store
		if post {
			var req struct {
				Nodes []string        `json:"nodes"`
				Graph json.RawMessage `json:"graph"`
			}
			if err := decodeBody(c, &req); err != nil {
				return nil, err
			}
			switch {
			case !absent(req.Graph):
				if from, req.Nodes, err = postedGraph(ctx, req.Graph, req.Nodes, limits, limits.MaxMetrics); err != nil {
					return nil, err
				}
			case req.Nodes == nil:
				req.Nodes = []string{}
			}
			v.Nodes = req.Nodes
		}
		g, truncated, err := metrics.Select(ctx, from, v, limits.MaxMetrics)
		if err != nil {
			return nil, err
		}
		res, err := metrics.Compute(ctx, g)
		if err != nil {
			return nil, err
		}
		res.Truncated = truncated
		return res, nil
	})
}
