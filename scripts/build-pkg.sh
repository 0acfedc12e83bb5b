#!/usr/bin/env bash
# Builds the npm package into pkg/ (generated, gitignored): wasm-pack's release build for
# the web target, optimised by the wasm-opt of the npm `binaryen` package (Debian's crashes
# at load), then the package laid out around it by js/build/layout.mjs: an entry per home
# (browsers and bundlers, Node/Deno/Bun with no init call, require(), an inlined module).
# Idempotent: run it as often as you like.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# node_modules/.bin first, so wasm-pack finds binaryen's wasm-opt before any other.
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"

if [ ! -x node_modules/.bin/wasm-opt ]; then
  echo "build-pkg: node_modules/.bin/wasm-opt is missing; run scripts/setup.sh (npm ci)" >&2
  exit 1
fi

# Built aside and moved into place whole, so whoever is using pkg/ meanwhile (a console,
# another test run) never sees half a package, and no file of an older build lingers.
OUT="target/pkg-build-$$"
trap 'rm -rf "$OUT" target/pkg-old-$$' EXIT
rm -rf "$OUT"
# `bare-wasm`: the module without std, where a panic traps (Cargo.toml says why).
wasm-pack build --release --target web --mode no-install --out-dir "$OUT" -- --no-default-features --features bare-wasm >&2

# The package around the glue: its entries (browser, Node ESM and CommonJS, inline), the
# declarations without DOM types, the licences, the npm README with sizes measured here, and
# package.json's exports (js/build/layout.mjs says what each file is for).
node js/build/layout.mjs "$OUT"

if [ -d pkg ]; then mv pkg "target/pkg-old-$$"; fi
mv "$OUT" pkg

echo "build-pkg: pkg/ ready ($(wc -c < pkg/coc_script_exec_bg.wasm) bytes of wasm, $(gzip -9c < pkg/coc_script_exec_bg.wasm | wc -c) gzipped)" >&2
