# cli_review.sh: the review workflow. Submit lists what is missing and
# submits nothing when incomplete; submitted values are approved or returned
# (a comment is required); returned values go back to draft; approved
# values are locked until reopened with a reason; every change is in the
# audit log with who, when, old, new and why.
. "$(dirname "$0")/lib.sh"

start=$(date -u +%Y-%m-%dT%H:%M:%SZ)
newdb r.db
ok period open 2022 --db r.db --user tester
state() { # FIELD=VALUE...: the row of cuc-thong-ke in dti status
	ok status --db r.db --period 2022 --format csv
	cp "$T/out" status.csv
	csv_is status.csv agency cuc-thong-ke "$@"
}

# Cục Thống kê leads A.4, A.5, A.6; only A.4 is entered.
printf 'unit,input,value\nninh-thuan,A.4,595000\n' >a4.csv
ok import --db r.db --period 2022 --user ctk a4.csv
state inputs=3 filled=1 missing=2 draft=1 submitted=0

# --- incomplete: submit names what is missing and submits nothing ------------
before=$(dump r.db)
ko submit --db r.db --period 2022 --agency cuc-thong-ke --user ctk
err_has "A\.5"
err_has "A\.6"
grep -q "A\.4" "$T/err" && fail "submit lists A.4, which is there, as missing"
eq "$(dump r.db)" "$before" "database after an incomplete submit"
state submitted=0 draft=1

# --- complete: submitted; submitted values cannot be edited -----------------------
ok value set --db r.db --period 2022 --agency cuc-thong-ke --user ctk \
    --reason "niên giám 2022" A.5 380000
ok value set --db r.db --period 2022 --agency cuc-thong-ke --user ctk A.6 155000
ok submit --db r.db --period 2022 --agency cuc-thong-ke --user ctk
state submitted=3 missing=0 draft=0
ko value set --db r.db --period 2022 --user ctk A.4 600000
ko submit --db r.db --period 2022 --agency cuc-thong-ke --user ctk

# --- return needs a comment; returned values are drafts again ------------------------
before=$(dump r.db)
ko return --db r.db --period 2022 --inputs A.5 --user sotttt
err_has "nhận xét|comment"
ko return --db r.db --period 2022 --inputs A.5 --user sotttt --comment "   "
eq "$(dump r.db)" "$before" "database after a return without comment"
ok return --db r.db --period 2022 --inputs A.5 --user sotttt \
    --comment "Sai số liệu: lấy theo niên giám"
state draft=1 submitted=2 approved=0
ok value set --db r.db --period 2022 --agency cuc-thong-ke --user ctk \
    --reason "theo niên giám" A.5 381000

# --- approve: approved values are locked ---------------------------------------------
ok approve --db r.db --period 2022 --agency cuc-thong-ke --user sotttt
state approved=2 draft=1 submitted=0
ko approve --db r.db --period 2022 --inputs A.5 --user sotttt # a draft
ok submit --db r.db --period 2022 --agency cuc-thong-ke --user ctk
ok approve --db r.db --period 2022 --inputs A.5 --user sotttt
state approved=3 draft=0 submitted=0
before=$(dump r.db)
ko value set --db r.db --period 2022 --user sotttt A.4 600000
err_has "duyệt|approved"
printf 'unit,input,value\nninh-thuan,A.7,66\nninh-thuan,A.4,600000\n' >touch.csv
ko import --db r.db --period 2022 --user sotttt touch.csv
err_has "A\.4"
ko import --db r.db --period 2022 --approve --user sotttt touch.csv
ko return --db r.db --period 2022 --inputs A.4 --user sotttt --comment "x"
eq "$(dump r.db)" "$before" "database after writes to approved values"

# --- reopen needs a reason; reopened values are drafts -------------------------------
ko reopen --db r.db --period 2022 --inputs A.4 --user sotttt
err_has "lý do|reason"
ko reopen --db r.db --period 2022 --inputs A.4 --user sotttt --reason ""
eq "$(dump r.db)" "$before" "database after a reopen without reason"
ok reopen --db r.db --period 2022 --inputs A.4 --user sotttt \
    --reason "Bộ TTTT yêu cầu cập nhật"
state draft=1
ok value set --db r.db --period 2022 --user ctk --reason "cập nhật" A.4 600000
end=$(date -u +%Y-%m-%dT%H:%M:%SZ)

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
def chain(key):
    return [(r['action'], r['actor'], r['old'], r['new'], r['reason'])
            for r in rows if r['key'] == key]
a5 = chain('ninh-thuan/A.5')
want5 = [
    ('value.set', 'ctk', '', '380000', 'niên giám 2022'),
    ('value.submit', 'ctk', 'draft', 'submitted', ''),
    ('value.return', 'sotttt', 'submitted', 'draft',
     'Sai số liệu: lấy theo niên giám'),
    ('value.set', 'ctk', '380000', '381000', 'theo niên giám'),
    ('value.submit', 'ctk', 'draft', 'submitted', ''),
    ('value.approve', 'sotttt', 'submitted', 'approved', ''),
]
assert a5 == want5, a5
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

# nothing is deleted: every version of every value is still in the file
eq "$(sql r.db "SELECT count(*) FROM value WHERE archived = 1")" 2 \
    "archived values (A.5 380000, A.4 595000)"
eq "$(sql r.db "SELECT raw FROM value WHERE archived = 1 ORDER BY id")" \
    "595000
380000" "archived raw values"
eq "$(sql r.db "SELECT count(*) FROM value")" \
    "$(sql r.db "SELECT count(*) FROM audit WHERE action = 'value.set'")" \
    "value rows against value.set entries of the audit log"
exit 0
