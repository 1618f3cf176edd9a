/*
 * app_plan_target.c: targets the index does not measure (measure: manual),
 * entered by hand with evidence by their responsible agency and taken
 * through the review values have: draft -> submitted -> approved, or
 * returned with a comment; approved -> draft on reopening. Each step is a
 * new version (the old one archived) and an audit row.
 */
#include "app/app_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

/* A hand-entered target found by plan and code. */
struct target_pick {
	int tp_n;
	long tp_id;
	int tp_manual;
	char tp_code[64];
	char tp_agency[64];
	char tp_plans[256];
};

static int
target_pick_row(void *ctx, const struct st_target *t)
{
	struct target_pick *p = ctx;
	size_t used = strlen(p->tp_plans);

	if (p->tp_n++ == 0) {
		p->tp_id = t->sg_id;
		p->tp_manual = t->sg_manual;
		snprintf(p->tp_code, sizeof(p->tp_code), "%s", t->sg_code);
		snprintf(p->tp_agency, sizeof(p->tp_agency), "%s",
		    t->sg_agency ? t->sg_agency : "");
	}
	snprintf(p->tp_plans + used, sizeof(p->tp_plans) - used, "%s%s",
	    used ? ", " : "", t->sg_plan);
	return 0;
}

/* Target ${code} of ${plan} (NULL: the one plan that has it), by hand. */
static int
target_find(struct store *s, const char *plan, const char *code,
    struct target_pick *p, struct diag *d)
{
	struct st_target_filter f = { plan, 0, code };

	memset(p, 0, sizeof(*p));
	if (store_target_each_in(s, &f, target_pick_row, p) != 0)
		return app_store_error(s, d);
	if (p->tp_n == 0) {
		diag_add(d, DIAG_ERROR, "store.not_found", NULL, 0, 0,
		    "không có chỉ tiêu '%s'", "no target '%s'", code);
		return -1;
	}
	if (p->tp_n > 1) {
		diag_add(d, DIAG_ERROR, "target.ambiguous", NULL, 0, 0,
		    "chỉ tiêu '%s' có trong nhiều kế hoạch (%s): hãy chọn kế hoạch",
		    "target '%s' is in several plans (%s): choose the plan",
		    code, p->tp_plans);
		return -1;
	}
	if (!p->tp_manual) {
		diag_add(d, DIAG_ERROR, "target.measured", NULL, 0, 0,
		    "chỉ tiêu '%s' không nhập tay: giá trị tính từ số liệu của chỉ số",
		    "target '%s' is not entered by hand: the index's values give it",
		    code);
		return -1;
	}
	return 0;
}

/* The current version of a target's value, copied. */
struct target_cur {
	int tcu_found;
	struct st_target_value tcu_v;
	char tcu_note[4096], tcu_doc[512], tcu_comment[4096], tcu_sha[65];
};

static int
target_cur_row(void *ctx, const struct st_target_value *v)
{
	struct target_cur *c = ctx;

	if (v->stv_archived)
		return 0;
	c->tcu_found = 1;
	c->tcu_v = *v;
	snprintf(c->tcu_note, sizeof(c->tcu_note), "%s", v->stv_note);
	snprintf(c->tcu_doc, sizeof(c->tcu_doc), "%s", v->stv_doc);
	snprintf(c->tcu_comment, sizeof(c->tcu_comment), "%s", v->stv_comment);
	snprintf(c->tcu_sha, sizeof(c->tcu_sha), "%s",
	    v->stv_file_sha256 ? v->stv_file_sha256 : "");
	c->tcu_v.stv_note = c->tcu_note;
	c->tcu_v.stv_doc = c->tcu_doc;
	c->tcu_v.stv_comment = c->tcu_comment;
	c->tcu_v.stv_file_sha256 = c->tcu_sha[0] ? c->tcu_sha : NULL;
	c->tcu_v.stv_agency = NULL; /* set by the step */
	return 0;
}

/* The step's permission, target state and audit action. */
static const struct {
	enum app_perm ts_perm;
	enum value_status ts_to;
	const char *ts_action;
} steps[] = {
	[APP_TARGET_SET] = { APP_VALUE_WRITE, VALUE_DRAFT, "target.set" },
	[APP_TARGET_SUBMIT] = { APP_SUBMIT, VALUE_SUBMITTED, "target.submit" },
	[APP_TARGET_APPROVE] = { APP_REVIEW, VALUE_APPROVED, "target.approve" },
	[APP_TARGET_RETURN] = { APP_REVIEW, VALUE_RETURNED, "target.return" },
	[APP_TARGET_REOPEN] = { APP_REOPEN, VALUE_DRAFT, "target.reopen" },
};

