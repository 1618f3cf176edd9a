# rel_corrupt.sh: files that are not dti databases, given as --db, get a
# clear error from every command and are not modified: a text file, a real
# database with its header or its schema page overwritten, a real database
# cut in half, and a foreign SQLite database (python3's sqlite3 module).
# (A real database damaged in the middle: rel_corrupt_middle.sh.)
. "$(dirname "$0")/lib.sh"

newdb real.db --demo
[ ! -s real.db-wal ] || fail "real.db still has a write-ahead log"
size=$(wc -c <real.db | tr -d ' ')
[ "$size" -gt 65536 ] || fail "real.db is only $size bytes"

# a text file
i=0
while [ $i -lt 200 ]; do
	echo "unit,input,value — đây là ghi chú, không phải cơ sở dữ liệu $i"
	i=$((i + 1))
done >text.db
damaged_db text.db 1

# the 100-byte SQLite header overwritten
cp real.db header.db
"$PY" - header.db <<'EOF'
import sys
with open(sys.argv[1], 'r+b') as f:
    f.write(b'X' * 100)
EOF
damaged_db header.db 1

# the schema (rest of page 1) overwritten with garbage, the header intact
cp real.db schema.db
"$PY" - schema.db <<'EOF'
import sys
with open(sys.argv[1], 'r+b') as f:
    f.seek(100)
    f.write(bytes((i * 37 + 11) % 256 for i in range(3000)))
EOF
damaged_db schema.db 1

# the first half of a real database
head -c $((size / 2)) real.db >half.db
damaged_db half.db 1

# an SQLite database of another program, with tables named like dti's
"$PY" - foreign.db <<'EOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.executescript('''
CREATE TABLE audit (id INTEGER PRIMARY KEY, note TEXT);
CREATE TABLE value (id INTEGER PRIMARY KEY, v TEXT);
CREATE TABLE period (code TEXT);
INSERT INTO audit (note) VALUES ('không phải của dti');
INSERT INTO period VALUES ('2022');
''')
c.commit()
c.close()
EOF
damaged_db foreign.db 1
eq "$(sql foreign.db 'SELECT note FROM audit')" "không phải của dti" \
    "the foreign database's own data"

# the real database itself was fine all along
ok status --db real.db --period 2022-demo
exit 0
