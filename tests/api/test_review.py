"""api.review: the review workflow over HTTP (issue 9, "Data officials can
trust"), as tests/db/cli_review.sh on the command line.

  - a partial submission ("inputs") is checked for those inputs only; the
    whole set ("agency" alone) for every input the agency leads
  - a return needs a comment: one for all ("comment") or one per input
    ("comments": {"A.5": "..."}); it is stored on the value, shown by
    GET .../values and GET .../status until the value is changed
  - a returned value can be sent back unchanged
  - GET .../status: returned counts, submitted_first/_last, approved_at
    (ISO 8601 UTC), on_time and late recorded at submission for good; a
    closed period has nobody overdue
  - GET /audit?period=&agency=&unit=&input=: each entry names its period
  - the messages name no command-line option
"""

import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from apilib import API, main  # noqa: E402

UNIT = "ninh-thuan"
CTK = "cuc-thong-ke"  # leads A.4, A.5, A.6
ISO = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


def body(ck, srv):
    adm = srv.must_login("admin")
    co = srv.must_login("sotttt")
    off = srv.must_login("cb-thongke")

    def pp(period):
        return API + "/periods/" + period

    def post(period, what, js, session):
        return srv.request("POST", pp(period) + "/" + what, json_body=js,
                           session=session)

    def put(period, inp, val, session=off):
        return srv.request("PUT", pp(period) + "/values/%s/%s" % (UNIT, inp),
                           json_body={"value": val}, session=session)

    def values(period):
        r = srv.get(pp(period) + "/values?unit=" + UNIT, session=adm)
        ck.status(r, 200, "values of " + period)
        return {v["input"]: v for v in (r.json() or {}).get("values", [])}

    def status(period, agency=CTK):
        r = srv.get(pp(period) + "/status", session=adm)
        ck.status(r, 200, "status of " + period)
        for a in (r.json() or {}).get("agencies", []):
            if a["agency"] == agency:
                return a
        ck.check(False, "%s in the status of %s" % (agency, period))
        return {}

    def no_flags(r, what):
        """The answer's messages name no command-line option."""
        ck.check("--" not in r.text(), "%s: no '--option' in the message"
                 % what, r.text()[:400])

    # 2090: the deadline is ahead; 2091: it has passed
    for code, due in (("2090", "2090-12-20"), ("2091", "2020-12-20")):
        ck.status(srv.request("POST", API + "/periods",
                              json_body={"code": code, "agency_due": due},
                              session=adm), 201, "open " + code)
    for inp, val in (("A.4", "595000"), ("A.5", "380000")):
        ck.status(put("2090", inp, val), 200, "the officer sets " + inp)

    # -- submission: the whole set, or a chosen part -----------------------
    before = srv.audit_count()
    r = post("2090", "submit", {"agency": CTK}, off)
    ck.status(r, 409, "submit with A.6 missing")
    ck.error_code(r, "submit.missing", "submit with A.6 missing")
    ck.check("A.6" in r.text() and "A.4" not in r.text(),
             "the refusal names A.6 only", r.text()[:400])
    r = post("2090", "submit", {"agency": CTK, "inputs": "A.4,A.6"}, off)
    ck.status(r, 409, "a partial submission naming A.6, which has no value")
    r = post("2090", "submit", {"agency": CTK, "inputs": "A.4,3.3.a"}, off)
    ck.status(r, 400, "a partial submission naming so-tttt's 3.3.a")
    ck.error_code(r, "review.owner", "3.3.a is not cuc-thong-ke's")
    ck.eq(srv.audit_count(), before, "the refused submissions log nothing")
    ck.eq(srv.sql("SELECT count(*) FROM submission")[0][0], 0,
          "the refused submissions record nothing")
    r = post("2090", "submit", {"agency": CTK, "inputs": "A.4"}, off)
    ck.status(r, 200, "a partial submission of A.4")
    a = status("2090")
    ck.eq((a.get("submitted"), a.get("draft"), a.get("missing"),
           a.get("on_time"), a.get("late")), (1, 1, 1, False, False),
          "after the partial submission: sent, not yet on time or late")
    ck.check(ISO.match(a.get("submitted_first") or ""),
             "submitted_first is ISO 8601 UTC", a)
    ck.eq(a.get("approved_at"), None, "approved_at before any approval")
    ck.status(put("2090", "A.6", "155000"), 200, "the officer sets A.6")
    ck.status(post("2090", "submit", {"agency": CTK}, off), 200,
              "submit the whole set")
    a = status("2090")
    ck.eq((a.get("submitted"), a.get("on_time"), a.get("late")),
          (3, True, False), "the whole set was sent on time")
    ck.eq(srv.sql("SELECT event, inputs, count, partial, late, by FROM"
                  " submission ORDER BY id"),
          [("submit", "A.4", 1, 1, 0, "cb-thongke"),
           ("submit", "A.5,A.6", 2, 0, 0, "cb-thongke")],
          "the submission events")

    # -- return: comments, one for all or one per input ---------------------
    before = srv.audit_count()
    r = post("2090", "return", {"inputs": "A.5"}, co)
    ck.status(r, 400, "a return without a comment")
    ck.error_code(r, "review.reason", "a return without a comment")
    ck.eq((r.json() or {}).get("error", {}).get("message", {}).get("en"),
          "a comment is required", "the message of a return without one")
    no_flags(r, "a return without a comment")
    r = post("2090", "return", {"inputs": "A.5,A.6",
                                "comments": {"A.5": "sai số"}}, co)
    ck.status(r, 400, "a return with a comment for A.5 only")
    ck.check("A.6" in r.text(), "the refusal names A.6", r.text()[:400])
    r = post("2090", "return", {"inputs": "A.4", "comment": "x",
                                "comments": {"A.5": "y"}}, co)
    ck.status(r, 400, "a comment for A.5, which is not returned")
    ck.error_code(r, "review.comment", "a comment for A.5 alone")
    for bad in ("sai", {"A.5": 3}, ["A.5"]):
        r = post("2090", "return", {"inputs": "A.5", "comments": bad}, co)
        ck.status(r, 400, "comments %r" % (bad,))
        ck.error_code(r, "bad_field", "comments %r" % (bad,))
    r = post("2090", "submit", {"agency": CTK, "comments": {"A.5": "x"}},
             off)
    ck.status(r, 400, "comments on a submission")
    ck.eq(srv.audit_count(), before, "the refused returns log nothing")
    ck.eq({k: v["status"] for k, v in values("2090").items()},
          {"A.4": "submitted", "A.5": "submitted", "A.6": "submitted"},
          "nothing was returned")
    r = post("2090", "return", {"inputs": "A.5,A.6", "comment": "kiểm tra",
                                "comments": {"A.5": "sai số"}}, co)
    ck.status(r, 200, "return A.5 and A.6 with comments")
    v = values("2090")
    ck.eq([(v[i]["status"], v[i]["comment"]) for i in ("A.4", "A.5", "A.6")],
          [("submitted", ""), ("returned", "sai số"),
           ("returned", "kiểm tra")], "the values with their comments")
    r = srv.get(pp("2090") + "/values?status=returned", session=off)
    ck.eq(sorted(x["input"] for x in (r.json() or {}).get("values", [])),
          ["A.5", "A.6"], "values?status=returned")
    a = status("2090")
    ck.eq((a.get("returned"), a.get("submitted"), a.get("on_time")),
          (2, 1, True), "the status after the return")
    ck.eq(a.get("returned_values"),
          [{"input": "A.5", "value": "380000", "comment": "sai số"},
           {"input": "A.6", "value": "155000", "comment": "kiểm tra"}],
          "the status lists the returned values with their comments")
    # the comments alone name what is returned: A.4 now
    r = post("2090", "return", {"comments": {"A.4": "đơn vị tính"}}, co)
    ck.status(r, 200, "return A.4 by its comment alone")
    ck.eq(values("2090")["A.4"]["comment"], "đơn vị tính", "A.4's comment")

    r = post("2090", "reopen-values", {"inputs": "A.4"}, co)
    ck.status(r, 400, "reopen without a reason")
    ck.eq((r.json() or {}).get("error", {}).get("message", {}).get("en"),
          "a reason is required to reopen", "reopen without a reason")
    no_flags(r, "reopen without a reason")

    # -- sent back unchanged, or corrected ----------------------------------
    ck.status(post("2090", "submit", {"agency": CTK, "inputs": "A.6"}, off),
              200, "A.6 sent back unchanged")
    ck.status(put("2090", "A.5", "381000"), 200, "A.5 corrected")
    ck.status(put("2090", "A.4", "596000"), 200, "A.4 corrected")
    v = values("2090")
    ck.eq([(v[i]["value"], v[i]["status"], v[i]["comment"])
           for i in ("A.4", "A.5", "A.6")],
          [("596000", "draft", ""), ("381000", "draft", ""),
           ("155000", "submitted", "kiểm tra")],
          "a corrected value has no comment, one sent back keeps it")
    ck.status(post("2090", "submit", {"agency": CTK}, off), 200,
              "submit the corrections")
    ck.status(post("2090", "approve", {"agency": CTK}, co), 200,
              "approve the whole set")
    a = status("2090")
    ck.eq((a.get("approved"), a.get("on_time"), a.get("late"),
           a.get("overdue")), (3, True, False, False),
          "approved, on time, not overdue")
    ck.check(ISO.match(a.get("approved_at") or ""), "approved_at", a)
    ck.check(a.get("submitted_first", "~") <= a.get("submitted_last", "")
             <= a.get("approved_at", ""), "the times are in order", a)

    # -- late, for good -------------------------------------------------------
    for inp, val in (("A.4", "600000"), ("A.5", "382000"), ("A.6", "156000")):
        ck.status(put("2091", inp, val), 200, "2091: set " + inp)
    a = status("2091")
    ck.eq((a.get("late"), a.get("on_time"), a.get("overdue")),
          (True, False, True), "2091 before its submission: late, overdue")
    ck.status(post("2091", "submit", {"agency": CTK}, off), 200,
              "2091: submit after the deadline")
    ck.status(post("2091", "approve", {"agency": CTK}, co), 200,
              "2091: approve")
    a = status("2091")
    ck.eq((a.get("late"), a.get("on_time"), a.get("overdue"),
           a.get("approved")), (True, False, False, 3),
          "2091: late for good, even once approved")
    # closed: nobody is overdue, and the late stay late
    other = status("2091", "so-tttt")
    ck.eq((other.get("overdue"), other.get("late")), (True, True),
          "so-tttt in the open 2091")
    ck.status(srv.request("POST", pp("2091") + "/close", session=adm), 200,
              "close 2091")
    r = srv.get(pp("2091") + "/status", session=adm)
    ags = (r.json() or {}).get("agencies", [])
    ck.check(ags and not any(x["overdue"] for x in ags),
             "nobody is overdue in a closed period", ags[:2])
    ck.eq(status("2091", "so-tttt").get("late"), True,
          "so-tttt stays late in the closed 2091")

    # -- the audit log by period, agency, unit, input -------------------------
    def audit(query, session=adm):
        r = srv.get(API + "/audit?" + query, session=session)
        ck.status(r, 200, "audit?" + query)
        return (r.json() or {}).get("audit", [])

    es = audit("period=2090&input=A.5")
    ck.check(es and all(e["period"] == "2090" and e["input"] == "A.5" and
                        e["unit"] == UNIT for e in es),
             "audit?period=2090&input=A.5: those only", es[:3])
    ck.eq([(e["action"], e["old"], e["new"], e["reason"], e["agency"])
           for e in es if e["action"] == "value.return"],
          [("value.return", "submitted", "returned", "sai số", CTK)],
          "the return of A.5 with its comment")
    es = audit("period=2091&agency=" + CTK + "&unit=" + UNIT)
    ck.eq(len(es), 9, "2091's entries about cuc-thong-ke (3 set, 3 submit,"
          " 3 approve)")
    ck.check(all(e["period"] == "2091" and e["agency"] == CTK for e in es),
             "each names 2091 and cuc-thong-ke", es[:2])
    ck.eq(audit("period=2090&input=A.5&agency=so-tttt"), [],
          "no entry of so-tttt about A.5")
    es = audit("period=2091", session=off)
    ck.check(es and all(e["actor"] == "cb-thongke" or
                        e["input"] in ("A.4", "A.5", "A.6") for e in es),
             "an officer's filtered audit stays within its part", es[:3])
    ck.check(not any(e["action"] == "period.close" for e in es),
             "the officer does not see the period's closing")
    ck.check(any(e["action"] == "period.close" for e in
                 audit("period=2091")), "the admin sees it")


if __name__ == "__main__":
    main("api.review", body)
