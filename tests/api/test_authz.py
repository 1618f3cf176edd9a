"""api.authz: the authorization matrix.

Every route of the route table in src/api/api.c is called as every role:
anonymous, admin, coordinator (sotttt), viewer (lanhdao), an officer of the
agency that owns what is touched (cb-sotttt: so-tttt leads indicator 3.3
and task B.I.2) and an officer of another agency (cb-khdt, so-khdt). The
expected answer of each call is the table MATRIX below, derived from
auth_allows() in src/auth/auth.c and the handlers:

  PERM_READ                              every role
  PERM_AUDIT                             admin, coordinator; an officer
                                          reads its agency's part only
  PERM_USERS, PERIOD, REVIEW, REOPEN      admin, coordinator
  PERM_VALUE_WRITE, SUBMIT, TASK_UPDATE   admin, coordinator, an officer of
                                          the owning agency (or of a member
                                          of the owning collective)
  no session                              401 on every non-public route

Each role works in its own period (opened and filled with the demo round's
drafts by the admin beforehand), so that one role's success does not change
what the next role sees; after a refused step the admin performs it, so the
next step of the refused role meets the state in which it would succeed and
fails only for want of a permission. The test also checks that the table
covers exactly the routes of api.c, that a refused write changes nothing,
and the collective rule (cb-ninhhai, ubnd-ninh-hai is in ubnd-huyen).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from apilib import API, demo_rows, main, multipart, routes_of  # noqa: E402

ROLES = ("anonymous", "admin", "coordinator", "viewer", "officer_owner",
         "officer_other")
LOGIN = {"admin": "admin", "coordinator": "sotttt", "viewer": "lanhdao",
         "officer_owner": "cb-sotttt", "officer_other": "cb-khdt"}

OK, UNAUTH, FORBID = "2xx", 401, 403
ALL = (OK, OK, OK, OK, OK, OK)
READ = (UNAUTH, OK, OK, OK, OK, OK)
MANAGE = (UNAUTH, OK, OK, FORBID, FORBID, FORBID)
OWNER = (UNAUTH, OK, OK, FORBID, OK, FORBID)
# the audit log holds every login's address: an officer reads its
# agency's part of it (tests/api/test_audit.py), a viewer nothing
AUDIT = (UNAUTH, OK, OK, FORBID, OK, OK)
# a work list is what an agency has to do: an officer reads its own
# agency's (the default), a viewer has none
WORKLIST = (UNAUTH, OK, OK, FORBID, OK, OK)
# admins only: another account's password, state, role and sessions;
# loading, listing and changing a period's methodology (issue 12; each
# period's own methodology is read by every role)
# the organisation (agencies, units, collectives) is changed by admins only
ADMIN = (UNAUTH, OK, FORBID, FORBID, FORBID, FORBID)

# (method, route pattern of api.c): expected answer per role, in the order
# of ROLES.
MATRIX = {
    ("GET", "/api/v1/health"): ALL,
    ("GET", "/api/v1/openapi.json"): ALL,
    ("POST", "/api/v1/session"): ALL,  # log in (again)
    ("GET", "/api/v1/session"): READ,
    ("DELETE", "/api/v1/session"): READ,
    ("POST", "/api/v1/session/password"): READ,  # one's own password
    ("GET", "/api/v1/users"): MANAGE,
    ("POST", "/api/v1/users"): MANAGE,
    ("GET", "/api/v1/methodologies"): ADMIN,
    ("GET", "/api/v1/methodologies/{}"): READ,  # one a period uses
    ("GET", "/api/v1/agencies"): READ,
    ("GET", "/api/v1/units"): READ,
    ("GET", "/api/v1/periods"): READ,
    ("POST", "/api/v1/periods"): MANAGE,
    ("GET", "/api/v1/periods/{}"): READ,
    ("POST", "/api/v1/periods/{}/close"): MANAGE,
    ("POST", "/api/v1/periods/{}/reopen"): MANAGE,
    ("GET", "/api/v1/periods/{}/values"): READ,
    ("PUT", "/api/v1/periods/{}/values/{}/{}"): OWNER,
    ("GET", "/api/v1/periods/{}/values/{}/{}/evidence"): READ,
    ("POST", "/api/v1/periods/{}/values/{}/{}/evidence"): OWNER,
    ("GET", "/api/v1/files/{}"): READ,
    ("POST", "/api/v1/periods/{}/submit"): OWNER,
    ("POST", "/api/v1/periods/{}/approve"): MANAGE,
    ("POST", "/api/v1/periods/{}/return"): MANAGE,
    ("POST", "/api/v1/periods/{}/reopen-values"): MANAGE,
    ("GET", "/api/v1/periods/{}/status"): READ,
    ("GET", "/api/v1/periods/{}/worklist"): WORKLIST,
    ("GET", "/api/v1/periods/{}/scores"): READ,
    ("GET", "/api/v1/periods/{}/export"): READ,
    ("POST", "/api/v1/periods/{}/import"): MANAGE,  # a CSV file
    # a form to fill: not for viewers, an officer its own agency's only
    ("GET", "/api/v1/periods/{}/template"): OWNER,
    ("GET", "/api/v1/periods/{}/report"): READ,  # every role reads reports
    ("GET", "/api/v1/tasks"): READ,
    ("POST", "/api/v1/tasks/{}/progress"): OWNER,
    ("GET", "/api/v1/targets"): READ,
    ("GET", "/api/v1/audit"): AUDIT,
    # issue 11's analyses read only (a what-if writes nothing)
    ("GET", "/api/v1/periods/{}/losses"): READ,
    ("POST", "/api/v1/periods/{}/whatif"): READ,
    ("GET", "/api/v1/periods/{}/trend"): READ,
    ("GET", "/api/v1/periods/{}/sensitivity"): READ,
    ("GET", "/api/v1/results"): READ,
    # accounts (issue 12), called on another account (one's own
    # sessions: tests/api/test_accounts.py)
    ("POST", "/api/v1/users/{}/reset"): ADMIN,
    ("POST", "/api/v1/users/{}/disable"): ADMIN,
    ("POST", "/api/v1/users/{}/enable"): ADMIN,
    ("PATCH", "/api/v1/users/{}"): ADMIN,
    ("GET", "/api/v1/users/{}/sessions"): ADMIN,
    ("DELETE", "/api/v1/users/{}/sessions/{}"): ADMIN,
    ("DELETE", "/api/v1/users/{}/sessions"): ADMIN,
    # plans as data, tasks per agency, hand-entered targets (issue 12): a
    # plan is loaded by those who run the programme; e-invoices is entered
    # by Cục Thuế (no officer of the matrix; tests/api/test_plans.py has
    # one) and reviewed by the coordinator
    ("GET", "/api/v1/plans"): READ,
    ("POST", "/api/v1/plans"): MANAGE,
    ("GET", "/api/v1/tasks/{}"): READ,
    ("GET", "/api/v1/targets/{}/history"): READ,
    ("POST", "/api/v1/targets/{}/value"): MANAGE,
    ("POST", "/api/v1/targets/{}/submit"): MANAGE,
    ("POST", "/api/v1/targets/{}/approve"): MANAGE,
    ("POST", "/api/v1/targets/{}/return"): MANAGE,
    ("POST", "/api/v1/targets/{}/reopen"): MANAGE,
    # issue 12 (M): methodologies from the API, a period's changed
    ("POST", "/api/v1/methodologies"): ADMIN,
    ("POST", "/api/v1/periods/{}/methodology"): ADMIN,
    # the organisation, versioned (issue 12): writes are the admin's only
    ("POST", "/api/v1/agencies"): ADMIN,
    ("PATCH", "/api/v1/agencies/{}"): ADMIN,
    ("POST", "/api/v1/agencies/{}/deactivate"): ADMIN,
    ("POST", "/api/v1/agencies/{}/reactivate"): ADMIN,
    ("POST", "/api/v1/agencies/{}/merge"): ADMIN,
    ("POST", "/api/v1/agencies/{}/members"): ADMIN,
    ("POST", "/api/v1/agencies/{}/members/remove"): ADMIN,
    ("POST", "/api/v1/units"): ADMIN,
    ("PATCH", "/api/v1/units/{}"): ADMIN,
    ("POST", "/api/v1/units/{}/deactivate"): ADMIN,
    ("POST", "/api/v1/units/{}/reactivate"): ADMIN,
    ("POST", "/api/v1/units/{}/merge"): ADMIN,
    ("GET", "/api/v1/units/{}/lineage"): READ,
    ("GET", "/api/v1/org/changes"): READ,
    ("POST", "/api/v1/org/load"): ADMIN,
}

UNIT = "ninh-thuan"
NH = "ninh-hai"  # the district unit of ubnd-ninh-hai (cb-ninhhai)
INPUT = "3.3.a"  # indicator 3.3, led by so-tttt; demo value 98000


def body(ck, srv):
    # the table covers exactly the route table of api.c
    routes = {(m, p) for m, p, _fn, _fl in routes_of(srv.src)}
    ck.check(len(routes) >= 30, "api.c's route table is parsed",
             sorted(routes))
    ck.eq(sorted(routes - set(MATRIX)), [],
          "every route of api.c has a row in the matrix")
    ck.eq(sorted(set(MATRIX) - routes), [],
          "every row of the matrix is a route of api.c")

    admin = srv.must_login("admin")
    sess = {"anonymous": None}
    for role in ROLES[1:]:
        sess[role] = srv.must_login(LOGIN[role])
    demo_csv = demo_rows(srv.src)

    # a file to download, stored by the admin in the demo period
    ct, b = multipart([("note", "matrix")],
                      [("file", "matrix.txt", "text/plain", b"matrix\n")])
    r = srv.request("POST", API + "/periods/2022-demo/values/%s/%s/evidence" %
                    (UNIT, INPUT), body=b, ctype=ct, session=admin)
    ck.status(r, 201, "setup: evidence with a file")
    sha = srv.sql("SELECT file_sha256 FROM evidence WHERE note = 'matrix'")
    sha = sha[0][0] if sha else "0" * 64

    done = set()  # (method, pattern) called at least once
    seen = {}  # (method, pattern) -> {role: status}

    def call(role, key, method, path, **kw):
        """The call of ${role} for matrix row ${key}; asserts its answer."""
        assert key in MATRIX, key
        done.add(key)
        want = MATRIX[key][ROLES.index(role)]
        before = srv.audit_count() if method != "GET" else None
        r = srv.request(method, path, session=sess[role], **kw)
        seen.setdefault(key, {})[role] = r.status
        ck.status(r, want, "%-13s %s %s" % (role, key[0], key[1]))
        if want == UNAUTH:
            ck.error_code(r, "unauthenticated", "%s %s" % (role, path))
        elif want == FORBID:
            ck.error_code(r, "forbidden", "%s %s" % (role, path))
        if before is not None and r.status in (401, 403):
            ck.eq(srv.audit_count(), before,
                  "%s %s %s: a refused call adds no audit entry" %
                  (role, method, path))
        return r

    def value_of(period, inp):
        r = srv.get(API + "/periods/%s/values?unit=%s" % (period, UNIT),
                    session=admin)
        for v in (r.json() or {}).get("values", []):
            if v["input"] == inp:
                return v["value"], v["status"]
        return None, None

    for i, role in enumerate(ROLES):
        P = str(2040 + i)  # this role's period
        pp = API + "/periods/" + P
        # setup by the admin: the period, with the demo round as drafts
        r = srv.request("POST", API + "/periods", json_body={"code": P},
                        session=admin)
        ck.status(r, 201, "setup: open period %s" % P)
        r = srv.request("POST", pp + "/import?status=draft", body=demo_csv,
                        ctype="text/csv", session=admin)
        ck.status(r, 200, "setup: import the demo drafts into %s" % P)

        def fixup(resp, method, path, **kw):
            """After a refused step, the admin does it."""
            if not resp.ok():
                fr = srv.request(method, path, session=admin, **kw)
                ck.status(fr, "2xx", "setup: admin %s %s" % (method, path))

        # reads
        call(role, ("GET", "/api/v1/health"), "GET", API + "/health")
        call(role, ("GET", "/api/v1/openapi.json"), "GET",
             API + "/openapi.json")
        call(role, ("GET", "/api/v1/session"), "GET", API + "/session")
        call(role, ("GET", "/api/v1/users"), "GET", API + "/users")
        call(role, ("GET", "/api/v1/methodologies"), "GET",
             API + "/methodologies")
        call(role, ("GET", "/api/v1/methodologies/{}"), "GET",
             API + "/methodologies/1")
        call(role, ("GET", "/api/v1/agencies"), "GET", API + "/agencies")
        call(role, ("GET", "/api/v1/units"), "GET", API + "/units")
        call(role, ("GET", "/api/v1/periods"), "GET", API + "/periods")
        call(role, ("GET", "/api/v1/periods/{}"), "GET", pp)
        call(role, ("GET", "/api/v1/periods/{}/values"), "GET",
             pp + "/values")
        call(role, ("GET", "/api/v1/periods/{}/values/{}/{}/evidence"),
             "GET", pp + "/values/%s/%s/evidence" % (UNIT, INPUT))
        r = call(role, ("GET", "/api/v1/files/{}"), "GET",
                 API + "/files/" + sha)
        if r.ok():
            ck.eq(r.body, b"matrix\n", "%s: the file's bytes" % role)
        call(role, ("GET", "/api/v1/periods/{}/status"), "GET",
             pp + "/status")
        call(role, ("GET", "/api/v1/periods/{}/worklist"), "GET",
             pp + "/worklist")
        call(role, ("GET", "/api/v1/periods/{}/scores"), "GET",
             pp + "/scores?drafts=1")
        call(role, ("GET", "/api/v1/periods/{}/export"), "GET",
             pp + "/export")
        r = call(role, ("GET", "/api/v1/periods/{}/template"), "GET",
                 pp + "/template?agency=so-tttt")
        if r.ok():
            ck.eq(r.body[:4], b"PK\x03\x04",
                  "%s: the work sheet is a zip (XLSX)" % role)
        r = call(role, ("GET", "/api/v1/periods/{}/report"), "GET",
                 pp + "/report?format=pdf&drafts=1")
        if r.ok():
            ck.eq(r.body[:5], b"%PDF-", "%s: the report is a PDF" % role)
        call(role, ("GET", "/api/v1/tasks"), "GET", API + "/tasks")
        call(role, ("GET", "/api/v1/targets"), "GET", API + "/targets")
        call(role, ("GET", "/api/v1/audit"), "GET", API + "/audit")
        call(role, ("GET", "/api/v1/periods/{}/losses"), "GET",
             pp + "/losses?drafts=1")
        call(role, ("POST", "/api/v1/periods/{}/whatif"), "POST",
             pp + "/whatif", json_body={"values": {"2.6": "1"},
                                        "include_drafts": True})
        call(role, ("GET", "/api/v1/periods/{}/trend"), "GET",
             pp + "/trend?drafts=1")
        call(role, ("GET", "/api/v1/periods/{}/sensitivity"), "GET",
             pp + "/sensitivity?drafts=1")
        call(role, ("GET", "/api/v1/results"), "GET", API + "/results")

        # writes, in the order of the workflow
        r = call(role, ("PUT", "/api/v1/periods/{}/values/{}/{}"), "PUT",
                 pp + "/values/%s/%s" % (UNIT, INPUT),
                 json_body={"value": "99000"})
        val = value_of(P, INPUT)
        if r.ok():
            ck.eq(val, ("99000", "draft"), "%s: the value was set" % role)
        else:
            ck.eq(val, ("98000", "draft"),
                  "%s: a refused PUT changes no value" % role)

        n0 = srv.sql("SELECT count(*) FROM evidence")[0][0]
        ct, b = multipart([("doc_number", "1/%s" % role), ("note", role)],
                          [("file", "proof-%s.pdf" % role, "application/pdf",
                            b"%PDF-1.4 " + role.encode())])
        r = call(role, ("POST", "/api/v1/periods/{}/values/{}/{}/evidence"),
                 "POST", pp + "/values/%s/%s/evidence" % (UNIT, INPUT),
                 body=b, ctype=ct)
        n1 = srv.sql("SELECT count(*) FROM evidence")[0][0]
        allowed = MATRIX[("POST", "/api/v1/periods/{}/values/{}/{}/"
                          "evidence")][ROLES.index(role)] == OK
        ck.eq(n1 - n0, 1 if allowed else 0,
              "%s: evidence rows added by the upload" % role)

        # counts: so-tttt's yes/no inputs would need evidence first
        path, js = pp + "/submit", {"agency": "so-tttt",
                                    "inputs": INPUT + ",3.3.b"}
        r = call(role, ("POST", "/api/v1/periods/{}/submit"), "POST", path,
                 json_body=js)
        fixup(r, "POST", path, json_body=js)

        path, js = pp + "/approve", {"inputs": INPUT}
        r = call(role, ("POST", "/api/v1/periods/{}/approve"), "POST", path,
                 json_body=js)
        fixup(r, "POST", path, json_body=js)
        ck.eq(value_of(P, INPUT)[1], "approved",
              "%s: %s approved (by the role or the admin)" % (role, INPUT))

        r = call(role, ("POST", "/api/v1/periods/{}/return"), "POST",
                 pp + "/return",
                 json_body={"inputs": "3.3.b", "comment": "thiếu văn bản"})
        ck.eq(value_of(P, "3.3.b")[1], "returned" if r.ok() else "submitted",
              "%s: 3.3.b after return" % role)

        r = call(role, ("POST", "/api/v1/periods/{}/reopen-values"), "POST",
                 pp + "/reopen-values",
                 json_body={"inputs": INPUT, "reason": "sửa số liệu"})
        ck.eq(value_of(P, INPUT)[1], "draft" if r.ok() else "approved",
              "%s: %s after reopen-values" % (role, INPUT))

        r = call(role, ("POST", "/api/v1/periods/{}/import"), "POST",
                 pp + "/import?status=draft",
                 body="unit,input,value\n%s,7.2.a,96\n" % UNIT,
                 ctype="text/csv")
        ck.eq(value_of(P, "7.2.a")[0], "96" if r.ok() else "95",
              "%s: 7.2.a after import" % role)

        r = call(role, ("POST", "/api/v1/tasks/{}/progress"), "POST",
                 API + "/tasks/B.I.2/progress",
                 json_body={"status": "in_progress", "note": "by " + role})
        ck.eq(srv.sql("SELECT count(*) FROM audit WHERE actor = ? AND "
                      "entity = 'task'", (LOGIN.get(role, "-"),))[0][0] > 0,
              r.ok(), "%s: task progress recorded or not" % role)
        plans_calls(ck, srv, role, call, fixup)
        login = "u-" + role.replace("_", "-")
        r = call(role, ("POST", "/api/v1/users"), "POST", API + "/users",
                 json_body={"login": login, "role": "viewer",
                            "password": "mot-mat-khau-dai-%d" % i})
        ck.eq(srv.sql("SELECT count(*) FROM account WHERE login = ?",
                      (login,))[0][0], 1 if r.ok() else 0,
              "%s: account %s created or not" % (role, login))

        # a methodology (the district demo, made unique per role), then
        # a preview of the period scored with it: nothing changes
        n0 = srv.sql("SELECT count(*) FROM methodology")[0][0]
        with open(os.path.join(srv.src, "methodologies",
                               "district-demo.yaml"), "rb") as f:
            yaml = f.read() + b"# " + role.encode() + b"\n"
        r = call(role, ("POST", "/api/v1/methodologies"), "POST",
                 API + "/methodologies", body=yaml,
                 ctype="application/yaml")
        ck.eq(srv.sql("SELECT count(*) FROM methodology")[0][0] - n0,
              1 if r.ok() else 0, "%s: a methodology loaded or not" % role)
        mid = srv.sql("SELECT max(id) FROM methodology")[0][0]
        r = call(role, ("POST", "/api/v1/periods/{}/methodology"), "POST",
                 pp + "/methodology", json_body={"methodology": mid})
        if r.ok():
            ck.eq((r.json() or {}).get("applied"), False,
                  "%s: a preview changes nothing" % role)
        ck.eq(srv.sql("SELECT methodology FROM period WHERE code = ?",
                      (P,))[0][0], 1,
              "%s: period %s keeps its methodology" % (role, P))
        accounts(ck, srv, admin, call, role, i)

        code = str(2060 + i)
        r = call(role, ("POST", "/api/v1/periods"), "POST", API + "/periods",
                 json_body={"code": code})
        ck.eq(srv.get(API + "/periods/" + code, session=admin).status,
              200 if r.ok() else 404,
              "%s: period %s opened or not" % (role, code))

        r = call(role, ("POST", "/api/v1/periods/{}/close"), "POST",
                 pp + "/close", json_body={})
        fixup(r, "POST", pp + "/close", json_body={})
        r = call(role, ("POST", "/api/v1/periods/{}/reopen"), "POST",
                 pp + "/reopen", json_body={"reason": "bổ sung"})
        st = (srv.get(pp, session=admin).json() or {}).get("status")
        ck.eq(st, "open" if r.ok() else "closed",
              "%s: period %s after reopen" % (role, P))

        # the organisation: each role its own agency and unit; after a
        # refused step the admin does it
        ag = "az-" + role.replace("_", "-")
        un = "uz-" + role.replace("_", "-")
        org_steps = [
            (("POST", "/api/v1/agencies"), API + "/agencies",
             {"code": ag, "name": "Cơ quan " + role, "kind": "department"}),
            (("PATCH", "/api/v1/agencies/{}"), API + "/agencies/" + ag,
             {"name": "Cơ quan mới " + role}),
            (("POST", "/api/v1/agencies/{}/members"),
             API + "/agencies/cac-so-nganh/members", {"member": ag}),
            (("POST", "/api/v1/agencies/{}/members/remove"),
             API + "/agencies/cac-so-nganh/members/remove", {"member": ag}),
            (("POST", "/api/v1/agencies/{}/deactivate"),
             API + "/agencies/%s/deactivate" % ag, {}),
            (("POST", "/api/v1/agencies/{}/reactivate"),
             API + "/agencies/%s/reactivate" % ag, {}),
            (("POST", "/api/v1/agencies/{}/merge"),
             API + "/agencies/%s/merge" % ag, {"into": "so-khcn"}),
            (("POST", "/api/v1/units"), API + "/units",
             {"code": un, "name": "Đơn vị " + role, "level": "district",
              "parent": UNIT}),
            (("PATCH", "/api/v1/units/{}"), API + "/units/" + un,
             {"name": "Đơn vị mới " + role}),
            (("POST", "/api/v1/units/{}/deactivate"),
             API + "/units/%s/deactivate" % un, {}),
            (("POST", "/api/v1/units/{}/reactivate"),
             API + "/units/%s/reactivate" % un, {}),
            (("POST", "/api/v1/units/{}/merge"),
             API + "/units/%s/merge" % un, {"into": NH}),
        ]
        for key, url, jb in org_steps:
            before = srv.sql("SELECT count(*) FROM org_change")[0][0]
            r = call(role, key, key[0], url, json_body=jb)
            ck.eq(srv.sql("SELECT count(*) FROM org_change")[0][0],
                  before + (1 if r.ok() else 0),
                  "%s %s %s: one change logged, or none" % (role, key[0],
                                                            url))
            fixup(r, key[0], url, json_body=jb)
        call(role, ("GET", "/api/v1/units/{}/lineage"), "GET",
             API + "/units/%s/lineage" % NH)
        call(role, ("GET", "/api/v1/org/changes"), "GET",
             API + "/org/changes")
        with open(os.path.join(srv.src, "data", "khanh-hoa-2025.yaml"),
                  "rb") as f:
            org_file = f.read()
        before = srv.sql("SELECT count(*) FROM org_change")[0][0]
        call(role, ("POST", "/api/v1/org/load"), "POST",
             API + "/org/load?dry_run=1", body=org_file,
             ctype="application/yaml")
        ck.eq(srv.sql("SELECT count(*) FROM org_change")[0][0], before,
              "%s: a dry run of org/load changes nothing" % role)

        # one's own password; it ends the account's other sessions
        who = LOGIN.get(role)
        new_pw = "mat-khau-moi-%d-du-dai" % i
        r = call(role, ("POST", "/api/v1/session/password"), "POST",
                 API + "/session/password",
                 json_body={"current": srv.passwords.get(who, "x"),
                            "password": new_pw})
        if r.ok():
            srv.passwords[who] = new_pw
            srv.secrets.add(new_pw)
            if who == "admin":
                admin = srv.must_login("admin")

        # log in again (anonymous: as the viewer), then log that session out
        who = LOGIN.get(role, "lanhdao")
        done.add(("POST", "/api/v1/session"))
        s2, r = srv.login(who, session=sess[role])
        seen.setdefault(("POST", "/api/v1/session"), {})[role] = r.status
        ck.status(r, 200, "%-13s POST /api/v1/session" % role)
        if role == "anonymous":
            r = call(role, ("DELETE", "/api/v1/session"), "DELETE",
                     API + "/session")
            if s2 is not None:
                ck.status(srv.get(API + "/session", session=s2), 200,
                          "anonymous DELETE ended no session")
        elif s2 is not None:
            # logging in with a session's cookie ends that session
            ck.status(srv.get(API + "/session", session=sess[role]), 401,
                      "%s: the session held while logging in ended" % role)
            sess[role] = srv.must_login(LOGIN[role])
            done.add(("DELETE", "/api/v1/session"))
            r = srv.request("DELETE", API + "/session", session=s2)
            seen.setdefault(("DELETE", "/api/v1/session"), {})[role] = \
                r.status
            ck.status(r, 200, "%-13s DELETE /api/v1/session" % role)
            ck.status(srv.get(API + "/session", session=s2), 401,
                      "%s: the logged-out session no longer works" % role)
            ck.status(srv.get(API + "/session", session=sess[role]), 200,
                      "%s: another session still works" % role)

    ck.eq(sorted(set(MATRIX) - done), [],
          "every row of the matrix was called")
    # the answers, as a table (a cell: the status; * where unexpected)
    print("%-48s %s" % ("route", " ".join(
        "%-6s" % r for r in ("anon", "admin", "coord", "viewer", "owner",
                             "other"))))
    for key in sorted(MATRIX, key=lambda k: (k[1], k[0])):
        cells = []
        for i, role in enumerate(ROLES):
            st = seen.get(key, {}).get(role)
            want = MATRIX[key][i]
            good = st is not None and (200 <= st < 300 if want == OK
                                       else st == want)
            cells.append("%-6s" % ("%s%s" % (st, "" if good else "*")))
        print("%-48s %s" % ("%s %s" % key, " ".join(cells)))

    # the collective rule: an officer of a member of ubnd-huyen acts for it
    collective(ck, srv, admin, demo_csv)
    # the unit rule: each officer writes only for its own units
    units(ck, srv, admin, demo_csv)
    # a coordinator cannot create an admin
    co = sess["coordinator"]
    r = srv.request("POST", API + "/users", session=co,
                    json_body={"login": "new-admin", "role": "admin",
                               "password": "mot-mat-khau-dai-99"})
    ck.status(r, 403, "coordinator creating an admin")
    ck.eq(srv.sql("SELECT count(*) FROM account WHERE login='new-admin'")
          [0][0], 0, "no admin account was made by the coordinator")
    r = srv.request("POST", API + "/users", session=admin,
                    json_body={"login": "new-admin", "role": "admin",
                               "password": "mot-mat-khau-dai-99"})
    ck.status(r, 201, "admin creating an admin")


def accounts(ck, srv, admin, call, role, i):
    """The account routes of issue 12 as ${role}, on an account of its own
    (t-ROLE, made by the admin), each followed by what it changed."""
    who = "t-" + role.replace("_", "-")
    pw = "mat-khau-cua-%s-dai" % who
    srv.secrets.add(pw)
    r = srv.request("POST", API + "/users", session=admin,
                    json_body={"login": who, "role": "officer",
                               "agency": "so-khdt", "password": pw})
    ck.status(r, 201, "setup: account " + who)
    srv.passwords[who] = pw
    t = srv.must_login(who)
    sid = srv.get(API + "/session", session=t).json()["session_id"]
    u = API + "/users/" + who

    def state():
        return srv.sql("SELECT role, agency, disabled, must_change FROM "
                       "account WHERE login = ?", (who,))[0]

    def live(sess):
        return srv.get(API + "/session", session=sess).status == 200

    r = call(role, ("GET", "/api/v1/users/{}/sessions"), "GET",
             u + "/sessions")
    if r.ok():
        ck.eq([x["id"] for x in r.json()["sessions"]], [sid],
              "%s: %s's one session listed" % (role, who))
    r = call(role, ("DELETE", "/api/v1/users/{}/sessions/{}"), "DELETE",
             u + "/sessions/" + sid)
    ck.eq(live(t), not r.ok(), "%s: %s's session ended or not" % (role, who))
    t = srv.must_login(who)
    r = call(role, ("DELETE", "/api/v1/users/{}/sessions"), "DELETE",
             u + "/sessions")
    ck.eq(live(t), not r.ok(), "%s: every session of %s ended or not" %
          (role, who))
    r = call(role, ("PATCH", "/api/v1/users/{}"), "PATCH", u,
             json_body={"role": "viewer", "agency": None})
    ck.eq(state()[:2], ("viewer", None) if r.ok() else ("officer", "so-khdt"),
          "%s: %s's role changed or not" % (role, who))
    r = call(role, ("POST", "/api/v1/users/{}/disable"), "POST",
             u + "/disable", json_body={})
    ck.eq(state()[2], 1 if r.ok() else 0,
          "%s: %s disabled or not" % (role, who))
    if not r.ok():
        srv.request("POST", u + "/disable", json_body={}, session=admin)
    r = call(role, ("POST", "/api/v1/users/{}/enable"), "POST",
             u + "/enable", json_body={})
    ck.eq(state()[2], 0 if r.ok() else 1,
          "%s: %s enabled or not" % (role, who))
    r = call(role, ("POST", "/api/v1/users/{}/reset"), "POST",
             u + "/reset", json_body={"generate": True})
    ck.eq(state()[3], 1 if r.ok() else 0,
          "%s: %s must change its password or not" % (role, who))
    if r.ok():
        srv.secrets.add(r.json()["password"])


def plans_calls(ck, srv, role, call, fixup):
    """The plan routes as ${role}; a refused step is done by the admin."""
    call(role, ("GET", "/api/v1/plans"), "GET", API + "/plans")
    with open(os.path.join(srv.src, "plans", "ninh-thuan-2023-example.yaml"),
              "rb") as f:
        plan = f.read()
    r = call(role, ("POST", "/api/v1/plans"), "POST",
             API + "/plans?dry_run=1", body=plan, ctype="application/yaml")
    ck.eq(srv.sql("SELECT count(*) FROM plan")[0][0], 1,
          "%s: a dry run loads no plan" % role)
    if r.ok():
        ck.eq((r.json() or {}).get("tasks"), 12, "%s: dry run counts" % role)
    r = call(role, ("GET", "/api/v1/tasks/{}"), "GET", API + "/tasks/B.I.2")
    if r.ok():
        ck.check(len((r.json() or {}).get("history", [])) > 0,
                 "%s: B.I.2's history" % role)
    call(role, ("GET", "/api/v1/targets/{}/history"), "GET",
         API + "/targets/e-invoices/history")
    t = API + "/targets/e-invoices/"
    steps = [("value", {"value": 0.9, "doc": "1/" + role}),
             ("submit", {}), ("return", {"comment": "thiếu số liệu"}),
             ("submit", {}), ("approve", {}), ("reopen", {})]
    want = ["draft", "submitted", "returned", "submitted", "approved",
            "draft"]
    for (step, js), st in zip(steps, want):
        r = call(role, ("POST", "/api/v1/targets/{}/" + step), "POST",
                 t + step, json_body=js)
        fixup(r, "POST", t + step, json_body=js)
        ck.eq(srv.sql("SELECT status FROM target_value WHERE archived = 0"
                      " AND target = (SELECT id FROM target WHERE code ="
                      " 'e-invoices')")[0][0], st,
              "%s: e-invoices after %s" % (role, step))


def collective(ck, srv, admin, demo_csv):
    P = "2050"
    pp = API + "/periods/" + P
    ck.status(srv.request("POST", API + "/periods", json_body={"code": P},
                          session=admin), 201, "collective: open " + P)
    ck.status(srv.request("POST", pp + "/import", body=demo_csv,
                          ctype="text/csv", session=admin), 200,
              "collective: import drafts")
    nh = srv.must_login("cb-ninhhai")
    own = srv.must_login("cb-sotttt")
    other = srv.must_login("cb-khdt")
    tk = srv.must_login("cb-thongke")
    cases = [
        # (who, method, path, json, expected, what)
        (own, "PUT", pp + "/values/%s/1.9" % UNIT, {"value": "0"}, 403,
         "so-tttt officer on 1.9 (ubnd-huyen)"),
        # the unit rule: a district's UBND writes for its own district
        (nh, "PUT", pp + "/values/%s/1.9" % NH, {"value": "0"}, 200,
         "ubnd-ninh-hai officer on 1.9 (its collective ubnd-huyen)"),
        (nh, "PUT", pp + "/values/%s/1.10" % NH, {"value": "monthly"},
         200, "ubnd-ninh-hai officer on 1.10"),
        (nh, "PUT", pp + "/values/%s/4.1" % NH, {"value": "1"}, 200,
         "ubnd-ninh-hai officer on 4.1"),
        (nh, "PUT", pp + "/values/%s/4.2" % NH, {"value": "1"}, 200,
         "ubnd-ninh-hai officer on 4.2"),
        (nh, "PUT", pp + "/values/%s/%s" % (UNIT, INPUT), {"value": "1"},
         403, "ubnd-ninh-hai officer on 3.3.a (so-tttt)"),
        (tk, "PUT", pp + "/values/%s/A.4" % UNIT, {"value": "600001"}, 200,
         "cuc-thong-ke officer on A.4 (cuc-thong-ke)"),
        (other, "PUT", pp + "/values/%s/A.4" % UNIT, {"value": "1"}, 403,
         "so-khdt officer on A.4 (cuc-thong-ke)"),
        (tk, "PUT", pp + "/values/%s/7.7.a" % UNIT, {"value": "1"}, 403,
         "cuc-thong-ke officer on 7.7.a (cuc-thue)"),
        (nh, "POST", pp + "/submit", {"agency": "so-tttt"}, 403,
         "ubnd-ninh-hai officer submitting so-tttt"),
        (nh, "POST", pp + "/submit", {"agency": "ubnd-huyen", "unit": NH},
         200, "ubnd-ninh-hai officer submitting its collective ubnd-huyen"),
        (other, "POST", pp + "/submit", {"agency": "so-khdt"}, 200,
         "so-khdt officer submitting its own agency"),
        (other, "POST", pp + "/approve", {"agency": "so-khdt"}, 403,
         "so-khdt officer approving its own agency"),
        (nh, "POST", API + "/tasks/B.I.3/progress", {"note": "ninh-hai"},
         200, "ubnd-ninh-hai officer on task B.I.3 (ubnd-huyen)"),
        (nh, "POST", API + "/tasks/B.I.2/progress", {"note": "x"}, 403,
         "ubnd-ninh-hai officer on task B.I.2 (so-tttt)"),
        (other, "POST", API + "/tasks/B.VII.1/progress",
         {"status": "done"}, 200, "so-khdt officer on task B.VII.1"),
        (own, "POST", API + "/tasks/B.VII.1/progress", {"status": "done"},
         403, "so-tttt officer on task B.VII.1 (so-khdt)"),
    ]
    # the yes/no and choice inputs submitted below need evidence
    for who, unit, inp in [(nh, NH, "1.9"), (nh, NH, "1.10"), (nh, NH, "4.1"),
                           (nh, NH, "4.2"), (other, UNIT, "2.11")]:
        ct, b = multipart([("note", "biên bản")])
        ck.status(srv.request("POST", pp + "/values/%s/%s/evidence" %
                              (unit, inp), body=b, ctype=ct, session=who),
                  201, "collective: evidence on %s for %s" % (inp, unit))
    for who, method, path, js, want, what in cases:
        r = srv.request(method, path, json_body=js, session=who)
        ck.status(r, want, "collective: " + what)
    r = srv.get(pp + "/values?unit=" + NH, session=admin)
    vals = {v["input"]: (v["value"], v["status"])
            for v in (r.json() or {}).get("values", [])}
    ck.eq(vals.get("1.9"), ("0", "submitted"),
          "collective: 1.9 set by ubnd-ninh-hai for ninh-hai and submitted")
    r = srv.get(pp + "/values?unit=" + UNIT, session=admin)
    vals = {v["input"]: (v["value"], v["status"])
            for v in (r.json() or {}).get("values", [])}
    ck.eq(vals.get(INPUT), ("98000", "draft"),
          "collective: 3.3.a untouched by refused officers")
    ck.eq(vals.get("7.7.a", ("?",))[0] != "1", True,
          "collective: 7.7.a untouched")


PEER = "tinh-doi-chieu-1"  # a peer province's unit, from the demo import
OTHER_DISTRICT = "bac-ai"


def units(ck, srv, admin, demo_csv):
    """The unit dimension of the matrix: PUT, evidence and submit for the
    officer's own unit, another district and a peer province's unit."""
    P = "2052"
    pp = API + "/periods/" + P
    ck.status(srv.request("POST", API + "/periods", json_body={"code": P},
                          session=admin), 201, "units: open " + P)
    ck.status(srv.request("POST", pp + "/import", body=demo_csv,
                          ctype="text/csv", session=admin), 200,
              "units: import drafts")
    nh = srv.must_login("cb-ninhhai")  # ubnd-ninh-hai: district ninh-hai
    dep = srv.must_login("cb-sotttt")  # so-tttt: a department
    co = srv.must_login("sotttt")  # the coordinator
    # (who, officer's input, unit, expected); at the province, 1.9 is
    # the districts' parts (issue 9): ubnd-ninh-hai's own part, refused
    # beside the whole value the import wrote (409), its evidence too
    rows = [
        (nh, "1.9", NH, 200), (nh, "1.9", OTHER_DISTRICT, 403),
        (nh, "1.9", UNIT, 409), (nh, "1.9", PEER, 403),
        (dep, INPUT, UNIT, 200), (dep, INPUT, NH, 403),
        (dep, INPUT, PEER, 403),
        (co, INPUT, PEER, 200), (co, "1.9", OTHER_DISTRICT, 200),
    ]
    for who, inp, unit, want in rows:
        what = "units: %s PUT %s for %s" % (who.login, inp, unit)
        before = srv.sql("SELECT count(*) FROM value")[0][0]
        r = srv.request("PUT", pp + "/values/%s/%s" % (unit, inp),
                        json_body={"value": "1"}, session=who)
        ck.status(r, want, what)
        if want in (403, 409):
            ck.error_code(r, "forbidden" if want == 403
                          else "contrib.conflict", what)
            ck.eq(srv.sql("SELECT count(*) FROM value")[0][0], before,
                  what + ": nothing written")
        ct, b = multipart([("note", "unit rule")],
                          [("file", "u.pdf", "application/pdf",
                            b"%PDF-1.4 unit")])
        n0 = srv.sql("SELECT count(*) FROM evidence")[0][0]
        r = srv.request("POST", pp + "/values/%s/%s/evidence" % (unit, inp),
                        body=b, ctype=ct, session=who)
        ck.status(r, 201 if want == 200 else want,
                  "units: %s evidence on %s for %s" % (who.login, inp, unit))
        ck.eq(srv.sql("SELECT count(*) FROM evidence")[0][0] - n0,
              1 if want == 200 else 0,
              "units: %s evidence rows for %s" % (who.login, unit))
    for who, agency, unit, want in [
            (nh, "ubnd-huyen", OTHER_DISTRICT, 403),
            (nh, "ubnd-huyen", UNIT, 403), (nh, "ubnd-huyen", PEER, 403),
            (dep, "so-tttt", NH, 403), (dep, "so-tttt", PEER, 403),
            (dep, "so-tttt", UNIT, 200)]:
        js = {"agency": agency, "unit": unit}
        if agency == "so-tttt":
            js["inputs"] = INPUT + ",3.3.b"  # counts: no evidence needed
        r = srv.request("POST", pp + "/submit", session=who, json_body=js)
        ck.status(r, want, "units: %s submits %s for %s" %
                  (who.login, agency, unit))
    st = srv.sql("SELECT v.status FROM value v JOIN unit u ON u.id = v.unit "
                 "JOIN period p ON p.id = v.period WHERE p.code = ? AND "
                 "u.code = ? AND v.input = ? ORDER BY v.id DESC LIMIT 1",
                 (P, UNIT, INPUT))
    ck.eq(st and st[0][0], "submitted",
          "units: so-tttt's own submission went through")


if __name__ == "__main__":
    main("api.authz", body)
