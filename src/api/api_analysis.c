/*
 * api_analysis.c: the analyses of a period (points lost, what-if, year on
 * year, sensitivity) and the recorded results, as JSON. The documents
 * are built here once: dti analysis/whatif/results --format json prints
 * the same.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "http/http.h"

/* A number, or null when unknown. */
static json_t *
jnum(double v)
{
	return isfinite(v) ? json_real(round(v * 1e6) / 1e6) : json_null();
}

static json_t *
jstr(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

static json_t *
loss_list(const struct app_loss *l, int n)
{
	json_t *a = json_array();
	int i;

	for (i = 0; i < n; i++) {
		json_t *o = json_pack("{s:o, s:o, s:o, s:o, s:o}", "code",
		    jstr(l[i].lo_code), "name", jstr(l[i].lo_name), "max",
		    jnum(l[i].lo_max), "score", jnum(l[i].lo_score), "lost",
		    jnum(l[i].lo_lost));

		if (l[i].lo_agency != NULL)
			json_object_set_new(
			    o, "agency", json_string(l[i].lo_agency));
		json_array_append_new(a, o);
	}
	return a;
}

json_t *
api_place_json(const struct app_place *pl)
{
	return json_pack("{s:i, s:o, s:o, s:i, s:i, s:o, s:o, s:o}", "year",
	    pl->pl_year, "rank",
	    pl->pl_rank ? json_integer(pl->pl_rank) : json_null(), "rank_worst",
	    pl->pl_rank ? json_integer(pl->pl_rank_worst) : json_null(), "of",
	    pl->pl_of, "known", pl->pl_known, "group",
	    pl->pl_group[0] ? json_string(pl->pl_group) : json_null(),
	    "kha_threshold", jnum(pl->pl_kha), "to_kha", jnum(pl->pl_to_kha));
}

json_t *
api_losses_json(const struct app_losses *o)
{
	json_t *wins = json_array();
	int i;

	for (i = 0; i < o->lss_nwins; i++) {
		const struct app_quick_win *w = &o->lss_wins[i];

		json_array_append_new(wins,
		    json_pack("{s:s, s:o, s:o, s:s, s:s, s:o, s:o, s:o}",
			"input", w->qw_name, "label", jstr(w->qw_label),
			"indicator", jstr(w->qw_indicator), "now", w->qw_now,
			"to", w->qw_to, "points", jnum(w->qw_points), "agency",
			jstr(w->qw_agency), "tasks", jstr(w->qw_tasks)));
	}
	return json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "period",
	    o->lss_period.sp_code, "total", jnum(o->lss_total), "max",
	    jnum(o->lss_max), "indicators", loss_list(o->lss_ind, o->lss_nind),
	    "groups", loss_list(o->lss_groups, o->lss_ngroups), "pillars",
	    loss_list(o->lss_pillars, o->lss_npillars), "agencies",
	    loss_list(o->lss_agencies, o->lss_nagencies), "quick_wins", wins);
}

json_t *
api_whatif_json(const struct app_whatif *w)
{
	json_t *cols = json_array();
	int i;

	for (i = 0; i < w->wi_ncols; i++)
		json_array_append_new(cols,
		    json_pack("{s:s, s:o, s:o, s:o}", "code",
			w->wi_cols[i].dl_code, "before",
			jnum(w->wi_cols[i].dl_before), "after",
			jnum(w->wi_cols[i].dl_after), "change",
			jnum(
			    w->wi_cols[i].dl_after - w->wi_cols[i].dl_before)));
	return json_pack("{s:s, s:i, s:o, s:o, s:o, s:o, s:o}", "period",
	    w->wi_period.sp_code, "changed", w->wi_nchanged, "index_before",
	    jnum(w->wi_index_before), "index_after", jnum(w->wi_index_after),
	    "place_before", api_place_json(&w->wi_place_before), "place_after",
	    api_place_json(&w->wi_place_after), "scores", cols);
}

