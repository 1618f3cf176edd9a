/* app_score.c: the scores of a period, from its values as they are now. */
#include "app/app_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The period's reference bounds into its round (app_bound_set). */
static int
score_bound_row(void *ctx, const struct st_bound *b)
{
	struct round *r = ctx;
	int i = method_indicator(r->r_m, b->sb_indicator);

	if (i >= 0)
		round_set_bounds(r, i, b->sb_lo, b->sb_hi);
	return 0;
}

int
app_score_period(struct store *s, const char *period, int drafts,
    struct app_scored *out, struct diag *d)
{
	const struct method *m = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = app_period(s, period, &out->sd_period, d)) != 0 ||
	    (rc = app_period_method(s, &out->sd_period, &m, d)) != 0 ||
	    (rc = app_round(
		 s, &out->sd_period, !drafts, m, &out->sd_round, d)) != 0)
		return rc;
	if (store_bound_each(
		s, out->sd_period.sp_id, score_bound_row, out->sd_round) < 0) {
		app_scored_free(out);
		return app_store_error(s, d);
	}
	out->sd_score = score_round(out->sd_round, NULL, NULL);
	return 0;
}

void
app_scored_free(struct app_scored *sd)
{
	if (sd == NULL)
		return;
	score_free(sd->sd_score);
	round_free(sd->sd_round);
	sd->sd_score = NULL;
	sd->sd_round = NULL;
}

/* Ranking. */

static int
rank_cmp(const void *a, const void *b)
{
	const struct app_rank *x = a, *y = b;

	if (isnan(x->rk_index) || isnan(y->rk_index))
		return isnan(x->rk_index) - isnan(y->rk_index);
	return x->rk_index < y->rk_index ? 1
	    : x->rk_index > y->rk_index  ? -1
					 : strcmp(x->rk_unit, y->rk_unit);
}

int
app_ranking(const struct app_scored *sd, struct app_rank **out, int *n)
{
	const struct score *sc = sd->sd_score;
	int col = score_col_of(sc, "INDEX"), u;
	struct app_rank *r;

	r = xcalloc((size_t)sc->sco_nunits + 1, sizeof(*r));
	for (u = 0; u < sc->sco_nunits; u++) {
		r[u].rk_unit = sd->sd_round->r_units[u];
		r[u].rk_index = col < 0 ? NAN : score_get(sc, u, col);
	}
	qsort(r, (size_t)sc->sco_nunits, sizeof(*r), rank_cmp);
	for (u = 0; u < sc->sco_nunits; u++)
		r[u].rk_rank = u > 0 && r[u].rk_index == r[u - 1].rk_index
		    ? r[u - 1].rk_rank
		    : u + 1;
	*out = r;
	*n = sc->sco_nunits;
	return 0;
}

/* Changing a period's methodology. */

/* The figures worth comparing: INDEX and the derived ones of either. */
static void
change_figs(struct app_method_change *c, const struct score *a,
    const struct score *b, const struct round *r)
{
	const struct method *ms[2] = { a->sco_m, b->sco_m };
	const char *codes[64];
	int nc = 0, k, i, u, j;

	codes[nc++] = "INDEX";
	for (k = 0; k < 2; k++)
		for (i = 0; i < ms[k]->m_nderived && nc < 64; i++) {
			const char *code = ms[k]->m_derived[i].md_code;

			for (j = 0; j < nc; j++)
				if (strcmp(codes[j], code) == 0)
					break;
			if (j == nc)
				codes[nc++] = code;
		}
	c->mch_figs =
	    xcalloc((size_t)r->r_nunits * (size_t)nc + 1, sizeof(*c->mch_figs));
	for (u = 0; u < r->r_nunits; u++)
		for (j = 0; j < nc; j++) {
			struct app_method_fig *f = &c->mch_figs[c->mch_nfigs++];
			int ca = score_col_of(a, codes[j]);
			int cb = score_col_of(b, codes[j]);
			int ub = -1, v;

			for (v = 0; v < b->sco_r->r_nunits; v++)
				if (strcmp(b->sco_r->r_units[v],
					r->r_units[u]) == 0)
					ub = v;
			snprintf(f->mf_unit, sizeof(f->mf_unit), "%s",
			    r->r_units[u]);
			snprintf(
			    f->mf_code, sizeof(f->mf_code), "%s", codes[j]);
			f->mf_before = ca < 0 ? NAN : score_get(a, u, ca);
			f->mf_after =
			    cb < 0 || ub < 0 ? NAN : score_get(b, ub, cb);
		}
}

