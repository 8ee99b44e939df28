#!/usr/bin/env bash
# Installs what building and testing the site needs, skipping what is already there.
# Safe to run again. Versions are the ones ../TOOLCHAIN notes say work offline here.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132
WASM_SPLIT_VERSION=0.2.4
TERSER_VERSION=5.51.4

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

if ! rustup target list --installed | grep -q wasm32-unknown-unknown; then
  say "adding the wasm32 target"
  rustup target add wasm32-unknown-unknown
fi

# The page's wasm is built by a pinned nightly with the standard library from source
# (scripts/trunk.sh): the toolchain, minimal, and its rust-src.
source scripts/toolchain.env
if ! rustup component list --toolchain "$WASM_TOOLCHAIN" --installed 2>/dev/null | grep -q "^rust-src"; then
  say "installing $WASM_TOOLCHAIN with rust-src (the wasm's toolchain)"
  rustup toolchain install "$WASM_TOOLCHAIN" --profile minimal --component rust-src
fi
# Builds run `--offline` (serve, test): the crates the standard library is built from, and the
# page's own, must already be in cargo's cache. A fresh machine has neither (the build then
# fails on std's `wasip1`); fetching is quick once they are there.
say "fetching the crates the wasm is built from (the standard library's and the page's)"
cargo +"$WASM_TOOLCHAIN" fetch --manifest-path "$(rustc +"$WASM_TOOLCHAIN" --print sysroot)/lib/rustlib/src/rust/library/Cargo.toml"
cargo fetch

for component in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$component"; then
    say "adding the $component component"
    rustup component add "$component"
  fi
done

# wasm-bindgen-cli must match the wasm-bindgen the lock file resolved, exactly.
wb_version=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
if ! command -v wasm-bindgen >/dev/null || ! wasm-bindgen --version | grep -q " $wb_version$"; then
  say "installing wasm-bindgen-cli $wb_version (a few minutes)"
  cargo install wasm-bindgen-cli --version "$wb_version" --force
fi

if ! command -v trunk >/dev/null || ! trunk --version | grep -q " $TRUNK_VERSION$"; then
  say "installing trunk $TRUNK_VERSION (several minutes)"
  cargo install trunk --version "$TRUNK_VERSION" --locked --force
fi

# Cuts the page's binaries into parts after Trunk builds them (src/bin/site.rs `cut`).
# (It prints no version of its own; cargo's list of installed packages has it.)
if ! command -v wasm-split-cli >/dev/null ||
   ! cargo install --list | grep -q "^wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  say "installing wasm-split-cli $WASM_SPLIT_VERSION (a minute or two)"
  cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --locked --force
fi

# Debian's binaryen (v108) corrupts the externref table export; use npm's. Terser minifies
# the wasm's JS glue (src/bin/site.rs `cut`).
mkdir -p .tools
(cd .tools && [ -f package.json ] || echo '{"private":true}' > package.json)
if [ ! -x .tools/node_modules/.bin/wasm-opt ]; then
  say "installing wasm-opt (npm binaryen@$BINARYEN_VERSION)"
  (cd .tools && npm install --no-audit --no-fund "binaryen@$BINARYEN_VERSION")
fi
if ! grep -qs "\"version\": \"$TERSER_VERSION\"" .tools/node_modules/terser/package.json; then
  say "installing terser $TERSER_VERSION (npm)"
  (cd .tools && npm install --no-audit --no-fund "terser@$TERSER_VERSION")
fi

if [ "${SETUP_BROWSER:-1}" = 1 ]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing chromium and chromium-driver"
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver
  fi
  # The Chinese edition in Chromium and in the native SVG renderer (resvg) needs a CJK font.
  if ! fc-list :lang=zh 2>/dev/null | grep -q .; then
    say "installing Noto CJK fonts (the Chinese edition)"
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq fonts-noto-cjk
  fi
  # Again whenever package-lock.json changed since the last install (npm ci writes .package-lock.json).
  if [ ! -f tests/browser/node_modules/.package-lock.json ] ||
     [ tests/browser/package-lock.json -nt tests/browser/node_modules/.package-lock.json ]; then
    say "installing the browser-test driver (playwright-core, no browser download)"
    (cd tests/browser && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
  fi
fi
if [ "${SETUP_BROWSER:-1}" = 1 ]; then
  # The W3C Nu HTML checker runs on Java.
  if ! command -v java >/dev/null; then
    say "installing a Java runtime (for the Nu HTML checker)"
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq default-jre-headless
  fi
  if [ ! -f tests/html/node_modules/.package-lock.json ] ||
     [ tests/html/package-lock.json -nt tests/html/node_modules/.package-lock.json ]; then
    say "installing the Nu HTML checker (npm vnu-jar)"
    (cd tests/html && npm ci --no-audit --no-fund)
  fi
fi
say "set-up complete"
