/*
 * app_review.c: submission and review: values of an agency (or a list of
 * inputs) move between draft, submitted, returned and approved, each step
 * logged value by value, and each call recorded as one submission event
 * per agency whose values it moved (on time or late, for good).
 */
#include "app/app_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/date.h"

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
	enum value_status wf_to; /* moved when value_status_may(cur, wf_to) */
	enum review_event wf_event;
	const char *wf_action; /* for the audit log */
	int wf_complete; /* every selected input must have a value */
	enum value_status wf_from[2]; /* what it moves (the same twice: one) */
};

static const struct app_step step_submit = { VALUE_SUBMITTED, REVIEW_SUBMIT,
	"value.submit", 1, { VALUE_DRAFT, VALUE_RETURNED } };
static const struct app_step step_approve = { VALUE_APPROVED, REVIEW_APPROVE,
	"value.approve", 0, { VALUE_SUBMITTED, VALUE_SUBMITTED } };
static const struct app_step step_return = { VALUE_RETURNED, REVIEW_RETURN,
	"value.return", 0, { VALUE_SUBMITTED, VALUE_SUBMITTED } };
static const struct app_step step_reopen = { VALUE_DRAFT, REVIEW_REOPEN,
	"value.reopen", 0, { VALUE_APPROVED, VALUE_APPROVED } };

/* "Nothing to move": no value is in a state step ${st} moves from. */
static void
review_none(const struct app_step *st, struct diag *d)
{
	enum value_status a = st->wf_from[0], b = st->wf_from[1];

	if (a == b)
		diag_add(d, DIAG_ERROR, "review.none", NULL, 0, 0,
		    "không có giá trị nào ở trạng thái %s%.0s để chuyển",
		    "no value is %.0s%s: nothing to change",
		    value_status_label(a, LANG_VI), value_status_name(a));
	else
		diag_add(d, DIAG_ERROR, "review.none", NULL, 0, 0,
		    "không có giá trị nào ở trạng thái %s%.0s hoặc %s%.0s để chuyển",
		    "no value is %.0s%s or %.0s%s: nothing to change",
		    value_status_label(a, LANG_VI), value_status_name(a),
		    value_status_label(b, LANG_VI), value_status_name(b));
}

/* What one call asks for, besides the period and unit. */
struct review_ask {
	const char *ra_agency; /* NULL: the owners of ra_inputs */
	const char *ra_inputs; /* comma separated; NULL: the agency's all */
	const char *ra_reason; /* for the audit log */
	const struct app_comment *ra_comments; /* return: per input */
	int ra_ncomments;
};

/* The values one call moved of one agency: its submission event. */
struct review_moved {
	const char *rm_agency; /* borrowed from the methodology */
	struct buf rm_inputs; /* "a,b,c" */
	int rm_count;
};

/* A call's moved values, by agency (at most one per agency of ${m}). */
struct review_log {
	struct review_moved *rl_m;
	int rl_n;
};

static void
review_log_add(struct review_log *l, const char *agency, const char *input)
{
	int k;

	for (k = 0; k < l->rl_n; k++)
		if (strcmp(l->rl_m[k].rm_agency, agency) == 0)
			break;
	if (k == l->rl_n) {
		l->rl_m =
		    xrealloc(l->rl_m, (size_t)(l->rl_n + 1) * sizeof(*l->rl_m));
		l->rl_m[k].rm_agency = agency;
		buf_init(&l->rl_m[k].rm_inputs);
		l->rl_m[k].rm_count = 0;
		l->rl_n++;
	}
	if (l->rl_m[k].rm_count++ > 0)
		buf_putc(&l->rl_m[k].rm_inputs, ',');
	buf_puts(&l->rl_m[k].rm_inputs, input);
}

static void
review_log_free(struct review_log *l)
{
	int k;

	for (k = 0; k < l->rl_n; k++)
		buf_free(&l->rl_m[k].rm_inputs);
	free(l->rl_m);
}

/* A comment's text, or "" when ${t} is NULL, empty or blank. */
static const char *
comment_text(const char *t)
{
	const char *p = t;

	while (p != NULL && (*p == ' ' || *p == '\t'))
		p++;
	return p == NULL || *p == '\0' ? "" : t;
}

