/*
 * app.h: every use case of the province's workflow, over the store and the
 * engine. The CLI and the server are thin adapters over these functions:
 * they parse, call one app_* function and print. Only app/ writes: each
 * call that writes is one transaction, takes the actor doing it and checks
 * the policy (who may do what) itself.
 *
 * Errors are recorded in the caller's diag (Vietnamese and English, with
 * a stable code); the functions return 0 or -1, or STORE_EBUSY when
 * another writer held the database for longer than the busy timeout.
 * Rows handed to callbacks are borrowed for the call only.
 *
 * The prototypes are grouped by the file that defines them.
 */
#ifndef DTI_APP_H
#define DTI_APP_H

#include <stdio.h>

#include "domain/domain.h"
#include "engine/score.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/numfmt.h"

/* app.c: opening and closing a database, the store's errors. */

/*
 * app_open(out, path, d): open the dti database at ${path} (it must
 * exist); the handle is freed with app_close.
 */
int app_open(struct store **, const char *, struct diag *);
/*
 * app_close(s): free what app/ keeps for ${s} (its parsed
 * methodologies) and close it; app_close(NULL) does nothing.
 */
void app_close(struct store *);
/*
 * app_store_error(s, d): record the store's last error in ${d} with a
 * stable code ("store.not_found", "store.conflict", "store.busy",
 * "store.invalid" or "store"); return STORE_EBUSY or -1.
 */
int app_store_error(struct store *, struct diag *);
/* app_backup(s, path, d): an online, consistent copy of the database. */
int app_backup(struct store *, const char *, struct diag *);
/* app_data_version(s, out, d): a number that grows with every change. */
int app_data_version(struct store *, long *, struct diag *);

/* app_policy.c: who does it, and what they may do. */

/* The person (or the command line's operator) doing a use case. */
struct app_actor {
	const char *ac_login; /* for the audit log */
	enum role ac_role;
	const char *ac_agency; /* officers: their agency; else NULL */
};

/* What a use case wants to do. */
enum app_perm {
	APP_READ, /* read anything (every role) */
	APP_VALUE_WRITE, /* enter values and evidence of an agency */
	APP_SUBMIT, /* submit an agency's set */
	APP_REVIEW, /* approve, return */
	APP_REOPEN, /* reopen approved values */
	APP_PERIOD, /* open and close periods, import */
	APP_TASK_UPDATE, /* progress of a task an agency leads */
	APP_USERS, /* create accounts */
	APP_AUDIT, /* read the audit log (an officer: its agency's part) */
	APP_ACCOUNTS, /* reset, disable, change others' accounts (admins) */
	APP_METHOD, /* load methodologies, change a period's (admins) */
	APP_ORG, /* change the organisation (admin only) */
};

/*
 * app_operator(a, login): ${a} as the command line's operator: an admin
 * named ${login} (the borrowed --user), acting for no agency.
 */
void app_operator(struct app_actor *, const char *);
/*
 * app_may(s, a, perm, agency): 1 when ${a} may do ${perm}; for the
 * agency-bound permissions ${agency} is the agency concerned (an officer
 * acts only for their own agency or a collective it belongs to). Viewers
 * never write; reopening and reviewing are for coordinators and admins.
 */
int app_may(
    struct store *, const struct app_actor *, enum app_perm, const char *);
/*
 * app_check(s, a, perm, agency, d): 0 when app_may allows it, else -1
 * with a "forbidden" error naming the account in ${d}.
 */
int app_check(struct store *, const struct app_actor *, enum app_perm,
    const char *, struct diag *);

/* What an agency is to an input: app_input_role. */
enum app_input_role {
	APP_INPUT_NONE,
	APP_INPUT_LEAD, /* it leads the input's indicator or general item */
	APP_INPUT_COORD, /* it coordinates it (phối hợp) */
};
/*
 * app_input_role(s, agency, m, input): what agency ${agency} (code), by
 * itself or as a member of a collective, is to input ${input} of ${m}:
 * lead first, else coordinator, else none; or a negative store error.
 */
int app_input_role(struct store *, const char *, const struct method *, int);
/*
 * app_input_role_name(r): "lead", "coordinator" (as the store's
 * responsibilities say), NULL for none.
 */
const char *app_input_role_name(enum app_input_role);
/*
 * app_may_evidence(s, a, m, input): 1 when ${a} may attach evidence (a
 * file, a document number, a note: its comment) to input ${input} of
 * ${m}: whoever may write its value (APP_VALUE_WRITE for the agency that
 * leads it), and an officer of an agency that coordinates its indicator
 * or general item (or of a member of a coordinating collective). The
 * plan makes the coordinators supply data; the value stays the lead's,
 * so they may not write it. The unit rule (app_may_unit) applies besides.
 */
int app_may_evidence(
    struct store *, const struct app_actor *, const struct method *, int);
/*
 * app_check_evidence(s, a, m, input, d): 0 when app_may_evidence allows
 * it, else -1 with a "forbidden" error naming the account and the input.
 */
int app_check_evidence(struct store *, const struct app_actor *,
    const struct method *, int, struct diag *);

/* app_text.c: the limits of free text. */

/* The kinds of free text a use case stores. */
enum app_text {
	APP_TEXT_REASON, /* why a period, values or a value change */
	APP_TEXT_COMMENT, /* a reviewer's comment on returned values */
	APP_TEXT_NOTE, /* an evidence item's or a task report's note */
	APP_TEXT_DOC, /* a document number */
	APP_TEXT_LABEL, /* a period's label */
};
#define APP_MAX_TEXT 2000 /* characters of a reason, comment or note */
#define APP_MAX_DOC 200 /* characters of a document number */
#define APP_MAX_LABEL 60 /* characters of a period's label, */
#define APP_MAX_LABEL_BYTES 127 /* and its bytes (st_period's sp_label) */
/*
 * app_text_check(kind, text, d): 0 when ${text} (NULL: none) is UTF-8 of
 * at most the characters ${kind} allows, else -1 with "text.too_long" or
 * "text.utf8" naming the field and its limit in ${d}.
 */
int app_text_check(enum app_text, const char *, struct diag *);

/*
 * app_may_unit(s, a, unit): 1 when ${a} may write for unit ${unit} (NULL:
 * the province): values, evidence and submissions. The unit rule: an
 * officer writes only for the units its agency answers for. A district's
 * UBND (agency kind "district") answers for its own district's unit (the
 * organisation file's "district:" of the agency); any other agency
 * (departments, central agencies, offices, media, enterprises) answers for
 * the province's unit; a collective (kind "group") answers for none by
 * itself: its members inherit what it leads, each for its own units.
 * Admins and coordinators write for every unit; viewers for none.
 * Whether the officer may touch the input at all is app_may's agency
 * rule, checked besides this one.
 */
int app_may_unit(struct store *, const struct app_actor *, const char *);
/*
 * app_check_unit(s, a, unit, d): 0 when app_may_unit allows it, else -1
 * with a "forbidden" error naming the account and the unit in ${d}.
 */
int app_check_unit(
    struct store *, const struct app_actor *, const char *, struct diag *);

/* app_method.c: methodologies in the store, parsed once per handle. */

/*
 * app_method(s, id, out, d): stored methodology ${id}, parsed on first
 * use and kept with ${s} until app_close(s) (the caller never frees it).
 */
int app_method(struct store *, long, const struct method **, struct diag *);
/*
 * app_method_add(s, a, m, yaml, len, out, d): store the methodology text
 * ${yaml} (parsed as ${m}), its agencies and who leads and coordinates
 * what, in one transaction; ${out} receives its id (an identical text
 * already stored keeps its id).
 */
int app_method_add(struct store *, const struct app_actor *,
    const struct method *, const char *, size_t, long *, struct diag *);
/* app_methods(s, cb, ctx, d): every stored methodology, oldest first. */
int app_methods(struct store *, int (*)(void *, const struct st_method *),
    void *, struct diag *);
/*
 * app_owner(m, input): the code of the agency that leads the indicator
 * (or general item) input ${input} belongs to, or NULL; borrowed from ${m}.
 */
const char *app_owner(const struct method *, int);
/* app_agencies(s, cb, ctx, d), app_units(s, cb, ctx, d): the lists. */
int app_agencies(struct store *, int (*)(void *, const struct st_agency *),
    void *, struct diag *);
int app_units(struct store *, int (*)(void *, const struct st_unit *), void *,
    struct diag *);
/* app_agency_exists(s, code): 1 when agency ${code} exists, else 0. */
int app_agency_exists(struct store *, const char *);
/*
 * app_agency_active(s, code): 1 when agency ${code} exists and is active
 * today (neither deactivated nor merged), else 0.
 */
int app_agency_active(struct store *, const char *);

/* app_period.c: periods, their deadlines and the completeness status. */

