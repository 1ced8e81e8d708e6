#!/usr/bin/env python3
"""Checks every page the end-to-end suite saw with the Nu HTML Checker (vnu.jar, npm
vnu-jar in end2end/): the HTML the browser received, saved by the suite's fixture
(end2end/tests/fixtures.ts) into E2E_HTML_DIR as <sha1>.html with index.jsonl saying which
URL(s) each came from. Prints how many pages were checked and each distinct error once,
with one URL and line where it happens and on how many pages; exits 1 if there is any
error (or the checker could not run), 0 otherwise.

  scripts/check-html.py E2E_HTML_DIR      (scripts/test.sh runs it after the suite)

Needs Java 11 or later (`java` on PATH, or JAVA=/path/to/java).
"""

import json
import os
import subprocess
import sys
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.path.join(ROOT, "end2end", "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
# One JVM for many files (its start-up is most of the time for a few); a bound on the
# command line's length for very many.
FILES_PER_RUN = 1000


def read_index(directory):
    """file name -> [(url, status)] in the order the suite saw them (each once)."""
    urls = defaultdict(list)
    index = os.path.join(directory, "index.jsonl")
    if os.path.exists(index):
        with open(index, encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    entry = json.loads(line)
                    seen = (entry["url"], entry.get("status"))
                    if seen not in urls[entry["file"]]:
                        urls[entry["file"]].append(seen)
    return urls


def vnu(files):
    """The checker's messages (errors only) for the files, as parsed JSON."""
    java = os.environ.get("JAVA", "java")
    messages = []
    for start in range(0, len(files), FILES_PER_RUN):
        # --no-langdetect: language guesses are warnings, which --errors-only drops anyway;
        # skipping them saves a fifth of the time and most of the memory.
        command = [java, "-jar", JAR, "--errors-only", "--no-langdetect", "--format", "json",
                   "--exit-zero-always", "--stdout", *files[start:start + FILES_PER_RUN]]
        run = subprocess.run(command, capture_output=True, text=True)
        if run.returncode != 0 or not run.stdout.strip():
            raise RuntimeError(f"vnu exited with {run.returncode}: {(run.stderr or run.stdout).strip()[:2000]}")
        messages += json.loads(run.stdout)["messages"]
    return messages


def plural(n, word):
    return f"{n} {word}" + ("" if n == 1 else "s")


def one_line(text):
    return " ".join(text.split())


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[0])
        print("usage: scripts/check-html.py E2E_HTML_DIR")
        return 1
    directory = sys.argv[1]
    if not os.path.isdir(directory):
        print(f"HTML check: FAILED: {directory} does not exist (was E2E_HTML_DIR set for the suite?)")
        return 1
    files = sorted(os.path.join(directory, f) for f in os.listdir(directory) if f.endswith(".html"))
    if not files:
        print(f"HTML check: FAILED: no pages in {directory} (was E2E_HTML_DIR set for the suite?)")
        return 1
    if not os.path.exists(JAR):
        print(f"HTML check: FAILED: {os.path.relpath(JAR, ROOT)} is missing (npm ci in end2end/)")
        return 1
    urls = read_index(directory)
    try:
        messages = vnu(files)
    except (OSError, RuntimeError, ValueError) as e:
        print(f"HTML check: FAILED: the Nu HTML Checker could not run ({e})")
        return 1

    # Each distinct message: where it happens (file -> first line there).
    errors = defaultdict(dict)
    for m in messages:
        if m.get("type") not in ("error", "non-document-error"):
            continue
        name = os.path.basename(m.get("url", "").removeprefix("file:")) or "?"
        text = one_line(m.get("message", "?"))
        if m.get("subType"):
            text = f"{text} [{m['subType']}]"
        errors[text].setdefault(name, m)

    url_count = len({url for seen in urls.values() for url, _ in seen})
    print(f"HTML check: {plural(len(files), 'distinct page')} checked"
          + (f" ({plural(url_count, 'URL')} the suite loaded)" if url_count else "")
          + f": {plural(len(errors), 'distinct error')}")

    def where(name):
        seen = urls.get(name)
        if not seen:
            return name
        url, status = seen[0]
        more = f" and {len(seen) - 1} more URLs" if len(seen) > 1 else ""
        return f"{url} (status {status}{more}; saved as {name})"

    for text, found in sorted(errors.items(), key=lambda e: (-len(e[1]), e[0])):
        name, example = next(iter(found.items()))
        line = example.get("lastLine")
        extract = one_line(example.get("extract", ""))
        print()
        print(f"- {text}")
        affected = len({url for f in found for url, _ in urls.get(f, [])})
        print(f"  on {len(found)} of {len(files)} pages" + (f" ({plural(affected, 'URL')})" if affected else "")
              + f", e.g. {where(name)}"
              + (f", line {line}" if line else ""))
        if extract:
            print(f"  …{extract}…")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
