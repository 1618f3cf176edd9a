# cli_plans.sh: plans as data (issue 12). dti init loads Plan 4233; the
# 2023 example loads with dti plan load (a dry run and a refused file
# change nothing; loading a plan again is refused); a task shared by
# several agencies has a status per agency and derives its own; an agency
# sees the tasks of a collective it is in; a period is compared with the
# targets of its own year; a hand-entered target goes through the review
# with evidence.
. "$(dirname "$0")/lib.sh"

P4233="4233/KH-UBND"
P2023="MINH-HOA-2023/KH-UBND"
EX="$SRC/plans/ninh-thuan-2023-example.yaml"

newdb t.db

# --- plans --------------------------------------------------------------------
ok plan list --db t.db --format csv
eq "$(csv_rows "$T/out")" 1 "plans after init"
csv_is "$T/out" code "$P4233" tasks=40 targets=14 year_from=2022 \
    year_to=2022 issued=2022-09-28

before=$(dump t.db)
ok plan load "$EX" --dry-run --db t.db
grep -q "chạy thử" "$T/out" || fail "a dry run says so"
grep -q "12 nhiệm vụ" "$T/out" || fail "a dry run counts the tasks"
eq "$(dump t.db)" "$before" "database after a dry run"

# a plan naming an agency the database does not have: refused, no change
sed 's/lead: \[so-ldtbxh\]/lead: [so-khong-co]/' "$EX" >bad.yaml
ko plan load bad.yaml --db t.db
err_has "bad.yaml:"
err_has "cơ quan 'so-khong-co' không có trong cơ sở dữ liệu"
DTI_LANG=en ko plan load bad.yaml --db t.db
err_has "agency 'so-khong-co' is not in the database"
printf 'plan: {code: X}\n' >broken.yaml
ko plan load broken.yaml --db t.db
err_has "broken.yaml:1:7"
eq "$(dump t.db)" "$before" "database after refused plans"

ok plan load "$EX" --db t.db
ok plan list --db t.db --format csv
eq "$(csv_rows "$T/out")" 2 "plans after loading 2023"
csv_is "$T/out" code "$P2023" tasks=12 targets=12 year_from=2023
# a 2022 period still meets only 2022's targets and links 4233's tasks
newdb d.db --demo
ok whatif --period 2022-demo --targets-met --db d.db
cp "$T/out" wi-before.txt
ok analysis losses --period 2022-demo --format json --db d.db
cp "$T/out" losses-before.json
ok plan load "$EX" --db d.db
ok whatif --period 2022-demo --targets-met --db d.db
cmp -s "$T/out" wi-before.txt ||
	fail "2022 what-if with targets met changed by the 2023 plan"
ok analysis losses --period 2022-demo --format json --db d.db
cmp -s "$T/out" losses-before.json ||
	fail "2022 quick wins' tasks changed by the 2023 plan"
# the same plan again: an error, nothing changes
before=$(dump t.db)
ko plan load "$EX" --db t.db
err_has "đã được nạp"
eq "$(dump t.db)" "$before" "database after loading a plan again"

# --- tasks per agency ---------------------------------------------------------
ok tasks --db t.db --plan "$P4233" --format csv
eq "$(csv_rows "$T/out")" 40 "the 4233 tasks"
ok tasks --db t.db --year 2023 --format csv
eq "$(csv_rows "$T/out")" 12 "the tasks of 2023"

# ubnd-ninh-hai is in ubnd-huyen: it sees the tasks the collective leads
# or coordinates, each with its own status
ok tasks --db t.db --plan "$P4233" --agency ubnd-ninh-hai --format csv
cp "$T/out" nh.csv
"$PY" - nh.csv <<'PYEOF' || fail "tasks --agency ubnd-ninh-hai"
import csv, sys
rows = {r['code']: r for r in csv.DictReader(open(sys.argv[1],
        encoding='utf-8'))}
# led by ubnd-huyen: A.1, B.I.1, B.I.3, B.IV.1; coordinated: B.II.1 ...
for c in ('A.1', 'B.I.1', 'B.I.3', 'B.IV.1', 'B.II.1'):
    assert c in rows, (c, sorted(rows))
assert 'B.I.2' not in rows  # Sở TTTT's alone
assert all(r['agency_status'] == 'not_started' for r in rows.values())
PYEOF

