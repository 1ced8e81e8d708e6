#!/usr/bin/env python3
"""The attacks of issue 17, tried from outside against a running server, with the server's
memory read from /proc before, during and after each one. Prints what was tried, what the
server answered and what happened (held / NOT HELD), then a Markdown table for the README.
It asserts nothing: the exit status is 0 whatever the server did.

Usage: python3 bench/abuse.py http://127.0.0.1:3920 <server pid>
(bench/abuse.sh builds the release, starts a server on a fresh database and runs this.)

Standard library only. The server must be in development mode (the sign-in codes are read
from /dev/mailbox) and seeded (the demo citizen signs in).

Environment (all optional):
  ABUSE_POSTS=20            posts at once in attacks 1 and 2
  ABUSE_POST_MB=200         size of each of those posts
  ABUSE_POST_SECONDS=40     the longest any one of those variants may take
  ABUSE_SLOW_CONNECTIONS=300, ABUSE_SLOW_SECONDS=15   the slowloris attack
  ABUSE_GUESSES=50          wrong second-factor codes fired at once
  ABUSE_RSS_LIMIT_MB=2048   stop sending if the server grows past this (protects the machine)
  URAIA_HEADER_TIMEOUT      only shown (the server's header-read timeout, 10 s by default)
"""

import concurrent.futures
import html
import http.client
import os
import random
import re
import select
import selectors
import socket
import struct
import sys
import threading
import time
import urllib.parse
import zlib
from collections import Counter

MB = 1024 * 1024


def env_int(name, default):
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


POSTS = env_int("ABUSE_POSTS", 20)
POST_MB = env_int("ABUSE_POST_MB", 200)
POST_SECONDS = env_int("ABUSE_POST_SECONDS", 40)
SLOW_CONNECTIONS = env_int("ABUSE_SLOW_CONNECTIONS", 300)
SLOW_SECONDS = env_int("ABUSE_SLOW_SECONDS", 15)
GUESSES = env_int("ABUSE_GUESSES", 50)
RSS_LIMIT_MB = env_int("ABUSE_RSS_LIMIT_MB", 2048)
HEADER_TIMEOUT = os.environ.get("URAIA_HEADER_TIMEOUT", "10")
# "Flat": the server grew by less than this while an attack ran (attacks 1-3).
FLAT_MB = 64

CITIZEN = "wanjiku@example.com"
CITIZEN_PASSWORD = "demo citizen passphrase"
CITIZEN_PHONE = "+254712000001"
SESSION_COOKIE = "uraia_session"
# Most wrong second-factor guesses that may be evaluated (auth/codes.rs: MAX_ATTEMPTS).
ALLOWED_GUESSES = 5


def say(*parts):
    print(*parts, flush=True)


def mb(kb):
    return "n/a" if kb is None else f"{kb / 1024:.1f} MB"


def short(text, n=160):
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"


def cell(text):
    """Text fit for a Markdown table cell."""
    return str(text).replace("|", "\\|").replace("\n", " ")


# ---------------------------------------------------------------------------------------
# The server's memory


class Memory:
    """Reads VmRSS/VmHWM of the server from /proc; a sampler thread keeps the highest RSS
    seen since the last window began (and raises `over` past ABUSE_RSS_LIMIT_MB)."""

    def __init__(self, pid):
        self.pid = pid
        self.path = f"/proc/{pid}/status"
        self.lock = threading.Lock()
        self.max_seen = 0
        self.hwm_reset = False
        self.over = threading.Event()
        self.gone = threading.Event()
        self.available = self.read() is not None
        if not self.available:
            say(f"! cannot read {self.path}: memory figures will be n/a")
        threading.Thread(target=self._sample, daemon=True).start()

    def read(self):
        """{'rss': kB, 'hwm': kB} or None (the process is gone or not on this machine)."""
        try:
            with open(self.path) as f:
                text = f.read()
        except OSError:
            return None
        out = {}
        for line in text.splitlines():
            if line.startswith("VmRSS:"):
                out["rss"] = int(line.split()[1])
            elif line.startswith("VmHWM:"):
                out["hwm"] = int(line.split()[1])
        return out if "rss" in out else None

    def rss(self):
        r = self.read()
        return r["rss"] if r else None

    def alive(self):
        return os.path.exists(f"/proc/{self.pid}") and not self.gone.is_set()

    def _sample(self):
        while True:
            r = self.read()
            if r is None:
                if self.available:
                    self.gone.set()
                time.sleep(0.5)
                continue
            with self.lock:
                self.max_seen = max(self.max_seen, r["rss"])
            if r["rss"] > RSS_LIMIT_MB * 1024:
                self.over.set()
            time.sleep(0.05)

    def begin(self):
        """Starts a window: returns RSS now; the peak is measured from here."""
        self.over.clear()
        now = self.rss()
        with self.lock:
            self.max_seen = now or 0
        # Writing 5 to clear_refs resets VmHWM (the kernel's own peak) to the current RSS.
        try:
            with open(f"/proc/{self.pid}/clear_refs", "w") as f:
                f.write("5")
            self.hwm_reset = True
        except OSError:
            self.hwm_reset = False
        return now

    def peak(self):
        with self.lock:
            peak = self.max_seen
        if self.hwm_reset:
            r = self.read()
            if r and "hwm" in r:
                peak = max(peak, r["hwm"])
        return peak or None


# ---------------------------------------------------------------------------------------
# HTTP


class Jar:
    """One site's cookies, as a browser keeps them."""

    def __init__(self):
        self.cookies = {}

    def take(self, set_cookies):
        for value in set_cookies or []:
            pair = value.split(";", 1)[0]
            if "=" not in pair:
                continue
            name, v = pair.split("=", 1)
            name = name.strip()
            if not v or "max-age=0" in value.lower():
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = v

    def header(self):
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())


class Answer:
    def __init__(self, status, headers, body, seconds, error=None):
        self.status = status
        self.headers = headers  # lower-case name -> [values]
        self.body = body
        self.seconds = seconds
        self.error = error

    def header(self, name):
        values = self.headers.get(name.lower())
        return values[0] if values else None

    def text(self):
        return self.body.decode("utf-8", "replace")

    def label(self):
        return str(self.status) if self.status else f"no answer ({self.error})"


