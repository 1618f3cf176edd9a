/*
 * app_value.c: a period's values: entering one, importing a file of them
 * (all or nothing), exporting them, and reading them as a round.
 */
#include "app/app_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "io/csv_quote.h"
#include "io/round_csv.h"
#include "io/xlsx_read.h"
#include "io/xlsx_template.h"
#include "util/buf.h"

/*
 * An import: the values its file holds, read by the CSV reader or the
 * work sheet's (both give a round: one value per unit and input, with
 * the line or sheet row it came from), and what the checks decided.
 */
struct app_import {
	const char *im_file; /* the file's name in messages */
	int im_sheet; /* a work sheet (XLSX): places are its cells */
	struct round *im_r; /* the values (a sheet's: owned by im_w) */
	struct xlsx_work im_w; /* a work sheet's evidence references */
	unsigned char *im_skip; /* [unit * ninputs + input]: not written */
	long *im_units; /* the units' ids */
};

/* round_any(r): 1 when ${r} holds a value. */
static int
round_any(const struct round *r)
{
	int u, i;

	for (u = 0; u < r->r_nunits; u++)
		for (i = 0; i < r->r_m->m_ninputs; i++)
			if (round_has(r, u, i))
				return 1;
	return 0;
}

/* The index of value (unit ${u}, input ${i}) in a round's arrays. */
static size_t
cell_at(const struct round *r, int u, int i)
{
	return (size_t)u * (size_t)r->r_m->m_ninputs + (size_t)i;
}

/*
 * place(im, line, vi, en): the words that start a message about the
 * value of ${line}: none for a data file (its file:line says it), the
 * sheet and cell of a work sheet.
 */
static void
place(
    const struct app_import *im, uint32_t line, struct buf *vi, struct buf *en)
{
	buf_reset(vi);
	buf_reset(en);
	if (im->im_sheet)
		xlsx_template_place(line, vi, en);
}

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
 * import would overwrite, or with ${skip} one warning for each, which is
 * then left out. Return how many errors, or a store error (< 0).
 */
static int
import_locked(struct store *s, const struct st_period *p, struct app_import *im,
    int skip, struct diag *d)
{
	const struct round *r = im->im_r;
	const struct method *m = r->r_m;
	enum value_status cur;
	struct buf pv, pe;
	int u, i, g, locked = 0;

	buf_init(&pv);
	buf_init(&pe);
	for (u = 0; u < r->r_nunits; u++) {
		for (i = 0; i < m->m_ninputs; i++) {
			uint32_t line = r->r_line[cell_at(r, u, i)];

			if (!round_has(r, u, i))
				continue;
			g = app_value_status(s, p->sp_id, im->im_units[u],
			    m->m_inputs[i].mi_name, &cur);
			if (g == STORE_ENOTFOUND ||
			    (g == 0 && value_status_editable(cur)))
				continue;
			if (g != 0) {
				locked = g;
				goto out;
			}
			place(im, line, &pv, &pe);
			if (skip) {
				im->im_skip[cell_at(r, u, i)] = 1;
				diag_add(d, DIAG_WARNING, "import.skipped",
				    im->im_file, (long)line, 0,
				    "%s%.0sbỏ qua %s (đơn vị %s), %s%.0s",
				    "%.0s%sskipped %s (unit %s), %.0s%s",
				    buf_cstr(&pv), buf_cstr(&pe),
				    m->m_inputs[i].mi_name, r->r_units[u],
				    value_status_label(cur, LANG_VI),
				    value_status_label(cur, LANG_EN));
				continue;
			}
			diag_add(d, DIAG_ERROR, "import.locked", im->im_file,
			    (long)line, 0,
			    "%s%.0sđơn vị %s, %s: giá trị đang ở trạng thái %s%.0s, không ghi đè được (Sở TTTT trả lại hoặc mở lại trước; hoặc chọn bỏ qua các giá trị đã khóa khi nhập)",
			    "%.0s%sunit %s, %s: the value is %.0s%s and cannot be overwritten (Sở TTTT must return or reopen it first; or choose to skip locked values when importing)",
			    buf_cstr(&pv), buf_cstr(&pe), r->r_units[u],
			    m->m_inputs[i].mi_name,
			    value_status_label(cur, LANG_VI),
			    value_status_name(cur));
			locked++;
		}
	}
out:
	buf_free(&pv);
	buf_free(&pe);
	return locked;
}

