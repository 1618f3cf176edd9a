"""api.accounts: an admin's care of accounts and the sessions of an account
(issue 12). A reset password (given or generated, shown once) must be
changed at the next login and until then every other route answers 403
password_change_required; a disabled account cannot log in (answered as a
wrong password, counted by the same limits) and its open session is 401 at
once; a new role or agency ends the account's sessions; one's own sessions
are listed (a public id, never the token or its hash) and ended, anyone's
by an admin; the last active admin cannot be disabled or demoted. Each
change is in the audit log; refusals change nothing."""

import hashlib
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from apilib import API, main  # noqa: E402

PERIOD = "2022-demo"  # the demo period
READABLE = re.compile(r"^[a-z2-9]{4}(-[a-z2-9]{4}){3}$")


def audit_rows(srv, action, key):
    return srv.sql("SELECT actor, old, new FROM audit WHERE action = ? AND "
                   "key = ? ORDER BY id", (action, key))


def state(srv, login):
    return srv.sql("SELECT role, agency, disabled, must_change FROM account "
                   "WHERE login = ?", (login,))[0]


def live(srv, sess):
    return srv.get(API + "/session", session=sess).status == 200


def refused(ck, srv, r, status, code, what, before):
    ck.status(r, status, what)
    ck.error_code(r, code, what)
    ck.eq(srv.audit_count(), before, what + ": nothing logged")


