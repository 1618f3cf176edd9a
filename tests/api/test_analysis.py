"""api.analysis: issue 11's analyses over HTTP, on the demo database with
the published results of data/results imported by `dti results import`.

  - GET /results?year=2022: 63 provinces and the average; Ninh Thuận 27th
    with 0,5934 (merged from two files); ?year=abc: 400
  - GET /periods/2022-demo/trend: "đạt 0,5934, tăng 94,7 % so với năm 2021,
    xếp thứ 27/63, tăng 26 bậc" (0,3048 -> 0,5934, 53 -> 27), English too
  - GET /periods/2022-demo/losses: 536 points, 3.5 loses most (22,5), the quick
    win 3.5.gov_cloud (+15, so-tttt, task B.III.2); the document equals
    `dti analysis losses --format json`
  - POST /periods/2022-demo/whatif: 2.6 = 1 and 7.2.a = "1.200" (vi) give
    0,5360 -> 0,5655; the database is byte for byte the same after (every
    row dumped); targets_met raises 3.1 to 8,5; a bad input, a bad
    number, an unknown field: 400, nothing written
  - GET /periods/2022-demo/sensitivity: steps by points per effort, 1.5's next
    tier at 20 articles (+5)
"""

import json
import os
import sqlite3
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from apilib import API, main  # noqa: E402


def dump(db):
    c = sqlite3.connect(db, timeout=30)
    try:
        return "\n".join(c.iterdump())
    finally:
        c.close()


