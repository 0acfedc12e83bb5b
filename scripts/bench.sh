#!/usr/bin/env bash
# Runs every benchmark and writes BENCHMARKS.md and benches/ratios.png:
#   the native criterion benches (validate_json against serde_json's parse of the same text),
#   ours against ajv, zod and valibot in Node and in Chromium (same run, alternating, medians),
#   cold start in fresh Chromium pages, the gzipped sizes, twiggy's table of the module, and
#   the floors of issue #16 on the modules of scripts/floor.sh.
# Installs what is missing first (scripts/setup.sh) and builds pkg/ in release mode.
# Measure on a quiet machine: it prints the load average before it starts.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/setup.sh
source scripts/setup.sh
ensure_all
export CARGO_TERM_COLOR=never

echo "[bench] load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores" >&2
bash scripts/build-pkg.sh
# The module before issue #16 (108a581), measured beside ours in the same run.
bash scripts/before16.sh
# The modules that issue #16's floors are measured on (the probes, the module that only judges).
bash scripts/floor.sh
node benches/js/bodies.mjs --write >/dev/null
# Without default features: the bench needs no command line, and building the binary in the
# same run as the bench links against a library built twice (cargo issue 6313).
cargo bench --no-default-features --bench validate -- --warm-up-time 2 --measurement-time 5 --noplot
bash scripts/before16.sh bench
node benches/js/run.mjs
# Where the bytes go (benches/size/twiggy.txt), which report.mjs puts into BENCHMARKS.md.
bash scripts/size.sh
node benches/js/report.mjs
echo "[bench] BENCHMARKS.md and benches/ratios.png written" >&2
