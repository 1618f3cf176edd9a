# cli_contrib.sh: contributions (issue 9). In the 2022 methodology the
# district UBNDs (members of ubnd-huyen) contribute 1.9, 4.1, 4.2 (all)
# and 1.10 (worst): each enters, evidences and submits its own part
# (dti value set --part, dti evidence add --part, dti submit --agency);
# the province's value is the aggregate, present only when every district
# has its part, shown with its parts by dti value list, written by dti
# export (--parts: the parts file), scored and counted in dti status. A
# whole value is never entered beside parts, nor a part beside a whole
# value. The command line's operator is an admin and names the part; what
# an officer may not do (another district's part, the whole value) is
# tested over HTTP (api.contrib) and through app/ (app.contrib).
. "$(dirname "$0")/lib.sh"

DISTRICTS="ubnd-phan-rang-thap-cham ubnd-bac-ai ubnd-ninh-hai ubnd-ninh-phuoc
ubnd-ninh-son ubnd-thuan-bac ubnd-thuan-nam"
newdb c.db --demo
ok period open 2030 --db c.db --user tester

# part AGENCY INPUT VALUE: dti value set --part (the province's unit)
part() {
	ok value set --db c.db --period 2030 --user sotttt --part "$1" "$2" "$3"
}
values() { # the value list as CSV
	ok value list --db c.db --period 2030 --format csv
	cp "$T/out" values.csv
}
# agg INPUT: "value|status|missing" of the aggregate row of INPUT
agg() {
	values
	"$PY" - values.csv "$1" <<'EOF'
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1], encoding='utf-8'))
        if r['input'] == sys.argv[2] and r['computed'] == '1']
assert len(rows) == 1, rows
r = rows[0]
print('|'.join((r['value'], r['status'], r['missing'])))
EOF
}
# score CODE [--include-drafts]: the province's score of CODE
score() {
	ok score --db c.db --period 2030 --quiet ${2:-}
	"$PY" - "$T/out" "$1" <<'EOF'
import csv, sys
for r in csv.DictReader(open(sys.argv[1], encoding='utf-8')):
    if r['unit'] == 'ninh-thuan' and r['code'] == sys.argv[2]:
        print(r['score'] + ' ' + r['status'])
EOF
}

# --- Ninh Hải enters its part of 1.9; Bác Ái its own ---------------------------
# one approved value, so the province is a unit of every round
printf 'unit,input,value\nninh-thuan,1.1,leader\n' >base.csv
ok import --db c.db --period 2030 --approve base.csv
part ubnd-ninh-hai 1.9 1
grep -q "^1\.9@ubnd-ninh-hai = 1" "$T/out" || fail "value set --part: $(cat "$T/out")"
part ubnd-bac-ai 1.9 0
eq "$(sql c.db "SELECT v.part, v.raw, v.status, u.code FROM value v
    JOIN unit u ON u.id = v.unit JOIN period p ON p.id = v.period
    WHERE p.code = '2030' AND v.input = '1.9' AND v.archived = 0
    ORDER BY v.id")" "ubnd-ninh-hai|1|draft|ninh-thuan
ubnd-bac-ai|0|draft|ninh-thuan" "the parts are values of the province's unit"

# --- what is refused, writing nothing -------------------------------------------------
before=$(dump c.db)
ko value set --db c.db --period 2030 --part so-tttt 1.9 1
err_has "so-tttt.*không phải thành viên"
ko value set --db c.db --period 2030 --part ubnd-huyen 1.9 1
err_has "không phải thành viên"
ko value set --db c.db --period 2030 --part ubnd-bac-ai 1.1 leader
err_has "1\.1 không do các thành viên đóng góp"
ko value set --db c.db --period 2030 --part ubnd-ninh-hai 1.9 2
err_has "1\.9"
# the whole value beside parts, and an import of it, name who has a part
ko value set --db c.db --period 2030 1.9 1
err_has "đã có phần của ubnd-ninh-hai, ubnd-bac-ai"
printf 'unit,input,value\nninh-thuan,A.7,66\nninh-thuan,1.9,1\n' >whole.csv
ko import --db c.db --period 2030 whole.csv
err_has "whole\.csv:3.*1\.9.*ubnd-ninh-hai"
eq "$(dump c.db)" "$before" "database after refused parts and whole values"

# --- the aggregate is missing until every district has its part --------------------
eq "$(agg 1.9)" "|draft|ubnd-phan-rang-thap-cham ubnd-ninh-phuoc ubnd-ninh-son ubnd-thuan-bac ubnd-thuan-nam" \
    "1.9 with two parts of seven"
ok value list --db c.db --period 2030
grep -q "^ninh-thuan 1\.9 = ? \[tổng hợp all: 2/7 phần; còn thiếu: ubnd-phan-rang-thap-cham" \
    "$T/out" || fail "value list does not show the missing aggregate: $(cat "$T/out")"
