"""api.methods: methodologies from the API and internal indices (issue 12).

- GET /methodologies is for admins; a methodology no period uses is read
  by admins only, one a period uses by every role (its indicators show);
- POST /methodologies (a YAML body, admins): the checks of `dti
  methodology check`, every error with its line, nothing stored; a text
  loaded already: 409 naming its id; a wrong media type: 415;
- POST /periods with "methodology" and "level"/"units": a district index
  beside the provincial demo period; GET /periods/{p} lists its units;
  values of other units are refused, the district's UBND officer writes
  ubnd-huyen's inputs for its own district only; its scores are those of
  tests/unit/test_district.c;
- POST /periods/{p}/methodology: a preview changes nothing (200,
  "applied": false, inputs kept and added, misfit values); confirm with
  misfit values: 409; confirm: applied, audited (old id, new id, who), the
  values kept; a closed period: 409; other roles: 403.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from apilib import API, main  # noqa: E402

PERIOD = "2022-demo"  # the demo period of init --demo
YAML = "application/yaml"


def index_of(srv, sess, period):
    """{unit: INDEX} of ${period}'s approved values."""
    r = srv.get(API + "/periods/%s/scores" % period, session=sess)
    return {row["unit"]: row["score"] for row in (r.json() or {})
            .get("rows", []) if row.get("code") == "INDEX"}