/* The per-input comment of ${input}, or NULL. */
static const char *
comment_of(const struct review_ask *ra, const char *input)
{
	int i;

	for (i = 0; i < ra->ra_ncomments; i++)
		if (strcmp(ra->ra_comments[i].acm_input, input) == 0)
			return ra->ra_comments[i].acm_text;
	return NULL;
}

/* What a step is about: -1 with errors when it names nothing real. */
static int
review_what(struct store *s, const struct method *m,
    const struct review_ask *ra, struct diag *d)
{
	char *copy, *tok, *save = NULL;
	int bad = 0, in, i;

	if (ra->ra_agency == NULL && ra->ra_inputs == NULL) {
		diag_put(d, DIAG_ERROR, "review.what", NULL, 0, 0,
		    "chỉ rõ cơ quan hoặc các dữ liệu đầu vào",
		    "name the agency or the inputs");
		return -1;
	}
	if (ra->ra_agency != NULL &&
	    store_agency_exists(s, ra->ra_agency) != 1) {
		diag_add(d, DIAG_ERROR, "review.agency", NULL, 0, 0,
		    "không có cơ quan '%s'", "no agency '%s'", ra->ra_agency);
		return -1;
	}
	if (ra->ra_inputs != NULL) {
		/* every named input must exist, and be the agency's */
		copy = xstrdup(ra->ra_inputs);
		for (tok = strtok_r(copy, ",", &save); tok != NULL;
		     tok = strtok_r(NULL, ",", &save)) {
			const char *owner;

			in = method_input(m, tok, strlen(tok));
			if (in < 0) {
				diag_add(d, DIAG_ERROR, "review.input", NULL, 0,
				    0, "không có dữ liệu đầu vào '%s'",
				    "unknown input '%s'", tok);
				bad++;
				continue;
			}
			owner = app_owner(m, in);
			/* a member names the inputs it contributes parts of */
			if (ra->ra_agency != NULL &&
			    (owner == NULL ||
				strcmp(owner, ra->ra_agency) != 0) &&
			    app_contrib_member(s, m, in, ra->ra_agency) != 1) {
				diag_add(d, DIAG_ERROR, "review.owner", NULL, 0,
				    0, "%s do %s phụ trách, không phải %s",
				    "%s is led by %s, not %s", tok,
				    owner != NULL ? owner : "-", ra->ra_agency);
				bad++;
			}
		}
		free(copy);
	}
	for (i = 0; i < ra->ra_ncomments; i++) {
		const char *name = ra->ra_comments[i].acm_input;

		/* a listed input was checked above */
		if ((ra->ra_inputs == NULL ||
			!app_in_list(ra->ra_inputs, name)) &&
		    method_input(m, name, strlen(name)) < 0) {
			diag_add(d, DIAG_ERROR, "review.input", NULL, 0, 0,
			    "nhận xét cho '%s': không có dữ liệu đầu vào này",
			    "a comment for '%s': no such input", name);
			bad++;
		} else if (app_text_check(APP_TEXT_COMMENT,
			       ra->ra_comments[i].acm_text, d) < 0) {
			bad++;
		}
	}
	return bad > 0 ? -1 : 0;
}

/* Is input ${i} of ${m} selected by ${ra}? */
static int
review_selects(const struct method *m, int i, const struct review_ask *ra)
{
	const char *owner = app_owner(m, i);

	if (ra->ra_inputs != NULL)
		return app_in_list(ra->ra_inputs, m->m_inputs[i].mi_name);
	return owner != NULL && strcmp(owner, ra->ra_agency) == 0;
}

/* A store error inside a step: STORE_EBUSY, or -3 for any other. */
static int
review_store_error(struct store *s, struct diag *d)
{
	return app_store_error(s, d) == STORE_EBUSY ? STORE_EBUSY : -3;
}

/*
 * -1 with an error when value ${in} (status ${g}/${cur}) cannot be part
 * of a submission: it has no value, or is approved already; else 0.
 */
