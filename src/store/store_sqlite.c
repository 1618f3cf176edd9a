/*
 * store_sqlite.c: the SQLite backend of store.h. WAL, foreign keys, a busy
 * timeout, versioned migrations applied on open, prepared statements only
 * (cached per connection). Nothing is ever deleted: replaced values and
 * evidence are archived, and the audit log refuses updates and deletes.
 */
#include "store/store.h"

#include <math.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "util/buf.h"
#include "util/sha256.h"

#define APP_ID 0x44544931 /* "DTI1" in the database header */
#define BUSY_MS 5000
#define NCACHE 64

struct stmt_cache {
	const char *sc_sql; /* static string: compared by address */
	sqlite3_stmt *sc_stmt;
};

struct store {
	sqlite3 *s_db;
	struct store_error s_err;
	struct stmt_cache s_cache[NCACHE];
	int s_ncache;
	int s_holds_write; /* holds write_mu: inside store_tx_begin ... */
};

/* Migrations: index i brings the schema from version i to i + 1. */
static const char *const migrations[] = {
	/* 1: the first schema */
	"CREATE TABLE meta ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL);"
	"CREATE TABLE methodology ("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL,"
	"  version TEXT NOT NULL,"
	"  name TEXT NOT NULL,"
	"  yaml TEXT NOT NULL,"
	"  sha256 TEXT NOT NULL UNIQUE,"
	"  loaded_at TEXT NOT NULL,"
	"  loaded_by TEXT NOT NULL);"
	"CREATE TABLE agency ("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL,"
	"  short TEXT NOT NULL,"
	"  kind TEXT NOT NULL);"
	"CREATE TABLE agency_member ("
	"  grp INTEGER NOT NULL REFERENCES agency(id),"
	"  member INTEGER NOT NULL REFERENCES agency(id),"
	"  PRIMARY KEY (grp, member));"
	"CREATE TABLE responsibility ("
	"  methodology INTEGER NOT NULL REFERENCES methodology(id),"
	"  item TEXT NOT NULL,"
	"  agency INTEGER NOT NULL REFERENCES agency(id),"
	"  role TEXT NOT NULL CHECK (role IN ('lead', 'coordinator')),"
	"  PRIMARY KEY (methodology, item, agency, role));"
	"CREATE TABLE unit ("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL,"
	"  level TEXT NOT NULL,"
	"  parent INTEGER REFERENCES unit(id));"
	"CREATE TABLE period ("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE,"
	"  kind TEXT NOT NULL CHECK (kind IN ('quarter', 'year')),"
	"  year INTEGER NOT NULL,"
	"  quarter INTEGER NOT NULL CHECK (quarter BETWEEN 0 AND 4),"
	"  methodology INTEGER NOT NULL REFERENCES methodology(id),"
	"  agency_due TEXT NOT NULL,"
	"  sotttt_due TEXT NOT NULL,"
	"  status TEXT NOT NULL CHECK (status IN ('open', 'closed')),"
	"  label TEXT NOT NULL DEFAULT '');"
	"CREATE TABLE value ("
	"  id INTEGER PRIMARY KEY,"
	"  period INTEGER NOT NULL REFERENCES period(id),"
	"  unit INTEGER NOT NULL REFERENCES unit(id),"
	"  input TEXT NOT NULL,"
	"  raw TEXT NOT NULL,"
	"  status TEXT NOT NULL"
	"    CHECK (status IN ('draft', 'submitted', 'approved')),"
	"  entered_by TEXT NOT NULL,"
	"  entered_at TEXT NOT NULL,"
	"  first_id INTEGER," /* id of the first version: keeps file order */
	"  archived INTEGER NOT NULL DEFAULT 0);"
	"CREATE UNIQUE INDEX value_current ON value (period, unit, input)"
	"  WHERE archived = 0;"
	"CREATE INDEX value_period ON value (period, archived, first_id);"
	"CREATE TABLE file ("
	"  sha256 TEXT PRIMARY KEY,"
	"  size INTEGER NOT NULL,"
	"  data BLOB NOT NULL,"
	"  created_at TEXT NOT NULL);"
	"CREATE TABLE evidence ("
	"  id INTEGER PRIMARY KEY,"
	"  period INTEGER NOT NULL REFERENCES period(id),"
	"  unit INTEGER NOT NULL REFERENCES unit(id),"
	"  input TEXT NOT NULL,"
	"  doc_number TEXT NOT NULL DEFAULT '',"
	"  doc_date TEXT NOT NULL DEFAULT '',"
	"  note TEXT NOT NULL DEFAULT '',"
	"  file_sha256 TEXT REFERENCES file(sha256),"
	"  file_name TEXT,"
	"  file_type TEXT,"
	"  added_by TEXT NOT NULL,"
	"  added_at TEXT NOT NULL,"
	"  archived INTEGER NOT NULL DEFAULT 0);"
	"CREATE INDEX evidence_value ON evidence (period, unit, input);"
	"CREATE TABLE audit ("
	"  id INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL,"
	"  actor TEXT NOT NULL,"
	"  action TEXT NOT NULL,"
	"  entity TEXT NOT NULL,"
	"  key TEXT NOT NULL,"
	"  old TEXT,"
	"  new TEXT,"
	"  reason TEXT);"
	"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
	"  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
	"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
	"  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
	"CREATE TRIGGER value_no_delete BEFORE DELETE ON value"
	"  BEGIN SELECT RAISE(ABORT, 'values are archived, never deleted'); END;"
	"CREATE TRIGGER evidence_no_delete BEFORE DELETE ON evidence"
	"  BEGIN SELECT RAISE(ABORT, 'evidence is archived, never deleted'); END;"
	"CREATE TABLE task ("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE,"
	"  grp TEXT NOT NULL,"
	"  group_name TEXT NOT NULL,"
	"  text TEXT NOT NULL,"
	"  lead_text TEXT NOT NULL,"
	"  coord_text TEXT NOT NULL,"
	"  due_text TEXT NOT NULL,"
	"  due TEXT,"
	"  due_date TEXT,"
	"  note TEXT NOT NULL DEFAULT '',"
	"  status TEXT NOT NULL DEFAULT 'not_started'"
	"    CHECK (status IN ('not_started', 'in_progress', 'done')));"
	"CREATE TABLE task_link ("
	"  task INTEGER NOT NULL REFERENCES task(id),"
	"  kind TEXT NOT NULL CHECK (kind IN ('lead', 'coordinator', 'indicator')),"
	"  ref TEXT NOT NULL,"
	"  seq INTEGER NOT NULL,"
	"  PRIMARY KEY (task, kind, ref));"
	"CREATE TABLE task_progress ("
	"  id INTEGER PRIMARY KEY,"
	"  task INTEGER NOT NULL REFERENCES task(id),"
	"  at TEXT NOT NULL,"
	"  by TEXT NOT NULL,"
	"  status TEXT NOT NULL,"
	"  note TEXT NOT NULL,"
	"  doc TEXT NOT NULL DEFAULT '',"
	"  file_sha256 TEXT REFERENCES file(sha256));"
	"CREATE TABLE target ("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE,"
	"  text TEXT NOT NULL,"
	"  year INTEGER NOT NULL,"
	"  target REAL,"
	"  target_max REAL,"
	"  unit TEXT NOT NULL,"
	"  indicator TEXT,"
	"  numerator TEXT,"
	"  denominator TEXT,"
	"  score TEXT,"
	"  note TEXT NOT NULL DEFAULT '',"
	"  source TEXT NOT NULL DEFAULT '');",
	/* 2: accounts and sessions for the server */
	"CREATE TABLE account ("
	"  id INTEGER PRIMARY KEY,"
	"  login TEXT NOT NULL UNIQUE,"
	"  pwhash TEXT NOT NULL,"
	"  role TEXT NOT NULL"
	"    CHECK (role IN ('admin', 'coordinator', 'officer', 'viewer')),"
	"  agency TEXT REFERENCES agency(code),"
	"  created_at TEXT NOT NULL,"
	"  disabled INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE session ("
	"  token_hash TEXT PRIMARY KEY,"
	"  account INTEGER NOT NULL REFERENCES account(id),"
	"  csrf TEXT NOT NULL,"
	"  created_at INTEGER NOT NULL,"
	"  last_seen INTEGER NOT NULL,"
	"  expires_at INTEGER NOT NULL,"
	"  ended INTEGER NOT NULL DEFAULT 0);",
};
#define NMIGRATIONS ((int)(sizeof(migrations) / sizeof(migrations[0])))

