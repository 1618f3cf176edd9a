# rel_concurrent.sh: two processes writing at once both succeed, or one
# gets a clear "busy" error and a non-zero exit; the database stays
# consistent. A writer that holds the database longer than the busy
# timeout makes dti fail with that error and change nothing, while readers
# go on.
. "$(dirname "$0")/lib.sh"

"$PY" - "$SP" mid.csv <<'EOF'
import csv, sys
rows = [r[:3] for r in csv.reader(open(sys.argv[1], encoding='utf-8',
        newline=''))][1:]
with open(sys.argv[2], 'w', encoding='utf-8', newline='') as f:
    w = csv.writer(f, lineterminator='\n')
    w.writerow(['unit', 'input', 'value'])
    for u in range(25):
        for unit, inp, val in rows:
            w.writerow(['u%02d' % u, inp, val])
EOF
n_mid=$(csv_rows mid.csv)
newdb c.db
for p in 2021 2022 2023 2024 2027; do
	ok period open "$p" --db c.db
done

# check_import N PERIOD EXIT ERRFILE: the outcome of one of the writers
check_import() {
	if [ "$3" -eq 0 ]; then
		return 0
	fi
	grep -q -i -E "bận|busy" "$4" || {
		cat "$4" >&2
		fail "writer $1 into $2 failed (exit $3) without saying the database is busy"
	}
	echo "writer $1 into $2: busy (exit $3)"
}
# count PERIOD: current values of a period
count() {
	ok export --db c.db --period "$1"
	echo $(($(wc -l <"$T/out") - 1))
}

# --- two imports at once into two periods, twice ----------------------------------
for pair in "2021 2022" "2023 2024"; do
	set -- $pair
	"$DTI" import --add-units --db c.db --period "$1" --user a mid.csv >a.out 2>a.err </dev/null &
	pa=$!
	"$DTI" import --add-units --db c.db --period "$2" --user b mid.csv >b.out 2>b.err </dev/null &
	pb=$!
	wait "$pa"
	sa=$?
	wait "$pb"
	sb=$?
	check_import a "$1" "$sa" a.err
	check_import b "$2" "$sb" b.err
	for x in "$1:$sa" "$2:$sb"; do
		p=${x%%:*}
		s=${x#*:}
		n=$(count "$p")
		if [ "$s" -eq 0 ]; then
			eq "$n" "$n_mid" "values of $p after a successful import"
			same_values mid.csv "$T/out"
		else
			eq "$n" 0 "values of $p after a busy import"
		fi
	done
done

# --- two imports at once into the same period --------------------------------
"$DTI" import --add-units --db c.db --period 2027 --user a mid.csv >a.out 2>a.err </dev/null &
pa=$!
"$DTI" import --add-units --db c.db --period 2027 --user b mid.csv >b.out 2>b.err </dev/null &
pb=$!
wait "$pa"
sa=$?
wait "$pb"
sb=$?
check_import a 2027 "$sa" a.err
check_import b 2027 "$sb" b.err
wins=$(((sa == 0) + (sb == 0)))
n=$(count 2027)
if [ "$wins" -gt 0 ]; then
	same_values mid.csv "$T/out"
else
	eq "$n" 0 "values of 2027 when both imports were busy"
fi
eq "$(sql c.db "SELECT count(*) FROM value v JOIN period p ON p.id = v.period
    WHERE p.code = '2027'")" "$((wins * n_mid))" "value rows of 2027"
eq "$(sql c.db "SELECT count(*) FROM value v JOIN period p ON p.id = v.period
    WHERE p.code = '2027' AND archived = 0")" "$n" "current values of 2027"
eq "$(sql c.db "SELECT count(*) FROM audit WHERE action = 'import' AND
    key = '2027'")" "$wins" "import entries of 2027"
eq "$(sql c.db "SELECT count(*) FROM value")" \
    "$(sql c.db "SELECT count(*) FROM audit WHERE action = 'value.set'")" \
    "value rows against value.set entries"
eq "$(sql c.db 'PRAGMA integrity_check')" ok "integrity after concurrent writers"

# --- a writer that does not let go: busy, a clear error, nothing changed -----------
ok period open 2028 --db c.db
state() {
	sql c.db "SELECT (SELECT count(*) FROM value), (SELECT count(*) FROM audit),
	    (SELECT max(id) FROM audit), (SELECT count(*) FROM unit),
	    (SELECT count(*) FROM period)"
}
before=$(state)
rm -f locked release
"$PY" - c.db locked release <<'EOF' &
import os, sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute('BEGIN IMMEDIATE')
open(sys.argv[2], 'w').close()
t = time.time()
while not os.path.exists(sys.argv[3]) and time.time() - t < 60:
    time.sleep(0.05)
c.execute('ROLLBACK')
c.close()
EOF
holder=$!
waited=0
while [ ! -f locked ] && [ "$waited" -lt 200 ]; do
	sleep 0.05
	waited=$((waited + 1))
done
[ -f locked ] || fail "the lock holder did not start"
# readers go on while a writer holds the database
ok export --db c.db --period 2027
same_values mid.csv "$T/out"
ok status --db c.db --period 2027 --format csv
# writers give up after the busy timeout, saying why
run import --add-units --db c.db --period 2028 mid.csv
[ "$rc" -ne 0 ] || fail "import succeeded while another process held the database"
err_has "bận|busy"
touch release
wait "$holder" || fail "the lock holder failed"
eq "$(state)" "$before" "database after a busy import"
ok export --db c.db --period 2028
eq "$(cat "$T/out")" "unit,input,value" "2028 after a busy import"
# and once it is free, the same import goes through
ok import --add-units --db c.db --period 2028 mid.csv
ok export --db c.db --period 2028
same_values mid.csv "$T/out"
exit 0