/*
 * app_parse_period(code, kind, year, quarter): "2022", "2022-Q3", either
 * followed by "-tag" ([a-z][a-z0-9]{0,11}: "2022-demo", "2023-Q2-huyen"),
 * the whole at most 15 bytes (st_period's sp_code); -1 otherwise. A tag
 * names a series of periods beside the province's own (the demo, an
 * internal index); the year and quarter are read before it.
 */
int app_parse_period(const char *, char[8], int *, int *);
/*
 * app_period_tag(code): the "-tag" ending of a valid period code
 * ("-demo"), or "" (borrowed from ${code}).
 */
const char *app_period_tag(const char *);
/* The illustrative year of init --demo: a code no real period has. */
#define APP_DEMO_PERIOD "2022-demo"
/*
 * app_deadlines(s, year, quarter, agency_due, sotttt_due): the plan's
 * rules (section V): agencies before the 25th of the quarter's last month
 * and before 20/12 for the year; Sở TTTT by the 30th and by 25/12. The
 * days come from the store's reporting settings.
 */
int app_deadlines(struct store *, int, int, char[11], char[11]);
/* app_period(s, code, out, d): period ${code}, or an error naming it. */
int app_period(struct store *, const char *, struct st_period *, struct diag *);
/* app_periods(s, cb, ctx, d): every period, oldest first. */
int app_periods(struct store *, int (*)(void *, const struct st_period *),
    void *, struct diag *);
/*
 * app_period_add(s, a, code, method, agency_due, sotttt_due, label, out,
 * d): open period ${code} scored with methodology ${method} (0: the latest
 * loaded for the province's level, app_period_open); NULL deadlines take
 * the plan's rules. ${out} (may be NULL)
 * receives the period as stored.
 */
int app_period_add(struct store *, const struct app_actor *, const char *, long,
    const char *, const char *, const char *, struct st_period *,
    struct diag *);
/*
 * app_period_set_status(s, a, code, status, reason, d): close or reopen
 * a period; reopening needs a ${reason}.
 */
int app_period_set_status(struct store *, const struct app_actor *,
    const char *, enum period_status, const char *, struct diag *);
/* app_period_is_open(p): whether ${p} accepts changes. */
int app_period_is_open(const struct st_period *);

/*
 * Per agency state of a period, for dti status and the API. The times
 * come from the submission events (UTC, "2022-12-19T03:15:00Z"; "" when
 * there is none).
 *
 * On time or late (docs/rules.md, "Submission deadlines"): an agency is
 * late when its first complete submission (the submit event after which
 * every input it leads was submitted or approved) was recorded late, that
 * is on or after the agencies' deadline day in Vietnam time (the plan
 * says "before" the day); on time when it was recorded before. Recorded
 * once, never recomputed: reopening, returning and sending again later
 * change nothing, nor does a deadline moved afterwards. An agency with no
 * complete submission is late once the deadline day has come and its set
 * is not all sent, and neither while its deadline is ahead, or when its
 * values were sent without a submission (an import by Sở TTTT with
 * status submitted or approved: nothing was recorded).
 */
struct app_agency_status {
	const char *ag_agency; /* code, borrowed from the methodology */
	int ag_owned; /* inputs it leads */
	int ag_missing;
	int ag_draft;
	int ag_submitted;
	int ag_approved;
	int ag_returned;
	char ag_submitted_first[21]; /* its first submit event */
	char ag_submitted_last[21]; /* its last submit event */
	char ag_approved_at[21]; /* when its whole set became approved */
	int ag_on_time; /* 1: its first complete submission was on time */
	int ag_late; /* 1: late (see above); both 0: not yet known */
	char ag_code[64]; /* a member's code (ag_agency points here) */
};
/*
 * app_status(s, p, unit, m, today, out, n, d): one entry per agency that
 * leads an input of ${m}, for unit ${unit} (NULL: the province), on day
 * ${today} (days since 1970, date_today()). ${out} is malloc'd: the
 * caller frees it.
 */
int app_status(struct store *, const struct st_period *, const char *,
    const struct method *, long, struct app_agency_status **, int *,
    struct diag *);
/*
 * app_agency_overdue(p, st, today): the overdue rule: the agencies'
 * deadline of open period ${p} has come (${today} in days) and ${st} has
 * not sent everything it leads. A closed period has nobody overdue, nor
 * has an agency whose values are all approved.
 */
int app_agency_overdue(
    const struct st_period *, const struct app_agency_status *, long);
/*
 * app_unit_values(s, p, unit, status, cb, ctx, d): the current values of
 * unit ${unit} (NULL: the province) of ${p}, all of them when ${status}
 * is NULL, each with its comment (of a return) and warnings.
 */
int app_unit_values(struct store *, const struct st_period *, const char *,
    const enum value_status *, int (*)(void *, const struct st_value *), void *,
    struct diag *);
/*
 * app_input_owner(m, input): the code of the agency that leads input
 * ${input} (by name) of ${m}, or NULL; borrowed from ${m}.
 */
const char *app_input_owner(const struct method *, const char *);

/* app_value.c: values, import, export, and a period's values as a round. */

/* app_values_import's flags: a unit not yet known is added. */
#define APP_IMPORT_ADD_UNITS 1
/*
 * ... and values already submitted or approved are skipped, each with a
 * warning "import.skipped" naming its line or cell, instead of refusing
 * the file.
 */
#define APP_IMPORT_SKIP_LOCKED 2
/*
 * The consistency rules between inputs are not checked: for a file known
 * to break them that must be kept as it is (a round scored or published
 * before the rules, a test round). What they find is reported as
 * warnings, and recorded in an audit row "import.unchecked" (how many
 * pairs, and which) besides the import's own.
 */
#define APP_IMPORT_NO_CONSISTENCY 4
/*
 * app_values_import(s, a, period, f, file, style, status, flags, count,
 * d): all or nothing: every line is checked first (the exchange format's
 * rules, numbers written in ${style}, stored in the machine format),
 * values of a closed period or already submitted or approved are
 * refused (or skipped, APP_IMPORT_SKIP_LOCKED), and so are values that
 * break a check between a unit's values or a consistency rule between
 * inputs (app_rules_consistent; see APP_IMPORT_NO_CONSISTENCY), together
 * with the values stored; then all values are written with ${status},
 * each with its plausibility warnings, which are also added to ${d}
 * (DIAG_WARNING, at their lines) when it succeeds. A unit not yet known
 * is refused (named with its lines) unless ${flags} has
 * APP_IMPORT_ADD_UNITS. ${count} receives the values written.
 * ${f} is a CSV data file or an XLSX work sheet of dti template, told
 * apart by content (a zip holding xl/workbook.xml); a work sheet's
 * messages name its sheet and cell, its numbers typed as text are read
 * in the Vietnamese format whatever ${style}, and a filled evidence
 * reference adds a note-only evidence item (its document number) to the
 * value unless an identical one exists. Coordinators and admins
 * (APP_PERIOD) import either; an officer imports only a work sheet, as
 * drafts, of the inputs its agency leads and the units it writes for.
 */
int app_values_import(struct store *, const struct app_actor *, const char *,
    FILE *, const char *, enum numfmt_style, enum value_status, int, long *,
    struct diag *);
/* app_export(s, period, f, d): the period's values as unit,input,value. */
int app_export(struct store *, const char *, FILE *, struct diag *);
/*
 * app_values(s, p, status, cb, ctx, d): the current values of ${p}, all
 * of them when ${status} is NULL, in the order they were first entered.
 */
int app_values(struct store *, const struct st_period *,
    const enum value_status *, int (*)(void *, const struct st_value *), void *,
    struct diag *);
/*
 * app_round(s, p, approved_only, m, out, d): the period's values as a
 * round of methodology ${m}; freed by the caller with round_free.
 */
int app_round(struct store *, const struct st_period *, int,
    const struct method *, struct round **, struct diag *);
/*
 * app_value_put(s, a, period, unit, input, raw, style, agency, reason,
 * stored, d): enter one value as a draft: checked like a data file line
 * (a number written in ${style}; what is stored, a number in the machine
 * format, is appended to ${stored} unless NULL), refused when the
 * period is closed or the value is submitted or approved, when ${a} may
 * not write for the agency that leads it, or when ${agency} (NULL: any)
 * does not lead its indicator. Its plausibility warnings (against the
 * same unit's value of the previous period) are stored with it and, when
 * it is written, added to ${d} as DIAG_WARNING items: they never block.
 */
int app_value_put(struct store *, const struct app_actor *, const char *,
    const char *, const char *, const char *, enum numfmt_style, const char *,
    const char *, struct buf *, struct diag *);

/* app_review.c: submission and review of an agency's values. */