json_t *
api_trend_json(const struct app_trend *t)
{
	json_t *a = json_array();
	int i;

	for (i = 0; i < t->tr_n; i++) {
		const struct app_trend_line *l = &t->tr_lines[i];

		json_array_append_new(a,
		    json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:i,"
			      " s:{s:s, s:s}}",
			"code", l->tl_code, "name", jstr(l->tl_name), "now",
			jnum(l->tl_now), "previous", jnum(l->tl_prev),
			"growth_percent", jnum(l->tl_growth), "rank",
			l->tl_rank ? json_integer(l->tl_rank) : json_null(),
			"previous_rank",
			l->tl_prev_rank ? json_integer(l->tl_prev_rank)
					: json_null(),
			"of", l->tl_of, "text", "vi", l->tl_text, "en",
			l->tl_text_en));
	}
	return json_pack("{s:i, s:i, s:o}", "year", t->tr_year, "previous_year",
	    t->tr_prev_year, "lines", a);
}

json_t *
api_sensitivity_json(const struct app_sensitivity *o)
{
	json_t *a = json_array();
	int i;

	for (i = 0; i < o->sen_n; i++) {
		const struct app_sens_step *st = &o->sen_steps[i];

		json_array_append_new(a,
		    json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o,"
			      " s:i}",
			"indicator", st->sst_indicator, "name",
			jstr(st->sst_name), "agency", jstr(st->sst_agency),
			"input", jstr(st->sst_input_name), "from",
			jnum(st->sst_from), "to", jnum(st->sst_to), "points",
			jnum(st->sst_points), "effort", jnum(st->sst_effort),
			"points_per_effort", jnum(st->sst_per_effort), "ranks",
			st->sst_ranks));
	}
	return json_pack("{s:s, s:o, s:o, s:o}", "period",
	    o->sen_period.sp_code, "index", jnum(o->sen_index), "place",
	    api_place_json(&o->sen_place), "steps", a);
}

json_t *
api_result_json(const struct app_result *r)
{
	static const char *const gk[APP_RESULT_NGROUPS] = { "I", "II", "III",
		"IV", "V", "VI", "VII", "VIII" };
	json_t *g = json_object();
	int k;

	for (k = 0; k < APP_RESULT_NGROUPS; k++) {
		if (isfinite(r->rsl_group[k]))
			json_object_set_new(g, gk[k], jnum(r->rsl_group[k]));
	}
	return json_pack(
	    "{s:i, s:s, s:o, s:o, s:{s:o, s:o, s:o}, s:{s:o, s:o, s:o},"
	    " s:o, s:s}",
	    "year", r->rsl_year, "province", r->rsl_province, "index",
	    jnum(r->rsl_index), "rank",
	    r->rsl_rank ? json_integer(r->rsl_rank) : json_null(), "pillars",
	    "CQS", jnum(r->rsl_pillar[0]), "KTS", jnum(r->rsl_pillar[1]), "XHS",
	    jnum(r->rsl_pillar[2]), "pillar_ranks", "CQS",
	    r->rsl_pillar_rank[0] ? json_integer(r->rsl_pillar_rank[0])
				  : json_null(),
	    "KTS",
	    r->rsl_pillar_rank[1] ? json_integer(r->rsl_pillar_rank[1])
				  : json_null(),
	    "XHS",
	    r->rsl_pillar_rank[2] ? json_integer(r->rsl_pillar_rank[2])
				  : json_null(),
	    "groups", g, "source", r->rsl_source);
}

/* ?drafts=1: score drafts and submitted values too. */
static int
api_drafts(struct api_req *ar)
{
	const char *v = http_query(ar->ar_rq, "drafts");

	return v != NULL && strcmp(v, "1") == 0;
}

void
api_losses(struct api_req *ar)
{
	struct st_period p;
	struct app_losses o;
	struct diag d;
	int rc;

	if (api_path_period(ar, &p) != 0)
		return;
	diag_init(&d);
	rc = app_losses(ar->ar_s, p.sp_code, api_drafts(ar), &o, &d);
	api_answer(ar, rc, &d, 200, rc == 0 ? api_losses_json(&o) : NULL);
	app_losses_free(&o);
}

void
api_trend(struct api_req *ar)
{
	struct st_period p;
	struct app_trend o;
	struct diag d;
	int rc;

	if (api_path_period(ar, &p) != 0)
		return;
	diag_init(&d);
	rc = app_trend(ar->ar_s, p.sp_code, api_drafts(ar), &o, &d);
	api_answer(ar, rc, &d, 200, rc == 0 ? api_trend_json(&o) : NULL);
	app_trend_free(&o);
}

