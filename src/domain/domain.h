/*
 * domain.h: the states of the province's data and the roles of its
 * people, as types. Each enum has its stored name (the text the store
 * keeps and the API and CLI print: `_name`), a parser of that name
 * (`_parse`: 0, or -1 for an unknown name) and a label for people
 * (`_label`, Vietnamese or English). These names are the only status
 * literals outside the store's SQL.
 *
 * Switches over these enums have no `default:`, so the compiler
 * (-Wswitch, part of -Wall) names every switch that forgets a state.
 */
#ifndef DTI_DOMAIN_H
#define DTI_DOMAIN_H

#include "util/diag.h"

/*
 * A value: draft -> submitted -> approved; a reviewer returns a submitted
 * value (returned, with a comment) and reopens an approved one (draft).
 * Stored by name, so the order here is free.
 */
enum value_status {
	VALUE_DRAFT,
	VALUE_SUBMITTED,
	VALUE_APPROVED,
	VALUE_RETURNED,
};
#define VALUE_NSTATUS 4

/* A reporting period: open for entry, or closed. */
enum period_status {
	PERIOD_OPEN,
	PERIOD_CLOSED,
};
#define PERIOD_NSTATUS 2

/* A task of the plan (Appendix 1). */
enum task_status {
	TASK_NOT_STARTED,
	TASK_IN_PROGRESS,
	TASK_DONE,
};
#define TASK_NSTATUS 3

/* An account's role: what its holder may do. */
enum role {
	ROLE_ADMIN, /* everything, and the accounts */
	ROLE_COORDINATOR, /* Sở TTTT: review, periods, plan */
	ROLE_OFFICER, /* an agency's officer: its own inputs */
	ROLE_VIEWER, /* leaders: read only */
};
#define ROLE_N 4

/* Where a target of the plan stands against its latest value. */
enum target_state {
	TARGET_MET,
	TARGET_NOT_MET,
	TARGET_NO_DATA, /* measured by the index, no value yet */
	TARGET_NOT_MEASURED, /* the index has no input for it */
	TARGET_NO_TARGET, /* the plan gives no number */
};
#define TARGET_NSTATE 5

/* value_status_name(st): "draft", "submitted", "approved", "returned". */
const char *value_status_name(enum value_status);
/* value_status_parse(name, out): 0, or -1 when ${name} is no status. */
int value_status_parse(const char *, enum value_status *);
/* value_status_label(st, lang): "nháp" / "draft" ... */
const char *value_status_label(enum value_status, enum diag_lang);

/* period_status_name(st): "open" or "closed"; _parse and _label alike. */
const char *period_status_name(enum period_status);
int period_status_parse(const char *, enum period_status *);
const char *period_status_label(enum period_status, enum diag_lang);

/* task_status_name(st): "not_started", "in_progress" or "done". */
const char *task_status_name(enum task_status);
int task_status_parse(const char *, enum task_status *);
const char *task_status_label(enum task_status, enum diag_lang);

/* role_name(r): "admin", "coordinator", "officer" or "viewer". */
const char *role_name(enum role);
int role_parse(const char *, enum role *);
const char *role_label(enum role, enum diag_lang);

/* target_state_name(st): "met", "not_met", "no_data", "not_measured",
 * "no_target". */
const char *target_state_name(enum target_state);
int target_state_parse(const char *, enum target_state *);
const char *target_state_label(enum target_state, enum diag_lang);

/*
 * value_status_may(from, to): whether the review workflow has that step:
 * submit: draft -> submitted, and returned -> submitted (an officer may
 * send a returned value back unchanged, e.g. after adding the evidence
 * the reviewer asked for); approve: submitted -> approved; return:
 * submitted -> returned; reopen: approved -> draft. Entering a new value
 * over a draft or a returned one is no step: it is a new draft version
 * (value_status_editable).
 */
int value_status_may(enum value_status, enum value_status);
/*
 * value_status_editable(st): 1 when a value in state ${st} may be
 * overwritten by entry or import (draft, returned), 0 when it is locked
 * (submitted, approved).
 */
int value_status_editable(enum value_status);

/* A step of the review of an agency's set, as recorded (submission). */
enum review_event {
	REVIEW_SUBMIT,
	REVIEW_APPROVE,
	REVIEW_RETURN,
	REVIEW_REOPEN,
};
#define REVIEW_NEVENT 4

/* review_event_name(ev): "submit", "approve", "return" or "reopen". */
const char *review_event_name(enum review_event);
int review_event_parse(const char *, enum review_event *);
const char *review_event_label(enum review_event, enum diag_lang);

#endif
