#!/usr/bin/env bash
# Prepares what the console's browser tests need: Debian's Chromium and its chromedriver (the tests drive them
# by path, so nothing is downloaded at test time). Idempotent: installs only what is missing.
set -euo pipefail

step() { echo "[setup-browser] $*"; }

if [ -x /usr/lib/chromium/chromium ] && [ -x /usr/bin/chromedriver ]; then
  step "chromium and chromium-driver already installed"
else
  step "installing chromium chromium-driver"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null || true
  apt-get install -y -qq chromium chromium-driver >/dev/null
fi
step "$(/usr/bin/chromedriver --version)"
