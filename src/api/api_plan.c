/* api_plan.c: tasks, task progress, targets, the audit log. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

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

static int
task_row(void *ctx, const struct st_task *t)
{
	json_array_append_new(ctx,
	    json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:s, s:s?, s:s?, "
		      "s:s, s:b, s:o}",
		"code", t->st_code, "group", t->st_group, "group_name",
		t->st_group_name, "text", t->st_text, "lead_text",
		t->st_lead_text, "leads", csv_list(t->st_leads), "coordinators",
		csv_list(t->st_coordinators), "due_text", t->st_due_text, "due",
		t->st_due, "due_date", t->st_due_date, "status",
		task_status_name(t->st_status), "overdue",
		app_task_overdue(t, date_today()), "indicators",
		csv_list(t->st_indicators)));
	return 0;
}

void
api_tasks(struct api_req *ar)
{
	json_t *list = json_array();
	struct diag d;

	diag_init(&d);
	if (app_tasks(ar->ar_s, task_row, list, &d) != 0) {
		json_decref(list);
		api_diag_flat(ar, &d);
		diag_free(&d);
		return;
	}
	diag_free(&d);
	api_json(ar, 200, json_pack("{s:o}", "tasks", list));
}

void
api_task_progress(struct api_req *ar)
{
	static const char *const keys[] = { "status", "note", "doc", NULL };
	const char *code = api_param(ar, 0), *status, *note, *doc;
	enum task_status st;
	struct diag d;
	json_t *j;
	int bad = 0, may;

	may = app_task_may(ar->ar_s, api_actor(ar), code);
	if (may == STORE_ENOTFOUND) {
		api_error(ar, 404, "not_found", "code",
		    "không có nhiệm vụ '%s'", "no task '%s'", code);
		return;
	}
	if (may < 0) {
		diag_init(&d);
		app_store_error(ar->ar_s, &d);
		api_diag_flat(ar, &d);
		diag_free(&d);
		return;
	}
	if (may == 0) {
		api_forbidden(ar);
		return;
	}
	if ((j = api_body(ar, keys)) == NULL)
		return;
	status = api_str(ar, j, "status", 0, &bad);
	note = bad ? NULL : api_str(ar, j, "note", 0, &bad);
	doc = bad ? NULL : api_str(ar, j, "doc", 0, &bad);
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
	if (app_task_progress(ar->ar_s, api_actor(ar), code,
		status != NULL ? &st : NULL, note, doc, NULL, 0, &d) != 0) {
		api_diag_flat(ar, &d);
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
	return 0;
}

void
api_targets(struct api_req *ar)
{
	const char *drafts = http_query(ar->ar_rq, "drafts");
	json_t *list = json_array();
	struct diag d;

	diag_init(&d);
	if (app_targets(ar->ar_s, http_query(ar->ar_rq, "period"),
		drafts != NULL && strcmp(drafts, "1") == 0, target_row, list,
		&d) != 0) {
		json_decref(list);
		api_diag(ar, &d);
		diag_free(&d);
		return;
	}
	diag_free(&d);
	api_json(ar, 200, json_pack("{s:o}", "targets", list));
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
