/*
 * sq.h: the inside of the SQLite backend of store.h, shared by its files
 * and by nothing else. WAL, foreign keys, a busy timeout, versioned
 * migrations applied on open, prepared statements only (cached per
 * connection). Nothing is ever deleted: replaced values and evidence are
 * archived, and the audit log refuses updates and deletes.
 *
 *   sq_stmt.c      statement cache, binding, errors, helpers
 *   sq_schema.c    the schema and its migrations
 *   sq_conn.c      open, close, transactions, the write lock, backup
 *   sq_meta.c      settings, counts, data version
 *   sq_method.c    methodologies and responsibilities
 *   sq_org.c       agencies and units
 *   sq_period.c    periods
 *   sq_value.c     values
 *   sq_evidence.c  evidence and files
 *   sq_plan.c      tasks, progress, targets
 *   sq_audit.c     the audit log
 *   sq_submission.c  submission events
 *   sq_account.c   accounts and sessions
 */
#ifndef DTI_STORE_SQ_H
#define DTI_STORE_SQ_H

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "domain/domain.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/sha256.h"

#define SQ_APP_ID 0x44544931 /* "DTI1" in the database header */
#define SQ_BUSY_MS 5000 /* how long a writer of another process waits */
#define SQ_NCACHE 64 /* prepared statements kept per connection */

/* One cached prepared statement. */
struct sq_cached {
	const char *sqc_sql; /* static string: compared by address */
	sqlite3_stmt *sqc_stmt; /* prepared with SQLITE_PREPARE_PERSISTENT */
};

/* One connection. */
struct store {
	sqlite3 *sqs_db; /* the connection; NULL until opened */
	int sqs_errcode; /* the STORE_E* code of the last error; 0: none */
	struct diag sqs_err; /* the last error: one item, or none */
	struct sq_cached sqs_cache[SQ_NCACHE]; /* the statement cache */
	int sqs_ncache; /* entries of sqs_cache in use */
	char *sqs_location; /* the path it was opened with */
	struct sq_lock *sqs_lock; /* the database's write lock (sq_conn.c) */
	int sqs_holds_write; /* holds sqs_lock: inside store_tx_begin ... */
};

/*
 * What a one-row look-up names when it finds nothing, in both languages;
 * the arguments of the formats follow the bound ones in sq_one().
 */
struct sq_missing {
	const char *sqm_vi;
	const char *sqm_en;
};

/* A text column copied into a caller's buffer (sq_map_text). */
struct sq_textbuf {
	char *sqt_buf;
	size_t sqt_size;
};

/* A malloc'd column and its length (yaml_map, file_map). */
struct sq_blob {
	void **sqb_data;
	size_t *sqb_len;
};

/* sq_stmt.c */
void sq_seterr(struct store *, int, const char *, const char *, ...)
    __attribute__((format(printf, 4, 5)));
void sq_vseterr(struct store *, int, const char *, const char *, va_list)
    __attribute__((format(printf, 4, 0)));
int sq_dberr(struct store *, int);
sqlite3_stmt *sq_prep(struct store *, const char *);
void sq_done(struct store *, sqlite3_stmt *);
int sq_bindv(sqlite3_stmt *, const char *, va_list *);
sqlite3_stmt *sq_query(struct store *, const char *, const char *, ...);
int sq_exec(struct store *, const char *, const char *, ...);
const char *sq_text(sqlite3_stmt *, int);
void sq_now(char[21]);
int sq_simple(struct store *, const char *);

/*
 * A row mapper: copies the current row of a statement into the struct
 * it is given; returns NULL, or the "table.column" whose stored text the
 * domain's enum does not know (then the call fails with STORE_EIO).
 */
typedef const char *sq_map(sqlite3_stmt *, void *);

int sq_one(struct store *, sq_map *, void *, const struct sq_missing *,
    const char *, const char *, ...);
int sq_each_end(struct store *, sqlite3_stmt *, int);
int sq_bad_column(struct store *, sqlite3_stmt *, const char *);
const char *sq_map_long(sqlite3_stmt *, void *);
const char *sq_map_text(sqlite3_stmt *, void *);

/* sq_schema.c */
int sq_migrate(struct store *);

/* sq_conn.c */
void sq_write_acquire(struct store *);
void sq_write_release(struct store *);

/* sq_audit.c */
/* What an audit row is about: each NULL when it is about none. */
struct sq_about {
	const char *sqa_period; /* period code */
	const char *sqa_agency;
	const char *sqa_unit; /* unit code */
	const char *sqa_input;
};
/*
 * sq_audit(s, actor, action, entity, key, old, new, reason, about): one
 * row; ${about} may be NULL.
 */
int sq_audit(struct store *, const char *, const char *, const char *,
    const char *, const char *, const char *, const char *,
    const struct sq_about *);

/* sq_value.c */
const char *sq_unit_code(struct store *, long, char *, size_t);
/* sq_period_code(s, period, buf, size): the code of period id ${period}. */
const char *sq_period_code(struct store *, long, char *, size_t);

/*
 * SQ_EACH(s, st, type, map, cb, ctx): map each row of ${st} into a ${type}
 * and hand it to ${cb}(ctx, row), stopping early when it returns non-zero;
 * then return from the calling function with 0 or the store error (a row
 * the mapper refuses ends the walk with STORE_EIO).
 */
#define SQ_EACH(s, st, type, map, cb, ctx) \
	do { \
		type row_; \
		const char *bad_; \
		int rc_; \
		while ((rc_ = sqlite3_step(st)) == SQLITE_ROW) { \
			if ((bad_ = map(st, &row_)) != NULL) \
				return sq_bad_column((s), (st), bad_); \
			if ((cb)((ctx), &row_) != 0) \
				break; \
		} \
		return sq_each_end((s), (st), rc_); \
	} while (0)

#endif
