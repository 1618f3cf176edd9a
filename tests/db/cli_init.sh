# cli_init.sh: dti init makes the province's database; --demo adds an
# illustrative, labelled, approved year; init never overwrites a file.
. "$(dirname "$0")/lib.sh"

# --- a plain database: organisation, tasks, targets, no period ------------
newdb a.db
[ -f a.db ] || fail "dti init made no a.db"
ok tasks --db a.db --format csv
cp "$T/out" tasks.csv
eq "$(csv_rows tasks.csv)" 40 "tasks after init"
ok targets --db a.db --format csv
cp "$T/out" targets.csv
eq "$(csv_rows targets.csv)" 14 "targets after init"
ok period list --db a.db --format csv
eq "$(csv_rows "$T/out")" 0 "periods of a plain database"
# the 2022 methodology, the organisation, 7 districts (raw file)
eq "$(sql a.db 'SELECT code, version FROM methodology')" \
    "dti-province-2022|2022" "methodology of a new database"
eq "$(sql a.db "SELECT count(*) FROM unit WHERE level = 'district' AND
    parent = (SELECT id FROM unit WHERE code = 'ninh-thuan')")" 7 \
    "districts under ninh-thuan"
eq "$(sql a.db "SELECT group_concat(code, ' ') FROM (SELECT code FROM unit
    WHERE level = 'district' ORDER BY code)")" \
    "bac-ai ninh-hai ninh-phuoc ninh-son phan-rang-thap-cham thuan-bac thuan-nam" \
    "the districts"
eq "$(sql a.db "SELECT a.code || ':' || r.role FROM responsibility r JOIN
    agency a ON a.id = r.agency WHERE r.item = '3.3' ORDER BY r.role DESC")" \
    "so-tttt:lead
dn-vien-thong:coordinator" "responsibility for 3.3"
eq "$(sql a.db "SELECT a.code || ':' || r.role FROM responsibility r JOIN
    agency a ON a.id = r.agency WHERE r.item = 'A.4'")" \
    "cuc-thong-ke:lead" "responsibility for A.4"
# every indicator and every A.x item has a lead
eq "$(sql a.db "SELECT count(DISTINCT item) FROM responsibility
    WHERE role = 'lead' AND item LIKE 'A.%'")" 20 "A.x items with a lead"
n_lead=$(sql a.db "SELECT count(DISTINCT item) FROM responsibility
    WHERE role = 'lead' AND item NOT LIKE 'A.%'")
[ "$n_lead" -ge 98 ] || fail "only $n_lead indicators have a lead"
ko status --db a.db --period 2022
err_has "2022"

# --- init refuses an existing file and leaves it as it was -------------------
before=$(sha a.db)
ko init --db a.db
err_has "tồn tại|exists"
eq "$(sha a.db)" "$before" "a.db after a second init"
printf 'ghi chú, không phải cơ sở dữ liệu\n' >notes.txt
before=$(sha notes.txt)
ko init --db notes.txt
eq "$(sha notes.txt)" "$before" "a text file after dti init on it"

# --- --demo: the illustrative year, labelled wherever it shows ---------------
newdb demo.db --demo
grep -q "MINH HỌA" "$T/out" || fail "init --demo does not say the data is illustrative"
ok period list --db demo.db --format csv
cp "$T/out" periods.csv
eq "$(csv_rows periods.csv)" 1 "periods of the demo database"
csv_is periods.csv period 2022-demo kind=year agency_due=2022-12-20 \
    sotttt_due=2022-12-25 status=open
case $(csv_get periods.csv period 2022-demo label) in
*"MINH HỌA"*) ;;
*) fail "the demo period is not labelled MINH HỌA" ;;
esac
# its values: the illustrative round, all approved
ok export --db demo.db --period 2022-demo
cp "$T/out" demo-export.csv
same_values "$SRC/examples/demo-ninh-thuan.csv" demo-export.csv
ok status --db demo.db --period 2022-demo --format csv
"$PY" - "$T/out" <<'EOF' || fail "demo status: not every input approved"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding='utf-8')))
assert rows, 'no agency rows'
for r in rows:
    assert r['missing'] == '0' and r['approved'] == r['inputs'], r
EOF
# scores carry the label; the numbers are those of the file
ok score --db demo.db --period 2022-demo
cp "$T/out" demo-score.csv
err_has "MINH HỌA"
ok score "$SRC/examples/demo-ninh-thuan.csv"
cmp -s "$T/out" demo-score.csv || fail "demo scores differ from scoring its file"
eq "$(sql demo.db "SELECT value FROM meta WHERE key = 'demo'")" 1 "meta demo"

# --- the real 2022 beside the demo: both periods, the demo's values untouched
before=$(sql demo.db "SELECT count(*), group_concat(v.raw || v.status, '|') FROM value v
    JOIN period p ON p.id = v.period WHERE p.code = '2022-demo'")
ok period open 2022 --db demo.db
ok value set --db demo.db --period 2022 A.4 612345
ok period list --db demo.db --format csv
cp "$T/out" periods2.csv
eq "$(csv_rows periods2.csv)" 2 "periods beside the demo"
csv_is periods2.csv period 2022 kind=year status=open label=
ok export --db demo.db --period 2022
grep -q '^ninh-thuan,A.4,612345' "$T/out" || fail "the real 2022's value: $(cat "$T/out")"
eq "$(csv_rows "$T/out")" 1 "values of the real 2022"
ok export --db demo.db --period 2022-demo
cp "$T/out" demo-export2.csv
same_values "$SRC/examples/demo-ninh-thuan.csv" demo-export2.csv
eq "$(sql demo.db "SELECT count(*), group_concat(v.raw || v.status, '|') FROM value v
    JOIN period p ON p.id = v.period WHERE p.code = '2022-demo'")" "$before" \
    "the demo's values after the real 2022 was entered"
eq "$(sql a.db "SELECT value FROM meta WHERE key = 'demo'")" 0 "meta demo (plain)"
exit 0
