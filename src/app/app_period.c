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
	return store_value_get(s, period, unit, input, out);
}

int
app_status(struct store *s, const struct st_period *p, const char *unit,
    const struct method *m, struct app_agency_status **out, int *n,
    struct diag *d)
{
	struct app_agency_status *st;
	enum value_status cur;
	char code[80];
	long uid;
	int i, k;

	*out = NULL;
	*n = 0;
	if (app_unit(s, unit, code, sizeof(code), &uid, d) != 0)
		return -1;
	st = xcalloc((size_t)m->m_nagencies + 1, sizeof(*st));
	for (i = 0; i < m->m_ninputs; i++) {
		const char *owner = app_owner(m, i);
		int g;

		if (owner == NULL)
			continue;
		for (k = 0; k < *n; k++)
			if (strcmp(st[k].ag_agency, owner) == 0)
				break;
		if (k == *n)
			st[(*n)++].ag_agency = owner;
		st[k].ag_owned++;
		g = app_value_status(
		    s, p->sp_id, uid, m->m_inputs[i].mi_name, &cur);
		if (g == STORE_ENOTFOUND) {
			st[k].ag_missing++;
			continue;
		}
		if (g != 0) {
			free(st);
			return app_store_error(s, d);
		}
		switch (cur) {
		case VALUE_DRAFT: st[k].ag_draft++; break;
		case VALUE_SUBMITTED: st[k].ag_submitted++; break;
		case VALUE_APPROVED: st[k].ag_approved++; break;
		}
	}
	*out = st;
	return 0;
}

int
app_agency_overdue(
    const struct st_period *p, const struct app_agency_status *a, long today)
{
	long due = 0;

	date_parse(p->sp_agency_due, &due);
	return today >= due && a->ag_submitted + a->ag_approved < a->ag_owned &&
	    app_period_is_open(p);
}