# B.I.3 is in both plans: the code alone is ambiguous
ko task update B.I.3 --db t.db --agency ubnd-ninh-hai --status in_progress
err_has "nhiều kế hoạch"
# an agency that is not on the task
ko task update B.I.3 --plan "$P4233" --db t.db --agency so-y-te \
    --status done
err_has "không chủ trì hay phối hợp"
# a coordinator's status does not move the task's: it derives from leads
ok task update B.I.3 --plan "$P4233" --db t.db --agency so-tttt \
    --status done
ok tasks --db t.db --plan "$P4233" --agency so-tttt --format csv
csv_is "$T/out" code B.I.3 status=not_started agency_status=done

ok task update B.I.3 --plan "$P4233" --db t.db --agency ubnd-ninh-hai \
    --status in_progress --note "đã xây dựng kịch bản" --doc "12/UBND-NH"
ok tasks --db t.db --plan "$P4233" --agency ubnd-ninh-hai --format csv
csv_is "$T/out" code B.I.3 status=in_progress agency_status=in_progress \
    agency_note="đã xây dựng kịch bản" agency_doc=12/UBND-NH
# the others keep theirs
ok tasks --db t.db --plan "$P4233" --agency ubnd-bac-ai --format csv
csv_is "$T/out" code B.I.3 status=in_progress agency_status=not_started \
    agency_note=
# done when every lead is done, not before
ok task update B.I.3 --plan "$P4233" --db t.db --agency ubnd-ninh-hai \
    --status done --note "đã phát sóng"
ok tasks --db t.db --plan "$P4233" --format csv
csv_is "$T/out" code B.I.3 status=in_progress
for d in phan-rang-thap-cham bac-ai ninh-phuoc ninh-son thuan-bac thuan-nam; do
	ok task update B.I.3 --plan "$P4233" --db t.db --agency "ubnd-$d" \
	    --status done
done
ok tasks --db t.db --plan "$P4233" --format csv
cp "$T/out" all.csv
csv_is all.csv code B.I.3 status=done
"$PY" - all.csv <<'PYEOF' || fail "every agency's status and latest note"
import csv, sys
r = [r for r in csv.DictReader(open(sys.argv[1], encoding='utf-8'))
     if r['code'] == 'B.I.3'][0]
ags = dict(a.split(':') for a in r['agencies'].split(';'))
assert ags['ubnd-ninh-hai'] == 'done' and ags['so-tttt'] == 'done', ags
assert len(ags) == 8, ags  # the seven district UBNDs and Sở TTTT
assert 'ubnd-ninh-hai: đã phát sóng [12/UBND-NH]' in r['notes'], r['notes']
PYEOF
# the 2023 B.I.3 is another task: untouched
ok tasks --db t.db --plan "$P2023" --format csv
csv_is "$T/out" code B.I.3 status=not_started due=2023-Q2
# no --agency from the operator (an admin): the task as a whole, every
# lead takes the status; its coordinators keep theirs
ok task update 2023.4 --plan "$P2023" --db t.db --status done \
    --note "cả nhiệm vụ"
ok tasks --db t.db --plan "$P2023" --agency so-tttt --format csv
csv_is "$T/out" code 2023.4 status=done agency_status=not_started
ok tasks --db t.db --plan "$P2023" --agency ubnd-ninh-hai --format csv
csv_is "$T/out" code 2023.4 status=done agency_status=done
# the full history, per agency
ok task show B.I.3 --plan "$P4233" --db t.db --format csv
eq "$(csv_rows "$T/out")" 9 "B.I.3's reports"
csv_is "$T/out" note "đã xây dựng kịch bản" agency=ubnd-ninh-hai \
    status=in_progress doc=12/UBND-NH

# --- targets per year ------------------------------------------------------------
ok period open --db t.db 2023
ok targets --db t.db --period 2023
grep -q "^Chỉ tiêu năm 2023 (Kế hoạch $P2023)" "$T/out" ||
	fail "targets --period 2023 says which year and plan: $(head -n 1 "$T/out")"
