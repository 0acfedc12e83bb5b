#!/usr/bin/env bash
# The two modules that BENCHMARKS.md measures issue #16's floors on, built from this tree
# (as it is on disk) beside pkg/ for scripts/bench.sh, the way build-pkg.sh builds pkg/
# (wasm-pack's release profile, wasm-opt -O3, `bare-wasm`), never shipped:
#   target/floor/judge    the module that only judges: `validate` and `limits` exported,
#                         nothing else (benches/floor/judge_only.mjs rewrites a copy of the
#                         sources), for the floors of the size and cold-start targets;
#   target/floor/probes   the whole module with the probes of src/wasm/probes.rs (Cargo.toml's
#                         `probes`), which time the parts of a `validate` call on text one by one.
# The copy lives outside this checkout: cargo reads every .cargo/config.toml above the
# directory it builds in, so inside target/ this tree's LLVM flags would be given twice.
# Idempotent; after the first build only what changed is rebuilt.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
DIR="$ROOT/target/floor"
# One copy per checkout, so two checkouts never build in each other's copy.
SRC="${XDG_CACHE_HOME:-$HOME/.cache}/coc-script-exec/floor-src-$(printf %s "$ROOT" | sha256sum | cut -c1-12)"
mkdir -p "$DIR"

build() { # <crate dir> <cargo target dir> <out dir> <features>
  rm -rf "$3-build"
  (cd "$1" && CARGO_TARGET_DIR="$2" \
    wasm-pack build --release --target web --mode no-install --out-dir "$3-build" -- --no-default-features --features "$4" >&2)
  rm -rf "$3"
  mv "$3-build" "$3"
  echo "floor: $3 ($(wc -c < "$3/coc_script_exec_bg.wasm") bytes of wasm, $(gzip -9c < "$3/coc_script_exec_bg.wasm" | wc -c) gzipped)" >&2
}

build "$ROOT" "$DIR/cargo-probes" "$DIR/probes" bare-wasm,probes

# The sources as they are on disk (tracked files and new ones), file times kept, so cargo
# rebuilds only what changed; the rewritten files only when their text changes.
mkdir -p "$SRC"
git ls-files -z --cached --others --exclude-standard | tar -c --null -T - | tar -x -C "$SRC"
node benches/floor/judge_only.mjs "$SRC"
build "$SRC" "$DIR/cargo-judge" "$DIR/judge" bare-wasm