/* The inputs that have values in the period but not in ${m}. */
struct kept_ctx {
	const struct method *kc_m;
	struct app_method_change *kc_c;
};

static int
kept_row(void *ctx, const struct st_value *v)
{
	struct kept_ctx *k = ctx;
	struct app_method_change *c = k->kc_c;
	int i;

	if (method_input(k->kc_m, v->sv_input, strlen(v->sv_input)) >= 0)
		return 0;
	for (i = 0; i < c->mch_nkept; i++)
		if (strcmp(c->mch_kept[i], v->sv_input) == 0)
			return 0;
	c->mch_kept = xreallocarray(
	    c->mch_kept, (size_t)c->mch_nkept + 1, sizeof(char *));
	c->mch_kept[c->mch_nkept++] = xstrdup(v->sv_input);
	return 0;
}

/* The approved values as a round of ${m}, those it cannot read listed. */
struct misfit_ctx {
	struct app_round_ctx mfc_rc;
	struct app_method_change *mfc_c;
};

static int
misfit_row(void *ctx, const struct st_value *v)
{
	struct misfit_ctx *k = ctx;
	struct app_method_change *c = k->mfc_c;
	int bad = k->mfc_rc.rr_bad, rc = app_round_row(&k->mfc_rc, v);
	char name[200];

	if (k->mfc_rc.rr_bad == bad)
		return rc;
	snprintf(name, sizeof(name), "%s/%s", v->sv_unit, v->sv_input);
	c->mch_misfit = xreallocarray(
	    c->mch_misfit, (size_t)c->mch_nmisfit + 1, sizeof(char *));
	c->mch_misfit[c->mch_nmisfit++] = xstrdup(name);
	return rc;
}

static int
misfit_round(struct store *s, const struct st_period *p, const struct method *m,
    struct app_method_change *c, struct round **out, struct diag *d)
{
	enum value_status approved = VALUE_APPROVED;
	struct misfit_ctx k;
	struct diag why;

	diag_init(&why);
	k.mfc_rc.rr_r = round_new(m);
	k.mfc_rc.rr_m = m;
	k.mfc_rc.rr_d = &why; /* said as mch_misfit */
	k.mfc_rc.rr_bad = 0;
	k.mfc_c = c;
	if (app_values(s, p, &approved, misfit_row, &k, d) != 0 ||
	    app_contrib_round(s, p, 1, m, k.mfc_rc.rr_r, d) != 0) {
		diag_free(&why);
		round_free(k.mfc_rc.rr_r);
		return -1;
	}
	diag_free(&why);
	*out = k.mfc_rc.rr_r;
	return 0;
}

static void
method_name(const struct method *m, char out[160])
{
	snprintf(out, 160, "%s %s", m->m_id, m->m_version ? m->m_version : "");
}

/* What the change does: both scored, the inputs each lacks. */
static int
change_preview(struct store *s, const struct st_period *p,
    const struct method *from, const struct method *to,
    struct app_method_change *c, struct diag *d)
{
	struct round *ra = NULL, *rb = NULL;
	struct score *sa, *sb;
	struct kept_ctx k = { to, c };
	int i;

