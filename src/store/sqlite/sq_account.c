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

/*
 * The columns account_map reads, in order (a session's follow them).
 */
#define ACCOUNT_COLS \
	"a.id, a.login, a.pwhash, a.role, a.agency, a.disabled," \
	" a.must_change, a.disabled_at, a.disabled_by"
#define ACCOUNT_NCOLS 9

/* account_map(st, out): the columns of ACCOUNT_COLS. */
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
	a->sac_must_change = sqlite3_column_int(st, 6);
	if (sq_text(st, 7) != NULL)
		snprintf(a->sac_disabled_at, sizeof(a->sac_disabled_at), "%s",
		    sq_text(st, 7));
	if (sq_text(st, 8) != NULL)
		snprintf(a->sac_disabled_by, sizeof(a->sac_disabled_by), "%s",
		    sq_text(st, 8));
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
	    "SELECT " ACCOUNT_COLS " FROM account a WHERE a.login = ?", "s",
	    login, login);
}

/*
 * sessions_end(s, account, keep, n): end every live session of account id
 * ${account} but the one whose token hash is ${keep} (NULL: all); ${n}
 * (may be NULL) receives how many.
 */
static int
sessions_end(struct store *s, long account, const char *keep, long *n)
{
	int rc = sq_exec(s,
	    "UPDATE session SET ended = 1, ended_at = ? WHERE account = ?"
	    " AND ended = 0 AND token_hash IS NOT ?",
	    "iis", (long)time(NULL), account, keep);

	if (rc == 0 && n != NULL)
		*n = (long)sqlite3_changes(s->sqs_db);
	return rc;
}

int
store_account_set_password(
    struct store *s, const char *login, const char *pwhash, const char *keep)
{
	struct st_account a;
	int rc = store_account_get(s, login, &a);

	if (rc != 0)
		return rc;
	rc = sq_exec(s,
	    "UPDATE account SET pwhash = ?, must_change = 0 WHERE id = ?", "si",
	    pwhash, a.sac_id);
	if (rc == 0)
		rc = sessions_end(s, a.sac_id, keep, NULL);
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
	    "SELECT a.id, a.login, '', a.role, a.agency, a.disabled,"
	    " a.must_change, a.disabled_at, a.disabled_by FROM account a"
	    " ORDER BY a.id",
	    "");

	if (st == NULL)
		return s->sqs_errcode;
	SQ_EACH(s, st, struct st_account, account_map, cb, ctx);
}

int
store_session_add(struct store *s, const struct st_session_new *n)
{
	return sq_exec(s,
	    "INSERT INTO session (token_hash, public_id, account, csrf,"
	    " address, user_agent, created_at, last_seen, expires_at)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    "ssisssiii", n->ssn_token_hash, n->ssn_id, n->ssn_account,
	    n->ssn_csrf, n->ssn_address, n->ssn_agent, n->ssn_now, n->ssn_now,
	    n->ssn_expires);
}

static const char *
session_map(sqlite3_stmt *st, void *arg)
{
	struct st_session *out = arg;
	const char *bad = account_map(st, &out->ss_account);

	snprintf(out->ss_csrf, sizeof(out->ss_csrf), "%s",
	    sq_text(st, ACCOUNT_NCOLS));
	out->ss_created = (long)sqlite3_column_int64(st, ACCOUNT_NCOLS + 1);
	out->ss_last_seen = (long)sqlite3_column_int64(st, ACCOUNT_NCOLS + 2);
	out->ss_expires = (long)sqlite3_column_int64(st, ACCOUNT_NCOLS + 3);
	snprintf(out->ss_id, sizeof(out->ss_id), "%s",
	    sq_text(st, ACCOUNT_NCOLS + 4) ? sq_text(st, ACCOUNT_NCOLS + 4)
					   : "");
	return bad;
}

