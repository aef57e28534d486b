package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/exchange"
	"github.com/actorgraph/actorgraph/graph/memstore"
	"github.com/actorgraph/actorgraph/graph/neo4jstore"
	"github.com/actorgraph/actorgraph/graph/seed"
	"github.com/actorgraph/actorgraph/seeds"
)

const usage = `actorgraph: a graph of the actors named in policy and news writing.

Usage:
  actorgraph serve    [flags]           serve the API and the viewer
  actorgraph load     [flags] PATH...   load seed files or export documents into the store
  actorgraph validate PATH...           check seed files and export documents, reporting every problem
  actorgraph export   [flags]           write the graph (or a node's neighbourhood) as JSON or GraphML
  actorgraph query    [flags] CYPHER    run a read-only Cypher query
  actorgraph schema   [flags]           count nodes per label and relationships per type
  actorgraph generate [flags]           write a generated graph (-nodes N -rels M -seed S -o FILE) as an export document
  actorgraph version

Run 'actorgraph COMMAND -h' for a command's flags.
`

// errUsage marks errors in the command line; they exit with status 2.
var errUsage = errors.New("usage")

func exitCode(err error) int {
	if errors.Is(err, errUsage) {
		return 2
	}
	return 1
}

// run is the whole program. args[0] is the program name.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) < 2 {
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("%w: no command given", errUsage)
	}
	err := dispatch(ctx, args[1], args[2:], getenv, stdout, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	return err
}

func dispatch(ctx context.Context, cmd string, rest []string, getenv func(string) string, stdout, stderr io.Writer) error {
	switch cmd {
	case "serve":
		return runServe(ctx, rest, getenv, stdout, stderr)
	case "load":
		return runLoad(ctx, rest, getenv, stdout, stderr)
	case "validate":
		return runValidate(rest, stdout, stderr)
	case "export":
		return runExport(ctx, rest, getenv, stdout, stderr)
	case "query":
		return runQuery(ctx, rest, getenv, stdout, stderr)
	case "schema":
		return runSchema(ctx, rest, getenv, stdout, stderr)
	case "generate":
		return runGenerate(ctx, rest, stdout, stderr)
	case "version":
		fmt.Fprintln(stdout, "actorgraph", version)
		return nil
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	default:
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("%w: unknown command %q", errUsage, cmd)
	}
}

const version = "0.1.0"

// storeFlags are the flags every command that opens a store shares.
type storeFlags struct {
	store          string
	seeds          string
	neo4jURI       string
	neo4jUser      string
	neo4jPassword  string
	neo4jDatabase  string
	connectTimeout time.Duration
	queryTimeout   time.Duration // serve's -query-timeout; zero: the store's default
	logLevel       string
	fs             *flag.FlagSet // to tell a -seeds given from the default
	getenv         func(string) string
	// dataset says what the opened store serves, for the log and
	// /api/health.
	dataset string
}

func envOr(getenv func(string) string, key, def string) string {
	if v := getenv(key); v != "" {
		return v
	}
	return def
}

func (f *storeFlags) register(fs *flag.FlagSet, getenv func(string) string, withSeeds bool) {
	f.fs, f.getenv = fs, getenv
	fs.StringVar(&f.store, "store", envOr(getenv, "ACTORGRAPH_STORE", "memory"), "backend: memory (embedded, zero setup) or neo4j [ACTORGRAPH_STORE]")
	if withSeeds {
		fs.StringVar(&f.seeds, "seeds", envOr(getenv, "ACTORGRAPH_SEEDS", defaultSeeds), "seed files, exports or directories (comma-separated) the memory store starts with; empty for none; by default ./seeds, or the article dataset built into the binary when ./seeds is absent [ACTORGRAPH_SEEDS]")
	}
	fs.StringVar(&f.neo4jURI, "neo4j-uri", envOr(getenv, "NEO4J_URI", "bolt://127.0.0.1:7687"), "Neo4j Bolt URI [NEO4J_URI]")
	fs.StringVar(&f.neo4jUser, "neo4j-user", envOr(getenv, "NEO4J_USER", "neo4j"), "Neo4j user [NEO4J_USER]")
	fs.StringVar(&f.neo4jPassword, "neo4j-password", getenv("NEO4J_PASSWORD"), "Neo4j password; empty for no auth [NEO4J_PASSWORD]")
	fs.StringVar(&f.neo4jDatabase, "neo4j-database", getenv("NEO4J_DATABASE"), "Neo4j database; empty for the server's default [NEO4J_DATABASE]")
	fs.DurationVar(&f.connectTimeout, "connect-timeout", 30*time.Second, "how long to keep trying to reach Neo4j at start")
	fs.StringVar(&f.logLevel, "log-level", envOr(getenv, "ACTORGRAPH_LOG_LEVEL", "info"), "debug, info, warn or error [ACTORGRAPH_LOG_LEVEL]")
}

