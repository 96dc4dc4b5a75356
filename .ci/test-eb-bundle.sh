#!/usr/bin/env bash
# Checks the Elastic Beanstalk source bundle (deploy/elastic-beanstalk/build-bundle.sh): its layout, and that its
# Procfile command, run the way the platform runs it (in the unpacked bundle, with the environment the
# .ebextensions declare), starts the server, which answers the health check path, enforces the bundled API token
# and stops cleanly on SIGTERM. Nothing here reaches AWS. HOURGLASS_JAR: a built server jar (else it is built).
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${HOURGLASS_EB_TEST_PORT:-18181}"
work="$(mktemp -d)"
pid=""
cleanup() { [[ -n "$pid" ]] && kill "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
check() { printf '[test-eb-bundle] ok: %s\n' "$*"; }
fail() { printf '[test-eb-bundle] FAILED: %s\n' "$*" >&2; [[ -f "$work/server.log" ]] && tail -20 "$work/server.log" >&2; exit 1; }

if ! command -v zip >/dev/null || ! command -v unzip >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends zip unzip >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq zip unzip >/dev/null; }
fi
jar="${HOURGLASS_JAR:-hourglass-server/target/hourglass.jar}"
[[ -s "$jar" ]] || ./mvnw -q -B -pl hourglass-server -am package -DskipTests
token="$(java -jar "$jar" token create --role admin --name eb-test --data-dir "$work/tokens" 2>/dev/null | head -1)"
[[ "$token" == hg_* ]] || fail "could not create a token: '$token'"

HOURGLASS_JAR="$jar" bash deploy/elastic-beanstalk/build-bundle.sh "$work/tokens/tokens.json" "$work/bundle.zip" >/dev/null
entries="$(unzip -Z1 "$work/bundle.zip" | grep -v '/$' | sort | tr '\n' ' ')"
[[ "$entries" == ".ebextensions/hourglass.config Procfile data/tokens.json hourglass.jar " ]] \
  || fail "unexpected bundle layout: $entries"
check "bundle holds $entries"
if HOURGLASS_JAR="$jar" bash deploy/elastic-beanstalk/build-bundle.sh "" "$work/none.zip" 2>/dev/null; then
  fail "a bundle without tokens was built"
fi
check "refuses to build a bundle without API tokens"

mkdir "$work/app"
(cd "$work/app" && unzip -q "$work/bundle.zip")
command="$(sed -n 's/^web: //p' "$work/app/Procfile")"
[[ -n "$command" ]] || fail "the Procfile has no web process"
# the environment the .ebextensions declare, except the port (the platform's 5000 may be taken here)
env_from_config() { sed -n "s/^ *$1: *\"\{0,1\}\([^\" #]*\)\"\{0,1\}.*/\1/p" "$work/app/.ebextensions/hourglass.config"; }
(cd "$work/app" && exec env HOURGLASS_BIND="$(env_from_config HOURGLASS_BIND)" \
  HOURGLASS_COMPAT_ACCESS="$(env_from_config HOURGLASS_COMPAT_ACCESS)" \
  HOURGLASS_SHUTDOWN_GRACE="$(env_from_config HOURGLASS_SHUTDOWN_GRACE)" HOURGLASS_PORT="$PORT" \
  bash -c "exec $command" >"$work/server.log" 2>&1) &
pid=$!
health_path="$(sed -n 's/^ *HealthCheckPath: *//p' "$work/app/.ebextensions/hourglass.config")"
for _ in $(seq 1 120); do
  curl -fsS --max-time 2 "http://127.0.0.1:$PORT$health_path" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || fail "the Procfile command exited before it was ready"
  sleep 0.5
done
health="$(curl -fsS "http://127.0.0.1:$PORT$health_path")"
grep -q '"ready"' <<<"$health" || fail "$health_path did not answer ready"
check "the Procfile command serves $health_path on port $PORT"
code="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/api/v1/jobs")"
[[ "$code" == 401 ]] || fail "the API answered $code without a token, expected 401"
code="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/jobs")"
[[ "$code" == 401 ]] || fail "the container-jobs API answered $code without a token, expected 401"
code="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "http://127.0.0.1:$PORT/api/v1/jobs")"
[[ "$code" == 200 ]] || fail "the API answered $code with the bundled token, expected 200"
check "enforces the bundled token on the API and the container-jobs API (401 without, 200 with)"

kill -TERM "$pid"
wait "$pid" || true
pid=""
grep -q "Hourglass stopped" "$work/server.log" || fail "no clean shutdown logged after SIGTERM"
check "stops cleanly on SIGTERM"
