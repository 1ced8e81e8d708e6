#!/usr/bin/env bash
# The back office's work queue at 100 000 applications: seeds them into a fresh SQLite file
# and, when PostgreSQL is reachable, a fresh PostgreSQL database, then prints the queue
# page's latency (p50/p99) for the first page, a page deep in the queue (keyset) and the
# common filters (server/examples/queue_bench.rs). It asserts nothing.
# Usage: bash bench/queue.sh   (BENCH_APPLICATIONS=… to change the count)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

N="${BENCH_APPLICATIONS:-100000}"
cargo build --release -p server --example queue_bench 2>&1 | tail -1

work=$(mktemp -d)
pg_admin="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test}"
pg_db="uraia_queue_bench_$$"
cleanup() {
  rm -rf "$work"
  if [ -n "${pg_made:-}" ]; then psql "$pg_admin" -qc "DROP DATABASE IF EXISTS $pg_db" >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

echo "== SQLite"
RUST_LOG=warn ./target/release/examples/queue_bench "sqlite://$work/queue.db" "$N"

echo "== PostgreSQL"
if command -v psql >/dev/null && psql "$pg_admin" -qc "CREATE DATABASE $pg_db" >/dev/null 2>&1; then
  pg_made=1
  RUST_LOG=warn ./target/release/examples/queue_bench "${pg_admin%/*}/$pg_db" "$N"
else
  echo "PostgreSQL is not reachable at $pg_admin: skipped"
fi
