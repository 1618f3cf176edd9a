# cli_org.sh: the organisation, versioned (docs/organisation.md), taken
# through the 2025 merger: the demo database before (Ninh Thuận and its
# agencies), a value entered in 2023, data/khanh-hoa-2025.yaml loaded dry
# (prints the changes, the database dump-identical) then for real, a 2026
# period (Sở KH&CN holds what Sở TTTT led, the old districts are no units),
# reports of 2022 and 2026 on both sides of the merger, the lineage, and
# every refused change giving its error and changing nothing.
. "$(dirname "$0")/lib.sh"

P=2022-demo # the demo period
ORG=$SRC/data/khanh-hoa-2025.yaml
DTI_TODAY=2026-11-30
export DTI_TODAY

ok init --demo --db t.db
for f in dti-2022-provincial-rank.csv dti-provincial-pillars-selected.csv; do
	ok results import "$SRC/data/results/$f" --db t.db
done

# xlsx_text FILE: the strings of a workbook, one a line.
xlsx_text() {
	"$PY" - "$1" <<'EOF'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
for n in z.namelist():
    if n.endswith('.xml'):
        for t in re.findall(r'<t[^>]*>([^<]*)</t>', z.read(n).decode()):
            print(t)
EOF
}

# --- before: the demo period is Ninh Thuận's, led by Sở TTTT ------------------
ok status --period $P --db t.db --format csv
grep -q '^so-tttt,' "$T/out" || fail "2022 status lists so-tttt"
ok report --period $P --format xlsx -o before.xlsx --db t.db
xlsx_text before.xlsx >before.txt
grep -q 'Ninh Thuận' before.txt || fail "2022 report names Ninh Thuận"
grep -q 'Sở TTTT' before.txt || fail "2022 report names Sở TTTT"
ok agency list --db t.db --format csv
eq "$(csv_rows "$T/out")" 46 "agencies of data/ninh-thuan.yaml"
csv_is "$T/out" code so-tttt active_to= successor=

# --- a real year in the same database: 2023, one value ------------------------
ok period open 2023 --db t.db
ok value set --period 2023 --db t.db 3.3.a 12345
eq "$(sql t.db "SELECT u.code FROM value v JOIN unit u ON u.id = v.unit
    JOIN period p ON p.id = v.period WHERE p.code = '2023'")" ninh-thuan \
    "the 2023 value is Ninh Thuận's"

# --- the merger, dry: printed, nothing changed --------------------------------
dump t.db >d0.sql
sha0=$(sha t.db)
ok org load "$ORG" --dry-run --db t.db
cp "$T/out" dry.txt
grep -q 'merge .*so-tttt .*so-khcn' dry.txt || fail "dry run: so-tttt merge"
grep -q 'merge .*unit .*ninh-thuan .*khanh-hoa' dry.txt ||
    fail "dry run: ninh-thuan into khanh-hoa"
grep -q 'deactivate .*unit .*bac-ai' dry.txt || fail "dry run: bac-ai ends"
grep -q 'deactivate .*agency .*ubnd-ninh-hai' dry.txt ||
    fail "dry run: ubnd-ninh-hai ends"
grep -q 'rename .*ubnd-tinh' dry.txt || fail "dry run: ubnd-tinh renamed"
grep -q 'member_remove .*cac-so-nganh .*so-tttt' dry.txt ||
    fail "dry run: so-tttt leaves cac-so-nganh"
grep -q 'chạy thử' dry.txt || fail "dry run: says so"
dump t.db >d1.sql
cmp -s d0.sql d1.sql || fail "a dry run changed the database"
eq "$(sha t.db)" "$sha0" "a dry run leaves the file byte-identical"

# --- refused loads: all or nothing ---------------------------------------------
sed 's/into: so-khcn, effective: 2025-03-01/into: so-khong-co, effective: 2025-03-01/' \
    "$ORG" >bad-into.yaml
ko org load bad-into.yaml --db t.db
err_has "so-khong-co"
sed 's/^effective: 2025-07-01/effective: 31\/02\/2025/' "$ORG" >bad-date.yaml
ko org load bad-date.yaml --db t.db
err_has "31/02/2025"
printf 'province: {code: x, name: "X"}\nagencies: [\n' >broken.yaml
ko org load broken.yaml --db t.db
err_has "yaml"
dump t.db >d2.sql
cmp -s d0.sql d2.sql || fail "a refused load changed the database"

# --- the merger, for real -----------------------------------------------------
ok org load "$ORG" --db t.db
grep -q 'đã áp dụng' "$T/out" || fail "load: applied"
n_dry=$(grep -c '^[0-9][0-9]/' dry.txt)
eq "$(sql t.db "SELECT count(*) FROM org_change")" "$n_dry" \
    "every change the dry run printed is logged"
eq "$(sql t.db "SELECT active_to, successor FROM agency
    WHERE code = 'so-tttt'")" "2025-03-01|so-khcn" "so-tttt merged"
