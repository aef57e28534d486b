package web

import (
	"net/http"
	"runtime"
	"strconv"

	"github.com/gin-gonic/gin"
)

// Admission control for the heavy calls (Cypher, neighbourhoods, paths,
// search, exports): at most Running of them work at once, at most Queue
// more wait for a turn, and any beyond that are refused at once with 503
// and Retry-After, so that under overload clients hear "busy" in
// microseconds instead of all timing out together, and the cheap calls
// (a node, health, schema), which do not pass through here, stay fast.
// A call that waits past its own deadline is refused the same way: it
// never started, so it did not time out.

// AdmissionConfig bounds the heavy calls; zero values take defaults.
type AdmissionConfig struct {
	// Running is how many heavy calls work at once; default max(2,
	// GOMAXPROCS): the embedded store's queries are CPU-bound.
	Running int
	// Queue is how many more may wait for a turn; default 2×Running.
	Queue int
}

func (a AdmissionConfig) withDefaults() AdmissionConfig {
	if a.Running <= 0 {
		a.Running = max(2, runtime.GOMAXPROCS(0))
	}
	if a.Queue < 0 {
		a.Queue = 0
	} else if a.Queue == 0 {
		a.Queue = 2 * a.Running
	}
	return a
}

// busyRetryAfter is what a refused call is told to wait, in seconds: heavy
// calls take milliseconds to seconds, so the queue turns over quickly.
const busyRetryAfter = 1

// admission is the shared state of one server's heavy calls.
type admission struct {
	running chan struct{} // a token per working call
	tickets chan struct{} // a token per working or waiting call
}

func newAdmission(cfg AdmissionConfig) *admission {
	cfg = cfg.withDefaults()
	return &admission{
		running: make(chan struct{}, cfg.Running),
		tickets: make(chan struct{}, cfg.Running+cfg.Queue),
	}
}

// heavy admits a call or refuses it with 503.
func (a *admission) heavy() gin.HandlerFunc {
	return func(c *gin.Context) {
		select {
		case a.tickets <- struct{}{}:
		default:
			busy(c, "the server is at its limit of heavy calls (running and queued); try again in a moment")
			return
		}
		defer func() { <-a.tickets }()
		select {
		case a.running <- struct{}{}:
		case <-c.Request.Context().Done():
			busy(c, "the server was busy with other heavy calls for as long as this one could wait")
			return
		}
		defer func() { <-a.running }()
		c.Next()
	}
}

func busy(c *gin.Context, detail string) {
	c.Header("Retry-After", strconv.Itoa(busyRetryAfter))
	writeProblem(c, Problem{
		Type: "/problems/busy", Title: http.StatusText(http.StatusServiceUnavailable), Status: http.StatusServiceUnavailable,
		Detail: detail, Instance: c.Request.URL.Path, RequestID: c.GetString(requestIDKey),
	})
}
