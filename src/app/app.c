/* app.c: periods, import/export, values, review — the workflow of plan 4233. */
#include "app/app.h"

#include <errno.h>
#include <pthread.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/round_csv.h"
#include "util/buf.h"
#include "util/date.h"

int
app_store_error(struct store *s, struct diag *d)
{
	const struct store_error *e = store_error(s);
	/* a stable code per kind of failure, for the API's status */
	const char *code = e->se_code == STORE_ENOTFOUND ? "store.not_found"
	    : e->se_code == STORE_ECONFLICT              ? "store.conflict"
	    : e->se_code == STORE_EBUSY                  ? "store.busy"
	    : e->se_code == STORE_EINVALID               ? "store.invalid"
							 : "store";

	diag_add(d, DIAG_ERROR, code, NULL, 0, 0, "%s%.0s", "%.0s%s", e->se_vi,
	    e->se_en);
	return e->se_code == STORE_EBUSY ? STORE_EBUSY : -1;
}

/* A value status in Vietnamese, for messages. */
static const char *
status_vi(const char *st)
{
	if (strcmp(st, "draft") == 0)
		return "nháp";
	if (strcmp(st, "submitted") == 0)
		return "đã gửi";
	if (strcmp(st, "approved") == 0)
		return "đã duyệt";
	return st;
}

/* Roll back and report the store's error. */
static int
abort_tx(struct store *s, struct diag *d)
{
	int rc = app_store_error(s, d);

	store_tx_rollback(s);
	return rc;
}

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

/*
 * Parsed methodologies, shared by every caller and thread: a stored
 * methodology never changes, so each is parsed once per process (parsing
 * the 2022 file costs ~10 ms, far more than any write). Keyed by content
 * hash, so several databases in one process cannot mix them up.
 */
#define NSHARED 32

static struct {
	char sm_sha[65];
	struct method *sm_m;
} shared[NSHARED];
static pthread_mutex_t shared_mu = PTHREAD_MUTEX_INITIALIZER;

int
app_method(struct store *s, long id, const struct method **out, struct diag *d)
{
	struct method *m = NULL;
	char *text, sha[65];
	size_t len;
	char name[64];
	int rc, i;

	if (store_method_sha(s, id, sha) != 0)
		return app_store_error(s, d);
	pthread_mutex_lock(&shared_mu);
	for (i = 0; i < NSHARED && shared[i].sm_m != NULL; i++) {
		if (strcmp(shared[i].sm_sha, sha) == 0) {
			*out = shared[i].sm_m;
			pthread_mutex_unlock(&shared_mu);
			return 0;
		}
	}
	pthread_mutex_unlock(&shared_mu);
	if (store_method_text(s, id, &text, &len) != 0)
		return app_store_error(s, d);
	snprintf(name, sizeof(name), "methodology#%ld", id);
	rc = method_load(&m, text, len, name, d);
	free(text);
	if (rc != 0)
		return rc;
	pthread_mutex_lock(&shared_mu);
	for (i = 0; i < NSHARED && shared[i].sm_m != NULL; i++) {
		if (strcmp(shared[i].sm_sha, sha) ==
		    0) { /* another thread won */
			m = shared[i].sm_m;
			break;
		}
	}
	if (i < NSHARED && shared[i].sm_m == NULL) {
		snprintf(shared[i].sm_sha, sizeof(shared[i].sm_sha), "%s", sha);
		shared[i].sm_m = m;
	}
	pthread_mutex_unlock(&shared_mu);
	/* past NSHARED methodologies the last one parsed is kept alive too:
	 * callers never free what app_method gives */
	*out = m;
	return 0;
}

