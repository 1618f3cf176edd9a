# cli_methods.sh: methodologies of periods and internal indices (issue 12)
# from the command line, on the demo database. Period codes with a tag; the
# methodologies loaded and listed (a duplicate is the same version); a
# period's methodology changed after a preview that changes nothing (the
# index before and after, the inputs kept and added), audited, its values
# kept, refused for a closed period and for values the new version cannot
# read; an internal index: the district demo scoring the districts in a
# period of their own beside the provincial demo period, its values and
# import kept to its units, its scores those of tests/unit/test_district.c
# and its ranking.
. "$(dirname "$0")/lib.sh"

P=2022-demo # the demo period of init --demo
DM=$SRC/methodologies/district-demo.yaml
DR=$SRC/methodologies/district-demo-round.csv

newdb t.db --demo

# --- period codes: YYYY[-Qn][-tag] ------------------------------------------
for bad in 2022-Demo 2022- 2022-1x 2022-a-b 2022-q3 2022-Q5-x \
    2022-Q1-abcdefghi 2022-abcdefghijklm; do
	ko period open "$bad" --db t.db
	err_has "không hợp lệ|quá dài"
done
DTI_LANG=en ko period open 2022-Q1-abcdefghi --db t.db
err_has "too long: at most 15 characters"
ok period open 2023-Q2-huyen --db t.db
ok period list --db t.db --format csv
csv_is "$T/out" period 2023-Q2-huyen kind=quarter agency_due=2023-06-25
ko period open "$P" --db t.db
err_has "đã có"

# --- methodologies: loaded, listed; the same text is the same version ------
ok methodology load --db t.db "$DM"
grep -q "(#2)" "$T/out" || fail "district demo loaded as #2: $(cat "$T/out")"
ok methodology load --db t.db "$DM"
grep -q "đã có.*(#2)" "$T/out" || fail "a duplicate: $(cat "$T/out")"
ok methodology list --db t.db --format csv
eq "$(csv_rows "$T/out")" 2 "methodologies listed"
csv_is "$T/out" id 2 code=dti-district-demo version=minh-hoa
printf 'methodology:\n  id: x\n' >bad.yaml
ko methodology load --db t.db bad.yaml
err_has 'bad.yaml:[0-9]+'
eq "$(sql t.db 'SELECT count(*) FROM methodology')" 2 "after a bad file"

# --- an internal index beside the provincial demo period --------------------
ok score --db t.db --period "$P"
cp "$T/out" province-before.csv
ko period open 2022-huyen --methodology 2 --units ninh-hai,nowhere --db t.db
err_has "không có đơn vị 'nowhere'"
ko period open 2022-huyen --methodology 2 --units ninh-hai --level district \
    --db t.db
ko period open 2022-huyen --methodology x --level district --db t.db
eq "$(sql t.db "SELECT count(*) FROM period WHERE code = '2022-huyen'")" 0 \
    "refused opens open nothing"
ok period open 2022-huyen --methodology 2 --level district --db t.db
eq "$(sql t.db "SELECT count(*) FROM period_unit pu JOIN period p
    ON p.id = pu.period WHERE p.code = '2022-huyen'")" 7 "the 7 districts"
eq "$(sql t.db "SELECT p.methodology FROM period p
    WHERE p.code = '2022-huyen'")" 2 "scored with the district demo"
# a unit named twice is chosen once; a tag keeps the series apart
ok period open 2023-huyen --methodology 2 --units ninh-hai,bac-ai,ninh-hai \
    --db t.db
eq "$(sql t.db "SELECT group_concat(u.code) FROM period_unit pu
    JOIN unit u ON u.id = pu.unit JOIN period p ON p.id = pu.period
    WHERE p.code = '2023-huyen' ORDER BY u.id")" "bac-ai,ninh-hai" \
    "the units of 2023-huyen"
eq "$(sql t.db "SELECT count(*) FROM audit WHERE action = 'period.unit'
    AND period = '2023-huyen'")" 2 "each unit of the set audited"
# a province's value or file is not for it
ko value set --db t.db --period 2022-huyen --unit ninh-thuan 1.1 chairman
err_has "không chấm đơn vị 'ninh-thuan'"
ko import --db t.db --period 2022-huyen "$SRC/examples/demo-ninh-thuan.csv"
ko status --db t.db --period 2022-huyen
err_has "không chấm đơn vị 'ninh-thuan'"
ok import --db t.db --period 2022-huyen --approve "$DR"
ok status --db t.db --period 2022-huyen --unit bac-ai --format csv
# the scores: those of the file scored alone (tests/unit/test_district.c)
ok score --db t.db --period 2022-huyen
cp "$T/out" huyen.csv
ok score --methodology "$DM" "$DR"
cmp -s "$T/out" huyen.csv || fail "the district period's scores differ from its file's"
grep -q '^phan-rang-thap-cham,INDEX,0.940000,' huyen.csv ||
    fail "Phan Rang - Tháp Chàm's index: $(grep ',INDEX,' huyen.csv)"
