#!/usr/bin/env bash
# Builds the Elastic Beanstalk source bundle for the Hourglass server (Java SE platform):
#   hourglass.jar            the server (the shaded jar from hourglass-server)
#   Procfile                 how the platform starts it
#   .ebextensions/*.config   environment defaults, health check path, log streaming, rolling deploys
#   data/tokens.json         the API tokens' hashes (never the tokens): every instance enforces the same tokens
#
# Usage: deploy/elastic-beanstalk/build-bundle.sh TOKENS_JSON [OUTPUT_ZIP]
#   TOKENS_JSON  made once with `./hourglass token create --role admin --name ops --data-dir <dir>` (<dir>/tokens.json)
#   OUTPUT_ZIP   default target/hourglass-eb.zip
# Environment: HOURGLASS_JAR to bundle an already built jar instead of building one.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
tokens="${1:-}"
out="${2:-$root/target/hourglass-eb.zip}"
fail() { printf '[eb-bundle] ERROR: %s\n' "$*" >&2; exit 1; }

[[ -n "$tokens" ]] || fail "usage: $0 TOKENS_JSON [OUTPUT_ZIP]: behind the platform's proxy the API must enforce tokens"
[[ -s "$tokens" ]] || fail "no tokens file at $tokens (create one with ./hourglass token create --data-dir DIR)"
grep -q '"sha256"' "$tokens" || fail "$tokens holds no token hashes"
command -v zip >/dev/null || fail "zip is needed (apt-get install zip)"

jar="${HOURGLASS_JAR:-}"
if [[ -z "$jar" ]]; then
  (cd "$root" && ./mvnw -q -B -pl hourglass-server -am package -DskipTests \
    -Dhourglass.commit="$(git -C "$root" rev-parse HEAD 2>/dev/null || echo unknown)")
  jar="$root/hourglass-server/target/hourglass.jar"
fi
[[ -s "$jar" ]] || fail "no server jar at $jar"

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
cp "$jar" "$stage/hourglass.jar"
cp "$here/Procfile" "$stage/Procfile"
mkdir -p "$stage/.ebextensions" "$stage/data"
cp "$here"/.ebextensions/*.config "$stage/.ebextensions/"
cp "$tokens" "$stage/data/tokens.json"
mkdir -p "$(dirname "$out")"
rm -f "$out"
(cd "$stage" && zip -q -r -X "$out" Procfile .ebextensions hourglass.jar data)
printf '[eb-bundle] %s\n' "$out"