def reset(ck, srv, admin):
    """A generated password, changed at the next login."""
    s1 = srv.must_login("cb-sotttt")
    s2 = srv.must_login("cb-sotttt")
    old = srv.passwords["cb-sotttt"]
    r = srv.request("POST", API + "/users/cb-sotttt/reset",
                    json_body={"generate": True}, session=admin)
    ck.status(r, 200, "reset with a generated password")
    j = r.json() or {}
    temp = j.get("password", "")
    srv.secrets.add(temp)
    ck.check(READABLE.match(temp), "4 groups of 4 readable characters",
             temp)
    ck.check(not set(temp) & set("01loiI"), "no look-alikes", temp)
    ck.eq(j.get("must_change_password"), True, "the answer says so")
    ck.eq(state(srv, "cb-sotttt")[3], 1, "flagged must change")
    ck.check(not live(srv, s1) and not live(srv, s2),
             "every session of the account ended at once")
    ck.eq(audit_rows(srv, "account.reset", "cb-sotttt"),
          [("admin", None, "must_change")], "one audit row, by the admin")
    ck.eq(srv.sql("SELECT reason FROM audit WHERE action = 'account.reset'"),
          [("sessions ended: 2",)], "naming the sessions it ended")
    r = srv.get(API + "/users", session=admin)
    row = [u for u in (r.json() or {}).get("users", [])
           if u["login"] == "cb-sotttt"]
    ck.eq(row and row[0].get("must_change_password"), True,
          "GET /users shows it")
    ck.check(temp not in r.text(), "the password is never listed")

    _, r = srv.login("cb-sotttt", password=old)
    ck.status(r, 401, "the old password no longer logs in")
    s, r = srv.login("cb-sotttt", password=temp)
    ck.status(r, 200, "the temporary password logs in")
    ck.eq((r.json() or {}).get("must_change_password"), True,
          "the login says the password must be changed")
    r = srv.get(API + "/session", session=s)
    ck.status(r, 200, "GET /session works")
    ck.eq((r.json() or {}).get("must_change_password"), True,
          "GET /session says so")
    n_values = srv.sql("SELECT count(*) FROM value")[0][0]
    before = srv.audit_count()
    for method, path, body in [
            ("GET", "/periods", None),
            ("GET", "/users/cb-sotttt/sessions", None),
            ("PUT", "/periods/%s/values/ninh-thuan/3.3.a" % PERIOD,
             {"value": "1"}),
            ("POST", "/tasks/B.I.2/progress", {"note": "x"}),
            ("DELETE", "/users/cb-sotttt/sessions", None)]:
        r = srv.request(method, API + path, json_body=body, session=s)
        refused(ck, srv, r, 403, "password_change_required",
                "must change: %s %s" % (method, path), before)
        msg = ((r.json() or {}).get("error") or {}).get("message", {})
        ck.check("cb-sotttt" in msg.get("vi", "") and
                 "change" in msg.get("en", ""),
                 "the refusal names the account and the change", msg)
    ck.eq(srv.sql("SELECT count(*) FROM value")[0][0], n_values,
          "no value was written")
    ck.check(live(srv, s), "the refusals left the session open")

    pw = API + "/session/password"
    r = srv.request("POST", pw, json_body={"current": temp,
                                           "password": temp}, session=s)
    refused(ck, srv, r, 400, "same_password", "the temporary password again",
            before)
    new = "mat-khau-rieng-cua-cb-sotttt"
    srv.secrets.add(new)
    r = srv.request("POST", pw, json_body={"current": temp, "password": new},
                    session=s)
    ck.status(r, 200, "the change of the temporary password")
    srv.passwords["cb-sotttt"] = new
    r = srv.get(API + "/session", session=s)
    ck.eq((r.json() or {}).get("must_change_password"), False,
          "GET /session: no longer")
    ck.status(srv.get(API + "/periods", session=s), 200,
              "the same session now works normally")
    ck.eq(state(srv, "cb-sotttt")[3], 0, "the flag is cleared")
    ck.eq(len(audit_rows(srv, "account.password", "cb-sotttt")), 1,
          "the change is audited")

    # generated ones differ, and use the whole readable set
    gen = []
    for _ in range(8):
        r = srv.request("POST", API + "/users/cb-thongke/reset", json_body={},
                        session=admin)
        gen.append((r.json() or {}).get("password", ""))
        srv.secrets.add(gen[-1])
    ck.check(all(READABLE.match(g) for g in gen), "{} generates too", gen)
    ck.eq(len(set(gen)), 8, "8 resets, 8 different passwords")
    ck.check(len(set("".join(gen)) - {"-"}) >= 24,
             "random over the 31 readable characters", gen)

    # a given password: not echoed back
    given = "mot-mat-khau-tam-thoi"
    srv.secrets.add(given)
    r = srv.request("POST", API + "/users/cb-thongke/reset",
                    json_body={"password": given}, session=admin)
    ck.status(r, 200, "reset with a given password")
    ck.eq(r.json(), {"login": "cb-thongke", "must_change_password": True},
          "the answer holds no password")
    s, r = srv.login("cb-thongke", password=given)
    ck.status(r, 200, "the given password logs in")
    ck.status(srv.get(API + "/tasks", session=s), 403,
              "and must be changed first")
    srv.passwords["cb-thongke"] = given

    # refusals: weak, both, unknown login, non-admins
    before = srv.audit_count()
    r = srv.request("POST", API + "/users/cb-khdt/reset",
                    json_body={"password": "ngan"}, session=admin)
    refused(ck, srv, r, 400, "weak_password", "a short temporary password",
            before)
    r = srv.request("POST", API + "/users/cb-khdt/reset",
                    json_body={"password": given, "generate": True},
                    session=admin)
    refused(ck, srv, r, 400, "bad_field", "a password and generate", before)
    r = srv.request("POST", API + "/users/cb-khdt/reset",
                    json_body={"generate": "yes"}, session=admin)
    refused(ck, srv, r, 400, "bad_field", "generate not a boolean", before)
    r = srv.request("POST", API + "/users/khong-co/reset",
                    json_body={}, session=admin)
    refused(ck, srv, r, 404, "not_found", "reset of an unknown login", before)
    for who in ("sotttt", "lanhdao", "cb-khdt"):
        s = srv.must_login(who)
        before = srv.audit_count()  # the login is logged
        r = srv.request("POST", API + "/users/cb-khdt/reset", json_body={},
                        session=s)
        refused(ck, srv, r, 403, "forbidden", "reset by " + who, before)
        r = srv.request("POST", API + "/users/khong-co/reset", json_body={},
                        session=s)
        refused(ck, srv, r, 403, "forbidden",
                "reset of an unknown login by %s (no oracle)" % who, before)
    ck.eq(state(srv, "cb-khdt"), ("officer", "so-khdt", 0, 0),
          "cb-khdt untouched by the refusals")


