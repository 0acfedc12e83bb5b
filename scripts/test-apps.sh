#!/usr/bin/env bash
# The npm package as it would be published (scripts/test.sh calls this; it also runs alone):
#   publint --strict and @arethetypeswrong/cli over the packed pkg/, then tests/apps: the
#   tarball installed into small apps (Node ESM and CommonJS, Deno, Vitest, Jest, Vite,
#   webpack, Parcel, Rollup, esbuild ESM and IIFE, Next.js's client component and route
#   handler), each built by its own tool and run, the browser ones in headless Chromium. Each app's npm packages come from its
#   pinned package-lock.json through `npm ci --prefer-offline` (the npm cache after the
#   first run), again only when that lock changes.
# Assumes scripts/setup.sh has run; builds pkg/ first if it is missing.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"

if [ ! -f pkg/coc_script_exec_bg.wasm ]; then
  bash scripts/build-pkg.sh
fi

printf '\n--- publint --strict pkg\n'
publint --strict pkg
printf '\n--- attw --pack pkg\n'
attw --pack pkg
printf '\n--- the packed package in real apps (tests/apps)\n'
node --test tests/apps/apps.test.mjs
