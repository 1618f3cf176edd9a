# cli_dates.sh: dates as people type them (dd/mm/yyyy or YYYY-MM-DD, real
# dates only), stored and exported ISO, shown dd/mm/yyyy; "today" is the
# day in Vietnam (UTC+7): a deadline ends at midnight in Hà Nội, 17:00 UTC;
# stored times (UTC) shown in Vietnam's time.
. "$(dirname "$0")/lib.sh"

newdb d.db

# --- deadlines typed either way, stored ISO ------------------------------
ok period open 2023 --db d.db --agency-due 20/12/2023 --sotttt-due 2023-12-27
ok period open 2023-Q1 --db d.db --agency-due 1/3/2023
ok period open 2024-Q1 --db d.db --sotttt-due 29/02/2024
ok period list --db d.db --format csv
cp "$T/out" periods.csv
csv_is periods.csv period 2023 agency_due=2023-12-20 sotttt_due=2023-12-27
csv_is periods.csv period 2023-Q1 agency_due=2023-03-01
csv_is periods.csv period 2024-Q1 sotttt_due=2024-02-29
# people read them dd/mm/yyyy; no ISO date in the table
ok period list --db d.db
grep -q '^2023 .*20/12/2023.*27/12/2023' "$T/out" || fail "period list: $(cat "$T/out")"
grep -q '[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]' "$T/out" && fail "an ISO date in: $(cat "$T/out")"

# refused, naming the value and the forms; nothing made
before=$(dump d.db)
for bad in 31/11/2025 29/02/2025 2025-12-1 20/12/25 "20/12/2025 " \
    2025/12/20 12-20-2025 0/12/2025 20/12/3025; do
	ko period open 2025 --db d.db --agency-due "$bad"
	err_has "dd/mm/yyyy"
	grep -q -F -e "'$bad'" "$T/err" || fail "the message names '$bad': $(cat "$T/err")"
done
ko period open 2025 --db d.db --sotttt-due 30/02/2025
eq "$(dump d.db)" "$before" "database after refused deadlines"

# --- today is Vietnam's day: it begins at 17:00 UTC the day before --------
unset DTI_TODAY DTI_NOW
days_left() { # DTI_NOW: the days to 2023's agency deadline (20/12/2023)
	DTI_NOW=$1 ok status --db d.db --period 2023 --format csv
	csv_get "$T/out" agency so-tttt days_left
}
eq "$(days_left 2023-12-18T16:59:59Z)" 2 "days left at 23:59:59 on 18/12 in Hà Nội"
eq "$(days_left 2023-12-18T17:00:00Z)" 1 "days left at 00:00 on 19/12 in Hà Nội"
eq "$(days_left 2023-12-19T23:30:00Z)" 0 "days left at 06:30 on 20/12 in Hà Nội"
eq "$(DTI_TODAY=19/12/2023 DTI_NOW=2023-12-01T00:00:00Z days_left \
    2023-12-01T00:00:00Z)" 1 "DTI_TODAY wins over DTI_NOW"
overdue() { # DTI_NOW: the number of overdue tasks
	DTI_NOW=$1 ok tasks --db d.db --overdue --format csv
	csv_rows "$T/out"
}
# tasks due 30/09/2022 (2) and 31/10/2022 (5): the latter are overdue from
# 00:00 on 01/11 in Hà Nội, 17:00 UTC on 31/10
eq "$(overdue 2022-10-31T16:59:59Z)" 2 "overdue tasks on 31/10 in Hà Nội"
eq "$(overdue 2022-10-31T17:00:00Z)" 7 "overdue tasks on 01/11 in Hà Nội"
DTI_NOW=2022-10-31T17:00:00Z ok tasks --db d.db --overdue
grep -q '31/10/2022' "$T/out" || fail "tasks show their due date dd/mm/yyyy"
grep -q '2022-10-31' "$T/out" && fail "an ISO date in: $(cat "$T/out")"

# --- stored times (UTC) shown in Vietnam's time ----------------------------
ok audit --db d.db --format csv
cp "$T/out" audit.csv
ok audit --db d.db
cp "$T/out" audit.txt
"$PY" - audit.csv audit.txt <<'EOF' || fail "audit times"
import csv, datetime, re, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding='utf-8')))
text = open(sys.argv[2], encoding='utf-8').read().splitlines()
assert rows and len(rows) == len(text), (len(rows), len(text))
for r, line in zip(rows, text):
    # the CSV keeps the stored ISO 8601 UTC time
    assert re.match(r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$', r['at']), r
    at = datetime.datetime.strptime(r['at'], '%Y-%m-%dT%H:%M:%SZ')
    vn = (at + datetime.timedelta(hours=7)).strftime('%d/%m/%Y %H:%M')
    assert line.split()[0] == r['id'] and ' %s ' % vn in line, (line, vn)
    assert r['at'] not in line, line
EOF
exit 0
