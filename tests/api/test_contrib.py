"""api.contrib: contributions over HTTP (issue 9), as tests/db/cli_contrib.sh
on the command line, with the officers' side the command line has not:

  - Ninh Hải's officer PUTs 1.9 at the province: its own part, implied
    (the answer names it); "part" naming its own agency is the same
  - it may not write the province's whole value, another district's part
    ("part": "ubnd-bac-ai"), nor a value of another district's unit: 403,
    nothing written; a department's officer may not write a part at all
  - GET .../values: an officer sees its own part and not the others'; the
    aggregate (computed) is public, with the parts the caller may see and
    the districts still missing; the coordinator sees every part
  - the aggregate is missing until every district answered, then all = 1;
    1.10 is the worst frequency; the scores follow the approved parts
  - evidence of a part is the member's: its officer attaches it without
    naming the part, sees only its own; the submission needs it
  - submit, approve and return per district; GET .../status lists each
    district with its parts; export ?parts=1 gives the parts file
  - a coordinator writes any district's part; "part" of an input that is
    not contributed, or of an agency that is not a member, is refused (400)
"""

import csv
import io
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from apilib import API, main, multipart  # noqa: E402

UNIT = "ninh-thuan"
P = "2060"
PP = API + "/periods/" + P
DISTRICTS = ("ubnd-phan-rang-thap-cham", "ubnd-bac-ai", "ubnd-ninh-hai",
             "ubnd-ninh-phuoc", "ubnd-ninh-son", "ubnd-thuan-bac",
             "ubnd-thuan-nam")
PASSWORD = "mat-khau-bac-ai-2060"


