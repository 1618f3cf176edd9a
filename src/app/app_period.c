/*
 * app_period.c: reporting periods: their codes and deadlines, opening,
 * closing and reopening them, and where each agency stands in one.
 */
#include "app/app_int.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/date.h"

int
app_parse_period(const char *code, char kind[8], int *year, int *quarter)
{
	int n = 0;

	*quarter = 0;
	if (strlen(code) == 7 &&
	    sscanf(code, "%4d-Q%1d%n", year, quarter, &n) == 2 && n == 7 &&
	    *quarter >= 1 && *quarter <= 4 && *year >= 2000 && *year <= 2999) {
		strcpy(kind, "quarter");
		return 0;
	}
	if (strlen(code) == 4 && sscanf(code, "%4d%n", year, &n) == 1 &&
	    n == 4 && *year >= 2000 && *year <= 2999) {
		*quarter = 0;
		strcpy(kind, "year");
		return 0;
	}
	return -1;
}

static int
meta_int(struct store *s, const char *key, int def)
{
	char v[32];

	if (store_meta_get(s, key, v, sizeof(v)) != 0 || v[0] == '\0')
		return def;
	return atoi(v);
}

/* "MM-DD" setting, e.g. "12-20". */
static void
meta_md(struct store *s, const char *key, int def_m, int def_d, int *m, int *d)
{
	char v[32];

	*m = def_m;
	*d = def_d;
	if (store_meta_get(s, key, v, sizeof(v)) == 0 && v[0] != '\0' &&
	    sscanf(v, "%2d-%2d", m, d) != 2) {
		*m = def_m;
		*d = def_d;
	}
}

int
app_deadlines(
    struct store *s, int year, int quarter, char agency[11], char sotttt[11])
{
	int m, d;

	if (quarter > 0) {
		m = quarter * 3;
		date_format(
		    date_make(year, m,
			meta_int(s, "reporting.agency_quarter_day", 25)),
		    agency);
		date_format(
		    date_make(year, m,
			meta_int(s, "reporting.sotttt_quarter_day", 30)),
		    sotttt);
		return 0;
	}
	meta_md(s, "reporting.agency_year", 12, 20, &m, &d);
	date_format(date_make(year, m, d), agency);
	meta_md(s, "reporting.sotttt_year", 12, 25, &m, &d);
	date_format(date_make(year, m, d), sotttt);
	return 0;
}

int
app_period(
    struct store *s, const char *code, struct st_period *p, struct diag *d)
{
	if (store_period_get(s, code, p) != 0)
		return app_store_error(s, d);
	return 0;
}

int
app_periods(struct store *s, int (*cb)(void *, const struct st_period *),
    void *ctx, struct diag *d)
{
	if (store_period_each(s, cb, ctx) != 0)
		return app_store_error(s, d);
	return 0;
}

int
app_period_add(struct store *s, const struct app_actor *a, const char *code,
    long method, const char *agency_due, const char *sotttt_due,
    const char *label, struct st_period *out, struct diag *d)
{
	struct st_period p;
	char ad[11] = "", sd[11] = "";
	const char *bad;

	if (app_check(s, a, APP_PERIOD, NULL, d) != 0 ||
	    app_text_check(APP_TEXT_LABEL, label, d) < 0)
		return -1;
	memset(&p, 0, sizeof(p));
	if (app_parse_period(code, p.sp_kind, &p.sp_year, &p.sp_quarter) < 0) {
		diag_add(d, DIAG_ERROR, "period.code", NULL, 0, 0,
		    "mã kỳ '%s' không hợp lệ: dùng YYYY-Qn (quý) hoặc YYYY (năm)",
		    "bad period '%s': use YYYY-Qn (quarter) or YYYY (year)",
		    code);
		return -1;
	}
	snprintf(p.sp_code, sizeof(p.sp_code), "%s", code);
	snprintf(p.sp_label, sizeof(p.sp_label), "%s", label ? label : "");
	/* a deadline as typed (dd/mm/yyyy or ISO), stored ISO */
	bad = agency_due != NULL && date_iso(agency_due, ad) < 0 ? agency_due
	    : sotttt_due != NULL && date_iso(sotttt_due, sd) < 0 ? sotttt_due
								 : NULL;
	if (bad != NULL) {
		diag_add(d, DIAG_ERROR, "period.date", NULL, 0, 0,
		    "hạn '%s' không phải ngày có thật: viết dd/mm/yyyy hoặc YYYY-MM-DD",
		    "deadline '%s' is not a real date: write dd/mm/yyyy or YYYY-MM-DD",
		    bad);
		return -1;
	}
	if (store_tx_begin(s) != 0)
		return app_store_error(s, d);
	if (method == 0 && store_method_latest(s, &method) != 0)
		return app_abort(s, d);
	p.sp_method = method;
	app_deadlines(
	    s, p.sp_year, p.sp_quarter, p.sp_agency_due, p.sp_sotttt_due);
	if (agency_due != NULL)
		snprintf(p.sp_agency_due, sizeof(p.sp_agency_due), "%s", ad);
	if (sotttt_due != NULL)
		snprintf(p.sp_sotttt_due, sizeof(p.sp_sotttt_due), "%s", sd);
	if (store_period_add(s, &p, a->ac_login) != 0 ||
	    store_tx_commit(s) != 0)
		return app_abort(s, d);
	if (out != NULL && store_period_get(s, code, out) != 0)
		return app_store_error(s, d);
	return 0;
}

