/*
 * app_period.c: reporting periods: their codes and deadlines, opening,
 * closing and reopening them, and where each agency stands in one.
 */
#include "app/app_int.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/date.h"

/* The longest tag after a period's year or quarter: "2022-huyen". */
#define PERIOD_TAG_MAX 12

int
app_parse_period(const char *code, char kind[8], int *year, int *quarter)
{
	size_t len = strlen(code), i, head;

	*quarter = 0;
	/* YYYY, then -Qn, then -tag; the whole code fits sp_code */
	if (len < 4 || len >= sizeof(((struct st_period *)0)->sp_code))
		return -1;
	for (i = 0; i < 4; i++)
		if (code[i] < '0' || code[i] > '9')
			return -1;
	*year = (code[0] - '0') * 1000 + (code[1] - '0') * 100 +
	    (code[2] - '0') * 10 + (code[3] - '0');
	if (*year < 2000 || *year > 2999)
		return -1;
	head = 4;
	if (len >= 7 && code[4] == '-' && code[5] == 'Q' && code[6] >= '1' &&
	    code[6] <= '4') {
		*quarter = code[6] - '0';
		head = 7;
	}
	strcpy(kind, *quarter > 0 ? "quarter" : "year");
	if (len == head)
		return 0;
	/* the tag: a lowercase letter, then lowercase letters and digits */
	if (code[head] != '-' || len - head - 1 > PERIOD_TAG_MAX ||
	    code[head + 1] < 'a' || code[head + 1] > 'z')
		return -1;
	for (i = head + 2; i < len; i++)
		if (!((code[i] >= 'a' && code[i] <= 'z') ||
			(code[i] >= '0' && code[i] <= '9')))
			return -1;
	/* "2022-q3" would read as a quarter: no tag q<digits> */
	if (code[head + 1] == 'q' && len > head + 2 &&
	    strspn(code + head + 2, "0123456789") == len - head - 2)
		return -1;
	return 0;
}

const char *
app_period_tag(const char *code)
{
	size_t head =
	    strlen(code) >= 7 && code[4] == '-' && code[5] == 'Q' ? 7 : 4;

	return strlen(code) > head ? code + head : "";
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
	struct app_period_spec sp = { code, method, agency_due, sotttt_due,
		label, NULL, NULL };

	return app_period_open(s, a, &sp, out, d);
}

/* The units chosen for a period: codes, checked before it opens. */
struct unit_pick {
	const char *upk_level; /* every unit of this level, or NULL */
	char **upk_codes;
	int upk_n;
	char **upk_list; /* the list given, NULL: by level */
	int upk_nlist;
};

static int
unit_pick_row(void *ctx, const struct st_unit *u)
{
	struct unit_pick *k = ctx;
	int i, found;

	if (k->upk_level != NULL) {
		if (strcmp(u->su_level, k->upk_level) != 0)
			return 0;
		if (k->upk_n >= APP_PERIOD_MAX_UNITS)
			return 1;
		k->upk_codes[k->upk_n++] = xstrdup(u->su_code);
		return 0;
	}
	for (i = 0, found = 0; i < k->upk_nlist; i++)
		if (k->upk_list[i] != NULL &&
		    strcmp(k->upk_list[i], u->su_code) == 0) {
			/* a unit named twice is chosen once */
			if (found++ == 0)
				k->upk_codes[k->upk_n++] = k->upk_list[i];
			else
				free(k->upk_list[i]);
			k->upk_list[i] = NULL;
		}
	return 0;
}

static void
unit_pick_free(struct unit_pick *k)
{
	int i;

	for (i = 0; i < k->upk_n; i++)
		free(k->upk_codes[i]);
	for (i = 0; i < k->upk_nlist; i++)
		free(k->upk_list[i]);
	free(k->upk_codes);
	free(k->upk_list);
}

/* The level of one unit, by code. */
struct unit_level {
	const char *ul_code;
	char ul_level[32];
};

static int
unit_level_row(void *ctx, const struct st_unit *u)
{
	struct unit_level *l = ctx;

	if (strcmp(u->su_code, l->ul_code) != 0)
		return 0;
	snprintf(l->ul_level, sizeof(l->ul_level), "%s", u->su_level);
	return 1;
}

/* Split ${units} ("a,b") or take ${level}'s units; -1 with an error. */
static int
unit_pick(struct store *s, const char *units, const char *level,
    struct unit_pick *k, struct diag *d)
{
	const char *p = units;
	int i;

