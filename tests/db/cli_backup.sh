# cli_backup.sh: dti backup FILE is a database that dti reads exactly like
# the original (scores of every period, values, audit, evidence), and that
# lives on its own.
. "$(dirname "$0")/lib.sh"

newdb o.db --demo
ok period open 2023-Q1 --db o.db
ok import --db o.db --period 2023-Q1 "$SP"
printf 'minh chứng\n' >mc.txt
ok evidence add --db o.db --period 2023-Q1 --doc 1/BC --date 2023-03-01 \
    --file mc.txt 3.3.a
ok task update B.I.2 --db o.db --status done

ok backup --db o.db copy.db
[ -s copy.db ] || fail "dti backup wrote no file"
for p in 2022-demo 2023-Q1; do
	for opts in "" "--explain" "--format json" "--include-drafts"; do
		# shellcheck disable=SC2086
		ok score $opts --db o.db --period "$p"
		cp "$T/out" a.out
		cp "$T/err" a.err
		# shellcheck disable=SC2086
		ok score $opts --db copy.db --period "$p"
		cmp -s "$T/out" a.out || fail "score $opts --period $p of the backup differs"
		cmp -s "$T/err" a.err || fail "score $opts --period $p: messages differ"
	done
	for cmd in "export --period $p" "status --period $p --format csv" \
	    "evidence list --period $p --format csv"; do
		# shellcheck disable=SC2086
		ok $cmd --db o.db
		cp "$T/out" a.out
		# shellcheck disable=SC2086
		ok $cmd --db copy.db
		cmp -s "$T/out" a.out || fail "$cmd of the backup differs"
	done
done
for cmd in "audit --format csv" "period list --format csv" \
    "tasks --format csv" "targets --format csv"; do
	# shellcheck disable=SC2086
	ok $cmd --db o.db
	cp "$T/out" a.out
	# shellcheck disable=SC2086
	ok $cmd --db copy.db
	cmp -s "$T/out" a.out || fail "$cmd of the backup differs"
done
eq "$(dump copy.db)" "$(dump o.db)" "every row of the backup"
eq "$(sql copy.db 'PRAGMA application_id')" 1146374449 "application_id of the backup"

# the copy lives on its own: writing to it leaves the original alone
before=$(dump o.db)
ok period close 2022-demo --db copy.db --reason "lưu trữ"
ok value set --db copy.db --period 2023-Q1 3.3.a 1
eq "$(dump o.db)" "$before" "the original after writing to the backup"

# a backup while another process reads and writes: a consistent snapshot
"$DTI" import --db o.db --period 2023-Q1 "$SP" >bg.out 2>bg.err &
bg=$!
ok backup --db o.db copy2.db
wait "$bg" || { cat bg.err >&2; fail "import during backup failed"; }
n=$(sql copy2.db "SELECT count(*) FROM value v JOIN period p ON p.id = v.period
    WHERE p.code = '2023-Q1'")
n_sp=$(csv_rows "$SP")
[ "$n" -eq "$n_sp" ] || [ "$n" -eq $((2 * n_sp)) ] ||
    fail "backup during an import holds $n rows of 2023-Q1 (want $n_sp or $((2 * n_sp)))"
eq "$(sql copy2.db 'PRAGMA integrity_check')" ok "integrity of the backup"
exit 0
