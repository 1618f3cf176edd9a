/* api_plan.c: tasks, task progress, targets, the audit log. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "app/app.h"
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

struct task_ctx {
	json_t *tc_list;
	long tc_today;
	const char *tc_code; /* find one task */
	char tc_leads[512];
	int tc_found;
};

static int
task_row(void *vctx, const struct st_task *t)
{
	struct task_ctx *c = vctx;
	long due = 0;
	int overdue;

	if (c->tc_code != NULL) {
		if (strcmp(c->tc_code, t->st_code) != 0)
			return 0;
		snprintf(c->tc_leads, sizeof(c->tc_leads), "%s",
		    t->st_leads ? t->st_leads : "");
		c->tc_found = 1;
		return 1;
	}
	overdue = t->st_due_date != NULL &&
	    date_parse(t->st_due_date, &due) == 0 && c->tc_today > due &&
	    strcmp(t->st_status, "done") != 0;
	json_array_append_new(c->tc_list,
	    json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:s, s:s?, s:s?, "
		      "s:s, s:b, s:o}",
		"code", t->st_code, "group", t->st_group, "group_name",
		t->st_group_name, "text", t->st_text, "lead_text",
		t->st_lead_text, "leads", csv_list(t->st_leads), "coordinators",
		csv_list(t->st_coordinators), "due_text", t->st_due_text, "due",
		t->st_due, "due_date", t->st_due_date, "status", t->st_status,
		"overdue", overdue, "indicators", csv_list(t->st_indicators)));
	return 0;
}

void
api_tasks(struct api_req *ar)
{
	struct task_ctx c;

	memset(&c, 0, sizeof(c));
	c.tc_list = json_array();
	c.tc_today = date_today();
	if (store_task_each(ar->ar_s, task_row, &c) != 0) {
		json_decref(c.tc_list);
		api_store_error(ar);
		return;
	}
	api_json(ar, 200, json_pack("{s:o}", "tasks", c.tc_list));
}

void
api_task_progress(struct api_req *ar)
{
	static const char *const keys[] = { "status", "note", "doc", NULL };
	const char *status, *note, *doc;
	struct task_ctx c;
	char *copy, *tok, *save = NULL;
	json_t *j;
	int bad = 0, allowed = 0;

	memset(&c, 0, sizeof(c));
	c.tc_code = api_param(ar, 0);
	if (store_task_each(ar->ar_s, task_row, &c) != 0) {
		api_store_error(ar);
		return;
	}
	if (!c.tc_found) {
		api_error(ar, 404, "not_found", "code",
		    "không có nhiệm vụ '%s'", "no task '%s'", c.tc_code);
		return;
	}
	/* the lead agencies of the task (or a coordinator) may report */
	copy = xstrdup(c.tc_leads);
	for (tok = strtok_r(copy, ",", &save); tok != NULL && !allowed;
	     tok = strtok_r(NULL, ",", &save))
		allowed = ar->ar_authed &&
		    auth_allows(ar->ar_s, &ar->ar_sess.ss_account,
			PERM_TASK_UPDATE, tok);
	free(copy);
	if (!allowed && !api_allow(ar, PERM_REVIEW, NULL))
		return;
	if ((j = api_body(ar, keys)) == NULL)
		return;
	status = api_str(ar, j, "status", 0, &bad);
	note = bad ? NULL : api_str(ar, j, "note", 0, &bad);
	doc = bad ? NULL : api_str(ar, j, "doc", 0, &bad);
	if (bad)
		return;
	if (status != NULL && strcmp(status, "not_started") != 0 &&
	    strcmp(status, "in_progress") != 0 && strcmp(status, "done") != 0) {
		api_error(ar, 400, "bad_field", "status",
		    "trạng thái '%s' không hợp lệ (not_started, in_progress, done)",
		    "bad status '%s' (not_started, in_progress, done)", status);
		return;
	}
	if (status == NULL && note == NULL) {
		api_error(ar, 400, "missing_field", "status",
		    "cần status hoặc note%s", "status or note is needed%s", "");
		return;
	}
	if (store_tx_begin(ar->ar_s) != 0 ||
	    store_task_progress(ar->ar_s, c.tc_code, status, note, doc, NULL,
		api_actor(ar)) != 0 ||
	    store_tx_commit(ar->ar_s) != 0) {
		api_store_error(ar);
		store_tx_rollback(ar->ar_s);
		return;
	}
	api_json(ar, 200,
	    json_pack("{s:s, s:s?}", "code", c.tc_code, "status", status));
}

static json_t *
num_or_null(double v)
{
	return isnan(v) ? json_null() : json_real(v);
}

static int
target_row(void *ctx, const struct app_target *a)
{
	const struct st_target *t = a->tg;

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
		num_or_null(a->tg_progress), "state", a->tg_state, "note",
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
	    json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s?, s:s?, s:s?}", "id",
		(json_int_t)a->sa_id, "at", a->sa_at, "actor", a->sa_actor,
		"action", a->sa_action, "entity", a->sa_entity, "key",
		a->sa_key, "old", a->sa_old, "new", a->sa_new, "reason",
		a->sa_reason));
	return 0;
}

void
api_audit(struct api_req *ar)
{
	json_t *list = json_array();

	if (store_audit_each(
		ar->ar_s, http_query(ar->ar_rq, "key"), audit_row, list) != 0) {
		json_decref(list);
		api_store_error(ar);
		return;
	}
	api_json(ar, 200, json_pack("{s:o}", "audit", list));
}
