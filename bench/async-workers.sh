#!/usr/bin/env bash
# Asynchronous query throughput through RabbitMQ with 1, 2 and 4 `dbspec worker` processes on a latency-bound workload,
# and a worker killed during a run losing nothing. `dbspec serve` (--broker, --cache redis://) takes N tasks
# (POST /api/query/async, default 400); each task runs, on the local PostgreSQL,
#   INSERT INTO bench_async_<run> (task, done_at) SELECT <n>, clock_timestamp() FROM pg_sleep(0.05)
# so it waits 50 ms in the database and leaves one row when it commits. The tasks are queued first, then W workers
# (default 2 slots each) start together. Throughput is the steady rate between the 10th and 90th percentile of the rows'
# commit times (the workers' JVM start-up is not counted); the baseline is the same work with one worker. Last, a run
# with 2 workers in which one is killed (SIGKILL) once a quarter of the tasks are done. After every run the harness
# checks that no task ran twice, and that each task n left exactly one row and reports SUCCEEDED, except a task whose
# worker died while its write was committing: that one reports FAILED "outcome unknown" and was not run again (it left
# one row if the commit completed, none otherwise); it exits 1 otherwise.
# Usage: bench/async-workers.sh [N]   (after ./mvnw -B -q install -DskipTests; never run by Maven; needs psql, curl, jq,
#   PostgreSQL at 127.0.0.1:5432 (postgres, test), Redis at 127.0.0.1:6379 and RabbitMQ at 127.0.0.1:5672 (guest/guest))
set -euo pipefail
cd "$(dirname "$0")/.."
tasks=${1:-400}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-test}
dbspec=host/target/dbspec/bin/dbspec
[ -x "$dbspec" ] || { echo "build first: ./mvnw -B -q install -DskipTests" >&2; exit 1; }
cache=${DBSPEC_BENCH_REDIS:-redis://127.0.0.1:6379}
broker=${DBSPEC_BENCH_AMQP:-amqp://guest:guest@127.0.0.1:5672}
work=$(mktemp -d)
suffix=$RANDOM$RANDOM
table=bench_async_$suffix
port=$((20000 + RANDOM % 20000))
token=$(head -c 32 /dev/urandom | base64 | tr -d '/+=' | head -c 43)
# A queue of this run alone (the broker is shared), every task counted under one user's limit: raised past N.
export DBSPEC_TASKS_QUEUE=bench.tasks.$suffix DBSPEC_QUERY_MAX_CONCURRENT_PER_USER=1000000 DBSPEC_LOG_LEVEL=WARN
server=
workers=()
stop_workers() {
  for pid in "${workers[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${workers[@]}"; do wait "$pid" 2>/dev/null || true; done
  workers=()
}
cleanup() {
  stop_workers
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  psql -qAtc "DROP TABLE IF EXISTS $table" >/dev/null 2>&1 || true
  rabbitmqctl -q delete_queue "$DBSPEC_TASKS_QUEUE" >/dev/null 2>&1 || true
  rabbitmqctl -q delete_queue "$DBSPEC_TASKS_QUEUE.dead" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

psql -qAtc "CREATE TABLE $table (task int NOT NULL, done_at timestamptz NOT NULL)" >/dev/null
mkdir -p "$work/data"
DBSPEC_BOOTSTRAP_ADMIN_TOKEN=$token "$dbspec" serve --port "$port" --data-dir "$work/data" --cache "$cache" --broker "$broker" \
  > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 150); do curl -sf "http://127.0.0.1:$port/api/health" >/dev/null && break; sleep 0.2; done
api() { curl -sS -H "Authorization: Bearer $token" "$@"; }
api -X POST -H 'Content-Type: application/json' "http://127.0.0.1:$port/api/databases" \
  -d "{\"name\":\"bench\",\"url\":\"jdbc:postgresql://$PGHOST:$PGPORT/$PGDATABASE\",\"user\":\"$PGUSER\"}" >/dev/null

submit() { # -> the task ids in $work/ids (8 requests at a time: queueing is not what is measured)
  seq "$tasks" | xargs -P 8 -I{} curl -sS -w '\n' -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    "http://127.0.0.1:$port/api/query/async" \
    -d "{\"database\":\"bench\",\"sql\":\"INSERT INTO $table (task, done_at) SELECT {}, clock_timestamp() FROM pg_sleep(0.05)\"}" \
    | jq -r .taskId > "$work/ids"
  [ "$(grep -c . "$work/ids")" = "$tasks" ] || { echo "submitted $(grep -c . "$work/ids") of $tasks tasks" >&2; exit 1; }
}
start_workers() { # count
  for i in $(seq "$1"); do
    DBSPEC_LOG_LEVEL=INFO "$dbspec" worker --data-dir "$work/data" --cache "$cache" --broker "$broker" > "$work/worker-$i.log" 2>&1 &
    workers+=($!)
  done
}
done_count() { psql -qAtc "SELECT count(*) FROM $table"; }
wait_done() {
  local deadline=$((SECONDS + 180))
  while [ "$(done_count)" -lt "$tasks" ]; do
    [ $SECONDS -lt $deadline ] || { echo "timed out with $(done_count) of $tasks rows" >&2; return 1; }
    sleep 0.2
  done
  sleep 1 # a task that ran twice would commit its second row now
}
check() { # -> 0 when no task ran twice, every task reports SUCCEEDED and left exactly one row, except a task whose worker
          # died while its write committed: that one is FAILED "outcome unknown" (never run again) and left at most one row
  local twice none states unknown
  read -r twice none <<< "$(psql -qAtc "SELECT count(*) FILTER (WHERE c > 1) || ' ' || count(*) FILTER (WHERE c = 0)
                      FROM (SELECT count(t.task) c FROM generate_series(1, $tasks) n LEFT JOIN $table t ON t.task = n GROUP BY n) w")"
  xargs -P 8 -I{} curl -sS -w '\n' -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/tasks/{}" < "$work/ids" > "$work/states"
  states=$(jq -r .state "$work/states" | sort | uniq -c | xargs)
  unknown=$(jq -r 'select(.state == "FAILED" and ((.taskError // "") | startswith("outcome unknown"))) | .taskId' "$work/states" | grep -c . || true)
  echo "  tasks run twice: $twice; tasks without a row: $none; task states: $states; outcome unknown (worker died while committing): $unknown"
  [ "$twice" = 0 ] && [ "$none" -le "$unknown" ] && [ "$(jq -r .state "$work/states" | grep -c '^SUCCEEDED$')" = $((tasks - unknown)) ]
}
rate() { # tasks per second between the 10th and 90th percentile of the commit times, and over the whole run
  psql -qAtc "SELECT round((0.8 * count(*) / nullif(percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM done_at))
                          - percentile_cont(0.1) WITHIN GROUP (ORDER BY extract(epoch FROM done_at)), 0))::numeric, 1)
                   || ' ' || round((count(*) / nullif(extract(epoch FROM max(done_at) - min(done_at)), 0))::numeric, 1) FROM $table"
}

