#!/usr/bin/env bash
# Measures the release build and prints figures (it asserts nothing):
#  - brotli sizes: home page HTML, CSS, wasm + JS bundle
#  - the low-bandwidth budgets (bench/budgets.py: critical HTML + CSS, each page's HTML,
#    wasm + JS, the whole first visit), each beside its budget;
#  - Lighthouse (mobile) for the home, service and tracking pages (bench/lighthouse.sh; the
#    reports are saved in bench/results/);
#  - requests/second and latency (p50/p99) of a service page at 50 connections, beside a
#    bare axum hello-world on the same machine in the same run (wrk, from Debian).
# Usage: bash bench/bench.sh   (builds the release first if needed; ~1 minute when built)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

DURATION="${BENCH_DURATION:-10s}"
CONNECTIONS="${BENCH_CONNECTIONS:-50}"
PORT=3900
HELLO_PORT=3901

if ! command -v wrk >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
bash scripts/install-tools.sh >/dev/null
cargo leptos build --release --precompress --split 2>&1 | tail -1
bash scripts/service-worker.sh
cargo build --release -p server --example hello 2>&1 | tail -1

work=$(mktemp -d)
cleanup() { kill "${server_pid:-}" "${hello_pid:-}" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

export DATABASE_URL="sqlite://$work/bench.db" LEPTOS_SITE_ADDR="127.0.0.1:$PORT" LEPTOS_SITE_ROOT=target/site RUST_LOG=warn
./target/release/uraia seed --no-history >/dev/null
./target/release/uraia serve >/dev/null 2>&1 &
server_pid=$!
./target/release/examples/hello "127.0.0.1:$HELLO_PORT" &
hello_pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.2; done

br_size() { curl -s -H 'Accept-Encoding: br' "$1" | wc -c; }
kb() { awk -v b="$1" 'BEGIN { printf "%.1f KB", b / 1024 }'; }

base="http://127.0.0.1:$PORT"
home_html=$(br_size "$base/")
css=$(ls target/site/pkg/*.css | head -1)
css_br=$(br_size "$base/pkg/$(basename "$css")")
wasm=$(ls target/site/pkg/uraia.*.wasm | head -1)
js=$(ls target/site/pkg/uraia.*.js | head -1)
wasm_br=$(br_size "$base/pkg/$(basename "$wasm")")
js_br=$(br_size "$base/pkg/$(basename "$js")")
service_html=$(br_size "$base/services/passport-renewal")

run_wrk() { wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$1"; }
parse() { # wrk output -> "rps p50 p99"
  awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} END {print rps, p50, p99}'
}
read -r svc_rps svc_p50 svc_p99 < <(run_wrk "$base/services/passport-renewal" | parse)
read -r hello_rps hello_p50 hello_p99 < <(run_wrk "http://127.0.0.1:$HELLO_PORT/" | parse)

report=$(cat <<MD
## Figures ($(date -u +%Y-%m-%d), $(nproc) cores, release build)

| what | brotli size |
|---|---|
| home page HTML | $(kb "$home_html") |
| CSS | $(kb "$css_br") |
| home page HTML + CSS | $(kb $((home_html + css_br))) |
| service page HTML | $(kb "$service_html") |
| wasm | $(kb "$wasm_br") (raw $(kb "$(wc -c < "$wasm")")) |
| JS glue | $(kb "$js_br") |
| wasm + JS | $(kb $((wasm_br + js_br))) |

| $CONNECTIONS connections, $DURATION, wrk | requests/s | p50 | p99 |
|---|---|---|---|
| service page (/services/passport-renewal, SQLite) | $svc_rps | $svc_p50 | $svc_p99 |
| bare axum hello world | $hello_rps | $hello_p50 | $hello_p99 |
MD
)
report="$report

$(python3 bench/budgets.py "$base" release)

$(bash bench/lighthouse.sh "$base")"
echo "$report"
mkdir -p bench/results
echo "$report" > bench/results/latest.md
