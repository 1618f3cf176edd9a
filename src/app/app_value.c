/*
 * app_value.c: a period's values: entering one, importing a file of them
 * (all or nothing), exporting them, and reading them as a round.
 */
#include "app/app_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "io/csv_quote.h"
#include "io/round_csv.h"
#include "util/buf.h"

/* the broken rules an unchecked import's audit row lists, in bytes */
#define APP_MAX_UNCHECKED 16000

struct app_cell {
	uint32_t ce_line;
	int ce_unit;
	int ce_input;
};

static int
cell_cmp(const void *a, const void *b)
{
	const struct app_cell *x = a, *y = b;

	return x->ce_line < y->ce_line ? -1 : x->ce_line > y->ce_line;
}

/* The round's values in the order of their lines in the file. */
static struct app_cell *
file_order(const struct round *r, size_t *n)
{
	size_t ni = (size_t)r->r_m->m_ninputs, cap = 64;
	struct app_cell *c = xreallocarray(NULL, cap, sizeof(*c));
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
			c[*n].ce_line = r->r_line[(size_t)u * ni + (size_t)i];
			c[*n].ce_unit = u;
			c[*n].ce_input = i;
			(*n)++;
		}
	}
	qsort(c, *n, sizeof(*c), cell_cmp);
	return c;
}

/*
 * Values under review or approved are locked: one error for each the
 * round ${r} would overwrite. Return how many, or a store error (< 0).
 */
static int
import_locked(struct store *s, const struct st_period *p, const struct round *r,
    const long *units, const char *file, struct diag *d)
{
	const struct method *m = r->r_m;
	enum value_status cur;
	int u, i, g, locked = 0;

	for (u = 0; u < r->r_nunits; u++) {
		for (i = 0; i < m->m_ninputs; i++) {
			if (!round_has(r, u, i))
				continue;
			g = app_value_status(s, p->sp_id, units[u],
			    m->m_inputs[i].mi_name, &cur);
			if (g == STORE_ENOTFOUND ||
			    (g == 0 && value_status_editable(cur)))
				continue;
			if (g != 0)
				return g;
			diag_add(d, DIAG_ERROR, "import.locked", file,
			    (long)r->r_line[(size_t)u * (size_t)m->m_ninputs +
				(size_t)i],
			    0,
			    "đơn vị %s, %s: giá trị đang ở trạng thái %s%.0s, không ghi đè được (Sở TTTT trả lại hoặc mở lại trước)",
			    "unit %s, %s: the value is %.0s%s and cannot be overwritten (Sở TTTT must return or reopen it first)",
			    r->r_units[u], m->m_inputs[i].mi_name,
			    value_status_label(cur, LANG_VI),
			    value_status_name(cur));
			locked++;
		}
	}
	return locked;
}

/* One unit of a round, as the getter of the consistency rules. */
struct round_view {
	const struct round *rw_r;
	int rw_u;
};

static int
round_view_get(void *ctx, int in, double *v)
{
	const struct round_view *w = ctx;

	if (!round_has(w->rw_r, w->rw_u, in) ||
	    w->rw_r->r_m->m_inputs[in].mi_kind == IK_TEXT)
		return -1;
	*v = round_get(w->rw_r, w->rw_u, in);
	return 0;
}

/*
 * The methodology's checks between a unit's values, as the values will be
 * once the values of unit ${su} of ${src} are written over those stored
 * for it (unit id ${uid}; 0 for a unit not stored yet). Only the checks
 * that read a value being written run: an inconsistency already stored
 * (older data) blocks nobody who does not touch it. Every write path comes
 * here: entry (dti value set, PUT), import (CLI, API) and the demo loader.
 * With ${cd} (import), the consistency rules between inputs too
 * (app_rules_consistent), their errors into ${cd}: they refuse the values
 * when ${cd} is ${d}; entry (${cd} NULL) leaves them to the submission,
 * since values are typed one at a time. Return 0, -1 with one error per
 * broken check (naming each of its inputs and values, at the file's line
 * of its first input), or a store error.
 */