int
app_period_set_status(struct store *s, const struct app_actor *a,
    const char *code, enum period_status st, const char *reason, struct diag *d)
{
	struct st_period_change c;

	if (app_check(s, a, APP_PERIOD, NULL, d) != 0)
		return -1;
	if (st == PERIOD_OPEN && (reason == NULL || *reason == '\0')) {
		diag_put(d, DIAG_ERROR, "period.reason", NULL, 0, 0,
		    "mở lại kỳ cần có lý do",
		    "reopening a period needs a reason");
		return -1;
	}
	if (app_text_check(APP_TEXT_REASON, reason, d) < 0)
		return -1;
	if (store_tx_begin(s) != 0)
		return app_store_error(s, d);
	c.spc_code = code;
	c.spc_status = st;
	c.spc_reason = reason;
	if (store_period_change(s, &c, a->ac_login) != 0 ||
	    store_tx_commit(s) != 0)
		return app_abort(s, d);
	return 0;
}

int
app_period_is_open(const struct st_period *p)
{
	switch (p->sp_status) {
	case PERIOD_OPEN: return 1;
	case PERIOD_CLOSED: return 0;
	}
	return 0;
}

int
app_refuse_closed(const struct st_period *p, struct diag *d)
{
	if (!app_period_is_open(p)) {
		diag_add(d, DIAG_ERROR, "period.closed", NULL, 0, 0,
		    "kỳ %s đã đóng: không nhận thay đổi nào",
		    "period %s is closed: it accepts no change", p->sp_code);
		return -1;
	}
	return 0;
}

int
app_unit(struct store *s, const char *unit, char *code, size_t size, long *id,
    struct diag *d)
{
	if (unit == NULL) {
		if (store_meta_get(s, "province", code, size) != 0)
			return app_store_error(s, d);
		if (code[0] == '\0') {
			diag_put(d, DIAG_ERROR, "unit.none", NULL, 0, 0,
			    "chưa có tỉnh trong cơ sở dữ liệu: hãy chỉ rõ đơn vị",
			    "no province in the database: name the unit");
			return -1;
		}
	} else {
		snprintf(code, size, "%s", unit);
	}
	if (store_unit_find(s, code, id) != 0)
		return app_store_error(s, d);
	return 0;
}

int
app_value_status(struct store *s, long period, long unit, const char *input,
    enum value_status *out)
{
	return store_value_get(s, period, unit, input, "", out);
}

const char *
app_input_owner(const struct method *m, const char *input)
{
	int in = method_input(m, input, strlen(input));

	return in < 0 ? NULL : app_owner(m, in);
}

/* A store_unit_values callback passing on the values of one status. */
struct unit_values_ctx {
	const enum value_status *uv_status;
	int (*uv_cb)(void *, const struct st_value *);
	void *uv_ctx;
};

static int
unit_value_row(void *ctx, const struct st_value *v)
{
	const struct unit_values_ctx *c = ctx;

	if (c->uv_status != NULL && v->sv_status != *c->uv_status)
		return 0;
	return c->uv_cb(c->uv_ctx, v);
}

int
app_unit_values(struct store *s, const struct st_period *p, const char *unit,
    const enum value_status *status, int (*cb)(void *, const struct st_value *),
    void *ctx, struct diag *d)
{
	struct unit_values_ctx c = { status, cb, ctx };
	char code[80];
	long uid;

	if (app_unit(s, unit, code, sizeof(code), &uid, d) != 0)
		return -1;
	if (store_unit_values(s, p->sp_id, uid, unit_value_row, &c) != 0)
		return app_store_error(s, d);
	return 0;
}

/* The state of one agency's events, while they are read. */
struct status_events {
	int se_complete; /* a complete submission was seen */
	int se_late; /* and whether it was late */
	char se_approved[21]; /* the last approval of the whole set */
};

/* The agencies of a status and the values they are counted from. */
struct status_ctx {
	const struct method *stc_m;
	struct app_agency_status *stc_st;
	struct status_events *stc_ev; /* one per entry of stc_st */
	int stc_n;
	int *stc_agency_of; /* per input: index into stc_st, or -1 */
	const char *stc_unit; /* unit code, for the events */
};

/* Count one current value of the unit (parts: app_cset_status_count). */
static int
status_value(void *ctx, const struct st_value *v)
{
	struct status_ctx *c = ctx;
	struct app_agency_status *a;
	int in;

	if (v->sv_part[0] != '\0')
		return 0;
	in = method_input(c->stc_m, v->sv_input, strlen(v->sv_input));
	if (in < 0 || c->stc_agency_of[in] < 0)
		return 0;
	a = &c->stc_st[c->stc_agency_of[in]];
	a->ag_missing--;
	switch (v->sv_status) {
	case VALUE_DRAFT: a->ag_draft++; break;
	case VALUE_SUBMITTED: a->ag_submitted++; break;
	case VALUE_RETURNED: a->ag_returned++; break;
	case VALUE_APPROVED: a->ag_approved++; break;
	}
	return 0;
}

