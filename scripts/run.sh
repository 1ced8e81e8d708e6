#!/usr/bin/env bash
# The first README command: from a fresh machine to the portal running on embedded SQLite
# with the demo catalogue. Installs what is missing, builds the release, seeds, serves.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

bash scripts/install-tools.sh
echo "==> building the release (the first build takes several minutes)"
cargo leptos build --release --precompress

export DATABASE_URL="${DATABASE_URL:-sqlite://data/uraia.db}"
export LEPTOS_SITE_ADDR="${LEPTOS_SITE_ADDR:-127.0.0.1:3000}"
export LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-target/site}"
./target/release/uraia seed

cat <<MSG

  Uraia is starting at  http://${LEPTOS_SITE_ADDR}
  Database:             ${DATABASE_URL}
  Demo data:            the service catalogue (agencies, services, fees) in English and Kiswahili,
                        synthetic people in the embedded population registry, and the demo
                        sign-ins listed above (codes arrive at /dev/mailbox).
  To register, use a synthetic person from server/seed/registry.toml (see the README).
  Stop with Ctrl+C.

MSG
exec ./target/release/uraia serve
