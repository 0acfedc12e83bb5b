#!/usr/bin/env bash
# The benchmark harness once, quickly, so it never rots (scripts/test.sh calls it): every
# peer (ajv, ajv standalone, zod, valibot) must return the same issues as `validate` on the
# three bodies in Node and in Chromium, every page and bundle must load, each contestant
# runs once. No timing is judged. The criterion benches run once under `cargo test`.
# Needs pkg/ (built by scripts/build-pkg.sh when missing) and the npm packages; builds the
# modules of issue #16's floors (scripts/floor.sh) so that their part of the harness runs too.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
[ -f pkg/coc_script_exec_bg.wasm ] || bash scripts/build-pkg.sh
bash scripts/floor.sh
node benches/js/run.mjs --smoke
echo "[bench-smoke] the harness runs and every peer agrees with validate"