int
app_period_open(struct store *s, const char *code, long method,
    const char *agency_due, const char *sotttt_due, const char *label,
    const char *actor, struct diag *d)
{
	struct st_period p;
	long day;

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
	if ((agency_due != NULL && date_parse(agency_due, &day) < 0) ||
	    (sotttt_due != NULL && date_parse(sotttt_due, &day) < 0)) {
		diag_add(d, DIAG_ERROR, "period.date", NULL, 0, 0,
		    "hạn phải là ngày YYYY-MM-DD có thật",
		    "a deadline must be a real date YYYY-MM-DD");
		return -1;
	}
	if (store_tx_begin(s) != 0)
		return app_store_error(s, d);
	if (method == 0 && store_method_latest(s, &method) != 0)
		return abort_tx(s, d);
	p.sp_method = method;
	app_deadlines(
	    s, p.sp_year, p.sp_quarter, p.sp_agency_due, p.sp_sotttt_due);
	if (agency_due != NULL)
		snprintf(
		    p.sp_agency_due, sizeof(p.sp_agency_due), "%s", agency_due);
	if (sotttt_due != NULL)
		snprintf(
		    p.sp_sotttt_due, sizeof(p.sp_sotttt_due), "%s", sotttt_due);
	if (store_period_add(s, &p, actor) != 0)
		return abort_tx(s, d);
	if (store_tx_commit(s) != 0)
		return abort_tx(s, d);
	return 0;
}

int
app_period_status(struct store *s, const char *code, const char *status,
    const char *actor, const char *reason, struct diag *d)
{
	if (store_tx_begin(s) != 0)
		return app_store_error(s, d);
	if (store_period_set_status(s, code, status, actor, reason) != 0)
		return abort_tx(s, d);
	if (store_tx_commit(s) != 0)
		return abort_tx(s, d);
	return 0;
}

static int
refuse_closed(const struct st_period *p, struct diag *d)
{
	if (strcmp(p->sp_status, "closed") == 0) {
		diag_add(d, DIAG_ERROR, "period.closed", NULL, 0, 0,
		    "kỳ %s đã đóng: không nhận thay đổi nào",
		    "period %s is closed: it accepts no change", p->sp_code);
		return -1;
	}
	return 0;
}

const char *
app_owner(const struct method *m, int input)
{
	const struct m_input *in = &m->m_inputs[input];
	int lead = -1;

	if (in->mi_indicator >= 0)
		lead = m->m_ind[in->mi_indicator].mn_lead;
	else if (in->mi_general >= 0)
		lead = m->m_general[in->mi_general].ml_lead;
	return lead >= 0 ? m->m_agencies[lead].ma_code : NULL;
}

struct cell {
	uint32_t c_line;
	int c_unit;
	int c_input;
};

static int
cell_cmp(const void *a, const void *b)
{
	const struct cell *x = a, *y = b;

	return x->c_line < y->c_line ? -1 : x->c_line > y->c_line;
}

/* The round's values in the order of their lines in the file. */
static struct cell *
file_order(const struct round *r, size_t *n)
{
	size_t ni = (size_t)r->r_m->m_ninputs, cap = 64;
	struct cell *c = xreallocarray(NULL, cap, sizeof(*c));
	int u, i;

	*n = 0;
	for (u = 0; u < r->r_nunits; u++) {
		for (i = 0; i < (int)ni; i++) {
			if (!round_has(r, u, i))
				continue;
			if (*n == cap) {
				cap *= 2;
				c = xreallocarray(c, cap, sizeof(*c));
			}
			c[*n].c_line = r->r_line[(size_t)u * ni + (size_t)i];
			c[*n].c_unit = u;
			c[*n].c_input = i;
			(*n)++;
		}
	}
	qsort(c, *n, sizeof(*c), cell_cmp);
	return c;
}

