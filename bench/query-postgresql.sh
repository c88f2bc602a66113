#!/usr/bin/env bash
# 1,000,000 rows from PostgreSQL through the host's QueryExecutor and through REST (POST /api/query), next to raw JDBC
# on the same query in the same run, timed alternately (PostgresStreamBench, host test sources). Memory flat in rows for
# PostgreSQL: ENGINE=postgresql bench/query-memory.sh.
# Usage: bench/query-postgresql.sh [ROWS] [ROUNDS]   (after ./mvnw -B -q install -DskipTests; never run by Maven;
#   PostgreSQL at 127.0.0.1:5432, database test, user postgres; -Dbench.pg.url=... -Dbench.pg.user=... in JAVA_OPTS for another)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh
plugins=$(bench_plugins postgresql)
trap 'rm -rf "$plugins"' EXIT
# shellcheck disable=SC2086 # JAVA_OPTS is a word list
DBSPEC_LOG_LEVEL=ERROR java -Xmx1g ${JAVA_OPTS:-} -cp "$(bench_classpath)" dev.dbspec.host.bench.PostgresStreamBench "$plugins" "${1:-1000000}" "${2:-5}"
