# cli_review.sh: the review workflow. Submit lists what is missing and
# submits nothing when incomplete; a chosen subset can be submitted (a
# partial submission, checked for those inputs only); submitted values are
# approved or returned (a comment is required, stored on the value and
# shown by dti value list and dti status until the value is changed); a
# returned value can be sent back unchanged or corrected; approved values
# are locked until reopened with a reason; each submission is recorded
# once with its time and whether it was late, for good; every change is in
# the audit log with who, when, old, new, why and its period, which the
# log can be filtered by.
. "$(dirname "$0")/lib.sh"

start=$(date -u +%Y-%m-%dT%H:%M:%SZ)
newdb r.db
ok period open 2022 --db r.db --user tester
state() { # FIELD=VALUE...: the row of cuc-thong-ke in dti status
	ok status --db r.db --period 2022 --format csv
	cp "$T/out" status.csv
	csv_is status.csv agency cuc-thong-ke "$@"
}
values() { # the current values as unit,input,value,status,comment rows
	ok value list --db r.db --period 2022 --format csv
	"$PY" - "$T/out" <<'EOF'
import csv, sys
for r in csv.DictReader(open(sys.argv[1], encoding='utf-8')):
    print(','.join((r['unit'], r['input'], r['value'], r['status'],
                    r['comment'])))
EOF
}
# on DAY ARGS...: dti ARGS must succeed, with today being DAY
on() {
	DTI_TODAY=$1
	export DTI_TODAY
	shift
	ok "$@"
	unset DTI_TODAY
}

# Cục Thống kê leads A.4, A.5, A.6; only A.4 is entered.
printf 'unit,input,value\nninh-thuan,A.4,595000\n' >a4.csv
ok import --db r.db --period 2022 --user ctk a4.csv
state inputs=3 filled=1 missing=2 draft=1 submitted=0 returned=0 \
    submitted_first= on_time=0 late=1

# --- incomplete: submit names what is missing and submits nothing ------------
before=$(dump r.db)
ko submit --db r.db --period 2022 --agency cuc-thong-ke --user ctk
err_has "A\.5"
err_has "A\.6"
grep -q "A\.4" "$T/err" && fail "submit lists A.4, which is there, as missing"
eq "$(dump r.db)" "$before" "database after an incomplete submit"
state submitted=0 draft=1
# a chosen subset is checked for itself: A.5 has no value
ko submit --db r.db --period 2022 --agency cuc-thong-ke --user ctk \
    --inputs A.4,A.5
err_has "A\.5"
grep -q "A\.6" "$T/err" && fail "a submission of A.4,A.5 names A.6"
# an input of another agency is not cuc-thong-ke's to submit
ko submit --db r.db --period 2022 --agency cuc-thong-ke --user ctk \
    --inputs A.4,3.3.a
err_has "3\.3\.a"
eq "$(dump r.db)" "$before" "database after refused partial submissions"

# --- partial: A.4 alone is sent, the set stays partial ------------------------
ok submit --db r.db --period 2022 --agency cuc-thong-ke --user ctk \
    --inputs A.4
state submitted=1 draft=0 missing=2 on_time=0 late=1
eq "$(sql r.db "SELECT event, inputs, count, partial, by, late
    FROM submission")" "submit|A.4|1|1|ctk|1" "the partial submission's event"
first=$(sql r.db "SELECT at FROM submission")
csv_is status.csv agency cuc-thong-ke submitted_first="$first" \
    submitted_last="$first" approved_at=

# --- complete: submitted; submitted values cannot be edited -----------------------
ok value set --db r.db --period 2022 --agency cuc-thong-ke --user ctk \
    --reason "niên giám 2022" A.5 380000
ok value set --db r.db --period 2022 --agency cuc-thong-ke --user ctk A.6 155000
ok submit --db r.db --period 2022 --agency cuc-thong-ke --user ctk
state submitted=3 missing=0 draft=0 on_time=0 late=1
# the whole set: the two drafts moved, and nothing is partial any more
eq "$(sql r.db "SELECT event, inputs, count, partial, late FROM submission
    ORDER BY id")" "submit|A.4|1|1|1
submit|A.5,A.6|2|0|1" "the submission events"
ko value set --db r.db --period 2022 --user ctk A.4 600000
ko submit --db r.db --period 2022 --agency cuc-thong-ke --user ctk

# --- return needs a comment; it stays with the value until it changes ---------
before=$(dump r.db)
ko return --db r.db --period 2022 --inputs A.5 --user sotttt
err_has "nhận xét"
err_has "[-][-]comment TEXT"
ko return --db r.db --period 2022 --inputs A.5 --user sotttt --comment "   "
eq "$(dump r.db)" "$before" "database after a return without comment"
ok return --db r.db --period 2022 --inputs A.5,A.6 --user sotttt \
    --comment "Sai số liệu: lấy theo niên giám"
