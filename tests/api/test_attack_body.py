"""api.attack_body: memory before authentication (issue 8, defect 1).

The attack that took the server from 40 MB to 3.4 GB: 100 anonymous
connections (20 from each of 127.0.0.2..6) each declare a 23 MiB body to
the import route and send the first SENT_MIB of it (the whole 23 MiB
would cost CI 2.3 GB of loopback traffic for no more information: the old
server kept every byte it got). Then 1,000 connections (32 from each of
127.0.1.1..32) that sent half a request head. Through both the server
must keep its resident memory (VmRSS of /proc/PID/status, sampled every
10 ms; VmHWM is no use, the start's Argon2 hash reaches 64 MiB) under
LIMIT_MB and answer GET /api/v1/health.

The server must also refuse from the head: an anonymous 23 MiB body gets
its answer (401) before the body is sent; an admin's declared import over
HTTP_MAX_BODY gets 413 at once; bodies in flight are bounded by
HTTP_BODY_BUDGET (64 MiB): a third admin import of 23 MiB declared while
two are in flight gets 503 with Retry-After. Bounded: about 20 s.
"""

import os
import socket
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from apilib import API, main  # noqa: E402

MIB = 1 << 20
LIMIT_MB = 200
DECLARED = 23 * MIB
SENT_MIB = 3
N_BODY = 100
N_IDLE = 1000


def vm(srv, key):
    with open("/proc/%d/status" % srv.proc.pid) as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1]) // 1024  # MB
    return -1


class Sampler(threading.Thread):
    """The largest VmRSS seen since the last reset()."""

    def __init__(self, srv):
        super().__init__(daemon=True)
        self.srv, self.peak, self.stop = srv, 0, False

    def run(self):
        while not self.stop:
            try:
                self.peak = max(self.peak, vm(self.srv, "VmRSS"))
            except OSError:
                return
            time.sleep(0.01)

    def reset(self):
        p, self.peak = self.peak, 0
        return p


def head(path, length, cookie=None, csrf=None, ctype="text/csv"):
    h = "POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: %s\r\n" \
        "Content-Length: %d\r\n" % (path, ctype, length)
    if cookie:
        h += "Cookie: %s\r\nX-CSRF-Token: %s\r\n" % (cookie, csrf)
    return (h + "\r\n").encode()


def connect(srv, source):
    s = socket.socket()
    s.bind((source, 0))
    s.settimeout(5)
    s.connect(("127.0.0.1", srv.port))
    return s


def answer(s, wait=3.0):
    """What the server sent before closing (or within ${wait} s)."""
    s.settimeout(wait)
    out = b""
    try:
        while True:
            b = s.recv(65536)
            if not b:
                break
            out += b
    except (socket.timeout, ConnectionResetError):
        pass
    return out


def health(ck, srv, what):
    t = time.time()
    try:
        r = srv.get(API + "/health", timeout=5)
        ok = r.status == 200
    except OSError as e:
        ok = False
        r = e
    ck.check(ok and time.time() - t < 2,
             "health answered (%s) in %.2f s" % (what, time.time() - t), r)


def body(ck, srv):
    base = vm(srv, "VmRSS")
    print("server VmRSS at start: %d MB" % base)
    sampler = Sampler(srv)
    sampler.start()
    path = API + "/periods/2022-demo/import?status=draft"

    # -- an anonymous large body is refused from its head ----------------
    s = connect(srv, "127.0.0.2")
    s.sendall(head(path, DECLARED))
    a = answer(s, 3)
    ck.check(a.startswith(b"HTTP/1.1 401"),
             "anonymous 23 MiB import: 401 before any body byte", a[:200])
    s.close()

    # -- 100 anonymous x 23 MiB declared, SENT_MIB sent ------------------
    socks = []
    for i in range(N_BODY):
        s = connect(srv, "127.0.0.%d" % (2 + i % 5))
        s.sendall(head(path, DECLARED))
        socks.append(s)
    chunk = b"x" * (64 << 10)
    t0 = time.time()
    for s in socks:
        s.setblocking(False)
    for _ in range(SENT_MIB * 16):
        for s in socks:
            try:
                s.send(chunk)
            except OSError:
                pass
    print("100 bodies sent in %.1f s" % (time.time() - t0))
    health(ck, srv, "under the body attack")
    time.sleep(0.5)
    hwm = sampler.reset()
    print("body attack: peak VmRSS %d MB (limit %d)" % (hwm, LIMIT_MB))
    ck.check(0 < hwm < LIMIT_MB,
             "100 anonymous x 23 MiB: peak memory %d MB < %d MB"
             % (hwm, LIMIT_MB))
    for s in socks:
        s.close()

    # -- 1,000 connections with half a head ------------------------------
    socks = []
    try:
        for i in range(N_IDLE):
            s = connect(srv, "127.0.1.%d" % (1 + i % 32))
            s.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            socks.append(s)
    except OSError as e:
        print("connection %d: %s" % (len(socks), e))
    print("%d idle connections open" % len(socks))
    health(ck, srv, "with 1,000 connections")
    time.sleep(0.5)
    hwm = sampler.reset()
    print("1,000 connections: peak VmRSS %d MB" % hwm)
    ck.check(0 < hwm < LIMIT_MB,
             "1,000 connections: peak memory %d MB < %d MB"
             % (hwm, LIMIT_MB))
    for s in socks:
        s.close()

    # -- an authenticated import: the limit and the budget ---------------
    admin = srv.must_login("admin")
    s = connect(srv, "127.0.0.3")
    s.sendall(head(path, 25 * MIB, admin.cookie(), admin.csrf))
    a = answer(s, 3)
    ck.check(a.startswith(b"HTTP/1.1 413") and b"too_large" in a,
             "admin import declaring 25 MiB: 413 at once", a[:300])
    s.close()
    held, statuses = [], []
    for i in range(3):
        s = connect(srv, "127.0.0.4")
        s.sendall(head(path, DECLARED, admin.cookie(), admin.csrf))
        held.append(s)
    time.sleep(0.5)
    for s in held:
        s.setblocking(False)
        try:
            statuses.append(s.recv(4096))
        except BlockingIOError:
            statuses.append(b"")
    refused = [a for a in statuses if a.startswith(b"HTTP/1.1 503")]
    ck.check(len(refused) == 1 and b"Retry-After: 1" in refused[0],
             "3 admin imports of 23 MiB in flight: the third gets 503 "
             "with Retry-After (budget 64 MiB)", [a[:100] for a in statuses])
    for s in held:
        s.close()
    health(ck, srv, "after the attacks")
    sampler.stop = True


if __name__ == "__main__":
    main("api.attack_body", body)
