/*
 * api_period.c: periods, values, the review workflow, completeness,
 * scores and explanations, export and import.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api/api.h"
#include "io/score_write.h"
#include "util/date.h"
#include "util/utf8.h"

static json_t *
period_json(const struct st_period *p)
{
	long today = date_today(), due = 0;

	date_parse(p->sp_agency_due, &due);
	return json_pack("{s:s, s:s, s:i, s:i, s:I, s:s, s:s, s:s, s:s, s:I}",
	    "code", p->sp_code, "kind", p->sp_kind, "year", p->sp_year,
	    "quarter", p->sp_quarter, "methodology", (json_int_t)p->sp_method,
	    "agency_due", p->sp_agency_due, "sotttt_due", p->sp_sotttt_due,
	    "status", period_status_name(p->sp_status), "label", p->sp_label,
	    "days_to_agency_due", (json_int_t)(due - today));
}

static int
period_row(void *ctx, const struct st_period *p)
{
	json_array_append_new(ctx, period_json(p));
	return 0;
}

void
api_periods(struct api_req *ar)
{
	json_t *list = json_array();
	struct diag d;

	diag_init(&d);
	if (app_periods(ar->ar_s, period_row, list, &d) != 0) {
		json_decref(list);
		api_diag_flat(ar, &d);
		diag_free(&d);
		return;
	}
	diag_free(&d);
	api_json(ar, 200, json_pack("{s:o}", "periods", list));
}

int
api_path_period(struct api_req *ar, struct st_period *p)
{
	struct diag d;
	int rc;

	diag_init(&d);
	if ((rc = app_period(ar->ar_s, api_param(ar, 0), p, &d)) != 0)
		api_diag_flat(ar, &d);
	diag_free(&d);
	return rc != 0 ? -1 : 0;
}

/* The methodology of ${p}; answers and returns NULL when it fails. */
static const struct method *
period_method(struct api_req *ar, const struct st_period *p)
{
	const struct method *m = NULL;
	struct diag d;

	diag_init(&d);
	if (app_period_method(ar->ar_s, p, &m, &d) != 0) {
		m = NULL;
		api_diag_flat(ar, &d);
	}
	diag_free(&d);
	return m;
}

static int
period_unit_row(void *ctx, const struct st_unit *u)
{
	json_array_append_new(ctx, json_string(u->su_code));
	return 0;
}

void
api_period_get(struct api_req *ar)
{
	struct st_period p;
	struct diag d;
	json_t *j, *units;

	if (api_path_period(ar, &p) != 0)
		return;
	/* the units it scores: [] for the province as before */
	units = json_array();
	diag_init(&d);
	if (app_period_units(ar->ar_s, &p, period_unit_row, units, &d) != 0) {
		json_decref(units);
		api_diag_flat(ar, &d);
		diag_free(&d);
		return;
	}
	diag_free(&d);
	j = period_json(&p);
	json_object_set_new(j, "units", units);
	api_json(ar, 200, j);
}

/* A JSON array of unit codes as "a,b" (or -1 when it is not one). */
static int
units_text(json_t *v, struct buf *b)
{
	size_t i;
	json_t *u;

	if (!json_is_array(v) || json_array_size(v) == 0)
		return -1;
	json_array_foreach(v, i, u)
	{
		if (!json_is_string(u) || json_string_length(u) == 0 ||
		    strchr(json_string_value(u), ',') != NULL)
			return -1;
		buf_printf(b, "%s%s", i > 0 ? "," : "", json_string_value(u));
	}
	return 0;
}

/* A positive integer id member ${key} of ${j} (0: absent), or -1. */
static long
json_id(json_t *j, const char *key)
{
	json_t *v = json_object_get(j, key);

	if (v == NULL || json_is_null(v))
		return 0;
	if (!json_is_integer(v) || json_integer_value(v) <= 0 ||
	    json_integer_value(v) > 1000000000)
		return -1;
	return (long)json_integer_value(v);
}

void
api_answer(struct api_req *ar, int rc, struct diag *d, int status, json_t *ok)
{
	if (rc != 0) {
		api_diag(ar, d);
		json_decref(ok);
	} else {
		api_json(ar, status, ok);
	}
	diag_free(d);
}