/*
 * ${inputs} is a comma-separated list of input names, or NULL for every
 * input led by ${agency}; with both, each input must be led by ${agency}.
 * Each call is one transaction that also records one submission event per
 * agency whose values it moved (store_submission_add: inputs, count,
 * partial, late).
 * app_values_submit(s, a, period, unit, agency, inputs, d): draft or
 * returned -> submitted. With ${inputs} NULL the whole set: every input
 * ${agency} leads must have a value (the missing ones are listed and
 * nothing is sent). With ${inputs} (a partial submission, e.g. a
 * quarter's update) the check applies to those: each must have a value
 * that is draft, returned or already submitted.
 * app_values_approve(s, a, period, unit, agency, inputs, d): submitted ->
 * approved. app_values_return(..., comment, d): submitted -> returned, the
 * comment (required) stored on each value until it is changed.
 * app_values_reopen(..., reason, d): approved -> draft with a required
 * reason, by a coordinator or an admin only.
 */
int app_values_submit(struct store *, const struct app_actor *, const char *,
    const char *, const char *, const char *, struct diag *);
int app_values_approve(struct store *, const struct app_actor *, const char *,
    const char *, const char *, const char *, struct diag *);
int app_values_return(struct store *, const struct app_actor *, const char *,
    const char *, const char *, const char *, const char *, struct diag *);
int app_values_reopen(struct store *, const struct app_actor *, const char *,
    const char *, const char *, const char *, const char *, struct diag *);
/* A reviewer's comment on one input it returns. */
struct app_comment {
	const char *acm_input;
	const char *acm_text;
};
/*
 * app_values_return_each(s, a, period, unit, agency, inputs, comment,
 * comments, n, d): app_values_return with a comment per input: each
 * returned value takes its own comment of ${comments} (n of them), else
 * ${comment} (may be NULL when every returned value has its own). With
 * neither ${agency} nor ${inputs}, the inputs of ${comments} are
 * returned. A comment for an input that is not returned is an error.
 */
int app_values_return_each(struct store *, const struct app_actor *,
    const char *, const char *, const char *, const char *, const char *,
    const struct app_comment *, int, struct diag *);

/* app_evidence.c: evidence documents and their files. */

/*
 * app_evidence_attach(s, a, period, unit, input, e, data, len, d): attach
 * an evidence item; ${data} (may be NULL) is a file of ${len} bytes named
 * ${e}'s sev_file_name, of a kind app_evidence_kind accepts (it sets
 * sev_file_type), stored once by content hash. The document date may be
 * typed dd/mm/yyyy or YYYY-MM-DD; it is stored ISO. ${e}'s sev_part names
 * the part of a contributed input it supports (NULL: implied, as for
 * app_value_put_part). On success ${e}'s id (and file hash) are set.
 */
int app_evidence_attach(struct store *, const struct app_actor *, const char *,
    const char *, const char *, struct st_evidence *, const void *, size_t,
    struct diag *);
/*
 * app_evidence_attach_file(s, a, period, unit, input, e, f, len, d): the
 * same with the file read from ${f} (${len} bytes from its start, NULL:
 * no file), never held in memory whole: an upload spooled to disk.
 */
int app_evidence_attach_file(struct store *, const struct app_actor *,
    const char *, const char *, const char *, struct st_evidence *, FILE *,
    size_t, struct diag *);
/* app_evidence_list(s, p, input, cb, ctx, d): ${p}'s evidence items. */
int app_evidence_list(struct store *, const struct st_period *, const char *,
    int (*)(void *, const struct st_evidence *), void *, struct diag *);
/*
 * app_evidence_kind(name, data, len, type, d): the media type (static) of
 * the evidence file of ${len} bytes at ${data} named ${name}, decided from
 * its content (the first bytes; a ZIP's entry names; text: all of it is
 * UTF-8 without NUL) and its name, which must agree: "x.docx" must be a
 * Word document whatever a client claims, an .exe named .pdf is refused
 * (code "evidence.type", naming the file and what it looks like). The
 * attach functions decide the stored type this way themselves.
 */
int app_evidence_kind(
    const char *, const void *, size_t, const char **, struct diag *);
/*
 * app_file(s, sha, data, len, name, size, d): the stored file of hash
 * ${sha} (malloc'd into ${data}: the caller frees it) and the name it was
 * attached under ("" when none).
 */
int app_file(struct store *, const char *, void **, size_t *, char *, size_t,
    struct diag *);

/* app_plan.c: the plan's tasks and targets, and the audit log. */

/* app_tasks(s, cb, ctx, d): every task of the plan. */
int app_tasks(struct store *, int (*)(void *, const struct st_task *), void *,
    struct diag *);
/*
 * app_task_overdue(t, today): the task's due date has passed (${today} in
 * days) and it is not done.
 */
int app_task_overdue(const struct st_task *, long);
/* One task found by its plan and code (app_task_find). */
struct app_task_ref {
	long tref_id;
	long tref_plan; /* plan id */
	char tref_plan_code[64];
	char tref_code[64];
};
/*
 * app_task_find(s, plan, code, out, d): task ${code} of plan ${plan}
 * (NULL: of the one plan that has such a task); -1 with "store.not_found"
 * when there is none, or "task.ambiguous" when several plans have it.
 */
int app_task_find(struct store *, const char *, const char *,
    struct app_task_ref *, struct diag *);
/*
 * app_task_progress(s, a, plan, code, agency, status, note, doc, data,
 * len, d): record agency ${agency}'s progress on task ${code} of ${plan}
 * (NULL: app_task_find): its new ${status} (NULL: unchanged), a note, a
 * document number and a file (${data} may be NULL); the task's status is
 * derived again (app_task_derive). ${agency} NULL: an officer's own
 * agency (or a collective it is in) when it is one of the task's; for a
 * coordinator or an admin, the task as a whole (every lead takes the
 * status). An officer reports for its own agency only.
 */
int app_task_progress(struct store *, const struct app_actor *, const char *,
    const char *, const char *, const enum task_status *, const char *,
    const char *, const void *, size_t, struct diag *);

/* A target of the plan with its latest value. */
struct app_target {
	const struct st_target *tg_target; /* borrowed for the callback */
	const char *tg_period; /* the period whose data was used, or "" */
	double tg_value; /* NAN when unknown */
	double tg_progress; /* value / target, NAN when unknown */
	enum target_state tg_state;
	/* a hand-entered target: its current value's review status, or NULL */
	const char *tg_review;
};
/*
 * app_targets(s, period, drafts, cb, ctx, d): the targets of the year of
 * ${period} (NULL: the last period; none: every target) with their value
 * computed from the province's values of ${period}, approved only unless
 * ${drafts}; a hand-entered target's value is its approved one (any
 * current one with ${drafts}).
 */
int app_targets(struct store *, const char *, int,
    int (*)(void *, const struct app_target *), void *, struct diag *);
/*
 * app_audit(s, a, f, cb, ctx, d): the audit log (the rows that match
 * ${f}: period, agency, unit, input, key prefix; NULL: all) as ${a} may
 * read it: all of it for an admin or coordinator; for an officer its own
 * actions and the entries about the values and evidence of the inputs,
 * and the tasks, its agency leads (or a collective it is in) in the
 * newest methodology; nothing for a viewer ("forbidden").
 * docs/security.md, "Audit log".
 */
int app_audit(struct store *, const struct app_actor *,
    const struct st_audit_filter *, int (*)(void *, const struct st_audit *),
    void *, struct diag *);

/* app_account.c: accounts and sessions. */

/*
 * app_user_may_add(a, role): 1 when ${a} may create an account of
 * ${role} (only an admin creates an admin).
 */
int app_user_may_add(const struct app_actor *, enum role);
/*
 * app_user_add(s, a, login, role, agency, password, shown, size, d):
 * create an account (officers need ${agency}, viewers have none); a
 * random password when ${password} is NULL, copied into ${shown} (may be
 * NULL) either way.
 */
int app_user_add(struct store *, const struct app_actor *, const char *,
    enum role, const char *, const char *, char *, size_t, struct diag *);
/* app_users(s, cb, ctx, d): every account, without password hashes. */
int app_users(struct store *, int (*)(void *, const struct st_account *),
    void *, struct diag *);
/*
 * app_actor_of(a, acc): the actor of account ${acc} (borrowed by ${a}).
 */
void app_actor_of(struct app_actor *, const struct st_account *);
/*
 * app_login(s, login, password, dummy, ip, agent, now, acc, token, csrf,
 * d): check the password (against ${dummy}, a hash made at start-up, when
 * there is no such account, so the answer takes as long either way) and
 * open a session from address ${ip} and browser ${agent} (its User-Agent,
 * at most APP_MAX_AGENT bytes of UTF-8, or NULL): ${token} is the
 * cookie's secret, ${csrf} the session's anti-forgery token. A disabled
 * account is answered as wrong credentials. Return 0, 1 for wrong
 * credentials, or an error.
 */
#define APP_MAX_AGENT 200
int app_login(struct store *, const char *, const char *, const char *,
    const char *, const char *, long, struct st_account *, char[65], char[65],
    struct diag *);
