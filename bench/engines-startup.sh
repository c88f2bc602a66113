#!/usr/bin/env bash
# Cold-JVM wall time of `dbspec engines` with every built-in plugin installed, next to two baselines
# measured in the same run: the JVM printing its version, and dbspec with no plugins at all.
# Usage: bench/engines-startup.sh [RUNS]   (after ./mvnw -B -q install -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}
dbspec=host/target/dbspec/bin/dbspec
empty=$(mktemp -d)
trap 'rm -rf "$empty"' EXIT
plugins=$(ls -d host/target/dbspec/plugins/*/ | wc -l)

measure() { # label command...
  local label=$1; shift
  local times=()
  "$@" >/dev/null 2>&1 # warm the OS file cache, not the JVM
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  sorted=($(printf '%s\n' "${times[@]}" | sort -n))
  printf '%-44s min %5d ms   median %5d ms   max %5d ms\n' "$label" "${sorted[0]}" "${sorted[$((runs / 2))]}" "${sorted[$((runs - 1))]}"
}

echo "$(date -u +%Y-%m-%dT%H:%MZ) $(nproc) cores, $(java -version 2>&1 | head -1), $runs cold runs each"
measure "java -version (JVM floor)" java -version
measure "dbspec engines, no plugins" "$dbspec" --plugins-dir "$empty" engines
measure "dbspec engines, $plugins plugins" "$dbspec" engines