void
api_period_open(struct api_req *ar)
{
	static const char *const keys[] = { "code", "agency_due", "sotttt_due",
		"methodology", "units", "level", NULL };
	struct app_period_spec sp;
	struct st_period p;
	struct diag d;
	struct buf units;
	json_t *j, *ju;
	int bad = 0, rc;

	if (!api_allow(ar, APP_PERIOD, NULL) ||
	    (j = api_body(ar, keys)) == NULL)
		return;
	memset(&sp, 0, sizeof(sp));
	sp.aps_code = api_str(ar, j, "code", 1, &bad);
	sp.aps_agency_due = bad ? NULL : api_str(ar, j, "agency_due", 0, &bad);
	sp.aps_sotttt_due = bad ? NULL : api_str(ar, j, "sotttt_due", 0, &bad);
	sp.aps_level = bad ? NULL : api_str(ar, j, "level", 0, &bad);
	if (bad)
		return;
	if ((sp.aps_method = json_id(j, "methodology")) < 0) {
		api_error(ar, 400, "bad_field", "methodology",
		    "'methodology' phải là mã số của một phương pháp",
		    "'methodology' must be a methodology id");
		return;
	}
	buf_init(&units);
	ju = json_object_get(j, "units");
	if (ju != NULL && units_text(ju, &units) != 0) {
		buf_free(&units);
		api_error(ar, 400, "bad_field", "units",
		    "'units' phải là danh sách mã đơn vị",
		    "'units' must be a list of unit codes");
		return;
	}
	sp.aps_units = ju != NULL ? buf_cstr(&units) : NULL;
	diag_init(&d);
	rc = app_period_open(ar->ar_s, api_actor(ar), &sp, &p, &d);
	buf_free(&units);
	api_answer(ar, rc, &d, 201, rc == 0 ? period_json(&p) : NULL);
}

/* The figures of a change of methodology, as JSON. */
static json_t *
change_json(const struct app_method_change *c)
{
	json_t *figs = json_array(), *kept = json_array(),
	       *added = json_array(), *misfit = json_array();
	int i;

	for (i = 0; i < c->mch_nfigs; i++) {
		const struct app_method_fig *f = &c->mch_figs[i];

		json_array_append_new(figs,
		    json_pack("{s:s, s:s, s:o, s:o}", "unit", f->mf_unit,
			"code", f->mf_code, "before",
			f->mf_before == f->mf_before ? json_real(f->mf_before)
						     : json_null(),
			"after",
			f->mf_after == f->mf_after ? json_real(f->mf_after)
						   : json_null()));
	}
	for (i = 0; i < c->mch_nkept; i++)
		json_array_append_new(kept, json_string(c->mch_kept[i]));
	for (i = 0; i < c->mch_nadded; i++)
		json_array_append_new(added, json_string(c->mch_added[i]));
	for (i = 0; i < c->mch_nmisfit; i++)
		json_array_append_new(misfit, json_string(c->mch_misfit[i]));
	return json_pack("{s:s, s:{s:I, s:s}, s:{s:I, s:s}, s:b, s:o, s:o, "
			 "s:o, s:o}",
	    "period", c->mch_period.sp_code, "from", "id",
	    (json_int_t)c->mch_from, "name", c->mch_from_name, "to", "id",
	    (json_int_t)c->mch_to, "name", c->mch_to_name, "applied",
	    c->mch_applied, "figures", figs, "inputs_kept", kept,
	    "inputs_added", added, "values_misfit", misfit);
}

void
api_period_method(struct api_req *ar)
{
	static const char *const keys[] = { "methodology", "confirm", NULL };
	struct app_method_change c;
	struct diag d;
	json_t *j, *jc;
	long id;
	int rc;

	if (!api_allow(ar, APP_METHOD, NULL) ||
	    (j = api_body(ar, keys)) == NULL)
		return;
	if ((id = json_id(j, "methodology")) <= 0) {
		api_error(ar, 400, "bad_field", "methodology",
		    "cần 'methodology': mã số của một phương pháp",
		    "'methodology' is required: a methodology id");
		return;
	}
	jc = json_object_get(j, "confirm");
	if (jc != NULL && !json_is_boolean(jc)) {
		api_error(ar, 400, "bad_field", "confirm",
		    "'confirm' phải là true hoặc false",
		    "'confirm' must be true or false");
		return;
	}
	diag_init(&d);
	/* without confirm: 200 with the preview and "applied": false */
	rc = app_period_set_method(ar->ar_s, api_actor(ar), api_param(ar, 0),
	    id, jc != NULL && json_is_true(jc), &c, &d);
	api_answer(ar, rc, &d, 200, rc == 0 ? change_json(&c) : NULL);
	app_method_change_free(&c);
}

