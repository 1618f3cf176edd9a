"""api.headers: the security headers on every kind of response: JSON
answers and errors (401, 403, 404, 405, 413, 415, 429), the OpenAPI file,
the CSV export, a downloaded evidence file, login and logout.

Required on each: Content-Security-Policy without 'unsafe-inline' and with
frame-ancestors 'none', X-Content-Type-Options: nosniff, Referrer-Policy.
(Every response of every API test is checked for these too, in apilib.)
The answers libmicrohttpd makes by itself, before the application sees the
request (431 for oversized headers, 400 for a request without Host), are
reported as warnings: the application cannot add headers to them."""

import os
import socket
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from apilib import (API, Resp, check_security_headers, main,  # noqa: E402
                    multipart)


def strict(ck, r, what):
    """The required headers, and the others the server promises."""
    check_security_headers(ck, r, what)
    csp = r.header("Content-Security-Policy") or ""
    for d in ("default-src 'self'", "object-src 'none'", "base-uri 'none'"):
        ck.check(d in csp, "%s: CSP has %s" % (what, d), csp)
    ck.check("*" not in csp, "%s: CSP has no wildcard source" % what, csp)
    ck.eq(len(r.header_all("Content-Security-Policy")), 1,
          "%s: one CSP header" % what)
    ck.eq(r.header("X-Frame-Options"), "DENY", "%s: X-Frame-Options" % what)
    ck.eq(r.header("Cache-Control"), "no-store", "%s: Cache-Control" % what)
    ck.check(r.header("Referrer-Policy") in
             ("no-referrer", "same-origin", "strict-origin",
              "strict-origin-when-cross-origin"),
             "%s: a strict Referrer-Policy" % what,
             r.header("Referrer-Policy"))
    ck.check(r.header("Server") is None or "/" not in r.header("Server"),
             "%s: no server version disclosed" % what, r.header("Server"))


def raw(srv, data):
    s = socket.create_connection(("127.0.0.1", srv.port), timeout=30)
    try:
        s.sendall(data)
        buf = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            buf += chunk
            if b"\r\n\r\n" in buf:
                head, _, rest = buf.partition(b"\r\n\r\n")
                n = 0
                for line in head.split(b"\r\n")[1:]:
                    k, _, v = line.partition(b":")
                    if k.strip().lower() == b"content-length":
                        n = int(v.strip())
                if len(rest) >= n:
                    break
    finally:
        s.close()
    head, _, body = buf.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1]) if lines and lines[0] else 0
    hdrs = []
    for line in lines[1:]:
        k, _, v = line.partition(":")
        hdrs.append((k.strip(), v.strip()))
    return Resp("RAW", data[:40].decode("latin-1"), status, hdrs, body)


def body(ck, srv):
    admin = srv.must_login("admin")
    viewer = srv.must_login("lanhdao")
    seen = set()

    def t(r, what, want=None):
        seen.add(r.status)
        if want is not None:
            ck.status(r, want, what)
        strict(ck, r, what)
        return r

    t(srv.get(API + "/health"), "health", 200)
    r = t(srv.get(API + "/openapi.json"), "openapi", 200)
    ck.check((r.header("Content-Type") or "").startswith("application/json"),
             "openapi is served as JSON", r.header("Content-Type"))
    _, r = srv.login("lanhdao")
    t(r, "login", 200)
    t(srv.get(API + "/periods", session=admin), "periods", 200)
    t(srv.get(API + "/periods/2022-demo/scores?explain=1", session=viewer),
      "scores", 200)
    r = t(srv.get(API + "/periods/2022-demo/export", session=viewer), "export",
          200)
    ck.check((r.header("Content-Type") or "").startswith("text/csv"),
             "export is CSV", r.header("Content-Type"))
    ck.check((r.header("Content-Disposition") or "").startswith(
        "attachment"), "export is an attachment",
        r.header("Content-Disposition"))
    # an evidence file, even HTML, is only ever a download
    ct, b = multipart([("note", "html")],
                      [("file", "page.txt", "text/plain",
                        b"<script>alert(1)</script>")])
    # (the upload's own status is checked in api.malformed and api.authz)
    r = t(srv.request("POST", API + "/periods/2022-demo/values/ninh-thuan/3.3.a/"
                      "evidence", body=b, ctype=ct, session=admin),
          "evidence upload")
    t(srv.request("POST", API + "/periods", json_body={"code": "2031"},
                  session=admin), "201", 201)
    sha = srv.sql("SELECT file_sha256 FROM evidence WHERE note = 'html'")
    if sha:
        r = t(srv.get(API + "/files/" + sha[0][0], session=viewer),
              "file download", 200)
        ck.eq(r.header("Content-Type"), "application/octet-stream",
              "a file is served as application/octet-stream")
        ck.check((r.header("Content-Disposition") or "").startswith(
            "attachment;"), "a file is served as an attachment",
            r.header("Content-Disposition"))
    # errors
    t(srv.get(API + "/periods"), "401", 401)
    t(srv.get(API + "/users", session=viewer), "403", 403)
    t(srv.request("POST", API + "/periods", json_body={"code": "2031"},
                  session=admin, csrf=False), "403 csrf", 403)
    t(srv.get(API + "/nowhere"), "404 route", 404)
    t(srv.get("/"), "the web interface's page", 200)
    t(srv.get("/khong-co"), "404 outside the API", 404)
    t(srv.get(API + "/periods/1999", session=viewer), "404 period", 404)
    t(srv.request("DELETE", API + "/health"), "405", 405)
    t(srv.request("POST", API + "/periods", body="{}", ctype="text/plain",
                  session=admin), "415", 415)
    t(srv.request("POST", API + "/periods", body="{", ctype="application/json",
                  session=admin), "400", 400)
    t(srv.request("POST", API + "/periods/2022-demo/import", ctype="text/csv",
                  body=b"x" * ((24 << 20) + 1), session=admin), "413", 413)
    r = t(srv.request("DELETE", API + "/session", session=viewer), "logout",
          200)
    for k in range(5):
        srv.login("cb-pvhcc", password="sai-mat-khau-%d" % k)
    t(srv.login("cb-pvhcc")[1], "429", 429)
    ck.check({200, 201, 400, 401, 403, 404, 405, 413, 415, 429} <= seen,
             "the statuses tried", sorted(seen))

    # answers libmicrohttpd makes by itself: warnings only
    for data, what in (
            (b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Big: " +
             b"a" * 40000 + b"\r\n\r\n", "headers over 32 KiB"),
            (b"GET /api/v1/health HTTP/1.1\r\n\r\n", "no Host header")):
        r = raw(srv, data)
        ck.check(400 <= r.status < 500, "%s: a 4xx" % what, r.status)
        if not r.header("Content-Security-Policy") or \
                not r.header("X-Content-Type-Options"):
            print("WARNING: %s: libmicrohttpd's own %d answer has no "
                  "security headers (Content-Type %s)" %
                  (what, r.status, r.header("Content-Type")))


if __name__ == "__main__":
    main("api.headers", body)
