# cli_worklist.sh: an officer's work list and the data rules of issue 9 on
# the command line. On the demo database, in a new period: the list of
# what Cục Thống kê owes (and the inputs it coordinates), with last
# period's values and the deadline; a value 1.000 times last year's is
# kept as a draft with its warnings, shown by value set, value list, the
# work list and the review list; a submission is refused while its values
# break a consistency rule (the error names both inputs) or lack the
# evidence the methodology requires; evidence attached to an input Cục
# Thống kê coordinates shows in its list; the approved values without
# required evidence are listed for the reviewer.
. "$(dirname "$0")/lib.sh"

newdb w.db --demo
# 2023-demo follows the demo year (2022-demo): its last period
ok period open 2023-demo --db w.db
# today: ten days before the agencies' deadline of 2023 (20/12/2023)
DTI_TODAY=2023-12-10
export DTI_TODAY

# --- the officer's work list: what Cục Thống kê owes, and coordinates -------
ok worklist --db w.db --period 2023-demo --user cb-thongke --format csv
cp "$T/out" wl.csv
eq "$(csv_rows wl.csv)" 5 "items of cuc-thong-ke's work list"
csv_is wl.csv input A.4 role=lead lead=cuc-thong-ke kind=count value= \
    status= previous_period=2022-demo previous_value=600000 \
    previous_shown=600.000 deadline=2023-12-20 days_left=10 \
    evidence_required=0
csv_is wl.csv input A.6 role=lead previous_value=150000
# 7.1 is led by Sở KH&ĐT; Cục Thống kê coordinates it: read-only items
csv_is wl.csv input 7.1.a role=coordinator lead=so-khdt kind=amount \
    unit="tỷ đồng" previous_shown="1.450 tỷ đồng"
"$PY" - wl.csv <<'EOF' || fail "the rule of 7.1 in words"
import csv, sys
r = {x['input']: x for x in csv.DictReader(open(sys.argv[1], encoding='utf-8'))}
assert 'Tỷ lệ = a/b' in r['7.1.a']['rule'], r['7.1.a']['rule']
assert r['7.1.a']['indicator'] == '7.1', r['7.1.a']
assert list(r) == ['A.4', 'A.5', 'A.6', '7.1.a', '7.1.b'], list(r)
EOF
# the same list for people: Vietnamese, the deadline dd/mm/yyyy, days left
ok worklist --db w.db --period 2023-demo --agency cuc-thong-ke
grep -q "^Danh sách việc cần làm — kỳ 2023-demo, đơn vị ninh-thuan, Cục Thống kê (cuc-thong-ke)$" \
    "$T/out" || fail "heading of the work list: $(head -3 "$T/out")"
grep -q "^Hạn gửi Sở TTTT: trước 20/12/2023 (còn 10 ngày)$" "$T/out" ||
    fail "deadline of the work list: $(head -3 "$T/out")"
grep -q "^5 mục (3 chủ trì, 2 phối hợp): 3 chưa nhập, 0 nháp" "$T/out" ||
    fail "counts of the work list: $(head -3 "$T/out")"
grep -q "^7.1.a — Giá trị tăng thêm của kinh tế số \[số tiền, tỷ đồng\] — PHỐI HỢP" \
    "$T/out" || fail "the coordinated item 7.1.a: $(grep 7.1.a "$T/out")"
grep -q "kỳ trước 2022-demo: 600.000$" "$T/out" || fail "last year's A.4"
DTI_LANG=en ok worklist --db w.db --period 2023-demo --agency cuc-thong-ke
grep -q "^Due to Sở TTTT before 20/12/2023 (in 10 days)$" "$T/out" ||
    fail "English deadline: $(head -3 "$T/out")"
# a viewer-like question: an unknown agency; JSON for machines
ko worklist --db w.db --period 2023-demo --agency no-such-agency
err_has "không có cơ quan 'no-such-agency'"
ok worklist --db w.db --period 2023-demo --user cb-thongke --format json
"$PY" - "$T/out" <<'EOF' || fail "the work list as JSON"
import json, sys
d = json.load(open(sys.argv[1], encoding='utf-8'))
assert d['agency'] == 'cuc-thong-ke' and d['days_left'] == 10, d
assert d['counts']['items'] == 5 and d['counts']['coordinated'] == 2, d
assert d['counts']['missing'] == 3, d['counts']
assert [i['role'] for i in d['items']] == ['lead'] * 3 + ['coordinator'] * 2
assert d['items'][3]['read_only'] is True and d['items'][3]['unit'] == 'tỷ đồng'
EOF