grep -q '^ninh-hai,TOTAL,72.209596,' huyen.csv ||
    fail "Ninh Hải's total: $(grep ',TOTAL,' huyen.csv)"
ok period ranking 2022-huyen --db t.db --format csv
eq "$(cut -d, -f1,2 "$T/out" | tr '\n' ' ')" \
    "rank,unit 1,phan-rang-thap-cham 2,ninh-hai 3,bac-ai 4,ninh-phuoc " \
    "the districts' ranking"
ok period ranking 2022-huyen --db t.db
grep -q "^  1  phan-rang-thap-cham *0,94$" "$T/out" ||
    fail "ranking for people: $(cat "$T/out")"
# the province's period is as it was
ok score --db t.db --period "$P"
cmp -s "$T/out" province-before.csv ||
    fail "the internal index changed the provincial period's scores"

# --- a period's methodology changed: preview, then applied ------------------
"$PY" - "$SRC/methodologies/dti-2022-province.yaml" v2.yaml <<'EOF'
import sys
s = open(sys.argv[1], encoding='utf-8').read()
s = s.replace('  version: "2022"\n', '  version: "2022-b"\n', 1)
# 8.6's input renamed: the old values are kept, the new input is added
s = s.replace('          - name: "8.6"\n',
              '          - name: "8.6.b"\n            var: x\n', 1)
open(sys.argv[2], 'w', encoding='utf-8').write(s)
EOF
ok methodology load --db t.db v2.yaml
grep -q "(#3)" "$T/out" || fail "v2 loaded as #3: $(cat "$T/out")"
before=$(dump t.db)
ok period set-methodology "$P" --methodology 3 --db t.db
grep -q "^  ninh-thuan *INDEX *0,536 -> 0,5264$" "$T/out" ||
    fail "the preview's index: $(cat "$T/out")"
grep -q "giữ nguyên (1): 8.6$" "$T/out" || fail "8.6 kept: $(cat "$T/out")"
grep -q "thêm (1): 8.6.b$" "$T/out" || fail "8.6.b added: $(cat "$T/out")"
grep -q "Chưa thay đổi gì" "$T/out" || fail "the preview says nothing changed"
eq "$(dump t.db)" "$before" "the database after a preview"
ko period set-methodology "$P" --methodology 1 --yes --db t.db
err_has "đã chấm theo phương pháp #1"
ko period set-methodology "$P" --methodology 99 --yes --db t.db
ko period set-methodology "$P" --methodology abc --db t.db
# the district demo cannot read the province's 1.1 and A.2: refused
ko period set-methodology "$P" --methodology 2 --yes --db t.db
err_has "không đọc được theo phương pháp #2"
eq "$(dump t.db)" "$before" "the database after refused changes"
n8=$(sql t.db "SELECT count(*) FROM value v JOIN period p ON p.id = v.period
    WHERE p.code = '$P' AND v.input = '8.6'")
ok period set-methodology "$P" --methodology 3 --yes --user lan --db t.db
grep -q "Đã đổi phương pháp" "$T/out" || fail "applied: $(cat "$T/out")"
eq "$(sql t.db "SELECT methodology FROM period WHERE code = '$P'")" 3 \
    "the period's methodology"
eq "$(sql t.db "SELECT actor, old, new FROM audit
    WHERE action = 'period.methodology'")" "lan|1|3" "the change audited"
eq "$(sql t.db "SELECT count(*) FROM value v JOIN period p ON p.id = v.period
    WHERE p.code = '$P' AND v.input = '8.6'")" "$n8" "8.6's values kept"
ok score --db t.db --period "$P"
grep -q '^ninh-thuan,INDEX,0.526418,' "$T/out" ||
    fail "rescored: $(grep '^ninh-thuan,INDEX' "$T/out")"
# back again: 8.6 counts again, the scores are those of before
ok period set-methodology "$P" --methodology 1 --yes --db t.db
ok score --db t.db --period "$P"
cmp -s "$T/out" province-before.csv || fail "back to #1: other scores"
# a closed period keeps its methodology
ok period close "$P" --db t.db
ko period set-methodology "$P" --methodology 3 --yes --db t.db
err_has "đã đóng"
DTI_LANG=en ko period set-methodology "$P" --methodology 3 --db t.db
err_has "is closed"
exit 0
