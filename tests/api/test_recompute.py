"""api.recompute: scores are computed from the data as it is now, never
stale. In the demo period (every value approved), 3.3.a is reopened, set
to a new value by the so-tttt officer, submitted and approved; after each
step GET .../scores (approved values only, and ?drafts=1) shows exactly
what the values say: 3.3 = 3.3.a / 3.3.b x 10 (3.3.b = 150000). Each score
request is repeated so that both server threads answer it. Last, the same
change is made by another process (the dti command line, on the same
database, while the server runs): the served scores follow it too."""

import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from apilib import API, main  # noqa: E402

P = API + "/periods/2022-demo"
UNIT = "ninh-thuan"


def scores(srv, sess, drafts=False):
    """{code: score} of ninh-thuan, the same from several requests."""
    seen = []
    for _ in range(3):
        r = srv.get(P + "/scores" + ("?drafts=1" if drafts else ""),
                    session=sess)
        j = r.json() or {}
        seen.append({row["code"]: row["score"] for row in j.get("rows", [])
                     if row.get("unit") == UNIT})
    return seen[0] if all(s == seen[0] for s in seen) else None


def body(ck, srv):
    co = srv.must_login("sotttt")
    off = srv.must_login("cb-sotttt")
    viewer = srv.must_login("lanhdao")

    s0 = scores(srv, viewer)
    ck.check(s0 is not None and "3.3" in s0, "scores of 2022", s0)
    if not s0:
        return
    ck.check(abs(s0["3.3"] - 98000 / 150000 * 10) < 1e-6,
             "3.3 from the demo data: 98000 / 150000 x 10", s0["3.3"])
    total_key = "TOTAL" if "TOTAL" in s0 else None
    ck.check(total_key is not None, "a TOTAL row", sorted(s0)[:20])

    for step, value in enumerate(("120000", "30000", "150000")):
        what = "round %d (3.3.a = %s)" % (step + 1, value)
        r = srv.request("POST", P + "/reopen-values", session=co,
                        json_body={"inputs": "3.3.a",
                                   "reason": "sửa số liệu " + value})
        ck.status(r, 200, "%s: reopen 3.3.a" % what)
        r = srv.request("PUT", P + "/values/%s/3.3.a" % UNIT, session=off,
                        json_body={"value": value})
        ck.status(r, 200, "%s: the officer sets 3.3.a" % what)
        new = int(value) / 150000 * 10
        s1 = scores(srv, viewer)
        ck.check(s1 is not None, "%s: the same scores from every thread" %
                 what)
        if s1 is None:
            continue
        # a draft does not count in the approved scores; 3.3.a is missing
        ck.eq(s1.get("3.3"), 0,
              "%s: the draft is not in the approved scores (3.3.a is "
              "missing there: 3.3 scores 0)" % what)
        sd = scores(srv, viewer, drafts=True)
        ck.check(sd is not None and abs(sd["3.3"] - new) < 1e-6,
                 "%s: ?drafts=1 shows the draft at once" % what,
                 sd and sd.get("3.3"))
        r = srv.request("POST", P + "/submit", session=off,
                        json_body={"agency": "so-tttt"})
        ck.status(r, 200, "%s: the officer submits so-tttt" % what)
        st = srv.get(P + "/status", session=viewer).json() or {}
        row = [a for a in st.get("agencies", [])
               if a.get("agency") == "so-tttt"]
        ck.check(row and row[0]["submitted"] == 1,
                 "%s: status shows 1 submitted for so-tttt" % what, row)
        r = srv.request("POST", P + "/approve", session=co,
                        json_body={"inputs": "3.3.a"})
        ck.status(r, 200, "%s: the coordinator approves 3.3.a" % what)
        s2 = scores(srv, viewer)
        ck.check(s2 is not None and abs(s2["3.3"] - new) < 1e-6,
                 "%s: GET scores shows the approved value at once" % what,
                 s2 and s2.get("3.3"))
        if s2 and total_key:
            ck.check(abs((s2[total_key] - s0[total_key]) -
                         (s2["3.3"] - s0["3.3"])) < 1e-5,
                     "%s: TOTAL moved with 3.3" % what,
                     (s0[total_key], s2[total_key], s0["3.3"], s2["3.3"]))
        for k in s0:
            if k in ("3.3", "III", "TOTAL", "INDEX") or not s2:
                continue
            if s2.get(k) != s0[k] and k not in ("CQS", "KTS", "XHS"):
                ck.check(False, "%s: only 3.3 and its sums changed" % what,
                         (k, s0[k], s2.get(k)))
                break
        # explained scores agree
        r = srv.get(P + "/scores?explain=1", session=viewer)
        ex = [row for row in (r.json() or {}).get("rows", [])
              if row.get("unit") == UNIT and row.get("code") == "3.3"]
        ck.check(ex and abs(ex[0]["score"] - new) < 1e-6,
                 "%s: ?explain=1 agrees" % what, ex)
        # the export and the values list show the value
        r = srv.get(P + "/export", session=viewer)
        ck.check(("%s,3.3.a,%s" % (UNIT, value)) in r.text(),
                 "%s: export shows the value" % what)
        vals = srv.get(P + "/values?unit=" + UNIT, session=viewer).json()
        v = [x for x in (vals or {}).get("values", [])
             if x["input"] == "3.3.a"]
        ck.check(v and v[0]["value"] == value and
                 v[0]["status"] == "approved",
                 "%s: the values list shows it approved" % what, v)




def cli_round(ck, srv, viewer):
    """The operator changes 3.3.a with the command line meanwhile."""
    before = scores(srv, viewer)
    for args in (["reopen", "--period", "2022-demo", "--inputs", "3.3.a",
                  "--reason", "CLI"],
                 ["value", "set", "--period", "2022-demo", "--agency", "so-tttt",
                  "3.3.a", "75000"],
                 ["submit", "--period", "2022-demo", "--agency", "so-tttt"],
                 ["approve", "--period", "2022-demo", "--inputs", "3.3.a"]):
        p = subprocess.run([srv.dti] + args + ["--db", srv.db, "--user",
                                               "cli-test"],
                           env=srv.env, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=120)
        ck.eq(p.returncode, 0, "dti %s" % " ".join(args[:2]),)
        if p.returncode != 0:
            print(p.stderr.decode(errors="replace"))
    after = scores(srv, viewer)
    ck.check(before is not None and after is not None and
             abs(after["3.3"] - 5.0) < 1e-6,
             "a change made by another process shows at once "
             "(3.3 = 75000 / 150000 x 10)",
             (before and before.get("3.3"), after and after.get("3.3")))


def run(ck, srv):
    body(ck, srv)
    cli_round(ck, srv, srv.must_login("lanhdao"))


if __name__ == "__main__":
    main("api.recompute", run)
