#!/usr/bin/env bash
# Builds stand-ins for the official PostgreSQL, Redis and Python images that deploy/compose.yaml uses by default,
# from Debian's packages, since no container registry is reachable here (.ci/test-compose.sh runs the stack on
# them). A Debian 12 root file system made with debootstrap is kept under the cache, imported into podman as
# localhost/hourglass-ci/debian:12, and each stand-in is a small Containerfile (.ci/standins/<service>) FROM it:
# `podman build` needs no registry for a local base. Each image carries the hash of this script and of its folder
# and is rebuilt only when they change; the root file system only when this script changes.
#
# Environment (all optional):
#   HOURGLASS_BASE_CACHE    where the root file system is kept (default /var/cache/hourglass)
#   HOURGLASS_DEBIAN_MIRROR the Debian mirror                    (default http://deb.debian.org/debian)
# Prints one line per image: the compose variable and the image (POSTGRES_IMAGE=localhost/hourglass-ci/...).
set -euo pipefail
cd "$(dirname "$0")"

CACHE="${HOURGLASS_BASE_CACHE:-/var/cache/hourglass}"
MIRROR="${HOURGLASS_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
BASE=localhost/hourglass-ci/debian:12
# service folder, image, and the compose variable naming that service's image
STANDINS=("postgres localhost/hourglass-ci/postgres:15 POSTGRES_IMAGE"
          "redis localhost/hourglass-ci/redis:7 REDIS_IMAGE"
          "python localhost/hourglass-ci/python:3.11 PYTHON_IMAGE")
step() { printf '[build-standins] %s\n' "$*" >&2; }
fail() { printf '[build-standins] ERROR: %s\n' "$*" >&2; exit 1; }

[[ "$(id -u)" == 0 ]] || fail "must run as root (debootstrap and podman import)"
command -v podman >/dev/null || fail "podman is needed (bash .ci/setup-podman.sh)"
if ! command -v debootstrap >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/tmp/hourglass-apt.log 2>&1 \
    || fail "apt-get install debootstrap failed, see /tmp/hourglass-apt.log"
fi
label() { podman image inspect "$1" --format '{{index .Labels "io.hourglass.ci.key"}}' 2>/dev/null || true; }

# 1. Debian 12 minbase, as a tar under the cache and as the local image $BASE -----------------------------------
script_key="$(sha256sum "$(basename "$0")" | cut -c1-12)"
rootfs_tar="$CACHE/debian-12-minbase-$script_key.tar"
if [[ -s "$rootfs_tar" ]]; then
  step "root file system: $rootfs_tar (cached)"
else
  step "root file system: debootstrap --variant=minbase bookworm from $MIRROR"
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  debootstrap --variant=minbase bookworm "$work/rootfs" "$MIRROR" >"$work/debootstrap.log" 2>&1 \
    || { tail -20 "$work/debootstrap.log" >&2; fail "debootstrap failed"; }
  cat >"$work/rootfs/etc/apt/sources.list" <<LIST
deb $MIRROR bookworm main
deb $MIRROR bookworm-updates main
deb ${MIRROR%/debian}/debian-security bookworm-security main
LIST
  # as in Debian's official images: no documentation, no recommends, no services started by package scripts
  printf 'path-exclude /usr/share/doc/*\npath-exclude /usr/share/man/*\npath-exclude /usr/share/locale/*\n' \
    >"$work/rootfs/etc/dpkg/dpkg.cfg.d/hourglass-ci-nodoc"
  printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n' >"$work/rootfs/etc/apt/apt.conf.d/90hourglass-ci"
  printf '#!/bin/sh\nexit 101\n' >"$work/rootfs/usr/sbin/policy-rc.d" && chmod 755 "$work/rootfs/usr/sbin/policy-rc.d"
  rm -rf "$work/rootfs/var/cache/apt/archives/"*.deb "$work/rootfs/var/lib/apt/lists/"*
  mkdir -p "$CACHE"
  rm -f "$CACHE"/debian-12-minbase-*.tar
  tar -C "$work/rootfs" -cf "$rootfs_tar.part" .
  mv "$rootfs_tar.part" "$rootfs_tar"
  step "root file system: saved $rootfs_tar ($(du -h "$rootfs_tar" | cut -f1))"
fi
if [[ "$(label "$BASE")" == "$script_key" ]]; then
  step "image: $BASE up to date"
else
  podman import --quiet --change "LABEL io.hourglass.ci.key=$script_key" --change 'CMD ["/bin/bash"]' \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' "$rootfs_tar" "$BASE" >/dev/null
  step "image: imported $BASE"
fi

# 2. One image per service, FROM the local base -----------------------------------------------------------------
for standin in "${STANDINS[@]}"; do
  read -r folder image variable <<<"$standin"
  key="$script_key-$(cd "standins/$folder" && find . -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-12)"
  if [[ "$(label "$image")" == "$key" ]]; then
    step "image: $image up to date"
  else
    build_started=$(date +%s)
    # the host's network for RUN apt-get (the same mirror as above); the image itself gets none of it
    podman build --quiet --network host --label "io.hourglass.ci.key=$key" --build-arg "BASE=$BASE" \
      -t "$image" "standins/$folder" >"/tmp/hourglass-standin-$folder.log" 2>&1 \
      || { tail -30 "/tmp/hourglass-standin-$folder.log" >&2; fail "podman build of $image failed"; }
    step "image: built $image in $(( $(date +%s) - build_started ))s"
  fi
  echo "$variable=$image"
done
