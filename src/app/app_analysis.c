/*
 * app_analysis.c: where a period's points are lost (by indicator, group,
 * pillar and lead agency, and the quick wins), year on year against the
 * recorded results, and the sensitivity of the index to each next step.
 * Every gain is found by scoring again with the engine, never by reading
 * the rules' text. docs/analysis.md explains each number.
 */
#include "app/app_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define AN_PROVINCES 63 /* ranked provinces when a year's list is partial */
#define AN_EPS 1e-9

/* The agency leading indicator ${i} (a part: its parent's), or NULL. */
static const char *
an_lead(const struct method *m, int i)
{
	while (i >= 0 && m->m_ind[i].mn_lead < 0)
		i = m->m_ind[i].mn_parent;
	return i >= 0 ? m->m_agencies[m->m_ind[i].mn_lead].ma_code : NULL;
}

/* The index of agency ${code} in ${m}, or -1. */
static int
an_agency(const struct method *m, const char *code)
{
	int a;

	for (a = 0; a < m->m_nagencies; a++) {
		if (strcmp(m->m_agencies[a].ma_code, code) == 0)
			return a;
	}
	return -1;
}

static int
an_cmp_loss(const void *a, const void *b)
{
	const struct app_loss *x = a, *y = b;

	if (x->lo_lost != y->lo_lost)
		return x->lo_lost < y->lo_lost ? 1 : -1;
	return strcmp(x->lo_code, y->lo_code);
}

static int
an_cmp_win(const void *a, const void *b)
{
	const struct app_quick_win *x = a, *y = b;

	if (x->qw_points != y->qw_points)
		return x->qw_points < y->qw_points ? 1 : -1;
	return x->qw_input - y->qw_input;
}

/* The plan's tasks linked to each indicator, gathered once. */
struct an_tasks {
	const struct method *atk_m;
	struct buf *atk_by; /* per indicator: task codes, comma separated */
};

static int
an_task_row(void *ctx, const struct st_task *t)
{
	struct an_tasks *at = ctx;
	const char *p = t->st_indicators, *e;

	while (p != NULL && *p != '\0') {
		char code[64];
		size_t n;
		int i;

		e = strchr(p, ',');
		n = e ? (size_t)(e - p) : strlen(p);
		if (n < sizeof(code)) {
			memcpy(code, p, n);
			code[n] = '\0';
			if ((i = method_indicator(at->atk_m, code)) >= 0) {
				if (at->atk_by[i].b_len > 0)
					buf_putc(&at->atk_by[i], ',');
				buf_puts(&at->atk_by[i], t->st_code);
			}
		}
		p = e ? e + 1 : NULL;
	}
	return 0;
}

/* Tasks of indicator ${i} or of its parent, malloc'd. */
static char *
an_task_list(const struct an_tasks *at, int i)
{
	while (i >= 0 && at->atk_by[i].b_len == 0)
		i = at->atk_m->m_ind[i].mn_parent;
	return xstrdup(i >= 0 ? buf_cstr(&at->atk_by[i]) : "");
}

/* The best value of yes/no or choice input ${in}; its gain in ${gain}. */
static double
an_best_choice(struct app_an *an, int in, double total, double *gain)
{
	const struct m_input *mi = &an->an_m->m_inputs[in];
	int n = mi->mi_kind == IK_YESNO ? 2 : mi->mi_noptions, k;
	double best = NAN;

	*gain = 0.0;
	for (k = 0; k < n; k++) {
		double t;

		if (round_has(an->an_sd.sd_round, an->an_unit, in) &&
		    round_get(an->an_sd.sd_round, an->an_unit, in) == k)
			continue;
		t = app_an_try(an, in, k, 1) - total;
		if (t > *gain + AN_EPS) {
			*gain = t;
			best = k;
		}
	}
	return best;
}

static void
an_add_loss(struct app_loss **v, int *n, const char *code, const char *name,
    double max, double score, const char *agency)
{
	struct app_loss *l;

	*v = xreallocarray(*v, (size_t)*n + 1, sizeof(**v));
	l = &(*v)[(*n)++];
	l->lo_code = code;
	l->lo_name = name;
	l->lo_max = max;
	l->lo_score = score;
	l->lo_lost = max - score;
	l->lo_agency = agency;
}