static int
unit_checks(struct store *s, const struct st_period *p, const struct round *src,
    int su, long uid, const char *file, struct diag *cd, struct diag *d)
{
	const struct method *m = src->r_m;
	size_t ni = (size_t)m->m_ninputs;
	struct app_round_ctx c;
	unsigned char *touched;
	struct diag stored;
	int u, i, bad;

	/* a stored value that no longer parses is left out, not judged */
	diag_init(&stored);
	c.rr_r = round_new(m);
	c.rr_m = m;
	c.rr_d = &stored;
	c.rr_bad = 0;
	if (uid > 0 &&
	    store_unit_values(s, p->sp_id, uid, app_round_row, &c) != 0) {
		diag_free(&stored);
		round_free(c.rr_r);
		return app_store_error(s, d);
	}
	diag_free(&stored);
	u = round_unit(c.rr_r, src->r_units[su], strlen(src->r_units[su]));
	touched = xcalloc((size_t)c.rr_r->r_nunits * ni + 1, 1);
	for (i = 0; i < m->m_ninputs; i++) {
		uint32_t line = src->r_line[(size_t)su * ni + (size_t)i];

		if (!round_has(src, su, i))
			continue;
		if (m->m_inputs[i].mi_kind == IK_TEXT)
			round_set_text(c.rr_r, u, i,
			    round_text(src, su, i) ? round_text(src, su, i)
						   : "",
			    line);
		else
			round_set(c.rr_r, u, i, round_get(src, su, i), line);
		touched[(size_t)u * ni + (size_t)i] = 1;
	}
	bad = round_check_touching(c.rr_r, file, touched, d);
	if (cd != NULL && m->m_nconsist > 0) {
		struct round_view w = { c.rr_r, u };
		long *lines = xcalloc(ni + 1, sizeof(long));
		int broken;

		for (i = 0; i < m->m_ninputs; i++)
			lines[i] = src->r_line[(size_t)su * ni + (size_t)i];
		broken = app_rules_consistent(m, round_view_get, &w,
		    touched + (size_t)u * ni, "import.consistency",
		    src->r_units[su], file, lines, cd);
		if (cd == d)
			bad += broken;
		free(lines);
	}
	free(touched);
	round_free(c.rr_r);
	return bad > 0 ? -1 : 0;
}

/*
 * The values of the period before ${p} of each unit of ${r} (ids
 * ${units}), for the change factor of the plausibility rules; NULL when
 * the methodology has none. A store error into ${rc}.
 */
static struct app_vals *
import_prev(struct store *s, const struct st_period *p, const struct round *r,
    const long *units, int *rc)
{
	struct app_vals *prev;
	int u;

	*rc = 0;
	if (r->r_m->m_nplaus == 0)
		return NULL;
	prev = xcalloc((size_t)r->r_nunits + 1, sizeof(*prev));
	for (u = 0; u < r->r_nunits; u++) {
		app_vals_init(&prev[u], r->r_m);
		if (*rc == 0)
			*rc = app_rules_prev(s, p, units[u], &prev[u]);
	}
	return prev;
}

static void
import_prev_free(struct app_vals *prev, int n)
{
	int u;

	for (u = 0; prev != NULL && u < n; u++)
		app_vals_free(&prev[u]);
	free(prev);
}

/*
 * Write the values of ${r} with ${status}, in the file's order, each with
 * its plausibility warnings, which are also added to ${w} at their lines.
 */
static int
import_write(struct store *s, const struct app_actor *a,
    const struct st_period *p, const struct round *r, const long *units,
    enum value_status status, long *count, const char *file, struct diag *w)
{
	const struct method *m = r->r_m;
	struct app_vals *prev;
	struct app_cell *cells;
	struct buf warn;
	size_t k, ncells = 0;
	int rc = 0;

	prev = import_prev(s, p, r, units, &rc);
	buf_init(&warn);
	/* in the file's order, so that an export gives the file back */
	cells = file_order(r, &ncells);
	for (k = 0; k < ncells && rc == 0; k++) {
		int u = cells[k].ce_unit, i = cells[k].ce_input;

		const char *raw = round_raw(r, u, i);

		buf_reset(&warn);
		if (prev != NULL && m->m_inputs[i].mi_kind != IK_TEXT)
			app_rules_warn(m, i, round_get(r, u, i),
			    prev[u].avs_v[i], &warn, w, file,
			    (long)cells[k].ce_line);

		/* a text exported with its formula guard comes back as typed */
		if (m->m_inputs[i].mi_kind == IK_TEXT)
			raw = csvq_text_back(raw);
		struct st_value_in v = { .svi_period = p->sp_id,
			.svi_unit = units[u],
			.svi_input = m->m_inputs[i].mi_name,
			.svi_raw = raw,
			.svi_status = status,
			.svi_reason = "import",
			.svi_warnings = buf_cstr(&warn),
			.svi_agency = app_owner(m, i) };

		rc = store_value_write(s, &v, a->ac_login);
		if (rc == 0)
			(*count)++;
	}
	free(cells);
	buf_free(&warn);
	import_prev_free(prev, r->r_nunits);
	return rc;
}

