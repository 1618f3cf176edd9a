/*
 * sq_stmt.c: statements: the prepared-statement cache, binding, errors mapped to
 * store codes, and the small helpers every subject file uses.
 */
#include "store/sqlite/sq.h"

/*
 * sq_vseterr(s, code, vi, en, ap): make the error of kind ${code}, its
 * texts formatted from ${ap}, the last error of ${s}.
 */
void
sq_vseterr(
    struct store *s, int code, const char *vi, const char *en, va_list ap)
{
	diag_free(&s->sqs_err);
	s->sqs_errcode = code;
	diag_vadd(&s->sqs_err, DIAG_ERROR, store_diag_code(code), NULL, 0, 0,
	    vi, en, ap);
}

/* sq_seterr(s, code, vi, en, ...): sq_vseterr() with the arguments. */
void
sq_seterr(struct store *s, int code, const char *vi, const char *en, ...)
{
	va_list ap;

	va_start(ap, en);
	sq_vseterr(s, code, vi, en, ap);
	va_end(ap);
}

/* Map an SQLite failure to a store error with a message a user can act on. */
int
sq_dberr(struct store *s, int rc)
{
	int prim = rc & 0xff;

	if (prim == SQLITE_BUSY || prim == SQLITE_LOCKED) {
		sq_seterr(s, STORE_EBUSY,
		    "cơ sở dữ liệu đang bận: một tiến trình khác đang ghi; hãy thử lại%s",
		    "the database is busy: another process is writing; try again%s",
		    "");
		return STORE_EBUSY;
	}
	if (prim == SQLITE_NOTADB || prim == SQLITE_CORRUPT) {
		sq_seterr(s, STORE_ENOTDB,
		    "tệp không phải cơ sở dữ liệu dti hoặc đã hỏng (%s); tệp không bị thay đổi",
		    "the file is not a dti database or is damaged (%s); it was not modified",
		    sqlite3_errstr(rc));
		return STORE_ENOTDB;
	}
	if (prim == SQLITE_CONSTRAINT) {
		sq_seterr(s, STORE_ECONFLICT, "dữ liệu vi phạm ràng buộc: %s",
		    "constraint violated: %s", sqlite3_errmsg(s->sqs_db));
		return STORE_ECONFLICT;
	}
	sq_seterr(s, STORE_EIO, "lỗi cơ sở dữ liệu: %s", "database error: %s",
	    sqlite3_errmsg(s->sqs_db));
	return STORE_EIO;
}

int
store_diag(struct store *s, struct diag *d)
{
	const struct diag_item *it;

	if (s->sqs_errcode == 0 || s->sqs_err.d_n == 0)
		return 0;
	it = &s->sqs_err.d_items[0];
	diag_put(d, DIAG_ERROR, it->di_code, NULL, 0, 0, it->di_vi, it->di_en);
	return s->sqs_errcode;
}