static int
submit_refuses(
    const struct m_input *in, int g, enum value_status cur, struct diag *d)
{
	if (g == STORE_ENOTFOUND) {
		diag_add(d, DIAG_ERROR, "submit.missing", NULL, 0, 0,
		    "còn thiếu %s (%s)", "still missing: %s (%s)", in->mi_name,
		    in->mi_label ? in->mi_label : "");
		return -1;
	}
	if (cur == VALUE_APPROVED) {
		diag_add(d, DIAG_ERROR, "submit.approved", NULL, 0, 0,
		    "%s đã được duyệt: không gửi lại (Sở TTTT mở lại trước)",
		    "%s is approved already: it is not sent again (Sở TTTT reopens it first)",
		    in->mi_name);
		return -1;
	}
	return 0;
}

/*
 * -1 with an error when input ${in} (index ${i}) needs evidence by the
 * methodology's policy and has none (${evid}: the counts by input, NULL
 * when the step does not ask); else 0.
 */
static int
submit_evidence(const struct method *m, int i, const int *evid, struct diag *d)
{
	const struct m_input *in = &m->m_inputs[i];

	if (evid == NULL || !method_evidence_required(m, i) || evid[i] > 0)
		return 0;
	diag_add(d, DIAG_ERROR, "submit.evidence", NULL, 0, 0,
	    "%s (%s) chưa có tài liệu kiểm chứng nào: dữ liệu này phải có ít nhất một tài liệu kiểm chứng mới gửi được",
	    "%s%.0s has no evidence item: it cannot be submitted without at least one",
	    in->mi_name, in->mi_label != NULL ? in->mi_label : "");
	return -1;
}

/*
 * Move the selected values of unit ${uid} by ${st}, inside the caller's
 * transaction, noting each moved one in ${log}; a submission (${evid}:
 * the unit's evidence items by input) refuses a value whose input needs
 * evidence and has none. Return how many moved, -1 with errors (missing
 * inputs of a submission or their evidence, a return without a comment),
 * STORE_EBUSY, or -3 for another store error.
 */
static int
review_move(struct store *s, const struct st_period *p, const struct method *m,
    long uid, const struct review_ask *ra, const struct app_step *st,
    const int *evid, const char *login, struct review_log *log, struct diag *d)
{
	enum value_status cur;
	int i, g, moved = 0, refused = 0;

	for (i = 0; i < m->m_ninputs; i++) {
		const struct m_input *in = &m->m_inputs[i];
		const char *owner = app_owner(m, i), *comment = NULL;

		if (!review_selects(m, i, ra))
			continue;
		g = app_value_status(s, p->sp_id, uid, in->mi_name, &cur);
		if (g != 0 && g != STORE_ENOTFOUND)
			return review_store_error(s, d);
		/* its parts move with their members (app_contrib_move) */
		if (method_contribution(m, i) != NULL &&
		    ((ra->ra_agency != NULL &&
			 (owner == NULL ||
			     strcmp(owner, ra->ra_agency) != 0)) ||
			(g == STORE_ENOTFOUND &&
			    app_contrib_by_parts(s, p, m, uid, i) != 0)))
			continue;
		/* a chosen subset: each input must be there to be sent */
		if (st->wf_complete &&
		    (g == STORE_ENOTFOUND || ra->ra_inputs != NULL) &&
		    submit_refuses(in, g, cur, d) < 0) {
			refused++;
			continue;
		}
		if (g == STORE_ENOTFOUND || !value_status_may(cur, st->wf_to))
			continue;
		if (submit_evidence(m, i, evid, d) < 0) {
			refused++;
			continue;
		}
		if (st->wf_event == REVIEW_RETURN) {
			comment = comment_of(ra, in->mi_name);
			if (comment == NULL || *comment_text(comment) == '\0')
				comment = ra->ra_reason;
			if (*comment_text(comment) == '\0') {
				diag_add(d, DIAG_ERROR, "review.reason", NULL,
				    0, 0, "cần ghi nhận xét khi trả lại %s",
				    "a comment is required to return %s",
				    in->mi_name);
				refused++;
				continue;
			}
		}
		struct st_value_change c = { .svc_period = p->sp_id,
			.svc_unit = uid,
			.svc_input = in->mi_name,
			.svc_status = st->wf_to,
			.svc_action = st->wf_action,
			.svc_reason = comment != NULL ? comment : ra->ra_reason,
			.svc_comment = comment,
			.svc_agency = owner };

		if (store_value_change(s, &c, login) != 0)
			return review_store_error(s, d);
		if (owner != NULL)
			review_log_add(log, owner, in->mi_name);
		moved++;
	}
	if (refused > 0) {
		if (st->wf_complete)
			diag_add(d, DIAG_ERROR, "submit.incomplete", NULL, 0, 0,
			    "chưa gửi được: %d mục chưa sẵn sàng; không gửi gì",
			    "not submitted: %d inputs are not ready; nothing was submitted",
			    refused);
		return -1;
	}
	return moved;
}

