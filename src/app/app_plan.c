/*
 * app_plan.c: the plan (Appendix 1): its tasks and their progress, its
 * numeric targets measured on a period's values; and the audit log.
 */
#include "app/app_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/date.h"

int
app_tasks(struct store *s, int (*cb)(void *, const struct st_task *), void *ctx,
    struct diag *d)
{
	if (store_task_each(s, cb, ctx) != 0)
		return app_store_error(s, d);
	return 0;
}

int
app_task_overdue(const struct st_task *t, long today)
{
	long due = 0;

	if (t->st_due_date == NULL || date_parse(t->st_due_date, &due) != 0 ||
	    today <= due)
		return 0;
	switch (t->st_status) {
	case TASK_NOT_STARTED:
	case TASK_IN_PROGRESS: return 1;
	case TASK_DONE: return 0;
	}
	return 1;
}

enum task_status
app_task_derive(int n, const enum task_status *leads)
{
	int i, done = 0, started = 0;

	for (i = 0; i < n; i++) {
		done += leads[i] == TASK_DONE;
		started += leads[i] != TASK_NOT_STARTED;
	}
	if (n > 0 && done == n)
		return TASK_DONE;
	return started > 0 ? TASK_IN_PROGRESS : TASK_NOT_STARTED;
}

int
app_tasks_in(struct store *s, const struct st_task_filter *f,
    int (*cb)(void *, const struct st_task *), void *ctx, struct diag *d)
{
	if (store_task_each_in(s, f, cb, ctx) != 0)
		return app_store_error(s, d);
	return 0;
}

int
app_task_agencies(struct store *s, long task,
    int (*cb)(void *, const struct st_task_agency *), void *ctx, struct diag *d)
{
	if (store_task_agency_each(s, task, cb, ctx) != 0)
		return app_store_error(s, d);
	return 0;
}

int
app_task_history(struct store *s, long task,
    int (*cb)(void *, const struct st_progress *), void *ctx, struct diag *d)
{
	if (store_task_progress_each(s, task, cb, ctx) != 0)
		return app_store_error(s, d);
	return 0;
}

/* Looking for one task by code: how many plans have it, the first. */
struct task_find {
	struct app_task_ref *tf_out;
	int tf_n;
	char tf_plans[256]; /* the plans that have it, for the message */
};

static int
task_find_row(void *ctx, const struct st_task *t)
{
	struct task_find *f = ctx;
	size_t used = strlen(f->tf_plans);

	if (f->tf_n++ == 0) {
		f->tf_out->tref_id = t->st_id;
		f->tf_out->tref_plan = t->st_plan_id;
		snprintf(f->tf_out->tref_plan_code,
		    sizeof(f->tf_out->tref_plan_code), "%s", t->st_plan);
		snprintf(f->tf_out->tref_code, sizeof(f->tf_out->tref_code),
		    "%s", t->st_code);
	}
	snprintf(f->tf_plans + used, sizeof(f->tf_plans) - used, "%s%s",
	    used ? ", " : "", t->st_plan);
	return 0;
}

int
app_task_find(struct store *s, const char *plan, const char *code,
    struct app_task_ref *out, struct diag *d)
{
	struct st_task_filter tf = { plan, 0, NULL, code };
	struct task_find f;

	memset(out, 0, sizeof(*out));
	memset(&f, 0, sizeof(f));
	f.tf_out = out;
	if (store_task_each_in(s, &tf, task_find_row, &f) != 0)
		return app_store_error(s, d);
	if (f.tf_n == 0) {
		if (plan != NULL)
			diag_add(d, DIAG_ERROR, "store.not_found", NULL, 0, 0,
			    "kế hoạch '%s' không có nhiệm vụ '%s'",
			    "plan '%s' has no task '%s'", plan, code);
		else
			diag_add(d, DIAG_ERROR, "store.not_found", NULL, 0, 0,
			    "không có nhiệm vụ '%s'", "no task '%s'", code);
		return -1;
	}
	if (f.tf_n > 1) {
		diag_add(d, DIAG_ERROR, "task.ambiguous", NULL, 0, 0,
		    "nhiệm vụ '%s' có trong nhiều kế hoạch (%s): hãy chọn kế hoạch",
		    "task '%s' is in several plans (%s): choose the plan", code,
		    f.tf_plans);
		return -1;
	}
	return 0;
}

