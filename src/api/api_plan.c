/* api_plan.c: tasks, task progress, targets, the audit log. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "api/api.h"
#include "util/date.h"

static json_t *
csv_list(const char *s)
{
	json_t *a = json_array();
	char *copy, *tok, *save = NULL;

	if (s == NULL)
		return a;
	copy = xstrdup(s);
	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	     tok = strtok_r(NULL, ",", &save))
		json_array_append_new(a, json_string(tok));
	free(copy);
	return a;
}

/* The agencies of a task, each with its status and latest report. */
static int
task_agency_row(void *ctx, const struct st_task_agency *a)
{
	json_array_append_new(ctx,
	    json_pack("{s:s, s:s, s:s?, s:s, s:s?, s:s?, s:s?}", "agency",
		a->sta_agency, "role", a->sta_role, "via",
		a->sta_via[0] ? a->sta_via : NULL, "status",
		task_status_name(a->sta_status), "note", a->sta_note, "doc",
		a->sta_doc, "at", a->sta_at));
	return 0;
}

struct task_list {
	struct api_req *tkl_ar;
	json_t *tkl_list;
	int tkl_failed;
};

static json_t *
task_json(struct api_req *ar, const struct st_task *t, int *failed)
{
	json_t *agencies = json_array();
	struct diag d;

	diag_init(&d);
	if (app_task_agencies(
		ar->ar_s, t->st_id, task_agency_row, agencies, &d) != 0)
		*failed = 1;
	diag_free(&d);
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:s, s:s?, "
			 "s:s?, s:s, s:b, s:o, s:o}",
	    "plan", t->st_plan, "code", t->st_code, "group", t->st_group,
	    "group_name", t->st_group_name, "text", t->st_text, "lead_text",
	    t->st_lead_text, "leads", csv_list(t->st_leads), "coordinators",
	    csv_list(t->st_coordinators), "due_text", t->st_due_text, "due",
	    t->st_due, "due_date", t->st_due_date, "status",
	    task_status_name(t->st_status), "overdue",
	    app_task_overdue(t, date_today()), "indicators",
	    csv_list(t->st_indicators), "agencies", agencies);
}

static int
task_row(void *ctx, const struct st_task *t)
{
	struct task_list *l = ctx;

	json_array_append_new(
	    l->tkl_list, task_json(l->tkl_ar, t, &l->tkl_failed));
	return 0;
}

/* ?year=Y: 0 when absent, -1 (answered 400) when bad. */
static int
query_year(struct api_req *ar)
{
	const char *v = http_query(ar->ar_rq, "year");
	char *end;
	long y;

	if (v == NULL)
		return 0;
	y = strtol(v, &end, 10);
	if (end != v && *end == '\0' && y >= 1000 && y <= 9999)
		return (int)y;
	api_error(ar, 400, "bad_query", "year", "năm '%s' không hợp lệ",
	    "bad year '%s'", v);
	return -1;
}

void
api_tasks(struct api_req *ar)
{
	struct st_task_filter f;
	struct task_list l;
	struct diag d;

	memset(&f, 0, sizeof(f));
	f.stf_plan = http_query(ar->ar_rq, "plan");
	f.stf_agency = http_query(ar->ar_rq, "agency");
	if ((f.stf_year = query_year(ar)) < 0)
		return;
	l.tkl_ar = ar;
	l.tkl_list = json_array();
	l.tkl_failed = 0;
	diag_init(&d);
	if (app_tasks_in(ar->ar_s, &f, task_row, &l, &d) != 0 || l.tkl_failed) {
		json_decref(l.tkl_list);
		if (d.d_n == 0)
			app_store_error(ar->ar_s, &d);
		api_diag_flat(ar, &d);
		diag_free(&d);
		return;
	}
	diag_free(&d);
	api_json(ar, 200, json_pack("{s:o}", "tasks", l.tkl_list));
}

/* The first task a filter gives, as JSON with its full history. */
struct task_one {
	struct api_req *to_ar;
	json_t *to_task;
	int to_failed;
};

