#!/usr/bin/env bash
# The project's whole check, as CI runs it (.ci/run): set-up, native tests, release build,
# browser tests against dist/, and the own-words check when ../shared/tools is present.
# Every stage runs even if an earlier one failed (except the browser tests, which need the
# build); the exit status is non-zero if any stage failed. CI=true: nothing prompts anyway.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export PATH="$root/.tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
failed=()
stage() { # stage NAME COMMAND...
  say "$1"
  if "${@:2}"; then return 0; fi
  printf '\033[1;31m==> FAILED: %s\033[0m\n' "$1"
  failed+=("$1")
  return 1
}

stage "set-up" scripts/setup.sh || exit 1
stage "format (cargo fmt --check)" cargo fmt --check
stage "lint, native (clippy -D warnings)" cargo clippy --all-targets --features previews -- -D warnings
stage "lint, wasm32 (clippy -D warnings)" cargo clippy --target wasm32-unknown-unknown --lib --bins --features split -- -D warnings
stage "native tests (cargo test)" cargo test
if stage "release build (scripts/trunk.sh build --release --offline)" scripts/trunk.sh build --release --offline; then
  stage "browser tests (tests/browser, headless Chromium)" \
    bash -c 'cd tests/browser && npm test'
  stage "HTML validity (W3C Nu checker on the built pages)" \
    bash -c 'cd tests/html && npm test'
fi
if [ -x ../shared/tools/seed-overlap ]; then
  stage "own words (seed-overlap)" ../shared/tools/seed-overlap .
fi
if [ -d ../shared/data ]; then
  # The committed dataset is what scripts/derive_data.py makes of the shared data, byte for byte.
  stage "derived data (scripts/derive_data.py reproduces assets/data)" bash -c '
    out=$(mktemp -d) && python3 scripts/derive_data.py ../shared/data "$out" &&
    for f in "$out"/*.csv; do cmp "$f" "assets/data/$(basename "$f")" || exit 1; done'
fi

if [ ${#failed[@]} -gt 0 ]; then
  printf '\033[1;31m==> failed:\033[0m\n'
  printf '    %s\n' "${failed[@]}"
  exit 1
fi
say "all checks passed"