def disable(ck, srv, admin):
    """A disabled account: no login (as a wrong password), sessions end."""
    s = srv.must_login("cb-khdt")
    pw = srv.passwords["cb-khdt"]
    r = srv.request("POST", API + "/users/cb-khdt/disable", session=admin)
    ck.status(r, 200, "disable cb-khdt")
    ck.eq(r.json(), {"login": "cb-khdt", "disabled": True}, "the answer")
    r = srv.get(API + "/periods", session=s)
    ck.status(r, 401, "the disabled account's cookie: 401 at once")
    ck.error_code(r, "unauthenticated", "the disabled account's cookie")
    _, right = srv.login("cb-khdt")
    _, wrong = srv.login("cb-khdt", password="sai-mat-khau-hoan-toan")
    ck.status(right, 401, "the right password of a disabled account")
    ck.eq(right.body, wrong.body, "answered exactly as a wrong password")
    users = {u["login"]: u for u in
             srv.get(API + "/users", session=admin).json()["users"]}
    ck.eq((users["cb-khdt"]["disabled"], users["cb-khdt"]["disabled_by"]),
          (True, "admin"), "GET /users: disabled, and by whom")
    ck.check(users["cb-khdt"]["disabled_at"], "and when")
    ck.eq(audit_rows(srv, "account.disable", "cb-khdt"),
          [("admin", "enabled", "disabled")], "the disable is audited")
    # the limits count a disabled account's attempts like wrong passwords
    codes = [srv.login("cb-khdt")[1].status for _ in range(5)]
    ck.eq(codes[-1], 429, "a disabled account's attempts are limited too")
    before = srv.audit_count()
    r = srv.request("POST", API + "/users/cb-khdt/disable", session=admin)
    ck.status(r, 200, "disabling again")
    ck.eq(srv.audit_count(), before, "disabling again records nothing")

    r = srv.request("POST", API + "/users/cb-khdt/enable", session=admin)
    ck.status(r, 200, "enable cb-khdt")
    s, r = srv.login("cb-khdt", password=pw)
    ck.status(r, 200, "enabled: logs in (the enable lifted the limit)")
    ck.eq(audit_rows(srv, "account.enable", "cb-khdt"),
          [("admin", "disabled", "enabled")], "the enable is audited")
    for path in ("disable", "enable"):
        before = srv.audit_count()
        r = srv.request("POST", API + "/users/khong-co/" + path,
                        session=admin)
        refused(ck, srv, r, 404, "not_found", path + " of an unknown login",
                before)
        r = srv.request("POST", API + "/users/admin/" + path, session=s)
        refused(ck, srv, r, 403, "forbidden", path + " by an officer",
                before)


def last_admin(ck, srv, admin):
    before = srv.audit_count()
    r = srv.request("POST", API + "/users/admin/disable", session=admin)
    refused(ck, srv, r, 409, "last_admin", "the last admin disables itself",
            before)
    msg = ((r.json() or {}).get("error") or {}).get("message", {})
    ck.check("admin" in msg.get("en", "") and "quản trị" in msg.get("vi", ""),
             "the message names it, in both languages", msg)
    for role in ("coordinator", "viewer"):
        r = srv.request("PATCH", API + "/users/admin",
                        json_body={"role": role}, session=admin)
        refused(ck, srv, r, 409, "last_admin",
                "the last admin makes itself " + role, before)
    ck.eq(state(srv, "admin"), ("admin", None, 0, 0), "the admin untouched")
    ck.check(live(srv, admin), "its session too")

    pw = "mat-khau-quan-tri-thu-hai"
    srv.secrets.add(pw)
    ck.status(srv.request("POST", API + "/users", session=admin,
                          json_body={"login": "admin2", "role": "admin",
                                     "password": pw}), 201, "a second admin")
    srv.passwords["admin2"] = pw
    a2 = srv.must_login("admin2")
    r = srv.request("POST", API + "/users/admin/disable", session=a2)
    ck.status(r, 200, "one of two admins disables the other")
    ck.check(not live(srv, admin), "the disabled admin's session ended")
    before = srv.audit_count()
    r = srv.request("POST", API + "/users/admin2/disable", session=a2)
    refused(ck, srv, r, 409, "last_admin", "now the last admin", before)
    r = srv.request("POST", API + "/users/admin/enable", session=a2)
    ck.status(r, 200, "the other admin enabled again")
    admin = srv.must_login("admin")
    r = srv.request("PATCH", API + "/users/admin2",
                    json_body={"role": "viewer"}, session=admin)
    ck.status(r, 200, "with two admins, one may be demoted")
    ck.check(not live(srv, a2), "the demoted admin's session ended")
    return admin


