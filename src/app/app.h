/*
 * app.h: the province's workflow over the store and the engine: periods
 * and their deadlines, import and export, values with evidence, submission
 * and review, scores of a period, tasks and targets. The CLI and the server
 * both call these; each call that writes is one transaction.
 *
 * Errors are recorded in the caller's diag (Vietnamese and English); the
 * functions return 0 or -1, or STORE_EBUSY when another writer held the
 * database for longer than the busy timeout.
 */
#ifndef DTI_APP_H
#define DTI_APP_H

#include <stdio.h>

#include "engine/score.h"
#include "store/store.h"
#include "util/diag.h"

/* app_parse_period(code, kind, year, quarter): "2022-Q3" or "2022". */
int app_parse_period(const char *, char[8], int *, int *);

/*
 * app_deadlines(s, year, quarter, agency_due, sotttt_due): the plan's
 * rules (section V): agencies before the 25th of the quarter's last month
 * and before 20/12 for the year; Sở TTTT by the 30th and by 25/12. The
 * days come from the store's reporting settings.
 */
int app_deadlines(struct store *, int, int, char[11], char[11]);

/*
 * app_period_open(s, code, method, agency_due, sotttt_due, label, actor,
 * d): open a period scored with methodology ${method} (0: the latest
 * loaded); NULL deadlines take the plan's rules.
 */
int app_period_open(struct store *, const char *, long, const char *,
    const char *, const char *, const char *, struct diag *);

/* app_period(s, code, out, d): a period, or an error naming it. */
int app_period(struct store *, const char *, struct st_period *, struct diag *);

/*
 * app_method(s, id, out, d): a stored methodology, parsed once per process
 * and shared (do not free it).
 */
int app_method(struct store *, long, const struct method **, struct diag *);

/*
 * app_import(s, period, f, file, status, actor, d): all or nothing: every
 * line is checked first (the exchange format's rules), values of a closed
 * period or already submitted or approved are refused, then all values
 * are written with ${status} ("draft", "submitted" or "approved").
 * Units not yet known are added. ${count} receives the values written.
 */
int app_import(struct store *, const char *, FILE *, const char *, const char *,
    const char *, long *, struct diag *);

/* app_export(s, period, f, d): the period's values as unit,input,value. */
int app_export(struct store *, const char *, FILE *, struct diag *);

/*
 * app_round(s, period, statuses, m, out, d): the period's values as a
 * round of methodology ${m}; ${statuses} as for store_value_each.
 */
int app_round(struct store *, const struct st_period *, const char *,
    const struct method *, struct round **, struct diag *);

/*
 * app_owner(m, input): the code of the agency that leads the indicator
 * (or general item) the input belongs to, or NULL.
 */
const char *app_owner(const struct method *, int);

/* Per agency state of a period, for dti status. */
struct app_agency_status {
	const char *as_agency; /* code, borrowed from the methodology */
	int as_owned; /* inputs it leads */
	int as_missing;
	int as_draft;
	int as_submitted;
	int as_approved;
};

/*
 * app_status(s, period, unit, out, n, d): one entry per agency that leads
 * an input, for unit ${unit} (NULL: the province). ${out} is malloc'd.
 */
int app_status(struct store *, const struct st_period *, const char *,
    const struct method *, struct app_agency_status **, int *, struct diag *);

/*
 * app_value_set(s, period, unit, input, raw, agency, actor, reason, d):
 * enter one value as a draft: checked like a data file line, refused when
 * the period is closed or the value is submitted or approved, or when
 * ${agency} (NULL: anyone, e.g. Sở TTTT) does not lead its indicator.
 */
int app_value_set(struct store *, const char *, const char *, const char *,
    const char *, const char *, const char *, const char *, struct diag *);

/*
 * Review: ${inputs} is a comma-separated list of input names, or NULL for
 * every input led by ${agency}.
 * app_submit: draft -> submitted, after a completeness check that lists
 * what is missing. app_approve: submitted -> approved. app_return:
 * submitted -> draft with a required comment. app_reopen: approved ->
 * draft with a required reason (Sở TTTT only: the caller checks roles).
 */
int app_submit(struct store *, const char *, const char *, const char *,
    const char *, struct diag *);
int app_approve(struct store *, const char *, const char *, const char *,
    const char *, const char *, struct diag *);
int app_return(struct store *, const char *, const char *, const char *,
    const char *, const char *, const char *, struct diag *);
int app_reopen(struct store *, const char *, const char *, const char *,
    const char *, const char *, const char *, struct diag *);

/*
 * app_evidence_add(s, period, unit, input, e, data, len, actor, d): attach
 * an evidence item; ${data} (may be NULL) is a file of ${len} bytes,
 * stored once by content hash.
 */
int app_evidence_add(struct store *, const char *, const char *, const char *,
    struct st_evidence *, const void *, size_t, const char *, struct diag *);

/*
 * app_period_close(s, code, status, actor, reason, d): close or reopen a
 * period ("closed" / "open").
 */
int app_period_status(struct store *, const char *, const char *, const char *,
    const char *, struct diag *);

/* A target of the plan with its latest value. */
struct app_target {
	const struct st_target *tg; /* borrowed for the callback */
	const char *tg_period; /* the period whose data was used, or "" */
	double tg_value; /* NAN when unknown */
	double tg_progress; /* value / target, NAN when unknown */
	const char *tg_state; /* met, not_met, no_data, not_measured,
				       no_target */
};

/*
 * app_targets(s, period, drafts, cb, ctx, d): every target of the plan
 * with its value computed from the province's values of ${period} (NULL:
 * the last period), approved only unless ${drafts}.
 */
int app_targets(struct store *, const char *, int,
    int (*)(void *, const struct app_target *), void *, struct diag *);
/* app_target_state_vi(state): the state in Vietnamese. */
const char *app_target_state_vi(const char *);

/* app_store_error(s, d): record the store's last error in ${d}. */
int app_store_error(struct store *, struct diag *);

#endif