# --- a value 1.000 times last year's: a warning, shown and kept ---------------
ok value set --db w.db --period 2023-demo --user cb-thongke A.4 600000000
eq "$(cat "$T/out")" "A.4 = 600000000 (nháp)" "value set's answer"
err_has "^cảnh báo: A\.4 \(Số lượng dân số\) = 600\.000\.000, gấp 1\.000 lần giá trị kỳ trước \(600\.000\)"
err_has "^cảnh báo: A\.4 .*lớn hơn mức cao nhất hợp lý 20\.000\.000"
DTI_LANG=en ok value set --db w.db --period 2023-demo A.4 600000000
err_has "^warning: A\.4 = 600,000,000 is 1,000 times the previous period's value \(600,000\)"
ok value list --db w.db --period 2023-demo --format csv
csv_is "$T/out" input A.4 value=600000000 status=draft
grep -q "gấp 1.000 lần giá trị kỳ trước" "$T/out" ||
    fail "the warning is not kept with the value"
ok value list --db w.db --period 2023-demo
grep -q "^    cảnh báo: A.4 (Số lượng dân số) = 600.000.000, gấp 1.000 lần" \
    "$T/out" || fail "value list shows no warning: $(cat "$T/out")"
ok worklist --db w.db --period 2023-demo --agency cuc-thong-ke --format csv
csv_is "$T/out" input A.4 value=600000000 value_shown=600.000.000 \
    status=draft
csv_get "$T/out" input A.4 warnings | grep -q "gấp 1.000 lần" ||
    fail "the work list shows no warning of A.4"
# an import warns the same way, at its line, and succeeds (exit 0)
printf 'unit,input,value\nninh-thuan,A.5,380\n' >a5.csv
ok import --db w.db --period 2023-demo a5.csv
err_has "a5\.csv:2: cảnh báo: A\.5 .*chỉ bằng 1/1\.000 giá trị kỳ trước \(380\.000\)"
ok value set --db w.db --period 2023-demo A.5 380000
# amounts say their unit wherever they are asked for or shown
ok value set --db w.db --period 2023-demo 8.6 3.5
eq "$(cat "$T/out")" "8.6 = 3.5 tỷ đồng (nháp)" "an amount's answer"
DTI_LANG=en ok value set --db w.db --period 2023-demo 8.6 3.5
eq "$(cat "$T/out")" "8.6 = 3.5 billion VND (draft)" "an amount, in English"
ok value list --db w.db --period 2023-demo
grep -q "^ninh-thuan 8.6 = 3.5 tỷ đồng (nháp)" "$T/out" ||
    fail "value list: an amount without its unit"
ko value set --db w.db --period 2023-demo 8.6 -- -1
err_has "8\.6 = '-1': số tiền tính bằng tỷ đồng: số tiền không được âm"
DTI_LANG=en ko value set --db w.db --period 2023-demo 8.6 -- -1
err_has "an amount cannot be negative; amounts are in billion VND"
ko value set --db w.db --period 2023-demo 3.3.a 2.5
err_has "3\.3\.a = '2\.5': số lượng phải là số nguyên"
# submitted: the reviewer's list shows it with its warnings
ok submit --db w.db --period 2023-demo --agency cuc-thong-ke --inputs A.4
ok review --db w.db --period 2023-demo
grep -q "^Giá trị chờ duyệt — kỳ 2023-demo, đơn vị ninh-thuan$" "$T/out" ||
    fail "heading of the review list: $(head -2 "$T/out")"
grep -q "^A.4 — Số lượng dân số" "$T/out" || fail "A.4 is not for review"
grep -q "^    cảnh báo: A.4 (Số lượng dân số) = 600.000.000, gấp 1.000 lần" \
    "$T/out" || fail "the review list shows no warning"
ok review --db w.db --period 2023-demo --format csv
eq "$(csv_rows "$T/out")" 1 "values waiting for review"

