#!/usr/bin/env bash
# Builds the release site and prints its weight and speed beside the budgets (not a pass/fail
# test): dist/ size raw/gzip/brotli, the .wasm and geo shares, time to first chart and redraw time.
# LOADS=n sets how many page loads the first-chart median uses (default 9).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export PATH="$root/.tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
scripts/setup.sh >&2
trunk build --release --offline >&2
exec node benches/report.mjs "$@"
