# cli_accounts.sh: dti user (issue 12): list, add, reset (a file, stdin or
# generated; never the command line), disable and enable, a new role or
# agency, the sessions of an account and their end; refusals (unknown
# login, the last admin, an officer without an agency) change nothing;
# everything is in the audit log and nothing is deleted.
. "$(dirname "$0")/lib.sh"

# sql_w DB STATEMENT: one write, committed (sessions are made by logins)
sql_w() {
	"$PY" - "$1" "$2" <<'PYEOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute(sys.argv[2])
c.commit()
c.close()
PYEOF
}

newdb d.db --demo
nacc=$(sql d.db "SELECT count(*) FROM account")

# --- list ----------------------------------------------------------------
ok user list --db d.db --format csv
eq "$(csv_rows "$T/out")" "$nacc" "accounts listed"
csv_is "$T/out" login cb-khdt role=officer agency=so-khdt state=active \
    must_change=0
ok user list --db d.db
grep -q "hoạt động" "$T/out" || fail "the table says an account is active"

# --- add, its password from a file ------------------------------------------
printf 'mat-khau-tu-tep-dai\n' >pw.txt
ok user add --db d.db --role officer --agency so-tttt --password-file pw.txt \
    cb-moi
grep -q "mat-khau" "$T/out" && fail "a given password is printed back"
ko user add --db d.db --role officer cb-khong-co-quan
err_has "agency"
eq "$(sql d.db "SELECT count(*) FROM account WHERE login =
    'cb-khong-co-quan'")" 0 "no officer without an agency"

# --- reset: generated, shown once, must change ---------------------------
ok user reset --db d.db --user quan-tri cb-moi --generate
temp=$(sed -n 's/^Mật khẩu tạm thời: //p' "$T/out")
echo "$temp" | grep -Eq '^[a-z2-9]{4}(-[a-z2-9]{4}){3}$' ||
    fail "a readable generated password, got '$temp'"
eq "$(sql d.db "SELECT must_change FROM account WHERE login = 'cb-moi'")" 1 \
    "must change after a reset"
eq "$(sql d.db "SELECT actor, action, key FROM audit WHERE action =
    'account.reset'")" "quan-tri|account.reset|cb-moi" "the reset's audit row"
ok user list --db d.db
grep "cb-moi" "$T/out" | grep -q "phải đổi mật khẩu" ||
    fail "the list says cb-moi must change its password"
# from a file, from stdin; an empty or weak one is refused
printf 'mat-khau-tam-thoi-2\r\n' >tmp.txt
ok user reset --db d.db cb-moi --password-file tmp.txt
grep -q "mat-khau-tam-thoi-2" "$T/out" && fail "a given password is printed"
h0=$(sql d.db "SELECT pwhash FROM account WHERE login = 'cb-moi'")
printf 'ngan\n' >weak.txt
ko user reset --db d.db cb-moi --password-file weak.txt
err_has "12"
: >empty.txt
ko user reset --db d.db cb-moi --password-file empty.txt
err_has "mật khẩu|password"
ko user reset --db d.db cb-moi # stdin is /dev/null: nothing to read
eq "$(sql d.db "SELECT pwhash FROM account WHERE login = 'cb-moi'")" "$h0" \
    "refused resets leave the password"
printf 'mat-khau-tu-stdin-dai\n' | "$DTI" user reset --db d.db cb-moi \
    --password-file - >"$T/out" 2>"$T/err" || fail "reset from stdin"
[ "$(sql d.db "SELECT pwhash FROM account WHERE login = 'cb-moi'")" != "$h0" ] ||
    fail "the reset from stdin changed nothing"
ko user reset --db d.db khong-co --generate
err_has "khong-co"
run user reset --db d.db cb-moi --generate --password-file tmp.txt
eq "$rc" 2 "--generate with --password-file: a usage error"
run user reset --db d.db cb-moi mat-khau-tren-dong-lenh
eq "$rc" 2 "a password on the command line is not taken"

# --- disable, enable, the last admin ------------------------------------
ok user disable --db d.db cb-khdt
eq "$(sql d.db "SELECT disabled, disabled_by IS NOT NULL FROM account WHERE
    login = 'cb-khdt'")" "1|1" "disabled, and by whom"
ok user list --db d.db --format csv
csv_is "$T/out" login cb-khdt state=disabled
ok user enable --db d.db cb-khdt
eq "$(sql d.db "SELECT disabled FROM account WHERE login = 'cb-khdt'")" 0 \
    "enabled"
eq "$(sql d.db "SELECT group_concat(action, ' ') FROM audit WHERE key =
    'cb-khdt' AND action LIKE 'account.%able'")" \
    "account.disable account.enable" "both audited"