/* Quick wins: every yes/no or choice input whose better value scores. */
static void
an_wins(struct app_an *an, struct store *s, struct app_losses *o)
{
	const struct method *m = an->an_m;
	struct an_tasks at;
	struct st_task_filter tf;
	double total = score_get(an->an_sd.sd_score, an->an_unit, an->an_total);
	int in, i;

	at.atk_m = m;
	at.atk_by = xcalloc((size_t)m->m_nind + 1, sizeof(*at.atk_by));
	for (i = 0; i < m->m_nind; i++)
		buf_init(&at.atk_by[i]);
	memset(&tf, 0, sizeof(tf)); /* the plans of the period's year */
	tf.stf_year = an->an_sd.sd_period.sp_year;
	(void)store_task_each_in(s, &tf, an_task_row, &at);
	for (in = 0; in < m->m_ninputs; in++) {
		const struct m_input *mi = &m->m_inputs[in];
		struct app_quick_win *w;
		double gain, to;

		if ((mi->mi_kind != IK_YESNO && mi->mi_kind != IK_CHOICE) ||
		    mi->mi_indicator < 0)
			continue;
		to = an_best_choice(an, in, total, &gain);
		if (isnan(to))
			continue;
		o->lss_wins = xreallocarray(o->lss_wins,
		    (size_t)o->lss_nwins + 1, sizeof(*o->lss_wins));
		w = &o->lss_wins[o->lss_nwins++];
		memset(w, 0, sizeof(*w));
		w->qw_input = in;
		w->qw_name = mi->mi_name;
		w->qw_label = mi->mi_label;
		w->qw_indicator = m->m_ind[mi->mi_indicator].mn_code;
		w->qw_now = !round_has(an->an_sd.sd_round, an->an_unit, in) ? ""
		    : mi->mi_kind == IK_YESNO
		    ? (round_get(an->an_sd.sd_round, an->an_unit, in) != 0
			      ? "1"
			      : "0")
		    : mi->mi_options[(int)round_get(
					 an->an_sd.sd_round, an->an_unit, in)]
			  .mo_code;
		w->qw_to = mi->mi_kind == IK_YESNO
		    ? (to != 0 ? "1" : "0")
		    : mi->mi_options[(int)to].mo_code;
		w->qw_points = gain;
		w->qw_agency = an_lead(m, mi->mi_indicator);
		w->qw_tasks = an_task_list(&at, mi->mi_indicator);
	}
	for (i = 0; i < m->m_nind; i++)
		buf_free(&at.atk_by[i]);
	free(at.atk_by);
	qsort(o->lss_wins, (size_t)o->lss_nwins, sizeof(*o->lss_wins),
	    an_cmp_win);
}

int
app_losses(struct store *s, const char *period, int drafts,
    struct app_losses *o, struct diag *d)
{
	static const char *const pillars[] = { "CQS", "KTS", "XHS" };
	struct app_an an;
	const struct method *m;
	const struct score *sc;
	int i, k, rc;

	memset(o, 0, sizeof(*o));
	if ((rc = app_an_load(s, period, drafts, &an, d)) != 0)
		return rc;
	m = an.an_m;
	sc = an.an_sd.sd_score;
	o->lss_period = an.an_sd.sd_period;
	o->lss_total = score_get(sc, an.an_unit, an.an_total);
	o->lss_max = score_col_max(sc, an.an_total);
	for (i = 0; i < m->m_nind; i++) {
		const struct m_indicator *ind = &m->m_ind[i];
		const char *lead = an_lead(m, i);
		double v = score_get(sc, an.an_unit, i);

		if (ind->mn_nparts > 0)
			continue; /* its parts are listed */
		an_add_loss(&o->lss_ind, &o->lss_nind, ind->mn_code,
		    ind->mn_name, ind->mn_points, v, lead);
		if (lead == NULL)
			continue;
		for (k = 0; k < o->lss_nagencies; k++) {
			if (strcmp(o->lss_agencies[k].lo_code, lead) == 0)
				break;
		}
		if (k == o->lss_nagencies) {
			int a = an_agency(m, lead);

			an_add_loss(&o->lss_agencies, &o->lss_nagencies, lead,
			    a >= 0 ? m->m_agencies[a].ma_name : lead, 0, 0,
			    NULL);
		}
		o->lss_agencies[k].lo_max += ind->mn_points;
		o->lss_agencies[k].lo_score += v;
		o->lss_agencies[k].lo_lost += ind->mn_points - v;
	}
	for (i = 0; i < m->m_ngroups; i++) {
		int col = m->m_nind + i;

		an_add_loss(&o->lss_groups, &o->lss_ngroups,
		    m->m_groups[i].mg_code, m->m_groups[i].mg_name,
		    score_col_max(sc, col), score_get(sc, an.an_unit, col),
		    NULL);
	}
	for (k = 0; k < 3; k++) {
		int col = score_col_of(sc, pillars[k]);

		if (col < 0)
			continue;
		an_add_loss(&o->lss_pillars, &o->lss_npillars, pillars[k],
		    m->m_derived[col - m->m_nind - m->m_ngroups].md_name, 1.0,
		    score_get(sc, an.an_unit, col), NULL);
	}
	qsort(
	    o->lss_ind, (size_t)o->lss_nind, sizeof(*o->lss_ind), an_cmp_loss);
	qsort(o->lss_groups, (size_t)o->lss_ngroups, sizeof(*o->lss_groups),
	    an_cmp_loss);
	qsort(o->lss_pillars, (size_t)o->lss_npillars, sizeof(*o->lss_pillars),
	    an_cmp_loss);
	qsort(o->lss_agencies, (size_t)o->lss_nagencies,
	    sizeof(*o->lss_agencies), an_cmp_loss);
	an_wins(&an, s, o);
	app_an_free(&an);
	return 0;
}

