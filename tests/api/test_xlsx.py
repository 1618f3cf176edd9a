"""api.xlsx: work sheets through the API.

- GET /periods/{p}/template: an officer gets its own agency's sheet (the
  default, or ?agency= its own; a district's officer its district's unit),
  not another agency's nor another unit's (403); a viewer none (403: it
  is a form to fill); admins any agency's, or every agency's without
  ?agency=; an unknown agency is a 400;
- POST /periods/{p}/import of a work sheet (filled here by editing its
  XML with zipfile, as a spreadsheet program would save it): an officer
  imports its agency's values as drafts, with their evidence references;
  not CSV, not another status, not add_units, not a value of another
  agency's input (403 naming the cell, nothing written); a viewer nothing;
- submitted values: 409 import.locked naming the cell, or with
  skip_locked=1 skipped and listed under "skipped".
"""

import io
import os
import re
import sys
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from apilib import API, demo_rows, main  # noqa: E402

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UNIT = "ninh-thuan"
SHEET = "xl/worksheets/sheet1.xml"  # "Số liệu", as dti writes it


def strings(z):
    ss = z.read("xl/sharedStrings.xml").decode()
    return [re.sub(r"<[^>]+>", "", s)
            for s in re.findall(r"<si>(.*?)</si>", ss, re.S)]


def rows_of(data):
    """{input code: (row, unit)} from the hidden columns L and K."""
    z = zipfile.ZipFile(io.BytesIO(data))
    st = strings(z)
    sheet = z.read(SHEET).decode()
    cells = {}
    for ref, attrs, body in re.findall(
            r'<c r="([A-Z]+[0-9]+)"([^>]*?)(?:/>|>(.*?)</c>)', sheet, re.S):
        v = re.search(r"<v>(.*?)</v>", body or "")
        if v is not None:
            cells[ref] = st[int(v.group(1))] if 't="s"' in attrs \
                else v.group(1)
    out = {}
    for ref, code in cells.items():
        if ref.startswith("L") and int(ref[1:]) > 5:
            out[code] = (int(ref[1:]), cells.get("K" + ref[1:]))
    return out


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def fill(data, values, docs=None):
    """The work sheet ${data} with the value cells of ${values} ({input:
    number or str}) and the evidence cells of ${docs} ({input: str})
    filled, as a spreadsheet program would save them."""
    rows = rows_of(data)
    z = zipfile.ZipFile(io.BytesIO(data))
    sheet = z.read(SHEET).decode()

    def put(col, row, v):
        nonlocal sheet
        ref = "%s%d" % (col, row)
        if isinstance(v, str):
            new = '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (
                ref, esc(v))
        else:
            new = '<c r="%s"><v>%r</v></c>' % (ref, v)
        sheet, n = re.subn(r'<c r="%s"[^>]*?(?:/>|(?<!/)>.*?</c>)' % ref,
                           new, sheet, count=1, flags=re.S)
        assert n == 1, ref

    for code, v in values.items():
        put("H", rows[code][0], v)
    for code, v in (docs or {}).items():
        put("I", rows[code][0], v)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as w:
        for i in z.infolist():
            w.writestr(i.filename, sheet.encode() if i.filename == SHEET
                       else z.read(i.filename))
    return out.getvalue()


