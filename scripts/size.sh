#!/usr/bin/env bash
# Where the module's bytes go (issue #16): the release module as build-pkg.sh builds it, but
# with its function names kept (wasm-bindgen --keep-debug, wasm-opt -g), read by twiggy.
# Writes benches/size/twiggy.txt (the 40 largest items) and benches/size/sizes.json (the
# shipped module's raw and gzip -9 bytes); scripts/bench.sh calls it and BENCHMARKS.md shows
# both. Installs twiggy when it is missing.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
command -v twiggy >/dev/null || cargo install twiggy --version 0.8.0 --locked
[ -f pkg/coc_script_exec_bg.wasm ] || bash scripts/build-pkg.sh

OUT="target/size"
rm -rf "$OUT" && mkdir -p "$OUT"
cargo build --release --target wasm32-unknown-unknown --no-default-features --features bare-wasm --lib >&2
wasm-bindgen --target web --keep-debug --out-dir "$OUT" target/wasm32-unknown-unknown/release/coc_script_exec.wasm
FEATURES="--enable-simd --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue"
# shellcheck disable=SC2086
wasm-opt -O3 -g $FEATURES "$OUT/coc_script_exec_bg.wasm" -o "$OUT/named.wasm"
{
  echo "# twiggy top -n 40, on the release module with its names kept ($(wc -c < "$OUT/named.wasm") bytes with names;"
  echo "# the shipped pkg/coc_script_exec_bg.wasm has none: $(wc -c < pkg/coc_script_exec_bg.wasm) bytes, $(gzip -9c < pkg/coc_script_exec_bg.wasm | wc -c) gzipped)"
  twiggy top -n 40 "$OUT/named.wasm"
} > benches/size/twiggy.txt
node -e '
const fs = require("node:fs"), zlib = require("node:zlib");
const size = (f) => { const b = fs.readFileSync(f); return { raw: b.length, gzip: zlib.gzipSync(b, { level: 9 }).length }; };
const out = { wasm: size("pkg/coc_script_exec_bg.wasm"), glue: size("pkg/coc_script_exec.js") };
fs.writeFileSync("benches/size/sizes.json", JSON.stringify(out, null, 2) + "\n");
console.log(JSON.stringify(out));
'
echo "[size] benches/size/twiggy.txt and sizes.json written" >&2