class Site:
    def __init__(self, base):
        parsed = urllib.parse.urlsplit(base)
        self.base = f"{parsed.scheme}://{parsed.netloc}"
        self.host = parsed.hostname or "127.0.0.1"
        self.port = parsed.port or 80
        self.hostport = parsed.netloc

    def request(self, method, path, headers=None, body=None, jar=None, timeout=20):
        h = {"User-Agent": "uraia-abuse-bench/1"}
        h.update(headers or {})
        if jar is not None and jar.cookies:
            h["Cookie"] = jar.header()
        started = time.monotonic()
        conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=h)
            r = conn.getresponse()
            data = r.read(2 * MB)
            headers_out = {}
            for k, v in r.getheaders():
                headers_out.setdefault(k.lower(), []).append(v)
            if jar is not None:
                jar.take(r.msg.get_all("Set-Cookie"))
            return Answer(r.status, headers_out, data, time.monotonic() - started)
        except (OSError, http.client.HTTPException) as e:
            return Answer(None, {}, b"", time.monotonic() - started, type(e).__name__)
        finally:
            conn.close()

    def same_origin(self, accept, referer=None):
        h = {"Accept": accept, "Origin": self.base, "Sec-Fetch-Site": "same-origin"}
        if referer:
            h["Referer"] = self.base + referer
        return h

    def form(self, path, fields, referer, jar=None, accept="text/html", timeout=20):
        """A URL-encoded POST as a plain HTML form (accept text/html) or as the hydrated app
        calls a server function (accept */*)."""
        h = self.same_origin(accept, referer)
        h["Content-Type"] = "application/x-www-form-urlencoded"
        body = urllib.parse.urlencode(fields).encode()
        return self.request("POST", path, h, body, jar, timeout)

    def multipart(self, path, fields, file, referer, jar=None, accept="text/html", timeout=90):
        """A small multipart form built in memory (the bombs are a few hundred KB)."""
        boundary = "----uraiaabuse" + "%016x" % random.getrandbits(64)
        parts = []
        for name, value in fields:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
            )
        if file:
            name, filename, content_type, data = file
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                f"Content-Type: {content_type}\r\n\r\n".encode()
            )
            parts.append(data)
            parts.append(b"\r\n")
        parts.append(f"--{boundary}--\r\n".encode())
        h = self.same_origin(accept, referer)
        h["Content-Type"] = f"multipart/form-data; boundary={boundary}"
        return self.request("POST", path, h, b"".join(parts), jar, timeout)

    def local(self, location):
        """A Location as a path on this site."""
        if location and location.startswith(self.base):
            return location[len(self.base):] or "/"
        return location

    def health(self):
        a = self.request("GET", "/healthz", {"Accept": "*/*"}, timeout=5)
        return a


def read_response(sock, timeout):
    """Reads an HTTP response head (and a little of its body) from a raw socket:
    (status or None, headers, body snippet, error or None)."""
    sock.settimeout(timeout)
    data = b""
    error = None
    deadline = time.monotonic() + timeout
    try:
        while b"\r\n\r\n" not in data and len(data) < 256 * 1024:
            if time.monotonic() > deadline:
                error = "timeout"
                break
            piece = sock.recv(65536)
            if not piece:
                break
            data += piece
        head, _, body = data.partition(b"\r\n\r\n")
        headers = {}
        for line in head.split(b"\r\n")[1:]:
            k, _, v = line.partition(b":")
            headers.setdefault(k.strip().lower().decode("latin-1"), []).append(v.strip().decode("latin-1"))
        length = headers.get("content-length")
        want = min(int(length[0]), 16 * 1024) if length and length[0].isdigit() else 4096
        while len(body) < want and time.monotonic() < deadline:
            piece = sock.recv(65536)
            if not piece:
                break
            body += piece
    except socket.timeout:
        error = "timeout"
        head, _, body = data.partition(b"\r\n\r\n")
        headers = {}
    except OSError as e:
        error = type(e).__name__
        head, _, body = data.partition(b"\r\n\r\n")
        headers = {}
    status = None
    m = re.match(rb"HTTP/1\.[01] (\d{3})", data)
    if m:
        status = int(m.group(1))
    return status, headers, body, error


# ---------------------------------------------------------------------------------------
# Results


class Result:
    def __init__(self, number, name, tried):
        self.number = number
        self.name = name
        self.tried = tried
        self.answer = "not run"
        self.before = None
        self.after = None
        self.peak = None
        self.verdict = "not run"
        self.details = []
        # The highest peak an attack measured in windows of its own (see attack 6).
        self.peak_seen = None

    def note(self, line):
        self.details.append(line)
        say("   " + line)


RESULTS = []


def attack(number, name, tried):
    """Decorator: runs one attack inside a memory window, never letting it crash the run."""

    def wrap(fn):
        def run(ctx):
            r = Result(number, name, tried)
            RESULTS.append(r)
            say(f"\n== {number}. {name}\n   tried: {tried}")
            mem = ctx.mem
            if mem.available and not mem.alive():
                r.answer = "server not running"
                r.verdict = "not run (the server is gone)"
                say("   the server is gone: skipped")
                return r
            r.before = mem.begin()
            try:
                fn(ctx, r)
            except Exception as e:  # a bench prints what went wrong and goes on
                r.verdict = f"not measured (script error: {type(e).__name__}: {short(e, 80)})"
                say(f"   script error: {type(e).__name__}: {e}")
            time.sleep(1.0)  # let the server hand back what it can
            r.after = mem.rss()
            peaks = [p for p in (mem.peak(), r.peak_seen, r.before, r.after) if p is not None]
            r.peak = max(peaks) if peaks else None
            if mem.available and not mem.alive():
                r.verdict = "NOT HELD: the server died"
            if not mem.available:
                r.verdict = r.verdict.replace("memory flat", "memory not measured")
            say(f"   memory: before {mb(r.before)}, after {mb(r.after)}, peak {mb(r.peak)}")
            say(f"   => {r.verdict}")
            return r

        return run

    return wrap


