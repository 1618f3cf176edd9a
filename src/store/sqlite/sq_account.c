/*
 * sq_account.c: accounts and sessions of the server.
 */
#include "store/sqlite/sq.h"

/* account_add(s, login, pwhash, role, agency, actor): role as stored. */
static int
account_add(struct store *s, const char *login, const char *pwhash,
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
	return sq_audit(s, actor, "account.add", "account", login, NULL, role,
	    agency, NULL);
}

int
store_account_create(
    struct store *s, const struct st_account_new *a, const char *actor)
{
	return account_add(s, a->san_login, a->san_pwhash,
	    role_name(a->san_role), a->san_agency, actor);
}

/* account_map(st, out): columns id, login, pwhash, role, agency, disabled. */
static const char *
account_map(sqlite3_stmt *st, void *out)
{
	struct st_account *a = out;

	memset(a, 0, sizeof(*a));
	a->sac_id = (long)sqlite3_column_int64(st, 0);
	snprintf(a->sac_login, sizeof(a->sac_login), "%s", sq_text(st, 1));
	snprintf(a->sac_pwhash, sizeof(a->sac_pwhash), "%s", sq_text(st, 2));
	if (role_parse(sq_text(st, 3), &a->sac_role) != 0)
		return "account.role";
	if (sq_text(st, 4) != NULL)
		snprintf(
		    a->sac_agency, sizeof(a->sac_agency), "%s", sq_text(st, 4));
	a->sac_disabled = sqlite3_column_int(st, 5);
	return NULL;
}

int
store_account_get(struct store *s, const char *login, struct st_account *a)
{
	static const struct sq_missing miss = {
		"không có tài khoản '%s'",
		"no account '%s'",
	};

	return sq_one(s, account_map, a, &miss,
	    "SELECT id, login, pwhash, role, agency, disabled FROM account"
	    " WHERE login = ?",
	    "s", login, login);
}

int
store_account_set_password(
    struct store *s, const char *login, const char *pwhash, const char *keep)
{
	struct st_account a;
	int rc = store_account_get(s, login, &a);

	if (rc != 0)
		return rc;
	rc = sq_exec(s, "UPDATE account SET pwhash = ? WHERE id = ?", "si",
	    pwhash, a.sac_id);
	if (rc == 0)
		rc = sq_exec(s,
		    "UPDATE session SET ended = 1 WHERE account = ?"
		    " AND token_hash IS NOT ?",
		    "is", a.sac_id, keep);
	if (rc != 0)
		return rc;
	return sq_audit(s, login, "account.password", "account", login, NULL,
	    NULL, NULL, NULL);
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
		return s->sqs_errcode;
	SQ_EACH(s, st, struct st_account, account_map, cb, ctx);
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

static const char *
session_map(sqlite3_stmt *st, void *arg)
{
	struct st_session *out = arg;

	account_map(st, &out->ss_account);
	snprintf(out->ss_csrf, sizeof(out->ss_csrf), "%s", sq_text(st, 6));
	out->ss_created = (long)sqlite3_column_int64(st, 7);
	out->ss_last_seen = (long)sqlite3_column_int64(st, 8);
	out->ss_expires = (long)sqlite3_column_int64(st, 9);
	return NULL;
}

int
store_session_get(
    struct store *s, const char *token_hash, struct st_session *out)
{
	return sq_one(s, session_map, out, NULL,
	    "SELECT a.id, a.login, '', a.role, a.agency, a.disabled, s.csrf,"
	    " s.created_at, s.last_seen, s.expires_at FROM session s"
	    " JOIN account a ON a.id = s.account"
	    " WHERE s.token_hash = ? AND s.ended = 0",
	    "s", token_hash);
}

int
store_session_touch(struct store *s, const char *token_hash, long now)
{
	int rc;

	if (s->sqs_holds_write)
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
