/*
 * sq_value.c: values: the current one per period, unit, input and part;
 * replaced values are archived, every change is audited.
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

const char *
sq_period_code(struct store *s, long period, char *buf, size_t size)
{
	struct sq_textbuf b = { buf, size };

	buf[0] = '\0';
	(void)sq_one(s, sq_map_text, &b, NULL,
	    "SELECT code FROM period WHERE id = ?", "i", period);
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
    const char *part, enum value_status *status)
{
	return sq_one(s, status_map, status, NULL,
	    "SELECT status FROM value WHERE period = ? AND unit = ? AND"
	    " input = ? AND part = ? AND archived = 0",
	    "iiss", period, unit, input, part != NULL ? part : "");
}

/* The period, unit and input codes of a value's audit row, and its key. */
struct sq_valkey {
	char svk_period[16];
	char svk_unit[80];
	char svk_key[200]; /* "UNIT/INPUT", "UNIT/INPUT@PART" for a part */
	struct sq_about svk_about;
};

static void
valkey_make(struct store *s, struct sq_valkey *k, long period, long unit,
    const char *input, const char *part, const char *agency)
{
	sq_period_code(s, period, k->svk_period, sizeof(k->svk_period));
	sq_unit_code(s, unit, k->svk_unit, sizeof(k->svk_unit));
	if (part[0] != '\0')
		snprintf(k->svk_key, sizeof(k->svk_key), "%s/%s@%s",
		    k->svk_unit, input, part);
	else
		snprintf(k->svk_key, sizeof(k->svk_key), "%s/%s", k->svk_unit,
		    input);
	k->svk_about.sqa_period = k->svk_period;
	/* a part's entries are the contributing agency's */
	k->svk_about.sqa_agency = part[0] != '\0' ? part : agency;
	k->svk_about.sqa_unit = k->svk_unit;
	k->svk_about.sqa_input = input;
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

int
store_value_write(
    struct store *s, const struct st_value_in *v, const char *actor)
{
	const char *part = v->svi_part != NULL ? v->svi_part : "";
	struct sq_oldval old = { 0, NULL, 0 };
	struct sq_valkey k;
	char at[21];
	int rc;

	rc = sq_one(s, oldval_map, &old, NULL,
	    "SELECT id, raw, coalesce(first_id, id) FROM value WHERE period = ?"
	    " AND unit = ? AND input = ? AND part = ? AND archived = 0",
	    "iiss", v->svi_period, v->svi_unit, v->svi_input, part);
	if (rc != 0 && rc != STORE_ENOTFOUND)
		return rc;
	sq_now(at);
	if (old.sqo_id != 0 &&
	    (rc = sq_exec(s, "UPDATE value SET archived = 1 WHERE id = ?", "i",
		 old.sqo_id)) != 0)
		goto out;
	/* a new version starts without the comment of a return */
	rc = sq_exec(s,
	    "INSERT INTO value (period, unit, input, raw, status, entered_by,"
	    " entered_at, first_id, warnings, part)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    "iisssss"
	    "iss",
	    v->svi_period, v->svi_unit, v->svi_input, v->svi_raw,
	    value_status_name(v->svi_status), actor, at,
	    old.sqo_id != 0 ? old.sqo_first : 0L,
	    v->svi_warnings != NULL ? v->svi_warnings : "", part);
	if (rc != 0)
		goto out;
	if (old.sqo_id == 0)
		rc = sq_exec(s, "UPDATE value SET first_id = id WHERE id = ?",
		    "i", (long)sqlite3_last_insert_rowid(s->sqs_db));
	if (rc != 0)
		goto out;
	valkey_make(s, &k, v->svi_period, v->svi_unit, v->svi_input, part,
	    v->svi_agency);
	rc = sq_audit(s, actor, "value.set", "value", k.svk_key, old.sqo_raw,
	    v->svi_raw, v->svi_reason, &k.svk_about);
out:
	free(old.sqo_raw);
	return rc;
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
	v->sv_comment = sq_text(st, 7);
	v->sv_warnings = sq_text(st, 8);
	v->sv_part = sq_text(st, 9);
	return NULL;
}

int
store_value_change(
    struct store *s, const struct st_value_change *c, const char *actor)
{
	const char *part = c->svc_part != NULL ? c->svc_part : "";
	const char *status = value_status_name(c->svc_status);
	enum value_status old;
	struct sq_valkey k;
	int rc = store_value_get(
	    s, c->svc_period, c->svc_unit, c->svc_input, part, &old);

	if (rc == STORE_ENOTFOUND) {
		sq_seterr(s, STORE_ENOTFOUND, "chưa có giá trị %s",
		    "no value for %s", c->svc_input);
		return rc;
	}
	if (rc != 0)
		return rc;
	rc = sq_exec(s,
	    "UPDATE value SET status = ?, comment = coalesce(?, comment)"
	    " WHERE period = ? AND unit = ? AND input = ? AND part = ? AND"
	    " archived = 0",
	    "ssiiss", status, c->svc_comment, c->svc_period, c->svc_unit,
	    c->svc_input, part);
	if (rc != 0)
		return rc;
	valkey_make(s, &k, c->svc_period, c->svc_unit, c->svc_input, part,
	    c->svc_agency);
	return sq_audit(s, actor, c->svc_action, "value", k.svk_key,
	    value_status_name(old), status, c->svc_reason, &k.svk_about);
}

/* The columns value_map reads, from value v joined with unit u. */
#define VALUE_COLS \
	"SELECT v.id, u.code, v.input, v.raw, v.status, v.entered_by," \
	" v.entered_at, v.comment, v.warnings, v.part FROM value v" \
	" JOIN unit u ON u.id = v.unit"

/* Hand each row of a VALUE_COLS query. */
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
	    VALUE_COLS " WHERE v.period = ? AND v.archived = 0 AND (?2 IS NULL"
		       " OR v.status = ?2) ORDER BY v.first_id, v.part",
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
	    VALUE_COLS " WHERE v.period = ? AND v.unit = ? AND v.archived = 0"
		       " ORDER BY v.first_id, v.part",
	    "ii", period, unit);

	if (st == NULL)
		return s->sqs_errcode;
	return value_rows(s, st, cb, ctx);
}
