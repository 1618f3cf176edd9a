# cli_score.sh: dti score --period P on approved values is byte for byte
# dti score FILE after dti import --approve of that file; drafts are left
# out unless --include-drafts.
. "$(dirname "$0")/lib.sh"

# --- every round: the approved values of a period score like the file ---------
i=0
for round in "$ILL" "$SRC"/tests/golden/data/*.round.csv; do
	i=$((i + 1))
	newdb "s$i.db"
	ok period open 2022 --db "s$i.db"
	# the golden rounds are scoring fixtures, invented to reach each
	# rule's thresholds: some break the consistency rules between inputs
	ok import --add-units --no-consistency --db "s$i.db" --period 2022 \
	    --approve "$round"
	for opts in "" "--explain" "--format json" "--format json --explain"; do
		# shellcheck disable=SC2086
		ok score $opts "$round"
		cp "$T/out" file.out
		cp "$T/err" file.err
		# shellcheck disable=SC2086
		ok score $opts --db "s$i.db" --period 2022
		cmp -s "$T/out" file.out ||
		    fail "score $opts --period differs from score FILE for $round"
		cmp -s "$T/err" file.err ||
		    fail "warnings of score $opts --period differ for $round"
	done
done
[ "$i" -ge 4 ] || fail "only $i rounds found"

# --- drafts: ignored by default, included with --include-drafts --------------------
# cross_units: the first unit approved, the other four drafts. Relative
# rules compare units, so the scores depend on which units are in.
CU=$SRC/tests/golden/data/cross_units.round.csv
"$PY" - "$CU" first.csv rest.csv <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding='utf-8', newline='')))
first = rows[1][0]
out1 = csv.writer(open(sys.argv[2], 'w', encoding='utf-8', newline=''),
                  lineterminator='\n')
out2 = csv.writer(open(sys.argv[3], 'w', encoding='utf-8', newline=''),
                  lineterminator='\n')
out1.writerow(rows[0][:3])
out2.writerow(rows[0][:3])
for r in rows[1:]:
    (out1 if r[0] == first else out2).writerow(r[:3])
EOF
newdb d.db
ok period open 2022 --db d.db
ok import --add-units --db d.db --period 2022 --approve first.csv
ok import --add-units --no-consistency --db d.db --period 2022 rest.csv
ok score first.csv
cp "$T/out" first.score
ok score --db d.db --period 2022
cmp -s "$T/out" first.score || fail "score --period counts drafts"
ok score "$CU"
cp "$T/out" all.score
ok score --db d.db --period 2022 --include-drafts
cmp -s "$T/out" all.score || fail "score --period --include-drafts leaves drafts out"
cmp -s first.score all.score && fail "the two rounds score the same: the test proves nothing"

# a period of drafts only scores nothing by default
ok period open 2023 --db d.db
ok import --add-units --db d.db --period 2023 "$SP"
ok score --db d.db --period 2023
eq "$(cat "$T/out")" "unit,code,score,max,status" "scores of a period of drafts"
ok score --db d.db --period 2023 --include-drafts
cp "$T/out" drafts.score
ok score "$SP"
cmp -s "$T/out" drafts.score || fail "--include-drafts differs from the file"

# a value changed after import is scored with its new value
ok value set --db d.db --period 2023 3.3.a 1000
ok score --db d.db --period 2023 --include-drafts
grep -q '^ninh-thuan,3.3,' "$T/out" || fail "no 3.3 row"
"$PY" - "$SP" changed.csv <<'EOF'
import sys
lines = open(sys.argv[1], encoding='utf-8').read().split('\n')
lines = [('ninh-thuan,3.3.a,1000,' if l.startswith('ninh-thuan,3.3.a,') else l)
         for l in lines]
open(sys.argv[2], 'w', encoding='utf-8').write('\n'.join(lines))
EOF
cp "$T/out" changed.score
ok score changed.csv
cmp -s "$T/out" changed.score || fail "score after value set differs from the changed file"
exit 0