/*
 * The ids of ${r}'s units into ${units}: a unit not known is an error
 * naming it and its lines, unless ${add} (it then joins at the
 * methodology's level). Return 0, -1 with errors, or a store error.
 */
static int
import_units(struct store *s, const struct round *r, int add, long *units,
    const char *file, struct diag *d)
{
	const struct method *m = r->r_m;
	size_t ni = (size_t)m->m_ninputs;
	int u, i, g, n, unknown = 0;

	for (u = 0; u < r->r_nunits; u++) {
		struct st_unit un = { .su_code = r->r_units[u],
			.su_name = r->r_units[u],
			.su_level = m->m_level ? m->m_level : "unit" };
		uint32_t first = 0;

		g = store_unit_find(s, r->r_units[u], &units[u]);
		if (g == 0)
			continue;
		if (g != STORE_ENOTFOUND)
			return app_store_error(s, d);
		if (add) {
			if (store_unit_put(s, &un, &units[u]) != 0)
				return app_store_error(s, d);
			continue;
		}
		/* a misspelt unit must not become a new one unnoticed */
		for (i = 0, n = 0; i < m->m_ninputs; i++) {
			uint32_t l = r->r_line[(size_t)u * ni + (size_t)i];

			if (!round_has(r, u, i))
				continue;
			n++;
			if (first == 0 || l < first)
				first = l;
		}
		diag_add(d, DIAG_ERROR, "import.unit", file, (long)first, 0,
		    "không có đơn vị '%s' (dòng %lu, %d giá trị); đơn vị mới: nhập và cho phép thêm đơn vị",
		    "unknown unit '%s' (line %lu, %d values); a new unit: import allowing new units",
		    r->r_units[u], (unsigned long)first, n);
		unknown++;
	}
	return unknown > 0 ? -1 : 0;
}

/*
 * The checks between each unit's values, as they will be after the
 * import, and the consistency rules between inputs, whose errors go to
 * ${cd} (see unit_checks).
 */
static int
import_checks(struct store *s, const struct st_period *p, const struct round *r,
    const long *units, const char *file, struct diag *cd, struct diag *d)
{
	int u, g, bad = 0;

	for (u = 0; u < r->r_nunits; u++) {
		g = unit_checks(s, p, r, u, units[u], file, cd, d);
		if (g == -1)
			bad++;
		else if (g != 0)
			return g;
	}
	return bad > 0 ? -1 : 0;
}

/*
 * import_unchecked(s, a, p, file, broken): the audit row of an import
 * made without the consistency rules: who, when, the file, how many
 * pairs it broke and which (in ${broken}). A store error.
 */
static int
import_unchecked(struct store *s, const struct app_actor *a,
    const struct st_period *p, const char *file, const struct diag *broken)
{
	struct st_audit log = { .sau_actor = a->ac_login,
		.sau_action = "import.unchecked",
		.sau_entity = "period",
		.sau_key = p->sp_code,
		.sau_period = p->sp_code };
	struct buf why, n;
	size_t k;
	int rc;

	buf_init(&why);
	buf_init(&n);
	buf_printf(&n, "%zu", broken->d_n);
	buf_puts(&why, file);
	for (k = 0; k < broken->d_n && why.b_len < APP_MAX_UNCHECKED; k++)
		buf_printf(&why, "; %s", broken->d_items[k].di_vi);
	log.sau_new = buf_cstr(&n);
	log.sau_reason = buf_cstr(&why);
	rc = store_audit_add(s, &log);
	buf_free(&why);
	buf_free(&n);
	return rc;
}

