/*
 * app_whatif.c: hypothetical values scored beside the current ones, and
 * what the analyses share: a period scored with the province found.
 * Nothing here writes: the round is built in memory from stored values.
 */
#include "app/app_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int
app_an_load(struct store *s, const char *period, int drafts, struct app_an *an,
    struct diag *d)
{
	char code[80];
	int rc;

	memset(an, 0, sizeof(*an));
	an->an_unit = -1;
	if ((rc = app_score_period(s, period, drafts, &an->an_sd, d)) != 0) {
		app_scored_free(&an->an_sd);
		return rc;
	}
	an->an_m = an->an_sd.sd_round->r_m;
	if (store_meta_get(s, "province", code, sizeof(code)) == 0)
		an->an_unit = round_find(an->an_sd.sd_round, code);
	if (an->an_unit < 0 && an->an_sd.sd_round->r_nunits == 1)
		an->an_unit = 0;
	an->an_total = score_col_of(an->an_sd.sd_score, "TOTAL");
	an->an_index = score_col_of(an->an_sd.sd_score, "INDEX");
	if (an->an_unit < 0 || an->an_total < 0) {
		diag_add(d, DIAG_ERROR, "analysis.no_data", NULL, 0, 0,
		    "kỳ %s chưa có số liệu của tỉnh để phân tích",
		    "period %s has no values of the province to analyse",
		    period);
		app_an_free(an);
		return -1;
	}
	return 0;
}

void
app_an_free(struct app_an *an)
{
	app_scored_free(&an->an_sd);
}

double
app_an_try(struct app_an *an, int input, double v, int present)
{
	struct round *r = an->an_sd.sd_round;
	size_t at =
	    (size_t)an->an_unit * (size_t)an->an_m->m_ninputs + (size_t)input;
	double old = r->r_vals[at], total;
	unsigned char had = r->r_have[at];
	struct score *sc;

	r->r_vals[at] = v;
	r->r_have[at] = (unsigned char)(present != 0);
	sc = score_round(r, NULL, NULL);
	total = score_get(sc, an->an_unit, an->an_total);
	score_free(sc);
	r->r_vals[at] = old;
	r->r_have[at] = had;
	return total;
}

/* Parse and set one hypothetical value into the round. */
static int
whatif_set(struct app_an *an, const struct app_whatif_value *wv,
    enum numfmt_style style, struct diag *d)
{
	const struct method *m = an->an_m;
	int in = method_input(m, wv->wv_input, strlen(wv->wv_input));
	struct diag why;
	double x;

	if (in < 0) {
		diag_add(d, DIAG_ERROR, "whatif.input", NULL, 0, 0,
		    "không có dữ liệu đầu vào '%s' trong phương pháp %s",
		    "unknown input '%s' (not in methodology %s)", wv->wv_input,
		    m->m_id);
		return -1;
	}
	if (m->m_inputs[in].mi_kind == IK_TEXT) {
		diag_add(d, DIAG_ERROR, "whatif.text", NULL, 0, 0,
		    "%s là văn bản, không tính điểm",
		    "%s is text and scores nothing", wv->wv_input);
		return -1;
	}
	diag_init(&why);
	if (method_value_parse(&m->m_inputs[in], wv->wv_value,
		strlen(wv->wv_value), style, &x, &why) < 0) {
		diag_wrap(d, &why, "whatif.value", NULL, 0, 0,
		    "giá trị giả định %s = '%s' không hợp lệ",
		    "hypothetical value %s = '%s' is invalid", wv->wv_input,
		    wv->wv_value);
		diag_free(&why);
		return -1;
	}
	diag_free(&why);
	round_set(an->an_sd.sd_round, an->an_unit, in, x, 0);
	return 0;
}

/* The sum of the province's inputs named in ${list}, their first one. */
static double
whatif_sum(struct app_an *an, const char *list, int *first)
{
	const struct round *r = an->an_sd.sd_round;
	double sum = 0.0;
	const char *p = list, *e;

	*first = -1;
	while (p != NULL && *p != '\0') {
		int in;

		e = strchr(p, ',');
		in = method_input(an->an_m, p, e ? (size_t)(e - p) : strlen(p));
		if (in < 0)
			return NAN;
		if (*first < 0)
			*first = in;
		if (!round_has(r, an->an_unit, in))
			return NAN;
		sum += round_get(r, an->an_unit, in);
		p = e ? e + 1 : NULL;
	}
	return sum;
}

