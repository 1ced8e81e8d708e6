#!/usr/bin/env bash
# Measures search at eCitizen's size (issue 20) and prints figures; it asserts nothing.
#  - the synthetic national catalogue (`uraia seed --national`, ~20,000 services): how long
#    writing it takes, and how long the server takes to read it and build the search index
#    (from its log), with the index's size;
#  - the server's memory (resident set) with the bundled catalogue and with the national one;
#  - one search page at a time on an idle server: 300 searches of 20 real queries (typos,
#    Kiswahili, "how do I…", one word matching 15,000 services), p50 / p95 / worst;
#  - searches/s at 50 connections (wrk, the same queries in turn), a service page at 20,000
#    services, and the bare axum hello in the same run as the reference.
# Usage: bash bench/search.sh   (builds the release first if needed; ~3 minutes when built)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

DURATION="${BENCH_DURATION:-10s}"
CONNECTIONS="${BENCH_CONNECTIONS:-50}"
PORT=3910
HELLO_PORT=3911

if ! command -v wrk >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
bash scripts/install-tools.sh >/dev/null
cargo leptos build --release --precompress --split 2>&1 | tail -1
cargo build --release -p server --example hello 2>&1 | tail -1

work=$(mktemp -d)
cleanup() { kill "${server_pid:-}" "${hello_pid:-}" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
base="http://127.0.0.1:$PORT"
export LEPTOS_SITE_ADDR="127.0.0.1:$PORT" LEPTOS_SITE_ROOT=target/site RUST_LOG=info

# Starts the server on $DATABASE_URL, waits until it has read the catalogue; sets server_pid.
start() {
  ./target/release/uraia serve >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 300); do
    grep -q "catalogue read and indexed" "$work/server.log" && curl -sf "$base/readyz" >/dev/null && return
    sleep 0.1
  done
  echo "the server did not read its catalogue:" >&2
  tail -20 "$work/server.log" >&2
  exit 1
}
stop() { kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; }
rss_mb() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$server_pid/status"; }
logged() { # a field of the log line (tracing colours keys: strip them)
  grep "catalogue read and indexed" "$work/server.log" | head -1 | sed 's/\x1b\[[0-9;]*m//g' |
    grep -o "$1=[0-9]*" | cut -d= -f2
}

# The bundled catalogue (179 services) for the memory reference.
export DATABASE_URL="sqlite://$work/small.db"
./target/release/uraia seed --no-history >/dev/null
start
curl -sf "$base/search?q=passport" >/dev/null
small_rss=$(rss_mb)
stop

export DATABASE_URL="sqlite://$work/national.db"
./target/release/uraia seed --no-history >/dev/null
written=$(./target/release/uraia seed --national --no-history | sed -n 's/.*written in \([0-9.]*\) s\./\1/p')
start
services=$(logged services)
index_ms=$(logged took_ms)
index_bytes=$(logged index_bytes)
curl -sf "$base/search?q=passport" >/dev/null
national_rss=$(rss_mb)

queries=(
  "business+permit+nairobi" "pasport" "liquor+licence" "kibali+cha+biashara" "fire+safety+hotel"
  "hawker" "building+plan+approval+kisumu" "land+rates" "drivng+licence" "birth+certificate"
  "good+conduct" "food+hygiene+restaurant" "practising+licence+architect" "cess+maize" "parking"
  "leseni+ya+vileo" "how+do+i+renew+my+passport" "permit" "certificate" "mombasa"
)

idle=$(python3 - "$base" "${queries[@]}" <<'PY'
import http.client, sys, time, urllib.parse
base, queries = sys.argv[1], sys.argv[2:]
host = urllib.parse.urlparse(base).netloc
conn = http.client.HTTPConnection(host)
times = []
for round in range(16):
    for q in queries:
        start = time.perf_counter()
        conn.request("GET", f"/search?q={q}")
        body = conn.getresponse().read()
        elapsed = (time.perf_counter() - start) * 1000
        if round > 0:  # the first round warms the caches
            times.append(elapsed)
times.sort()
pick = lambda p: times[min(len(times) - 1, int(len(times) * p))]
print(f"{len(times)} {pick(0.5):.1f} {pick(0.95):.1f} {times[-1]:.1f}")
PY
)
read -r idle_n idle_p50 idle_p95 idle_max <<<"$idle"

lua="$work/queries.lua"
{
  printf 'local queries = {'
  for q in "${queries[@]}"; do printf '"%s",' "$q"; done
  printf '}\nlocal i = 0\nrequest = function()\n  i = i + 1\n'
  printf '  return wrk.format("GET", "/search?q=" .. queries[(i %% #queries) + 1])\nend\n'
} >"$lua"
run_wrk() { wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$@"; }
parse() { awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} END {print rps, p50, p99}'; }
./target/release/examples/hello "127.0.0.1:$HELLO_PORT" &
hello_pid=$!
sleep 0.5
read -r search_rps search_p50 search_p99 < <(run_wrk -s "$lua" "$base/" | parse)
read -r service_rps service_p50 service_p99 < <(run_wrk "$base/services/nairobi-county-business-permit-hotel-large" | parse)
read -r hello_rps hello_p50 hello_p99 < <(run_wrk "http://127.0.0.1:$HELLO_PORT/" | parse)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f %%", 100 * a / b }'; }

cat <<MD
## Search at national scale ($(date -u +%Y-%m-%d), $(nproc) cores, release build, SQLite)

| what | figure |
|---|---|
| services in the catalogue | $services |
| writing the synthetic national catalogue (\`uraia seed --national\`) | $written s |
| reading the catalogue and building the search index at start | $index_ms ms |
| search index in memory | $(awk -v b="$index_bytes" 'BEGIN { printf "%.1f MB", b / 1048576 }') |
| server's resident memory: 179 services → $services | $small_rss MB → $national_rss MB |
| one search page at a time, idle ($idle_n searches of ${#queries[@]} queries) | p50 $idle_p50 ms, p95 $idle_p95 ms, worst $idle_max ms |

| $CONNECTIONS connections, $DURATION, wrk | requests/s | p50 | p99 | of hello |
|---|---|---|---|---|
| search pages (the ${#queries[@]} queries in turn) | $search_rps | $search_p50 | $search_p99 | $(ratio "$search_rps" "$hello_rps") |
| a service page at $services services | $service_rps | $service_p50 | $service_p99 | $(ratio "$service_rps" "$hello_rps") |
| bare axum hello world | $hello_rps | $hello_p50 | $hello_p99 | 100 % |
MD
