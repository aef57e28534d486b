package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
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
	fs.IntVar(&cfg.Limits.MaxMetrics, "max-metrics", cfg.Limits.MaxMetrics, "most nodes /api/metrics computes network metrics on")
	fs.IntVar(&cfg.Admission.Running, "max-running", 0, "graph calls (neighbourhoods, paths, search, exports) that work at once; 0: max(2, cores)")
	fs.IntVar(&cfg.Admission.Cypher, "max-cypher", 0, "Cypher queries and network metrics that work at once; 0: max(1, cores/2)")
	fs.IntVar(&cfg.Admission.Queue, "max-queued", 0, "calls of each kind that may wait for a turn beyond those; more are refused at once with 503; 0: twice the running ones, -1: none")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: serve takes no arguments, got %q", errUsage, fs.Args())
	}
	logger, err := sf.logger(stderr)
	if err != nil {
		return err
	}
	sf.queryTimeout = cfg.QueryTimeout // one time limit for every API call, in the store too
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
	srv := &http.Server{
		Handler:           web.NewServer(logger, store, cfg),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      cfg.QueryTimeout + 30*time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
	fmt.Fprintf(stdout, "actorgraph serving the %s store on http://%s\n", store.Name(), ln.Addr())
	logger.Info("serving", "addr", ln.Addr().String(), "store", store.Name(), "dataset", sf.dataset)

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