/*
 * -1 with an error for each per-input comment of a value not returned
 * (${parts}: the inputs whose parts were).
 */
static int
comments_unused(const struct review_ask *ra, const struct review_log *log,
    const char *parts, struct diag *d)
{
	int i, k, used, bad = 0;

	for (i = 0; i < ra->ra_ncomments; i++) {
		used = app_in_list(parts, ra->ra_comments[i].acm_input);
		for (k = 0; k < log->rl_n && !used; k++)
			used = app_in_list(buf_cstr(&log->rl_m[k].rm_inputs),
			    ra->ra_comments[i].acm_input);
		if (!used) {
			diag_add(d, DIAG_ERROR, "review.comment", NULL, 0, 0,
			    "có nhận xét cho %s nhưng giá trị này không được trả lại (chỉ trả lại giá trị đã gửi)",
			    "a comment for %s, which is not returned (only submitted values are)",
			    ra->ra_comments[i].acm_input);
			bad++;
		}
	}
	return bad > 0 ? -1 : 0;
}

/*
 * Whether the event of ${rm} leaves the agency's set partial: after a
 * submission some input it leads is not submitted or approved; after an
 * approval some is not approved; a return or reopen moved fewer than all
 * of its inputs. 1, 0, or a negative store error.
 */
static int
event_partial(struct store *s, const struct st_period *p,
    const struct method *m, long uid, const struct app_step *st,
    const struct review_moved *rm)
{
	enum value_status cur;
	int i, g, owned = 0, unready = 0;

	for (i = 0; i < m->m_ninputs; i++) {
		const char *owner = app_owner(m, i);

		if (owner == NULL || strcmp(owner, rm->rm_agency) != 0)
			continue;
		owned++;
		g = app_value_status(
		    s, p->sp_id, uid, m->m_inputs[i].mi_name, &cur);
		if (g != 0 && g != STORE_ENOTFOUND)
			return g;
		if (g == STORE_ENOTFOUND ||
		    (st->wf_event == REVIEW_SUBMIT
			    ? cur != VALUE_SUBMITTED && cur != VALUE_APPROVED
			    : cur != VALUE_APPROVED))
			unready++;
	}
	switch (st->wf_event) {
	case REVIEW_SUBMIT:
	case REVIEW_APPROVE: return unready > 0;
	case REVIEW_RETURN:
	case REVIEW_REOPEN: return rm->rm_count < owned;
	}
	return 1;
}

/*
 * app_event_late(p, today): whether an event on day ${today} is late for
 * ${p}: the plan asks agencies to send "trước ngày" (before) the
 * deadline, so the deadline's own day is late already, as for overdue.
 */
int
app_event_late(const struct st_period *p, long today)
{
	long due;

	return date_parse(p->sp_agency_due, &due) == 0 && today >= due;
}

