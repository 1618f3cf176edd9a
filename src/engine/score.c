/* score.c: the scoring engine. */
#include "engine/score.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/numfmt.h"

static double
clampv(double v, double hi)
{
	if (!(v > 0.0)) /* also catches NaN */
		return 0.0;
	return v > hi ? hi : v;
}

static int
inputs_present(const struct round *r, int u, const struct m_indicator *ind)
{
	int k;

	for (k = 0; k < ind->mn_ninputs; k++) {
		if (!round_has(r, u, ind->mn_inputs[k]))
			return 0;
	}
	return 1;
}

/* Gather min and max of each cross-unit call's argument over the round. */
static void
gather_cross(struct score *s, int i)
{
	const struct round *r = s->sco_r;
	const struct m_indicator *ind = &s->sco_m->m_ind[i];
	const struct expr *ex = ind->mn_expr;
	struct expr_cross *xc = s->sco_cross + s->sco_cross_off[i];
	double vals[EXPR_MAX_NODES];
	unsigned char ok[EXPR_MAX_NODES];
	struct expr_eval ev;
	int u, k;

	memset(&ev, 0, sizeof(ev));
	ev.ev_collect = vals;
	ev.ev_collect_ok = ok;
	for (u = 0; u < r->r_nunits; u++) {
		if (!inputs_present(r, u, ind))
			continue;
		memset(ok, 0, (size_t)expr_ncross(ex));
		ev.ev_slots =
		    r->r_vals + (size_t)u * (size_t)s->sco_m->m_ninputs;
		expr_eval(ex, &ev);
		for (k = 0; k < expr_ncross(ex); k++) {
			if (!ok[k] || !isfinite(vals[k]))
				continue;
			if (xc[k].xc_n == 0 || vals[k] < xc[k].xc_min)
				xc[k].xc_min = vals[k];
			if (xc[k].xc_n == 0 || vals[k] > xc[k].xc_max)
				xc[k].xc_max = vals[k];
			xc[k].xc_n++;
		}
	}
}

/*
 * Widen indicator ${i}'s statistics by the round's reference bounds: they
 * count as two more units, the lowest and the highest.
 */
static void
bound_cross(struct score *s, int i)
{
	const struct round *r = s->sco_r;
	struct expr_cross *xc = s->sco_cross + s->sco_cross_off[i];
	int k;

	if (r->r_lo == NULL || isnan(r->r_lo[i]) || isnan(r->r_hi[i]))
		return;
	for (k = 0; k < expr_ncross(s->sco_m->m_ind[i].mn_expr); k++) {
		if (xc[k].xc_n == 0 || r->r_lo[i] < xc[k].xc_min)
			xc[k].xc_min = r->r_lo[i];
		if (xc[k].xc_n == 0 || r->r_hi[i] > xc[k].xc_max)
			xc[k].xc_max = r->r_hi[i];
		xc[k].xc_n += 2;
	}
}

/* 1 when a cross-unit call of indicator ${i} has nothing to compare. */
static int
lone_cross(const struct score *s, int i)
{
	const struct expr_cross *xc = s->sco_cross + s->sco_cross_off[i];
	int k;

	for (k = 0; k < expr_ncross(s->sco_m->m_ind[i].mn_expr); k++) {
		if (xc[k].xc_n < 2)
			return 1;
	}
	return 0;
}

static void
score_indicators(struct score *s, int u)
{
	const struct method *m = s->sco_m;
	const struct round *r = s->sco_r;
	double *val = s->sco_val + (size_t)u * (size_t)s->sco_ncols;
	unsigned char *st = s->sco_st + (size_t)u * (size_t)s->sco_ncols;
	struct expr_eval ev;
	int i, k;

	memset(&ev, 0, sizeof(ev));
	ev.ev_slots = r->r_vals + (size_t)u * (size_t)m->m_ninputs;
	for (i = 0; i < m->m_nind; i++) {
		const struct m_indicator *ind = &m->m_ind[i];
		double v;

		if (ind->mn_nparts > 0)
			continue; /* summed below, after its parts */
		if (!inputs_present(r, u, ind)) {
			val[i] = 0.0;
			st[i] = SC_MISSING;
			continue;
		}
		ev.ev_cross = s->sco_cross + s->sco_cross_off[i];
		v = expr_eval(ind->mn_expr, &ev);
		if (ev.ev_flags & (EXPR_F_DIV0 | EXPR_F_LIMIT)) {
			val[i] = 0.0;
			st[i] = SC_DIV0;
			continue;
		}
		if (lone_cross(s, i)) {
			val[i] = 0.0;
			st[i] = SC_NOBOUNDS;
			continue;
		}
		val[i] = clampv(v, ind->mn_points);
		st[i] = SC_OK;
	}
	for (i = 0; i < m->m_nind; i++) {
		const struct m_indicator *ind = &m->m_ind[i];
		double sum = 0.0;
		int bad = 0;

		if (ind->mn_nparts == 0)
			continue;
		for (k = 0; k < ind->mn_nparts; k++) {
			sum += val[ind->mn_parts[k]];
			bad |= st[ind->mn_parts[k]] != SC_OK;
		}
		val[i] = clampv(sum, ind->mn_points);
		st[i] = bad ? SC_INCOMPLETE : SC_OK;
	}
}

