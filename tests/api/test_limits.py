"""api.limits: the free text a use case stores has limits (issue 8: a 1 MB
`reason` was stored in the audit log; src/app/app_text.c, docs/security.md
"Text limits"): 2,000 characters for a reason, a comment or a note, 200
for a document number. Each field is tried through the API and through
the command line at its limit (accepted) and one character over
(refused with "text.too_long" naming the field and the limit in both
languages, nothing written: the audit log and the tables are unchanged).
Characters are counted, not bytes: 2,000 three-byte characters pass.
"""

import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from apilib import API, main, multipart  # noqa: E402

TEXT, DOC = 2000, 200
NAME = {"doc_number": "document number", "doc": "document number"}


def body(ck, srv):
    adm = srv.must_login("admin")
    P = "2080"
    pp = API + "/periods/" + P
    ck.status(srv.request("POST", API + "/periods", json_body={"code": P},
                          session=adm), 201, "setup: open " + P)
    ck.status(srv.request("POST", pp + "/import?status=submitted",
                          body="unit,input,value\nninh-thuan,3.3.b,500\n"
                               "ninh-thuan,7.2.a,6\n",
                          ctype="text/csv", session=adm), 200,
              "setup: 3.3.b and 7.2.a submitted in " + P)

    def rows():
        return [srv.sql("SELECT count(*) FROM " + t)[0][0]
                for t in ("audit", "value", "evidence", "task_progress",
                          "period")]

    def api(what, method, path, field, limit, make, **kw):
        """${make}(text) -> request kwargs; over the limit, then at it."""
        before = rows()
        r = srv.request(method, path, session=adm, **make("x" * (limit + 1)),
                        **kw)
        ck.status(r, 400, "API %s: %s of %d characters" % (what, field,
                                                          limit + 1))
        ck.error_code(r, "text.too_long", "API %s: %s" % (what, field))
        msg = ((r.json() or {}).get("error") or {}).get("message") or {}
        ck.check(str(limit) in msg.get("en", "") and
                 str(limit) in msg.get("vi", "") and
                 NAME.get(field, field) in msg.get("en", ""),
                 "API %s: the message names %s and %d" % (what, field, limit),
                 msg)
        ck.eq(rows(), before, "API %s: nothing written" % what)
        r = srv.request(method, path, session=adm, **make("x" * limit), **kw)
        ck.status(r, "2xx", "API %s: %s of %d characters" % (what, field,
                                                            limit))

    def js(key, extra):
        return lambda t: dict(json_body=dict(extra, **{key: t}))

    def mp(key, extra):
        def make(t):
            ct, b = multipart(list(extra.items()) + [(key, t)])
            return dict(body=b, ctype=ct)
        return make

    # a period's reason (reopen): required, an empty one is none
    srv.request("POST", API + "/periods/2022-demo/close", json_body={},
                session=adm)
    before = rows()
    for blank in ({"reason": ""}, {}):
        r = srv.request("POST", API + "/periods/2022-demo/reopen", session=adm,
                        json_body=blank)
        ck.status(r, 400, "period reopen with %r is refused" % (blank,))
        ck.error_code(r, "missing_field",
                      "period reopen with %r: the reason is missing" % (blank,))
    ck.eq(rows(), before, "period reopen without a reason: nothing written")
    api("period reopen", "POST", API + "/periods/2022-demo/reopen", "reason",
        TEXT, js("reason", {}))
    # a value's reason
    api("value put", "PUT", pp + "/values/ninh-thuan/3.3.a", "reason", TEXT,
        js("reason", {"value": "7"}))
    # returning: a comment
    api("return", "POST", pp + "/return", "comment", TEXT,
        js("comment", {"inputs": "3.3.b"}))
    # reopening approved values: a reason
    api("reopen-values", "POST", API + "/periods/2022-demo/reopen-values",
        "reason", TEXT, js("reason", {"inputs": "3.3.a"}))
    # evidence: a note, a document number
    api("evidence", "POST", pp + "/values/ninh-thuan/3.3.a/evidence", "note",
        TEXT, mp("note", {"doc_number": "1/KH"}))
    api("evidence", "POST", pp + "/values/ninh-thuan/3.3.a/evidence",
        "doc_number", DOC, mp("doc_number", {"note": "n"}))
    # task progress: a note, a document number
    api("task progress", "POST", API + "/tasks/B.I.2/progress", "note", TEXT,
        js("note", {}))
    api("task progress", "POST", API + "/tasks/B.I.2/progress", "doc", DOC,
        js("doc", {"note": "n"}))

    # the attack of the issue: a 1 MB reason
    before = rows()
    r = srv.request("POST", API + "/periods/2022-demo/reopen-values",
                    session=adm, json_body={"inputs": "7.2.a",
                                            "reason": "x" * 1000000})
    ck.status(r, (400, 413), "a 1 MB reason is refused")
    ck.eq(rows(), before, "a 1 MB reason: nothing written")
    ck.eq(srv.sql("SELECT max(length(reason)) FROM audit")[0][0] <= TEXT,
          True, "no audit entry has a reason over %d characters" % TEXT)
    # characters, not bytes: 2,000 three-byte characters pass
    r = srv.request("PUT", pp + "/values/ninh-thuan/3.3.a", session=adm,
                    json_body={"value": "8", "reason": "ệ" * TEXT})
    ck.status(r, 200, "a reason of 2,000 Vietnamese characters (6,000 "
              "bytes)")
    r = srv.request("PUT", pp + "/values/ninh-thuan/3.3.a", session=adm,
                    json_body={"value": "9", "reason": "ệ" * (TEXT + 1)})
    ck.status(r, 400, "a reason of 2,001 Vietnamese characters")

    # -- the command line: the same limits --------------------------------
    def cli(what, args, field, limit):
        for n, ok in ((limit + 1, False), (limit, True)):
            before = rows()
            argv = [srv.dti] + [a.replace("@", "y" * n) for a in args] + \
                ["--db", srv.db]
            out = subprocess.run(argv, env=srv.env, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, timeout=60)
            err = out.stderr.decode("utf-8", "replace")
            if ok:
                ck.eq(out.returncode, 0, "CLI %s: %s of %d characters (%s)"
                      % (what, field, n, err[:300]))
            else:
                ck.check(out.returncode != 0 and "at most %d" % limit in err
                         and field in err,
                         "CLI %s: %s of %d characters refused, named" % (
                             what, field, n), "exit %d: %s" % (
                                 out.returncode, err[:300]))
                ck.eq(rows(), before, "CLI %s: nothing written" % what)

    subprocess.run([srv.dti, "period", "close", "2022-demo", "--db", srv.db],
                   env=srv.env, stdout=subprocess.PIPE,
                   stderr=subprocess.PIPE, timeout=60)
    cli("period reopen", ["period", "reopen", "2022-demo", "--reason", "@"],
        "reason", TEXT)
    cli("value set", ["value", "set", "--period", P, "--reason", "@",
                      "3.3.a", "10"], "reason", TEXT)
    cli("return", ["return", "--period", P, "--inputs", "7.2.a",
                   "--comment", "@"], "comment", TEXT)
    cli("reopen", ["reopen", "--period", "2022-demo", "--inputs", "3.3.b",
                   "--reason", "@"], "reason", TEXT)
    cli("evidence add", ["evidence", "add", "--period", P, "--note", "@",
                         "3.3.a"], "note", TEXT)
    cli("evidence add", ["evidence", "add", "--period", P, "--doc", "@",
                         "3.3.a"], "document number", DOC)
    cli("task update", ["task", "update", "B.I.2", "--note", "@"], "note",
        TEXT)
    cli("task update", ["task", "update", "B.I.2", "--note", "n", "--doc",
                        "@"], "document number", DOC)


if __name__ == "__main__":
    main("api.limits", body)