/* Record one submission event per agency of ${log}; a store error. */
static int
review_record(struct store *s, const struct st_period *p,
    const struct method *m, long uid, const struct app_step *st,
    const struct review_log *log, const char *login)
{
	long today = date_today();
	int k, partial;

	for (k = 0; k < log->rl_n; k++) {
		const struct review_moved *rm = &log->rl_m[k];

		partial = event_partial(s, p, m, uid, st, rm);
		if (partial < 0)
			return partial;
		struct st_submission_in e = { .ssi_period = p->sp_id,
			.ssi_unit = uid,
			.ssi_agency = rm->rm_agency,
			.ssi_event = st->wf_event,
			.ssi_inputs = buf_cstr(&rm->rm_inputs),
			.ssi_count = rm->rm_count,
			.ssi_partial = partial,
			.ssi_late = app_event_late(p, today) };

		if (store_submission_add(s, &e, login, NULL) != 0)
			return -1;
	}
	return 0;
}

/* The values of an app_vals, as the getter of the consistency rules. */
static int
submit_get(void *ctx, int in, double *v)
{
	const struct app_vals *av = ctx;

	if (isnan(av->avs_v[in]))
		return -1;
	*v = av->avs_v[in];
	return 0;
}

/*
 * submit_consistent(s, p, m, uid, unit, log, d): after the values of
 * ${log} were moved to submitted (in the transaction), the consistency
 * rules that read one of them, over the unit's values that are sent:
 * submitted or approved. A draft or returned value of another agency is
 * work in progress, not yet anyone's figure, and blocks nobody. Return
 * 0, -1 with one error per broken pair (naming both inputs), or a store
 * error (-3, STORE_EBUSY).
 */
static int
submit_consistent(struct store *s, const struct st_period *p,
    const struct method *m, long uid, const char *unit,
    const struct review_log *log, struct diag *d)
{
	static const unsigned char sent[VALUE_NSTATUS] = {
		[VALUE_SUBMITTED] = 1, [VALUE_APPROVED] = 1
	};
	struct app_vals v;
	unsigned char *touched;
	int i, k, bad;

	if (m->m_nconsist == 0)
		return 0;
	app_vals_init(&v, m);
	v.avs_only = sent;
	if (app_vals_read(s, p->sp_id, uid, &v) != 0) {
		app_vals_free(&v);
		return review_store_error(s, d);
	}
	touched = xcalloc((size_t)m->m_ninputs + 1, 1);
	for (i = 0; i < m->m_ninputs; i++)
		for (k = 0; k < log->rl_n && !touched[i]; k++)
			touched[i] =
			    app_in_list(buf_cstr(&log->rl_m[k].rm_inputs),
				m->m_inputs[i].mi_name);
	bad = app_rules_consistent(m, submit_get, &v, touched,
	    "submit.consistency", unit, NULL, NULL, d);
	free(touched);
	app_vals_free(&v);
	return bad > 0 ? -1 : 0;
}

/*
 * Move values of ${ra} of ${period} by step ${st}, in one transaction
 * with their submission events. A submission also applies the data
 * rules: the evidence policy and the consistency between inputs.
 */
static int
transition(struct store *s, const struct app_actor *a, const char *period,
    const char *unit, const struct review_ask *ra, const struct app_step *st,
    struct diag *d)
{
	const struct method *m = NULL;
	struct review_log log = { NULL, 0 };
	struct st_period p;
	struct buf parts;
	int *evid = NULL;
	char code[80];
	long uid;
	int moved, pm;