static void seterr(struct store *s, int code, const char *vi, const char *en,
    ...) __attribute__((format(printf, 4, 5)));

static void
seterr(struct store *s, int code, const char *vi, const char *en, ...)
{
	va_list ap;

	s->s_err.se_code = code;
	va_start(ap, en);
	vsnprintf(s->s_err.se_vi, sizeof(s->s_err.se_vi), vi, ap);
	va_end(ap);
	va_start(ap, en);
	vsnprintf(s->s_err.se_en, sizeof(s->s_err.se_en), en, ap);
	va_end(ap);
}

/* Map an SQLite failure to a store error with a message a user can act on. */
static int
dberr(struct store *s, int rc)
{
	int prim = rc & 0xff;

	if (prim == SQLITE_BUSY || prim == SQLITE_LOCKED) {
		seterr(s, STORE_EBUSY,
		    "cơ sở dữ liệu đang bận: một tiến trình khác đang ghi; hãy thử lại%s",
		    "the database is busy: another process is writing; try again%s",
		    "");
		return STORE_EBUSY;
	}
	if (prim == SQLITE_NOTADB || prim == SQLITE_CORRUPT) {
		seterr(s, STORE_ENOTDB,
		    "tệp không phải cơ sở dữ liệu dti hoặc đã hỏng (%s); tệp không bị thay đổi",
		    "the file is not a dti database or is damaged (%s); it was not modified",
		    sqlite3_errstr(rc));
		return STORE_ENOTDB;
	}
	if (prim == SQLITE_CONSTRAINT) {
		seterr(s, STORE_ECONFLICT, "dữ liệu vi phạm ràng buộc: %s",
		    "constraint violated: %s", sqlite3_errmsg(s->s_db));
		return STORE_ECONFLICT;
	}
	seterr(s, STORE_EIO, "lỗi cơ sở dữ liệu: %s", "database error: %s",
	    sqlite3_errmsg(s->s_db));
	return STORE_EIO;
}

const struct store_error *
store_error(const struct store *s)
{
	return &s->s_err;
}

