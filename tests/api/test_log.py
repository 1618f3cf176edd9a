"""api.log: the server writes one line per request on stderr,
"TIME ADDRESS METHOD PATH STATUS DURATIONms USER", and never a password,
a session token, a CSRF token, a query string, a header or a body."""

import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from apilib import API, main, multipart  # noqa: E402

LINE = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ) (\S+) ([A-Z]+) (\S+) "
                  r"(\d{3}) (\d+\.\d\d)ms (\S+)$")


def body(ck, srv):
    t_start = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 1))
    made = []  # (method, path, status, user) in order
    base = srv.requests

    def req(method, path, user, **kw):
        r = srv.request(method, path, **kw)
        made.append((method, path.split("?")[0], r.status, user))
        return r

    def login(login, user, password=None, session=None):
        s, r = srv.login(login, password=password, session=session)
        made.append(("POST", API + "/session", r.status, user))
        return s

    secret_pw = "Mat-khau-rat-bi-mat-%d" % os.getpid()
    wrong_pw = "sai-mat-khau-bi-mat-%d" % os.getpid()
    query_secret = "query-secret-%d" % os.getpid()
    srv.secrets.update({secret_pw, wrong_pw, query_secret})

    req("GET", API + "/health", "-")
    admin = login("admin", "admin")
    login("cb-khdt", "-", password=wrong_pw)
    login("no-such-user", "-", password=wrong_pw)
    req("GET", API + "/periods", "admin", session=admin)
    req("GET", API + "/targets?period=2022-demo&password=" + query_secret,
        "admin", session=admin)
    req("GET", API + "/health?token=" + query_secret, "-")
    req("GET", API + "/nowhere", "-")
    req("DELETE", API + "/health", "-")
    req("GET", API + "/periods", "-")
    req("GET", API + "/periods", "-",
        headers={"Authorization": "Bearer " + query_secret,
                 "Cookie": "dti_session=" + "1" * 64})
    r = req("POST", API + "/users", "admin", session=admin,
            json_body={"login": "nguoi-moi", "role": "viewer",
                       "password": secret_pw})
    ck.status(r, 201, "a new account")
    srv.passwords["nguoi-moi"] = secret_pw
    nm = login("nguoi-moi", "nguoi-moi")
    req("GET", API + "/users", "nguoi-moi", session=nm)
    req("POST", API + "/periods", "admin", session=admin, csrf=False,
        json_body={"code": "2031"})
    off = login("cb-sotttt", "cb-sotttt")
    req("PUT", API + "/periods/2022-demo/values/ninh-thuan/3.3.a", "cb-sotttt",
        session=off, json_body={"value": "1", "reason": query_secret})
    ct, b = multipart([("note", query_secret)],
                      [("file", "secret.txt", "text/plain",
                        query_secret.encode())])
    req("POST", API + "/periods/2022-demo/values/ninh-thuan/3.3.a/evidence",
        "cb-sotttt", session=off, body=b, ctype=ct)
    req("POST", API + "/periods/2022-demo/import", "-",
        body=b"x" * ((24 << 20) + 1), ctype="text/csv")
    req("DELETE", API + "/session", "nguoi-moi", session=nm)
    req("GET", API + "/session", "-", session=nm)
    login("lanhdao", "lanhdao", session=None)

    ck.eq(srv.requests - base, len(made), "every request is recorded")
    # wait until every answered request has its line, then stop
    deadline = time.time() + 10
    while time.time() < deadline:
        lines = [ln for ln in srv.log().splitlines() if LINE.match(ln)]
        if len(lines) >= srv.requests:
            break
        time.sleep(0.05)
    srv.stop()
    t_end = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 1))

    log = srv.log().splitlines()
    other = [ln for ln in log if not LINE.match(ln) and
             not ln.startswith("dti serve: ")]
    ck.eq(other, [], "every log line is a request line or the server's own")
    lines = [LINE.match(ln) for ln in log if LINE.match(ln)]
    ck.eq(len(lines), srv.requests, "one line per request")
    # (lines are written when a request ends, and requests on two
    # connections may end in either order: compare as multisets)
    got = sorted((m.group(3), m.group(4), int(m.group(5)), m.group(7))
                 for m in lines[-len(made):])
    want = sorted(made)
    ck.eq(len(got), len(want), "a line for each request of the test")
    for have, w in zip(got, want):
        ck.eq(have, w, "a log line: method, path, status, user")
    for m in lines:
        ck.check(t_start <= m.group(1) <= t_end, "the time of the line",
                 m.group(0))
        ck.eq(m.group(2), "127.0.0.1", "the client address")
        ck.check(0 <= float(m.group(6)) < 60000, "a duration in ms",
                 m.group(0))
    ck.check(not any("?" in m.group(4) for m in lines),
             "no query string is logged")
    text = srv.log()
    for s in sorted(srv.secrets):
        ck.check(s not in text, "the log does not show the secret %s..." %
                 s[:4])
    for pw in srv.passwords.values():
        ck.check(pw not in text, "the log shows no password")
    ck.check("dti serve: " in text and "stopped" in text,
             "the server logs its start and stop")


if __name__ == "__main__":
    main("api.log", body)
