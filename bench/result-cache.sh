#!/usr/bin/env bash
# A cached query result next to re-executing the query, with the embedded cache (Caffeine) and with Redis, through
# QueryService and through REST (ResultCacheBench, host test sources); target: cached at least 50x faster.
# Usage: bench/result-cache.sh [ROUNDS] [REDIS_URI]   (after ./mvnw -B -q install -DskipTests; never run by Maven;
#   PostgreSQL at 127.0.0.1:5432, Redis at redis://127.0.0.1:6379 unless given)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh
plugins=$(bench_plugins postgresql)
trap 'rm -rf "$plugins"' EXIT
# shellcheck disable=SC2086 # JAVA_OPTS is a word list
DBSPEC_LOG_LEVEL=ERROR java -Xmx1g ${JAVA_OPTS:-} -cp "$(bench_classpath)" dev.dbspec.host.bench.ResultCacheBench "$plugins" "${1:-15}" "${2:-redis://127.0.0.1:6379}"
