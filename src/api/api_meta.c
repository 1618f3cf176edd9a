/* api_meta.c: health, the OpenAPI description, methodology, agencies, units. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "engine/builtin.h"

void
api_health(struct api_req *ar)
{
	api_json(
	    ar, 200, json_pack("{s:s, s:s}", "status", "ok", "service", "dti"));
}

void
api_openapi(struct api_req *ar)
{
	ar->ar_rs->rs_status = 200;
	ar->ar_rs->rs_type = "application/json; charset=utf-8";
	buf_append(
	    &ar->ar_rs->rs_body, builtin_openapi_text, builtin_openapi_len);
}

static int
method_row(void *ctx, const struct st_method *m)
{
	json_array_append_new(ctx,
	    json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "id",
		(json_int_t)m->sm_id, "code", m->sm_code, "version",
		m->sm_version, "name", m->sm_name, "sha256", m->sm_sha256,
		"loaded_at", m->sm_loaded_at));
	return 0;
}

void
api_methodologies(struct api_req *ar)
{
	json_t *list;
	struct diag d;

	if (!api_allow(ar, APP_METHOD, NULL))
		return;
	list = json_array();
	diag_init(&d);
	if (app_methods(ar->ar_s, method_row, list, &d) != 0) {
		json_decref(list);
		api_diag_flat(ar, &d);
		diag_free(&d);
		return;
	}
	diag_free(&d);
	api_json(ar, 200, json_pack("{s:o}", "methodologies", list));
}

static json_t *
agency_list(const struct method *m, const int *idx, int n)
{
	json_t *a = json_array();
	int i;

	for (i = 0; i < n; i++)
		json_array_append_new(
		    a, json_string(m->m_agencies[idx[i]].ma_code));
	return a;
}

static json_t *
inputs_json(const struct method *m, const int *idx, int n)
{
	json_t *list = json_array();
	int i, k;

	for (i = 0; i < n; i++) {
		const struct m_input *in = &m->m_inputs[idx[i]];
		json_t *o = json_pack("{s:s, s:s, s:s?, s:s?}", "name",
		    in->mi_name, "kind", method_kind_name(in->mi_kind), "label",
		    in->mi_label, "unit", in->mi_unit);

		if (in->mi_kind == IK_CHOICE) {
			json_t *opts = json_array();

			for (k = 0; k < in->mi_noptions; k++)
				json_array_append_new(opts,
				    json_pack("{s:s, s:s?}", "code",
					in->mi_options[k].mo_code, "label",
					in->mi_options[k].mo_label));
			json_object_set_new(o, "options", opts);
		}
		json_array_append_new(list, o);
	}
	return list;
}

/* groups_json(m): each group with its indicators (parts name a parent). */
static json_t *
groups_json(const struct method *m)
{
	json_t *groups = json_array();
	int g, i;

	for (g = 0; g < m->m_ngroups; g++) {
		const struct m_group *gr = &m->m_groups[g];
		json_t *inds = json_array();

		for (i = 0; i < m->m_nind; i++) {
			const struct m_indicator *n = &m->m_ind[i];
			json_t *o;

			if (n->mn_group != g)
				continue;
			o = json_pack(
			    "{s:s, s:s, s:f, s:s?, s:o, s:o, s:s?, s:s?}",
			    "code", n->mn_code, "name", n->mn_name, "points",
			    n->mn_points, "lead",
			    n->mn_lead >= 0 ? m->m_agencies[n->mn_lead].ma_code
					    : NULL,
			    "coordinators",
			    agency_list(m, n->mn_coord, n->mn_ncoord), "inputs",
			    inputs_json(m, n->mn_inputs, n->mn_ninputs), "rule",
			    n->mn_rule, "score", n->mn_score);
			if (n->mn_parent >= 0)
				json_object_set_new(o, "parent",
				    json_string(
					m->m_ind[n->mn_parent].mn_code));
			json_array_append_new(inds, o);
		}
		json_array_append_new(groups,
		    json_pack("{s:s, s:s, s:f, s:o}", "code", gr->mg_code,
			"name", gr->mg_name, "points", gr->mg_points,
			"indicators", inds));
	}
	return groups;
}

/* general_json(m): the general-information items and who supplies them. */
static json_t *
general_json(const struct method *m)
{
	json_t *general = json_array();
	int i;

	for (i = 0; i < m->m_ngeneral; i++) {
		const struct m_general *gi = &m->m_general[i];

		json_array_append_new(general,
		    json_pack("{s:s, s:s, s:s?, s:o}", "code", gi->ml_code,
			"name", gi->ml_name, "lead",
			gi->ml_lead >= 0 ? m->m_agencies[gi->ml_lead].ma_code
					 : NULL,
			"coordinators",
			agency_list(m, gi->ml_coord, gi->ml_ncoord)));
	}
	return general;
}

/* derived_json(m): the derived figures (CQS, KTS, XHS ...) with formulas. */
static json_t *
derived_json(const struct method *m)
{
	json_t *derived = json_array();
	int k;

	for (k = 0; k < m->m_nderived; k++)
		json_array_append_new(derived,
		    json_pack("{s:s, s:s, s:f, s:s}", "code",
			m->m_derived[k].md_code, "name",
			m->m_derived[k].md_name, "points",
			m->m_derived[k].md_points, "formula",
			m->m_derived[k].md_src));
	return derived;
}