/* The agencies of one task: who they are and their statuses. */
#define TASK_MAX_AGENCIES 256
struct task_agencies {
	char ta_agency[TASK_MAX_AGENCIES][64];
	enum task_status ta_status[TASK_MAX_AGENCIES];
	unsigned char ta_lead[TASK_MAX_AGENCIES];
	int ta_n, ta_nleads;
};

static int
task_agency_row(void *ctx, const struct st_task_agency *a)
{
	struct task_agencies *t = ctx;

	if (t->ta_n == TASK_MAX_AGENCIES)
		return 1;
	snprintf(t->ta_agency[t->ta_n], sizeof(t->ta_agency[0]), "%s",
	    a->sta_agency);
	t->ta_status[t->ta_n] = a->sta_status;
	t->ta_lead[t->ta_n] = strcmp(a->sta_role, "lead") == 0;
	t->ta_nleads += t->ta_lead[t->ta_n];
	t->ta_n++;
	return 0;
}

/*
 * Which of the task's agencies the report is for: its index; -2 for the
 * whole task (a coordinator or an admin naming none); -1 on error.
 */
static int
task_agency_pick(struct store *s, const struct app_actor *a,
    const struct task_agencies *t, const char *agency, const char *code,
    struct diag *d)
{
	int i;

	if (agency != NULL) {
		for (i = 0; i < t->ta_n; i++)
			if (strcmp(t->ta_agency[i], agency) == 0)
				return i;
		diag_add(d, DIAG_ERROR, "task.agency", NULL, 0, 0,
		    "cơ quan '%s' không chủ trì hay phối hợp nhiệm vụ '%s'",
		    "agency '%s' neither leads nor coordinates task '%s'",
		    agency, code);
		return -1;
	}
	if (a->ac_role != ROLE_OFFICER)
		return -2;
	/* an officer: its own agency, or a collective it is in */
	for (i = 0; a->ac_agency != NULL && i < t->ta_n; i++)
		if (strcmp(t->ta_agency[i], a->ac_agency) == 0)
			return i;
	for (i = 0; a->ac_agency != NULL && i < t->ta_n; i++)
		if (store_agency_in(s, a->ac_agency, t->ta_agency[i]) == 1)
			return i;
	app_check(s, a, APP_TASK_UPDATE, NULL, d);
	return -1;
}

int
app_task_progress(struct store *s, const struct app_actor *a, const char *plan,
    const char *code, const char *agency, const enum task_status *status,
    const char *note, const char *doc, const void *data, size_t len,
    struct diag *d)
{
	struct task_agencies *t;
	struct app_task_ref ref;
	struct st_task_report r;
	enum task_status leads[TASK_MAX_AGENCIES];
	char sha[65];
	int i, k, n = 0, rc = -1;

	if (app_task_find(s, plan, code, &ref, d) != 0)
		return -1;
	t = xcalloc(1, sizeof(*t));
	if (store_task_agency_each(s, ref.tref_id, task_agency_row, t) != 0) {
		free(t);
		return app_store_error(s, d);
	}
	if ((k = task_agency_pick(s, a, t, agency, code, d)) == -1 ||
	    app_check(s, a, APP_TASK_UPDATE, k >= 0 ? t->ta_agency[k] : NULL,
		d) != 0 ||
	    app_text_check(APP_TEXT_NOTE, note, d) < 0 ||
	    app_text_check(APP_TEXT_DOC, doc, d) < 0)
		goto out;
	for (i = 0; i < t->ta_n; i++) {
		if (status != NULL && (i == k || (k == -2 && t->ta_lead[i])))
			t->ta_status[i] = *status;
		if (t->ta_lead[i])
			leads[n++] = t->ta_status[i];
	}
	if (store_tx_begin(s) != 0) {
		rc = app_store_error(s, d);
		goto out;
	}
	if (data != NULL && store_file_put(s, data, len, sha) != 0) {
		rc = app_abort(s, d);
		goto out;
	}
	memset(&r, 0, sizeof(r));
	r.stp_task = ref.tref_code;
	r.stp_plan = ref.tref_plan;
	r.stp_agency = k >= 0 ? t->ta_agency[k] : NULL;
	r.stp_set_status = status != NULL;
	r.stp_status = status != NULL ? *status : TASK_NOT_STARTED;
	r.stp_task_status = app_task_derive(n, leads);
	r.stp_note = note;
	r.stp_doc = doc;
	r.stp_file_sha256 = data != NULL ? sha : NULL;
	if (store_task_report(s, &r, a->ac_login) != 0 ||
	    store_tx_commit(s) != 0)
		rc = app_abort(s, d);
	else
		rc = 0;
out:
	free(t);
	return rc;
}

