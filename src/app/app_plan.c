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

/* Looking for one task's lead agencies. */
struct task_find {
	const char *tf_code;
	char tf_leads[512];
	int tf_found;
};

static int
task_find_row(void *ctx, const struct st_task *t)
{
	struct task_find *f = ctx;

	if (strcmp(f->tf_code, t->st_code) != 0)
		return 0;
	snprintf(f->tf_leads, sizeof(f->tf_leads), "%s",
	    t->st_leads ? t->st_leads : "");
	f->tf_found = 1;
	return 1;
}

int
app_task_may(struct store *s, const struct app_actor *a, const char *code)
{
	struct task_find f;
	char *tok, *save = NULL;
	int rc, allowed = 0;

	memset(&f, 0, sizeof(f));
	f.tf_code = code;
	if ((rc = store_task_each(s, task_find_row, &f)) != 0)
		return rc;
	if (!f.tf_found)
		return STORE_ENOTFOUND;
	/* the lead agencies of the task (or a coordinator) may report */
	for (tok = strtok_r(f.tf_leads, ",", &save); tok != NULL && !allowed;
	     tok = strtok_r(NULL, ",", &save))
		allowed = app_may(s, a, APP_TASK_UPDATE, tok);
	return allowed || app_may(s, a, APP_REVIEW, NULL);
}

int
app_task_progress(struct store *s, const struct app_actor *a, const char *code,
    const enum task_status *status, const char *note, const char *doc,
    const void *data, size_t len, struct diag *d)
{
	struct st_task_report r;
	char sha[65];
	int may = app_task_may(s, a, code);

	/* an unknown task is the store's to report, like any other */
	if (may == 0)
		return app_check(s, a, APP_REVIEW, NULL, d);
	if (app_text_check(APP_TEXT_NOTE, note, d) < 0 ||
	    app_text_check(APP_TEXT_DOC, doc, d) < 0)
		return -1;
	if (store_tx_begin(s) != 0)
		return app_store_error(s, d);
	if (data != NULL && store_file_put(s, data, len, sha) != 0)
		return app_abort(s, d);
	r.stp_task = code;
	r.stp_set_status = status != NULL;
	r.stp_status = status != NULL ? *status : TASK_NOT_STARTED;
	r.stp_note = note;
	r.stp_doc = doc;
	r.stp_file_sha256 = data != NULL ? sha : NULL;
	if (store_task_report(s, &r, a->ac_login) != 0 ||
	    store_tx_commit(s) != 0)
		return app_abort(s, d);
	return 0;
}

struct targets_ctx {
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

static int
target_row(void *vctx, const struct st_target *t)
{
	struct targets_ctx *c = vctx;
	struct app_target a;

	a.tg_target = t;
	a.tg_period = c->tt_period;
	a.tg_value = NAN;
	a.tg_progress = NAN;
	if (t->sg_numerator != NULL) {
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
	if (t->sg_numerator == NULL && t->sg_score == NULL)
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
app_targets(struct store *s, const char *period, int drafts,
    int (*cb)(void *, const struct app_target *), void *ctx, struct diag *d)
{
	struct targets_ctx c;
	struct app_scored sd;
	char code[16] = "", prov[80] = "";
	int rc = 0;

	memset(&c, 0, sizeof(c));
	memset(&sd, 0, sizeof(sd));
	c.tt_unit = -1;
	c.tt_cb = cb;
	c.tt_ctx = ctx;
	if (period != NULL)
		snprintf(code, sizeof(code), "%s", period);
	else if (store_period_each(s, last_period, code) != 0)
		return app_store_error(s, d);
	c.tt_period = code;
	if (code[0] != '\0') {
		if (app_score_period(s, code, drafts, &sd, d) != 0)
			return -1;
		store_meta_get(s, "province", prov, sizeof(prov));
		c.tt_r = sd.sd_round;
		c.tt_sc = sd.sd_score;
		c.tt_unit = round_find(c.tt_r, prov);
	}
	if (store_target_each(s, target_row, &c) != 0)
		rc = app_store_error(s, d);
	app_scored_free(&sd);
	return rc;
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
