// Package neo4jstore is the graph.Store backed by a Neo4j 5 server, reached
// over Bolt with the official Go driver.
//
// Model. Every node carries the internal label NodeLabel (`_Node`) besides
// its own labels, so that one uniqueness constraint covers the id and one
// the key of every node whatever its labels are (a node need not be an
// Actor). The internal label never leaves the store: it is removed from
// Node.Labels and Schema. A node stores its id and key as the properties
// `id` and `key` next to its own properties; a relationship stores its id
// as `id`, its type is the Neo4j relationship type.
//
// Safety. User input only ever reaches Neo4j as $parameters. Labels and
// relationship types cannot be parameters in a pattern; the loader splices
// them into Cypher only after checking them against a strict identifier
// pattern and quoting them with backticks, and read queries filter on
// type(r) IN $types instead. Reads run in read transactions with a
// timeout; driver connectivity failures become graph.KindUnavailable, and
// the driver reconnects by itself when the server comes back.
//
// Loads. Load validates the whole graph against itself and the database
// first, then writes in transactions of at most Config.BatchSize rows,
// CREATE for what validation found absent and MERGE by id for the rest
// (and for retried transactions). A graph that fits in one batch is
// written atomically; a larger one is not, but a load that dies midway
// converges when run again. Loads through one Store are serialised;
// concurrent loads from several processes are not guarded.
//
// Known differences from memstore: a load in which two stored nodes swap
// keys fails with KindConflict; user Cypher sees the internal label (for
// instance in db.labels()); Paths considers at most 10,000 candidate paths
// of each length.
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

	"github.com/actorgraph/actorgraph/graph"
)

// NodeLabel is the internal label every node carries; see the package
// comment.
const NodeLabel = "_Node"

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
}

// Store is a graph.Store on Neo4j. It is safe for concurrent use.
type Store struct {
	driver neo4j.DriverWithContext
	cfg    Config
	limits graph.Limits
	logger *slog.Logger
	// afterBatch, when set (by tests only), runs after each committed load
	// transaction, so a test can kill a load midway.
	afterBatch func(batch int)
	// alwaysSafe makes loads use the MERGE statements meant for retries,
	// so tests can check them.
	alwaysSafe bool
	loadMu     sync.Mutex
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
	s := &Store{driver: driver, cfg: cfg, limits: limits, logger: logger}
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
// index) if they do not exist. Schema commands run in their own
// auto-commit transactions.
func (s *Store) ensureSchema(ctx context.Context) error {
	stmts := []string{
		"CREATE CONSTRAINT actorgraph_node_id IF NOT EXISTS FOR (n:" + NodeLabel + ") REQUIRE n.id IS UNIQUE",
		"CREATE CONSTRAINT actorgraph_node_key IF NOT EXISTS FOR (n:" + NodeLabel + ") REQUIRE n.key IS UNIQUE",
	}
	for _, q := range stmts {
		if _, err := neo4j.ExecuteQuery(ctx, s.driver, q, nil, neo4j.EagerResultTransformer, s.writeOpts()...); err != nil {
			return mapErr(err)
		}
	}
	return nil
}

// ensureRelIndexes creates an index on id for each relationship type, so
// that relationships can be found by id (Neo4j has no index across all
// relationship types). Types were validated by the caller.
func (s *Store) ensureRelIndexes(ctx context.Context, types []string) error {
	for _, t := range types {
		q := fmt.Sprintf("CREATE INDEX actorgraph_rel_id_%s IF NOT EXISTS FOR ()-[r:`%s`]-() ON (r.id)", strings.ToLower(t), t)
		if _, err := neo4j.ExecuteQuery(ctx, s.driver, q, nil, neo4j.EagerResultTransformer, s.writeOpts()...); err != nil {
			return mapErr(err)
		}
	}
	return nil
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

// read runs one read query in a read transaction bounded by the query
// timeout and returns its records.
func (s *Store) read(ctx context.Context, query string, params map[string]any) ([]*neo4j.Record, error) {
	opts := append(s.dbOpts(),
		neo4j.ExecuteQueryWithReadersRouting(),
		neo4j.ExecuteQueryWithTransactionConfig(neo4j.WithTxTimeout(s.cfg.QueryTimeout)))
	res, err := neo4j.ExecuteQuery(ctx, s.driver, query, params, neo4j.EagerResultTransformer, opts...)
	if err != nil {
		return nil, mapErr(err)
	}
	return res.Records, nil
}

func (s *Store) session(ctx context.Context, mode neo4j.AccessMode) neo4j.SessionWithContext {
	return s.driver.NewSession(ctx, neo4j.SessionConfig{AccessMode: mode, DatabaseName: s.cfg.Database})
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
	if isUnavailable(err) {
		return graph.Unavailable(err)
	}
	var ne *neo4j.Neo4jError
	if errors.As(err, &ne) && isTimeout(ne.Code) {
		return &graph.Error{Kind: graph.KindUnavailable, Message: "the query took too long", Code: ne.Code, Err: err}
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return &graph.Error{Kind: graph.KindUnavailable, Message: "the request was cancelled or timed out", Err: err}
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
