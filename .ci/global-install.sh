#!/usr/bin/env bash
# `npm install -g .` (the README's install step) into a throw-away prefix: ocppctl is then on PATH and runs
# from any folder. Needs a built checkout (npm run build).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
prefix="$(mktemp -d "${TMPDIR:-/tmp}/ocppctl-global-XXXXXX")"
trap 'rm -rf "$prefix"' EXIT
(cd "$repo" && npm install -g --prefix "$prefix" --no-audit --no-fund --loglevel=error .)
export PATH="$prefix/bin:$PATH"
cd "$prefix"
echo "global-install: $(command -v ocppctl) $(ocppctl --version)"
ocppctl validate "$repo/component_config" --no-color
