#!/usr/bin/env bash
# Idempotent set-up shared by `make run` and `make test`:
# Debian packages that are missing, then .venv/ with the pinned Python packages.
#   scripts/setup.sh          runtime only
#   scripts/setup.sh --dev    plus tests, lint and the browser for the browser tests
set -euo pipefail
cd "$(dirname "$0")/.."

dev=0
[ "${1:-}" = "--dev" ] && dev=1

apt_packages=(tesseract-ocr tesseract-ocr-eng tesseract-ocr-msa tesseract-ocr-osd
              redis-server fonts-dejavu-core fonts-liberation fonts-urw-base35 poppler-utils
              python3-venv make)
[ "$dev" = 1 ] && apt_packages+=(chromium postgresql)

missing=()
for p in "${apt_packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" = 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

for lang in eng msa osd; do
  tesseract --list-langs 2>/dev/null | grep -qx "$lang" || {
    echo "setup: Tesseract language '$lang' is missing after install" >&2; exit 1; }
done

python=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$python" -m venv .venv
# the venv's own pip and setuptools (23.2 / 65.5 here) have published advisories: pinned
# newer ones, the same as the Dockerfile's
tools="26.3 84.2.1"  # pip, setuptools
have=$(.venv/bin/python -c 'from importlib.metadata import version as v
print(v("pip"), v("setuptools"))' 2>/dev/null || true)
if [ "$have" != "$tools" ]; then
  echo "setup: pip and setuptools $tools in .venv (had: ${have:-none})"
  .venv/bin/pip install -q --disable-pip-version-check --upgrade \
    "pip==${tools% *}" "setuptools==${tools#* }"
fi
req=requirements.txt
[ "$dev" = 1 ] && req=requirements-dev.txt
stamp=".venv/.stamp-$(cat requirements.txt "$req" | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  echo "setup: installing Python packages from $req"
  .venv/bin/pip install -q --disable-pip-version-check -r "$req"
  touch "$stamp"
fi
# the browser tests run axe-core on every page they visit: a test-only copy, not in the app
axe_version=4.14.1
axe_pkg=.cache/axe/node_modules/axe-core/package.json
if [ "$dev" = 1 ] && ! grep -qs "\"version\": \"$axe_version\"" "$axe_pkg"; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "setup: installing Debian packages: nodejs npm"
    sudo_cmd=()
    [ "$(id -u)" = 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends \
      nodejs npm >/dev/null
  fi
  echo "setup: axe-core $axe_version in .cache/axe (browser tests)"
  npm install --silent --no-audit --no-fund --prefix .cache/axe "axe-core@$axe_version"
fi
echo "setup: ready (.venv, tesseract $(tesseract --version 2>&1 | head -1 | cut -d' ' -f2))"
