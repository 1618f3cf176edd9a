"""api.report: GET /api/v1/periods/{p}/report?format=xlsx|docx|pdf.

- every role reads it (admin, coordinator, the leaders' viewer account,
  an officer): 200, the format's media type, an attachment named after
  the period, the file's own signature (a zip with the format's main
  part; %PDF);
- the same bytes as `dti report` writes, but for the zip's timestamps:
  the DOCX's document.xml is identical;
- an unknown format is a 400 "report.format" naming it, in Vietnamese
  and English; an unknown period a 404; no session a 401.
"""

import io
import os
import subprocess
import sys
import tempfile
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from apilib import API, main  # noqa: E402

TYPES = {
    "xlsx": ("application/vnd.openxmlformats-officedocument."
             "spreadsheetml.sheet", "xl/workbook.xml"),
    "docx": ("application/vnd.openxmlformats-officedocument."
             "wordprocessingml.document", "word/document.xml"),
    "pdf": ("application/pdf", None),
}


def body(ck, srv):
    p = API + "/periods/2022-demo/report"
    for login in ("admin", "sotttt", "lanhdao", "cb-thongke"):
        s = srv.must_login(login)
        for fmt, (ctype, part) in TYPES.items():
            r = srv.get(p + "?format=" + fmt, session=s)
            ck.status(r, 200, "%s reads the %s report" % (login, fmt))
            ck.eq(r.header("Content-Type"), ctype, fmt + " media type")
            ck.eq(r.header("Content-Disposition"),
                  'attachment; filename="dti-bao-cao-2022-demo.%s"' % fmt,
                  fmt + " attachment")
            if part is None:
                ck.check(r.body.startswith(b"%PDF-"), "a PDF")
            else:
                z = zipfile.ZipFile(io.BytesIO(r.body))
                ck.check(part in z.namelist(), "%s holds %s" % (fmt, part))
            if login == "admin" and fmt == "docx":
                docx = r.body

    # the CLI's document is the same
    out = os.path.join(tempfile.mkdtemp(prefix="dti-report-api-"), "r.docx")
    subprocess.run([srv.dti, "report", "--db", srv.db, "--period", "2022-demo",
                    "--format", "docx", "-o", out], check=True,
                   env=srv.env, stdout=subprocess.PIPE)
    with open(out, "rb") as f:
        cli = zipfile.ZipFile(f).read("word/document.xml")
    ck.eq(zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml"), cli,
          "the API's DOCX says what dti report's does")

    admin = srv.must_login("admin")
    r = srv.get(p + "?format=odt", session=admin)
    ck.status(r, 400, "an unknown format")
    ck.error_code(r, "report.format", "report.format")
    msg = (((r.json() or {}).get("error") or {}).get("message") or {})
    ck.check("'odt'" in msg.get("vi", "") and "'odt'" in msg.get("en", ""),
             "the message names the format", msg)
    r = srv.get(API + "/periods/2031/report?format=pdf", session=admin)
    ck.status(r, 404, "an unknown period")
    r = srv.get(p + "?format=pdf")
    ck.status(r, 401, "no session")


if __name__ == "__main__":
    main("api.report", body)
