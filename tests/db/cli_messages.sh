# cli_messages.sh: app/'s messages name no command-line option (the API
# returns them too); the command line adds its own hint line naming the
# option, in the language of the messages.
. "$(dirname "$0")/lib.sh"

newdb m.db --demo
ok period open 2031 --db m.db
printf 'unit,input,value\nninh-thuann,A.4,595000\n' >unknown-unit.csv

# hint COMMAND... : refused; the message has no "--", the hint has OPTION
hint() {
	_want=$1
	shift
	ko "$@"
	grep -v -e '^dti: gợi ý:' -e '^dti: hint:' "$T/err" | grep -q -e '--' &&
	    fail "dti $*: an option in app/'s message: $(cat "$T/err")"
	grep -q -F -e "$_want" "$T/err" ||
	    fail "dti $*: no hint naming $_want: $(cat "$T/err")"
}
hint "gợi ý: --comment TEXT" return --db m.db --period 2022-demo --inputs 3.3.a
hint "gợi ý: --comment TEXT" return --db m.db --period 2022-demo --inputs 3.3.a \
    --comment "  "
hint "--reason TEXT (mở lại)" reopen --db m.db --period 2022-demo --inputs 3.3.a
hint "gợi ý: --agency A hoặc --inputs I,J" approve --db m.db --period 2022-demo
hint "gợi ý: --reason TEXT" period reopen 2031 --db m.db
hint "gợi ý: --add-units" import --db m.db --period 2031 unknown-unit.csv
err_has "ninh-thuann"
DTI_LANG=en hint "hint: --comment TEXT (return)" return --db m.db \
    --period 2022-demo --inputs 3.3.a
err_has "a comment is required"
DTI_LANG=en hint "hint: --add-units" import --db m.db --period 2031 \
    unknown-unit.csv
err_has "a new unit: import allowing new units"
# no hint where no option answers the refusal
ko value set --db m.db --period 2022-demo A.4 1
grep -q -e 'gợi ý' "$T/err" && fail "a hint without cause: $(cat "$T/err")"
exit 0