void
app_losses_free(struct app_losses *o)
{
	int i;

	if (o == NULL)
		return;
	for (i = 0; i < o->lss_nwins; i++)
		free(o->lss_wins[i].qw_tasks);
	free(o->lss_ind);
	free(o->lss_groups);
	free(o->lss_pillars);
	free(o->lss_agencies);
	free(o->lss_wins);
	memset(o, 0, sizeof(*o));
}

/* Year on year. */

/* The province's recorded results of two years. */
struct tr_ctx {
	const char *tc_self; /* bare name */
	int tc_year;
	struct app_result tc_res[2]; /* [0]: the year, [1]: the year before */
	int tc_have[2];
	int tc_max_rank[2];
	int tc_ranked[2];
};

/* A province's name without "Tỉnh ", "TP. ", "Thành phố ". */
static const char *
an_bare(const char *name)
{
	static const char *const pre[] = { "Tỉnh ", "tỉnh ", "TP. ",
		"Thành phố ", "thành phố " };
	size_t k;

	for (k = 0; k < sizeof(pre) / sizeof(pre[0]); k++) {
		if (strncmp(name, pre[k], strlen(pre[k])) == 0)
			return name + strlen(pre[k]);
	}
	return name;
}

static int
tr_row(void *ctx, const struct app_result *r)
{
	struct tr_ctx *tc = ctx;
	int k = r->rsl_year == tc->tc_year ? 0 : 1;

	if (r->rsl_year != tc->tc_year && r->rsl_year != tc->tc_year - 1)
		return 0;
	if (r->rsl_rank > 0) {
		tc->tc_ranked[k]++;
		if (r->rsl_rank > tc->tc_max_rank[k])
			tc->tc_max_rank[k] = r->rsl_rank;
	}
	if (strcmp(an_bare(r->rsl_province), tc->tc_self) == 0) {
		tc->tc_res[k] = *r;
		tc->tc_have[k] = 1;
	}
	return 0;
}

/* Provinces ranked in a year: its full list's length, else 63. */
static int
tr_of(const struct tr_ctx *tc, int k)
{
	if (tc->tc_ranked[k] >= tc->tc_max_rank[k] && tc->tc_max_rank[k] > 1)
		return tc->tc_max_rank[k];
	return AN_PROVINCES;
}

/* ${v} with exactly ${dec} decimals, a decimal comma, into ${b}. */
static void
tr_fixed(struct buf *b, double v, int dec)
{
	char t[64], *p;

	snprintf(t, sizeof(t), "%.*f", dec, v);
	if ((p = strchr(t, '.')) != NULL)
		*p = ',';
	buf_puts(b, t);
}