int
app_values_import(struct store *s, const struct app_actor *a,
    const char *period, FILE *f, const char *file, enum numfmt_style style,
    enum value_status status, int flags, long *count, struct diag *d)
{
	const struct method *m = NULL;
	struct round *r = NULL;
	struct st_period p;
	struct st_audit log = { .sau_actor = a->ac_login,
		.sau_action = "import",
		.sau_entity = "period",
		.sau_new = value_status_name(status),
		.sau_reason = file };
	struct diag warn, broken;
	long *units = NULL;
	int rc = -1, locked, g;
	int unchecked = (flags & APP_IMPORT_NO_CONSISTENCY) != 0;

	*count = 0;
	diag_init(&warn);
	diag_init(&broken);
	if (app_check(s, a, APP_PERIOD, NULL, d) != 0 ||
	    app_period(s, period, &p, d) != 0)
		return -1;
	if (app_refuse_closed(&p, d) < 0 ||
	    app_method(s, p.sp_method, &m, d) < 0)
		goto out;
	if (round_csv_read_raw(f, file, m, style, &r, d) < 0)
		goto out;
	if (store_tx_begin(s) != 0) {
		rc = app_store_error(s, d);
		goto out;
	}
	units = xcalloc((size_t)r->r_nunits + 1, sizeof(long));
	if ((g = import_units(
		 s, r, flags & APP_IMPORT_ADD_UNITS, units, file, d)) != 0) {
		store_tx_rollback(s);
		diag_sort(d);
		rc = g == STORE_EBUSY ? STORE_EBUSY : -1;
		goto out;
	}
	if ((locked = import_locked(s, &p, r, units, file, d)) != 0) {
		if (locked < 0) {
			rc = app_abort(s, d);
			goto out;
		}
		store_tx_rollback(s);
		diag_sort(d);
		goto out;
	}
	if ((g = import_checks(
		 s, &p, r, units, file, unchecked ? &broken : d, d)) != 0) {
		store_tx_rollback(s);
		diag_sort(d);
		rc = g == STORE_EBUSY ? STORE_EBUSY : -1;
		goto out;
	}
	log.sau_key = p.sp_code;
	log.sau_period = p.sp_code;
	if (import_write(s, a, &p, r, units, status, count, file, &warn) != 0 ||
	    store_audit_add(s, &log) != 0 ||
	    (unchecked && import_unchecked(s, a, &p, file, &broken) != 0) ||
	    store_tx_commit(s) != 0) {
		rc = app_abort(s, d);
		*count = 0;
		goto out;
	}
	/* the rules it broke: the operator is told, as warnings */
	app_diag_move(&warn, &broken, DIAG_WARNING);
	diag_sort(&warn);
	app_diag_move(d, &warn, DIAG_WARNING);
	rc = 0;
out:
	diag_free(&broken);
	diag_free(&warn);
	free(units);
	round_free(r);
	return rc;
}

struct export_ctx {
	FILE *ex_f;
	const struct method *ex_m;
	int ex_err;
};

