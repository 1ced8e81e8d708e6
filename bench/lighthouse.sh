#!/usr/bin/env bash
# Lighthouse (npm, in Debian's Chromium), mobile: the home page, a service page, the
# tracking page, the sign-in page, and, signed in as the demo citizen, a part of a draft
# application and a sent application's status page, of a running Uraia. Saves each report
# (HTML and JSON) under bench/results/ and prints the four category scores. It asserts nothing.
# The signed-in pages come from bench/citizen-session.mjs, which signs the demo citizen in
# (password and the SMS code from /dev/mailbox), leaves a draft and sends and pays a land
# search: a development server's data changes, so point this at a throwaway one.
# Lighthouse gets the session as a Cookie header (--extra-headers); if the journey fails,
# those pages are left out and the reason is printed.
# Usage: bash bench/lighthouse.sh BASE_URL   (bench/bench.sh calls it with its release server)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

base="${1:?usage: bench/lighthouse.sh BASE_URL}"
out=bench/results
mkdir -p "$out"
export CHROME_PATH="${CHROME_PATH:-$(command -v chromium)}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The signed-in citizen's pages: "name:path" lines, and the session as a header file.
session_note=""
signed_in=()
if node bench/citizen-session.mjs "$base" > "$work/session.json" 2>"$work/session.err"; then
  node -e '
    const s = require(process.argv[1]);
    require("fs").writeFileSync(process.argv[2], JSON.stringify({ Cookie: s.cookie }));
    for (const p of s.pages) if (["part", "status"].includes(p.name)) console.log(`${p.name}:${p.url}`);
    if (s.error) console.error(s.error);
  ' "$work/session.json" "$work/headers.json" > "$work/pages.txt" 2>"$work/session.err" || true
  mapfile -t signed_in < "$work/pages.txt"
fi
[ -s "$work/session.err" ] && session_note="Signed-in pages: the citizen's journey failed ($(head -c 300 "$work/session.err")); what it reached is measured."

echo "## Lighthouse, mobile ($(date -u +%Y-%m-%d), lighthouse $(lighthouse --version), $(nproc) cores)"
echo
echo "| page | performance | accessibility | best practices | SEO | time to interactive | total blocking time |"
echo "|---|---|---|---|---|---|---|"
for page in "home:/" "service:/services/passport-renewal" "tracking:/track" "sign-in:/sign-in" \
    ${signed_in[@]+"${signed_in[@]}"}; do
  name="${page%%:*}"
  path="${page#*:}"
  headers=()
  case "$name" in part|status) headers=(--extra-headers="$work/headers.json") ;; esac
  # Lighthouse's default is a mid-range phone on a slow 4G connection (simulated).
  if lighthouse "$base$path" --quiet --form-factor=mobile ${headers[@]+"${headers[@]}"} \
      --chrome-flags="--headless=new --no-sandbox --disable-dev-shm-usage" \
      --output=json --output=html --output-path="$out/lighthouse-$name" >/dev/null 2>&1; then
    node -e '
      const r = require(process.argv[1]);
      const s = (k) => Math.round((r.categories[k].score ?? 0) * 100);
      const ms = (a) => r.audits[a] && r.audits[a].numericValue != null
        ? `${(r.audits[a].numericValue / 1000).toFixed(2)} s` : "—";
      const tbt = r.audits["total-blocking-time"];
      const blocking = tbt && tbt.numericValue != null ? `${Math.round(tbt.numericValue)} ms` : "—";
      console.log(`| ${process.argv[2]} | ${s("performance")} | ${s("accessibility")} | ${s("best-practices")} | ${s("seo")} | ${ms("interactive")} | ${blocking} |`);
    ' "$PWD/$out/lighthouse-$name.report.json" "$path"
  else
    echo "| $path | (Lighthouse failed) | | | | | |"
  fi
done
echo
[ -z "$session_note" ] || { echo "$session_note"; echo; }
echo "Reports: $out/lighthouse-{home,service,tracking,sign-in,part,status}.report.html"