int
app_import(struct store *s, const char *period, FILE *f, const char *file,
    const char *status, const char *actor, long *count, struct diag *d)
{
	const struct method *m = NULL;
	struct round *r = NULL;
	struct st_period p;
	char cur[16];
	struct cell *cells = NULL;
	long *units = NULL;
	size_t k, ncells = 0;
	int u, i, rc = -1, locked = 0;

	*count = 0;
	if (app_period(s, period, &p, d) != 0)
		return -1;
	if (refuse_closed(&p, d) < 0 || app_method(s, p.sp_method, &m, d) < 0)
		goto out;
	if (round_csv_read_raw(f, file, m, &r, d) < 0)
		goto out;
	if (store_tx_begin(s) != 0) {
		rc = app_store_error(s, d);
		goto out;
	}
	units = xcalloc((size_t)r->r_nunits + 1, sizeof(long));
	for (u = 0; u < r->r_nunits; u++) {
		/* a unit not yet known joins at the methodology's level */
		if (store_unit_add(s, r->r_units[u], r->r_units[u],
			m->m_level ? m->m_level : "unit", NULL,
			&units[u]) != 0) {
			rc = abort_tx(s, d);
			goto out;
		}
	}
	/* values under review or approved are locked: refuse them all */
	for (u = 0; u < r->r_nunits; u++) {
		for (i = 0; i < m->m_ninputs; i++) {
			int g;

			if (!round_has(r, u, i))
				continue;
			g = store_value_get(s, p.sp_id, units[u],
			    m->m_inputs[i].mi_name, cur, sizeof(cur));
			if (g == STORE_ENOTFOUND ||
			    (g == 0 && strcmp(cur, "draft") == 0))
				continue;
			if (g != 0) {
				rc = abort_tx(s, d);
				goto out;
			}
			diag_add(d, DIAG_ERROR, "import.locked", file,
			    (long)r->r_line[(size_t)u * (size_t)m->m_ninputs +
				(size_t)i],
			    0,
			    "đơn vị %s, %s: giá trị đang ở trạng thái %s%.0s, không ghi đè được (Sở TTTT trả lại hoặc mở lại trước)",
			    "unit %s, %s: the value is %.0s%s and cannot be overwritten (Sở TTTT must return or reopen it first)",
			    r->r_units[u], m->m_inputs[i].mi_name,
			    status_vi(cur), cur);
			locked++;
		}
	}
	if (locked > 0) {
		store_tx_rollback(s);
		diag_sort(d);
		goto out;
	}
	/* in the file's order, so that an export gives the file back */
	cells = file_order(r, &ncells);
	for (k = 0; k < ncells; k++) {
		u = cells[k].c_unit;
		i = cells[k].c_input;
		if (store_value_put(s, p.sp_id, units[u],
			m->m_inputs[i].mi_name, round_raw(r, u, i), status,
			actor, "import") != 0) {
			rc = abort_tx(s, d);
			goto out;
		}
		(*count)++;
	}
	if (store_audit(s, actor, "import", "period", p.sp_code, NULL, status,
		file) != 0 ||
	    store_tx_commit(s) != 0) {
		rc = abort_tx(s, d);
		*count = 0;
		goto out;
	}
	rc = 0;
out:
	free(cells);
	free(units);
	round_free(r);
	return rc;
}

struct export_ctx {
	FILE *ex_f;
	int ex_err;
};

static void
csv_field(FILE *f, const char *v)
{
	if (strpbrk(v, ",\"\r\n") == NULL) {
		fputs(v, f);
		return;
	}
	fputc('"', f);
	for (; *v; v++) {
		if (*v == '"')
			fputc('"', f);
		fputc(*v, f);
	}
	fputc('"', f);
}

static int
export_row(void *vctx, const struct st_value *v)
{
	struct export_ctx *c = vctx;

	csv_field(c->ex_f, v->sv_unit);
	fputc(',', c->ex_f);
	csv_field(c->ex_f, v->sv_input);
	fputc(',', c->ex_f);
	csv_field(c->ex_f, v->sv_raw);
	fputc('\n', c->ex_f);
	if (ferror(c->ex_f)) {
		c->ex_err = errno ? errno : EIO;
		return 1;
	}
	return 0;
}

int
app_export(struct store *s, const char *period, FILE *f, struct diag *d)
{
	struct export_ctx c = { f, 0 };
	struct st_period p;

	if (app_period(s, period, &p, d) != 0)
		return -1;
	fputs("unit,input,value\n", f);
	if (store_value_each(s, p.sp_id, NULL, export_row, &c) != 0)
		return app_store_error(s, d);
	if (c.ex_err != 0 || fflush(f) != 0) {
		diag_add(d, DIAG_ERROR, "export.write", NULL, 0, 0,
		    "không ghi được tệp xuất: %s",
		    "cannot write the export: %s",
		    strerror(c.ex_err ? c.ex_err : errno));
		return -1;
	}
	return 0;
}

struct round_ctx {
	struct round *rc_r;
	const struct method *rc_m;
	struct diag *rc_d;
	int rc_bad;
};

