"""api.org: the organisation, versioned (docs/organisation.md), through the
API on the demo database.

- every write route refuses the coordinator, the viewer and an officer
  (403, nothing logged, nothing changed); the admin's refused edits give
  their error (unknown 404, exists 409, into itself, into an inactive
  agency, a date before the agency exists, a bad date: 400) and change
  nothing;
- POST /org/load?dry_run=1 with data/khanh-hoa-2025.yaml lists the changes
  and leaves the database dump-identical; the real load applies the same
  changes;
- a 2026 period afterwards: its status names Sở KH&CN, not Sở TTTT; the
  officer of Sở TTTT owes nothing and may write nothing (its agency is
  merged: not even in 2023, which it wrote before the merger), an officer of
  Sở KH&CN sees 3.3.a in its work list and writes it, onto Khánh Hòa;
- GET /agencies and /units ?at=: the organisation of a day (names then,
  districts gone in 2026); the lineage of khanh-hoa lists both
  predecessors, Ninh Thuận with its period.
"""

import os
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from apilib import API, main  # noqa: E402

PERIOD = "2022-demo"  # the demo period
NEW = "2026"

WRITES = [
    ("POST", "/agencies", {"code": "so-moi", "name": "Sở mới",
                           "kind": "department"}),
    ("PATCH", "/agencies/so-y-te", {"name": "Sở Y tế mới"}),
    ("POST", "/agencies/so-y-te/deactivate", {}),
    ("POST", "/agencies/so-y-te/reactivate", {}),
    ("POST", "/agencies/so-y-te/merge", {"into": "so-khcn"}),
    ("POST", "/agencies/cac-so-nganh/members", {"member": "bao-ninh-thuan"}),
    ("POST", "/agencies/cac-so-nganh/members/remove", {"member": "so-y-te"}),
    ("POST", "/units", {"code": "xa-moi", "name": "Xã mới",
                        "level": "commune", "parent": "ninh-thuan"}),
    ("PATCH", "/units/bac-ai", {"name": "Huyện Bác Ái mới"}),
    ("POST", "/units/bac-ai/deactivate", {}),
    ("POST", "/units/bac-ai/reactivate", {}),
    ("POST", "/units/bac-ai/merge", {"into": "ninh-son"}),
]


def dump(path):
    c = sqlite3.connect(path)
    try:
        return "\n".join(c.iterdump())
    finally:
        c.close()


def codes(r, key):
    return [x["code"] for x in (r.json() or {}).get(key, [])]


