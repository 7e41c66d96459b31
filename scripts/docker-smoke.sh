#!/usr/bin/env bash
# Build the image and send one sample claim through it: web and worker containers on the
# host's network, against the Redis and PostgreSQL that scripts/ensure-*.sh provide.
#   scripts/docker-smoke.sh            (make docker-smoke)
# Where no Docker engine runs, it installs Debian's docker.io and starts dockerd without
# bridge or iptables (containers use the host network). Where Docker Hub cannot be reached,
# debian:bookworm-slim is made locally with debootstrap from the Debian mirror (the same
# release; not the official image's bytes). Behind a TLS-inspecting proxy, the host's extra CAs
# from /usr/local/share/ca-certificates are put in docker/ca-certificates/ for the build.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${SMOKE_PORT:-5099}
BUNDLE=${SMOKE_BUNDLE:-sample_docs/bundles/td_commuting_missing_sketch}
NAME=semak-smoke
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

engine() {
  docker info >/dev/null 2>&1 && return
  command -v dockerd >/dev/null || as_root apt-get install -y -q docker.io
  as_root sh -c 'nohup dockerd --iptables=false --ip6tables=false --bridge=none \
    >/tmp/semak-dockerd.log 2>&1 &'
  for _ in $(seq 60); do docker info >/dev/null 2>&1 && return; sleep 1; done
  echo "docker-smoke: dockerd did not start (see /tmp/semak-dockerd.log)" >&2; exit 1
}

base_image() {
  docker image inspect debian:bookworm-slim >/dev/null 2>&1 && return
  docker pull debian:bookworm-slim 2>/dev/null && return
  echo "docker-smoke: no registry; debian:bookworm-slim from debootstrap" >&2
  command -v debootstrap >/dev/null || as_root apt-get install -y -q debootstrap
  root=$(mktemp -d)
  as_root debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >/dev/null
  as_root rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/archives/*.deb
  as_root tar -C "$root" -c . | docker import - debian:bookworm-slim >/dev/null
  as_root rm -rf "$root"
}

extra_cas() {
  for crt in /usr/local/share/ca-certificates/*.crt; do
    [ -e "$crt" ] && cp "$crt" docker/ca-certificates/
  done
  return 0
}

cleanup() { docker rm -f "$NAME-web" "$NAME-worker" >/dev/null 2>&1 || true; }

main() {
  engine
  base_image
  extra_cas
  docker build --network host -t semak:latest .
  scripts/ensure-redis.sh >/dev/null  # prints a PID when it starts one, nothing otherwise
  redis_url=${REDIS_URL:-redis://127.0.0.1:6379/0}
  pg_url=$(scripts/ensure-postgres.sh | tail -1)
  pg_url=${pg_url%/*}/semak_smoke
  psql -h 127.0.0.1 -U postgres -d postgres -qc 'drop database if exists semak_smoke' \
    -c 'create database semak_smoke'
  data=$(mktemp -d) && chmod 777 "$data"
  env=(-e "DATABASE_URL=$pg_url" -e "REDIS_URL=${redis_url%/*}/13" -e "PORT=$PORT"
       -e "SECRET_KEY=$(.venv/bin/python -c 'import secrets; print(secrets.token_hex(32))')"
       -e SESSION_COOKIE_SECURE=0 -v "$data:/data")
  trap cleanup EXIT
  cleanup
  docker run -d --name "$NAME-web" --network host "${env[@]}" semak:latest >/dev/null
  docker run -d --name "$NAME-worker" --network host "${env[@]}" semak:latest \
    python worker.py --name smoke-1 >/dev/null
  .venv/bin/python scripts/smoke_claim.py "http://127.0.0.1:$PORT" "$BUNDLE" \
    --token-cmd "docker exec $NAME-web flask --app app user create smoke-$RANDOM@example.my \
      --role employer --employer-code {employer_code} --token"
}

main "$@"
