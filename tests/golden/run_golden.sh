#!/bin/sh
# run_golden.sh DTI ROUND.csv EXPECTED.csv
#
# Score ROUND.csv with `DTI score` and compare every output row with
# EXPECTED.csv (columns unit,code,score and optionally max, status; computed
# by hand, see the NAME.expected.md next to it). Fails when dti exits
# non-zero, when a score differs by more than 1e-6, when a max or a status
# given in EXPECTED.csv differs, when an expected row is missing from the
# output or the output has a row EXPECTED.csv does not list, or a row twice.
set -u

if [ $# -ne 3 ]; then
	echo "usage: run_golden.sh DTI ROUND.csv EXPECTED.csv" >&2
	exit 2
fi
dti=$1
round=$2
expected=$3
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

"$dti" score "$round" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ "$rc" -ne 0 ]; then
	echo "FAIL: dti score $round exited with $rc"
	cat "$tmp/err"
	exit 1
fi

LC_ALL=C awk -F, -v expfile="$expected" -v round="$round" \
    -v errfile="$tmp/err" '
function abs(x) { return x < 0 ? -x : x }
function fail(msg) { print "FAIL: " msg; bad++ }
# has_token(s, t): ${t} occurs in ${s} not inside a longer code (7.1, 7.10)
function has_token(s, t,   p, b, a) {
	while ((p = index(s, t)) > 0) {
		b = p > 1 ? substr(s, p - 1, 1) : ""
		a = substr(s, p + length(t), 1)
		if (b !~ /[0-9.]/ && a !~ /[0-9]/ && \
		    !(a == "." && substr(s, p + length(t) + 1, 1) ~ /[0-9]/))
			return 1
		s = substr(s, p + 1)
	}
	return 0
}
BEGIN {
	# the expected rows, by column name
	if ((getline line < expfile) <= 0) {
		print "FAIL: cannot read " expfile
		fatal = 1
		exit 2
	}
	sub(/\r$/, "", line)
	nh = split(line, h, ",")
	for (i = 1; i <= nh; i++)
		col[h[i]] = i
	if (!("unit" in col) || !("code" in col) || !("score" in col)) {
		print "FAIL: " expfile ": header needs unit,code,score"
		fatal = 1
		exit 2
	}
	while ((getline line < expfile) > 0) {
		sub(/\r$/, "", line)
		if (line == "")
			continue
		split(line, f, ",")
		k = f[col["unit"]] SUBSEP f[col["code"]]
		if (k in want)
			fail(expfile ": " f[col["unit"]] "," f[col["code"]] \
			    " listed twice")
		want[k] = f[col["score"]]
		wmax[k] = ("max" in col) ? f[col["max"]] : ""
		wst[k] = ("status" in col) ? f[col["status"]] : ""
		order[++nexp] = k
	}
	close(expfile)
}
NR == 1 {
	sub(/\r$/, "")
	if ($1 != "unit" || $2 != "code" || $3 != "score" || $4 != "max")
		fail("output header is \"" $0 "\", not unit,code,score,max,...")
	for (i = 1; i <= NF; i++)
		ocol[$i] = i
	next
}
{
	sub(/\r$/, "")
	k = $1 SUBSEP $2
	rows++
	if (k in seen) {
		fail("output row " $1 "," $2 " appears twice")
		next
	}
	seen[k] = 1
	if (!(k in want)) {
		fail("extra output row " $1 "," $2 " (score " $3 ")")
		next
	}
	checked += 2
	# "Scores carry at least 4 decimal places."
	if ($3 !~ /^-?[0-9]+\.[0-9][0-9][0-9][0-9]/)
		fail($1 "," $2 ": score " $3 " has fewer than 4 decimals")
	if ($3 !~ /^-?[0-9]+(\.[0-9]+)?$/ || abs($3 - want[k]) > 1e-6)
		fail($1 "," $2 ": score " $3 ", expected " want[k])
	if (wmax[k] != "") {
		checked++
		if ($4 + 0 != wmax[k] + 0)
			fail($1 "," $2 ": max " $4 ", expected " wmax[k])
	}
	if (wst[k] != "") {
		checked++
		st = ("status" in ocol) ? $(ocol["status"]) : "(no status column)"
		if (st != wst[k])
			fail($1 "," $2 ": status " st ", expected " wst[k])
	}
}
END {
	if (fatal)
		exit 2
	# a missing input or a zero denominator is reported on stderr
	while ((getline line < errfile) > 0)
		err[++nerr] = line
	for (i = 1; i <= nexp; i++) {
		k = order[i]
		if (wst[k] != "missing" && wst[k] != "zero_denominator")
			continue
		split(k, p, SUBSEP)
		checked++
		found = 0
		for (e = 1; e <= nerr && !found; e++)
			found = index(err[e], p[1]) > 0 && has_token(err[e], p[2])
		if (!found)
			fail("no warning on stderr names " p[1] ", " p[2] \
			    " (" wst[k] ")")
	}
	for (i = 1; i <= nexp; i++) {
		if (!(order[i] in seen)) {
			split(order[i], p, SUBSEP)
			fail("missing output row " p[1] "," p[2])
		}
	}
	printf "%s: %d rows expected, %d output, %d comparisons, %d failures\n", \
	    round, nexp, rows, checked + nexp, bad
	exit bad > 0
}' "$tmp/out"