def body(ck, srv):
    admin = srv.must_login("admin")
    others = {"coordinator": srv.must_login("sotttt"),
              "viewer": srv.must_login("lanhdao"),
              "officer": srv.must_login("cb-sotttt")}

    def changes():
        return srv.sql("SELECT count(*) FROM org_change")[0][0]

    # --- before: Ninh Thuận's agencies, each active from the beginning
    r = srv.get(API + "/agencies", session=admin)
    ck.status(r, 200, "GET /agencies")
    ags = {a["code"]: a for a in r.json()["agencies"]}
    ck.eq(len(ags), 46, "the agencies of data/ninh-thuan.yaml")
    ck.eq((ags["so-tttt"]["active_to"], ags["so-tttt"]["successor"]),
          (None, None), "so-tttt is active, merged into nothing")

    # --- no role but the admin changes the organisation
    base = dump(srv.db)
    for role, sess in others.items():
        for method, path, jb in WRITES:
            r = srv.request(method, API + path, json_body=jb, session=sess)
            ck.status(r, 403, "%s %s %s" % (role, method, path))
            ck.error_code(r, "forbidden", "%s %s" % (role, path))
        with open(os.path.join(srv.src, "data", "khanh-hoa-2025.yaml"),
                  "rb") as f:
            r = srv.request("POST", API + "/org/load?dry_run=1",
                            body=f.read(), ctype="application/yaml",
                            session=sess)
        ck.status(r, 403, "%s POST /org/load" % role)
    ck.eq(dump(srv.db), base, "the refused writes changed nothing")

    # --- the admin's refused edits: their errors, nothing changed
    refused = [
        ("POST", "/agencies/so-y-te/merge", {"into": "so-y-te"}, 400,
         "org.self"),
        ("POST", "/agencies/so-y-te/merge", {"into": "khong-co"}, 404,
         "org.unknown"),
        ("PATCH", "/agencies/khong-co", {"name": "X"}, 404, "org.unknown"),
        ("POST", "/agencies", {"code": "so-y-te", "name": "Sở Y tế",
                               "kind": "department"}, 409, "org.exists"),
        ("POST", "/agencies", {"code": "so-x", "name": "X", "kind": "sở"},
         400, "org.kind"),
        ("POST", "/agencies/so-y-te/deactivate", {"effective": "31/02/2026"},
         400, "org.date"),
        ("POST", "/agencies/so-y-te/reactivate", {}, 400, "org.active"),
        ("POST", "/agencies/so-y-te/merge", {}, 400, None),
        ("POST", "/units/bac-ai/merge", {"into": "bac-ai"}, 400, "org.self"),
    ]
    for method, path, jb, st, code in refused:
        before = srv.audit_count()
        r = srv.request(method, API + path, json_body=jb, session=admin)
        ck.status(r, st, "admin %s %s %s" % (method, path, jb))
        if code is not None:
            ck.eq(((r.json() or {}).get("error") or {}).get("code"), code,
                  "admin %s %s: error code" % (method, path))
        msg = ((r.json() or {}).get("error") or {}).get("message") or {}
        ck.check(msg.get("vi") and msg.get("en"),
                 "%s %s: a bilingual message" % (method, path), r.body)
        ck.eq(srv.audit_count(), before, "%s %s: no audit row" %
              (method, path))
    ck.eq(dump(srv.db), base, "the admin's refused edits changed nothing")

    # --- a real year before the merger: so-tttt's officer writes 2023
    r = srv.request("POST", API + "/periods", json_body={"code": "2023"},
                    session=admin)
    ck.status(r, 201, "open 2023")
    r = srv.request("PUT", API + "/periods/2023/values/ninh-thuan/3.3.a",
                    json_body={"value": "5"}, session=others["officer"])
    ck.status(r, 200, "so-tttt officer writes 2023 before the merger")
    base = dump(srv.db)

    # --- the merger, dry then real
    with open(os.path.join(srv.src, "data", "khanh-hoa-2025.yaml"),
              "rb") as f:
        org = f.read()
    r = srv.request("POST", API + "/org/load?dry_run=1", body=org,
                    ctype="application/yaml", session=admin)
    ck.status(r, 200, "POST /org/load?dry_run=1")
    dry = (r.json() or {}).get("changes", [])
    ck.eq((r.json() or {}).get("dry_run"), True, "the answer says dry run")
    ck.check(any(c["kind"] == "merge" and c["code"] == "so-tttt" and
                 c["new"] == "so-khcn" and c["effective"] == "2025-03-01"
                 for c in dry), "dry run: so-tttt into so-khcn", dry)
    ck.check(any(c["kind"] == "deactivate" and c["code"] == "bac-ai"
                 for c in dry), "dry run: bac-ai ends", dry)
    ck.eq(dump(srv.db), base, "a dry run changes nothing")
    r = srv.request("POST", API + "/org/load", body=b"agencies: [",
                    ctype="application/yaml", session=admin)
    ck.status(r, 400, "a broken file")
    ck.eq(dump(srv.db), base, "a broken file changes nothing")
    r = srv.request("POST", API + "/org/load", body=org,
                    ctype="application/yaml", session=admin)
    ck.status(r, 200, "POST /org/load")
    ck.eq(r.json()["changes"], dry, "the load applied what the dry run "
          "listed")
    ck.eq(changes(), len(dry), "one logged change each")
    r = srv.get(API + "/org/changes", session=others["viewer"])
    ck.status(r, 200, "GET /org/changes (viewer)")
    ck.eq(len(r.json()["changes"]), len(dry), "the change log")

    # --- the organisation of a day
    r = srv.get(API + "/agencies?at=2026-01-01", session=admin)
    at26 = {a["code"]: a for a in r.json()["agencies"]}
    ck.check("so-tttt" not in at26 and "so-khcn" in at26 and
             "so-nnmt" in at26, "2026: so-khcn and so-nnmt, no so-tttt")
    ck.eq(at26["ubnd-tinh"]["name"], "Ủy ban nhân dân tỉnh Khánh Hòa",
          "2026: UBND tỉnh Khánh Hòa")
    r = srv.get(API + "/agencies?at=30/06/2022", session=admin)
    at22 = {a["code"]: a for a in r.json()["agencies"]}
    ck.eq(at22["ubnd-tinh"]["name"], "Ủy ban nhân dân tỉnh Ninh Thuận",
          "2022: UBND tỉnh Ninh Thuận")
    ck.check("so-tttt" in at22 and "so-nnmt" not in at22,
             "2022: so-tttt, no so-nnmt")
    r = srv.get(API + "/agencies?at=2026-13-01", session=admin)
    ck.status(r, 400, "a bad ?at=")
    u26 = codes(srv.get(API + "/units?at=2026-01-01", session=admin),
                "units")
    ck.check("khanh-hoa" in u26 and "bac-ai" not in u26 and
             "ninh-thuan" not in u26, "2026 units", u26)
    u22 = codes(srv.get(API + "/units?at=2022-01-01", session=admin),
                "units")
    ck.check("ninh-thuan" in u22 and "bac-ai" in u22 and
             "khanh-hoa" not in u22, "2022 units", u22)

    # --- a period after the merger
    r = srv.request("POST", API + "/periods", json_body={"code": NEW},
                    session=admin)
    ck.status(r, 201, "open " + NEW)
    st = [a["agency"] for a in
          (srv.get(API + "/periods/%s/status" % NEW, session=admin).json()
           or {}).get("agencies", [])]
    ck.check("so-khcn" in st and "so-tttt" not in st and
             "so-khdt" not in st, "2026 status: successors", st)
    st = [a["agency"] for a in
          (srv.get(API + "/periods/%s/status" % PERIOD,
                   session=admin).json() or {}).get("agencies", [])]
    ck.check("so-tttt" in st and "so-khcn" not in st,
             "2022 status: as it was", st)
    off = others["officer"]
    r = srv.get(API + "/periods/%s/worklist" % NEW, session=off)
    ck.status(r, 200, "so-tttt officer's 2026 work list")
    ck.eq([i for i in r.json().get("items", [])
           if i.get("role") == "lead"], [],
          "so-tttt leads nothing in 2026")
    r = srv.request("PUT", API + "/periods/%s/values/khanh-hoa/3.3.a" % NEW,
                    json_body={"value": "1"}, session=off)
    ck.status(r, 403, "so-tttt officer writes nothing in 2026")
    r = srv.request("PUT", API + "/periods/2023/values/ninh-thuan/3.3.a",
                    json_body={"value": "6"}, session=off)
    ck.status(r, 403, "the merged so-tttt's officer acts no more (2023)")
    r = srv.request("POST", API + "/users", session=admin,
                    json_body={"login": "cb-khcn", "role": "officer",
                               "agency": "so-khcn",
                               "password": "mot-mat-khau-dai-khcn"})
    ck.status(r, 201, "an officer of so-khcn")
    srv.passwords["cb-khcn"] = "mot-mat-khau-dai-khcn"
    khcn = srv.must_login("cb-khcn")
    r = srv.get(API + "/periods/%s/worklist" % NEW, session=khcn)
    ck.status(r, 200, "so-khcn officer's 2026 work list")
    ck.check(any(i.get("input") == "3.3.a" and i.get("role") == "lead"
                 for i in r.json().get("items", [])),
             "so-khcn leads 3.3.a in 2026")
    r = srv.request("PUT", API + "/periods/%s/values/khanh-hoa/3.3.a" % NEW,
                    json_body={"value": "42"}, session=khcn)
    ck.status(r, 200, "so-khcn officer writes 3.3.a in 2026")
    r = srv.request("PUT",
                    API + "/periods/%s/values/ninh-thuan/3.3.a" % PERIOD,
                    json_body={"value": "42"}, session=khcn)
    ck.status(r, 403, "so-khcn officer does not write so-tttt's 2022")
    # no account joins a merged agency: neither a new one nor a changed one
    r = srv.request("POST", API + "/users", session=admin,
                    json_body={"login": "cb-tttt-moi", "role": "officer",
                               "agency": "so-tttt",
                               "password": "mot-mat-khau-dai-tttt"})
    ck.status(r, 400, "a new officer of the merged so-tttt")
    r = srv.request("PATCH", API + "/users/cb-khcn", session=admin,
                    json_body={"role": "officer", "agency": "so-tttt"})
    ck.status(r, 400, "cb-khcn moved to the merged so-tttt")
    ck.eq(srv.sql("SELECT agency FROM account WHERE login = 'cb-khcn'"),
          [("so-khcn",)], "cb-khcn keeps so-khcn")

    # --- lineage
    r = srv.get(API + "/units/khanh-hoa/lineage", session=others["viewer"])
    ck.status(r, 200, "GET /units/khanh-hoa/lineage")
    lin = {u["code"]: u for u in r.json()["units"]}
    ck.eq(sorted(lin), ["khanh-hoa", "khanh-hoa-cu", "ninh-thuan"],
          "khanh-hoa and its predecessors")
    ck.eq(lin["ninh-thuan"]["merged_on"], "2025-07-01", "merged on")
    ck.check(PERIOD in lin["ninh-thuan"]["periods"],
             "Ninh Thuận's demo period", lin["ninh-thuan"])
    ck.check(NEW in lin["khanh-hoa"]["periods"], "Khánh Hòa's 2026")
    r = srv.get(API + "/units/khong-co/lineage", session=admin)
    ck.status(r, 404, "lineage of no unit")


if __name__ == "__main__":
    main("api.org", body)