	if (app_round(s, p, 1, from, &ra, d) != 0)
		return -1;
	if (misfit_round(s, p, to, c, &rb, d) != 0) {
		round_free(ra);
		return -1;
	}
	(void)store_bound_each(s, p->sp_id, score_bound_row, ra);
	(void)store_bound_each(s, p->sp_id, score_bound_row, rb);
	sa = score_round(ra, NULL, NULL);
	sb = score_round(rb, NULL, NULL);
	change_figs(c, sa, sb, ra);
	score_free(sa);
	score_free(sb);
	round_free(ra);
	round_free(rb);
	if (app_values(s, p, NULL, kept_row, &k, d) != 0)
		return -1;
	for (i = 0; i < to->m_ninputs; i++) {
		const char *name = to->m_inputs[i].mi_name;

		if (method_input(from, name, strlen(name)) >= 0)
			continue;
		c->mch_added = xreallocarray(
		    c->mch_added, (size_t)c->mch_nadded + 1, sizeof(char *));
		c->mch_added[c->mch_nadded++] = xstrdup(name);
	}
	return 0;
}

int
app_period_set_method(struct store *s, const struct app_actor *a,
    const char *period, long method, int confirm, struct app_method_change *c,
    struct diag *d)
{
	const struct method *from = NULL, *to = NULL;
	struct st_period now;

	memset(c, 0, sizeof(*c));
	if (app_check(s, a, APP_METHOD, NULL, d) != 0 ||
	    app_period(s, period, &c->mch_period, d) != 0)
		return -1;
	if (app_refuse_closed(&c->mch_period, d) != 0)
		return -1;
	c->mch_from = c->mch_period.sp_method;
	c->mch_to = method;
	if (method == c->mch_from) {
		diag_add(d, DIAG_ERROR, "period.method_same", NULL, 0, 0,
		    "kỳ %s đã chấm theo phương pháp #%ld",
		    "period %s is already scored with methodology #%ld", period,
		    method);
		return -1;
	}
	if (app_method(s, c->mch_from, &from, d) != 0 ||
	    app_method(s, method, &to, d) != 0)
		return -1;
	method_name(from, c->mch_from_name);
	method_name(to, c->mch_to_name);
	if (change_preview(s, &c->mch_period, from, to, c, d) != 0)
		return -1;
	if (!confirm)
		return 0;
	if (c->mch_nmisfit > 0) {
		diag_add(d, DIAG_ERROR, "period.method_values", NULL, 0, 0,
		    "%d giá trị đã duyệt không đọc được theo phương pháp #%ld "
		    "(dữ liệu cùng tên nhưng khác loại), ví dụ %s: không đổi",
		    "%d approved values cannot be read under methodology #%ld "
		    "(an input of the same name but another kind), e.g. %s: "
		    "nothing changed",
		    c->mch_nmisfit, method, c->mch_misfit[0]);
		return -1;
	}
	if (store_tx_begin(s) != 0)
		return app_store_error(s, d);
	/* as previewed: not closed nor changed by another writer meanwhile */
	if (store_period_get(s, period, &now) != 0)
		return app_abort(s, d);
	if (app_refuse_closed(&now, d) != 0 || now.sp_method != c->mch_from) {
		if (now.sp_method != c->mch_from)
			diag_add(d, DIAG_ERROR, "period.method_same", NULL, 0,
			    0,
			    "phương pháp của kỳ %s vừa được người khác đổi: xem "
			    "lại trước khi áp dụng",
			    "the methodology of period %s was just changed by "
			    "someone else: preview again before applying it",
			    period);
		store_tx_rollback(s);
		return -1;
	}
	if (store_period_set_method(s, period, method, a->ac_login) != 0 ||
	    store_tx_commit(s) != 0)
		return app_abort(s, d);
	c->mch_applied = 1;
	return 0;
}

void
app_method_change_free(struct app_method_change *c)
{
	int i;

	if (c == NULL)
		return;
	for (i = 0; i < c->mch_nkept; i++)
		free(c->mch_kept[i]);
	for (i = 0; i < c->mch_nadded; i++)
		free(c->mch_added[i]);
	for (i = 0; i < c->mch_nmisfit; i++)
		free(c->mch_misfit[i]);
	free(c->mch_misfit);
	free(c->mch_kept);
	free(c->mch_added);
	free(c->mch_figs);
	memset(c, 0, sizeof(*c));
}
