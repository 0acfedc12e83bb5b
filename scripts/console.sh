#!/usr/bin/env bash
# Opens the web console: installs what is missing (npm packages, pkg/), then serves www/
# and pkg/ with the local stand-in API on http://127.0.0.1:8080/ (Ctrl+C stops it).
#   scripts/console.sh [--port N] [--error-status N]      (or PORT=N scripts/console.sh)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/setup.sh
source scripts/setup.sh

if [ -f package-lock.json ]; then
  ensure_npm_deps
fi
if [ ! -f pkg/coc_script_exec_bg.wasm ]; then
  say "building pkg/ (the package the console runs)"
  ensure_wasm_target
  ensure_wasm_bindgen_cli
  ensure_wasm_pack
  bash scripts/build-pkg.sh
fi
# serve.mjs prints the URL (Console: http://127.0.0.1:8080/) once it listens.
exec node www/serve.mjs "$@"
