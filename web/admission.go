package web

import (
	"log/slog"
	"runtime"

	"github.com/gin-gonic/gin"

	"github.com/actorgraph/actorgraph/graph"
)

// Admission control for the heavy calls: at most Running of them work at
// once, at most Queue more wait for a turn, and any beyond that are
// refused at once with 503 and Retry-After, so that under overload clients
// hear "busy" in microseconds instead of all timing out together, and the
// cheap calls (a node, health, schema), which do not pass through here,
// stay fast. A call that waits past its own deadline is refused the same
// way: it never started, so it did not time out.
//
// Users' Cypher has a pool of its own, beside the graph calls
// (neighbourhoods, paths, search, exports): a Cypher query may run until
// its time limit, and a few hostile ones must not starve the calls the
// viewer makes, which are bounded by design.

// AdmissionConfig bounds the heavy calls; zero values take defaults.
type AdmissionConfig struct {
	// Running is how many graph calls work at once; default max(2,
	// GOMAXPROCS): the embedded store's queries are CPU-bound.
	Running int
	// Cypher is how many Cypher queries work at once; default max(1,
	// GOMAXPROCS/2), so that they leave cores to everything else.
	Cypher int
	// Queue is how many more calls of each pool may wait for a turn;
	// default twice the pool's size, -1 for none.
	Queue int
}

func (a AdmissionConfig) withDefaults() AdmissionConfig {
	if a.Running <= 0 {
		a.Running = max(2, runtime.GOMAXPROCS(0))
	}
	if a.Cypher <= 0 {
		a.Cypher = max(1, runtime.GOMAXPROCS(0)/2)
	}
	return a
}

// queue is the pool's queue length under the configuration.
func (a AdmissionConfig) queue(running int) int {
	switch {
	case a.Queue < 0:
		return 0
	case a.Queue == 0:
		return 2 * running
	}
	return a.Queue
}

// busyRetryAfter is what a refused call is told to wait, in seconds: heavy
// calls take milliseconds to seconds, so the queue turns over quickly.
const busyRetryAfter = 1

// admission is the shared state of one server's heavy calls.
type admission struct {
	running chan struct{} // a token per working call
	tickets chan struct{} // a token per working or waiting call
}

// newAdmission makes a pool of running working calls and their queue.
func newAdmission(running, queue int) *admission {
	return &admission{
		running: make(chan struct{}, running),
		tickets: make(chan struct{}, running+queue),
	}
}

// admissions returns the middleware of the two pools: graph calls and
// Cypher.
func admissions(logger *slog.Logger, cfg AdmissionConfig) (graphCalls, cypher gin.HandlerFunc) {
	cfg = cfg.withDefaults()
	return newAdmission(cfg.Running, cfg.queue(cfg.Running)).heavy(logger), newAdmission(cfg.Cypher, cfg.queue(cfg.Cypher)).heavy(logger)
}

// heavy admits a call or refuses it with 503.
func (a *admission) heavy(logger *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		select {
		case a.tickets <- struct{}{}:
		default:
			busy(c, logger, "the server is at its limit of heavy calls (running and queued); try again in a moment")
			return
		}
		defer func() { <-a.tickets }()
		select {
		case a.running <- struct{}{}:
		case <-c.Request.Context().Done():
			busy(c, logger, "the server was busy with other heavy calls for as long as this one could wait")
			return
		}
		defer func() { <-a.running }()
		c.Next()
	}
}

// busy refuses a call as the error table answers graph.KindBusy: 503,
// /problems/busy, Retry-After.
func busy(c *gin.Context, logger *slog.Logger, detail string) {
	writeError(c, logger, graph.Errorf(graph.KindBusy, "%s", detail))
}
