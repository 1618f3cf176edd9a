# cli_plan.sh: the plan's 40 tasks with lead agencies and due dates,
# overdue against DTI_TODAY, dti task update; the 14 targets with their
# indicators.
. "$(dirname "$0")/lib.sh"

newdb t.db
# on DAY ARGS...: dti ARGS must succeed, with today being DAY
on() {
	DTI_TODAY=$1
	export DTI_TODAY
	shift
	ok "$@"
	unset DTI_TODAY
}

# --- tasks -------------------------------------------------------------------
on 2022-10-31 tasks --db t.db --format csv
cp "$T/out" oct31.csv
eq "$(csv_rows oct31.csv)" 40 "tasks"
eq "$(head -n 1 oct31.csv)" \
    "code,group,text,lead,lead_text,coordinators,due,due_date,status,overdue,indicators,plan,agency_status,agency_note,agency_doc,agencies,notes" \
    "tasks header"
csv_is oct31.csv code B.I.2 lead=so-tttt due=2022-10 due_date=2022-10-31 \
    overdue=0 indicators=1.4 status=not_started
csv_is oct31.csv code B.III.2 lead=so-tttt due=2022-Q4 due_date=2022-12-31 \
    overdue=0
csv_is oct31.csv code B.III.1 coordinators=dn-vien-thong
csv_is oct31.csv code B.I.1 lead=cac-so-nganh,ubnd-huyen
csv_is oct31.csv code A.1 due= due_date= overdue=0
# every task has a lead and every due month has its last day
"$PY" - oct31.csv <<'EOF' || fail "tasks: leads and due dates"
import calendar, csv, re, sys
for r in csv.DictReader(open(sys.argv[1], encoding='utf-8')):
    assert r['lead'], r['code']
    if not r['due']:
        assert r['due_date'] == '', r
        continue
    m = re.fullmatch(r'(\d{4})-(?:Q([1-4])|(\d\d))', r['due'])
    assert m, r['due']
    y = int(m.group(1))
    mo = int(m.group(2)) * 3 if m.group(2) else int(m.group(3))
    want = '%04d-%02d-%02d' % (y, mo, calendar.monthrange(y, mo)[1])
    assert r['due_date'] == want, (r['code'], r['due_date'], want)
EOF

# overdue: the day after the due date, unless done
on 2022-11-01 tasks --db t.db --format csv
cp "$T/out" nov1.csv
csv_is nov1.csv code B.I.2 overdue=1
csv_is nov1.csv code B.III.2 overdue=0
on 2023-01-01 tasks --db t.db --format csv
csv_is "$T/out" code B.III.2 overdue=1
on 2022-12-31 tasks --db t.db --format csv
csv_is "$T/out" code B.III.2 overdue=0
# --overdue lists exactly the overdue ones
n_over=$("$PY" - nov1.csv <<'EOF'
import csv, sys
print(sum(r['overdue'] == '1' for r in csv.DictReader(open(sys.argv[1],
      encoding='utf-8'))))
EOF
)
[ "$n_over" -gt 0 ] || fail "no task overdue on 2022-11-01"
on 2022-11-01 tasks --db t.db --overdue --format csv
eq "$(csv_rows "$T/out")" "$n_over" "tasks --overdue"
on 2022-11-01 tasks --db t.db --agency so-tttt --format csv
"$PY" - "$T/out" <<'EOF' || fail "tasks --agency so-tttt"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding='utf-8')))
# every task it leads or coordinates (directly or through cac-so-nganh)
assert rows and all(r['agency_status'] for r in rows), rows
assert all('so-tttt:' in r['agencies'] for r in rows), rows
codes = [r['code'] for r in rows]
assert 'B.I.2' in codes and 'B.I.1' in codes and 'A.1' in codes, codes
EOF

# --- task update ---------------------------------------------------------------------
ok task update B.I.2 --db t.db --user sotttt --status in_progress \
    --note "đang xây dựng chuyên trang"
on 2022-11-01 tasks --db t.db --format csv
csv_is "$T/out" code B.I.2 status=in_progress overdue=1
ok task update B.I.2 --db t.db --user sotttt --status done --doc "15/BC-STTTT"
on 2022-11-01 tasks --db t.db --format csv
cp "$T/out" done.csv
csv_is done.csv code B.I.2 status=done overdue=0
csv_is done.csv code B.I.3 status=not_started overdue=1
on 2022-11-01 tasks --db t.db --overdue --format csv
eq "$(csv_rows "$T/out")" "$((n_over - 1))" "tasks --overdue after B.I.2 done"
before=$(dump t.db)
ko task update B.I.2 --db t.db --status finished
ko task update NO.SUCH --db t.db --status done
ko task update B.I.2 --db t.db
eq "$(dump t.db)" "$before" "database after refused task updates"
ok audit --db t.db --format csv
"$PY" - "$T/out" <<'EOF' || fail "task updates in the audit log"
import csv, sys
rows = [(r['action'], r['key'], r['actor'], r['old'], r['new'])
        for r in csv.DictReader(open(sys.argv[1], encoding='utf-8'))
        if r['entity'] == 'task']
assert rows == [('task.progress', 'B.I.2', 'sotttt', 'not_started',
                 'in_progress'),
                ('task.progress', 'B.I.2', 'sotttt', 'in_progress',
                 'done')], rows
EOF

# --- targets ---------------------------------------------------------------------------
ok targets --db t.db --format csv
cp "$T/out" targets.csv
eq "$(csv_rows targets.csv)" 14 "targets"
csv_is targets.csv code households-fibre indicator=3.3 measure=3.3.a \
    denominator=3.3.b target=0.7500 unit=percent year=2022
# every target of the plan file, with its indicator
"$PY" - "$SRC/plans/ninh-thuan-4233-2022.yaml" targets.csv <<'EOF' || fail "targets"
import csv, re, sys
text = open(sys.argv[1], encoding='utf-8').read()
part = text[text.index('\ntargets:\n'):]
want = []
for block in re.split(r'\n  - code: ', part)[1:]:
    code = block.split('\n', 1)[0].strip().strip('"')
    ind = re.search(r'\n    indicator: (.*)', block).group(1).strip()
    want.append((code, '' if ind == 'null' else ind.strip('"')))
got = [(r['code'], r['indicator'])
       for r in csv.DictReader(open(sys.argv[2], encoding='utf-8'))]
assert len(want) == 14 and got == want, (got, want)
EOF

# against data: the demo year fills the targets measured by the index
newdb demo.db --demo
ok targets --db demo.db --period 2022-demo --format csv
cp "$T/out" demo-targets.csv
"$PY" - "$SRC/examples/demo-ninh-thuan.csv" demo-targets.csv <<'EOF' || fail "target values"
import csv, sys
vals = {(r[0], r[1]): r[2] for r in csv.reader(open(sys.argv[1],
        encoding='utf-8'))}
rows = {r['code']: r for r in csv.DictReader(open(sys.argv[2],
        encoding='utf-8'))}
a = float(vals[('ninh-thuan', '3.3.a')])
b = float(vals[('ninh-thuan', '3.3.b')])
r = rows['households-fibre']
assert r['period'] == '2022-demo', r
assert abs(float(r['value']) - a / b) < 1e-6, (r['value'], a / b)
EOF
exit 0