/* One figure's line, phrased as the plan's introduction phrases it. */
static void
tr_phrase(struct app_trend_line *l, int prev_year)
{
	struct buf vi, en, n;

	buf_init(&vi);
	buf_init(&en);
	buf_init(&n);
	l->tl_growth = NAN;
	if (!isnan(l->tl_now)) {
		tr_fixed(&n, l->tl_now, 4);
		buf_printf(&vi, "đạt %s", buf_cstr(&n));
		buf_printf(&en, "%.4f", l->tl_now);
	}
	if (!isnan(l->tl_now) && !isnan(l->tl_prev) && l->tl_prev > 0) {
		double g = (l->tl_now - l->tl_prev) / l->tl_prev * 100.0;

		l->tl_growth = g;
		buf_reset(&n);
		tr_fixed(&n, fabs(g), 1);
		if (fabs(g) < 0.05) {
			buf_printf(&vi, ", bằng năm %d", prev_year);
			buf_printf(&en, ", the same as in %d", prev_year);
		} else {
			buf_printf(&vi, ", %s %s %% so với năm %d",
			    g > 0 ? "tăng" : "giảm", buf_cstr(&n), prev_year);
			buf_printf(&en, ", %s %.1f %% on %d",
			    g > 0 ? "up" : "down", fabs(g), prev_year);
		}
	}
	if (l->tl_rank > 0) {
		buf_printf(&vi, ", xếp thứ %d/%d", l->tl_rank, l->tl_of);
		buf_printf(&en, ", ranked %d/%d", l->tl_rank, l->tl_of);
		if (l->tl_prev_rank > 0) {
			int up = l->tl_prev_rank - l->tl_rank;

			if (up == 0) {
				buf_puts(&vi, ", giữ nguyên thứ hạng");
				buf_puts(&en, ", the same rank");
			} else {
				buf_printf(&vi, ", %s %d bậc",
				    up > 0 ? "tăng" : "giảm", abs(up));
				buf_printf(&en, ", %s %d place%s",
				    up > 0 ? "up" : "down", abs(up),
				    abs(up) == 1 ? "" : "s");
			}
		}
	}
	snprintf(l->tl_text, sizeof(l->tl_text), "%s", buf_cstr(&vi));
	snprintf(l->tl_text_en, sizeof(l->tl_text_en), "%s", buf_cstr(&en));
	buf_free(&vi);
	buf_free(&en);
	buf_free(&n);
}

static struct app_trend_line *
tr_add(struct app_trend *t, const char *code, const char *name)
{
	struct app_trend_line *l;

	t->tr_lines = xreallocarray(
	    t->tr_lines, (size_t)t->tr_n + 1, sizeof(*t->tr_lines));
	l = &t->tr_lines[t->tr_n++];
	memset(l, 0, sizeof(*l));
	l->tl_code = code;
	l->tl_name = name;
	l->tl_now = NAN;
	l->tl_prev = NAN;
	return l;
}

int
app_trend(struct store *s, const char *period, int drafts, struct app_trend *t,
    struct diag *d)
{
	static const char *const pcode[] = { "CQS", "KTS", "XHS" };
	static const char *const pname[] = { "Chính quyền số", "Kinh tế số",
		"Xã hội số" };
	struct st_period p;
	struct tr_ctx tc;
	struct app_trend_line *l;
	struct app_an an;
	char name[128];
	const struct method *m = NULL;
	int k, scored;

