/*
 * app_review.c: submission and review: values of an agency (or a list of
 * inputs) move between draft, submitted and approved, each step logged.
 */
#include "app/app_int.h"

#include <stdlib.h>
#include <string.h>

int
app_in_list(const char *list, const char *name)
{
	size_t n = strlen(name);
	const char *p = list;

	while ((p = strstr(p, name)) != NULL) {
		if ((p == list || p[-1] == ',') &&
		    (p[n] == ',' || p[n] == '\0'))
			return 1;
		p += n;
	}
	return 0;
}

/* One step of the review workflow. */
struct app_step {
	enum value_status wf_from;
	enum value_status wf_to;
	const char *wf_action; /* for the audit log */
	int wf_complete; /* every input of the agency must have a value */
};

static const struct app_step step_submit = { VALUE_DRAFT, VALUE_SUBMITTED,
	"value.submit", 1 };
static const struct app_step step_approve = { VALUE_SUBMITTED, VALUE_APPROVED,
	"value.approve", 0 };
static const struct app_step step_return = { VALUE_SUBMITTED, VALUE_DRAFT,
	"value.return", 0 };
static const struct app_step step_reopen = { VALUE_APPROVED, VALUE_DRAFT,
	"value.reopen", 0 };

/* What a step is about: -1 with errors when it names nothing real. */
static int
review_what(struct store *s, const struct method *m, const char *agency,
    const char *inputs, struct diag *d)
{
	char *copy, *tok, *save = NULL;
	int missing = 0;

	if (agency == NULL && inputs == NULL) {
		diag_put(d, DIAG_ERROR, "review.what", NULL, 0, 0,
		    "chỉ rõ cơ quan hoặc các dữ liệu",
		    "name the agency or the inputs");
		return -1;
	}
	if (agency != NULL && store_agency_exists(s, agency) != 1) {
		diag_add(d, DIAG_ERROR, "review.agency", NULL, 0, 0,
		    "không có cơ quan '%s'", "no agency '%s'", agency);
		return -1;
	}
	if (inputs == NULL)
		return 0;
	/* every named input must exist */
	copy = xstrdup(inputs);
	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	     tok = strtok_r(NULL, ",", &save)) {
		if (method_input(m, tok, strlen(tok)) < 0) {
			diag_add(d, DIAG_ERROR, "review.input", NULL, 0, 0,
			    "không có dữ liệu đầu vào '%s'",
			    "unknown input '%s'", tok);
			missing++;
		}
	}
	free(copy);
	return missing > 0 ? -1 : 0;
}

/*
 * Move the selected values of unit ${uid} by ${st}, inside the caller's
 * transaction. Return how many moved, -1 with errors for missing inputs
 * of a complete step, STORE_EBUSY, or -3 for another store error.
 */
static int
review_move(struct store *s, const struct st_period *p, const struct method *m,
    long uid, const char *agency, const char *inputs, const struct app_step *st,
    const char *login, const char *reason, struct diag *d)
{
	enum value_status cur;
	int i, g, moved = 0, missing = 0;

	for (i = 0; i < m->m_ninputs; i++) {
		const struct m_input *in = &m->m_inputs[i];
		const char *owner = app_owner(m, i);

		if (inputs != NULL
			? !app_in_list(inputs, in->mi_name)
			: (owner == NULL || strcmp(owner, agency) != 0))
			continue;
		g = app_value_status(s, p->sp_id, uid, in->mi_name, &cur);
		if (g == STORE_ENOTFOUND) {
			if (st->wf_complete) {
				diag_add(d, DIAG_ERROR, "submit.missing", NULL,
				    0, 0, "còn thiếu %s (%s)",
				    "still missing: %s (%s)", in->mi_name,
				    in->mi_label ? in->mi_label : "");
				missing++;
			}
			continue;
		}
		if (g != 0)
			return app_store_error(s, d) == STORE_EBUSY
			    ? STORE_EBUSY
			    : -3;
		if (cur != st->wf_from)
			continue;
		struct st_value_change c = { .svc_period = p->sp_id,
			.svc_unit = uid,
			.svc_input = in->mi_name,
			.svc_status = st->wf_to,
			.svc_action = st->wf_action,
			.svc_reason = reason };

		if (store_value_change(s, &c, login) != 0)
			return app_store_error(s, d) == STORE_EBUSY
			    ? STORE_EBUSY
			    : -3;
		moved++;
	}
	if (missing > 0) {
		diag_add(d, DIAG_ERROR, "submit.incomplete", NULL, 0, 0,
		    "chưa đủ dữ liệu: còn thiếu %d mục; không gửi gì",
		    "incomplete: %d inputs missing; nothing was submitted",
		    missing);
		return -1;
	}
	return moved;
}

