"""api.csrf: every state-changing call (POST, PUT, DELETE) made with a valid
session cookie but without the session's X-CSRF-Token, with a wrong one, or
with an Origin of another site, is refused with 403 code "csrf", and
nothing changes (the audit log, periods, values, evidence, accounts, tasks
and sessions are compared before and after)."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from apilib import API, main, multipart, routes_of  # noqa: E402


def snapshot(srv, admin):
    """What a write could change, read through the API and the file."""
    snap = {"audit_db": srv.audit_count()}
    for path in ("/audit", "/periods", "/users", "/tasks",
                 "/periods/2022-demo/values", "/periods/2022-demo/status",
                 "/periods/2022-demo/values/ninh-thuan/3.3.a/evidence"):
        r = srv.get(API + path, session=admin)
        snap[path] = (r.status, r.body)
    for table in ("session", "account", "value", "evidence", "file",
                  "task_progress", "period", "plan", "target_value",
                  "org_change", "agency", "unit"):
        snap["rows:" + table] = srv.sql("SELECT count(*) FROM %s" %
                                        table)[0][0]
    snap["ended"] = srv.sql("SELECT count(*) FROM session WHERE ended")[0][0]
    return snap


def body(ck, srv):
    admin = srv.must_login("admin")
    co = srv.must_login("sotttt")
    off = srv.must_login("cb-sotttt")
    origin = "http://127.0.0.1:%d" % srv.port
    ct, mp = multipart([("note", "csrf")],
                       [("file", "x.txt", "text/plain", b"csrf\n")])
    # one state-changing call per route that has one (all of them are
    # allowed to the admin with the right token, see the end)
    # (a login needs no token, only a right Origin: see the end)
    calls = [
        ("DELETE", "/api/v1/session", {}),
        # the right current password: refused for the token alone
        ("POST", "/api/v1/session/password",
         dict(json_body={"current": srv.passwords["admin"],
                         "password": "mot-mat-khau-moi-dai"})),
        ("POST", "/api/v1/users",
         dict(json_body={"login": "csrf-user", "role": "viewer",
                         "password": "mot-mat-khau-dai-1"})),
        ("POST", "/api/v1/periods", dict(json_body={"code": "2031"})),
        ("POST", "/api/v1/periods/2022-demo/close", dict(json_body={})),
        ("POST", "/api/v1/periods/2022-demo/reopen",
         dict(json_body={"reason": "csrf"})),
        ("PUT", "/api/v1/periods/2022-demo/values/ninh-thuan/3.3.a",
         dict(json_body={"value": "1"})),
        ("POST", "/api/v1/periods/2022-demo/values/ninh-thuan/3.3.a/evidence",
         dict(body=mp, ctype=ct)),
        ("POST", "/api/v1/periods/2022-demo/submit",
         dict(json_body={"agency": "so-tttt"})),
        ("POST", "/api/v1/periods/2022-demo/approve",
         dict(json_body={"agency": "so-tttt"})),
        ("POST", "/api/v1/periods/2022-demo/return",
         dict(json_body={"inputs": "3.3.a", "comment": "csrf"})),
        ("POST", "/api/v1/periods/2022-demo/reopen-values",
         dict(json_body={"inputs": "3.3.a", "reason": "csrf"})),
        ("POST", "/api/v1/periods/2022-demo/import?status=draft",
         dict(body="unit,input,value\nninh-thuan,7.2.a,1\n",
              ctype="text/csv")),
        ("POST", "/api/v1/tasks/B.I.2/progress",
         dict(json_body={"status": "done"})),
        # writes nothing, but a POST: the token is asked all the same
        ("POST", "/api/v1/periods/2022-demo/whatif",
         dict(json_body={"values": {"2.6": "1"}})),
        # accounts (issue 12)
        ("POST", "/api/v1/users/cb-khdt/reset", dict(json_body={})),
        ("POST", "/api/v1/users/cb-khdt/disable", dict(json_body={})),
        ("POST", "/api/v1/users/cb-khdt/enable", dict(json_body={})),
        ("PATCH", "/api/v1/users/cb-khdt", dict(json_body={"role":
                                                           "viewer"})),
        ("DELETE", "/api/v1/users/cb-khdt/sessions/0123456789abcdef",
         dict()),
        ("DELETE", "/api/v1/users/cb-khdt/sessions", dict()),
        # plans and hand-entered targets (issue 12)
        ("POST", "/api/v1/plans",
         dict(body=b"plan: {code: csrf}\n", ctype="application/yaml")),
        ("POST", "/api/v1/targets/e-invoices/value",
         dict(json_body={"value": 0.9})),
        ("POST", "/api/v1/targets/e-invoices/submit", dict(json_body={})),
        ("POST", "/api/v1/targets/e-invoices/approve", dict(json_body={})),
        ("POST", "/api/v1/targets/e-invoices/return",
         dict(json_body={"comment": "csrf"})),
        ("POST", "/api/v1/targets/e-invoices/reopen", dict(json_body={})),
        # issue 12: a methodology loaded, a period's changed
        ("POST", "/api/v1/methodologies",
         dict(body="methodology:\n  id: csrf\n",
              ctype="application/yaml")),
        ("POST", "/api/v1/periods/2022-demo/methodology",
         dict(json_body={"methodology": 1, "confirm": True})),
        # the organisation (issue 12)
        ("POST", "/api/v1/agencies",
         dict(json_body={"code": "csrf-ag", "name": "CSRF",
                         "kind": "department"})),
        ("PATCH", "/api/v1/agencies/so-y-te", dict(json_body={"name": "X"})),
        ("POST", "/api/v1/agencies/so-y-te/deactivate", dict(json_body={})),
        ("POST", "/api/v1/agencies/so-y-te/reactivate", dict(json_body={})),
        ("POST", "/api/v1/agencies/so-tttt/merge",
         dict(json_body={"into": "so-khcn"})),
        ("POST", "/api/v1/agencies/cac-so-nganh/members",
         dict(json_body={"member": "bao-ninh-thuan"})),
        ("POST", "/api/v1/agencies/cac-so-nganh/members/remove",
         dict(json_body={"member": "so-y-te"})),
        ("POST", "/api/v1/units",
         dict(json_body={"code": "csrf-u", "name": "CSRF",
                         "level": "district"})),
        ("PATCH", "/api/v1/units/bac-ai", dict(json_body={"name": "X"})),
        ("POST", "/api/v1/units/bac-ai/deactivate", dict(json_body={})),
        ("POST", "/api/v1/units/bac-ai/reactivate", dict(json_body={})),
        ("POST", "/api/v1/units/bac-ai/merge",
         dict(json_body={"into": "ninh-son"})),
        ("POST", "/api/v1/org/load",
         dict(body="province: {code: x, name: X}\n",
              ctype="application/yaml")),
    ]
    # every non-GET route of api.c is in the list
    writes = {(m, p) for m, p, _f, _fl in routes_of(srv.src) if m != "GET"}
    import re
    covered = set()
    for m, path, _kw in calls:
        for rm, rp in writes:
            pat = "^" + re.escape(rp).replace(r"\{\}", "[^/]+") + "$"
            if rm == m and re.match(pat, path.split("?")[0]):
                covered.add((rm, rp))
    ck.eq(sorted(writes - covered - {("POST", "/api/v1/session")}), [],
          "every state-changing route but the login is tried without the "
          "token")

    before = snapshot(srv, admin)
    bad_tokens = [
        (False, "no X-CSRF-Token"),
        ("", "an empty X-CSRF-Token"),
        ("0" * 64, "a wrong X-CSRF-Token"),
        (admin.csrf[:-1], "a truncated X-CSRF-Token"),
        (admin.csrf.upper(), "the X-CSRF-Token in upper case"),
        (co.csrf, "another session's X-CSRF-Token"),
        (admin.token, "the session token as X-CSRF-Token"),
    ]
    for method, path, kw in calls:
        for tok, what in bad_tokens:
            r = srv.request(method, path, session=admin, csrf=tok, **kw)
            ck.status(r, 403, "%s %s with %s" % (method, path, what))
            ck.error_code(r, "csrf", "%s %s with %s" % (method, path, what))
        # the right token but a request from another site
        for o in ("http://evil.example", "https://evil.example:%d" %
                  srv.port, "null", "http://127.0.0.1.evil.example",
                  "http://127.0.0.1:1"):
            r = srv.request(method, path, session=admin,
                            headers={"Origin": o}, **kw)
            ck.status(r, 403, "%s %s with Origin %s" % (method, path, o))
            ck.error_code(r, "csrf", "%s %s with Origin %s" %
                          (method, path, o))
    # the officer's token on the officer's own write, missing
    r = srv.request("PUT", API + "/periods/2022-demo/values/ninh-thuan/3.3.a",
                    json_body={"value": "1"}, session=off, csrf=False)
    ck.status(r, 403, "officer PUT without the token")
    ck.error_code(r, "csrf", "officer PUT without the token")
    # the token alone (no cookie) is no session
    r = srv.request("POST", API + "/periods", json_body={"code": "2031"},
                    headers={"X-CSRF-Token": admin.csrf})
    ck.status(r, 401, "the CSRF token without the cookie")

    after = snapshot(srv, admin)
    for k in before:
        ck.eq(after[k], before[k], "nothing changed: %s" % k)
    ck.status(srv.get(API + "/session", session=admin), 200,
              "the session survived the refused logout")

    # the same calls with the token (and a same-origin Origin) succeed:
    # what was refused was refused for the token alone
    r = srv.request("POST", API + "/periods", json_body={"code": "2031"},
                    session=admin, headers={"Origin": origin})
    ck.status(r, 201, "open a period with the token and our Origin")
    r = srv.request("PUT", API + "/periods/2031/values/ninh-thuan/3.3.a",
                    json_body={"value": "1"}, session=off)
    ck.status(r, 200, "officer PUT with the token")
    r = srv.request("POST", API + "/users", session=admin,
                    json_body={"login": "csrf-user", "role": "viewer",
                               "password": "mot-mat-khau-dai-1"})
    ck.status(r, 201, "add a user with the token")
    r = srv.request("DELETE", API + "/session", session=admin)
    ck.status(r, 200, "logout with the token")
    ck.status(srv.get(API + "/session", session=admin), 401,
              "logged out")
    # a GET needs no token
    ck.status(srv.get(API + "/periods", session=co), 200,
              "a GET needs no CSRF token")

    # a login needs no token (switching accounts), but from another site's
    # page it is refused and the session held stays
    a3 = srv.must_login("admin")
    login = {"login": "sotttt", "password": srv.passwords["sotttt"]}
    for o in ("http://evil.example", "null", "http://127.0.0.1:1"):
        n0 = srv.sql("SELECT count(*) FROM session")[0][0]
        r = srv.request("POST", API + "/session", json_body=login,
                        session=a3, csrf=False, headers={"Origin": o})
        ck.status(r, 403, "login with a session cookie from Origin " + o)
        ck.error_code(r, "csrf", "login with a session cookie from " + o)
        ck.eq(srv.sql("SELECT count(*) FROM session")[0][0], n0,
              "a refused login opens no session (%s)" % o)
    ck.status(srv.get(API + "/session", session=a3), 200,
              "refused logins end no session")


if __name__ == "__main__":
    main("api.csrf", body)
