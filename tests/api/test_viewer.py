"""api.viewer: a viewer account that has an agency (issue 8, "Tests that
would catch the next such bug"). A viewer acts for no agency, so one with
an agency cannot be created (`dti user add --role viewer --agency A` and
POST /users are refused, "user.agency"); and a viewer that has one anyway
(a database from before the rule, forged here with SQL) still cannot
write values, add evidence, submit, update tasks or read the audit log:
its agency gives it nothing.
"""

import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from apilib import API, demo_rows, main, multipart  # noqa: E402


def body(ck, srv):
    adm = srv.must_login("admin")
    # -- creating one is refused ------------------------------------------
    for agency in ("so-tttt", "ubnd-ninh-hai"):
        login = "v-" + agency
        r = srv.request("POST", API + "/users", session=adm,
                        json_body={"login": login, "role": "viewer",
                                   "agency": agency,
                                   "password": "mot-mat-khau-dai-1"})
        ck.status(r, 400, "API: a viewer with agency %s" % agency)
        ck.error_code(r, "user.agency", "API: a viewer with an agency")
        out = subprocess.run([srv.dti, "user", "add", "--role", "viewer",
                              "--agency", agency, "--db", srv.db,
                              "cli-" + login], env=srv.env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             timeout=60)
        ck.check(out.returncode != 0 and b"viewer" in out.stderr,
                 "CLI: dti user add --role viewer --agency %s is refused"
                 % agency, out.stderr.decode()[:300])
        ck.eq(srv.sql("SELECT count(*) FROM account WHERE login IN (?, ?)",
                      (login, "cli-" + login))[0][0], 0,
              "no viewer with agency %s was made" % agency)
    r = srv.request("POST", API + "/users", session=adm,
                    json_body={"login": "v-plain", "role": "viewer",
                               "password": "mot-mat-khau-dai-2"})
    ck.status(r, 201, "a viewer without an agency is made")

    # -- one that has an agency anyway writes nothing -----------------------
    P = "2090"
    pp = API + "/periods/" + P
    ck.status(srv.request("POST", API + "/periods", json_body={"code": P},
                          session=adm), 201, "setup: open " + P)
    ck.status(srv.request("POST", pp + "/import?status=draft",
                          body=demo_rows(srv.src), ctype="text/csv",
                          session=adm), 200, "setup: demo drafts")
    for agency, task, inp, unit in (
            ("so-tttt", "B.I.2", "3.3.a", "ninh-thuan"),
            ("ubnd-ninh-hai", "B.I.3", "1.9", "ninh-thuan")):
        srv.sql("UPDATE account SET agency = ? WHERE login = 'lanhdao'",
                (agency,))
        v = srv.must_login("lanhdao")
        ck.eq((srv.get(API + "/session", session=v).json() or {}).get(
            "user"), {"login": "lanhdao", "role": "viewer", "agency": agency},
            "the forged viewer has agency %s" % agency)
        before = [srv.sql("SELECT count(*) FROM " + t)[0][0]
                  for t in ("audit", "value", "evidence", "task_progress")]
        ct, b = multipart([("note", "viewer")],
                          [("file", "v.txt", "text/plain", b"viewer\n")])
        for what, method, path, kw in (
                ("PUT a value", "PUT",
                 pp + "/values/%s/%s" % (unit, inp),
                 dict(json_body={"value": "1"})),
                ("add evidence", "POST",
                 pp + "/values/%s/%s/evidence" % (unit, inp),
                 dict(body=b, ctype=ct)),
                ("submit its agency", "POST", pp + "/submit",
                 dict(json_body={"agency": agency})),
                ("update its agency's task", "POST",
                 API + "/tasks/%s/progress" % task,
                 dict(json_body={"status": "done", "note": "viewer"})),
                ("import", "POST", pp + "/import?status=draft",
                 dict(body="unit,input,value\n%s,%s,1\n" % (unit, inp),
                      ctype="text/csv"))):
            r = srv.request(method, path, session=v, **kw)
            ck.status(r, 403, "viewer with agency %s: %s" % (agency, what))
            ck.error_code(r, "forbidden", "viewer with %s: %s" %
                          (agency, what))
        r = srv.get(API + "/audit", session=v)
        ck.status(r, 403, "viewer with agency %s: the audit log" % agency)
        after = [srv.sql("SELECT count(*) FROM " + t)[0][0]
                 for t in ("audit", "value", "evidence", "task_progress")]
        ck.eq(after[1:], before[1:], "viewer with agency %s: nothing "
              "written" % agency)
        ck.eq(after[0], before[0] + 0, "viewer with agency %s: no audit "
              "entry" % agency)
    srv.sql("UPDATE account SET agency = NULL WHERE login = 'lanhdao'")


if __name__ == "__main__":
    main("api.viewer", body)
