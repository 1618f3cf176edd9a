"""api.evidence: what an uploaded evidence file is, is decided from its
content and its name, never from the Content-Type the client claims (a
.docx sent as application/octet-stream is a Word document, a PDF claimed
as text/plain is a PDF, a program renamed .pdf is refused naming the file
and what it looks like, and nothing is stored); dates are accepted as
dd/mm/yyyy too and stored ISO (evidence doc_date, period deadlines);
times in the JSON stay ISO 8601 UTC; the API's messages name no
command-line option.
"""

import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from apilib import API, main, multipart, sha256  # noqa: E402

P = API + "/periods/2022-demo"
DOCX = ("application/vnd.openxmlformats-officedocument."
        "wordprocessingml.document")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
ISO_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


def office(parts, first=None):
    """A ZIP as Office and LibreOffice write them (entries compressed,
    an OpenDocument's "mimetype" stored first)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        if first:
            z.writestr(zipfile.ZipInfo(first[0]), first[1])
        for name, text in parts:
            z.writestr(name, text)
    return out.getvalue()


WORD = office([("[Content_Types].xml", "<Types/>"),
               ("_rels/.rels", "<Relationships/>"),
               ("word/document.xml", "<w:document/>" * 50)])
EXCEL = office([("[Content_Types].xml", "<Types/>"),
                ("xl/workbook.xml", "<workbook/>")])
WRITER = office([("content.xml", "<office:document-content/>")],
                first=("mimetype", ODT))
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" * 8


def upload(srv, adm, inp, name, claimed, data, fields=()):
    ct, b = multipart([("note", "%s as %s" % (name, claimed))] +
                      list(fields), [("file", name, claimed, data)])
    return srv.request("POST", P + "/values/ninh-thuan/%s/evidence" % inp,
                       body=b, ctype=ct, session=adm)


def listed(srv, adm, inp):
    r = srv.get(P + "/values/ninh-thuan/%s/evidence" % inp, session=adm)
    return (r.json() or {}).get("evidence", [])


def counts(srv):
    return [srv.sql("SELECT count(*) FROM " + t)[0][0]
            for t in ("evidence", "file", "audit")]


def accepted(ck, srv, adm):
    """Stored as what the content is, whatever the claim."""
    big = b"a" * ((64 << 10) - 1) + "ệ".encode() + b"b" * 100
    for inp, name, claimed, data, want in (
            ("3.3.a", "bao-cao.docx", "application/octet-stream", WORD,
             DOCX),
            ("3.3.a", "quyet-dinh.pdf", "text/plain", PDF,
             "application/pdf"),
            ("3.3.a", "so-lieu.xlsx", "application/vnd.ms-excel", EXCEL,
             XLSX),
            ("3.3.a", "ke-hoach.odt", "application/zip", WRITER, ODT),
            ("3.3.a", "bang.csv", "application/vnd.ms-excel",
             "đơn vị,giá trị\nninh-thuan,1\n".encode(), "text/csv"),
            # read from the spooled file in pieces: a letter across them
            ("3.3.a", "dai.txt", "application/octet-stream", big,
             "text/plain")):
        what = "%s sent as %s" % (name, claimed)
        r = upload(srv, adm, inp, name, claimed, data)
        if not ck.status(r, 201, what):
            continue
        ck.eq((r.json() or {}).get("sha256"), sha256(data),
              "%s: the stored file's hash" % what)
        item = [e for e in listed(srv, adm, inp)
                if e.get("note") == "%s as %s" % (name, claimed)]
        if ck.eq(len(item), 1, "%s: listed once" % what):
            f = item[0].get("file") or {}
            ck.eq(f.get("type"), want, "%s: stored as %s" % (what, want))
            ck.eq(f.get("name"), name, "%s: its name" % what)
            ck.check(ISO_UTC.match(item[0].get("added_at") or ""),
                     "%s: added_at is ISO 8601 UTC" % what,
                     item[0].get("added_at"))
        ck.eq(srv.sql("SELECT file_type FROM evidence WHERE note = ?",
                      ("%s as %s" % (name, claimed),)),
              [(want,)], "%s: the type in the database" % what)


def refused(ck, srv, adm):
    """Refused (415, evidence.type), naming the file and what it looks
    like; nothing stored, nothing logged."""
    bad = b"a" * ((64 << 10) - 1) + "ệ".encode()[:2] + b"b" * 100
    for name, claimed, data, looks in (
            ("bao-cao.pdf", "application/pdf", EXE, "a Windows program"),
            ("bao-cao.docx", DOCX, EXE, "a Windows program"),
            ("quyet-dinh.pdf", "application/pdf", WORD,
             "a Word document (.docx)"),
            ("bao-cao.docx", "application/octet-stream", EXCEL,
             "an Excel workbook (.xlsx)"),
            ("bao-cao.docx", DOCX, PDF, "a PDF document"),
            ("anh.png", "image/png", PDF, "a PDF document"),
            ("ghi-chu.txt", "text/plain", b"Bi\xean b\xe1n (Windows-1258)",
             "not in UTF-8"),
            ("dai.txt", "text/plain", bad, "not in UTF-8"),
            ("setup.exe", "application/pdf", EXE, ".exe"),
            ("trang.html", "text/plain", b"<b>x</b>", ".html"),
            ("quyet-dinh", "application/pdf", PDF, ".pdf"),
            ("rong.pdf", "application/pdf", b"", "empty"),
            ("hong.docx", DOCX, WORD[:len(WORD) // 2],
             "damaged or incomplete ZIP")):
        what = "%s (%s) sent as %s" % (name, looks, claimed)
        before = counts(srv)
        r = upload(srv, adm, "3.4.a", name, claimed, data)
        ck.status(r, 415, what)
        ck.error_code(r, "evidence.type", what)
        msg = ((r.json() or {}).get("error") or {}).get("message") or {}
        ck.check(name in msg.get("en", "") and looks in msg.get("en", ""),
                 "%s: the message names the file and what it is" % what,
                 msg)
        ck.check(name in msg.get("vi", ""),
                 "%s: the Vietnamese message names the file" % what, msg)
        ck.eq(counts(srv), before, "%s: nothing stored or logged" % what)


def libreoffice(ck, srv, adm):
    """Workbooks LibreOffice Calc itself writes (when it is installed;
    its .xlsx lists [Content_Types].xml last)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        print("(LibreOffice not installed: its own files not tried)")
        return
    d = tempfile.mkdtemp(prefix="dti-lo-")
    try:
        with open(os.path.join(d, "so-lieu.csv"), "w",
                  encoding="utf-8") as f:
            f.write("đơn vị,giá trị\nninh-thuan,1\n")
        for fmt, want in (("xlsx", XLSX), ("ods", ODS)):
            out = subprocess.run(
                [soffice, "-env:UserInstallation=file://" + d + "/profile",
                 "--headless", "--convert-to", fmt, "--outdir", d,
                 os.path.join(d, "so-lieu.csv")],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=180)
            path = os.path.join(d, "so-lieu." + fmt)
            if not ck.check(out.returncode == 0 and os.path.exists(path),
                            "LibreOffice makes a .%s" % fmt, out.stderr):
                continue
            with open(path, "rb") as f:
                data = f.read()
            r = upload(srv, adm, "3.6.a", "so-lieu." + fmt,
                       "application/octet-stream", data)
            ck.status(r, 201, "LibreOffice's .%s as octet-stream" % fmt)
            ck.eq(srv.sql("SELECT file_type FROM evidence WHERE note = ?",
                          ("so-lieu.%s as application/octet-stream" %
                           fmt,)), [(want,)],
                  "LibreOffice's .%s stored as %s" % (fmt, want))
    finally:
        shutil.rmtree(d, ignore_errors=True)