def body(ck, srv):
    adm = srv.must_login("admin")
    co = srv.must_login("sotttt")
    nh = srv.must_login("cb-ninhhai")  # ubnd-ninh-hai
    dep = srv.must_login("cb-sotttt")  # a department
    lead = srv.must_login("lanhdao")  # a viewer
    r = srv.request("POST", API + "/users", session=adm,
                    json_body={"login": "cb-bacai", "role": "officer",
                               "agency": "ubnd-bac-ai",
                               "password": PASSWORD})
    ck.status(r, 201, "an officer of ubnd-bac-ai")
    srv.passwords["cb-bacai"] = PASSWORD
    srv.secrets.add(PASSWORD)
    ba = srv.must_login("cb-bacai")
    ck.status(srv.request("POST", API + "/periods", session=adm,
                          json_body={"code": P}), 201, "open " + P)
    # one approved value: the province is a unit of every round
    ck.status(srv.request("POST", PP + "/import?status=approved",
                          body="unit,input,value\n%s,1.1,leader\n" % UNIT,
                          ctype="text/csv", session=co), 200,
              "import 1.1 approved")

    def put(who, inp, val, unit=UNIT, part=None):
        js = {"value": val}
        if part is not None:
            js["part"] = part
        return srv.request("PUT", PP + "/values/%s/%s" % (unit, inp),
                           json_body=js, session=who)

    def values(who, unit=UNIT):
        r = srv.get(PP + "/values?unit=" + unit, session=who)
        ck.status(r, 200, "values as %s" % who.login)
        return (r.json() or {}).get("values", [])

    def aggregate(who, inp):
        rows = [v for v in values(who) if v["input"] == inp
                and v.get("computed")]
        ck.eq(len(rows), 1, "one aggregate of %s as %s" % (inp, who.login))
        return rows[0] if rows else {}

    def parts_of(who, inp):
        return sorted(v["part"] for v in values(who)
                      if v["input"] == inp and v["part"])

    def score(code, drafts=False):
        r = srv.get(PP + "/scores" + ("?drafts=1" if drafts else ""),
                    session=lead)
        ck.status(r, 200, "scores")
        j = r.json() or {}
        rows = j.get("rows", [])
        for x in rows:
            if x.get("unit") == UNIT and x.get("code") == code:
                return x.get("score"), x.get("status")
        return None, None

    def post(what, js, who):
        return srv.request("POST", PP + "/" + what, json_body=js, session=who)

    def nvalues():
        return srv.sql("SELECT count(*) FROM value")[0][0]

    # -- Ninh Hải enters its own part; the part is implied ------------------
    r = put(nh, "1.9", "1")
    ck.status(r, 200, "Ninh Hải PUTs 1.9 at the province")
    ck.eq((r.json() or {}).get("part"), "ubnd-ninh-hai",
          "the answer names the part written")
    r = put(nh, "1.9", "1", part="ubnd-ninh-hai")
    ck.status(r, 200, "naming its own part is the same")
    ck.eq(srv.sql("SELECT count(*) FROM value v JOIN period p ON "
                  "p.id = v.period WHERE p.code = ? AND v.input = '1.9' AND "
                  "v.archived = 0", (P,))[0][0], 1, "one current part")
    ck.status(put(ba, "1.9", "0"), 200, "Bác Ái PUTs its part")

    # -- what an officer may not write --------------------------------------
    for who, inp, val, unit, part, what in (
            (nh, "1.9", "1", UNIT, "ubnd-bac-ai", "another district's part"),
            (nh, "1.9", "1", UNIT, "", "the province's whole value"),
            (nh, "1.9", "1", "bac-ai", None, "another district's unit"),
            (nh, "1.10", "weekly", "bac-ai", "ubnd-ninh-hai",
             "its part at another unit"),
            (dep, "1.9", "1", UNIT, None, "a department: no part of 1.9"),
            (lead, "1.9", "1", UNIT, None, "a viewer")):
        before = nvalues()
        r = put(who, inp, val, unit, part)
        ck.status(r, 403, "%s: %s" % (who.login, what))
        ck.error_code(r, "forbidden", "%s: %s" % (who.login, what))
        ck.eq(nvalues(), before, "%s: %s: nothing written" %
              (who.login, what))
    r = put(nh, "1.9", "1", part="ubnd-bac-ai")
    ck.check("ubnd-bac-ai" in r.text() and "--" not in r.text(),
             "the refusal names the other part, and no option",
             r.text()[:400])
    # the coordinator: any part; not a member, not contributed: 400
    ck.status(put(co, "1.9", "1", part="ubnd-ninh-phuoc"), 200,
              "the coordinator writes Ninh Phước's part")
    for inp, part, what in (("1.9", "so-tttt", "a department"),
                            ("1.9", "ubnd-huyen", "the collective itself"),
                            ("1.1", "ubnd-bac-ai", "1.1, not contributed")):
        before = nvalues()
        r = put(co, inp, "1" if inp == "1.9" else "leader", part=part)
        ck.status(r, 400, "part %s of %s (%s)" % (part, inp, what))
        ck.error_code(r, "contrib.part", "part %s of %s" % (part, inp))
        ck.eq(nvalues(), before, "part %s of %s: nothing written" %
              (part, inp))
    # the whole value beside parts: 409 naming who has a part
    r = put(co, "1.9", "1")
    ck.status(r, 409, "the coordinator's whole value beside parts")
    ck.error_code(r, "contrib.conflict", "whole beside parts")
    ck.check("ubnd-ninh-hai" in r.text(), "names a district with a part",
             r.text()[:400])

    # -- who sees what --------------------------------------------------------
    ck.eq(parts_of(nh, "1.9"), ["ubnd-ninh-hai"],
          "Ninh Hải sees its own part only")
    ck.eq(parts_of(ba, "1.9"), ["ubnd-bac-ai"], "Bác Ái sees its own part")
    ck.eq(parts_of(co, "1.9"), ["ubnd-bac-ai", "ubnd-ninh-hai",
                                "ubnd-ninh-phuoc"],
          "the coordinator sees every part")
    ck.eq(parts_of(lead, "1.9"), ["ubnd-bac-ai", "ubnd-ninh-hai",
                                  "ubnd-ninh-phuoc"],
          "a viewer (the leaders) sees every part")
    a = aggregate(nh, "1.9")
    ck.eq((a.get("value"), a.get("complete"), a.get("aggregate"),
           a.get("members"), a.get("answered"), a.get("part")),
          (None, False, "all", 7, 3, ""),
          "the aggregate of 3 parts of 7: missing")
    ck.eq([p["agency"] for p in a.get("parts", [])], ["ubnd-ninh-hai"],
          "the aggregate shows Ninh Hải its own part only")
    ck.eq(a.get("missing"), ["ubnd-phan-rang-thap-cham", "ubnd-ninh-son",
                             "ubnd-thuan-bac", "ubnd-thuan-nam"],
          "the districts still missing")
    a = aggregate(co, "1.9")
    ck.eq(sorted((p["agency"], p["value"]) for p in a.get("parts", [])),
          [("ubnd-bac-ai", "0"), ("ubnd-ninh-hai", "1"),
           ("ubnd-ninh-phuoc", "1")], "the coordinator's aggregate parts")
    # another district's values are not in its list either
    ck.check(all(v["part"] in ("", "ubnd-ninh-hai") for v in values(nh)),
             "Ninh Hải's list holds no other district's part")

    # -- complete: all = 1 once every district said yes -----------------------
    for d in DISTRICTS:
        if d not in ("ubnd-ninh-hai", "ubnd-bac-ai"):
            ck.status(put(co, "1.9", "1", part=d), 200, "1.9 of " + d)
    ck.eq(aggregate(lead, "1.9").get("value"), "0", "all: Bác Ái said no")
    ck.status(put(ba, "1.9", "1"), 200, "Bác Ái corrects its part")
    a = aggregate(lead, "1.9")
    ck.eq((a.get("value"), a.get("complete"), a.get("missing")),
          ("1", True, []), "all = 1")
    ck.eq(score("1.9", drafts=True), (10, "ok"), "1.9 with drafts")
    ck.eq(score("1.9"), (0, "missing"), "1.9 officially: none approved")
    # 1.10: the worst frequency
    for d in DISTRICTS:
        ck.status(put(co, "1.10", "weekly", part=d), 200, "1.10 of " + d)
    ck.status(put(nh, "1.10", "monthly"), 200, "Ninh Hải: monthly")
    ck.eq(aggregate(co, "1.10").get("value"), "monthly", "worst: monthly")
    ck.eq(score("1.10", drafts=True), (5, "ok"), "1.10 at half points")

    # -- evidence of a part ---------------------------------------------------
    def evidence(who, inp, part=None, unit=UNIT):
        fields = [("doc_number", "12/BC-" + who.login)]
        if part is not None:
            fields.append(("part", part))
        ct, b = multipart(fields, [("file", "bb.pdf", "application/pdf",
                                    b"%PDF-1.4 bien ban")])
        return srv.request("POST", PP + "/values/%s/%s/evidence" %
                           (unit, inp), body=b, ctype=ct, session=who)

    r = post("submit", {"agency": "ubnd-ninh-hai", "inputs": "1.9,1.10"}, nh)
    ck.status(r, 409, "submit without the parts' evidence")
    ck.error_code(r, "submit.evidence", "submit without evidence")
    ck.status(evidence(nh, "1.9"), 201, "Ninh Hải's evidence of its part")
    ck.status(evidence(nh, "1.10", part="ubnd-ninh-hai"), 201,
              "naming its own part")
    ck.status(evidence(nh, "1.9", part="ubnd-bac-ai"), 403,
              "evidence of another district's part")
    ck.status(evidence(ba, "1.9"), 201, "Bác Ái's evidence")
    ck.eq(srv.sql("SELECT part, agency FROM evidence WHERE added_by = "
                  "'cb-ninhhai' ORDER BY id"),
          [("ubnd-ninh-hai", "ubnd-ninh-hai")] * 2,
          "Ninh Hải's evidence is of its part")
    r = srv.get(PP + "/values/%s/1.9/evidence" % UNIT, session=nh)
    ck.eq([e.get("part") for e in (r.json() or {}).get("evidence", [])],
          ["ubnd-ninh-hai"], "Ninh Hải lists its own evidence only")
    r = srv.get(PP + "/values/%s/1.9/evidence" % UNIT, session=co)
    ck.eq(sorted(e.get("part") for e in (r.json() or {}).get("evidence",
                                                              [])),
          ["ubnd-bac-ai", "ubnd-ninh-hai"], "the coordinator lists both")

    # -- submit, approve, return per district -----------------------------
    r = post("submit", {"agency": "ubnd-ninh-hai", "inputs": "1.9,1.10"}, nh)
    ck.status(r, 200, "Ninh Hải submits its parts")
    ck.status(post("submit", {"agency": "ubnd-bac-ai"}, nh), 403,
              "Ninh Hải submitting Bác Ái's parts")
    ck.status(put(nh, "1.9", "0"), 409, "a submitted part is locked")
    r = srv.get(PP + "/status", session=lead)
    st = {a["agency"]: a for a in (r.json() or {}).get("agencies", [])}
    ck.eq({k: st.get("ubnd-ninh-hai", {}).get(k) for k in
           ("inputs", "filled", "submitted", "missing")},
          {"inputs": 4, "filled": 2, "submitted": 2, "missing": 2},
          "Ninh Hải's status: its four parts")
    ck.eq(st.get("ubnd-huyen", {}).get("filled"), 2,
          "ubnd-huyen: 1.9 and 1.10 complete")
    ck.check(all(d in st for d in DISTRICTS), "every district has a row",
             sorted(st))
    r = post("submit", {"agency": "ubnd-bac-ai", "inputs": "1.9"}, ba)
    ck.status(r, 200, "Bác Ái submits 1.9")
    ck.status(post("approve", {"agency": "ubnd-bac-ai"}, nh), 403,
              "an officer approving")
    r = post("return", {"agency": "ubnd-bac-ai",
                        "comments": {"1.9": "Thiếu biên bản"}}, co)
    ck.status(r, 200, "the coordinator returns Bác Ái's part")
    r = srv.get(PP + "/status", session=ba)
    st = {a["agency"]: a for a in (r.json() or {}).get("agencies", [])}
    ck.eq([(x["input"], x["comment"]) for x in
           st.get("ubnd-bac-ai", {}).get("returned_values", [])],
          [("1.9", "Thiếu biên bản")], "Bác Ái reads its returned part")
    r = srv.get(PP + "/status", session=nh)
    st = {a["agency"]: a for a in (r.json() or {}).get("agencies", [])}
    ck.eq(st.get("ubnd-bac-ai", {}).get("returned_values"), [],
          "Ninh Hải does not read Bác Ái's returned part")
    ck.eq(st.get("ubnd-bac-ai", {}).get("returned"), 1,
          "but the count is public, as every status")
    ck.status(post("approve", {"agency": "ubnd-ninh-hai"}, co), 200,
              "the coordinator approves Ninh Hải's parts")
    ck.eq(srv.sql("SELECT agency, event, inputs FROM submission ORDER BY "
                  "id"),
          [("ubnd-ninh-hai", "submit", "1.9,1.10"),
           ("ubnd-bac-ai", "submit", "1.9"),
           ("ubnd-bac-ai", "return", "1.9"),
           ("ubnd-ninh-hai", "approve", "1.9,1.10")],
          "one submission event per district and step")

    # every district's parts approved: the official score
    for d in DISTRICTS:
        if d == "ubnd-ninh-hai":
            continue
        for inp in ("1.9", "1.10"):
            ck.status(evidence(co, inp, part=d), 201,
                      "evidence of %s's %s" % (d, inp))
        ck.status(post("submit", {"agency": d, "inputs": "1.9,1.10"}, co),
                  200, "submit " + d)
    ck.status(post("approve", {"inputs": "1.9,1.10"}, co), 200,
              "approve every part of 1.9 and 1.10")
    ck.eq(score("1.9"), (10, "ok"), "1.9 officially: all = 1")
    ck.eq(score("1.10"), (5, "ok"), "1.10 officially: monthly")

    # -- export: the province's value; ?parts=1 the parts --------------------
    r = srv.get(PP + "/export", session=lead)
    rows = list(csv.reader(io.StringIO(r.text())))
    ck.eq([x for x in rows if x[1] in ("1.9", "1.10")],
          [[UNIT, "1.9", "1"], [UNIT, "1.10", "monthly"]],
          "the export holds the aggregates, once each")
    r = srv.get(PP + "/export?parts=1", session=lead)
    ck.status(r, 200, "export ?parts=1")
    rows = list(csv.DictReader(io.StringIO(r.text())))
    ck.eq(len(rows), 14, "the parts file: seven districts, two inputs")
    ck.eq(sorted({x["status"] for x in rows}), ["approved"],
          "every part approved")
    ck.status(srv.get(PP + "/export?parts=2", session=lead), 400,
              "parts=2")
    r = srv.get(PP + "/export?parts=1", session=nh)
    rows = list(csv.DictReader(io.StringIO(r.text())))
    ck.eq(sorted({x["part"] for x in rows}), ["ubnd-ninh-hai"],
          "Ninh Hải's parts file holds its own parts only")


if __name__ == "__main__":
    main("api.contrib", body)
