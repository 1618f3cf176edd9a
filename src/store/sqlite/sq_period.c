/*
 * sq_period.c: reporting periods: open, close, reopen, look up.
 */
#include "store/sqlite/sq.h"

int
store_period_add(struct store *s, const struct st_period *p, const char *actor)
{
	struct sq_about ab = { NULL, NULL, NULL, NULL };
	int rc = sq_exec(s,
	    "INSERT INTO period (code, kind, year, quarter, methodology,"
	    " agency_due, sotttt_due, status, label)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?)",
	    "ssiiisss", p->sp_code, p->sp_kind, (long)p->sp_year,
	    (long)p->sp_quarter, p->sp_method, p->sp_agency_due,
	    p->sp_sotttt_due, p->sp_label);

	if (rc == STORE_ECONFLICT)
		sq_seterr(s, STORE_ECONFLICT, "kỳ %s đã có",
		    "period %s already exists", p->sp_code);
	if (rc != 0)
		return rc;
	ab.sqa_period = p->sp_code;
	return sq_audit(s, actor, "period.open", "period", p->sp_code, NULL,
	    "open", NULL, &ab);
}

static const char *
period_map(sqlite3_stmt *st, void *out)
{
	struct st_period *p = out;

	memset(p, 0, sizeof(*p));
	p->sp_id = (long)sqlite3_column_int64(st, 0);
	snprintf(p->sp_code, sizeof(p->sp_code), "%s", sq_text(st, 1));
	snprintf(p->sp_kind, sizeof(p->sp_kind), "%s", sq_text(st, 2));
	p->sp_year = sqlite3_column_int(st, 3);
	p->sp_quarter = sqlite3_column_int(st, 4);
	p->sp_method = (long)sqlite3_column_int64(st, 5);
	snprintf(
	    p->sp_agency_due, sizeof(p->sp_agency_due), "%s", sq_text(st, 6));
	snprintf(
	    p->sp_sotttt_due, sizeof(p->sp_sotttt_due), "%s", sq_text(st, 7));
	if (period_status_parse(sq_text(st, 8), &p->sp_status) != 0)
		return "period.status";
	snprintf(p->sp_label, sizeof(p->sp_label), "%s", sq_text(st, 9));
	return NULL;
}

#define PERIOD_COLS \
	"SELECT id, code, kind, year, quarter, methodology, agency_due," \
	" sotttt_due, status, label FROM period"

int
store_period_get(struct store *s, const char *code, struct st_period *p)
{
	static const struct sq_missing miss = {
		"không có kỳ '%s'; mở kỳ bằng dti period open %s",
		"no period '%s'; open it with dti period open %s",
	};

	return sq_one(s, period_map, p, &miss, PERIOD_COLS " WHERE code = ?",
	    "s", code, code, code);
}

int
store_period_change(
    struct store *s, const struct st_period_change *c, const char *actor)
{
	const char *status = period_status_name(c->spc_status);
	struct sq_about ab = { c->spc_code, NULL, NULL, NULL };
	struct st_period p;
	int rc;

	if ((rc = store_period_get(s, c->spc_code, &p)) != 0)
		return rc;
	if (p.sp_status == c->spc_status) {
		sq_seterr(s, STORE_ECONFLICT, "kỳ %s đã ở trạng thái %s",
		    "period %s is already %s", c->spc_code, status);
		return STORE_ECONFLICT;
	}
	rc = sq_exec(s, "UPDATE period SET status = ? WHERE id = ?", "si",
	    status, p.sp_id);
	if (rc != 0)
		return rc;
	return sq_audit(s, actor,
	    c->spc_status == PERIOD_CLOSED ? "period.close" : "period.reopen",
	    "period", c->spc_code, period_status_name(p.sp_status), status,
	    c->spc_reason, &ab);
}

int
store_period_each(
    struct store *s, int (*cb)(void *, const struct st_period *), void *ctx)
{
	/* a year comes after its quarters */
	sqlite3_stmt *st = sq_query(s,
	    PERIOD_COLS " ORDER BY year, CASE quarter WHEN 0 THEN 5"
			" ELSE quarter END, code",
	    "");

	if (st == NULL)
		return s->sqs_errcode;
	SQ_EACH(s, st, struct st_period, period_map, cb, ctx);
}

int
store_period_set_method(
    struct store *s, const char *code, long method, const char *actor)
{
	struct sq_about ab = { code, NULL, NULL, NULL };
	struct st_period p;
	char from[24], to[24];
	int rc;

	if ((rc = store_period_get(s, code, &p)) != 0)
		return rc;
	rc = sq_exec(s, "UPDATE period SET methodology = ? WHERE id = ?", "ii",
	    method, p.sp_id);
	if (rc != 0)
		return rc;
	snprintf(from, sizeof(from), "%ld", p.sp_method);
	snprintf(to, sizeof(to), "%ld", method);
	return sq_audit(s, actor, "period.methodology", "period", code, from,
	    to, NULL, &ab);
}

int
store_period_unit_add(
    struct store *s, long period, const char *unit, const char *actor)
{
	struct sq_about ab = { NULL, NULL, unit, NULL };
	char code[16];
	int rc = sq_exec(s,
	    "INSERT INTO period_unit (period, unit)"
	    " SELECT ?, id FROM unit WHERE code = ?",
	    "is", period, unit);

	if (rc != 0)
		return rc;
	if (sqlite3_changes(s->sqs_db) != 1) {
		sq_seterr(s, STORE_ENOTFOUND, "không có đơn vị '%s'",
		    "no unit '%s'", unit);
		return STORE_ENOTFOUND;
	}
	ab.sqa_period = sq_period_code(s, period, code, sizeof(code));
	return sq_audit(s, actor, "period.unit", "period", ab.sqa_period, NULL,
	    unit, NULL, &ab);
}

static const char *
period_unit_map(sqlite3_stmt *st, void *out)
{
	struct st_unit *u = out;

	u->su_id = (long)sqlite3_column_int64(st, 0);
	u->su_code = sq_text(st, 1);
	u->su_name = sq_text(st, 2);
	u->su_level = sq_text(st, 3);
	u->su_parent = sq_text(st, 4);
	return NULL;
}

int
store_period_units(struct store *s, long period,
    int (*cb)(void *, const struct st_unit *), void *ctx)
{
	sqlite3_stmt *st = sq_query(s,
	    "SELECT u.id, u.code, u.name, u.level, p.code FROM period_unit pu"
	    " JOIN unit u ON u.id = pu.unit LEFT JOIN unit p ON p.id = u.parent"
	    " WHERE pu.period = ? ORDER BY u.id",
	    "i", period);

	if (st == NULL)
		return s->sqs_errcode;
	SQ_EACH(s, st, struct st_unit, period_unit_map, cb, ctx);
}
