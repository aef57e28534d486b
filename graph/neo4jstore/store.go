// Package neo4jstore is the graph.Store backed by a Neo4j 5 server, reached
// over Bolt with the official Go driver: a single server (bolt://), or a
// cluster or Aura (neo4j://, neo4j+s://), where reads go to secondaries.
//
// Model. Every node carries the internal label NodeLabel (`_Node`) besides
// its own labels, so that one uniqueness constraint covers the id and one
// the key of every node whatever its labels are (a node need not be an
// Actor). A node stores its id and key as the properties `id` and `key`
// next to its own properties, and two properties the store keeps for
// search: propSearch (its names and aliases, folded, for a TEXT index)
// and propSort (name and key, for a RANGE index that lists nodes in name
// order). The internal label and properties never leave the store: they
// are removed from every node it returns and from Schema. A relationship
// stores its id as `id`; its type is the Neo4j relationship type.
//
// Indexes. Every read the store makes starts from an index (see read.go;
// TestNoScans checks the plans). For users' Cypher, each label in the data
// gets RANGE indexes on key and name, and each relationship type one on
// id, so that MATCH (n:Actor {key: $k}) seeks.
//
// Safety. User input only ever reaches Neo4j as $parameters. Labels,
// relationship types and hop counts cannot be parameters in a pattern;
// they are spliced into Cypher only after checking them against a strict
// identifier pattern (quoted with backticks) or as bounded integers.
// Reads run in read transactions with a timeout; driver connectivity
// failures become graph.KindUnavailable, and the driver reconnects by
// itself when the server comes back. One bookmark manager is shared by
// every session, so a read sees the writes of every load before it.
//
// Loads. Load validates the whole graph against itself and the database
// first, then writes in transactions of at most Config.BatchSize rows,
// CREATE for what validation found absent and MERGE by id for the rest
// (and for retried transactions). A graph that fits in one batch is
// written atomically; a larger one is not, but a load that dies midway
// converges when run again. Loads are serialised, within the process by
// a mutex and across processes by a lease node in the database (see
// lock.go).
//
// Known differences from memstore: a load in which two stored nodes swap
// keys fails with KindConflict; user Cypher sees the internal label and
// properties (for instance in db.labels() or keys(n)).
package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	neo4jconfig "github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/actorgraph/actorgraph/graph"
)

// NodeLabel is the internal label every node carries; see the package
// comment.
const NodeLabel = "_Node"

// The internal node properties; see the package comment.
const (
	propSearch = "_search"
	propSort   = "_sort"
)

// Config says how to reach Neo4j and how long to wait for it.
type Config struct {
	URI      string // e.g. bolt://127.0.0.1:7687
	User     string // empty: no authentication
	Password string
	Database string // empty: the server's default database
	// QueryTimeout bounds every read transaction (default 10s).
	QueryTimeout time.Duration
	// RetryTime bounds how long the driver retries a read on transient or
	// connectivity errors before the store answers KindUnavailable
	// (default 3s). Loads retry for up to LoadRetryTime (default 60s).
	RetryTime     time.Duration
	LoadRetryTime time.Duration
	// BatchSize is the number of rows per load transaction (default 10000).
	BatchSize int
	// LeaseTTL is how long a load may go unheard from before another may
	// take its lease (default 15s); LockWait is how long a load waits for
	// another to finish (default 10m). See lock.go.
	LeaseTTL time.Duration
	LockWait time.Duration
}

func (c *Config) fill() {
	if c.QueryTimeout <= 0 {
		c.QueryTimeout = 10 * time.Second
	}
	if c.RetryTime <= 0 {
		c.RetryTime = 3 * time.Second
	}
	if c.LoadRetryTime <= 0 {
		c.LoadRetryTime = 60 * time.Second
	}
	if c.BatchSize <= 0 {
		c.BatchSize = 10000
	}
	if c.LeaseTTL <= 0 {
		c.LeaseTTL = 15 * time.Second
	}
	if c.LockWait <= 0 {
		c.LockWait = 10 * time.Minute
	}
}

// Store is a graph.Store on Neo4j. It is safe for concurrent use.
type Store struct {
	driver neo4j.DriverWithContext
	// bookmarks is shared by every session and ExecuteQuery call, so that
	// on a cluster a read waits for the writes this store made before it.
	bookmarks neo4j.BookmarkManager
	cfg       Config
	limits    graph.Limits
	logger    *slog.Logger
	// afterBatch, when set (by tests only), runs after each committed load
	// transaction, so a test can kill a load midway.
	afterBatch func(batch int)
	// alwaysSafe makes loads use the MERGE statements meant for retries,
	// so tests can check them.
	alwaysSafe bool
	// searchCap is defaultSearchCap; tests lower it to reach the walk in
	// name order on small graphs.
	searchCap int
	// trace, when set (by tests only), sees every statement the store
	// runs with its parameters, so a test can EXPLAIN them.
	trace  func(query string, params map[string]any)
	loadMu sync.Mutex
	// explained holds the Cypher texts whose EXPLAIN passed the
	// read-only check (see Cypher).
	explained textSet
}

