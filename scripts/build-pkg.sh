#!/usr/bin/env bash
# Builds the npm package into pkg/ (generated, gitignored): wasm-pack's release build for
# the web target (usable in browsers, bundlers and Node 18+ via initSync), optimised by the
# wasm-opt of the npm `binaryen` package (Debian's crashes at load), then the package's
# own entry point (js/) and the package.json fields wasm-pack does not write.
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
wasm-pack build --release --target web --mode no-install --out-dir "$OUT" -- --no-default-features >&2

cp js/index.js js/index.d.ts js/standard_schema.js js/standard_schema.d.ts "$OUT/"

OUT="$OUT" node - <<'JS'
const fs = require("node:fs");
const file = `${process.env.OUT}/package.json`;
const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
const entry = { types: "./index.d.ts", default: "./index.js" };
Object.assign(pkg, {
  main: "index.js",
  module: "index.js",
  types: "index.d.ts",
  exports: {
    ".": entry,
    // Node reads the module's bytes itself (initSync); bundlers may import the URL.
    "./coc_script_exec_bg.wasm": "./coc_script_exec_bg.wasm",
    "./package.json": "./package.json",
  },
  files: [
    "index.js",
    "index.d.ts",
    "standard_schema.js",
    "standard_schema.d.ts",
    "coc_script_exec.js",
    "coc_script_exec.d.ts",
    "coc_script_exec_bg.wasm",
    "coc_script_exec_bg.wasm.d.ts",
    "snippets/",
  ],
  // Nothing runs on import (snippets/ included): the module is instantiated only by
  // init() / initSync().
  sideEffects: false,
  engines: { node: ">=18" },
});
fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + "\n");
JS

if [ -d pkg ]; then mv pkg "target/pkg-old-$$"; fi
mv "$OUT" pkg

echo "build-pkg: pkg/ ready ($(wc -c < pkg/coc_script_exec_bg.wasm) bytes of wasm, $(gzip -9c pkg/coc_script_exec_bg.wasm | wc -c) gzipped)" >&2
