/*
 * sq_audit.c: the append-only audit log.
 */
#include "store/sqlite/sq.h"

/* sq_audit(s, actor, action, entity, key, old, new, reason): one row. */
int
sq_audit(struct store *s, const char *actor, const char *action,
    const char *entity, const char *key, const char *old, const char *new,
    const char *reason)
{
	char at[21];

	sq_now(at);
	return sq_exec(s,
	    "INSERT INTO audit (at, actor, action, entity, key, old, new,"
	    " reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	    "ssssssss", at, actor, action, entity, key, old, new, reason);
}

int
store_audit_add(struct store *s, const struct st_audit *a)
{
	return sq_audit(s, a->sau_actor, a->sau_action, a->sau_entity,
	    a->sau_key, a->sau_old, a->sau_new, a->sau_reason);
}

static const char *
audit_map(sqlite3_stmt *st, void *out)
{
	struct st_audit *a = out;

	a->sau_id = (long)sqlite3_column_int64(st, 0);
	a->sau_at = sq_text(st, 1);
	a->sau_actor = sq_text(st, 2);
	a->sau_action = sq_text(st, 3);
	a->sau_entity = sq_text(st, 4);
	a->sau_key = sq_text(st, 5);
	a->sau_old = sq_text(st, 6);
	a->sau_new = sq_text(st, 7);
	a->sau_reason = sq_text(st, 8);
	return NULL;
}

int
store_audit_each(struct store *s, const char *key_prefix,
    int (*cb)(void *, const struct st_audit *), void *ctx)
{
	sqlite3_stmt *st = sq_query(s,
	    "SELECT id, at, actor, action, entity, key, old, new, reason"
	    " FROM audit WHERE ?1 IS NULL OR substr(key, 1, length(?1)) = ?1"
	    " ORDER BY id",
	    "s", key_prefix);

	if (st == NULL)
		return s->sqs_errcode;
	SQ_EACH(s, st, struct st_audit, audit_map, cb, ctx);
}