# ---------------------------------------------------------------------------------------
# 1 and 2: large anonymous posts, streamed from a generator


PIECE = 256 * 1024
FILLER = b"A" * PIECE  # one piece, sent again and again: the body is never held


def body_pieces(prefix, size, suffix):
    yield prefix
    left = size
    view = memoryview(FILLER)
    while left > 0:
        n = min(PIECE, left)
        yield view[:n]
        left -= n
    yield suffix


def big_post(site, path, field, fields, size, chunked, accept, deadline, mem):
    """One large multipart POST on a raw socket. Stops sending when the server answers,
    closes, stops reading, the time is up or the server's memory passes the safety limit.
    Returns a dict: status, sent (bytes of body), how (why sending stopped), body."""
    boundary = "----uraiaabuse%016x" % random.getrandbits(64)
    prefix = "".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n' for k, v in fields
    )
    prefix += (
        f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="big.pdf"\r\n'
        "Content-Type: application/pdf\r\n\r\n"
    )
    prefix = prefix.encode()
    suffix = f"\r\n--{boundary}--\r\n".encode()
    total = len(prefix) + size + len(suffix)
    head = [
        f"POST {path} HTTP/1.1",
        f"Host: {site.hostport}",
        "User-Agent: uraia-abuse-bench/1",
        f"Accept: {accept}",
        f"Origin: {site.base}",
        "Sec-Fetch-Site: same-origin",
        f"Referer: {site.base}/register/details",
        f"Content-Type: multipart/form-data; boundary={boundary}",
        "Transfer-Encoding: chunked" if chunked else f"Content-Length: {total}",
        "Connection: close",
    ]
    out = {"status": None, "sent": 0, "how": "", "body": b"", "error": None}
    try:
        sock = socket.create_connection((site.host, site.port), timeout=10)
    except OSError as e:
        out["how"] = f"could not connect ({type(e).__name__})"
        return out
    poller = select.poll()
    poller.register(sock, select.POLLIN | select.POLLERR | select.POLLHUP)
    sent = 0
    finished = False
    try:
        sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode())
        for piece in body_pieces(prefix, size, suffix):
            if poller.poll(0):
                out["how"] = f"server answered after {sent / MB:.1f} MB"
                break
            if time.monotonic() > deadline:
                out["how"] = f"gave up (time) after {sent / MB:.1f} MB"
                break
            if mem.over.is_set():
                out["how"] = f"stopped by the script: server RSS past {RSS_LIMIT_MB} MB, after {sent / MB:.1f} MB"
                break
            if chunked:
                sock.sendall(b"%x\r\n" % len(piece))
                sock.sendall(piece)
                sock.sendall(b"\r\n")
            else:
                sock.sendall(piece)
            sent += len(piece)
        else:
            if chunked:
                sock.sendall(b"0\r\n\r\n")
            finished = True
            out["how"] = f"whole body sent ({sent / MB:.1f} MB)"
    except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
        out["how"] = f"closed by server after {sent / MB:.1f} MB"
    except socket.timeout:
        out["how"] = f"server stopped reading after {sent / MB:.1f} MB"
    except OSError as e:
        out["how"] = f"{type(e).__name__} after {sent / MB:.1f} MB"
    out["sent"] = sent
    status, headers, body, error = read_response(sock, 15 if finished else 5)
    out.update(status=status, body=body, error=error, headers=headers)
    try:
        sock.close()
    except OSError:
        pass
    return out


def burst_of_posts(ctx, r, path, field, fields, accept, expected):
    """POSTS large posts at once, declared length then chunked; fills in `r`.
    NOT HELD: a 2xx or 5xx answer, a post read whole or mostly, memory not flat. An answer
    that refuses without reading but is not the expected status is only remarked on."""
    site, mem = ctx.site, ctx.mem
    size = POST_MB * MB
    answers = []
    problems = []
    remarks = []
    for chunked in (False, True):
        variant = "chunked, no length" if chunked else f"Content-Length {POST_MB} MB"
        deadline = time.monotonic() + POST_SECONDS
        barrier = threading.Barrier(POSTS)

        def one(_):
            try:
                barrier.wait(timeout=10)
            except threading.BrokenBarrierError:
                pass
            return big_post(site, path, field, fields, size, chunked, accept, deadline, mem)

        started = time.monotonic()
        with concurrent.futures.ThreadPoolExecutor(POSTS) as pool:
            outs = list(pool.map(one, range(POSTS)))
        took = time.monotonic() - started
        statuses = Counter(str(o["status"]) if o["status"] else f"none ({o['error'] or 'closed'})" for o in outs)
        hows = Counter(re.sub(r"[\d.]+ MB", "N MB", o["how"]) for o in outs)
        sent = [o["sent"] / MB for o in outs]
        bilingual = sum(
            1 for o in outs if b"too large" in o["body"].lower() and b"kikubwa mno" in o["body"].lower()
        )
        answer = ", ".join(f"{k} ×{v}" for k, v in statuses.most_common())
        r.note(
            f"{variant}: {answer}; body sent per post {min(sent):.1f}–{max(sent):.1f} MB; "
            f"{took:.1f} s; 413 page in both languages: {bilingual}/{POSTS}"
        )
        for how, n in hows.most_common():
            r.note(f"   {n} × {how}")
        example = next((o for o in outs if o["body"]), None)
        if example:
            r.note(f"   a body: {short(example['body'].decode('utf-8', 'replace'), 140)}")
        answers.append(f"{'chunked' if chunked else 'declared'}: {answer}, ≤{max(sent):.1f} MB sent")
        for o in outs:
            st = o["status"]
            if st is None and o["sent"] >= size:
                problems.append("a post was read whole with no answer")
            elif st is not None and (st >= 500 or st < 300):
                problems.append(f"answered {st}")
            elif st is not None and st not in expected:
                remarks.append(f"answered {st} where {'/'.join(map(str, expected))} was expected")
            elif st is None:
                remarks.append("some connections closed without an answer")
            if o["sent"] > size // 2:
                problems.append(f"server took {o['sent'] / MB:.0f} MB of one post")
        if mem.over.is_set():
            problems.append(f"server passed {RSS_LIMIT_MB} MB (the script stopped sending)")
            break
    r.answer = "; ".join(answers)
    peak = mem.peak()
    if r.before is not None and peak is not None:
        grew = (peak - r.before) / 1024
        r.note(f"peak rise during the posts: {grew:.1f} MB")
        if grew >= FLAT_MB:
            problems.append(f"memory rose {grew:.0f} MB")
    if problems:
        r.verdict = "NOT HELD: " + "; ".join(sorted(set(problems))[:4])
    else:
        r.verdict = "held (refused, memory flat)"
        if remarks:
            r.verdict += ", but " + "; ".join(sorted(set(remarks))[:3])


