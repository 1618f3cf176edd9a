# lib.sh: helpers for the db shell tests, sourced by cli_*.sh and rel_*.sh.
# Usage of a test: sh TEST.sh DTI SOURCE_DIR. Each test works in its own
# mktemp -d directory, removed on exit.

set -u
if [ $# -lt 2 ]; then
	echo "usage: $0 DTI SOURCE_DIR" >&2
	exit 2
fi
DTI=$1
SRC=$2
# messages in Vietnamese (the checks of messages accept both languages)
DTI_LANG="vi"
export DTI_LANG
# python3 (csv and sqlite3 modules) checks the outputs; resolve it once,
# past any version-manager shim, since it runs often
PY=$(python3 -c 'import csv, sqlite3, sys; print(sys.executable)') || {
	echo "$0: python3 with its csv and sqlite3 modules is needed" >&2
	exit 1
}
SP=$SRC/tests/golden/data/single_province.round.csv
ILL=$SRC/examples/round-illustrative.csv
T=$(mktemp -d "${TMPDIR:-/tmp}/dti-db-sh.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
trap 'exit 1' HUP INT TERM
cd "$T" || exit 1

fail() {
	printf 'FAIL: %s\n' "$*" >&2
	exit 1
}

# run ARGS...: dti ARGS; stdout in $T/out, stderr in $T/err, status in $rc.
# A sanitizer report or a death by signal fails the test at once.
run() {
	"$DTI" "$@" </dev/null >"$T/out" 2>"$T/err"
	rc=$?
	if grep -q -e AddressSanitizer -e LeakSanitizer -e 'runtime error:' \
	    "$T/err"; then
		cat "$T/err" >&2
		fail "sanitizer report from: dti $*"
	fi
	[ "$rc" -lt 128 ] || fail "dti $* died of signal $((rc - 128))"
}

# ok ARGS...: dti ARGS must succeed.
ok() {
	run "$@"
	if [ "$rc" -ne 0 ]; then
		cat "$T/err" >&2
		fail "dti $* exited $rc"
	fi
}

# ko ARGS...: dti ARGS must fail, with a message on stderr.
ko() {
	run "$@"
	if [ "$rc" -eq 0 ]; then
		cat "$T/out" >&2
		fail "dti $* succeeded but must be refused"
	fi
	[ -s "$T/err" ] || fail "dti $* failed without saying why"
}

# err_has REGEX: the last stderr matches the (extended, case-blind) REGEX.
err_has() {
	grep -q -i -E -e "$1" "$T/err" && return 0
	cat "$T/err" >&2
	fail "the message of the last command lacks /$1/"
}

# eq ACTUAL WANT WHAT
eq() {
	[ "$1" = "$2" ] || fail "$3: got '$1', want '$2'"
}

# csv_get FILE KEY_FIELD KEY FIELD: one field of the one row whose
# KEY_FIELD is KEY.
csv_get() {
	"$PY" - "$@" <<'EOF'
import csv, sys
path, kf, kv, fld = sys.argv[1:5]
with open(path, encoding='utf-8', newline='') as f:
    rows = [r for r in csv.DictReader(f) if r[kf] == kv]
if len(rows) != 1:
    sys.exit('csv_get: %d rows with %s = %s in %s' % (len(rows), kf, kv, path))
print(rows[0][fld])
EOF
}

# csv_is FILE KEY_FIELD KEY FIELD=VALUE...: the one row whose KEY_FIELD is
# KEY has these values.
csv_is() {
	"$PY" - "$@" <<'EOF' || fail "in $1, $2 = $3"
import csv, sys
path, kf, kv = sys.argv[1:4]
with open(path, encoding='utf-8', newline='') as f:
    rows = [r for r in csv.DictReader(f) if r[kf] == kv]
if len(rows) != 1:
    sys.exit('%d rows with %s = %s' % (len(rows), kf, kv))
bad = []
for a in sys.argv[4:]:
    k, v = a.split('=', 1)
    if rows[0][k] != v:
        bad.append('%s is %r, want %r' % (k, rows[0][k], v))
if bad:
    sys.exit('; '.join(bad))
EOF
}

# csv_rows FILE: the number of data rows (records after the header).
csv_rows() {
	"$PY" - "$1" <<'EOF'
import csv, sys
with open(sys.argv[1], encoding='utf-8', newline='') as f:
    print(max(0, len(list(csv.reader(f))) - 1))
EOF
}

# same_values ROUND EXPORT: EXPORT holds exactly the first three columns
# of ROUND (a round file: BOM allowed, extra columns ignored), row by row.
same_values() {
	"$PY" - "$1" "$2" <<'EOF' || fail "export of $1 differs from the file"
import csv, sys
with open(sys.argv[1], encoding='utf-8-sig', newline='') as f:
    want = [r[:3] for r in csv.reader(f)]
with open(sys.argv[2], encoding='utf-8', newline='') as f:
    got = list(csv.reader(f))
if want != got:
    for i, (w, g) in enumerate(zip(want, got)):
        if w != g:
            print('row %d: want %r, got %r' % (i + 1, w, g), file=sys.stderr)
            break
    print('rows: want %d, got %d' % (len(want), len(got)), file=sys.stderr)
    sys.exit(1)
EOF
}

# dump DB: every row of every table, as SQL text (python3's sqlite3).
dump() {
	"$PY" - "$1" <<'EOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
for line in c.iterdump():
    print(line)
c.close()
EOF
}

# sql DB QUERY: the rows of QUERY, one a line, columns joined by '|'.
sql() {
	"$PY" - "$1" "$2" <<'EOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
for row in c.execute(sys.argv[2]):
    print('|'.join('' if v is None else str(v) for v in row))
c.close()
EOF
}

# sha FILE: the SHA-256 of a file.
sha() {
	sha256sum <"$1" | cut -d' ' -f1
}

# newdb DB [ARGS...]: a fresh database made by dti init.
newdb() {
	_db=$1
	shift
	ok init --db "$_db" --user tester "$@"
}

# damaged_db DB STRICT: run every command of dti on the damaged file DB.
# None may crash or change a byte of DB (SHA-256 before and after each);
# every command that writes must fail with a clear message; with STRICT=1,
# every command must.
damaged_db() {
	_f=$1
	_strict=$2
	_sum=$(sha "$_f")
	printf 'unit,input,value\nninh-thuan,A.4,595000\n' >"$T/one.csv"
	printf 'tài liệu\n' >"$T/doc.txt"
	# reads (may succeed on a file SQLite can partly read), then writes
	while IFS= read -r _line; do
		_kind=${_line%%:*}
		_cmd=${_line#*:}
		rm -f "$T/bk.db"
		# shellcheck disable=SC2086
		run $_cmd --db "$_f"
		[ "$(sha "$_f")" = "$_sum" ] ||
		    fail "dti $_cmd changed the damaged file $_f (exit $rc)"
		for _side in "$_f-wal" "$_f-journal"; do
			if [ -s "$_side" ]; then
				fail "dti $_cmd left $_side behind"
			fi
		done
		if [ "$_kind" = W ] || [ "$_strict" = 1 ]; then
			[ "$rc" -ne 0 ] ||
			    fail "dti $_cmd on the damaged file $_f succeeded"
			err_has "không phải (cơ sở dữ liệu|của dti)|hỏng|tồn tại|not a dti|damaged|not a database|exists"
		fi
	done <<LIST
R:status --period 2022-demo --format csv
R:export --period 2022-demo
R:score --period 2022-demo
R:audit
R:tasks
R:targets
R:period list
R:evidence list --period 2022-demo
R:backup $T/bk.db
W:import --period 2022-demo $T/one.csv
W:import --period 2022-demo --approve $T/one.csv
W:value set --period 2022-demo A.7 66
W:period open 2030
W:period close 2022-demo --reason x
W:task update B.I.2 --status done
W:evidence add --period 2022-demo --doc 1/BC --file $T/doc.txt 3.3.a
W:submit --period 2022-demo --agency so-tttt
W:approve --period 2022-demo --agency so-tttt
W:reopen --period 2022-demo --agency so-tttt --reason x
W:methodology load $SRC/methodologies/district-demo.yaml
W:init
LIST
}