static void
period_status(struct api_req *ar, enum period_status st)
{
	static const char *const keys[] = { "reason", NULL };
	const char *reason = NULL;
	struct diag d;
	json_t *j;
	int bad = 0, rc;

	if (!api_allow(ar, APP_PERIOD, NULL))
		return;
	if (ar->ar_rq->rq_body.b_len > 0) {
		if ((j = api_body(ar, keys)) == NULL)
			return;
		reason = api_str(ar, j, "reason", 0, &bad);
		if (bad)
			return;
	}
	if (st == PERIOD_OPEN && (reason == NULL || *reason == '\0')) {
		api_error(ar, 400, "missing_field", "reason",
		    "mở lại kỳ cần có lý do", "reopening needs a reason");
		return;
	}
	diag_init(&d);
	rc = app_period_set_status(
	    ar->ar_s, api_actor(ar), api_param(ar, 0), st, reason, &d);
	api_answer(ar, rc, &d, 200,
	    json_pack("{s:s, s:s}", "code", api_param(ar, 0), "status",
		period_status_name(st)));
}

void
api_period_close(struct api_req *ar)
{
	period_status(ar, PERIOD_CLOSED);
}

void
api_period_reopen(struct api_req *ar)
{
	period_status(ar, PERIOD_OPEN);
}

struct values_ctx {
	json_t *vc_list;
	const char *vc_unit;
	const struct app_actor *vc_actor;
};

static int
value_row(void *vctx, const struct st_value *v)
{
	struct values_ctx *c = vctx;

	if (c->vc_unit != NULL && strcmp(c->vc_unit, v->sv_unit) != 0)
		return 0;
	/* another member's part is not an officer's to read */
	if (!app_may_see_part(c->vc_actor, v->sv_part))
		return 0;
	json_array_append_new(c->vc_list,
	    json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:s, s:b}",
		"unit", v->sv_unit, "input", v->sv_input, "value", v->sv_raw,
		"status", value_status_name(v->sv_status), "entered_by",
		v->sv_by, "entered_at", v->sv_at, "comment", v->sv_comment,
		"warnings", api_warnings_stored(v->sv_warnings), "part",
		v->sv_part, "computed", 0));
	return 0;
}

/* A contributed input's aggregate, with the parts the caller may see. */
static int
aggregate_row(void *vctx, const struct app_aggregate *g)
{
	struct values_ctx *c = vctx;
	json_t *parts = json_array(), *missing = json_array(), *o;
	int i;

	for (i = 0; i < g->agr_nshown; i++) {
		const struct app_part *pt = &g->agr_parts[i];

		json_array_append_new(parts,
		    json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "agency",
			pt->apt_agency, "value", pt->apt_raw, "status",
			value_status_name(pt->apt_status), "comment",
			pt->apt_comment, "entered_by", pt->apt_by, "entered_at",
			pt->apt_at));
	}
	for (i = 0; i < g->agr_nmissing; i++)
		json_array_append_new(missing, json_string(g->agr_missing[i]));
	o = json_pack("{s:s, s:s, s:s, s:b, s:s, s:b, s:s, s:i, s:i, s:o, "
		      "s:o}",
	    "unit", g->agr_unit, "input", g->agr_input, "part", "", "computed",
	    1, "aggregate", g->agr_how, "complete", g->agr_complete, "status",
	    value_status_name(g->agr_status), "members", g->agr_nmembers,
	    "answered", g->agr_nparts, "parts", parts, "missing", missing);
	json_object_set_new(o, "value",
	    g->agr_complete ? json_string(g->agr_value) : json_null());
	json_array_append_new(c->vc_list, o);
	return 0;
}

