#!/usr/bin/env bash
# Installs every tool the build and the tests need, idempotently: a second run on a machine
# that already has them takes seconds. Only the package registries are reachable here, so
# nothing is downloaded as a prebuilt binary (see docs/decisions/0001-toolchain.md).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

CARGO_LEPTOS_VERSION=0.3.10
# moto's standalone S3-compatible server, for the S3 file-store test (server/tests/integration/s3_store.rs).
MOTO_VERSION=5.2.1
# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/[^0-9.]/,""); print; exit}' Cargo.lock)

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

have_version() { # tool expected-version
  command -v "$1" >/dev/null 2>&1 && "$1" --version 2>/dev/null | grep -q "$2"
}

if ! have_version cargo-leptos "$CARGO_LEPTOS_VERSION"; then
  say "installing cargo-leptos $CARGO_LEPTOS_VERSION (about 14 minutes on 2 cores)"
  cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked
fi

if ! have_version wasm-bindgen "$WASM_BINDGEN_VERSION"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION" --locked --force \
    || cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION" --force
fi

# npm packages: wasm-opt (binaryen 123; Debian's 108 breaks hydration), Playwright, axe-core,
# Workbox, Lighthouse (bench/lighthouse.sh).
if [ ! -x end2end/node_modules/.bin/wasm-opt ] || [ ! -d end2end/node_modules/@playwright/test ] \
   || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
  say "installing npm packages"
  (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi

if ! python3 -c "import moto, moto.server; assert moto.__version__ == '$MOTO_VERSION'" >/dev/null 2>&1; then
  say "installing moto[server] $MOTO_VERSION (a local S3-compatible server for the tests)"
  PIP_ROOT_USER_ACTION=ignore python3 -m pip install --quiet --disable-pip-version-check \
    "moto[server]==$MOTO_VERSION"
fi

# OpenSSL headers: Web Push's encryption (the ece crate) builds against the system OpenSSL.
if ! pkg-config --exists openssl 2>/dev/null; then
  say "installing OpenSSL headers from Debian"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libssl-dev pkg-config >/dev/null
fi

if [ "${URAIA_SKIP_BROWSER:-0}" != 1 ] && ! command -v chromium >/dev/null 2>&1; then
  say "installing Chromium from Debian"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi

say "tools ready"