static int
history_row(void *ctx, const struct st_progress *p)
{
	json_array_append_new(ctx,
	    json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s?}", "at", p->spg_at,
		"agency", p->spg_agency, "by", p->spg_by, "status",
		task_status_name(p->spg_status), "note", p->spg_note, "doc",
		p->spg_doc, "file_sha256", p->spg_file_sha256));
	return 0;
}

static int
task_one_row(void *ctx, const struct st_task *t)
{
	struct task_one *o = ctx;
	json_t *history = json_array();
	struct diag d;

	o->to_task = task_json(o->to_ar, t, &o->to_failed);
	diag_init(&d);
	if (app_task_history(
		o->to_ar->ar_s, t->st_id, history_row, history, &d) != 0)
		o->to_failed = 1;
	diag_free(&d);
	json_object_set_new(o->to_task, "history", history);
	return 1;
}

void
api_task_get(struct api_req *ar)
{
	const char *code = api_param(ar, 0);
	struct st_task_filter f;
	struct app_task_ref ref;
	struct task_one o;
	struct diag d;

	diag_init(&d);
	/* one plan's task: ?plan=, or the one plan that has the code */
	if (app_task_find(
		ar->ar_s, http_query(ar->ar_rq, "plan"), code, &ref, &d) != 0) {
		api_diag(ar, &d);
		diag_free(&d);
		return;
	}
	memset(&f, 0, sizeof(f));
	memset(&o, 0, sizeof(o));
	f.stf_plan = ref.tref_plan_code;
	f.stf_code = ref.tref_code;
	o.to_ar = ar;
	if (app_tasks_in(ar->ar_s, &f, task_one_row, &o, &d) != 0 ||
	    o.to_failed || o.to_task == NULL) {
		json_decref(o.to_task);
		if (d.d_n == 0)
			app_store_error(ar->ar_s, &d);
		api_diag_flat(ar, &d);
		diag_free(&d);
		return;
	}
	diag_free(&d);
	api_json(ar, 200, o.to_task);
}

void
api_task_progress(struct api_req *ar)
{
	static const char *const keys[] = { "status", "note", "doc", "agency",
		"plan", NULL };
	const char *code = api_param(ar, 0), *status, *note, *doc, *agency,
		   *plan;
	enum task_status st;
	struct diag d;
	json_t *j;
	int bad = 0;

	/* viewers never write: 403 before anything else is said */
	if (!api_allow(ar, APP_TASK_UPDATE, api_actor(ar)->ac_agency))
		return;
	if ((j = api_body(ar, keys)) == NULL)
		return;
	status = api_str(ar, j, "status", 0, &bad);
	note = bad ? NULL : api_str(ar, j, "note", 0, &bad);
	doc = bad ? NULL : api_str(ar, j, "doc", 0, &bad);
	agency = bad ? NULL : api_str(ar, j, "agency", 0, &bad);
	plan = bad ? NULL : api_str(ar, j, "plan", 0, &bad);
	if (bad)
		return;
	if (status != NULL && task_status_parse(status, &st) != 0) {
		api_error(ar, 400, "bad_field", "status",
		    "trạng thái '%s' không hợp lệ (not_started, in_progress, done)",
		    "bad status '%s' (not_started, in_progress, done)", status);
		return;
	}
	if (status == NULL && note == NULL) {
		api_error(ar, 400, "missing_field", "status",
		    "cần status hoặc note", "status or note is needed");
		return;
	}
	diag_init(&d);
	if (app_task_progress(ar->ar_s, api_actor(ar),
		plan ? plan : http_query(ar->ar_rq, "plan"), code, agency,
		status != NULL ? &st : NULL, note, doc, NULL, 0, &d) != 0) {
		api_diag(ar, &d);
		diag_free(&d);
		return;
	}
	diag_free(&d);
	api_json(
	    ar, 200, json_pack("{s:s, s:s?}", "code", code, "status", status));
}