static int
export_row(void *vctx, const struct st_value *v)
{
	struct export_ctx *c = vctx;
	int in;

	csvq_fput(c->ex_f, v->sv_unit);
	fputc(',', c->ex_f);
	csvq_fput(c->ex_f, v->sv_input);
	fputc(',', c->ex_f);
	in = method_input(c->ex_m, v->sv_input, strlen(v->sv_input));
	/* text typed by people must not run as a formula in a spreadsheet */
	if (in >= 0 && c->ex_m->m_inputs[in].mi_kind == IK_TEXT)
		csvq_text_fput(c->ex_f, v->sv_raw);
	else
		csvq_fput(c->ex_f, v->sv_raw);
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
	struct export_ctx c = { f, NULL, 0 };
	struct st_period p;

	if (app_period(s, period, &p, d) != 0 ||
	    app_method(s, p.sp_method, &c.ex_m, d) < 0)
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

int
app_values(struct store *s, const struct st_period *p,
    const enum value_status *status, int (*cb)(void *, const struct st_value *),
    void *ctx, struct diag *d)
{
	if (store_value_each(s, p->sp_id, status, cb, ctx) != 0)
		return app_store_error(s, d);
	return 0;
}

int
app_round_row(void *vctx, const struct st_value *v)
{
	struct app_round_ctx *c = vctx;
	struct diag why;
	double x;
	int u, in;

	in = method_input(c->rr_m, v->sv_input, strlen(v->sv_input));
	if (in < 0)
		return 0; /* not an input of this methodology */
	u = round_unit(c->rr_r, v->sv_unit, strlen(v->sv_unit));
	if (u < 0)
		return 1;
	diag_init(&why);
	if (method_value_parse(&c->rr_m->m_inputs[in], v->sv_raw,
		strlen(v->sv_raw), NUMFMT_STORED, &x, &why) < 0) {
		/* stored values were checked on entry; say so if not */
		diag_wrap(c->rr_d, &why, "store.value", NULL, 0, 0,
		    "giá trị lưu trữ %s/%s = '%s' không hợp lệ",
		    "stored value %s/%s = '%s' is invalid", v->sv_unit,
		    v->sv_input, v->sv_raw);
		c->rr_bad++;
	} else if (c->rr_m->m_inputs[in].mi_kind == IK_TEXT) {
		round_set_text(c->rr_r, u, in, v->sv_raw, 0);
	} else {
		round_set(c->rr_r, u, in, x, 0);
	}
	diag_free(&why);
	return 0;
}

int
app_round(struct store *s, const struct st_period *p, int approved_only,
    const struct method *m, struct round **out, struct diag *d)
{
	struct app_round_ctx c;
	enum value_status approved = VALUE_APPROVED;
	int rc;

	c.rr_r = round_new(m);
	c.rr_m = m;
	c.rr_d = d;
	c.rr_bad = 0;
	if ((rc = app_values(s, p, approved_only ? &approved : NULL,
		 app_round_row, &c, d)) != 0) {
		round_free(c.rr_r);
		return rc;
	}
	if (c.rr_bad > 0) {
		round_free(c.rr_r);
		return -1;
	}
	*out = c.rr_r;
	return 0;
}

/*
 * The input ${input} of ${m} with ${raw} (a number written in ${st}) parsed
 * into ${x} and the text to store into ${text}; -1 with an error when
 * there is no such input or the value does not fit it.
 */
static int
value_parse(const struct method *m, const char *input, const char *raw,
    enum numfmt_style st, int *in, double *x, struct buf *text, struct diag *d)
{
	struct diag why;
	int rc = 0;

	*in = method_input(m, input, strlen(input));
	if (*in < 0) {
		diag_add(d, DIAG_ERROR, "value.input", NULL, 0, 0,
		    "không có dữ liệu đầu vào '%s' trong phương pháp %s",
		    "unknown input '%s' (not in methodology %s)", input,
		    m->m_id);
		return -1;
	}
	diag_init(&why);
	if (method_value_parse(
		&m->m_inputs[*in], raw, strlen(raw), st, x, &why) < 0) {
		diag_wrap(d, &why, "value.invalid", NULL, 0, 0, "%s = '%s'",
		    "%s = '%s'", input, raw);
		rc = -1;
	} else {
		enum input_kind k = m->m_inputs[*in].mi_kind;

		numfmt_machine_text(text, raw, strlen(raw),
		    k == IK_COUNT || k == IK_AMOUNT || k == IK_NUMBER
			? st
			: NUMFMT_MACHINE);
	}
	diag_free(&why);
	return rc;
}

/* unit_checks() for one value ${raw} (${x}) of input ${in} of ${unit}. */
static int
entry_checks(struct store *s, const struct st_period *p, const struct method *m,
    const char *unit, long uid, int in, double x, const char *raw,
    struct diag *d)
{
	struct round *one = round_new(m);
	int u = round_unit(one, unit, strlen(unit)), rc;

	if (m->m_inputs[in].mi_kind == IK_TEXT)
		round_set_text(one, u, in, raw, 0);
	else
		round_set(one, u, in, x, 0);
	rc = unit_checks(s, p, one, u, uid, NULL, NULL, d);
	round_free(one);
	return rc;
}

/*
 * entry_warnings(s, p, m, uid, in, x, stored, w): the plausibility
 * warnings of value ${x} of input ${in} against the same unit's value of
 * the previous period, in the stored form into ${stored} and into ${w};
 * a store error.
 */
static int
entry_warnings(struct store *s, const struct st_period *p,
    const struct method *m, long uid, int in, double x, struct buf *stored,
    struct diag *w)
{
	struct app_vals prev;
	int g;

	if (method_plausibility(m, in) == NULL)
		return 0;
	app_vals_init(&prev, m);
	g = app_rules_prev(s, p, uid, &prev);
	if (g == 0)
		app_rules_warn(m, in, x, prev.avs_v[in], stored, w, NULL, 0);
	app_vals_free(&prev);
	return g;
}

/*
 * Write the draft inside the transaction, its plausibility warnings kept
 * with it and added to ${w}; a store error is < 0.
 */
static int
value_write(struct store *s, const struct app_actor *a,
    const struct st_period *p, const struct method *m, const char *unit, int in,
    double x, const char *raw, const char *reason, struct diag *w,
    struct diag *d)
{
	struct st_value_in v;
	const char *input = m->m_inputs[in].mi_name;
	enum value_status cur;
	struct buf warn;
	char code[80];
	long uid;
	int g;

	if (app_unit(s, unit, code, sizeof(code), &uid, d) != 0)
		return -1;
	g = app_value_status(s, p->sp_id, uid, input, &cur);
	if (g == 0 && !value_status_editable(cur)) {
		diag_add(d, DIAG_ERROR, "value.locked", NULL, 0, 0,
		    "%s đang ở trạng thái %s%.0s: không sửa được (Sở TTTT trả lại hoặc mở lại trước)",
		    "%s is %.0s%s and cannot be changed (Sở TTTT must return or reopen it first)",
		    input, value_status_label(cur, LANG_VI),
		    value_status_name(cur));
		return -1;
	}
	if (g != 0 && g != STORE_ENOTFOUND)
		return app_store_error(s, d);
	if (entry_checks(s, p, m, code, uid, in, x, raw, d) != 0)
		return -1;
	buf_init(&warn);
	if (entry_warnings(s, p, m, uid, in, x, &warn, w) != 0) {
		buf_free(&warn);
		return app_store_error(s, d);
	}
	memset(&v, 0, sizeof(v));
	v.svi_agency = app_owner(m, in);
	v.svi_period = p->sp_id;
	v.svi_unit = uid;
	v.svi_input = input;
	v.svi_raw = raw;
	v.svi_status = VALUE_DRAFT;
	v.svi_reason = reason;
	v.svi_warnings = buf_cstr(&warn);
	g = store_value_write(s, &v, a->ac_login);
	buf_free(&warn);
	if (g != 0)
		return app_store_error(s, d);
	return 0;
}

int
app_value_put(struct store *s, const struct app_actor *a, const char *period,
    const char *unit, const char *input, const char *raw, enum numfmt_style st,
    const char *agency, const char *reason, struct buf *stored, struct diag *d)
{
	const struct method *m = NULL;
	const char *owner;
	struct st_period p;
	struct diag warn;
	struct buf text;
	double x;
	int in, rc = -1;

	buf_init(&text);
	diag_init(&warn);
	if (app_period(s, period, &p, d) != 0 || app_refuse_closed(&p, d) < 0 ||
	    app_method(s, p.sp_method, &m, d) < 0 ||
	    value_parse(m, input, raw, st, &in, &x, &text, d) < 0)
		goto out;
	owner = app_owner(m, in);
	if (app_check(s, a, APP_VALUE_WRITE, owner, d) != 0 ||
	    app_check_unit(s, a, unit, d) != 0)
		goto out;
	if (app_text_check(APP_TEXT_REASON, reason, d) < 0)
		goto out;
	if (agency != NULL && owner != NULL &&
	    store_agency_in(s, agency, owner) != 1) {
		diag_add(d, DIAG_ERROR, "value.owner", NULL, 0, 0,
		    "%s do %s phụ trách, không phải %s",
		    "%s is led by %s, not %s", input, owner, agency);
		goto out;
	}
	if (store_tx_begin(s) != 0) {
		rc = app_store_error(s, d);
		goto out;
	}
	rc = value_write(
	    s, a, &p, m, unit, in, x, buf_cstr(&text), reason, &warn, d);
	if (rc != 0) {
		store_tx_rollback(s);
		goto out;
	}
	if (store_tx_commit(s) != 0) {
		rc = app_abort(s, d);
		goto out;
	}
	if (stored != NULL)
		buf_puts(stored, buf_cstr(&text));
	app_diag_move(d, &warn, DIAG_WARNING);
	rc = 0;
out:
	diag_free(&warn);
	buf_free(&text);
	return rc;
}