	memset(k, 0, sizeof(*k));
	k->upk_level = level;
	k->upk_codes = xcalloc(APP_PERIOD_MAX_UNITS + 1, sizeof(char *));
	if (level == NULL) {
		k->upk_list = xcalloc(APP_PERIOD_MAX_UNITS + 1, sizeof(char *));
		while (*p != '\0') {
			size_t n = strcspn(p, ",");

			if (n == 0 || n > 79 ||
			    k->upk_nlist >= APP_PERIOD_MAX_UNITS) {
				diag_add(d, DIAG_ERROR, "period.units", NULL, 0,
				    0,
				    "danh sách đơn vị '%.60s' không hợp lệ: mã cách nhau bằng dấu phẩy, tối đa %d",
				    "bad unit list '%.60s': codes separated by commas, at most %d",
				    units, APP_PERIOD_MAX_UNITS);
				return -1;
			}
			k->upk_list[k->upk_nlist++] = xstrndup(p, n);
			p += n + (p[n] == ',');
		}
	}
	if (store_unit_each(s, unit_pick_row, k) < 0)
		return app_store_error(s, d);
	for (i = 0; i < k->upk_nlist; i++)
		if (k->upk_list[i] != NULL) {
			diag_add(d, DIAG_ERROR, "period.units", NULL, 0, 0,
			    "không có đơn vị '%s'", "no unit '%s'",
			    k->upk_list[i]);
			return -1;
		}
	if (k->upk_n == 0 || k->upk_n >= APP_PERIOD_MAX_UNITS) {
		diag_add(d, DIAG_ERROR, "period.units", NULL, 0, 0,
		    "kỳ phải chấm từ 1 đến %d đơn vị (cấp '%s': %d)",
		    "a period scores 1 to %d units (level '%s': %d)",
		    APP_PERIOD_MAX_UNITS - 1, level ? level : "-", k->upk_n);
		return -1;
	}
	return 0;
}

/* The newest methodology of a level (app_period_open's default). */
struct level_find {
	struct store *lvf_s;
	const char *lvf_level;
	long lvf_id;
};

static int
level_row(void *ctx, const struct st_method *sm)
{
	struct level_find *f = ctx;
	const struct method *m;
	struct diag d;

	diag_init(&d);
	if (app_method(f->lvf_s, sm->sm_id, &m, &d) == 0 &&
	    (m->m_level == NULL || strcmp(m->m_level, f->lvf_level) == 0))
		f->lvf_id = sm->sm_id;
	diag_free(&d);
	return 0;
}

/*
 * The default methodology of a new period: the newest loaded for the
 * level of its units (the province's without a set), so loading a
 * district index does not change what the next provincial period uses;
 * the newest of all when none has that level.
 */
static int
default_method(
    struct store *s, const struct unit_pick *k, long *out, struct diag *d)
{
	struct level_find f = { s, "province", 0 };
	struct unit_level ul = { NULL, "" };

	if (k->upk_level != NULL)
		f.lvf_level = k->upk_level;
	else if (k->upk_n > 0) {
		ul.ul_code = k->upk_codes[0];
		if (store_unit_each(s, unit_level_row, &ul) < 0)
			return app_store_error(s, d);
		f.lvf_level = ul.ul_level;
	}
	if (store_method_each(s, level_row, &f) < 0)
		return app_store_error(s, d);
	if (f.lvf_id > 0) {
		*out = f.lvf_id;
		return 0;
	}
	if (store_method_latest(s, out) != 0)
		return app_store_error(s, d);
	return 0;
}

