/*
 * api_org.c: the organisation, versioned (docs/organisation.md): agencies
 * and units added, renamed, deactivated, reactivated and merged, members
 * of a collective, a new version of the organisation file loaded (with a
 * dry run), the change log and a unit's lineage. Writes are the admin's.
 */
#include <math.h>
#include <string.h>

#include "api/api.h"

/* One edit from a JSON body; ${code} from the path or the body. */
static void
org_edit(struct api_req *ar, const char *entity, enum app_org_op op,
    const char *code)
{
	static const char *const keys[] = { "code", "name", "short", "kind",
		"level", "parent", "into", "member", "effective", NULL };
	struct app_org_edit e;
	struct diag d;
	json_t *j;
	int bad = 0, rc;

	if (!api_allow(ar, APP_ORG, NULL) || (j = api_body(ar, keys)) == NULL)
		return;
	memset(&e, 0, sizeof(e));
	e.oe_op = op;
	e.oe_entity = entity;
	e.oe_code = code != NULL ? code : api_str(ar, j, "code", 1, &bad);
	e.oe_name = bad ? NULL
			: api_str(ar, j, "name",
			      op == APP_ORG_ADD || op == APP_ORG_RENAME, &bad);
	e.oe_short = bad ? NULL : api_str(ar, j, "short", 0, &bad);
	e.oe_kind = bad
	    ? NULL
	    : api_str(ar, j, strcmp(entity, "unit") == 0 ? "level" : "kind",
		  op == APP_ORG_ADD, &bad);
	e.oe_parent = bad ? NULL : api_str(ar, j, "parent", 0, &bad);
	e.oe_into = bad
	    ? NULL
	    : api_str(ar, j, op >= APP_ORG_MEMBER_ADD ? "member" : "into",
		  op >= APP_ORG_MERGE, &bad);
	e.oe_effective = bad ? NULL : api_str(ar, j, "effective", 0, &bad);
	if (bad)
		return;
	diag_init(&d);
	rc = app_org_edit(ar->ar_s, api_actor(ar), &e, &d);
	api_answer(ar, rc, &d, op == APP_ORG_ADD ? 201 : 200,
	    json_pack("{s:s, s:s, s:s}", "entity", entity, "code", e.oe_code,
		"change", app_org_op_name(op)));
}

void
api_agency_add(struct api_req *ar)
{
	org_edit(ar, "agency", APP_ORG_ADD, NULL);
}

void
api_agency_rename(struct api_req *ar)
{
	org_edit(ar, "agency", APP_ORG_RENAME, api_param(ar, 0));
}

void
api_agency_deactivate(struct api_req *ar)
{
	org_edit(ar, "agency", APP_ORG_DEACTIVATE, api_param(ar, 0));
}

void
api_agency_reactivate(struct api_req *ar)
{
	org_edit(ar, "agency", APP_ORG_REACTIVATE, api_param(ar, 0));
}

void
api_agency_merge(struct api_req *ar)
{
	org_edit(ar, "agency", APP_ORG_MERGE, api_param(ar, 0));
}

void
api_agency_member_add(struct api_req *ar)
{
	org_edit(ar, "agency", APP_ORG_MEMBER_ADD, api_param(ar, 0));
}

void
api_agency_member_remove(struct api_req *ar)
{
	org_edit(ar, "agency", APP_ORG_MEMBER_REMOVE, api_param(ar, 0));
}

void
api_unit_add(struct api_req *ar)
{
	org_edit(ar, "unit", APP_ORG_ADD, NULL);
}

void
api_unit_rename(struct api_req *ar)
{
	org_edit(ar, "unit", APP_ORG_RENAME, api_param(ar, 0));
}

void
api_unit_deactivate(struct api_req *ar)
{
	org_edit(ar, "unit", APP_ORG_DEACTIVATE, api_param(ar, 0));
}

void
api_unit_reactivate(struct api_req *ar)
{
	org_edit(ar, "unit", APP_ORG_REACTIVATE, api_param(ar, 0));
}

void
api_unit_merge(struct api_req *ar)
{
	org_edit(ar, "unit", APP_ORG_MERGE, api_param(ar, 0));
}

static int
change_row(void *ctx, const struct st_org_change *c)
{
	json_array_append_new(ctx,
	    json_pack("{s:I, s:s, s:s, s:s, s:s?, s:s?, s:s, s:s, s:s}", "id",
		(json_int_t)c->soc_id, "kind", c->soc_kind, "entity",
		c->soc_entity, "code", c->soc_code, "old", c->soc_old, "new",
		c->soc_new, "effective", c->soc_effective, "at", c->soc_at,
		"by", c->soc_by));
	return 0;
}

