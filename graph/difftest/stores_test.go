package difftest

import (
	"context"
	"log/slog"
	"os"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/graphtest"
	"github.com/actorgraph/actorgraph/graph/memstore"
	"github.com/actorgraph/actorgraph/graph/neo4jstore"
)

// neo4jURI returns NEO4J_URI (see graphtest.Neo4jURI).
func neo4jURI(tb testing.TB) string { return graphtest.Neo4jURI(tb) }

func neo4jConfig(uri string) neo4jstore.Config {
	return neo4jstore.Config{URI: uri, User: os.Getenv("NEO4J_USER"), Password: os.Getenv("NEO4J_PASSWORD"), Database: os.Getenv("NEO4J_DATABASE")}
}

// openNeo4j opens the store; the caller holds the neo4jlock.
func openNeo4j(tb testing.TB, uri string) *neo4jstore.Store {
	tb.Helper()
	s, err := neo4jstore.Open(context.Background(), neo4jConfig(uri), graph.DefaultLimits(), slog.New(slog.DiscardHandler))
	if err != nil {
		tb.Fatalf("neo4jstore.Open: %v", err)
	}
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Errorf("neo4j Close: %v", err)
		}
	})
	return s
}

// resetNeo4j empties the database through the driver (the store has no
// delete, on purpose) and loads g.
func resetNeo4j(tb testing.TB, uri string, s *neo4jstore.Store, g graph.Graph) {
	tb.Helper()
	ctx := context.Background()
	cfg := neo4jConfig(uri)
	auth := neo4j.NoAuth()
	if cfg.User != "" {
		auth = neo4j.BasicAuth(cfg.User, cfg.Password, "")
	}
	driver, err := neo4j.NewDriverWithContext(uri, auth)
	if err != nil {
		tb.Fatal(err)
	}
	defer driver.Close(ctx)
	opts := []neo4j.ExecuteQueryConfigurationOption{neo4j.ExecuteQueryWithWritersRouting()}
	if cfg.Database != "" {
		opts = append(opts, neo4j.ExecuteQueryWithDatabase(cfg.Database))
	}
	for {
		// Batches keep big graphs within the transaction memory limit.
		res, err := neo4j.ExecuteQuery(ctx, driver, "MATCH (n) WITH n LIMIT 20000 DETACH DELETE n RETURN count(*) AS c",
			nil, neo4j.EagerResultTransformer, opts...)
		if err != nil {
			tb.Fatalf("wiping Neo4j: %v", err)
		}
		if c, _, _ := neo4j.GetRecordValue[int64](res.Records[0], "c"); c == 0 {
			break
		}
	}
	if _, err := s.Load(ctx, g); err != nil {
		tb.Fatalf("loading Neo4j: %v", err)
	}
}

// newEmbedded loads g into a memstore, the embedded store.
func newEmbedded(tb testing.TB, g graph.Graph) graph.CypherRunner {
	tb.Helper()
	m := memstore.New(graph.DefaultLimits())
	if _, err := m.Load(context.Background(), g); err != nil {
		tb.Fatalf("loading memstore: %v", err)
	}
	return m
}