@attack(
    1,
    f"{POST_MB} MB anonymous posts to registration details",
    (
        f"{POSTS} × {POST_MB} MB anonymous multipart at once to /api/accounts/register-details, "
        "declared length then chunked"
    ),
)
def attack_register_details(ctx, r):
    # A browser's post with no registration under way is sent back to its start (302)
    # before anything is read; a declared length over the limit is 413 before that.
    burst_of_posts(ctx, r, "/api/accounts/register-details", "photo", [], "text/html", (302, 413))


@attack(
    2,
    f"{POST_MB} MB anonymous uploads",
    (
        f"{POSTS} × {POST_MB} MB anonymous multipart at once to /api/applications/upload, "
        "declared length then chunked"
    ),
)
def attack_upload(ctx, r):
    burst_of_posts(
        ctx,
        r,
        "/api/applications/upload",
        "file",
        [("id", "1"), ("section", "documents"), ("question", "doc_passport")],
        "*/*",
        (401, 403, 413),
    )


# ---------------------------------------------------------------------------------------
# 3: slowloris


@attack(
    3,
    "Slowloris",
    (
        f"{SLOW_CONNECTIONS} connections sending a request line, then one header byte every 2 s, "
        f"watched for {SLOW_SECONDS} s (header timeout {HEADER_TIMEOUT} s)"
    ),
)
def attack_slowloris(ctx, r):
    site = ctx.site
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        want = min(hard, max(soft, SLOW_CONNECTIONS + 256))
        if want > soft:
            resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
    except (ImportError, ValueError, OSError):
        pass
    sel = selectors.DefaultSelector()
    opened = {}
    refused = 0
    start = time.monotonic()
    for i in range(SLOW_CONNECTIONS):
        try:
            s = socket.create_connection((site.host, site.port), timeout=5)
            s.sendall(b"GET /healthz HTTP/1.1\r\n")
            s.setblocking(False)
            opened[s] = {"opened": time.monotonic(), "closed": None, "status": None}
            sel.register(s, selectors.EVENT_READ)
        except OSError:
            refused += 1
    r.note(f"opened {len(opened)} in {time.monotonic() - start:.1f} s ({refused} refused at connect)")
    header = b"X-Slow-Header-That-Never-Ends-" + b"a" * 64
    step = 0
    next_drip = time.monotonic()
    health_during = None
    end = time.monotonic() + SLOW_SECONDS

    def close(s, why_status=None):
        info = opened[s]
        if info["closed"] is None:
            info["closed"] = time.monotonic() - info["opened"]
            info["status"] = why_status
            try:
                sel.unregister(s)
            except (KeyError, ValueError):
                pass

    while time.monotonic() < end:
        if health_during is not None and all(i["closed"] is not None for i in opened.values()):
            break
        now = time.monotonic()
        if now >= next_drip:
            byte = header[step % len(header): step % len(header) + 1]
            step += 1
            for s, info in opened.items():
                if info["closed"] is None:
                    try:
                        s.send(byte)
                    except BlockingIOError:
                        pass
                    except OSError:
                        close(s)
            next_drip = now + 2.0
        if health_during is None and now - start > min(5, SLOW_SECONDS / 2):
            health_during = site.health()
            r.note(f"/healthz while they hang on: {health_during.label()} in {health_during.seconds * 1000:.0f} ms")
        timeout = max(0.0, min(next_drip, end) - time.monotonic())
        for key, _ in sel.select(timeout=min(timeout, 0.5)):
            s = key.fileobj
            try:
                data = s.recv(4096)
            except BlockingIOError:
                continue
            except OSError:
                close(s)
                continue
            m = re.match(rb"HTTP/1\.[01] (\d{3})", data or b"")
            close(s, int(m.group(1)) if m else None)
    closed = [i for i in opened.values() if i["closed"] is not None]
    statuses = Counter(str(i["status"]) for i in closed if i["status"])
    health_after = site.health()
    for s in opened:
        try:
            s.close()
        except OSError:
            pass
    sel.close()
    times = sorted(i["closed"] for i in closed)
    when = f", after {times[0]:.1f}–{times[-1]:.1f} s" if times else ""
    answered = (", answered " + ", ".join(f"{k} ×{v}" for k, v in statuses.items())) if statuses else ""
    r.note(f"closed by the server within {SLOW_SECONDS} s: {len(closed)}/{len(opened)}{when}{answered}")
    r.note(f"/healthz afterwards: {health_after.label()} in {health_after.seconds * 1000:.0f} ms")
    r.answer = (
        f"{len(closed)}/{len(opened)} closed by the server{when}{answered}; /healthz "
        f"{health_during.label() if health_during else '-'} in "
        f"{(health_during.seconds * 1000 if health_during else 0):.0f} ms during, "
        f"{health_after.label()} in {health_after.seconds * 1000:.0f} ms after"
    )
    problems = []
    if opened and len(closed) < 0.95 * len(opened):
        problems.append(f"{len(opened) - len(closed)} slow connections still open after {SLOW_SECONDS} s")
    for label, h in (("during", health_during), ("after", health_after)):
        if h is None:
            continue
        if h.status != 200:
            problems.append(f"/healthz {label}: {h.label()}")
        elif h.seconds > 1.0:
            problems.append(f"/healthz {label} took {h.seconds:.1f} s")
    r.verdict = "held (slow clients cut off, health answers)" if not problems else "NOT HELD: " + "; ".join(problems)