static void
score_totals(struct score *s, int u)
{
	const struct method *m = s->sco_m;
	double *val = s->sco_val + (size_t)u * (size_t)s->sco_ncols;
	unsigned char *st = s->sco_st + (size_t)u * (size_t)s->sco_ncols;
	double slots[METHOD_MAX_GROUPS + METHOD_MAX_DERIVED];
	int g, k, d, base = m->m_nind;
	struct expr_eval ev;

	for (g = 0; g < m->m_ngroups; g++) {
		const struct m_group *gr = &m->m_groups[g];
		double sum = 0.0;
		int bad = 0;

		for (k = 0; k < gr->mg_n; k++) {
			sum += val[gr->mg_indicators[k]];
			bad |= st[gr->mg_indicators[k]] != SC_OK;
		}
		val[base + g] = sum;
		st[base + g] = bad ? SC_INCOMPLETE : SC_OK;
		slots[g] = sum;
	}
	memset(&ev, 0, sizeof(ev));
	ev.ev_slots = slots;
	base += m->m_ngroups;
	for (d = 0; d < m->m_nderived &&
	     m->m_ngroups + d < METHOD_MAX_GROUPS + METHOD_MAX_DERIVED;
	     d++) {
		const struct m_derived *df = &m->m_derived[d];
		double v = expr_eval(df->md_expr, &ev);
		int bad = 0;

		/* a figure is as complete as the groups it rests on */
		for (g = 0; g < m->m_ngroups + d; g++) {
			if (expr_uses_slot(df->md_expr, g) &&
			    st[m->m_nind + g] != SC_OK)
				bad = 1;
		}
		if (ev.ev_flags & EXPR_F_DIV0) {
			v = 0.0;
			st[base + d] = SC_DIV0;
		} else {
			st[base + d] = bad ? SC_INCOMPLETE : SC_OK;
		}
		val[base + d] = v;
		slots[m->m_ngroups + d] = v;
	}
}

struct score *
score_round(const struct round *r, score_progress_fn *progress, void *ctx)
{
	const struct method *m = r->r_m;
	struct score *s = xcalloc(1, sizeof(*s));
	size_t cells;
	int i, u, ncross = 0;

	s->sco_m = m;
	s->sco_r = r;
	s->sco_nunits = r->r_nunits;
	s->sco_ncols = m->m_nind + m->m_ngroups + m->m_nderived;
	cells = (size_t)s->sco_nunits * (size_t)s->sco_ncols;
	s->sco_val = xcalloc(cells + 1, sizeof(double));
	s->sco_st = xcalloc(cells + 1, 1);
	s->sco_cross_off = xcalloc((size_t)m->m_nind + 1, sizeof(int));
	for (i = 0; i < m->m_nind; i++) {
		s->sco_cross_off[i] = ncross;
		if (m->m_ind[i].mn_expr != NULL)
			ncross += expr_ncross(m->m_ind[i].mn_expr);
	}
	s->sco_cross = xcalloc((size_t)ncross + 1, sizeof(*s->sco_cross));
	for (i = 0; i < m->m_nind; i++) {
		if (m->m_ind[i].mn_expr != NULL &&
		    expr_ncross(m->m_ind[i].mn_expr) > 0) {
			gather_cross(s, i);
			bound_cross(s, i);
		}
	}
	for (u = 0; u < r->r_nunits; u++) {
		score_indicators(s, u);
		score_totals(s, u);
		if (progress != NULL &&
		    (u % 1024 == 1023 || u + 1 == r->r_nunits))
			progress(ctx, u + 1, r->r_nunits);
	}
	return s;
}

void
score_free(struct score *s)
{
	if (s == NULL)
		return;
	free(s->sco_val);
	free(s->sco_st);
	free(s->sco_cross);
	free(s->sco_cross_off);
	free(s);
}

enum score_col_kind
score_col(const struct score *s, int col, int *index)
{
	const struct method *m = s->sco_m;

	if (col < m->m_nind) {
		*index = col;
		return COL_INDICATOR;
	}
	if (col < m->m_nind + m->m_ngroups) {
		*index = col - m->m_nind;
		return COL_GROUP;
	}
	*index = col - m->m_nind - m->m_ngroups;
	return COL_DERIVED;
}

const char *
score_col_code(const struct score *s, int col)
{
	int i;

	switch (score_col(s, col, &i)) {
	case COL_INDICATOR: return s->sco_m->m_ind[i].mn_code;
	case COL_GROUP: return s->sco_m->m_groups[i].mg_code;
	case COL_DERIVED: return s->sco_m->m_derived[i].md_code;
	}
	return "?";
}

