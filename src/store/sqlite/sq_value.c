/*
 * sq_value.c: values: the current one per period, unit and input; replaced
 * values are archived, every change is audited.
 */
#include "store/sqlite/sq.h"

/* sq_unit_code(s, unit, buf, size): the code of unit ${unit}; "" if none. */
const char *
sq_unit_code(struct store *s, long unit, char *buf, size_t size)
{
	struct sq_textbuf b = { buf, size };

	buf[0] = '\0';
	(void)sq_one(s, sq_map_text, &b, NULL,
	    "SELECT code FROM unit WHERE id = ?", "i", unit);
	return buf;
}

/* status_map(st, out): the first column as an enum value_status. */
static const char *
status_map(sqlite3_stmt *st, void *out)
{
	return value_status_parse(sq_text(st, 0), out) != 0 ? "value.status"
							    : NULL;
}

int
store_value_get(struct store *s, long period, long unit, const char *input,
    enum value_status *status)
{
	return sq_one(s, status_map, status, NULL,
	    "SELECT status FROM value WHERE period = ? AND unit = ? AND"
	    " input = ? AND archived = 0",
	    "iis", period, unit, input);
}

/* The value a new one replaces. */
struct sq_oldval {
	long sqo_id;
	char *sqo_raw; /* malloc'd */
	long sqo_first; /* id of the first version */
};

static const char *
oldval_map(sqlite3_stmt *st, void *out)
{
	struct sq_oldval *o = out;

	o->sqo_id = (long)sqlite3_column_int64(st, 0);
	o->sqo_raw = xstrdup(sq_text(st, 1));
	o->sqo_first = (long)sqlite3_column_int64(st, 2);
	return NULL;
}

/* value_put(s, period, unit, input, raw, status, actor, reason). */
static int
value_put(struct store *s, long period, long unit, const char *input,
    const char *raw, const char *status, const char *actor, const char *reason)
{
	char at[21], key[160], ucode[80];
	struct sq_oldval old = { 0, NULL, 0 };
	int rc;

	rc = sq_one(s, oldval_map, &old, NULL,
	    "SELECT id, raw, coalesce(first_id, id) FROM value WHERE period = ?"
	    " AND unit = ? AND input = ? AND archived = 0",
	    "iis", period, unit, input);
	if (rc != 0 && rc != STORE_ENOTFOUND)
		return rc;
	sq_now(at);
	if (old.sqo_id != 0 &&
	    (rc = sq_exec(s, "UPDATE value SET archived = 1 WHERE id = ?", "i",
		 old.sqo_id)) != 0)
		goto out;
	rc = sq_exec(s,
	    "INSERT INTO value (period, unit, input, raw, status, entered_by,"
	    " entered_at, first_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	    "iisssss"
	    "i",
	    period, unit, input, raw, status, actor, at,
	    old.sqo_id != 0 ? old.sqo_first : 0L);
	if (rc != 0)
		goto out;
	if (old.sqo_id == 0)
		rc = sq_exec(s, "UPDATE value SET first_id = id WHERE id = ?",
		    "i", (long)sqlite3_last_insert_rowid(s->sqs_db));
	if (rc != 0)
		goto out;
	snprintf(key, sizeof(key), "%s/%s",
	    sq_unit_code(s, unit, ucode, sizeof(ucode)), input);
	rc = sq_audit(
	    s, actor, "value.set", "value", key, old.sqo_raw, raw, reason);
out:
	free(old.sqo_raw);
	return rc;
}

int
store_value_write(
    struct store *s, const struct st_value_in *v, const char *actor)
{
	return value_put(s, v->svi_period, v->svi_unit, v->svi_input,
	    v->svi_raw, value_status_name(v->svi_status), actor, v->svi_reason);
}

static const char *
value_map(sqlite3_stmt *st, void *out)
{
	struct st_value *v = out;

	v->sv_id = (long)sqlite3_column_int64(st, 0);
	v->sv_unit = sq_text(st, 1);
	v->sv_input = sq_text(st, 2);
	v->sv_raw = sq_text(st, 3);
	if (value_status_parse(sq_text(st, 4), &v->sv_status) != 0)
		return "value.status";
	v->sv_by = sq_text(st, 5);
	v->sv_at = sq_text(st, 6);
	return NULL;
}

/* value_status_set(s, period, unit, input, status, actor, action, reason). */
static int
value_status_set(struct store *s, long period, long unit, const char *input,
    const char *status, const char *actor, const char *action,
    const char *reason)
{
	enum value_status old;
	char key[160], ucode[80];
	int rc = store_value_get(s, period, unit, input, &old);

	if (rc == STORE_ENOTFOUND) {
		sq_seterr(s, STORE_ENOTFOUND, "chưa có giá trị %s",
		    "no value for %s", input);
		return rc;
	}
	if (rc != 0)
		return rc;
	rc = sq_exec(s,
	    "UPDATE value SET status = ? WHERE period = ? AND unit = ? AND"
	    " input = ? AND archived = 0",
	    "siis", status, period, unit, input);
	if (rc != 0)
		return rc;
	snprintf(key, sizeof(key), "%s/%s",
	    sq_unit_code(s, unit, ucode, sizeof(ucode)), input);
	return sq_audit(s, actor, action, "value", key, value_status_name(old),
	    status, reason);
}

int
store_value_change(
    struct store *s, const struct st_value_change *c, const char *actor)
{
	return value_status_set(s, c->svc_period, c->svc_unit, c->svc_input,
	    value_status_name(c->svc_status), actor, c->svc_action,
	    c->svc_reason);
}

/* Hand each row of a value query (id, unit, input, raw, status, by, at). */
static int
value_rows(struct store *s, sqlite3_stmt *st,
    int (*cb)(void *, const struct st_value *), void *ctx)
{
	SQ_EACH(s, st, struct st_value, value_map, cb, ctx);
}

int
store_value_each(struct store *s, long period, const enum value_status *status,
    int (*cb)(void *, const struct st_value *), void *ctx)
{
	sqlite3_stmt *st = sq_query(s,
	    "SELECT v.id, u.code, v.input, v.raw, v.status, v.entered_by,"
	    " v.entered_at FROM value v JOIN unit u ON u.id = v.unit"
	    " WHERE v.period = ? AND v.archived = 0 AND (?2 IS NULL OR"
	    " v.status = ?2) ORDER BY v.first_id",
	    "is", period, status != NULL ? value_status_name(*status) : NULL);

	if (st == NULL)
		return s->sqs_errcode;
	return value_rows(s, st, cb, ctx);
}

int
store_unit_values(struct store *s, long period, long unit,
    int (*cb)(void *, const struct st_value *), void *ctx)
{
	sqlite3_stmt *st = sq_query(s,
	    "SELECT v.id, u.code, v.input, v.raw, v.status, v.entered_by,"
	    " v.entered_at FROM value v JOIN unit u ON u.id = v.unit"
	    " WHERE v.period = ? AND v.unit = ? AND v.archived = 0",
	    "ii", period, unit);

	if (st == NULL)
		return s->sqs_errcode;
	return value_rows(s, st, cb, ctx);
}