/* One unit of a round, as the getter of the consistency rules. */
struct round_view {
	const struct round *rvw_r;
	int rvw_u;
};

static int
round_view_get(void *ctx, int in, double *v)
{
	const struct round_view *w = ctx;

	if (!round_has(w->rvw_r, w->rvw_u, in) ||
	    w->rvw_r->r_m->m_inputs[in].mi_kind == IK_TEXT)
		return -1;
	*v = round_get(w->rvw_r, w->rvw_u, in);
	return 0;
}

/*
 * The methodology's checks between a unit's values, as the values will be
 * once the values of unit ${su} of ${src} (but those ${skip} marks, when
 * not NULL) are written over those stored for it (unit id ${uid}; 0 for
 * a unit not stored yet). Only the checks that read a value being
 * written run: an inconsistency already stored (older data) blocks
 * nobody who does not touch it. Every write path comes here: entry (dti
 * value set, PUT), import (CLI, API) and the demo loader. With ${cd}
 * (import), the consistency rules between inputs too
 * (app_rules_consistent), their errors into ${cd}: they refuse the
 * values when ${cd} is ${d}; entry (${cd} NULL) leaves them to the
 * submission, since values are typed one at a time. Return 0, -1 with
 * one error per broken check (naming each of its inputs and values, at
 * the file's line of its first input), or a store error.
 */
static int
unit_checks(struct store *s, const struct st_period *p, const struct round *src,
    int su, long uid, const unsigned char *skip, const char *file,
    struct diag *cd, struct diag *d)
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

		if (!round_has(src, su, i) ||
		    (skip != NULL && skip[cell_at(src, su, i)]))
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

/* Is there evidence of ${unit} with document number ${doc} and no file? */
struct app_same_doc {
	const char *dq_unit;
	const char *dq_doc;
	int dq_found;
};

static int
same_doc(void *ctx, const struct st_evidence *e)
{
	struct app_same_doc *sd = ctx;

	if (strcmp(e->sev_unit, sd->dq_unit) != 0 ||
	    e->sev_doc_number == NULL ||
	    strcmp(e->sev_doc_number, sd->dq_doc) != 0 ||
	    e->sev_file_sha256 != NULL)
		return 0;
	sd->dq_found = 1;
	return 1;
}

/*
 * A work sheet's evidence references of the values written: a note-only
 * evidence item each, unless an identical one exists; a store error.
 */
static int
import_docs(struct store *s, const struct app_actor *a,
    const struct st_period *p, const struct app_import *im)
{
	const struct round *r = im->im_r;
	size_t k;
	int rc;

	for (k = 0; k < im->im_w.xw_ndocs; k++) {
		const struct xlsx_wdoc *wd = &im->im_w.xw_docs[k];
		const char *input = r->r_m->m_inputs[wd->xd_input].mi_name;
		struct app_same_doc sd = { r->r_units[wd->xd_unit], wd->xd_doc,
			0 };
		struct st_evidence e;
		long id;

		if (im->im_skip[cell_at(r, wd->xd_unit, wd->xd_input)])
			continue;
		if ((rc = store_evidence_each(
			 s, p->sp_id, input, same_doc, &sd)) != 0)
			return rc;
		if (sd.dq_found)
			continue;
		memset(&e, 0, sizeof(e));
		e.sev_doc_number = wd->xd_doc;
		if ((rc = store_evidence_add(s, p->sp_id,
			 im->im_units[wd->xd_unit], input, &e, a->ac_login,
			 &id)) != 0)
			return rc;
	}
	return 0;
}

/*
 * The values of the period before ${p} of each unit of ${im} (for the
 * change factor of the plausibility rules); NULL when the methodology
 * has none. A store error into ${rc}.
 */