def body(ck, srv):
    adm = srv.must_login("admin")
    co = srv.must_login("sotttt")
    viewer = srv.must_login("lanhdao")
    nh = srv.must_login("cb-ninhhai")
    with open(os.path.join(srv.src, "methodologies", "district-demo.yaml"),
              "rb") as f:
        district = f.read()
    with open(os.path.join(srv.src, "methodologies",
                           "dti-2022-province.yaml"), "rb") as f:
        province = f.read()

    # -- listing and loading -------------------------------------------
    r = srv.get(API + "/methodologies", session=adm)
    ck.status(r, 200, "admin lists the methodologies")
    ck.eq([m["id"] for m in (r.json() or {}).get("methodologies", [])], [1],
          "the built-in methodology")
    for s, who in ((co, "coordinator"), (viewer, "viewer")):
        ck.status(srv.get(API + "/methodologies", session=s), 403,
                  "%s lists no methodologies" % who)
        ck.status(srv.request("POST", API + "/methodologies", body=district,
                              ctype=YAML, session=s), 403,
                  "%s loads no methodology" % who)
    n_audit = srv.audit_count()
    bad = b"methodology:\n  id: x\n  name: y\n  total_points: 10\n" \
        b"groups:\n  - code: I\n    points: ten\n"
    r = srv.request("POST", API + "/methodologies", body=bad, ctype=YAML,
                    session=adm)
    ck.status(r, 400, "an invalid methodology")
    det = ((r.json() or {}).get("error") or {}).get("details", [])
    ck.check(len(det) >= 1 and all(d.get("line", 0) > 0 for d in det),
             "every error with its line", det)
    ck.status(srv.request("POST", API + "/methodologies", body=district,
                          ctype="application/json", session=adm), 415,
              "a methodology sent as JSON")
    ck.eq(srv.sql("SELECT count(*) FROM methodology")[0][0], 1,
          "nothing stored by refused loads")
    ck.eq(srv.audit_count(), n_audit, "no audit row for refused loads")
    r = srv.request("POST", API + "/methodologies", body=district, ctype=YAML,
                    session=adm)
    ck.status(r, 201, "the district demo loaded")
    did = (r.json() or {}).get("id")
    ck.eq(((r.json() or {}).get("code"), (r.json() or {}).get("indicators")),
          ("dti-district-demo", 8), "the loaded methodology")
    r = srv.request("POST", API + "/methodologies", body=district, ctype=YAML,
                    session=adm)
    ck.status(r, 409, "the same text again")
    err = (r.json() or {}).get("error") or {}
    ck.eq((err.get("code"), err.get("id")), ("methodology.duplicate", did),
          "the duplicate names the loaded id")
    ck.check("#%d" % did in err.get("message", {}).get("en", ""),
             "the message names it", err)
    ck.eq(srv.sql("SELECT count(*) FROM audit WHERE action = "
                  "'methodology.load' AND actor = 'admin'")[0][0], 1,
          "the load audited once")
    # read: admins any, others what a period uses
    ck.status(srv.get(API + "/methodologies/%d" % did, session=viewer), 403,
              "a viewer reads no unused methodology")
    ck.status(srv.get(API + "/methodologies/1", session=viewer), 200,
              "a viewer reads the demo period's methodology")
    ck.status(srv.get(API + "/methodologies/%d" % did, session=adm), 200,
              "an admin reads any")

    # -- an internal index: the districts under the district demo --------
    before = index_of(srv, viewer, PERIOD)
    ck.check(abs(before.get("ninh-thuan", 0) - 0.536000917) < 1e-6,
             "the demo period's index", before)
    for js, what in (({"code": "2022-huyen", "units": "ninh-hai"},
                      "units as a string"),
                     ({"code": "2022-huyen", "units": ["ninh-hai", "x"]},
                      "an unknown unit"),
                     ({"code": "2022-huyen", "units": ["ninh-hai"],
                       "level": "district"}, "units and a level"),
                     ({"code": "2022-huyen", "methodology": "2"},
                      "a methodology as a string"),
                     ({"code": "2022-huyen", "methodology": 99},
                      "an unknown methodology")):
        r = srv.request("POST", API + "/periods", json_body=js, session=adm)
        ck.check(r.status in (400, 404), "refused: %s" % what, r.status)
    ck.eq(srv.sql("SELECT count(*) FROM period WHERE code = '2022-huyen'")
          [0][0], 0, "refused opens open nothing")
    r = srv.request("POST", API + "/periods", session=adm,
                    json_body={"code": "2022-huyen", "methodology": did,
                               "level": "district"})
    ck.status(r, 201, "the district period opened")
    r = srv.get(API + "/periods/2022-huyen", session=viewer)
    j = r.json() or {}
    ck.eq((j.get("methodology"), len(j.get("units", [])),
           "bac-ai" in j.get("units", [])), (did, 7, True),
          "its methodology and the 7 districts")
    ck.eq((srv.get(API + "/periods/" + PERIOD, session=viewer).json() or {})
          .get("units"), [], "the province's period has no set")
    ck.status(srv.get(API + "/methodologies/%d" % did, session=viewer), 200,
              "now a period uses it: every role reads it")
    with open(os.path.join(srv.src, "methodologies",
                           "district-demo-round.csv"), "rb") as f:
        rnd = f.read()
    r = srv.request("POST", API + "/periods/2022-huyen/import?status=draft",
                    body=rnd, ctype="text/csv", session=adm)
    ck.status(r, 200, "the district round imported")
    pp = API + "/periods/2022-huyen/values/"
    r = srv.request("PUT", pp + "ninh-thuan/1.1", session=adm,
                    json_body={"value": "chairman"})
    ck.status(r, 400, "the province is not in the district period")
    ck.error_code(r, "period.unit", "period.unit")
    # the district's UBND answers for ubnd-huyen's inputs of its own unit
    ck.status(srv.request("PUT", pp + "ninh-hai/1.1", session=nh,
                          json_body={"value": "vice_chairman"}), 200,
              "ubnd-ninh-hai on its own 1.1")
    ck.status(srv.request("PUT", pp + "bac-ai/1.1", session=nh,
                          json_body={"value": "chairman"}), 403,
              "ubnd-ninh-hai on Bác Ái's 1.1")
    ck.status(srv.request("PUT", pp + "ninh-hai/1.2", session=nh,
                          json_body={"value": "1"}), 403,
              "ubnd-ninh-hai on 1.2 (phong-vhtt)")
    ck.status(srv.request("PUT", pp + "ninh-hai/1.1", session=adm,
                          json_body={"value": "chairman"}), 200,
              "the admin puts 1.1 back")
    r = srv.request("POST",
                    API + "/periods/2022-huyen/import?status=approved",
                    body=rnd, ctype="text/csv", session=co)
    ck.status(r, 200, "the coordinator imports it approved")
    idx = index_of(srv, viewer, "2022-huyen")
    want = {"phan-rang-thap-cham": 0.94,
            "ninh-hai": (30.25 + 1976.0 / 99 + 22) / 100,
            "ninh-phuoc": (11.71875 + 14.5 + 20.0 / 11 + 10.25) / 100,
            "bac-ai": (32.5 + 50.0 / 9 + 9.75) / 100}
    ck.eq(sorted(idx), sorted(want), "the district period scores its units")
    for u, w in want.items():
        ck.check(abs(idx.get(u, -1) - w) < 1e-6, "%s's index" % u,
                 (idx.get(u), w))
    ck.eq(index_of(srv, viewer, PERIOD), before,
          "the provincial period's index is as it was")

    # -- a period's methodology changed ----------------------------------
    pm = API + "/periods/%s/methodology" % PERIOD
    for s, who in ((co, "coordinator"), (viewer, "viewer"), (nh, "officer")):
        ck.status(srv.request("POST", pm, session=s,
                              json_body={"methodology": did}), 403,
                  "%s changes no methodology" % who)
    n_audit = srv.audit_count()
    r = srv.request("POST", pm, session=adm, json_body={"methodology": did})
    ck.status(r, 200, "a preview")
    j = r.json() or {}
    ck.eq(j.get("applied"), False, "a preview is not applied")
    ck.check("ninh-thuan/1.1" in j.get("values_misfit", []),
             "the province's 1.1 does not fit the district demo",
             j.get("values_misfit"))
    r = srv.request("POST", pm, session=adm,
                    json_body={"methodology": did, "confirm": True})
    ck.status(r, 409, "values that do not fit refuse the change")
    ck.error_code(r, "period.method_values", "period.method_values")
    for js, want_st, what in (({"methodology": 1, "confirm": True}, 409,
                               "its own methodology"),
                              ({"methodology": 99}, 404,
                               "an unknown methodology"),
                              ({"methodology": did, "confirm": "yes"}, 400,
                               "confirm not a boolean"),
                              ({}, 400, "no methodology")):
        ck.status(srv.request("POST", pm, session=adm, json_body=js),
                  want_st, what)
    ck.eq(srv.audit_count(), n_audit, "previews and refusals audit nothing")
    # a second version: 8.6's input renamed
    v2 = province.replace(b'  version: "2022"\n', b'  version: "2022-b"\n',
                          1).replace(b'          - name: "8.6"\n',
                                     b'          - name: "8.6.b"\n'
                                     b'            var: x\n', 1)
    r = srv.request("POST", API + "/methodologies", body=v2, ctype=YAML,
                    session=adm)
    ck.status(r, 201, "a second version of the province's methodology")
    v2id = (r.json() or {}).get("id")
    r = srv.request("POST", pm, session=adm, json_body={"methodology": v2id})
    j = r.json() or {}
    ck.eq((j.get("applied"), j.get("inputs_kept"), j.get("inputs_added"),
           j.get("values_misfit")), (False, ["8.6"], ["8.6.b"], []),
          "the preview of the second version")
    fig = [f for f in j.get("figures", []) if f["unit"] == "ninh-thuan" and
           f["code"] == "INDEX"]
    ck.check(len(fig) == 1 and abs(fig[0]["before"] - 0.536000917) < 1e-6
             and abs(fig[0]["after"] - 0.526418) < 1e-6,
             "the index before and after", fig)
    q86 = ("SELECT count(*) FROM value v JOIN period p ON p.id = v.period"
           " WHERE p.code = ? AND v.input = '8.6'")
    n86 = srv.sql(q86, (PERIOD,))[0][0]
    ck.check(n86 > 0, "8.6 has values", n86)
    r = srv.request("POST", pm, session=adm,
                    json_body={"methodology": v2id, "confirm": True})
    ck.status(r, 200, "the change applied")
    ck.eq((r.json() or {}).get("applied"), True, "applied")
    ck.eq((srv.get(API + "/periods/" + PERIOD, session=viewer).json() or {})
          .get("methodology"), v2id, "the period states its methodology")
    ck.eq(srv.sql("SELECT actor, old, new FROM audit WHERE action = "
                  "'period.methodology'"), [("admin", "1", str(v2id))],
          "the change audited: who, old id, new id")
    ck.eq(srv.sql(q86, (PERIOD,))[0][0], n86, "8.6's values kept")
    ck.check(abs(index_of(srv, viewer, PERIOD).get("ninh-thuan", 0) -
                 0.526418) < 1e-6, "the period rescored")
    # a closed period keeps its methodology
    ck.status(srv.request("POST", API + "/periods/2022-huyen/close",
                          json_body={}, session=adm), 200, "close 2022-huyen")
    r = srv.request("POST", API + "/periods/2022-huyen/methodology",
                    session=adm, json_body={"methodology": 1})
    ck.status(r, 409, "a closed period")
    ck.error_code(r, "period.closed", "period.closed")


if __name__ == "__main__":
    main("api.methods", body)
