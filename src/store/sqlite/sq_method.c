/*
 * sq_method.c: methodologies (each loaded text a version) and the
 * responsibilities of agencies for indicators.
 */
#include "store/sqlite/sq.h"

int
store_method_load(struct store *s, const struct st_method_text *m,
    const char *actor, long *id)
{
	const char *code = m->smt_code, *version = m->smt_version;
	const char *name = m->smt_name, *yaml = m->smt_yaml;
	size_t len = m->smt_len;
	char sha[65], at[21];
	sqlite3_stmt *st;
	int rc;

	sha256_hex(yaml, len, sha);
	rc = sq_one(s, sq_map_long, id, NULL,
	    "SELECT id FROM methodology WHERE sha256 = ?", "s", sha);
	if (rc != STORE_ENOTFOUND)
		return rc;
	sq_now(at);
	st = sq_query(s,
	    "INSERT INTO methodology (code, version, name, yaml, sha256,"
	    " loaded_at, loaded_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
	    "sssssss", code, version, name, "", sha, at, actor);
	if (st == NULL)
		return s->sqs_errcode;
	/* the text is bound with its length: it need not end in NUL */
	sqlite3_bind_text64(st, 4, yaml, len, SQLITE_TRANSIENT, SQLITE_UTF8);
	rc = sqlite3_step(st);
	sq_done(s, st);
	if (rc != SQLITE_DONE)
		return sq_dberr(s, rc);
	*id = (long)sqlite3_last_insert_rowid(s->sqs_db);
	return sq_audit(s, actor, "methodology.load", "methodology", sha, NULL,
	    version, code, NULL);
}

/* yaml_map(st, out): the first column, malloc'd, into a struct sq_blob. */
static const char *
yaml_map(sqlite3_stmt *st, void *out)
{
	const struct sq_blob *b = out;

	*b->sqb_len = (size_t)sqlite3_column_bytes(st, 0);
	*b->sqb_data = xstrndup(sq_text(st, 0), *b->sqb_len);
	return NULL;
}

static const struct sq_missing no_method = {
	"không có phương pháp số %ld",
	"no methodology %ld",
};

int
store_method_text(struct store *s, long id, char **out, size_t *len)
{
	struct sq_blob b = { (void **)out, len };

	return sq_one(s, yaml_map, &b, &no_method,
	    "SELECT yaml FROM methodology WHERE id = ?", "i", id, id);
}

int
store_method_sha(struct store *s, long id, char out[65])
{
	struct sq_textbuf b = { out, 65 };

	return sq_one(s, sq_map_text, &b, &no_method,
	    "SELECT sha256 FROM methodology WHERE id = ?", "i", id, id);
}

int
store_method_latest(struct store *s, long *id)
{
	*id = 0;
	/* max() gives one row, NULL when empty; a failure reads as none */
	(void)sq_one(
	    s, sq_map_long, id, NULL, "SELECT max(id) FROM methodology", "");
	if (*id == 0) {
		sq_seterr(s, STORE_ENOTFOUND, "chưa có phương pháp nào",
		    "no methodology loaded");
		return STORE_ENOTFOUND;
	}
	return 0;
}

static const char *
method_map(sqlite3_stmt *st, void *out)
{
	struct st_method *m = out;

	m->sm_id = (long)sqlite3_column_int64(st, 0);
	m->sm_code = sq_text(st, 1);
	m->sm_version = sq_text(st, 2);
	m->sm_name = sq_text(st, 3);
	m->sm_sha256 = sq_text(st, 4);
	m->sm_loaded_at = sq_text(st, 5);
	return NULL;
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
		return s->sqs_errcode;
	SQ_EACH(s, st, struct st_method, method_map, cb, ctx);
}

int
store_resp_put(struct store *s, long method, const struct st_resp *r)
{
	const char *item = r->sr_item, *agency = r->sr_agency;
	const char *role = r->sr_role;

	return sq_exec(s,
	    "INSERT OR IGNORE INTO responsibility (methodology, item, agency,"
	    " role) SELECT ?, ?, id, ? FROM agency WHERE code = ?",
	    "isss", method, item, role, agency);
}

static const char *
resp_map(sqlite3_stmt *st, void *out)
{
	struct st_resp *r = out;

	r->sr_item = sq_text(st, 0);
	r->sr_agency = sq_text(st, 1);
	r->sr_role = sq_text(st, 2);
	return NULL;
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
		return s->sqs_errcode;
	SQ_EACH(s, st, struct st_resp, resp_map, cb, ctx);
}
