/*
 * plan_load.h: parse a plan file (plans/NAME.yaml, docs/plans.md): the
 * plan's header, its tasks and its targets, into plain structs. Nothing
 * here reads or writes a store: app/app_plan_load.c checks the agencies
 * and writes what plan_parse() returns.
 *
 * Every string of a parsed file is owned by it and lives until
 * plan_file_free(). Positions (*_line, *_col) are 1-based, 0 when the file
 * does not say.
 */
#ifndef DTI_PLAN_LOAD_H
#define DTI_PLAN_LOAD_H

#include <stddef.h>

#include "util/diag.h"

#define PLAN_MAX_BYTES (1u << 20) /* a plan file */
#define PLAN_MAX_DEPTH 16 /* YAML nesting */
#define PLAN_MAX_ITEMS 1000 /* tasks or targets */
#define PLAN_MAX_LIST 200 /* codes in one list: leads, inputs ... */
#define PLAN_MAX_YEARS 10 /* years one plan covers */

/* What a task is linked to, and how. */
enum plan_link_kind {
	PLAN_LINK_LEAD, /* an agency leads the task */
	PLAN_LINK_COORDINATOR, /* an agency coordinates it */
	PLAN_LINK_INDICATOR, /* the task serves an indicator */
};

struct plan_link {
	enum plan_link_kind plk_kind;
	const char *plk_ref; /* an agency or an indicator code */
	long plk_line, plk_col; /* the list it is in */
};

struct plan_task {
	const char *pt_code;
	const char *pt_group;
	const char *pt_group_name;
	const char *pt_text;
	const char *pt_lead_text; /* "" when absent */
	const char *pt_coord_text; /* "" when absent */
	const char *pt_due_text; /* "" when absent */
	const char *pt_due; /* "2022-10", "2022-Q4" or NULL */
	const char *pt_due_date; /* its last day, "2022-10-31"; NULL with it */
	const char *pt_note; /* or NULL */
	struct plan_link *pt_links; /* leads, coordinators, then indicators */
	size_t pt_nlinks;
	long pt_line, pt_col;
};

struct plan_target {
	const char *px_code;
	const char *px_text;
	int px_year; /* within the plan's years */
	double px_target; /* NaN when the plan gives no number */
	double px_target_max; /* NaN unless a range */
	const char *px_unit; /* percent, count, index */
	const char *px_indicator; /* or NULL */
	const char *px_numerator; /* inputs, comma separated, or NULL */
	const char *px_denominator; /* inputs, comma separated, or NULL */
	const char *px_score; /* a score code such as INDEX, or NULL */
	int px_manual; /* measure: manual: entered by hand, reviewed */
	const char *px_agency; /* who enters it (manual: required), or NULL */
	const char *px_note; /* or NULL */
	const char *px_source; /* or NULL */
	long px_line, px_col;
};

/* A parsed plan file; every array in the file's order. */
struct plan_file {
	const char *pf_file; /* the name messages give it */
	const char *pf_code; /* "4233/KH-UBND" */
	const char *pf_title;
	const char *pf_issuer;
	const char *pf_issued; /* YYYY-MM-DD */
	const char *pf_source; /* "" when absent */
	int pf_year_from, pf_year_to; /* the years it covers */
	long pf_line, pf_col; /* its header */
	struct plan_task *pf_tasks;
	size_t pf_ntasks;
	struct plan_target *pf_targets;
	size_t pf_ntargets;
	char **pf_strs; /* private: the copied strings */
	size_t pf_nstrs, pf_capstrs;
};

/*
 * plan_parse(text, len, file, out, d): parse the ${len} bytes of ${text}
 * (need not end in NUL), named ${file} in messages, into a new plan in
 * ${out}, the caller's to free with plan_file_free(). Return 0, or -1
 * with ${out} NULL and every error recorded in ${d} at its
 * file:line:column. Codes are unique within the file; a target's year is
 * one of the plan's; a hand-entered target names its agency.
 */
int plan_parse(
    const char *, size_t, const char *, struct plan_file **, struct diag *);

/* plan_file_free(f): free what plan_parse() made; NULL does nothing. */
void plan_file_free(struct plan_file *);

/*
 * plan_link_kind_name(k): the stored name of a link kind: "lead",
 * "coordinator" or "indicator".
 */
const char *plan_link_kind_name(enum plan_link_kind);

/*
 * plan_due_date(due, out): the last day of "YYYY-MM" or "YYYY-Qn" as
 * "YYYY-MM-DD"; -1 when ${due} is neither.
 */
int plan_due_date(const char *, char[11]);

#endif
