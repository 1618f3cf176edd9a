"""api.worklist: the work list and the data rules of issue 9 over HTTP.

  - GET /periods/{p}/worklist: an officer's own agency's list (the
    default; another agency's is 403), a viewer's 403, a coordinator's of
    any agency, the admin's of every agency without ?agency; each item
    with its kind, unit (tỷ đồng), rule, value shown Vietnamese style,
    last period's value, evidence and warnings; the same document as
    `dti worklist --format json`
  - a value 1.000 times last year's: 200 with its warnings, kept with the
    value (GET .../values) and shown in the work list
  - a submission breaking a consistency rule: 409 submit.consistency,
    naming both inputs; one lacking required evidence: 409 submit.evidence
  - a coordinating agency (ttpvhcc coordinates 6.4, led by so-tttt) adds
    evidence to the inputs it coordinates (201, 403 before), never writes
    their value (403), nor evidence of an input it does not coordinate
  - GET .../values?missing_evidence=1: approved values lacking required
    evidence
  - an import breaking the rules: 400 import.consistency; with
    consistency=0 by a coordinator, 200 with the broken pairs as warnings
    and an audit row; an officer may not ask for it
"""

import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from apilib import API, main, multipart  # noqa: E402

UNIT = "ninh-thuan"
CTK = "cuc-thong-ke"  # leads A.4, A.5, A.6; coordinates 7.1 (so-khdt)


