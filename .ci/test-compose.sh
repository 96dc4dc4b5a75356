#!/usr/bin/env bash
# Brings deploy/compose.yaml up with podman and checks the first user story end to end on it: two Hourglass nodes on
# one PostgreSQL, the admin token made by the one-shot `token` service, the utility-accounts feed polled from the
# `accounts` service (profile `example`), its scrape jobs run by the Celery worker container through Redis and
# succeeded with the worker's result, one node killed and the other still running jobs; then `down -v`.
#
# No registry is reachable here, so the official PostgreSQL, Redis and Python images are replaced by stand-ins built
# from Debian's packages (.ci/build-standins.sh) through the compose file's POSTGRES_IMAGE, REDIS_IMAGE and
# PYTHON_IMAGE; the server's image is the one .ci/build-image.sh made (reused when it is of this commit). The
# compose runner is Debian 12's docker-compose 1.29 on podman's Docker API socket (podman 4.3 has no `podman
# compose`). Podman runs health checks from systemd timers, and this machine has no systemd: while the stack is up,
# this script runs them itself every 2 s (`podman healthcheck run`), which is all compose's service_healthy needs.
#
# Needs root and podman (bash .ci/setup-podman.sh). Environment (all optional):
#   HOURGLASS_IMAGE              the server's image                    (default localhost/hourglass:dev)
#   HOURGLASS_COMPOSE_TEST_PORT  node 1's port on 127.0.0.1, node 2's is the next (default 18780)
set -euo pipefail
cd "$(dirname "$0")/.."
export HOURGLASS_IMAGE="${HOURGLASS_IMAGE:-localhost/hourglass:dev}"
export NODE1_PORT="${HOURGLASS_COMPOSE_TEST_PORT:-18780}"
export NODE2_PORT="$((NODE1_PORT + 1))"
export DOCKER_HOST="unix://${HOURGLASS_PODMAN_SOCKET:-/run/hourglass-podman.sock}"
PROJECT=hourglass-ci
NODE1="http://127.0.0.1:$NODE1_PORT"
NODE2="http://127.0.0.1:$NODE2_PORT"
started=$(date +%s)
ticker=""
step() { printf '[test-compose] %s (%ss)\n' "$*" "$(( $(date +%s) - started ))"; }
check() { printf '[test-compose] ok: %s (%ss)\n' "$*" "$(( $(date +%s) - started ))"; }
compose() { docker-compose --ansi never -p "$PROJECT" -f deploy/compose.yaml --profile example "$@"; }
down() {
  [[ -z "$ticker" ]] || kill "$ticker" 2>/dev/null || true
  compose down -v --remove-orphans >/tmp/hourglass-compose-down.log 2>&1 || cat /tmp/hourglass-compose-down.log >&2
}
fail() {
  printf '[test-compose] FAILED: %s\n' "$*" >&2
  podman ps -a --filter "label=com.docker.compose.project=$PROJECT" >&2 || true
  for id in $(podman ps -aq --filter "label=com.docker.compose.project=$PROJECT" 2>/dev/null); do
    printf '[test-compose] --- log of %s\n' "$(podman inspect "$id" --format '{{.Name}}')" >&2
    podman logs --tail 40 "$id" >&2 2>&1 || true
  done
  exit 1
}
trap down EXIT
# GET (or METHOD, with a JSON body) an API path of a node with the token; prints the body
api() {
  local base="$1" path="$2" method="${3:-GET}" with=()
  [[ -z "${4:-}" ]] || with=(-H 'Content-Type: application/json' -d "$4")
  curl -fsS --max-time 10 -X "$method" "$base$path" -H "Authorization: Bearer $TOKEN" "${with[@]}"
}
# reads a JSON document on stdin and prints the Python expression $1 of it (as `d`)
json() { python3 -c "import json, sys; d = json.load(sys.stdin); print($1)"; }
# retries the command until it succeeds, for at most $1 seconds, every half second
within() {
  local seconds="$1"; shift
  local deadline=$(( $(date +%s) + seconds ))
  until "$@"; do
    (( $(date +%s) < deadline )) || return 1
    sleep 0.5
  done
}

