/*
 * app_int.h: what the files of app/ share and nothing else may call:
 * transactions ended on error, the checks every write repeats, and
 * reading stored values into a round.
 */
#ifndef DTI_APP_INT_H
#define DTI_APP_INT_H

#include "app/app.h"
#include "engine/round.h"

struct org_file;

/* app.c */
/* app_abort(s, d): roll back the transaction and report the store's error. */
int app_abort(struct store *, struct diag *);
/*
 * app_create(out, location, d): create a new database at ${location} and
 * open it; the store's error in ${d}.
 */
int app_create(struct store **, const char *, struct diag *);

/* app_method.c */
/* app_method_forget(s): free the methodologies parsed for ${s}. */
void app_method_forget(struct store *);
/*
 * app_method_store(s, m, yaml, len, login, out): app_method_add inside
 * the caller's transaction; a store error code.
 */
int app_method_store(struct store *, const struct method *, const char *,
    size_t, const char *, long *);

/* app_policy.c */
/*
 * The store's setting that names the district unit of agency CODE (kind
 * district): APP_DISTRICT_KEY "CODE", written from the organisation file.
 */
#define APP_DISTRICT_KEY "agency.district."

/* app_period.c */
/* app_refuse_closed(p, d): -1 with "period.closed" when ${p} is closed. */
int app_refuse_closed(const struct st_period *, struct diag *);
/*
 * app_unit(s, unit, code, size, id, d): the unit a workflow call is
 * about: ${unit}, or the province when NULL.
 */
int app_unit(
    struct store *, const char *, char *, size_t, long *, struct diag *);
/*
 * app_value_status(s, period, unit, input, out): the status of a
 * value: 0, STORE_ENOTFOUND when there is none, or a store error.
 */
int app_value_status(
    struct store *, long, long, const char *, enum value_status *);

/* app_value.c */
/* Stored values read into a round. */
struct app_round_ctx {
	struct round *rr_r;
	const struct method *rr_m;
	struct diag *rr_d;
	int rr_bad; /* stored values that do not parse */
};
/* app_round_row(ctx, v): a store_value_each callback filling ctx->rr_r. */
int app_round_row(void *, const struct st_value *);

/* app_account.c */
/*
 * app_user_create(s, login, role, agency, password, actor, shown, size,
 * d): app_user_add inside the caller's transaction, without the policy.
 */
int app_user_create(struct store *, const char *, enum role, const char *,
    const char *, const char *, char *, size_t, struct diag *);

/* app_org.c */
/*
 * app_org_write(s, login, f, d): write the parsed organisation file ${f}
 * (io/org_load.h) and its audit row, as ${login}, inside the caller's
 * transaction; 0, or -1 with every store error in ${d} at the file's
 * line and column of the item (the caller rolls back).
 */
int app_org_write(
    struct store *, const char *, const struct org_file *, struct diag *);

/* app_plan_load.c */
struct plan_file;
/*
 * app_plan_write(s, login, f, out, d): check the parsed plan ${f} against
 * the store and write it (plan, tasks, links, agencies, targets, audit)
 * as ${login} inside the caller's transaction; 0, or -1 with every error
 * in ${d} at the file's line and column (the caller rolls back).
 */
int app_plan_write(struct store *, const char *, const struct plan_file *,
    struct app_plan_load_out *, struct diag *);

/* app_review.c */
/* app_in_list(list, name): is ${name} in the comma-separated ${list}? */
int app_in_list(const char *, const char *);

/* app_rules.c: the data rules as the use cases apply them. */
/*
 * app_rules_prev_code(p, out): the previous period of the same kind:
 * 2022 -> 2021, 2022-Q3 -> 2022-Q2, 2022-Q1 -> 2021-Q4; a tag stays
 * (2022-demo -> 2021-demo).
 */
void app_rules_prev_code(const struct st_period *, char[16]);
/*
 * app_diag_move(to, from, sev): a copy of every item of ${from} added to
 * ${to} with severity ${sev}.
 */
