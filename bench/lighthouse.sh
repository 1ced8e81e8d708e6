#!/usr/bin/env bash
# Lighthouse (npm, in Debian's Chromium), mobile: the home page, a service page and the
# tracking page of a running Uraia. Saves each report (HTML and JSON) under bench/results/
# and prints the four category scores. It asserts nothing.
# Usage: bash bench/lighthouse.sh BASE_URL   (bench/bench.sh calls it with its release server)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

base="${1:?usage: bench/lighthouse.sh BASE_URL}"
out=bench/results
mkdir -p "$out"
export CHROME_PATH="${CHROME_PATH:-$(command -v chromium)}"

echo "## Lighthouse, mobile ($(date -u +%Y-%m-%d), lighthouse $(lighthouse --version), $(nproc) cores)"
echo
echo "| page | performance | accessibility | best practices | SEO |"
echo "|---|---|---|---|---|"
for page in "home:/" "service:/services/passport-renewal" "tracking:/track"; do
  name="${page%%:*}"
  path="${page#*:}"
  # Lighthouse's default is a mid-range phone on a slow 4G connection (simulated).
  if lighthouse "$base$path" --quiet --form-factor=mobile \
      --chrome-flags="--headless=new --no-sandbox --disable-dev-shm-usage" \
      --output=json --output=html --output-path="$out/lighthouse-$name" >/dev/null 2>&1; then
    node -e '
      const r = require(process.argv[1]);
      const s = (k) => Math.round((r.categories[k].score ?? 0) * 100);
      console.log(`| ${process.argv[2]} | ${s("performance")} | ${s("accessibility")} | ${s("best-practices")} | ${s("seo")} |`);
    ' "$PWD/$out/lighthouse-$name.report.json" "$path"
  else
    echo "| $path | (Lighthouse failed) | | | |"
  fi
done
echo
echo "Reports: $out/lighthouse-{home,service,tracking}.report.html"