def roles(ck, srv, admin):
    s = srv.must_login("cb-pvhcc")
    before = srv.audit_count()
    for body, code, what in [
            ({"role": "officer", "agency": "khong-co"}, "user.agency",
             "an officer of an unknown agency"),
            ({"role": "officer", "agency": None}, "user.agency",
             "an officer without an agency"),
            ({"role": "viewer", "agency": "so-tttt"}, "user.agency",
             "a viewer with an agency"),
            ({"role": "admin", "agency": "so-tttt"}, "user.agency",
             "an admin with an agency"),
            ({"role": "chu-tich"}, "bad_role", "an unknown role"),
            ({"role": "viewer", "login": "x"}, "unknown_field",
             "an unknown field")]:
        r = srv.request("PATCH", API + "/users/cb-pvhcc", json_body=body,
                        session=admin)
        refused(ck, srv, r, 400, code, what, before)
    r = srv.request("PATCH", API + "/users/khong-co",
                    json_body={"role": "viewer"}, session=admin)
    refused(ck, srv, r, 404, "not_found", "PATCH of an unknown login", before)
    r = srv.request("PATCH", API + "/users/cb-pvhcc",
                    json_body={"role": "viewer"}, session=s)
    refused(ck, srv, r, 403, "forbidden", "an officer changing its own role",
            before)
    ck.eq(state(srv, "cb-pvhcc"), ("officer", "ttpvhcc", 0, 0),
          "cb-pvhcc untouched by the refusals")
    ck.check(live(srv, s), "and its session open")

    r = srv.request("PATCH", API + "/users/cb-pvhcc",
                    json_body={"agency": "so-tttt"}, session=admin)
    ck.status(r, 200, "another agency, the role kept")
    ck.eq(r.json(), {"login": "cb-pvhcc", "role": "officer",
                     "agency": "so-tttt"}, "the answer")
    ck.check(not live(srv, s), "its session ended (its rights changed)")
    r = srv.request("PATCH", API + "/users/cb-pvhcc",
                    json_body={"role": "coordinator"}, session=admin)
    ck.eq(state(srv, "cb-pvhcc")[:2], ("coordinator", "so-tttt"),
          "a coordinator keeps its agency unless told")
    r = srv.request("PATCH", API + "/users/cb-pvhcc",
                    json_body={"role": "viewer"}, session=admin)
    ck.eq(state(srv, "cb-pvhcc")[:2], ("viewer", None),
          "a viewer has no agency")
    r = srv.request("PATCH", API + "/users/cb-pvhcc",
                    json_body={"role": "officer", "agency": "ttpvhcc"},
                    session=admin)
    ck.status(r, 200, "back to an officer of its agency")
    ck.eq(audit_rows(srv, "account.role", "cb-pvhcc"),
          [("admin", "officer ttpvhcc", "officer so-tttt"),
           ("admin", "officer so-tttt", "coordinator so-tttt"),
           ("admin", "coordinator so-tttt", "viewer -"),
           ("admin", "viewer -", "officer ttpvhcc")],
          "each change audited with the old and new role and agency")
    s = srv.must_login("cb-pvhcc")
    ck.status(srv.get(API + "/periods", session=s), 200,
              "it logs in and works with its new rights")