	memset(t, 0, sizeof(*t));
	if (app_period(s, period, &p, d) != 0)
		return -1;
	{
		/* the province in force in the period */
		char start[11];

		app_period_start(&p, start);
		app_province_name_at(s, start, name, sizeof(name));
	}
	memset(&tc, 0, sizeof(tc));
	tc.tc_self = an_bare(name);
	tc.tc_year = p.sp_year;
	t->tr_year = p.sp_year;
	t->tr_prev_year = p.sp_year - 1;
	if (app_results(s, 0, tr_row, &tc, d) != 0)
		return -1;
	/* the year's own published figures, else this period's scores */
	scored = !tc.tc_have[0] && app_an_load(s, period, drafts, &an, d) == 0;
	if (!tc.tc_have[0] && !scored)
		return -1;
	if (scored) {
		const struct score *sco = an.an_sd.sd_score;
		struct app_place pl;

		m = an.an_m;
		tc.tc_res[0].rsl_index =
		    score_get(sco, an.an_unit, an.an_index);
		for (k = 0; k < 3; k++) {
			int col = score_col_of(sco, pcode[k]);

			tc.tc_res[0].rsl_pillar[k] =
			    col < 0 ? NAN : score_get(sco, an.an_unit, col);
		}
		for (k = 0; k < APP_RESULT_NGROUPS && k < m->m_ngroups; k++)
			tc.tc_res[0].rsl_group[k] =
			    score_get(sco, an.an_unit, m->m_nind + k) /
			    score_col_max(sco, m->m_nind + k);
		if (app_place(s, p.sp_year, tc.tc_res[0].rsl_index, NULL, &pl,
			d) == 0)
			tc.tc_res[0].rsl_rank = pl.pl_rank;
		app_an_free(&an);
	}
	l = tr_add(t, "INDEX", "Chỉ số DTI");
	l->tl_now = tc.tc_res[0].rsl_index;
	l->tl_prev = tc.tc_have[1] ? tc.tc_res[1].rsl_index : NAN;
	l->tl_rank = tc.tc_res[0].rsl_rank;
	l->tl_prev_rank = tc.tc_have[1] ? tc.tc_res[1].rsl_rank : 0;
	l->tl_of = tr_of(&tc, 0);
	for (k = 0; k < 3; k++) {
		l = tr_add(t, pcode[k], pname[k]);
		l->tl_now = tc.tc_res[0].rsl_pillar[k];
		l->tl_prev = tc.tc_have[1] ? tc.tc_res[1].rsl_pillar[k] : NAN;
		l->tl_rank = tc.tc_res[0].rsl_pillar_rank[k];
		l->tl_prev_rank =
		    tc.tc_have[1] ? tc.tc_res[1].rsl_pillar_rank[k] : 0;
		l->tl_of = tr_of(&tc, 0);
	}
	for (k = 0; k < APP_RESULT_NGROUPS; k++) {
		static const char *const gcode[] = { "I", "II", "III", "IV",
			"V", "VI", "VII", "VIII" };

		if (isnan(tc.tc_res[0].rsl_group[k]))
			continue;
		l = tr_add(t, gcode[k], gcode[k]);
		if (m != NULL && k < m->m_ngroups) {
			l->tl_code = m->m_groups[k].mg_code;
			l->tl_name = m->m_groups[k].mg_name;
		}
		l->tl_now = tc.tc_res[0].rsl_group[k];
		l->tl_prev = tc.tc_have[1] ? tc.tc_res[1].rsl_group[k] : NAN;
		l->tl_of = tr_of(&tc, 0);
	}
	for (k = 0; k < t->tr_n; k++)
		tr_phrase(&t->tr_lines[k], t->tr_prev_year);
	return 0;
}

void
app_trend_free(struct app_trend *t)
{
	if (t == NULL)
		return;
	free(t->tr_lines);
	memset(t, 0, sizeof(*t));
}

/* Sensitivity. */

/* A yes/no or choice value as its code ("0", "1", the option's), else NULL. */
static const char *
an_choice_text(const struct app_an *an, int in, double v, int present)
{
	const struct m_input *mi = &an->an_m->m_inputs[in];

	if (mi->mi_kind == IK_YESNO)
		return !present ? "-" : v != 0 ? "1" : "0";
	if (mi->mi_kind == IK_CHOICE)
		return !present || v < 0 || v >= mi->mi_noptions
		    ? "-"
		    : mi->mi_options[(int)v].mo_code;
	return NULL;
}

#define SEN_DOUBLINGS 48 /* search up to 2^48 times the value (or 1) */
#define SEN_BISECT 60
#define SEN_STEP 0.05 /* a step is worth 5 % of the indicator's points */

/*
 * The smallest value of numeric input ${in}, above ${from}, whose TOTAL
 * is at least ${total} + ${step_min}: found by doubling, then bisection,
 * with the engine. A threshold or tier rule's next step is its next
 * threshold; a proportional rule's is the change worth ${step_min}.
 * Its TOTAL in ${got}; NAN when no value up to the search's end gains.
 */
static double
sen_next(struct app_an *an, int in, double from, double total, double step_min,
    double *got)
{
	double lo = from, hi = from > 0 ? from : 0, step = from > 0 ? from : 1;
	double t = total;
	int k;

	for (k = 0; k < SEN_DOUBLINGS; k++, step *= 2) {
		hi = from + step;
		if ((t = app_an_try(an, in, hi, 1)) >= total + step_min)
			break;
		lo = hi;
	}
	if (!(t >= total + step_min))
		return NAN;
	for (k = 0; k < SEN_BISECT && hi - lo > 1e-9 * (1 + fabs(hi)); k++) {
		double mid = lo + (hi - lo) / 2;
		double v = app_an_try(an, in, mid, 1);

		if (v >= total + step_min) {
			hi = mid;
			t = v;
		} else
			lo = mid;
	}
	if (an->an_m->m_inputs[in].mi_kind == IK_COUNT) {
		/* a count is whole: the bisection's last digits are noise */
		hi = ceil(hi - 1e-6 * (1 + fabs(hi)));
		if ((t = app_an_try(an, in, hi, 1)) < total + step_min)
			t = app_an_try(an, in, ++hi, 1);
	}
	*got = t;
	return hi;
}

