/*
 * sq_meta.c: settings (meta), row counts and the data version.
 */
#include "store/sqlite/sq.h"

static const char *
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
	return NULL;
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

static const char *
census_map(sqlite3_stmt *st, void *out)
{
	struct st_census *c = out;

	c->sx_methods = (long)sqlite3_column_int64(st, 0);
	c->sx_values = (long)sqlite3_column_int64(st, 1);
	c->sx_values_current = (long)sqlite3_column_int64(st, 2);
	c->sx_evidence = (long)sqlite3_column_int64(st, 3);
	c->sx_evidence_current = (long)sqlite3_column_int64(st, 4);
	c->sx_files = (long)sqlite3_column_int64(st, 5);
	c->sx_audit = (long)sqlite3_column_int64(st, 6);
	c->sx_progress = (long)sqlite3_column_int64(st, 7);
	c->sx_accounts = (long)sqlite3_column_int64(st, 8);
	c->sx_sessions = (long)sqlite3_column_int64(st, 9);
	return NULL;
}

int
store_census(struct store *s, struct st_census *c)
{
	memset(c, 0, sizeof(*c));
	return sq_one(s, census_map, c, NULL,
	    "SELECT (SELECT count(*) FROM methodology),"
	    " (SELECT count(*) FROM value),"
	    " (SELECT count(*) FROM value WHERE archived = 0),"
	    " (SELECT count(*) FROM evidence),"
	    " (SELECT count(*) FROM evidence WHERE archived = 0),"
	    " (SELECT count(*) FROM file), (SELECT count(*) FROM audit),"
	    " (SELECT count(*) FROM task_progress),"
	    " (SELECT count(*) FROM account), (SELECT count(*) FROM session)",
	    "");
}

/* digest_rows(s, table, b): every row of ${table}, typed, onto ${b}. */
static int
digest_rows(struct store *s, const char *table, struct buf *b)
{
	sqlite3_stmt *st;
	char *sql =
	    sqlite3_mprintf("SELECT * FROM \"%w\" ORDER BY rowid", table);
	int rc, i, n;

	/* not sq_prep: the cache keys static strings by address */
	rc = sqlite3_prepare_v2(s->sqs_db, sql, -1, &st, NULL);
	sqlite3_free(sql);
	if (rc != SQLITE_OK)
		return sq_dberr(s, rc);
	buf_printf(b, "T%s\n", table);
	n = sqlite3_column_count(st);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < n; i++) {
			int len = sqlite3_column_bytes(st, i);
			const void *p = sqlite3_column_blob(st, i);

			buf_printf(
			    b, "%d:%d:", sqlite3_column_type(st, i), len);
			if (len > 0)
				buf_append(b, p, (size_t)len);
		}
		buf_putc(b, '\n');
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : sq_dberr(s, rc);
}

int
store_digest(struct store *s, char out[65])
{
	static const char *const tables[] = { "meta", "methodology", "agency",
		"agency_member", "responsibility", "unit", "period", "value",
		"file", "evidence", "audit", "task", "task_link",
		"task_progress", "target", "account", "session", "submission" };
	struct buf b;
	size_t i;
	int rc = 0;

	buf_init(&b);
	for (i = 0; i < sizeof(tables) / sizeof(tables[0]) && rc == 0; i++)
		rc = digest_rows(s, tables[i], &b);
	if (rc == 0)
		sha256_hex(buf_cstr(&b), b.b_len, out);
	buf_free(&b);
	return rc;
}
