#!/bin/sh
# run_bad.sh DTI FILE.csv
#
# Run `DTI score FILE.csv` and check it against FILE.expect:
#
#   reject                      the file must be rejected: non-zero exit,
#                               EMPTY stdout, something on stderr
#   line L[,L2...] [| TEXT]...  stderr has a line naming FILE.csv:L: (or one
#                               of L2 ...) that also holds every TEXT (the
#                               input, the value ...)
#   accept                      the file must be accepted: exit 0, scores on
#                               stdout, no error naming a line of FILE.csv
#   score UNIT CODE VALUE [STATUS]
#                               the output row UNIT,CODE has score VALUE
#                               (within 1e-6) and, when given, status STATUS
#
# When rejecting, every FILE.csv:N: on stderr must be one of the lines the
# spec lists: no good line is blamed.
#
# Then the same file is scored again with DTI_LANG=en and checked against
# FILE.expect plus FILE.expect.en (when it exists: more `line` specs, whose
# TEXT is the English message), and no line on stderr may hold a byte
# outside ASCII: an English message is English, all of it.
set -u

if [ $# -ne 2 ]; then
	echo "usage: run_bad.sh DTI FILE.csv" >&2
	exit 2
fi
dti=$1
csv=$2
spec=${csv%.csv}.expect
base=$(basename "$csv")
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

if [ ! -r "$spec" ]; then
	echo "FAIL: no $spec"
	exit 2
fi
# check LANG SPECFILE: score FILE.csv in language LANG, check it against
# SPECFILE; the exit status is the number of failures (at most 1).
check() {
	DTI_LANG=$1 "$dti" score "$csv" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	LC_ALL=C awk -v specfile="$2" -v base="$base" -v rc="$rc" \
	    -v outfile="$tmp/out" -v lang="$1" -v ascii="$([ "$1" = en ] &&
	    echo 1 || echo 0)" '
function abs(x) { return x < 0 ? -x : x }
function fail(msg) { print "FAIL: " base ": " msg; bad++ }
function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s); return s }
BEGIN {
	mode = ""
	while ((getline line < specfile) > 0) {
		if (line ~ /^#/ || line ~ /^[ \t]*$/)
			continue
		if (line == "reject" || line == "accept") {
			mode = line
			continue
		}
		if (line ~ /^line /) {
			n = split(line, part, / \| /)
			ls = trim(substr(part[1], 6))
			nspec++
			slines[nspec] = ls
			stext[nspec] = ""
			for (i = 2; i <= n; i++)
				stext[nspec] = stext[nspec] (i > 2 ? "\037" : "") \
				    part[i]
			m = split(ls, lv, ",")
			for (i = 1; i <= m; i++)
				allowed[lv[i] + 0] = 1
			continue
		}
		if (line ~ /^score /) {
			split(line, w, " ")
			nscore++
			sunit[nscore] = w[2]
			scode[nscore] = w[3]
			sval[nscore] = w[4]
			sst[nscore] = (5 in w) ? w[5] : ""
			continue
		}
		print "FAIL: " specfile ": cannot read \"" line "\""
		fatal = 1
		exit 2
	}
	close(specfile)
	if (mode == "") {
		print "FAIL: " specfile ": neither reject nor accept"
		fatal = 1
		exit 2
	}
}
# stderr, one line at a time
{
	err[++nerr] = $0
	if (ascii && $0 ~ /[\200-\377]/) {
		checks++
		fail("not English (a byte outside ASCII): " $0)
	}
	# every base:N: on the line
	s = $0
	while ((p = index(s, base ":")) > 0) {
		s = substr(s, p + length(base) + 1)
		if (match(s, /^[0-9]+:/)) {
			named[substr(s, 1, RLENGTH - 1) + 0] = 1
			s = substr(s, RLENGTH + 1)
		}
	}
}
END {
	if (fatal)
		exit 2
	if (mode == "reject") {
		checks += 3
		if (rc == 0)
			fail("exit status 0, the file must be rejected")
		if ((getline l < outfile) > 0)
			fail("stdout is not empty: \"" l "\"")
		if (nerr == 0)
			fail("nothing on stderr")
		for (k = 1; k <= nspec; k++) {
			checks++
			m = split(slines[k], lv, ",")
			nt = stext[k] == "" ? 0 : split(stext[k], tv, "\037")
			found = 0
			for (e = 1; e <= nerr && !found; e++) {
				ok = 0
				for (i = 1; i <= m; i++)
					if (index(err[e], base ":" lv[i] ":") > 0)
						ok = 1
				for (i = 1; ok && i <= nt; i++)
					if (index(err[e], tv[i]) == 0)
						ok = 0
				found = ok
			}
			if (!found) {
				msg = "no stderr line names " base ":" slines[k] ":"
				for (i = 1; i <= nt; i++)
					msg = msg " with \"" tv[i] "\""
				fail(msg)
			}
		}
		for (n in named) {
			checks++
			if (!(n in allowed))
				fail("stderr blames line " n \
				    ", which the spec does not list")
		}
	} else {
		checks += 2
		if (rc != 0)
			fail("exit status " rc ", the file must be accepted")
		for (n in named)
			fail("stderr names line " n " of an acceptable file")
		if ((getline l < outfile) <= 0 || l !~ /^unit,code,score,max/)
			fail("stdout does not start with unit,code,score,max")
		while ((getline l < outfile) > 0) {
			split(l, f, ",")
			got[f[1] SUBSEP f[2]] = f[3]
			gst[f[1] SUBSEP f[2]] = f[5]
		}
		for (k = 1; k <= nscore; k++) {
			checks++
			key = sunit[k] SUBSEP scode[k]
			if (!(key in got))
				fail("no output row " sunit[k] "," scode[k])
			else if (abs(got[key] - sval[k]) > 1e-6)
				fail(sunit[k] "," scode[k] ": score " got[key] \
				    ", expected " sval[k])
			if ((key in got) && sst[k] != "" && gst[key] != sst[k])
				fail(sunit[k] "," scode[k] ": status " gst[key] \
				    ", expected " sst[k])
		}
	}
	if (bad > 0) {
		print "--- stderr of dti score " base " (exit " rc "):"
		for (e = 1; e <= nerr; e++)
			print err[e]
	}
	printf "%s (%s): %s, %d checks, %d failures\n", base, lang, mode, \
	    checks, bad
	exit bad > 0
}' "$tmp/err"
}

check vi "$spec"
bad=$?
cp "$spec" "$tmp/spec.en"
if [ -r "$spec.en" ]; then
	cat "$spec.en" >>"$tmp/spec.en"
fi
check en "$tmp/spec.en"
bad=$((bad + $?))
exit $((bad > 0))
