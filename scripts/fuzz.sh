#!/usr/bin/env bash
# make fuzz: run every fuzz target for FUZZTIME (default 60s) each, keep
# what the fuzzer found interesting as the target's corpus in the repo
# (testdata/fuzz/<Target>/, which `go test` then runs as regression
# inputs on every run), and print a table of what ran and what it found.
# A crasher fails the run: go test writes it to testdata/fuzz/<Target>/ and
# prints the reproducing command.
#
#   FUZZTIME=5m make fuzz            # longer
#   FUZZ_ONLY=FuzzRun make fuzz      # one target
#   FUZZ_KEEP=300                    # corpus files kept per target (newest)
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${FUZZTIME:-60s}
keep=${FUZZ_KEEP:-300}
cache=$(go env GOCACHE)/fuzz/github.com/actorgraph/actorgraph
module=github.com/actorgraph/actorgraph

# Every Fuzz function in the module, as package-dir:Target.
mapfile -t targets < <(grep -rl --include='*_test.go' '^func Fuzz' graph web cmd 2>/dev/null |
	xargs grep -o '^func Fuzz[A-Za-z0-9_]*' | sed -E 's#^(.*)/[^/]+_test.go:func (Fuzz.*)#\1:\2#' | sort -u)

printf '%-42s %8s %14s %10s %10s %s\n' target time execs "new input" corpus result
status=0
for t in "${targets[@]}"; do
	dir=${t%%:*}
	name=${t##*:}
	if [[ -n ${FUZZ_ONLY:-} && $name != "$FUZZ_ONLY" && $dir:$name != "$FUZZ_ONLY" ]]; then
		continue
	fi
	log=$(mktemp)
	result=ok
	if ! go test "./$dir" -run '^$' -fuzz "^$name\$" -fuzztime "$fuzztime" >"$log" 2>&1; then
		result="FAILED (see below)"
		status=1
	fi
	last=$(grep -E '^fuzz: elapsed' "$log" | tail -n1 || true)
	execs=$(sed -nE 's/.*execs: ([0-9]+).*/\1/p' <<<"$last")
	newint=$(sed -nE 's/.*new interesting: ([0-9]+).*/\1/p' <<<"$last")
	# Keep the corpus the fuzzer built (in the build cache) in the repo.
	src="$cache/$dir/$name"
	dst="$dir/testdata/fuzz/$name"
	if [[ -d $src ]]; then
		mkdir -p "$dst"
		# Newest first; file names are content hashes, so copies are idempotent.
		ls -t "$src" | head -n "$keep" | while read -r f; do cp -n "$src/$f" "$dst/$f"; done
	fi
	corpus=$(find "$dst" -type f 2>/dev/null | wc -l)
	printf '%-42s %8s %14s %10s %10s %s\n' "$dir:$name" "$fuzztime" "${execs:-?}" "${newint:-?}" "$corpus" "$result"
	if [[ $result != ok ]]; then
		tail -n 40 "$log"
	fi
	rm -f "$log"
done
exit $status
