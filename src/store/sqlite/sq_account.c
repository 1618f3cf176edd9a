/*
 * sq_account.c: accounts and sessions of the server.
 */
#include "store/sqlite/sq.h"

int
store_account_add(struct store *s, const char *login, const char *pwhash,
    const char *role, const char *agency, const char *actor)
{
	char at[21];
	int rc;

	sq_now(at);
	rc = sq_exec(s,
	    "INSERT INTO account (login, pwhash, role, agency, created_at)"
	    " VALUES (?, ?, ?, ?, ?)",
	    "sssss", login, pwhash, role, agency, at);
	if (rc == STORE_ECONFLICT) {
		sq_seterr(s, STORE_ECONFLICT,
		    "tài khoản '%s' đã có, hoặc vai trò/cơ quan không hợp lệ",
		    "account '%s' exists already, or the role or agency is invalid",
		    login);
		return rc;
	}
	if (rc != 0)
		return rc;
	return store_audit(
	    s, actor, "account.add", "account", login, NULL, role, agency);
}

static void
account_row(sqlite3_stmt *st, int base, struct st_account *a)
{
	memset(a, 0, sizeof(*a));
	a->sa_id = (long)sqlite3_column_int64(st, base);
	snprintf(a->sa_login, sizeof(a->sa_login), "%s", sq_text(st, base + 1));
	snprintf(
	    a->sa_pwhash, sizeof(a->sa_pwhash), "%s", sq_text(st, base + 2));
	snprintf(a->sa_role, sizeof(a->sa_role), "%s", sq_text(st, base + 3));
	if (sq_text(st, base + 4) != NULL)
		snprintf(a->sa_agency, sizeof(a->sa_agency), "%s",
		    sq_text(st, base + 4));
	a->sa_disabled = sqlite3_column_int(st, base + 5);
}

int
store_account_get(struct store *s, const char *login, struct st_account *a)
{
	sqlite3_stmt *st = sq_query(s,
	    "SELECT id, login, pwhash, role, agency, disabled FROM account"
	    " WHERE login = ?",
	    "s", login);
	int rc;

	if (st == NULL)
		return s->s_err.se_code;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		account_row(st, 0, a);
	sq_done(s, st);
	if (rc == SQLITE_DONE) {
		sq_seterr(s, STORE_ENOTFOUND, "không có tài khoản '%s'",
		    "no account '%s'", login);
		return STORE_ENOTFOUND;
	}
	return rc == SQLITE_ROW ? 0 : sq_dberr(s, rc);
}

int
store_account_each(
    struct store *s, int (*cb)(void *, const struct st_account *), void *ctx)
{
	sqlite3_stmt *st = sq_query(s,
	    "SELECT id, login, '', role, agency, disabled FROM account"
	    " ORDER BY id",
	    "");

	if (st == NULL)
		return s->s_err.se_code;
	SQ_EACH_ROWS(s, st, {
		struct st_account a;

		account_row(st, 0, &a);
		if (cb(ctx, &a) != 0)
			break;
	});
	return 0;
}

int
store_session_add(struct store *s, const char *token_hash, long account,
    const char *csrf, long now, long expires)
{
	return sq_exec(s,
	    "INSERT INTO session (token_hash, account, csrf, created_at,"
	    " last_seen, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
	    "sisiii", token_hash, account, csrf, now, now, expires);
}

int
store_session_get(
    struct store *s, const char *token_hash, struct st_session *out)
{
	sqlite3_stmt *st = sq_query(s,
	    "SELECT a.id, a.login, '', a.role, a.agency, a.disabled, s.csrf,"
	    " s.created_at, s.last_seen, s.expires_at FROM session s"
	    " JOIN account a ON a.id = s.account"
	    " WHERE s.token_hash = ? AND s.ended = 0",
	    "s", token_hash);
	int rc;

	if (st == NULL)
		return s->s_err.se_code;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		account_row(st, 0, &out->ss_account);
		snprintf(
		    out->ss_csrf, sizeof(out->ss_csrf), "%s", sq_text(st, 6));
		out->ss_created = (long)sqlite3_column_int64(st, 7);
		out->ss_last_seen = (long)sqlite3_column_int64(st, 8);
		out->ss_expires = (long)sqlite3_column_int64(st, 9);
	}
	sq_done(s, st);
	if (rc == SQLITE_DONE)
		return STORE_ENOTFOUND;
	return rc == SQLITE_ROW ? 0 : sq_dberr(s, rc);
}

int
store_session_touch(struct store *s, const char *token_hash, long now)
{
	int rc;

	if (s->s_holds_write)
		return sq_exec(s,
		    "UPDATE session SET last_seen = ? WHERE token_hash = ?",
		    "is", now, token_hash);
	sq_write_acquire(s); /* a write too: queue like the others */
	rc = sq_exec(s, "UPDATE session SET last_seen = ? WHERE token_hash = ?",
	    "is", now, token_hash);
	sq_write_release(s);
	return rc;
}

int
store_session_end(struct store *s, const char *token_hash)
{
	return sq_exec(s, "UPDATE session SET ended = 1 WHERE token_hash = ?",
	    "s", token_hash);
}