static int
round_row(void *vctx, const struct st_value *v)
{
	struct round_ctx *c = vctx;
	struct buf wv, we;
	double x;
	int u, in;

	in = method_input(c->rc_m, v->sv_input, strlen(v->sv_input));
	if (in < 0)
		return 0; /* not an input of this methodology */
	u = round_unit(c->rc_r, v->sv_unit, strlen(v->sv_unit));
	if (u < 0)
		return 1;
	buf_init(&wv);
	buf_init(&we);
	if (method_value_parse(&c->rc_m->m_inputs[in], v->sv_raw,
		strlen(v->sv_raw), &x, &wv, &we) < 0) {
		/* stored values were checked on entry; say so if not */
		diag_add(c->rc_d, DIAG_ERROR, "store.value", NULL, 0, 0,
		    "giá trị lưu trữ %s/%s = '%s' không hợp lệ: %s%.0s",
		    "stored value %s/%s = '%s' is invalid: %.0s%s", v->sv_unit,
		    v->sv_input, v->sv_raw, buf_cstr(&wv), buf_cstr(&we));
		c->rc_bad++;
	} else if (c->rc_m->m_inputs[in].mi_kind == IK_TEXT) {
		round_set_text(c->rc_r, u, in, v->sv_raw, 0);
	} else {
		round_set(c->rc_r, u, in, x, 0);
	}
	buf_free(&wv);
	buf_free(&we);
	return 0;
}

int
app_round(struct store *s, const struct st_period *p, const char *statuses,
    const struct method *m, struct round **out, struct diag *d)
{
	struct round_ctx c;

	c.rc_r = round_new(m);
	c.rc_m = m;
	c.rc_d = d;
	c.rc_bad = 0;
	if (store_value_each(s, p->sp_id, statuses, round_row, &c) != 0) {
		round_free(c.rc_r);
		return app_store_error(s, d);
	}
	if (c.rc_bad > 0) {
		round_free(c.rc_r);
		return -1;
	}
	*out = c.rc_r;
	return 0;
}