/* A cached prepared statement for ${sql}, reset and unbound. */
static sqlite3_stmt *
prep(struct store *s, const char *sql)
{
	sqlite3_stmt *st;
	int i, rc;

	for (i = 0; i < s->s_ncache; i++) {
		if (s->s_cache[i].sc_sql == sql) {
			st = s->s_cache[i].sc_stmt;
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return st;
		}
	}
	rc = sqlite3_prepare_v3(
	    s->s_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
	if (rc != SQLITE_OK) {
		dberr(s, rc);
		return NULL;
	}
	if (s->s_ncache < NCACHE) {
		s->s_cache[s->s_ncache].sc_sql = sql;
		s->s_cache[s->s_ncache++].sc_stmt = st;
	}
	return st;
}

/* Statements beyond the cache are finalized by the caller via done(). */
static void
done(struct store *s, sqlite3_stmt *st)
{
	int i;

	for (i = 0; i < s->s_ncache; i++) {
		if (s->s_cache[i].sc_stmt == st) {
			sqlite3_reset(st);
			return;
		}
	}
	sqlite3_finalize(st);
}

/*
 * bindv(st, fmt, ap): bind parameters by type letters: s text (NULL binds
 * NULL), i long, d double (NaN binds NULL), b blob (pointer, size_t).
 */
static int
bindv(sqlite3_stmt *st, const char *fmt, va_list ap)
{
	int i, rc = SQLITE_OK;

	for (i = 0; fmt[i] != '\0' && rc == SQLITE_OK; i++) {
		switch (fmt[i]) {
		case 's': {
			const char *v = va_arg(ap, const char *);

			rc = v ? sqlite3_bind_text(
				     st, i + 1, v, -1, SQLITE_TRANSIENT)
			       : sqlite3_bind_null(st, i + 1);
			break;
		}
		case 'i':
			rc = sqlite3_bind_int64(
			    st, i + 1, (sqlite3_int64)va_arg(ap, long));
			break;
		case 'd': {
			double v = va_arg(ap, double);

			rc = isnan(v) ? sqlite3_bind_null(st, i + 1)
				      : sqlite3_bind_double(st, i + 1, v);
			break;
		}
		case 'b': {
			const void *p = va_arg(ap, const void *);
			size_t n = va_arg(ap, size_t);

			rc = sqlite3_bind_blob64(
			    st, i + 1, p, n, SQLITE_TRANSIENT);
			break;
		}
		default: rc = SQLITE_MISUSE;
		}
	}
	return rc;
}

/* query(s, sql, fmt, ...): a prepared, bound statement ready to step. */
static sqlite3_stmt *
query(struct store *s, const char *sql, const char *fmt, ...)
{
	sqlite3_stmt *st = prep(s, sql);
	va_list ap;
	int rc;

	if (st == NULL)
		return NULL;
	va_start(ap, fmt);
	rc = bindv(st, fmt, ap);
	va_end(ap);
	if (rc != SQLITE_OK) {
		dberr(s, rc);
		done(s, st);
		return NULL;
	}
	return st;
}

/* exec(s, sql, fmt, ...): run a statement that returns no rows. */
static int
exec(struct store *s, const char *sql, const char *fmt, ...)
{
	sqlite3_stmt *st = prep(s, sql);
	va_list ap;
	int rc;

	if (st == NULL)
		return s->s_err.se_code;
	va_start(ap, fmt);
	rc = bindv(st, fmt, ap);
	va_end(ap);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	done(s, st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return dberr(s, rc);
	return 0;
}

static const char *
col_text(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

static void
now_iso(char out[21])
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int
store_schema_version(struct store *s)
{
	sqlite3_stmt *st = query(s, "PRAGMA user_version", "");
	int v = -1;

	if (st != NULL && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	if (st != NULL)
		done(s, st);
	return v;
}

static int
simple(struct store *s, const char *sql)
{
	int rc = sqlite3_exec(s->s_db, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? 0 : dberr(s, rc);
}

static int
migrate(struct store *s)
{
	int v = store_schema_version(s), rc;
	char sql[64];

	if (v < 0)
		return s->s_err.se_code;
	if (v > NMIGRATIONS) {
		seterr(s, STORE_ENOTDB,
		    "cơ sở dữ liệu có lược đồ phiên bản %d, mới hơn chương trình này (%d); hãy cập nhật dti",
		    "the database schema is version %d, newer than this program's %d; upgrade dti",
		    v, NMIGRATIONS);
		return STORE_ENOTDB;
	}
	if (v == NMIGRATIONS)
		return 0;
	if ((rc = simple(s, "BEGIN IMMEDIATE")) != 0)
		return rc;
	/* re-read: another process may have migrated meanwhile */
	v = store_schema_version(s);
	for (; v < NMIGRATIONS; v++) {
		if ((rc = simple(s, migrations[v])) != 0)
			goto fail;
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", v + 1);
		if ((rc = simple(s, sql)) != 0)
			goto fail;
	}
	snprintf(sql, sizeof(sql), "PRAGMA application_id = %d", APP_ID);
	if ((rc = simple(s, sql)) != 0 || (rc = simple(s, "COMMIT")) != 0)
		goto fail;
	return 0;
fail:
	sqlite3_exec(s->s_db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

static int
integrity(struct store *s, const char *path)
{
	sqlite3_stmt *st = query(s, "PRAGMA quick_check(1)", "");
	int rc, ok = 0;

	if (st == NULL)
		return s->s_err.se_code;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		ok = strcmp(col_text(st, 0), "ok") == 0;
	done(s, st);
	if (rc != SQLITE_ROW)
		return dberr(s, rc);
	if (!ok) {
		seterr(s, STORE_ENOTDB,
		    "%s bị hỏng (kiểm tra toàn vẹn không đạt); tệp không bị thay đổi: hãy khôi phục từ bản sao lưu",
		    "%s is damaged (integrity check failed); it was not modified: restore it from a backup",
		    path);
		return STORE_ENOTDB;
	}
	return 0;
}

int
store_open(struct store **out, const char *path, enum store_mode mode,
    struct store_error *err)
{
	struct store *s = xcalloc(1, sizeof(*s));
	struct stat sb;
	sqlite3_stmt *st;
	int rc, flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	long appid = 0, ntables = 0;

	*out = NULL;
	if (mode == STORE_CREATE) {
		if (stat(path, &sb) == 0 && sb.st_size > 0) {
			seterr(s, STORE_ECONFLICT,
			    "%s đã tồn tại; dti init không ghi đè cơ sở dữ liệu có sẵn",
			    "%s already exists; dti init does not overwrite a database",
			    path);
			goto fail;
		}
		flags |= SQLITE_OPEN_CREATE;
	} else if (stat(path, &sb) != 0) {
		seterr(s, STORE_ENOTFOUND,
		    "không có cơ sở dữ liệu %s; hãy chạy dti init --db %s",
		    "no database %s; run dti init --db %s", path, path);
		goto fail;
	}
	rc = sqlite3_open_v2(path, &s->s_db, flags, NULL);
	if (rc != SQLITE_OK) {
		if (s->s_db != NULL)
			dberr(s, rc);
		else
			seterr(s, STORE_EIO, "không mở được %s",
			    "cannot open %s", path);
		goto fail;
	}
	sqlite3_extended_result_codes(s->s_db, 1);
	sqlite3_busy_timeout(s->s_db, BUSY_MS);
	/* read before anything writes: a foreign file is left untouched */
	st = query(s,
	    "SELECT (SELECT application_id FROM pragma_application_id),"
	    " (SELECT count(*) FROM sqlite_schema)",
	    "");
	if (st == NULL)
		goto fail;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		appid = (long)sqlite3_column_int64(st, 0);
		ntables = (long)sqlite3_column_int64(st, 1);
	}
	done(s, st);
	if (rc != SQLITE_ROW) {
		dberr(s, rc);
		goto fail;
	}
	if (ntables > 0 && appid != APP_ID) {
		seterr(s, STORE_ENOTDB,
		    "%s là một cơ sở dữ liệu SQLite nhưng không phải của dti; tệp không bị thay đổi",
		    "%s is an SQLite database but not a dti one; it was not modified",
		    path);
		goto fail;
	}
	if (ntables == 0 && mode == STORE_OPEN) {
		seterr(s, STORE_ENOTDB,
		    "%s trống, chưa được khởi tạo; hãy chạy dti init",
		    "%s is empty; run dti init", path);
		goto fail;
	}
	/*
	 * A damaged file must not be written to: a write that misses the
	 * damaged pages would still commit. quick_check reads every page
	 * (about a second for a national database), once per open.
	 */
	if (ntables > 0 && (rc = integrity(s, path)) != 0)
		goto fail;
	if ((rc = simple(s, "PRAGMA journal_mode = WAL")) != 0 ||
	    (rc = simple(s, "PRAGMA foreign_keys = ON")) != 0 ||
	    (rc = simple(s, "PRAGMA synchronous = NORMAL")) != 0 ||
	    (rc = migrate(s)) != 0)
		goto fail;
	*out = s;
	return 0;
fail:
	if (err != NULL)
		*err = s->s_err;
	rc = s->s_err.se_code ? s->s_err.se_code : STORE_EIO;
	store_close(s);
	return rc;
}

static pthread_mutex_t write_mu = PTHREAD_MUTEX_INITIALIZER;

static void
release_write(struct store *s)
{
	if (s->s_holds_write) {
		s->s_holds_write = 0;
		pthread_mutex_unlock(&write_mu);
	}
}

void
store_close(struct store *s)
{
	int i;

	if (s == NULL)
		return;
	if (s->s_db != NULL && !sqlite3_get_autocommit(s->s_db))
		sqlite3_exec(s->s_db, "ROLLBACK", NULL, NULL, NULL);
	release_write(s);
	for (i = 0; i < s->s_ncache; i++)
		sqlite3_finalize(s->s_cache[i].sc_stmt);
	if (s->s_db != NULL)
		sqlite3_close(s->s_db);
	free(s);
}

int
store_tx_begin(struct store *s)
{
	int rc;

	/*
	 * Writers of one process (the server's threads) queue on a mutex:
	 * SQLite's busy handler would make them poll with sleeps of up to
	 * 100 ms. Other processes still meet the busy timeout.
	 */
	if (!s->s_holds_write) {
		pthread_mutex_lock(&write_mu);
		s->s_holds_write = 1;
	}
	rc = simple(s, "BEGIN IMMEDIATE");
	if (rc != 0)
		release_write(s);
	return rc;
}

int
store_tx_commit(struct store *s)
{
	int rc = simple(s, "COMMIT");

	if (rc == 0)
		release_write(s);
	return rc;
}

void
store_tx_rollback(struct store *s)
{
	if (!sqlite3_get_autocommit(s->s_db))
		sqlite3_exec(s->s_db, "ROLLBACK", NULL, NULL, NULL);
	release_write(s);
}

int
store_backup(struct store *s, const char *path)
{
	sqlite3 *dst = NULL;
	sqlite3_backup *bk;
	int rc;

	rc = sqlite3_open_v2(
	    path, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc != SQLITE_OK) {
		seterr(s, STORE_EIO, "không tạo được tệp sao lưu %s",
		    "cannot create the backup %s", path);
		sqlite3_close(dst);
		return STORE_EIO;
	}
	bk = sqlite3_backup_init(dst, "main", s->s_db, "main");
	if (bk == NULL) {
		seterr(s, STORE_EIO, "sao lưu thất bại: %s",
		    "backup failed: %s", sqlite3_errmsg(dst));
		sqlite3_close(dst);
		return STORE_EIO;
	}
	/*
	 * Copy in steps; a write by another connection restarts the copy, so
	 * the result is always one consistent snapshot.
	 */
	do {
		rc = sqlite3_backup_step(bk, 256);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(20);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(bk);
	if (rc != SQLITE_DONE) {
		seterr(s, STORE_EIO, "sao lưu thất bại: %s",
		    "backup failed: %s", sqlite3_errstr(rc));
		sqlite3_close(dst);
		return STORE_EIO;
	}
	rc = sqlite3_close(dst);
	return rc == SQLITE_OK ? 0 : STORE_EIO;
}

int
store_counts(struct store *s, struct st_counts *c)
{
	sqlite3_stmt *st = query(s,
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
	done(s, st);
	return rc == SQLITE_ROW ? 0 : dberr(s, rc);
}

int
store_meta_set(struct store *s, const char *key, const char *value)
{
	return exec(s,
	    "INSERT INTO meta (key, value) VALUES (?, ?)"
	    " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
	    "ss", key, value);
}

int
store_meta_get(struct store *s, const char *key, char *out, size_t size)
{
	sqlite3_stmt *st =
	    query(s, "SELECT value FROM meta WHERE key = ?", "s", key);
	int rc;

	if (st == NULL)
		return s->s_err.se_code;
	out[0] = '\0';
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		snprintf(out, size, "%s", col_text(st, 0));
	done(s, st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : dberr(s, rc);
}

/* Step through rows; stop early when the callback returns non-zero. */
#define EACH_ROWS(s, st, body) \
	do { \
		int rc_; \
		while ((rc_ = sqlite3_step(st)) == SQLITE_ROW) { \
			body; \
		} \
		done(s, st); \
		/* SQLITE_ROW left: the callback stopped early */ \
		if (rc_ != SQLITE_DONE && rc_ != SQLITE_ROW) \
			return dberr(s, rc_); \
	} while (0)

int
store_method_add(struct store *s, const char *code, const char *version,
    const char *name, const char *yaml, size_t len, const char *actor, long *id)
{
	char sha[65], at[21];
	sqlite3_stmt *st;
	int rc;

	sha256_hex(yaml, len, sha);
	st = query(s, "SELECT id FROM methodology WHERE sha256 = ?", "s", sha);
	if (st == NULL)
		return s->s_err.se_code;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = (long)sqlite3_column_int64(st, 0);
		done(s, st);
		return 0;
	}
	done(s, st);
	now_iso(at);
	st = query(s,
	    "INSERT INTO methodology (code, version, name, yaml, sha256,"
	    " loaded_at, loaded_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
	    "sssssss", code, version, name, "", sha, at, actor);
	if (st == NULL)
		return s->s_err.se_code;
	/* the text is bound with its length: it need not end in NUL */
	sqlite3_bind_text64(st, 4, yaml, len, SQLITE_TRANSIENT, SQLITE_UTF8);
	rc = sqlite3_step(st);
	done(s, st);
	if (rc != SQLITE_DONE)
		return dberr(s, rc);
	*id = (long)sqlite3_last_insert_rowid(s->s_db);
	return store_audit(s, actor, "methodology.load", "methodology", sha,
	    NULL, version, code);
}

int
store_method_text(struct store *s, long id, char **out, size_t *len)
{
	sqlite3_stmt *st =
	    query(s, "SELECT yaml FROM methodology WHERE id = ?", "i", id);
	int rc;

	if (st == NULL)
		return s->s_err.se_code;
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		done(s, st);
		if (rc != SQLITE_DONE)
			return dberr(s, rc);
		seterr(s, STORE_ENOTFOUND, "không có phương pháp số %ld",
		    "no methodology %ld", id);
		return STORE_ENOTFOUND;
	}
	*len = (size_t)sqlite3_column_bytes(st, 0);
	*out = xstrndup(col_text(st, 0), *len);
	done(s, st);
	return 0;
}

int
store_method_sha(struct store *s, long id, char out[65])
{
	sqlite3_stmt *st =
	    query(s, "SELECT sha256 FROM methodology WHERE id = ?", "i", id);
	int rc;

	if (st == NULL)
		return s->s_err.se_code;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		snprintf(out, 65, "%s", col_text(st, 0));
	done(s, st);
	if (rc == SQLITE_DONE) {
		seterr(s, STORE_ENOTFOUND, "không có phương pháp số %ld",
		    "no methodology %ld", id);
		return STORE_ENOTFOUND;
	}
	return rc == SQLITE_ROW ? 0 : dberr(s, rc);
}

int
store_method_latest(struct store *s, long *id)
{
	sqlite3_stmt *st = query(s, "SELECT max(id) FROM methodology", "");
	int rc;

	if (st == NULL)
		return s->s_err.se_code;
	rc = sqlite3_step(st);
	*id = rc == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : 0;
	done(s, st);
	if (*id == 0) {
		seterr(s, STORE_ENOTFOUND, "chưa có phương pháp nào",
		    "no methodology loaded");
		return STORE_ENOTFOUND;
	}
	return 0;
}

int
store_method_each(
    struct store *s, int (*cb)(void *, const struct st_method *), void *ctx)
{
	sqlite3_stmt *st = query(s,
	    "SELECT id, code, version, name, sha256, loaded_at"
	    " FROM methodology ORDER BY id",
	    "");

	if (st == NULL)
		return s->s_err.se_code;
	EACH_ROWS(s, st, {
		struct st_method m;

		m.sm_id = (long)sqlite3_column_int64(st, 0);
		m.sm_code = col_text(st, 1);
		m.sm_version = col_text(st, 2);
		m.sm_name = col_text(st, 3);
		m.sm_sha256 = col_text(st, 4);
		m.sm_loaded_at = col_text(st, 5);
		if (cb(ctx, &m) != 0)
			break;
	});
	return 0;
}

int
store_resp_add(struct store *s, long method, const char *item,
    const char *agency, const char *role)
{
	return exec(s,
	    "INSERT OR IGNORE INTO responsibility (methodology, item, agency,"
	    " role) SELECT ?, ?, id, ? FROM agency WHERE code = ?",
	    "isss", method, item, role, agency);
}

int
store_resp_each(struct store *s, long method,
    int (*cb)(void *, const struct st_resp *), void *ctx)
{
	sqlite3_stmt *st = query(s,
	    "SELECT r.item, a.code, r.role FROM responsibility r"
	    " JOIN agency a ON a.id = r.agency WHERE r.methodology = ?"
	    " ORDER BY r.rowid",
	    "i", method);

	if (st == NULL)
		return s->s_err.se_code;
	EACH_ROWS(s, st, {
		struct st_resp r;

		r.sr_item = col_text(st, 0);
		r.sr_agency = col_text(st, 1);
		r.sr_role = col_text(st, 2);
		if (cb(ctx, &r) != 0)
			break;
	});
	return 0;
}

int
store_agency_add(struct store *s, const char *code, const char *name,
    const char *shortname, const char *kind)
{
	return exec(s,
	    "INSERT INTO agency (code, name, short, kind) VALUES (?, ?, ?, ?)"
	    " ON CONFLICT (code) DO UPDATE SET name = excluded.name,"
	    " short = excluded.short, kind = excluded.kind",
	    "ssss", code, name, shortname ? shortname : name, kind);
}

int
store_agency_member_add(struct store *s, const char *group, const char *member)
{
	return exec(s,
	    "INSERT OR IGNORE INTO agency_member (grp, member)"
	    " SELECT g.id, m.id FROM agency g, agency m"
	    " WHERE g.code = ? AND m.code = ?",
	    "ss", group, member);
}

int
store_agency_each(
    struct store *s, int (*cb)(void *, const struct st_agency *), void *ctx)
{
	sqlite3_stmt *st = query(s,
	    "SELECT id, code, name, short, kind FROM agency ORDER BY id", "");

	if (st == NULL)
		return s->s_err.se_code;
	EACH_ROWS(s, st, {
		struct st_agency a;

		a.sa_id = (long)sqlite3_column_int64(st, 0);
		a.sa_code = col_text(st, 1);
		a.sa_name = col_text(st, 2);
		a.sa_short = col_text(st, 3);
		a.sa_kind = col_text(st, 4);
		if (cb(ctx, &a) != 0)
			break;
	});
	return 0;
}

int
store_agency_exists(struct store *s, const char *code)
{
	sqlite3_stmt *st =
	    query(s, "SELECT 1 FROM agency WHERE code = ?", "s", code);
	int rc;

	if (st == NULL)
		return s->s_err.se_code;
	rc = sqlite3_step(st);
	done(s, st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return dberr(s, rc);
	return rc == SQLITE_ROW;
}

int
store_agency_in(struct store *s, const char *agency, const char *group)
{
	sqlite3_stmt *st;
	int rc;

	if (strcmp(agency, group) == 0)
		return 1;
	st = query(s,
	    "SELECT 1 FROM agency_member am JOIN agency g ON g.id = am.grp"
	    " JOIN agency m ON m.id = am.member WHERE g.code = ? AND m.code = ?",
	    "ss", group, agency);
	if (st == NULL)
		return s->s_err.se_code;
	rc = sqlite3_step(st);
	done(s, st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return dberr(s, rc);
	return rc == SQLITE_ROW;
}

int
store_unit_add(struct store *s, const char *code, const char *name,
    const char *level, const char *parent, long *id)
{
	int rc = exec(s,
	    "INSERT INTO unit (code, name, level, parent)"
	    " VALUES (?, ?, ?, (SELECT id FROM unit WHERE code = ?))"
	    " ON CONFLICT (code) DO NOTHING",
	    "ssss", code, name, level, parent);

	if (rc != 0)
		return rc;
	return store_unit_find(s, code, id);
}

int
store_unit_find(struct store *s, const char *code, long *id)
{
	sqlite3_stmt *st =
	    query(s, "SELECT id FROM unit WHERE code = ?", "s", code);
	int rc;

	if (st == NULL)
		return s->s_err.se_code;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = (long)sqlite3_column_int64(st, 0);
	done(s, st);
	if (rc == SQLITE_DONE) {
		seterr(s, STORE_ENOTFOUND, "không có đơn vị '%s'",
		    "no unit '%s'", code);
		return STORE_ENOTFOUND;
	}
	return rc == SQLITE_ROW ? 0 : dberr(s, rc);
}

int
store_unit_each(
    struct store *s, int (*cb)(void *, const struct st_unit *), void *ctx)
{
	sqlite3_stmt *st = query(s,
	    "SELECT u.id, u.code, u.name, u.level, p.code FROM unit u"
	    " LEFT JOIN unit p ON p.id = u.parent ORDER BY u.id",
	    "");

	if (st == NULL)
		return s->s_err.se_code;
	EACH_ROWS(s, st, {
		struct st_unit u;

		u.su_id = (long)sqlite3_column_int64(st, 0);
		u.su_code = col_text(st, 1);
		u.su_name = col_text(st, 2);
		u.su_level = col_text(st, 3);
		u.su_parent = col_text(st, 4);
		if (cb(ctx, &u) != 0)
			break;
	});
	return 0;
}

int
store_period_add(struct store *s, const struct st_period *p, const char *actor)
{
	int rc = exec(s,
	    "INSERT INTO period (code, kind, year, quarter, methodology,"
	    " agency_due, sotttt_due, status, label)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?)",
	    "ssiiisss", p->sp_code, p->sp_kind, (long)p->sp_year,
	    (long)p->sp_quarter, p->sp_method, p->sp_agency_due,
	    p->sp_sotttt_due, p->sp_label);

	if (rc == STORE_ECONFLICT)
		seterr(s, STORE_ECONFLICT, "kỳ %s đã có",
		    "period %s already exists", p->sp_code);
	if (rc != 0)
		return rc;
	return store_audit(
	    s, actor, "period.open", "period", p->sp_code, NULL, "open", NULL);
}

static void
period_row(sqlite3_stmt *st, struct st_period *p)
{
	memset(p, 0, sizeof(*p));
	p->sp_id = (long)sqlite3_column_int64(st, 0);
	snprintf(p->sp_code, sizeof(p->sp_code), "%s", col_text(st, 1));
	snprintf(p->sp_kind, sizeof(p->sp_kind), "%s", col_text(st, 2));
	p->sp_year = sqlite3_column_int(st, 3);
	p->sp_quarter = sqlite3_column_int(st, 4);
	p->sp_method = (long)sqlite3_column_int64(st, 5);
	snprintf(
	    p->sp_agency_due, sizeof(p->sp_agency_due), "%s", col_text(st, 6));
	snprintf(
	    p->sp_sotttt_due, sizeof(p->sp_sotttt_due), "%s", col_text(st, 7));
	snprintf(p->sp_status, sizeof(p->sp_status), "%s", col_text(st, 8));
	snprintf(p->sp_label, sizeof(p->sp_label), "%s", col_text(st, 9));
}

#define PERIOD_COLS \
	"SELECT id, code, kind, year, quarter, methodology, agency_due," \
	" sotttt_due, status, label FROM period"

int
store_period_get(struct store *s, const char *code, struct st_period *p)
{
	sqlite3_stmt *st = query(s, PERIOD_COLS " WHERE code = ?", "s", code);
	int rc;

	if (st == NULL)
		return s->s_err.se_code;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		period_row(st, p);
	done(s, st);
	if (rc == SQLITE_DONE) {
		seterr(s, STORE_ENOTFOUND,
		    "không có kỳ '%s'; mở kỳ bằng dti period open %s",
		    "no period '%s'; open it with dti period open %s", code,
		    code);
		return STORE_ENOTFOUND;
	}
	return rc == SQLITE_ROW ? 0 : dberr(s, rc);
}

int
store_period_set_status(struct store *s, const char *code, const char *status,
    const char *actor, const char *reason)
{
	struct st_period p;
	int rc;

	if ((rc = store_period_get(s, code, &p)) != 0)
		return rc;
	if (strcmp(p.sp_status, status) == 0) {
		seterr(s, STORE_ECONFLICT, "kỳ %s đã ở trạng thái %s",
		    "period %s is already %s", code, status);
		return STORE_ECONFLICT;
	}
	rc = exec(s, "UPDATE period SET status = ? WHERE id = ?", "si", status,
	    p.sp_id);
	if (rc != 0)
		return rc;
	return store_audit(s, actor,
	    strcmp(status, "closed") == 0 ? "period.close" : "period.reopen",
	    "period", code, p.sp_status, status, reason);
}

int
store_period_each(
    struct store *s, int (*cb)(void *, const struct st_period *), void *ctx)
{
	/* a year comes after its quarters */
	sqlite3_stmt *st = query(s,
	    PERIOD_COLS " ORDER BY year, CASE quarter WHEN 0 THEN 5"
			" ELSE quarter END",
	    "");

	if (st == NULL)
		return s->s_err.se_code;
	EACH_ROWS(s, st, {
		struct st_period p;

		period_row(st, &p);
		if (cb(ctx, &p) != 0)
			break;
	});
	return 0;
}

static const char *
unit_code(struct store *s, long unit, char *buf, size_t size)
{
	sqlite3_stmt *st =
	    query(s, "SELECT code FROM unit WHERE id = ?", "i", unit);

	buf[0] = '\0';
	if (st != NULL) {
		if (sqlite3_step(st) == SQLITE_ROW)
			snprintf(buf, size, "%s", col_text(st, 0));
		done(s, st);
	}
	return buf;
}

int
store_value_get(struct store *s, long period, long unit, const char *input,
    char *status, size_t size)
{
	sqlite3_stmt *st = query(s,
	    "SELECT status FROM value WHERE period = ? AND unit = ? AND"
	    " input = ? AND archived = 0",
	    "iis", period, unit, input);
	int rc;

	if (st == NULL)
		return s->s_err.se_code;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		snprintf(status, size, "%s", col_text(st, 0));
	done(s, st);
	if (rc == SQLITE_DONE)
		return STORE_ENOTFOUND;
	return rc == SQLITE_ROW ? 0 : dberr(s, rc);
}

int
store_value_put(struct store *s, long period, long unit, const char *input,
    const char *raw, const char *status, const char *actor, const char *reason)
{
	char at[21], key[160], ucode[80];
	sqlite3_stmt *st;
	long old_id = 0, first = 0;
	char *old_raw = NULL;
	int rc;

	st = query(s,
	    "SELECT id, raw, coalesce(first_id, id) FROM value WHERE period = ?"
	    " AND unit = ? AND input = ? AND archived = 0",
	    "iis", period, unit, input);
	if (st == NULL)
		return s->s_err.se_code;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		old_id = (long)sqlite3_column_int64(st, 0);
		old_raw = xstrdup(col_text(st, 1));
		first = (long)sqlite3_column_int64(st, 2);
	}
	done(s, st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return dberr(s, rc);
	now_iso(at);
	if (old_id != 0 &&
	    (rc = exec(s, "UPDATE value SET archived = 1 WHERE id = ?", "i",
		 old_id)) != 0)
		goto out;
	rc = exec(s,
	    "INSERT INTO value (period, unit, input, raw, status, entered_by,"
	    " entered_at, first_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	    "iisssss"
	    "i",
	    period, unit, input, raw, status, actor, at,
	    old_id != 0 ? first : 0L);
	if (rc != 0)
		goto out;
	if (old_id == 0)
		rc = exec(s, "UPDATE value SET first_id = id WHERE id = ?", "i",
		    (long)sqlite3_last_insert_rowid(s->s_db));
	if (rc != 0)
		goto out;
	snprintf(key, sizeof(key), "%s/%s",
	    unit_code(s, unit, ucode, sizeof(ucode)), input);
	rc = store_audit(
	    s, actor, "value.set", "value", key, old_raw, raw, reason);
out:
	free(old_raw);
	return rc;
}

int
store_value_set_status(struct store *s, long period, long unit,
    const char *input, const char *status, const char *actor,
    const char *action, const char *reason)
{
	char old[16], key[160], ucode[80];
	int rc = store_value_get(s, period, unit, input, old, sizeof(old));

	if (rc == STORE_ENOTFOUND) {
		seterr(s, STORE_ENOTFOUND, "chưa có giá trị %s",
		    "no value for %s", input);
		return rc;
	}
	if (rc != 0)
		return rc;
	rc = exec(s,
	    "UPDATE value SET status = ? WHERE period = ? AND unit = ? AND"
	    " input = ? AND archived = 0",
	    "siis", status, period, unit, input);
	if (rc != 0)
		return rc;
	snprintf(key, sizeof(key), "%s/%s",
	    unit_code(s, unit, ucode, sizeof(ucode)), input);
	return store_audit(s, actor, action, "value", key, old, status, reason);
}

/* Hand each row of a value query (id, unit, input, raw, status, by, at). */
static int
value_rows(struct store *s, sqlite3_stmt *st,
    int (*cb)(void *, const struct st_value *), void *ctx)
{
	EACH_ROWS(s, st, {
		struct st_value v;

		v.sv_id = (long)sqlite3_column_int64(st, 0);
		v.sv_unit = col_text(st, 1);
		v.sv_input = col_text(st, 2);
		v.sv_raw = col_text(st, 3);
		v.sv_status = col_text(st, 4);
		v.sv_by = col_text(st, 5);
		v.sv_at = col_text(st, 6);
		if (cb(ctx, &v) != 0)
			break;
	});
	return 0;
}

int
store_value_each(struct store *s, long period, const char *statuses,
    int (*cb)(void *, const struct st_value *), void *ctx)
{
	sqlite3_stmt *st = query(s,
	    "SELECT v.id, u.code, v.input, v.raw, v.status, v.entered_by,"
	    " v.entered_at FROM value v JOIN unit u ON u.id = v.unit"
	    " WHERE v.period = ? AND v.archived = 0 AND (?2 IS NULL OR"
	    " instr(',' || ?2 || ',', ',' || v.status || ',') > 0)"
	    " ORDER BY v.first_id",
	    "is", period, statuses);

	if (st == NULL)
		return s->s_err.se_code;
	return value_rows(s, st, cb, ctx);
}

int
store_unit_values(struct store *s, long period, long unit,
    int (*cb)(void *, const struct st_value *), void *ctx)
{
	sqlite3_stmt *st = query(s,
	    "SELECT v.id, u.code, v.input, v.raw, v.status, v.entered_by,"
	    " v.entered_at FROM value v JOIN unit u ON u.id = v.unit"
	    " WHERE v.period = ? AND v.unit = ? AND v.archived = 0",
	    "ii", period, unit);

	if (st == NULL)
		return s->s_err.se_code;
	return value_rows(s, st, cb, ctx);
}

int
store_file_put(struct store *s, const void *data, size_t len, char sha[65])
{
	char at[21];

	if (len > STORE_MAX_FILE) {
		seterr(s, STORE_EINVALID, "tệp quá lớn (%zu byte, tối đa %u)",
		    "file too large (%zu bytes, at most %u)", len,
		    STORE_MAX_FILE);
		return STORE_EINVALID;
	}
	sha256_hex(data, len, sha);
	now_iso(at);
	return exec(s,
	    "INSERT INTO file (sha256, size, data, created_at)"
	    " VALUES (?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING",
	    "sibs", sha, (long)len, data, len, at);
}

int
store_file_get(struct store *s, const char *sha, void **data, size_t *len)
{
	sqlite3_stmt *st =
	    query(s, "SELECT data FROM file WHERE sha256 = ?", "s", sha);
	int rc;

	if (st == NULL)
		return s->s_err.se_code;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*len = (size_t)sqlite3_column_bytes(st, 0);
		*data = xmalloc(*len);
		memcpy(*data, sqlite3_column_blob(st, 0), *len);
	}
	done(s, st);
	if (rc == SQLITE_DONE) {
		seterr(
		    s, STORE_ENOTFOUND, "không có tệp %s", "no file %s", sha);
		return STORE_ENOTFOUND;
	}
	return rc == SQLITE_ROW ? 0 : dberr(s, rc);
}

int
store_evidence_add(struct store *s, long period, long unit, const char *input,
    const struct st_evidence *e, const char *actor, long *id)
{
	char at[21], key[160], ucode[80];
	int rc;

	now_iso(at);
	rc = exec(s,
	    "INSERT INTO evidence (period, unit, input, doc_number, doc_date,"
	    " note, file_sha256, file_name, file_type, added_by, added_at)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    "iisssssssss", period, unit, input,
	    e->se_doc_number ? e->se_doc_number : "",
	    e->se_doc_date ? e->se_doc_date : "", e->se_note ? e->se_note : "",
	    e->se_file_sha256, e->se_file_name, e->se_file_type, actor, at);
	if (rc != 0)
		return rc;
	*id = (long)sqlite3_last_insert_rowid(s->s_db);
	snprintf(key, sizeof(key), "%s/%s#%ld",
	    unit_code(s, unit, ucode, sizeof(ucode)), input, *id);
	return store_audit(s, actor, "evidence.add", "evidence", key, NULL,
	    e->se_doc_number ? e->se_doc_number : "", e->se_note);
}

int
store_evidence_archive(
    struct store *s, long id, const char *actor, const char *reason)
{
	char key[32];
	int rc = exec(s,
	    "UPDATE evidence SET archived = 1 WHERE id = ? AND archived = 0",
	    "i", id);

	if (rc != 0)
		return rc;
	if (sqlite3_changes(s->s_db) == 0) {
		seterr(s, STORE_ENOTFOUND,
		    "không có tài liệu kiểm chứng số %ld", "no evidence %ld",
		    id);
		return STORE_ENOTFOUND;
	}
	snprintf(key, sizeof(key), "%ld", id);
	return store_audit(s, actor, "evidence.archive", "evidence", key,
	    "active", "archived", reason);
}

int
store_evidence_each(struct store *s, long period, const char *input,
    int (*cb)(void *, const struct st_evidence *), void *ctx)
{
	sqlite3_stmt *st = query(s,
	    "SELECT e.id, u.code, e.input, e.doc_number, e.doc_date, e.note,"
	    " e.file_sha256, e.file_name, e.file_type, coalesce(f.size, 0),"
	    " e.added_by, e.added_at FROM evidence e JOIN unit u ON u.id ="
	    " e.unit LEFT JOIN file f ON f.sha256 = e.file_sha256"
	    " WHERE e.period = ? AND e.archived = 0 AND (?2 IS NULL OR"
	    " e.input = ?2) ORDER BY e.id",
	    "is", period, input);

	if (st == NULL)
		return s->s_err.se_code;
	EACH_ROWS(s, st, {
		struct st_evidence e;

		e.se_id = (long)sqlite3_column_int64(st, 0);
		e.se_unit = col_text(st, 1);
		e.se_input = col_text(st, 2);
		e.se_doc_number = col_text(st, 3);
		e.se_doc_date = col_text(st, 4);
		e.se_note = col_text(st, 5);
		e.se_file_sha256 = col_text(st, 6);
		e.se_file_name = col_text(st, 7);
		e.se_file_type = col_text(st, 8);
		e.se_file_size = (long)sqlite3_column_int64(st, 9);
		e.se_by = col_text(st, 10);
		e.se_at = col_text(st, 11);
		if (cb(ctx, &e) != 0)
			break;
	});
	return 0;
}

int
store_audit(struct store *s, const char *actor, const char *action,
    const char *entity, const char *key, const char *old, const char *new,
    const char *reason)
{
	char at[21];

	now_iso(at);
	return exec(s,
	    "INSERT INTO audit (at, actor, action, entity, key, old, new,"
	    " reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	    "ssssssss", at, actor, action, entity, key, old, new, reason);
}

int
store_audit_each(struct store *s, const char *key_prefix,
    int (*cb)(void *, const struct st_audit *), void *ctx)
{
	sqlite3_stmt *st = query(s,
	    "SELECT id, at, actor, action, entity, key, old, new, reason"
	    " FROM audit WHERE ?1 IS NULL OR substr(key, 1, length(?1)) = ?1"
	    " ORDER BY id",
	    "s", key_prefix);

	if (st == NULL)
		return s->s_err.se_code;
	EACH_ROWS(s, st, {
		struct st_audit a;

		a.sa_id = (long)sqlite3_column_int64(st, 0);
		a.sa_at = col_text(st, 1);
		a.sa_actor = col_text(st, 2);
		a.sa_action = col_text(st, 3);
		a.sa_entity = col_text(st, 4);
		a.sa_key = col_text(st, 5);
		a.sa_old = col_text(st, 6);
		a.sa_new = col_text(st, 7);
		a.sa_reason = col_text(st, 8);
		if (cb(ctx, &a) != 0)
			break;
	});
	return 0;
}

int
store_task_add(struct store *s, const struct st_task *t)
{
	return exec(s,
	    "INSERT INTO task (code, grp, group_name, text, lead_text,"
	    " coord_text, due_text, due, due_date, note)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    "ssssssssss", t->st_code, t->st_group, t->st_group_name, t->st_text,
	    t->st_lead_text, t->st_coord_text, t->st_due_text, t->st_due,
	    t->st_due_date, t->st_note ? t->st_note : "");
}

int
store_task_link(
    struct store *s, const char *task, const char *kind, const char *ref)
{
	return exec(s,
	    "INSERT OR IGNORE INTO task_link (task, kind, ref, seq)"
	    " SELECT id, ?, ?, (SELECT count(*) FROM task_link) FROM task"
	    " WHERE code = ?",
	    "sss", kind, ref, task);
}

int
store_task_each(
    struct store *s, int (*cb)(void *, const struct st_task *), void *ctx)
{
	sqlite3_stmt *st = query(s,
	    "SELECT t.id, t.code, t.grp, t.group_name, t.text, t.lead_text,"
	    " t.coord_text, t.due_text, t.due, t.due_date, t.status, t.note,"
	    " (SELECT group_concat(ref, ',') FROM (SELECT ref FROM task_link"
	    "   WHERE task = t.id AND kind = 'lead' ORDER BY seq)),"
	    " (SELECT group_concat(ref, ',') FROM (SELECT ref FROM task_link"
	    "   WHERE task = t.id AND kind = 'coordinator' ORDER BY seq)),"
	    " (SELECT group_concat(ref, ',') FROM (SELECT ref FROM task_link"
	    "   WHERE task = t.id AND kind = 'indicator' ORDER BY seq))"
	    " FROM task t ORDER BY t.id",
	    "");

	if (st == NULL)
		return s->s_err.se_code;
	EACH_ROWS(s, st, {
		struct st_task t;

		t.st_id = (long)sqlite3_column_int64(st, 0);
		t.st_code = col_text(st, 1);
		t.st_group = col_text(st, 2);
		t.st_group_name = col_text(st, 3);
		t.st_text = col_text(st, 4);
		t.st_lead_text = col_text(st, 5);
		t.st_coord_text = col_text(st, 6);
		t.st_due_text = col_text(st, 7);
		t.st_due = col_text(st, 8);
		t.st_due_date = col_text(st, 9);
		t.st_status = col_text(st, 10);
		t.st_note = col_text(st, 11);
		t.st_leads = col_text(st, 12);
		t.st_coordinators = col_text(st, 13);
		t.st_indicators = col_text(st, 14);
		if (cb(ctx, &t) != 0)
			break;
	});
	return 0;
}

int
store_task_progress(struct store *s, const char *code, const char *status,
    const char *note, const char *doc, const char *file_sha, const char *actor)
{
	char at[21], old[16] = "";
	sqlite3_stmt *st =
	    query(s, "SELECT status FROM task WHERE code = ?", "s", code);
	int rc;

	if (st == NULL)
		return s->s_err.se_code;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		snprintf(old, sizeof(old), "%s", col_text(st, 0));
	done(s, st);
	if (rc == SQLITE_DONE) {
		seterr(s, STORE_ENOTFOUND, "không có nhiệm vụ '%s'",
		    "no task '%s'", code);
		return STORE_ENOTFOUND;
	}
	if (rc != SQLITE_ROW)
		return dberr(s, rc);
	if (status == NULL)
		status = old;
	now_iso(at);
	rc = exec(s,
	    "INSERT INTO task_progress (task, at, by, status, note, doc,"
	    " file_sha256) SELECT id, ?, ?, ?, ?, ?, ? FROM task WHERE code = ?",
	    "sssssss", at, actor, status, note ? note : "", doc ? doc : "",
	    file_sha, code);
	if (rc == 0)
		rc = exec(s, "UPDATE task SET status = ? WHERE code = ?", "ss",
		    status, code);
	if (rc == 0)
		rc = store_audit(
		    s, actor, "task.progress", "task", code, old, status, note);
	return rc;
}

int
store_progress_each(struct store *s, const char *code,
    int (*cb)(void *, const struct st_progress *), void *ctx)
{
	sqlite3_stmt *st = query(s,
	    "SELECT t.code, p.at, p.by, p.status, p.note, p.doc, p.file_sha256"
	    " FROM task_progress p JOIN task t ON t.id = p.task"
	    " WHERE ?1 IS NULL OR t.code = ?1 ORDER BY p.id",
	    "s", code);

	if (st == NULL)
		return s->s_err.se_code;
	EACH_ROWS(s, st, {
		struct st_progress g;

		g.sg_task = col_text(st, 0);
		g.sg_at = col_text(st, 1);
		g.sg_by = col_text(st, 2);
		g.sg_status = col_text(st, 3);
		g.sg_note = col_text(st, 4);
		g.sg_doc = col_text(st, 5);
		g.sg_file_sha256 = col_text(st, 6);
		if (cb(ctx, &g) != 0)
			break;
	});
	return 0;
}

int
store_target_add(struct store *s, const struct st_target *t)
{
	return exec(s,
	    "INSERT INTO target (code, text, year, target, target_max, unit,"
	    " indicator, numerator, denominator, score, note, source)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    "ssiddsssssss", t->sg_code, t->sg_text, (long)t->sg_year,
	    t->sg_target, t->sg_target_max, t->sg_unit, t->sg_indicator,
	    t->sg_numerator, t->sg_denominator, t->sg_score,
	    t->sg_note ? t->sg_note : "", t->sg_source ? t->sg_source : "");
}

int
store_target_each(
    struct store *s, int (*cb)(void *, const struct st_target *), void *ctx)
{
	sqlite3_stmt *st = query(s,
	    "SELECT code, text, year, target, target_max, unit, indicator,"
	    " numerator, denominator, score, note, source FROM target"
	    " ORDER BY id",
	    "");

	if (st == NULL)
		return s->s_err.se_code;
	EACH_ROWS(s, st, {
		struct st_target t;

		t.sg_code = col_text(st, 0);
		t.sg_text = col_text(st, 1);
		t.sg_year = sqlite3_column_int(st, 2);
		t.sg_target = sqlite3_column_type(st, 3) == SQLITE_NULL
		    ? NAN
		    : sqlite3_column_double(st, 3);
		t.sg_target_max = sqlite3_column_type(st, 4) == SQLITE_NULL
		    ? NAN
		    : sqlite3_column_double(st, 4);
		t.sg_unit = col_text(st, 5);
		t.sg_indicator = col_text(st, 6);
		t.sg_numerator = col_text(st, 7);
		t.sg_denominator = col_text(st, 8);
		t.sg_score = col_text(st, 9);
		t.sg_note = col_text(st, 10);
		t.sg_source = col_text(st, 11);
		if (cb(ctx, &t) != 0)
			break;
	});
	return 0;
}

int
store_data_version(struct store *s, long *v)
{
	sqlite3_stmt *st =
	    query(s, "SELECT coalesce(max(id), 0) FROM audit", "");
	int rc;

	if (st == NULL)
		return s->s_err.se_code;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*v = (long)sqlite3_column_int64(st, 0);
	done(s, st);
	return rc == SQLITE_ROW ? 0 : dberr(s, rc);
}

int
store_account_add(struct store *s, const char *login, const char *pwhash,
    const char *role, const char *agency, const char *actor)
{
	char at[21];
	int rc;

	now_iso(at);
	rc = exec(s,
	    "INSERT INTO account (login, pwhash, role, agency, created_at)"
	    " VALUES (?, ?, ?, ?, ?)",
	    "sssss", login, pwhash, role, agency, at);
	if (rc == STORE_ECONFLICT) {
		seterr(s, STORE_ECONFLICT,
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
	snprintf(
	    a->sa_login, sizeof(a->sa_login), "%s", col_text(st, base + 1));
	snprintf(
	    a->sa_pwhash, sizeof(a->sa_pwhash), "%s", col_text(st, base + 2));
	snprintf(a->sa_role, sizeof(a->sa_role), "%s", col_text(st, base + 3));
	if (col_text(st, base + 4) != NULL)
		snprintf(a->sa_agency, sizeof(a->sa_agency), "%s",
		    col_text(st, base + 4));
	a->sa_disabled = sqlite3_column_int(st, base + 5);
}

int
store_account_get(struct store *s, const char *login, struct st_account *a)
{
	sqlite3_stmt *st = query(s,
	    "SELECT id, login, pwhash, role, agency, disabled FROM account"
	    " WHERE login = ?",
	    "s", login);
	int rc;

	if (st == NULL)
		return s->s_err.se_code;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		account_row(st, 0, a);
	done(s, st);
	if (rc == SQLITE_DONE) {
		seterr(s, STORE_ENOTFOUND, "không có tài khoản '%s'",
		    "no account '%s'", login);
		return STORE_ENOTFOUND;
	}
	return rc == SQLITE_ROW ? 0 : dberr(s, rc);
}

int
store_account_each(
    struct store *s, int (*cb)(void *, const struct st_account *), void *ctx)
{
	sqlite3_stmt *st = query(s,
	    "SELECT id, login, '', role, agency, disabled FROM account"
	    " ORDER BY id",
	    "");

	if (st == NULL)
		return s->s_err.se_code;
	EACH_ROWS(s, st, {
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
	return exec(s,
	    "INSERT INTO session (token_hash, account, csrf, created_at,"
	    " last_seen, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
	    "sisiii", token_hash, account, csrf, now, now, expires);
}

int
store_session_get(
    struct store *s, const char *token_hash, struct st_session *out)
{
	sqlite3_stmt *st = query(s,
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
		    out->ss_csrf, sizeof(out->ss_csrf), "%s", col_text(st, 6));
		out->ss_created = (long)sqlite3_column_int64(st, 7);
		out->ss_last_seen = (long)sqlite3_column_int64(st, 8);
		out->ss_expires = (long)sqlite3_column_int64(st, 9);
	}
	done(s, st);
	if (rc == SQLITE_DONE)
		return STORE_ENOTFOUND;
	return rc == SQLITE_ROW ? 0 : dberr(s, rc);
}

int
store_session_touch(struct store *s, const char *token_hash, long now)
{
	int rc;

	if (s->s_holds_write)
		return exec(s,
		    "UPDATE session SET last_seen = ? WHERE token_hash = ?",
		    "is", now, token_hash);
	pthread_mutex_lock(&write_mu); /* a write too: queue like the others */
	rc = exec(s, "UPDATE session SET last_seen = ? WHERE token_hash = ?",
	    "is", now, token_hash);
	pthread_mutex_unlock(&write_mu);
	return rc;
}

int
store_session_end(struct store *s, const char *token_hash)
{
	return exec(s, "UPDATE session SET ended = 1 WHERE token_hash = ?", "s",
	    token_hash);
}
