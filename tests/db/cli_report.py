#!/usr/bin/python3
"""db.cli.report: dti report on the demo database, read back by other
programs the way officials' would open it.

    /usr/bin/python3 cli_report.py DTI SOURCE_DIR

- a year 2021-demo is made from the demo's 2022-demo values with 1.1 at
  "deputy"
  (5 points less), so the report has a previous year to compare with;
- XLSX: LibreOffice converts every sheet to CSV (raw numbers): the
  summary's index, pillars and groups, and every indicator's score on
  its group's sheet, equal `dti score --period 2022-demo`; the Appendix 2
  header and the lead agencies are there;
- DOCX: LibreOffice converts it to text: the national motto, the
  issuing body, the number, the subject, the index in the Vietnamese
  format (0,xxxx), its change against the previous period 2021-demo
  (+0,0050; last year's published results, app_trend, are none), the
  recipients and
  the signature block; the zip holds the charts as PNG; the heading has
  its two short rules (under the issuing body and the motto);
- PDF: pdftotext reads the same, page numbers run 1..N; pdftoppm renders
  the first page (not blank);
- a period whose agencies' deadline has passed with nothing sent (2020)
  lists its agencies as late ("Chậm hạn"), by name (a district's UBND
  too, which the methodology does not name); 2022's, all approved by
  import, lists none;
- with the published results recorded, the year on year is phrased as
  the plan does (0,5934, tăng 94,7 %, xếp thứ 27/63, tăng 26 bậc);
- a wrong format or period is refused with its bilingual message, no
  file written.
"""

import csv
import glob
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

# the demo period of init --demo, and the one before it (same tag)
DEMO = "2022-demo"
PREV = "2021-demo"

failures = 0


def check(cond, what, detail=""):
    global failures
    if cond:
        print("ok   " + what)
    else:
        failures += 1
        print("FAIL " + what + (": " + str(detail)[:600] if detail else ""))


def run(args, env=None, ok=True):
    p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       env=env, timeout=300)
    if ok and p.returncode != 0:
        raise RuntimeError("%s: %s" % (args, p.stderr.decode()))
    return p


def vi(v, dec):
    """${v} as the report writes it: 1.234,5678."""
    s = "%.*f" % (dec, v)
    whole, _, frac = s.partition(".")
    neg = whole.startswith("-")
    whole = whole.lstrip("-")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return ("-" if neg else "") + ".".join(groups) + ("," + frac if frac
                                                      else "")


def cell(s):
    """A number cell as LibreOffice exports it: the sheet's Vietnamese
    format ([$-42A]) gives a decimal comma, no grouping in raw values."""
    return float(s.replace(",", "."))


def soffice(tmp, fmt, src, outdir):
    run(["soffice", "--headless", "--norestore",
         "-env:UserInstallation=file://" + os.path.join(tmp, "lo-profile"),
         "--convert-to", fmt, "--outdir", outdir, src])


