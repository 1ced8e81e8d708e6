#!/usr/bin/env python3
"""The low-bandwidth budgets of issue 7, measured against a running Uraia and printed as a
table: it asserts nothing and always exits 0 (a missed budget is a figure to read, not a
failed test).

  bench/budgets.py BASE_URL [BUILD]   e.g. bench/budgets.py http://127.0.0.1:3950 debug

Every size is what travels with `Accept-Encoding: br`, as a phone asking for brotli gets it:
- the home page's critical HTML + CSS (budget 14 KB: one round trip's worth);
- each page's HTML (budget 50 KB);
- the wasm + JS a first visit downloads before the page is interactive (budget 150 KB);
- the whole first visit: the home page and everything it loads, the service worker and
  the Workbox runtime it imports (budget 250 KB).
"""

import re
import sys
import urllib.request

BUDGETS_KB = {"critical": 14, "page": 50, "app": 150, "first_visit": 250}

PAGES = [
    "/",
    "/search?q=passport",
    "/agencies",
    "/agencies/immigration",
    "/services/passport-renewal",
    "/track",
    "/verify",
    "/help",
    "/huduma",
    "/status",
    "/sign-in",
]


def fetch(base, path):
    """The body as sent (still compressed) and its headers."""
    request = urllib.request.Request(base + path, headers={"Accept-Encoding": "br"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read(), response.headers


def size(base, path):
    try:
        return len(fetch(base, path)[0])
    except Exception as e:  # an unreachable file is reported, not fatal
        print(f"  (could not fetch {path}: {e})")
        return 0


def kb(n):
    return f"{n / 1024:.1f} KB"


def verdict(n, budget_kb):
    over = n - budget_kb * 1024
    return "within" if over <= 0 else f"over by {kb(over)}"


def linked(html):
    """What the page's head makes the browser download: styles, scripts, preloads, icons,
    the manifest."""
    found = []
    for tag in re.findall(r"<(?:link|script)\b[^>]*>", html):
        href = re.search(r'\s(?:href|src)="([^"]+)"', tag)
        if not href or href.group(1).startswith("http"):
            continue
        rel = re.search(r'\srel="([^"]+)"', tag)
        rel = rel.group(1) if rel else "script"
        if rel in ("stylesheet", "modulepreload", "preload", "icon", "manifest", "script", "apple-touch-icon"):
            found.append((rel, href.group(1)))
    return found


def main():
    base = sys.argv[1].rstrip("/")
    build = sys.argv[2] if len(sys.argv) > 2 else "release"
    body, _ = fetch(base, "/")
    # The HTML is compressed; read it plainly to find what it links.
    plain = urllib.request.urlopen(base + "/", timeout=30).read().decode("utf-8", "replace")
    assets = linked(plain)
    css = sum(size(base, p) for rel, p in assets if p.endswith(".css"))
    js = sum(size(base, p) for rel, p in assets if p.endswith(".js"))
    wasm = sum(size(base, p) for rel, p in assets if p.endswith(".wasm"))
    # The wasm is fetched by the JS glue rather than linked when not preloaded.
    if wasm == 0:
        glue = next((p for _, p in assets if p.endswith(".js")), None)
        if glue:
            wasm = size(base, glue[: -len(".js")] + ".wasm")
    # The JS glue imports the loader of the split-out back-office code (cargo leptos build
    # --split): part of what every first visit downloads.
    for _, glue in [(r, p) for r, p in assets if p.endswith(".js")]:
        source = urllib.request.urlopen(base + glue, timeout=30).read().decode("utf-8", "replace")
        folder = glue.rsplit("/", 1)[0]
        for loader in sorted(set(re.findall(r'from\s*["\']\./(__wasm_split\.[^"\']+\.js)["\']', source))):
            js += size(base, f"{folder}/{loader}")
    other = sum(
        size(base, p) for rel, p in assets if not p.endswith((".css", ".js", ".wasm"))
    )
    home = len(body)
    worker = size(base, "/sw.js")
    sw_source = urllib.request.urlopen(base + "/sw.js", timeout=30).read().decode("utf-8", "replace")
    workbox_dir = re.search(r"importScripts\('/([^']+)/workbox-sw\.js'\)", sw_source)
    workbox = 0
    if workbox_dir:
        directory = workbox_dir.group(1)
        # workbox-sw loads the modules the worker uses, by name.
        for module in ["workbox-sw", "workbox-core", "workbox-precaching", "workbox-routing", "workbox-strategies"]:
            workbox += size(base, f"/{directory}/{module}.prod.js" if module != "workbox-sw" else f"/{directory}/{module}.js")

    rows = [
        ("home page HTML + CSS (critical)", home + css, BUDGETS_KB["critical"]),
        ("wasm + JS", wasm + js, BUDGETS_KB["app"]),
        ("whole first visit (page, CSS, JS, wasm, icons, manifest, worker, Workbox)",
         home + css + js + wasm + other + worker + workbox, BUDGETS_KB["first_visit"]),
    ]
    print(f"## Low-bandwidth budgets ({build} build, brotli as sent)")
    print()
    print("| what | size | budget | |")
    print("|---|---|---|---|")
    for name, n, budget in rows:
        print(f"| {name} | {kb(n)} | {budget} KB | {verdict(n, budget)} |")
    for path in PAGES:
        n = size(base, path)
        print(f"| HTML of {path} | {kb(n)} | {BUDGETS_KB['page']} KB | {verdict(n, BUDGETS_KB['page'])} |")
    print()
    print(f"Parts: home HTML {kb(home)}, CSS {kb(css)}, JS {kb(js)}, wasm {kb(wasm)}, "
          f"icons and manifest {kb(other)}, service worker {kb(worker)}, Workbox {kb(workbox)}.")
    if build != "release":
        print("The wasm of a debug build is far larger than the release one: "
              "bench/bench.sh measures the release build.")


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # a report, never a failure
        print(f"budgets: could not measure ({e})")
    sys.exit(0)
