/*
 * app_init.c: a new database: the built-in methodology, the province's
 * organisation, and on request the demo (one account per role and an
 * illustrative year, labelled as such wherever it shows).
 */
#include "app/app_int.h"

#include <stdio.h>
#include <string.h>

#include "engine/builtin.h"
#include "io/org_load.h"
#include "io/plan_load.h"

/* The demo's accounts: one per role, and officers of a few agencies. */
static const struct {
	const char *dd_login;
	enum role dd_role;
	const char *dd_agency;
} demo_accounts[APP_DEMO_NACCOUNTS] = {
	{ "admin", ROLE_ADMIN, NULL }, /* layering-ok: a login */
	{ "sotttt", ROLE_COORDINATOR, "so-tttt" },
	{ "lanhdao", ROLE_VIEWER, NULL },
	{ "cb-sotttt", ROLE_OFFICER, "so-tttt" },
	{ "cb-thongke", ROLE_OFFICER, "cuc-thong-ke" },
	{ "cb-khdt", ROLE_OFFICER, "so-khdt" },
	{ "cb-pvhcc", ROLE_OFFICER, "ttpvhcc" },
	{ "cb-ninhhai", ROLE_OFFICER, "ubnd-ninh-hai" },
};

#define DEMO_LABEL "SỐ LIỆU MINH HỌA — không phải số liệu thật"

/* The first transaction: methodology, organisation, demo accounts. */
static int
init_org(struct store *s, const struct method *m, const struct org_file *org,
    const struct plan_file *plan, const struct app_actor *a, int demo,
    long *mid, struct app_init_out *out, struct diag *d)
{
	int i;

	if (store_tx_begin(s) != 0 ||
	    app_method_store(s, m, builtin_method_text, builtin_method_len,
		a->ac_login, mid) != 0 ||
	    store_meta_set(s, "demo", demo ? "1" : "0") != 0)
		return app_abort(s, d);
	if (app_org_write(s, a->ac_login, org, d) != 0 ||
	    app_plan_write(s, a->ac_login, plan, NULL, d) != 0) {
		store_tx_rollback(s);
		return -1;
	}
	for (i = 0; demo && i < APP_DEMO_NACCOUNTS; i++) {
		struct app_demo_account *da = &out->ai_demo[i];

		da->da_login = demo_accounts[i].dd_login;
		da->da_role = demo_accounts[i].dd_role;
		da->da_agency = demo_accounts[i].dd_agency;
		if (app_user_create(s, da->da_login, da->da_role, da->da_agency,
			NULL, a->ac_login, da->da_password,
			sizeof(da->da_password), d) != 0) {
			store_tx_rollback(s);
			return -1;
		}
		out->ai_ndemo = i + 1;
	}
	if (store_tx_commit(s) != 0)
		return app_abort(s, d);
	return 0;
}

/* The illustrative year: a period and the built-in round, approved. */
static int
init_demo(struct store *s, const struct app_actor *a, long mid, struct diag *d)
{
	FILE *f;
	long count;
	int rc;

	if (app_period_add(s, a, APP_DEMO_PERIOD, mid, NULL, NULL, DEMO_LABEL,
		NULL, d) != 0)
		return -1;
	f = fmemopen((void *)builtin_demo_text, builtin_demo_len, "r");
	if (f == NULL)
		return -1;
	rc = app_values_import(s, a, APP_DEMO_PERIOD, f, builtin_demo_name,
	    NUMFMT_MACHINE, VALUE_APPROVED, APP_IMPORT_ADD_UNITS, &count, d);
	fclose(f);
	return rc;
}

int
app_init(const char *path, const struct app_actor *a, int demo,
    struct app_init_out *out, struct diag *d)
{
	struct store *s = NULL;
	struct method *m = NULL;
	struct org_file *org = NULL;
	struct plan_file *plan = NULL;
	long mid;

	memset(out, 0, sizeof(*out));
	if (method_load(&m, builtin_method_text, builtin_method_len,
		builtin_method_name, d) != 0)
		return -1;
	if (org_parse(builtin_org_text, builtin_org_len, builtin_org_name, &org,
		d) != 0) {
		method_free(m);
		return -1;
	}
	/* Plan 4233: its tasks and targets */
	if (plan_parse(builtin_plan_text, builtin_plan_len, builtin_plan_name,
		&plan, d) != 0) {
		org_file_free(org);
		method_free(m);
		return -1;
	}
	snprintf(out->ai_method, sizeof(out->ai_method), "%s", m->m_id);
	snprintf(out->ai_version, sizeof(out->ai_version), "%s",
	    m->m_version ? m->m_version : "");
	if (app_create(&s, path, d) != 0) {
		plan_file_free(plan);
		org_file_free(org);
		method_free(m);
		return -1;
	}
	if (init_org(s, m, org, plan, a, demo, &mid, out, d) != 0 ||
	    (demo && init_demo(s, a, mid, d) != 0) ||
	    (store_counts(s, &out->ai_counts) != 0 &&
		app_store_error(s, d) != 0)) {
		app_close(s);
		/* a half-made database is no use: init is all or nothing */
		store_remove(path, NULL);
		plan_file_free(plan);
		org_file_free(org);
		method_free(m);
		return -1;
	}
	app_close(s);
	plan_file_free(plan);
	org_file_free(org);
	method_free(m);
	return 0;
}