state draft=0 submitted=1 returned=2 approved=0
eq "$(values)" "ninh-thuan,A.4,595000,submitted,
ninh-thuan,A.5,380000,returned,Sai số liệu: lấy theo niên giám
ninh-thuan,A.6,155000,returned,Sai số liệu: lấy theo niên giám" \
    "values with the return's comment"
ok status --db r.db --period 2022
grep -q "A\.5 *Sai số liệu: lấy theo niên giám" "$T/out" ||
    fail "dti status does not show A.5's comment"
ok value list --db r.db --period 2022 --status returned
grep -q "A\.6 = 155000 (bị trả lại).*nhận xét: Sai số liệu" "$T/out" ||
    fail "dti value list does not show A.6's comment"
# returned values cannot be approved, nor returned again
ko approve --db r.db --period 2022 --inputs A.5 --user sotttt
ko return --db r.db --period 2022 --inputs A.5 --comment x --user sotttt
# A.6 is sent back unchanged (its evidence was added): the comment stays
ok evidence add --db r.db --period 2022 --user ctk --doc 12/CTK A.6
ok submit --db r.db --period 2022 --agency cuc-thong-ke --inputs A.6 \
    --user ctk
# A.5 is corrected: a new draft version, without the comment
ok value set --db r.db --period 2022 --agency cuc-thong-ke --user ctk \
    --reason "theo niên giám" A.5 381000
eq "$(values)" "ninh-thuan,A.4,595000,submitted,
ninh-thuan,A.5,381000,draft,
ninh-thuan,A.6,155000,submitted,Sai số liệu: lấy theo niên giám" \
    "values after a resubmission and a correction"
eq "$(sql r.db "SELECT raw, status, comment FROM value WHERE input = 'A.5'
    ORDER BY id")" "380000|returned|Sai số liệu: lấy theo niên giám
381000|draft|" "the returned version keeps its comment, archived"
state draft=1 submitted=2 returned=0

# --- approve: approved values are locked ---------------------------------------------
ok approve --db r.db --period 2022 --agency cuc-thong-ke --user sotttt
state approved=2 draft=1 submitted=0 approved_at=
ko approve --db r.db --period 2022 --inputs A.5 --user sotttt # a draft
ok submit --db r.db --period 2022 --agency cuc-thong-ke --user ctk
ok approve --db r.db --period 2022 --inputs A.5 --user sotttt
state approved=3 draft=0 submitted=0 overdue=0 on_time=0 late=1
approved_at=$(sql r.db "SELECT at FROM submission WHERE event = 'approve'
    AND partial = 0")
[ -n "$approved_at" ] || fail "no approval of the whole set recorded"
csv_is status.csv agency cuc-thong-ke approved_at="$approved_at" \
    submitted_first="$first"
# late for good: the first complete submission came after 20/12/2022,
# whatever day it is now
on 2022-01-01 status --db r.db --period 2022 --format csv
cp "$T/out" status.csv
csv_is status.csv agency cuc-thong-ke late=1 on_time=0 overdue=0
before=$(dump r.db)
ko value set --db r.db --period 2022 --user sotttt A.4 600000
err_has "duyệt|approved"
printf 'unit,input,value\nninh-thuan,A.7,66\nninh-thuan,A.4,600000\n' >touch.csv
ko import --db r.db --period 2022 --user sotttt touch.csv
err_has "A\.4"
ko import --db r.db --period 2022 --approve --user sotttt touch.csv
ko return --db r.db --period 2022 --inputs A.4 --user sotttt --comment "x"
ko submit --db r.db --period 2022 --agency cuc-thong-ke --inputs A.4 \
    --user ctk
err_has "A\.4"
eq "$(dump r.db)" "$before" "database after writes to approved values"

# --- reopen needs a reason; reopened values are drafts -------------------------------
ko reopen --db r.db --period 2022 --inputs A.4 --user sotttt
err_has "lý do|reason"
ko reopen --db r.db --period 2022 --inputs A.4 --user sotttt --reason ""
eq "$(dump r.db)" "$before" "database after a reopen without reason"
ok reopen --db r.db --period 2022 --inputs A.4 --user sotttt \
    --reason "Bộ TTTT yêu cầu cập nhật"
state draft=1 approved_at= late=1
ok value set --db r.db --period 2022 --user ctk --reason "cập nhật" A.4 600000
end=$(date -u +%Y-%m-%dT%H:%M:%SZ)

# --- submission events cannot be changed ----------------------------------------------
"$PY" - r.db <<'EOF' || fail "a submission event was changed"
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
n = c.execute("SELECT count(*), sum(late) FROM submission").fetchone()
for sql in ("UPDATE submission SET late = 0",
            "DELETE FROM submission WHERE event = 'submit'"):
    try:
        c.execute(sql)
        c.commit()
        sys.exit("allowed: " + sql)
    except sqlite3.DatabaseError:
        c.rollback()
assert c.execute("SELECT count(*), sum(late) FROM submission").fetchone() == n
EOF

# --- the audit log: who, when, old, new, why of every change -------------------------
ok audit --db r.db --format csv
cp "$T/out" audit.csv
"$PY" - audit.csv "$start" "$end" <<'EOF' || fail "audit log"
import csv, re, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding='utf-8')))
start, end = sys.argv[2], sys.argv[3]
for r in rows:
    assert re.fullmatch(r'\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ', r['at']), r
    assert start <= r['at'] <= end, (start, r['at'], end)
    assert r['actor'], r
    if r['entity'] in ('value', 'evidence', 'period'):
        assert r['period'] == '2022', r
    if r['entity'] == 'value':
        assert (r['unit'], r['agency']) == ('ninh-thuan', 'cuc-thong-ke'), r
        assert r['key'] == 'ninh-thuan/' + r['input'], r