grep -q "^ninh-thuan 1\.9@ubnd-bac-ai = 0 (nháp)" "$T/out" ||
    fail "value list does not show Bác Ái's part"
eq "$(score 1.9 --include-drafts)" "0.000000 missing" "1.9 scored without all parts"
ok export --db c.db --period 2030
grep -q "1\.9" "$T/out" && fail "an incomplete aggregate is exported"
for a in $DISTRICTS; do
	case $a in ubnd-bac-ai | ubnd-ninh-hai) continue ;; esac
	part "$a" 1.9 1
done
eq "$(agg 1.9)" "0|draft|" "all: one district said no"
eq "$(score 1.9 --include-drafts)" "0.000000 ok" "1.9 with a no"
part ubnd-bac-ai 1.9 1
eq "$(agg 1.9)" "1|draft|" "all: every district said yes"
eq "$(score 1.9 --include-drafts)" "10.000000 ok" "1.9 with every yes"
# the official score reads approved values only: none yet
eq "$(score 1.9)" "0.000000 missing" "1.9 officially, nothing approved"

# --- 1.10: the worst frequency --------------------------------------------------------
for a in $DISTRICTS; do
	part "$a" 1.10 weekly
done
part ubnd-thuan-nam 1.10 monthly
eq "$(agg 1.10)" "monthly|draft|" "worst of weekly and one monthly"
eq "$(score 1.10 --include-drafts)" "5.000000 ok" "1.10 at monthly: half points"
part ubnd-bac-ai 1.10 less_than_monthly
eq "$(agg 1.10)" "less_than_monthly|draft|" "worst: less than monthly"
part ubnd-bac-ai 1.10 weekly

# --- export: the province's value in the round; --parts: the parts --------------------
ok export --db c.db --period 2030 --parts parts.csv
cp "$T/out" export.csv
eq "$(grep -c "^ninh-thuan,1\.9," export.csv)" 1 "one 1.9 row in the export"
csv_is export.csv input 1.9 value=1
csv_is export.csv input 1.10 value=monthly
eq "$(csv_rows export.csv)" 3 "rows of the export: 1.1, 1.9, 1.10"
eq "$(head -n 1 parts.csv)" "unit,input,value,part,status" "parts header"
eq "$(csv_rows parts.csv)" 14 "one row per part"
eq "$(grep -c ",ubnd-thuan-nam,draft$" parts.csv)" 2 "Thuận Nam's parts"
grep -q "^ninh-thuan,1\.10,monthly,ubnd-thuan-nam,draft$" parts.csv ||
    fail "Thuận Nam's 1.10 in the parts file"
# the export is a round dti score reads as the period's values
ok score export.csv
grep -q "^ninh-thuan,1\.9,10\.0" "$T/out" || fail "the exported round scores 1.9"

# --- status: each district owes its four parts; the lead has two values ----------------
ok status --db c.db --period 2030 --format csv
cp "$T/out" status.csv
csv_is status.csv agency ubnd-ninh-hai inputs=4 filled=2 missing=2 draft=2
csv_is status.csv agency ubnd-huyen inputs=4 filled=2 missing=2 draft=2

# --- submit: the whole set lists what is missing; evidence per part ----------------
before=$(dump c.db)
ko submit --db c.db --period 2030 --agency ubnd-ninh-hai
err_has "còn thiếu phần của ubnd-ninh-hai cho 4\.1"
err_has "ubnd-ninh-hai cho 1\.9 cần ít nhất một tài liệu kiểm chứng"
ko submit --db c.db --period 2030 --agency ubnd-ninh-hai --inputs 1.9,1.10
eq "$(dump c.db)" "$before" "database after refused submissions"
printf 'biên bản\n' >bb.txt
# another district's evidence does not stand for Ninh Hải's
for i in 1.9 1.10; do
	ok evidence add --db c.db --period 2030 --part ubnd-bac-ai \
	    --doc 12/BC-ubnd-bac-ai --file bb.txt "$i"
done
ko submit --db c.db --period 2030 --agency ubnd-ninh-hai --inputs 1.9,1.10
err_has "ubnd-ninh-hai cho 1\.10 cần ít nhất một tài liệu kiểm chứng"
# each district's work list at the province: its own part and evidence
ok worklist --db c.db --period 2030 --agency ubnd-ninh-hai --unit ninh-thuan
grep -A2 "^1\.9 " "$T/out" | grep -q "giá trị: Có — nháp" ||
    fail "Ninh Hải's work list does not show its part of 1.9"
grep -q "BC-ubnd-bac-ai" "$T/out" && fail "Ninh Hải's list shows Bác Ái's evidence"
ok worklist --db c.db --period 2030 --agency ubnd-bac-ai --unit ninh-thuan
grep -q "12/BC-ubnd-bac-ai" "$T/out" || fail "Bác Ái's list lacks its evidence"
for a in $DISTRICTS; do
	[ "$a" = ubnd-bac-ai ] && continue
	for i in 1.9 1.10; do
		ok evidence add --db c.db --period 2030 --part "$a" \
		    --doc "12/BC-$a" --file bb.txt "$i"
	done