/* Meet target ${t}: raise its numerator's first input to reach it. */
static int
whatif_target(void *ctx, const struct st_target *t)
{
	struct app_an *an = ctx;
	double num, den = 1.0, need;
	int first, dfirst;

	if (t->sg_numerator == NULL || *t->sg_numerator == '\0' ||
	    isnan(t->sg_target))
		return 0;
	num = whatif_sum(an, t->sg_numerator, &first);
	if (first < 0 || isnan(num))
		return 0;
	if (t->sg_denominator != NULL && *t->sg_denominator != '\0') {
		den = whatif_sum(an, t->sg_denominator, &dfirst);
		if (isnan(den))
			return 0;
	}
	need = t->sg_target * den;
	if (an->an_m->m_inputs[first].mi_kind == IK_COUNT)
		need = ceil(need - 1e-9);
	if (num < need) {
		round_set(an->an_sd.sd_round, an->an_unit, first,
		    round_get(an->an_sd.sd_round, an->an_unit, first) +
			(need - num),
		    0);
	}
	return 0;
}

/* Add column ${col} to the what-if's list. */
static void
whatif_col(struct app_whatif *w, const struct score *before,
    const struct score *after, int unit, int col)
{
	struct app_delta *dl;

	w->wi_cols = xreallocarray(
	    w->wi_cols, (size_t)w->wi_ncols + 1, sizeof(*w->wi_cols));
	dl = &w->wi_cols[w->wi_ncols++];
	dl->dl_col = col;
	dl->dl_code = score_col_code(before, col);
	dl->dl_before = score_get(before, unit, col);
	dl->dl_after = score_get(after, unit, col);
}

int
app_whatif(struct store *s, const char *period, int drafts,
    const struct app_whatif_value *vals, int n, enum numfmt_style style,
    int flags, struct app_whatif *out, struct diag *d)
{
	struct app_an an;
	struct st_target_filter gf;
	struct score *after;
	const struct score *before;
	int i, col, rc, year;

	memset(out, 0, sizeof(*out));
	if (n < 0 || n > METHOD_MAX_INPUTS) {
		diag_add(d, DIAG_ERROR, "whatif.limit", NULL, 0, 0,
		    "tối đa %d giá trị giả định",
		    "at most %d hypothetical values", METHOD_MAX_INPUTS);
		return -1;
	}
	if ((rc = app_an_load(s, period, drafts, &an, d)) != 0)
		return rc;
	out->wi_period = an.an_sd.sd_period;
	for (i = 0; i < n; i++) {
		if (whatif_set(&an, &vals[i], style, d) != 0) {
			app_an_free(&an);
			return -1;
		}
	}
	out->wi_nchanged = n;
	/* the targets of the period's year: a later plan's are not met yet */
	memset(&gf, 0, sizeof(gf));
	gf.sgf_year = an.an_sd.sd_period.sp_year;
	if ((flags & APP_WHATIF_TARGETS) != 0 &&
	    store_target_each_in(s, &gf, whatif_target, &an) < 0) {
		app_an_free(&an);
		return app_store_error(s, d);
	}
	before = an.an_sd.sd_score;
	after = score_round(an.an_sd.sd_round, NULL, NULL);
	for (col = 0; col < before->sco_ncols; col++) {
		int idx;
		enum score_col_kind k = score_col(before, col, &idx);
		double b = score_get(before, an.an_unit, col),
		       a = score_get(after, an.an_unit, col);

		if (k != COL_INDICATOR || fabs(a - b) > 1e-9)
			whatif_col(out, before, after, an.an_unit, col);
	}
	out->wi_index_before = score_get(before, an.an_unit, an.an_index);
	out->wi_index_after = score_get(after, an.an_unit, an.an_index);
	score_free(after);
	year = out->wi_period.sp_year;
	app_an_free(&an);
	if (app_place(s, year, out->wi_index_before, NULL,
		&out->wi_place_before, d) != 0 ||
	    app_place(s, year, out->wi_index_after, NULL, &out->wi_place_after,
		d) != 0) {
		app_whatif_free(out);
		return -1;
	}
	return 0;
}

void
app_whatif_free(struct app_whatif *w)
{
	if (w == NULL)
		return;
	free(w->wi_cols);
	w->wi_cols = NULL;
	w->wi_ncols = 0;
}