def chain(key):
    return [(r['action'], r['actor'], r['old'], r['new'], r['reason'])
            for r in rows if r['key'] == key]
a5 = chain('ninh-thuan/A.5')
want5 = [
    ('value.set', 'ctk', '', '380000', 'niên giám 2022'),
    ('value.submit', 'ctk', 'draft', 'submitted', ''),
    ('value.return', 'sotttt', 'submitted', 'returned',
     'Sai số liệu: lấy theo niên giám'),
    ('value.set', 'ctk', '380000', '381000', 'theo niên giám'),
    ('value.submit', 'ctk', 'draft', 'submitted', ''),
    ('value.approve', 'sotttt', 'submitted', 'approved', ''),
]
assert a5 == want5, a5
a6 = chain('ninh-thuan/A.6')
assert [x[:4] for x in a6] == [
    ('value.set', 'ctk', '', '155000'),
    ('value.submit', 'ctk', 'draft', 'submitted'),
    ('value.return', 'sotttt', 'submitted', 'returned'),
    ('value.submit', 'ctk', 'returned', 'submitted'),
    ('value.approve', 'sotttt', 'submitted', 'approved')], a6
a4 = chain('ninh-thuan/A.4')
want4 = [
    ('value.set', 'ctk', '', '595000', 'import'),
    ('value.submit', 'ctk', 'draft', 'submitted', ''),
    ('value.approve', 'sotttt', 'submitted', 'approved', ''),
    ('value.reopen', 'sotttt', 'approved', 'draft',
     'Bộ TTTT yêu cầu cập nhật'),
    ('value.set', 'ctk', '595000', '600000', 'cập nhật'),
]
assert a4 == want4, a4
EOF

# the filters: by input, unit, agency, period; each row names its period
ok audit --db r.db --format csv --input A.6
cp "$T/out" a6.csv
eq "$(csv_rows a6.csv)" 6 "audit entries about A.6 (5 changes, 1 evidence)"
"$PY" - a6.csv <<'EOF' || fail "audit --input A.6"
import csv, sys
for r in csv.DictReader(open(sys.argv[1], encoding='utf-8')):
    assert r['input'] == 'A.6' and r['period'] == '2022', r
EOF
ok audit --db r.db --format csv --agency cuc-thong-ke --period 2022 \
    --unit ninh-thuan
eq "$(csv_rows "$T/out")" \
    "$(sql r.db "SELECT count(*) FROM audit WHERE entity = 'value'")" \
    "audit entries of cuc-thong-ke's values"
ok audit --db r.db --format csv --period 2021
eq "$(csv_rows "$T/out")" 0 "audit entries of period 2021"
ok audit --db r.db --format csv --period 2022 --input A.6 --agency so-tttt
eq "$(csv_rows "$T/out")" 0 "audit entries of A.6 by so-tttt"
ok audit --db r.db --period 2022 --input A.4
grep -q " 2022 .*value.reopen .*ninh-thuan/A.4" "$T/out" ||
    fail "the audit list does not name the period"

# nothing is deleted: every version of every value is still in the file
eq "$(sql r.db "SELECT count(*) FROM value WHERE archived = 1")" 2 \
    "archived values (A.5 380000, A.4 595000)"