/*
 * Move values of ${agency} (or the listed ${inputs}) of ${period} by step
 * ${st}, in one transaction.
 */
static int
transition(struct store *s, const struct app_actor *a, const char *period,
    const char *unit, const char *agency, const char *inputs,
    const struct app_step *st, const char *reason, struct diag *d)
{
	const struct method *m = NULL;
	struct st_period p;
	char code[80];
	long uid;
	int moved;

	if (app_period(s, period, &p, d) != 0 || app_refuse_closed(&p, d) < 0 ||
	    app_method(s, p.sp_method, &m, d) < 0 ||
	    review_what(s, m, agency, inputs, d) < 0)
		return -1;
	if (store_tx_begin(s) != 0)
		return app_store_error(s, d);
	if (app_unit(s, unit, code, sizeof(code), &uid, d) != 0) {
		store_tx_rollback(s);
		return -1;
	}
	moved = review_move(
	    s, &p, m, uid, agency, inputs, st, a->ac_login, reason, d);
	if (moved == 0) {
		diag_add(d, DIAG_ERROR, "review.none", NULL, 0, 0,
		    "không có giá trị nào ở trạng thái %s%.0s để chuyển",
		    "no value is %.0s%s: nothing to change",
		    value_status_label(st->wf_from, LANG_VI),
		    value_status_name(st->wf_from));
		moved = -1;
	}
	if (moved < 0) {
		store_tx_rollback(s);
		return moved == STORE_EBUSY ? STORE_EBUSY : -1;
	}
	if (store_tx_commit(s) != 0)
		return app_abort(s, d);
	return 0;
}

int
app_values_submit(struct store *s, const struct app_actor *a,
    const char *period, const char *unit, const char *agency, struct diag *d)
{
	if (app_check(s, a, APP_SUBMIT, agency, d) != 0 ||
	    app_check_unit(s, a, unit, d) != 0)
		return -1;
	return transition(
	    s, a, period, unit, agency, NULL, &step_submit, NULL, d);
}

int
app_values_approve(struct store *s, const struct app_actor *a,
    const char *period, const char *unit, const char *agency,
    const char *inputs, struct diag *d)
{
	if (app_check(s, a, APP_REVIEW, NULL, d) != 0)
		return -1;
	return transition(
	    s, a, period, unit, agency, inputs, &step_approve, NULL, d);
}

/* -1 with ${vi}/${en} when ${reason} is empty or blank. */
static int
need_reason(const char *reason, const char *vi, const char *en, struct diag *d)
{
	const char *p = reason;

	while (p != NULL && (*p == ' ' || *p == '\t'))
		p++;
	if (p == NULL || *p == '\0') {
		diag_put(d, DIAG_ERROR, "review.reason", NULL, 0, 0, vi, en);
		return -1;
	}
	return 0;
}

int
app_values_return(struct store *s, const struct app_actor *a,
    const char *period, const char *unit, const char *agency,
    const char *inputs, const char *comment, struct diag *d)
{
	if (app_check(s, a, APP_REVIEW, NULL, d) != 0 ||
	    need_reason(comment, "cần ghi nhận xét khi trả lại",
		"a comment is required", d) < 0)
		return -1;
	if (app_text_check(APP_TEXT_COMMENT, comment, d) < 0)
		return -1;
	return transition(
	    s, a, period, unit, agency, inputs, &step_return, comment, d);
}

int
app_values_reopen(struct store *s, const struct app_actor *a,
    const char *period, const char *unit, const char *agency,
    const char *inputs, const char *reason, struct diag *d)
{
	if (app_check(s, a, APP_REOPEN, NULL, d) != 0 ||
	    need_reason(reason, "mở lại cần có lý do",
		"reopening needs a reason", d) < 0)
		return -1;
	if (app_text_check(APP_TEXT_REASON, reason, d) < 0)
		return -1;
	return transition(
	    s, a, period, unit, agency, inputs, &step_reopen, reason, d);
}
