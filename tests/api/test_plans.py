"""api.plans: plans as data over the API (issue 12). POST /plans loads a
plan file (YAML): a dry run writes nothing, loading it again is refused,
an officer may not; GET /tasks gives each agency's status and latest
note, GET /tasks/{code} the whole history; an officer of a district UBND
reports on the tasks of ubnd-huyen for its own agency only; GET /targets
compares a period with the targets of its year; a hand-entered target is
entered by its agency's officer and reviewed by the coordinator.
"""

import base64
import hashlib
import os
import sys
from urllib.parse import quote

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from apilib import API, main  # noqa: E402

PERIOD = "2022-demo"  # the demo period (its year: 2022)
P4233 = quote("4233/KH-UBND", safe="")
P2023 = "MINH-HOA-2023/KH-UBND"


def body(ck, srv):
    adm = srv.must_login("admin")
    co = srv.must_login("sotttt")
    nh = srv.must_login("cb-ninhhai")
    khdt = srv.must_login("cb-khdt")
    with open(os.path.join(srv.src, "plans", "ninh-thuan-2023-example.yaml"),
              "rb") as f:
        plan = f.read()

    # -- loading a plan ------------------------------------------------------
    r = srv.get(API + "/plans", session=nh)
    ck.status(r, 200, "GET /plans")
    ck.eq([p["code"] for p in (r.json() or {}).get("plans", [])],
          ["4233/KH-UBND"], "the plan of dti init")
    audit0 = srv.audit_count()
    r = srv.request("POST", API + "/plans?dry_run=1", body=plan,
                    ctype="application/yaml", session=adm)
    ck.status(r, 200, "a dry run")
    ck.eq(((r.json() or {}).get("tasks"), (r.json() or {}).get("targets"),
           (r.json() or {}).get("dry_run")), (12, 12, True), "dry run counts")
    ck.eq(srv.sql("SELECT count(*) FROM plan")[0][0], 1, "dry run: no plan")
    ck.eq(srv.audit_count(), audit0, "dry run: no audit entry")
    r = srv.request("POST", API + "/plans", body=plan,
                    ctype="application/yaml", session=nh)
    ck.status(r, 403, "an officer loads no plan")
    bad = plan.replace(b"lead: [so-ldtbxh]", b"lead: [so-khong-co]")
    r = srv.request("POST", API + "/plans", body=bad,
                    ctype="application/yaml", session=co)
    ck.status(r, 400, "a plan naming an unknown agency")
    ck.error_code(r, "plan.agency", "an unknown agency")
    ck.eq(srv.sql("SELECT count(*) FROM task")[0][0], 40,
          "a refused plan adds no task")
    r = srv.request("POST", API + "/plans", body=plan,
                    ctype="application/yaml", session=co)
    ck.status(r, 201, "the coordinator loads the 2023 example")
    r = srv.request("POST", API + "/plans", body=plan,
                    ctype="application/yaml", session=co)
    ck.status(r, 400, "the same plan again")
    ck.error_code(r, "plan.loaded", "the same plan again")
    ck.eq(srv.sql("SELECT count(*) FROM task")[0][0], 52, "40 + 12 tasks")

    # -- tasks per agency -----------------------------------------------------
    r = srv.get(API + "/tasks?plan=%s&agency=ubnd-ninh-hai" % P4233,
                session=nh)
    ck.status(r, 200, "GET /tasks of ubnd-ninh-hai")
    tasks = {t["code"]: t for t in (r.json() or {}).get("tasks", [])}
    ck.check("B.I.3" in tasks and "B.I.2" not in tasks,
             "ubnd-ninh-hai sees the ubnd-huyen tasks", sorted(tasks))
    ags = {a["agency"]: a for a in tasks.get("B.I.3", {}).get("agencies", [])}
    ck.eq((ags.get("ubnd-ninh-hai") or {}).get("via"), "ubnd-huyen",
          "through the collective")
    ck.eq(len(ags), 8, "B.I.3: seven district UBNDs and Sở TTTT")

    url = API + "/tasks/B.I.3/progress?plan=" + P4233
    r = srv.request("POST", url, session=nh,
                    json_body={"status": "in_progress", "note": "đang làm",
                               "doc": "5/UBND"})
    ck.status(r, 200, "ubnd-ninh-hai reports its own progress")
    r = srv.request("POST", url, session=nh,
                    json_body={"status": "done", "agency": "ubnd-bac-ai"})
    ck.status(r, 403, "but not another district's")
    r = srv.request("POST", url, session=khdt, json_body={"status": "done"})
    ck.status(r, 403, "nor an officer of an agency not on the task")
    r = srv.request("POST", API + "/tasks/B.I.3/progress", session=nh,
                    json_body={"status": "done"})
    ck.status(r, 400, "B.I.3 is in both plans: which one")
    ck.error_code(r, "task.ambiguous", "an ambiguous task code")
    r = srv.get(API + "/tasks/B.I.3?plan=" + P4233, session=nh)
    ck.status(r, 200, "GET /tasks/B.I.3")
    t = r.json() or {}
    ck.eq(t.get("status"), "in_progress", "derived from its leads")
    ck.eq([(h["agency"], h["status"], h["note"], h["doc"])
           for h in t.get("history", [])],
          [("ubnd-ninh-hai", "in_progress", "đang làm", "5/UBND")],
          "the history names the agency")
    ags = {a["agency"]: a for a in t.get("agencies", [])}
    ck.eq(((ags.get("ubnd-ninh-hai") or {}).get("status"),
           (ags.get("ubnd-ninh-hai") or {}).get("note"),
           (ags.get("ubnd-bac-ai") or {}).get("status")),
          ("in_progress", "đang làm", "not_started"), "per-agency statuses")
    r = srv.get(API + "/tasks?year=2023", session=nh)
    ck.eq(len((r.json() or {}).get("tasks", [])), 12, "the tasks of 2023")

    # -- targets per year ---------------------------------------------------------
    r = srv.get(API + "/targets?period=" + PERIOD, session=nh)
    ck.status(r, 200, "GET /targets of the demo period")
    j = r.json() or {}
    ck.eq((j.get("year"), j.get("plans"), len(j.get("targets", []))),
          (2022, ["4233/KH-UBND"], 14), "the demo period: 2022's targets")
    ck.status(srv.request("POST", API + "/periods", json_body={"code": "2023"},
                          session=adm), 201, "open 2023")
    r = srv.get(API + "/targets?period=2023", session=nh)
    j = r.json() or {}
    ck.eq((j.get("year"), j.get("plans"), len(j.get("targets", []))),
          (2023, [P2023], 12), "2023 is compared with 2023's targets")

    # -- a hand-entered target -------------------------------------------------
    r = srv.request("POST", API + "/users", session=adm,
                    json_body={"login": "cb-thue", "role": "officer",
                               "agency": "cuc-thue",
                               "password": "mot-mat-khau-dai-7"})
    ck.status(r, 201, "an officer of Cục Thuế")
    srv.passwords["cb-thue"] = "mot-mat-khau-dai-7"
    thue = srv.must_login("cb-thue")
    t = API + "/targets/e-invoices/"
    q = "?plan=" + quote(P2023, safe="")

    def step(sess, name, js, want, what):
        r = srv.request("POST", t + name + q, session=sess, json_body=js)
        ck.status(r, want, what)
        return r

    step(khdt, "value", {"value": 0.9}, 403, "Sở KH&ĐT enters no e-invoices")
    step(thue, "value", {"value": "x"}, 400, "a value is a number")
    step(thue, "value", {"value": 0.93, "file_base64": "@@@"}, 400,
         "evidence that is not base64")
    proof = b"hoa don dien tu 2023\n"
    r = step(thue, "value", {"value": 0.93, "doc": "9/CT",
                             "file_base64": base64.b64encode(proof).decode()},
             200, "Cục Thuế enters it, with its evidence")
    ck.eq((r.json() or {}).get("status"), "draft", "a draft")
    step(thue, "submit", {}, 200, "and submits it")
    step(thue, "approve", {}, 403, "but does not approve it")
    step(co, "return", {}, 400, "a return needs a comment")
    step(co, "return", {"comment": "thiếu tháng 12"}, 200, "returned")
    step(thue, "submit", {"note": "đã bổ sung"}, 200, "submitted again")
    step(co, "approve", {}, 200, "approved")
    step(co, "approve", {}, 409, "approved twice")
    r = srv.get(API + "/targets?period=2023", session=nh)
    g = [x for x in (r.json() or {}).get("targets", [])
         if x["code"] == "e-invoices"]
    ck.eq([(x["manual"], x["agency"], x["review"], x["value"], x["state"])
           for x in g], [(True, "cuc-thue", "approved", 0.93, "not_met")],
          "the entered value against the target")
    r = srv.get(t + "history" + q, session=nh)
    ck.eq([(h["status"], h["current"]) for h in
           (r.json() or {}).get("history", [])],
          [("draft", False), ("submitted", False), ("returned", False),
           ("submitted", False), ("approved", True)], "its history")
    ck.eq(srv.sql("SELECT count(*) FROM audit WHERE entity = 'target'")[0][0],
          5, "each step audited")
    sha = hashlib.sha256(proof).hexdigest()
    ck.eq([h.get("file_sha256") for h in (r.json() or {}).get("history", [])],
          [sha] * 5, "the evidence kept with every version")
    r = srv.get(API + "/files/" + sha, session=co)
    ck.status(r, 200, "the evidence from the file store")
    ck.eq(r.body, proof, "the evidence's bytes")


if __name__ == "__main__":
    main("api.plans", body)