void
api_sensitivity(struct api_req *ar)
{
	struct st_period p;
	struct app_sensitivity o;
	struct diag d;
	int rc;

	if (api_path_period(ar, &p) != 0)
		return;
	diag_init(&d);
	rc = app_sensitivity(ar->ar_s, p.sp_code, api_drafts(ar), &o, &d);
	api_answer(ar, rc, &d, 200, rc == 0 ? api_sensitivity_json(&o) : NULL);
	app_sensitivity_free(&o);
}

void
api_whatif(struct api_req *ar)
{
	static const char *const keys[] = { "values", "number_format",
		"targets_met", "include_drafts", NULL };
	struct app_whatif_value *vals = NULL;
	struct st_period p;
	struct app_whatif o;
	enum numfmt_style style = NUMFMT_STORED;
	const char *fmt, *key;
	json_t *body, *v, *jv;
	struct diag d;
	int bad = 0, n = 0, rc, flags = 0;

	if (api_path_period(ar, &p) != 0 || (body = api_body(ar, keys)) == NULL)
		return;
	fmt = api_str(ar, body, "number_format", 0, &bad);
	if (bad)
		goto out;
	if (fmt != NULL && numfmt_style_parse(fmt, &style) != 0) {
		api_error(ar, 400, "bad_field", "number_format",
		    "number_format phải là vi hoặc machine",
		    "number_format must be vi or machine");
		goto out;
	}
	if ((jv = json_object_get(body, "targets_met")) != NULL &&
	    json_is_true(jv))
		flags |= APP_WHATIF_TARGETS;
	v = json_object_get(body, "values");
	if (v != NULL && !json_is_object(v)) {
		api_error(ar, 400, "bad_field", "values",
		    "values phải là một đối tượng {\"tên\": \"giá trị\"}",
		    "values must be an object {\"name\": \"value\"}");
		goto out;
	}
	if (v != NULL && json_object_size(v) > METHOD_MAX_INPUTS) {
		api_error(ar, 400, "too_many", "values",
		    "tối đa %d giá trị giả định",
		    "at most %d hypothetical values", METHOD_MAX_INPUTS);
		goto out;
	}
	vals = xcalloc(json_object_size(v) + 1, sizeof(*vals));
	json_object_foreach(v, key, jv)
	{
		if (!json_is_string(jv)) {
			api_error(ar, 400, "bad_field", key,
			    "giá trị của '%s' phải là chuỗi",
			    "the value of '%s' must be a string", key);
			goto out;
		}
		vals[n].wv_input = key;
		vals[n++].wv_value = json_string_value(jv);
	}
	diag_init(&d);
	jv = json_object_get(body, "include_drafts");
	rc = app_whatif(ar->ar_s, p.sp_code, jv != NULL && json_is_true(jv),
	    vals, n, style, flags, &o, &d);
	api_answer(ar, rc, &d, 200, rc == 0 ? api_whatif_json(&o) : NULL);
	if (rc == 0)
		app_whatif_free(&o);
out:
	free(vals); /* the body is the request's (ar_body) */
}

static int
result_row(void *ctx, const struct app_result *r)
{
	json_array_append_new(ctx, api_result_json(r));
	return 0;
}

void
api_results(struct api_req *ar)
{
	const char *y = http_query(ar->ar_rq, "year");
	json_t *a = json_array();
	struct diag d;
	char *end = NULL;
	long year = 0;
	int rc;

	if (y != NULL) {
		year = strtol(y, &end, 10);
		if (*y == '\0' || *end != '\0' || year < 1990 || year > 2200) {
			json_decref(a);
			api_error(ar, 400, "bad_query", "year",
			    "year phải là một năm (1990..2200)",
			    "year must be a year (1990..2200)");
			return;
		}
	}
	diag_init(&d);
	rc = app_results(ar->ar_s, (int)year, result_row, a, &d);
	if (rc != 0)
		json_decref(a);
	api_answer(
	    ar, rc, &d, 200, rc == 0 ? json_pack("{s:o}", "results", a) : NULL);
}
