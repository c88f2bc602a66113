#!/usr/bin/env bash
# Cold-JVM time of `dbspec engines` with every built-in plugin installed, next to the baselines measured in the same run:
# the JVM printing its version, dbspec with no plugins at all, dbspec without its class-data archive (DBSPEC_CDS=off),
# and `engines --reload`, which loads every plugin instead of printing the listing kept from the last load of the same
# plugin files (cache/ of the distribution).
# Prints wall time (what a user waits) and CPU time (user + system, all threads: steadier on a loaded machine).
# Usage: bench/engines-startup.sh [RUNS]   (after ./mvnw -B -q install -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}
dbspec=host/target/dbspec/bin/dbspec
empty=$(mktemp -d)
trap 'rm -rf "$empty" "$empty.time"' EXIT
plugins=$(ls -d host/target/dbspec/plugins/*/ | wc -l)

measure() { # label command...
  local label=$1; shift
  local walls=() cpus=()
  "$@" >/dev/null 2>&1 # warm the OS file cache (and make the class-data archive), not the JVM
  for _ in $(seq "$runs"); do
    local line
    /usr/bin/time -o "$empty.time" -f '%e %U %S' "$@" >/dev/null 2>&1
    line=$(tail -1 "$empty.time")
    walls+=($(echo "$line" | awk '{printf "%d", $1 * 1000}'))
    cpus+=($(echo "$line" | awk '{printf "%d", ($2 + $3) * 1000}'))
  done
  local w c
  w=($(printf '%s\n' "${walls[@]}" | sort -n)); c=($(printf '%s\n' "${cpus[@]}" | sort -n))
  printf '%-46s wall min %5d  median %5d  max %5d ms   cpu median %5d ms\n' "$label" "${w[0]}" "${w[$((runs / 2))]}" \
    "${w[$((runs - 1))]}" "${c[$((runs / 2))]}"
}

echo "$(date -u +%Y-%m-%dT%H:%MZ) $(nproc) cores, $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg), $runs cold runs each"
measure "java -version (JVM floor)" java -version
measure "dbspec engines, no plugins" "$dbspec" --plugins-dir "$empty" engines
measure "dbspec engines, $plugins plugins" "$dbspec" engines
measure "dbspec engines, $plugins plugins, DBSPEC_CDS=off" env DBSPEC_CDS=off "$dbspec" engines
measure "dbspec engines --reload, $plugins plugins loaded" "$dbspec" engines --reload
measure "dbspec engines --reload, $plugins plugins, CDS off" env DBSPEC_CDS=off "$dbspec" engines --reload