void app_diag_move(struct diag *, const struct diag *, enum diag_sev);
/* One unit's whole values of a period as numbers, by input index. */
struct app_vals {
	const struct method *avs_m;
	double *avs_v; /* NAN where there is none (text inputs: none) */
	enum value_status *avs_status; /* where avs_v is a number */
	const unsigned char *avs_only; /* [VALUE_NSTATUS]: read only those */
};
/* app_vals_init(v, m): no value yet; app_vals_free(v) frees it. */
void app_vals_init(struct app_vals *, const struct method *);
void app_vals_free(struct app_vals *);
/*
 * app_vals_read(s, period, uid, v): the current whole values of unit id
 * ${uid} in period id ${period} into ${v} (those of the statuses
 * v->avs_only allows, when set); a store error.
 */
int app_vals_read(struct store *, long, long, struct app_vals *);
/*
 * app_rules_prev(s, p, uid, v): the values of unit ${uid} in the period
 * before ${p} (app_rules_prev_code), whatever their status; nothing when
 * that period was never opened. A store error.
 */
int app_rules_prev(
    struct store *, const struct st_period *, long, struct app_vals *);
/*
 * app_rules_warn(m, in, v, prev, stored, w, file, line): the plausibility
 * warnings of value ${v} of input ${in} against ${prev} (NAN: none),
 * appended to ${stored} in the stored form (app_warnings_parse) and, when
 * ${w} is not NULL, added to ${w} at ${file}:${line}; how many.
 */
int app_rules_warn(const struct method *, int, double, double, struct buf *,
    struct diag *, const char *, long);
/*
 * app_rules_consistent(m, get, ctx, touched, code, unit, file, lines, d):
 * the consistency rules of ${m} that read an input ${touched} marks (one
 * flag per input), over the values ${get} gives (as method_consistent);
 * each broken pair is an error ${code} naming unit ${unit} and both
 * inputs, at ${file} and the earliest of ${lines} (per input; may be
 * NULL) of the rule's touched inputs. Return the errors added.
 */
int app_rules_consistent(const struct method *, int (*)(void *, int, double *),
    void *, const unsigned char *, const char *, const char *, const char *,
    const long *, struct diag *);
/*
 * app_rules_evidence(s, period, unit, m, counts): the current evidence
 * items of unit ${unit} (code) in period id ${period}, counted by input of
 * ${m} into ${counts} (m_ninputs of them); a store error.
 */
int app_rules_evidence(
    struct store *, long, const char *, const struct method *, int *);

/* app_worklist.c */
/*
 * app_work_each(s, p, m, uid, unit, roles, wl, cb, ctx, d): the items of
 * unit ${uid} (code ${unit}) of ${p} whose ${roles} (per input: 0 not
 * listed, else 1 + its enum app_input_role) lists, those of each role
 * together (lead, then coordinated), in the methodology's order; the head
 * ${wl} (not NULL) is filled first (period, unit, deadline, counts).
 */
int app_work_each(struct store *, const struct st_period *,
    const struct method *, long, const char *, const unsigned char *,
    struct app_worklist *, int (*)(void *, const struct app_work_item *),
    void *, struct diag *);

/* app_review.c */
/*
 * app_event_late(p, today): whether an event on day ${today} is late for
 * ${p}: on or after the agencies' deadline day.
 */
int app_event_late(const struct st_period *, long);

/* app_contrib.c: contributions (app.h says what a part is) */
/*
 * The parts of a period (or of one unit) and the members of its
 * methodology's contributions, read once: app_cset_load(s, p, m, uid,
 * out, d) (uid 0: every unit), freed with app_cset_free.
 */
struct app_cset;
int app_cset_load(struct store *, const struct st_period *,
    const struct method *, long, struct app_cset **, struct diag *);
void app_cset_free(struct app_cset *);
/* app_cset_nmembers(c): how many agencies are members of some collective. */
int app_cset_nmembers(const struct app_cset *);
/*
 * app_cset_status_add(c, st, n): an entry per member not yet in ${st}
 * (room for app_cset_nmembers more), owing one part per contributed
 * input. app_cset_status_count(c, st, n): count the parts of the unit
 * ${c} was loaded for in their members' entries, and each complete
 * aggregate in its lead's entry.
 */
