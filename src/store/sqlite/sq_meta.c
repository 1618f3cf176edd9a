/*
 * sq_meta.c: settings (meta), row counts and the data version.
 */
#include "store/sqlite/sq.h"

static void
counts_map(sqlite3_stmt *st, void *out)
{
	struct st_counts *c = out;

	c->sc_agencies = sqlite3_column_int(st, 0);
	c->sc_units = sqlite3_column_int(st, 1);
	c->sc_tasks = sqlite3_column_int(st, 2);
	c->sc_targets = sqlite3_column_int(st, 3);
	c->sc_periods = sqlite3_column_int(st, 4);
	c->sc_values = (long)sqlite3_column_int64(st, 5);
	c->sc_audit = (long)sqlite3_column_int64(st, 6);
}

int
store_counts(struct store *s, struct st_counts *c)
{
	memset(c, 0, sizeof(*c));
	return sq_one(s, counts_map, c, NULL,
	    "SELECT (SELECT count(*) FROM agency), (SELECT count(*) FROM unit),"
	    " (SELECT count(*) FROM task), (SELECT count(*) FROM target),"
	    " (SELECT count(*) FROM period),"
	    " (SELECT count(*) FROM value WHERE archived = 0),"
	    " (SELECT count(*) FROM audit)",
	    "");
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
	struct sq_textbuf b = { out, size };
	int rc;

	out[0] = '\0';
	rc = sq_one(s, sq_map_text, &b, NULL,
	    "SELECT value FROM meta WHERE key = ?", "s", key);
	return rc == STORE_ENOTFOUND ? 0 : rc;
}

int
store_data_version(struct store *s, long *v)
{
	return sq_one(s, sq_map_long, v, NULL,
	    "SELECT coalesce(max(id), 0) FROM audit", "");
}
