# rel_corrupt_middle.sh: a copy of a real database with 16 KiB overwritten
# in the middle, given as --db: no command crashes or changes a byte of it,
# and every command that writes is refused with a clear error (commands that
# only read may still show what is intact).
. "$(dirname "$0")/lib.sh"

newdb real.db --demo
[ ! -s real.db-wal ] || fail "real.db still has a write-ahead log"
size=$(wc -c <real.db | tr -d ' ')
[ "$size" -gt 65536 ] || fail "real.db is only $size bytes"
cp real.db middle.db
"$PY" - middle.db <<'EOF'
import os, sys
size = os.path.getsize(sys.argv[1])
with open(sys.argv[1], 'r+b') as f:
    f.seek(size // 2 - 8192)
    f.write(bytes((i * 37 + 11) % 256 for i in range(16384)))
EOF
# SQLite agrees the file is damaged
case $(sql middle.db 'PRAGMA quick_check' 2>&1 | head -n 1) in
ok) fail "the damaged copy passes quick_check: the test proves nothing" ;;
esac
damaged_db middle.db 0
exit 0