void app_cset_status_add(
    const struct app_cset *, struct app_agency_status *, int *);
void app_cset_status_count(
    const struct app_cset *, struct app_agency_status *, int);
/*
 * app_cset_export(c, unit, input, out, size): at the first part of
 * (${unit}, ${input}) asked, its aggregate into ${out} and 1 when it is
 * complete (every status) and no whole value is there; else 0.
 */
int app_cset_export(
    struct app_cset *, const char *, const char *, char *, size_t);
/*
 * app_contrib_round(s, p, approved_only, m, r, d): add to round ${r} the
 * aggregate of each contributed input of each unit whose members all
 * have a part (approved ones only when ${approved_only}) and which has no
 * whole value in ${r}.
 */
int app_contrib_round(struct store *, const struct st_period *, int,
    const struct method *, struct round *, struct diag *);
/*
 * app_contrib_by_parts(s, p, m, uid, in): 1 when contributed input ${in}
 * takes its value from parts at unit ${uid}: the province's unit, or one
 * where a part of it was entered; 0, or a store error.
 */
int app_contrib_by_parts(
    struct store *, const struct st_period *, const struct method *, long, int);
/*
 * app_contrib_member(s, m, in, agency): 1 when ${agency} is a member of a
 * collective contributing input ${in} (not the collective itself), 0, or
 * a store error.
 */
int app_contrib_member(
    struct store *, const struct method *, int, const char *);
/*
 * app_part_of(s, a, m, in, unit, given, part, d): the part a write of
 * input ${in} at ${unit} by ${a} is about, into ${part}: ${given} (a
 * member's code, for a contributed input only; "": the whole value), else
 * (NULL) implied: at the province's unit an officer of a member writes
 * its own part, anyone else the whole value. 0, or -1 with the error
 * ("contrib.part": not contributed, not a member).
 */
int app_part_of(struct store *, const struct app_actor *, const struct method *,
    int, const char *, const char *, char[APP_MAX_PART], struct diag *);
/*
 * app_check_write(s, a, m, in, unit, given, part, d): app_part_of, then
 * whether ${a} may write it at ${unit}: app_check_part for a part or a
 * contributed input's whole value at the province, else app_check and
 * app_check_unit for the agency that leads it (a district's own unit's
 * value). 0, or -1 with the error.
 */
int app_check_write(struct store *, const struct app_actor *,
    const struct method *, int, const char *, const char *, char[APP_MAX_PART],
    struct diag *);
/*
 * app_contrib_exclusive(s, p, m, uid, unit, in, part, d): -1 with
 * "contrib.conflict" saying what is there when part ${part} of ${in} is
 * written beside a whole value, or the whole value ("") beside parts;
 * else 0 (or a store error).
 */
int app_contrib_exclusive(struct store *, const struct st_period *,
    const struct method *, long, const char *, int, const char *,
    struct diag *);
/*
 * app_contrib_import(s, p, r, units, skip, file, d): -1 with an error at
 * its line for each whole value of ${r} (but those ${skip} marks, by
 * unit * inputs + input; NULL: none) that a unit already has parts of.
 */
int app_contrib_import(struct store *, const struct st_period *,
    const struct round *, const long *, const unsigned char *, const char *,
    struct diag *);
/*
 * app_contrib_check_unit(s, a, period, unit, agency, d): app_check_unit,
 * except that an officer submitting its own agency's parts does so at
 * the province's unit (app_may_part).
 */
int app_contrib_check_unit(struct store *, const struct app_actor *,
    const char *, const char *, const char *, struct diag *);