void
api_org_changes(struct api_req *ar)
{
	json_t *list = json_array();
	struct diag d;
	int rc;

	diag_init(&d);
	rc = app_org_changes(ar->ar_s, change_row, list, &d);
	api_answer(ar, rc, &d, 200, json_pack("{s:o}", "changes", list));
}

static int
load_line(void *ctx, const struct app_org_line *l)
{
	json_array_append_new(ctx,
	    json_pack("{s:s, s:s, s:s, s:s?, s:s?, s:s}", "kind", l->oln_kind,
		"entity", l->oln_entity, "code", l->oln_code, "old", l->oln_old,
		"new", l->oln_new, "effective", l->oln_effective));
	return 0;
}

void
api_org_load(struct api_req *ar)
{
	const char *dry = http_query(ar->ar_rq, "dry_run");
	const char *eff = http_query(ar->ar_rq, "effective");
	int dry_run = dry != NULL && strcmp(dry, "0") != 0, rc;
	json_t *list;
	struct diag d;

	if (!api_allow(ar, APP_ORG, NULL))
		return;
	if (ar->ar_rq->rq_body.b_len == 0) {
		api_error(ar, 400, "missing_body", NULL,
		    "cần nội dung tệp tổ chức (YAML) trong thân yêu cầu",
		    "the organisation file (YAML) is needed as the body");
		return;
	}
	list = json_array();
	diag_init(&d);
	rc = app_org_load(ar->ar_s, api_actor(ar),
	    buf_cstr(&ar->ar_rq->rq_body), ar->ar_rq->rq_body.b_len, "org.yaml",
	    eff, dry_run, load_line, list, &d);
	api_answer(ar, rc, &d, 200,
	    json_pack("{s:b, s:o}", "dry_run", dry_run, "changes", list));
}

/* A lineage as JSON: each unit with its results and periods. */
struct lineage_json {
	struct api_req *lj_ar;
	json_t *lj_list;
	const char *lj_code;
	const char *lj_bare;
	json_t *lj_results;
	json_t *lj_periods;
};

static int
lineage_result(void *ctx, const struct app_result *r)
{
	struct lineage_json *lj = ctx;

	if (r->rsl_province[0] == '\0' ||
	    strcmp(app_result_bare(r->rsl_province), lj->lj_bare) != 0)
		return 0;
	json_array_append_new(lj->lj_results,
	    json_pack("{s:i, s:s, s:o, s:i}", "year", r->rsl_year, "province",
		r->rsl_province, "index",
		isnan(r->rsl_index) ? json_null() : json_real(r->rsl_index),
		"rank", r->rsl_rank));
	return 0;
}

static int
lineage_period(void *ctx, const struct st_period *p)
{
	struct lineage_json *lj = ctx;
	char prov[80];

	if (app_period_province(lj->lj_ar->ar_s, p, prov, sizeof(prov)) == 0 &&
	    strcmp(prov, lj->lj_code) == 0)
		json_array_append_new(lj->lj_periods, json_string(p->sp_code));
	return 0;
}

static int
lineage_row(void *ctx, const struct app_lineage *l)
{
	struct lineage_json *lj = ctx;
	struct diag d;

	lj->lj_code = l->ln_code;
	lj->lj_bare = app_result_bare(l->ln_name);
	lj->lj_results = json_array();
	lj->lj_periods = json_array();
	diag_init(&d);
	(void)app_results(lj->lj_ar->ar_s, 0, lineage_result, lj, &d);
	(void)app_periods(lj->lj_ar->ar_s, lineage_period, lj, &d);
	diag_free(&d);
	json_array_append_new(lj->lj_list,
	    json_pack("{s:s, s:s, s:s?, s:s?, s:i, s:o, s:o}", "code",
		l->ln_code, "name", l->ln_name, "merged_on", l->ln_to,
		"successor", l->ln_successor, "depth", l->ln_depth, "results",
		lj->lj_results, "periods", lj->lj_periods));
	return 0;
}

void
api_unit_lineage(struct api_req *ar)
{
	struct lineage_json lj;
	struct diag d;
	int rc;

	memset(&lj, 0, sizeof(lj));
	lj.lj_ar = ar;
	lj.lj_list = json_array();
	diag_init(&d);
	rc = app_org_lineage(ar->ar_s, api_param(ar, 0), lineage_row, &lj, &d);
	api_answer(ar, rc, &d, 200, json_pack("{s:o}", "units", lj.lj_list));
}