ok targets --db t.db --period 2023 --format csv
cp "$T/out" t2023.csv
eq "$(csv_rows t2023.csv)" 12 "the targets of 2023"
"$PY" - t2023.csv <<'PYEOF' || fail "2023 targets only"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding='utf-8')))
assert all(r['year'] == '2023' and r['plan'] == 'MINH-HOA-2023/KH-UBND'
           for r in rows), rows
PYEOF
csv_is t2023.csv code households-fibre target=0.8000 period=2023
ok period open --db t.db 2024
ok targets --db t.db --period 2024
grep -q "Không có chỉ tiêu nào cho năm 2024" "$T/out" ||
	fail "a year without targets says so: $(cat "$T/out")"
DTI_LANG=en ok targets --db t.db --period 2024
grep -q "No target for year 2024" "$T/out" || fail "in English too"

# --- a hand-entered target through its review ------------------------------------
printf 'báo cáo hóa đơn điện tử 2023\n' >hd.txt
ko target set e-invoices --db t.db --value 0.9
err_has "nhiều kế hoạch"
ko target set households-fibre --plan "$P2023" --db t.db --value 0.9
err_has "không nhập tay"
ko target submit e-invoices --plan "$P2023" --db t.db
err_has "chưa có giá trị"
ok target set e-invoices --plan "$P2023" --db t.db --value 0.92 \
    --doc "55/CT-TTHT" --note "theo hệ thống hóa đơn" --file hd.txt
ok target submit e-invoices --plan "$P2023" --db t.db
before=$(dump t.db)
ko target set e-invoices --plan "$P2023" --db t.db --value 0.5
err_has "không sửa được"
ko target return e-invoices --plan "$P2023" --db t.db
err_has "cần ý kiến"
eq "$(dump t.db)" "$before" "database after refused target steps"
ok target return e-invoices --plan "$P2023" --db t.db \
    --comment "thiếu số liệu tháng 12"
ok target submit e-invoices --plan "$P2023" --db t.db
ok targets --db t.db --period 2023 --format csv
csv_is "$T/out" code e-invoices review=submitted value= entry=manual \
    agency=cuc-thue
ok targets --db t.db --period 2023 --include-drafts --format csv
csv_is "$T/out" code e-invoices review=submitted value=0.920000
ok target approve e-invoices --plan "$P2023" --db t.db
ok targets --db t.db --period 2023 --format csv
csv_is "$T/out" code e-invoices review=approved value=0.920000 \
    progress=0.9200 state=not_met
ok target history e-invoices --plan "$P2023" --db t.db --format csv
cp "$T/out" hist.csv
"$PY" - hist.csv "$(sha hd.txt)" <<'PYEOF' || fail "the target's history"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding='utf-8')))
assert [r['status'] for r in rows] == ['draft', 'submitted', 'returned',
                                       'submitted', 'approved'], rows
assert [r['current'] for r in rows] == ['0'] * 4 + ['1'], rows
assert rows[2]['comment'] == 'thiếu số liệu tháng 12', rows[2]
assert all(r['file_sha256'] == sys.argv[2] for r in rows), rows
assert all(r['doc'] == '55/CT-TTHT' for r in rows), rows
PYEOF
eq "$(sql t.db "SELECT count(*) FROM file WHERE sha256 = '$(sha hd.txt)'")" \
    1 "the evidence in the file store"
ok audit --db t.db --format csv
"$PY" - "$T/out" <<'PYEOF' || fail "target steps in the audit log"
import csv, sys
rows = [(r['action'], r['key'], r['old'], r['new'])
        for r in csv.DictReader(open(sys.argv[1], encoding='utf-8'))
        if r['entity'] == 'target']
assert rows == [('target.set', 'e-invoices', '', 'draft'),
                ('target.submit', 'e-invoices', 'draft', 'submitted'),
                ('target.return', 'e-invoices', 'submitted', 'returned'),
                ('target.submit', 'e-invoices', 'returned', 'submitted'),
                ('target.approve', 'e-invoices', 'submitted', 'approved')], rows
PYEOF
# reopened: a draft again, then a new value
ok target reopen e-invoices --plan "$P2023" --db t.db
ok target set e-invoices --plan "$P2023" --db t.db --value 1
ok targets --db t.db --period 2023 --include-drafts --format csv
csv_is "$T/out" code e-invoices review=draft state=met
exit 0