def body(ck, srv):
    admin = srv.must_login("admin")
    own = srv.must_login("cb-sotttt")
    other = srv.must_login("cb-khdt")
    viewer = srv.must_login("lanhdao")
    nh = srv.must_login("cb-ninhhai")

    for code in ("2024", "2025"):
        ck.status(srv.request("POST", API + "/periods",
                              json_body={"code": code}, session=admin),
                  201, "open period " + code)
    pp = API + "/periods/2024"

    def value(period, inp, unit=UNIT):
        r = srv.get(API + "/periods/%s/values?unit=%s" % (period, unit),
                    session=admin)
        for v in (r.json() or {}).get("values", []):
            if v["input"] == inp:
                return v["value"], v["status"]
        return None, None

    # -- the template route ---------------------------------------------
    r = srv.get(pp + "/template", session=own)
    ck.status(r, 200, "an officer's own work sheet")
    ck.eq(r.header("Content-Type"), XLSX, "served as XLSX")
    ck.eq(r.header("Content-Disposition"),
          'attachment; filename="dti-2024.xlsx"', "as an attachment")
    ck.eq(r.body[:4], b"PK\x03\x04", "a zip")
    sheet = r.body
    rows = rows_of(sheet)
    ck.eq(len(rows), 112, "so-tttt's 112 inputs")
    ck.check(all(u == UNIT for _r, u in rows.values()),
             "every row for the province's unit")
    r = srv.get(pp + "/template?agency=so-tttt", session=own)
    ck.status(r, 200, "?agency= its own agency")
    ck.eq(r.header("Content-Disposition"),
          'attachment; filename="dti-2024-so-tttt.xlsx"', "named by agency")
    for who, s, q, want, what in (
            ("officer", own, "?agency=so-khdt", 403, "another agency's"),
            ("officer", own, "?unit=ninh-hai", 403, "another unit's"),
            ("viewer", viewer, "", 403, "a viewer's"),
            ("viewer", viewer, "?agency=so-tttt", 403, "a viewer's"),
            ("anonymous", None, "?agency=so-tttt", 401, "anonymous"),
            ("admin", admin, "?agency=no-such", 400, "an unknown agency"),
            ("admin", admin, "?agency=so-tttt&unit=nowhere", 404,
             "an unknown unit")):
        r = srv.get(pp + "/template" + q, session=s)
        ck.status(r, want, "%s template%s (%s)" % (who, q, what))
    r = srv.get(pp + "/template", session=other)
    ck.eq(len(rows_of(r.body)) if r.status == 200 else -1, 18,
          "so-khdt's officer: its 18 inputs")
    r = srv.get(pp + "/template", session=admin)
    ck.status(r, 200, "an admin's sheet of every agency")
    every = rows_of(r.body) if r.status == 200 else {}
    ck.check(len(every) == 197 and "A.4" in every and "7.2.a" in every,
             "every agency's 197 inputs", len(every))
    r = srv.get(pp + "/template", session=nh)
    ck.status(r, 200, "a district's officer")
    nhrows = rows_of(r.body) if r.status == 200 else {}
    ck.eq(sorted(nhrows), ["1.10", "1.9", "4.1", "4.2"],
          "ubnd-ninh-hai: the inputs of its collective ubnd-huyen")
    ck.check(all(u == "ninh-hai" for _r, u in nhrows.values()),
             "for its own district", nhrows)
    r = srv.get(pp + "/template?agency=ubnd-huyen", session=nh)
    ck.status(r, 200, "a district's officer: its collective's sheet")
    ck.eq(sorted(rows_of(r.body).values()) if r.status == 200 else [],
          sorted(nhrows.values()), "the same rows, for its district")

    # -- an officer imports its sheet ----------------------------------------
    filled = fill(sheet, {"3.3.a": 99000, "3.3.b": "150.000",
                          "1.1": "Trưởng ban là Phó Bí thư/Phó Chủ tịch tỉnh",
                          "1.2.national_sessions": "Có"},
                  {"3.3.a": "7/BC-STTTT"})
    audit0 = srv.audit_count()
    r = srv.request("POST", pp + "/import", body=filled, ctype=XLSX,
                    session=own)
    ck.status(r, 200, "an officer imports its work sheet")
    ck.eq(r.json(), {"period": "2024", "values": 4, "status": "draft",
                     "skipped": [], "warnings": []}, "the answer")
    ck.eq(value("2024", "3.3.a"), ("99000", "draft"), "3.3.a")
    ck.eq(value("2024", "3.3.b"), ("150000", "draft"),
          "3.3.b typed as Vietnamese text")
    ck.eq(value("2024", "1.1"), ("deputy", "draft"), "1.1 by its label")
    ck.eq(value("2024", "1.2.national_sessions"), ("1", "draft"), "Có")
    r = srv.get(pp + "/values/%s/3.3.a/evidence" % UNIT, session=own)
    docs = [e.get("doc_number") for e in (r.json() or {}).get("evidence", [])]
    ck.eq(docs, ["7/BC-STTTT"], "the evidence reference")
    ck.check(srv.audit_count() > audit0, "the import is in the audit log")

    # what an officer may not import
    audit0 = srv.audit_count()
    again = fill(sheet, {"3.3.a": 99100})
    for who, s, q, ct, data, want, code, what in (
            ("officer", own, "?status=submitted", XLSX, again, 403,
             "forbidden", "as submitted"),
            ("officer", own, "?add_units=1", XLSX, again, 403, "forbidden",
             "adding units"),
            ("officer", own, "", "text/csv",
             "unit,input,value\n%s,3.3.a,99100\n" % UNIT, 403, "forbidden",
             "a CSV file"),
            ("officer", other, "", XLSX, again, 403, "forbidden",
             "another agency's sheet"),
            ("viewer", viewer, "", XLSX, again, 403, "forbidden",
             "a viewer"),
            ("officer", own, "", "text/plain", again, 415, "content_type",
             "another media type"),
            ("officer", own, "?skip_locked=2", XLSX, again, 400,
             "bad_query", "skip_locked=2")):
        r = srv.request("POST", pp + "/import" + q, body=data, ctype=ct,
                        session=s)
        ck.status(r, want, "%s import%s (%s)" % (who, q, what))
        ck.error_code(r, code, what)
    r = srv.request("POST", pp + "/import", body=again, ctype=XLSX,
                    session=other)
    msgs = [d["message"]["vi"] for d in
            ((r.json() or {}).get("error") or {}).get("details", [])]
    ck.check(any(re.match(r"Sheet 'Số liệu', ô H[0-9]+: 3\.3\.a do so-tttt "
                          r"phụ trách", m) for m in msgs),
             "the refusal names the cell and who leads the input", msgs)
    # the admin's sheet of every agency, with another agency's value
    mixed = fill(srv.get(pp + "/template", session=admin).body,
                 {"3.3.a": 99200, "7.2.a": 95})
    r = srv.request("POST", pp + "/import", body=mixed, ctype=XLSX,
                    session=own)
    ck.status(r, 403, "an officer's sheet with so-khdt's 7.2.a")
    det = ((r.json() or {}).get("error") or {}).get("details", [])
    ck.eq([d["line"] for d in det], [every["7.2.a"][0]],
          "one error, at 7.2.a's row")
    ck.eq(srv.audit_count(), audit0, "the refused imports wrote nothing")
    ck.eq(value("2024", "3.3.a"), ("99000", "draft"), "3.3.a unchanged")
    ck.eq(value("2024", "7.2.a"), (None, None), "7.2.a not written")

    # -- submitted values: refused, or skipped and listed --------------------
    p5 = API + "/periods/2025"
    r = srv.request("POST", p5 + "/import?status=submitted",
                    body=demo_rows(srv.src), ctype="text/csv",
                    session=admin)
    ck.status(r, 200, "setup: 2025 submitted")
    r = srv.get(p5 + "/template", session=own)
    s5 = fill(r.body, {"3.3.a": 97000})
    r = srv.request("POST", p5 + "/import", body=s5, ctype=XLSX,
                    session=own)
    ck.status(r, 409, "a sheet over submitted values")
    ck.error_code(r, "import.locked", "import.locked")
    det = ((r.json() or {}).get("error") or {}).get("details", [])
    ck.check(len(det) == 112 and det[0]["message"]["vi"].startswith(
        "Sheet 'Số liệu', ô H"), "each locked value named by its cell",
        det[:1])
    r = srv.request("POST", p5 + "/import?skip_locked=1", body=s5,
                    ctype=XLSX, session=own)
    ck.status(r, 200, "skip_locked=1")
    j = r.json() or {}
    ck.eq((j.get("values"), len(j.get("skipped", []))), (0, 112),
          "nothing written, 112 skipped")
    first = (j.get("skipped") or [{}])[0]
    ck.check(re.fullmatch(r"Sheet 'Số liệu', ô H[0-9]+: bỏ qua A\.1 "
                          r"\(đơn vị ninh-thuan\), đã gửi",
                          first.get("message", {}).get("vi", "")) and
             first.get("message", {}).get("en", "").startswith("sheet "),
             "a skipped row's message", first)
    ck.eq(value("2025", "3.3.a"), ("98000", "submitted"), "3.3.a kept")


if __name__ == "__main__":
    main("api.xlsx", body)