struct targets_ctx {
	struct store *tt_s;
	int tt_drafts;
	char *tt_plans; /* the plans' codes seen, comma separated */
	size_t tt_plans_size;
	struct round *tt_r;
	struct score *tt_sc;
	int tt_unit;
	const char *tt_period;
	int (*tt_cb)(void *, const struct app_target *);
	void *tt_ctx;
};

/* Sum of the listed inputs for the province; NAN when one is missing. */
static double
sum_inputs(const struct targets_ctx *c, const char *list)
{
	char *copy, *tok, *save = NULL;
	double sum = 0;

	if (list == NULL || c->tt_r == NULL || c->tt_unit < 0)
		return NAN;
	copy = xstrdup(list);
	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	     tok = strtok_r(NULL, ",", &save)) {
		int in = method_input(c->tt_r->r_m, tok, strlen(tok));

		if (in < 0 || !round_has(c->tt_r, c->tt_unit, in)) {
			sum = NAN;
			break;
		}
		sum += round_get(c->tt_r, c->tt_unit, in);
	}
	free(copy);
	return sum;
}

/* The current hand-entered value of a target. */
struct manual_find {
	int mnf_drafts;
	double mnf_value;
	enum value_status mnf_status;
	int mnf_found;
};

static int
manual_row(void *ctx, const struct st_target_value *v)
{
	struct manual_find *m = ctx;

	if (v->stv_archived)
		return 0;
	m->mnf_found = 1;
	m->mnf_status = v->stv_status;
	if (m->mnf_drafts || v->stv_status == VALUE_APPROVED)
		m->mnf_value = v->stv_value;
	return 0;
}

/* Add ${plan} to the comma-separated list ${c}->tt_plans once. */
static void
plans_add(struct targets_ctx *c, const char *plan)
{
	size_t used;

	if (c->tt_plans == NULL || app_in_list(c->tt_plans, plan))
		return;
	used = strlen(c->tt_plans);
	snprintf(c->tt_plans + used, c->tt_plans_size - used, "%s%s",
	    used ? "," : "", plan);
}

static int
target_row(void *vctx, const struct st_target *t)
{
	struct targets_ctx *c = vctx;
	struct manual_find mf;
	struct app_target a;

	memset(&a, 0, sizeof(a));
	a.tg_target = t;
	a.tg_period = c->tt_period;
	a.tg_value = NAN;
	a.tg_progress = NAN;
	plans_add(c, t->sg_plan);
	if (t->sg_manual) {
		memset(&mf, 0, sizeof(mf));
		mf.mnf_drafts = c->tt_drafts;
		mf.mnf_value = NAN;
		if (store_target_value_each(
			c->tt_s, t->sg_id, manual_row, &mf) != 0)
			return -1;
		a.tg_value = mf.mnf_value;
		if (mf.mnf_found)
			a.tg_review = value_status_name(mf.mnf_status);
	} else if (t->sg_numerator != NULL) {
		double num = sum_inputs(c, t->sg_numerator);
		double den =
		    t->sg_denominator ? sum_inputs(c, t->sg_denominator) : 1.0;

		if (!isnan(num) && !isnan(den) && den != 0)
			a.tg_value = num / den;
	} else if (t->sg_score != NULL && c->tt_sc != NULL && c->tt_unit >= 0) {
		int col = score_col_of(c->tt_sc, t->sg_score);

		if (col >= 0)
			a.tg_value = score_get(c->tt_sc, c->tt_unit, col);
	}
	if (!isnan(a.tg_value) && !isnan(t->sg_target) && t->sg_target > 0)
		a.tg_progress = a.tg_value / t->sg_target;
	if (t->sg_numerator == NULL && t->sg_score == NULL && !t->sg_manual)
		a.tg_state = TARGET_NOT_MEASURED;
	else if (isnan(a.tg_value))
		a.tg_state = TARGET_NO_DATA;
	else if (isnan(t->sg_target))
		a.tg_state = TARGET_NO_TARGET;
	else if (a.tg_value >= t->sg_target)
		a.tg_state = TARGET_MET;
	else
		a.tg_state = TARGET_NOT_MET;
	return c->tt_cb(c->tt_ctx, &a);
}