/* May the current version ${c} take step ${step}? Else an error. */
static int
step_allowed(enum app_target_step step, const struct target_cur *c,
    const char *code, struct diag *d)
{
	if (step == APP_TARGET_SET) {
		if (!c->tcu_found || value_status_editable(c->tcu_v.stv_status))
			return 0;
		diag_add(d, DIAG_ERROR, "value.locked", NULL, 0, 0,
		    "giá trị của chỉ tiêu '%s' đang %s: không sửa được",
		    "the value of target '%s' is %s: it cannot be changed",
		    code, value_status_name(c->tcu_v.stv_status));
		return -1;
	}
	if (!c->tcu_found) {
		diag_add(d, DIAG_ERROR, "review.none", NULL, 0, 0,
		    "chỉ tiêu '%s' chưa có giá trị nhập",
		    "target '%s' has no value entered", code);
		return -1;
	}
	if (value_status_may(c->tcu_v.stv_status, steps[step].ts_to))
		return 0;
	diag_add(d, DIAG_ERROR, "review.none", NULL, 0, 0,
	    "giá trị của chỉ tiêu '%s' đang %s: không chuyển sang %s được",
	    "the value of target '%s' is %s: it cannot become %s", code,
	    value_status_name(c->tcu_v.stv_status),
	    value_status_name(steps[step].ts_to));
	return -1;
}

/* The checks of the step's own arguments. */
static int
step_input(enum app_target_step step, const struct app_target_input *in,
    struct diag *d)
{
	if (step == APP_TARGET_SET && !isfinite(in->ti_value)) {
		diag_put(d, DIAG_ERROR, "target.value", NULL, 0, 0,
		    "cần một giá trị số", "a numeric value is needed");
		return -1;
	}
	if (step == APP_TARGET_RETURN &&
	    (in->ti_comment == NULL || in->ti_comment[0] == '\0')) {
		diag_put(d, DIAG_ERROR, "target.comment", NULL, 0, 0,
		    "trả lại cần ý kiến của người duyệt",
		    "returning needs the reviewer's comment");
		return -1;
	}
	if (app_text_check(APP_TEXT_NOTE, in->ti_note, d) < 0 ||
	    app_text_check(APP_TEXT_DOC, in->ti_doc, d) < 0 ||
	    app_text_check(APP_TEXT_COMMENT, in->ti_comment, d) < 0)
		return -1;
	return 0;
}

int
app_target_step(struct store *s, const struct app_actor *a,
    enum app_target_step step, const struct app_target_input *in,
    enum value_status *out, struct diag *d)
{
	struct target_pick p;
	struct target_cur *c;
	struct st_target_value v;
	char sha[65];
	int rc = -1;

	if (target_find(s, in->ti_plan, in->ti_code, &p, d) != 0)
		return -1;
	/* set and submit: the responsible agency; the rest: reviewers */
	if (app_check(s, a, steps[step].ts_perm, p.tp_agency, d) != 0 ||
	    step_input(step, in, d) != 0)
		return -1;
	c = xcalloc(1, sizeof(*c));
	if (store_target_value_each(s, p.tp_id, target_cur_row, c) != 0) {
		rc = app_store_error(s, d);
		goto done;
	}
	if (step_allowed(step, c, p.tp_code, d) != 0)
		goto done;
	v = c->tcu_v;
	v.stv_target = p.tp_id;
	v.stv_status = steps[step].ts_to;
	v.stv_agency = p.tp_agency;
	v.stv_comment = step == APP_TARGET_RETURN ? in->ti_comment : "";
	if (step == APP_TARGET_SET) {
		v.stv_value = in->ti_value;
		v.stv_note = in->ti_note;
		v.stv_doc = in->ti_doc;
		v.stv_file_sha256 = NULL;
	} else {
		/* evidence may come with a later step (after a return) */
		if (in->ti_note != NULL)
			v.stv_note = in->ti_note;
		if (in->ti_doc != NULL)
			v.stv_doc = in->ti_doc;
	}
	if (store_tx_begin(s) != 0) {
		rc = app_store_error(s, d);
		goto done;
	}
	if (in->ti_data != NULL) {
		if (store_file_put(s, in->ti_data, in->ti_len, sha) != 0) {
			rc = app_abort(s, d);
			goto done;
		}
		v.stv_file_sha256 = sha;
	}
	if (store_target_value_put(
		s, &v, steps[step].ts_action, p.tp_code, a->ac_login) != 0 ||
	    store_tx_commit(s) != 0) {
		rc = app_abort(s, d);
		goto done;
	}
	if (out != NULL)
		*out = v.stv_status;
	rc = 0;
done:
	free(c);
	return rc;
}

int
app_target_history(struct store *s, const char *plan, const char *code,
    int (*cb)(void *, const struct st_target_value *), void *ctx,
    struct diag *d)
{
	struct target_pick p;

	if (target_find(s, plan, code, &p, d) != 0)
		return -1;
	if (store_target_value_each(s, p.tp_id, cb, ctx) != 0)
		return app_store_error(s, d);
	return 0;
}