void
api_values(struct api_req *ar)
{
	struct values_ctx c;
	struct st_period p;
	const char *status = http_query(ar->ar_rq, "status");
	const char *missing = http_query(ar->ar_rq, "missing_evidence");
	enum value_status st;
	struct diag d;

	if (api_path_period(ar, &p) != 0)
		return;
	/* the review list: approved values that lack required evidence */
	if (missing != NULL && strcmp(missing, "0") != 0) {
		if (strcmp(missing, "1") != 0 || status != NULL) {
			api_error(ar, 400, "bad_query", "missing_evidence",
			    "missing_evidence phải là 0 hoặc 1, không kèm status",
			    "missing_evidence must be 0 or 1, without status");
			return;
		}
		api_review_list(ar, &p, http_query(ar->ar_rq, "agency"),
		    http_query(ar->ar_rq, "unit"), APP_REVIEW_NO_EVIDENCE);
		return;
	}
	if (status != NULL && value_status_parse(status, &st) != 0) {
		api_error(ar, 400, "bad_query", "status",
		    "trạng thái '%s' không hợp lệ (draft, submitted, returned, approved)",
		    "bad status '%s' (draft, submitted, returned, approved)",
		    status);
		return;
	}
	c.vc_list = json_array();
	c.vc_unit = http_query(ar->ar_rq, "unit");
	c.vc_actor = api_actor(ar);
	diag_init(&d);
	/* the values, then the aggregates of parts (computed: no status) */
	if (app_values(ar->ar_s, &p, status != NULL ? &st : NULL, value_row, &c,
		&d) != 0 ||
	    (status == NULL &&
		app_aggregates(ar->ar_s, c.vc_actor, &p, c.vc_unit,
		    aggregate_row, &c, &d) != 0)) {
		json_decref(c.vc_list);
		api_diag_flat(ar, &d);
		diag_free(&d);
		return;
	}
	diag_free(&d);
	api_json(ar, 200,
	    json_pack("{s:s, s:o}", "period", p.sp_code, "values", c.vc_list));
}

int
api_may_write_input(
    struct api_req *ar, const struct st_period *p, const char *input)
{
	const struct method *m = period_method(ar, p);
	int in;

	if (m == NULL)
		return 0;
	in = method_input(m, input, strlen(input));
	if (in < 0) {
		api_error(ar, 404, "unknown_input", "input",
		    "không có dữ liệu đầu vào '%s' trong phương pháp %s",
		    "no input '%s' in methodology %s", input, m->m_id);
		return 0;
	}
	/* a member's part: its collective need not lead it (app_may_part) */
	if (method_contribution(m, in) != NULL &&
	    api_actor(ar)->ac_role != ROLE_VIEWER)
		return 1;
	return api_allow(ar, APP_VALUE_WRITE, app_owner(m, in));
}

void
api_value_put(struct api_req *ar)
{
	static const char *const keys[] = { "value", "reason", "number_format",
		"part", NULL };
	const char *value, *reason, *nf, *part;
	enum numfmt_style st = NUMFMT_MACHINE;
	struct st_period p;
	struct buf stored;
	struct diag d;
	char written[APP_MAX_PART] = "";
	json_t *j;
	int bad = 0, rc;

	if (api_path_period(ar, &p) != 0 ||
	    !api_may_write_input(ar, &p, api_param(ar, 2)) ||
	    (j = api_body(ar, keys)) == NULL)
		return;
	value = api_str(ar, j, "value", 1, &bad);
	reason = bad ? NULL : api_str(ar, j, "reason", 0, &bad);
	nf = bad ? NULL : api_str(ar, j, "number_format", 0, &bad);
	part = bad ? NULL : api_str(ar, j, "part", 0, &bad);
	if (bad)
		return;
	if (nf != NULL && numfmt_style_parse(nf, &st) != 0) {
		api_error(ar, 400, "bad_field", "number_format",
		    "number_format phải là machine hoặc vi",
		    "number_format must be machine or vi");
		return;
	}
	diag_init(&d);
	buf_init(&stored);
	rc = app_value_put_part(ar->ar_s, api_actor(ar), p.sp_code,
	    api_param(ar, 1), api_param(ar, 2), part, value, st, NULL, reason,
	    &stored, written, &d);
	/* the value as stored: a number in the machine format; its part;
	 * its plausibility warnings, which do not block */
	api_answer(ar, rc, &d, 200,
	    json_pack("{s:s, s:s, s:s, s:s, s:o, s:s}", "unit",
		api_param(ar, 1), "input", api_param(ar, 2), "value",
		rc == 0 ? buf_cstr(&stored) : value, "status",
		value_status_name(VALUE_DRAFT), "warnings", api_warnings(&d),
		"part", written));
	buf_free(&stored);
}

#define DONE_KEY "done" /* layering-ok: a key of the answer */
#define API_MAX_COMMENTS 1000 /* per-input comments of one return */

/*
 * The "comments" member of a return: {"1.1": "text", ...} into a
 * malloc'd array (the caller frees it; the strings are the body's);
 * answers 400 and returns -1 when it is not such an object.
 */