# 1. What it runs on ---------------------------------------------------------------------------------------------
if ! command -v docker-compose >/dev/null; then
  install_compose() {
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-compose \
      >/tmp/hourglass-apt.log 2>&1
  }
  install_compose || { apt-get update -qq >/tmp/hourglass-apt.log 2>&1 && install_compose; } \
    || fail "apt-get install docker-compose failed, see /tmp/hourglass-apt.log"
fi
curl -fsS --max-time 2 --unix-socket "${DOCKER_HOST#unix://}" http://d/v1.41/_ping >/dev/null \
  || fail "podman's Docker API does not answer at $DOCKER_HOST (bash .ci/setup-podman.sh)"
step "compose: $(docker-compose version --short) on podman $(podman version --format '{{.Server.Version}}') at $DOCKER_HOST"
commit="$(git rev-parse HEAD 2>/dev/null || echo unknown)"
if [[ "$(podman image inspect "$HOURGLASS_IMAGE" --format '{{index .Labels "org.opencontainers.image.revision"}}' \
      2>/dev/null)" == "$commit" ]]; then
  step "image: $HOURGLASS_IMAGE of commit $commit, as .ci/build-image.sh left it"
else
  step "image: $HOURGLASS_IMAGE is not of commit $commit, building it"
  bash .ci/build-image.sh >/dev/null
fi
standins="$(bash .ci/build-standins.sh)" || fail "the stand-in images could not be built"
while IFS='=' read -r variable image; do export "$variable=$image"; done <<<"$standins"
step "stand-ins: $(tr '\n' ' ' <<<"$standins")"

# 2. Up ------------------------------------------------------------------------------------------------------------
down # what an interrupted run may have left
if [[ ! -S /run/systemd/private ]]; then
  (
    while true; do
      for id in $(podman ps -q --filter "label=com.docker.compose.project=$PROJECT" 2>/dev/null); do
        podman healthcheck run "$id" >/dev/null 2>&1 || true
      done
      sleep 2
    done
  ) &
  ticker=$!
  step "no systemd here: running the containers' health checks every 2 s (pid $ticker)"
fi
token_output="$(compose run --rm -T token 2>&1)" || { echo "$token_output" >&2; fail "the token service failed"; }
TOKEN="$(grep -o 'hg_[A-Za-z0-9_-]*' <<<"$token_output" | head -1)"
[[ -n "$TOKEN" ]] || fail "the token service printed no token: $token_output"
check "the one-shot token service created an admin token in the shared data volume"
step "up -d"
compose up -d >/tmp/hourglass-compose-up.log 2>&1 || { cat /tmp/hourglass-compose-up.log >&2; fail "compose up"; }

ready() { [[ "$(curl -fsS --max-time 2 "$1/health/ready" 2>/dev/null)" == *'"status":"ready"'* ]]; }
within 180 ready "$NODE1" || fail "hourglass-1 is not ready at $NODE1/health/ready"
within 60 ready "$NODE2" || fail "hourglass-2 is not ready at $NODE2/health/ready"
check "both nodes answer /health/ready: ready (ports $NODE1_PORT and $NODE2_PORT)"
nodes="$(api "$NODE2" /api/v1/nodes | json '" ".join(sorted(n["name"] for n in d["items"]))')"
[[ "$nodes" == "hourglass-1 hourglass-2" ]] || fail "GET /api/v1/nodes shows '$nodes', not hourglass-1 hourglass-2"
check "GET /api/v1/nodes shows both nodes: $nodes (they share the token too)"
for service in postgres redis; do
  health="$(podman inspect "$(compose ps -q "$service")" --format '{{.State.Health.Status}}')"
  [[ "$health" == healthy ]] || fail "$service is $health"
