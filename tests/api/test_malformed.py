"""api.malformed: malformed requests get a 4xx and change nothing.

Bad JSON, a JSON array (or other non-object) instead of an object, unknown
fields, duplicate keys, fields of the wrong type, non-UTF-8 bytes and NUL
in JSON strings, bodies over 1 MiB (JSON) and 24 MiB (any) -> 413, a wrong
Content-Type -> 415, broken multipart for evidence uploads, bad CSV
imports, unknown paths -> 404, wrong methods -> 405, invalid period codes,
unknown periods, units, inputs and tasks. After each request the audit log
(its rows in the database file) and the tables a write could touch are
compared with before; after the whole batch, GET /api/v1/audit and the
values of the demo period are compared too.

Then uploads with hostile file names: `../../etc/passwd` is stored as
`passwd` (or refused), and the download's Content-Disposition is safe; the
upload answers the SHA-256 of what was stored. Last, non-UTF-8 bytes in
multipart text fields and file names: refused, or stored so that the
evidence list still shows them.
"""

import os
import re
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from apilib import API, JSON_CT, main, multipart, sha256  # noqa: E402

TABLES = ("audit", "period", "value", "evidence", "file", "account",
          "task_progress", "unit")
P = API + "/periods/2022-demo"
EV = P + "/values/ninh-thuan/3.3.a/evidence"
MIB = 1 << 20


def state(srv):
    """Row counts of what a write could touch, and the live values."""
    counts = tuple(srv.sql("SELECT count(*) FROM %s" % t)[0][0]
                   for t in TABLES)
    live = srv.sql("SELECT group_concat(input || '=' || raw || ':' || status,"
                   " '|') FROM (SELECT * FROM value WHERE NOT archived "
                   "ORDER BY id)")[0][0]
    periods = srv.sql("SELECT group_concat(code || ':' || status) FROM "
                      "period")[0][0]
    tasks = srv.sql("SELECT group_concat(status) FROM task")[0][0]
    return counts + (live, periods, tasks)