void
api_methodology(struct api_req *ar)
{
	const struct method *m;
	struct diag d;
	char *end;
	long id = strtol(api_param(ar, 0), &end, 10);

	if (*end != '\0' || id <= 0) {
		api_error(ar, 400, "bad_id", "id",
		    "mã phương pháp '%s' không hợp lệ",
		    "bad methodology id '%s'", api_param(ar, 0));
		return;
	}
	/* every role reads the methodologies periods are scored with */
	if (!app_method_readable(ar->ar_s, api_actor(ar), id)) {
		api_forbidden(ar);
		return;
	}
	diag_init(&d);
	m = api_method(ar, id, &d);
	diag_free(&d);
	if (m == NULL) {
		api_error(ar, 404, "not_found", "id",
		    "không có phương pháp %ld", "no methodology %ld", id);
		return;
	}
	api_json(ar, 200,
	    json_pack("{s:I, s:s, s:s, s:s?, s:f, s:o, s:o, s:o}", "id",
		(json_int_t)id, "code", m->m_id, "name", m->m_name, "version",
		m->m_version, "total_points", m->m_total, "general",
		general_json(m), "groups", groups_json(m), "derived",
		derived_json(m)));
}

static int
agency_row(void *ctx, const struct st_agency *a)
{
	json_array_append_new(ctx,
	    json_pack("{s:s, s:s, s:s, s:s, s:s?, s:s?, s:s?}", "code",
		a->sag_code, "name", a->sag_name, "short", a->sag_short, "kind",
		a->sag_kind, "active_from", a->sag_from, "active_to", a->sag_to,
		"successor", a->sag_successor));
	return 0;
}

void
api_agencies(struct api_req *ar)
{
	const char *at = http_query(ar->ar_rq, "at");
	json_t *list = json_array();
	char day[11];
	struct diag d;

	diag_init(&d);
	/* ?at=DATE: those active that day, with the names then */
	if ((at != NULL && app_org_date(at, day, &d) != 0) ||
	    app_agencies_at(
		ar->ar_s, at != NULL ? day : NULL, agency_row, list, &d) != 0) {
		json_decref(list);
		api_diag_flat(ar, &d);
		diag_free(&d);
		return;
	}
	diag_free(&d);
	api_json(ar, 200, json_pack("{s:o}", "agencies", list));
}

static int
unit_row(void *ctx, const struct st_unit *u)
{
	json_array_append_new(ctx,
	    json_pack("{s:s, s:s, s:s, s:s?, s:s?, s:s?, s:s?}", "code",
		u->su_code, "name", u->su_name, "level", u->su_level, "parent",
		u->su_parent, "active_from", u->su_from, "active_to", u->su_to,
		"successor", u->su_successor));
	return 0;
}

void
api_units(struct api_req *ar)
{
	const char *at = http_query(ar->ar_rq, "at");
	json_t *list = json_array();
	char day[11];
	struct diag d;

	diag_init(&d);
	/* ?at=DATE: those active that day, with the names then */
	if ((at != NULL && app_org_date(at, day, &d) != 0) ||
	    app_units_at(
		ar->ar_s, at != NULL ? day : NULL, unit_row, list, &d) != 0) {
		json_decref(list);
		api_diag_flat(ar, &d);
		diag_free(&d);
		return;
	}
	diag_free(&d);
	api_json(ar, 200, json_pack("{s:o}", "units", list));
}

/* The media types a methodology text may be sent as. */
static int
yaml_type(const char *ct)
{
	static const char *const types[] = { "application/yaml",
		"application/x-yaml", "text/yaml", "text/x-yaml",
		"text/plain" };
	size_t i;

	for (i = 0; ct != NULL && i < sizeof(types) / sizeof(types[0]); i++)
		if (strncmp(ct, types[i], strlen(types[i])) == 0 &&
		    (ct[strlen(types[i])] == '\0' ||
			ct[strlen(types[i])] == ';'))
			return 1;
	return 0;
}

void
api_methodology_add(struct api_req *ar)
{
	const struct buf *b = &ar->ar_rq->rq_body;
	const struct method *m;
	struct diag d;
	long id;
	int existed, rc;

	if (!api_allow(ar, APP_METHOD, NULL))
		return;
	if (!yaml_type(http_header(ar->ar_rq, "Content-Type"))) {
		api_error(ar, 415, "content_type", NULL,
		    "cần Content-Type: application/yaml (tệp phương pháp)",
		    "Content-Type: application/yaml is required (a methodology "
		    "file)");
		return;
	}
	diag_init(&d);
	rc = app_method_load(ar->ar_s, api_actor(ar), buf_cstr(b), b->b_len,
	    "methodology.yaml", &id, &existed, &d);
	if (rc != 0) {
		api_answer(ar, rc, &d, 201, NULL);
		return;
	}
	if (existed) {
		char vi[128], en[128];

		diag_free(&d);
		snprintf(vi, sizeof(vi),
		    "phương pháp này đã được nạp: #%ld (cùng SHA-256)", id);
		snprintf(en, sizeof(en),
		    "this methodology is loaded already: #%ld (same SHA-256)",
		    id);
		api_json(ar, 409,
		    json_pack("{s:{s:s, s:{s:s, s:s}, s:I}}", "error", "code",
			"methodology.duplicate", "message", "vi", vi, "en", en,
			"id", (json_int_t)id));
		return;
	}
	m = api_method(ar, id, &d);
	api_answer(ar, m == NULL ? -1 : 0, &d, 201,
	    m == NULL ? NULL
		      : json_pack("{s:I, s:s, s:s, s:s?, s:i, s:i}", "id",
			    (json_int_t)id, "code", m->m_id, "name", m->m_name,
			    "version", m->m_version, "indicators", m->m_nind,
			    "inputs", m->m_ninputs));
}
