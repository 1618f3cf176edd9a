/*
 * api_worklist.c: what an agency owes and the review lists: the work
 * list of an agency and period, the values for review with their
 * warnings and evidence, and the warnings of a value as JSON.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"

json_t *
api_warnings(const struct diag *d)
{
	json_t *list = json_array();
	size_t k;

	for (k = 0; k < d->d_n; k++) {
		const struct diag_item *it = &d->d_items[k];

		/* the data rules' (an import's skipped values are listed
		 * apart) */
		if (it->di_sev != DIAG_WARNING ||
		    (strncmp(it->di_code, "plausibility", 12) != 0 &&
			strcmp(it->di_code, "import.consistency") != 0))
			continue;
		json_array_append_new(list,
		    json_pack("{s:s, s:{s:s, s:s}}", "code", it->di_code,
			"message", "vi", it->di_vi, "en", it->di_en));
	}
	return list;
}

json_t *
api_warnings_stored(const char *stored)
{
	struct diag d;
	json_t *list;

	diag_init(&d);
	app_warnings_parse(stored, &d);
	list = api_warnings(&d);
	diag_free(&d);
	return list;
}

/* A string member, or null. */
static json_t *
str_or_null(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

/* One evidence item of a work list item. */
static json_t *
evidence_json(const struct st_evidence *e)
{
	json_t *o = json_pack("{s:I, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?}", "id",
	    (json_int_t)e->sev_id, "doc_number", e->sev_doc_number, "doc_date",
	    e->sev_doc_date, "note", e->sev_note, "agency", e->sev_agency,
	    "added_by", e->sev_by, "added_at", e->sev_at);

	if (e->sev_file_sha256 != NULL) {
		char url[128];

		snprintf(
		    url, sizeof(url), "/api/v1/files/%s", e->sev_file_sha256);
		json_object_set_new(o, "file",
		    json_pack("{s:s, s:s?, s:s?, s:I, s:s}", "sha256",
			e->sev_file_sha256, "name", e->sev_file_name, "type",
			e->sev_file_type, "size", (json_int_t)e->sev_file_size,
			"url", url));
	}
	return o;
}

json_t *
api_work_item_json(const struct app_work_item *it, const char *prev_period)
{
	const struct m_input *in = it->wki_in;
	const struct st_value *v = it->wki_value;
	json_t *o, *opts = json_array(), *ev = json_array();
	int k;

	for (k = 0; k < in->mi_noptions; k++)
		json_array_append_new(opts,
		    json_pack("{s:s, s:s?}", "code", in->mi_options[k].mo_code,
			"label", in->mi_options[k].mo_label));
	for (k = 0; k < it->wki_nevidence; k++)
		json_array_append_new(ev, evidence_json(&it->wki_evidence[k]));
	o = json_pack("{s:s, s:s?, s:s, s:o, s:o, s:o, s:o, s:o, s:s?, s:o, "
		      "s:b, s:b, s:o}",
	    "input", in->mi_name, "label", in->mi_label, "kind",
	    method_kind_name(in->mi_kind), "unit",
	    str_or_null(app_input_unit(in, LANG_VI)), "unit_en",
	    str_or_null(app_input_unit(in, LANG_EN)), "indicator",
	    json_pack("{s:s?, s:s?, s:b}", "code", it->wki_item, "name",
		it->wki_item_name, "general", in->mi_general >= 0),
	    "rule", str_or_null(it->wki_rule), "options", opts, "lead",
	    it->wki_lead, "role",
	    str_or_null(app_input_role_name(it->wki_role)), "read_only",
	    it->wki_role == APP_INPUT_COORD, "evidence_required",
	    it->wki_evidence_required, "warnings",
	    api_warnings(it->wki_warnings));
	json_object_set_new(o, "value", str_or_null(v ? v->sv_raw : NULL));
	json_object_set_new(
	    o, "value_shown", str_or_null(v ? it->wki_shown : NULL));
	json_object_set_new(o, "status",
	    str_or_null(v ? value_status_name(v->sv_status) : NULL));
	json_object_set_new(o, "comment",
	    str_or_null(v && v->sv_comment[0] ? v->sv_comment : NULL));
	json_object_set_new(o, "entered_by", str_or_null(v ? v->sv_by : NULL));
	json_object_set_new(o, "entered_at", str_or_null(v ? v->sv_at : NULL));
	json_object_set_new(o, "evidence",
	    json_pack("{s:i, s:o}", "count", it->wki_nevidence, "items", ev));
	json_object_set_new(o, "previous",
	    json_pack("{s:s, s:o, s:o}", "period", prev_period, "value",
		str_or_null(it->wki_prev), "value_shown",
		str_or_null(it->wki_prev_shown)));
	return o;
}

json_t *
api_worklist_json(const struct app_worklist *wl, json_t *items)
{
	return json_pack("{s:s, s:o, s:s, s:s, s:I, s:s, s:{s:i, s:i, s:i, "
			 "s:i, s:i, s:i, s:i, s:i, s:i, s:i}, s:o}",
	    "period", wl->wkl_period.sp_code, "agency",
	    wl->wkl_agency[0] ? json_string(wl->wkl_agency) : json_null(),
	    "unit", wl->wkl_unit, "deadline", wl->wkl_period.sp_agency_due,
	    "days_left", (json_int_t)wl->wkl_days_left, "previous_period",
	    wl->wkl_prev, "counts", "items", wl->wkl_items, "lead",
	    wl->wkl_lead, "coordinated", wl->wkl_coord, "missing",
	    wl->wkl_missing, value_status_name(VALUE_DRAFT),
	    wl->wkl_status[VALUE_DRAFT], value_status_name(VALUE_SUBMITTED),
	    wl->wkl_status[VALUE_SUBMITTED], value_status_name(VALUE_RETURNED),
	    wl->wkl_status[VALUE_RETURNED], value_status_name(VALUE_APPROVED),
	    wl->wkl_status[VALUE_APPROVED], "warned", wl->wkl_warned,
	    "no_evidence", wl->wkl_no_evidence, "items", items);
}

/* Collecting the items of a list as JSON. */
struct work_json {
	json_t *wj_items;
	const struct app_worklist *wj_wl;
};

static int
work_json_row(void *ctx, const struct app_work_item *it)
{
	struct work_json *wj = ctx;

	json_array_append_new(
	    wj->wj_items, api_work_item_json(it, wj->wj_wl->wkl_prev));
	return 0;
}

void
api_worklist(struct api_req *ar)
{
	const char *agency = http_query(ar->ar_rq, "agency");
	const char *unit = http_query(ar->ar_rq, "unit");
	struct app_worklist wl;
	struct work_json wj = { json_array(), &wl };
	struct st_period p;
	struct diag d;
	int rc;

	if (api_path_period(ar, &p) != 0) {
		json_decref(wj.wj_items);
		return;
	}
	diag_init(&d);
	rc = app_worklist(ar->ar_s, api_actor(ar), p.sp_code, agency, unit, &wl,
	    work_json_row, &wj, &d);
	if (rc != 0) {
		json_decref(wj.wj_items);
		api_diag(ar, &d);
		diag_free(&d);
		return;
	}
	diag_free(&d);
	api_json(ar, 200, api_worklist_json(&wl, wj.wj_items));
}

void
api_review_list(struct api_req *ar, const struct st_period *p,
    const char *agency, const char *unit, enum app_review_list what)
{
	struct app_worklist wl;
	struct work_json wj = { json_array(), &wl };
	struct diag d;
	int rc;

	diag_init(&d);
	rc = app_review_list(ar->ar_s, p->sp_code, agency, unit, what, &wl,
	    work_json_row, &wj, &d);
	if (rc != 0) {
		json_decref(wj.wj_items);
		api_diag(ar, &d);
		diag_free(&d);
		return;
	}
	diag_free(&d);
	api_json(ar, 200, api_worklist_json(&wl, wj.wj_items));
}