var (
	_ graph.Store        = (*Store)(nil)
	_ graph.CypherRunner = (*Store)(nil)
)

// Open connects to Neo4j, checks that it answers, and makes sure the
// constraints the store relies on exist. It fails with KindUnavailable
// when the server cannot be reached.
func Open(ctx context.Context, cfg Config, limits graph.Limits, logger *slog.Logger) (*Store, error) {
	cfg.fill()
	if cfg.URI == "" {
		return nil, graph.InvalidParam("uri", "a Neo4j URI is required")
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	auth := neo4j.NoAuth()
	if cfg.User != "" {
		auth = neo4j.BasicAuth(cfg.User, cfg.Password, "")
	}
	driver, err := neo4j.NewDriverWithContext(cfg.URI, auth, func(c *neo4jconfig.Config) {
		c.MaxTransactionRetryTime = cfg.RetryTime
		// Fail fast when the server is down, so that callers get a 503
		// instead of hanging; the pool reconnects on the next call.
		c.ConnectionAcquisitionTimeout = 10 * time.Second
		c.SocketConnectTimeout = 3 * time.Second
	})
	if err != nil {
		return nil, graph.InvalidParam("uri", "bad Neo4j URI: %v", err)
	}
	s := &Store{driver: driver, cfg: cfg, limits: limits, logger: logger,
		bookmarks: neo4j.NewBookmarkManager(neo4j.BookmarkManagerConfig{}), searchCap: defaultSearchCap}
	if err := driver.VerifyConnectivity(ctx); err != nil {
		return nil, errors.Join(mapErr(err), driver.Close(context.Background()))
	}
	if err := s.ensureSchema(ctx); err != nil {
		return nil, errors.Join(err, driver.Close(context.Background()))
	}
	return s, nil
}

// Name is the backend's short name.
func (s *Store) Name() string { return "neo4j" }

// Close closes the driver and its connections.
func (s *Store) Close() error {
	return s.driver.Close(context.Background())
}

// Ping runs a trivial read so that it fails when the database, not only
// the socket, is unavailable.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.driver.VerifyConnectivity(ctx); err != nil {
		return mapErr(err)
	}
	_, err := s.read(ctx, "RETURN 1 AS one", nil)
	return err
}

// ensureSchema creates the uniqueness constraints (each backed by an
// index). On a database that holds nodes it also makes sure of the other
// indexes (see ensureIndexes), filling the search properties first when
// the search index is missing: a database loaded by an actorgraph that
// did not keep them. On an empty database those indexes wait for the
// first load, which builds them in one pass after writing.
func (s *Store) ensureSchema(ctx context.Context) error {
	for _, q := range []string{
		"CREATE CONSTRAINT actorgraph_node_id IF NOT EXISTS FOR (n:" + NodeLabel + ") REQUIRE n.id IS UNIQUE",
		"CREATE CONSTRAINT actorgraph_node_key IF NOT EXISTS FOR (n:" + NodeLabel + ") REQUIRE n.key IS UNIQUE",
		"CREATE CONSTRAINT actorgraph_load_lease IF NOT EXISTS FOR (l:" + lockLabel + ") REQUIRE l.name IS UNIQUE",
	} {
		if err := s.schema(ctx, q); err != nil {
			return err
		}
	}
	recs, err := s.read(ctx, `MATCH (n:`+NodeLabel+`) WITH count(n) AS nodes
CALL db.labels() YIELD label WITH nodes, collect(label) AS labels
CALL db.relationshipTypes() YIELD relationshipType
RETURN nodes, labels, collect(relationshipType) AS types`, nil)
	if err != nil || len(recs) == 0 {
		return err
	}
	if n, _, _ := neo4j.GetRecordValue[int64](recs[0], "nodes"); n == 0 {
		return nil
	}
	existing, err := s.indexNames(ctx)
	if err != nil {
		return err
	}
	if !existing[searchIndex] {
		if err := s.backfillSearch(ctx); err != nil {
			return err
		}
	}
	labels, _, _ := neo4j.GetRecordValue[[]any](recs[0], "labels")
	types, _, _ := neo4j.GetRecordValue[[]any](recs[0], "types")
	var ls, ts []string
	for _, l := range labels {
		if l, ok := l.(string); ok && l != NodeLabel && validLabel(l) {
			ls = append(ls, l)
		}
	}
	for _, t := range types {
		if t, ok := t.(string); ok && graph.IsRelType(t) {
			ts = append(ts, t)
		}
	}
	return s.ensureIndexes(ctx, ls, ts)
}