def dates(ck, srv, adm):
    """dd/mm/yyyy in, ISO stored and answered; what is no date refused."""
    for typed, stored in (("05/10/2022", "2022-10-05"),
                          ("5/1/2022", "2022-01-05"),
                          ("2022-10-06", "2022-10-06")):
        ct, b = multipart([("doc_number", "d-" + typed),
                           ("doc_date", typed)])
        r = srv.request("POST", P + "/values/ninh-thuan/3.7.a/evidence",
                        body=b, ctype=ct, session=adm)
        ck.status(r, 201, "doc_date %s" % typed)
        item = [e for e in listed(srv, adm, "3.7.a")
                if e.get("doc_number") == "d-" + typed]
        ck.check(len(item) == 1 and item[0].get("doc_date") == stored,
                 "doc_date %s is answered as %s" % (typed, stored), item)
    for typed in ("31/04/2022", "29/02/2023", "2022-1-1", "05/10/2022 ",
                  "00/01/2022", "05-10-2022"):
        before = counts(srv)
        ct, b = multipart([("doc_number", "x"), ("doc_date", typed)])
        r = srv.request("POST", P + "/values/ninh-thuan/3.7.a/evidence",
                        body=b, ctype=ct, session=adm)
        ck.status(r, 400, "doc_date %r" % typed)
        ck.error_code(r, "evidence.date", "doc_date %r" % typed)
        en = (((r.json() or {}).get("error") or {}).get("message") or
              {}).get("en", "")
        ck.check("dd/mm/yyyy" in en and "YYYY-MM-DD" in en,
                 "doc_date %r: the message names both forms" % typed, en)
        ck.eq(counts(srv), before, "doc_date %r: nothing stored" % typed)
    # a period's deadlines
    r = srv.request("POST", API + "/periods", session=adm,
                    json_body={"code": "2031", "agency_due": "20/12/2031",
                               "sotttt_due": "2031-12-26"})
    ck.status(r, 201, "a period with a deadline dd/mm/yyyy")
    j = srv.get(API + "/periods/2031", session=adm).json() or {}
    ck.eq((j.get("agency_due"), j.get("sotttt_due")),
          ("2031-12-20", "2031-12-26"), "deadlines answered ISO")
    for bad in ("31/11/2032", "2032-12-1", "20/12/32"):
        r = srv.request("POST", API + "/periods", session=adm,
                        json_body={"code": "2032", "agency_due": bad})
        ck.status(r, 400, "deadline %r" % bad)
        ck.error_code(r, "period.date", "deadline %r" % bad)
    ck.eq(srv.sql("SELECT count(*) FROM period WHERE code = '2032'"),
          [(0,)], "no period 2032 was made")


