package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"
)

// AuditLog records who read what: one JSON line per Cypher query and per
// export, appended to a file and synced to disk before the next one, so
// a line the service wrote survives a crash. Parameter values are never
// written, only their names: they are often the very names an analyst
// would not want in a log.
type AuditLog struct {
	mu  sync.Mutex
	f   *os.File
	now func() time.Time
}

// auditQueryMax bounds the query text kept per line.
const auditQueryMax = 2048

// OpenAuditLog opens (creating it, readable by its owner only) the file
// audit lines are appended to.
func OpenAuditLog(path string) (*AuditLog, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("opening the audit log: %w", err)
	}
	return &AuditLog{f: f, now: time.Now}, nil
}

// Close closes the file.
func (a *AuditLog) Close() error { return a.f.Close() }

// auditEntry is one line of the audit log.
type auditEntry struct {
	Time      string `json:"time"`
	RequestID string `json:"requestId"`
	// Client is the peer address; ForwardedFor is X-Forwarded-For as the
	// request carried it, which a proxy sets but a client may forge.
	Client       string `json:"client"`
	ForwardedFor string `json:"forwardedFor,omitempty"`
	Event        string `json:"event"` // cypher or export
	Method       string `json:"method"`
	Path         string `json:"path"`
	// Query is the Cypher text, or an export's URL query (around=…);
	// cut at auditQueryMax bytes, with QueryBytes the full length.
	Query          string `json:"query"`
	QueryTruncated bool   `json:"queryTruncated,omitempty"`
	QueryBytes     int    `json:"queryBytes,omitempty"`
	// Params are the names of the Cypher parameters, never their values.
	Params []string `json:"params,omitempty"`
	// Requested is the number of node ids a POST export asked for.
	Requested int `json:"requested,omitempty"`
	// Rows are the Cypher rows returned, or the nodes exported;
	// Relationships the relationships exported.
	Rows          int     `json:"rows"`
	Relationships int     `json:"relationships,omitempty"`
	Truncated     bool    `json:"truncated,omitempty"`
	ElapsedMs     float64 `json:"elapsedMs"`
	Status        int     `json:"status"`
}

const auditKey = "audit"

// auditOf returns the audit entry of the request for the handler to fill
// in; a throwaway one when the request is not audited.
func auditOf(c *gin.Context) *auditEntry {
	if e, ok := c.Get(auditKey); ok {
		return e.(*auditEntry)
	}
	return &auditEntry{}
}

// setQuery keeps q, cut at a rune boundary when too long.
func (e *auditEntry) setQuery(q string) {
	e.Query = q
	if len(q) > auditQueryMax {
		cut := auditQueryMax
		for cut > 0 && !utf8.RuneStart(q[cut]) {
			cut--
		}
		e.Query, e.QueryTruncated, e.QueryBytes = q[:cut], true, len(q)
	}
}

// setParams keeps the parameter names, sorted.
func (e *auditEntry) setParams(params map[string]any) {
	e.Params = nil
	for k := range params {
		e.Params = append(e.Params, truncate(k, 100))
	}
	slices.Sort(e.Params)
}

func (a *AuditLog) write(e *auditEntry) error {
	line, err := json.Marshal(e)
	if err != nil {
		return err
	}
	line = append(line, '\n')
	a.mu.Lock()
	defer a.mu.Unlock()
	_, werr := a.f.Write(line)
	return errors.Join(werr, a.f.Sync())
}
