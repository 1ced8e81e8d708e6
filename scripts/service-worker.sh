#!/usr/bin/env bash
# Builds the service worker into the site that `cargo leptos build` just made (target/site):
# the offline side of the installable app (frontend/sw/). Run after every site build.
set -euo pipefail
cd "$(dirname "$0")/.."
node frontend/sw/build.mjs "${LEPTOS_SITE_ROOT:-target/site}"