static int
sen_cmp(const void *a, const void *b)
{
	const struct app_sens_step *x = a, *y = b;

	if (x->sst_per_effort != y->sst_per_effort)
		return x->sst_per_effort < y->sst_per_effort ? 1 : -1;
	return strcmp(x->sst_indicator, y->sst_indicator);
}

/* Indicator ${i}'s best next step, by points per effort, into ${st}. */
static int
sen_indicator(struct app_an *an, int i, double total, struct app_sens_step *st)
{
	const struct method *m = an->an_m;
	const struct m_indicator *ind = &m->m_ind[i];
	const struct round *r = an->an_sd.sd_round;
	int k, found = 0;

	for (k = 0; k < ind->mn_ninputs; k++) {
		int in = ind->mn_inputs[k];
		const struct m_input *mi = &m->m_inputs[in];
		double from, to, got = total, effort;

		if (mi->mi_kind == IK_TEXT)
			continue;
		from = round_has(r, an->an_unit, in)
		    ? round_get(r, an->an_unit, in)
		    : 0;
		if (mi->mi_kind == IK_YESNO || mi->mi_kind == IK_CHOICE) {
			double gain;

			to = an_best_choice(an, in, total, &gain);
			got = total + gain;
			effort = 1.0;
		} else {
			to = sen_next(an, in, from, total,
			    SEN_STEP * ind->mn_points, &got);
			effort = from > 0 ? (to - from) / from : to - from;
			if (!(effort > 0))
				effort = 1e-9;
		}
		if (isnan(to) || !(got > total + AN_EPS))
			continue;
		if (!found || (got - total) / effort > st->sst_per_effort) {
			st->sst_from_text = an_choice_text(
			    an, in, from, round_has(r, an->an_unit, in));
			st->sst_to_text = an_choice_text(an, in, to, 1);
			st->sst_input = in;
			st->sst_input_name = mi->mi_name;
			st->sst_from = from;
			st->sst_to = to;
			st->sst_points = got - total;
			st->sst_effort = effort;
			st->sst_per_effort = st->sst_points / effort;
			found = 1;
		}
	}
	return found;
}

int
app_sensitivity(struct store *s, const char *period, int drafts,
    struct app_sensitivity *o, struct diag *d)
{
	struct app_an an;
	const struct method *m;
	const struct score *sc;
	double total, per_point;
	int i, rc;

	memset(o, 0, sizeof(*o));
	if ((rc = app_an_load(s, period, drafts, &an, d)) != 0)
		return rc;
	m = an.an_m;
	sc = an.an_sd.sd_score;
	o->sen_period = an.an_sd.sd_period;
	o->sen_index = score_get(sc, an.an_unit, an.an_index);
	total = score_get(sc, an.an_unit, an.an_total);
	/* INDEX per TOTAL point (1/1000 in the 2022 methodology) */
	per_point =
	    score_col_max(sc, an.an_index) / score_col_max(sc, an.an_total);
	if (app_place(s, o->sen_period.sp_year, o->sen_index, NULL,
		&o->sen_place, d) != 0) {
		app_an_free(&an);
		return -1;
	}
	for (i = 0; i < m->m_nind; i++) {
		const struct m_indicator *ind = &m->m_ind[i];
		struct app_sens_step st;
		struct app_place pl;

		if (ind->mn_nparts > 0 ||
		    score_get(sc, an.an_unit, i) >= ind->mn_points - AN_EPS)
			continue;
		memset(&st, 0, sizeof(st));
		st.sst_input = -1;
		if (!sen_indicator(&an, i, total, &st))
			continue;
		st.sst_indicator = ind->mn_code;
		st.sst_name = ind->mn_name;
		st.sst_agency = an_lead(m, i);
		if (o->sen_place.pl_rank > 0 &&
		    app_place(s, o->sen_period.sp_year,
			o->sen_index + st.sst_points * per_point, NULL, &pl,
			d) == 0)
			st.sst_ranks = o->sen_place.pl_rank - pl.pl_rank;
		o->sen_steps = xreallocarray(
		    o->sen_steps, (size_t)o->sen_n + 1, sizeof(*o->sen_steps));
		o->sen_steps[o->sen_n++] = st;
	}
	qsort(o->sen_steps, (size_t)o->sen_n, sizeof(*o->sen_steps), sen_cmp);
	app_an_free(&an);
	return 0;
}

void
app_sensitivity_free(struct app_sensitivity *o)
{
	if (o == NULL)
		return;
	free(o->sen_steps);
	memset(o, 0, sizeof(*o));
}