/* The unit a workflow call is about: ${unit}, or the province. */
static int
workflow_unit(struct store *s, const char *unit, char *code, size_t size,
    long *id, struct diag *d)
{
	if (unit == NULL) {
		if (store_meta_get(s, "province", code, size) != 0)
			return app_store_error(s, d);
		if (code[0] == '\0') {
			diag_add(d, DIAG_ERROR, "unit.none", NULL, 0, 0,
			    "chưa có tỉnh trong cơ sở dữ liệu; chỉ rõ --unit",
			    "no province in the database; give --unit");
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
app_status(struct store *s, const struct st_period *p, const char *unit,
    const struct method *m, struct app_agency_status **out, int *n,
    struct diag *d)
{
	struct app_agency_status *st;
	char code[80], cur[16];
	long uid;
	int i, k;

	*out = NULL;
	*n = 0;
	if (workflow_unit(s, unit, code, sizeof(code), &uid, d) != 0)
		return -1;
	st = xcalloc((size_t)m->m_nagencies + 1, sizeof(*st));
	for (i = 0; i < m->m_ninputs; i++) {
		const char *owner = app_owner(m, i);
		int g;

		if (owner == NULL)
			continue;
		for (k = 0; k < *n; k++)
			if (strcmp(st[k].as_agency, owner) == 0)
				break;
		if (k == *n)
			st[(*n)++].as_agency = owner;
		st[k].as_owned++;
		g = store_value_get(
		    s, p->sp_id, uid, m->m_inputs[i].mi_name, cur, sizeof(cur));
		if (g == STORE_ENOTFOUND)
			st[k].as_missing++;
		else if (g != 0) {
			free(st);
			return app_store_error(s, d);
		} else if (strcmp(cur, "draft") == 0)
			st[k].as_draft++;
		else if (strcmp(cur, "submitted") == 0)
			st[k].as_submitted++;
		else
			st[k].as_approved++;
	}
	*out = st;
	return 0;
}

/* Check the unit's checks (ratios) with one value changed. */
static int
check_unit(struct store *s, const struct st_period *p, const struct method *m,
    const char *unit, long uid, int input, double x, const char *raw,
    struct diag *d)
{
	struct round_ctx c;
	int u, bad;

	/* only this unit's values: the others were checked already */
	c.rc_r = round_new(m);
	c.rc_m = m;
	c.rc_d = d;
	c.rc_bad = 0;
	if (store_unit_values(s, p->sp_id, uid, round_row, &c) != 0) {
		round_free(c.rc_r);
		return app_store_error(s, d);
	}
	u = round_unit(c.rc_r, unit, strlen(unit));
	if (m->m_inputs[input].mi_kind == IK_TEXT)
		round_set_text(c.rc_r, u, input, raw, 0);
	else
		round_set(c.rc_r, u, input, x, 0);
	bad = c.rc_bad + round_check(c.rc_r, NULL, d);
	round_free(c.rc_r);
	return bad > 0 ? -1 : 0;
}

int
app_value_set(struct store *s, const char *period, const char *unit,
    const char *input, const char *raw, const char *agency, const char *actor,
    const char *reason, struct diag *d)
{
	const struct method *m = NULL;
	struct st_period p;
	struct buf wv, we;
	char cur[16], code[80];
	long uid;
	double x;
	int in, g, rc = -1;

	buf_init(&wv);
	buf_init(&we);
	if (app_period(s, period, &p, d) != 0 || refuse_closed(&p, d) < 0 ||
	    app_method(s, p.sp_method, &m, d) < 0)
		goto out;
	in = method_input(m, input, strlen(input));
	if (in < 0) {
		diag_add(d, DIAG_ERROR, "value.input", NULL, 0, 0,
		    "không có dữ liệu đầu vào '%s' trong phương pháp %s",
		    "unknown input '%s' (not in methodology %s)", input,
		    m->m_id);
		goto out;
	}
	if (method_value_parse(
		&m->m_inputs[in], raw, strlen(raw), &x, &wv, &we) < 0) {
		diag_add(d, DIAG_ERROR, "value.invalid", NULL, 0, 0,
		    "%s = '%s': %s%.0s", "%s = '%s': %.0s%s", input, raw,
		    buf_cstr(&wv), buf_cstr(&we));
		goto out;
	}
	if (agency != NULL && app_owner(m, in) != NULL &&
	    store_agency_in(s, agency, app_owner(m, in)) != 1) {
		diag_add(d, DIAG_ERROR, "value.owner", NULL, 0, 0,
		    "%s do %s phụ trách, không phải %s",
		    "%s is led by %s, not %s", input, app_owner(m, in), agency);
		goto out;
	}
	if (store_tx_begin(s) != 0) {
		rc = app_store_error(s, d);
		goto out;
	}
	if (workflow_unit(s, unit, code, sizeof(code), &uid, d) != 0) {
		store_tx_rollback(s);
		goto out;
	}
	g = store_value_get(s, p.sp_id, uid, input, cur, sizeof(cur));
	if (g == 0 && strcmp(cur, "draft") != 0) {
		diag_add(d, DIAG_ERROR, "value.locked", NULL, 0, 0,
		    "%s đang ở trạng thái %s%.0s: không sửa được (Sở TTTT trả lại hoặc mở lại trước)",
		    "%s is %.0s%s and cannot be changed (Sở TTTT must return or reopen it first)",
		    input, status_vi(cur), cur);
		store_tx_rollback(s);
		goto out;
	}
	if (g != 0 && g != STORE_ENOTFOUND) {
		rc = abort_tx(s, d);
		goto out;
	}
	if (check_unit(s, &p, m, code, uid, in, x, raw, d) < 0) {
		store_tx_rollback(s);
		goto out;
	}
	if (store_value_put(
		s, p.sp_id, uid, input, raw, "draft", actor, reason) != 0 ||
	    store_tx_commit(s) != 0) {
		rc = abort_tx(s, d);
		goto out;
	}
	rc = 0;
out:
	buf_free(&wv);
	buf_free(&we);
	return rc;
}

/* Is ${name} in the comma-separated ${list}? */
static int
in_list(const char *list, const char *name)
{
	size_t n = strlen(name);
	const char *p = list;

	while ((p = strstr(p, name)) != NULL) {
		if ((p == list || p[-1] == ',') &&
		    (p[n] == ',' || p[n] == '\0'))
			return 1;
		p += n;
	}
	return 0;
}

/*
 * Move values of ${agency} (or the listed ${inputs}) from status ${from} to
 * ${to}. With ${need_all}, every selected input must be in ${from}.
 */
static int
transition(struct store *s, const char *period, const char *unit,
    const char *agency, const char *inputs, const char *from, const char *to,
    const char *action, const char *actor, const char *reason, int complete,
    struct diag *d)
{
	const struct method *m = NULL;
	struct st_period p;
	char cur[16], code[80];
	long uid;
	int i, g, moved = 0, missing = 0, rc = -1;

	if (app_period(s, period, &p, d) != 0 || refuse_closed(&p, d) < 0 ||
	    app_method(s, p.sp_method, &m, d) < 0)
		goto out;
	if (agency == NULL && inputs == NULL) {
		diag_add(d, DIAG_ERROR, "review.what", NULL, 0, 0,
		    "chỉ rõ cơ quan (--agency) hoặc dữ liệu (--inputs)",
		    "name the agency (--agency) or the inputs (--inputs)");
		goto out;
	}
	if (agency != NULL && store_agency_exists(s, agency) != 1) {
		diag_add(d, DIAG_ERROR, "review.agency", NULL, 0, 0,
		    "không có cơ quan '%s'", "no agency '%s'", agency);
		goto out;
	}
	if (inputs != NULL) {
		/* every named input must exist */
		char *copy = xstrdup(inputs), *tok, *save = NULL;

		for (tok = strtok_r(copy, ",", &save); tok != NULL;
		     tok = strtok_r(NULL, ",", &save)) {
			if (method_input(m, tok, strlen(tok)) < 0) {
				diag_add(d, DIAG_ERROR, "review.input", NULL, 0,
				    0, "không có dữ liệu đầu vào '%s'",
				    "unknown input '%s'", tok);
				missing++;
			}
		}
		free(copy);
		if (missing > 0)
			goto out;
	}
	if (store_tx_begin(s) != 0) {
		rc = app_store_error(s, d);
		goto out;
	}
	if (workflow_unit(s, unit, code, sizeof(code), &uid, d) != 0) {
		store_tx_rollback(s);
		goto out;
	}
	for (i = 0; i < m->m_ninputs; i++) {
		const char *name = m->m_inputs[i].mi_name;
		const char *owner = app_owner(m, i);

		if (inputs != NULL
			? !in_list(inputs, name)
			: (owner == NULL || strcmp(owner, agency) != 0))
			continue;
		g = store_value_get(s, p.sp_id, uid, name, cur, sizeof(cur));
		if (g != 0 && g != STORE_ENOTFOUND) {
			rc = abort_tx(s, d);
			goto out;
		}
		if (g == STORE_ENOTFOUND) {
			if (complete) {
				diag_add(d, DIAG_ERROR, "submit.missing", NULL,
				    0, 0, "còn thiếu %s (%s)",
				    "still missing: %s (%s)", name,
				    m->m_inputs[i].mi_label
					? m->m_inputs[i].mi_label
					: "");
				missing++;
			}
			continue;
		}
		if (strcmp(cur, from) != 0)
			continue;
		if (store_value_set_status(s, p.sp_id, uid, name, to, actor,
			action, reason) != 0) {
			rc = abort_tx(s, d);
			goto out;
		}
		moved++;
	}
	if (missing > 0) {
		diag_add(d, DIAG_ERROR, "submit.incomplete", NULL, 0, 0,
		    "chưa đủ dữ liệu: còn thiếu %d mục; không gửi gì",
		    "incomplete: %d inputs missing; nothing was submitted",
		    missing);
		store_tx_rollback(s);
		goto out;
	}
	if (moved == 0) {
		diag_add(d, DIAG_ERROR, "review.none", NULL, 0, 0,
		    "không có giá trị nào ở trạng thái %s%.0s để chuyển",
		    "no value is %.0s%s: nothing to change", status_vi(from),
		    from);
		store_tx_rollback(s);
		goto out;
	}
	if (store_tx_commit(s) != 0) {
		rc = abort_tx(s, d);
		goto out;
	}
	rc = 0;
out:
	return rc;
}

int
app_submit(struct store *s, const char *period, const char *unit,
    const char *agency, const char *actor, struct diag *d)
{
	return transition(s, period, unit, agency, NULL, "draft", "submitted",
	    "value.submit", actor, NULL, 1, d);
}

int
app_approve(struct store *s, const char *period, const char *unit,
    const char *agency, const char *inputs, const char *actor, struct diag *d)
{
	return transition(s, period, unit, agency, inputs, "submitted",
	    "approved", "value.approve", actor, NULL, 0, d);
}

static int
need_reason(const char *reason, const char *vi, const char *en, struct diag *d)
{
	const char *p = reason;

	while (p != NULL && (*p == ' ' || *p == '\t'))
		p++;
	if (p == NULL || *p == '\0') {
		diag_add(d, DIAG_ERROR, "review.reason", NULL, 0, 0, "%s%.0s",
		    "%.0s%s", vi, en);
		return -1;
	}
	return 0;
}

int
app_return(struct store *s, const char *period, const char *unit,
    const char *agency, const char *inputs, const char *comment,
    const char *actor, struct diag *d)
{
	if (need_reason(comment, "trả lại cần có nhận xét (--comment)",
		"returning needs a comment (--comment)", d) < 0)
		return -1;
	return transition(s, period, unit, agency, inputs, "submitted", "draft",
	    "value.return", actor, comment, 0, d);
}

int
app_reopen(struct store *s, const char *period, const char *unit,
    const char *agency, const char *inputs, const char *reason,
    const char *actor, struct diag *d)
{
	if (need_reason(reason, "mở lại cần có lý do (--reason)",
		"reopening needs a reason (--reason)", d) < 0)
		return -1;
	return transition(s, period, unit, agency, inputs, "approved", "draft",
	    "value.reopen", actor, reason, 0, d);
}

int
app_evidence_add(struct store *s, const char *period, const char *unit,
    const char *input, struct st_evidence *e, const void *data, size_t len,
    const char *actor, struct diag *d)
{
	const struct method *m = NULL;
	struct st_period p;
	char code[80];
	long uid, id, day;
	int rc = -1;

	if (app_period(s, period, &p, d) != 0 || refuse_closed(&p, d) < 0 ||
	    app_method(s, p.sp_method, &m, d) < 0)
		goto out;
	if (method_input(m, input, strlen(input)) < 0) {
		diag_add(d, DIAG_ERROR, "evidence.input", NULL, 0, 0,
		    "không có dữ liệu đầu vào '%s'", "unknown input '%s'",
		    input);
		goto out;
	}
	if (e->se_doc_date != NULL && e->se_doc_date[0] != '\0' &&
	    date_parse(e->se_doc_date, &day) < 0) {
		diag_add(d, DIAG_ERROR, "evidence.date", NULL, 0, 0,
		    "ngày văn bản '%s' không hợp lệ: dùng YYYY-MM-DD",
		    "bad document date '%s': use YYYY-MM-DD", e->se_doc_date);
		goto out;
	}
	if (data != NULL && len > STORE_MAX_FILE) {
		diag_add(d, DIAG_ERROR, "evidence.size", NULL, 0, 0,
		    "tệp quá lớn (%zu byte, tối đa %u)",
		    "file too large (%zu bytes, at most %u)", len,
		    STORE_MAX_FILE);
		goto out;
	}
	if (store_tx_begin(s) != 0) {
		rc = app_store_error(s, d);
		goto out;
	}
	if (workflow_unit(s, unit, code, sizeof(code), &uid, d) != 0) {
		store_tx_rollback(s);
		goto out;
	}
	if (data != NULL) {
		if (store_file_put(s, data, len, e->se_sha_buf) != 0) {
			rc = abort_tx(s, d);
			goto out;
		}
		e->se_file_sha256 = e->se_sha_buf;
	}
	if (store_evidence_add(s, p.sp_id, uid, input, e, actor, &id) != 0 ||
	    store_tx_commit(s) != 0) {
		rc = abort_tx(s, d);
		goto out;
	}
	e->se_id = id;
	rc = 0;
out:
	return rc;
}

struct targets_ctx {
	struct round *tc_r;
	struct score *tc_sc;
	int tc_unit;
	const char *tc_period;
	int (*tc_cb)(void *, const struct app_target *);
	void *tc_ctx;
};

/* Sum of the listed inputs for the province; NAN when one is missing. */
static double
sum_inputs(const struct targets_ctx *c, const char *list)
{
	char *copy, *tok, *save = NULL;
	double sum = 0;

	if (list == NULL || c->tc_r == NULL || c->tc_unit < 0)
		return NAN;
	copy = xstrdup(list);
	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	     tok = strtok_r(NULL, ",", &save)) {
		int in = method_input(c->tc_r->r_m, tok, strlen(tok));

		if (in < 0 || !round_has(c->tc_r, c->tc_unit, in)) {
			sum = NAN;
			break;
		}
		sum += round_get(c->tc_r, c->tc_unit, in);
	}
	free(copy);
	return sum;
}

static int
target_row(void *vctx, const struct st_target *t)
{
	struct targets_ctx *c = vctx;
	struct app_target a;

	a.tg = t;
	a.tg_period = c->tc_period;
	a.tg_value = NAN;
	a.tg_progress = NAN;
	if (t->sg_numerator != NULL) {
		double num = sum_inputs(c, t->sg_numerator);
		double den =
		    t->sg_denominator ? sum_inputs(c, t->sg_denominator) : 1.0;

		if (!isnan(num) && !isnan(den) && den != 0)
			a.tg_value = num / den;
	} else if (t->sg_score != NULL && c->tc_sc != NULL && c->tc_unit >= 0) {
		int col = score_col_of(c->tc_sc, t->sg_score);

		if (col >= 0)
			a.tg_value = score_get(c->tc_sc, c->tc_unit, col);
	}
	if (!isnan(a.tg_value) && !isnan(t->sg_target) && t->sg_target > 0)
		a.tg_progress = a.tg_value / t->sg_target;
	if (t->sg_numerator == NULL && t->sg_score == NULL)
		a.tg_state = "not_measured";
	else if (isnan(a.tg_value))
		a.tg_state = "no_data";
	else if (isnan(t->sg_target))
		a.tg_state = "no_target";
	else if (a.tg_value >= t->sg_target)
		a.tg_state = "met";
	else
		a.tg_state = "not_met";
	return c->tc_cb(c->tc_ctx, &a);
}

static int
last_period(void *ctx, const struct st_period *p)
{
	snprintf(ctx, 16, "%s", p->sp_code);
	return 0;
}

int
app_targets(struct store *s, const char *period, int drafts,
    int (*cb)(void *, const struct app_target *), void *ctx, struct diag *d)
{
	struct targets_ctx c;
	const struct method *m = NULL;
	struct st_period p;
	char code[16] = "", prov[80] = "";
	int rc = 0;

	memset(&c, 0, sizeof(c));
	c.tc_unit = -1;
	c.tc_cb = cb;
	c.tc_ctx = ctx;
	if (period != NULL)
		snprintf(code, sizeof(code), "%s", period);
	else if (store_period_each(s, last_period, code) != 0)
		return app_store_error(s, d);
	c.tc_period = code;
	if (code[0] != '\0') {
		if (app_period(s, code, &p, d) != 0 ||
		    app_method(s, p.sp_method, &m, d) != 0 ||
		    app_round(s, &p, drafts ? NULL : "approved", m, &c.tc_r,
			d) != 0) {
			return -1;
		}
		store_meta_get(s, "province", prov, sizeof(prov));
		c.tc_unit = round_find(c.tc_r, prov);
		c.tc_sc = score_round(c.tc_r, NULL, NULL);
	}
	if (store_target_each(s, target_row, &c) != 0)
		rc = app_store_error(s, d);
	score_free(c.tc_sc);
	round_free(c.tc_r);
	return rc;
}

const char *
app_target_state_vi(const char *state)
{
	if (strcmp(state, "met") == 0)
		return "đạt";
	if (strcmp(state, "not_met") == 0)
		return "chưa đạt";
	if (strcmp(state, "no_data") == 0)
		return "chưa có số liệu";
	if (strcmp(state, "no_target") == 0)
		return "không có số mục tiêu";
	return "chưa đo được từ bộ chỉ số";
}
