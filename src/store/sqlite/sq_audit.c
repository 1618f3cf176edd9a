/*
 * sq_audit.c: the append-only audit log.
 */
#include "store/sqlite/sq.h"

int
sq_audit(struct store *s, const char *actor, const char *action,
    const char *entity, const char *key, const char *old, const char *new,
    const char *reason, const struct sq_about *ab)
{
	static const struct sq_about none;
	char at[21];

	if (ab == NULL)
		ab = &none;
	sq_now(at);
	return sq_exec(s,
	    "INSERT INTO audit (at, actor, action, entity, key, old, new,"
	    " reason, period, agency, unit, input)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    "ssssssssssss", at, actor, action, entity, key, old, new, reason,
	    ab->sqa_period, ab->sqa_agency, ab->sqa_unit, ab->sqa_input);
}

int
store_audit_add(struct store *s, const struct st_audit *a)
{
	struct sq_about ab = { a->sau_period, a->sau_agency, a->sau_unit,
		a->sau_input };

	return sq_audit(s, a->sau_actor, a->sau_action, a->sau_entity,
	    a->sau_key, a->sau_old, a->sau_new, a->sau_reason, &ab);
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
	a->sau_period = sq_text(st, 9);
	a->sau_agency = sq_text(st, 10);
	a->sau_unit = sq_text(st, 11);
	a->sau_input = sq_text(st, 12);
	return NULL;
}

/*
 * The period, unit and input of a row, from its key when the row predates
 * the columns (schema 2): a period's entries are keyed by its code, value
 * entries "UNIT/INPUT", evidence entries "UNIT/INPUT#ID".
 */
#define AUDIT_PERIOD \
	"coalesce(period, CASE WHEN entity = 'period' THEN key END)"
#define AUDIT_SLASH "instr(key, '/')"
#define AUDIT_UNIT \
	"coalesce(unit, CASE WHEN entity IN ('value', 'evidence') AND " AUDIT_SLASH \
	" > 1 THEN substr(key, 1, " AUDIT_SLASH " - 1) END)"
#define AUDIT_INPUT \
	"coalesce(input, CASE WHEN entity = 'value' AND " AUDIT_SLASH \
	" > 1 THEN substr(key, " AUDIT_SLASH " + 1) WHEN entity = 'evidence'" \
	" AND " AUDIT_SLASH " > 1 AND instr(key, '#') > " AUDIT_SLASH \
	" THEN substr(key, " AUDIT_SLASH \
	" + 1, instr(key, '#') - " AUDIT_SLASH " - 1) END)"

int
store_audit_each(struct store *s, const struct st_audit_filter *f,
    int (*cb)(void *, const struct st_audit *), void *ctx)
{
	static const struct st_audit_filter all;
	sqlite3_stmt *st;

	if (f == NULL)
		f = &all;
	st = sq_query(s,
	    "SELECT id, at, actor, action, entity, key, old, new, reason,"
	    " " AUDIT_PERIOD ", agency, " AUDIT_UNIT ", " AUDIT_INPUT
	    " FROM audit WHERE (?1 IS NULL OR period = ?1 OR (period IS NULL"
	    " AND " AUDIT_PERIOD " = ?1)) AND (?2 IS NULL OR agency = ?2)"
	    " AND (?3 IS NULL OR " AUDIT_UNIT " = ?3)"
	    " AND (?4 IS NULL OR " AUDIT_INPUT " = ?4)"
	    " AND (?5 IS NULL OR substr(key, 1, length(?5)) = ?5) ORDER BY id",
	    "sssss", f->saf_period, f->saf_agency, f->saf_unit, f->saf_input,
	    f->saf_key);
	if (st == NULL)
		return s->sqs_errcode;
	SQ_EACH(s, st, struct st_audit, audit_map, cb, ctx);
}