n0=$(sql d.db "SELECT count(*) FROM audit")
ko user disable --db d.db admin
err_has "quản trị viên duy nhất|last active admin"
ko user set --db d.db admin --role viewer
err_has "quản trị viên duy nhất|last active admin"
ko user disable --db d.db khong-co
err_has "khong-co"
eq "$(sql d.db "SELECT role, disabled FROM account WHERE login = 'admin'")" \
    "admin|0" "the last admin untouched"
eq "$(sql d.db "SELECT count(*) FROM audit")" "$n0" "refusals logged nothing"

# --- role and agency ------------------------------------------------------
ok user set --db d.db cb-khdt --role coordinator
eq "$(sql d.db "SELECT role, agency FROM account WHERE login = 'cb-khdt'")" \
    "coordinator|so-khdt" "a coordinator keeps its agency"
ok user set --db d.db cb-khdt --role officer --agency so-tttt
eq "$(sql d.db "SELECT role, agency FROM account WHERE login = 'cb-khdt'")" \
    "officer|so-tttt" "another agency"
ko user set --db d.db cb-khdt --role officer --agency khong-co
err_has "khong-co"
ko user set --db d.db cb-khdt --role viewer --agency so-tttt
err_has "viewer"
ko user set --db d.db cb-khdt --role chu-tich
err_has "chu-tich"
run user set --db d.db cb-khdt
eq "$rc" 2 "set without --role: a usage error"
eq "$(sql d.db "SELECT role, agency FROM account WHERE login = 'cb-khdt'")" \
    "officer|so-tttt" "refused changes left the account"
eq "$(sql d.db "SELECT old, new FROM audit WHERE action = 'account.role'
    ORDER BY id")" "officer so-khdt|coordinator so-khdt
coordinator so-khdt|officer so-tttt" "role changes audited, old and new"

# --- sessions: listed and ended (made as a login would) --------------------
aid=$(sql d.db "SELECT id FROM account WHERE login = 'cb-sotttt'")
now=$(date +%s)
for i in 1 2 3; do
	sql_w d.db "INSERT INTO session (token_hash, public_id, account, csrf,
	    address, created_at, last_seen, expires_at) VALUES ('h$i',
	    'id000000000000$i', $aid, 'c', '10.0.0.$i', $now, $now,
	    $now + 3600)"
done
ok user sessions --db d.db cb-sotttt --format csv
eq "$(csv_rows "$T/out")" 3 "three sessions listed"
csv_is "$T/out" id id0000000000002 ended=0 live=1 address=10.0.0.2
grep -q "h2" "$T/out" && fail "a token hash is listed"
ok user sessions --db d.db cb-sotttt
grep -q "đang dùng" "$T/out" || fail "the table says a session is in use"
ok user end-session --db d.db cb-sotttt id0000000000002
eq "$(sql d.db "SELECT ended, ended_at IS NOT NULL FROM session WHERE
    public_id = 'id0000000000002'")" "1|1" "that session ended"
ko user end-session --db d.db cb-sotttt id0000000000002
err_has "id0000000000002"
ko user end-session --db d.db cb-khdt id0000000000001
err_has "cb-khdt"
eq "$(sql d.db "SELECT ended FROM session WHERE public_id =
    'id0000000000001'")" 0 "another account cannot end it"
ok user end-session --db d.db cb-sotttt --all
grep -q ": 2$" "$T/out" || fail "two sessions ended by --all: $(cat "$T/out")"
eq "$(sql d.db "SELECT count(*) FROM session WHERE ended = 0")" 0 \
    "no session left open"
eq "$(sql d.db "SELECT count(*) FROM session")" 3 "none deleted"
run user end-session --db d.db cb-sotttt
eq "$rc" 2 "end-session without an id or --all: a usage error"
ko user sessions --db d.db khong-co
err_has "khong-co"

# --- a disabled account's sessions end; a reset ends them too --------------
sql_w d.db "INSERT INTO session (token_hash, public_id, account, csrf,
    created_at, last_seen, expires_at) VALUES ('h9', 'id0000000000009', $aid,
    'c', $now, $now, $now + 3600)"
ok user disable --db d.db cb-sotttt
eq "$(sql d.db "SELECT ended FROM session WHERE token_hash = 'h9'")" 1 \
    "disabling ended its session"
ok user enable --db d.db cb-sotttt
eq "$(sql d.db "SELECT group_concat(action, ' ') FROM audit WHERE
    entity = 'account' AND key = 'cb-sotttt'")" \
    "account.add session.end session.end_all account.disable account.enable" \
    "the account's history in the audit log"

# --- English ---------------------------------------------------------------
DTI_LANG=en run user disable --db d.db admin
err_has "last active admin"
DTI_LANG=en ok user list --db d.db
grep -q "active" "$T/out" || fail "English list"
echo "db.cli.accounts: ok"
