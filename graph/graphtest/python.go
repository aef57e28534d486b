package graphtest

import (
	"os"
	"testing"
)

// Python returns the interpreter of the virtualenv scripts/pyenv.sh makes
// (followthemoney, networkx, stix2, …), which scripts/test.sh passes in
// ACTORGRAPH_PYTHON, for the tests that have those libraries check our
// output. Without it the test skips, except in CI (CI=true), where it
// must run and fails instead.
func Python(t testing.TB) string {
	t.Helper()
	py := os.Getenv("ACTORGRAPH_PYTHON")
	if py == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("ACTORGRAPH_PYTHON is not set: scripts/test.sh sets it to the python of the virtualenv scripts/pyenv.sh makes")
		}
		t.Skip("ACTORGRAPH_PYTHON is not set (ACTORGRAPH_PYTHON=$(bash scripts/pyenv.sh) to run this)")
	}
	return py
}
