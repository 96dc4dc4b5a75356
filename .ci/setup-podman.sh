#!/usr/bin/env bash
# Sets up a Docker-compatible container engine (podman serving the Docker Engine API) for Hourglass's container
# tests, as root on Debian 12. Idempotent: each step checks first and does nothing when already done, so a re-run
# takes well under a second. Why each step exists: crun (podman's default runtime) fails on hybrid cgroups, so runc;
# the sandbox lacks CAP_SYS_RESOURCE and podman always writes OCI rlimits, so a runc wrapper strips them; there is
# no overlay filesystem, so vfs storage; there is no registry, so the test image is imported from a static busybox.
# Podman 4.3 here uses CNI networks; the dnsname plugin lets containers on a network they were given (as compose
# gives them) find each other by name and alias; the default network `podman` has no name service.
#
# Environment (all optional):
#   HOURGLASS_PODMAN_SOCKET  socket path to serve on        (default /run/hourglass-podman.sock)
#   HOURGLASS_TEST_IMAGE     test image to build            (default localhost/hourglass-test:latest)
set -euo pipefail

SOCKET="${HOURGLASS_PODMAN_SOCKET:-/run/hourglass-podman.sock}"
IMAGE="${HOURGLASS_TEST_IMAGE:-localhost/hourglass-test:latest}"
WRAPPER=/usr/local/lib/hourglass/runc-wrapper
SERVICE_NAME="$(basename "$SOCKET" .sock)"
PID_FILE="/tmp/$SERVICE_NAME.pid"
LOG_FILE="/tmp/$SERVICE_NAME.log"
PACKAGES=(podman runc busybox-static curl python3 golang-github-containernetworking-plugin-dnsname)

step() { printf '[setup-podman] %s\n' "$*"; }
fail() { printf '[setup-podman] ERROR: %s\n' "$*" >&2; exit 1; }

[[ "$(id -u)" == 0 ]] || fail "must run as root (installs packages and writes /etc/containers)"

# Writes stdin to $1 unless the file already has exactly that content; returns 0 when it changed the file.
write_if_changed() {
  local target="$1" tmp
  tmp="$(mktemp)"
  cat >"$tmp"
  if [[ -f "$target" ]] && cmp -s "$tmp" "$target"; then
    rm -f "$tmp"
    return 1
  fi
  mkdir -p "$(dirname "$target")"
  mv "$tmp" "$target"
  chmod 644 "$target"
  return 0
}

ping_ok() {
  curl -fsS --max-time 2 --unix-socket "$SOCKET" http://d/v1.41/_ping >/dev/null 2>&1
}