/* Fold one submission event of the period into its agency's status. */
static int
status_event(void *ctx, const struct st_submission *e)
{
	struct status_ctx *c = ctx;
	struct status_events *ev;
	struct app_agency_status *a;
	int k;

	if (strcmp(e->ssu_unit, c->stc_unit) != 0)
		return 0;
	for (k = 0; k < c->stc_n; k++)
		if (strcmp(c->stc_st[k].ag_agency, e->ssu_agency) == 0)
			break;
	if (k == c->stc_n)
		return 0;
	a = &c->stc_st[k];
	ev = &c->stc_ev[k];
	switch (e->ssu_event) {
	case REVIEW_SUBMIT:
		if (a->ag_submitted_first[0] == '\0')
			snprintf(a->ag_submitted_first,
			    sizeof(a->ag_submitted_first), "%s", e->ssu_at);
		snprintf(a->ag_submitted_last, sizeof(a->ag_submitted_last),
		    "%s", e->ssu_at);
		if (!e->ssu_partial && !ev->se_complete) {
			ev->se_complete = 1;
			ev->se_late = e->ssu_late;
		}
		break;
	case REVIEW_APPROVE:
		if (!e->ssu_partial)
			snprintf(ev->se_approved, sizeof(ev->se_approved), "%s",
			    e->ssu_at);
		break;
	case REVIEW_RETURN:
	case REVIEW_REOPEN: break;
	}
	return 0;
}

int
app_status(struct store *s, const struct st_period *p, const char *unit,
    const struct method *m, long today, struct app_agency_status **out, int *n,
    struct diag *d)
{
	struct status_ctx c;
	struct app_cset *parts;
	char code[80];
	long uid, due = 0;
	int i, k, rc = 0, room;

	*out = NULL;
	*n = 0;
	if (app_unit_in(s, p, unit, code, sizeof(code), &uid, d) != 0 ||
	    app_cset_load(s, p, m, uid, &parts, d) != 0)
		return -1;
	memset(&c, 0, sizeof(c));
	c.stc_m = m;
	c.stc_unit = code;
	/* the agencies that lead inputs, and the members owing parts */
	room = m->m_nagencies + app_cset_nmembers(parts) + 1;
	c.stc_st = xcalloc((size_t)room, sizeof(*c.stc_st));
	c.stc_ev = xcalloc((size_t)room, sizeof(*c.stc_ev));
	c.stc_agency_of = xcalloc((size_t)m->m_ninputs + 1, sizeof(int));
	for (i = 0; i < m->m_ninputs; i++) {
		const char *owner = app_owner(m, i);

		c.stc_agency_of[i] = -1;
		if (owner == NULL)
			continue;
		for (k = 0; k < c.stc_n; k++)
			if (strcmp(c.stc_st[k].ag_agency, owner) == 0)
				break;
		if (k == c.stc_n)
			c.stc_st[c.stc_n++].ag_agency = owner;
		c.stc_st[k].ag_owned++;
		c.stc_st[k].ag_missing++;
		c.stc_agency_of[i] = k;
	}
	app_cset_status_add(parts, c.stc_st, &c.stc_n);
	/* one query for the unit's values, one for the period's events */
	if (store_unit_values(s, p->sp_id, uid, status_value, &c) != 0 ||
	    store_submission_each(s, p->sp_id, status_event, &c) != 0)
		rc = app_store_error(s, d);
	else
		app_cset_status_count(parts, c.stc_st, c.stc_n);
	app_cset_free(parts);
	free(c.stc_agency_of);
	if (rc != 0) {
		free(c.stc_st);
		free(c.stc_ev);
		return rc;
	}
	date_parse(p->sp_agency_due, &due);
	for (k = 0; k < c.stc_n; k++) {
		struct app_agency_status *a = &c.stc_st[k];
		int sent = a->ag_submitted + a->ag_approved == a->ag_owned;

		if (a->ag_approved == a->ag_owned && a->ag_owned > 0)
			snprintf(a->ag_approved_at, sizeof(a->ag_approved_at),
			    "%s", c.stc_ev[k].se_approved);
		if (c.stc_ev[k].se_complete) {
			a->ag_late = c.stc_ev[k].se_late;
			a->ag_on_time = !c.stc_ev[k].se_late;
		} else {
			a->ag_late = !sent && today >= due;
		}
	}
	free(c.stc_ev);
	*out = c.stc_st;
	*n = c.stc_n;
	return 0;
}

int
app_agency_overdue(
    const struct st_period *p, const struct app_agency_status *a, long today)
{
	long due = 0;

	if (!app_period_is_open(p) || a->ag_approved == a->ag_owned)
		return 0;
	date_parse(p->sp_agency_due, &due);
	return today >= due && a->ag_submitted + a->ag_approved < a->ag_owned;
}