done
ok evidence list --db c.db --period 2030 --format csv
eq "$(grep -c ",12/BC-ubnd-ninh-hai,.*,ubnd-ninh-hai$" "$T/out")" 2 \
    "Ninh Hải's evidence items, each of its part"
eq "$(sql c.db "SELECT count(*) FROM evidence WHERE part = 'ubnd-ninh-hai'
    AND agency = 'ubnd-ninh-hai'")" 2 "evidence of a part is its district's"
ok submit --db c.db --period 2030 --agency ubnd-ninh-hai --inputs 1.9,1.10
eq "$(sql c.db "SELECT agency, event, inputs, count, partial FROM submission")" \
    "ubnd-ninh-hai|submit|1.9,1.10|2|1" "Ninh Hải's submission event"
ko value set --db c.db --period 2030 --part ubnd-ninh-hai 1.9 0
err_has "1\.9@ubnd-ninh-hai"
ok status --db c.db --period 2030 --format csv
csv_is "$T/out" agency ubnd-ninh-hai submitted=2 draft=0 missing=2
for a in $DISTRICTS; do
	[ "$a" = ubnd-ninh-hai ] ||
	    ok submit --db c.db --period 2030 --agency "$a" --inputs 1.9,1.10
done

# --- review per member: approve one, return one, approve by input -------------------
ok approve --db c.db --period 2030 --agency ubnd-ninh-hai
eq "$(sql c.db "SELECT part, status FROM value WHERE archived = 0 AND
    input = '1.9' AND part IN ('ubnd-ninh-hai', 'ubnd-bac-ai') ORDER BY part")" \
    "ubnd-bac-ai|submitted
ubnd-ninh-hai|approved" "approve --agency approves that member's parts only"
ok return --db c.db --period 2030 --agency ubnd-bac-ai --inputs 1.9 \
    --comment "Thiếu biên bản nghiệm thu"
ok value list --db c.db --period 2030
grep -q "1\.9@ubnd-bac-ai = 1 (bị trả lại).*nhận xét: Thiếu biên bản" "$T/out" ||
    fail "the returned part with its comment"
ok status --db c.db --period 2030
grep -q "ubnd-bac-ai *1\.9 *Thiếu biên bản nghiệm thu" "$T/out" ||
    fail "dti status shows Bác Ái's returned part under Bác Ái"
eq "$(agg 1.9)" "1|returned|" "the aggregate's status is its least advanced part's"
ok submit --db c.db --period 2030 --agency ubnd-bac-ai --inputs 1.9
ok approve --db c.db --period 2030 --inputs 1.9,1.10
eq "$(agg 1.9)" "1|approved|" "every part approved"
eq "$(score 1.9)" "10.000000 ok" "the official score uses the aggregate"
eq "$(score 1.10)" "5.000000 ok" "1.10: monthly, the worst"
ok status --db c.db --period 2030 --format csv
csv_is "$T/out" agency ubnd-huyen approved=2 missing=2
csv_is "$T/out" agency ubnd-thuan-nam approved=2 missing=2
eq "$(sql c.db "SELECT count(*) FROM submission WHERE event = 'approve'
    AND agency LIKE 'ubnd-%'")" 7 "one approval event per district"
# reopening one part takes the official value away again
ok reopen --db c.db --period 2030 --agency ubnd-ninh-hai --inputs 1.9 \
    --reason "Huyện xin sửa"
eq "$(score 1.9)" "0.000000 missing" "1.9 with a reopened part"

# --- a whole value (a coordinator's) excludes the parts -------------------------------
ok value set --db c.db --period 2030 --user sotttt 4.1 1
ko value set --db c.db --period 2030 --part ubnd-ninh-hai 4.1 1
err_has "4\.1 của đơn vị ninh-thuan đã có giá trị chung = 1"
ok status --db c.db --period 2030 --format csv
csv_is "$T/out" agency ubnd-ninh-hai inputs=3

# --- the audit log names each part's district ---------------------------------------
ok audit --db c.db --period 2030 --input 1.9 --agency ubnd-bac-ai --format csv
grep -q "value.return,value,ninh-thuan/1.9@ubnd-bac-ai" "$T/out" ||
    fail "the audit log of Bác Ái's part"

# --- the demo year keeps its whole values; no district owes a part there ---------------
ok status --db c.db --period 2022-demo --format csv
grep -q "^ubnd-ninh-hai," "$T/out" && fail "a district owes parts of 2022"
ok export --db c.db --period 2022-demo --parts p2022.csv
eq "$(csv_rows p2022.csv)" 0 "no parts in 2022"
exit 0
