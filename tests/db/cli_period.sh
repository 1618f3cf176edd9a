# cli_period.sh: periods and their deadlines (plan 4233, section V); a
# closed period refuses every write with an error and changes nothing.
. "$(dirname "$0")/lib.sh"

newdb p.db

# --- deadlines -----------------------------------------------------------------
ok period open 2022-Q3 --db p.db
ok period open 2022 --db p.db --user tester
ok period open 2023-Q2 --db p.db --agency-due 2023-06-20 --sotttt-due 2023-06-28
ok period open 2023 --db p.db --agency-due 2023-12-01
ok period open 2024-Q1 --db p.db --sotttt-due 2024-03-29
ok period list --db p.db --format csv
cp "$T/out" periods.csv
check_period() { # CODE KIND AGENCY_DUE SOTTTT_DUE
	csv_is periods.csv period "$1" kind="$2" agency_due="$3" \
	    sotttt_due="$4" status=open
}
check_period 2022-Q3 quarter 2022-09-25 2022-09-30
check_period 2022 year 2022-12-20 2022-12-25
check_period 2023-Q2 quarter 2023-06-20 2023-06-28
check_period 2023 year 2023-12-01 2023-12-25
check_period 2024-Q1 quarter 2024-03-25 2024-03-29
eq "$(csv_rows periods.csv)" 5 "periods"

# refused: twice the same period, bad codes, dates that do not exist
before=$(dump p.db)
ko period open 2022 --db p.db
ko period open 2022-Q5 --db p.db
ko period open 22 --db p.db
ko period open 2025 --db p.db --agency-due 2025-02-30
ko period open 2025-Q1 --db p.db --sotttt-due 2025-13-01
eq "$(dump p.db)" "$before" "database after refused period opens"

# --- a period with values in every state, then closed -----------------------------
ok import --db p.db --period 2022 --user nhap "$SP"
# counts (no evidence needed: the methodology asks it for yes/no inputs)
ok submit --db p.db --period 2022 --agency so-tttt --inputs 3.3.a,3.3.b
ok submit --db p.db --period 2022 --agency cuc-thong-ke
ok approve --db p.db --period 2022 --agency cuc-thong-ke
printf '%%PDF-1.4 minh chứng\n' >qd.pdf
ok evidence add --db p.db --period 2022 --doc 12/QĐ --date 2022-11-02 --file qd.pdf 3.3.a
ok period close 2022 --db p.db --user sotttt --reason "đã tổng hợp"
ok period list --db p.db --format csv
eq "$(csv_get "$T/out" period 2022 status)" closed "2022 after close"
before=$(dump p.db)

# every write is refused with an error
ko value set --db p.db --period 2022 A.7 66
err_has "đóng|closed"
ko import --db p.db --period 2022 "$SP"
err_has "đóng|closed"
ko import --db p.db --period 2022 --approve "$SP"
err_has "đóng|closed"
ko submit --db p.db --period 2022 --agency so-noi-vu
err_has "đóng|closed"
ko approve --db p.db --period 2022 --agency so-tttt
err_has "đóng|closed"
ko return --db p.db --period 2022 --agency so-tttt --comment "sai"
err_has "đóng|closed"
ko reopen --db p.db --period 2022 --agency cuc-thong-ke --reason "sai"
err_has "đóng|closed"
ko evidence add --db p.db --period 2022 --doc 13/QĐ --date 2022-11-03 --file qd.pdf 3.3.a
err_has "đóng|closed"
ko evidence add --db p.db --period 2022 --doc 14/QĐ 3.3.b
err_has "đóng|closed"
ko period close 2022 --db p.db
# and nothing changed
eq "$(dump p.db)" "$before" "closed period after refused writes"

# reading still works
ok export --db p.db --period 2022
same_values "$SP" "$T/out"
ok score --db p.db --period 2022

# --- reopening a period needs a reason; then it takes writes again ---------------
ko period reopen 2022 --db p.db
err_has "lý do|reason"
eq "$(dump p.db)" "$before" "closed period after a reopen without reason"
ok period reopen 2022 --db p.db --user sotttt --reason "bổ sung số liệu"
ok value set --db p.db --period 2022 A.7 66
ok audit --db p.db --format csv
"$PY" - "$T/out" <<'EOF' || fail "period close/reopen not in the audit log"
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1], encoding='utf-8'))
        if r['entity'] == 'period' and r['key'] == '2022']
acts = [(r['action'], r['old'], r['new'], r['actor'], r['reason'])
        for r in rows if r['action'] != 'import']
assert acts == [('period.open', '', 'open', 'tester', ''),
                ('period.close', 'open', 'closed', 'sotttt', 'đã tổng hợp'),
                ('period.reopen', 'closed', 'open', 'sotttt',
                 'bổ sung số liệu')], acts
EOF
exit 0
