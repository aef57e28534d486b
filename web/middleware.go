package web

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"html"
	"log/slog"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"

	"github.com/actorgraph/actorgraph/graph"
)

const requestIDKey = "requestId"

// requestID gives every request an id, echoed in X-Request-Id and in
// every problem response, so a user's report can be found in the log.
func requestID() gin.HandlerFunc {
	return func(c *gin.Context) {
		id := uuid.NewString()
		c.Set(requestIDKey, id)
		c.Header("X-Request-Id", id)
		c.Next()
	}
}

func accessLog(logger *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		logger.Debug("request", "method", c.Request.Method, "path", c.Request.URL.Path,
			"status", c.Writer.Status(), "ms", time.Since(start).Milliseconds(), "requestId", c.GetString(requestIDKey))
	}
}

// recoverer turns a panic into a logged internal error and a generic 500.
func recoverer(logger *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				writeError(c, logger, graph.Internal(fmt.Errorf("panic: %v", v)))
			}
		}()
		c.Next()
	}
}

// securityHeaders: the viewer runs no inline script and talks only to its
// own origin, so the policy can be strict.
func securityHeaders() gin.HandlerFunc {
	const csp = "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; " +
		"connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
	return func(c *gin.Context) {
		h := c.Writer.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		c.Next()
	}
}

func bodyLimit(n int64) gin.HandlerFunc {
	return func(c *gin.Context) {
		if c.Request.Body != nil {
			c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, n)
		}
		c.Next()
	}
}

func queryTimeout(d time.Duration) gin.HandlerFunc {
	return func(c *gin.Context) {
		ctx, cancel := context.WithTimeout(c.Request.Context(), d)
		defer cancel()
		c.Request = c.Request.WithContext(ctx)
		c.Next()
	}
}

// hostCheck refuses requests whose Host the policy does not answer: a
// problem for /api, a plain page for the viewer. Both name the flag that
// adds a host.
func hostCheck(logger *slog.Logger, p HostPolicy) gin.HandlerFunc {
	return func(c *gin.Context) {
		host := c.Request.Host
		if p.Allows(host) {
			c.Next()
			return
		}
		logger.Warn("refused a request for a Host this service does not answer (DNS rebinding guard)",
			"host", truncate(host, 200), "client", c.Request.RemoteAddr, "path", c.Request.URL.Path, "requestId", c.GetString(requestIDKey))
		name := truncate(host, 100)
		if h, _, ok := splitHost(strings.ToLower(host)); ok {
			name = h
		}
		err := graph.Errorf(graph.KindForbidden,
			"Host %q is not served here: this actorgraph answers only %s, a guard against DNS rebinding. "+
				"To serve it under another name (behind a proxy, say), start it with --allowed-hosts %s (or ACTORGRAPH_ALLOWED_HOSTS=%s).",
			truncate(host, 100), p.describe(), name, name)
		if isAPI(c.Request.URL.Path) {
			writeError(c, logger, err)
			return
		}
		status := statusOf(graph.KindOf(err))
		page := "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>403 Forbidden</title></head>\n<body><h1>403 Forbidden</h1>\n<p>" +
			html.EscapeString(graph.MessageOf(err)) + "</p>\n<p>Request id: " + html.EscapeString(c.GetString(requestIDKey)) + "</p></body></html>\n"
		c.Header("Cache-Control", "no-store")
		c.Data(status, "text/html; charset=utf-8", []byte(page))
		c.Abort()
	}
}

// cors adds CORS headers for the configured origins on /api, and answers
// their preflights. With none configured it adds nothing: browsers then
// keep every other site from reading an answer.
func cors(origins []string) gin.HandlerFunc {
	if len(origins) == 0 {
		return func(c *gin.Context) { c.Next() }
	}
	allowed := map[string]bool{}
	for _, o := range origins {
		allowed[o] = true
	}
	return func(c *gin.Context) {
		if !isAPI(c.Request.URL.Path) {
			c.Next()
			return
		}
		h := c.Writer.Header()
		h.Add("Vary", "Origin")
		origin := c.GetHeader("Origin")
		if !allowed[strings.ToLower(origin)] {
			c.Next()
			return
		}
		h.Set("Access-Control-Allow-Origin", origin)
		h.Set("Access-Control-Expose-Headers", "X-Request-Id, Content-Disposition, Retry-After")
		if c.Request.Method == http.MethodOptions && c.GetHeader("Access-Control-Request-Method") != "" {
			h.Set("Access-Control-Allow-Methods", "GET, POST")
			h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type")
			h.Set("Access-Control-Max-Age", "600")
			c.AbortWithStatus(http.StatusNoContent)
			return
		}
		c.Next()
	}
}

