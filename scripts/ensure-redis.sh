#!/usr/bin/env bash
# Start a Redis on loopback if none answers at REDIS_URL (default redis://127.0.0.1:6379/0).
# Prints the PID of a Redis it started, nothing if one was already there.
set -euo pipefail
url=${REDIS_URL:-redis://127.0.0.1:6379/0}
hostport=${url#redis://}; hostport=${hostport#*@}; hostport=${hostport%%/*}
host=${hostport%%:*}; port=${hostport##*:}
[ "$port" = "$hostport" ] && port=6379
if redis-cli -h "$host" -p "$port" ping >/dev/null 2>&1; then exit 0; fi
case "$host" in 127.*|localhost) ;; *) echo "Redis at $url does not answer" >&2; exit 1;; esac
dir=${REDIS_DIR:-$PWD/instance/redis}
mkdir -p "$dir"
redis-server --bind 127.0.0.1 --port "$port" --dir "$dir" --appendonly yes \
  --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >/dev/null
for _ in $(seq 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
cat "$dir/redis.pid"
