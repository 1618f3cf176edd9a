#!/bin/sh
# cli_years.sh: one database run for years (issue 12's "done when"): the
# demo year, then a second plan year (the 2023 example plan, a real 2023
# period entered beside 2022-demo and compared with 2023's targets), a
# change of methodology for 2023 (previewed, applied, audited), the 2025
# merger (data/khanh-hoa-2025.yaml) and a 2026 period of the new province;
# each earlier period keeps its scores, organisation and reports.
. "$(dirname "$0")/lib.sh"

DEMO=2022-demo # the demo period
DTI_TODAY=2026-11-30
export DTI_TODAY

# xlsx_text FILE: the strings of a workbook, one a line.
xlsx_text() {
	"$PY" - "$1" <<'PYEOF'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
for n in z.namelist():
    if n.endswith('.xml'):
        for t in re.findall(r'<t[^>]*>([^<]*)</t>', z.read(n).decode()):
            print(t)
PYEOF
}

ok init --demo --db t.db
ok score --period $DEMO --db t.db
cp "$T/out" demo-scores.csv

# --- a second plan year ---------------------------------------------------
ok plan load "$SRC/plans/ninh-thuan-2023-example.yaml" --db t.db
ok period open 2023 --db t.db
ok export --period $DEMO --db t.db demo.csv
ok import --period 2023 --approve demo.csv --db t.db
ok targets --period 2023 --db t.db
head -n 1 "$T/out" | grep -q "^Chỉ tiêu năm 2023 (Kế hoạch MINH-HOA-2023/KH-UBND)" ||
	fail "2023 compared with 2023's targets: $(head -n 1 "$T/out")"
ok targets --period $DEMO --db t.db
head -n 1 "$T/out" | grep -q "^Chỉ tiêu năm 2022 (Kế hoạch 4233/KH-UBND)" ||
	fail "the demo year compared with 2022's targets: $(head -n 1 "$T/out")"
ok tasks --plan MINH-HOA-2023/KH-UBND --db t.db --format csv
eq "$(csv_rows "$T/out")" 12 "the 2023 plan's tasks"

# --- a change of methodology for 2023 ------------------------------------
"$PY" - "$SRC/methodologies/dti-2022-province.yaml" v2023.yaml <<'PYEOF'
import sys
s = open(sys.argv[1], encoding='utf-8').read()
s = s.replace('  version: "2022"\n', '  version: "2023"\n', 1)
open(sys.argv[2], 'w', encoding='utf-8').write(s)
PYEOF
ok methodology load v2023.yaml --db t.db
mid=$(sql t.db "SELECT id FROM methodology WHERE version = '2023'")
before=$(dump t.db)
ok period set-methodology 2023 --methodology "$mid" --db t.db
eq "$(dump t.db)" "$before" "the database after a preview"
ok period set-methodology 2023 --methodology "$mid" --yes --user lan --db t.db
eq "$(sql t.db "SELECT methodology FROM period WHERE code = '2023'")" "$mid" \
    "2023 scored by the 2023 methodology"
eq "$(sql t.db "SELECT methodology FROM period WHERE code = '$DEMO'")" 1 \
    "the demo year keeps its methodology"
eq "$(sql t.db "SELECT count(*) FROM audit WHERE action = 'period.methodology'
    AND actor = 'lan'")" 1 "the change is audited"
ok score --period 2023 --db t.db
cp "$T/out" s2023.csv
grep -q '^ninh-thuan,INDEX,0.536001,' s2023.csv || fail "2023's index"

# --- the merger, then a period of the new province -------------------------
ok org load "$SRC/data/khanh-hoa-2025.yaml" --db t.db
ok period open 2026 --db t.db
ok status --period 2026 --db t.db --format csv
grep -q '^so-khcn,' "$T/out" || fail "2026: Sở KH&CN owes data"
grep -q '^so-tttt,' "$T/out" && fail "2026: the merged Sở TTTT owes none"
grep -q '^ubnd-bac-ai,' "$T/out" && fail "2026: no district UBND owes a part"
ok status --period 2023 --db t.db --format csv
grep -q '^so-tttt,' "$T/out" || fail "2023 status keeps Sở TTTT"
ok targets --period 2026 --db t.db
grep -q "2026" "$T/out" || fail "2026 says it has no targets"
# earlier periods: the same scores and their own organisation
ok score --period $DEMO --db t.db
cmp -s "$T/out" demo-scores.csv || fail "the merger changed the demo's scores"
ok score --period 2023 --db t.db
cmp -s "$T/out" s2023.csv || fail "the merger changed 2023's scores"
ok report --period 2023 --format xlsx -o r2023.xlsx --db t.db
xlsx_text r2023.xlsx >r2023.txt
grep -q 'Ninh Thuận' r2023.txt || fail "2023's report names Ninh Thuận"
grep -q 'Khánh Hòa' r2023.txt && fail "2023's report names Khánh Hòa"
ok report --period 2026 --format xlsx -o r2026.xlsx --db t.db
xlsx_text r2026.xlsx >r2026.txt
grep -q 'Khánh Hòa' r2026.txt || fail "2026's report names Khánh Hòa"
ok org lineage khanh-hoa --db t.db
grep -q 'kỳ 2023' "$T/out" || fail "the lineage shows Ninh Thuận's 2023"
grep -q 'kỳ 2026' "$T/out" || fail "the lineage shows Khánh Hòa's 2026"
exit 0
