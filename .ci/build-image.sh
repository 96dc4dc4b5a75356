#!/usr/bin/env bash
# Builds the server's container image without a daemon: Jib's buildTar, on a base image made here from this
# machine's own JDK (no registry is reachable), then loads it into podman. Prints the image's tar and name.
#
# The base: a jlinked Java 17 runtime (the modules the server uses), the shared libraries it links (found with
# ldd), /etc/passwd with the user 10001 "hourglass", and /data and /tmp writable by it; imported with podman and
# saved as a docker-archive, which Jib reads as tar://. Users building elsewhere leave HOURGLASS_IMAGE_BASE unset
# and get the pom's default base (a public JRE image from a registry).
#
# Environment (all optional):
#   HOURGLASS_IMAGE       image name and tag         (default localhost/hourglass:dev)
#   HOURGLASS_IMAGE_BASE  Jib base image reference   (default: the local base built here)
#   HOURGLASS_BASE_CACHE  where the local base lives (default /var/cache/hourglass)
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGE="${HOURGLASS_IMAGE:-localhost/hourglass:dev}"
CACHE="${HOURGLASS_BASE_CACHE:-/var/cache/hourglass}"
JAVA_HOME="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}"
MODULES=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.xml,jdk.crypto.ec,jdk.management,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs
step() { printf '[build-image] %s\n' "$*" >&2; }
fail() { printf '[build-image] ERROR: %s\n' "$*" >&2; exit 1; }

command -v podman >/dev/null || fail "podman is needed to make and load the image (bash .ci/setup-podman.sh)"
[[ -d "$JAVA_HOME/jmods" ]] || fail "no jmods under $JAVA_HOME (install openjdk-17-jdk-headless)"

# 1. The local base, rebuilt only when the JDK or this script changes -------------------------------------------
key="$("$JAVA_HOME/bin/java" -version 2>&1 | head -1 | tr -c 'a-zA-Z0-9.\n' _)-$(sha256sum "$0" | cut -c1-12)"
base_tar="$CACHE/base-$key.tar"
base_name="localhost/hourglass-base-jre:17"
if [[ -n "${HOURGLASS_IMAGE_BASE:-}" ]]; then
  base="$HOURGLASS_IMAGE_BASE"
  step "base: $base (HOURGLASS_IMAGE_BASE)"
elif [[ -s "$base_tar" ]]; then
  base="tar://$base_tar"
  step "base: $base_tar (cached)"
else
  step "base: jlink $MODULES"
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  root="$work/rootfs"
  mkdir -p "$root/opt" "$root/etc" "$root/data" "$root/tmp"
  "$JAVA_HOME/bin/jlink" --add-modules "$MODULES" --output "$root/opt/java" --strip-debug --no-man-pages \
    --no-header-files --compress=2
  if [[ -f /etc/ssl/certs/java/cacerts ]]; then
    cp -L /etc/ssl/certs/java/cacerts "$root/opt/java/lib/security/cacerts"
  fi
  # every shared library the runtime's binaries and libraries link, at the same path
  find "$root/opt/java" -type f \( -name '*.so' -o -perm -u+x \) -print0 \
    | xargs -0 -r ldd 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// && $1 !~ /:$/ { print $1 }' \
    | grep -v "^$root" | sort -u | while read -r lib; do
      mkdir -p "$root$(dirname "$lib")"
      cp -L "$lib" "$root$lib"
    done
  [[ -e /lib64/ld-linux-x86-64.so.2 ]] && mkdir -p "$root/lib64" && cp -L /lib64/ld-linux-x86-64.so.2 "$root/lib64/"
  printf 'root:x:0:0:root:/root:/sbin/nologin\nhourglass:x:10001:10001:hourglass:/data:/sbin/nologin\n' >"$root/etc/passwd"
  printf 'root:x:0:\nhourglass:x:10001:\n' >"$root/etc/group"
  printf 'hosts: files dns\n' >"$root/etc/nsswitch.conf"
  chown 10001:10001 "$root/data"
  chmod 1777 "$root/tmp"
  tar -C "$root" -cf "$work/rootfs.tar" .
  podman import --quiet --change 'ENV JAVA_HOME=/opt/java' --change 'ENV PATH=/opt/java/bin' \
    "$work/rootfs.tar" "$base_name" >/dev/null
  mkdir -p "$CACHE"
  rm -f "$CACHE"/base-*.tar
  podman save --quiet --format docker-archive -o "$base_tar.part" "$base_name"
  mv "$base_tar.part" "$base_tar"
  base="tar://$base_tar"
  step "base: saved $base_tar ($(du -h "$base_tar" | cut -f1))"
fi

# 2. The image, with Jib (no daemon) ---------------------------------------------------------------------------
commit="$(git rev-parse HEAD 2>/dev/null || echo unknown)"
step "image: jib:buildTar $IMAGE from $base (commit $commit)"
./mvnw -q -B ${MAVEN_OFFLINE:+-o} -pl hourglass-server -am package -Pimage -DskipTests \
  -Dhourglass.commit="$commit" -Dhourglass.image.base="$base" -Dhourglass.image="$IMAGE"
tar_path="hourglass-server/target/hourglass-image.tar"
[[ -s "$tar_path" ]] || fail "Jib wrote no $tar_path"

# 3. Into podman ----------------------------------------------------------------------------------------------
podman load --quiet -i "$tar_path" >/dev/null
step "loaded $IMAGE into podman ($(du -h "$tar_path" | cut -f1))"
echo "$tar_path $IMAGE"