// The search indexes; see the package comment.
const (
	searchIndex = "actorgraph_node_search"
	sortIndex   = "actorgraph_node_sort"
)

// schema runs one schema command.
func (s *Store) schema(ctx context.Context, q string) error {
	opts := append(s.writeOpts(), neo4j.ExecuteQueryWithBookmarkManager(s.bookmarks))
	_, err := neo4j.ExecuteQuery(ctx, s.driver, q, nil, neo4j.EagerResultTransformer, opts...)
	return mapErr(err)
}

// backfillQuery finds nodes without search properties; it scans, and
// runs only once per database (see backfillSearch).
const backfillQuery = "MATCH (n:" + NodeLabel + ") WHERE n." + propSort + " IS NULL RETURN n LIMIT 5000"

// backfillSearch sets the search properties of nodes that lack them.
func (s *Store) backfillSearch(ctx context.Context) error {
	for {
		recs, err := s.read(ctx, backfillQuery, nil)
		if err != nil || len(recs) == 0 {
			return err
		}
		rows := make([]any, 0, len(recs))
		for _, rec := range recs {
			dn, _, err := neo4j.GetRecordValue[dbtype.Node](rec, "n")
			if err != nil {
				return graph.Internal(err)
			}
			n := toNode(dn)
			rows = append(rows, map[string]any{"id": n.ID, "search": graph.SearchNames(n), "sort": sortKey(n)})
		}
		s.logger.InfoContext(ctx, "neo4j: adding search properties to nodes written without them", "nodes", len(rows))
		err = s.writeRetry(ctx, func(tx neo4j.ManagedTransaction) error {
			const q = "UNWIND $rows AS row MATCH (n:" + NodeLabel + " {id: row.id}) SET n." + propSearch + " = row.search, n." + propSort + " = row.sort"
			s.traced(q, map[string]any{"rows": rows})
			_, err := tx.Run(ctx, q, map[string]any{"rows": rows})
			return err
		})
		if err != nil {
			return err
		}
	}
}

// ensureIndexes creates the search indexes; for users' Cypher, RANGE
// indexes on key and name for each label (an id is matched through
// NodeLabel, whose constraint covers every node); and on id for each
// relationship type (which also serve the loader, to match relationships
// by id: Neo4j has no index across all relationship types). Labels and
// types were validated by the caller. It waits until new indexes are
// online, so that the queries after a load use them.
func (s *Store) ensureIndexes(ctx context.Context, labels, types []string) error {
	want := [][2]string{ // name, statement
		{searchIndex, "CREATE TEXT INDEX " + searchIndex + " IF NOT EXISTS FOR (n:" + NodeLabel + ") ON (n." + propSearch + ")"},
		{sortIndex, "CREATE INDEX " + sortIndex + " IF NOT EXISTS FOR (n:" + NodeLabel + ") ON (n." + propSort + ")"},
	}
	for _, l := range labels {
		for _, p := range []string{"key", graph.PropName} {
			name := "actorgraph_" + l + "_" + p // labels are case-sensitive, so is the name
			want = append(want, [2]string{name, fmt.Sprintf("CREATE INDEX %s IF NOT EXISTS FOR (n:`%s`) ON (n.`%s`)", name, l, p)})
		}
	}
	for _, t := range types {
		name := "actorgraph_rel_id_" + strings.ToLower(t)
		want = append(want, [2]string{name, fmt.Sprintf("CREATE INDEX %s IF NOT EXISTS FOR ()-[r:`%s`]-() ON (r.id)", name, t)})
	}
	existing, err := s.indexNames(ctx)
	if err != nil {
		return err
	}
	created := false
	for _, w := range want {
		if existing[w[0]] {
			continue
		}
		if err := s.schema(ctx, w[1]); err != nil {
			return err
		}
		created = true
	}
	if !created {
		return nil
	}
	return s.schema(ctx, "CALL db.awaitIndexes(600)")
}

// indexNames lists the indexes that exist.
func (s *Store) indexNames(ctx context.Context) (map[string]bool, error) {
	recs, err := s.read(ctx, "SHOW INDEXES YIELD name RETURN name", nil)
	if err != nil {
		return nil, err
	}
	out := make(map[string]bool, len(recs))
	for _, rec := range recs {
		name, _, _ := neo4j.GetRecordValue[string](rec, "name")
		out[name] = true
	}
	return out, nil
}

