#!/usr/bin/env bash
# The module as it was before issue #16 (108a581, the tree whose BENCHMARKS.md issue #16
# measured from), built once into target/before16/pkg for scripts/bench.sh: the harness runs
# it beside ours in the same Node process and the same Chromium page, so "no speed lost"
# (issue #16: every ratio at most 10 % worse than before) is read from one run, not from
# two runs on a shared machine. Its own Cargo.lock, its own target dir, the build it had
# then (wasm-pack's release profile, wasm-opt -O3, no `bare-wasm`), its sources unpacked
# outside this checkout (cargo reads every .cargo/config.toml above the directory it builds
# in, so inside target/ this tree's LLVM flags would be added to that tree's). Idempotent:
# nothing is done when the package is there. Needs the git history (a shallow clone has no
# 108a581). `before16.sh bench` runs its native criterion bench.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
BEFORE=108a5818ec548dacdf3324b0ef5a59ddd4c29abe
DIR="$ROOT/target/before16"
SRC="${XDG_CACHE_HOME:-$HOME/.cache}/coc-script-exec/before16-src"

if ! git cat-file -e "$BEFORE^{commit}" 2>/dev/null; then
  echo "before16: commit $BEFORE is not in this clone (shallow?); the bench runs without it" >&2
  exit 0
fi
unpack() {
  [ -f "$SRC/.unpacked-$BEFORE" ] && return
  rm -rf "$SRC"
  mkdir -p "$SRC"
  git archive "$BEFORE" | tar -x -C "$SRC"
  touch "$SRC/.unpacked-$BEFORE"
}

if [ "${1:-}" = "bench" ]; then
  # Its native criterion bench (the same bodies and bench file as this tree's), into
  # target/before16/target/criterion, read by benches/js/report.mjs.
  unpack
  (cd "$SRC" && CARGO_TARGET_DIR="$DIR/target" CARGO_TERM_COLOR=never \
    cargo bench --no-default-features --bench validate -- --warm-up-time 2 --measurement-time 5 --noplot)
  exit 0
fi

[ -f "$DIR/pkg/coc_script_exec_bg.wasm" ] && exit 0
unpack
rm -rf "$DIR/pkg-build"
mkdir -p "$DIR"
(cd "$SRC" && CARGO_TARGET_DIR="$DIR/target" \
  wasm-pack build --release --target web --mode no-install --out-dir "$DIR/pkg-build" -- --no-default-features >&2)
mv "$DIR/pkg-build" "$DIR/pkg"
echo "before16: target/before16/pkg ready ($(wc -c < "$DIR/pkg/coc_script_exec_bg.wasm") bytes of wasm)" >&2
