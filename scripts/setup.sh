#!/usr/bin/env bash
# Installs what the project needs, only where it is missing (idempotent).
# Sourced by scripts/test.sh and scripts/console.sh; `bash scripts/setup.sh` runs it all.
set -euo pipefail

WASM_BINDGEN_VERSION=0.2.130
WASM_PACK_VERSION=0.15.1
# The official signer the signing tests compare with, and the SARIF 2.1.0 schema the CLI
# tests validate against (Microsoft's copy, shipped in @microsoft/jest-sarif), cached
# outside the tree so a clean checkout does not download them again.
SDK_CORE_VERSION=3.1.219
JSONSCHEMA_VERSION=4.26.0
SARIF_SCHEMA_PACKAGE=@microsoft/jest-sarif@1.0.0-beta.0
SARIF_SCHEMA_SHA256=2d99159ae54a3eea97f81781cff48780548657c35949f4b7f25e99a2ba4de4f8
COC_CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/coc-script-exec"
export COC_SDK_VENV="${COC_SDK_VENV:-$COC_CACHE/sdk-venv-$SDK_CORE_VERSION}"
export COC_SARIF_SCHEMA="${COC_SARIF_SCHEMA:-$COC_CACHE/sarif-2.1.0-rtm.5.json}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"

say() { printf '[setup] %s\n' "$*" >&2; }

ensure_wasm_target() {
  rustup target list --installed | grep -qx wasm32-unknown-unknown \
    || { say "adding the wasm32-unknown-unknown target"; rustup target add wasm32-unknown-unknown; }
}

ensure_wasm_bindgen_cli() {
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$"; then
    say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (matches the pinned wasm-bindgen)"
    # Without --locked: the registry lacks one locked dependency.
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
  fi
}

ensure_wasm_pack() {
  if ! wasm-pack --version 2>/dev/null | grep -q " $WASM_PACK_VERSION\$"; then
    say "installing wasm-pack $WASM_PACK_VERSION"
    cargo install wasm-pack --version "$WASM_PACK_VERSION" --force
  fi
}

ensure_chromium() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing Debian's chromium and chromium-driver"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q chromium chromium-driver
  fi
}

ensure_npm_deps() {
  if [ ! -d "$ROOT/node_modules" ] || [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
    say "installing npm dependencies from package-lock.json"
    (cd "$ROOT" && npm ci --no-audit --no-fund)
  fi
}

ensure_llvm_cov() {
  rustup component list --installed | grep -q '^llvm-tools' \
    || { say "adding llvm-tools-preview"; rustup component add llvm-tools-preview; }
  command -v cargo-llvm-cov >/dev/null \
    || { say "installing cargo-llvm-cov"; cargo install cargo-llvm-cov --locked; }
}

# A virtual environment with huaweicloudsdkcore (its Signer) and jsonschema, from PyPI.
ensure_sdk_venv() {
  if ! "$COC_SDK_VENV/bin/python" -c "import huaweicloudsdkcore.signer.signer, jsonschema" 2>/dev/null; then
    say "creating $COC_SDK_VENV (huaweicloudsdkcore==$SDK_CORE_VERSION, jsonschema==$JSONSCHEMA_VERSION)"
    python3 -m venv "$COC_SDK_VENV"
    "$COC_SDK_VENV/bin/pip" install -q "huaweicloudsdkcore==$SDK_CORE_VERSION" "jsonschema==$JSONSCHEMA_VERSION"
  fi
}

# The SARIF 2.1.0 JSON Schema, checked against its known digest.
ensure_sarif_schema() {
  if ! echo "$SARIF_SCHEMA_SHA256  $COC_SARIF_SCHEMA" | sha256sum -c --status 2>/dev/null; then
    say "fetching the SARIF 2.1.0 schema from $SARIF_SCHEMA_PACKAGE"
    local tmp
    tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack -q "$SARIF_SCHEMA_PACKAGE" >/dev/null && tar xzf ./*.tgz)
    mkdir -p "$(dirname "$COC_SARIF_SCHEMA")"
    cp "$tmp/package/lib/schemas/sarif-2.1.0-rtm.5.json" "$COC_SARIF_SCHEMA"
    rm -rf "$tmp"
    echo "$SARIF_SCHEMA_SHA256  $COC_SARIF_SCHEMA" | sha256sum -c --status
  fi
}

ensure_all() {
  ensure_wasm_target
  ensure_wasm_bindgen_cli
  ensure_wasm_pack
  ensure_chromium
  ensure_llvm_cov
  ensure_sdk_venv
  ensure_sarif_schema
  [ -f "$ROOT/package-lock.json" ] && ensure_npm_deps
  return 0
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  ensure_all
fi
