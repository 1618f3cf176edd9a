# cli_evidence.sh: evidence for a value: document number and date (typed
# dd/mm/yyyy or YYYY-MM-DD, stored ISO), files stored once by content hash,
# several files per value, each file's type decided from its content and
# name; the list shows dates dd/mm/yyyy and times in Vietnam's time.
. "$(dirname "$0")/lib.sh"

newdb e.db
ok period open 2022 --db e.db
printf '%%PDF-1.4\nQuyết định 123/QĐ-UBND\n' >qd-123.pdf
printf 'Biên bản kiểm tra\n' >bien-ban.txt
cp qd-123.pdf ban-sao.pdf

ok evidence add --db e.db --period 2022 --user ctv --doc "123/QĐ-UBND" \
    --date 2022-10-05 --note "Quyết định phê duyệt" --file qd-123.pdf 3.3.a
ok evidence add --db e.db --period 2022 --user ctv --doc "45/BB" \
    --date 2022-10-06 --file bien-ban.txt 3.3.a
ok evidence add --db e.db --period 2022 --user ctv --doc "123/QĐ-UBND" \
    --date 2022-10-05 --file ban-sao.pdf 3.3.a
ok evidence add --db e.db --period 2022 --user ctv --doc "123/QĐ-UBND" \
    --date 2022-10-05 --file qd-123.pdf 3.3.b
ok evidence add --db e.db --period 2022 --user ctv --doc "7/CV" \
    --date 2022-09-30 3.4.a

# refused: dates that do not exist or are not written in full, with
# something after them, an unknown input, a missing file, a period that
# does not exist; files whose content is not what their name says
printf 'MZ\220\000\003\000\000\000\004\000\000\000\377\377\000\000PE\000\000' \
    >setup.exe
cp setup.exe bao-cao.pdf
printf 'Bi\352n b\341n\n' >latin1.txt
printf '<b>trang</b>\n' >trang.html
cp qd-123.pdf quyet-dinh
: >rong.txt
before=$(dump e.db)
for bad in 2022-02-30 31/04/2022 29/02/2023 00/01/2022 2022-1-1 \
    "05/10/2022 " 05/10/22 10/2022 2022-10-05x; do
	ko evidence add --db e.db --period 2022 --doc 9/X --date "$bad" 3.3.a
	err_has "dd/mm/yyyy"
done
ko evidence add --db e.db --period 2022 --doc 9/X --file bao-cao.pdf 3.3.a
err_has "bao-cao.pdf.*chương trình Windows"
ko evidence add --db e.db --period 2022 --doc 9/X --file setup.exe 3.3.a
err_has "setup.exe.*\.exe"
ko evidence add --db e.db --period 2022 --doc 9/X --file latin1.txt 3.3.a
err_has "latin1.txt.*UTF-8"
ko evidence add --db e.db --period 2022 --doc 9/X --file trang.html 3.3.a
err_has "\.html"
ko evidence add --db e.db --period 2022 --doc 9/X --file quyet-dinh 3.3.a
err_has "quyet-dinh.*PDF.*\.pdf"
ko evidence add --db e.db --period 2022 --doc 9/X --file rong.txt 3.3.a
err_has "rỗng"
DTI_LANG=en ko evidence add --db e.db --period 2022 --file bao-cao.pdf 3.3.a
err_has "'bao-cao.pdf' is named .pdf .* but its content is a Windows program"
ko evidence add --db e.db --period 2022 --doc 9/X 9.99.z
ko evidence add --db e.db --period 2022 --doc 9/X --file no-such.pdf 3.3.a
ko evidence add --db e.db --period 2031 --doc 9/X 3.3.a
eq "$(dump e.db)" "$before" "database after refused evidence"

ok evidence list --db e.db --period 2022 --format csv
cp "$T/out" ev.csv
sha_a=$(sha qd-123.pdf)
sha_b=$(sha bien-ban.txt)
size_a=$(wc -c <qd-123.pdf | tr -d ' ')
"$PY" - ev.csv "$sha_a" "$sha_b" "$size_a" <<'EOF' || fail "evidence list"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding='utf-8')))
sha_a, sha_b, size_a = sys.argv[2], sys.argv[3], sys.argv[4]
got = [(r['input'], r['doc_number'], r['doc_date'], r['file_name'],
        r['file_sha256'], r['unit']) for r in rows]
want = [
    ('3.3.a', '123/QĐ-UBND', '2022-10-05', 'qd-123.pdf', sha_a, 'ninh-thuan'),
    ('3.3.a', '45/BB', '2022-10-06', 'bien-ban.txt', sha_b, 'ninh-thuan'),
    ('3.3.a', '123/QĐ-UBND', '2022-10-05', 'ban-sao.pdf', sha_a, 'ninh-thuan'),
    ('3.3.b', '123/QĐ-UBND', '2022-10-05', 'qd-123.pdf', sha_a, 'ninh-thuan'),
    ('3.4.a', '7/CV', '2022-09-30', '', '', 'ninh-thuan'),
]
assert got == want, got
assert rows[0]['file_size'] == size_a, rows[0]
assert rows[0]['note'] == 'Quyết định phê duyệt', rows[0]
EOF
ok evidence list --db e.db --period 2022 --inputs 3.3.a --format csv
eq "$(csv_rows "$T/out")" 3 "evidence items of 3.3.a"