// sameOrigin refuses a POST whose Origin, when present, is neither this
// server nor a configured CORS origin. The scheme is not compared: behind
// a TLS proxy the browser's origin is https while this service speaks
// plain HTTP.
func sameOrigin(logger *slog.Logger, origins []string) gin.HandlerFunc {
	allowed := map[string]bool{}
	for _, o := range origins {
		allowed[o] = true
	}
	return func(c *gin.Context) {
		origin := c.GetHeader("Origin")
		if safeMethod(c.Request.Method) || origin == "" || allowed[strings.ToLower(origin)] || originIsHost(origin, c.Request.Host) {
			c.Next()
			return
		}
		writeError(c, logger, graph.Errorf(graph.KindForbidden,
			"cross-origin request refused: Origin %q is not this server (%s); to let pages of another site call the API, start actorgraph with --cors-origins ORIGIN",
			truncate(origin, 100), truncate(c.Request.Host, 100)))
	}
}

// jsonBody refuses request bodies that are not application/json (UTF-8,
// the only charset JSON has). A form or text/plain POST is what another
// site can send without a preflight; the API documents JSON only.
func jsonBody(logger *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		if safeMethod(c.Request.Method) {
			c.Next()
			return
		}
		ct := c.GetHeader("Content-Type")
		mt, params, err := mime.ParseMediaType(ct)
		if err == nil && mt == "application/json" && (params["charset"] == "" || strings.EqualFold(params["charset"], "utf-8")) {
			c.Next()
			return
		}
		c.Header("Accept-Post", "application/json")
		got := "no Content-Type"
		if ct != "" {
			got = fmt.Sprintf("Content-Type %q", truncate(ct, 100))
		}
		writeError(c, logger, graph.Errorf(graph.KindUnsupportedMedia,
			"request bodies must be JSON sent with Content-Type: application/json; got %s", got))
	}
}

// requireToken lets a request through only with "Authorization: Bearer
// <token>". The comparison is of SHA-256 digests in constant time, so
// neither the token's content nor its length shows in the timing.
func requireToken(logger *slog.Logger, token string) gin.HandlerFunc {
	if token == "" {
		return func(c *gin.Context) { c.Next() }
	}
	want := sha256.Sum256([]byte(token))
	return func(c *gin.Context) {
		scheme, got, _ := strings.Cut(strings.TrimSpace(c.GetHeader("Authorization")), " ")
		got = strings.TrimSpace(got)
		if !strings.EqualFold(scheme, "Bearer") || got == "" {
			c.Header("WWW-Authenticate", `Bearer realm="actorgraph"`)
			writeError(c, logger, graph.Errorf(graph.KindUnauthorized,
				"this actorgraph requires an access token, sent as Authorization: Bearer <token>"))
			return
		}
		sum := sha256.Sum256([]byte(got))
		if subtle.ConstantTimeCompare(sum[:], want[:]) != 1 {
			logger.Warn("refused a wrong access token", "client", c.Request.RemoteAddr, "path", c.Request.URL.Path, "requestId", c.GetString(requestIDKey))
			c.Header("WWW-Authenticate", `Bearer realm="actorgraph", error="invalid_token"`)
			writeError(c, logger, graph.Errorf(graph.KindUnauthorized, "the access token was not accepted"))
			return
		}
		c.Next()
	}
}

// audit writes one line for every request through it, refused ones
// included, once the answer is out. A line that cannot be written is an
// error in the service log; the answer has already gone.
func audit(logger *slog.Logger, a *AuditLog, event string) gin.HandlerFunc {
	if a == nil {
		return func(c *gin.Context) { c.Next() }
	}
	return func(c *gin.Context) {
		start := a.now()
		e := &auditEntry{
			RequestID:    c.GetString(requestIDKey),
			Client:       c.Request.RemoteAddr,
			ForwardedFor: truncate(c.GetHeader("X-Forwarded-For"), 200),
			Event:        event,
			Method:       c.Request.Method,
			Path:         c.Request.URL.Path,
		}
		if event == "export" {
			e.setQuery(c.Request.URL.RawQuery)
		}
		c.Set(auditKey, e)
		c.Next()
		e.Time = start.UTC().Format(time.RFC3339Nano)
		e.ElapsedMs = float64(a.now().Sub(start).Microseconds()) / 1000
		e.Status = c.Writer.Status()
		if err := a.write(e); err != nil {
			logger.Error("audit log write failed", "requestId", e.RequestID, "err", err)
		}
	}
}