done
check "postgres (pg_isready) and redis (redis-cli ping) report healthy"
resolved="$(podman exec "$(compose ps -q celery-worker)" python3 -c \
  'import socket; print(" ".join(socket.gethostbyname(h) for h in ("postgres", "redis", "hourglass-1", "accounts")))')" \
  || fail "service names do not resolve between containers"
check "service names resolve between containers (postgres redis hourglass-1 accounts: $resolved)"

# 3. The story: tasks on Celery, the feed, the scrapes ----------------------------------------------------------------
for task in scrape-coned scrape-ngrid; do   # as docs/deploy.md defines them
  api "$NODE1" "/api/v1/tasks/$task" PUT '{
      "executor": "celery",
      "settings": {"brokerUrl": "${secret:REDIS_URL}", "resultBackendUrl": "redis://redis:6379/1", "queue": "scrape"},
      "timeout": "5m"}' >/dev/null || fail "PUT /api/v1/tasks/$task"
done
# the example's feed on the accounts service; polled on demand below, so its own schedule is made hourly to keep
# a scheduled poll out of the counts
feed="$(sed -e 's#http://127.0.0.1:18090/account/#http://accounts:8000/account/#' -e 's#"every": "5m"#"every": "1h"#' \
  examples/utility-accounts/feed/feed.json)"
[[ "$feed" == *'"url": "http://accounts:8000/account/"'*'"every": "1h"'* ]] || fail "feed.json changed shape: $feed"
api "$NODE2" /api/v1/feeds/accounts PUT "$feed" >/dev/null || fail "PUT /api/v1/feeds/accounts"
check "defined scrape-coned and scrape-ngrid on the Celery executor (node 1) and the feed accounts (node 2)"
# prints the feed's poll that ran as job $1: "status itemsSeen jobsCreated duplicates" (nothing before it ran)
poll_of() {
  api "$NODE1" /api/v1/feeds/accounts/polls | json '" ".join(str(p[k]) for p in d["items"] if p["jobId"] == '"$1"'
    for k in ("status", "itemsSeen", "jobsCreated", "duplicates"))'
}
finished() { [[ "$(poll_of "$1")" == polled\ * ]]; }
# polls the feed now through node $1 and prints the poll once it finished
poll() {
  local job
  job="$(api "$1" /api/v1/feeds/accounts/poll POST | json 'd["jobId"]')" || fail "POST /api/v1/feeds/accounts/poll"
  within 60 finished "$job" || fail "the poll job $job did not finish: $(api "$NODE1" /api/v1/feeds/accounts/polls)"
  poll_of "$job"
}
# prints "id task account" for each job of the queue scrape in state $1 (comma-separated), oldest first
scrapes() {
  api "$NODE1" "/api/v1/jobs?queue=scrape&state=$1&limit=100" | json '"\n".join("%s %s %s" % (j["id"], j["task"],
    j["kwargs"].get("id")) for j in sorted(d["items"], key=lambda j: j["id"]))' | grep . || true
}
succeeded() { [[ "$(scrapes succeeded | wc -l)" -ge "$1" ]]; }

