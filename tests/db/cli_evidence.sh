# cli_evidence.sh: evidence for a value: document number and date, files
# stored once by content hash, several files per value.
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

# refused: dates that do not exist (30/02, 31/04), an unknown
# input, a missing file, a period that does not exist
before=$(dump e.db)
ko evidence add --db e.db --period 2022 --doc 9/X --date 2022-02-30 3.3.a
ko evidence add --db e.db --period 2022 --doc 9/X --date 31/04/2022 3.3.a
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
exit 0