static int
review_comments(struct api_req *ar, json_t *j, struct app_comment **out, int *n)
{
	json_t *o = json_object_get(j, "comments"), *v;
	const char *key;

	*out = NULL;
	*n = 0;
	if (o == NULL || json_is_null(o))
		return 0;
	if (!json_is_object(o) || json_object_size(o) > API_MAX_COMMENTS) {
		api_error(ar, 400, "bad_field", "comments",
		    "'comments' phải là đối tượng {\"mã dữ liệu\": \"nhận xét\"} (tối đa %d mục)",
		    "'comments' must be an object {\"input\": \"comment\"} (at most %d entries)",
		    API_MAX_COMMENTS);
		return -1;
	}
	*out = xcalloc(json_object_size(o) + 1, sizeof(**out));
	json_object_foreach(o, key, v)
	{
		if (!json_is_string(v)) {
			free(*out);
			*out = NULL;
			api_error(ar, 400, "bad_field", "comments",
			    "nhận xét cho '%s' phải là chuỗi",
			    "the comment for '%s' must be a string", key);
			return -1;
		}
		(*out)[*n].acm_input = key;
		(*out)[(*n)++].acm_text = json_string_value(v);
	}
	return 0;
}

/* submit, approve, return, reopen */
static void
review(struct api_req *ar, const char *what)
{
	static const char *const keys[] = { "agency", "inputs", "unit",
		"comment", "comments", "reason", NULL };
	const char *agency, *inputs, *unit, *comment, *reason;
	struct app_comment *comments = NULL;
	struct st_period p;
	struct diag d;
	json_t *j;
	int bad = 0, rc, ncomments = 0;

	if (api_path_period(ar, &p) != 0 || (j = api_body(ar, keys)) == NULL)
		return;
	agency = api_str(ar, j, "agency", 0, &bad);
	inputs = bad ? NULL : api_str(ar, j, "inputs", 0, &bad);
	unit = bad ? NULL : api_str(ar, j, "unit", 0, &bad);
	comment = bad ? NULL : api_str(ar, j, "comment", 0, &bad);
	reason = bad ? NULL : api_str(ar, j, "reason", 0, &bad);
	if (bad || review_comments(ar, j, &comments, &ncomments) != 0)
		return;
	if (ncomments > 0 && strcmp(what, "return") != 0) {
		free(comments);
		api_error(ar, 400, "unknown_field", "comments",
		    "chỉ khi trả lại mới có nhận xét cho từng dữ liệu",
		    "per-input comments are for a return only");
		return;
	}
	diag_init(&d);
	if (strcmp(what, "submit") == 0) {
		if (agency == NULL) {
			diag_free(&d);
			api_error(ar, 400, "missing_field", "agency",
			    "thiếu trường '%s'", "missing field '%s'",
			    "agency");
			return;
		}
		if (!api_allow(ar, APP_SUBMIT, agency)) {
			diag_free(&d);
			return;
		}
		rc = app_values_submit(ar->ar_s, api_actor(ar), p.sp_code, unit,
		    agency, inputs, &d);
	} else if (strcmp(what, "reopen") == 0) {
		if (!api_allow(ar, APP_REOPEN, NULL)) {
			diag_free(&d);
			return;
		}
		rc = app_values_reopen(ar->ar_s, api_actor(ar), p.sp_code, unit,
		    agency, inputs, reason, &d);
	} else {
		if (!api_allow(ar, APP_REVIEW, NULL)) {
			free(comments);
			diag_free(&d);
			return;
		}
		rc = strcmp(what, "approve") == 0
		    ? app_values_approve(ar->ar_s, api_actor(ar), p.sp_code,
			  unit, agency, inputs, &d)
		    : app_values_return_each(ar->ar_s, api_actor(ar), p.sp_code,
			  unit, agency, inputs, comment, comments, ncomments,
			  &d);
	}
	free(comments);
	/* the answer's key "done" names the step taken, it is no state */
	api_answer(ar, rc, &d, 200,
	    json_pack("{s:s, s:s}", "period", p.sp_code, DONE_KEY, what));
}

void
api_submit(struct api_req *ar)
{
	review(ar, "submit");
}

void
api_approve(struct api_req *ar)
{
	review(ar, "approve");
}

void
api_return(struct api_req *ar)
{
	review(ar, "return");
}

void
api_reopen(struct api_req *ar)
{
	review(ar, "reopen");
}

/* The returned values of a status, each under its agency's entry. */
struct status_returns {
	const struct method *srt_m;
	json_t *srt_by_agency; /* {"agency": [{"input", "comment"}, ...]} */
	const struct app_actor *srt_actor;
};