def sessions(ck, srv, admin):
    s1 = srv.must_login("cb-ninhhai")
    s2 = srv.must_login("cb-ninhhai")
    u = API + "/users/cb-ninhhai/sessions"
    r = srv.get(u, session=s1)
    ck.status(r, 200, "one's own sessions")
    j = r.json() or {}
    got = j.get("sessions", [])
    ck.eq(len(got), 2, "both listed")
    ck.eq(sorted(x["current"] for x in got), [False, True],
          "the caller's own is marked current")
    ck.eq({x["address"] for x in got}, {"127.0.0.1"}, "the address")
    ck.check(all(x["live"] and not x["ended"] and x["ended_at"] is None
                 for x in got), "both live", got)
    ck.check(all(x["created_at"] <= x["last_seen"] < x["expires_at"]
                 for x in got), "times in order", got)
    for sess in (s1, s2):
        ck.check(sess.token not in r.text() and hashlib.sha256(
            sess.token.encode()).hexdigest() not in r.text(),
            "neither the token nor its hash is listed")
    sid2 = [x["id"] for x in got if not x["current"]][0]
    ck.eq(srv.get(API + "/session", session=s2).json().get("session_id"),
          sid2, "GET /session names its public id")

    other = srv.must_login("cb-sotttt")
    before = srv.audit_count()
    r = srv.get(u, session=other)
    ck.status(r, 403, "another officer's sessions")
    r = srv.request("DELETE", u + "/" + sid2, session=other)
    refused(ck, srv, r, 403, "forbidden", "ending another's session", before)
    r = srv.request("DELETE", u, session=other)
    refused(ck, srv, r, 403, "forbidden", "ending another's sessions", before)
    ck.check(live(srv, s2), "its session still open")
    r = srv.request("DELETE", u + "/0000000000000000", session=s1)
    refused(ck, srv, r, 404, "not_found", "an unknown session id", before)
    r = srv.get(API + "/users/khong-co/sessions", session=admin)
    ck.status(r, 404, "an unknown login's sessions")

    r = srv.request("DELETE", u + "/" + sid2, session=s1)
    ck.status(r, 200, "ending one's other session")
    ck.eq(r.json(), {"ended": 1}, "the answer")
    ck.check(not live(srv, s2), "it ended at once")
    ck.check(live(srv, s1), "this one goes on")
    ck.eq(audit_rows(srv, "session.end", "cb-ninhhai"),
          [("cb-ninhhai", sid2, None)], "audited by the account itself")
    before = srv.audit_count()
    r = srv.request("DELETE", u + "/" + sid2, session=s1)
    refused(ck, srv, r, 404, "not_found", "ending it again", before)

    s3 = srv.must_login("cb-ninhhai")
    r = srv.request("DELETE", u, session=admin)
    ck.status(r, 200, "the admin ends all of them")
    ck.eq(r.json(), {"ended": 2}, "two were open")
    ck.check(not live(srv, s1) and not live(srv, s3), "all ended at once")
    r = srv.get(u, session=admin)
    got = (r.json() or {}).get("sessions", [])
    ck.eq(len(got), 3, "the admin lists them all, ended ones kept")
    ck.check(all(x["ended"] and x["ended_at"] and not x["live"] and
                 not x["current"] for x in got), "each ended, with when", got)
    ck.eq(audit_rows(srv, "session.end_all", "cb-ninhhai"),
          [("admin", None, None)], "audited")
    # its own: every session, this one included
    s4 = srv.must_login("cb-ninhhai")
    r = srv.request("DELETE", u, session=s4)
    ck.eq((r.status, r.json()), (200, {"ended": 1}), "ending all one's own")
    ck.check(not live(srv, s4), "the caller's own session ended too")
    ck.eq(srv.sql("SELECT count(*) FROM session s JOIN account a ON "
                  "a.id = s.account WHERE a.login = 'cb-ninhhai'")[0][0], 4,
          "no session row was deleted")


def agents(ck, srv, admin):
    """A session keeps its browser's User-Agent: cut at 200 bytes on a
    character, dropped when it is not UTF-8."""
    pw = srv.passwords["lanhdao"]
    long_ua = "Trình duyệt/1.0 " + "ặ" * 100  # 19 + 300 bytes
    for ua in (long_ua.encode(), b"Mozilla/5.0 (X11; Linux)", b"Tr\xe9s"):
        r = srv.request("POST", API + "/session", json_body={
            "login": "lanhdao", "password": pw}, headers={"User-Agent": ua})
        ck.status(r, 200, "a login with User-Agent %r" % ua[:20])
    r = srv.get(API + "/users/lanhdao/sessions", session=admin)
    # the three newest (an earlier part logged in without an agent)
    got = [x["user_agent"] for x in (r.json() or {}).get("sessions", [])][:3]
    want_long = long_ua.encode()[:199].decode()  # 200 cuts inside a letter
    ck.eq(got, [None, "Mozilla/5.0 (X11; Linux)", want_long],
          "the agents kept, newest first (Latin-1 bytes: none)")
    ck.check(len(got[2].encode()) <= 200, "at most 200 bytes", got[2])


def body(ck, srv):
    admin = srv.must_login("admin")
    reset(ck, srv, admin)
    disable(ck, srv, admin)
    admin = last_admin(ck, srv, admin)
    roles(ck, srv, admin)
    sessions(ck, srv, admin)
    agents(ck, srv, admin)
    # anonymously: 401 everywhere
    for method, path in [("POST", "/users/cb-khdt/reset"),
                         ("POST", "/users/cb-khdt/disable"),
                         ("PATCH", "/users/cb-khdt"),
                         ("GET", "/users/cb-khdt/sessions"),
                         ("DELETE", "/users/cb-khdt/sessions")]:
        r = srv.request(method, API + path, json_body={})
        ck.status(r, 401, "anonymous %s %s" % (method, path))


if __name__ == "__main__":
    main("api.accounts", body)
