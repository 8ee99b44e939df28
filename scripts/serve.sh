#!/usr/bin/env bash
# Builds the release site and serves it at http://127.0.0.1:${PORT:-8080}/ (rebuilds on change).
# Needs no browser installed: set-up skips Chromium.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export PATH="$root/.tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
SETUP_BROWSER=0 scripts/setup.sh
# No live-reload script: it is inline, and the page's Content-Security-Policy refuses inline scripts.
exec scripts/trunk.sh serve --release --offline --no-autoreload --address 127.0.0.1 --port "${PORT:-8080}"