	if (app_period(s, period, &p, d) != 0 || app_refuse_closed(&p, d) < 0 ||
	    app_period_method(s, &p, &m, d) < 0 || review_what(s, m, ra, d) < 0)
		return -1;
	if (store_tx_begin(s) != 0)
		return app_store_error(s, d);
	if (app_unit_in(s, &p, unit, code, sizeof(code), &uid, d) != 0) {
		store_tx_rollback(s);
		return -1;
	}
	if (st->wf_event == REVIEW_SUBMIT) {
		evid = xcalloc((size_t)m->m_ninputs + 1, sizeof(int));
		if (app_rules_evidence(s, p.sp_id, code, m, evid) != 0) {
			free(evid);
			store_tx_rollback(s);
			return app_store_error(s, d);
		}
	}
	moved = review_move(s, &p, m, uid, ra, st, evid, a->ac_login, &log, d);
	free(evid);
	buf_init(&parts);
	if (moved >= -1) {
		/* and the parts of contributed inputs, with their events */
		pm = app_contrib_move(s, &p, m, uid, code, ra->ra_agency,
		    ra->ra_inputs, st->wf_event, ra->ra_reason, ra->ra_comments,
		    ra->ra_ncomments, a->ac_login, &parts, d);
		moved = pm < -1               ? pm
		    : moved == -1 || pm == -1 ? -1
					      : moved + pm;
	}
	if (moved == 0) {
		review_none(st, d);
		moved = -1;
	}
	if (moved > 0 && comments_unused(ra, &log, buf_cstr(&parts), d) < 0)
		moved = -1;
	if (moved > 0 && st->wf_event == REVIEW_SUBMIT) {
		int g = submit_consistent(s, &p, m, uid, code, &log, d);

		if (g != 0)
			moved = g;
	}
	if (moved > 0 &&
	    review_record(s, &p, m, uid, st, &log, a->ac_login) != 0)
		moved = review_store_error(s, d);
	buf_free(&parts);
	review_log_free(&log);
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
    const char *period, const char *unit, const char *agency,
    const char *inputs, struct diag *d)
{
	struct review_ask ra = { agency, inputs, NULL, NULL, 0 };

	if (agency == NULL) {
		diag_put(d, DIAG_ERROR, "review.what", NULL, 0, 0,
		    "gửi số liệu cần chỉ rõ cơ quan",
		    "a submission names its agency");
		return -1;
	}
	if (app_check(s, a, APP_SUBMIT, agency, d) != 0 ||
	    app_contrib_check_unit(s, a, period, unit, agency, d) != 0)
		return -1;
	return transition(s, a, period, unit, &ra, &step_submit, d);
}

int
app_values_approve(struct store *s, const struct app_actor *a,
    const char *period, const char *unit, const char *agency,
    const char *inputs, struct diag *d)
{
	struct review_ask ra = { agency, inputs, NULL, NULL, 0 };

	if (app_check(s, a, APP_REVIEW, NULL, d) != 0)
		return -1;
	return transition(s, a, period, unit, &ra, &step_approve, d);
}

int
app_values_return(struct store *s, const struct app_actor *a,
    const char *period, const char *unit, const char *agency,
    const char *inputs, const char *comment, struct diag *d)
{
	return app_values_return_each(
	    s, a, period, unit, agency, inputs, comment, NULL, 0, d);
}

int
app_values_return_each(struct store *s, const struct app_actor *a,
    const char *period, const char *unit, const char *agency,
    const char *inputs, const char *comment, const struct app_comment *comments,
    int ncomments, struct diag *d)
{
	struct review_ask ra = { agency, inputs, comment, comments, ncomments };
	int i, any = *comment_text(comment) != '\0';

	if (app_check(s, a, APP_REVIEW, NULL, d) != 0)
		return -1;
	for (i = 0; i < ncomments && !any; i++)
		any = *comment_text(comments[i].acm_text) != '\0';
	if (!any) {
		diag_put(d, DIAG_ERROR, "review.reason", NULL, 0, 0,
		    "cần ghi nhận xét khi trả lại", "a comment is required");
		return -1;
	}
	if (app_text_check(APP_TEXT_COMMENT, comment, d) < 0)
		return -1;
	/* per-input comments alone name what is returned */
	if (agency == NULL && inputs == NULL && ncomments > 0) {
		struct buf names;
		int rc;

		buf_init(&names);
		for (i = 0; i < ncomments; i++)
			buf_printf(&names, "%s%s", i > 0 ? "," : "",
			    comments[i].acm_input);
		ra.ra_inputs = buf_cstr(&names);
		rc = transition(s, a, period, unit, &ra, &step_return, d);
		buf_free(&names);
		return rc;
	}
	return transition(s, a, period, unit, &ra, &step_return, d);
}

