#!/usr/bin/env bash
# Tries the attacks of issue 17 from outside against the release build and prints what was
# tried, what the server answered and its memory before, after and at the peak (read from
# /proc), with a verdict for each ("held" / "NOT HELD"), ending with a Markdown table for
# the README (also saved in bench/results/abuse.md). It asserts nothing.
#  1. 20 anonymous 200 MB posts at once to /api/accounts/register-details (declared length,
#     then chunked);  2. the same to /api/applications/upload;  3. slowloris: 300
#     connections sending their headers a byte every 2 s;  4. 50 wrong second-factor codes at
#     once, then the right one;  5. open redirects through /language and /lite;
#  6. decompression bombs (PNG, PDF) uploaded to a draft;  7. error statuses and 429.
# Usage: bash bench/abuse.sh   (builds the release first if needed; ~2 minutes when built;
#        ABUSE_NO_BUILD=1 uses the build as it is; see bench/abuse.py for the other knobs)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

PORT="${ABUSE_PORT:-3920}"
base="http://127.0.0.1:$PORT"

if [ -z "${ABUSE_NO_BUILD:-}" ]; then
  bash scripts/install-tools.sh >/dev/null
  cargo leptos build --release --precompress --split 2>&1 | tail -1
  bash scripts/service-worker.sh
fi
if [ ! -x target/release/uraia ]; then
  echo "target/release/uraia is missing: run without ABUSE_NO_BUILD" >&2
  exit 1
fi
if curl -sf -o /dev/null --max-time 2 "$base/healthz"; then
  echo "something already answers at $base: stop it or set ABUSE_PORT" >&2
  exit 1
fi

work=$(mktemp -d)
cleanup() {
  if [ -n "${server_pid:-}" ]; then
    kill "$server_pid" 2>/dev/null || true
    # Open connections get a few seconds to drain; do not wait for them.
    for _ in $(seq 20); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# Development mode on loopback (the sign-in codes are read from /dev/mailbox), the
# default header timeout unless URAIA_HEADER_TIMEOUT is set; uploads kept in the temp dir.
export DATABASE_URL="sqlite://$work/abuse.db" LEPTOS_SITE_ADDR="127.0.0.1:$PORT" LEPTOS_SITE_ROOT=target/site RUST_LOG=warn
export FILES_DIR="$work/files" URAIA_ENV=development
./target/release/uraia seed --no-history >/dev/null
./target/release/uraia serve >"$work/server.log" 2>&1 &
server_pid=$!
ready=
for _ in $(seq 150); do
  if curl -sf -o /dev/null --max-time 2 "$base/readyz"; then ready=1; break; fi
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.2
done
if [ -z "$ready" ]; then
  echo "the server did not become ready at $base; its log:" >&2
  tail -30 "$work/server.log" >&2
  exit 1
fi

mkdir -p bench/results
python3 bench/abuse.py "$base" "$server_pid" | tee "$work/abuse.out" || true
# The table (from its heading on) is what goes in the README.
sed -n '/^## Abuse run/,$p' "$work/abuse.out" > bench/results/abuse.md

if ! kill -0 "$server_pid" 2>/dev/null; then
  echo
  echo "The server is no longer running. The end of its log:"
  tail -30 "$work/server.log"
elif grep -qE 'ERROR|panicked' "$work/server.log"; then
  echo
  echo "The server logged errors during the run:"
  grep -E 'ERROR|panicked' "$work/server.log" | tail -10
fi
exit 0