def body(ck, srv):
    admin = srv.must_login("admin")
    off = srv.must_login("cb-sotttt")
    # a submission names its agency, whoever sends it
    for who, s in (("admin", admin), ("officer", off)):
        r = srv.request("POST", P + "/submit", session=s, json_body={})
        ck.status(r, 400, "submit without an agency (%s)" % who)
        ck.error_code(r, "missing_field", "submit without an agency (%s)"
                      % who)
    snap_api = srv.get(API + "/audit", session=admin)
    values0 = srv.get(P + "/values", session=admin).body
    n_audit0 = len((snap_api.json() or {}).get("audit", []))
    ck.eq(n_audit0, srv.audit_count(), "GET /audit lists every audit row")

    def bad(method, path, want, what, session=admin, code=None, **kw):
        s0 = state(srv)
        r = srv.request(method, path, session=session, **kw)
        ck.status(r, want, what)
        if code is not None:
            ck.error_code(r, code, what)
        j = r.json()
        if 400 <= r.status < 500:
            ck.check(isinstance(j, dict) and
                     isinstance(j.get("error", {}).get("message"), dict) and
                     "vi" in j["error"]["message"] and
                     "en" in j["error"]["message"],
                     "%s: a JSON error in Vietnamese and English" % what,
                     r.text()[:300])
        ck.eq(state(srv), s0, "%s: nothing changed" % what)
        return r

    def js(method, path, raw, want, what, code=None, ctype=JSON_CT,
           session=admin):
        return bad(method, path, want, what, body=raw, ctype=ctype,
                   code=code, session=session)

    # -- JSON bodies -------------------------------------------------------
    targets = [
        ("POST", API + "/periods", "code", "open period"),
        ("PUT", P + "/values/ninh-thuan/3.3.a", "value", "set value"),
        ("POST", API + "/users", "login", "add user"),
        ("POST", P + "/submit", "agency", "submit"),
        ("POST", P + "/reopen-values", "reason", "reopen values"),
        ("POST", P + "/close", "reason", "close period"),
        ("POST", API + "/session", "login", "login"),
    ]
    for method, path, key, name in targets:
        for raw, what, code in (
                (b'{"%s":' % key.encode(), "truncated JSON", "bad_json"),
                (b"{%s: 1}" % key.encode(), "unquoted key", "bad_json"),
                (b"{'%s': '1'}" % key.encode(), "single quotes", "bad_json"),
                (b'{"%s": "1",}' % key.encode(), "trailing comma",
                 "bad_json"),
                (b'{"%s": "1"} {}' % key.encode(), "two documents",
                 "bad_json"),
                (b'["%s"]' % key.encode(), "a JSON array", "bad_json"),
                (b'"x"', "a JSON string", "bad_json"),
                (b"42", "a JSON number", "bad_json"),
                (b"null", "JSON null", "bad_json"),
                (b"" if "close" not in path else b" ", "an empty body",
                 "bad_json"),
                (b"[" * 100000, "deep nesting", "bad_json"),
                (b'{"%s": "1", "extra": "1"}' % key.encode(),
                 "an unknown field", "unknown_field"),
                (b'{"%s": "1", "%s": "2"}' % (key.encode(), key.encode()),
                 "a duplicate key", "bad_json"),
                (b'{"%s": "a\xff\xfeb"}' % key.encode(),
                 "non-UTF-8 bytes in a string", "bad_json"),
                (b'{"%s": "a\xc0\xafb"}' % key.encode(),
                 "an overlong UTF-8 sequence", "bad_json"),
                (b'{"%s": "a\xed\xa0\x80b"}' % key.encode(),
                 "a UTF-8-encoded surrogate", "bad_json"),
                (b'{"%s": "\\ud800"}' % key.encode(), "a lone surrogate "
                 "escape", "bad_json"),
                (b'{"%s": "a\\u0000b"}' % key.encode(), "NUL in a string",
                 "bad_json"),
                (b'{"%s\xff": "1"}' % key.encode(), "a non-UTF-8 key",
                 "bad_json"),
                (b'{"%s": 1}' % key.encode(), "a number for a string", None),
                (b'{"%s": ["1"]}' % key.encode(), "an array for a string",
                 None),
                (b'{"%s": {"a": "1"}}' % key.encode(),
                 "an object for a string", None)):
            js(method, path, raw, 400, "%s: %s" % (name, what), code=code)
        js(method, path, b'{"%s": "1"}' % key.encode(), 415,
           "%s: text/plain" % name, code="content_type", ctype="text/plain")
        js(method, path, b'{"%s": "1"}' % key.encode(), 415,
           "%s: no Content-Type" % name, code="content_type", ctype=None)
        js(method, path, b'%s=1' % key.encode(), 415,
           "%s: a urlencoded form" % name, code="content_type",
           ctype="application/x-www-form-urlencoded")
        big = b'{"%s": "' % key.encode() + b"x" * (MIB + 10) + b'"}'
        js(method, path, big, 413, "%s: a JSON body over 1 MiB" % name,
           code="too_large")
    # the same with a whole body over 24 MiB
    huge = b'{"code": "' + b"x" * (24 * MIB + 1) + b'"}'
    js("POST", API + "/periods", huge, 413, "open period: a 24 MiB body",
       code="too_large")

    # -- values and workflow: well-formed JSON, bad content -----------------
    for path, raw, want, what in (
            (API + "/periods", {"code": "2022-Q5"}, 400, "period 2022-Q5"),
            (API + "/periods", {"code": "2022-Q0"}, 400, "period 2022-Q0"),
            (API + "/periods", {"code": "22"}, 400, "period 22"),
            (API + "/periods", {"code": "1999"}, 400, "period 1999"),
            (API + "/periods", {"code": "abcd"}, 400, "period abcd"),
            (API + "/periods", {"code": "2022-q1"}, 400, "period 2022-q1"),
            (API + "/periods", {"code": "2031 "}, 400, "period '2031 '"),
            (API + "/periods", {"code": "../2031"}, 400, "period ../2031"),
            (API + "/periods", {"code": ""}, 400, "period ''"),
            (API + "/periods", {}, 400, "period without code"),
            (API + "/periods", {"code": "2031", "agency_due": "2031-02-30"},
             400, "a deadline that is no date"),
            (API + "/periods", {"code": "2022-demo"}, 409,
             "a period that exists already"),
            (API + "/periods", {"code": "2022-Demo"}, 400, "an uppercase tag"),
            (API + "/periods", {"code": "2022-"}, 400, "an empty tag"),
            (API + "/periods", {"code": "2022-1x"}, 400, "a tag from a digit"),
            (API + "/periods", {"code": "2022-a-b"}, 400, "two tags"),
            (API + "/periods", {"code": "2022-q3"}, 400, "a quarter as a tag"),
            (API + "/periods", {"code": "2022-Q1-abcdefghi"}, 400,
             "a code over 15 characters"),
            (P + "/submit", {}, 400, "submit without agency"),
            (P + "/approve", {}, 400, "approve naming nothing"),
            (P + "/approve", {"inputs": "9.99"}, 400,
             "approve an unknown input"),
            (P + "/return", {"inputs": "3.3.a"}, 400,
             "return without comment"),
            (P + "/return", {"inputs": "3.3.a", "comment": "  "}, 400,
             "return with a blank comment"),
            (P + "/reopen-values", {"inputs": "3.3.a"}, 400,
             "reopen values without reason"),
            (P + "/reopen", {}, 400, "reopen period without reason"),
            (P + "/reopen", {"reason": 1}, 400, "a number as reason"),
            (API + "/tasks/B.I.2/progress", {"status": "finished"}, 400,
             "a task status that does not exist"),
            (API + "/tasks/B.I.2/progress", {"status": "done", "x": "1"},
             400, "task progress with an unknown field"),
            (API + "/tasks/B.I.2/progress", {"status": ["done"]}, 400,
             "a task status that is an array"),
            (API + "/tasks/B.I.2/progress", {}, 400,
             "task progress without status or note"),
            (API + "/users", {"login": "x y", "role": "viewer",
                              "password": "mot-mat-khau-dai"}, 400,
             "a login with a space"),
            (API + "/users", {"login": "../etc", "role": "viewer",
                              "password": "mot-mat-khau-dai"}, 400,
             "a login with a slash"),
            (API + "/users", {"login": "newuser", "role": "root",
                              "password": "mot-mat-khau-dai"}, 400,
             "an unknown role"),
            (API + "/users", {"login": "newuser", "role": "officer",
                              "password": "mot-mat-khau-dai"}, 400,
             "an officer without agency"),
            (API + "/users", {"login": "newuser", "role": "officer",
                              "agency": "nope", "password":
                              "mot-mat-khau-dai"}, 400,
             "an officer of an unknown agency"),
            (API + "/users", {"login": "newuser", "role": "viewer",
                              "password": "short"}, 400,
             "a short password"),
            (API + "/users", {"login": "newuser", "role": "viewer",
                              "password": "x" * 300}, 400,
             "a password over 256 bytes"),
            (API + "/users", {"login": "admin", "role": "viewer",
                              "password": "mot-mat-khau-dai"}, 409,
             "a login that exists already")):
        bad("POST", path, want, what, json_body=raw)
    for inp, raw, want, what in (
            ("3.3.a", {"value": "abc"}, 400, "a count that is no number"),
            ("3.3.a", {"value": "-1"}, 400, "a negative count"),
            ("3.3.a", {"value": "1,5"}, 400, "a decimal comma"),
            ("3.3.a", {"value": "1e400"}, 400, "an infinite number"),
            ("3.3.a", {"value": "nan"}, 400, "NaN"),
            ("3.3.a", {"value": ""}, 400, "an empty value"),
            ("3.3.a", {}, 400, "no value"),
            ("1.9", {"value": "2"}, 400, "yes/no other than 0/1"),
            ("1.1", {"value": "nope"}, 400, "an unknown choice"),
            ("9.99", {"value": "1"}, 404, "an unknown input"),
            ("3.3", {"value": "1"}, 404, "an indicator, not an input"),
            ("..%2F3.3.a", {"value": "1"}, 404, "an input with a slash")):
        r = bad("PUT", P.replace("2022-demo", "2031") + "/values/ninh-thuan/" + inp,
                404, "%s (in an unknown period)" % what, json_body=raw)
        r = bad("PUT", P + "/values/ninh-thuan/" + inp, want, what,
                json_body=raw)
    # the demo values are approved (locked): a well-formed PUT is a 409
    bad("PUT", P + "/values/ninh-thuan/3.3.a", 409, "an approved value",
        json_body={"value": "1"})
    bad("PUT", P + "/values/nowhere/7.2.a", 404, "an unknown unit",
        json_body={"value": "1"})
    bad("PUT", P + "/values/nowhere/3.3.a", 404,
        "an unknown unit (officer)", session=off, json_body={"value": "1"})
    bad("POST", P + "/submit", 404, "submit for an unknown unit",
        json_body={"agency": "so-tttt", "unit": "nowhere"})
    bad("POST", API + "/periods/2031/close", 404, "close an unknown period",
        json_body={})
    bad("POST", API + "/periods/2031/submit", 404,
        "submit in an unknown period", json_body={"agency": "so-tttt"})
    bad("POST", API + "/tasks/NOPE/progress", 404, "an unknown task",
        json_body={"status": "done"})

    # -- imports -----------------------------------------------------------
    for raw, ctype, want, what in (
            (b"unit,input,value\nninh-thuan,7.2.a,1\n", "text/plain", 415,
             "import as text/plain"),
            (b"unit,input,value\nninh-thuan,7.2.a,1\n", None, 415,
             "import without Content-Type"),
            (b'{"unit": "ninh-thuan"}', JSON_CT, 415, "import as JSON"),
            (b"", "text/csv", 400, "an empty import"),
            (b"a,b\n1,2\n", "text/csv", 400, "a CSV with a wrong header"),
            (b"unit,input,value\nninh-thuan,9.99,1\n", "text/csv", 400,
             "an unknown input in a CSV"),
            (b"unit,input,value\nninh-thuan,A.1,\xff\xfe\n", "text/csv", 400,
             "non-UTF-8 in a CSV"),
            (b'unit,input,value\nninh-thuan,A.1,"open\n', "text/csv", 400,
             "broken CSV quoting"),
            (b"unit,input,value\nninh-thuan,7.2.a,1\nninh-thuan,7.2.a,2\n",
             "text/csv", 400, "a duplicate cell in a CSV"),
            (b"unit,input,value\n" + b"ninh-thuan,7.2.a,1\n" * 10 +
             b"x" * (24 * MIB), "text/csv", 413, "a 24 MiB import")):
        bad("POST", API + "/periods/2030/import".replace("2030", "2022-demo") +
            "?status=draft", want, what, body=raw, ctype=ctype)
    bad("POST", P + "/import?status=final", 400, "an unknown import status",
        body=b"unit,input,value\n", ctype="text/csv")

    # -- multipart evidence ---------------------------------------------------
    ct, mp = multipart([("note", "ok")],
                       [("file", "a.pdf", "application/pdf", b"%PDF-1.4")])
    bnd = ct.split("boundary=")[1]
    for raw, ctype, want, what in (
            (mp[:len(mp) // 2], ct, 400, "a multipart body cut in half"),
            (mp[:-4], ct, 400, "a multipart body without its last line"),
            (mp.replace(b"--" + bnd.encode() + b"--", b""), ct, 400,
             "a multipart body without the closing boundary"),
            (b"garbage", ct, 400, "garbage with a multipart type"),
            (mp, "multipart/form-data", 400, "multipart without boundary"),
            (mp, "multipart/form-data; boundary=other", 400,
             "multipart with another boundary"),
            (mp, JSON_CT, 415, "evidence as application/json"),
            (mp, "text/plain", 415, "evidence as text/plain"),
            (b"note=x", None, 415, "evidence without Content-Type")):
        bad("POST", EV, want, what, body=raw, ctype=ctype)
    for fields, files, want, what in (
            ([("note", "a")], [("file", "a.txt", "text/plain", b"1"),
                               ("file", "b.txt", "text/plain", b"2")], 400,
             "two files"),
            ([("note", "a"), ("bogus", "x")], [], 400, "an unknown field"),
            ([("note", "a"), ("file", "no file name")], [], 400,
             "a file field without file name"),
            ([("note", "a"), ("doc_date", "2022-13-01")], [], 400,
             "a document date that is no date"),
            ([("note", "a" * 5000)], [], 400, "a note over 4096 bytes"),
            ([("doc_number", "")], [], 400, "nothing to store"),
            ([("note", "a")], [("file", "..", "text/plain", b"1")], 400,
             "the file name '..'"),
            ([("note", "a")], [("file", "../", "text/plain", b"1")], 400,
             "the file name '../'"),
            ([("note", "a")], [("file", "x.html", "text/html", b"<b>")],
             415, "an HTML file"),
            ([("note", "a")], [("file", "x.svg", "image/svg+xml", b"<svg>")],
             415, "an SVG file"),
            ([("note", "a")], [("file", "big.pdf", "application/pdf",
                                b"x" * (20 * MIB + 1))], 400,
             "a file over 20 MiB"),
            ([("note", "a")], [("file", "huge.pdf", "application/pdf",
                                b"x" * (24 * MIB + 1))], 413,
             "a request body over 24 MiB")):
        ctype, raw = multipart(fields, files)
        bad("POST", EV, want, what, body=raw, ctype=ctype)
    ctype, raw = multipart([("note", "a")])
    bad("POST", P + "/values/ninh-thuan/9.99/evidence", 404,
        "evidence for an unknown input", body=raw, ctype=ctype)
    bad("POST", API + "/periods/2031/values/ninh-thuan/3.3.a/evidence", 404,
        "evidence in an unknown period", body=raw, ctype=ctype)
    bad("POST", P + "/values/nowhere/3.3.a/evidence", 404,
        "evidence for an unknown unit", body=raw, ctype=ctype)

    # -- paths, methods, queries ----------------------------------------------
    # "/" is the web interface's page for GET (tests/web), not for POST
    bad("POST", "/", 404, "POST /", json_body={})
    for path in ("/khong-co", "/api", "/api/v1", "/api/v1/", "/api/v2/health",
                 "/api/v1/health/", "/api/v1/healthz", "/API/V1/HEALTH",
                 "/api/v1//health", "/api/v1/periods/2022-demo/", "/api/v1/"
                 "periods/2022/values/ninh-thuan", "/api/v1/periods//status",
                 "/api/v1/../v1/health", "/api/v1/periods/2022-demo/values/"
                 "ninh-thuan/3.3.a/evidence/1", "/index.html",
                 "/api/v1/files/", "/api/v1/periods/2022-demo/scores/x"):
        bad("GET", path, 404, "GET %s" % path, code="not_found")
        bad("POST", path, 404, "POST %s" % path, json_body={})
    for method, path in (("DELETE", "/api/v1/periods"),
                         ("PUT", "/api/v1/health"),
                         ("PATCH", "/api/v1/session"),
                         ("POST", "/api/v1/periods/2022-demo"),
                         ("DELETE", "/api/v1/periods/2022-demo"),
                         ("GET", "/api/v1/periods/2022-demo/submit"),
                         ("PUT", "/api/v1/users"),
                         ("POST", "/api/v1/periods/2022-demo/values/ninh-thuan/"
                          "3.3.a"),
                         ("DELETE", "/api/v1/periods/2022-demo/values/ninh-thuan/"
                          "3.3.a"),
                         ("GET", "/api/v1/tasks/B.I.2/progress"),
                         ("OPTIONS", "/api/v1/health"),
                         ("TRACE", "/api/v1/health")):
        r = bad(method, path, 405, "%s %s" % (method, path),
                code="method_not_allowed")
    for path, want, what in (
            ("/periods/abc", 404, "an invalid period code"),
            ("/periods/2022-Q5", 404, "period 2022-Q5"),
            ("/periods/2031", 404, "an unknown period"),
            ("/periods/2031/values", 404, "values of an unknown period"),
            ("/periods/2031/status", 404, "status of an unknown period"),
            ("/periods/2031/scores", 404, "scores of an unknown period"),
            ("/periods/2031/export", 404, "export of an unknown period"),
            ("/periods/2022-demo/values?status=final", 400, "a bad status query"),
            ("/periods/2022-demo/status?unit=nowhere", 404,
             "status of an unknown unit"),
            ("/targets?period=2031", 404, "targets of an unknown period"),
            ("/methodologies/abc", 400, "a methodology id that is no "
             "number"),
            ("/methodologies/-1", 400, "a negative methodology id"),
            ("/methodologies/999", 404, "an unknown methodology"),
            ("/files/abc", 400, "a file id that is no SHA-256"),
            ("/files/" + "A" * 64, 400, "a file id in upper case"),
            ("/files/" + "0" * 64, 404, "an unknown file"),
            ("/files/..%2F..%2Fetc%2Fpasswd", "4xx", "a file id with ../")):
        bad("GET", API + path, want, what)

    # the whole batch changed nothing
    r = srv.get(API + "/audit", session=admin)
    ck.eq(len((r.json() or {}).get("audit", [])), n_audit0,
          "GET /audit: no new entry after the malformed requests")
    ck.eq(srv.audit_count(), n_audit0,
          "the audit table: no new row after the malformed requests")
    ck.eq(srv.get(P + "/values", session=admin).body, values0,
          "the values of 2022 are as before")
    ck.eq(srv.sql("SELECT count(*) FROM period")[0][0], 1,
          "no period was opened")
    ck.eq(srv.sql("SELECT count(*) FROM account WHERE login = 'newuser'")
          [0][0], 0, "no account was made")

    traversal(ck, srv, admin)
    non_utf8(ck, srv, admin)


def disposition_safe(ck, cd, stored, what):
    """attachment; filename="ASCII"; filename*=UTF-8''PERCENT"""
    m = re.fullmatch(r'attachment; filename="([^"]*)"; '
                     r"filename\*=UTF-8''([A-Za-z0-9%._~-]*)", cd or "")
    if not ck.check(m is not None, "%s: Content-Disposition is "
                    "attachment with filename and filename*" % what, cd):
        return
    ascii_name, enc = m.group(1), m.group(2)
    ck.check(all(0x20 <= ord(c) < 0x7f for c in ascii_name) and
             not any(c in ascii_name for c in '"\\/;'),
             "%s: the ASCII file name is plain" % what, ascii_name)
    ck.check(ascii_name not in ("", ".", "..") and ".." not in ascii_name
             .split("/"), "%s: the ASCII name is no path" % what, ascii_name)
    name = urllib.parse.unquote(enc, errors="strict")
    ck.eq(name, stored, "%s: filename* is the stored name" % what)
    ck.check("/" not in name and "\\" not in name and
             not any(ord(c) < 0x20 or ord(c) == 0x7f for c in name),
             "%s: the UTF-8 name has no path or control character" % what,
             name)


def traversal(ck, srv, admin):
    ev = P + "/values/ninh-thuan/3.3.b/evidence"
    cases = [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\windows\\win.ini", "win.ini"),
        ("/var/lib/dti/dti.db", "dti.db"),
        ("./../.hidden.txt", ".hidden.txt"),
        ("a\x01b\tc\x7f.txt", "abc.txt"),
        ('quo"te;x.txt', None),  # a bare quote ends the name early
        ("báo cáo 2022.pdf", "báo cáo 2022.pdf"),
    ]
    for i, (name, want) in enumerate(cases):
        data = ("evidence %d\n" % i).encode()
        a0 = srv.audit_count()
        ctype, raw = multipart([("note", "traversal %d" % i)],
                               [("file", name.encode("utf-8"), "text/plain",
                                 data)])
        r = srv.request("POST", ev, body=raw, ctype=ctype, session=admin)
        what = "upload named %r" % name
        if 400 <= r.status < 500:  # refusing is allowed
            ck.eq(srv.audit_count(), a0, "%s: refused, nothing stored" %
                  what)
            continue
        if ck.status(r, 201, what):
            j = r.json() or {}
            ck.eq(j.get("sha256"), sha256(data),
                  "%s: the answer gives the stored file's SHA-256" % what)
        ck.eq(srv.audit_count(), a0 + 1, "%s: one audit entry" % what)
        items = (srv.get(ev, session=admin).json() or {}).get("evidence", [])
        item = [e for e in items if e.get("note") == "traversal %d" % i]
        if not ck.check(len(item) == 1 and "file" in item[0],
                        "%s: listed with its file" % what, items):
            continue
        f = item[0]["file"]
        stored = f.get("name")
        if want is not None:
            ck.eq(stored, want, "%s: the stored name" % what)
        ck.check(stored and "/" not in stored and "\\" not in stored and
                 stored not in (".", ".."), "%s: the stored name is no path"
                 % what, stored)
        ck.eq(f.get("sha256"), sha256(data), "%s: listed SHA-256" % what)
        ck.eq(f.get("url"), "/api/v1/files/" + sha256(data),
              "%s: the download address" % what)
        d = srv.get(f.get("url", "/x"), session=admin)
        ck.status(d, 200, "%s: download" % what)
        ck.eq(d.body, data, "%s: the downloaded bytes" % what)
        ck.eq(d.header("Content-Type"), "application/octet-stream",
              "%s: downloaded as octet-stream" % what)
        disposition_safe(ck, d.header("Content-Disposition"), stored, what)
    # nothing was written outside the database
    for p in ("/etc/passwd.dti", os.path.join(srv.dir, "passwd")):
        ck.check(not os.path.exists(p), "no file %s" % p)


def non_utf8(ck, srv, admin):
    """Non-UTF-8 bytes in multipart text: refused, or stored so that the
    evidence list still shows them."""
    for i, (fields, files, what) in enumerate((
            ([("note", b"ghi ch\xfa \xff\xfe")], [], "a non-UTF-8 note"),
            ([("doc_number", b"s\xf6 1/\xff")], [],
             "a non-UTF-8 document number"),
            ([("note", "a file")],
             [("file", b"b\xe1o-c\xe1o.txt", "text/plain", b"latin-1 name")],
             "a non-UTF-8 file name"))):
        inp = ("3.4.a", "3.6.a", "3.7.a")[i]
        ev = P + "/values/ninh-thuan/%s/evidence" % inp
        a0 = srv.audit_count()
        ctype, raw = multipart(fields, files)
        r = srv.request("POST", ev, body=raw, ctype=ctype, session=admin)
        items = (srv.get(ev, session=admin).json() or {}).get("evidence", [])
        if 400 <= r.status < 500:
            ck.eq(srv.audit_count(), a0, "%s: refused, nothing stored" %
                  what)
            continue
        ck.check(r.status == 201 and len(items) == 1 and
                 (not files or "file" in items[0]),
                 "%s: refused (4xx), or stored and listed in full" % what,
                 "POST %s -> %d %s; GET lists %r" % (ev, r.status, r.text(),
                                                    items))


if __name__ == "__main__":
    main("api.malformed", body)