eq "$(sql t.db "SELECT count(*) FROM agency")" 47 \
    "nothing deleted (46 + Sở NN&MT)"
eq "$(sql t.db "SELECT count(*) FROM audit WHERE action LIKE 'org.%'
    AND action != 'org.load'")" \
    "$((n_dry + 1))" "one audit row per change, one for the province"
# the log is append-only
"$PY" - t.db <<'EOF' || fail "org_change refuses UPDATE and DELETE"
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
for q in ("UPDATE org_change SET code = 'x'", "DELETE FROM org_change",
          "DELETE FROM agency WHERE code = 'so-tttt'",
          "DELETE FROM unit WHERE code = 'bac-ai'"):
    try:
        c.execute(q)
    except sqlite3.DatabaseError:
        continue
    sys.exit('not refused: ' + q)
EOF
# loading the same file again changes nothing more
ok org load "$ORG" --dry-run --db t.db
eq "$(grep -c '^[0-9][0-9]/' "$T/out")" 0 "a second load has nothing to do"

# --- a new period after the merger: 2026 --------------------------------------
ok period open 2026 --db t.db
ok status --period 2026 --db t.db --format csv
cp "$T/out" st26.csv
grep -q '^so-khcn,' st26.csv || fail "2026 status: Sở KH&CN"
grep -q '^so-tttt,' st26.csv && fail "2026 status still lists so-tttt"
grep -q '^so-khdt,' st26.csv && fail "2026 status still lists so-khdt"
ok status --period $P --db t.db --format csv
eq "$(csv_get st26.csv agency so-khcn inputs)" \
    "$(csv_get "$T/out" agency so-tttt inputs)" \
    "so-khcn holds in 2026 every input so-tttt led in 2022"
grep -q '^so-tttt,' "$T/out" || fail "2022 status keeps so-tttt"
grep -q '^so-khcn,' "$T/out" && fail "2022 status lists so-khcn"
# the work list: Sở KH&CN owes in 2026 what Sở TTTT owed in 2022
ok worklist --period $P --agency so-tttt --db t.db --format csv
n22=$(csv_rows "$T/out")
ok worklist --period 2026 --agency so-khcn --db t.db --format csv
n26=$(csv_rows "$T/out")
[ "$n26" -ge "$n22" ] ||
    fail "2026 work list of so-khcn ($n26) holds so-tttt's of 2022 ($n22)"
grep -q '^3.3.a,' "$T/out" || fail "2026 work list of so-khcn: 3.3.a"
# units of 2026: the new province, no district of Ninh Thuận
ok unit list --at 2026-01-01 --db t.db --format csv
cp "$T/out" u26.csv
csv_is u26.csv code khanh-hoa kind=province active_from=2025-07-01
grep -q '^bac-ai,' u26.csv && fail "2026: bac-ai is a unit"
grep -q '^ninh-thuan,' u26.csv && fail "2026: ninh-thuan is a unit"
ok unit list --at 01/01/2022 --db t.db --format csv
grep -q '^bac-ai,' "$T/out" || fail "2022: bac-ai is a unit"
grep -q '^khanh-hoa,' "$T/out" && fail "2022: khanh-hoa is a unit"
ok agency list --at 2022-06-30 --db t.db --format csv
csv_is "$T/out" code ubnd-tinh "name=Ủy ban nhân dân tỉnh Ninh Thuận"
ok agency list --at 2026-06-30 --db t.db --format csv
csv_is "$T/out" code ubnd-tinh "name=Ủy ban nhân dân tỉnh Khánh Hòa"
grep -q '^so-tttt,' "$T/out" && fail "2026: so-tttt is an agency"
# a value of 2026 without --unit is the new province's
ok value set --period 2026 --db t.db 3.3.a 777
eq "$(sql t.db "SELECT u.code FROM value v JOIN unit u ON u.id = v.unit
    JOIN period p ON p.id = v.period WHERE p.code = '2026'")" khanh-hoa \
    "the 2026 value is Khánh Hòa's"

# --- reports on both sides ----------------------------------------------------
ok report --period $P --format xlsx -o after22.xlsx --db t.db
xlsx_text after22.xlsx >after22.txt
grep -q 'Ninh Thuận' after22.txt || fail "2022 report still says Ninh Thuận"
grep -q 'Sở TTTT' after22.txt || fail "2022 report still says Sở TTTT"
grep -q 'Khánh Hòa' after22.txt && fail "2022 report says Khánh Hòa"
ok report --period 2026 --format xlsx -o r26.xlsx --include-drafts --db t.db
xlsx_text r26.xlsx >r26.txt
grep -q 'Khánh Hòa' r26.txt || fail "2026 report says Khánh Hòa"
grep -q 'Sở KH&amp;CN\|Sở KH&CN' r26.txt || fail "2026 report says Sở KH&CN"
grep -q 'Sở TTTT' r26.txt && fail "2026 report says Sở TTTT"

