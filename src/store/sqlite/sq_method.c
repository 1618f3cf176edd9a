/*
 * sq_method.c: methodologies (each loaded text a version) and the
 * responsibilities of agencies for indicators.
 */
#include "store/sqlite/sq.h"

int
store_method_add(struct store *s, const char *code, const char *version,
    const char *name, const char *yaml, size_t len, const char *actor, long *id)
{
	char sha[65], at[21];
	sqlite3_stmt *st;
	int rc;

	sha256_hex(yaml, len, sha);
	st = sq_query(
	    s, "SELECT id FROM methodology WHERE sha256 = ?", "s", sha);
	if (st == NULL)
		return s->s_err.se_code;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = (long)sqlite3_column_int64(st, 0);
		sq_done(s, st);
		return 0;
	}
	sq_done(s, st);
	sq_now(at);
	st = sq_query(s,
	    "INSERT INTO methodology (code, version, name, yaml, sha256,"
	    " loaded_at, loaded_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
	    "sssssss", code, version, name, "", sha, at, actor);
	if (st == NULL)
		return s->s_err.se_code;
	/* the text is bound with its length: it need not end in NUL */
	sqlite3_bind_text64(st, 4, yaml, len, SQLITE_TRANSIENT, SQLITE_UTF8);
	rc = sqlite3_step(st);
	sq_done(s, st);
	if (rc != SQLITE_DONE)
		return sq_dberr(s, rc);
	*id = (long)sqlite3_last_insert_rowid(s->s_db);
	return store_audit(s, actor, "methodology.load", "methodology", sha,
	    NULL, version, code);
}

int
store_method_text(struct store *s, long id, char **out, size_t *len)
{
	sqlite3_stmt *st =
	    sq_query(s, "SELECT yaml FROM methodology WHERE id = ?", "i", id);
	int rc;

	if (st == NULL)
		return s->s_err.se_code;
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sq_done(s, st);
		if (rc != SQLITE_DONE)
			return sq_dberr(s, rc);
		sq_seterr(s, STORE_ENOTFOUND, "không có phương pháp số %ld",
		    "no methodology %ld", id);
		return STORE_ENOTFOUND;
	}
	*len = (size_t)sqlite3_column_bytes(st, 0);
	*out = xstrndup(sq_text(st, 0), *len);
	sq_done(s, st);
	return 0;
}

int
store_method_sha(struct store *s, long id, char out[65])
{
	sqlite3_stmt *st =
	    sq_query(s, "SELECT sha256 FROM methodology WHERE id = ?", "i", id);
	int rc;

	if (st == NULL)
		return s->s_err.se_code;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		snprintf(out, 65, "%s", sq_text(st, 0));
	sq_done(s, st);
	if (rc == SQLITE_DONE) {
		sq_seterr(s, STORE_ENOTFOUND, "không có phương pháp số %ld",
		    "no methodology %ld", id);
		return STORE_ENOTFOUND;
	}
	return rc == SQLITE_ROW ? 0 : sq_dberr(s, rc);
}

int
store_method_latest(struct store *s, long *id)
{
	sqlite3_stmt *st = sq_query(s, "SELECT max(id) FROM methodology", "");
	int rc;

	if (st == NULL)
		return s->s_err.se_code;
	rc = sqlite3_step(st);
	*id = rc == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : 0;
	sq_done(s, st);
	if (*id == 0) {
		sq_seterr(s, STORE_ENOTFOUND, "chưa có phương pháp nào",
		    "no methodology loaded");
		return STORE_ENOTFOUND;
	}
	return 0;
}

int
store_method_each(
    struct store *s, int (*cb)(void *, const struct st_method *), void *ctx)
{
	sqlite3_stmt *st = sq_query(s,
	    "SELECT id, code, version, name, sha256, loaded_at"
	    " FROM methodology ORDER BY id",
	    "");

	if (st == NULL)
		return s->s_err.se_code;
	SQ_EACH_ROWS(s, st, {
		struct st_method m;

		m.sm_id = (long)sqlite3_column_int64(st, 0);
		m.sm_code = sq_text(st, 1);
		m.sm_version = sq_text(st, 2);
		m.sm_name = sq_text(st, 3);
		m.sm_sha256 = sq_text(st, 4);
		m.sm_loaded_at = sq_text(st, 5);
		if (cb(ctx, &m) != 0)
			break;
	});
	return 0;
}

int
store_resp_add(struct store *s, long method, const char *item,
    const char *agency, const char *role)
{
	return sq_exec(s,
	    "INSERT OR IGNORE INTO responsibility (methodology, item, agency,"
	    " role) SELECT ?, ?, id, ? FROM agency WHERE code = ?",
	    "isss", method, item, role, agency);
}

int
store_resp_each(struct store *s, long method,
    int (*cb)(void *, const struct st_resp *), void *ctx)
{
	sqlite3_stmt *st = sq_query(s,
	    "SELECT r.item, a.code, r.role FROM responsibility r"
	    " JOIN agency a ON a.id = r.agency WHERE r.methodology = ?"
	    " ORDER BY r.rowid",
	    "i", method);

	if (st == NULL)
		return s->s_err.se_code;
	SQ_EACH_ROWS(s, st, {
		struct st_resp r;

		r.sr_item = sq_text(st, 0);
		r.sr_agency = sq_text(st, 1);
		r.sr_role = sq_text(st, 2);
		if (cb(ctx, &r) != 0)
			break;
	});
	return 0;
}
