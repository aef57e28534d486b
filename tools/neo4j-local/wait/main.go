// Command wait blocks until a Neo4j server answers a real query over Bolt
// (RETURN 1), or a timeout passes. scripts/neo4j-local.sh uses it to know
// the server is ready: an open port is not enough, the database must be
// up. There is no cypher-shell on the machines this runs on.
//
// With -empty it then empties the database as if it were new: every node
// and relationship deleted, every index and constraint dropped. The
// benchmarks use it to load into an empty database on a server whose JVM
// is already warm (scripts/neo4j-local.sh empty).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Getenv, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "neo4j-wait:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, getenv func(string) string, stderr io.Writer) error {
	fs := flag.NewFlagSet("neo4j-wait", flag.ContinueOnError)
	fs.SetOutput(stderr)
	uri := fs.String("uri", getenv("NEO4J_URI"), "Bolt URI")
	user := fs.String("user", getenv("NEO4J_USER"), "user (empty: no auth)")
	password := fs.String("password", getenv("NEO4J_PASSWORD"), "password")
	timeout := fs.Duration("timeout", 60*time.Second, "give up after this long")
	empty := fs.Bool("empty", false, "then delete everything in the database and drop its indexes and constraints")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *uri == "" {
		return errors.New("no -uri and no NEO4J_URI")
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()

	auth := neo4j.NoAuth()
	if *user != "" {
		auth = neo4j.BasicAuth(*user, *password, "")
	}
	driver, err := neo4j.NewDriverWithContext(*uri, auth)
	if err != nil {
		return err
	}
	defer driver.Close(context.Background())

	var last error
	for {
		attempt, cancelAttempt := context.WithTimeout(ctx, 5*time.Second)
		res, err := neo4j.ExecuteQuery(attempt, driver, "RETURN 1 AS one", nil, neo4j.EagerResultTransformer)
		cancelAttempt()
		if err == nil && len(res.Records) == 1 {
			if *empty {
				return emptyDatabase(ctx, driver)
			}
			return nil
		}
		last = err
		select {
		case <-ctx.Done():
			return fmt.Errorf("%s did not answer within %s: %v", *uri, *timeout, last)
		case <-time.After(250 * time.Millisecond):
		}
	}
}

// emptyDatabase deletes every relationship, then every node, in batches
// (a single transaction could exhaust the heap on a big graph, and the
// server caps what one transaction may hold: DETACH DELETE of 20,000
// nodes that include a hub with 100,000 relationships went past the
// 256 MiB the local server allows), and drops every constraint and index
// but the built-in token lookup indexes.
func emptyDatabase(ctx context.Context, driver neo4j.DriverWithContext) error {
	for _, batch := range []string{
		"MATCH ()-[r]->() WITH r LIMIT 20000 DELETE r RETURN count(*) AS c",
		"MATCH (n) WITH n LIMIT 20000 DETACH DELETE n RETURN count(*) AS c",
	} {
		for {
			res, err := neo4j.ExecuteQuery(ctx, driver, batch, nil, neo4j.EagerResultTransformer)
			if err != nil {
				return err
			}
			if c, _, _ := neo4j.GetRecordValue[int64](res.Records[0], "c"); c == 0 {
				break
			}
		}
	}
	for _, list := range []string{"SHOW CONSTRAINTS YIELD name RETURN name", "SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name"} {
		res, err := neo4j.ExecuteQuery(ctx, driver, list, nil, neo4j.EagerResultTransformer)
		if err != nil {
			return err
		}
		drop := "DROP CONSTRAINT "
		if strings.Contains(list, "INDEXES") {
			drop = "DROP INDEX "
		}
		for _, rec := range res.Records {
			name, _, _ := neo4j.GetRecordValue[string](rec, "name")
			if _, err := neo4j.ExecuteQuery(ctx, driver, drop+"`"+name+"` IF EXISTS", nil, neo4j.EagerResultTransformer); err != nil {
				return err
			}
		}
	}
	return nil
}