# --- lineage -------------------------------------------------------------------
ok org lineage khanh-hoa --db t.db
cp "$T/out" lin.txt
grep -q '^  ninh-thuan' lin.txt || fail "lineage: ninh-thuan"
grep -q '^  khanh-hoa-cu' lin.txt || fail "lineage: the old Khánh Hòa"
grep -q '2022  0,5934' lin.txt || fail "lineage: Ninh Thuận's 2022 result"
grep -q 'kỳ 2023' lin.txt || fail "lineage: Ninh Thuận's period 2023"
grep -q 'kỳ 2026' lin.txt || fail "lineage: Khánh Hòa's period 2026"
ko org lineage khong-co --db t.db
err_has "khong-co"
ok org changes --db t.db --format csv
csv_is "$T/out" code so-tttt kind=merge new=so-khcn effective=2025-03-01

# --- refused changes: each its error, nothing changed --------------------------
dump t.db >e0.sql
refused() {
	_re=$1
	shift
	ko "$@" --db t.db
	err_has "$_re"
}
refused "so-khcn.*chính nó|itself" agency merge so-khcn --into so-khcn
refused "khong-co" agency merge so-y-te --into khong-co
refused "so-tttt.*ngừng|inactive" agency merge so-y-te --into so-tttt
refused "so-tttt.*ngừng|inactive" agency deactivate so-tttt
refused "so-tttt.*ngừng|inactive" agency rename so-tttt --name "Sở X"
refused "khong-co" agency rename khong-co --name "X"
refused "so-y-te.*đang hoạt động|active" agency reactivate so-y-te
refused "so-y-te.*đã có|exists" agency add so-y-te --name "Sở Y tế" \
    --kind department
refused "loại|kind" agency add so-moi --name "Sở mới" --kind sở
refused "mã|code" agency add "Sở Mới" --name "Sở mới" --kind department
refused "trước|before" agency rename so-nnmt --name "Sở NN" \
    --effective 2025-01-01
refused "ngày|date" agency deactivate so-y-te --effective 2026-13-01
refused "nhóm|collective" agency member-add so-y-te --member so-gddt
refused "không thuộc|not part" agency member-remove cac-so-nganh \
    --member so-tttt
refused "đã thuộc|already" agency member-add cac-so-nganh --member so-y-te
refused "ninh-thuan.*ngừng|inactive" unit merge ninh-thuan --into khanh-hoa
refused "tên|name" unit rename khanh-hoa --name ""
dump t.db >e1.sql
cmp -s e0.sql e1.sql || fail "a refused change changed the database"

# --- accepted edits one by one, with their dates --------------------------------
ok agency add so-thu --name "Sở Thử nghiệm" --kind department \
    --effective 01/01/2026 --db t.db
ok agency rename so-thu --name "Sở Thử nghiệm mới" --short "Sở TN" \
    --effective 2026-07-01 --db t.db
ok agency list --at 2026-03-01 --db t.db --format csv
csv_is "$T/out" code so-thu "name=Sở Thử nghiệm"
ok agency list --at 2026-08-01 --db t.db --format csv
csv_is "$T/out" code so-thu "name=Sở Thử nghiệm mới" "short=Sở TN"
ok agency deactivate so-thu --effective 2026-09-01 --db t.db
ok agency reactivate so-thu --effective 2026-10-01 --db t.db
ok agency member-add cac-so-nganh --member so-thu --db t.db
ok agency member-remove cac-so-nganh --member so-thu --db t.db
ok agency merge so-thu --into so-khcn --db t.db
eq "$(sql t.db "SELECT kind FROM org_change ORDER BY id DESC LIMIT 7" |
    tr '\n' ' ')" \
    "merge member_remove member_add reactivate deactivate rename add " \
    "the log of so-thu"
eq "$(sql t.db "SELECT count(*) FROM audit WHERE action LIKE 'org.%'
    AND 'so-thu' IN (key, old, new)")" 7 \
    "so-thu's audit rows"
# an agency the file lists, deactivated by hand, comes back with the file
ok agency deactivate so-y-te --effective 2026-01-01 --db t.db
ok org load "$ORG" --dry-run --effective 2026-02-01 --db t.db
grep -q 'reactivate .*agency .*so-y-te' "$T/out" ||
    fail "the file reactivates so-y-te"
eq "$(grep -c '^[0-9][0-9]/' "$T/out")" 1 "only so-y-te changes"
# at the file's own date (01/07/2025), before so-y-te ended: refused
ko org load "$ORG" --db t.db
err_has "so-y-te"
eq "$(sql t.db "SELECT active_to FROM agency WHERE code = 'so-y-te'")" \
    2026-01-01 "a dry run or a refused load reactivates nothing"

# (the command line acts as the file's operator, an admin: the policy, admin
# only, is tested by api.org and api.authz)
echo ok
