#!/usr/bin/env bash
# The console end to end: the server's own tests (static files, path traversal, the
# stand-in API) and the page in headless Chromium (playwright-core driving Debian's
# /usr/bin/chromium), through the real server and the real package.
# Assumes scripts/setup.sh has run; builds pkg/ first if it is missing.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

if [ ! -f pkg/coc_script_exec_bg.wasm ]; then
  bash scripts/build-pkg.sh
fi
node --test tests/e2e/server.test.mjs tests/e2e/orders.test.mjs tests/e2e/console.test.mjs tests/e2e/hostile.test.mjs tests/e2e/revision.test.mjs tests/e2e/rollout.test.mjs \
  tests/e2e/issue13.test.mjs
