#!/usr/bin/env bash
# neo4j-local.sh: a real Neo4j 5.26 Community server on 127.0.0.1 without
# Docker, for tests and development. See tools/neo4j-local/ for the launcher.
#
#   scripts/neo4j-local.sh start   build if needed, start in the background,
#                                  wait until it answers RETURN 1 over Bolt;
#                                  prints NEO4J_URI=bolt://127.0.0.1:PORT
#   scripts/neo4j-local.sh wait    wait until the running server answers
#   scripts/neo4j-local.sh status  exit 0 if running (prints pid, URI, data)
#   scripts/neo4j-local.sh stop    SIGTERM, wait for a clean shutdown
#                                  (SIGKILL after NEO4J_LOCAL_STOP_TIMEOUT);
#                                  succeeds when nothing runs
#   scripts/neo4j-local.sh empty   delete all data, indexes and constraints of
#                                  the running server (benchmarks on a warm JVM)
#   scripts/neo4j-local.sh clean   stop, then delete a data dir this script
#                                  created with mktemp
#   scripts/neo4j-local.sh build   build the launcher only
#   scripts/neo4j-local.sh import DIR ARGS...
#                                  run Neo4j's offline bulk importer
#                                  (neo4j-admin database import ARGS, from
#                                  the same artifacts) into the data
#                                  directory DIR, which `start` can then
#                                  serve with NEO4J_LOCAL_DIR=DIR
#
# Environment:
#   NEO4J_LOCAL_PORT          Bolt port (default 7687)
#   NEO4J_LOCAL_DIR           data directory (default: the one this port
#                             used last, else a new mktemp dir under /tmp)
#   NEO4J_LOCAL_TIMEOUT       seconds start/wait give the server (default 180)
#   NEO4J_LOCAL_STOP_TIMEOUT  seconds stop waits before SIGKILL (default 60)
#   NEO4J_LOCAL_HEAP          JVM heap, -Xms and -Xmx (default 2g)
#   NEO4J_LOCAL_PAGECACHE_MB  page cache (default 256)
#   NEO4J_LOCAL_JAVA_OPTS     extra JVM options (default: -XX:+UseG1GC)
#   JAVA_HOME                 a Java 17+ (default: java on PATH)
#
# State (pid, log, data-dir pointer) lives in .cache/neo4j-local/PORT/, so
# several ports can run side by side and stop finds the right process.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MODULE="$ROOT/tools/neo4j-local"
PORT=${NEO4J_LOCAL_PORT:-7687}
STATE="$ROOT/.cache/neo4j-local/$PORT"
PIDFILE="$STATE/pid"
LOG="$STATE/neo4j.log"
DIRFILE="$STATE/datadir"
WAIT_BIN="$ROOT/.cache/neo4j-local/bin/neo4j-wait"
TIMEOUT=${NEO4J_LOCAL_TIMEOUT:-180}
STOP_TIMEOUT=${NEO4J_LOCAL_STOP_TIMEOUT:-60}
MAIN_CLASS=actorgraph.neo4jlocal.Launcher

# Java 17 needs these opened for Neo4j's off-heap and NIO internals; the
# list matches what the neo4j launcher script passes.
JAVA_OPENS=(
	--add-opens=java.base/java.nio=ALL-UNNAMED
	--add-opens=java.base/java.io=ALL-UNNAMED
	--add-opens=java.base/sun.nio.ch=ALL-UNNAMED
	--add-opens=java.base/java.lang=ALL-UNNAMED
	--add-opens=java.base/java.util=ALL-UNNAMED
	--add-opens=java.base/java.util.concurrent=ALL-UNNAMED
	--add-opens=java.base/java.net=ALL-UNNAMED
	--add-opens=java.base/java.lang.invoke=ALL-UNNAMED
	--add-opens=java.base/java.lang.reflect=ALL-UNNAMED
	--add-exports=java.base/sun.nio.ch=ALL-UNNAMED
	--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED
)

log() { printf 'neo4j-local: %s\n' "$*" >&2; }
die() {
	log "$*"
	exit 1
}