int
app_period_open(struct store *s, const struct app_actor *a,
    const struct app_period_spec *sp, struct st_period *out, struct diag *d)
{
	const char *code = sp->aps_code, *agency_due = sp->aps_agency_due;
	const char *sotttt_due = sp->aps_sotttt_due;
	struct unit_pick k;
	struct st_period p;
	char ad[11] = "", sd[11] = "";
	const char *bad;
	long method = sp->aps_method;
	int i, picked = sp->aps_units != NULL || sp->aps_level != NULL;

	if (app_check(s, a, APP_PERIOD, NULL, d) != 0 ||
	    app_text_check(APP_TEXT_LABEL, sp->aps_label, d) < 0)
		return -1;
	memset(&p, 0, sizeof(p));
	if (strlen(code) >= sizeof(p.sp_code)) {
		diag_add(d, DIAG_ERROR, "period.code", NULL, 0, 0,
		    "mã kỳ '%.40s…' quá dài: tối đa %zu ký tự",
		    "period code '%.40s...' is too long: at most %zu characters",
		    code, sizeof(p.sp_code) - 1);
		return -1;
	}
	if (app_parse_period(code, p.sp_kind, &p.sp_year, &p.sp_quarter) < 0) {
		diag_add(d, DIAG_ERROR, "period.code", NULL, 0, 0,
		    "mã kỳ '%s' không hợp lệ: dùng YYYY-Qn (quý) hoặc YYYY "
		    "(năm), có thể thêm -nhãn (chữ thường không dấu và số, "
		    "tối đa 12, ví dụ 2022-huyen)",
		    "bad period '%s': use YYYY-Qn (quarter) or YYYY (year), "
		    "optionally followed by -tag (lowercase letters and digits, "
		    "at most 12, e.g. 2022-huyen)",
		    code);
		return -1;
	}
	if (sp->aps_units != NULL && sp->aps_level != NULL) {
		diag_put(d, DIAG_ERROR, "period.units", NULL, 0, 0,
		    "chọn danh sách đơn vị hoặc một cấp, không cả hai",
		    "give a list of units or a level, not both");
		return -1;
	}
	snprintf(p.sp_code, sizeof(p.sp_code), "%s", code);
	snprintf(p.sp_label, sizeof(p.sp_label), "%s",
	    sp->aps_label ? sp->aps_label : "");
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
	if (method != 0) {
		const struct method *m;

		/* a methodology that is stored and parses */
		if (app_method(s, method, &m, d) != 0)
			return -1;
	}
	memset(&k, 0, sizeof(k));
	if (picked && unit_pick(s, sp->aps_units, sp->aps_level, &k, d) != 0) {
		unit_pick_free(&k);
		return -1;
	}
	if (method == 0 && default_method(s, &k, &method, d) != 0) {
		unit_pick_free(&k);
		return -1;
	}
	if (store_tx_begin(s) != 0) {
		unit_pick_free(&k);
		return app_store_error(s, d);
	}
	p.sp_method = method;
	app_deadlines(
	    s, p.sp_year, p.sp_quarter, p.sp_agency_due, p.sp_sotttt_due);
	if (agency_due != NULL)
		snprintf(p.sp_agency_due, sizeof(p.sp_agency_due), "%s", ad);
	if (sotttt_due != NULL)
		snprintf(p.sp_sotttt_due, sizeof(p.sp_sotttt_due), "%s", sd);
	if (store_period_add(s, &p, a->ac_login) != 0 ||
	    store_period_get(s, code, &p) != 0) {
		unit_pick_free(&k);
		return app_abort(s, d);
	}
	for (i = 0; i < k.upk_n; i++)
		if (store_period_unit_add(
			s, p.sp_id, k.upk_codes[i], a->ac_login) != 0) {
			unit_pick_free(&k);
			return app_abort(s, d);
		}
	unit_pick_free(&k);
	if (store_tx_commit(s) != 0)
		return app_abort(s, d);
	if (out != NULL && store_period_get(s, code, out) != 0)
		return app_store_error(s, d);
	return 0;
}

int
app_period_units(struct store *s, const struct st_period *p,
    int (*cb)(void *, const struct st_unit *), void *ctx, struct diag *d)
{
	if (store_period_units(s, p->sp_id, cb, ctx) < 0)
		return app_store_error(s, d);
	return 0;
}

/* Is a unit in a period's set? Its codes, for the message. */
struct unit_in {
	const char *ui_unit;
	int ui_n;
	int ui_in;
	struct buf ui_codes;
};

static int
unit_in_row(void *ctx, const struct st_unit *u)
{
	struct unit_in *c = ctx;

	c->ui_n++;
	c->ui_in |= strcmp(u->su_code, c->ui_unit) == 0;
	if (c->ui_n <= 10)
		buf_printf(
		    &c->ui_codes, "%s%s", c->ui_n > 1 ? ", " : "", u->su_code);
	return 0;
}

int
app_period_unit_check(struct store *s, const struct st_period *p,
    const char *unit, struct diag *d)
{
	struct unit_in c = { unit, 0, 0, { 0 } };
	int rc = 0;

	buf_init(&c.ui_codes);
	if (store_period_units(s, p->sp_id, unit_in_row, &c) < 0) {
		buf_free(&c.ui_codes);
		return app_store_error(s, d);
	}
	if (c.ui_n > 0 && !c.ui_in) {
		diag_add(d, DIAG_ERROR, "period.unit", NULL, 0, 0,
		    "kỳ %s không chấm đơn vị '%s' (chỉ chấm: %s%s)",
		    "period %s does not score unit '%s' (only: %s%s)",
		    p->sp_code, unit, buf_cstr(&c.ui_codes),
		    c.ui_n > 10 ? ", ..." : "");
		rc = -1;
	}
	buf_free(&c.ui_codes);
	return rc;
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
	    app_period_unit_check(s, p, code, d) != 0 ||
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