static struct app_vals *
import_prev(struct store *s, const struct st_period *p,
    const struct app_import *im, int *rc)
{
	const struct round *r = im->im_r;
	struct app_vals *prev;
	int u;

	*rc = 0;
	if (r->r_m->m_nplaus == 0)
		return NULL;
	prev = xcalloc((size_t)r->r_nunits + 1, sizeof(*prev));
	for (u = 0; u < r->r_nunits; u++) {
		app_vals_init(&prev[u], r->r_m);
		if (*rc == 0)
			*rc = app_rules_prev(s, p, im->im_units[u], &prev[u]);
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
 * import_warn(im, m, u, i, prev, line, stored, w): the plausibility
 * warnings of the value (unit ${u}, input ${i}) of ${im}: in the stored
 * form into ${stored}, and into ${w} at its line (a work sheet's: its
 * cell).
 */
static void
import_warn(const struct app_import *im, const struct method *m, int u, int i,
    const struct app_vals *prev, uint32_t line, struct buf *stored,
    struct diag *w)
{
	struct buf pv, pe, vi, en;
	struct diag found;
	size_t k;

	buf_reset(stored);
	if (prev == NULL || m->m_inputs[i].mi_kind == IK_TEXT)
		return;
	diag_init(&found);
	app_rules_warn(m, i, round_get(im->im_r, u, i), prev[u].avs_v[i],
	    stored, &found, im->im_file, (long)line);
	buf_init(&pv);
	buf_init(&pe);
	buf_init(&vi);
	buf_init(&en);
	place(im, line, &pv, &pe);
	for (k = 0; k < found.d_n; k++) {
		const struct diag_item *it = &found.d_items[k];

		buf_reset(&vi);
		buf_reset(&en);
		buf_printf(&vi, "%s%s", buf_cstr(&pv), it->di_vi);
		buf_printf(&en, "%s%s", buf_cstr(&pe), it->di_en);
		diag_put(w, DIAG_WARNING, it->di_code, it->di_file, it->di_line,
		    0, buf_cstr(&vi), buf_cstr(&en));
	}
	buf_free(&pv);
	buf_free(&pe);
	buf_free(&vi);
	buf_free(&en);
	diag_free(&found);
}

/*
 * Write the values of ${im} with ${status}, in the file's order, each with
 * its plausibility warnings, which are also added to ${w} at their lines.
 */
static int
import_write(struct store *s, const struct app_actor *a,
    const struct st_period *p, const struct app_import *im,
    enum value_status status, long *count, struct diag *w)
{
	const struct round *r = im->im_r;
	const struct method *m = r->r_m;
	struct app_vals *prev;
	struct app_cell *cells;
	struct buf warn;
	size_t k, ncells = 0;
	int rc = 0;

	prev = import_prev(s, p, im, &rc);
	buf_init(&warn);
	/* in the file's order, so that an export gives the file back */
	cells = file_order(r, &ncells);
	for (k = 0; k < ncells && rc == 0; k++) {
		int u = cells[k].ce_unit, i = cells[k].ce_input;

		const char *raw = round_raw(r, u, i);

		if (im->im_skip[cell_at(r, u, i)])
			continue;
		import_warn(im, m, u, i, prev, cells[k].ce_line, &warn, w);
		/* a text exported with its formula guard comes back as typed */
		if (m->m_inputs[i].mi_kind == IK_TEXT && !im->im_sheet)
			raw = csvq_text_back(raw);
		struct st_value_in v = { .svi_period = p->sp_id,
			.svi_unit = im->im_units[u],
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
	if (rc == 0 && im->im_sheet)
		rc = import_docs(s, a, p, im);
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
 * import, and the consistency rules between inputs (their errors into
 * ${broken} instead when it is not NULL: an unchecked import); a work
 * sheet's messages name the cell of the check's first input.
 */
static int
import_checks(struct store *s, const struct st_period *p,
    const struct app_import *im, struct diag *broken, struct diag *d)
{
	const struct round *r = im->im_r;
	struct buf pv, pe, vi, en;
	struct diag tmp;
	size_t k;
	int u, g, bad = 0, rc = 0;

	buf_init(&pv);
	buf_init(&pe);
	buf_init(&vi);
	buf_init(&en);
	for (u = 0; u < r->r_nunits && rc == 0; u++) {
		diag_init(&tmp);
		g = unit_checks(s, p, r, u, im->im_units[u], im->im_skip,
		    im->im_file, broken != NULL ? broken : &tmp, &tmp);
		if (g == -1)
			bad++;
		else if (g != 0)
			rc = g;
		for (k = 0; k < tmp.d_n; k++) {
			const struct diag_item *it = &tmp.d_items[k];

			place(im, (uint32_t)it->di_line, &pv, &pe);
			buf_reset(&vi);
			buf_reset(&en);
			buf_printf(&vi, "%s%s", buf_cstr(&pv), it->di_vi);
			buf_printf(&en, "%s%s", buf_cstr(&pe), it->di_en);
			diag_put(d, it->di_sev, it->di_code, it->di_file,
			    it->di_line, it->di_col, buf_cstr(&vi),
			    buf_cstr(&en));
		}
		diag_free(&tmp);
	}
	buf_free(&pv);
	buf_free(&pe);
	buf_free(&vi);
	buf_free(&en);
	return rc != 0 ? rc : bad > 0 ? -1 : 0;
}

/*
 * What an officer may import: the values of the inputs its agency leads
 * (or a collective it is in), for the units it writes for; one
 * "forbidden" error naming each other value. Return how many.
 */
static int
import_owned(struct store *s, const struct app_actor *a,
    const struct app_import *im, struct diag *d)
{
	const struct round *r = im->im_r;
	const struct method *m = r->r_m;
	struct buf pv, pe;
	int u, i, bad = 0;

	buf_init(&pv);
	buf_init(&pe);
	for (u = 0; u < r->r_nunits; u++) {
		int unit_ok = app_may_unit(s, a, r->r_units[u]);

		for (i = 0; i < m->m_ninputs; i++) {
			const char *owner = app_owner(m, i);
			uint32_t line = r->r_line[cell_at(r, u, i)];

			if (!round_has(r, u, i))
				continue;
			place(im, line, &pv, &pe);
			if (!app_may(s, a, APP_VALUE_WRITE, owner)) {
				diag_add(d, DIAG_ERROR, "forbidden",
				    im->im_file, (long)line, 0,
				    "%s%.0s%s do %s phụ trách: tài khoản %s (%s) không nhập được",
				    "%.0s%s%s is led by %s: account %s (%s) may not enter it",
				    buf_cstr(&pv), buf_cstr(&pe),
				    m->m_inputs[i].mi_name,
				    owner != NULL ? owner : "-", a->ac_login,
				    a->ac_agency != NULL ? a->ac_agency : "-");
				bad++;
			} else if (unit_ok && method_contribution(m, i) &&
			    !app_may_part(s, a, m, i, r->r_units[u], "")) {
				/* the province's value is its members' parts */
				diag_add(d, DIAG_ERROR, "forbidden",
				    im->im_file, (long)line, 0,
				    "%s%.0s%s là tổng hợp phần của các thành viên: tài khoản %s (%s) không nhập giá trị chung",
				    "%.0s%s%s is the aggregate of the members' parts: account %s (%s) may not enter its whole value",
				    buf_cstr(&pv), buf_cstr(&pe),
				    m->m_inputs[i].mi_name, a->ac_login,
				    a->ac_agency != NULL ? a->ac_agency : "-");
				bad++;
			} else if (!unit_ok) {
				diag_add(d, DIAG_ERROR, "forbidden",
				    im->im_file, (long)line, 0,
				    "%s%.0s%s: tài khoản %s (%s) không nhập số liệu cho đơn vị %s",
				    "%.0s%s%s: account %s (%s) may not write for unit %s",
				    buf_cstr(&pv), buf_cstr(&pe),
				    m->m_inputs[i].mi_name, a->ac_login,
				    a->ac_agency != NULL ? a->ac_agency : "-",
				    r->r_units[u]);
				bad++;
			}
		}
	}
	buf_free(&pv);
	buf_free(&pe);
	return bad;
}

/* The text limits of a work sheet's evidence references. */
static int
import_doc_limits(const struct app_import *im, struct diag *d)
{
	size_t k;
	int bad = 0;

	for (k = 0; k < im->im_w.xw_ndocs; k++) {
		const struct xlsx_wdoc *wd = &im->im_w.xw_docs[k];
		struct diag why;
		char ref[16];

		diag_init(&why);
		if (app_text_check(APP_TEXT_DOC, wd->xd_doc, &why) < 0) {
			xlsx_ref(wd->xd_row, XT_DOC, ref);
			diag_wrap(d, &why, why.d_items[0].di_code, im->im_file,
			    (long)wd->xd_row, 0, "Sheet '%s', ô %s",
			    "sheet '%s', cell %s", XLSX_TEMPLATE_SHEET, ref);
			bad++;
		}
		diag_free(&why);
	}
	return bad > 0 ? -1 : 0;
}

/* ends_with(s, tail): ${s} ends with ${tail}, letters in any case. */
static int
ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), k = strlen(tail);

	return n >= k && strcasecmp(s + n - k, tail) == 0;
}

/*
 * import_read(s, p, m, f, file, style, im, d): the values of ${f}, told
 * apart by content: a zip is a work sheet (XLSX), anything else a CSV
 * data file read in ${style}. 0, or -1 with the errors in ${d}.
 */
static int
import_read(struct store *s, const struct st_period *p, const struct method *m,
    FILE *f, const char *file, enum numfmt_style style, struct app_import *im,
    struct diag *d)
{
	char sha[65], chunk[1 << 14];
	struct buf b;
	size_t n;
	FILE *mf;
	int c = getc(f), rc;

	if (c != EOF)
		ungetc(c, f);
	if (c != 'P') /* a zip starts "PK": the rest streams as CSV */
		return round_csv_read_raw(f, file, m, style, &im->im_r, d);
	/*
	 * A zip is read from its end: hold it, up to its limit. A CSV file
	 * starting with 'P' fails on its header: its first bytes say so.
	 */
	buf_init(&b);
	while (b.b_len <= XLSX_MAX_FILE &&
	    (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(&b, chunk, n);
	if (!xlsx_is_zip(b.b_data, b.b_len)) {
		mf = fmemopen(b.b_data, b.b_len, "r");
		rc = mf != NULL
		    ? round_csv_read_raw(mf, file, m, style, &im->im_r, d)
		    : -1;
		if (mf != NULL)
			fclose(mf);
		buf_free(&b);
		return rc;
	}
	im->im_sheet = 1;
	if (ferror(f) || store_method_sha(s, p->sp_method, sha) != 0) {
		diag_put(d, DIAG_ERROR, "import.read", file, 0, 0,
		    "không đọc được tệp", "the file could not be read");
		buf_free(&b);
		return -1;
	}
	rc = xlsx_template_read(
	    b.b_data, b.b_len, file, m, p->sp_code, sha, &im->im_w, d);
	buf_free(&b);
	im->im_r = im->im_w.xw_r;
	return rc;
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

/*
 * The checks and the writes of an import, in one transaction: units,
 * what an officer may write, locked values, checks between values. The
 * values' warnings (and what an unchecked import broke) go to ${w}.
 */
static int
import_apply(struct store *s, const struct app_actor *a,
    const struct st_period *p, struct app_import *im, int manage,
    enum value_status status, int flags, long *count, struct diag *w,
    struct diag *d)
{
	struct st_audit log = { .sau_actor = a->ac_login,
		.sau_action = "import",
		.sau_entity = "period",
		.sau_key = p->sp_code,
		.sau_period = p->sp_code,
		.sau_new = value_status_name(status),
		.sau_reason = im->im_file };
	int unchecked = (flags & APP_IMPORT_NO_CONSISTENCY) != 0, g;
	struct diag broken;

	if (store_tx_begin(s) != 0)
		return app_store_error(s, d);
	if ((g = import_units(s, im->im_r, flags & APP_IMPORT_ADD_UNITS,
		 im->im_units, im->im_file, d)) != 0) {
		store_tx_rollback(s);
		return g == STORE_EBUSY ? STORE_EBUSY : -1;
	}
	/* a period with a chosen set of units takes values of those only */
	for (g = 0; g < im->im_r->r_nunits; g++)
		if (app_period_unit_check(s, p, im->im_r->r_units[g], d) != 0) {
			store_tx_rollback(s);
			return -1;
		}
	if (!manage && import_owned(s, a, im, d) > 0) {
		store_tx_rollback(s);
		return -1;
	}
	if ((g = import_locked(s, p, im, flags & APP_IMPORT_SKIP_LOCKED, d)) !=
	    0) {
		if (g < 0)
			return app_abort(s, d);
		store_tx_rollback(s);
		return -1;
	}
	diag_init(&broken);
	if ((g = app_contrib_import(s, p, im->im_r, im->im_units, im->im_skip,
		 im->im_file, d)) != 0 ||
	    (g = import_checks(s, p, im, unchecked ? &broken : NULL, d)) != 0) {
		diag_free(&broken);
		store_tx_rollback(s);
		return g == STORE_EBUSY ? STORE_EBUSY : -1;
	}
	if (import_write(s, a, p, im, status, count, w) != 0 ||
	    store_audit_add(s, &log) != 0 ||
	    (unchecked &&
		import_unchecked(s, a, p, im->im_file, &broken) != 0) ||
	    store_tx_commit(s) != 0) {
		diag_free(&broken);
		*count = 0;
		return app_abort(s, d);
	}
	/* what it broke: the operator is told, as warnings */
	app_diag_move(w, &broken, DIAG_WARNING);
	diag_free(&broken);
	return 0;
}

int
app_values_import(struct store *s, const struct app_actor *a,
    const char *period, FILE *f, const char *file, enum numfmt_style style,
    enum value_status status, int flags, long *count, struct diag *d)
{
	const struct method *m = NULL;
	struct app_import im;
	struct st_period p;
	struct diag warn;
	int manage = app_may(s, a, APP_PERIOD, NULL), rc = -1;

	*count = 0;
	memset(&im, 0, sizeof(im));
	im.im_file = file;
	/* an officer imports its agency's work sheet, as drafts */
	if (!manage && (app_check(s, a, APP_VALUE_WRITE, a->ac_agency, d) != 0))
		return -1;
	if (!manage && (flags & APP_IMPORT_NO_CONSISTENCY)) {
		diag_add(d, DIAG_ERROR, "forbidden", NULL, 0, 0,
		    "tài khoản %s (%s) không được nhập mà bỏ qua quy tắc nhất quán giữa các dữ liệu (chỉ Sở TTTT)",
		    "account %s (%s) may not import without the consistency rules between inputs (Sở TTTT only)",
		    a->ac_login, role_name(a->ac_role));
		return -1;
	}
	if (!manage &&
	    (status != VALUE_DRAFT || (flags & APP_IMPORT_ADD_UNITS))) {
		diag_add(d, DIAG_ERROR, "forbidden", NULL, 0, 0,
		    "tài khoản %s (%s) chỉ nhập được bản nháp của những đơn vị đã có",
		    "account %s (%s) may import drafts of known units only",
		    a->ac_login, role_name(a->ac_role));
		return -1;
	}
	if (app_period(s, period, &p, d) != 0)
		return -1;
	if (app_refuse_closed(&p, d) < 0 || app_period_method(s, &p, &m, d) < 0)
		goto out;
	if (import_read(s, &p, m, f, file, style, &im, d) < 0) {
		if (!im.im_sheet && file != NULL && ends_with(file, ".xlsx"))
			diag_add(d, DIAG_ERROR, "import.not_xlsx", file, 0, 0,
			    "tệp có tên .xlsx nhưng không phải bảng tính XLSX (tệp nén zip): lưu lại bằng Excel hoặc LibreOffice dưới dạng .xlsx",
			    "the file is named .xlsx but is not an XLSX workbook (a zip archive): save it again from Excel or LibreOffice as .xlsx");
		goto out;
	}
	if (!manage && !im.im_sheet) {
		diag_add(d, DIAG_ERROR, "forbidden", NULL, 0, 0,
		    "tài khoản %s (%s) chỉ nhập được phiếu XLSX của cơ quan mình (dti template); nhập tệp CSV cần quyền điều phối",
		    "account %s (%s) may import its agency's XLSX work sheet only (dti template); importing a CSV file is for coordinators",
		    a->ac_login, role_name(a->ac_role));
		goto out;
	}
	if (im.im_sheet && import_doc_limits(&im, d) < 0)
		goto out;
	if (im.im_sheet && !round_any(im.im_r))
		diag_add(d, DIAG_WARNING, "import.empty", file, 0, 0,
		    "phiếu chưa có giá trị nào trong cột %s: không nhập gì",
		    "the work sheet has no value in column %s: nothing to import",
		    "GIÁ TRỊ");
	im.im_units = xcalloc((size_t)im.im_r->r_nunits + 1, sizeof(long));
	im.im_skip =
	    xcalloc((size_t)im.im_r->r_nunits * (size_t)m->m_ninputs + 1, 1);
	diag_init(&warn);
	rc =
	    import_apply(s, a, &p, &im, manage, status, flags, count, &warn, d);
	if (rc == 0)
		app_diag_move(d, &warn, DIAG_WARNING);
	diag_free(&warn);
out:
	diag_sort(d);
	free(im.im_units);
	free(im.im_skip);
	if (im.im_sheet)
		xlsx_template_free(&im.im_w);
	else
		round_free(im.im_r);
	return rc;
}

struct export_ctx {
	FILE *ex_f;
	const struct method *ex_m;
	int ex_err;
	struct app_cset *ex_parts; /* a contributed input's value */
};

static int
export_row(void *vctx, const struct st_value *v)
{
	struct export_ctx *c = vctx;
	struct st_value agg;
	char text[64];
	int in;

	/* the parts give one value, where the first of them was entered */
	if (v->sv_part[0] != '\0') {
		if (app_cset_export(c->ex_parts, v->sv_unit, v->sv_input, text,
			sizeof(text)) == 0)
			return 0;
		agg = *v;
		agg.sv_raw = text;
		agg.sv_part = "";
		return export_row(c, &agg);
	}
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
	struct export_ctx c = { f, NULL, 0, NULL };
	struct st_period p;
	int rc;

	if (app_period(s, period, &p, d) != 0 ||
	    app_period_method(s, &p, &c.ex_m, d) < 0 ||
	    app_cset_load(s, &p, c.ex_m, 0, &c.ex_parts, d) != 0)
		return -1;
	fputs("unit,input,value\n", f);
	rc = store_value_each(s, p.sp_id, NULL, export_row, &c);
	app_cset_free(c.ex_parts);
	if (rc != 0)
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

	if (v->sv_part[0] != '\0')
		return 0; /* a part: app_contrib_round adds their aggregate */
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
	if (c.rr_bad > 0 ||
	    app_contrib_round(s, p, approved_only, m, c.rr_r, d) != 0) {
		round_free(c.rr_r);
		return -1;
	}
	*out = c.rr_r;
	return 0;
}

/* The input ${input} of ${m} into ${in}; -1 with an error when none. */
static int
value_input(const struct method *m, const char *input, int *in, struct diag *d)
{
	*in = method_input(m, input, strlen(input));
	if (*in < 0) {
		diag_add(d, DIAG_ERROR, "value.input", NULL, 0, 0,
		    "không có dữ liệu đầu vào '%s' trong phương pháp %s",
		    "unknown input '%s' (not in methodology %s)", input,
		    m->m_id);
		return -1;
	}
	return 0;
}

/*
 * Input ${in} of ${m} (a part of it when ${part} is not "") with ${raw}
 * (a number written in ${st}) parsed into ${x} and the text to store into
 * ${text}; -1 with an error when the value does not fit it.
 */
static int
value_parse(const struct method *m, int in, const char *part, const char *raw,
    enum numfmt_style st, double *x, struct buf *text, struct diag *d)
{
	const struct m_input *mi = &m->m_inputs[in];
	struct m_input tmp;
	struct diag why;
	int rc = 0;

	if (part[0] != '\0') /* a count of yes: each part is yes or no */
		mi = app_part_input(m, in, &tmp);
	diag_init(&why);
	if (method_value_parse(mi, raw, strlen(raw), st, x, &why) < 0) {
		diag_wrap(d, &why, "value.invalid", NULL, 0, 0, "%s = '%s'",
		    "%s = '%s'", mi->mi_name, raw);
		rc = -1;
	} else {
		enum input_kind k = mi->mi_kind;

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
	rc = unit_checks(s, p, one, u, uid, NULL, NULL, NULL, d);
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
    const char *part, double x, const char *raw, const char *reason,
    struct diag *w, struct diag *d)
{
	struct st_value_in v;
	const char *input = m->m_inputs[in].mi_name;
	enum value_status cur;
	struct buf warn;
	char code[80];
	long uid;
	int g;

	if (app_unit_in(s, p, unit, code, sizeof(code), &uid, d) != 0 ||
	    app_period_unit_check(s, p, code, d) != 0)
		return -1;
	g = store_value_get(s, p->sp_id, uid, input, part, &cur);
	if (g == 0 && !value_status_editable(cur)) {
		diag_add(d, DIAG_ERROR, "value.locked", NULL, 0, 0,
		    "%s%s%s đang ở trạng thái %s%.0s: không sửa được (Sở TTTT trả lại hoặc mở lại trước)",
		    "%s%s%s is %.0s%s and cannot be changed (Sở TTTT must return or reopen it first)",
		    input, part[0] ? "@" : "", part,
		    value_status_label(cur, LANG_VI), value_status_name(cur));
		return -1;
	}
	if (g != 0 && g != STORE_ENOTFOUND)
		return app_store_error(s, d);
	if ((g = app_contrib_exclusive(s, p, m, uid, code, in, part, d)) != 0)
		return g;
	/* a part is no value of the unit: the checks judge the aggregate */
	if (part[0] == '\0' &&
	    entry_checks(s, p, m, code, uid, in, x, raw, d) != 0)
		return -1;
	buf_init(&warn);
	/* the plausible range and change are the whole value's */
	if (part[0] == '\0' &&
	    entry_warnings(s, p, m, uid, in, x, &warn, w) != 0) {
		buf_free(&warn);
		return app_store_error(s, d);
	}
	memset(&v, 0, sizeof(v));
	v.svi_agency = part[0] != '\0' ? part : app_owner(m, in);
	v.svi_period = p->sp_id;
	v.svi_unit = uid;
	v.svi_input = input;
	v.svi_raw = raw;
	v.svi_status = VALUE_DRAFT;
	v.svi_reason = reason;
	v.svi_part = part;
	v.svi_warnings = buf_cstr(&warn);
	g = store_value_write(s, &v, a->ac_login);
	buf_free(&warn);
	if (g != 0)
		return app_store_error(s, d);
	return 0;
}

/*
 * app_value_put_part; ${given}: a part named by the caller, or NULL; the
 * part written into ${part}.
 */
static int
value_put(struct store *s, const struct app_actor *a, const char *period,
    const char *unit, const char *input, const char *given, const char *raw,
    enum numfmt_style st, const char *agency, const char *reason,
    struct buf *stored, char part[APP_MAX_PART], struct diag *d)
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
	/* who may write it decides which part it is (a count of yes: 0/1) */
	if (app_period(s, period, &p, d) != 0 || app_refuse_closed(&p, d) < 0 ||
	    app_period_method(s, &p, &m, d) < 0 ||
	    value_input(m, input, &in, d) < 0 ||
	    app_check_write(s, a, m, in, unit, given, part, d) != 0 ||
	    value_parse(m, in, part, raw, st, &x, &text, d) < 0)
		goto out;
	owner = app_owner(m, in);
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
	    s, a, &p, m, unit, in, part, x, buf_cstr(&text), reason, &warn, d);
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

int
app_value_put(struct store *s, const struct app_actor *a, const char *period,
    const char *unit, const char *input, const char *raw, enum numfmt_style st,
    const char *agency, const char *reason, struct buf *stored, struct diag *d)
{
	char part[APP_MAX_PART];

	return value_put(s, a, period, unit, input, NULL, raw, st, agency,
	    reason, stored, part, d);
}

int
app_value_put_part(struct store *s, const struct app_actor *a,
    const char *period, const char *unit, const char *input, const char *part,
    const char *raw, enum numfmt_style st, const char *agency,
    const char *reason, struct buf *stored, char *written, struct diag *d)
{
	char got[APP_MAX_PART];
	int rc = value_put(s, a, period, unit, input, part, raw, st, agency,
	    reason, stored, got, d);

	if (rc == 0 && written != NULL)
		snprintf(written, APP_MAX_PART, "%s", got);
	return rc;
}