def body(ck, srv):
    adm = srv.must_login("admin")
    viewer = srv.must_login("lanhdao")
    res = os.path.join(srv.src, "data", "results")
    for f in ("dti-2022-provincial-rank.csv",
              "dti-2022-provincial-main-indices-top5.csv",
              "dti-provincial-pillars-selected.csv",
              "dti-summary-by-year.csv"):
        p = subprocess.run([srv.dti, "results", "import", os.path.join(res, f),
                            "--db", srv.db], capture_output=True, text=True)
        ck.eq(p.returncode, 0, "dti results import %s: %s" % (f, p.stderr))

    # -- recorded results ------------------------------------------------------
    r = srv.get(API + "/results?year=2022", session=viewer)
    ck.status(r, 200, "results 2022")
    rows = (r.json() or {}).get("results", [])
    ck.eq(len(rows), 64, "63 provinces and the average")
    nt = [x for x in rows if x["province"] == "Ninh Thuận"]
    ck.eq([(x["index"], x["rank"], x["pillars"]["CQS"],
            x["pillar_ranks"]["XHS"]) for x in nt],
          [(0.5934, 27, 0.6787, 22)], "Ninh Thuận 2022")
    dn = [x for x in rows if x["province"] == "TP. Đà Nẵng"]
    ck.eq(dn and dn[0]["groups"].get("VIII"), 0.5197, "Đà Nẵng VIII")
    avg = [x for x in rows if x["province"] == ""]
    ck.eq([(x["index"], x["rank"]) for x in avg], [(0.5791, None)],
          "the provincial average of 2022")
    r = srv.get(API + "/results?year=abc", session=viewer)
    ck.status(r, 400, "results ?year=abc")
    r = srv.get(API + "/results", session=None)
    ck.status(r, 401, "results without a session")

    # -- year on year ----------------------------------------------------------
    r = srv.get(API + "/periods/2022-demo/trend", session=viewer)
    ck.status(r, 200, "trend")
    lines = {x["code"]: x for x in (r.json() or {}).get("lines", [])}
    i = lines.get("INDEX", {})
    ck.eq((i.get("now"), i.get("previous"), i.get("rank"),
           i.get("previous_rank"), i.get("of")),
          (0.5934, 0.3048, 27, 53, 63), "INDEX 2021 -> 2022")
    ck.check(abs((i.get("growth_percent") or 0) - 94.685039) < 1e-5,
             "growth (0,5934 - 0,3048) / 0,3048", i)
    ck.eq(i.get("text", {}).get("vi"),
          "đạt 0,5934, tăng 94,7 % so với năm 2021, xếp thứ 27/63, "
          "tăng 26 bậc", "the plan's phrase")
    ck.eq(i.get("text", {}).get("en"),
          "0.5934, up 94.7 % on 2021, ranked 27/63, up 26 places",
          "the phrase in English")
    ck.eq(lines.get("XHS", {}).get("text", {}).get("vi"),
          "đạt 0,6045, tăng 87,7 % so với năm 2021, xếp thứ 22/63, "
          "tăng 27 bậc", "XHS")

    # -- points lost -----------------------------------------------------------
    r = srv.get(API + "/periods/2022-demo/losses", session=viewer)
    ck.status(r, 200, "losses")
    lo = r.json() or {}
    ck.check(abs(lo.get("total", 0) - 536.000917) < 1e-6, "536 points",
             lo.get("total"))
    ind = lo.get("indicators", [{}])
    ck.eq((ind[0].get("code"), ind[0].get("lost"), ind[0].get("agency")),
          ("3.5", 22.5, "so-tttt"), "3.5 loses most")
    ck.check(all(a["lost"] >= b["lost"] for a, b in zip(ind, ind[1:])),
             "indicators ranked by points lost")
    w = (lo.get("quick_wins") or [{}])[0]
    ck.eq((w.get("input"), w.get("now"), w.get("to"), w.get("points"),
           w.get("agency"), w.get("tasks")),
          ("3.5.gov_cloud", "0", "1", 15.0, "so-tttt", "B.III.2"),
          "the first quick win")
    p = subprocess.run([srv.dti, "analysis", "losses", "--period", "2022-demo",
                        "--format", "json", "--db", srv.db],
                       capture_output=True, text=True)
    ck.eq(p.returncode, 0, "dti analysis losses --format json")
    ck.eq(json.loads(p.stdout or "null"), lo,
          "the CLI's JSON is the API's document")

    # -- what-if ---------------------------------------------------------------
    before = dump(srv.db)
    r = srv.request("POST", API + "/periods/2022-demo/whatif", session=viewer,
                    json_body={"values": {"2.6": "1", "7.2.a": "1.200"},
                               "number_format": "vi"})
    ck.status(r, 200, "what-if")
    wi = r.json() or {}
    ck.eq((round(wi.get("index_before", 0), 6),
           round(wi.get("index_after", 0), 6), wi.get("changed")),
          (0.536001, 0.565526, 2), "index before and after")
    cols = {c["code"]: c for c in wi.get("scores", [])}
    ck.eq((cols.get("2.6", {}).get("before"), cols.get("2.6", {}).get("after")),
          (0.0, 10.0), "2.6 before and after")
    ck.eq(cols.get("7.2", {}).get("after"), 20.0, "7.2 at its max")
    ck.eq(wi.get("place_before", {}).get("rank"), 26,
          "best possible rank now (Trà Vinh, 25th, is above)")
    r = srv.request("POST", API + "/periods/2022-demo/whatif", session=viewer,
                    json_body={"targets_met": True})
    ck.status(r, 200, "all targets met")
    cols = {c["code"]: c for c in (r.json() or {}).get("scores", [])}
    ck.eq(round(cols.get("3.1", {}).get("after", 0), 6), 8.5,
          "3.1 at its target (85 % of adults with a smartphone)")
    for js, what in (({"values": {"9.9.z": "1"}}, "an unknown input"),
                     ({"values": {"5.1": "abc"}}, "a bad number"),
                     ({"values": {"5.1": 3}}, "a number not as a string"),
                     ({"values": ["5.1"]}, "values not an object"),
                     ({"number_format": "xx"}, "a bad number format"),
                     ({"valeus": {}}, "an unknown field")):
        r = srv.request("POST", API + "/periods/2022-demo/whatif",
                        session=viewer, json_body=js)
        ck.status(r, 400, "what-if with " + what)
    r = srv.request("POST", API + "/periods/2022-demo/whatif", session=viewer,
                    json_body={"values": {"9.9.z": "1"}})
    ck.check("9.9.z" in json.dumps(r.json(), ensure_ascii=False),
             "the error names the input", r.body[:300])
    ck.eq(dump(srv.db), before, "what-if wrote nothing")

    # -- sensitivity -----------------------------------------------------------
    r = srv.get(API + "/periods/2022-demo/sensitivity", session=adm)
    ck.status(r, 200, "sensitivity")
    se = r.json() or {}
    st = se.get("steps", [])
    ck.check(len(st) > 10, "steps found", len(st))
    ck.check(all(a["points_per_effort"] >= b["points_per_effort"]
                 for a, b in zip(st, st[1:])), "ranked by points per effort")
    s15 = [x for x in st if x["indicator"] == "1.5"]
    ck.eq([(x["input"], x["from"], x["to"], x["points"]) for x in s15],
          [("1.5.articles", 14.0, 20.0, 5.0)], "1.5's next tier")
    r = srv.get(API + "/periods/2099/sensitivity", session=adm)
    ck.status(r, 404, "sensitivity of a period that does not exist")


if __name__ == "__main__":
    main("api.analysis", body)