static int
last_period(void *ctx, const struct st_period *p)
{
	snprintf(ctx, 16, "%s", p->sp_code);
	return 0;
}

int
app_targets_year(struct store *s, const char *period, int drafts, int *year,
    char *plans, size_t plans_size,
    int (*cb)(void *, const struct app_target *), void *ctx, struct diag *d)
{
	struct st_target_filter f = { NULL, 0, NULL };
	struct targets_ctx c;
	struct app_scored sd;
	struct st_period p;
	char code[16] = "", prov[80] = "";
	int rc = 0;

	memset(&c, 0, sizeof(c));
	memset(&sd, 0, sizeof(sd));
	*year = 0;
	if (plans != NULL && plans_size > 0)
		plans[0] = '\0';
	c.tt_s = s;
	c.tt_drafts = drafts;
	c.tt_plans = plans;
	c.tt_plans_size = plans_size;
	c.tt_unit = -1;
	c.tt_cb = cb;
	c.tt_ctx = ctx;
	if (period != NULL)
		snprintf(code, sizeof(code), "%s", period);
	else if (store_period_each(s, last_period, code) != 0)
		return app_store_error(s, d);
	c.tt_period = code;
	if (code[0] != '\0') {
		if (store_period_get(s, code, &p) != 0)
			return app_store_error(s, d);
		/* a period is compared with the targets of its own year */
		f.sgf_year = *year = p.sp_year;
		if (app_score_period(s, code, drafts, &sd, d) != 0)
			return -1;
		store_meta_get(s, "province", prov, sizeof(prov));
		c.tt_r = sd.sd_round;
		c.tt_sc = sd.sd_score;
		c.tt_unit = round_find(c.tt_r, prov);
	}
	if (store_target_each_in(s, &f, target_row, &c) != 0)
		rc = app_store_error(s, d);
	app_scored_free(&sd);
	return rc;
}

int
app_targets(struct store *s, const char *period, int drafts,
    int (*cb)(void *, const struct app_target *), void *ctx, struct diag *d)
{
	int year;

	return app_targets_year(s, period, drafts, &year, NULL, 0, cb, ctx, d);
}

/*
 * What an officer may read of the audit log: its own actions, and the
 * entries about the inputs (their values and evidence) and the tasks its
 * agency leads, or a collective its agency is in, in the newest
 * methodology.
 */
struct audit_scope {
	const struct app_actor *asc_actor;
	const struct method *asc_m; /* the newest methodology, or NULL */
	unsigned char *asc_led; /* per input of asc_m: led by the agency */
	char *asc_tasks; /* ",CODE,CODE," of the tasks it leads */
	int (*asc_cb)(void *, const struct st_audit *);
	void *asc_ctx;
};

/* Looking for the tasks an actor leads: every task's code and leads. */
static int
audit_task_row(void *ctx, const struct st_task *t)
{
	struct buf *b = ctx;

	buf_printf(b, "%s\t%s\n", t->st_code, t->st_leads ? t->st_leads : "");
	return 0;
}

/* Fill ${sc} for officer ${a}; a store error code. */
static int
audit_scope_init(struct store *s, const struct app_actor *a,
    struct audit_scope *sc, struct diag *d)
{
	struct buf rows, tasks;
	const char *owner, *last = NULL;
	char *line, *tab, *lead, *save = NULL, *save2 = NULL;
	long id;
	int i, led = 0;

