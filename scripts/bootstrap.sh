#!/usr/bin/env bash
# Set up crosscheck on a fresh Debian machine (root, Python >= 3.11).
#   bash scripts/bootstrap.sh          runtime: fonts for the PDF report, .venv with crosscheck
#   bash scripts/bootstrap.sh --dev    also what the tests need: PostgreSQL, chromium, poppler-utils
# Idempotent: skips what is already installed.
set -euo pipefail
cd "$(dirname "$0")/.."
DEV=0
[ "${1:-}" = "--dev" ] && DEV=1

apt_pkgs=(fonts-noto-cjk)
if [ "$DEV" = 1 ]; then
  apt_pkgs+=(postgresql chromium poppler-utils)
fi
missing=()
for p in "${apt_pkgs[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "bootstrap: apt-get install ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "bootstrap: please install Debian packages: ${missing[*]}" >&2
  fi
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
extra=""
[ "$DEV" = 1 ] && extra="[dev]"
stamp=".venv/.installed${extra}"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q -e ".${extra}"
  touch "$stamp"
fi
