#!/usr/bin/env bash
# The first README command: from a fresh machine to the portal running on embedded SQLite
# with the demo catalogue. Installs what is missing, builds the release, seeds, serves.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

bash scripts/install-tools.sh
echo "==> building the release (the first build takes several minutes)"
cargo leptos build --release --precompress --split
bash scripts/service-worker.sh

export DATABASE_URL="${DATABASE_URL:-sqlite://data/uraia.db}"
export LEPTOS_SITE_ADDR="${LEPTOS_SITE_ADDR:-127.0.0.1:3000}"
export LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-target/site}"
./target/release/uraia seed

# "Sign in with Digital ID": unless a real identity provider is configured, start the local
# one (npm oidc-provider with synthetic people, end2end/digital-id/provider.mjs).
port="${LEPTOS_SITE_ADDR##*:}"
if [ -z "${DIGITAL_ID_ISSUER:-}" ]; then
  export DIGITAL_ID_ISSUER="http://127.0.0.1:3190"
  export DIGITAL_ID_CLIENT_SECRET="${DIGITAL_ID_CLIENT_SECRET:-uraia-development-digital-id-secret}"
  (cd end2end && PORT=3190 DIGITAL_ID_SECRET="$DIGITAL_ID_CLIENT_SECRET" \
    DIGITAL_ID_REDIRECTS="http://${LEPTOS_SITE_ADDR}/api/accounts/digital-id-callback,http://localhost:${port}/api/accounts/digital-id-callback" \
    exec node digital-id/provider.mjs) &
  provider=$!
  trap 'kill "$provider" 2>/dev/null || true' EXIT INT TERM
fi

cat <<MSG

  Uraia is starting at  http://localhost:${port}  (also http://${LEPTOS_SITE_ADDR};
                        passkeys need the host name, browsers refuse them on an IP address)
  Database:             ${DATABASE_URL}
  Demo data:            the service catalogue (agencies, services, fees) in English and Kiswahili,
                        synthetic people in the embedded population registry, the demo
                        sign-ins listed above (codes arrive at /dev/mailbox), and four months
                        of applications by synthetic people (the officer's queue and the
                        supervisor's dashboard at /staff; the citizen's own at /applications).
  To register, use a synthetic person from server/seed/registry.toml (see the README).
  Digital ID:           ${DIGITAL_ID_ISSUER} (the local provider: type ID number 12345678,
                        30000004 or 30000005 on its page)
  M-Pesa:               simulated unless DARAJA_URL is set: answer payment requests on the
                        development phone, http://localhost:${port}/dev/phone (the demo
                        citizen's number is 0712 000 001)
  Stop with Ctrl+C.

MSG
./target/release/uraia serve