	if (store_method_latest(s, &id) == 0) {
		if (app_method(s, id, &sc->asc_m, d) != 0)
			return -1;
		sc->asc_led = xcalloc((size_t)sc->asc_m->m_ninputs + 1, 1);
		for (i = 0; i < sc->asc_m->m_ninputs; i++) {
			owner = app_owner(sc->asc_m, i);
			if (owner == NULL)
				continue;
			if (last == NULL || strcmp(owner, last) != 0)
				led = app_may(s, a, APP_VALUE_WRITE, owner);
			last = owner;
			sc->asc_led[i] = (unsigned char)led;
		}
	}
	buf_init(&rows);
	buf_init(&tasks);
	buf_puts(&tasks, ",");
	if (store_task_each(s, audit_task_row, &rows) != 0) {
		buf_free(&rows);
		buf_free(&tasks);
		return app_store_error(s, d);
	}
	for (line = strtok_r(rows.b_data, "\n", &save); line != NULL;
	     line = strtok_r(NULL, "\n", &save)) {
		if ((tab = strchr(line, '\t')) == NULL)
			continue;
		*tab = '\0';
		for (lead = strtok_r(tab + 1, ",", &save2); lead != NULL;
		     lead = strtok_r(NULL, ",", &save2)) {
			if (app_may(s, a, APP_TASK_UPDATE, lead)) {
				buf_printf(&tasks, "%s,", line);
				break;
			}
		}
	}
	buf_free(&rows);
	sc->asc_tasks = xstrdup(buf_cstr(&tasks));
	buf_free(&tasks);
	return 0;
}

/* Is audit row ${r} within ${sc}? */
static int
audit_in_scope(const struct audit_scope *sc, const struct st_audit *r)
{
	char code[80];
	int in;

	if (strcmp(r->sau_actor, sc->asc_actor->ac_login) == 0)
		return 1;
	if (strcmp(r->sau_entity, "value") == 0 ||
	    strcmp(r->sau_entity, "evidence") == 0) {
		/* the entry's input (the store reads an old one's key) */
		if (sc->asc_m == NULL || r->sau_input == NULL)
			return 0;
		in =
		    method_input(sc->asc_m, r->sau_input, strlen(r->sau_input));
		/* a member's part (and its evidence): only its own */
		if (in >= 0 && method_contribution(sc->asc_m, in) != NULL &&
		    r->sau_agency != NULL && r->sau_agency[0] != '\0' &&
		    strcmp(r->sau_agency, app_owner(sc->asc_m, in)) != 0)
			return app_may_see_part(sc->asc_actor, r->sau_agency);
		return in >= 0 && sc->asc_led[in];
	}
	if (strcmp(r->sau_entity, "task") == 0) {
		snprintf(code, sizeof(code), ",%s,", r->sau_key);
		return strstr(sc->asc_tasks, code) != NULL;
	}
	return 0;
}

static int
audit_scope_row(void *ctx, const struct st_audit *r)
{
	const struct audit_scope *sc = ctx;

	return audit_in_scope(sc, r) ? sc->asc_cb(sc->asc_ctx, r) : 0;
}

int
app_audit(struct store *s, const struct app_actor *a,
    const struct st_audit_filter *f, int (*cb)(void *, const struct st_audit *),
    void *ctx, struct diag *d)
{
	struct audit_scope sc;
	int rc = 0;

	if (app_check(s, a, APP_AUDIT, NULL, d) != 0)
		return -1;
	if (a->ac_role != ROLE_OFFICER) {
		if (store_audit_each(s, f, cb, ctx) != 0)
			return app_store_error(s, d);
		return 0;
	}
	memset(&sc, 0, sizeof(sc));
	sc.asc_actor = a;
	sc.asc_cb = cb;
	sc.asc_ctx = ctx;
	if (audit_scope_init(s, a, &sc, d) != 0)
		rc = -1;
	else if (store_audit_each(s, f, audit_scope_row, &sc) != 0)
		rc = app_store_error(s, d);
	free(sc.asc_led);
	free(sc.asc_tasks);
	return rc;
}
