# cli_import.sh: dti import is all or nothing, writes drafts by default,
# --submit / --approve; dti export gives back exactly what was imported;
# dti status --format csv counts per agency.
. "$(dirname "$0")/lib.sh"

newdb i.db
for p in 2022 2022-Q3 2022-Q4 2023 2024; do
	ok period open "$p" --db i.db --user tester
done
n_sp=$(csv_rows "$SP")

# --- one bad line: nothing at all is imported (not even new units) -----------
"$PY" - "$SRC/tests/golden/data/cross_units.round.csv" bad.csv <<'EOF'
import sys
lines = open(sys.argv[1], encoding='utf-8').read().split('\n')
# line 400 of the file gets a value that is not a number
cells = lines[399].split(',')
cells[2] = 'mười'
lines[399] = ','.join(cells)
open(sys.argv[2], 'w', encoding='utf-8').write('\n'.join(lines))
EOF
before=$(dump i.db)
ko import --add-units --db i.db --period 2022 bad.csv
err_has "bad\.csv:400"
eq "$(dump i.db)" "$before" "database after a file with one bad line"
ok export --db i.db --period 2022
eq "$(cat "$T/out")" "unit,input,value" "export after a refused import"
# a file of duplicates is refused too
{ cat "$SP"; tail -n 1 "$SP"; } >dup.csv
ko import --add-units --db i.db --period 2022 dup.csv
eq "$(dump i.db)" "$before" "database after a file with a duplicate line"

# --- drafts by default; export round-trips exactly ---------------------------------
ok import --add-units --db i.db --period 2022 --user nhap "$SP"
grep -q "$n_sp" "$T/out" || fail "import does not say how many values: $(cat "$T/out")"
ok export --db i.db --period 2022
cp "$T/out" sp-export.csv
same_values "$SP" sp-export.csv
ok status --db i.db --period 2022 --format csv
cp "$T/out" st.csv
"$PY" - st.csv draft <<'EOF' || fail "status after a draft import"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding='utf-8')))
assert len(rows) > 10, rows
total = 0
for r in rows:
    n = int(r['inputs'])
    total += n
    want = {'filled': n, 'missing': 0, 'draft': 0, 'submitted': 0,
            'approved': 0}
    want[sys.argv[2]] = n
    got = {k: int(r[k]) for k in want}
    assert got == want, (r['agency'], got, want)
# every input of the methodology but those nobody leads
assert 180 <= total <= 197, total
EOF
eq "$(csv_get st.csv agency cuc-thong-ke inputs)" 3 "inputs of cuc-thong-ke"
eq "$(csv_get st.csv agency cuc-thong-ke deadline)" 2022-12-20 "status deadline"

# importing the same drafts again replaces them (archived, not deleted)
ok import --add-units --db i.db --period 2022 --user nhap "$SP"
ok export --db i.db --period 2022
cmp -s "$T/out" sp-export.csv || fail "export after re-import differs"
eq "$(sql i.db "SELECT count(*) FROM value v JOIN period p ON p.id = v.period
    WHERE p.code = '2022' AND archived = 1")" "$n_sp" "archived after re-import"

# --- --submit and --approve ------------------------------------------------------
ok import --add-units --db i.db --period 2022-Q3 --submit "$SP"
ok status --db i.db --period 2022-Q3 --format csv
"$PY" - "$T/out" submitted <<'EOF' || fail "status after import --submit"
import csv, sys
for r in csv.DictReader(open(sys.argv[1], encoding='utf-8')):
    assert int(r[sys.argv[2]]) == int(r['inputs']) and r['missing'] == '0', r
EOF
eq "$(csv_get "$T/out" agency so-tttt draft)" 0 "drafts after --submit"
ok import --add-units --db i.db --period 2022-Q4 --approve "$SP"
ok status --db i.db --period 2022-Q4 --format csv
"$PY" - "$T/out" approved <<'EOF' || fail "status after import --approve"
import csv, sys
for r in csv.DictReader(open(sys.argv[1], encoding='utf-8')):
    assert int(r[sys.argv[2]]) == int(r['inputs']) and r['missing'] == '0', r