/*
 * app_session(s, token_hash, now, out): 1 when ${token_hash} names a live
 * session (its last use is recorded at most once a minute), else 0.
 */
int app_session(struct store *, const char *, long, struct st_session *);
/* app_logout(s, token_hash, d): end a session. */
int app_logout(struct store *, const char *, struct diag *);
/*
 * app_password_change(s, login, current, next, keep, d): the account's own
 * change of password: 1 when ${current} is not its password (nothing
 * changes), -1 with the reason in ${d} when ${next} is too weak or the
 * store fails, 0 when changed; every other session of the account ends,
 * the one whose token hash is ${keep} goes on.
 */
int app_password_change(struct store *, const char *, const char *,
    const char *, const char *, struct diag *);

/*
 * app_account_admin.c: an admin's care of accounts (issue 12). Each needs
 * APP_ACCOUNTS (admins; the command line's operator), is one transaction
 * and audited; an unknown login is "store.not_found".
 */

/* app_user_get(s, a, login, out, d): the account, without its hash. */
int app_user_get(struct store *, const struct app_actor *, const char *,
    struct st_account *, struct diag *);
/*
 * app_user_reset(s, a, login, password, shown, size, d): set ${password}
 * (NULL: a readable random one, auth_generate_readable, copied into
 * ${shown}; else ${shown} is ""), to be changed at the next login (until
 * then every other use is refused); every session of it ends.
 */
int app_user_reset(struct store *, const struct app_actor *, const char *,
    const char *, char *, size_t, struct diag *);
/*
 * app_user_set_disabled(s, a, login, disabled, d): disable (its sessions
 * end at once; it cannot log in) or enable an account; "user.last_admin"
 * when it is the last active admin. Already so: nothing is written.
 */
int app_user_set_disabled(
    struct store *, const struct app_actor *, const char *, int, struct diag *);
/*
 * app_user_set_role(s, a, login, role, agency, d): a new role and agency
 * (an officer needs an existing one, a coordinator may have one, an admin
 * or a viewer none: "user.agency"); its sessions end. "user.last_admin"
 * when the last active admin would stop being one.
 */
int app_user_set_role(struct store *, const struct app_actor *, const char *,
    enum role, const char *, struct diag *);
/*
 * app_sessions(s, a, login, cb, ctx, d): the sessions of ${login}, newest
 * first: one's own, or anyone's for an admin.
 */
int app_sessions(struct store *, const struct app_actor *, const char *,
    int (*)(void *, const struct st_session_info *), void *, struct diag *);
/*
 * app_session_end_id(s, a, login, id, d): end the open session ${id} (its
 * public id) of ${login}; "store.not_found" when there is none.
 * app_session_end_all(s, a, login, n, d): end them all, ${n} how many.
 */
int app_session_end_id(struct store *, const struct app_actor *, const char *,
    const char *, struct diag *);
int app_session_end_all(struct store *, const struct app_actor *, const char *,
    long *, struct diag *);

/* app_score.c: the scores of a period. */

/* A period's values and their scores. */
struct app_scored {
	struct st_period sd_period;
	struct round *sd_round;
	struct score *sd_score;
};
/*
 * app_score_period(s, period, drafts, out, d): score the approved values
 * of ${period} (with drafts and submitted ones when ${drafts}); free
 * ${out} with app_scored_free.
 */
int app_score_period(
    struct store *, const char *, int, struct app_scored *, struct diag *);
/* app_scored_free(sd): free its round and scores. */
void app_scored_free(struct app_scored *);

/* app_init.c: a new database with the organisation and the demo. */

#define APP_DEMO_NACCOUNTS 8

/* A demo account made by app_init, with its one-time password. */
struct app_demo_account {
	const char *da_login;
	enum role da_role;
	const char *da_agency; /* NULL for none */
	char da_password[64];
};
/* What app_init made. */
struct app_init_out {
	char ai_method[64]; /* methodology code and version */
	char ai_version[64];
	struct st_counts ai_counts;
	int ai_ndemo;
	struct app_demo_account ai_demo[APP_DEMO_NACCOUNTS];
};
/*
 * app_init(path, a, demo, out, d): create the database ${path} with the
 * built-in methodology and organisation, and with ${demo} one account per
 * role and an illustrative year 2022, approved. All or nothing: on
 * failure no file is left behind.
 */
int app_init(const char *, const struct app_actor *, int, struct app_init_out *,
    struct diag *);

/* app_template.c: what an agency owes, and its work sheet (XLSX). */

/* An input owed, with the value stored for it. */
struct app_owed {
	int ow_input; /* its index in the methodology */
	const char *ow_raw; /* the value stored (machine text), or NULL */
	enum value_status ow_status; /* its status, when ow_raw is set */
	const char *ow_part; /* a member's part (its code; ow_raw is the
				part's), or NULL: the whole value */
};
/*
 * app_owed(s, p, m, agency, unit, cb, ctx, d): the inputs of ${m} that
 * ${agency} (NULL: every agency) owes in period ${p} for unit ${unit}
 * (NULL: the province), in the methodology's order: those of the
 * indicators and general items it leads (app_owner), or a collective it
 * is a member of leads; each with the current value stored, if any
 * (borrowed for the call). At the province's unit a member of a
 * contribution owes its part of each contributed input (ow_part, with
 * its part's value), and nothing where a whole value stands. A callback
 * returning non-zero stops.
 */
int app_owed(struct store *, const struct st_period *, const struct method *,
    const char *, const char *, int (*)(void *, const struct app_owed *),
    void *, struct diag *);
/*
 * app_template(s, a, period, agency, unit, data, len, d): the XLSX work
 * sheet (io/xlsx_template.h) of the inputs ${agency} owes in ${period}
 * for ${unit}, with the values stored and last period's, into ${data}
 * (malloc'd: the caller frees it). It is a form to fill: an officer gets
 * its own agency's (the default) and units only (a district's UBND: its
 * district by default), a viewer none; NULL ${agency}: every agency's
 * inputs (coordinators, admins).
 */
int app_template(struct store *, const struct app_actor *, const char *,
    const char *, const char *, char **, size_t *, struct diag *);
/*
 * app_contrib.c: contributions, an input's value as the aggregate of the
 * parts the members of collectives supply (the districts, the
 * departments; docs/rules.md, "Contributions"). A part is a value at the
 * unit of the aggregate whose part is the member's agency code.
 */

#define APP_MAX_PART 64 /* bytes of a part (an agency code) with its NUL */

/* One part of a contributed value. */
struct app_part {
	const char *apt_agency; /* the member */
	const char *apt_raw;
	enum value_status apt_status;
	const char *apt_comment; /* a reviewer's, when returned */
	const char *apt_by;
	const char *apt_at;
};
/* A contributed input's value at one unit: the aggregate of its parts. */
struct app_aggregate {
	const char *agr_unit;
	const char *agr_input;
	const char *agr_how; /* "all", "sum" ...: method_aggregate_name */
	int agr_complete; /* every member has its part */
	char agr_value[64]; /* the aggregate as a value is written; "" */
	enum value_status agr_status; /* its least advanced part's */
	int agr_nmembers; /* members that contribute */
	int agr_nparts; /* of them, with a part */
	const struct app_part *agr_parts; /* those the caller may see */
	int agr_nshown;
	const char *const *agr_missing; /* members without a part */
	int agr_nmissing;
};
/*
 * app_aggregates(s, a, p, unit, cb, ctx, d): for each contributed input
 * of ${p} with a part at unit ${unit} (NULL: at any unit) and no whole
 * value there, its aggregate over the parts of every status, complete
 * when every member has its part, shown with the parts ${a} may see
 * (app_may_see_part) and the members still missing.
 */
int app_aggregates(struct store *, const struct app_actor *,
    const struct st_period *, const char *,
    int (*)(void *, const struct app_aggregate *), void *, struct diag *);
/*
 * app_export_parts(s, a, period, f, d): every part of the period ${a} may
 * see (app_may_see_part) as unit,input,value,part,status (dti export
 * --parts).
 */
int app_export_parts(struct store *, const struct app_actor *, const char *,
    FILE *, struct diag *);
/*
 * app_part_input(m, in, tmp): the input a part of ${in} is read as: yes/no
 * for a count of yes (in ${tmp}), else ${in} itself.
 */
const struct m_input *app_part_input(
    const struct method *, int, struct m_input *);
/*
 * app_part_aggregate(m, in, raws, n, x, out, size): the aggregate of the
 * ${n} stored parts ${raws} of contributed input ${in} into ${x}, and
 * written as a value of ${in} is (a number, 0/1, an option's code) into
 * ${out}; 0, or -1 (${out} "") when there are none or one does not fit.
 */
int app_part_aggregate(const struct method *, int, const char *const *, int,
    double *, char *, size_t);
/*
 * app_parts_status(st, n): the least advanced of ${n} statuses: returned,
 * then draft, submitted, approved (draft when ${n} is 0).
 */
