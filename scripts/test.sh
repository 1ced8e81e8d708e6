#!/usr/bin/env bash
# The second README command: every check and test. Formatting, clippy for the server (ssr)
# and the browser (hydrate) builds, unit and integration tests on SQLite (and PostgreSQL
# when one is reachable), then the end-to-end suite in headless Chromium, JS on and off,
# against the release build, and the Nu HTML Checker over every page that suite loaded.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
start=$(date +%s)
step() { printf '\n\033[1m==> %s\033[0m (%ss)\n' "$*" "$(( $(date +%s) - start ))"; }
# Work started in the background (tests, the wasm build) stops with the script.
trap 'kill $(jobs -p) 2>/dev/null || true' EXIT

bash scripts/install-tools.sh

step "cargo fmt --check"
cargo fmt --all -- --check

# The release site the end-to-end suite runs against (split wasm, precompressed assets:
# what people get, and the islands loader that ships) starts building now, beside clippy
# and the tests: a build of one big crate keeps one core busy and leaves the other idle,
# and on 2 cores those gaps add up to minutes. Its two halves build side by side (the
# wasm's last steps, LTO with one codegen unit and wasm-opt, use one core only). Debug,
# release and wasm builds lock different directories, so none waits for another; the
# release builds run `nice`, so the checks and tests beside them get the cores first.
# It is built by cargo-leptos rather than reusing the test build: cargo-leptos compiles
# both halves with the same flags, and a server built without them renders markup the
# wasm cannot hydrate.
mkdir -p target
( nice -n 10 cargo leptos build --release --split --precompress --frontend-only \
    > target/front-build.log 2>&1 ) &
front_pid=$!
( nice -n 10 cargo leptos build --release --split --precompress --server-only \
    > target/server-build.log 2>&1 ) &
server_pid=$!

step "clippy: server build (ssr)"
cargo clippy -p app -p server --features app/ssr --all-targets -- -D warnings

step "clippy: browser build (hydrate, wasm32)"
cargo clippy -p app -p frontend --features app/hydrate --target wasm32-unknown-unknown -- -D warnings

# PostgreSQL: used when reachable (CI's machine has one); a fresh machine may not.
PG_URL="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test}"
pg_hostport=$(printf '%s' "$PG_URL" | sed -E 's#^[a-z]+://([^@/]*@)?([^/:]+)(:([0-9]+))?.*#\2 \4#')
read -r pg_host pg_port <<<"$pg_hostport"
if (exec 3<>"/dev/tcp/${pg_host}/${pg_port:-5432}") 2>/dev/null; then
  export TEST_POSTGRES_URL="$PG_URL" URAIA_REQUIRE_POSTGRES=1
  backends="SQLite and PostgreSQL (${pg_host}:${pg_port:-5432})"
else
  unset URAIA_REQUIRE_POSTGRES
  backends="SQLite only: PostgreSQL at ${pg_host}:${pg_port:-5432} is not reachable, its tests were skipped"
fi

# moto (S3-compatible server) was installed by install-tools.sh above: its test must run.
export URAIA_REQUIRE_S3=1

# Running the tests (one at a time, see .cargo/config.toml) mostly waits on databases, so
# they run while the release site finishes.
step "unit and integration tests: compiling"
cargo test --no-run

step "unit and integration tests (database backends: ${backends})"
cargo test > target/cargo-test.log 2>&1 && tests_rc=0 || tests_rc=$?
cat target/cargo-test.log
[ "$tests_rc" = 0 ] || { echo "unit or integration tests failed"; exit 1; }
read -r rust_passed rust_failed rust_ignored < <(grep -E '^test result:' target/cargo-test.log \
  | awk '{p+=$4; f+=$6; i+=$8} END {print p+0, f+0, i+0}')

step "waiting for the release site"
front_ok=0; wait "$front_pid" || front_ok=$?
server_ok=0; wait "$server_pid" || server_ok=$?
cat target/front-build.log target/server-build.log
[ "$front_ok" -eq 0 ] || { echo "the release wasm build failed"; exit 1; }
[ "$server_ok" -eq 0 ] || { echo "the release server build failed"; exit 1; }

bash scripts/service-worker.sh

step "end-to-end tests in Chromium (JavaScript on and off)"
export URAIA_BIN="$PWD/target/release/uraia" \
  E2E_DB_FILE="$PWD/target/e2e.db" E2E_SERVER_LOG="$PWD/target/e2e-server.log" \
  E2E_FILES_DIR="$PWD/target/e2e-files" \
  E2E_SECRETS_FILE="$PWD/target/e2e-secrets.txt" \
  E2E_HTML_DIR="$PWD/target/e2e-html"
rm -f "$E2E_SECRETS_FILE"
# Every page the browser loads is saved here (end2end/tests/fixtures.ts) for the HTML check.
rm -rf "$E2E_HTML_DIR" && mkdir -p "$E2E_HTML_DIR"
(cd end2end && PLAYWRIGHT_JSON_OUTPUT_NAME=../target/e2e-results.json npx playwright test --reporter=list,json)
read -r e2e_passed e2e_failed e2e_skipped < <(node -e '
  const s = require("./target/e2e-results.json").stats;
  console.log(s.expected + s.flaky, s.unexpected, s.skipped);')

step "scanning the server log of the end-to-end run for secrets"
if python3 scripts/scan-logs.py "$E2E_SERVER_LOG" "$E2E_SECRETS_FILE" "$E2E_DB_FILE"; then
  e2e_passed=$(( e2e_passed + 1 ))
else
  e2e_failed=$(( e2e_failed + 1 ))
fi

step "Nu HTML Checker over every page the end-to-end suite saw"
if python3 scripts/check-html.py "$E2E_HTML_DIR"; then
  e2e_passed=$(( e2e_passed + 1 ))
else
  e2e_failed=$(( e2e_failed + 1 ))
fi

# Issue 7's budgets, against this build's own server: figures to read, never a failure.
step "low-bandwidth budgets (a report, not a test)"
budget_dir=$(mktemp -d)
DATABASE_URL="sqlite://$budget_dir/budgets.db" LEPTOS_SITE_ADDR=127.0.0.1:3950 \
  LEPTOS_SITE_ROOT=target/site RUST_LOG=warn ./target/release/uraia serve --seed \
  > "$budget_dir/server.log" 2>&1 &
budget_pid=$!
for _ in $(seq 150); do curl -sf http://127.0.0.1:3950/readyz >/dev/null && break; sleep 0.2; done
python3 bench/budgets.py http://127.0.0.1:3950 release || true
kill "$budget_pid" 2>/dev/null || true
rm -rf "$budget_dir"

echo
echo "Database backends tested: ${backends}"
echo "Rust tests: ${rust_passed} passed, ${rust_failed} failed, ${rust_ignored} ignored"
echo "End-to-end (Chromium, the log scan and the HTML check): ${e2e_passed} passed, ${e2e_failed} failed, ${e2e_skipped} skipped"
echo "Time: $(( $(date +%s) - start ))s"
[ "$e2e_failed" -eq 0 ] || status=1
echo "total: $(( rust_passed + e2e_passed )) passed, $(( rust_failed + e2e_failed )) failed, $(( rust_ignored + e2e_skipped )) skipped"
exit "${status:-0}"