EOF

# --- the illustrative round: quoted fields, three units, approved ---------------------
ok import --add-units --db i.db --period 2023 --approve "$ILL"
ok export --db i.db --period 2023
cp "$T/out" ill-export.csv
same_values "$ILL" ill-export.csv
# export to a file and import it back: the same values again
ok export --db i.db --period 2023 back.csv
cmp -s back.csv ill-export.csv || fail "export FILE differs from export to stdout"
ok import --add-units --db i.db --period 2024 back.csv
ok export --db i.db --period 2024
cmp -s "$T/out" ill-export.csv || fail "re-import of an export differs"

# --- lines in any order, quotes, BOM and CRLF: the same lines come back, in order -----
"$PY" - "$SRC/tests/golden/data/cross_units.round.csv" shuffled.csv <<'EOF'
import csv, random
import sys
rows = list(csv.reader(open(sys.argv[1], encoding='utf-8', newline='')))
body = [r[:3] for r in rows[1:]]
random.Random(4233).shuffle(body)
body.append(['ninh-thuan-test', 'A.1', 'Tỉnh "thử", dòng\nhai'])
with open(sys.argv[2], 'w', encoding='utf-8-sig', newline='') as f:
    w = csv.writer(f, lineterminator='\r\n')
    w.writerow(['unit', 'input', 'value', 'note'])
    for r in body:
        w.writerow(r + ['ghi chú, có dấu phẩy'])
EOF
ok period open 2026 --db i.db
# cross_units breaks the consistency rules between inputs (a scoring
# fixture): refused, every broken pair named with its unit and both inputs
before=$(dump i.db)
ko import --add-units --db i.db --period 2026 shuffled.csv
err_has "binh-thuan: A\.4 \(Số lượng dân số\) = 1\.240\.000 khác 8\.1\.b"
err_has "khanh-hoa: 3\.6\.a .* lớn hơn 3\.7\.b"
eq "$(grep -c 'lỗi' "$T/err")" 19 "broken pairs named"
eq "$(dump i.db)" "$before" "database after an inconsistent file"
# --no-consistency imports it as it is: the pairs are warnings, and the
# audit log says who imported what without the rules, and which pairs
ok import --add-units --no-consistency --db i.db --period 2026 --user sotttt \
    shuffled.csv
err_has "cảnh báo: .*binh-thuan: A\.4"
eq "$(sql i.db "SELECT actor, new, substr(reason, 1, 12) FROM audit
    WHERE action = 'import.unchecked'")" "sotttt|19|shuffled.csv" \
    "audit row of the unchecked import"
ok export --db i.db --period 2026
"$PY" - shuffled.csv "$T/out" <<'EOF' || fail "export of a shuffled file"
import csv, sys
want = [r[:3] for r in csv.reader(open(sys.argv[1], encoding='utf-8-sig',
        newline=''))]
got = list(csv.reader(open(sys.argv[2], encoding='utf-8', newline='')))
assert got[0] == want[0] == ['unit', 'input', 'value'], (got[0], want[0])
assert len(got) == len(want), (len(got), len(want))
assert got[1:] == want[1:], 'export must give the lines back in file order'
EOF

# --- a file touching one approved value imports nothing ---------------------------------
printf 'unit,input,value\nninh-thuan,A.4,595000\n' >a4.csv
ok period open 2025 --db i.db
ok import --add-units --db i.db --period 2025 --approve a4.csv
before=$(dump i.db)
ko import --add-units --db i.db --period 2025 "$SP"
err_has "A\.4"
eq "$(dump i.db)" "$before" "database after a file touching an approved value"
ko import --add-units --db i.db --period 2025 --approve "$SP"
eq "$(dump i.db)" "$before" "database after --approve over an approved value"
ok export --db i.db --period 2025
eq "$(cat "$T/out")" "unit,input,value
ninh-thuan,A.4,595000" "export after refused imports"
exit 0
