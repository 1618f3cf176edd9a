"""api.password: POST /api/v1/session/password, one's own password: the
current password is needed (a wrong one changes nothing and counts like a
failed login), the new one is checked like any, the account's other
sessions end and this one goes on, and the change is in the audit log."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from apilib import API, main  # noqa: E402

PW = API + "/session/password"


def body(ck, srv):
    s1 = srv.must_login("cb-sotttt")
    s2 = srv.must_login("cb-sotttt")
    old = srv.passwords["cb-sotttt"]
    hash0 = srv.sql("SELECT pwhash FROM account WHERE login = 'cb-sotttt'")
    audit0 = srv.audit_count()

    r = srv.request("POST", PW, json_body={"current": "khong-dung-mat-khau",
                                           "password": "mat-khau-moi-du-dai"},
                    session=s1)
    ck.status(r, 403, "a wrong current password")
    ck.error_code(r, "invalid_credentials", "a wrong current password")
    ck.eq((r.json() or {}).get("error", {}).get("field"), "current",
          "the field at fault is named")
    r = srv.request("POST", PW, json_body={"current": old, "password": "ngan"},
                    session=s1)
    ck.status(r, 400, "a new password that is too short")
    ck.error_code(r, "weak_password", "a new password that is too short")
    msg = (r.json() or {}).get("error", {}).get("message", {})
    ck.check("12" in msg.get("vi", "") and "12" in msg.get("en", ""),
             "the message says how long, in both languages", msg)
    r = srv.request("POST", PW, json_body={"password": "mat-khau-moi-du-dai"},
                    session=s1)
    ck.status(r, 400, "without the current password")
    ck.error_code(r, "missing_field", "without the current password")
    r = srv.request("POST", PW, json_body={"current": old,
                                           "password": "mat-khau-moi-du-dai"},
                    session=s1, csrf=False)
    ck.status(r, 403, "without the CSRF token")
    ck.error_code(r, "csrf", "without the CSRF token")
    ck.eq(srv.sql("SELECT pwhash FROM account WHERE login = 'cb-sotttt'"),
          hash0, "refused changes left the password as it was")
    ck.eq(srv.audit_count(), audit0, "refused changes logged nothing")

    new = "mat-khau-moi-du-dai"
    srv.secrets.add(new)
    r = srv.request("POST", PW, json_body={"current": old, "password": new},
                    session=s1)
    ck.status(r, 200, "the change")
    ck.eq(r.json(), {"ok": True}, "the answer")
    ck.status(srv.get(API + "/session", session=s1), 200,
              "the session that changed it goes on")
    ck.status(srv.get(API + "/session", session=s2), 401,
              "the account's other session ended")
    s, r = srv.login("cb-sotttt", password=old)
    ck.status(r, 401, "the old password no longer logs in")
    s, r = srv.login("cb-sotttt", password=new)
    ck.status(r, 200, "the new password logs in")
    rows = srv.sql("SELECT actor, action, key FROM audit WHERE action = "
                   "'account.password'")
    ck.eq(rows, [("cb-sotttt", "account.password", "cb-sotttt")],
          "one audit row, by the account itself")

    # wrong current passwords count against the login limit of the account
    s3 = srv.must_login("cb-khdt")
    codes = []
    for _ in range(6):
        r = srv.request("POST", PW, json_body={"current": "sai-sai-sai-sai",
                                               "password": new}, session=s3)
        codes.append(r.status)
    ck.eq(codes[-1], 429, "guessing the current password is limited")
    ck.check(r.header("Retry-After") is not None, "with Retry-After")
    r = srv.get(API + "/session")
    ck.status(r, 401, "no session, no change")
    r = srv.request("POST", PW, json_body={"current": "x", "password": new})
    ck.status(r, 401, "anonymously")


if __name__ == "__main__":
    main("api.password", body)