static json_t *
num_or_null(double v)
{
	return isnan(v) ? json_null() : json_real(v);
}

static int
target_row(void *ctx, const struct app_target *a)
{
	const struct st_target *t = a->tg_target;

	json_array_append_new(ctx,
	    json_pack("{s:s, s:s, s:i, s:o, s:o, s:s, s:s?, s:o, s:o, s:s?, "
		      "s:s, s:o, s:o, s:s, s:s}",
		"code", t->sg_code, "text", t->sg_text, "year", t->sg_year,
		"target", num_or_null(t->sg_target), "target_max",
		num_or_null(t->sg_target_max), "unit", t->sg_unit, "indicator",
		t->sg_indicator, "numerator", csv_list(t->sg_numerator),
		"denominator", csv_list(t->sg_denominator), "score",
		t->sg_score, "period", a->tg_period, "value",
		num_or_null(a->tg_value), "progress",
		num_or_null(a->tg_progress), "state",
		target_state_name(a->tg_state), "note",
		t->sg_note ? t->sg_note : ""));
	json_object_set_new(json_array_get(ctx, json_array_size(ctx) - 1),
	    "plan", json_string(t->sg_plan));
	json_object_set_new(json_array_get(ctx, json_array_size(ctx) - 1),
	    "manual", json_boolean(t->sg_manual));
	json_object_set_new(json_array_get(ctx, json_array_size(ctx) - 1),
	    "agency", t->sg_agency ? json_string(t->sg_agency) : json_null());
	json_object_set_new(json_array_get(ctx, json_array_size(ctx) - 1),
	    "review", a->tg_review ? json_string(a->tg_review) : json_null());
	return 0;
}

void
api_targets(struct api_req *ar)
{
	const char *drafts = http_query(ar->ar_rq, "drafts");
	json_t *list = json_array();
	char plans[512];
	struct diag d;
	int year;

	diag_init(&d);
	if (app_targets_year(ar->ar_s, http_query(ar->ar_rq, "period"),
		drafts != NULL && strcmp(drafts, "1") == 0, &year, plans,
		sizeof(plans), target_row, list, &d) != 0) {
		json_decref(list);
		api_diag(ar, &d);
		diag_free(&d);
		return;
	}
	diag_free(&d);
	/* the year compared (null: no period, every target) and its plans */
	api_json(ar, 200,
	    json_pack("{s:o, s:o, s:o}", "targets", list, "year",
		year ? json_integer(year) : json_null(), "plans",
		csv_list(plans)));
}

static int
audit_row(void *ctx, const struct st_audit *a)
{
	json_array_append_new(ctx,
	    json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s?, s:s?, s:s?, s:s?,"
		      " s:s?, s:s?, s:s?}",
		"id", (json_int_t)a->sau_id, "at", a->sau_at, "actor",
		a->sau_actor, "action", a->sau_action, "entity", a->sau_entity,
		"key", a->sau_key, "old", a->sau_old, "new", a->sau_new,
		"reason", a->sau_reason, "period", a->sau_period, "agency",
		a->sau_agency, "unit", a->sau_unit, "input", a->sau_input));
	return 0;
}

void
api_audit(struct api_req *ar)
{
	struct st_audit_filter f;
	json_t *list;
	struct diag d;

	/* every login's address is in it: not for every reader */
	if (!api_allow(ar, APP_AUDIT, NULL))
		return;
	memset(&f, 0, sizeof(f));
	f.saf_period = http_query(ar->ar_rq, "period");
	f.saf_agency = http_query(ar->ar_rq, "agency");
	f.saf_unit = http_query(ar->ar_rq, "unit");
	f.saf_input = http_query(ar->ar_rq, "input");
	f.saf_key = http_query(ar->ar_rq, "key");
	list = json_array();
	diag_init(&d);
	if (app_audit(ar->ar_s, api_actor(ar), &f, audit_row, list, &d) != 0) {
		json_decref(list);
		api_diag_flat(ar, &d);
		diag_free(&d);
		return;
	}
	diag_free(&d);
	api_json(ar, 200, json_pack("{s:o}", "audit", list));
}