func (s *Store) dbOpts() []neo4j.ExecuteQueryConfigurationOption {
	if s.cfg.Database == "" {
		return nil
	}
	return []neo4j.ExecuteQueryConfigurationOption{neo4j.ExecuteQueryWithDatabase(s.cfg.Database)}
}

func (s *Store) writeOpts() []neo4j.ExecuteQueryConfigurationOption {
	return append(s.dbOpts(), neo4j.ExecuteQueryWithWritersRouting())
}

// read runs one read query in a read transaction (on a cluster, on a
// secondary) bounded by the query timeout and returns its records.
func (s *Store) read(ctx context.Context, query string, params map[string]any) ([]*neo4j.Record, error) {
	s.traced(query, params)
	var recs []*neo4j.Record
	err := s.readSession(ctx, func(sess neo4j.SessionWithContext) error {
		res, err := sess.Run(ctx, query, params, neo4j.WithTxTimeout(s.cfg.QueryTimeout))
		if err != nil {
			return err
		}
		recs, err = res.Collect(ctx)
		return err
	})
	return recs, mapErr(err)
}

// readSession runs work in a read session, whose statements run as
// auto-commit read transactions: one round trip each, where a managed
// transaction takes two (BEGIN with RUN, then COMMIT); Neo4j refuses to
// write in them all the same, and a cluster routes them to secondaries.
// Like a managed transaction, work is run again on transient and
// connectivity errors until Config.RetryTime has passed; reads are
// idempotent. Errors come back as the driver gave them.
func (s *Store) readSession(ctx context.Context, work func(neo4j.SessionWithContext) error) error {
	deadline := time.Now().Add(s.cfg.RetryTime)
	wait := 50 * time.Millisecond
	for {
		sess := s.session(ctx, neo4j.AccessModeRead)
		err := work(sess)
		err = errors.Join(err, sess.Close(context.Background()))
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return errors.Join(ctx.Err(), err)
		}
		if time.Now().After(deadline) || !(neo4j.IsRetryable(err) || isUnavailable(err)) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
		wait = min(2*wait, time.Second)
	}
}

// traced hands a statement to the test hook, if any.
func (s *Store) traced(query string, params map[string]any) {
	if s.trace != nil {
		s.trace(query, params)
	}
}

func (s *Store) session(ctx context.Context, mode neo4j.AccessMode) neo4j.SessionWithContext {
	return s.driver.NewSession(ctx, neo4j.SessionConfig{AccessMode: mode, DatabaseName: s.cfg.Database, BookmarkManager: s.bookmarks})
}

// mapErr turns driver errors into graph errors: anything that says the
// server cannot be reached (or is momentarily unable to serve) becomes
// KindUnavailable, so the HTTP layer can answer 503 and the caller retry.
func mapErr(err error) error {
	if err == nil {
		return nil
	}
	var ge *graph.Error
	if errors.As(err, &ge) {
		return err
	}
	// A deadline or a cancellation surfaces as whatever the driver was
	// doing at the time (often a ConnectivityError): the context says why.
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return graph.ContextError(err)
	}
	if isUnavailable(err) {
		return graph.Unavailable(err)
	}
	var ne *neo4j.Neo4jError
	if errors.As(err, &ne) && isTimeout(ne.Code) {
		e := graph.Timeout(0, err)
		e.Code = ne.Code
		return e
	}
	return graph.Internal(err)
}

func isTimeout(code string) bool {
	return strings.HasPrefix(code, "Neo.ClientError.Transaction.TransactionTimedOut") ||
		code == "Neo.TransientError.Transaction.LockClientStopped"
}

// isUnavailable reports whether err means the server is down, unreachable
// or temporarily unable to serve, looking inside the driver's retry error.
func isUnavailable(err error) bool {
	var ce *neo4j.ConnectivityError
	if errors.As(err, &ce) {
		return true
	}
	var tel *neo4j.TransactionExecutionLimit
	if errors.As(err, &tel) {
		for _, e := range tel.Errors {
			if isUnavailable(e) {
				return true
			}
		}
		return len(tel.Errors) == 0
	}
	var ne *neo4j.Neo4jError
	if errors.As(err, &ne) {
		return strings.HasPrefix(ne.Code, "Neo.TransientError.") && !isTimeout(ne.Code) ||
			ne.Code == "Neo.ClientError.Database.DatabaseNotFound"
	}
	// The pool reports an exhausted or unreachable server with its own
	// error types; their messages are stable.
	msg := err.Error()
	return strings.Contains(msg, "connection refused") || strings.Contains(msg, "ConnectivityError") ||
		strings.Contains(msg, "acquisition timeout") || strings.Contains(msg, "broken pipe") ||
		strings.Contains(msg, "connection reset")
}
