#!/usr/bin/env bash
# Prepares what hourglass-celery's tests need: Debian's Celery (worker side) and the two brokers.
# Idempotent: installs only what is missing and starts a service only when it does not answer.
# Always uses /usr/bin/python3: the shell's python3 may be a pyenv one without Debian's packages.
set -euo pipefail

PY=/usr/bin/python3

step() { echo "[setup-celery] $*"; }

if $PY -c 'import celery, redis, kombu' 2>/dev/null; then
  step "python3-celery and python3-redis already installed"
else
  step "installing python3-celery python3-redis"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null || true
  apt-get install -y -qq python3-celery python3-redis >/dev/null
fi
$PY -c 'import celery, redis, kombu; print("[setup-celery] celery", celery.__version__, "kombu", kombu.__version__, "redis-py", redis.__version__)'

redis_up() { redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; }
if redis_up; then
  step "redis answers on 127.0.0.1:6379"
else
  step "starting redis"
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
  for _ in $(seq 1 50); do redis_up && break; sleep 0.2; done
  redis_up || { step "redis did not start"; exit 1; }
  step "redis started"
fi

rabbit_up() { (exec 3<>/dev/tcp/127.0.0.1/5672) 2>/dev/null; }
if rabbit_up; then
  step "rabbitmq answers on 127.0.0.1:5672"
else
  if rabbitmqctl -q ping >/dev/null 2>&1; then
    step "rabbitmq node is up but its app is stopped: start_app"
    rabbitmqctl -q start_app
  else
    step "starting rabbitmq"
    rabbitmq-server -detached
  fi
  for _ in $(seq 1 120); do rabbit_up && break; sleep 1; done
  rabbit_up || { step "rabbitmq did not start"; exit 1; }
  rabbitmqctl -q await_startup >/dev/null 2>&1 || true
  step "rabbitmq started"
fi
step "ready"
