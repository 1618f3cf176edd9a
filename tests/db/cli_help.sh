# cli_help.sh: dti --help lists every command, grouped, in both languages;
# every `dti CMD --help` (and `dti CMD VERB --help`) prints that command's
# usage on stdout and exits 0; an unknown command exits 2; a missing file
# is named in the chosen language.
. "$(dirname "$0")/lib.sh"

CMDS="score methodology init period backup import template export value
evidence status worklist submit approve return reopen review tasks task
targets audit user serve analysis whatif results bounds report plan target
agency unit org"

for lang in vi en; do
	DTI_LANG=$lang ok --help
	[ -s "$T/err" ] && fail "dti --help ($lang) wrote to stderr"
	for c in $CMDS; do
		grep -q "^  $c " "$T/out" || fail "dti --help ($lang) lacks $c"
	done
	# every command that dispatches is listed: a table line per command
	n=$(grep -c '^  [a-z]' "$T/out")
	[ "$n" -eq 33 ] || fail "dti --help ($lang) lists $n commands, not 33"
done
DTI_LANG=en ok --help
if LC_ALL=C grep -q '[^ -~]' "$T/out"; then
	fail "English help has non-ASCII text: $(LC_ALL=C grep '[^ -~]' "$T/out")"
fi

for c in $CMDS; do
	for form in "$c --help" "$c -h"; do
		# shellcheck disable=SC2086
		ok $form
		[ -s "$T/out" ] || fail "dti $form printed nothing on stdout"
		[ -s "$T/err" ] && fail "dti $form wrote to stderr: $(cat "$T/err")"
		grep -q "dti $c" "$T/out" || fail "dti $form does not show dti $c"
	done
done
for form in "value set --help" "evidence add --help" "task update --help" \
    "period open --help" "user add --help" "methodology load --help" \
    "import --period 2022 --help" "plan load --help" "target set --help"; do
	# shellcheck disable=SC2086
	ok $form
	[ -s "$T/out" ] || fail "dti $form printed nothing"
done

run nosuchcommand
[ "$rc" -eq 2 ] || fail "an unknown command exits $rc, not 2"
err_has "không có lệnh 'nosuchcommand'"

DTI_LANG=vi ko score "$T/missing.csv"
err_has "missing.csv: không có tệp này"
DTI_LANG=en ko score "$T/missing.csv"
err_has "missing.csv: no such file"
[ "$rc" -eq 3 ] || fail "a missing file exits $rc, not 3"
echo "ok"
