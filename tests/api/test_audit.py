"""api.audit: who reads the audit log (issue 8: it holds every login's
address and was readable by every role; docs/security.md "Audit log").

  admin, coordinator   all of it
  officer              its own actions, and the entries about the values
                       and evidence of the inputs its agency leads (or a
                       collective its agency is in) and about the tasks
                       it leads; no one else's logins, accounts, periods
  viewer               403
  no session           401
  dti audit            all of it (the command line's operator is an admin)
"""

import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from apilib import API, main, multipart  # noqa: E402

# inputs, by the agency that leads them in the 2022 methodology
SOTTTT = ("3.3.a", "3.3.b")
OTHERS = ("A.4", "7.7.a", "7.2.a")
HUYEN = ("1.9", "1.10")  # ubnd-huyen, a collective ubnd-ninh-hai is in


def leads(srv, sess):
    """input name -> the agency that leads it, from GET /methodologies/1."""
    m = srv.get(API + "/methodologies/1", session=sess).json() or {}
    out = {}
    for g in m.get("groups", []):
        for ind in g.get("indicators", []):
            for inp in ind.get("inputs", []):
                name = inp.get("name") if isinstance(inp, dict) else inp
                out[name] = ind.get("lead")
    for gi in m.get("general", []):
        out[gi["code"]] = gi.get("lead")
    return out


def entries(srv, sess, query=""):
    r = srv.get(API + "/audit" + query, session=sess)
    return r, (r.json() or {}).get("audit", [])


def input_of(e):
    key = e["key"].split("#")[0]
    return key.rsplit("/", 1)[-1] if "/" in key else None


