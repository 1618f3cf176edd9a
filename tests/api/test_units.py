"""api.units: the write checks of issue 8 against a real server.

- the checks between a unit's values (7.1.a <= 7.1.b) run on every write
  path against the values as they will be: an import that breaks them with
  a stored value is refused naming both inputs; an inconsistency already
  stored (planted with SQL, as older data could hold) blocks no PUT that
  does not touch it;
- text values that a spreadsheet would run as a formula are exported with
  a leading single quote and imported back to the original;
- an import naming an unknown unit is refused unless add_units=1;
- the review workflow's boundaries: an officer's reopen-values with an
  agency field is 403; an import over submitted values is refused; a
  submission with exactly one input missing is refused naming it; a
  target reached exactly is met.
"""

import csv
import io
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from apilib import API, demo_rows, main  # noqa: E402

UNIT = "ninh-thuan"
FORMULA = '=HYPERLINK("http://x","y")'


def csv_body(rows):
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["unit", "input", "value"])
    for r in rows:
        w.writerow(r)
    return out.getvalue()


def body(ck, srv):
    admin = srv.must_login("admin")
    co = srv.must_login("sotttt")

    def period(code):
        r = srv.request("POST", API + "/periods", json_body={"code": code},
                        session=admin)
        ck.status(r, 201, "open period " + code)
        return API + "/periods/" + code

    def imp(pp, rows, query="", session=co):
        return srv.request("POST", pp + "/import" + query,
                           body=csv_body(rows), ctype="text/csv",
                           session=session)

    def value(code, inp, unit=UNIT):
        r = srv.get(API + "/periods/%s/values?unit=%s" % (code, unit),
                    session=admin)
        for v in (r.json() or {}).get("values", []):
            if v["input"] == inp:
                return v["value"], v["status"]
        return None, None

    # -- 1. the checks between a unit's values on import --------------------
    pp = period("2070")
    ck.status(imp(pp, [(UNIT, "7.1.b", "1")]), 200, "import 7.1.b = 1")
    r = imp(pp, [(UNIT, "7.1.a", "9")])
    ck.status(r, 400, "import 7.1.a = 9 over a stored 7.1.b = 1 (PUT "
              "refuses it)")
    text = r.text()
    ck.check("7.1.a" in text and "7.1.b" in text,
             "the refusal names both inputs", text[:600])
    ck.eq(value("2070", "7.1.a"), (None, None), "7.1.a was not written")
    r = srv.request("PUT", pp + "/values/%s/7.1.a" % UNIT,
                    json_body={"value": "9"}, session=co)
    ck.status(r, 400, "PUT 7.1.a = 9 over 7.1.b = 1")
    # the same import into a unit where it fits goes through
    ck.status(imp(pp, [(UNIT, "7.1.a", "0.5")]), 200, "import 7.1.a = 0.5")

    # -- a stored inconsistency blocks no other agency --------------------
    srv.sql("UPDATE value SET raw = '9' WHERE input = '7.1.a' AND archived "
            "= 0 AND period = (SELECT id FROM period WHERE code = '2070')")
    ck.eq(value("2070", "7.1.a"), ("9", "draft"), "7.1.a = 9 planted")
    for login, inp, val in (("cb-sotttt", "3.3.a", "5"),
                            ("cb-thongke", "A.4", "600000"),
                            ("cb-khdt", "7.2.a", "3"),
                            ("sotttt", "7.3.a", "1")):
        who = srv.must_login(login)
        r = srv.request("PUT", pp + "/values/%s/%s" % (UNIT, inp),
                        json_body={"value": val}, session=who)
        ck.status(r, 200, "%s PUT %s with 7.1 inconsistent in the store" %
                  (login, inp))
    ck.status(imp(pp, [(UNIT, "3.3.b", "50")]), 200,
              "an import not touching 7.1 with 7.1 inconsistent")
    # a write that touches the broken check is judged by it
    khdt = srv.must_login("cb-khdt")
    r = srv.request("PUT", pp + "/values/%s/7.1.b" % UNIT,
                    json_body={"value": "2"}, session=khdt)
    ck.status(r, 400, "PUT 7.1.b = 2 with 7.1.a = 9 stored")
    r = srv.request("PUT", pp + "/values/%s/7.1.b" % UNIT,
                    json_body={"value": "100"}, session=khdt)
    ck.status(r, 200, "PUT 7.1.b = 100 repairs 7.1")

    # -- 2. formula injection in exports ---------------------------------
    pp = period("2071")
    r = srv.request("PUT", pp + "/values/%s/A.1" % UNIT,
                    json_body={"value": FORMULA}, session=co)
    ck.status(r, 200, "PUT a text value starting with '='")
    r = srv.get(pp + "/export", session=co)
    ck.status(r, 200, "export 2071")
    rows = list(csv.reader(io.StringIO(r.text())))
    a1 = [x[2] for x in rows[1:] if x[1] == "A.1"]
    ck.eq(a1, ["'" + FORMULA], "the export neutralises the formula")
    ck.check(not any(x[2][:1] in ("=", "+", "-", "@", "\t", "\r")
                     for x in rows[1:] if x[1] in ("A.1", "A.2", "A.3")),
             "no text cell of the export starts a formula", rows[:5])
    pp2 = period("2072")
    r = srv.request("POST", pp2 + "/import", body=r.body, ctype="text/csv",
                    session=co)
    ck.status(r, 200, "import the export back")
    ck.eq(value("2072", "A.1"), (FORMULA, "draft"),
          "export -> import gives the original text back")
    # a text that already starts with a quote comes back unchanged too
    r = srv.request("PUT", pp + "/values/%s/A.2" % UNIT,
                    json_body={"value": "'+84 abc"}, session=co)
    ck.status(r, 200, "PUT a text starting with a quote")
    r = srv.get(pp + "/export", session=co)
    pp3 = period("2073")
    ck.status(srv.request("POST", pp3 + "/import", body=r.body,
                          ctype="text/csv", session=co), 200,
              "import the second export")
    ck.eq(value("2073", "A.2"), ("'+84 abc", "draft"),
          "a quoted text round-trips")

    # -- 3. unknown units ----------------------------------------------------
    pp = period("2074")
    n_units = srv.sql("SELECT count(*) FROM unit")[0][0]
    r = imp(pp, [(UNIT, "7.2.a", "9"), ("ninh-thuann", "7.2.a", "9")])
    ck.status(r, 400, "import naming a misspelt unit")
    ck.check("ninh-thuann" in r.text(),
             "the refusal names the unit", r.text()[:400])
    j = r.json() or {}
    lines = [x.get("line") for x in j.get("error", {}).get("details", [])]
    ck.check(3 in lines, "the refusal gives the unit's line (3)", j)
    ck.eq(srv.sql("SELECT count(*) FROM unit")[0][0], n_units,
          "no unit was created")
    ck.eq(value("2074", "7.2.a"), (None, None), "nothing was imported")
    ck.status(imp(pp, [("ninh-thuann", "7.2.a", "9")], "?add_units=2"),
              400, "add_units=2")
    ck.status(imp(pp, [("tinh-moi", "7.2.a", "9")], "?add_units=1",
                  session=srv.must_login("cb-sotttt")), 403,
              "an officer cannot import (nor add units)")
    ck.status(imp(pp, [("tinh-moi", "7.2.a", "9")], "?add_units=1"), 200,
              "import with add_units=1")
    ck.eq(srv.sql("SELECT count(*) FROM unit WHERE code = 'tinh-moi'")[0][0],
          1, "the new unit was added")

    # -- 4. the review workflow's boundaries --------------------------------
    # an officer's reopen-values with an agency field
    own = srv.must_login("cb-sotttt")
    for js in ({"agency": "so-tttt", "reason": "sửa"},
               {"agency": "so-tttt", "inputs": "3.3.a", "reason": "sửa"}):
        before = srv.audit_count()
        r = srv.request("POST", API + "/periods/2022-demo/reopen-values",
                        json_body=js, session=own)
        ck.status(r, 403, "officer reopen-values with %s" % sorted(js))
        ck.error_code(r, "forbidden", "officer reopen-values")
        ck.eq(srv.audit_count(), before, "the refused reopen logs nothing")
    ck.eq(value("2022-demo", "3.3.a")[1], "approved",
          "3.3.a stays approved after the officer's reopen")

    # import over submitted values
    demo = demo_rows(srv.src)
    pp = period("2075")
    ck.status(srv.request("POST", pp + "/import", body=demo,
                          ctype="text/csv", session=co), 200,
              "import the demo drafts")
    ck.status(srv.request("POST", pp + "/submit", session=co,
                          json_body={"agency": "so-tttt",
                                     "inputs": "3.3.a,3.3.b"}), 200,
              "submit so-tttt's 3.3")
    ck.eq(value("2075", "3.3.a")[1], "submitted", "3.3.a submitted")
    r = imp(pp, [(UNIT, "3.3.a", "1")])
    ck.status(r, 409, "import over a submitted value")
    ck.error_code(r, "import.locked", "import over a submitted value")
    ck.eq(value("2075", "3.3.a"), ("98000", "submitted"),
          "the submitted value is untouched")

    # a submission with exactly one input missing
    pp = period("2076")
    rows = [x for x in csv.reader(io.StringIO(demo))][1:]
    ck.status(imp(pp, [x for x in rows if x[1] != "3.3.a"]), 200,
              "import the demo without 3.3.a")
    r = srv.request("POST", pp + "/submit", session=own,
                    json_body={"agency": "so-tttt"})
    ck.status(r, 409, "submit with exactly one input missing")
    ck.check("3.3.a" in r.text(), "the refusal names 3.3.a", r.text()[:400])
    ck.eq(value("2076", "3.3.b")[1], "draft", "nothing was submitted")

    # a target reached exactly (3.3: households with fibre, 0.75, a
    # target of 2022: a period is compared with its own year's targets)
    pp = period("2022-Q4")
    ck.status(imp(pp, [(UNIT, "3.3.a", "75"), (UNIT, "3.3.b", "100")],
                  "?status=approved"), 200, "import 3.3 = 75 / 100")
    r = srv.get(API + "/targets?period=2022-Q4", session=admin)
    ck.status(r, 200, "targets of 2022-Q4")
    t = [x for x in (r.json() or {}).get("targets", [])
         if x.get("indicator") == "3.3"]
    ck.check(len(t) == 1 and t[0].get("target") == 0.75,
             "one target on 3.3 at 0.75", t)
    ck.eq(t and t[0].get("state"), "met", "a target reached exactly is met")


if __name__ == "__main__":
    main("api.units", body)
