# cli_methodology.sh: methodologies are versioned. Each period is scored
# with the methodology it was opened with; dti methodology load of a changed
# methodology never changes an older period's scores, and a closed period's
# scores stay byte-identical.
. "$(dirname "$0")/lib.sh"

newdb m.db
ok period open 2022 --db m.db
ok period open 2022-Q4 --db m.db
ok import --db m.db --period 2022 --approve "$SP"
ok import --db m.db --period 2022-Q4 --approve "$SP"
ok period close 2022 --db m.db --reason "đã công bố"

scores() { # PERIOD OUT: every form of the period's scores into OUT
	: >"$2"
	for opts in "" "--explain" "--format json --explain"; do
		# shellcheck disable=SC2086
		ok score $opts --db m.db --period "$1"
		cat "$T/out" "$T/err" >>"$2"
	done
	ok status --db m.db --period "$1" --format csv
	cat "$T/out" >>"$2"
}
scores 2022 closed.before
scores 2022-Q4 open.before
grep -q '^ninh-thuan,3.3,6.741935,10,ok$' closed.before ||
    fail "3.3 of the single_province round is not 6.741935 before the change"

# a new version: another version string, and 3.3 always scores full points
"$PY" - "$SRC/methodologies/dti-2022-province.yaml" v2.yaml <<'EOF'
import sys
s = open(sys.argv[1], encoding='utf-8').read()
old = '  version: "2022"\n'
assert s.count(old) == 1
s = s.replace(old, '  version: "2022-sua-doi"\n')
i = s.index('- code: "3.3"')
j = s.index('score: "a / b * points"', i)
s = s[:j] + 'score: "points"' + s[j + len('score: "a / b * points"'):]
open(sys.argv[2], 'w', encoding='utf-8').write(s)
EOF
ok methodology check v2.yaml
ok methodology load --db m.db --user sotttt v2.yaml
id=$(sed -n 's/.*(#\([0-9]*\)).*/\1/p' "$T/out")
[ -n "$id" ] || fail "methodology load does not name the new version: $(cat "$T/out")"
ok methodology load --db m.db v2.yaml
eq "$(sed -n 's/.*(#\([0-9]*\)).*/\1/p' "$T/out")" "$id" \
    "loading the same file twice is the same version"
eq "$(sql m.db 'SELECT count(*) FROM methodology')" 2 "methodology versions"
eq "$(sql m.db "SELECT version FROM methodology ORDER BY id")" "2022
2022-sua-doi" "versions"

# older periods: the same scores, byte for byte
scores 2022 closed.after
cmp -s closed.before closed.after ||
    fail "loading a methodology changed the scores of the closed period 2022"
scores 2022-Q4 open.after
cmp -s open.before open.after ||
    fail "loading a methodology changed the scores of the older period 2022-Q4"

# a new period is scored with the new version
ok period open 2023 --db m.db
ok import --db m.db --period 2023 --approve "$SP"
ok score --db m.db --period 2023
grep -q '^ninh-thuan,3.3,10.000000,10,ok$' "$T/out" ||
    fail "the new period is not scored with the new methodology"
ok score --methodology v2.yaml "$SP"
cp "$T/out" v2.score
ok score --db m.db --period 2023
cmp -s "$T/out" v2.score || fail "period 2023 does not score like the v2 file"

# the closed period stays as it was after all this, and refuses the new data
scores 2022 closed.end
cmp -s closed.before closed.end || fail "the closed period's scores moved"
ko import --db m.db --period 2022 --approve "$SP"
exit 0