def body(ck, srv):
    adm = srv.must_login("admin")
    co = srv.must_login("sotttt")
    off = srv.must_login("cb-sotttt")
    nh = srv.must_login("cb-ninhhai")
    other = srv.must_login("cb-khdt")
    P = "2095"
    pp = API + "/periods/" + P
    ck.status(srv.request("POST", API + "/periods", json_body={"code": P},
                          session=adm), 201, "setup: open " + P)
    # entries by others about so-tttt's inputs and tasks, and not
    for inp, val in (("3.3.b", "900"), ("3.3.a", "800"), ("A.4", "5"),
                     ("7.2.a", "6"), ("1.9", "0")):
        ck.status(srv.request("PUT", pp + "/values/ninh-thuan/" + inp,
                              json_body={"value": val}, session=adm), 200,
                  "setup: admin sets " + inp)
    ct, b = multipart([("note", "admin's evidence")])
    ck.status(srv.request("POST", pp + "/values/ninh-thuan/3.3.a/evidence",
                          body=b, ctype=ct, session=adm), 201,
              "setup: admin's evidence on 3.3.a")
    ck.status(srv.request("POST", pp + "/values/ninh-thuan/A.4/evidence",
                          body=b, ctype=ct, session=adm), 201,
              "setup: admin's evidence on A.4")
    for task in ("B.I.2", "B.VII.1", "B.I.3"):
        ck.status(srv.request("POST", API + "/tasks/%s/progress" % task,
                              json_body={"note": "admin"}, session=adm),
                  200, "setup: admin reports on " + task)
    # the officer's own action
    ck.status(srv.request("PUT", pp + "/values/ninh-thuan/3.3.a",
                          json_body={"value": "700"}, session=off), 200,
              "setup: the officer sets 3.3.a")
    total = srv.audit_count()

    # -- admin, coordinator: everything ------------------------------------
    for who, s in (("admin", adm), ("coordinator", co)):
        r, es = entries(srv, s)
        ck.status(r, 200, "%s reads the audit log" % who)
        ck.eq(len(es), total, "%s sees every entry" % who)
        ck.check(any(e["action"] == "session.login" and
                     e["actor"] == "cb-khdt" for e in es),
                 "%s sees other accounts' logins" % who)

    # -- viewer, anonymous ---------------------------------------------------
    v = srv.must_login("lanhdao")
    r, _ = entries(srv, v)
    ck.status(r, 403, "a viewer cannot read the audit log")
    ck.error_code(r, "forbidden", "viewer: audit")
    r, _ = entries(srv, None)
    ck.status(r, 401, "no session: the audit log")

    # -- an officer: its agency's part --------------------------------------
    lead = leads(srv, adm)
    ck.check(all(lead.get(i) == "so-tttt" for i in SOTTTT) and
             all(lead.get(i) not in (None, "so-tttt") for i in OTHERS),
             "the methodology's leads are as this test assumes",
             {i: lead.get(i) for i in SOTTTT + OTHERS})
    r, es = entries(srv, off)
    ck.status(r, 200, "an officer reads its part of the audit log")
    bad = []
    for e in es:
        if e["actor"] == "cb-sotttt":
            continue
        if e["entity"] in ("value", "evidence") and \
                lead.get(input_of(e)) == "so-tttt":
            continue
        if e["entity"] == "task" and e["key"] == "B.I.2":
            continue
        bad.append(e)
    ck.eq(bad, [], "officer cb-sotttt sees only its actions and so-tttt's "
          "inputs and tasks")
    keys = {(e["actor"], e["action"], e["key"].split("#")[0]) for e in es}
    for want, what in (
            (("admin", "value.set", "ninh-thuan/3.3.b"),
             "the admin's change of 3.3.b (so-tttt's)"),
            (("admin", "evidence.add", "ninh-thuan/3.3.a"),
             "the admin's evidence on 3.3.a"),
            (("admin", "task.progress", "B.I.2"),
             "the admin's report on B.I.2 (so-tttt leads it)"),
            (("cb-sotttt", "value.set", "ninh-thuan/3.3.a"),
             "its own change of 3.3.a"),
            (("cb-sotttt", "session.login", "cb-sotttt"), "its own login")):
        ck.check(want in keys, "officer cb-sotttt sees " + what, want)
    for e in es:
        if e["action"] == "session.login" and e["actor"] != "cb-sotttt":
            ck.check(False, "officer sees another account's login", e)
            break
    ck.check(not any(e["entity"] in ("account", "period", "org",
                                     "methodology") and
                     e["actor"] != "cb-sotttt" for e in es),
             "officer sees no account, period, organisation or methodology "
             "entry")
    ck.check(not any(input_of(e) in OTHERS for e in es
                     if e["entity"] in ("value", "evidence")),
             "officer sees no entry of another agency's inputs")
    ck.check(not any(e["key"] in ("B.VII.1", "B.I.3") for e in es
                     if e["entity"] == "task"),
             "officer sees no other agency's task")
    r, es2 = entries(srv, off, "?key=ninh-thuan/3.3.a")
    ck.check(es2 and all(e["key"].startswith("ninh-thuan/3.3.a")
                         for e in es2),
             "officer: the key filter still applies", es2[:3])

    # the collective rule: ubnd-ninh-hai's officer sees ubnd-huyen's part
    r, es = entries(srv, nh)
    ck.status(r, 200, "officer cb-ninhhai reads its part")
    ck.check(any(e["entity"] == "value" and input_of(e) in HUYEN and
                 e["actor"] == "admin" for e in es),
             "cb-ninhhai sees the admin's change of 1.9 (ubnd-huyen)")
    ck.check(any(e["entity"] == "task" and e["key"] == "B.I.3" for e in es),
             "cb-ninhhai sees the report on B.I.3 (ubnd-huyen)")
    ck.check(not any(lead.get(input_of(e)) not in ("ubnd-huyen",
                                                   "ubnd-ninh-hai")
                     for e in es if e["entity"] in ("value", "evidence")),
             "cb-ninhhai sees no input its agency does not lead")
    # an officer with nothing of its own but its login
    r, es = entries(srv, other)
    ck.check(all(e["actor"] == "cb-khdt" or e["entity"] in ("value",
                                                            "evidence",
                                                            "task")
                 for e in es), "cb-khdt sees no one else's login")
    ck.check(any(e["entity"] == "task" and e["key"] == "B.VII.1"
                 for e in es), "cb-khdt sees the report on B.VII.1")

    # -- the command line: the operator reads everything ---------------------
    out = subprocess.run([srv.dti, "audit", "--format", "csv", "--db",
                          srv.db], env=srv.env, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, timeout=60)
    ck.eq(out.returncode, 0, "dti audit runs")
    import csv
    import io
    n = len(list(csv.reader(io.StringIO(out.stdout.decode())))) - 1
    ck.eq(n, srv.audit_count(), "dti audit lists every entry")


if __name__ == "__main__":
    main("api.audit", body)
