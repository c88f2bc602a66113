#!/usr/bin/env bash
# 1,000 concurrent REST queries on a pool of 10 connections (ConcurrentRestBench, host test sources): only typed,
# configured back-pressure (429/503 with Retry-After) besides 200, Hikari's active count back to 0, p50/p99 latency;
# three configurations (default per-user limit; limit raised with the pool waiting 10 s; and 250 ms). Exit 1 if a check fails.
# Usage: bench/rest-concurrency.sh [N]   (after ./mvnw -B -q install -DskipTests; never run by Maven; PostgreSQL at 127.0.0.1:5432)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh
plugins=$(bench_plugins postgresql)
trap 'rm -rf "$plugins"' EXIT
# shellcheck disable=SC2086 # JAVA_OPTS is a word list
DBSPEC_LOG_LEVEL=ERROR java -Xmx1g ${JAVA_OPTS:-} -cp "$(bench_classpath)" dev.dbspec.host.bench.ConcurrentRestBench "$plugins" "${1:-1000}"