int
store_session_get(
    struct store *s, const char *token_hash, struct st_session *out)
{
	return sq_one(s, session_map, out, NULL,
	    "SELECT " ACCOUNT_COLS ", s.csrf, s.created_at, s.last_seen,"
	    " s.expires_at, s.public_id FROM session s"
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

/* account_id(s, login, id): the id of account ${login}; STORE_ENOTFOUND. */
static int
account_id(struct store *s, const char *login, long *id)
{
	struct st_account a;
	int rc = store_account_get(s, login, &a);

	if (rc == 0)
		*id = a.sac_id;
	return rc;
}

int
store_account_reset(
    struct store *s, const char *login, const char *pwhash, const char *actor)
{
	long id, n = 0;
	char why[48];
	int rc = account_id(s, login, &id);

	if (rc == 0)
		rc = sq_exec(s,
		    "UPDATE account SET pwhash = ?, must_change = 1"
		    " WHERE id = ?",
		    "si", pwhash, id);
	if (rc == 0)
		rc = sessions_end(s, id, NULL, &n);
	if (rc != 0)
		return rc;
	snprintf(why, sizeof(why), "sessions ended: %ld", n);
	return sq_audit(s, actor, "account.reset", "account", login, NULL,
	    "must_change", why, NULL);
}

int
store_account_set_disabled(
    struct store *s, const char *login, int disabled, const char *actor)
{
	long id, n = 0;
	char at[21], why[48];
	int rc = account_id(s, login, &id);

	if (rc != 0)
		return rc;
	sq_now(at);
	if (disabled) {
		rc = sq_exec(s,
		    "UPDATE account SET disabled = 1, disabled_at = ?,"
		    " disabled_by = ? WHERE id = ?",
		    "ssi", at, actor, id);
		if (rc == 0)
			rc = sessions_end(s, id, NULL, &n);
	} else {
		/* who disabled it and when stay, for the record */
		rc = sq_exec(
		    s, "UPDATE account SET disabled = 0 WHERE id = ?", "i", id);
	}
	if (rc != 0)
		return rc;
	snprintf(why, sizeof(why), "sessions ended: %ld", n);
	return sq_audit(s, actor,
	    disabled ? "account.disable" : "account.enable", "account", login,
	    disabled ? "enabled" : "disabled",
	    disabled ? "disabled" : "enabled", disabled ? why : NULL, NULL);
}

int
store_account_set_role(struct store *s, const char *login, enum role role,
    const char *agency, const char *actor)
{
	struct st_account a;
	char old[160], new[160];
	int rc = store_account_get(s, login, &a);

	if (rc != 0)
		return rc;
	rc = sq_exec(s, "UPDATE account SET role = ?, agency = ? WHERE id = ?",
	    "ssi", role_name(role), agency, a.sac_id);
	if (rc == STORE_ECONFLICT) {
		sq_seterr(s, STORE_ECONFLICT, "không có cơ quan '%s'",
		    "no agency '%s'", agency ? agency : "");
		return rc;
	}
	if (rc == 0)
		rc = sessions_end(s, a.sac_id, NULL, NULL);
	if (rc != 0)
		return rc;
	snprintf(old, sizeof(old), "%s %s", role_name(a.sac_role),
	    a.sac_agency[0] ? a.sac_agency : "-");
	snprintf(
	    new, sizeof(new), "%s %s", role_name(role), agency ? agency : "-");
	return sq_audit(
	    s, actor, "account.role", "account", login, old, new, NULL, NULL);
}

int
store_account_admins(struct store *s, long *n)
{
	return sq_one(s, sq_map_long, n, NULL,
	    "SELECT count(*) FROM account WHERE role = 'admin'"
	    " AND disabled = 0",
	    "");
}

static const char *
session_info_map(sqlite3_stmt *st, void *arg)
{
	struct st_session_info *o = arg;

	memset(o, 0, sizeof(*o));
	snprintf(o->sse_id, sizeof(o->sse_id), "%s",
	    sq_text(st, 0) ? sq_text(st, 0) : "");
	o->sse_created = (long)sqlite3_column_int64(st, 1);
	o->sse_last_seen = (long)sqlite3_column_int64(st, 2);
	o->sse_expires = (long)sqlite3_column_int64(st, 3);
	o->sse_ended = sqlite3_column_int(st, 4);
	o->sse_ended_at = (long)sqlite3_column_int64(st, 5);
	if (sq_text(st, 6) != NULL)
		snprintf(o->sse_address, sizeof(o->sse_address), "%s",
		    sq_text(st, 6));
	if (sq_text(st, 7) != NULL)
		snprintf(
		    o->sse_agent, sizeof(o->sse_agent), "%s", sq_text(st, 7));
	return NULL;
}

int
store_session_each(struct store *s, const char *login,
    int (*cb)(void *, const struct st_session_info *), void *ctx)
{
	sqlite3_stmt *st;
	long id;
	int rc = account_id(s, login, &id);

	if (rc != 0)
		return rc;
	st = sq_query(s,
	    "SELECT public_id, created_at, last_seen, expires_at, ended,"
	    " ended_at, address, user_agent FROM session WHERE account = ?"
	    " ORDER BY created_at DESC, rowid DESC LIMIT 200",
	    "i", id);
	if (st == NULL)
		return s->sqs_errcode;
	SQ_EACH(s, st, struct st_session_info, session_info_map, cb, ctx);
}

int
store_session_end_id(
    struct store *s, const char *login, const char *id, const char *actor)
{
	long acc;
	int rc = account_id(s, login, &acc);

	if (rc != 0)
		return rc;
	rc = sq_exec(s,
	    "UPDATE session SET ended = 1, ended_at = ? WHERE account = ?"
	    " AND public_id = ? AND ended = 0",
	    "iis", (long)time(NULL), acc, id);
	if (rc != 0)
		return rc;
	if (sqlite3_changes(s->sqs_db) == 0) {
		sq_seterr(s, STORE_ENOTFOUND,
		    "tài khoản '%s' không có phiên đang mở '%s'",
		    "account '%s' has no open session '%s'", login, id);
		return STORE_ENOTFOUND;
	}
	return sq_audit(
	    s, actor, "session.end", "account", login, id, NULL, NULL, NULL);
}

int
store_session_end_all(
    struct store *s, const char *login, const char *actor, long *n)
{
	long acc;
	char why[48];
	int rc = account_id(s, login, &acc);

	if (rc == 0)
		rc = sessions_end(s, acc, NULL, n);
	if (rc != 0)
		return rc;
	snprintf(why, sizeof(why), "sessions ended: %ld", *n);
	return sq_audit(s, actor, "session.end_all", "account", login, NULL,
	    NULL, why, NULL);
}