/*
 * app_contrib_move(s, p, m, uid, unit, agency, inputs, ev, reason,
 * comments, n, login, names, d): inside the caller's transaction, the
 * parts review step ${ev} moves at unit ${uid} (code ${unit}): member
 * ${agency}'s (NULL: every member's) of the contributed inputs in
 * ${inputs} (NULL: all), except where a whole value stands. A submission
 * checks each part is there (and its required evidence, the member's
 * own); a return takes the input's comment of ${comments}, else
 * ${reason}. Each moved input's name is appended to ${names}, and one
 * submission event recorded per member whose parts moved. Return how
 * many moved, -1 with errors, STORE_EBUSY or -3 for another store error.
 */
int app_contrib_move(struct store *, const struct st_period *,
    const struct method *, long, const char *, const char *, const char *,
    enum review_event, const char *, const struct app_comment *, int,
    const char *, struct buf *, struct diag *);
/*
 * app_contrib_owed_load(s, p, m, agency, unit, uid, out, d): for
 * app_owed, the parts of unit ${uid} (code ${unit}, NULL: the province)
 * when ${agency} is a member of a contribution there, the province's
 * unit; else ${out} NULL. 0, or -1 with the error.
 */
int app_contrib_owed_load(struct store *, const struct st_period *,
    const struct method *, const char *, const char *, long, struct app_cset **,
    struct diag *);
/*
 * app_cset_part(c, in, agency, raw, st): -1 when ${agency} owes no part
 * of ${in}; 1 when a whole value stands for the parts; 0 when it owes
 * its part, with the part's value and status (${raw} NULL: none yet).
 */
int app_cset_part(const struct app_cset *, int, const char *, const char **,
    enum value_status *);

/* app_whatif.c: what the analyses share. */
/* A period scored for analysis, with the province's unit in its round. */
struct app_an {
	struct app_scored an_sd;
	const struct method *an_m;
	int an_unit; /* the province's index in the round, or -1 */
	int an_total; /* score columns of TOTAL and INDEX, or -1 */
	int an_index;
};
/* app_an_load(s, period, drafts, an, d): score ${period} for analysis. */
int app_an_load(
    struct store *, const char *, int, struct app_an *, struct diag *);
void app_an_free(struct app_an *);
/*
 * app_an_try(an, input, v, present): TOTAL points of the province with
 * input ${input} set to ${v} (absent when !${present}), the round left
 * as it was.
 */
double app_an_try(struct app_an *, int, double, int);

/* app_province_name(s, out, size): the name of the database's province
 * (the unit its settings name), "" when unknown. app_results.c. */
void app_province_name(struct store *, char *, size_t);

/* app_org_period.c: the organisation as it was in a period. */
/*
 * The setting listing the provinces before the current one, each with
 * the day it ended: "CODE:YYYY-MM-DD,..." oldest first.
 */
#define APP_PROVINCE_HISTORY "province.history"
/* app_org_forget(s): free the period methodologies made for ${s}. */
void app_org_forget(struct store *);
/* app_period_start(p, out): the first day of period ${p}, "YYYY-MM-DD". */
void app_period_start(const struct st_period *, char[11]);
/* app_org_active(from, to, date): 1 when ${date} is in [from, to). */
int app_org_active(const char *, const char *, const char *);
/*
 * app_org_holder(s, entity, code, date, out, size): who holds ${code}'s
 * place on ${date}: its successor (and theirs) when it was merged on or
 * before that day, else ${code}; a store error.
 */
int app_org_holder(
    struct store *, const char *, const char *, const char *, char *, size_t);
/* app_agency_name(s, code, name, nsize, short, ssize): current; -1. */
int app_agency_name(
    struct store *, const char *, char *, size_t, char *, size_t);
/* app_unit_name(s, code, out, size): the unit's current name, or "". */
void app_unit_name(struct store *, const char *, char *, size_t);
/* app_province_at(s, date, out, size): the province unit on ${date}. */
int app_province_at(struct store *, const char *, char *, size_t);
/*
 * app_unit_in(s, p, unit, code, size, id, d): app_unit, but with no
 * ${unit} the province in force in period ${p}.
 */
int app_unit_in(struct store *, const struct st_period *, const char *, char *,
    size_t, long *, struct diag *);

#endif