# --- consistency: refused at submit, naming both inputs ----------------------
# A.5 (working-age population) cannot exceed A.4; A.6 is missing still
ok value set --db w.db --period 2023-demo A.5 700000000
ok value set --db w.db --period 2023-demo A.6 150000
before=$(dump w.db)
ko submit --db w.db --period 2023-demo --agency cuc-thong-ke
err_has "đơn vị ninh-thuan: A\.5 \(Số lượng dân số trong độ tuổi lao động\) = 700\.000\.000 lớn hơn A\.4 \(Số lượng dân số\) = 600\.000\.000"
eq "$(dump w.db)" "$before" "database after an inconsistent submission"
# across agencies: Sở TTTT's 3.1.b is the same population as A.4
ok value set --db w.db --period 2023-demo A.5 380000
ok value set --db w.db --period 2023-demo 3.1.b 595000
ko submit --db w.db --period 2023-demo --agency so-tttt --inputs 3.1.b
err_has "A\.4 \(Số lượng dân số\) = 600\.000\.000 khác 3\.1\.b \(Tổng dân số của Tỉnh, thành phố\) = 595\.000"
DTI_LANG=en ko submit --db w.db --period 2023-demo --agency so-tttt --inputs 3.1.b
err_has "unit ninh-thuan: A\.4 = 600,000,000 differs from 3\.1\.b = 595,000"
# a draft of another agency is nobody's figure yet: it blocks nothing
ok submit --db w.db --period 2023-demo --agency cuc-thong-ke --inputs A.5,A.6

# --- required evidence: refused at submit, listing every such input ----------
ok value set --db w.db --period 2023-demo 1.1 leader
ok value set --db w.db --period 2023-demo 2.1 1
ok value set --db w.db --period 2023-demo 3.3.a 98000
before=$(dump w.db)
ko submit --db w.db --period 2023-demo --agency so-tttt --inputs 1.1,2.1,3.3.a
err_has "1\.1 \(Trưởng ban Ban chỉ đạo chuyển đổi số của Tỉnh\) chưa có tài liệu kiểm chứng nào"
err_has "2\.1 \(Đã ban hành\) chưa có tài liệu kiểm chứng nào"
grep -q "3\.3\.a" "$T/err" && fail "3.3.a (a count) needs no evidence"
err_has "chưa gửi được: 2 mục chưa sẵn sàng; không gửi gì"
eq "$(dump w.db)" "$before" "database after a submission without evidence"
ok worklist --db w.db --period 2023-demo --agency so-tttt --format csv
csv_is "$T/out" input 1.1 evidence_required=1 evidence_count=0 \
    value_shown="Trưởng ban là Bí thư/Chủ tịch tỉnh"
printf '%%PDF-1.4 quyết định\n' >qd.pdf
ok evidence add --db w.db --period 2023-demo --doc 12/QĐ-UBND --date 02/11/2023 \
    --file qd.pdf 1.1
ok evidence add --db w.db --period 2023-demo --note "Kế hoạch 45/KH-UBND" 2.1
ok submit --db w.db --period 2023-demo --agency so-tttt --inputs 1.1,2.1,3.3.a
ok worklist --db w.db --period 2023-demo --agency so-tttt --format csv
csv_is "$T/out" input 1.1 evidence_count=1 status=submitted

# --- evidence on an input Cục Thống kê coordinates shows in its list ----------
ok evidence add --db w.db --period 2023-demo --note "số liệu GRDP sơ bộ" 7.1.b
ok worklist --db w.db --period 2023-demo --agency cuc-thong-ke --format csv
csv_is "$T/out" input 7.1.b role=coordinator evidence_count=1 status=
csv_get "$T/out" input 7.1.b evidence | grep -q "số liệu GRDP sơ bộ" ||
    fail "the coordinated item's evidence"

# --- the reviewer: approved values that lack required evidence ---------------
ok review --db w.db --period 2022-demo --missing-evidence --format csv
cp "$T/out" missing.csv
n=$(csv_rows missing.csv)
[ "$n" -gt 10 ] || fail "approved demo values lacking evidence: $n"
csv_is missing.csv input 1.1 status=approved evidence_required=1 \
    evidence_count=0
grep -q "^3\.3\.a," missing.csv && fail "3.3.a needs no evidence"
ok evidence add --db w.db --period 2022-demo --note "biên bản" 1.1
ok review --db w.db --period 2022-demo --missing-evidence --format csv
eq "$(csv_rows "$T/out")" $((n - 1)) "missing evidence after adding one"
grep -q "^1\.1," "$T/out" && fail "1.1 still listed once it has evidence"
ok review --db w.db --period 2022-demo --missing-evidence --agency cuc-thong-ke
grep -q "^0 mục" "$T/out" || fail "cuc-thong-ke's counts need no evidence"
unset DTI_TODAY
exit 0
