#!/usr/bin/env python3
"""The low-bandwidth budgets of issue 7, measured against a running Uraia and printed as a
table: it asserts nothing and always exits 0 (a missed budget is a figure to read, not a
failed test).

  bench/budgets.py BASE_URL [BUILD]   e.g. bench/budgets.py http://127.0.0.1:3950 release

Every size is what travels with `Accept-Encoding: br`, as a phone asking for brotli gets it:
- the home page's critical HTML + CSS (budget 14 KB: one round trip's worth);
- each page's HTML (budget 50 KB);
- the wasm + JS a page loads before it is interactive (budget 150 KB). With islands only a
  page with islands loads any, and a lazy island fetches its own split module, so this is
  measured in a browser, per page: bench/page-weight.mjs (Node, Debian's Chromium), which
  also gives everything the page loaded. Without Node or Chromium the column says so and
  the rest is measured as before;
- the whole first visit: the home page and everything it loads, the service worker, the
  Workbox runtime it imports and what it precaches at install (budget 250 KB).

Besides the public pages and the sign-in page, page-weight.mjs signs the demo citizen in
(password and the SMS code from /dev/mailbox), leaves a passport renewal as a draft and sends
and pays a land search (bench/citizen-session.mjs), and measures the draft's task list and a
part of it, and the sent application's status page, signed in. That changes the server's
data: run this against a throwaway development server (bench/bench.sh and scripts/test.sh do).
"""

import json
import os
import re
import subprocess
import sys
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
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


def page_weights(base, paths):
    """What each page loads in Chromium (bench/page-weight.mjs), public pages first, then
    the signed-in citizen's: (list of page dicts, note) — the list is None when it could not
    be measured, and the note says why or what part of it is missing."""
    command = ["node", os.path.join(ROOT, "bench", "page-weight.mjs"), "--citizen",
               *(base + p for p in paths)]
    try:
        run = subprocess.run(command, capture_output=True, text=True, timeout=900)
    except FileNotFoundError:
        return None, "not measured: node is not installed"
    except subprocess.TimeoutExpired:
        return None, "not measured: bench/page-weight.mjs took more than 15 minutes"
    try:
        out = json.loads(run.stdout)
    except ValueError:
        return None, f"not measured: bench/page-weight.mjs failed ({(run.stderr or run.stdout).strip()[:300]})"
    if "pages" not in out:
        return None, f"not measured: {out.get('error', 'no figures')}"
    note = f"measured in Chromium {out.get('chromium', '?')}, first visits with an empty cache"
    citizen = out.get("citizen", {})
    if citizen.get("error"):
        note += f"; the signed-in pages after the journey's failure are missing ({citizen['error']})"
    return out["pages"], note


def loaded(page):
    """The 'wasm + JS loaded' and 'everything loaded' cells of a page measured in Chromium."""
    if page is None:
        return "", ""
    if page.get("error"):
        return f"({page['error'][:60]})", ""
    n = page["wasm_js"]
    cell = kb(n) if n else "none"
    if n:
        parts = sum(1 for s in page["scripts"] if s["encoded"] > 0)
        cell += f" in {parts} file" + ("" if parts == 1 else "s")
        if n > BUDGETS_KB["app"] * 1024:
            cell += f", **{verdict(n, BUDGETS_KB['app'])}**"
    if page.get("hydrated") is False:
        cell += " (never hydrated)"
    if page.get("repeated"):
        cell += f" ({len(page['repeated'])} downloaded twice)"
    if page.get("errors"):
        cell += f" ({len(page['errors'])} script errors)"
    return cell, kb(page["total"])


def precached(sw_source):
    """The files the service worker precaches at install (Workbox's injected manifest)."""
    return sorted(set(re.findall(r'"url"\s*:\s*"([^"]+)"', sw_source)))


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
    # A page with islands links its JS glue and preloads its wasm; a page without links none.
    # The JS glue may import the loaders of split-out code (cargo leptos build --split).
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

    weights, note = page_weights(base, PAGES)
    by_path = {}
    citizen_pages = []
    for page in weights or []:
        if page.get("label"):
            citizen_pages.append(page)
        else:
            by_path[page["url"][len(base):] or "/"] = page
    home_weight = by_path.get("/")
    if home_weight and home_weight.get("error"):
        home_weight = None

    # What the worker precaches at install and the home page did not load itself (the
    # worker takes those from the browser's cache): with islands, the wasm of a page
    # without any.
    already = {p for _, p in assets}
    for script in (home_weight or {}).get("scripts", []):
        already.add(urllib.parse.urlsplit(script["url"]).path)
    precache = [p for p in precached(sw_source) if "/" + p.lstrip("/") not in already]
    precache_size = sum(size(base, "/" + p.lstrip("/")) for p in precache)
    # The app row: the heaviest page measured in the browser; without a browser, what the
    # home page links (which is nothing when it has no islands).
    if weights:
        heaviest = max(weights, key=lambda p: p.get("wasm_js", 0))
        where = heaviest.get("label") or heaviest["url"][len(base):] or "/"
        app_row = (f"wasm + JS of the heaviest page measured ({where})", heaviest.get("wasm_js", 0))
    else:
        app_row = ("wasm + JS the home page links", wasm + js)
    # The first visit: the home page and what it really loaded, when measured.
    if home_weight:
        first_visit = home_weight["total"] + worker + workbox + precache_size
    else:
        first_visit = home + css + js + wasm + other + worker + workbox + precache_size

    rows = [
        ("home page HTML + CSS (critical)", home + css, BUDGETS_KB["critical"]),
        (*app_row, BUDGETS_KB["app"]),
        ("whole first visit (home page and all it loads, service worker, Workbox, precache)",
         first_visit, BUDGETS_KB["first_visit"]),
    ]
    print(f"## Low-bandwidth budgets ({build} build, brotli as sent)")
    print()
    print("| what | size | budget | | wasm + JS loaded | everything loaded |")
    print("|---|---|---|---|---|---|")
    for name, n, budget in rows:
        print(f"| {name} | {kb(n)} | {budget} KB | {verdict(n, budget)} | | |")
    for path in PAGES:
        n = size(base, path)
        cells = loaded(by_path.get(path))
        print(f"| HTML of {path} | {kb(n)} | {BUDGETS_KB['page']} KB | {verdict(n, BUDGETS_KB['page'])} "
              f"| {cells[0]} | {cells[1]} |")
    for page in citizen_pages:
        n = page.get("document", 0)
        path = page["url"][len(base):]
        cells = loaded(page)
        print(f"| HTML of {page['label']} `{path}`, signed in | {kb(n)} | {BUDGETS_KB['page']} KB "
              f"| {verdict(n, BUDGETS_KB['page'])} | {cells[0]} | {cells[1]} |")
    print()
    print(f"Parts: home HTML {kb(home)}, CSS {kb(css)}, JS the home page links {kb(js)}, wasm it links "
          f"{kb(wasm)}, icons and manifest {kb(other)}, service worker {kb(worker)}, Workbox {kb(workbox)}, "
          f"precached at install besides {kb(precache_size)} ({len(precache)} files).")
    print(f"wasm + JS loaded, everything loaded: {note}.")
    if build != "release":
        print("The wasm of a debug build is far larger than the release one: "
              "bench/bench.sh measures the release build.")


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # a report, never a failure
        print(f"budgets: could not measure ({e})")
    sys.exit(0)