eq "$(sql r.db "SELECT raw FROM value WHERE archived = 1 ORDER BY id")" \
    "595000
380000" "archived raw values"
eq "$(sql r.db "SELECT count(*) FROM value")" \
    "$(sql r.db "SELECT count(*) FROM audit WHERE action = 'value.set'")" \
    "value rows against value.set entries of the audit log"

# --- on time, for good; a closed, approved period is not overdue --------------------
ok period open 2023 --db r.db --user tester
printf 'unit,input,value\nninh-thuan,A.4,600000\nninh-thuan,A.5,382000\nninh-thuan,A.6,156000\n' >y23.csv
ok import --db r.db --period 2023 --user ctk y23.csv
on 2023-12-19 submit --db r.db --period 2023 --agency cuc-thong-ke --user ctk
on 2023-12-19 status --db r.db --period 2023 --format csv
cp "$T/out" s23.csv
csv_is s23.csv agency cuc-thong-ke on_time=1 late=0 overdue=0 submitted=3
# after the deadline: still on time; the review takes Sở TTTT's time
on 2023-12-21 return --db r.db --period 2023 --inputs A.5 --user sotttt \
    --comment "kiểm tra lại"
on 2023-12-21 status --db r.db --period 2023 --format csv
cp "$T/out" s23.csv
csv_is s23.csv agency cuc-thong-ke on_time=1 late=0 overdue=1 returned=1
on 2023-12-22 submit --db r.db --period 2023 --agency cuc-thong-ke \
    --inputs A.5 --user ctk
on 2023-12-22 approve --db r.db --period 2023 --agency cuc-thong-ke \
    --user sotttt
eq "$(sql r.db "SELECT event, partial, late FROM submission WHERE period =
    (SELECT id FROM period WHERE code = '2023') ORDER BY id")" \
    "submit|0|0
return|1|1
submit|0|1
approve|0|1" "the events of 2023, each as it was recorded"
on 2023-12-23 status --db r.db --period 2023 --format csv
cp "$T/out" s23.csv
csv_is s23.csv agency cuc-thong-ke on_time=1 late=0 overdue=0 approved=3
# the others are overdue in an open period; closed, nobody is
csv_is s23.csv agency so-tttt overdue=1 late=1
ok period close 2023 --db r.db --user tester
on 2023-12-23 status --db r.db --period 2023 --format csv
cp "$T/out" s23.csv
csv_is s23.csv agency so-tttt overdue=0 late=1
csv_is s23.csv agency cuc-thong-ke overdue=0 on_time=1
on 2023-12-23 status --db r.db --period 2023
grep -q "kỳ đã đóng" "$T/out" || fail "dti status of a closed period"
grep -q "QUÁ HẠN" "$T/out" && fail "a closed period shows OVERDUE"
grep -q "Cục Thống kê .* đã duyệt đủ, đúng hạn" "$T/out" ||
    fail "dti status: Cục Thống kê all approved, on time"
# the deadline's own day is late: the plan says "before" it
ok period open 2024 --db r.db --user tester
ok import --db r.db --period 2024 --user ctk y23.csv
on 2024-12-20 submit --db r.db --period 2024 --agency cuc-thong-ke --user ctk
on 2024-12-01 status --db r.db --period 2024 --format csv
cp "$T/out" s24.csv
csv_is s24.csv agency cuc-thong-ke deadline=2024-12-20 late=1 on_time=0
# the times of the human lists are Vietnam's (UTC+7): the submission's
first_vi=$("$PY" -c 'import datetime, sys
t = datetime.datetime.strptime(sys.argv[1], "%Y-%m-%dT%H:%M:%SZ")
print((t + datetime.timedelta(hours=7)).strftime("%d/%m/%Y %H:%M"))' "$first")
ok status --db r.db --period 2022
grep -q "gửi lần đầu $first_vi" "$T/out" ||
    fail "dti status shows the first submission at $first_vi"
# and across a day, a year and a leap day (rows made for this, as a
# stored time is always now)
"$PY" - r.db <<'EOF' || fail "adding audit rows with chosen times"
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
for at in ("2022-12-31T17:30:00Z", "2024-02-28T16:59:00Z",
           "2024-02-28T17:00:00Z"):
    c.execute("INSERT INTO audit (at, actor, action, entity, key, period)"
              " VALUES (?, 'clock', 'test.clock', 'period', '2099', '2099')",
              (at,))
c.commit()
EOF
ok audit --db r.db --period 2099
eq "$(cut -c8-23 "$T/out")" "01/01/2023 00:30
28/02/2024 23:59
29/02/2024 00:00" "audit times in Vietnam time"
exit 0