enum value_status app_parts_status(const enum value_status *, int);
/*
 * app_value_put_part(s, a, period, unit, input, part, raw, style, agency,
 * reason, stored, written, d) (app_value.c): app_value_put of part
 * ${part} of a contributed input ("": the whole value; NULL: implied, at
 * the province an officer of a member writes its own part, anyone else
 * the whole value); the part written
 * ("": the whole value) is copied into ${written} unless NULL.
 */
int app_value_put_part(struct store *, const struct app_actor *, const char *,
    const char *, const char *, const char *, const char *, enum numfmt_style,
    const char *, const char *, struct buf *, char *, struct diag *);
/*
 * app_may_part(s, a, m, in, unit, part) (app_policy.c): 1 when ${a} may
 * write (enter, evidence, submit) part ${part} ("": the whole value) of
 * contributed input ${in} of ${m} at unit ${unit} (NULL: the province).
 * Admins and coordinators: any member's part and the whole value, at any
 * unit. An officer: only its own agency's part, its agency being a member
 * of the contribution, at the province's unit; never the whole value
 * there nor another member's part. Viewers: nothing. An input that is
 * not contributed has no parts: 1 for "" (the other rules decide), and
 * so is the whole value at another unit than the province's (a
 * district's own value, in a round of districts: app_may_unit decides).
 */
int app_may_part(struct store *, const struct app_actor *,
    const struct method *, int, const char *, const char *);
/*
 * app_check_part(s, a, m, in, unit, part, d): 0 when app_may_part allows
 * it (and the unit exists), else -1 with a "forbidden" error saying why.
 */
int app_check_part(struct store *, const struct app_actor *,
    const struct method *, int, const char *, const char *, struct diag *);
/*
 * app_may_see_part(a, part): 1 when ${a} may read part ${part} ("": a
 * whole value, which all read): an officer only its own agency's parts;
 * viewers, coordinators and admins every part.
 */
int app_may_see_part(const struct app_actor *, const char *);

/* app_rules.c: the data rules at entry, import and submit. */

/*
 * A value's plausibility warnings are stored with it (st_value's
 * sv_warnings) as one line per warning: its code, a tab, the Vietnamese
 * text, a tab, the English text ("plausibility.change\tA.4 ...\tA.4
 * ..."); "" when none. app_warnings_parse(stored, out): each as a
 * DIAG_WARNING item of ${out} (code, vi, en); how many.
 */
int app_warnings_parse(const char *, struct diag *);
/* app_worklist.c: what an agency owes in a period, input by input. */

/*
 * app_input_unit(in, lang): what input ${in} is counted in, as a form
 * asks for it: an amount's "tỷ đồng" ("billion VND"), else the
 * methodology's unit ("%"; other units, Vietnamese words, only in
 * Vietnamese), else NULL. Static or borrowed from the methodology.
 */
const char *app_input_unit(const struct m_input *, enum diag_lang);
/*
 * app_value_shown(in, raw, lang, out): the stored value ${raw} of ${in}
 * as people read it, appended to ${out}: a number with its digits grouped
 * (1.234.567,5; English 1,234,567.5) and its unit, Có/Không (yes/no), an
 * option's label (English: its code), a text as it is; nothing when
 * ${raw} is NULL.
 */
void app_value_shown(
    const struct m_input *, const char *, enum diag_lang, struct buf *);

/* One input of a work list (or of a review list), borrowed for the call. */
struct app_work_item {
	int wki_input; /* its index in the methodology */
	const struct m_input *wki_in; /* name, label, kind, unit, options */
	const char *wki_item; /* its indicator's (or general item's) code */
	const char *wki_item_name;
	const char *wki_rule; /* the plan's rule in words, or NULL */
	const char *wki_lead; /* the agency that leads it, or NULL */
	/* the list's agency: leads it, or coordinates it (read-only: it may
	 * attach evidence); APP_INPUT_NONE in a list of every agency */
	enum app_input_role wki_role;
	int wki_evidence_required; /* by the methodology's evidence policy */
	const struct st_value *wki_value; /* the current value, or NULL */
	const char *wki_shown; /* it as people read it (Vietnamese), or "" */
	const struct diag *wki_warnings; /* its plausibility warnings */
	const struct st_evidence *wki_evidence; /* current items, by id */
	int wki_nevidence;
	const char *wki_prev; /* the previous period's value, or NULL */
	const char *wki_prev_shown; /* it as people read it, or NULL */
};
/* A work list's head: what it is about, its deadline and its counts. */
struct app_worklist {
	struct st_period wkl_period;
	char wkl_agency[64]; /* "": every agency's inputs */
	char wkl_unit[80];
	char wkl_prev[16]; /* the previous period's code */
	long wkl_days_left; /* to the agencies' deadline; < 0: past it */
	int wkl_items; /* items listed */
	int wkl_lead; /* of them, led by the agency */
	int wkl_coord; /* coordinated: read-only, evidence only */
	/* over the items it has to send (all but the coordinated ones) */
	int wkl_missing; /* no value yet */
	int wkl_status[VALUE_NSTATUS]; /* by the status of their value */
	int wkl_warned; /* with plausibility warnings */
	int wkl_no_evidence; /* evidence required, none attached */
};
/*
 * app_worklist(s, a, period, agency, unit, wl, cb, ctx, d): the work list
 * of ${agency} in ${period} for ${unit}: every input it owes (app_owed:
 * those it leads, or a collective it is in leads), then every input it
 * coordinates (read-only items it may attach evidence to), each handed
 * to ${cb} (non-zero stops). ${wl} (may be NULL) receives the head,
 * whole before the first item. An officer sees its own agency's list
 * only (the default), a viewer none ("forbidden"); coordinators and
 * admins any agency's, or with ${agency} NULL every agency's inputs.
 * ${unit} NULL: an officer of a district's UBND its district, anyone
 * else the province.
 */
int app_worklist(struct store *, const struct app_actor *, const char *,
    const char *, const char *, struct app_worklist *,
    int (*)(void *, const struct app_work_item *), void *, struct diag *);
/* app_worklist_count(wl, it): count ${it} into the head ${wl}. */
void app_worklist_count(struct app_worklist *, const struct app_work_item *);

/* app_review.c (besides the review workflow above): what to review. */
enum app_review_list {
	APP_REVIEW_SUBMITTED, /* submitted values: to approve or return */
	APP_REVIEW_NO_EVIDENCE, /* approved, evidence required, none */
};
/*
 * app_review_list(s, period, agency, unit, what, wl, cb, ctx, d): the
 * values of ${unit} (NULL: the province) in ${period} that ${what} asks
 * for, of the inputs ${agency} leads (NULL: every agency), as work list
 * items (warnings, comment, evidence, last period's value) handed to
 * ${cb}; ${wl} (may be NULL) counts them. Everyone may read it.
 */
int app_review_list(struct store *, const char *, const char *, const char *,
    enum app_review_list, struct app_worklist *,
    int (*)(void *, const struct app_work_item *), void *, struct diag *);

/*
 * Analysis (issue 11, items 2-6): app_analysis.c, app_whatif.c,
 * app_results.c. Read only: none of these writes, except
 * app_results_import. Strings in the structs are borrowed from the
 * methodology (kept until app_close) or owned by the struct, which its
 * _free function releases. Points are the methodology's points (INDEX =
 * TOTAL / 1000); docs/analysis.md says how each number is computed.
 */

/* app_results.c: published results of any year, rank and the groups. */

/* Columns of the published main indicators (the groups I..VIII). */
#define APP_RESULT_NGROUPS 8
/*
 * A published result: one province's figures of a year, as recorded
 * (st_result of store.h); NAN: not published, rank 0: not published.
 */
struct app_result {
	int rsl_year;
	char rsl_province[128]; /* as published: "Ninh Thuận" */
	double rsl_index; /* 0..1 */
	int rsl_rank;
	double rsl_pillar[3]; /* CQS, KTS, XHS */
	int rsl_pillar_rank[3];
	double rsl_group[APP_RESULT_NGROUPS]; /* I..VIII, fractions of max */
	char rsl_source[512];
};
/*
 * app_results_import(s, a, f, file, year, source, count, d): record the
 * published results of the CSV ${f} (the shapes of data/results/:
 * "rank,province", "rank,province,<8 groups>,pdti",
 * "year,province,dti,dti_rank,cqs,cqs_rank,...,source", and
 * "year,level,metric,value,source" for the national averages); a file
 * without a year column takes ${year} (0: the 20xx in its name). A row
 * adds to what is recorded for its year and province (a field given
 * replaces the recorded one). All or nothing; ${count} receives the rows.
 */
int app_results_import(struct store *, const struct app_actor *, FILE *,
    const char *, int, const char *, int *, struct diag *);
/*
 * app_results(s, year, cb, ctx, d): the results recorded for ${year}
 * (0: every year), by year then rank; the year's average (when recorded)
 * comes as the province "" with rank 0.
 */