/* ---- plans (issue 12) ----------------------------------------------------- */

static int
plan_row(void *ctx, const struct st_plan *p)
{
	json_array_append_new(ctx,
	    json_pack("{s:s, s:s, s:s, s:s, s:i, s:i, s:s, s:s, s:s, s:s, s:i, "
		      "s:i}",
		"code", p->spl_code, "title", p->spl_title, "issuer",
		p->spl_issuer, "issued", p->spl_issued, "year_from",
		p->spl_year_from, "year_to", p->spl_year_to, "source",
		p->spl_source, "file", p->spl_file, "loaded_at",
		p->spl_loaded_at, "loaded_by", p->spl_loaded_by, "tasks",
		p->spl_ntasks, "targets", p->spl_ntargets));
	return 0;
}

void
api_plans(struct api_req *ar)
{
	json_t *list = json_array();
	struct diag d;

	diag_init(&d);
	if (app_plans(ar->ar_s, plan_row, list, &d) != 0) {
		json_decref(list);
		api_diag_flat(ar, &d);
		diag_free(&d);
		return;
	}
	diag_free(&d);
	api_json(ar, 200, json_pack("{s:o}", "plans", list));
}

void
api_plan_load(struct api_req *ar)
{
	const char *dry = http_query(ar->ar_rq, "dry_run");
	struct app_plan_load_out out;
	struct diag d;
	int rc;

	if (!api_allow(ar, APP_PERIOD, NULL))
		return;
	if (dry != NULL && strcmp(dry, "0") != 0 && strcmp(dry, "1") != 0) {
		api_error(ar, 400, "bad_query", "dry_run",
		    "dry_run phải là 0 hoặc 1", "dry_run must be 0 or 1");
		return;
	}
	if (ar->ar_rq->rq_body.b_len == 0) {
		api_error(
		    ar, 400, "empty", NULL, "nội dung rỗng", "empty body");
		return;
	}
	diag_init(&d);
	rc = app_plan_load(ar->ar_s, api_actor(ar), ar->ar_rq->rq_body.b_data,
	    ar->ar_rq->rq_body.b_len, "plan.yaml",
	    dry != NULL && strcmp(dry, "1") == 0, &out, &d);
	api_answer(ar, rc, &d, rc == 0 && !out.plo_dry_run ? 201 : 200,
	    rc == 0
		? json_pack("{s:s, s:s, s:i, s:i, s:i, s:i, s:i, s:b}", "code",
		      out.plo_code, "title", out.plo_title, "year_from",
		      out.plo_year_from, "year_to", out.plo_year_to, "tasks",
		      out.plo_ntasks, "task_agencies", out.plo_nagencies,
		      "targets", out.plo_ntargets, "dry_run", out.plo_dry_run)
		: NULL);
}

/* ---- hand-entered targets ------------------------------------------------- */

static int
target_value_row(void *ctx, const struct st_target_value *v)
{
	json_array_append_new(ctx,
	    json_pack("{s:s, s:f, s:s, s:s, s:s, s:s, s:s, s:s, s:s?, s:b}",
		"at", v->stv_at, "value", v->stv_value, "status",
		value_status_name(v->stv_status), "agency", v->stv_agency, "by",
		v->stv_by, "note", v->stv_note, "doc", v->stv_doc, "comment",
		v->stv_comment, "file_sha256", v->stv_file_sha256, "current",
		!v->stv_archived));
	return 0;
}

void
api_target_history(struct api_req *ar)
{
	const char *code = api_param(ar, 0);
	json_t *list = json_array();
	struct diag d;

	diag_init(&d);
	if (app_target_history(ar->ar_s, http_query(ar->ar_rq, "plan"), code,
		target_value_row, list, &d) != 0) {
		json_decref(list);
		api_diag(ar, &d);
		diag_free(&d);
		return;
	}
	diag_free(&d);
	api_json(
	    ar, 200, json_pack("{s:s, s:o}", "code", code, "history", list));
}

