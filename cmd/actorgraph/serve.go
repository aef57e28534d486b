package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/exchange"
	"github.com/actorgraph/actorgraph/web"
)

func runServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) (err error) {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sf storeFlags
	sf.register(fs, getenv, true)
	addr := fs.String("addr", envOr(getenv, "ACTORGRAPH_ADDR", "127.0.0.1:8080"), "listen address; port 0 picks a free port [ACTORGRAPH_ADDR]")
	loadIfEmpty := fs.String("load-if-empty", "", "with -store neo4j: load these seed files or exports when the database has no nodes")
	cfg := web.DefaultConfig()
	fs.DurationVar(&cfg.CypherTimeout, "cypher-timeout", cfg.CypherTimeout, "time limit of one Cypher query")
	fs.IntVar(&cfg.CypherMaxRows, "cypher-max-rows", cfg.CypherMaxRows, "rows returned by one Cypher query before it is truncated")
	fs.DurationVar(&cfg.QueryTimeout, "query-timeout", cfg.QueryTimeout, "time limit of one API call")
	fs.IntVar(&cfg.Limits.MaxDepth, "max-depth", cfg.Limits.MaxDepth, "largest neighbourhood depth")
	fs.IntVar(&cfg.Limits.MaxNeighborhood, "max-neighborhood", cfg.Limits.MaxNeighborhood, "largest neighbourhood node limit")
	fs.IntVar(&cfg.Limits.MaxPathLength, "max-path-length", cfg.Limits.MaxPathLength, "longest path, in relationships")
	fs.IntVar(&cfg.Limits.MaxK, "max-k", cfg.Limits.MaxK, "most paths one request may ask for")
	queryMemMiB := fs.Int64("query-memory", cfg.Limits.QueryMemory>>20, "MiB one Cypher query may hold (rows kept for ORDER BY, DISTINCT and aggregation, collected lists); more fails with 422 /problems/memory_limit. The memory store's engine counts; Neo4j has db.memory.transaction.max")
	budgetMiB := fs.Int64("memory-budget", cfg.Limits.MemoryBudget>>20, "MiB the Cypher queries running at once may hold together; past it a query fails with 503 /problems/busy")
	fs.IntVar(&cfg.Limits.MaxMetrics, "max-metrics", cfg.Limits.MaxMetrics, "most nodes /api/metrics computes network metrics on")
	fs.IntVar(&cfg.Admission.Running, "max-running", 0, "graph calls (neighbourhoods, paths, search, exports) that work at once; 0: max(2, cores)")
	fs.IntVar(&cfg.Admission.Cypher, "max-cypher", 0, "Cypher queries and network metrics that work at once; 0: max(1, cores/2)")
	fs.IntVar(&cfg.Admission.Queue, "max-queued", 0, "calls of each kind that may wait for a turn beyond those; more are refused at once with 503; 0: twice the running ones, -1: none")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile (go tool pprof) of the serving process to this file at shutdown; for finding where the time goes under load")
	var sec securityFlags
	sec.register(fs, getenv)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: serve takes no arguments, got %q", errUsage, fs.Args())
	}
	if *queryMemMiB <= 0 || *budgetMiB < *queryMemMiB {
		return fmt.Errorf("%w: -query-memory must be positive and -memory-budget at least as large, got %d and %d MiB", errUsage, *queryMemMiB, *budgetMiB)
	}
	cfg.Limits.QueryMemory, cfg.Limits.MemoryBudget = *queryMemMiB<<20, *budgetMiB<<20
	logger, err := sf.logger(stderr)
	if err != nil {
		return err
	}
	sf.queryTimeout = cfg.QueryTimeout // one time limit for every API call, in the store too
	// Everything the security flags say is checked before anything starts.
	if cfg.Token, err = sec.token(getenv); err != nil {
		return err
	}
	if cfg.CORSOrigins, err = web.ParseOrigins(splitPaths(sec.corsOrigins)); err != nil {
		return fmt.Errorf("%w: -cors-origins: %v", errUsage, err)
	}
	if _, err := web.NewHostPolicy("127.0.0.1:0", splitPaths(sec.allowedHosts)); err != nil {
		return fmt.Errorf("%w: -allowed-hosts: %v", errUsage, err)
	}
	if sec.auditLog != "" {
		if cfg.Audit, err = web.OpenAuditLog(sec.auditLog); err != nil {
			return err
		}
		defer func() {
			if cerr := cfg.Audit.Close(); cerr != nil {
				err = errors.Join(err, cerr)
			}
		}()
	}
	store, err := openStore(ctx, &sf, cfg.Limits, logger, true)
	if err != nil {
		return err
	}
	defer closeStore(store, &err)

	if *loadIfEmpty != "" {
		if err := loadWhenEmpty(ctx, store, *loadIfEmpty, stdout); err != nil {
			return err
		}
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listening on %s: %w", *addr, err)
	}
	cfg.Dataset = sf.dataset
	// The Host allowlist depends on where the service really listens
	// (port 0 becomes a port here).
	if cfg.Hosts, err = web.NewHostPolicy(ln.Addr().String(), splitPaths(sec.allowedHosts)); err != nil {
		ln.Close()
		return fmt.Errorf("%w: -allowed-hosts: %v", errUsage, err)
	}
	for _, w := range startWarnings(cfg, ln.Addr().String()) {
		fmt.Fprintln(stderr, "actorgraph: WARNING:", w)
	}
	srv := &http.Server{
		Handler:           web.NewServer(logger, store, cfg),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      cfg.QueryTimeout + 30*time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
	access := ""
	if cfg.Token != "" {
		access = " (access token required)"
	}
	fmt.Fprintf(stdout, "actorgraph serving the %s store on http://%s%s\n", store.Name(), ln.Addr(), access)
	logger.Info("serving", "addr", ln.Addr().String(), "store", store.Name(), "dataset", sf.dataset, "token", cfg.Token != "", "auditLog", sec.auditLog)

	if *cpuProfile != "" {
		stop, err := startCPUProfile(*cpuProfile)
		if err != nil {
			ln.Close()
			return err
		}
		defer func() { err = errors.Join(err, stop()) }()
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serving: %w", err)
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutting down: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// startCPUProfile profiles the process into path until stop is called.
func startCPUProfile(path string) (stop func() error, err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("%w: -cpuprofile: %v", errUsage, err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("-cpuprofile: %w", err)
	}
	return func() error {
		pprof.StopCPUProfile()
		return f.Close()
	}, nil
}

func loadWhenEmpty(ctx context.Context, store graph.Store, paths string, stdout io.Writer) error {
	schema, err := store.Schema(ctx)
	if err != nil {
		return err
	}
	for _, l := range schema.Labels {
		if l.Count > 0 {
			fmt.Fprintln(stdout, "database is not empty; not loading", paths)
			return nil
		}
	}
	g, err := exchange.ReadFiles(splitPaths(paths)...)
	if err != nil {
		return err
	}
	st, err := store.Load(ctx, g)
	if err != nil {
		return err
	}
	printLoadStats(stdout, st)
	return nil
}

// securityFlags are serve's flags for who may use the service.
type securityFlags struct {
	allowedHosts string
	tokenFile    string
	corsOrigins  string
	auditLog     string
}

func (f *securityFlags) register(fs *flag.FlagSet, getenv func(string) string) {
	fs.StringVar(&f.allowedHosts, "allowed-hosts", getenv("ACTORGRAPH_ALLOWED_HOSTS"),
		"comma-separated host names (name, name:port, .domain, or * for any) answered besides localhost, 127.0.0.1 and [::1]; a guard against DNS rebinding [ACTORGRAPH_ALLOWED_HOSTS]")
	fs.StringVar(&f.tokenFile, "token-file", "",
		"file holding the access token every /api call but /api/health must send as Authorization: Bearer; or set ACTORGRAPH_TOKEN")
	fs.StringVar(&f.corsOrigins, "cors-origins", getenv("ACTORGRAPH_CORS_ORIGINS"),
		"comma-separated origins (https://host[:port]) whose pages may call the API; none by default [ACTORGRAPH_CORS_ORIGINS]")
	fs.StringVar(&f.auditLog, "audit-log", getenv("ACTORGRAPH_AUDIT_LOG"),
		"append a JSON line per Cypher query and per export to this file, synced to disk; off when empty [ACTORGRAPH_AUDIT_LOG]")
}

// token reads the access token from -token-file or ACTORGRAPH_TOKEN; ""
// when neither is set. One place only, so that it is clear which is used.
func (f *securityFlags) token(getenv func(string) string) (string, error) {
	env := getenv("ACTORGRAPH_TOKEN")
	var token string
	switch {
	case f.tokenFile != "" && env != "":
		return "", fmt.Errorf("%w: both -token-file and ACTORGRAPH_TOKEN are set; use one", errUsage)
	case f.tokenFile != "":
		b, err := os.ReadFile(f.tokenFile)
		if err != nil {
			return "", fmt.Errorf("%w: -token-file: %v", errUsage, err)
		}
		token = strings.TrimSpace(string(b))
		if err := web.CheckToken(token); err != nil {
			return "", fmt.Errorf("%w: -token-file %s: %v", errUsage, f.tokenFile, err)
		}
	case env != "":
		token = strings.TrimSpace(env)
		if err := web.CheckToken(token); err != nil {
			return "", fmt.Errorf("%w: ACTORGRAPH_TOKEN: %v", errUsage, err)
		}
	}
	return token, nil
}

// startWarnings are what serve says at start about an unsafe setup.
func startWarnings(cfg web.Config, listen string) []string {
	var out []string
	if cfg.Hosts.Exposed() && cfg.Token == "" {
		out = append(out, fmt.Sprintf("serving on %s, which other machines may reach, without an access token: "+
			"anyone who can reach it can read the whole graph. Set -token-file or ACTORGRAPH_TOKEN, or listen on 127.0.0.1.", listen))
	}
	if cfg.Hosts.AnyHost() {
		out = append(out, "-allowed-hosts '*' answers any Host header, which turns off the guard against DNS rebinding; "+
			"list the names instead unless a proxy in front checks Host.")
	}
	return out
}
