#!/usr/bin/env bash
# API latency under load from a second process (wrk): enqueue and remote-worker pop, on the embedded H2 default.
# Usage: hourglass-server/bench/run.sh [seconds] [connections]   (from the repository root; needs wrk)
set -euo pipefail
secs=${1:-20}; conns=${2:-8}; port=18090
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"; here="$root/hourglass-server/bench"
data=$(mktemp -d)
"$root/hourglass" --version >/dev/null || [[ -f "$root/hourglass-server/target/hourglass.jar" ]]
java -jar "$root/hourglass-server/target/hourglass.jar" server --data-dir "$data" --port $port --log-level WARN &
pid=$!
trap 'kill -TERM $pid; wait $pid; rm -rf "$data"' EXIT
until curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null; do sleep 0.1; done
# seed the pop queue with more jobs than the run can pop, in bulk
for i in $(seq 1 60); do
  body=$(python3 -c 'import json; print(json.dumps({"jobs":[{"task":"bench-pop","queue":"bench-pop","allowUnknownTask":True}]*1000}))')
  curl -sf -XPOST -H 'Content-Type: application/json' -d "$body" "http://127.0.0.1:$port/api/v1/jobs/bulk" >/dev/null
done
echo "== enqueue: POST /api/v1/jobs, $conns connections, ${secs}s"
wrk -t2 -c"$conns" -d"${secs}s" --latency -s "$here/enqueue.lua" "http://127.0.0.1:$port/api/v1/jobs"
echo "== pop: POST /api/v1/queues/bench-pop/pop?limit=1, $conns connections, ${secs}s"
wrk -t2 -c"$conns" -d"${secs}s" --latency -s "$here/pop.lua" "http://127.0.0.1:$port"
