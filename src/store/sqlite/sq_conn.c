/*
 * sq_conn.c: the connection: open (with its checks of a foreign or damaged
 * file), close, write transactions and the write lock, online backup.
 */
#include "store/sqlite/sq.h"

static struct sq_lock *lock_get(const char *);

/*
 * integrity(s, path, sql): run the check ${sql} (quick_check reads every
 * page, integrity_check also compares indexes with their tables).
 */
static int
integrity(struct store *s, const char *path, const char *sql)
{
	char res[16] = "";
	struct sq_textbuf b = { res, sizeof(res) };
	int rc = sq_one(s, sq_map_text, &b, NULL, sql, "");

	if (rc != 0)
		return rc;
	if (strcmp(res, "ok") != 0) {
		sq_seterr(s, STORE_ENOTDB,
		    "%s bị hỏng (kiểm tra toàn vẹn không đạt); tệp không bị thay đổi: hãy khôi phục từ bản sao lưu",
		    "%s is damaged (integrity check failed); it was not modified: restore it from a backup",
		    path);
		return STORE_ENOTDB;
	}
	return 0;
}

/* header_map(st, out): the application id and the number of schema rows. */
static const char *
header_map(sqlite3_stmt *st, void *out)
{
	long *hdr = out;

	hdr[0] = (long)sqlite3_column_int64(st, 0);
	hdr[1] = (long)sqlite3_column_int64(st, 1);
	return NULL;
}

/*
 * check_file(s, path, mode): refuse, before anything writes, a file that is
 * another program's SQLite database, an empty one (unless created now) or
 * a damaged one; a refused file is left untouched.
 */
static int
check_file(struct store *s, const char *path, enum store_mode mode)
{
	long appid, ntables, hdr[2] = { 0, 0 };
	int rc;

	/* read before anything writes: a foreign file is left untouched */
	if (sq_one(s, header_map, hdr, NULL,
		"SELECT (SELECT application_id FROM pragma_application_id),"
		" (SELECT count(*) FROM sqlite_schema)",
		"") != 0)
		return s->sqs_errcode;
	appid = hdr[0];
	ntables = hdr[1];
	if (ntables > 0 && appid != SQ_APP_ID) {
		sq_seterr(s, STORE_ENOTDB,
		    "%s là một cơ sở dữ liệu SQLite nhưng không phải của dti; tệp không bị thay đổi",
		    "%s is an SQLite database but not a dti one; it was not modified",
		    path);
		return s->sqs_errcode;
	}
	if (ntables == 0 && mode == STORE_OPEN) {
		sq_seterr(s, STORE_ENOTDB,
		    "%s trống, chưa được khởi tạo; hãy chạy dti init",
		    "%s is empty; run dti init", path);
		return s->sqs_errcode;
	}
	/*
	 * A damaged file must not be written to: a write that misses the
	 * damaged pages would still commit. quick_check reads every page
	 * (about a second for a national database), once per open.
	 */
	if (ntables > 0 &&
	    (rc = integrity(s, path, "PRAGMA quick_check(1)")) != 0)
		return rc;
	return 0;
}

int
store_open(struct store **out, const char *path, enum store_mode mode,
    struct diag *err)
{
	struct store *s = xcalloc(1, sizeof(*s));
	struct stat sb;
	int rc, flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;

	*out = NULL;
	if (mode == STORE_CREATE) {
		if (stat(path, &sb) == 0 && sb.st_size > 0) {
			sq_seterr(s, STORE_ECONFLICT,
			    "%s đã tồn tại; dti init không ghi đè cơ sở dữ liệu có sẵn",
			    "%s already exists; dti init does not overwrite a database",
			    path);
			goto fail;
		}
		flags |= SQLITE_OPEN_CREATE;
	} else if (stat(path, &sb) != 0) {
		sq_seterr(s, STORE_ENOTFOUND,
		    "không có cơ sở dữ liệu %s; hãy chạy dti init --db %s",
		    "no database %s; run dti init --db %s", path, path);
		goto fail;
	}
	rc = sqlite3_open_v2(path, &s->sqs_db, flags, NULL);
	if (rc != SQLITE_OK) {
		if (s->sqs_db != NULL)
			sq_dberr(s, rc);
		else
			sq_seterr(s, STORE_EIO, "không mở được %s",
			    "cannot open %s", path);
		goto fail;
	}
	sqlite3_extended_result_codes(s->sqs_db, 1);
	sqlite3_busy_timeout(s->sqs_db, SQ_BUSY_MS);
	if (check_file(s, path, mode) != 0)
		goto fail;
	if ((rc = sq_simple(s, "PRAGMA journal_mode = WAL")) != 0 ||
	    (rc = sq_simple(s, "PRAGMA foreign_keys = ON")) != 0 ||
	    (rc = sq_simple(s, "PRAGMA synchronous = NORMAL")) != 0 ||
	    (rc = sq_migrate(s)) != 0)
		goto fail;
	s->sqs_lock = lock_get(path);
	s->sqs_location = xstrdup(path);
	*out = s;
	return 0;
fail:
	if (err != NULL)
		store_diag(s, err);
	rc = s->sqs_errcode ? s->sqs_errcode : STORE_EIO;
	store_close(s);
	return rc;
}

int
store_check(struct store *s)
{
	return integrity(s, s->sqs_location, "PRAGMA integrity_check(1)");
}

int
store_create(struct store **out, const char *location, struct diag *err)
{
	return store_open(out, location, STORE_CREATE, err);
}

/* The files SQLite may keep beside a database, by suffix. */
static const char *const side_files[] = { "", "-wal", "-shm", "-journal" };

