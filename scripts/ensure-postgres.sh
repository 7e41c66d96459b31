#!/usr/bin/env bash
# Make a PostgreSQL answer on 127.0.0.1:5432 with a database `test` for the test suite.
# Uses the one already running; otherwise starts Debian's cluster (installed by setup --dev).
set -euo pipefail
ready() { pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; }
if ! ready; then
  ver=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1)
  if [ -z "$ver" ]; then echo "ensure-postgres: PostgreSQL is not installed" >&2; exit 1; fi
  pg_ctlcluster --skip-systemctl-redirect "$ver" main start || true
  for _ in $(seq 100); do ready && break; sleep 0.2; done
  ready || { echo "ensure-postgres: PostgreSQL did not start" >&2; exit 1; }
fi
# trust auth on loopback is what the tests expect; fall back to the postgres OS user
if ! psql -h 127.0.0.1 -U postgres -d postgres -Atc 'select 1' >/dev/null 2>&1; then
  conf=$(ls /etc/postgresql/*/main/pg_hba.conf | head -1)
  sed -i 's/^\(host\s\+all\s\+all\s\+127.0.0.1\/32\s\+\).*/\1trust/' "$conf"
  sed -i 's/^\(host\s\+all\s\+all\s\+::1\/128\s\+\).*/\1trust/' "$conf"
  ver=$(ls /etc/postgresql | sort -V | tail -1)
  pg_ctlcluster --skip-systemctl-redirect "$ver" main reload
  sleep 1
fi
psql -h 127.0.0.1 -U postgres -d postgres -Atc "select 1 from pg_database where datname='test'" \
  | grep -q 1 || psql -h 127.0.0.1 -U postgres -d postgres -qc 'create database test'
echo "postgresql+psycopg://postgres@127.0.0.1:5432/test"
