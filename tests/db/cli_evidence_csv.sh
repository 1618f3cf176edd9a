# cli_evidence_csv.sh: dti evidence list --format csv is valid CSV whatever
# the document number, note and file name hold (commas, double quotes).
. "$(dirname "$0")/lib.sh"

newdb e.db
ok period open 2022 --db e.db
printf 'biên bản\n' >"bien ban, lan 2.txt"
ok evidence add --db e.db --period 2022 --doc '12/QĐ-UBND "sửa đổi"' \
    --date 2022-10-05 --note 'ghi chú "quan trọng", xem trang 2' \
    --file "bien ban, lan 2.txt" 3.3.a
ok evidence list --db e.db --period 2022 --format csv
cp "$T/out" ev.csv
"$PY" - ev.csv <<'EOF' || fail "evidence list --format csv is not valid CSV"
import csv, sys
text = open(sys.argv[1], encoding='utf-8').read()
rows = list(csv.reader(text.splitlines()))
try:
    assert len(rows) == 2, rows
    assert len(rows[1]) == len(rows[0]), 'header: %d fields, row: %d: %r' % (
        len(rows[0]), len(rows[1]), rows[1])
    r = dict(zip(rows[0], rows[1]))
    assert r['doc_number'] == '12/QĐ-UBND "sửa đổi"', r
    assert r['note'] == 'ghi chú "quan trọng", xem trang 2', r
    assert r['file_name'] == 'bien ban, lan 2.txt', r
except AssertionError as e:
    print('output:\n' + text + '\n' + str(e), file=sys.stderr)
    sys.exit(1)
EOF
exit 0
