# cli_numbers.sh: issue 9's "numbers are never silently misread" and
# "thresholds hold exactly" through the command line on the demo database:
# the misread numbers of today are refused in the machine format (saying
# how they read in vi) and read right with --number-format vi, counts are
# whole, amounts name their unit, what is stored is the machine format,
# and the issue's two threshold cases score full marks.
. "$(dirname "$0")/lib.sh"

# csv_score CODE: the score of ninh-thuan's CODE in the last output.
csv_score() {
	grep "^ninh-thuan,$1," "$T/out" | cut -d, -f3
}

ok init --db n.db --demo
ok period open --db n.db 2023

# machine format (the default): the thousands shape is ambiguous
ko value set --db n.db --period 2023 A.4 600.000
err_has "A\.4 = '600\.000'.*600.*600000"
ko value set --db n.db --period 2023 7.2.a 1.250
err_has "1\.25.*1250"
DTI_LANG=en ko value set --db n.db --period 2023 5.12.1.a 1,5
err_has "Vietnamese number format \(vi\) it reads 1\.5"
ko value set --db n.db --period 2023 5.12.1.a 1,5
err_has "số tiền tính bằng tỷ đồng: .*\(vi\) là 1,5"
DTI_LANG=en ko value set --db n.db --period 2023 A.4 1.234.567
err_has "reads 1234567"
DTI_LANG=en ko value set --db n.db --period 2023 7.2.a 12.5
err_has "whole number"
DTI_LANG=en ko value set --db n.db --period 2023 --number-format vi 7.2.a 1,5
err_has "whole number"
ko value set --db n.db --period 2023 --number-format xx A.4 1
eq "$rc" 2 "an unknown --number-format"

# the Vietnamese format reads them right; the machine text is stored
ok value set --db n.db --period 2023 --number-format vi A.4 600.000
grep -q 'A.4 = 600000' "$T/out" || fail "vi 600.000: $(cat "$T/out")"
ok value set --db n.db --period 2023 --number-format vi 7.2.a 1.250
ok value set --db n.db --period 2023 --number-format vi 5.12.1.a 15,2
DTI_LANG=en ko value set --db n.db --period 2023 --number-format vi 5.12.1.b 12.5
err_has "machine format it reads 12\.5"
ok value set --db n.db --period 2023 5.12.1.b 0.25
ok export --db n.db --period 2023
grep -q '^ninh-thuan,A.4,600000$' "$T/out" || fail "A.4 stored as $(cat "$T/out")"
grep -q '^ninh-thuan,7.2.a,1250$' "$T/out" || fail "7.2.a stored"
grep -q '^ninh-thuan,5.12.1.a,15.2$' "$T/out" || fail "5.12.1.a stored"

# import: the same rules, the format stated on the command line
printf 'unit,input,value\nninh-thuan,7.3.a,"1.250"\nninh-thuan,A.19,"15,2"\n' >vi.csv
ok period open --db n.db 2024
ko import --db n.db --period 2024 vi.csv
err_has "vi.csv:2:.*1250"
err_has "vi.csv:3:.*15,2"
ok import --db n.db --period 2024 --number-format vi vi.csv
ok export --db n.db --period 2024
grep -q '^ninh-thuan,7.3.a,1250$' "$T/out" || fail "import vi 1.250"
grep -q '^ninh-thuan,A.19,15.2$' "$T/out" || fail "import vi 15,2"

# thresholds: exactly 20 % and exactly 10 % with decimal inputs
ok period open --db n.db 2025
printf 'unit,input,value\nninh-thuan,7.1.a,"1234,6"\nninh-thuan,7.1.b,6173\nninh-thuan,5.12.1.a,"0,7"\nninh-thuan,5.12.1.b,"0,2"\nninh-thuan,5.12.1.c,9\n' >t.csv
ok import --db n.db --period 2025 --number-format vi t.csv
ok score --db n.db --period 2025 --include-drafts --quiet
eq "$(csv_score 7.1)" "20.000000" "7.1 at exactly 20 %"
eq "$(csv_score 5.12.1)" "5.000000" "5.12.1 at exactly 10 %"