def main():
    dti, srcdir = sys.argv[1], sys.argv[2]
    tmp = tempfile.mkdtemp(prefix="dti-report-")
    try:
        body(dti, tmp)
        published(dti, srcdir, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d failed" % failures)
    sys.exit(1 if failures else 0)


def body(dti, tmp):
    db = os.path.join(tmp, "dti.db")
    env = dict(os.environ, DTI_LANG="vi")
    run([dti, "init", "--demo", "--db", db])
    # 2021: the demo's values with 1.1 at "deputy"
    rows = run([dti, "export", "--period", DEMO, "--db", db]).stdout
    rows = rows.decode().replace("ninh-thuan,1.1,leader",
                                 "ninh-thuan,1.1,deputy")
    check("ninh-thuan,1.1,deputy" in rows, "setup: 1.1 changed for 2021")
    path21 = os.path.join(tmp, "2021.csv")
    with open(path21, "w") as f:
        f.write(rows)
    run([dti, "period", "open", PREV, "--db", db])
    run([dti, "import", "--period", PREV, "--approve", "--no-consistency",
         "--db", db, path21])

    # dti score prints 6 decimals: the reports are compared to that
    score = json.loads(run([dti, "score", "--period", DEMO, "--format",
                            "json", "--db", db]).stdout)
    mine = {r["code"]: r["score"] for r in score["rows"]
            if r["unit"] == "ninh-thuan"}
    s21 = json.loads(run([dti, "score", "--period", PREV, "--format",
                          "json", "--db", db]).stdout)
    idx21 = [r["score"] for r in s21["rows"]
             if r["unit"] == "ninh-thuan" and r["code"] == "INDEX"][0]
    check(abs(mine["INDEX"] - idx21 - 0.005) < 1e-6,
          "setup: 2021's index is 0,0050 lower", (mine["INDEX"], idx21))

    out = {}
    for fmt in ("xlsx", "docx", "pdf"):
        out[fmt] = os.path.join(tmp, "report." + fmt)
        p = run([dti, "report", "--period", DEMO, "--format", fmt, "-o",
                 out[fmt], "--db", db], env=env)
        check(os.path.getsize(out[fmt]) > 1000 and
              "Đã ghi báo cáo" in p.stdout.decode(), "dti report " + fmt)

    # -- XLSX: every sheet as CSV through LibreOffice --------------------
    csvdir = os.path.join(tmp, "csv")
    os.mkdir(csvdir)
    soffice(tmp, 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,'
            'false,false,false,-1', out["xlsx"], csvdir)
    sheets = {}
    for p in glob.glob(os.path.join(csvdir, "*.csv")):
        name = os.path.basename(p)[len("report-"):-len(".csv")]
        with open(p, encoding="utf-8") as f:
            sheets[name] = list(csv.reader(f))
    check("Tổng hợp" in sheets and "Nhóm I" in sheets and
          "Nhóm VIII" in sheets, "a summary and a sheet per group",
          sorted(sheets))
    summary = {r[0]: r for r in sheets.get("Tổng hợp", []) if r}
    for code in ("INDEX", "TOTAL", "CQS", "KTS", "XHS", "I", "IV", "VIII"):
        got = summary.get(code, [None] * 6)
        check(got[3] not in (None, "") and
              abs(cell(got[3]) - mine[code]) < 1e-6,
              "summary: %s = dti score's %.6f" % (code, mine[code]), got)
    check(summary.get("INDEX", [""] * 6)[3].startswith("0,"),
          "summary: the index with a decimal comma", summary.get("INDEX"))
    check(abs(cell(summary["INDEX"][4]) - idx21) < 1e-6,
          "summary: INDEX of the previous period = 2021's",
          summary.get("INDEX"))
    heads = sheets.get("Nhóm I", [[]] * 5)[4]
    check(heads[:6] == ["STT", "Chỉ số chính/Chỉ số thành phần",
                        "Điểm tối đa", "Cách xác định và tính điểm",
                        "Cơ quan phụ trách", "Cơ quan phối hợp"],
          "Appendix 2's columns", heads)
    seen = 0
    for name, rows in sheets.items():
        if not name.startswith("Nhóm "):
            continue
        for r in rows[6:]:
            code = r[1].split(". ", 1)[0] if len(r) > 7 else ""
            if code in mine and r[7] != "":
                seen += 1
                if abs(cell(r[7]) - mine[code]) > 1e-6:
                    check(False, "indicator %s's score" % code, r)
    check(seen >= 60, "every indicator's score equals dti score's (%d)"
          % seen)
    i11 = [r for r in sheets.get("Nhóm I", []) if len(r) > 4 and
           r[1].startswith("1.1. ")]
    check(i11 and i11[0][4] == "Sở TTTT" and "Trưởng ban" in i11[0][6],
          "1.1: its lead agency and its input with the value", i11[:1])

    # -- DOCX: text through LibreOffice ----------------------------------
    txtdir = os.path.join(tmp, "txt")
    os.mkdir(txtdir)
    soffice(tmp, "txt:Text (encoded):UTF8", out["docx"], txtdir)
    with open(os.path.join(txtdir, "report.txt"), encoding="utf-8-sig") as f:
        text = f.read()
    for want in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                 "Độc lập - Tự do - Hạnh phúc", "UBND TỈNH NINH THUẬN",
                 "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Số: .../BC-STTTT",
                 "Kết quả thực hiện Chỉ số chuyển đổi số (DTI) cấp tỉnh "
                 "năm 2022", "Nơi nhận:", "GIÁM ĐỐC",
                 "đạt %s" % vi(mine["INDEX"], 4),
                 "Kỳ trước (%s): %s" % (PREV, vi(idx21, 4)),
                 "+0,0050", "ĐIỂM BỊ MẤT THEO CƠ QUAN PHỤ TRÁCH",
                 "NHIỆM VỤ QUÁ HẠN", "TIẾN ĐỘ CÁC MỤC TIÊU"):
        check(want in text, "DOCX says " + want)
    z = zipfile.ZipFile(out["docx"])
    pngs = [n for n in z.namelist() if n.endswith(".png")]
    check(len(pngs) == 2 and all(z.read(n)[:4] == b"\x89PNG" for n in pngs),
          "DOCX: two charts as PNG", pngs)
    docxml = z.read("word/document.xml").decode()
    check('w:pgSz w:w="11906" w:h="16838"' in docxml, "DOCX: A4")
    # Nghị định 30/2020: a short rule under the issuing body and the motto
    head = docxml.split("BÁO CÁO", 1)[0]
    rules = re.findall(r'<w:pBdr><w:top w:val="single"[^>]*/></w:pBdr>'
                       r'.*?<w:ind w:left="(\d+)" w:right="(\d+)"/>', head)
    check(len(rules) == 2 and all(int(a) > 1000 for a, b in rules),
          "DOCX: short rules under the issuing body and the motto", rules)

    # -- PDF: text and pages ----------------------------------------------
    ptext = run(["pdftotext", "-layout", out["pdf"], "-"]).stdout.decode()
    for want in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                 "Độc lập - Tự do - Hạnh phúc", "Số: .../BC-STTTT",
                 "đạt %s" % vi(mine["INDEX"], 4), "+0,0050", "Nơi nhận:",
                 "GIÁM ĐỐC"):
        check(want in ptext, "PDF says " + want)
    pages = ptext.split("\f")
    pages = [p for p in pages if p.strip()]
    check(len(pages) >= 3 and all(p.strip().splitlines()[-1].strip() ==
                                  str(i + 1) for i, p in enumerate(pages)),
          "PDF: %d pages, each numbered at its foot" % len(pages))
    info = run(["pdfinfo", out["pdf"]]).stdout.decode()
    check("595.28 x 841.89" in info or "A4" in info, "PDF: A4", info)
    run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", out["pdf"],
         os.path.join(tmp, "page")])
    png = glob.glob(os.path.join(tmp, "page*.png"))
    check(png and os.path.getsize(png[0]) > 5000,
          "PDF: the first page renders")

    # -- late agencies -----------------------------------------------------
    check("Các cơ quan đã gửi đủ số liệu đúng hạn." in text and
          "Chậm hạn" not in text, "2022: no agency late")
    run([dti, "period", "open", "2020", "--agency-due", "20/12/2020",
         "--sotttt-due", "25/12/2020", "--db", db])
    late = os.path.join(tmp, "late.docx")
    run([dti, "report", "--period", "2020", "--format", "docx", "-o", late,
         "--db", db], env=env)
    soffice(tmp, "txt:Text (encoded):UTF8", late, txtdir)
    with open(os.path.join(txtdir, "late.txt"), encoding="utf-8-sig") as f:
        ltext = f.read()
    sect = ltext.split("CƠ QUAN CHẬM HOẶC CHƯA GỬI ĐỦ SỐ LIỆU", 1)[-1]
    sect = sect.split("NHIỆM VỤ QUÁ HẠN", 1)[0]
    check("Sở TTTT" in sect and "Sở KH&ĐT" in sect and
          "UBND huyện Ninh Hải" in sect and "ubnd-" not in sect and
          sect.count("Chậm hạn") >= 10,
          "2020: the agencies that sent nothing are late",
          sect[:400])

    # -- refusals ----------------------------------------------------------
    bad = os.path.join(tmp, "bad.out")
    p = run([dti, "report", "--period", DEMO, "--format", "odt", "-o", bad,
             "--db", db], env=env, ok=False)
    check(p.returncode != 0 and "định dạng báo cáo không hợp lệ: 'odt'" in
          p.stderr.decode() and not os.path.exists(bad),
          "an unknown format refused, nothing written", p.stderr)
    p = run([dti, "report", "--period", DEMO, "--format", "odt", "-o", bad,
             "--db", db], env=dict(env, DTI_LANG="en"), ok=False)
    check("unknown report format 'odt'" in p.stderr.decode(),
          "... in English too", p.stderr)
    p = run([dti, "report", "--period", "2030", "--format", "pdf", "-o", bad,
             "--db", db], env=env, ok=False)
    check(p.returncode != 0 and "2030" in p.stderr.decode() and
          not os.path.exists(bad), "an unknown period refused", p.stderr)
    p = run([dti, "report", "--period", DEMO, "--db", db], env=env,
            ok=False)
    check(p.returncode == 2, "no format, no file: usage (exit 2)",
          p.returncode)


def published(dti, srcdir, tmp):
    """With the published results recorded (data/results), the report
    says the year on year as the analysis phrases it (app_trend)."""
    db = os.path.join(tmp, "pub.db")
    run([dti, "init", "--demo", "--db", db])
    for f in sorted(glob.glob(os.path.join(srcdir, "data", "results",
                                           "*.csv"))):
        run([dti, "results", "import", f, "--db", db])
    pdf = os.path.join(tmp, "pub.pdf")
    run([dti, "report", "--period", DEMO, "--format", "pdf", "-o", pdf,
         "--db", db])
    text = " ".join(run(["pdftotext", pdf, "-"]).stdout.decode().split())
    check("Theo kết quả đã công bố (so với năm 2021): đạt 0,5934, tăng "
          "94,7 % so với năm 2021, xếp thứ 27/63, tăng 26 bậc." in text,
          "2021 -> 2022 phrased as the plan does", text[:900])


if __name__ == "__main__":
    main()