int app_results(struct store *, int, int (*)(void *, const struct app_result *),
    void *, struct diag *);
/* Where an index places the province among a year's recorded results. */
struct app_place {
	int pl_year;
	/* 1 + the rank of the lowest recorded province above it (its best
	 * possible rank), 0: no index recorded that year */
	int pl_rank;
	int pl_rank_worst; /* the rank of the best one below it, else pl_of */
	int pl_of; /* provinces ranked that year (63) */
	int pl_known; /* of them, with a recorded index */
	char pl_group[16]; /* "khá" (at least the average), "dưới khá", "" */
	double pl_kha; /* the index that enters the "khá" group, NAN */
	double pl_to_kha; /* pl_kha - index when below it, else 0; NAN */
};
/*
 * app_place(s, year, index, self, out, d): place ${index} among the
 * results recorded for ${year}, leaving out province ${self} (NULL: the
 * province of the database). Groups (docs/analysis.md): the published
 * material names "nhóm khá" without defining it; dti takes the year's
 * national average of the 63 provinces as its threshold.
 */
int app_place(struct store *, int, double, const char *, struct app_place *,
    struct diag *);

/*
 * Reference bounds: when a period's round holds too few units to compare
 * (one province alone), its Min-Max and proportional-to-best indicators
 * are scored against bounds given as data (engine/round.h,
 * round_set_bounds); app_score_period applies them. They are in the unit
 * of what the rule compares (8.6: the count itself; 4.6: the ratio).
 * app_bound_set(s, a, period, indicator, lo, hi, style, source, d): set
 * them (numbers written in ${style}; lo <= hi), for an indicator with a
 * cross-unit rule; a Sở TTTT task (APP_PERIOD), audited.
 */
int app_bound_set(struct store *, const struct app_actor *, const char *,
    const char *, const char *, const char *, enum numfmt_style, const char *,
    struct diag *);
/* app_bounds(s, period, cb, ctx, d): the bounds set for ${period}. */
int app_bounds(struct store *, const char *,
    int (*)(void *, const struct st_bound *), void *, struct diag *);

/* app_analysis.c: where the points are lost. */

/* A line of points lost: an indicator, group, pillar or lead agency. */
struct app_loss {
	const char *lo_code; /* indicator, group, figure or agency code */
	const char *lo_name;
	double lo_max; /* points it can reach (a pillar: 1) */
	double lo_score;
	double lo_lost; /* lo_max - lo_score */
	const char *lo_agency; /* an indicator's lead agency, or NULL */
};
/* One yes/no step or one choice not yet taken, and what it is worth. */
struct app_quick_win {
	int qw_input; /* its index in the methodology */
	const char *qw_name; /* "2.1.a" */
	const char *qw_label;
	const char *qw_indicator;
	const char *qw_now; /* the value stored, as people read it, or "" */
	const char *qw_to; /* the better value ("1", or the option code) */
	double qw_points; /* TOTAL points gained, re-scored by the engine */
	const char *qw_agency; /* the agency that must act */
	char *qw_tasks; /* the plan's linked tasks, comma separated, or "" */
};
struct app_losses {
	struct st_period lss_period;
	double lss_total; /* TOTAL points and the methodology's maximum */
	double lss_max;
	struct app_loss
	    *lss_ind; /* leaf and whole indicators, most lost first */
	int lss_nind;
	struct app_loss *lss_groups;
	int lss_ngroups;
	struct app_loss *lss_pillars; /* the derived figures CQS, KTS, XHS */
	int lss_npillars;
	struct app_loss *lss_agencies; /* by lead agency */
	int lss_nagencies;
	struct app_quick_win *lss_wins; /* most points first */
	int lss_nwins;
};
/*
 * app_losses(s, period, drafts, out, d): where ${period}'s points are lost
 * (approved values; with drafts when ${drafts}); free with
 * app_losses_free.
 */
int app_losses(
    struct store *, const char *, int, struct app_losses *, struct diag *);
void app_losses_free(struct app_losses *);

/* A column (indicator, group, figure) before and after a change. */
struct app_delta {
	int dl_col; /* score column */
	const char *dl_code;
	double dl_before;
	double dl_after;
};
/* Year on year: one figure of two years as the plan phrases it. */
struct app_trend_line {
	const char *tl_code; /* INDEX, CQS, KTS, XHS, or a group code */
	const char *tl_name;
	double tl_now; /* 0..1 (a group: fraction of its max); NAN */
	double tl_prev;
	double tl_growth; /* per cent; NAN when unknown */
	int tl_rank; /* 0: unknown */
	int tl_prev_rank;
	int tl_of;
	char tl_text[320]; /* "tăng 94,7 % so với năm 2021, xếp thứ 27/63,
			      tăng 26 bậc" */
	char tl_text_en[320];
};
struct app_trend {
	int tr_year;
	int tr_prev_year;
	struct app_trend_line *tr_lines;
	int tr_n;
};
/*
 * app_trend(s, period, drafts, out, d): ${period}'s year against the year
 * before, from the recorded results of both years (the province's own
 * published figures), else from the scores of the two periods; free with
 * app_trend_free.
 */
int app_trend(
    struct store *, const char *, int, struct app_trend *, struct diag *);
void app_trend_free(struct app_trend *);

/* One indicator's next step and what it is worth. */
struct app_sens_step {
	const char *sst_indicator;
	const char *sst_name;
	const char *sst_agency;
	int sst_input; /* the input changed (index), -1: none found */
	const char *sst_input_name;
	double sst_from; /* its value now (option index for a choice) */
	double sst_to; /* the value that reaches the next score step */
	const char *sst_from_text; /* yes/no and choice: "0"/"1", the option */
	const char *sst_to_text; /* code; NULL for numbers */
	double sst_points; /* TOTAL points gained */
	double sst_effort; /* docs/analysis.md: relative change of the input */
	double sst_per_effort; /* points / effort */
	int sst_ranks; /* ranks gained among the recorded results */
};
struct app_sensitivity {
	struct st_period sen_period;
	double sen_index;
	struct app_place sen_place;
	struct app_sens_step
	    *sen_steps; /* most points per unit of effort first */
	int sen_n;
};
/*
 * app_sensitivity(s, period, drafts, out, d): for each indicator below its
 * maximum, the smallest change of one input that raises its score to the
 * next step (found by searching with the engine), its points and ranks;
 * free with app_sensitivity_free.
 */
int app_sensitivity(
    struct store *, const char *, int, struct app_sensitivity *, struct diag *);
void app_sensitivity_free(struct app_sensitivity *);

/* app_whatif.c: hypothetical values, scored beside the current ones. */

/* A hypothetical value: input name and text (in the request's style). */
struct app_whatif_value {
	const char *wv_input;
	const char *wv_value;
};
struct app_whatif {
	struct st_period wi_period;
	struct app_delta *wi_cols; /* every column that changed, and INDEX,
				      TOTAL, the pillars and groups always */
	int wi_ncols;
	double wi_index_before;
	double wi_index_after;
	struct app_place wi_place_before; /* among the year's results */
	struct app_place wi_place_after;
	int wi_nchanged; /* inputs given a new value */
};
/* app_whatif's flags: set every numeric target of the plan as met. */
#define APP_WHATIF_TARGETS 1
/*
 * app_whatif(s, period, drafts, vals, n, style, flags, out, d): score
 * ${period} with the ${n} values ${vals} (numbers read in ${style}) in
 * place of the stored ones, and with APP_WHATIF_TARGETS each numeric
 * target met (its numerator's first input raised to target x
 * denominator). The values are changed in a round in memory; the store is
 * only read, nothing is written (tests compare store_digest before and
 * after). Free with app_whatif_free.
 */
int app_whatif(struct store *, const char *, int,
    const struct app_whatif_value *, int, enum numfmt_style, int,
    struct app_whatif *, struct diag *);
void app_whatif_free(struct app_whatif *);
/* app_report.c: the period's report (issue 11), one model for every
 * rendering (io/report.h: XLSX, DOCX, PDF). */

