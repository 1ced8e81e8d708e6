#!/usr/bin/env python3
"""Scans the end-to-end server's log for secrets the tests used: passwords, one-time codes,
reset tokens and session/device cookie values (recorded by the Playwright tests), every
code and link token the server sent (read back from the e2e database's development mailbox),
and both callback tokens: M-Pesa's (DARAJA_CALLBACK_TOKEN) and the feature-phone gateway's
(AT_CALLBACK_TOKEN), as set in the environment or else the fixed development ones read from
the source. None of them may appear in the log. Prints one line and exits 1 if any did."""
import os
import re
import sqlite3
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Where the development tokens are defined: (environment variable, file, constant).
CALLBACK_TOKENS = [
    ("DARAJA_CALLBACK_TOKEN", "server/src/config.rs", "DEV_CALLBACK_TOKEN"),
    ("AT_CALLBACK_TOKEN", "app/src/state.rs", "DEV_GATEWAY_TOKEN"),
]


def callback_tokens():
    """The callback tokens the e2e server ran with. A development constant that can no
    longer be found fails the scan rather than quietly leaving its token unchecked."""
    tokens = set()
    for variable, path, constant in CALLBACK_TOKENS:
        if os.environ.get(variable):
            tokens.add(os.environ[variable])
            continue
        source = open(os.path.join(ROOT, path), encoding="utf-8").read()
        found = re.search(rf'const {constant}: &str = "([^"]+)";', source)
        if not found:
            print(f"log scan: FAILED: {constant} is no longer in {path}; update scripts/scan-logs.py")
            sys.exit(1)
        tokens.add(found.group(1))
    return tokens

log_file, secrets_file, db_file = sys.argv[1:4]
log = open(log_file, encoding="utf-8", errors="replace").read()
# Drop colour codes and each line's timestamp: its microseconds are six digits too.
log = re.sub(r"\x1b\[[0-9;]*m", "", log)
log = re.sub(r"(?m)^\S*\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z", "", log)
secrets = {line.strip() for line in open(secrets_file, encoding="utf-8") if len(line.strip()) >= 6}
secrets.update(callback_tokens())
with sqlite3.connect(db_file) as db:
    for (body,) in db.execute("SELECT body FROM dev_mailbox"):
        secrets.update(re.findall(r"\b\d{6}\b", body))
        secrets.update(re.findall(r"token=([0-9a-f-]{20,})", body))
def appears(secret):
    # A six-digit code counts only as a number of its own, not inside a longer one.
    if secret.isdigit():
        return re.search(rf"(?<![0-9A-Za-z]){secret}(?![0-9A-Za-z])", log) is not None
    return secret in log


found = sorted(s for s in secrets if appears(s))
lines = log.count("\n")
if found:
    print(f"log scan: FAILED: {len(found)} of {len(secrets)} secrets appear in the server log ({lines} lines)")
    for s in found:
        print(f"  found: {s[:3]}…")
    sys.exit(1)
print(f"log scan: none of {len(secrets)} secrets (passwords, codes, tokens, session ids, callback tokens) in {lines} log lines")