int
app_values_reopen(struct store *s, const struct app_actor *a,
    const char *period, const char *unit, const char *agency,
    const char *inputs, const char *reason, struct diag *d)
{
	struct review_ask ra = { agency, inputs, reason, NULL, 0 };

	if (app_check(s, a, APP_REOPEN, NULL, d) != 0)
		return -1;
	if (*comment_text(reason) == '\0') {
		diag_put(d, DIAG_ERROR, "review.reason", NULL, 0, 0,
		    "cần ghi lý do khi mở lại",
		    "a reason is required to reopen");
		return -1;
	}
	if (app_text_check(APP_TEXT_REASON, reason, d) < 0)
		return -1;
	return transition(s, a, period, unit, &ra, &step_reopen, d);
}

/* A review list: the items of ${what}, passed on. */
struct review_filter {
	enum app_review_list rf_what;
	struct app_worklist *rf_wl;
	int (*rf_cb)(void *, const struct app_work_item *);
	void *rf_ctx;
};

/* review_wants(what, it): 1 when ${it} belongs to the list ${what}. */
static int
review_wants(enum app_review_list what, const struct app_work_item *it)
{
	const struct st_value *v = it->wki_value;

	if (v == NULL)
		return 0;
	switch (what) {
	case APP_REVIEW_SUBMITTED: return v->sv_status == VALUE_SUBMITTED;
	case APP_REVIEW_NO_EVIDENCE:
		return v->sv_status == VALUE_APPROVED &&
		    it->wki_evidence_required && it->wki_nevidence == 0;
	}
	return 0;
}

static int
review_list_row(void *ctx, const struct app_work_item *it)
{
	struct review_filter *rf = ctx;

	return review_wants(rf->rf_what, it) ? rf->rf_cb(rf->rf_ctx, it) : 0;
}

/* Counting the items of a review list (the first pass of its head). */
static int
review_list_count(void *ctx, const struct app_work_item *it)
{
	struct review_filter *rf = ctx;

	if (review_wants(rf->rf_what, it))
		app_worklist_count(rf->rf_wl, it);
	return 0;
}

/* Marking the inputs of a review list. */
static int
review_owed_row(void *ctx, const struct app_owed *ow)
{
	unsigned char *roles = ctx;

	roles[ow->ow_input] = 1 + APP_INPUT_NONE;
	return 0;
}

int
app_review_list(struct store *s, const char *period, const char *agency,
    const char *unit, enum app_review_list what, struct app_worklist *wl,
    int (*cb)(void *, const struct app_work_item *), void *ctx, struct diag *d)
{
	const struct method *m = NULL;
	struct app_worklist head, counted;
	struct review_filter rf = { what, &counted, cb, ctx };
	unsigned char *roles;
	struct st_period p;
	char code[80];
	long uid;
	int rc = -1;

	if (agency != NULL && store_agency_exists(s, agency) != 1) {
		diag_add(d, DIAG_ERROR, "review.agency", NULL, 0, 0,
		    "không có cơ quan '%s'", "no agency '%s'", agency);
		return -1;
	}
	if (app_period(s, period, &p, d) != 0 ||
	    app_period_method(s, &p, &m, d) != 0 ||
	    app_unit_in(s, &p, unit, code, sizeof(code), &uid, d) != 0)
		return -1;
	roles = xcalloc((size_t)m->m_ninputs + 1, 1);
	if (app_owed(s, &p, m, agency, code, review_owed_row, roles, d) != 0)
		goto out;
	/* the head counts the listed items only: a first pass counts them */
	memset(&head, 0, sizeof(head));
	memset(&counted, 0, sizeof(counted));
	if ((rc = app_work_each(s, &p, m, uid, code, roles, &head,
		 review_list_count, &rf, d)) != 0)
		goto out;
	counted.wkl_period = head.wkl_period;
	memcpy(counted.wkl_unit, head.wkl_unit, sizeof(counted.wkl_unit));
	memcpy(counted.wkl_prev, head.wkl_prev, sizeof(counted.wkl_prev));
	counted.wkl_days_left = head.wkl_days_left;
	if (agency != NULL)
		snprintf(counted.wkl_agency, sizeof(counted.wkl_agency), "%s",
		    agency);
	if (wl != NULL)
		*wl = counted;
	rc = app_work_each(
	    s, &p, m, uid, code, roles, &head, review_list_row, &rf, d);
out:
	free(roles);
	return rc;
}
