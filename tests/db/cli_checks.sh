# cli_checks.sh: the write checks of issue 8 through the command line:
# the checks between a unit's values on import and on value set (against
# the values as they will be, and only those a write touches), unknown
# units refused unless --add-units, text neutralised against formula
# injection in dti export and read back by dti import, an import over
# submitted values refused, a submission with exactly one input missing
# refused naming it, and a target reached exactly reading "met".
. "$(dirname "$0")/lib.sh"

ok init --db c.db
ok period open --db c.db 2023

# 7.1.a <= 7.1.b: an import that breaks it with a stored value is refused
printf 'unit,input,value\nninh-thuan,7.1.b,1\n' >b.csv
printf 'unit,input,value\nninh-thuan,7.1.a,9\n' >a.csv
ok import --db c.db --period 2023 b.csv
ko import --db c.db --period 2023 a.csv
err_has '7\.1\.a = 9.*7\.1\.b = 1'
ok export --db c.db --period 2023
eq "$(grep -c 7.1.a "$T/out")" 0 "7.1.a after the refused import"
ko value set --db c.db --period 2023 7.1.a 9
err_has '7\.1\.b'

# a stored inconsistency (older data) blocks no write that does not touch it
printf 'unit,input,value\nninh-thuan,7.1.a,0.5\n' >ok.csv
ok import --db c.db --period 2023 ok.csv
"$PY" - c.db <<'X' || fail "planting 7.1.a = 9"
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("UPDATE value SET raw = '9' WHERE input = '7.1.a' AND archived = 0")
c.commit()
X
ok value set --db c.db --period 2023 --agency so-tttt 3.3.a 5
ok value set --db c.db --period 2023 --agency cuc-thong-ke A.4 600000
printf 'unit,input,value\nninh-thuan,3.3.b,50\n' >u.csv
ok import --db c.db --period 2023 u.csv
ko value set --db c.db --period 2023 7.1.b 2
ok value set --db c.db --period 2023 7.1.b 100

# unknown units: refused, named with their line, unless --add-units
printf 'unit,input,value\nninh-thuan,7.2.a,1\nninh-thuann,7.2.a,1\n' >m.csv
ko import --db c.db --period 2023 m.csv
err_has "m\.csv:3:.*ninh-thuann"
ok import --db c.db --period 2023 --add-units m.csv
ok export --db c.db --period 2023
grep -q '^ninh-thuann,7.2.a,1$' "$T/out" || fail "--add-units adds the unit"

# formula injection: text exported with a leading quote, imported back
ok period open --db c.db 2024
ok value set --db c.db --period 2024 A.1 '=HYPERLINK("http://x","y")'
ok export --db c.db --period 2024 x.csv
grep -q "^ninh-thuan,A.1,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\$" x.csv ||
    fail "dti export neutralises the formula: $(cat x.csv)"
ok period open --db c.db 2025
ok import --db c.db --period 2025 x.csv
ok export --db c.db --period 2025 y.csv
cmp -s x.csv y.csv || fail "export -> import -> export differs"
"$PY" - c.db <<'X' || fail "the text read back is not the original"
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
raw = c.execute("SELECT v.raw FROM value v JOIN period p ON p.id = v.period"
                " WHERE p.code = '2025' AND v.input = 'A.1'"
                " AND v.archived = 0").fetchone()[0]
sys.exit(0 if raw == '=HYPERLINK("http://x","y")' else 'got %r' % raw)
X

# import over submitted values is refused like over approved ones
ok period open --db c.db 2026
ok import --db c.db --period 2026 --submit "$SP"
ko import --db c.db --period 2026 "$SP"
err_has 'submitted|gửi|đã gửi'

# a submission with exactly one input missing is refused, naming it
ok period open --db c.db 2027
grep -v '^ninh-thuan,3\.3\.a,' "$SP" >one.csv
ok import --db c.db --period 2027 one.csv
ko submit --db c.db --period 2027 --agency so-tttt
err_has '3\.3\.a'
ok status --db c.db --period 2027 --format csv
csv_is "$T/out" agency so-tttt submitted=0

# a target reached exactly is met (3.3: 0.75; a 2022 target, so a 2022 period)
ok period open --db c.db 2022
printf 'unit,input,value\nninh-thuan,3.3.a,75\nninh-thuan,3.3.b,100\n' >t.csv
ok import --db c.db --period 2022 --approve t.csv
ok targets --db c.db --period 2022 --format csv
csv_is "$T/out" indicator 3.3 state=met
