#!/usr/bin/env bash
# Runs each fuzz target briefly on the committed corpus (FUZZ_SECONDS each, default 30),
# when cargo-fuzz and a nightly toolchain are installed; says so and skips otherwise.
# New inputs go to a scratch folder, so the committed corpus is only read.
# A long session: FUZZ_SECONDS=3600 bash scripts/test-fuzz.sh [target ...]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT/fuzz"
SECONDS_EACH="${FUZZ_SECONDS:-30}"
if ! command -v cargo-fuzz >/dev/null || ! rustup run nightly rustc --version >/dev/null 2>&1; then
  echo "[fuzz] cargo-fuzz or the nightly toolchain is not installed: skipping the fuzz smoke run"
  exit 0
fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(validate_json validate_value build_batches parse_response)
cargo +nightly fuzz build -O
for t in "${targets[@]}"; do
  scratch="$(mktemp -d)"
  echo "[fuzz] $t for ${SECONDS_EACH}s"
  status=0
  cargo +nightly fuzz run -O "$t" "$scratch" "corpus/$t" -- \
    -max_total_time="$SECONDS_EACH" -rss_limit_mb=2048 -timeout=5 -print_final_stats=1 >"$scratch.log" 2>&1 || status=$?
  grep -E '^(Done|stat::peak_rss_mb)|ERROR|panicked|SUMMARY' "$scratch.log" || true
  rm -rf "$scratch" "$scratch.log"
  if [ "$status" -ne 0 ]; then
    echo "[fuzz] $t found a failure: see fuzz/artifacts/$t"
    exit 1
  fi
done