/* POST /targets/{code}/STEP: the JSON body's keys the step takes. */
static void
target_step(
    struct api_req *ar, enum app_target_step step, const char *const *keys)
{
	struct app_target_input in;
	enum value_status st;
	struct diag d;
	json_t *j, *v;
	const char *b64;
	unsigned char *file = NULL;
	size_t flen = 0;
	int bad = 0, rc;

	if (api_actor(ar)->ac_role == ROLE_VIEWER) {
		api_forbidden(ar);
		return;
	}
	if ((j = api_body(ar, keys)) == NULL)
		return;
	memset(&in, 0, sizeof(in));
	in.ti_code = api_param(ar, 0);
	in.ti_value = NAN;
	in.ti_plan = api_str(ar, j, "plan", 0, &bad);
	in.ti_note = bad ? NULL : api_str(ar, j, "note", 0, &bad);
	in.ti_doc = bad ? NULL : api_str(ar, j, "doc", 0, &bad);
	in.ti_comment = bad ? NULL : api_str(ar, j, "comment", 0, &bad);
	if (bad)
		return;
	if (in.ti_plan == NULL)
		in.ti_plan = http_query(ar->ar_rq, "plan");
	/* evidence: a file in base64, within the JSON body's limit */
	b64 = json_is_string(json_object_get(j, "file_base64"))
	    ? json_string_value(json_object_get(j, "file_base64"))
	    : NULL;
	if (json_object_get(j, "file_base64") != NULL && b64 == NULL) {
		api_error(ar, 400, "bad_field", "file_base64",
		    "file_base64 phải là chuỗi base64",
		    "file_base64 must be a base64 string");
		return;
	}
	if (b64 != NULL) {
		file = xmalloc(strlen(b64) / 4 * 3 + 3);
		if (sodium_base642bin(file, strlen(b64) / 4 * 3 + 3, b64,
			strlen(b64), NULL, &flen, NULL,
			sodium_base64_VARIANT_ORIGINAL) != 0) {
			free(file);
			api_error(ar, 400, "bad_field", "file_base64",
			    "file_base64 không phải base64 hợp lệ",
			    "file_base64 is not valid base64");
			return;
		}
		in.ti_data = file;
		in.ti_len = flen;
	}
	if (step == APP_TARGET_SET) {
		v = json_object_get(j, "value");
		if (!json_is_number(v)) {
			free(file);
			api_error(ar, 400, "bad_field", "value",
			    "cần value là một số", "value must be a number");
			return;
		}
		in.ti_value = json_number_value(v);
	}
	diag_init(&d);
	rc = app_target_step(ar->ar_s, api_actor(ar), step, &in, &st, &d);
	free(file);
	api_answer(ar, rc, &d, 200,
	    rc == 0 ? json_pack("{s:s, s:s}", "code", in.ti_code, "status",
			  value_status_name(st))
		    : NULL);
}

void
api_target_set(struct api_req *ar)
{
	static const char *const keys[] = { "value", "note", "doc", "plan",
		"file_base64", NULL };

	target_step(ar, APP_TARGET_SET, keys);
}

void
api_target_submit(struct api_req *ar)
{
	static const char *const keys[] = { "note", "doc", "plan",
		"file_base64", NULL };

	target_step(ar, APP_TARGET_SUBMIT, keys);
}

void
api_target_approve(struct api_req *ar)
{
	static const char *const keys[] = { "plan", NULL };

	target_step(ar, APP_TARGET_APPROVE, keys);
}

void
api_target_return(struct api_req *ar)
{
	static const char *const keys[] = { "comment", "plan", NULL };

	target_step(ar, APP_TARGET_RETURN, keys);
}

void
api_target_reopen(struct api_req *ar)
{
	static const char *const keys[] = { "plan", NULL };

	target_step(ar, APP_TARGET_REOPEN, keys);
}