def no_flags(ck, srv, adm):
    """The API's own refusals name no command-line option."""
    for what, method, path, body in (
            ("a return without a comment", "POST", P + "/return",
             {"inputs": "3.3.a"}),
            ("values reopened without a reason", "POST",
             P + "/reopen-values", {"inputs": "3.3.a"}),
            ("a review naming nothing", "POST", P + "/approve", {}),
            ("an officer without an agency", "POST", API + "/users",
             {"login": "can-bo-x", "role": "officer",
              "password": "mot-mat-khau-dai-3"}),
            ("a viewer with an agency", "POST", API + "/users",
             {"login": "xem-x", "role": "viewer", "agency": "so-tttt",
              "password": "mot-mat-khau-dai-4"})):
        r = srv.request(method, path, json_body=body, session=adm)
        ck.status(r, "4xx", what)
        msg = ((r.json() or {}).get("error") or {}).get("message") or {}
        ck.check(msg.get("en") and msg.get("vi") and
                 "--" not in msg["en"] and "--" not in msg["vi"],
                 "%s: the message names no option" % what, msg)
        ck.check(not re.search("[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổ"
                               "ỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]",
                               msg.get("en", "").replace("Sở TTTT", ""),
                               re.I),
                 "%s: the English message is English" % what, msg)


def body(ck, srv):
    adm = srv.must_login("admin")
    accepted(ck, srv, adm)
    refused(ck, srv, adm)
    libreoffice(ck, srv, adm)
    dates(ck, srv, adm)
    no_flags(ck, srv, adm)


if __name__ == "__main__":
    main("api.evidence", body)
