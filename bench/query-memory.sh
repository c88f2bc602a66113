#!/usr/bin/env bash
# Is the host's query path flat in memory in the number of rows? Runs QueryMemoryBench (host test sources):
# the host's QueryExecutor streams H2 results of 10^4, 10^5 and 10^6 rows (limit above N) to a null output,
# next to a naive peer in the same run (the same statement on the same pool, all rows in a List, then
# serialized). Prints live heap and time per size; once per heap bound (default: 64m, then 1g, so the naive
# peer's figures at 10^6 rows are measured too). Results and method: bench/QUERY-MEMORY.md.
# Usage: bench/query-memory.sh [XMX...]   (after ./mvnw -B -q install -DskipTests; never run by Maven)
#   ROWS="10000 100000 1000000 10000000" for other sizes; JAVA_OPTS="-Dbench.h2Lazy=false" to let H2 materialise results;
#   ENGINE=postgresql for the local PostgreSQL (127.0.0.1:5432, test, postgres; generate_series) instead of H2.
set -euo pipefail
cd "$(dirname "$0")/.."
lib=host/target/dbspec/lib
classes=host/target/test-classes
if [ ! -f "$classes/dev/dbspec/host/QueryMemoryBench.class" ] || [ ! -d "$lib" ]; then
  echo "build first: ./mvnw -B -q install -DskipTests" >&2
  exit 1
fi
plugins=$(mktemp -d)
trap 'rm -rf "$plugins"' EXIT
engine=${ENGINE:-h2}
cp -r host/target/dbspec/plugins/h2 "$plugins/" # only the H2 plugin (also the metadata store's) and the engine's: less unrelated heap
[ "$engine" = h2 ] || cp -r "host/target/dbspec/plugins/$engine" "$plugins/"

echo "$(date -u +%Y-%m-%dT%H:%MZ) $(uname -sr), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(java -version 2>&1 | head -1)"
bounds=("$@")
[ ${#bounds[@]} -gt 0 ] || bounds=(64m 1g)
for xmx in "${bounds[@]}"; do
  echo
  # shellcheck disable=SC2086 # JAVA_OPTS and ROWS are word lists
  DBSPEC_LOG_LEVEL=ERROR java "-Xmx$xmx" "-Dbench.engine=$engine" ${JAVA_OPTS:-} -cp "host/target/classes:$classes:$lib/*" dev.dbspec.host.QueryMemoryBench "$plugins" ${ROWS:-10000 100000 1000000}
done