# the same bytes three times: one row of `file`, kept whole
eq "$(sql e.db 'SELECT count(*) FROM file')" 2 "file rows"
eq "$(sql e.db "SELECT count(*) FROM file WHERE sha256 = '$sha_a'")" 1 \
    "rows for the repeated file"
"$PY" - e.db "$sha_a" qd-123.pdf <<'EOF' || fail "stored file differs"
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
data, size = c.execute('SELECT data, size FROM file WHERE sha256 = ?',
                       (sys.argv[2],)).fetchone()
assert bytes(data) == open(sys.argv[3], 'rb').read() and size == len(data)
EOF
ok audit --db e.db --format csv
"$PY" - "$T/out" <<'EOF' || fail "evidence.add in the audit log"
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1], encoding='utf-8'))
        if r['action'] == 'evidence.add']
assert len(rows) == 5 and all(r['actor'] == 'ctv' for r in rows), rows
EOF

# stored types: decided from the content (the command line claims none)
eq "$(sql e.db "SELECT group_concat(DISTINCT file_type) FROM evidence
    WHERE file_name LIKE '%.pdf'")" application/pdf "type of the PDFs"
eq "$(sql e.db "SELECT file_type FROM evidence
    WHERE file_name = 'bien-ban.txt'")" text/plain "type of the text"

# --- a date as people write it: dd/mm/yyyy or d/m/yyyy, stored ISO ---------
ok evidence add --db e.db --period 2022 --user ctv --doc 8/CV --date 5/1/2022 \
    3.4.a
ok evidence add --db e.db --period 2022 --user ctv --doc 9/CV \
    --date 29/02/2024 3.4.a
eq "$(sql e.db "SELECT group_concat(doc_date, ' ') FROM evidence
    WHERE doc_number IN ('8/CV', '9/CV')")" "2022-01-05 2024-02-29" \
    "dates typed dd/mm/yyyy, stored ISO"

# --- Office files: what they are, whatever they are called ----------------
"$PY" - <<'EOF' || fail "making the Office files"
import zipfile
def office(path, parts, first=None):
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        if first:
            z.writestr(zipfile.ZipInfo(first[0]), first[1])  # stored
        for name, text in parts:
            z.writestr(name, text)
office('bao-cao.docx', [('[Content_Types].xml', '<Types/>'),
                        ('_rels/.rels', '<Relationships/>'),
                        ('word/document.xml', '<w:document/>')])
office('so-lieu.xlsx', [('[Content_Types].xml', '<Types/>'),
                        ('xl/workbook.xml', '<workbook/>')])
office('ke-hoach.odt', [('content.xml', '<office:document-content/>')],
       first=('mimetype', 'application/vnd.oasis.opendocument.text'))
office('goi.zip', [('a.txt', 'a'), ('b.txt', 'b')])
EOF
cp bao-cao.docx bao-cao-copy.xlsx
cp so-lieu.xlsx bang.docx
cp goi.zip goi.docx
ok evidence add --db e.db --period 2022 --user ctv --doc 10/BC \
    --file bao-cao.docx 3.4.a
ok evidence add --db e.db --period 2022 --user ctv --doc 11/BC \
    --file so-lieu.xlsx 3.4.a
ok evidence add --db e.db --period 2022 --user ctv --doc 12/BC \
    --file ke-hoach.odt 3.4.a
ok evidence add --db e.db --period 2022 --user ctv --doc 13/BC \
    --file goi.zip 3.4.a
before=$(dump e.db)
ko evidence add --db e.db --period 2022 --file bao-cao-copy.xlsx 3.4.a
err_has "bao-cao-copy.xlsx.*Word"
ko evidence add --db e.db --period 2022 --file bang.docx 3.4.a
err_has "bang.docx.*Excel"
ko evidence add --db e.db --period 2022 --file goi.docx 3.4.a
err_has "goi.docx.*ZIP"
eq "$(dump e.db)" "$before" "database after refused Office files"
ok evidence list --db e.db --period 2022 --inputs 3.4.a --format csv
cp "$T/out" office.csv
csv_is office.csv doc_number 10/BC file_name=bao-cao.docx \
    file_type=application/vnd.openxmlformats-officedocument.wordprocessingml.document
csv_is office.csv doc_number 11/BC \
    file_type=application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
csv_is office.csv doc_number 12/BC \
    file_type=application/vnd.oasis.opendocument.text
csv_is office.csv doc_number 13/BC file_type=application/zip
csv_is office.csv doc_number 8/CV doc_date=2022-01-05 added_by=ctv

# --- the list people read: dd/mm/yyyy, and the time added in Vietnam -------
ok evidence list --db e.db --period 2022 --inputs 3.4.a
cp "$T/out" list.txt
"$PY" - list.txt "$(sql e.db "SELECT added_at FROM evidence
    WHERE doc_number = '8/CV'")" <<'EOF' || fail "evidence list for people"
import datetime, sys
text = open(sys.argv[1], encoding='utf-8').read()
at = datetime.datetime.strptime(sys.argv[2], '%Y-%m-%dT%H:%M:%SZ')
vn = (at + datetime.timedelta(hours=7)).strftime('%d/%m/%Y %H:%M')
line = [l for l in text.splitlines() if '8/CV' in l]
assert len(line) == 1, text
assert 'ngày 05/01/2022' in line[0], line
assert line[0].endswith('(ctv, %s)' % vn), (line, vn)
assert '2022-01-05' not in text and sys.argv[2] not in text, text
EOF
exit 0