java_bin() {
	if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]]; then
		echo "$JAVA_HOME/bin/java"
	elif command -v java >/dev/null; then
		command -v java
	else
		die "no java found: install a JDK 17+ (Debian: openjdk-17-jdk-headless) or set JAVA_HOME"
	fi
}

# running prints the pid and succeeds when our launcher for this port runs.
# The command line is checked so a recycled pid is never taken for ours.
running() {
	[[ -f $PIDFILE ]] || return 1
	local pid
	pid=$(<"$PIDFILE")
	[[ $pid =~ ^[0-9]+$ ]] || return 1
	kill -0 "$pid" 2>/dev/null || return 1
	tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "$MAIN_CLASS" || return 1
	echo "$pid"
}

# needs_build succeeds when the launcher or its classpath is missing or
# older than its sources, or a jar on the classpath has gone from ~/.m2.
needs_build() {
	local cp="$MODULE/target/classpath.txt" cls="$MODULE/target/classes/actorgraph/neo4jlocal/Launcher.class"
	[[ -f $cp && -f $cls ]] || return 0
	[[ $MODULE/pom.xml -nt $cp ]] && return 0
	[[ -n $(find "$MODULE/src" -newer "$cls" -type f -print -quit) ]] && return 0
	local jar
	IFS=: read -r -a jars <"$cp"
	for jar in "${jars[@]}"; do
		[[ -f $jar ]] || return 0
	done
	return 1
}

build() {
	command -v mvn >/dev/null || die "no mvn found: install Maven (Debian: maven)"
	mkdir -p "$STATE"
	local blog="$STATE/build.log" t0=$SECONDS
	# Offline first: after one online build everything is in ~/.m2.
	if mvn -B -q -o -f "$MODULE/pom.xml" package -DskipTests >"$blog" 2>&1; then
		log "built launcher offline in $((SECONDS - t0))s"
	else
		log "offline build failed (first run?); building online from Maven Central"
		if ! mvn -B -q -f "$MODULE/pom.xml" package -DskipTests >>"$blog" 2>&1; then
			tail -n 40 "$blog" >&2
			die "maven build failed; full log: $blog"
		fi
		log "built launcher online in $((SECONDS - t0))s"
	fi
}

build_wait() {
	command -v go >/dev/null || die "no go found"
	mkdir -p "$(dirname "$WAIT_BIN")"
	(cd "$ROOT" && go build -o "$WAIT_BIN" ./tools/neo4j-local/wait) || die "cannot build tools/neo4j-local/wait"
}

