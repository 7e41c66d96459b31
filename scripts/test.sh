#!/usr/bin/env bash
# `make test`: the same set-up as `make run` plus test tools, then the whole suite on SQLite
# and, side by side with it, the database-backed tests again on PostgreSQL (two pytest
# processes: each takes its own Redis database, PostgreSQL schema and temporary files, so they
# share nothing, and one process alone leaves a core idle while it waits on workers, browsers
# and the database). Extra arguments go to both pytest runs.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
scripts/setup.sh --dev
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/0}
export OMP_THREAD_LIMIT=1  # Tesseract: one thread a process is cheaper (bench/RESULTS.md)
redis_pid=$(scripts/ensure-redis.sh)
pg_url=$(scripts/ensure-postgres.sh | tail -1)
pg_log=$(mktemp -t semak-test-postgres.XXXXXX)
unset DATABASE_URL
echo "== database tests again on PostgreSQL ($pg_url), in the background: its output follows"
DATABASE_URL=$pg_url .venv/bin/python -m pytest -m postgres -p no:cacheprovider "$@" \
  >"$pg_log" 2>&1 &
pg_pid=$!
trap 'kill "$pg_pid" 2>/dev/null || true' EXIT
echo "== tests on SQLite"
sqlite_status=0
.venv/bin/python -m pytest "$@" || sqlite_status=$?
echo "make test: SQLite run done after $(( $(date +%s) - start ))s, exit $sqlite_status"
pg_status=0
wait "$pg_pid" || pg_status=$?
trap - EXIT
echo "== database tests on PostgreSQL ($pg_url)"
cat "$pg_log"
rm -f "$pg_log"
[ -n "$redis_pid" ] && kill "$redis_pid" 2>/dev/null || true
status=$(( sqlite_status != 0 ? sqlite_status : pg_status ))
echo "make test: $(( $(date +%s) - start ))s, SQLite exit $sqlite_status, PostgreSQL exit $pg_status"
exit "$status"
