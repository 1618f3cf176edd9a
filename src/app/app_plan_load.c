/*
 * app_plan_load.c: a plan file (io/plan_load.h) checked against the
 * database and written into it: the plan, its tasks with their links and
 * agencies, its targets; all or nothing, audited.
 */
#include "app/app_int.h"

#include <stdio.h>
#include <string.h>

#include "io/plan_load.h"

/* The store's last error, about the item at ${line}:${col}; 1 (an error). */
static int
plan_fail(struct store *s, const struct plan_file *f, long line, long col,
    struct diag *d)
{
	struct diag why;

	diag_init(&why);
	if (store_diag(s, &why) != 0 && why.d_n > 0)
		diag_put(d, DIAG_ERROR, "plan.store", f->pf_file, line, col,
		    why.d_items[0].di_vi, why.d_items[0].di_en);
	diag_free(&why);
	return 1;
}

/* Is agency ${code}, named at ${line}:${col}, in the database? */
static int
plan_agency(struct store *s, const struct plan_file *f, const char *what,
    const char *code, long line, long col, struct diag *d)
{
	int rc = store_agency_exists(s, code);

	if (rc == 1)
		return 0;
	if (rc < 0)
		return plan_fail(s, f, line, col, d);
	diag_add(d, DIAG_ERROR, "plan.agency", f->pf_file, line, col,
	    "%s: cơ quan '%s' không có trong cơ sở dữ liệu",
	    "%s: agency '%s' is not in the database", what, code);
	return 1;
}

/* Every agency the plan names exists; the number of those that do not. */
static int
check_agencies(struct store *s, const struct plan_file *f, struct diag *d)
{
	int errors = 0;
	size_t i, j;

	for (i = 0; i < f->pf_ntasks; i++) {
		const struct plan_task *t = &f->pf_tasks[i];

		for (j = 0; j < t->pt_nlinks; j++)
			if (t->pt_links[j].plk_kind != PLAN_LINK_INDICATOR)
				errors += plan_agency(s, f, t->pt_code,
				    t->pt_links[j].plk_ref,
				    t->pt_links[j].plk_line,
				    t->pt_links[j].plk_col, d);
	}
	for (i = 0; i < f->pf_ntargets; i++) {
		const struct plan_target *g = &f->pf_targets[i];

		if (g->px_agency != NULL)
			errors += plan_agency(s, f, g->px_code, g->px_agency,
			    g->px_line, g->px_col, d);
	}
	return errors;
}

/* Each task, then its links in the order the file gives them. */
static int
write_tasks(
    struct store *s, const struct plan_file *f, long plan, struct diag *d)
{
	int errors = 0;
	size_t i, j;

	for (i = 0; i < f->pf_ntasks; i++) {
		const struct plan_task *pt = &f->pf_tasks[i];
		struct st_task t = {
			.st_code = pt->pt_code,
			.st_group = pt->pt_group,
			.st_group_name = pt->pt_group_name,
			.st_text = pt->pt_text,
			.st_lead_text = pt->pt_lead_text,
			.st_coord_text = pt->pt_coord_text,
			.st_due_text = pt->pt_due_text,
			.st_due = pt->pt_due,
			.st_due_date = pt->pt_due_date,
			.st_note = pt->pt_note,
			.st_plan_id = plan,
		};

		if (store_task_add(s, &t) != 0) {
			errors += plan_fail(s, f, pt->pt_line, pt->pt_col, d);
			continue;
		}
		for (j = 0; j < pt->pt_nlinks; j++) {
			const struct plan_link *pl = &pt->pt_links[j];
			struct st_task_link l = { pt->pt_code,
				plan_link_kind_name(pl->plk_kind), pl->plk_ref,
				plan };

			if (store_task_link_add(s, &l) != 0)
				errors += plan_fail(
				    s, f, pl->plk_line, pl->plk_col, d);
		}
	}
	if (errors == 0 && store_plan_agencies(s, plan) != 0)
		errors += plan_fail(s, f, f->pf_line, f->pf_col, d);
	return errors;
}

static int
write_targets(
    struct store *s, const struct plan_file *f, long plan, struct diag *d)
{
	int errors = 0;
	size_t i;