port_in_use() {
	(exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null
}

# wait_ready polls with a real query until the server answers, the process
# dies, or the timeout passes.
wait_ready() {
	local pid=$1 deadline=$((SECONDS + TIMEOUT))
	[[ -x $WAIT_BIN ]] || build_wait
	while ((SECONDS < deadline)); do
		if ! kill -0 "$pid" 2>/dev/null; then
			log "the server (pid $pid) exited during start-up; last log lines:"
			tail -n 40 "$LOG" >&2 || true
			rm -f "$PIDFILE"
			return 1
		fi
		if "$WAIT_BIN" -uri "bolt://127.0.0.1:$PORT" -timeout 3s 2>/dev/null; then
			return 0
		fi
		sleep 1
	done
	log "the server did not answer within ${TIMEOUT}s; last log lines ($LOG):"
	tail -n 40 "$LOG" >&2 || true
	return 1
}

cmd_start() {
	local pid
	if pid=$(running); then
		log "already running (pid $pid) on bolt://127.0.0.1:$PORT"
		wait_ready "$pid" || exit 1
		echo "NEO4J_URI=bolt://127.0.0.1:$PORT"
		return 0
	fi
	if port_in_use; then
		die "port $PORT is taken by another process; set NEO4J_LOCAL_PORT"
	fi
	local java
	java=$(java_bin)
	if needs_build; then build; fi
	build_wait
	mkdir -p "$STATE"
	local dir=${NEO4J_LOCAL_DIR:-}
	if [[ -z $dir && -f $DIRFILE ]]; then
		dir=$(<"$DIRFILE")
		[[ -d $dir ]] || dir=""
	fi
	if [[ -z $dir ]]; then
		dir=$(mktemp -d /tmp/neo4j-local.XXXXXX)
		echo "$dir" >"$STATE/tmpdir"
	fi
	mkdir -p "$dir"
	echo "$dir" >"$DIRFILE"

	local t0=$SECONDS
	# setsid: the server has its own session, so a Ctrl-C in make does not
	# kill it before stop can shut it down cleanly.
	setsid "$java" -Xms"${NEO4J_LOCAL_HEAP:-2g}" -Xmx"${NEO4J_LOCAL_HEAP:-2g}" ${NEO4J_LOCAL_JAVA_OPTS:--XX:+UseG1GC} "${JAVA_OPENS[@]}" \
		-cp "$MODULE/target/classes:$(<"$MODULE/target/classpath.txt")" \
		"$MAIN_CLASS" "$dir" "$PORT" >"$LOG" 2>&1 </dev/null &
	pid=$!
	echo "$pid" >"$PIDFILE"
	log "started pid $pid, data $dir, log $LOG; waiting for Bolt on 127.0.0.1:$PORT"
	if ! wait_ready "$pid"; then
		cmd_stop || true
		exit 1
	fi
	log "ready in $((SECONDS - t0))s"
	echo "NEO4J_URI=bolt://127.0.0.1:$PORT"
}

cmd_wait() {
	local pid
	pid=$(running) || die "not running on port $PORT"
	wait_ready "$pid" || exit 1
	echo "NEO4J_URI=bolt://127.0.0.1:$PORT"
}

cmd_empty() {
	running >/dev/null || die "not running on port $PORT"
	build_wait
	"$WAIT_BIN" -uri "bolt://127.0.0.1:$PORT" -timeout 30m -empty
}

cmd_status() {
	local pid
	if pid=$(running); then
		echo "running pid=$pid uri=bolt://127.0.0.1:$PORT data=$(cat "$DIRFILE" 2>/dev/null) log=$LOG"
		return 0
	fi
	echo "stopped (port $PORT)"
	return 3
}

cmd_stop() {
	local pid
	if ! pid=$(running); then
		rm -f "$PIDFILE"
		log "not running on port $PORT"
		return 0
	fi
	kill -TERM "$pid" 2>/dev/null || true
	local deadline=$((SECONDS + STOP_TIMEOUT))
	while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do
		sleep 0.2
	done
	if kill -0 "$pid" 2>/dev/null; then
		log "pid $pid did not stop within ${STOP_TIMEOUT}s; sending SIGKILL"
		kill -KILL "$pid" 2>/dev/null || true
		while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
	fi
	rm -f "$PIDFILE"
	log "stopped pid $pid"
}

cmd_clean() {
	cmd_stop
	if [[ -f $STATE/tmpdir ]]; then
		local dir
		dir=$(<"$STATE/tmpdir")
		case $dir in
		/tmp/neo4j-local.*) rm -rf -- "$dir" ;;
		esac
		rm -f "$STATE/tmpdir" "$DIRFILE"
	fi
}

# cmd_import runs neo4j-admin's import command (org.neo4j.cli.AdminTool,
# which finds it in neo4j-import-tool on the launcher's classpath) with
# DIR as NEO4J_HOME: the launcher keeps its databases in DIR/data as a
# Neo4j home does.
cmd_import() {
	local dir=${1:?usage: $0 import DIR ARGS...}
	shift
	needs_build && build
	mkdir -p "$dir/conf"
	NEO4J_HOME=$dir NEO4J_CONF=$dir/conf "$(java_bin)" -Xmx"${NEO4J_LOCAL_HEAP:-1g}" "${JAVA_OPENS[@]}" \
		-cp "$MODULE/target/classes:$(<"$MODULE/target/classpath.txt")" org.neo4j.cli.AdminTool database import "$@"
}

case ${1:-} in
start) cmd_start ;;
import) shift && cmd_import "$@" ;;
stop) cmd_stop ;;
status) cmd_status ;;
wait) cmd_wait ;;
empty) cmd_empty ;;
clean) cmd_clean ;;
build) build && build_wait ;;
*)
	echo "usage: $0 start|stop|status|wait|empty|clean|build|import DIR ARGS..." >&2
	exit 2
	;;
esac