double
score_col_max(const struct score *s, int col)
{
	int i;

	switch (score_col(s, col, &i)) {
	case COL_INDICATOR: return s->sco_m->m_ind[i].mn_points;
	case COL_GROUP: return s->sco_m->m_groups[i].mg_points;
	case COL_DERIVED: return s->sco_m->m_derived[i].md_points;
	}
	return 0.0;
}

double
score_get(const struct score *s, int u, int col)
{
	return s->sco_val[(size_t)u * (size_t)s->sco_ncols + (size_t)col];
}

enum score_status
score_status(const struct score *s, int u, int col)
{
	return (enum score_status)
	    s->sco_st[(size_t)u * (size_t)s->sco_ncols + (size_t)col];
}

const char *
score_status_name(enum score_status st)
{
	switch (st) {
	case SC_OK: return "ok";
	case SC_MISSING: return "missing";
	case SC_DIV0: return "zero_denominator";
	case SC_INCOMPLETE: return "incomplete";
	case SC_NOBOUNDS: return "no_bounds";
	}
	return "?";
}

int
score_col_of(const struct score *s, const char *code)
{
	int c;

	for (c = 0; c < s->sco_ncols; c++) {
		if (strcmp(score_col_code(s, c), code) == 0)
			return c;
	}
	return -1;
}

void
score_missing(const struct score *s, int u, int ind, struct buf *out)
{
	const struct m_indicator *in = &s->sco_m->m_ind[ind];
	int k, first = 1;

	for (k = 0; k < in->mn_ninputs; k++) {
		if (round_has(s->sco_r, u, in->mn_inputs[k]))
			continue;
		if (!first)
			buf_puts(out, ", ");
		buf_puts(out, s->sco_m->m_inputs[in->mn_inputs[k]].mi_name);
		first = 0;
	}
}

static void
explain_sum(
    const struct score *s, int u, const int *cols, int n, struct buf *out)
{
	int k;

	for (k = 0; k < n; k++) {
		if (k > 0)
			buf_puts(out, " + ");
		numfmt_vi(out, score_get(s, u, cols[k]), 4);
	}
	if (n == 0)
		buf_puts(out, "0");
}

void
score_explain(const struct score *s, int u, int col, struct buf *out)
{
	const struct method *m = s->sco_m;
	enum score_status st = score_status(s, u, col);
	double v = score_get(s, u, col);
	int i;

	buf_printf(out, "%s: ", score_col_code(s, col));
	switch (score_col(s, col, &i)) {
	case COL_INDICATOR: {
		const struct m_indicator *ind = &m->m_ind[i];
		struct expr_eval ev;

		if (ind->mn_nparts > 0) {
			explain_sum(s, u, ind->mn_parts, ind->mn_nparts, out);
			break;
		}
		if (st == SC_MISSING) {
			buf_puts(out, "thiếu dữ liệu ");
			score_missing(s, u, i, out);
			buf_puts(out, " → 0");
			return;
		}
		memset(&ev, 0, sizeof(ev));
		ev.ev_slots =
		    s->sco_r->r_vals + (size_t)u * (size_t)m->m_ninputs;
		ev.ev_cross = s->sco_cross + s->sco_cross_off[i];
		expr_explain(ind->mn_expr, &ev, out);
		if (st == SC_DIV0) {
			buf_puts(out, ": mẫu số bằng 0 → 0");
			return;
		}
		{
			/* say so when the cap to the indicator's points bit */
			struct expr_eval ev2 = ev;
			double raw = expr_eval(ind->mn_expr, &ev2);

			if (raw > ind->mn_points) {
				buf_puts(out, " = ");
				numfmt_vi(out, raw, 2);
				buf_puts(out, ", tối đa ");
				numfmt_vi(out, ind->mn_points, 4);
			}
		}
		break;
	}
	case COL_GROUP:
		explain_sum(s, u, m->m_groups[i].mg_indicators,
		    m->m_groups[i].mg_n, out);
		break;
	case COL_DERIVED: {
		const struct m_derived *df = &m->m_derived[i];
		double slots[METHOD_MAX_GROUPS + METHOD_MAX_DERIVED];
		struct expr_eval ev;
		int k;

		for (k = 0; k < m->m_ngroups + i &&
		     k < METHOD_MAX_GROUPS + METHOD_MAX_DERIVED;
		     k++)
			slots[k] = score_get(s, u, m->m_nind + k);
		memset(&ev, 0, sizeof(ev));
		ev.ev_slots = slots;
		expr_explain(df->md_expr, &ev, out);
		buf_puts(out, " = ");
		numfmt_vi(out, v, 4);
		return;
	}
	}
	buf_puts(out, " = ");
	numfmt_vi(out, v, 2);
}