/* A figure (index, total, pillar) or a group, with its change. */
struct app_report_fig {
	const char *rpf_code; /* borrowed from the methodology */
	const char *rpf_name;
	double rpf_max;
	double rpf_value;
	double rpf_prev; /* the previous period's, NAN when none */
	double rpf_prev_year; /* last year's (app_trend), NAN */
	char rpf_trend[320]; /* app_trend's phrase, "" when none */
};
/* An indicator as Appendix 2 lays it out, with the period's data. */
struct app_report_ind {
	const char *rpi_code; /* borrowed from the methodology */
	const char *rpi_name;
	int rpi_group; /* index in rpt_groups */
	int rpi_depth; /* 0: top level; 1: a part */
	int rpi_leaf; /* no parts: its points are lost or won itself */
	double rpi_max;
	double rpi_score;
	const char *rpi_status; /* score_status_name */
	const char *rpi_rule; /* the plan's text, or "" */
	const char *rpi_lead; /* the lead agency's short name, or "" */
	char *rpi_coord; /* coordinating agencies' short names, "; " */
	char *rpi_inputs; /* "label: value" lines, as people read them */
	char *rpi_docs; /* evidence document numbers, "; " */
	char *rpi_explain; /* how it was scored, one line */
};
/* Points lost by the indicators an agency leads (app_losses). */
struct app_report_loss {
	char *rpl_agency; /* its name */
	double rpl_max; /* the points its indicators can reach */
	double rpl_score;
	double rpl_lost;
};
/* An agency's submission state. */
struct app_report_agency {
	char *rpa_agency; /* short name (else its code) */
	int rpa_owned, rpa_missing, rpa_sent; /* sent: submitted+approved */
	int rpa_late, rpa_on_time, rpa_approved; /* 1/0 each */
};
/* An overdue task of the plan. */
struct app_report_task {
	char *rpk_code;
	char *rpk_text;
	char *rpk_leads; /* the plan's words for who leads it */
	char rpk_due[11]; /* dd/mm/yyyy */
	const char *rpk_status; /* task_status_label, static */
};
/* A target of the plan and its progress. */
struct app_report_target {
	char *rpz_code;
	char *rpz_text;
	double rpz_target; /* NAN when the plan gives no number */
	double rpz_value; /* NAN when unknown */
	double rpz_progress; /* value / target, NAN */
	char *rpz_unit;
	const char *rpz_state; /* target_state_label, static */
};
/* The report of a period; app_report_free frees what it holds. */
struct app_report {
	struct st_period rpt_period;
	char rpt_period_words[48]; /* "năm 2022", "quý 3 năm 2022" */
	char rpt_prev[16]; /* previous period's code, "" when not stored */
	char rpt_prev_year[16]; /* same period last year, "" when not */
	char rpt_today[11]; /* dd/mm/yyyy */
	char *rpt_province; /* the province's unit code */
	char *rpt_province_name; /* its name: "Tỉnh Ninh Thuận" */
	char *rpt_method; /* the methodology's name and version */
	const struct method *rpt_m;
	struct app_report_fig *rpt_figs; /* INDEX first, then the others */
	int rpt_nfigs;
	struct app_report_fig *rpt_groups;
	int rpt_ngroups;
	struct app_report_ind *rpt_ind;
	int rpt_nind;
	struct app_report_loss *rpt_losses; /* most lost first */
	int rpt_nlosses;
	struct app_report_agency *rpt_agencies; /* late or incomplete */
	int rpt_nagencies;
	struct app_report_task *rpt_tasks; /* overdue */
	int rpt_ntasks;
	struct app_report_target *rpt_targets;
	int rpt_ntargets;
};
/*
 * app_report(s, period, drafts, today, out, d): the report of ${period}
 * for the province on day ${today} (days since 1970): its approved
 * values (all of them with ${drafts}) scored, against the previous
 * period and the same period of last year when stored. Every role may
 * read it. Free ${out} with app_report_free.
 */
int app_report(struct store *, const char *, int, long, struct app_report *,
    struct diag *);
/* app_report_free(r): free what ${r} holds. */
void app_report_free(struct app_report *);
/*
 * app_report_file(s, period, format, drafts, today, data, len, type, d):
 * the report of ${period} rendered as ${format} ("xlsx", "docx", "pdf";
 * anything else is a "report.format" error naming it) into ${data}
 * (malloc'd: the caller frees it), its media type into ${type} (static).
 */
int app_report_file(struct store *, const char *, const char *, int, long,
    char **, size_t *, const char **, struct diag *);
/* ---- plans as data, tasks per agency, targets per year (issue 12) ---- */

/* app_plan_load.c */
/* What loading a plan did or, in a dry run, would do. */
struct app_plan_load_out {
	char plo_code[64];
	char plo_title[256];
	int plo_year_from, plo_year_to;
	int plo_ntasks, plo_ntargets;
	int plo_nagencies; /* task-agency pairs, collectives expanded */
	int plo_dry_run;
};
/*
 * app_plan_load(s, a, text, len, file, dry_run, out, d): parse the plan
 * file (io/plan_load.h) and check it against the database (every agency
 * it names exists; its code not loaded yet: loading a plan again is an
 * error, "plan.loaded"), then write the plan, its tasks, their agencies
 * and its targets in one transaction, audited; all or nothing. A dry run
 * does it all and rolls it back. An admin or a coordinator (APP_PERIOD).
 */
int app_plan_load(struct store *, const struct app_actor *, const char *,
    size_t, const char *, int, struct app_plan_load_out *, struct diag *);
/* app_plans(s, cb, ctx, d): every plan, oldest first, with its counts. */
int app_plans(struct store *, int (*)(void *, const struct st_plan *), void *,
    struct diag *);

/* app_plan.c */
/*
 * app_task_derive(n, leads): a task's status from its leads' ${n}
 * statuses: done when every lead is done, in progress when any lead has
 * started (in progress or done), else not started. Overdue is not a
 * status: app_task_overdue() says it from the due date.
 */
enum task_status app_task_derive(int, const enum task_status *);
/* app_tasks_in(s, f, cb, ctx, d): the tasks ${f} selects. */
int app_tasks_in(struct store *, const struct st_task_filter *,
    int (*)(void *, const struct st_task *), void *, struct diag *);
/* app_task_agencies(s, task, cb, ctx, d): the agencies of task id ${task}
 * with their statuses and latest notes and document numbers. */
int app_task_agencies(struct store *, long,
    int (*)(void *, const struct st_task_agency *), void *, struct diag *);
/* app_task_history(s, task, cb, ctx, d): the reports on task id ${task}. */
int app_task_history(struct store *, long,
    int (*)(void *, const struct st_progress *), void *, struct diag *);
/*
 * app_targets_year(s, period, drafts, year, plans, size, cb, ctx, d):
 * app_targets, saying the year compared (0: no period, every target)
 * into ${year} and the codes of the plans its targets come from
 * (comma separated) into ${plans}.
 */
int app_targets_year(struct store *, const char *, int, int *, char *, size_t,
    int (*)(void *, const struct app_target *), void *, struct diag *);

/* app_plan_target.c: hand-entered targets and their review */
/* What a step of the review does to a hand-entered target's value. */
enum app_target_step {
	APP_TARGET_SET, /* a new draft value (with evidence) */
	APP_TARGET_SUBMIT, /* draft or returned -> submitted */
	APP_TARGET_APPROVE, /* submitted -> approved */
	APP_TARGET_RETURN, /* submitted -> returned, with a comment */
	APP_TARGET_REOPEN, /* approved -> draft */
};
/* The arguments of a step; unused ones NULL. */
struct app_target_input {
	const char *ti_plan; /* NULL: the one plan that has the code */
	const char *ti_code;
	double ti_value; /* APP_TARGET_SET */
	const char *ti_note, *ti_doc; /* APP_TARGET_SET */
	const void *ti_data; /* evidence file, or NULL */
	size_t ti_len;
	const char *ti_comment; /* APP_TARGET_RETURN: required */
};
/*
 * app_target_step(s, a, step, in, out, d): take a hand-entered target
 * through its review: its responsible agency (an officer of it, or a
 * coordinator or admin) sets and submits; a coordinator or admin
 * approves, returns with a comment, reopens. The new status into ${out}
 * (may be NULL). Audited; earlier versions are kept.
 */
int app_target_step(struct store *, const struct app_actor *,
    enum app_target_step, const struct app_target_input *, enum value_status *,
    struct diag *);
/*
 * app_target_history(s, plan, code, cb, ctx, d): every version of the
 * value of hand-entered target ${code}, oldest first.
 */
int app_target_history(struct store *, const char *, const char *,
    int (*)(void *, const struct st_target_value *), void *, struct diag *);

/*
 * Methodologies of periods, internal indices (issue 12, M): app_method.c,
 * app_period.c, app_score.c.
 */

/*
 * app_method_load(s, a, yaml, len, name, id, existed, d): check the
 * methodology text ${yaml} as dti methodology check does (every error in
 * ${d} at its line of ${name}) and store it (app_method_add); admins only
 * (APP_METHOD). A text stored already is not stored again: ${existed} is
 * set and ${id} is the stored one's.
 */
int app_method_load(struct store *, const struct app_actor *, const char *,
    size_t, const char *, long *, int *, struct diag *);
/*
 * app_method_readable(s, a, id): 1 when ${a} may read methodology ${id}:
 * an admin any, everyone else the methodologies periods are scored with
 * (their indicators are shown to every role).
 */
int app_method_readable(struct store *, const struct app_actor *, long);

