/*
 * test_sqlite.c: what only the SQLite backend of store.h can show, read
 * from and written to the raw file with sqlite3 itself: the application
 * id in the header, the triggers that keep the audit log append-only and
 * values and evidence undeleted, and the refusal of foreign SQLite files,
 * newer schemas and overwritten headers; the migration of a schema 2 file
 * with its data; submission events that cannot be changed. The
 * backend-neutral contract is tested in test_db.c.
 *
 * Run one test with `test_sqlite NAME` (CTest: db.sqlite.NAME).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app.h"
#include "dbfx.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/diag.h"

/* The first column of the first row of ${sql} on the raw file. */
static long
sql_long(const char *db, const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	long v = -1;

	assert_int_equal(
	    sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

/* The first column of the first row of ${sql} as a malloc'd string. */
static char *
sql_text(const char *db, const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	char *v = NULL;

	assert_int_equal(
	    sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		v = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v != NULL ? v : xstrdup("");
}

/* Run ${sql} on the raw file, read-write; the SQLite result code. */
static int
sql_exec(const char *db, const char *sql, char *msg, size_t size)
{
	sqlite3 *h;
	char *err = NULL;
	int rc;

	assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
	rc = sqlite3_exec(h, sql, NULL, NULL, &err);
	if (msg != NULL)
		snprintf(msg, size, "%s", err ? err : "");
	sqlite3_free(err);
	sqlite3_close(h);
	return rc;
}

static void
open_period(struct fx *x, const char *code)
{
	struct diag d;

	diag_init(&d);
	assert_int_equal(app_period_add(x->f_s, dbfx_op("tester"), code, 0,
			     NULL, NULL, NULL, NULL, &d),
	    0);
	diag_free(&d);
}

/* The file says what it is: application_id "DTI1" (from init_counts). */
static void
test_app_id(void **state)
{
	struct fx *x = *state;

	assert_int_equal(
	    sql_long(x->f_db, "PRAGMA application_id"), 0x44544931L);
}

/* The audit table refuses UPDATE and DELETE; values are never deleted. */
static void
test_append_only(void **state)
{
	struct fx *x = *state;
	char msg[256], *before, *after;
	long n_audit, n_value;
	struct st_evidence e;
	struct diag d;

	/* one evidence row too, to try to delete it */
	memset(&e, 0, sizeof(e));
	e.sev_doc_number = "5/BC";
	diag_init(&d);
	assert_int_equal(app_evidence_attach(x->f_s, dbfx_op("t"), "2022", NULL,
			     "3.3.a", &e, NULL, 0, &d),
	    0);
	diag_free(&d);
	store_close(x->f_s);
	x->f_s = NULL;

	n_audit = sql_long(x->f_db, "SELECT count(*) FROM audit");
	n_value = sql_long(x->f_db, "SELECT count(*) FROM value");
	assert_true(n_audit > 0);
	assert_true(n_value > 0);
	before = sql_text(x->f_db,
	    "SELECT group_concat(id || at || actor || action || key ||"
	    " coalesce(old, '') || coalesce(new, '') ||"
	    " coalesce(reason, ''), '|') FROM audit");

	assert_int_not_equal(
	    sql_exec(x->f_db, "UPDATE audit SET actor = 'mallory'", msg,
		sizeof(msg)),
	    SQLITE_OK);
	assert_int_not_equal(
	    sql_exec(x->f_db, "UPDATE audit SET new = 'x' WHERE id = 1", msg,
		sizeof(msg)),
	    SQLITE_OK);
	assert_int_not_equal(
	    sql_exec(x->f_db, "DELETE FROM audit", msg, sizeof(msg)),
	    SQLITE_OK);
	assert_int_not_equal(sql_exec(x->f_db,
				 "DELETE FROM audit WHERE id = (SELECT max(id)"
				 " FROM audit)",
				 msg, sizeof(msg)),
	    SQLITE_OK);
	assert_int_not_equal(
	    sql_exec(x->f_db, "DELETE FROM value", msg, sizeof(msg)),
	    SQLITE_OK);
	assert_int_not_equal(
	    sql_exec(x->f_db, "DELETE FROM evidence", msg, sizeof(msg)),
	    SQLITE_OK);

	after = sql_text(x->f_db,
	    "SELECT group_concat(id || at || actor || action || key ||"
	    " coalesce(old, '') || coalesce(new, '') ||"
	    " coalesce(reason, ''), '|') FROM audit");
	assert_string_equal(before, after);
	assert_int_equal(
	    sql_long(x->f_db, "SELECT count(*) FROM audit"), n_audit);
	assert_int_equal(
	    sql_long(x->f_db, "SELECT count(*) FROM value"), n_value);
	assert_int_equal(sql_long(x->f_db, "SELECT count(*) FROM evidence"), 1);
	free(before);
	free(after);
}

/*
 * Replaced values stay in the file, archived; deleting them is refused by
 * the database itself (from test_db.c's values_archived).
 */
static void
test_values_never_deleted(void **state)
{
	struct fx *x = *state;
	char msg[256];

	open_period(x, "2022");
	dbfx_a4_versions(x);
	store_close(x->f_s);
	x->f_s = NULL;
	assert_int_equal(
	    sql_long(x->f_db, "SELECT count(*) FROM value WHERE input = 'A.4'"),
	    3);
	assert_int_equal(sql_long(x->f_db,
			     "SELECT count(*) FROM value WHERE input = 'A.4'"
			     " AND archived = 1"),
	    2);
	assert_int_not_equal(
	    sql_exec(x->f_db, "DELETE FROM value WHERE archived = 1", msg,
		sizeof(msg)),
	    SQLITE_OK);
	assert_int_equal(sql_long(x->f_db,
			     "SELECT count(*) FROM value WHERE input = 'A.4'"
			     " AND archived = 1 AND raw IN ('590000',"
			     " '595000')"),
	    2);
}

static void
refused_unchanged(const char *path, int want_code)
{
	struct diag e;
	struct store *s = NULL;
	size_t l0, l1;
	char *b0 = slurp(path, &l0), *b1;
	char side[400];

	assert_non_null(b0);
	diag_init(&e);
	assert_int_equal(store_open(&s, path, STORE_OPEN, &e), want_code);
	assert_null(s);
	assert_int_equal(e.d_n, 1);
	assert_true(
	    e.d_items[0].di_vi[0] != '\0' && e.d_items[0].di_en[0] != '\0');
	/* and init refuses to overwrite it */
	assert_int_equal(
	    store_open(&s, path, STORE_CREATE, &e), STORE_ECONFLICT);
	assert_null(s);
	b1 = slurp(path, &l1);
	assert_non_null(b1);
	assert_int_equal(l0, l1);
	assert_memory_equal(b0, b1, l0);
	snprintf(side, sizeof(side), "%s-wal", path);
	assert_int_not_equal(access(side, F_OK), 0);
	free(b0);
	free(b1);
	diag_free(&e);
}

/* Files that are not dti databases are refused and left as they were. */
static void
test_open_refuses(void **state)
{
	struct fx *x = *state;
	char path[400];
	sqlite3 *h;
	size_t len = 0;
	char *text;

	/* a text file */
	snprintf(path, sizeof(path), "%s/notes.txt", x->f_dir);
	text = xstrdup("unit,input,value\nninh-thuan,A.4,595000\n");
	spit(path, text, strlen(text));
	free(text);
	refused_unchanged(path, STORE_ENOTDB);

	/* an SQLite database of some other program */
	snprintf(path, sizeof(path), "%s/other.sqlite", x->f_dir);
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h,
			     "CREATE TABLE audit (x); INSERT INTO audit"
			     " VALUES (1); CREATE TABLE value (y);",
			     NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(h);
	refused_unchanged(path, STORE_ENOTDB);

	/* a dti database from a newer dti (schema version 99) */
	x->f_s = NULL;
	assert_int_equal(dti(x, "init --db '%s/newer.db'", x->f_dir), 0);
	snprintf(path, sizeof(path), "%s/newer.db", x->f_dir);
	assert_int_equal(
	    sql_exec(path, "PRAGMA user_version = 99", NULL, 0), SQLITE_OK);
	refused_unchanged(path, STORE_ENOTDB);

	/* a real database with its header overwritten */
	assert_int_equal(dti(x, "init --db '%s/hdr.db'", x->f_dir), 0);
	snprintf(path, sizeof(path), "%s/hdr.db", x->f_dir);
	text = slurp(path, &len);
	assert_non_null(text);
	assert_true(len > 4096);
	memset(text, 'X', 100);
	spit(path, text, len);
	free(text);
	refused_unchanged(path, STORE_ENOTDB);
}

/*
 * A state the domain does not know, written past the CHECKs: reading the
 * row is a store error naming the column, never a silent default.
 */
static void
test_unknown_state(void **state)
{
	struct fx *x = *state;
	struct st_period p;
	struct diag d;

	open_period(x, "2022");
	assert_int_equal(sql_exec(x->f_db,
			     "PRAGMA ignore_check_constraints = ON;"
			     " UPDATE period SET status = 'paused'"
			     " WHERE code = '2022'",
			     NULL, 0),
	    SQLITE_OK);
	assert_int_equal(store_period_get(x->f_s, "2022", &p), STORE_EIO);
	diag_init(&d);
	assert_int_equal(store_diag(x->f_s, &d), STORE_EIO);
	assert_string_equal(d.d_items[0].di_code, "store");
	assert_non_null(strstr(d.d_items[0].di_en, "period.status"));
	assert_non_null(strstr(d.d_items[0].di_vi, "period.status"));
	diag_free(&d);
}

/*
 * A status change moves the current value only: the archived versions
 * keep the status they had, and the schema refuses a state the program
 * does not know.
 */
static void
test_history_kept(void **state)
{
	struct fx *x = *state;
	struct diag d;
	char msg[256];

	open_period(x, "2022");
	diag_init(&d);
	assert_int_equal(
	    app_value_put(x->f_s, dbfx_op("an"), "2022", NULL, "A.4", "590000",
		NUMFMT_MACHINE, NULL, "first", NULL, &d),
	    0);
	assert_int_equal(
	    app_value_put(x->f_s, dbfx_op("an"), "2022", NULL, "A.4", "595000",
		NUMFMT_MACHINE, NULL, "second", NULL, &d),
	    0);
	diag_free(&d);
	{
		struct st_period p;
		struct st_value_change c;
		long unit;

		assert_int_equal(store_period_get(x->f_s, "2022", &p), 0);
		assert_int_equal(
		    store_unit_find(x->f_s, "ninh-thuan", &unit), 0);
		memset(&c, 0, sizeof(c));
		c.svc_period = p.sp_id;
		c.svc_unit = unit;
		c.svc_input = "A.4";
		c.svc_status = VALUE_SUBMITTED;
		c.svc_action = "value.submit";
		assert_int_equal(store_tx_begin(x->f_s), 0);
		assert_int_equal(store_value_change(x->f_s, &c, "an"), 0);
		assert_int_equal(store_tx_commit(x->f_s), 0);
	}
	store_close(x->f_s);
	x->f_s = NULL;
	assert_int_equal(sql_long(x->f_db,
			     "SELECT count(*) FROM value WHERE input = 'A.4'"
			     " AND archived = 0 AND status = 'submitted'"),
	    1);
	assert_int_equal(sql_long(x->f_db,
			     "SELECT count(*) FROM value WHERE input = 'A.4'"
			     " AND archived = 1 AND status = 'draft'"),
	    1);
	assert_int_not_equal(
	    sql_exec(x->f_db,
		"UPDATE value SET status = 'final' WHERE input = 'A.4'"
		" AND archived = 0",
		msg, sizeof(msg)),
	    SQLITE_OK);
	assert_non_null(strstr(msg, "CHECK"));
}

/* ---- schema 3 ------------------------------------------------------------- */

/* Every row of a table's ${cols} of the raw file, as one text. */
static char *
rows_of(const char *db, const char *cols, const char *table)
{
	char sql[512];

	snprintf(sql, sizeof(sql),
	    "SELECT group_concat(r, char(10)) FROM (SELECT quote(%s) AS r"
	    " FROM %s ORDER BY rowid)",
	    cols, table);
	return sql_text(db, sql);
}

/* The columns every version has, table by table. */
static const char *const kept[][2] = {
	{ "value",
	    "id || '|' || period || '|' || unit || '|' || input || '|' || raw"
	    " || '|' || status || '|' || entered_by || '|' || entered_at ||"
	    " '|' || coalesce(first_id, '') || '|' || archived" },
	{ "evidence",
	    "id || '|' || period || '|' || unit || '|' || input || '|' ||"
	    " doc_number || '|' || doc_date || '|' || note || '|' ||"
	    " coalesce(file_sha256, '') || '|' || coalesce(file_name, '') ||"
	    " '|' || added_by || '|' || added_at || '|' || archived" },
	{ "audit",
	    "id || '|' || at || '|' || actor || '|' || action || '|' || key"
	    " || '|' || coalesce(old, '') || '|' || coalesce(new, '') || '|'"
	    " || coalesce(reason, '')" },
	{ "file", "sha256 || '|' || size || '|' || hex(data)" },
	{ "account", "id || '|' || login || '|' || pwhash || '|' || role" },
	{ "period", "id || '|' || code || '|' || status" },
	{ "unit", "id || '|' || code" },
	{ "agency", "id || '|' || code" },
	{ "methodology", "id || '|' || sha256" },
};
#define NKEPT (sizeof(kept) / sizeof(kept[0]))

static int
count_audit(void *ctx, const struct st_audit *a)
{
	(void)a;
	(*(int *)ctx)++;
	return 0;
}

/*
 * A file of schema 2 with values (archived and current, one approved),
 * evidence with a file, audit entries and an account (data/schema2.sql,
 * made by dti before schema 3) is migrated on open: every row keeps every
 * column it had, ids included; the new columns hold their defaults; the
 * rebuilt value table keeps its indexes, its trigger and its CHECK, and
 * takes the new state; the file passes SQLite's checks.
 */
static void
test_migrate_v2(void **state)
{
	struct fx *x = *state;
	char *before[NKEPT], *after, *sql, msg[256];
	struct st_audit_filter f;
	struct diag d;
	size_t i, len;
	sqlite3 *h;
	int n;

	sql = slurp(DTI_SOURCE_DIR "/tests/db/data/schema2.sql", &len);
	assert_non_null(sql);
	assert_int_equal(sqlite3_open(x->f_db, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	free(sql);
	assert_int_equal(sql_long(x->f_db, "PRAGMA user_version"), 2);
	for (i = 0; i < NKEPT; i++) {
		before[i] = rows_of(x->f_db, kept[i][1], kept[i][0]);
		assert_true(before[i][0] != '\0');
	}

	diag_init(&d);
	assert_int_equal(store_open(&x->f_s, x->f_db, STORE_OPEN, &d), 0);
	diag_free(&d);
	/* the latest (each topic appends one: no number hard-coded) */
	assert_true(store_schema_version(x->f_s) >= 4);
	/* old audit rows are found by what their keys name */
	memset(&f, 0, sizeof(f));
	f.saf_input = "A.5";
	n = 0;
	assert_int_equal(store_audit_each(x->f_s, &f, count_audit, &n), 0);
	assert_int_equal(n, 4); /* set, set, submit, evidence */
	f.saf_input = NULL;
	f.saf_period = "2022";
	n = 0;
	assert_int_equal(store_audit_each(x->f_s, &f, count_audit, &n), 0);
	assert_int_equal(n, 2); /* period.open, import: keyed by the period */
	store_close(x->f_s);
	x->f_s = NULL;

	for (i = 0; i < NKEPT; i++) {
		after = rows_of(x->f_db, kept[i][1], kept[i][0]);
		if (strcmp(before[i], after) != 0)
			print_message("%s before:\n%s\nafter:\n%s\n",
			    kept[i][0], before[i], after);
		assert_string_equal(before[i], after);
		free(before[i]);
		free(after);
	}
	assert_int_equal(sql_long(x->f_db, "SELECT count(*) FROM value"), 4);
	assert_int_equal(sql_long(x->f_db,
			     "SELECT count(*) FROM value WHERE comment = ''"
			     " AND warnings = '' AND part = ''"),
	    4);
	assert_int_equal(sql_long(x->f_db,
			     "SELECT count(*) FROM evidence WHERE agency = ''"
			     " AND part = ''"),
	    2);
	assert_int_equal(sql_long(x->f_db,
			     "SELECT count(*) FROM audit WHERE period IS NULL"
			     " AND agency IS NULL AND unit IS NULL AND"
			     " input IS NULL"),
	    sql_long(x->f_db, "SELECT count(*) FROM audit"));
	assert_int_equal(
	    sql_long(x->f_db, "SELECT count(*) FROM submission"), 0);
	assert_int_equal(sql_long(x->f_db,
			     "SELECT count(*) FROM sqlite_master WHERE name IN"
			     " ('value_current', 'value_period',"
			     " 'value_no_delete', 'audit_period',"
			     " 'submission_no_update', 'submission_no_delete',"
			     " 'audit_no_update', 'evidence_no_delete')"),
	    8);
	after = sql_text(x->f_db,
	    "SELECT sql FROM sqlite_master WHERE name = 'value_current'");
	assert_non_null(strstr(after, "(period, unit, input, part)"));
	free(after);
	assert_int_equal(sql_long(x->f_db,
			     "SELECT count(*) FROM sqlite_master WHERE name"
			     " LIKE 'value_v%'"),
	    0);
	after = sql_text(x->f_db, "PRAGMA integrity_check");
	assert_string_equal(after, "ok");
	free(after);
	assert_int_equal(
	    sql_long(x->f_db, "SELECT count(*) FROM pragma_foreign_key_check"),
	    0);
	/* the trigger and the CHECK of the rebuilt table */
	assert_int_not_equal(
	    sql_exec(x->f_db, "DELETE FROM value", msg, sizeof(msg)),
	    SQLITE_OK);
	assert_non_null(strstr(msg, "never deleted"));
	assert_int_not_equal(sql_exec(x->f_db,
				 "UPDATE value SET status = 'final'"
				 " WHERE id = 3",
				 msg, sizeof(msg)),
	    SQLITE_OK);
	assert_int_equal(sql_exec(x->f_db,
			     "UPDATE value SET status = 'returned',"
			     " comment = 'x' WHERE id = 3",
			     msg, sizeof(msg)),
	    SQLITE_OK);
	/* and it opens again as it is: nothing left to migrate */
	diag_init(&d);
	assert_int_equal(store_open(&x->f_s, x->f_db, STORE_OPEN, &d), 0);
	diag_free(&d);
	/* the latest (each topic appends one: no number hard-coded) */
	assert_true(store_schema_version(x->f_s) >= 4);
}

/* Submission events are kept as recorded: no UPDATE, no DELETE. */
static void
test_submission_kept(void **state)
{
	struct fx *x = *state;
	char msg[256], *before, *after;
	struct diag d;

	open_period(x, "2022");
	diag_init(&d);
	assert_int_equal(
	    app_value_put(x->f_s, dbfx_op("an"), "2022", NULL, "3.3.a", "9",
		NUMFMT_MACHINE, NULL, NULL, NULL, &d),
	    0);
	assert_int_equal(app_values_submit(x->f_s, dbfx_op("an"), "2022", NULL,
			     "so-tttt", "3.3.a", &d),
	    0);
	diag_free(&d);
	store_close(x->f_s);
	x->f_s = NULL;
	before = rows_of(x->f_db,
	    "id || event || agency || inputs || count || partial || at || by"
	    " || late",
	    "submission");
	assert_string_not_equal(before, "");
	assert_int_not_equal(
	    sql_exec(x->f_db, "UPDATE submission SET late = 1 - late", msg,
		sizeof(msg)),
	    SQLITE_OK);
	assert_non_null(strstr(msg, "kept as recorded"));
	assert_int_not_equal(
	    sql_exec(x->f_db, "DELETE FROM submission", msg, sizeof(msg)),
	    SQLITE_OK);
	assert_int_not_equal(sql_exec(x->f_db,
				 "INSERT INTO submission (period, unit,"
				 " agency, event, inputs, count, partial, at,"
				 " by, late) SELECT period, unit, agency,"
				 " 'withdraw', inputs, count, partial, at, by,"
				 " late FROM submission",
				 msg, sizeof(msg)),
	    SQLITE_OK);
	after = rows_of(x->f_db,
	    "id || event || agency || inputs || count || partial || at || by"
	    " || late",
	    "submission");
	assert_string_equal(before, after);
	free(before);
	free(after);
}

/* ---- main ----------------------------------------------------------------- */

#define T(name, setup) \
	cmocka_unit_test_setup_teardown(test_##name, setup, teardown)

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		T(app_id, setup_plain),
		T(append_only, setup_demo),
		T(values_never_deleted, setup_plain),
		T(open_refuses, setup_empty),
		T(unknown_state, setup_plain),
		T(history_kept, setup_plain),
		T(migrate_v2, setup_empty),
		T(submission_kept, setup_plain),
	};

	return dbfx_run(
	    "sqlite", tests, sizeof(tests) / sizeof(tests[0]), argc, argv);
}
