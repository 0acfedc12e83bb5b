#!/usr/bin/env bash
# The WebAssembly layers (scripts/test.sh calls this; it also runs on its own):
#   clippy for wasm32; pkg/ built as it ships (scripts/build-pkg.sh); the shared rule cases
#   (tests/cases) through the exports as wasm in Node and in headless Chromium
#   (tests/wasm.rs); the JS tests against pkg/ (tests/js: reports, shapes, hostile values,
#   memory, JSON Schema with ajv, Standard Schema with TanStack Form, the .d.ts against
#   its reference, tsc --strict, the package in Node and in Chromium).
# Assumes scripts/setup.sh has run (wasm32 target, wasm-bindgen-cli, wasm-pack, chromium,
# chromedriver, npm packages).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"

step() { printf '\n--- %s\n' "$*"; }

# Both wasm32 builds of the library: with std (what `wasm-pack test` links) and bare (what
# pkg/ ships: no std, a panic traps; Cargo.toml's `bare-wasm`).
step "cargo clippy --target wasm32-unknown-unknown --no-default-features [--features bare-wasm[,probes]] -- -D warnings"
cargo clippy --target wasm32-unknown-unknown --no-default-features -- -D warnings
cargo clippy --target wasm32-unknown-unknown --no-default-features --features bare-wasm -- -D warnings
cargo clippy --target wasm32-unknown-unknown --no-default-features --features bare-wasm,probes -- -D warnings

step "build pkg/"
bash scripts/build-pkg.sh

# Only tests/wasm.rs runs as wasm (`--test wasm`); the other test files are native.
# tests/wasm.rs configures no runtime, so Node is the default and the browser is chosen
# by WASM_BINDGEN_USE_BROWSER: one file, both runtimes.
step "wasm tests in Node"
wasm-pack test --node --mode no-install -- --no-default-features --test wasm

step "wasm tests in headless Chromium"
WASM_BINDGEN_USE_BROWSER=1 wasm-pack test --headless --chrome \
  --chromedriver "$(command -v chromedriver || echo /usr/bin/chromedriver)" --mode no-install -- --no-default-features --test wasm

step "JS tests against pkg/"
node --test tests/js/

echo "[test-wasm] all wasm and JS tests passed"
