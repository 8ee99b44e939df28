#!/usr/bin/env bash
# Builds the release site and prints its weight and speed beside the budgets of issues 10 and 11
# (not a pass/fail test), measured as readers meet it, dist/ served with brotli: the story and embed
# page over the wire, Lighthouse (mobile, median of 3), JS-off and print figures, long tasks and
# start-up blocking at 4x CPU (phone and desktop), a trace breakdown of step changes, first chart,
# redraw, and the wasm's top items (twiggy).
#   LOADS=n       page loads for the first-chart median (default 9)
#   LH_RUNS=n     Lighthouse runs per page (default 3)
#   SKIP=a,b      sections to skip: wire, lighthouse, nojs, print, longtasks, garbage, trace, redraw, twiggy
#   NO_BUILD=1    measure the dist/ that exists instead of building
#   TWIGGY=0      do not install twiggy (cargo install, ~1-2 min) when it is missing
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export PATH="$root/.tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
scripts/setup.sh >&2

# The report's own tools: Lighthouse + chrome-launcher, pinned in benches/package-lock.json.
if [ ! -f benches/node_modules/.package-lock.json ] ||
   [ benches/package-lock.json -nt benches/node_modules/.package-lock.json ]; then
  echo "==> installing the report's tools (benches/: lighthouse, chrome-launcher)" >&2
  (cd benches && npm ci --no-audit --no-fund >&2)
fi
if [ "${TWIGGY:-1}" = 1 ] && ! command -v twiggy >/dev/null; then
  echo "==> installing twiggy (cargo install, a minute or two)" >&2
  cargo install twiggy --locked >&2 || echo "twiggy could not be installed; the report skips it" >&2
fi

if [ "${NO_BUILD:-0}" != 1 ]; then
  # dist/ is replaced by a build: never run two at once.
  while pgrep -f "trunk build" >/dev/null; do
    echo "==> waiting for another trunk build to finish" >&2
    sleep 10
  done
  scripts/trunk.sh build --release --offline >&2
fi
exec node benches/report.mjs "$@"
