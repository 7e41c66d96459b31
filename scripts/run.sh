#!/usr/bin/env bash
# `make run`: set up, start Redis if needed, create and seed the database, start one RQ
# worker per core and the web app; Ctrl-C stops everything this script started.
# The console shows one line per claim read and every warning; the full logs are in
# instance/logs/ (worker-N.log, access.log); gunicorn's control socket is instance/gunicorn.ctl.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/0}
export PORT=${PORT:-5000}
# plain http on 127.0.0.1: session cookies without Secure, or the browser would not send them
export SESSION_COOKIE_SECURE=${SESSION_COOKIE_SECURE:-0}
mkdir -p instance/logs
logs="$PWD/instance/logs"
pids=()
cleanup() {
  trap - INT TERM EXIT
  echo; echo "run: stopping ${#pids[@]} processes"
  for p in "${pids[@]}"; do pkill -TERM -P "$p" 2>/dev/null || true; kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup INT TERM EXIT
# a worker that exits is started again: the second line (a worker rides out a Redis outage
# itself, semak.worker.supervise; this catches crashes of the worker process)
supervise() { while true; do "$@" || true; echo "run: '$*' exited; again in 2 s" >&2; sleep 2; done; }
redis_pid=$(scripts/ensure-redis.sh)
[ -n "$redis_pid" ] && pids+=("$redis_pid") && echo "run: started Redis (pid $redis_pid)"
.venv/bin/flask --app app init-db
# demo mode (SEMAK_DEMO=0 turns it off): two demo accounts, their random passwords printed
# once, when created; later starts keep them (and whatever was changed on them) as they are
if [ "${SEMAK_DEMO:-1}" = 1 ]; then .venv/bin/flask --app app seed-demo; fi
.venv/bin/flask --app app reconcile --min-age 0   # claims whose job was lost while down
( while sleep 120; do .venv/bin/flask --app app reconcile >/dev/null 2>&1; done ) &
pids+=($!)
workers=${SEMAK_WORKERS:-$(nproc)}
for i in $(seq "$workers"); do
  supervise .venv/bin/python worker.py --quiet --log-file "$logs/worker-$i.log" &  # RQ names each start afresh
  pids+=($!)
done
echo "run: $workers workers; web on http://127.0.0.1:$PORT  (Ctrl-C stops all)"
echo "run: full logs in $logs/"
.venv/bin/gunicorn --bind "127.0.0.1:$PORT" --workers 2 --threads 4 --timeout 120 \
  --control-socket "$PWD/instance/gunicorn.ctl" \
  --access-logfile "$logs/access.log" --error-logfile - "app:create_app()" &
pids+=($!)
wait -n "${pids[@]}" || true
