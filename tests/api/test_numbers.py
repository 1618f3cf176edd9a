"""api.numbers: issue 9's numbers through the API on the demo database.

- a value PUT reads its number in the format the body states
  (number_format, machine by default): 600.000 and 1.250 are refused as
  ambiguous in the machine format and read as thousands in vi; 15,2 is
  refused in the machine format saying how vi reads it; counts are whole;
  the answer and the store hold the machine text;
- the import takes ?number_format=vi, and refuses an unknown format;
- the issue's threshold cases (7.1 at exactly 20 %, 5.12.1 at exactly
  10 %) score full marks;
- JSON reals are the shortest text that reads back exactly (no
  0.84999999999999998 in any answer).
"""

import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from apilib import API, main  # noqa: E402

UNIT = "ninh-thuan"


def body(ck, srv):
    admin = srv.must_login("admin")
    r = srv.request("POST", API + "/periods", json_body={"code": "2031"},
                    session=admin)
    ck.status(r, 201, "open period 2031")
    pp = API + "/periods/2031"

    def put(inp, value, fmt=None):
        b = {"value": value}
        if fmt is not None:
            b["number_format"] = fmt
        return srv.request("PUT", pp + "/values/%s/%s" % (UNIT, inp),
                           json_body=b, session=admin)

    r = put("A.4", "600.000")
    ck.status(r, 400, "PUT A.4 = 600.000 (machine)")
    ck.check("600000" in r.text() and "ambiguous" in r.text(),
             "the refusal gives both readings", r.text()[:400])
    r = put("7.2.a", "1.250")
    ck.status(r, 400, "PUT 7.2.a = 1.250 (machine)")
    r = put("5.12.1.a", "15,2")
    ck.status(r, 400, "PUT 5.12.1.a = 15,2 (machine)")
    ck.check("15.2" in r.text() and "tỷ đồng" in r.text(),
             "the refusal says how vi reads it and the unit", r.text()[:400])
    r = put("7.2.a", "1,5", "vi")
    ck.status(r, 400, "a fractional count in vi")
    r = put("A.4", "1", "xx")
    ck.status(r, 400, "an unknown number_format")
    r = put("A.4", "600.000", "vi")
    ck.status(r, 200, "PUT A.4 = 600.000 (vi)")
    ck.eq((r.json() or {}).get("value"), "600000", "answered as stored")
    r = put("5.12.1.a", "15,2", "vi")
    ck.status(r, 200, "PUT 5.12.1.a = 15,2 (vi)")
    ck.eq((r.json() or {}).get("value"), "15.2", "answered as stored")
    r = srv.get(pp + "/values?unit=" + UNIT, session=admin)
    stored = {v["input"]: v["value"]
              for v in (r.json() or {}).get("values", [])}
    ck.eq((stored.get("A.4"), stored.get("5.12.1.a")), ("600000", "15.2"),
          "the store holds the machine text")

    # import: ?number_format=vi, and the threshold cases
    r = srv.request("POST", API + "/periods", json_body={"code": "2032"},
                    session=admin)
    ck.status(r, 201, "open period 2032")
    csv = ('unit,input,value\n%s,7.1.a,"1234,6"\n%s,7.1.b,6173\n'
           '%s,5.12.1.a,"0,7"\n%s,5.12.1.b,"0,2"\n%s,5.12.1.c,9\n'
           % ((UNIT,) * 5))
    imp = API + "/periods/2032/import"
    r = srv.request("POST", imp, body=csv, ctype="text/csv", session=admin)
    ck.status(r, 400, "import with decimal commas, machine format")
    r = srv.request("POST", imp + "?number_format=xx", body=csv,
                    ctype="text/csv", session=admin)
    ck.status(r, 400, "import with an unknown number_format")
    r = srv.request("POST", imp + "?number_format=vi", body=csv,
                    ctype="text/csv", session=admin)
    ck.status(r, 200, "import with number_format=vi")
    r = srv.get(API + "/periods/2032/scores?drafts=1",
                session=admin)
    ck.status(r, 200, "scores of 2032")
    got = {}
    for row in (r.json() or {}).get("rows", []):
        if row.get("unit") == UNIT:
            got[row["code"]] = row["score"]
    ck.eq(got.get("7.1"), 20, "7.1 at exactly 20 % scores 20")
    ck.eq(got.get("5.12.1"), 5, "5.12.1 at exactly 10 % scores 5")

    # JSON reals: shortest text
    for path in ("/targets?period=2022-demo",):
        r = srv.get(API + path, session=admin)
        reals = re.findall(r"(?<=[:,\[])-?\d+\.\d+(?=[,}\]])",
                           r.text() or "")
        ck.check(len(reals) > 0, "GET %s has reals" % path)
        ck.eq([x for x in reals if x != repr(float(x))], [],
              "every real of GET %s is the shortest text" % path)


if __name__ == "__main__":
    main("api.numbers", body)
