#!/usr/bin/env bash
# A soak of mixed load on one server (SoakBench, host test sources): CLIENTS threads send synchronous, cached and failing
# queries, asynchronous ones (long-polled, results fetched), cancelled ones, CSV uploads, metadata reads, validation and
# estimation to the local PostgreSQL for MINUTES; every SAMPLE seconds one line of the series: heap after a full GC, threads,
# file descriptors, the server's database connections, Hikari's active count, tasks kept. Judges the second half flat.
# Usage: bench/soak.sh [MINUTES=10] [CLIENTS=8] [SAMPLE=30]   (after ./mvnw -B -q install -DskipTests; never run by Maven;
# PostgreSQL at 127.0.0.1:5432, user postgres, database test)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh
plugins=$(bench_plugins postgresql)
trap 'rm -rf "$plugins"' EXIT
# shellcheck disable=SC2086 # JAVA_OPTS is a word list
DBSPEC_LOG_LEVEL=ERROR java -Xmx512m ${JAVA_OPTS:-} -cp "$(bench_classpath)" dev.dbspec.host.bench.SoakBench "$plugins" "${1:-10}" "${2:-8}" "${3:-30}"
