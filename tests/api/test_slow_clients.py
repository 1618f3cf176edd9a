"""api.slow_clients: slow clients must not take the server down (issue 8,
defect 3).

The attack: 5 addresses (127.0.0.2..6) open PER_ADDR connections each
(1,100 in all, as in the report) and send a request head a byte every
BYTE_EVERY seconds, which resets libmicrohttpd's inactivity timeout; a
connection the server closes is opened again a second later. Meanwhile an
ordinary client (127.0.0.1) sends N_HEALTH GET /api/v1/health, one every
SPACING s, each on a new connection: their p99 must stay under
P99_LIMIT_MS. The server caps connections per address (32) and gives a
request head 10 s (HTTP_HEAD_TIMEOUT), so neither the connection table
nor the threads are held. Bounded: about ATTACK_S s.

Then the body deadline: a body that trickles (a byte a second) is cut
off by its minimum rate, not held for ever.
"""

import os
import selectors
import socket
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from apilib import API, main  # noqa: E402

ADDRS = ["127.0.0.%d" % i for i in range(2, 7)]
PER_ADDR = 220
BYTE_EVERY = 3.0
ATTACK_S = 22
N_HEALTH = 200
SPACING = 0.1
P99_LIMIT_MS = 100.0
HEAD = b"GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "


class Attack(threading.Thread):
    def __init__(self, port):
        super().__init__(daemon=True)
        self.port, self.stop = port, False
        self.opened = self.closed = self.peak = 0
        self.again = []  # (when, address) to open again

    def open(self, sel, addr):
        s = socket.socket()
        s.setblocking(False)
        try:
            s.bind((addr, 0))
            s.connect_ex(("127.0.0.1", self.port))
        except OSError:
            s.close()
            return
        sel.register(s, selectors.EVENT_READ, [addr, 0, time.time()])
        self.opened += 1

    def run(self):
        sel = selectors.DefaultSelector()
        for addr in ADDRS:
            for _ in range(PER_ADDR):
                self.open(sel, addr)
        while not self.stop:
            now = time.time()
            for key, _ in sel.select(timeout=0.2):
                try:  # closed (or answered) by the server: come back
                    data = key.fileobj.recv(4096)
                except OSError:
                    data = b""
                if not data:
                    addr = key.data[0]
                    sel.unregister(key.fileobj)
                    key.fileobj.close()
                    self.closed += 1
                    self.again.append((now + 1.0, addr))
            while self.again and self.again[0][0] <= now:
                self.open(sel, self.again.pop(0)[1])
            for key in list(sel.get_map().values()):
                st = key.data
                if now - st[2] >= BYTE_EVERY:
                    st[2] = now
                    try:
                        key.fileobj.send(HEAD[st[1]:st[1] + 1]
                                         if st[1] < len(HEAD) else b"a")
                        st[1] += 1
                    except OSError:
                        pass
            self.peak = max(self.peak, len(sel.get_map()))
        for key in list(sel.get_map().values()):
            key.fileobj.close()
        sel.close()


def one_health(port):
    t = time.time()
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=2)
        s.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  b"Connection: close\r\n\r\n")
        data = b""
        while True:
            b = s.recv(4096)
            if not b:
                break
            data += b
        s.close()
        ok = data.startswith(b"HTTP/1.1 200")
    except OSError:
        ok = False
    return (time.time() - t) * 1000.0, ok


def body(ck, srv):
    import resource
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < 4096:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(4096, hard), hard))
    at = Attack(srv.port)
    t0 = time.time()
    at.start()
    time.sleep(2)  # the attack's connections are in
    lat, fails = [], 0
    for _ in range(N_HEALTH):
        if time.time() - t0 > ATTACK_S + 5:  # bounded, even when failing
            lat.append(2000.0)
            fails += 1
            continue
        ms, ok = one_health(srv.port)
        lat.append(ms if ok else 2000.0)
        fails += not ok
        time.sleep(SPACING)
    while time.time() - t0 < ATTACK_S and lat:
        time.sleep(0.5)
    at.stop = True
    at.join(10)
    lat.sort()
    p50, p99 = lat[len(lat) // 2], lat[int(len(lat) * 0.99) - 1]
    print("slow clients: %d opened, %d closed by the server, at most %d "
          "at once; health p50 %.1f ms, p99 %.1f ms, %d failed"
          % (at.opened, at.closed, at.peak, p50, p99, fails))
    ck.eq(fails, 0, "every health request answered under the attack")
    ck.check(p99 < P99_LIMIT_MS, "health p99 %.1f ms < %.0f ms under %d "
             "slow connections" % (p99, P99_LIMIT_MS, len(ADDRS) * PER_ADDR))
    ck.check(at.closed > 0, "the server closed overdue slow connections")

    # -- a body that trickles is cut off by its minimum rate -------------
    s = socket.create_connection(("127.0.0.1", srv.port), timeout=5)
    s.sendall(b"POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
              b"Content-Type: application/json\r\nContent-Length: 1000\r\n"
              b"\r\n{")
    t = time.time()
    closed = False
    while time.time() - t < 25:
        try:
            s.send(b" ")
        except OSError:
            closed = True
            break
        s.settimeout(1)
        try:
            if s.recv(4096) == b"":
                closed = True
                break
        except socket.timeout:
            pass
        except OSError:
            closed = True
            break
    s.close()
    ck.check(closed and time.time() - t < 20,
             "a body at a byte a second is cut off (after %.1f s)"
             % (time.time() - t))
    r = srv.get(API + "/health")
    ck.status(r, 200, "health after the attack")


if __name__ == "__main__":
    main("api.slow_clients", body)
