package graphtest

import (
	"os"
	"testing"
)

// Env returns the environment variable name, which the test needs (a
// real Neo4j, the Python libraries). Without it the test skips, except in
// CI (CI=true), where a skip would hide that nothing was tested: there it
// fails. how says how to set it.
func Env(tb testing.TB, name, how string) string {
	tb.Helper()
	v := os.Getenv(name)
	if v == "" {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("%s is not set in CI: %s", name, how)
		}
		tb.Skipf("%s is not set: %s", name, how)
	}
	return v
}

// Python returns the interpreter of the virtualenv scripts/pyenv.sh makes
// (followthemoney, networkx, stix2, …), which scripts/test.sh passes in
// ACTORGRAPH_PYTHON, for the tests that have those libraries check our
// output (see Env).
func Python(tb testing.TB) string {
	tb.Helper()
	return Env(tb, "ACTORGRAPH_PYTHON", "scripts/test.sh sets it; by hand, ACTORGRAPH_PYTHON=$(bash scripts/pyenv.sh)")
}

// Neo4jURI returns NEO4J_URI, the Bolt address of the real Neo4j the
// store tests run against (see Env). They wipe the database they are
// given: never point them at real data.
func Neo4jURI(tb testing.TB) string {
	tb.Helper()
	return Env(tb, "NEO4J_URI", "run scripts/neo4j-local.sh start and export the NEO4J_URI it prints")
}
