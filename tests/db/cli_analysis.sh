# cli_analysis.sh: issue 11's analyses from the command line on the demo
# database and the published results (data/results): the year on year
# phrase of Ninh Thuận 2021 -> 2022, points lost and quick wins, what-if
# (nothing written), sensitivity, recorded results, and a lone province's
# Min-Max indicators scored 0 without reference bounds, then against them.
. "$(dirname "$0")/lib.sh"

RES=$SRC/data/results
ok init --demo --db t.db
for f in dti-2022-provincial-rank.csv \
    dti-2022-provincial-main-indices-top5.csv \
    dti-provincial-pillars-selected.csv dti-summary-by-year.csv; do
	ok results import "$RES/$f" --db t.db
done
eq "$(sql t.db "SELECT count(*) FROM result WHERE year = 2022")" 64 \
    "2022 results (63 provinces, the average, no duplicates)"
eq "$(sql t.db "SELECT idx, rank, cqs, cqs_rank FROM result
    WHERE year = 2022 AND province = 'Ninh Thuận'")" "0.5934|27|0.6787|24" \
    "Ninh Thuận 2022 merged from two files"
eq "$(sql t.db "SELECT g1, idx FROM result
    WHERE year = 2022 AND province = 'TP. Đà Nẵng'")" "1.0|0.8002" \
    "Đà Nẵng's main indicators"

# a bad file changes nothing and says where
printf 'rank,province\n1,A\nx,B\n' >bad-2022.csv
n=$(sql t.db "SELECT count(*) FROM result")
ko results import bad-2022.csv --db t.db
err_has 'bad-2022.csv:3'
err_has 'rank'
eq "$(sql t.db "SELECT count(*) FROM result")" "$n" "rows after a bad file"
printf 'rank,province\n1,A\n' >norank.csv
ko results import norank.csv --db t.db
err_has 'year'

ok results list --year 2021 --db t.db
grep -q '53  Ninh Thuận .*0,3048 .*0,3512' "$T/out" ||
	fail "dti results list: $(cat "$T/out")"

# year on year: the plan's phrase
ok analysis trend --period 2022-demo --db t.db
grep -q 'đạt 0,5934, tăng 94,7 % so với năm 2021, xếp thứ 27/63, tăng 26 bậc' \
    "$T/out" || fail "trend: $(cat "$T/out")"
grep -q 'Chính quyền số (CQS): đạt 0,6787, tăng 93,3 % so với năm 2021, xếp thứ 24/63, tăng 23 bậc' \
    "$T/out" || fail "trend CQS: $(cat "$T/out")"
DTI_LANG=en run analysis trend --period 2022-demo --db t.db
grep -q 'INDEX: 0.5934, up 94.7 % on 2021, ranked 27/63, up 26 places' \
    "$T/out" || fail "trend en: $(cat "$T/out")"
ok analysis trend --period 2022-demo --format json --db t.db
"$PY" - "$T/out" <<'PYEOF' || fail "trend json"
import json, sys
j = json.load(open(sys.argv[1]))
i = [l for l in j["lines"] if l["code"] == "INDEX"][0]
assert (i["now"], i["previous"], i["rank"], i["previous_rank"], i["of"]) == \
    (0.5934, 0.3048, 27, 53, 63), i
assert abs(i["growth_percent"] - 94.685) < 0.01, i
PYEOF

# points lost and quick wins
ok analysis losses --period 2022-demo --db t.db
grep -q 'tổng điểm 536,00 / 1.000' "$T/out" || fail "losses: $(cat "$T/out")"
grep -q '+15,00 điểm  3.5.gov_cloud: 0 -> 1  cơ quan: so-tttt  nhiệm vụ: B.III.2' \
    "$T/out" || fail "quick win 3.5: $(cat "$T/out")"
ok analysis losses --period 2022-demo --format json --db t.db
"$PY" - "$T/out" <<'PYEOF' || fail "losses json"
import json, sys
j = json.load(open(sys.argv[1]))
assert j["indicators"][0]["code"] == "3.5" and j["indicators"][0]["lost"] == 22.5
lost = {a["code"]: a["lost"] for a in j["agencies"]}
assert abs(lost["so-noi-vu"] - 10) < 1e-6, lost
# the groups' losses add up to what the total lost
assert abs(sum(g["lost"] for g in j["groups"]) - (1000 - j["total"])) < 1e-6
assert [p["code"] for p in j["pillars"]] == ["KTS", "CQS", "XHS"]
w = {q["input"]: q for q in j["quick_wins"]}
assert w["2.6"]["points"] == 10 and w["2.6"]["tasks"] == "B.II.2", w["2.6"]
PYEOF