static int
status_return_row(void *ctx, const struct st_value *v)
{
	struct status_returns *c = ctx;
	/* a returned part is its member's, and only its own reads it */
	const char *owner = v->sv_part[0] != '\0'
	    ? v->sv_part
	    : app_input_owner(c->srt_m, v->sv_input);
	json_t *list;

	if (owner == NULL || !app_may_see_part(c->srt_actor, v->sv_part))
		return 0;
	if ((list = json_object_get(c->srt_by_agency, owner)) == NULL) {
		list = json_array();
		json_object_set_new(c->srt_by_agency, owner, list);
	}
	json_array_append_new(list,
	    json_pack("{s:s, s:s, s:s}", "input", v->sv_input, "value",
		v->sv_raw, "comment", v->sv_comment));
	return 0;
}

/* A time of the status: ISO 8601 UTC, or null when there is none. */
static json_t *
status_time(const char *t)
{
	return t[0] != '\0' ? json_string(t) : json_null();
}

void
api_status(struct api_req *ar)
{
	enum value_status returned = VALUE_RETURNED;
	struct app_agency_status *st = NULL;
	struct status_returns sr;
	const struct method *m;
	const char *unit = http_query(ar->ar_rq, "unit");
	struct st_period p;
	struct diag d;
	json_t *list;
	long today = date_today();
	int n = 0, i;

	if (api_path_period(ar, &p) != 0 || (m = period_method(ar, &p)) == NULL)
		return;
	diag_init(&d);
	sr.srt_m = m;
	sr.srt_by_agency = json_object();
	sr.srt_actor = api_actor(ar);
	if (app_status(ar->ar_s, &p, unit, m, today, &st, &n, &d) != 0 ||
	    app_unit_values(ar->ar_s, &p, unit, &returned, status_return_row,
		&sr, &d) != 0) {
		free(st);
		json_decref(sr.srt_by_agency);
		api_diag(ar, &d);
		diag_free(&d);
		return;
	}
	diag_free(&d);
	list = json_array();
	for (i = 0; i < n; i++) {
		const struct app_agency_status *a = &st[i];
		json_t *rv = json_object_get(sr.srt_by_agency, a->ag_agency);
		json_t *e = json_pack(
		    "{s:s, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:b, s:b}",
		    "agency", a->ag_agency, "inputs", a->ag_owned, "filled",
		    a->ag_owned - a->ag_missing, "missing", a->ag_missing,
		    value_status_name(VALUE_DRAFT), a->ag_draft,
		    value_status_name(VALUE_SUBMITTED), a->ag_submitted,
		    value_status_name(VALUE_RETURNED), a->ag_returned,
		    value_status_name(VALUE_APPROVED), a->ag_approved,
		    "complete", a->ag_missing == 0, "overdue",
		    app_agency_overdue(&p, a, today));

		json_object_set_new(
		    e, "submitted_first", status_time(a->ag_submitted_first));
		json_object_set_new(
		    e, "submitted_last", status_time(a->ag_submitted_last));
		json_object_set_new(
		    e, "approved_at", status_time(a->ag_approved_at));
		json_object_set_new(e, "on_time", json_boolean(a->ag_on_time));
		json_object_set_new(e, "late", json_boolean(a->ag_late));
		if (rv != NULL)
			json_object_set(e, "returned_values", rv);
		else
			json_object_set_new(e, "returned_values", json_array());
		json_array_append_new(list, e);
	}
	free(st);
	json_decref(sr.srt_by_agency);
	api_json(ar, 200,
	    json_pack(
		"{s:o, s:o}", "period", period_json(&p), "agencies", list));
}

void
api_scores(struct api_req *ar)
{
	const char *drafts = http_query(ar->ar_rq, "drafts");
	const char *explain = http_query(ar->ar_rq, "explain");
	struct score_write_opts wo;
	struct app_scored sd;
	struct st_period p;
	struct diag d;
	char *text = NULL, key[96];
	size_t len = 0;
	long version;
	FILE *f;
	int use_drafts = drafts != NULL && strcmp(drafts, "1") == 0;
	int use_explain = explain != NULL && strcmp(explain, "1") == 0;

	/* the same data version gives the same scores: serve them again */
	snprintf(key, sizeof(key), "scores/%.32s/%d/%d", api_param(ar, 0),
	    use_drafts, use_explain);
	diag_init(&d);
	if (app_data_version(ar->ar_s, &version, &d) != 0) {
		api_diag_flat(ar, &d);
		diag_free(&d);
		return;
	}
	if (api_cached(ar, key, version) || api_path_period(ar, &p) != 0 ||
	    period_method(ar, &p) == NULL) {
		diag_free(&d);
		return;
	}
	/* computed from the data as it is now: never stale */
	if (app_score_period(ar->ar_s, p.sp_code, use_drafts, &sd, &d) != 0) {
		api_diag(ar, &d);
		diag_free(&d);
		return;
	}
	diag_free(&d);
	memset(&wo, 0, sizeof(wo));
	wo.sw_format = FMT_JSON;
	wo.sw_explain = use_explain;
	wo.sw_label = p.sp_label[0] ? p.sp_label : NULL;
	f = open_memstream(&text, &len);
	if (f == NULL || score_write(f, sd.sd_score, &wo) != 0) {
		if (f != NULL)
			fclose(f);
		free(text);
		app_scored_free(&sd);
		api_error(ar, 500, "internal", NULL, "không ghi được kết quả",
		    "cannot write the result");
		return;
	}
	fclose(f);
	ar->ar_rs->rs_status = 200;
	ar->ar_rs->rs_type = "application/json; charset=utf-8";
	buf_append(&ar->ar_rs->rs_body, text, len);
	api_cache_put(ar, key, version);
	free(text);
	app_scored_free(&sd);
}