# ---------------------------------------------------------------------------------------
# Signing in through the real forms


ARTICLE = re.compile(
    r'<article class="message"><h2>(.*?)</h2><p>(.*?)</p><pre>(.*?)</pre></article>', re.S
)
SIX_DIGITS = re.compile(r"(?<!\d)(\d{6})(?!\d)")


def mailbox(site, to):
    """The development mailbox for `to`, newest first: [(subject, meta, body)]."""
    a = site.request("GET", "/dev/mailbox?to=" + urllib.parse.quote(to, safe=""), {"Accept": "text/html"})
    if a.status != 200:
        return None
    return [tuple(html.unescape(x) for x in m) for m in ARTICLE.findall(a.text())]


def is_sign_in_code(message):
    subject, _, body = message
    text = (subject + " " + body).lower()
    return ("sign-in" in text or "kuingia" in text or "sign in" in text) and SIX_DIGITS.search(body)


class SignIn:
    def __init__(self):
        self.jar = Jar()
        self.code = None
        self.code_is_new = False
        self.note = ""


def begin_sign_in(ctx, wait_for_code=15):
    """Password step as a plain form; returns a SignIn with the code read from the mailbox."""
    site = ctx.site
    s = SignIn()
    before = mailbox(site, CITIZEN_PHONE) or []
    a = site.form(
        "/api/accounts/sign-in",
        [("identifier", CITIZEN), ("password", CITIZEN_PASSWORD)],
        "/sign-in",
        s.jar,
    )
    ctx.last_code_sent = time.monotonic()
    location = site.local(a.header("location") or "")
    if not location.startswith("/sign-in/code"):
        s.note = f"password step answered {a.label()} Location {short(location, 100)!r}"
        return s
    if SESSION_COOKIE not in s.jar.cookies:
        s.note = f"no {SESSION_COOKIE} cookie came back"
    deadline = time.monotonic() + wait_for_code
    while time.monotonic() < deadline:
        now = mailbox(site, CITIZEN_PHONE)
        if now is None:
            s.note = "the development mailbox is not there (production mode?)"
            return s
        # Newest first; a message is new if it was not there before (each has its time).
        fresh = [m for m in now if m not in before]
        code = next((m for m in fresh if is_sign_in_code(m)), None)
        if code:
            s.code = SIX_DIGITS.search(code[2]).group(1)
            s.code_is_new = True
            return s
        time.sleep(0.5)
    # No new code: a code asked for less than a minute ago is still the open one.
    old = next((m for m in (mailbox(site, CITIZEN_PHONE) or []) if is_sign_in_code(m)), None)
    if old:
        s.code = SIX_DIGITS.search(old[2]).group(1)
        s.note = "no new code arrived; using the newest one in the mailbox"
    else:
        s.note = "no sign-in code in the development mailbox"
    return s


def signed_in(site, jar):
    """Whether the session is signed in: the applications list answers 200, not 401."""
    a = site.form("/api/applications/mine", [], "/applications", jar, accept="*/*")
    return a.status == 200, a


def sign_in_fully(ctx):
    s = begin_sign_in(ctx)
    if not s.code:
        return None, s.note or "no code"
    a = ctx.site.form("/api/accounts/sign-in-code", [("code", s.code)], "/sign-in/code", s.jar)
    location = ctx.site.local(a.header("location") or "")
    if a.status in (302, 303) and location.startswith("/account"):
        return s.jar, ""
    return None, f"code step answered {a.label()} Location {short(location, 100)!r}"


# ---------------------------------------------------------------------------------------
# 4: second-factor brute force


@attack(
    4,
    "Second-factor brute force",
    (
        f"demo citizen's password, then {GUESSES} wrong SMS codes at once (as the app calls "
        "the function), then the right code"
    ),
)
def attack_brute_force(ctx, r):
    site = ctx.site
    # A new code is sent no sooner than a minute after the last (auth/codes.rs).
    if ctx.last_code_sent is not None:
        wait = 62 - (time.monotonic() - ctx.last_code_sent)
        if wait > 0:
            r.note(f"waiting {wait:.0f} s: a new sign-in code is sent no sooner than a minute after the last")
            time.sleep(wait)
    s = begin_sign_in(ctx)
    if s.note:
        r.note(s.note)
    if not s.code:
        r.answer = "could not start a sign-in: " + s.note
        r.verdict = "not measured"
        return
    r.note(f"sign-in code {'sent' if s.code_is_new else 'found'}: {s.code[:2]}…")
    owner_before = mailbox(site, CITIZEN) or []
    wrong = set()
    while len(wrong) < GUESSES:
        guess = "%06d" % random.randrange(1_000_000)
        if guess != s.code:
            wrong.add(guess)
    barrier = threading.Barrier(GUESSES)

    def guess_once(code):
        h = site.same_origin("*/*")
        h["Content-Type"] = "application/x-www-form-urlencoded"
        h["Cookie"] = s.jar.header()
        conn = http.client.HTTPConnection(site.host, site.port, timeout=30)
        body = urllib.parse.urlencode([("code", code)]).encode()
        try:
            conn.connect()
            try:
                barrier.wait(timeout=10)
            except threading.BrokenBarrierError:
                pass
            conn.request("POST", "/api/accounts/sign-in-code", body=body, headers=h)
            resp = conn.getresponse()
            return resp.status, resp.read(4096).decode("utf-8", "replace")
        except (OSError, http.client.HTTPException) as e:
            return None, type(e).__name__
        finally:
            conn.close()

    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(GUESSES) as pool:
        answers = list(pool.map(guess_once, sorted(wrong)))
    took = time.monotonic() - started
    statuses = Counter(str(st) if st else "none" for st, _ in answers)
    bodies = Counter((str(st), short(b, 110)) for st, b in answers)
    r.note(f"{GUESSES} wrong codes in {took:.1f} s: " + ", ".join(f"{k} ×{v}" for k, v in statuses.most_common()))
    for (st, body), n in bodies.most_common(8):
        r.note(f"   {n} × {st} {body}")
    # "Evaluated": compared with the code and told it was wrong (CodeWrong, with attempts
    # left); limits, locks and expiry say nothing about the guess.
    evaluated = sum(1 for st, b in answers if "CodeWrong" in b or "attempts_left" in b)
    rate_limited = sum(1 for st, _ in answers if st == 429)
    r.note(f"wrong guesses evaluated (CodeWrong answers): {evaluated}; refused by a limit (429): {rate_limited}")
    # The per-address code limit refills one try every 10 s: wait for it, so that what
    # refuses the right code is the lock, not the address limit.
    time.sleep(11)
    a = site.form("/api/accounts/sign-in-code", [("code", s.code)], "/sign-in/code", s.jar, accept="*/*")
    h_status, h_body = a.status, a.text()
    now_in, check = signed_in(site, s.jar)
    r.note(f"right code afterwards: {a.label()} {short(h_body, 110)}; signed in: {'yes' if now_in else 'no'} ({check.label()})")
    time.sleep(1.5)  # the outbox delivers every second
    owner_after = mailbox(site, CITIZEN) or []
    told = [m for m in owner_after if m not in owner_before]
    if told:
        r.note(f"the owner was emailed: {short(told[0][0], 80)!r}")
    else:
        r.note("no new email to the owner")
    accepted = now_in or (h_status is not None and 200 <= h_status < 300)
    r.answer = (
        f"{', '.join(f'{k} ×{v}' for k, v in statuses.most_common())}; {evaluated} guesses evaluated; "
        f"right code then: {a.label()}{' (accepted)' if accepted else ' (refused)'}"
        f"{'; owner emailed' if told else ''}"
    )
    problems = []
    if accepted:
        problems.append("the right code was accepted after the burst")
    if evaluated > ALLOWED_GUESSES:
        problems.append(f"{evaluated} wrong guesses evaluated (more than {ALLOWED_GUESSES})")
    # 429 is also the lock's answer (CodesPaused); only the address limit's
    # (TooManyAttempts) leaves the lock untested.
    if h_status == 429 and "TooManyAttempts" in h_body:
        problems.append("right code refused by the address limit, not the lock: inconclusive")
    if any(st and st >= 500 for st, _ in answers):
        problems.append("5xx answers")
    r.verdict = "held (factor locked)" if not problems else "NOT HELD: " + "; ".join(problems)
    if problems == ["right code refused by the address limit, not the lock: inconclusive"]:
        r.verdict = "inconclusive: the right code met the address limit"


