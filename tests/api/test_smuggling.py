"""api.smuggling: request smuggling and header sizes (issue 8, defects 4
and 8), on raw sockets.

RFC 9112 6.3: a request with both Transfer-Encoding and Content-Length
gets 400 and the connection is closed; a second request hidden in its
body (an admin's period opening) never runs. A transfer coding other than
chunked (xchunked, gzip, "chunked, x") gets 501 at once, not a hang, and
the connection is closed. A Cookie header of 11, 16 and 31 KiB (under the
documented 32 KiB limit for all headers) gets a normal answer; 33 KiB
gets 431 with the security headers.
"""

import os
import socket
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from apilib import API, main  # noqa: E402

KIB = 1024


def raw(srv, data, wait=5.0):
    """Send ${data}; (what came back, closed by the server, seconds)."""
    s = socket.create_connection(("127.0.0.1", srv.port), timeout=wait)
    t = time.time()
    try:
        s.sendall(data)
    except OSError:
        pass
    out, closed = b"", False
    try:
        while True:
            b = s.recv(65536)
            if not b:
                closed = True
                break
            out += b
    except socket.timeout:
        pass
    except ConnectionResetError:
        closed = True
    s.close()
    return out, closed, time.time() - t


def hidden(admin, code):
    """A complete request that would open period ${code}."""
    j = b'{"code":"%s"}' % code.encode()
    return (b"POST /api/v1/periods HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/json\r\nCookie: %s\r\n"
            b"X-CSRF-Token: %s\r\nContent-Length: %d\r\n\r\n%s"
            % (admin.cookie().encode(), admin.csrf.encode(), len(j), j))


def period_exists(srv, admin, code):
    return srv.get(API + "/periods/" + code, session=admin).status == 200


def body(ck, srv):
    admin = srv.must_login("admin")
    te_cl = [
        ("CL then TE", "2031", b"Content-Length: %d\r\n"
         b"Transfer-Encoding: chunked\r\n"),
        ("TE then CL", "2032", b"Transfer-Encoding: chunked\r\n"
         b"Content-Length: %d\r\n"),
    ]
    for what, code, hdrs in te_cl:
        smuggled = hidden(admin, code)
        chunked = b"0\r\n\r\n" + smuggled
        req = (b"POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
               b"Content-Type: application/json\r\n" + hdrs % 5 +
               b"\r\n" + chunked)
        out, closed, dt = raw(srv, req)
        ck.check(out.startswith(b"HTTP/1.1 400"),
                 "%s: 400" % what, out[:300])
        ck.check(closed and dt < 3, "%s: the connection is closed at once "
                 "(%.1f s)" % (what, dt))
        ck.eq(out.count(b"HTTP/1.1 "), 1, "%s: one answer only" % what)
        ck.check(b"nosniff" in out, "%s: security headers" % what)
        ck.check(not period_exists(srv, admin, code),
                 "%s: the hidden request never ran (no period %s)"
                 % (what, code))

    for te in (b"xchunked", b"gzip", b"chunked, xchunked", b"identity"):
        code = "2033"
        req = (b"POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
               b"Content-Type: application/json\r\nTransfer-Encoding: " +
               te + b"\r\n\r\n0\r\n\r\n" + hidden(admin, code))
        out, closed, dt = raw(srv, req)
        ck.check(out.startswith(b"HTTP/1.1 501"),
                 "Transfer-Encoding: %s: 501" % te.decode(), out[:300])
        ck.check(closed and dt < 3, "Transfer-Encoding: %s: closed at once "
                 "(%.1f s)" % (te.decode(), dt))
        ck.check(not period_exists(srv, admin, code),
                 "Transfer-Encoding: %s: the hidden request never ran"
                 % te.decode())
    # chunked alone still works (and keeps the connection)
    j = b'{"login":"admin","password":"x"}'
    req = (b"POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
           b"Content-Type: application/json\r\nTransfer-Encoding: chunked"
           b"\r\n\r\n%x\r\n%s\r\n0\r\n\r\n" % (len(j), j))
    out, closed, dt = raw(srv, req, wait=1)
    ck.check(out.startswith(b"HTTP/1.1 401") and not closed,
             "a chunked login is read (401, wrong password), "
             "the connection kept", out[:200])

    # -- the body limit, to the byte (a login: API_MAX_SMALL, 128 KiB) ---
    small = 128 * KIB

    def login_body(n):
        head = b'{"login":"admin","password":"'
        return head + b"x" * (n - len(head) - 2) + b'"}'

    for n in (small, small + 1):
        j = login_body(n)
        req = (b"POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
               b"Content-Type: application/json\r\nContent-Length: %d\r\n"
               b"Connection: close\r\n\r\n%s" % (len(j), j))
        out, closed, dt = raw(srv, req, wait=3)
        if n == small:
            ck.check(out.startswith(b"HTTP/1.1 4") and
                     not out.startswith(b"HTTP/1.1 413"),
                     "a login body of exactly 128 KiB is read", out[:200])
        else:
            ck.check(out.startswith(b"HTTP/1.1 413"),
                     "a login body of 128 KiB + 1 byte: 413", out[:200])
        req = (b"POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
               b"Content-Type: application/json\r\n"
               b"Transfer-Encoding: chunked\r\n\r\n%x\r\n%s\r\n0\r\n\r\n"
               % (len(j), j))
        out, closed, dt = raw(srv, req, wait=3)
        if n == small:
            ck.check(out.startswith(b"HTTP/1.1 4") and
                     not out.startswith(b"HTTP/1.1 413"),
                     "a chunked login body of exactly 128 KiB is read",
                     out[:200])
        else:
            ck.check(b"HTTP/1.1 " not in out and closed,
                     "a chunked login body of 128 KiB + 1 byte is cut off",
                     out[:200])

    # -- header sizes ---------------------------------------------------
    for kib, want in ((11, 200), (16, 200), (31, 200), (33, 431)):
        cookie = "a=" + "x" * (kib * KIB - 2)
        req = ("GET %s/health HTTP/1.1\r\nHost: 127.0.0.1\r\n"
               "Cookie: %s\r\nConnection: close\r\n\r\n" % (API, cookie)).encode()
        out, closed, dt = raw(srv, req, wait=3)
        ck.check(out.startswith(b"HTTP/1.1 %d" % want),
                 "a Cookie of %d KiB: %d" % (kib, want), out[:200])
        ck.check(b"X-Content-Type-Options: nosniff" in out,
                 "a Cookie of %d KiB: security headers" % kib)
        if want == 431:
            ck.check(closed and dt < 2, "a Cookie of %d KiB: closed" % kib)
            ck.check(b"headers_too_large" in out,
                     "a Cookie of %d KiB: the error's code" % kib)
    r = srv.get(API + "/health")
    ck.status(r, 200, "health afterwards")


if __name__ == "__main__":
    main("api.smuggling", body)