api "$NODE1" /api/v1/queues/scrape PUT '{"concurrency": 4}' >/dev/null || fail "PUT /api/v1/queues/scrape"
api "$NODE1" /api/v1/queues/scrape/pause POST >/dev/null || fail "POST /api/v1/queues/scrape/pause"
result="$(poll "$NODE1")"
[[ "$result" == "polled 4 4 0" ]] || fail "the first poll did not create four jobs (status, items, created, duplicates: $result)"
result="$(poll "$NODE2")"
[[ "$result" == "polled 4 0 4" ]] || fail "the second poll, on node 2, did not find four duplicates: $result"
check "with the queue paused, a poll created one job per account and a poll on the other node four duplicates"
api "$NODE2" /api/v1/queues/scrape/resume POST >/dev/null || fail "POST /api/v1/queues/scrape/resume"
within 120 succeeded 4 || fail "the four scrapes did not all succeed: $(scrapes succeeded,failed,infra_error,pending,running)"
while read -r id task account; do
  job="$(api "$NODE1" "/api/v1/jobs/$id")"
  output="$(json 'd["attemptHistory"][-1]["output"]' <<<"$job")"
  utility="$(json 'd["kwargs"]["utility"]' <<<"$job")"
  [[ "$task" == "scrape-$utility" ]] || fail "job $id of account $account ran $task, not scrape-$utility"
  [[ "$(json 'json.loads(d["attemptHistory"][-1]["output"])["account_id"]' <<<"$job")" == "$account" ]] \
    || fail "job $id's output is not the worker's summary for account $account: $output"
  check "job $id: account $account, $task, run by $(json 'd["attemptHistory"][-1]["owner"]' <<<"$job"), succeeded: $output"
done < <(scrapes succeeded)
worker_log="$(compose logs --no-color celery-worker 2>&1)"
for task in scrape-coned scrape-ngrid; do
  grep -q "Task $task\[.*\] succeeded" <<<"$worker_log" || fail "the Celery worker's log shows no $task that succeeded"
done
check "the Celery worker container logged the scrape-coned and scrape-ngrid tasks it ran"
result="$(poll "$NODE2")"
[[ "$result" == "polled 4 4 0" ]] || fail "a poll after the scrapes did not schedule the four accounts again: $result"
within 60 succeeded 8 || fail "the second round of scrapes did not succeed: $(scrapes failed,infra_error,pending,running)"
check "a poll after the scrapes scheduled the four accounts again, and they succeeded"

# 4. One node killed, the other goes on ----------------------------------------------------------------------------
podman kill "$(compose ps -q hourglass-1)" >/dev/null
check "killed hourglass-1's container (SIGKILL)"
ready "$NODE2" || fail "hourglass-2 is not ready after hourglass-1 was killed"
for account in 101 102; do
  api "$NODE2" /api/v1/jobs POST "{\"task\": \"scrape-coned\", \"queue\": \"scrape\",
      \"kwargs\": {\"id\": $account, \"utility\": \"coned\"}, \"dedupKey\": \"account:$account\"}" >/dev/null \
    || fail "POST /api/v1/jobs on hourglass-2"
done
done_after_kill() {
  [[ "$(api "$NODE2" "/api/v1/jobs?queue=scrape&state=succeeded&limit=100" \
    | json 'sum(1 for j in d["items"] if j["kwargs"].get("id") in (101, 102))')" == 2 ]]
}
within 120 done_after_kill || fail "hourglass-2 did not run the two scrapes enqueued after hourglass-1 was killed"
check "hourglass-2 ran the two scrapes enqueued after hourglass-1 was killed ($(podman inspect "$(compose ps -q hourglass-1)" \
  --format 'hourglass-1 is {{.State.Status}}, restarted {{.RestartCount}} times by its restart policy'))"

# 5. Down ----------------------------------------------------------------------------------------------------------
volumes="$(podman inspect --format '{{range .Mounts}}{{if .Name}}{{.Name}} {{end}}{{end}}' \
  $(podman ps -aq --filter "label=com.docker.compose.project=$PROJECT"))"   # named and anonymous ones
trap - EXIT
step "down -v"
down
left="$(podman ps -aq --filter "label=com.docker.compose.project=$PROJECT"
  for volume in $volumes; do podman volume exists "$volume" && echo "$volume"; done
  podman network ls --format '{{.Name}}' | grep "^${PROJECT}_" || true)"
[[ -z "$left" ]] || fail "down -v left: $left"
check "down -v removed the containers, the volumes and the network"
printf '[test-compose] all compose checks passed in %ss\n' "$(( $(date +%s) - started ))"