/* A cached prepared statement for ${sql}, reset and unbound. */
sqlite3_stmt *
sq_prep(struct store *s, const char *sql)
{
	sqlite3_stmt *st;
	int i, rc;

	for (i = 0; i < s->sqs_ncache; i++) {
		if (s->sqs_cache[i].sqc_sql == sql) {
			st = s->sqs_cache[i].sqc_stmt;
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return st;
		}
	}
	rc = sqlite3_prepare_v3(
	    s->sqs_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
	if (rc != SQLITE_OK) {
		sq_dberr(s, rc);
		return NULL;
	}
	if (s->sqs_ncache < SQ_NCACHE) {
		s->sqs_cache[s->sqs_ncache].sqc_sql = sql;
		s->sqs_cache[s->sqs_ncache++].sqc_stmt = st;
	}
	return st;
}

/* Statements beyond the cache are finalized by the caller via sq_done(). */
void
sq_done(struct store *s, sqlite3_stmt *st)
{
	int i;

	for (i = 0; i < s->sqs_ncache; i++) {
		if (s->sqs_cache[i].sqc_stmt == st) {
			sqlite3_reset(st);
			return;
		}
	}
	sqlite3_finalize(st);
}

/*
 * sq_bindv(st, fmt, ap): bind parameters by type letters, taking them from
 * ${ap} (left after the last one taken): s text (NULL binds
 * NULL), i long, d double (NaN binds NULL), b blob (pointer, size_t).
 */
int
sq_bindv(sqlite3_stmt *st, const char *fmt, va_list *ap)
{
	int i, rc = SQLITE_OK;

	for (i = 0; fmt[i] != '\0' && rc == SQLITE_OK; i++) {
		switch (fmt[i]) {
		case 's': {
			const char *v = va_arg(*ap, const char *);

			rc = v ? sqlite3_bind_text(
				     st, i + 1, v, -1, SQLITE_TRANSIENT)
			       : sqlite3_bind_null(st, i + 1);
			break;
		}
		case 'i':
			rc = sqlite3_bind_int64(
			    st, i + 1, (sqlite3_int64)va_arg(*ap, long));
			break;
		case 'd': {
			double v = va_arg(*ap, double);

			rc = isnan(v) ? sqlite3_bind_null(st, i + 1)
				      : sqlite3_bind_double(st, i + 1, v);
			break;
		}
		case 'b': {
			const void *p = va_arg(*ap, const void *);
			size_t n = va_arg(*ap, size_t);

			rc = sqlite3_bind_blob64(
			    st, i + 1, p, n, SQLITE_TRANSIENT);
			break;
		}
		default: rc = SQLITE_MISUSE;
		}
	}
	return rc;
}

/* sq_query(s, sql, fmt, ...): a prepared, bound statement ready to step. */
sqlite3_stmt *
sq_query(struct store *s, const char *sql, const char *fmt, ...)
{
	sqlite3_stmt *st = sq_prep(s, sql);
	va_list ap;
	int rc;

	if (st == NULL)
		return NULL;
	va_start(ap, fmt);
	rc = sq_bindv(st, fmt, &ap);
	va_end(ap);
	if (rc != SQLITE_OK) {
		sq_dberr(s, rc);
		sq_done(s, st);
		return NULL;
	}
	return st;
}

/* sq_exec(s, sql, fmt, ...): run a statement that returns no rows. */
int
sq_exec(struct store *s, const char *sql, const char *fmt, ...)
{
	sqlite3_stmt *st = sq_prep(s, sql);
	va_list ap;
	int rc;

	if (st == NULL)
		return s->sqs_errcode;
	va_start(ap, fmt);
	rc = sq_bindv(st, fmt, &ap);
	va_end(ap);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	sq_done(s, st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return sq_dberr(s, rc);
	return 0;
}

const char *
sq_text(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

void
sq_now(char out[21])
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int
sq_simple(struct store *s, const char *sql)
{
	int rc = sqlite3_exec(s->sqs_db, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? 0 : sq_dberr(s, rc);
}

/*
 * sq_one(s, map, out, miss, sql, fmt, ...): bind the arguments that ${fmt}
 * names, step once and hand the row to ${map}(st, out) (NULL: only whether
 * there is one). No row: STORE_ENOTFOUND, with ${miss} formatted by the
 * arguments that follow the bound ones as its message (NULL: none).
 */
int
sq_one(struct store *s, sq_map *map, void *out, const struct sq_missing *miss,
    const char *sql, const char *fmt, ...)
{
	sqlite3_stmt *st = sq_prep(s, sql);
	const char *bad = NULL;
	va_list ap;
	int rc;

	if (st == NULL)
		return s->sqs_errcode;
	va_start(ap, fmt);
	rc = sq_bindv(st, fmt, &ap);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && map != NULL)
		bad = map(st, out);
	if (bad != NULL) {
		va_end(ap);
		return sq_bad_column(s, st, bad);
	}
	sq_done(s, st);
	if (rc == SQLITE_DONE && miss != NULL) {
		sq_vseterr(s, STORE_ENOTFOUND, miss->sqm_vi, miss->sqm_en, ap);
	}
	va_end(ap);
	if (rc == SQLITE_DONE)
		return STORE_ENOTFOUND;
	return rc == SQLITE_ROW ? 0 : sq_dberr(s, rc);
}

/* sq_each_end(s, st, rc): finish a walk over rows that ended with ${rc}. */
int
sq_each_end(struct store *s, sqlite3_stmt *st, int rc)
{
	sq_done(s, st);
	/* SQLITE_ROW left: the callback stopped early */
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return sq_dberr(s, rc);
	return 0;
}

/*
 * sq_bad_column(s, st, column): end the statement ${st}, whose row holds in
 * ${column} a text the domain does not know: a damaged database.
 */
int
sq_bad_column(struct store *s, sqlite3_stmt *st, const char *column)
{
	sq_done(s, st);
	sq_seterr(s, STORE_EIO,
	    "cơ sở dữ liệu có giá trị không hợp lệ ở cột %s",
	    "the database holds an unknown value in column %s", column);
	return STORE_EIO;
}

/* sq_map_long(st, out): the first column as a long. */
const char *
sq_map_long(sqlite3_stmt *st, void *out)
{
	*(long *)out = (long)sqlite3_column_int64(st, 0);
	return NULL;
}

/* sq_map_text(st, out): the first column into a struct sq_textbuf. */
const char *
sq_map_text(sqlite3_stmt *st, void *out)
{
	const struct sq_textbuf *b = out;

	snprintf(b->sqt_buf, b->sqt_size, "%s",
	    sq_text(st, 0) != NULL ? sq_text(st, 0) : "");
	return NULL;
}