def body(ck, srv):
    adm = srv.must_login("admin")
    co = srv.must_login("sotttt")
    off = srv.must_login("cb-thongke")
    own = srv.must_login("cb-sotttt")
    pv = srv.must_login("cb-pvhcc")  # ttpvhcc
    viewer = srv.must_login("lanhdao")
    P = "2023-demo"  # after the demo year 2022-demo
    pp = API + "/periods/" + P
    ck.status(srv.request("POST", API + "/periods", json_body={"code": P},
                          session=adm), 201, "open 2023-demo")

    def worklist(session, query="", want=200, what="work list"):
        r = srv.get(pp + "/worklist" + query, session=session)
        ck.status(r, want, what)
        return r.json() or {}

    def items(doc):
        return {i["input"]: i for i in doc.get("items", [])}

    def put(inp, val, session=off):
        return srv.request("PUT", pp + "/values/%s/%s" % (UNIT, inp),
                           json_body={"value": val}, session=session)

    def submit(js, session):
        return srv.request("POST", pp + "/submit", json_body=js,
                           session=session)

    def evidence(inp, session, note="biên bản", period=P):
        ct, b = multipart([("note", note)])
        return srv.request("POST", API + "/periods/%s/values/%s/%s/evidence"
                           % (period, UNIT, inp), body=b, ctype=ct,
                           session=session)

    # -- who sees which list -------------------------------------------------
    d = worklist(off, what="the officer's own list")
    ck.eq(d.get("agency"), CTK, "an officer's list is its agency's")
    ck.eq([(i["input"], i["role"]) for i in d.get("items", [])],
          [("A.4", "lead"), ("A.5", "lead"), ("A.6", "lead"),
           ("7.1.a", "coordinator"), ("7.1.b", "coordinator")],
          "what cuc-thong-ke owes, then what it coordinates")
    ck.eq(d.get("counts", {}).get("missing"), 3, "three inputs to enter")
    ck.eq((d.get("deadline"), d.get("previous_period")),
          ("2023-12-20", "2022-demo"), "deadline and previous period")
    a4 = items(d).get("A.4", {})
    ck.eq((a4.get("kind"), a4.get("value"), a4.get("status"),
           a4.get("previous")),
          ("count", None, None,
           {"period": "2022-demo", "value": "600000", "value_shown": "600.000"}),
          "A.4 before entry, with last year's value")
    t71 = items(d).get("7.1.a", {})
    ck.eq((t71.get("unit"), t71.get("unit_en"), t71.get("read_only"),
           t71.get("lead")), ("tỷ đồng", "billion VND", True, "so-khdt"),
          "7.1.a: an amount in tỷ đồng, coordinated, read-only")
    ck.check("Tỷ lệ = a/b" in (t71.get("rule") or ""),
             "7.1.a carries the plan's rule", t71.get("rule"))
    r = srv.get(pp + "/worklist?agency=so-tttt", session=off)
    ck.status(r, 403, "an officer asking another agency's list")
    ck.error_code(r, "forbidden", "another agency's list")
    r = srv.get(pp + "/worklist", session=viewer)
    ck.status(r, 403, "a viewer has no work list")
    ck.error_code(r, "forbidden", "a viewer's work list")
    d = worklist(co, "?agency=so-tttt", what="the coordinator: so-tttt")
    ck.check(d.get("counts", {}).get("lead", 0) > 50,
             "so-tttt leads many inputs", d.get("counts"))
    one = items(d).get("1.1", {})
    ck.eq((one.get("kind"), one.get("evidence_required"),
           [o["code"] for o in one.get("options", [])]),
          ("choice", True, ["leader", "deputy", "none"]),
          "1.1: a choice that needs evidence, with its options")
    d = worklist(adm, what="the admin: every agency")
    ck.eq(d.get("agency"), None, "every agency's list has no agency")
    ck.check(len(d.get("items", [])) > 150 and all(
        i["role"] is None for i in d.get("items", [])),
        "every input, no role", len(d.get("items", [])))
    r = srv.get(pp + "/worklist?agency=nope", session=adm)
    ck.status(r, 400, "an unknown agency")
    ck.error_code(r, "worklist.agency", "an unknown agency")

    # -- a value 1.000 times last year's -------------------------------------
    r = put("A.4", "600000000")
    ck.status(r, 200, "A.4 = 1.000 times last year's")
    w = (r.json() or {}).get("warnings", [])
    ck.eq(sorted(x["code"] for x in w),
          ["plausibility.change", "plausibility.range"],
          "the PUT answers with both warnings")
    ck.check(any("gấp 1.000 lần giá trị kỳ trước (600.000)" in
                 x["message"]["vi"] for x in w), "the change, in Vietnamese",
             w)
    ck.check(any("1,000 times the previous period's value (600,000)" in
                 x["message"]["en"] for x in w), "the change, in English", w)
    r = srv.get(pp + "/values?unit=" + UNIT, session=adm)
    v = {x["input"]: x for x in (r.json() or {}).get("values", [])}
    ck.eq([x["code"] for x in v.get("A.4", {}).get("warnings", [])],
          [x["code"] for x in w], "the warnings are kept with the value")
    a4 = items(worklist(off)).get("A.4", {})
    ck.eq((a4.get("value"), a4.get("value_shown"), a4.get("status"),
           len(a4.get("warnings", []))),
          ("600000000", "600.000.000", "draft", 2),
          "the work list shows the value and its warnings")
    r = put("A.4", "610000")
    ck.eq((r.json() or {}).get("warnings"), [],
          "a plausible value: no warning")

    # -- consistency at submit -----------------------------------------------
    ck.status(put("A.5", "700000"), 200, "A.5 above A.4")
    ck.status(put("A.6", "150000"), 200, "A.6")
    n0 = srv.audit_count()
    r = submit({"agency": CTK}, off)
    ck.status(r, 409, "submit A.5 > A.4")
    ck.error_code(r, "submit.consistency", "submit A.5 > A.4")
    ck.check("A.5 = 700,000 is greater than A.4 = 610,000" in r.text(),
             "the error names both inputs", r.text()[:600])
    ck.eq(srv.audit_count(), n0, "a refused submission changes nothing")
    ck.status(put("A.5", "380000"), 200, "A.5 corrected")
    ck.status(submit({"agency": CTK}, off), 200, "submit cuc-thong-ke")

    # -- required evidence at submit -----------------------------------------
    ck.status(put("1.1", "leader", own), 200, "1.1")
    ck.status(put("3.3.a", "98000", own), 200, "3.3.a")
    r = submit({"agency": "so-tttt", "inputs": "1.1,3.3.a"}, own)
    ck.status(r, 409, "submit 1.1 without evidence")
    ck.error_code(r, "submit.evidence", "submit 1.1 without evidence")
    ck.check("1.1" in r.text() and "3.3.a has" not in r.text(),
             "the error names 1.1 alone", r.text()[:600])
    ck.status(evidence("1.1", own), 201, "evidence on 1.1")
    ck.status(submit({"agency": "so-tttt", "inputs": "1.1,3.3.a"}, own),
              200, "submit with evidence")

    # -- a coordinating agency: evidence and comments, never the value --------
    r = evidence("6.4.info", pv, "ý kiến: đã triển khai trên Zalo")
    ck.status(r, 201, "ttpvhcc adds evidence to 6.4.info (it coordinates)")
    ck.eq(srv.sql("SELECT agency, added_by FROM evidence WHERE note = ?",
                  ("ý kiến: đã triển khai trên Zalo",)),
          [("ttpvhcc", "cb-pvhcc")], "the item names its agency")
    r = put("6.4.info", "1", pv)
    ck.status(r, 403, "ttpvhcc writing 6.4.info's value")
    ck.error_code(r, "forbidden", "a coordinator's value")
    r = evidence("1.1", pv)
    ck.status(r, 403, "ttpvhcc on 1.1, which it does not coordinate")
    r = evidence("6.4.info", viewer)
    ck.status(r, 403, "a viewer's evidence")
    d = worklist(pv, what="ttpvhcc's list")
    it = items(d).get("6.4.info", {})
    ck.eq((it.get("role"), it.get("read_only"), it.get("evidence", {})
           .get("count")), ("coordinator", True, 1),
          "6.4.info in ttpvhcc's list: coordinated, one evidence item")
    ck.eq(it.get("evidence", {}).get("items", [{}])[0].get("agency"),
          "ttpvhcc", "the evidence item's agency")

    # -- approved values lacking required evidence ---------------------------
    r = srv.get(API + "/periods/2022-demo/values?missing_evidence=1",
                session=viewer)
    ck.status(r, 200, "the review list of missing evidence")
    d = r.json() or {}
    got = items(d)
    ck.check("1.1" in got and "3.3.a" not in got and all(
        i["status"] == "approved" and i["evidence_required"] and
        i["evidence"]["count"] == 0 for i in got.values()),
        "approved, evidence required, none", sorted(got)[:5])
    n = len(got)
    ck.status(evidence("1.1", adm, period="2022-demo"), 201, "evidence on 1.1")
    r = srv.get(API + "/periods/2022-demo/values?missing_evidence=1", session=adm)
    ck.eq(len((r.json() or {}).get("items", [])), n - 1,
          "one fewer once 1.1 has evidence")
    r = srv.get(API + "/periods/2022-demo/values?missing_evidence=2",
                session=adm)
    ck.status(r, 400, "missing_evidence=2")

    # -- the same document as the command line -------------------------------
    d = worklist(off)
    out = subprocess.run(
        [srv.dti, "worklist", "--db", srv.db, "--period", P, "--agency",
         CTK, "--format", "json"], stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, timeout=60, env=srv.env)
    ck.eq(out.returncode, 0, "dti worklist --format json")
    cli = json.loads(out.stdout.decode() or "{}")
    ck.eq(cli, d, "dti worklist --format json is the API's document")

    # -- imports and the consistency rules ------------------------------------
    bad = "unit,input,value\n%s,8.1.b,500000\n" % UNIT
    r = srv.request("POST", pp + "/import", body=bad, ctype="text/csv",
                    session=co)
    ck.status(r, 400, "an import breaking a rule")
    ck.error_code(r, "import.consistency", "an import breaking a rule")
    ck.check("A.4" in r.text() and "8.1.b" in r.text(),
             "the import's error names both inputs", r.text()[:600])
    n0 = srv.sql("SELECT count(*) FROM audit WHERE action = "
                 "'import.unchecked'")[0][0]
    r = srv.request("POST", pp + "/import?consistency=0", body=bad,
                    ctype="text/csv", session=co)
    ck.status(r, 200, "the coordinator imports it unchecked")
    ck.eq([x["code"] for x in (r.json() or {}).get("warnings", [])],
          ["import.consistency"], "the broken pair, as a warning")
    ck.eq(srv.sql("SELECT count(*) FROM audit WHERE action = "
                  "'import.unchecked' AND actor = 'sotttt'")[0][0], n0 + 1,
          "the unchecked import is in the audit log")
    r = srv.request("POST", pp + "/import?consistency=2", body=bad,
                    ctype="text/csv", session=co)
    ck.status(r, 400, "consistency=2")


if __name__ == "__main__":
    main("api.worklist", body)