	for (i = 0; i < f->pf_ntargets; i++) {
		const struct plan_target *px = &f->pf_targets[i];
		struct st_target g = {
			.sg_code = px->px_code,
			.sg_text = px->px_text,
			.sg_year = px->px_year,
			.sg_target = px->px_target,
			.sg_target_max = px->px_target_max,
			.sg_unit = px->px_unit,
			.sg_indicator = px->px_indicator,
			.sg_numerator = px->px_numerator,
			.sg_denominator = px->px_denominator,
			.sg_score = px->px_score,
			.sg_note = px->px_note,
			.sg_source = px->px_source,
			.sg_plan_id = plan,
			.sg_manual = px->px_manual,
			.sg_agency = px->px_agency,
		};

		if (store_target_add(s, &g) != 0)
			errors += plan_fail(s, f, px->px_line, px->px_col, d);
	}
	return errors;
}

/* Count the task-agency pairs of the plan just written. */
static int
count_row(void *ctx, const struct st_task_agency *a)
{
	(void)a;
	(*(int *)ctx)++;
	return 0;
}

static int
count_task(void *ctx, const struct st_task *t)
{
	struct store **s = ctx;

	return store_task_agency_each(s[0], t->st_id, count_row, s[1]);
}

int
app_plan_write(struct store *s, const char *login, const struct plan_file *f,
    struct app_plan_load_out *out, struct diag *d)
{
	struct st_plan p = {
		.spl_code = f->pf_code,
		.spl_title = f->pf_title,
		.spl_issuer = f->pf_issuer,
		.spl_issued = f->pf_issued,
		.spl_year_from = f->pf_year_from,
		.spl_year_to = f->pf_year_to,
		.spl_source = f->pf_source,
		.spl_file = f->pf_file,
	};
	struct st_task_filter tf = { f->pf_code, 0, NULL, NULL };
	int errors, rc, n = 0;
	void *walk[2];
	long id;

	errors = check_agencies(s, f, d);
	if (errors > 0)
		return -1;
	if ((rc = store_plan_add(s, &p, login, &id)) != 0) {
		if (rc == STORE_ECONFLICT) {
			diag_add(d, DIAG_ERROR, "plan.loaded", f->pf_file,
			    f->pf_line, f->pf_col,
			    "kế hoạch '%s' đã được nạp; nạp lại không thay đổi gì",
			    "plan '%s' is already loaded; loading it again changes nothing",
			    f->pf_code);
			return -1;
		}
		plan_fail(s, f, f->pf_line, f->pf_col, d);
		return -1;
	}
	errors += write_tasks(s, f, id, d);
	errors += write_targets(s, f, id, d);
	if (errors > 0)
		return -1;
	walk[0] = s;
	walk[1] = &n;
	if (store_task_each_in(s, &tf, count_task, walk) != 0) {
		plan_fail(s, f, f->pf_line, f->pf_col, d);
		return -1;
	}
	if (out != NULL) {
		snprintf(
		    out->plo_code, sizeof(out->plo_code), "%s", f->pf_code);
		snprintf(
		    out->plo_title, sizeof(out->plo_title), "%s", f->pf_title);
		out->plo_year_from = f->pf_year_from;
		out->plo_year_to = f->pf_year_to;
		out->plo_ntasks = (int)f->pf_ntasks;
		out->plo_ntargets = (int)f->pf_ntargets;
		out->plo_nagencies = n;
	}
	return 0;
}

int
app_plan_load(struct store *s, const struct app_actor *a, const char *text,
    size_t len, const char *file, int dry_run, struct app_plan_load_out *out,
    struct diag *d)
{
	struct plan_file *f = NULL;

	memset(out, 0, sizeof(*out));
	out->plo_dry_run = dry_run;
	if (app_check(s, a, APP_PERIOD, NULL, d) != 0)
		return -1;
	if (plan_parse(text, len, file, &f, d) != 0)
		return -1;
	if (store_tx_begin(s) != 0) {
		plan_file_free(f);
		return app_store_error(s, d);
	}
	if (app_plan_write(s, a->ac_login, f, out, d) != 0) {
		store_tx_rollback(s);
		plan_file_free(f);
		return -1;
	}
	plan_file_free(f);
	/* a dry run: everything checked and written, then undone */
	if (dry_run) {
		store_tx_rollback(s);
		return 0;
	}
	if (store_tx_commit(s) != 0)
		return app_abort(s, d);
	return 0;
}

int
app_plans(struct store *s, int (*cb)(void *, const struct st_plan *), void *ctx,
    struct diag *d)
{
	if (store_plan_each(s, cb, ctx) != 0)
		return app_store_error(s, d);
	return 0;
}