# what-if: new scores beside the current ones, nothing written
dump t.db >before.sql
ok whatif --period 2022-demo 2.6=1 7.2.a=1.200 --number-format vi --db t.db
grep -q 'chỉ số DTI 0,5360 -> 0,5655' "$T/out" || fail "whatif: $(cat "$T/out")"
grep -q '^  2.6  *0,00  *10,00  *10,00$' "$T/out" || fail "whatif 2.6: $(cat "$T/out")"
grep -q 'hạng hiện nay (ước tính): 26..63/63, nhóm dưới khá, còn cách nhóm khá 0,0431' \
    "$T/out" || fail "whatif place: $(cat "$T/out")"
grep -q 'hạng giả định: 26..63/63, nhóm dưới khá, còn cách nhóm khá 0,0136' "$T/out" ||
	fail "whatif place after: $(cat "$T/out")"
ok whatif --period 2022-demo --targets-met --format json --db t.db
"$PY" - "$T/out" <<'PYEOF' || fail "targets met json"
import json, sys
j = json.load(open(sys.argv[1]))
c = {x["code"]: x for x in j["scores"]}
# 3.1: 412.000 of 600.000 adults (6,87) -> the target 85 % -> 8,5
assert abs(c["3.1"]["after"] - 8.5) < 1e-6, c["3.1"]
assert j["index_after"] > j["index_before"]
PYEOF
ko whatif --period 2022-demo 9.9.z=1 --db t.db
err_has "9.9.z"
ko whatif --period 2022-demo 5.1=abc --db t.db
err_has "5.1"
ko whatif --period 2022-demo 5.1 --db t.db
dump t.db >after.sql
cmp -s before.sql after.sql || fail "dti whatif changed the database"

# sensitivity: each indicator's next step, most points per effort first
ok analysis sensitivity --period 2022-demo --format json --db t.db
"$PY" - "$T/out" <<'PYEOF' || fail "sensitivity json"
import json, sys
j = json.load(open(sys.argv[1]))
s = j["steps"]
assert len(s) > 10
assert all(a["points_per_effort"] >= b["points_per_effort"] for a, b in zip(s, s[1:]))
st = {x["indicator"]: x for x in s}
# 1.5: 14 articles; the next tier is 20 (+5 points), effort (20 - 14) / 14
assert (st["1.5"]["to"], st["1.5"]["points"], st["1.5"]["effort"]) == \
    (20, 5, 0.428571), st["1.5"]
assert st["3.5"]["input"] == "3.5.gov_cloud" and st["3.5"]["points"] == 15
assert j["place"]["rank"] == 26 and j["place"]["of"] == 63
PYEOF

# a lone province: no Min-Max points without bounds, then against them
ok init --db l.db
ok period open 2023 --db l.db
ok export --period 2022-demo --db t.db
grep -v '^tinh-doi-chieu' "$T/out" >nt.csv
ok import --period 2023 --approve --no-consistency nt.csv --db l.db
ok score --period 2023 --db l.db
grep -q '^ninh-thuan,8.6,0.000000,20,no_bounds$' "$T/out" ||
	fail "lone 8.6: $(grep ',8.6,' "$T/out")"
grep -q '^ninh-thuan,5.1,0.000000,10,no_bounds$' "$T/out" ||
	fail "lone 5.1: $(grep ',5.1,' "$T/out")"
err_has 'chỉ số 8.6: không có đơn vị hay giới hạn tham chiếu'
ko bounds set --period 2023 8.6 9 1 --db l.db
err_has 'giới hạn dưới 9 lớn hơn giới hạn trên 1'
ko bounds set --period 2023 1.1 0 1 --db l.db
err_has "'1.1'"
ko bounds set --period 2023 8.6 1 x --db l.db
ok bounds set --period 2023 8.6 1 9 --source "giả định" --db l.db
ok bounds list --period 2023 --db l.db
grep -q '^8.6 .*1,0000 .*9,0000  giả định$' "$T/out" || fail "bounds list: $(cat "$T/out")"
ok score --period 2023 --db l.db
# (3,5 - 1) / (9 - 1) x 20 = 6,25
grep -q '^ninh-thuan,8.6,6.250000,20,ok$' "$T/out" ||
	fail "bounded 8.6: $(grep ',8.6,' "$T/out")"
eq "$(sql l.db "SELECT action, key, new FROM audit WHERE action = 'bound.set'")" \
    "bound.set|8.6|1..9" "the audit row of bounds"
exit 0
