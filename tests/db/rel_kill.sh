# rel_kill.sh: kill -9 during a long import leaves either the whole import
# or none of it, and a database that still works.
#
# A round of 3000 units (every input of the single_province round, each
# unit under its own id) is imported over a period that already holds a
# small import of 20 of the same units with other values; the big import is
# killed after a random delay, several times. After each kill the period
# must hold exactly the small import or exactly the big one, nothing else,
# SQLite's integrity check must pass and dti status must work.
. "$(dirname "$0")/lib.sh"

UNITS=${DTI_KILL_UNITS:-3000}
"$PY" - "$SP" "$UNITS" small.csv big.csv <<'EOF'
import csv, sys
rows = [r[:3] for r in csv.reader(open(sys.argv[1], encoding='utf-8',
        newline=''))][1:]
n = int(sys.argv[2])
def write(path, units, tag):
    with open(path, 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['unit', 'input', 'value'])
        for u in range(units):
            for unit, inp, val in rows:
                if inp == 'A.1':  # free text: tells the two imports apart
                    val = 'Tỉnh thử %04d, %s' % (u, tag)
                w.writerow(['u%04d' % u, inp, val])
write(sys.argv[3], 20, 'nhỏ')
write(sys.argv[4], n, 'lớn')
EOF
n_small=$(($(wc -l <small.csv) - 1))
n_big=$(($(wc -l <big.csv) - 1))

newdb k.db
ok period open 2022 --db k.db
ok import --add-units --db k.db --period 2022 small.csv
ok export --db k.db --period 2022
cp "$T/out" small.export
same_values small.csv small.export
audit0=$(sql k.db "SELECT count(*) FROM audit")

rand() { # LO HI: a random delay in seconds
	"$PY" -c 'import random, sys
print("%.2f" % random.uniform(float(sys.argv[1]), float(sys.argv[2])))' "$1" "$2"
}
killed=0
for round in 1 2 3 4; do
	rm -f imp.out imp.err
	"$DTI" import --add-units --db k.db --period 2022 big.csv >imp.out 2>imp.err </dev/null &
	pid=$!
	case $round in
	1 | 2) # while the file is read, or early in the transaction
		delay=$(rand 0.2 1.5)
		sleep "$delay"
		;;
	*) # deep in the write transaction: once pages reach the log
		waited=0
		while [ ! -s k.db-wal ] && [ "$waited" -lt 600 ] &&
		    kill -0 "$pid" 2>/dev/null; do
			sleep 0.05
			waited=$((waited + 1))
		done
		delay="WAL written + $(rand 0 1.0)"
		sleep "${delay#WAL written + }"
		;;
	esac
	if kill -9 "$pid" 2>/dev/null; then
		killed=$((killed + 1))
	fi
	wait "$pid"
	st=$?
	wal=$(wc -c <k.db-wal 2>/dev/null || echo 0)
	echo "round $round: killed after ${delay}s, exit $st, WAL $wal bytes"
	[ "$st" -eq 137 ] || [ "$st" -eq 0 ] || {
		cat imp.err >&2
		fail "round $round: the import exited $st"
	}

	# the database still works, and holds all of one import or the other
	ok status --db k.db --period 2022 --format csv
	ok export --db k.db --period 2022
	n=$(($(wc -l <"$T/out") - 1))
	if [ "$n" -eq "$n_small" ]; then
		cmp -s "$T/out" small.export ||
		    fail "round $round: $n values, but not those of the small import"
		eq "$(sql k.db "SELECT count(*) FROM audit")" "$audit0" \
		    "round $round: audit entries after a killed import"
		eq "$(sql k.db "SELECT count(*) FROM value")" "$n_small" \
		    "round $round: value rows after a killed import"
	elif [ "$n" -eq "$n_big" ]; then
		[ "$st" -eq 0 ] || echo "round $round: committed before the kill"
		same_values big.csv "$T/out"
		n_small=$n_big # a later kill must leave this import whole
		cp "$T/out" small.export
		audit0=$(sql k.db "SELECT count(*) FROM audit")
	else
		fail "round $round: $n values after kill -9 (want $n_small or $n_big)"
	fi
	eq "$(sql k.db 'PRAGMA integrity_check')" ok "round $round: integrity"
	eq "$(sql k.db "SELECT count(*) FROM unit WHERE code LIKE 'u%'")" \
	    "$((n_small / ($(wc -l <"$SP") - 1)))" "round $round: units"
done
[ "$killed" -gt 0 ] || fail "every import finished before its kill"

# and it still takes writes
ok value set --db k.db --period 2022 --unit u0001 A.1 "sau khi khôi phục"
ok export --db k.db --period 2022
grep -q '^u0001,A.1,sau khi khôi phục$' "$T/out" || fail "value set after recovery"
exit 0