# ---------------------------------------------------------------------------------------
# 5: open redirect


PAYLOADS = [
    "/\t/evil.example",
    "/%09/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "/\r/evil.example",
    "\t//evil.example",
    " //evil.example",
    "//evil.example",
    "/\\evil.example",
    "/%5Cevil.example",
    "\\\\evil.example",
    "///evil.example",
    "/.//evil.example",
    "/./\\evil.example",
    "https:evil.example",
    "http:evil.example",
    "https://evil.example",
    "/\uff0fevil.example",
    "/\uff3cevil.example",
    "/\u2215evil.example",
    "//evil.example\t",
    "/\x00/evil.example",
    "/\x0b/evil.example",
    "/\x0c/evil.example",
]

REDIRECTS = [
    ("/language", [("to", "sw")]),
    ("/lite", [("on", "1")]),
]


def as_sent(location):
    """The Location as the server wrote it (UTF-8), from the Latin-1 the header was read as."""
    try:
        return location.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return location


SPECIAL = ("http", "https", "ws", "wss", "ftp", "file")


def browser_goes(site, location):
    """Where a browser goes for this Location, by the WHATWG URL parser's rules that matter
    here (resolved against the page on this site): (stays on the site?, where)."""
    loc = as_sent(location)
    loc = loc.strip("".join(chr(c) for c in range(0x21)))  # leading/trailing C0 and space
    loc = re.sub(r"[\t\n\r]", "", loc)  # tabs and newlines anywhere are dropped
    base_scheme = urllib.parse.urlsplit(site.base).scheme

    def host_of(rest):
        # Special URLs skip any number of slashes (and backslashes) before the host.
        authority = re.split(r"[/?#]", rest.lstrip("/"), maxsplit=1)[0]
        return authority.rsplit("@", 1)[-1].lower().rstrip(".")

    m = re.match(r"^([A-Za-z][A-Za-z0-9+.\-]*):(.*)$", loc, re.S)
    if m:
        scheme, rest = m.group(1).lower(), m.group(2)
        if scheme not in SPECIAL:
            return False, f"a {scheme}: URL"
        rest = rest.replace("\\", "/")
        if scheme == base_scheme and not rest.startswith("//"):
            return True, "this site (relative)"
        host = host_of(rest)
        return scheme == base_scheme and host == site.hostport, f"{scheme}://{host}/"
    rest = loc.replace("\\", "/")
    if rest.startswith("//"):
        host = host_of(rest)
        return host == site.hostport, f"//{host}/"
    return True, "this site"


def strictly_local(location):
    """The portal's own rule: a path starting with one "/", no backslash, no control
    characters or whitespace."""
    location = as_sent(location)
    return (
        location.startswith("/")
        and not location.startswith("//")
        and "\\" not in location
        and not any(ord(c) < 0x21 or 0x7F <= ord(c) < 0xA0 for c in location)
    )


def raw_get(site, target):
    """A GET on a raw socket, so the Location comes back byte for byte."""
    try:
        sock = socket.create_connection((site.host, site.port), timeout=10)
    except OSError as e:
        return None, {}, type(e).__name__
    try:
        sock.sendall(
            f"GET {target} HTTP/1.1\r\nHost: {site.hostport}\r\nAccept: text/html\r\n"
            "User-Agent: uraia-abuse-bench/1\r\nConnection: close\r\n\r\n".encode()
        )
        status, headers, _, error = read_response(sock, 10)
        return status, headers, error
    except OSError as e:
        return None, {}, type(e).__name__
    finally:
        sock.close()