void
api_export(struct api_req *ar)
{
	const char *parts = http_query(ar->ar_rq, "parts");
	struct st_period p;
	struct diag d;
	char *text = NULL, cd[128];
	size_t len = 0;
	FILE *f;
	int rc, want_parts = parts != NULL && strcmp(parts, "1") == 0;

	if (parts != NULL && !want_parts && strcmp(parts, "0") != 0) {
		api_error(ar, 400, "bad_query", "parts",
		    "parts phải là 0 hoặc 1", "parts must be 0 or 1");
		return;
	}
	if (api_path_period(ar, &p) != 0)
		return;
	f = open_memstream(&text, &len);
	if (f == NULL) {
		api_error(
		    ar, 500, "internal", NULL, "hết bộ nhớ", "out of memory");
		return;
	}
	diag_init(&d);
	/* parts=1: the parts of contributed inputs, the CLI's --parts file */
	rc = want_parts
	    ? app_export_parts(ar->ar_s, api_actor(ar), p.sp_code, f, &d)
	    : app_export(ar->ar_s, p.sp_code, f, &d);
	fclose(f);
	if (rc != 0) {
		free(text);
		api_diag(ar, &d);
		diag_free(&d);
		return;
	}
	diag_free(&d);
	snprintf(cd, sizeof(cd), "attachment; filename=\"dti-%s%s.csv\"",
	    p.sp_code, want_parts ? "-parts" : "");
	http_set_header(ar->ar_rs, "Content-Disposition", cd);
	ar->ar_rs->rs_status = 200;
	ar->ar_rs->rs_type = "text/csv; charset=utf-8";
	buf_append(&ar->ar_rs->rs_body, text, len);
	free(text);
}

/* The media type of an XLSX workbook. */
#define XLSX_TYPE \
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

/* code_ok(s): ${s} is a code of letters, digits, '-' and '_'. */
static int
code_ok(const char *s)
{
	size_t n = strspn(s,
	    "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_");

	return n > 0 && s[n] == '\0';
}

/* The skipped values of an import (its "import.skipped" warnings). */
static json_t *
skipped_json(const struct diag *d)
{
	json_t *list = json_array();
	size_t i;

	for (i = 0; i < d->d_n; i++) {
		const struct diag_item *it = &d->d_items[i];

		if (strcmp(it->di_code, "import.skipped") != 0)
			continue;
		json_array_append_new(list,
		    json_pack("{s:I, s:{s:s, s:s}}", "line",
			(json_int_t)it->di_line, "message", "vi", it->di_vi,
			"en", it->di_en));
	}
	return list;
}

/* A query flag: 0 when absent; -1 (answered 400) when not 0 or 1. */
static int
query_flag(struct api_req *ar, const char *name)
{
	const char *v = http_query(ar->ar_rq, name);

	if (v == NULL || strcmp(v, "0") == 0)
		return 0;
	if (strcmp(v, "1") == 0)
		return 1;
	api_error(ar, 400, "bad_query", name, "%s phải là 0 hoặc 1",
	    "%s must be 0 or 1", name);
	return -1;
}

