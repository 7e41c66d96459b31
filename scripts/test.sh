#!/usr/bin/env bash
# `make test`: the same set-up as `make run` plus test tools, then the whole suite on SQLite,
# and the database-backed tests again on PostgreSQL. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
scripts/setup.sh --dev
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/0}
export OMP_THREAD_LIMIT=1  # Tesseract: one thread a process is cheaper (bench/RESULTS.md)
redis_pid=$(scripts/ensure-redis.sh)
pg_url=$(scripts/ensure-postgres.sh | tail -1)
status=0
echo "== tests on SQLite"
unset DATABASE_URL
.venv/bin/python -m pytest "$@" || status=$?
if [ "$status" = 0 ]; then
  echo "== database tests again on PostgreSQL ($pg_url)"
  DATABASE_URL=$pg_url .venv/bin/python -m pytest -m postgres -p no:cacheprovider "$@" \
    || status=$?
fi
[ -n "$redis_pid" ] && kill "$redis_pid" 2>/dev/null || true
echo "make test: $(( $(date +%s) - start ))s, exit $status"
exit "$status"