@attack(
    5,
    "Open redirect",
    (
        f"{len(PAYLOADS)} browser-quirk next= values (tab, newline, %09, %5C, ///, /.//, "
        "https:, look-alike slashes, NUL…) on /language and /lite"
    ),
)
def attack_open_redirect(ctx, r):
    site = ctx.site
    off_site = []
    odd = []
    answers = Counter()
    for path, fixed in REDIRECTS:
        for payload in PAYLOADS:
            query = urllib.parse.urlencode(fixed + [("next", payload)], quote_via=urllib.parse.quote)
            status, headers, error = raw_get(site, f"{path}?{query}")
            label = str(status) if status else f"no answer ({error})"
            answers[label] += 1
            location = (headers.get("location") or [None])[0]
            if location is None:
                verdict, where = "no redirect", "-"
            else:
                stays, where = browser_goes(site, location)
                if not stays:
                    verdict = "OFF SITE"
                    off_site.append(f"{path} {payload!r}")
                elif not strictly_local(site.local(location)):
                    verdict = "odd but on site"
                    odd.append(f"{path} {payload!r}")
                else:
                    verdict = "stays"
            shown = repr(as_sent(location)) if location is not None else "none"
            r.note(f"{path:9} next={payload!r:24} -> {label} Location {shown} ({where}): {verdict}")
    r.answer = (
        ", ".join(f"{k} ×{v}" for k, v in answers.most_common())
        + f"; {len(off_site)} off the site, {len(odd)} odd Locations"
    )
    if off_site:
        r.verdict = "NOT HELD: off site: " + "; ".join(off_site[:4])
    elif odd:
        r.verdict = "held (stays on the site), with odd Locations: " + "; ".join(odd[:3])
    else:
        r.verdict = "held (every Location stays on the site)"


# ---------------------------------------------------------------------------------------
# 6: decompression bombs


def deflate_zeros(total, unit=MB, level=9, head=b"", tail=b""):
    """zlib stream of `head`, `total` zero bytes, `tail`, made in 1 MB steps."""
    c = zlib.compressobj(level)
    out = [c.compress(head)]
    block = bytes(unit)
    left = total
    while left > 0:
        n = min(unit, left)
        out.append(c.compress(block if n == unit else bytes(n)))
        left -= n
    out.append(c.compress(tail))
    out.append(c.flush())
    return b"".join(out)


def png_bomb(width, height, color_type, channels):
    """A PNG declaring width × height whose IDAT is all-zero scanlines (filter 0)."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    row = width * channels + 1
    c = zlib.compressobj(9)
    rows_per_block = max(1, MB // row)
    block = bytes(row * rows_per_block)
    parts = []
    left = height
    while left > 0:
        n = min(rows_per_block, left)
        parts.append(c.compress(block if n == rows_per_block else bytes(row * n)))
        left -= n
    parts.append(c.flush())
    ihdr = struct.pack(">IIBBBBB", width, height, 8, color_type, 0, 0, 0)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", b"".join(parts)) + chunk(b"IEND", b"")
    return data, row * height


def pdf_bomb(streams, each):
    """A one-page PDF with `streams` object streams (/Type /ObjStm, which a PDF reader
    inflates while loading the file), each /FlateDecode of `each` bytes (mostly zeros, which
    PDF counts as white space)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    first = 3 + streams + 1  # the object numbers the streams claim to hold
    for i in range(streams):
        header = b"%d 0 " % (first + i)
        data = deflate_zeros(each - len(header) - 4, head=header, tail=b"null")
        objects.append(
            b"<< /Type /ObjStm /N 1 /First %d /Filter /FlateDecode /Length %d >>\nstream\n" % (len(header), len(data))
            + data
            + b"\nendstream"
        )
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out), streams * each


def err_of(location):
    """The problem a plain form's redirect carries in __err, shortened."""
    query = urllib.parse.urlsplit(location or "").query
    values = urllib.parse.parse_qs(query).get("__err")
    return short(values[0], 120) if values else ""


@attack(
    6,
    "Decompression bombs",
    (
        "signed-in plain-form uploads to a passport renewal draft: PNG 20000×20000 grey and "
        "12000×12000 RGB of zero scanlines; PDF with one 500 MB and with three 250 MB "
        "FlateDecode object streams"
    ),
)
def attack_bombs(ctx, r):
    site = ctx.site
    jar = ctx.session
    if jar is None:
        jar, why = sign_in_fully(ctx)
        if jar is None:
            r.answer = "could not sign in: " + why
            r.verdict = "not measured"
            return
    a = site.form("/api/applications/start", [("service", "passport-renewal")], "/apply/passport-renewal", jar)
    location = site.local(a.header("location") or "")
    m = re.match(r"^/applications/([^/?#]+)$", location)
    if not m:
        r.answer = f"could not start an application: {a.label()} Location {location!r}"
        r.verdict = "not measured"
        return
    app_id = m.group(1)
    r.note(f"application {app_id}")
    section = f"/applications/{app_id}/section/documents"
    bombs = [
        ("PNG 20000×20000 grey", lambda: png_bomb(20000, 20000, 0, 1), "bomb.png", "image/png"),
        ("PNG 12000×12000 RGB", lambda: png_bomb(12000, 12000, 2, 3), "bomb12k.png", "image/png"),
        ("PDF, one 500 MB stream", lambda: pdf_bomb(1, 500 * MB), "bomb.pdf", "application/pdf"),
        ("PDF, three 250 MB streams", lambda: pdf_bomb(3, 250 * MB), "bomb3.pdf", "application/pdf"),
    ]
    answers = []
    problems = []
    mem = ctx.mem
    for name, make, filename, content_type in bombs:
        data, decoded = make()
        before = mem.begin()
        a = site.multipart(
            "/api/applications/upload",
            [("id", app_id), ("section", "documents"), ("question", "doc_passport")],
            ("file", filename, content_type, data),
            section,
            jar,
            timeout=120,
        )
        time.sleep(0.5)
        peak = mem.peak()
        if peak is not None:
            r.peak_seen = max(r.peak_seen or 0, peak)
        rise = (peak - before) / 1024 if (peak is not None and before is not None) else None
        location = site.local(a.header("location") or "")
        err = err_of(location)
        refused = a.status in (302, 303) and (err != "" or "__err" in location) or (
            a.status is not None and 400 <= a.status < 500
        )
        accepted = a.status in (302, 303) and not refused
        rise_text = f"{rise:.0f} MB" if rise is not None else "n/a"
        r.note(
            f"{name}: {len(data) / 1024:.0f} KB sent, {decoded / MB:.0f} MB decoded -> {a.label()} in "
            f"{a.seconds:.1f} s, Location {short(location, 60)!r} {err}; peak rise {rise_text}"
        )
        answers.append(
            f"{name} ({len(data) // 1024} KB → {decoded // MB} MB): {a.label()}"
            f"{' refused' if refused else ' ACCEPTED' if accepted else ''}, +{rise_text}"
        )
        if accepted:
            problems.append(f"{name} accepted")
        elif not refused:
            problems.append(f"{name} answered {a.label()}")
        if rise is not None and rise > decoded / MB / 4:
            problems.append(f"{name}: memory rose {rise:.0f} MB")
        if mem.available and not mem.alive():
            problems.append("the server died")
            break
    r.answer = "; ".join(answers)
    r.verdict = "held (refused with an error, memory flat)" if not problems else "NOT HELD: " + "; ".join(problems)


