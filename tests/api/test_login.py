"""api.login: logging in while holding a session, the Origin checks a
mutation run found unguarded, and the password policy's boundaries
(issue 8; docs/security.md "Sessions and CSRF").

  - a login sent with a still valid session cookie but without that
    session's X-CSRF-Token (switching accounts) is accepted and ends the
    old session; a failed one ends nothing; from another Origin it is
    refused;
  - an Origin that only starts with the right host (http://HOST.evil
    when the Host header has no port, as behind a proxy; https:// with
    --secure-cookies) is refused, for a write and for a login;
  - a cross-site login with no session cookie is refused by the login's
    own Origin check;
  - passwords: 11 characters refused, 12 accepted, 6 Vietnamese
    characters in 12 bytes refused (the policy counts characters), 12
    Vietnamese characters accepted and usable; through the API and
    `dti user add` (DTI_PASSWORD).
"""

import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from apilib import API, main  # noqa: E402


def sessions(srv):
    return srv.sql("SELECT count(*) FROM session")[0][0]


def body(ck, srv):
    # -- logging in while holding a session ---------------------------------
    a = srv.must_login("admin")
    n0 = sessions(srv)
    s, r = srv.login("sotttt", session=a, password="sai-mat-khau-123")
    ck.status(r, 401, "a wrong login with a session cookie")
    ck.status(srv.get(API + "/session", session=a), 200,
              "a failed login ends no session")
    r = srv.request("POST", API + "/session", session=a, csrf=False,
                    json_body={"login": "sotttt",
                               "password": srv.passwords["sotttt"]})
    ck.status(r, 200, "a login with a valid session cookie and no "
              "X-CSRF-Token is accepted")
    ck.eq(sessions(srv), n0 + 1, "that login opened a session")
    ck.status(srv.get(API + "/session", session=a), 401,
              "the session held while logging in has ended")
    ck.eq(((r.json() or {}).get("user") or {}).get("login"), "sotttt",
          "the new session is the new account's")
    # with our own Origin too; and with the right token as before
    b = srv.must_login("cb-sotttt")
    r = srv.request("POST", API + "/session", session=b, csrf=False,
                    headers={"Origin": "http://127.0.0.1:%d" % srv.port},
                    json_body={"login": "admin",
                               "password": srv.passwords["admin"]})
    ck.status(r, 200, "a login with a session cookie and our Origin")
    ck.status(srv.get(API + "/session", session=b), 401,
              "the officer's session ended on the admin's login")
    c = srv.must_login("cb-khdt")
    s2, r = srv.login("cb-khdt", session=c)  # sends c's token
    ck.status(r, 200, "a login with the session's own token")
    ck.status(srv.get(API + "/session", session=c), 401,
              "its old session ended")
    # from another site it is refused and the session stays
    d = srv.must_login("cb-thongke")
    r = srv.request("POST", API + "/session", session=d, csrf=False,
                    headers={"Origin": "http://evil.example"},
                    json_body={"login": "admin",
                               "password": srv.passwords["admin"]})
    ck.status(r, 403, "a cross-site login with a session cookie")
    ck.error_code(r, "csrf", "a cross-site login with a session cookie")
    ck.status(srv.get(API + "/session", session=d), 200,
              "the refused login ended no session")

    # -- Origin: prefixes of the host, a login without a cookie --------------
    host = "dti.example"
    adm = srv.must_login("admin")
    code = [2070]

    def open_period(origin, want, what):
        code[0] += 1
        r = srv.request("POST", API + "/periods",
                        json_body={"code": str(code[0])}, session=adm,
                        headers={"Host": host, "Origin": origin})
        ck.status(r, want, what)
        if want == 403:
            ck.error_code(r, "csrf", what)
            ck.eq(srv.sql("SELECT count(*) FROM period WHERE code = ?",
                          (str(code[0]),))[0][0], 0,
                  "%s: no period opened" % what)

    def login_from(origin, want, what, scheme_host=host):
        n = sessions(srv)
        r = srv.request("POST", API + "/session",
                        json_body={"login": "lanhdao",
                                   "password": srv.passwords["lanhdao"]},
                        headers={"Host": scheme_host, "Origin": origin})
        ck.status(r, want, what)
        if want == 403:
            ck.error_code(r, "csrf", what)
            ck.eq(sessions(srv), n, "%s: no session opened" % what)

    for o in ("http://dti.example.evil", "http://dti.example.evil.net",
              "http://dti.example:80", "http://dti.example/",
              "https://dti.example", "http://dti.exampl"):
        open_period(o, 403, "a write with Host %s and Origin %s" % (host, o))
        login_from(o, 403, "a login without a cookie, Host %s, Origin %s"
                   % (host, o))
    for o in ("http://evil.example", "null"):
        login_from(o, 403, "a cross-site login without a cookie (%s)" % o)
    open_period("http://dti.example", 201, "a write from our own Origin "
                "(portless Host)")
    login_from("http://dti.example", 200, "a login from our own Origin "
               "(portless Host)")

    # -- the password policy: characters, not bytes --------------------------
    cases = [
        ("pw-eleven", "abcdefghijk", 400, "11 characters"),
        ("pw-twelve", "abcdefghijkl", 201, "12 characters"),
        ("pw-viet-six", "đăâơưê", 400, "6 Vietnamese characters, 12 bytes"),
        ("pw-viet-twelve", "đăâơưêđăâơưê", 201,
         "12 Vietnamese characters, 24 bytes"),
    ]
    ck.eq([(len(pw), len(pw.encode())) for _l, pw, _w, _x in cases],
          [(11, 11), (12, 12), (6, 12), (12, 24)],
          "the passwords' characters and bytes")
    for login, pw, want, what in cases:
        r = srv.request("POST", API + "/users", session=adm,
                        json_body={"login": login, "role": "viewer",
                                   "password": pw})
        ck.status(r, want, "API: a password of " + what)
        if want == 400:
            ck.error_code(r, "weak_password", "API: " + what)
        ck.eq(srv.sql("SELECT count(*) FROM account WHERE login = ?",
                      (login,))[0][0], 1 if want == 201 else 0,
              "API: account %s made or not" % login)
        if want == 201:
            srv.secrets.add(pw)
            s, r = srv.login(login, password=pw)
            ck.status(r, 200, "log in with a password of " + what)
        # the command line, the same policy
        env = dict(srv.env)
        env["DTI_PASSWORD"] = pw
        out = subprocess.run([srv.dti, "user", "add", "--role", "viewer",
                              "--db", srv.db, "cli-" + login], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             timeout=60)
        ck.eq(out.returncode == 0, want == 201,
              "CLI: a password of %s (exit %d, %s)" % (
                  what, out.returncode, out.stderr.decode()[:200]))

    # the command line: a password that is not UTF-8 text is refused
    env = dict(srv.env)
    env["DTI_PASSWORD"] = "mat-khau-\udce9\udce9-dai-hon"  # raw bytes E9 E9
    out = subprocess.run([srv.dti, "user", "add", "--role", "viewer",
                          "--db", srv.db, "cli-pw-latin1"], env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         timeout=60)
    ck.check(out.returncode != 0 and srv.sql(
        "SELECT count(*) FROM account WHERE login = 'cli-pw-latin1'")[0][0]
        == 0, "CLI: a password that is not UTF-8 is refused",
        out.stderr.decode(errors="replace")[:200])

    # 256 bytes at most
    r = srv.request("POST", API + "/users", session=adm,
                    json_body={"login": "pw-long", "role": "viewer",
                               "password": "a" * 257})
    ck.status(r, 400, "API: a password of 257 bytes")

    # -- behind TLS: https://HOST.evil is refused ------------------------------
    srv.stop()
    srv.start(extra=["--secure-cookies"])
    adm = srv.must_login("admin")
    for o in ("https://dti.example.evil", "http://dti.example"):
        open_period(o, 403, "--secure-cookies: a write from Origin " + o)
        login_from(o, 403, "--secure-cookies: a login from Origin " + o)
    open_period("https://dti.example", 201,
                "--secure-cookies: a write from https://dti.example")


if __name__ == "__main__":
    main("api.login", body)