void
api_import(struct api_req *ar)
{
	const char *status = http_query(ar->ar_rq, "status");
	const char *nf = http_query(ar->ar_rq, "number_format");
	const char *ct = http_header(ar->ar_rq, "Content-Type");
	const struct app_actor *a = api_actor(ar);
	enum value_status st = VALUE_DRAFT;
	enum numfmt_style style = NUMFMT_MACHINE;
	struct st_period p;
	struct diag d;
	long count = 0;
	FILE *f;
	int rc, add, skip, csv, cons;

	/* coordinators import files; an officer its agency's work sheet */
	if (!ar->ar_authed ||
	    !(app_may(ar->ar_s, a, APP_PERIOD, NULL) ||
		app_may(ar->ar_s, a, APP_VALUE_WRITE, a->ac_agency))) {
		api_forbidden(ar);
		return;
	}
	if (api_path_period(ar, &p) != 0)
		return;
	csv = ct != NULL && strncmp(ct, "text/csv", 8) == 0;
	/* the content says which it is; the type only has to be one */
	if (!csv &&
	    (ct == NULL ||
		(strncmp(ct, XLSX_TYPE, strlen(XLSX_TYPE)) != 0 &&
		    strncmp(ct, "application/octet-stream", 24) != 0))) {
		api_error(ar, 415, "content_type", NULL,
		    "cần Content-Type: text/csv hoặc %s",
		    "Content-Type: text/csv or %s is required", XLSX_TYPE);
		return;
	}
	/* a value is returned by a reviewer, with a comment, never imported */
	if (status != NULL &&
	    (value_status_parse(status, &st) != 0 || st == VALUE_RETURNED)) {
		api_error(ar, 400, "bad_query", "status",
		    "trạng thái '%s' không hợp lệ (draft, submitted, approved)",
		    "bad status '%s' (draft, submitted, approved)", status);
		return;
	}
	if ((add = query_flag(ar, "add_units")) < 0 ||
	    (skip = query_flag(ar, "skip_locked")) < 0 ||
	    (cons = query_flag(ar, "consistency")) < 0)
		return;
	/* consistency=0: a file known to break the rules (audited) */
	if (http_query(ar->ar_rq, "consistency") == NULL)
		cons = 1;
	if (nf != NULL && numfmt_style_parse(nf, &style) != 0) {
		api_error(ar, 400, "bad_query", "number_format",
		    "number_format phải là machine hoặc vi",
		    "number_format must be machine or vi");
		return;
	}
	/* a large import was spooled to a temporary file (see api_admit) */
	f = ar->ar_rq->rq_file != NULL
	    ? ar->ar_rq->rq_file
	    : fmemopen(ar->ar_rq->rq_body.b_data ? ar->ar_rq->rq_body.b_data
						 : (char *)"",
		  ar->ar_rq->rq_body.b_len, "r");
	if (f == NULL) {
		api_error(
		    ar, 400, "empty", NULL, "nội dung rỗng", "empty body");
		return;
	}
	diag_init(&d);
	rc = app_values_import(ar->ar_s, a, p.sp_code, f,
	    csv ? "import.csv" : "import.xlsx", style, st,
	    (add ? APP_IMPORT_ADD_UNITS : 0) |
		(skip ? APP_IMPORT_SKIP_LOCKED : 0) |
		(cons ? 0 : APP_IMPORT_NO_CONSISTENCY),
	    &count, &d);
	if (f != ar->ar_rq->rq_file)
		fclose(f);
	api_answer(ar, rc, &d, 200,
	    rc == 0 ? json_pack("{s:s, s:I, s:s, s:o, s:o}", "period",
			  p.sp_code, "values", (json_int_t)count, "status",
			  value_status_name(st), "skipped", skipped_json(&d),
			  "warnings", api_warnings(&d))
		    : NULL);
}

void
api_template(struct api_req *ar)
{
	const char *agency = http_query(ar->ar_rq, "agency");
	const char *unit = http_query(ar->ar_rq, "unit");
	struct st_period p;
	struct diag d;
	char *data = NULL, cd[160];
	size_t len = 0;
	int rc;

	if (api_path_period(ar, &p) != 0)
		return;
	diag_init(&d);
	rc = app_template(
	    ar->ar_s, api_actor(ar), p.sp_code, agency, unit, &data, &len, &d);
	if (rc != 0) {
		api_diag(ar, &d);
		diag_free(&d);
		return;
	}
	diag_free(&d);
	/* the agency in the name only when it is a plain code */
	snprintf(cd, sizeof(cd), "attachment; filename=\"dti-%s%s%.64s.xlsx\"",
	    p.sp_code, agency != NULL && code_ok(agency) ? "-" : "",
	    agency != NULL && code_ok(agency) ? agency : "");
	http_set_header(ar->ar_rs, "Content-Disposition", cd);
	ar->ar_rs->rs_status = 200;
	ar->ar_rs->rs_type = XLSX_TYPE;
	buf_append(&ar->ar_rs->rs_body, data, len);
	free(data);
}