echo "$(date -u +%Y-%m-%dT%H:%MZ) $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), \
$(awk '/MemTotal/ {printf "%.0f GB RAM", $2 / 1048576}' /proc/meminfo), $(java -version 2>&1 | head -1), \
$(psql -Atc 'SHOW server_version'); $tasks tasks of pg_sleep(0.05), 2 slots per worker"
failed=0
declare -A steady
for count in 1 2 4; do
  psql -qAtc "TRUNCATE $table" >/dev/null
  submit
  start_workers "$count"
  wait_done || failed=1
  read -r steady[$count] whole <<< "$(rate)"
  stop_workers
  printf '%d worker(s): %6.1f tasks/s steady (10th-90th percentile), %6.1f tasks/s over the whole run, x%.2f of 1 worker  (load %s)\n' \
    "$count" "${steady[$count]}" "$whole" "$(echo "${steady[$count]} / ${steady[1]}" | bc -l)" "$(cut -d' ' -f1 /proc/loadavg)"
  check || failed=1
done

psql -qAtc "TRUNCATE $table" >/dev/null
submit
start_workers 2
victim=${workers[0]}
while [ "$(done_count)" -lt $((tasks / 4)) ]; do sleep 0.05; done
kill -9 "$victim"
killed_at=$(done_count)
wait_done || failed=1
stop_workers
echo "2 workers, one killed (SIGKILL) after $killed_at of $tasks tasks had committed:"
check || failed=1
redelivered=$(cat "$work"/worker-*.log | grep -c "(attempt 2)" || true)
echo "  tasks run again by the surviving worker (attempt 2 in its log): $redelivered"
[ $failed = 0 ] && echo "all checks passed" || { echo "CHECKS FAILED"; exit 1; }