int
store_remove(const char *location, struct diag *err)
{
	char path[4096];
	size_t i;
	int rc = 0;

	for (i = 0; i < sizeof(side_files) / sizeof(side_files[0]); i++) {
		if ((size_t)snprintf(path, sizeof(path), "%s%s", location,
			side_files[i]) >= sizeof(path))
			rc = STORE_EINVALID;
		else if (remove(path) != 0 && errno != ENOENT)
			rc = STORE_EIO;
	}
	if (rc != 0 && err != NULL)
		diag_add(err, DIAG_ERROR, store_diag_code(rc), NULL, 0, 0,
		    "không xoá được cơ sở dữ liệu %s",
		    "cannot remove the database %s", location);
	return rc;
}

/*
 * The write lock. Writers of one process (the server's threads) queue on a
 * mutex before BEGIN IMMEDIATE: SQLite's busy handler would make them poll
 * with sleeps of up to 100 ms. Other processes still meet the busy timeout.
 * The mutex belongs to the database, not the process: connections to one
 * file (known by device and inode, whatever path names it) share one, and
 * two databases do not wait for each other. Entries live while a
 * connection uses them (sql_refs).
 */
struct sq_lock {
	dev_t sql_dev; /* the database file's identity */
	ino_t sql_ino;
	int sql_refs; /* open connections to it */
	pthread_mutex_t sql_mu; /* held from BEGIN IMMEDIATE to the end */
	struct sq_lock *sql_next;
};

static pthread_mutex_t locks_mu = PTHREAD_MUTEX_INITIALIZER; /* for locks */
static struct sq_lock *locks; /* the databases this process has open */

/*
 * lock_get(path): the write lock of the database file at ${path}, one
 * reference more. A file that cannot be identified shares one entry
 * (device and inode 0) with every other such file.
 */
static struct sq_lock *
lock_get(const char *path)
{
	struct sq_lock *l;
	struct stat sb;

	if (stat(path, &sb) != 0)
		memset(&sb, 0, sizeof(sb));
	pthread_mutex_lock(&locks_mu);
	for (l = locks; l != NULL; l = l->sql_next)
		if (l->sql_dev == sb.st_dev && l->sql_ino == sb.st_ino)
			break;
	if (l == NULL) {
		l = xcalloc(1, sizeof(*l));
		l->sql_dev = sb.st_dev;
		l->sql_ino = sb.st_ino;
		pthread_mutex_init(&l->sql_mu, NULL);
		l->sql_next = locks;
		locks = l;
	}
	l->sql_refs++;
	pthread_mutex_unlock(&locks_mu);
	return l;
}

/* lock_put(l): one reference less; the last frees the entry. */
static void
lock_put(struct sq_lock *l)
{
	struct sq_lock **p;

	if (l == NULL)
		return;
	pthread_mutex_lock(&locks_mu);
	if (--l->sql_refs == 0) {
		for (p = &locks; *p != l; p = &(*p)->sql_next)
			;
		*p = l->sql_next;
		pthread_mutex_destroy(&l->sql_mu);
		free(l);
	}
	pthread_mutex_unlock(&locks_mu);
}

/* sq_write_acquire(s): take the write lock unless ${s} holds it already. */
void
sq_write_acquire(struct store *s)
{
	if (!s->sqs_holds_write && s->sqs_lock != NULL) {
		pthread_mutex_lock(&s->sqs_lock->sql_mu);
		s->sqs_holds_write = 1;
	}
}

/* sq_write_release(s): give the write lock back if ${s} holds it. */
void
sq_write_release(struct store *s)
{
	if (s->sqs_holds_write) {
		s->sqs_holds_write = 0;
		pthread_mutex_unlock(&s->sqs_lock->sql_mu);
	}
}

void
store_close(struct store *s)
{
	int i;

	if (s == NULL)
		return;
	if (s->sqs_db != NULL && !sqlite3_get_autocommit(s->sqs_db))
		sqlite3_exec(s->sqs_db, "ROLLBACK", NULL, NULL, NULL);
	sq_write_release(s);
	lock_put(s->sqs_lock);
	free(s->sqs_location);
	for (i = 0; i < s->sqs_ncache; i++)
		sqlite3_finalize(s->sqs_cache[i].sqc_stmt);
	if (s->sqs_db != NULL)
		sqlite3_close(s->sqs_db);
	diag_free(&s->sqs_err);
	free(s);
}

int
store_tx_begin(struct store *s)
{
	int rc;

	sq_write_acquire(s);
	rc = sq_simple(s, "BEGIN IMMEDIATE");
	if (rc != 0)
		sq_write_release(s);
	return rc;
}

int
store_tx_commit(struct store *s)
{
	int rc = sq_simple(s, "COMMIT");

	if (rc == 0)
		sq_write_release(s);
	return rc;
}

void
store_tx_rollback(struct store *s)
{
	if (!sqlite3_get_autocommit(s->sqs_db))
		sqlite3_exec(s->sqs_db, "ROLLBACK", NULL, NULL, NULL);
	sq_write_release(s);
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
		sq_seterr(s, STORE_EIO, "không tạo được tệp sao lưu %s",
		    "cannot create the backup %s", path);
		sqlite3_close(dst);
		return STORE_EIO;
	}
	bk = sqlite3_backup_init(dst, "main", s->sqs_db, "main");
	if (bk == NULL) {
		sq_seterr(s, STORE_EIO, "sao lưu thất bại: %s",
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
		sq_seterr(s, STORE_EIO, "sao lưu thất bại: %s",
		    "backup failed: %s", sqlite3_errstr(rc));
		sqlite3_close(dst);
		return STORE_EIO;
	}
	rc = sqlite3_close(dst);
	return rc == SQLITE_OK ? 0 : STORE_EIO;
}
