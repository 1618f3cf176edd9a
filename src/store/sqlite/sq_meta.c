/*
 * sq_meta.c: settings (meta), row counts and the data version.
 */
#include "store/sqlite/sq.h"

int
store_counts(struct store *s, struct st_counts *c)
{
	sqlite3_stmt *st = sq_query(s,
	    "SELECT (SELECT count(*) FROM agency), (SELECT count(*) FROM unit),"
	    " (SELECT count(*) FROM task), (SELECT count(*) FROM target),"
	    " (SELECT count(*) FROM period),"
	    " (SELECT count(*) FROM value WHERE archived = 0),"
	    " (SELECT count(*) FROM audit)",
	    "");
	int rc;

	if (st == NULL)
		return s->s_err.se_code;
	memset(c, 0, sizeof(*c));
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		c->sc_agencies = sqlite3_column_int(st, 0);
		c->sc_units = sqlite3_column_int(st, 1);
		c->sc_tasks = sqlite3_column_int(st, 2);
		c->sc_targets = sqlite3_column_int(st, 3);
		c->sc_periods = sqlite3_column_int(st, 4);
		c->sc_values = (long)sqlite3_column_int64(st, 5);
		c->sc_audit = (long)sqlite3_column_int64(st, 6);
	}
	sq_done(s, st);
	return rc == SQLITE_ROW ? 0 : sq_dberr(s, rc);
}

int
store_meta_set(struct store *s, const char *key, const char *value)
{
	return sq_exec(s,
	    "INSERT INTO meta (key, value) VALUES (?, ?)"
	    " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
	    "ss", key, value);
}

int
store_meta_get(struct store *s, const char *key, char *out, size_t size)
{
	sqlite3_stmt *st =
	    sq_query(s, "SELECT value FROM meta WHERE key = ?", "s", key);
	int rc;

	if (st == NULL)
		return s->s_err.se_code;
	out[0] = '\0';
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		snprintf(out, size, "%s", sq_text(st, 0));
	sq_done(s, st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : sq_dberr(s, rc);
}

int
store_data_version(struct store *s, long *v)
{
	sqlite3_stmt *st =
	    sq_query(s, "SELECT coalesce(max(id), 0) FROM audit", "");
	int rc;

	if (st == NULL)
		return s->s_err.se_code;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*v = (long)sqlite3_column_int64(st, 0);
	sq_done(s, st);
	return rc == SQLITE_ROW ? 0 : sq_dberr(s, rc);
}
