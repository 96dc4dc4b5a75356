#!/usr/bin/env bash
# Builds the server's image (.ci/build-image.sh), loads it into podman and checks what an operator relies on: it
# runs as a non-root user, keeps its data in the /data volume, refuses a public address without API tokens,
# answers /health/ready, takes its settings from HOURGLASS_* variables, and shuts down cleanly on SIGTERM.
# Needs podman (bash .ci/setup-podman.sh). The container shares the host's network (there is no port publishing
# here) and listens on loopback only, on HOURGLASS_IMAGE_TEST_PORT.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${HOURGLASS_IMAGE_TEST_PORT:-18180}"
NAME="hourglass-image-test-$$"
VOLUME="hourglass-image-test-$$"
started=$(date +%s)
check() { printf '[test-image] ok: %s\n' "$*"; }
fail() { printf '[test-image] FAILED: %s\n' "$*" >&2; podman logs "$NAME" 2>&1 | tail -20 >&2 || true; exit 1; }
cleanup() { podman rm -f "$NAME" >/dev/null 2>&1 || true; podman volume rm -f "$VOLUME" >/dev/null 2>&1 || true; }
trap cleanup EXIT

built="$(bash .ci/build-image.sh)"   # progress on stderr; the last line names the tar and the image
read -r tar IMAGE <<<"$(tail -1 <<<"$built")"
printf '[test-image] built %s in %ss\n' "$tar" "$(( $(date +%s) - started ))"

user="$(podman image inspect "$IMAGE" --format '{{.Config.User}}')"
[[ "$user" == 10001:10001 ]] || fail "the image runs as '$user', not 10001:10001"
check "runs as user $user"
# each output is read whole before grep: with pipefail, a 'grep -q' that stops at its first match can kill the
# writer with SIGPIPE and fail the pipeline although the text was there
volumes="$(podman image inspect "$IMAGE" --format '{{json .Config.Volumes}}')"
grep -q '"/data"' <<<"$volumes" || fail "no /data volume"
check "declares the /data volume"

podman volume create "$VOLUME" >/dev/null
if refusal="$(podman run --rm -v "$VOLUME:/data" "$IMAGE" 2>&1)"; then
  fail "started on 0.0.0.0 without API tokens"
fi
grep -q "refusing to listen on 0.0.0.0 without API tokens" <<<"$refusal" || fail "unexpected refusal: $refusal"
check "refuses 0.0.0.0 without API tokens, and says how to create one"

podman run -d --name "$NAME" --network host -v "$VOLUME:/data" \
  -e HOURGLASS_BIND=127.0.0.1 -e HOURGLASS_PORT="$PORT" -e HOURGLASS_NODE_NAME=image-test "$IMAGE" >/dev/null
ready=""
for _ in $(seq 1 120); do
  if ready="$(curl -fsS --max-time 2 "http://127.0.0.1:$PORT/health/ready" 2>/dev/null)"; then break; fi
  podman container exists "$NAME" && [[ "$(podman inspect "$NAME" --format '{{.State.Running}}')" == true ]] \
    || fail "the container stopped before it was ready"
  sleep 0.5
done
[[ "$ready" == *'"status":"ready"'* ]] || fail "/health/ready did not answer ready: '$ready'"
check "answers /health/ready: $ready"
nodes="$(curl -fsS "http://127.0.0.1:$PORT/api/v1/nodes")"
grep -q '"image-test"' <<<"$nodes" || fail "HOURGLASS_NODE_NAME was not applied"
check "takes HOURGLASS_NODE_NAME from the environment"
logs="$(podman logs "$NAME" 2>&1)"
grep -q "jdbc:h2:file:/data/hourglass" <<<"$logs" || fail "the database is not under /data"
check "keeps its database under /data"

podman stop --time 30 "$NAME" >/dev/null   # SIGTERM, then SIGKILL only after 30 s
code="$(podman inspect "$NAME" --format '{{.State.ExitCode}}')"
logs="$(podman logs "$NAME" 2>&1)"
grep -q "Hourglass node 'image-test' stopped" <<<"$logs" && grep -q "Hourglass stopped" <<<"$logs" \
  || fail "no clean shutdown in the log"
# The JVM reports a SIGTERM as 143 (128 + 15) after its shutdown hooks ran; 137 would mean it was killed.
[[ "$code" == 0 || "$code" == 143 ]] || fail "exit code $code after SIGTERM"
check "stops cleanly on SIGTERM (exit code $code, 'Hourglass stopped' logged)"
printf '[test-image] all image checks passed in %ss\n' "$(( $(date +%s) - started ))"