# 1. Packages -------------------------------------------------------------------------------------------------------
missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if ((${#missing[@]} == 0)); then
  step "packages: ${PACKAGES[*]} already installed"
else
  export DEBIAN_FRONTEND=noninteractive
  install() { apt-get install -y -qq --no-install-recommends "${missing[@]}" >/tmp/hourglass-apt.log 2>&1; }
  if ! compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null; then
    apt-get update -qq >/tmp/hourglass-apt.log 2>&1 || fail "apt-get update failed, see /tmp/hourglass-apt.log"
  fi
  if ! install; then
    apt-get update -qq >/tmp/hourglass-apt.log 2>&1 || fail "apt-get update failed, see /tmp/hourglass-apt.log"
    install || fail "apt-get install ${missing[*]} failed, see /tmp/hourglass-apt.log"
  fi
  step "packages: installed ${missing[*]}"
fi

# 2. runc wrapper that strips process.rlimits (the sandbox lacks CAP_SYS_RESOURCE) --------------------------------
runtime_changed=0
# podman starts it anew for every container operation, so a changed wrapper needs no restart of the service
if write_if_changed "$WRAPPER" <<'PY'; then step "runc wrapper: written to $WRAPPER"; else step "runc wrapper: up to date"; fi
#!/usr/bin/python3
# OCI runtime wrapper for Hourglass CI: podman always writes process.rlimits into the bundle's config.json, and
# setting them fails without CAP_SYS_RESOURCE. Remove them, then hand over to the real runc with the same arguments.
# `runc exec` (podman exec, and so health checks) reads its process from the file named by --process instead.
import json, os, sys


def option(args, long, short):
    for i, arg in enumerate(args):
        if arg in (long, short) and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith(long + "="):
            return arg.split("=", 1)[1]
    return None


def strip_rlimits(path, process_of):
    if os.path.exists(path):
        with open(path) as f:
            document = json.load(f)
        if process_of(document).pop("rlimits", None) is not None:
            with open(path, "w") as f:
                json.dump(document, f)


args = sys.argv[1:]
bundle = option(args, "--bundle", "-b")
if bundle is None and ("create" in args or "run" in args):
    bundle = os.getcwd()
if bundle is not None:
    strip_rlimits(os.path.join(bundle, "config.json"), lambda config: config.get("process", {}))
process = option(args, "--process", "-p") if "exec" in args else None
if process is not None:
    strip_rlimits(process, lambda spec: spec)
os.execv("/usr/bin/runc", ["runc"] + args)
PY
chmod 755 "$WRAPPER"

# 3. podman configuration ------------------------------------------------------------------------------------------
if write_if_changed /etc/containers/containers.conf <<CONF; then runtime_changed=1; step "containers.conf: written"; else step "containers.conf: up to date"; fi
# Written by hourglass .ci/setup-podman.sh
[containers]
log_driver = "k8s-file"

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"

[engine.runtimes]
runc = ["$WRAPPER"]
CONF
if write_if_changed /etc/containers/storage.conf <<'CONF'; then runtime_changed=1; step "storage.conf: written"; else step "storage.conf: up to date"; fi
# Written by hourglass .ci/setup-podman.sh: no overlay in this sandbox.
[storage]
driver = "vfs"
runroot = "/run/containers/storage"
graphroot = "/var/lib/containers/storage"
CONF

# 4. API service ---------------------------------------------------------------------------------------------------
if ((runtime_changed)) && [[ -f "$PID_FILE" ]] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
  step "service: configuration changed, stopping pid $(cat "$PID_FILE")"
  kill "$(cat "$PID_FILE")"
  for _ in $(seq 1 50); do kill -0 "$(cat "$PID_FILE")" 2>/dev/null || break; sleep 0.1; done
fi
# A service whose working directory was deleted (started from a clone that is gone) still answers pings, but conmon
# cannot start a container ("Failed to get working directory"): restart it, and start it from / from now on.
if ping_ok && [[ -f "$PID_FILE" ]] && [[ "$(readlink "/proc/$(cat "$PID_FILE")/cwd" 2>/dev/null)" == *" (deleted)" ]]; then
  step "service: its working directory was deleted, restarting pid $(cat "$PID_FILE")"
  kill "$(cat "$PID_FILE")"
  for _ in $(seq 1 50); do kill -0 "$(cat "$PID_FILE")" 2>/dev/null || break; sleep 0.1; done
fi
if ping_ok; then
  step "service: already answering at unix://$SOCKET"
else
  rm -f "$SOCKET"
  pushd / >/dev/null # the service must not keep this clone as its working directory
  setsid nohup podman system service --time=0 "unix://$SOCKET" >>"$LOG_FILE" 2>&1 </dev/null &
  echo $! >"$PID_FILE"
  popd >/dev/null
  for _ in $(seq 1 300); do ping_ok && break; sleep 0.1; done
  ping_ok || fail "podman did not answer at unix://$SOCKET within 30 s, see $LOG_FILE"
  step "service: started pid $(cat "$PID_FILE") at unix://$SOCKET (log $LOG_FILE)"
fi

# 5. Test image ----------------------------------------------------------------------------------------------------
if podman image exists "$IMAGE"; then
  step "image: $IMAGE already present"
else
  rootfs="$(mktemp -d)"
  trap 'rm -rf "$rootfs"' EXIT
  mkdir -p "$rootfs/root/bin" "$rootfs/root/tmp" "$rootfs/root/proc" "$rootfs/root/sys" "$rootfs/root/dev" \
    "$rootfs/root/etc"
  cp /bin/busybox "$rootfs/root/bin/busybox"
  for tool in sh echo sleep cat env printf; do ln -s busybox "$rootfs/root/bin/$tool"; done
  chmod 1777 "$rootfs/root/tmp"
  tar -C "$rootfs/root" -cf "$rootfs/rootfs.tar" .
  podman import --quiet --change 'ENV PATH=/bin' --change 'CMD ["/bin/sh"]' "$rootfs/rootfs.tar" "$IMAGE" >/dev/null
  step "image: built $IMAGE from static busybox"
fi
step "ready: DOCKER_HOST=unix://$SOCKET"