# ---------------------------------------------------------------------------------------
# 7: statuses


REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def well_formed_reference(prefix="PPR", year=2026, code="00000000"):
    """A reference with its check character (Luhn mod 32 over the year and the code, as
    app/src/forms/reference.rs makes them), so tracking counts the try instead of refusing
    its shape."""
    values = [REFERENCE_ALPHABET.index(c) for c in f"{year}{code}"]
    total, double = 0, True
    for v in reversed(values):
        addend = v * 2 if double else v
        total += addend // 32 + addend % 32
        double = not double
    check = REFERENCE_ALPHABET[(32 - total % 32) % 32]
    return f"{prefix}-{year}-{code[:4]}-{code[4:]}{check}"


@attack(
    7,
    "Error statuses",
    (
        "wrong sign-in as an API client; unknown reference on /api/tracking/track; "
        "40 tracking tries in a row from one address"
    ),
)
def attack_statuses(ctx, r):
    site = ctx.site
    problems = []
    a = site.form(
        "/api/accounts/sign-in",
        [("identifier", CITIZEN), ("password", "not the password at all")],
        "/sign-in",
        accept="application/json",
    )
    r.note(f"wrong sign-in (Accept: application/json): {a.label()} {short(a.text(), 120)}")
    wrong_sign_in = a.label()
    if a.status != 400:
        problems.append(f"wrong sign-in {a.label()}")
    fields = [("reference", well_formed_reference()), ("proof", "1990")]
    a = site.form("/api/tracking/track", fields, "/track", accept="application/json")
    r.note(f"unknown reference: {a.label()} {short(a.text(), 120)}")
    first = a.label()
    if a.status != 400:
        problems.append(f"unknown reference {a.label()}")
    seen = Counter([a.label()])
    limited_at = None
    retry_after = None
    for i in range(2, 41):
        a = site.form("/api/tracking/track", fields, "/track", accept="application/json")
        seen[a.label()] += 1
        if a.status == 429:
            limited_at = i
            retry_after = a.header("retry-after")
            r.note(f"try {i}: 429, Retry-After {retry_after!r} {short(a.text(), 100)}")
            break
    r.note("tracking tries: " + ", ".join(f"{k} ×{v}" for k, v in seen.most_common()))
    if limited_at is None:
        problems.append("no 429 within 40 tries")
    elif not (retry_after or "").strip().isdigit():
        problems.append("429 without a Retry-After in seconds")
    if any(k.startswith("5") for k in seen):
        problems.append("5xx answers")
    r.answer = (
        f"wrong sign-in {wrong_sign_in}; unknown reference {first}; "
        + (f"429 at try {limited_at}, Retry-After {retry_after}" if limited_at else "no 429 in 40 tries")
    )
    r.verdict = "held (4xx, 429 with Retry-After)" if not problems else "NOT HELD: " + "; ".join(problems)


# ---------------------------------------------------------------------------------------


class Context:
    def __init__(self, base, pid):
        self.site = Site(base)
        self.mem = Memory(pid)
        self.session = None
        self.last_code_sent = None


def main():
    if len(sys.argv) != 3:
        say("usage: python3 bench/abuse.py http://127.0.0.1:3920 <server pid>")
        return 2
    ctx = Context(sys.argv[1], int(sys.argv[2]))
    started = time.monotonic()
    h = ctx.site.health()
    say(f"server {ctx.site.base} (pid {ctx.mem.pid}): /healthz {h.label()}, RSS {mb(ctx.mem.rss())}")
    if h.status != 200:
        say("! the server does not answer /healthz: the attacks will say so")

    # Run order: the quick ones first; the bombs on a first signed-in session; the brute
    # force last, so that its lock touches nothing else and a minute has passed since the
    # first session's code (one new code a minute).
    attack_open_redirect(ctx)
    attack_statuses(ctx)
    jar, why = sign_in_fully(ctx)
    if jar is None:
        say(f"\n! could not sign in as the demo citizen: {why}")
    ctx.session = jar
    attack_bombs(ctx)
    attack_register_details(ctx)
    attack_upload(ctx)
    attack_slowloris(ctx)
    attack_brute_force(ctx)

    took = time.monotonic() - started
    say(f"\n(all attacks: {took:.0f} s)\n")
    rows = sorted(RESULTS, key=lambda r: r.number)
    say(f"## Abuse run ({time.strftime('%Y-%m-%d', time.gmtime())}, {os.cpu_count()} cores, release build)\n")
    say("| attack | tried | answer | memory before | after | peak | verdict |")
    say("|---|---|---|---|---|---|---|")
    for r in rows:
        say(
            f"| {r.number}. {cell(r.name)} | {cell(r.tried)} | {cell(r.answer)} | {mb(r.before)} | "
            f"{mb(r.after)} | {mb(r.peak)} | {cell(r.verdict)} |"
        )
    held = sum(1 for r in rows if r.verdict.startswith("held"))
    say(f"\n{held} of {len(rows)} held.")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