func (f *storeFlags) logger(stderr io.Writer) (*slog.Logger, error) {
	var level slog.Level
	if err := level.UnmarshalText([]byte(f.logLevel)); err != nil {
		return nil, fmt.Errorf("%w: -log-level: %v", errUsage, err)
	}
	return slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level})), nil
}

// open builds the logger and opens the chosen store.
func (f *storeFlags) open(ctx context.Context, stderr io.Writer, limits graph.Limits, loadSeeds bool) (graph.Store, error) {
	logger, err := f.logger(stderr)
	if err != nil {
		return nil, err
	}
	return openStore(ctx, f, limits, logger, loadSeeds)
}

// openStore opens the chosen backend. The memory store starts with the
// seed files of -seeds (when loadSeeds); Neo4j is retried until
// -connect-timeout, then start fails: serving 503s from a store that was
// never reached would hide a misconfiguration.
func openStore(ctx context.Context, f *storeFlags, limits graph.Limits, logger *slog.Logger, loadSeeds bool) (graph.Store, error) {
	switch f.store {
	case "memory":
		s := memstore.New(limits)
		f.dataset = "none"
		if loadSeeds && f.seeds != "" {
			g, err := f.seedGraph()
			if err != nil {
				return nil, fmt.Errorf("reading seeds: %w", err)
			}
			if _, err := s.Load(ctx, g); err != nil {
				return nil, fmt.Errorf("loading seeds: %w", err)
			}
			f.dataset += fmt.Sprintf(" (%d nodes, %d relationships)", len(g.Nodes), len(g.Relationships))
		}
		return s, nil
	case "neo4j":
		f.dataset = "neo4j database " + cmp.Or(f.neo4jDatabase, "(the server's default)")
		cfg := f.neo4jConfig()
		deadline := time.Now().Add(f.connectTimeout)
		for attempt := 1; ; attempt++ {
			s, err := neo4jstore.Open(ctx, cfg, limits, logger)
			if err == nil {
				return s, nil
			}
			if graph.KindOf(err) != graph.KindUnavailable || time.Now().After(deadline) {
				return nil, fmt.Errorf("connecting to Neo4j at %s: %w", f.neo4jURI, err)
			}
			logger.Warn("Neo4j not reachable yet; retrying", "uri", f.neo4jURI, "attempt", attempt, "err", err)
			select {
			case <-ctx.Done():
				return nil, ctx.Err()
			case <-time.After(min(time.Duration(attempt)*500*time.Millisecond, 5*time.Second)):
			}
		}
	default:
		return nil, fmt.Errorf("%w: -store must be memory or neo4j, got %q", errUsage, f.store)
	}
}

// neo4jConfig is the Neo4j store's configuration from the flags.
func (f *storeFlags) neo4jConfig() neo4jstore.Config {
	cfg := neo4jstore.Config{URI: f.neo4jURI, Database: f.neo4jDatabase, QueryTimeout: f.queryTimeout}
	if f.neo4jPassword != "" {
		cfg.User, cfg.Password = f.neo4jUser, f.neo4jPassword
	}
	return cfg
}

// seedGraph reads what the memory store starts with: the -seeds paths, or,
// when -seeds was not given and there is no ./seeds, the article dataset
// built into the binary, so that `actorgraph serve` works in any
// directory.
func (f *storeFlags) seedGraph() (graph.Graph, error) {
	explicit := f.getenv != nil && f.getenv("ACTORGRAPH_SEEDS") != ""
	if f.fs != nil {
		f.fs.Visit(func(fl *flag.Flag) { explicit = explicit || fl.Name == "seeds" })
	}
	if !explicit && f.seeds == defaultSeeds {
		if _, err := os.Stat(defaultSeeds); errors.Is(err, fs.ErrNotExist) {
			f.dataset = "the article dataset built into the binary"
			return seed.ReadFS(seeds.Files(), "seeds (built in)")
		}
	}
	f.dataset = "seeds from " + f.seeds
	return exchange.ReadFiles(splitPaths(f.seeds)...)
}

// defaultSeeds is -seeds' default: the seeds directory of a checkout.
const defaultSeeds = "seeds"

func splitPaths(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// closeStore closes s, joining its error with the one the command already
// has, never hiding it.
func closeStore(s graph.Store, err *error) {
	if cerr := s.Close(); cerr != nil {
		*err = errors.Join(*err, cerr)
	}
}

func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	return nil
}
