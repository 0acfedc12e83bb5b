#!/usr/bin/env bash
# Installs what the project needs, only where it is missing (idempotent).
# Sourced by scripts/test.sh and scripts/console.sh; `bash scripts/setup.sh` runs it all.
set -euo pipefail

WASM_BINDGEN_VERSION=0.2.130
WASM_PACK_VERSION=0.15.1
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"

say() { printf '[setup] %s\n' "$*" >&2; }

ensure_wasm_target() {
  rustup target list --installed | grep -qx wasm32-unknown-unknown \
    || { say "adding the wasm32-unknown-unknown target"; rustup target add wasm32-unknown-unknown; }
}

ensure_wasm_bindgen_cli() {
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$"; then
    say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (matches the pinned wasm-bindgen)"
    # Without --locked: the registry lacks one locked dependency.
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
  fi
}

ensure_wasm_pack() {
  if ! wasm-pack --version 2>/dev/null | grep -q " $WASM_PACK_VERSION\$"; then
    say "installing wasm-pack $WASM_PACK_VERSION"
    cargo install wasm-pack --version "$WASM_PACK_VERSION" --force
  fi
}

ensure_chromium() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing Debian's chromium and chromium-driver"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q chromium chromium-driver
  fi
}

ensure_npm_deps() {
  if [ ! -d "$ROOT/node_modules" ] || [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
    say "installing npm dependencies from package-lock.json"
    (cd "$ROOT" && npm ci --no-audit --no-fund)
  fi
}

ensure_llvm_cov() {
  rustup component list --installed | grep -q '^llvm-tools' \
    || { say "adding llvm-tools-preview"; rustup component add llvm-tools-preview; }
  command -v cargo-llvm-cov >/dev/null \
    || { say "installing cargo-llvm-cov"; cargo install cargo-llvm-cov --locked; }
}

ensure_all() {
  ensure_wasm_target
  ensure_wasm_bindgen_cli
  ensure_wasm_pack
  ensure_chromium
  ensure_llvm_cov
  [ -f "$ROOT/package-lock.json" ] && ensure_npm_deps
  return 0
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  ensure_all
fi