/* A figure of a unit under the current and another methodology. */
struct app_method_fig {
	char mf_unit[80];
	char mf_code[32]; /* INDEX, or a derived figure (CQS, ...) */
	double mf_before; /* NAN: the methodology has no such figure */
	double mf_after;
};
/* What changing a period's methodology does (app_period_set_method). */
struct app_method_change {
	struct st_period mch_period; /* as it was */
	long mch_from, mch_to;
	char mch_from_name[160]; /* "dti-province-2022 2022" */
	char mch_to_name[160];
	struct app_method_fig *mch_figs; /* approved values, every unit */
	int mch_nfigs;
	char **mch_kept; /* inputs with values the new one does not know */
	int mch_nkept;
	char **mch_added; /* inputs of the new one the old one lacks */
	int mch_nadded;
	char **mch_misfit; /* "unit/input": values the new one cannot read */
	int mch_nmisfit; /* (an input of another kind): the change is refused */
	int mch_applied; /* 1: the period is now scored with mch_to */
};
/*
 * app_period_set_method(s, a, period, method, confirm, out, d): score
 * ${period} (open) with methodology id ${method} instead: ${out} says
 * what changes (the index and derived figures of every unit under both,
 * from the approved values, and the inputs each lacks); without
 * ${confirm} nothing is written. With it the period's methodology is
 * changed, audited (old id, new id, who); no value is deleted: those of
 * inputs the new one does not know are kept (mch_kept) and count again if
 * the period goes back. Values the new one cannot read (its input of the
 * same name is of another kind: mch_misfit) refuse the change
 * ("period.method_values"). Admins only (APP_METHOD). Free ${out} with
 * app_method_change_free.
 */
int app_period_set_method(struct store *, const struct app_actor *,
    const char *, long, int, struct app_method_change *, struct diag *);
void app_method_change_free(struct app_method_change *);

/* The units of a period opened for an internal index (app_period_open). */
struct app_period_spec {
	const char *aps_code;
	long aps_method; /* 0: the latest loaded */
	const char *aps_agency_due; /* NULL: the plan's rules */
	const char *aps_sotttt_due;
	const char *aps_label;
	const char *aps_units; /* "ninh-hai,bac-ai": the units it scores */
	const char *aps_level; /* or every unit of this level ("district") */
};
#define APP_PERIOD_MAX_UNITS 1000 /* units of a period's chosen set */
/*
 * app_period_open(s, a, spec, out, d): app_period_add, and when ${spec}
 * names units or a level, the set of units the period scores (its
 * values, import, status and ranking keep to them): all in one
 * transaction, every unit checked first (an unknown one named). Without
 * a methodology it takes the newest loaded for the level of its units
 * (of its first unit; without a set, "province"), else the newest.
 */
int app_period_open(struct store *, const struct app_actor *,
    const struct app_period_spec *, struct st_period *, struct diag *);
/*
 * app_period_units(s, p, cb, ctx, d): the units period ${p} scores; none
 * when it scores the province (no set chosen).
 */
int app_period_units(struct store *, const struct st_period *,
    int (*)(void *, const struct st_unit *), void *, struct diag *);
/*
 * app_period_unit_check(s, p, unit, d): 0 when ${p} takes values of unit
 * code ${unit} (a period without a set: any), else -1 with
 * "period.unit" naming the unit and the period's units.
 */
int app_period_unit_check(
    struct store *, const struct st_period *, const char *, struct diag *);
/* One unit's place in a period's ranking (app_ranking). */
struct app_rank {
	const char *rk_unit; /* borrowed from the round */
	double rk_index; /* INDEX, NAN when it could not be scored */
	int rk_rank; /* 1 = best; ties share a rank */
};
/*
 * app_ranking(sd, out, n): the units of a scored period by INDEX, best
 * first (malloc'd: the caller frees it).
 */
int app_ranking(const struct app_scored *, struct app_rank **, int *);

/*
 * app_org_edit.c, app_org_period.c, app_org_load.c: the organisation,
 * versioned (docs/organisation.md). Every change has an effective date,
 * is logged (org_change) and audited; nothing is deleted.
 */
enum app_org_op {
	APP_ORG_ADD,
	APP_ORG_RENAME,
	APP_ORG_DEACTIVATE,
	APP_ORG_REACTIVATE,
	APP_ORG_MERGE, /* into oe_into */
	APP_ORG_MEMBER_ADD, /* oe_into joins the collective oe_code */
	APP_ORG_MEMBER_REMOVE, /* oe_into leaves it */
};
struct app_org_edit {
	enum app_org_op oe_op;
	const char *oe_entity; /* "agency" or "unit" */
	const char *oe_code;
	const char *oe_name; /* add, rename */
	const char *oe_short; /* agencies; NULL: the name (rename: kept) */
	const char *oe_kind; /* add: an agency's kind, a unit's level */
	const char *oe_parent; /* add a unit: its parent's code, or NULL */
	const char *oe_into; /* merge: the successor; members: the member */
	const char *oe_effective; /* dd/mm/yyyy or ISO; NULL: today (VN) */
};
/* app_org_op_name(op): "add", "rename" ... as the change log names it. */
const char *app_org_op_name(enum app_org_op);
/*
 * app_org_date(text, out, d): the effective date ${text} (either form;
 * NULL or "": today in Vietnam) as ISO; -1 with "org.date".
 */
int app_org_date(const char *, char[11], struct diag *);
/*
 * app_org_edit(s, a, e, d): the change ${e}, checked (unknown code,
 * inactive, merged into itself, a cycle, a date before it exists ...),
 * logged and audited in one transaction; admin only.
 */
int app_org_edit(struct store *, const struct app_actor *,
    const struct app_org_edit *, struct diag *);
/* app_org_apply(s, login, e, d): app_org_edit in the caller's transaction. */
int app_org_apply(
    struct store *, const char *, const struct app_org_edit *, struct diag *);
/* app_org_changes(s, cb, ctx, d): the change log, oldest first. */
int app_org_changes(struct store *,
    int (*)(void *, const struct st_org_change *), void *, struct diag *);
/*
 * app_agencies_at(s, date, cb, ctx, d), app_units_at(...): those active on
 * ${date} (YYYY-MM-DD) with the names then in force; NULL: all, as now.
 */
int app_agencies_at(struct store *, const char *,
    int (*)(void *, const struct st_agency *), void *, struct diag *);
int app_units_at(struct store *, const char *,
    int (*)(void *, const struct st_unit *), void *, struct diag *);
/*
 * app_org_name_at(s, entity, code, date, name, nsize, short, ssize): the
 * name in force on ${date}; STORE_ENOTFOUND when never renamed.
 */
int app_org_name_at(struct store *, const char *, const char *, const char *,
    char *, size_t, char *, size_t);
/* app_province_name_at(s, date, out, size): the province's name then. */
void app_province_name_at(struct store *, const char *, char *, size_t);
/*
 * app_period_method(s, p, out, d): period ${p}'s methodology with its
 * agencies as in force on the period's first day: an agency merged on or
 * before it is replaced by its successor (following the chain), names
 * are those then in force. Kept with ${s} like app_method.
 */
int app_period_method(struct store *, const struct st_period *,
    const struct method **, struct diag *);
/* One line of what an organisation file changes (app_org_load). */
struct app_org_line {
	const char
	    *oln_kind; /* add, rename, deactivate, merge, member_add ... */
	const char *oln_entity; /* agency, unit, collective */
	const char *oln_code;
	const char *oln_old; /* or NULL */
	const char *oln_new; /* or NULL */
	const char *oln_effective; /* YYYY-MM-DD */
};
/*
 * app_org_load(s, a, text, len, file, effective, dry_run, cb, ctx, d):
 * the organisation file ${text} (io/org_load.h, with its optional
 * effective: and changes:) compared with the stored organisation; each
 * difference to ${cb}; unless ${dry_run}, applied all in one transaction
 * (an agency or unit absent from the file is deactivated). ${effective}
 * (NULL: the file's, else today) dates every change. Admin only.
 */
int app_org_load(struct store *, const struct app_actor *, const char *, size_t,
    const char *, const char *, int,
    int (*)(void *, const struct app_org_line *), void *, struct diag *);
/* A predecessor of a unit, with what this database knows of it. */
struct app_lineage {
	const char *ln_code;
	const char *ln_name;
	const char *ln_to; /* merged from this day */
	const char *ln_successor;
	int ln_depth; /* 0: the unit itself, 1: a direct predecessor ... */
};
/*
 * app_org_lineage(s, unit, cb, ctx, d): ${unit} and every unit merged into
 * it (and into those), the unit first; "org.unknown" when none.
 */
int app_org_lineage(struct store *, const char *,
    int (*)(void *, const struct app_lineage *), void *, struct diag *);
/* app_result_bare(name): a province's name without "Tỉnh ", "TP. " ... */
const char *app_result_bare(const char *);
/*
 * app_period_province(s, p, out, size): the code of the province unit in
 * force on period ${p}'s first day; -1 on a store error.
 */
int app_period_province(
    struct store *, const struct st_period *, char *, size_t);
#endif
