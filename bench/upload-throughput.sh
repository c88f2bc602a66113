#!/usr/bin/env bash
# CSV upload into PostgreSQL: dbspec through the host (dbspec serve; POST /api/databases/{name}/upload with the file as the
# body; the upload task reads it, infers the types and streams COPY FROM STDIN through pgjdbc's CopyManager) next to
# psql \copy of the same file, in the same run, alternately. Both create their table and load it in one transaction
# (BEGIN; CREATE TABLE; COPY; COMMIT), so neither gets PostgreSQL's skip-the-WAL shortcut the other lacks. dbspec's time
# runs from the first byte of the POST to the task's SUCCEEDED state (file transfer, type inference pass, COPY, commit).
# Usage: bench/upload-throughput.sh [ROWS] [RUNS]   (after ./mvnw -B -q install -DskipTests; needs psql, curl, jq and
# PostgreSQL at $PGHOST:$PGPORT, user $PGUSER, database $PGDATABASE: default 127.0.0.1:5432, postgres, test, trust)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
runs=${2:-3}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-test}
dbspec=host/target/dbspec/bin/dbspec
work=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
suffix=$RANDOM$RANDOM
token=$(head -c 32 /dev/urandom | base64 | tr -d '/+=' | head -c 43)
server=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  for i in $(seq "$runs"); do
    psql -qAtc "DROP TABLE IF EXISTS bench_psql_${suffix}_$i; DROP TABLE IF EXISTS bench_dbspec_${suffix}_$i" >/dev/null 2>&1 || true
  done
  psql -qAtc "DELETE FROM dbspec_uploads WHERE table_name LIKE 'bench_dbspec_${suffix}_%'" >/dev/null 2>&1 || true
  psql -qAtc "DO \$\$ BEGIN IF NOT EXISTS (SELECT 1 FROM dbspec_uploads) THEN DROP TABLE dbspec_uploads; END IF; END \$\$" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

csv=$work/rows.csv
awk -v n="$rows" 'BEGIN {
  print "id,label,amount,day,at";
  for (i = 1; i <= n; i++) {
    d = 1 + i % 28;
    printf "%d,\"row %d, with \"\"quotes\"\"\",%d.25,2024-02-%02d,2024-02-%02d 12:34:56.%06d\n", i, i, i % 1000, d, d, i % 1000000;
  }
}' > "$csv"
bytes=$(stat -c %s "$csv")

mkdir -p "$work/data"
DBSPEC_BOOTSTRAP_ADMIN_TOKEN=$token "$dbspec" serve --port "$port" --data-dir "$work/data" > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/api/health" >/dev/null && break; sleep 0.2; done
api() { curl -sS -H "Authorization: Bearer $token" "$@"; }
api -X POST -H 'Content-Type: application/json' "http://127.0.0.1:$port/api/databases" \
  -d "{\"name\":\"bench\",\"url\":\"jdbc:postgresql://$PGHOST:$PGPORT/$PGDATABASE\",\"user\":\"$PGUSER\"}" >/dev/null

now() { date +%s%N; }
dbspec_run() { # table -> milliseconds
  local start task state
  start=$(now)
  task=$(api -X POST -H 'Content-Type: text/csv' --data-binary "@$csv" "http://127.0.0.1:$port/api/databases/bench/upload?table=$1" | jq -r .taskId)
  while :; do # a long poll (answered when the task ends), no jq: the harness should not take the CPU the database needs
    state=$(api "http://127.0.0.1:$port/api/tasks/$task?wait=30")
    case $state in *'"SUCCEEDED"'*) break ;; *'"FAILED"'*|*'"CANCELLED"'*|*'"error"'*) echo "$state" >&2; exit 1 ;; esac
  done
  echo $(( ($(now) - start) / 1000000 ))
}
psql_run() { # table -> milliseconds
  local start
  start=$(now)
  psql -qX -v ON_ERROR_STOP=1 >/dev/null <<SQL
BEGIN;
CREATE TABLE $1 (id BIGINT, label TEXT, amount DOUBLE PRECISION, day DATE, at TIMESTAMP);
\copy $1 FROM '$csv' WITH (FORMAT csv, HEADER true)
COMMIT;
SQL
  echo $(( ($(now) - start) / 1000000 ))
}

# warm-up (JIT, caches), not counted
dbspec_run "bench_dbspec_${suffix}_w" >/dev/null; psql -qAtc "DROP TABLE bench_dbspec_${suffix}_w" >/dev/null
psql_run "bench_psql_${suffix}_w" >/dev/null; psql -qAtc "DROP TABLE bench_psql_${suffix}_w" >/dev/null

echo "$(date -u +%Y-%m-%dT%H:%MZ) $(nproc) cores, $(java -version 2>&1 | head -1), $(psql -Atc 'SHOW server_version'), $rows rows, $((bytes / 1000000)) MB"
ours=(); theirs=()
for i in $(seq "$runs"); do
  theirs+=($(psql_run "bench_psql_${suffix}_$i"))
  ours+=($(dbspec_run "bench_dbspec_${suffix}_$i"))
  [ "$(psql -Atc "SELECT count(*) FROM bench_dbspec_${suffix}_$i")" = "$rows" ] || { echo "dbspec loaded a wrong row count" >&2; exit 1; }
  printf 'run %d: psql \\copy %6d ms   dbspec %6d ms\n' "$i" "${theirs[-1]}" "${ours[-1]}"
done
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
p=$(median "${theirs[@]}"); d=$(median "${ours[@]}")
printf 'median: psql \\copy %d ms (%d rows/s)   dbspec %d ms (%d rows/s)   dbspec/psql throughput %.2f\n' \
  "$p" $((rows * 1000 / p)) "$d" $((rows * 1000 / d)) "$(echo "$p / $d" | bc -l)"
