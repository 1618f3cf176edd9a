/*
 * store.h: the province's data, the contract every storage backend keeps.
 * Every SQL statement of dti lives behind this interface (sqlite/ today,
 * see sqlite/sq.h; a PostgreSQL backend later, in pg/, must not change any
 * caller, and runs the same tests/db/test_db.c). Rows go in and out as
 * structs; a database is named by a location string. Every function that
 * writes says so: its doc comment begins with "[writes]" (the layering
 * test, tests/style/layering.py, reads the tag: only app/ may call them).
 * Writes are meant to run inside one store_tx_begin() ... store_tx_commit()
 * so that a failure leaves nothing half-written. Strings handed to
 * callbacks, and the const char * fields of rows passed in, are borrowed
 * for the call only; what a function allocates for its caller is said at
 * the function, with how to free it.
 *
 * States and roles (of values, periods, tasks, accounts) cross this
 * interface as the enums of domain/domain.h, both ways: the backend
 * converts them to and from what it stores (and keeps its own checks,
 * such as SQL CHECKs). A stored state the enum does not know is damage:
 * the call fails with STORE_EIO and a message naming the column.
 *
 * Errors: functions return 0 or a negative STORE_E* code; the store keeps
 * why as a diag item (util/diag.h, in Vietnamese and English, coded by
 * kind) and store_diag() copies it into the caller's struct diag; opening,
 * creating and removing a database add it to the diag they are given.
 */
#ifndef DTI_STORE_H
#define DTI_STORE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "domain/domain.h"

struct diag;

#define STORE_EIO -1 /* the database failed */
#define STORE_EBUSY -2 /* another writer holds the database */
#define STORE_ENOTFOUND -3 /* no such period, unit, task ... */
#define STORE_ECONFLICT -4 /* the state forbids it (closed, locked ...) */
#define STORE_EINVALID -5 /* bad argument */
#define STORE_ENOTDB -6 /* the file is not a dti database */

#define STORE_MAX_FILE (20u << 20) /* one evidence file */

struct store;

enum store_mode {
	STORE_OPEN, /* an existing database */
	STORE_CREATE, /* create it (refuses an existing non-empty file) */
};

/*
 * A database is named by a location string: for SQLite the path of its
 * file (the backend alone knows the files it keeps beside it), for a
 * server backend later a connection string.
 *
 * store_open(out, location, mode, d): open the database at ${location},
 * check it is a dti database, and apply pending schema migrations; the
 * connection in ${out} is the caller's, closed with store_close(). A file
 * that is not a database is refused and not modified. On failure ${out}
 * is NULL, the STORE_E* code is returned and one error item (coded as by
 * store_diag) is added to ${d} (if not NULL).
 */
int store_open(struct store **, const char *, enum store_mode, struct diag *);
/*
 * [writes] store_create(out, location, d): create a new, empty dti database at
 * ${location} (refusing one that exists and is not empty) and open it;
 * store_open(out, location, STORE_CREATE, d).
 */
int store_create(struct store **, const char *, struct diag *);
/*
 * [writes] store_remove(location, d): remove the database at ${location} and
 * whatever the backend keeps beside it (for SQLite: -wal, -shm,
 * -journal); on failure one error item in ${d} (if not NULL). No
 * connection may be open on it. A database that does not exist is not
 * an error.
 */
int store_remove(const char *, struct diag *);
/* store_close(s): roll back an open transaction and close; NULL is fine. */
void store_close(struct store *);
/*
 * store_diag(s, d): add the last error of ${s} to ${d} as one error item in
 * both languages, coded by kind (see store_diag_code); returns its
 * STORE_E* code (0, adding nothing, when there is none).
 */
int store_diag(struct store *, struct diag *);
/*
 * store_diag_code(code): the stable diag code of a STORE_E* value:
 * "store.not_found", "store.conflict", "store.busy", "store.invalid",
 * else "store" (the API answers with it). store_diag.c, for every backend.
 */
const char *store_diag_code(int);

/* store_schema_version(s): the schema version after migrations. */
int store_schema_version(struct store *);

/*
 * [writes] store_tx_begin(s): begin one write transaction; writers to the same
 * database queue (in this process on its write lock, across processes on BEGIN
 * IMMEDIATE with a busy timeout: STORE_EBUSY), readers go on.
 */
int store_tx_begin(struct store *);
/* [writes] store_tx_commit(s): commit the transaction of store_tx_begin(). */
int store_tx_commit(struct store *);
/* [writes] store_tx_rollback(s): undo the open transaction, if any. */
void store_tx_rollback(struct store *);
/*
 * [writes] store_backup(s, location): an online, consistent copy of the
 * database of ${s} to a new database at ${location}, while others go on
 * writing.
 */
int store_backup(struct store *, const char *);

/* How many rows of each kind the database holds. */
struct st_counts {
	int sc_agencies;
	int sc_units;
	int sc_tasks;
	int sc_targets;
	int sc_periods;
	long sc_values; /* current, not archived */
	long sc_audit;
};
/* store_counts(s, out): the counts above into the caller's ${out}. */
int store_counts(struct store *, struct st_counts *);

/* Every kind of row a database keeps, counted, archived ones included. */
struct st_census {
	long sx_methods; /* methodology versions */
	long sx_values; /* every version of every value */
	long sx_values_current; /* the current ones */
	long sx_evidence; /* evidence, archived included */
	long sx_evidence_current;
	long sx_files; /* distinct stored files */
	long sx_audit; /* audit rows */
	long sx_progress; /* task progress reports */
	long sx_accounts;
	long sx_sessions; /* ended ones included */
};
/* store_census(s, out): the counts above into the caller's ${out}. */
int store_census(struct store *, struct st_census *);
/*
 * store_digest(s, out): a SHA-256 (64 hex digits and a NUL into ${out})
 * of everything the database holds; equal contents give equal digests
 * within one backend. Reads every row: for checks and tests.
 */
int store_digest(struct store *, char[65]);
/*
 * store_check(s): a full integrity check of the database; 0, or
 * STORE_ENOTDB with a message saying it is damaged.
 */
int store_check(struct store *);

/* Settings (province, reporting rules, demo label ...). */
/* [writes] store_meta_set(s, key, value): set the setting ${key}. */
int store_meta_set(struct store *, const char *, const char *);
/* store_meta_get(s, key, out, size): "" when unset. */
int store_meta_get(struct store *, const char *, char *, size_t);

/* Methodologies: each loaded file is a new version; periods keep theirs. */
struct st_method {
	long sm_id;
	const char *sm_code;
	const char *sm_version;
	const char *sm_name;
	const char *sm_sha256;
	const char *sm_loaded_at;
};
/* A methodology text to store. */
struct st_method_text {
	const char *smt_code;
	const char *smt_version;
	const char *smt_name;
	const char *smt_yaml; /* the text; need not end in NUL */
	size_t smt_len; /* its length */
};
/*
 * [writes] store_method_load(s, m, actor, out): store the methodology text ${m}
 * as a new version (audited as ${actor}) and its id into ${out}; an identical
 * text already stored gives its id and writes nothing.
 */
int store_method_load(
    struct store *, const struct st_method_text *, const char *, long *);
/*
 * store_method_text(s, id, out, len): the YAML text of methodology ${id},
 * malloc'd and NUL-ended (the caller frees it), and its length.
 */
int store_method_text(struct store *, long, char **, size_t *);
/*
 * store_method_latest(s, out): the id of the newest methodology;
 * STORE_ENOTFOUND when none is loaded.
 */
int store_method_latest(struct store *, long *);
/* store_method_sha(s, id, out): the SHA-256 of a stored methodology. */
int store_method_sha(struct store *, long, char[65]);
/*
 * store_method_each(s, cb, ctx): every methodology version, oldest first;
 * a callback returning non-zero stops the walk (the same for every _each).
 */
int store_method_each(
    struct store *, int (*)(void *, const struct st_method *), void *);
struct st_resp {
	const char *sr_item; /* indicator code or A.x */
	const char *sr_agency; /* agency code */
	const char *sr_role; /* "lead" or "coordinator" */
};
/*
 * [writes] store_resp_put(s, method, r): record that agency ${r}->sr_agency is
 * lead or coordinator of an item of methodology ${method}; again is no change.
 */
int store_resp_put(struct store *, long, const struct st_resp *);
/*
 * store_resp_each(s, method, cb, ctx): the responsibilities of a
 * methodology, in the order they were added.
 */
int store_resp_each(
    struct store *, long, int (*)(void *, const struct st_resp *), void *);

/* Agencies and units. */
struct st_agency {
	long sag_id;
	const char *sag_code;
	const char *sag_name;
	const char *sag_short;
	const char *sag_kind;
	const char *sag_from; /* active from (YYYY-MM-DD); NULL: always */
	const char *sag_to; /* inactive from this day; NULL: active */
	const char *sag_successor; /* merged into this agency; or NULL */
};
/*
 * [writes] store_agency_put(s, a): add agency ${a} or update the one with its
 * code (sag_id is ignored; sag_short NULL: the name).
 */
int store_agency_put(struct store *, const struct st_agency *);
/*
 * [writes] store_agency_member_add(s, group, member): make agency ${member}
 * part of ${group} (both codes); again is no change.
 */
int store_agency_member_add(struct store *, const char *, const char *);
/* store_agency_each(s, cb, ctx): every agency, in the order added. */
int store_agency_each(
    struct store *, int (*)(void *, const struct st_agency *), void *);
/* store_agency_exists(s, code): 1, 0, or a negative error. */
int store_agency_exists(struct store *, const char *);
/*
 * store_agency_in(s, agency, group): 1 when ${agency} is ${group} or one of
 * its members.
 */
int store_agency_in(struct store *, const char *, const char *);

struct st_unit {
	long su_id;
	const char *su_code;
	const char *su_name;
	const char *su_level;
	const char *su_parent;
	const char *su_from; /* active from (YYYY-MM-DD); NULL: always */
	const char *su_to; /* inactive from this day; NULL: active */
	const char *su_successor; /* merged into this unit; or NULL */
};
/*
 * [writes] store_unit_put(s, u, out): add unit ${u} (su_parent: the parent's
 * code or NULL; su_id ignored) unless its code exists; its id into ${out}.
 */
int store_unit_put(struct store *, const struct st_unit *, long *);
/* store_unit_find(s, code, out): the id of unit ${code}; STORE_ENOTFOUND. */
int store_unit_find(struct store *, const char *, long *);
/* store_unit_each(s, cb, ctx): every unit with its parent's code. */
int store_unit_each(
    struct store *, int (*)(void *, const struct st_unit *), void *);

/*
 * The organisation, versioned (docs/organisation.md): effective dates are
 * YYYY-MM-DD; ${entity} is "agency" or "unit" (anything else: STORE_EIO).
 */
struct st_org_change {
	long soc_id;
	const char *soc_kind; /* add, rename, deactivate, reactivate, merge,
				 member_add, member_remove */
	const char *soc_entity; /* agency, unit, collective */
	const char *soc_code;
	const char *soc_old; /* or NULL */
	const char *soc_new; /* or NULL */
	const char *soc_effective; /* YYYY-MM-DD */
	const char *soc_at; /* when recorded (store's); ignored when added */
	const char *soc_by;
};
/*
 * [writes] store_org_change_add(s, c): append ${c} to the change log and
 * one audit row ("org.KIND") for it.
 */
int store_org_change_add(struct store *, const struct st_org_change *);
/* store_org_change_each(s, cb, ctx): the change log, oldest first. */
int store_org_change_each(
    struct store *, int (*)(void *, const struct st_org_change *), void *);
/* store_org_change_count(s, out): how many changes are logged. */
int store_org_change_count(struct store *, long *);
/*
 * [writes] store_org_agency_add(s, a): add agency ${a} active from
 * ${a}->sag_from; STORE_ECONFLICT when its code exists.
 */
int store_org_agency_add(struct store *, const struct st_agency *);
/*
 * [writes] store_org_unit_add(s, u): add unit ${u} active from
 * ${u}->su_from; STORE_ECONFLICT when its code exists.
 */
int store_org_unit_add(struct store *, const struct st_unit *);
/*
 * [writes] store_org_life_set(s, entity, code, to, successor): set the
 * end of activity (NULL: active again) and the successor of ${code}.
 */
int store_org_life_set(
    struct store *, const char *, const char *, const char *, const char *);
/*
 * [writes] store_org_name_add(s, entity, code, from, name, short): the
 * name in force from ${from}; the current name becomes ${name}.
 */
int store_org_name_add(struct store *, const char *, const char *, const char *,
    const char *, const char *);
/*
 * store_org_name_at(s, entity, code, date, name, nsize, short, ssize): the
 * name and short name in force on ${date}; STORE_ENOTFOUND when the
 * history has none (the current name holds).
 */
int store_org_name_at(struct store *, const char *, const char *, const char *,
    char *, size_t, char *, size_t);
/*
 * [writes] store_agency_member_end(s, group, member, date): ${member} is
 * no longer part of ${group} from ${date}.
 */
int store_agency_member_end(
    struct store *, const char *, const char *, const char *);
/* A collective's member, current or past. */
struct st_member {
	const char *smb_group;
	const char *smb_member;
	const char *smb_to; /* NULL: a member now */
};
/* store_agency_member_each(s, cb, ctx): every membership, in order. */
int store_agency_member_each(
    struct store *, int (*)(void *, const struct st_member *), void *);

/* Periods. */
struct st_period {
	long sp_id;
	char sp_code[16]; /* "2022-Q3" or "2022" */
	char sp_kind[8]; /* "quarter" or "year" */
	int sp_year;
	int sp_quarter; /* 0 for a year */
	long sp_method; /* methodology id */
	char sp_agency_due[11]; /* YYYY-MM-DD */
	char sp_sotttt_due[11]; /* YYYY-MM-DD */
	enum period_status sp_status;
	char sp_label[128]; /* e.g. "minh họa" for demo data; "" */
};
/*
 * [writes] store_period_add(s, p, actor): open the period ${p} (sp_id and
 * sp_status are ignored: it opens) and log it; STORE_ECONFLICT if it exists.
 */
int store_period_add(struct store *, const struct st_period *, const char *);
/*
 * store_period_get(s, code, out): the period ${code} into the caller's
 * ${out}; STORE_ENOTFOUND with a message saying how to open it.
 */
int store_period_get(struct store *, const char *, struct st_period *);
/* A period closed or reopened. */
struct st_period_change {
	const char *spc_code; /* the period */
	enum period_status spc_status; /* its new status */
	const char *spc_reason; /* for the audit log, or NULL */
};
/*
 * [writes] store_period_change(s, c, actor): set the status of period
 * ${c}->spc_code and log it as ${actor}; STORE_ECONFLICT when it has that
 * status already.
 */
int store_period_change(
    struct store *, const struct st_period_change *, const char *);
/*
 * store_period_each(s, cb, ctx): every period by year, a year after its
 * quarters.
 */
int store_period_each(
    struct store *, int (*)(void *, const struct st_period *), void *);

/*
 * Values: each current one has a status (enum value_status). A value is
 * one per period, unit, input and part: part "" is the whole value; a
 * contributed input also has one value per contributing member agency
 * (part: its code). A part NULL given to a function means "".
 */
struct st_value {
	long sv_id;
	const char *sv_unit;
	const char *sv_input;
	const char *sv_raw; /* exactly as entered */
	enum value_status sv_status;
	const char *sv_by;
	const char *sv_at;
	const char *sv_comment; /* the reviewer's, when returned; else "" */
	const char *sv_warnings; /* plausibility warnings at entry; "" */
	const char *sv_part; /* "" or the contributing agency */
};
/*
 * store_value_get(s, period, unit, input, part, out): the status of the
 * current value into ${out}; STORE_ENOTFOUND when there is none.
 */
int store_value_get(struct store *, long, long, const char *, const char *,
    enum value_status *);
/* A value entered. */
struct st_value_in {
	long svi_period; /* period id */
	long svi_unit; /* unit id */
	const char *svi_input; /* input code */
	const char *svi_raw; /* exactly as entered */
	enum value_status svi_status;
	const char *svi_reason; /* for the audit log, or NULL */
	const char *svi_warnings; /* warnings found at entry, or NULL */
	const char *svi_part; /* NULL or "": the whole value */
	const char *svi_agency; /* whose value (audit log), or NULL */
};
/*
 * [writes] store_value_write(s, v, actor): make ${v} the current value (the one
 * it replaces is archived, never deleted; its comment stays with it: the
 * new version has none) and log it as ${actor}.
 */
int store_value_write(struct store *, const struct st_value_in *, const char *);
/* A value's status changed (submitted, approved, returned ...). */
struct st_value_change {
	long svc_period; /* period id */
	long svc_unit; /* unit id */
	const char *svc_input; /* input code */
	enum value_status svc_status; /* the new status */
	const char *svc_action; /* audit action, e.g. "value.approve" */
	const char *svc_reason; /* for the audit log, or NULL */
	const char *svc_comment; /* stored on the value; NULL: kept as is */
	const char *svc_part; /* NULL or "": the whole value */
	const char *svc_agency; /* whose value (audit log), or NULL */
};
/*
 * [writes] store_value_change(s, c, actor): change the status of the current
 * value (and its comment, unless svc_comment is NULL) and log it as
 * ${actor}; STORE_ENOTFOUND ("no value for INPUT") if none.
 */
int store_value_change(
    struct store *, const struct st_value_change *, const char *);
/*
 * store_value_each(s, period, status, cb, ctx): the current values of
 * period ${period} with the status *${status} (NULL: all), parts
 * included, in the order they were first entered.
 */
int store_value_each(struct store *, long, const enum value_status *,
    int (*)(void *, const struct st_value *), void *);

/*
 * store_unit_values(s, period, unit, cb, ctx): one unit's current values,
 * parts included.
 */
int store_unit_values(struct store *, long, long,
    int (*)(void *, const struct st_value *), void *);

/* Evidence documents and files (stored once by SHA-256). */
/*
 * [writes] store_file_put(s, data, len, out): store a file once (by content)
 * and its SHA-256 into ${out}; STORE_EINVALID beyond STORE_MAX_FILE.
 */
int store_file_put(struct store *, const void *, size_t, char[65]);
/*
 * [writes] store_file_put_fd(s, f, len, out): the same for ${len} bytes
 * read from ${f} from its start, in pieces (hashed in a first pass, then
 * written by the backend piece by piece), never held in memory whole;
 * STORE_EINVALID when ${f} is shorter.
 */
int store_file_put_fd(struct store *, FILE *, size_t, char[65]);
/*
 * store_file_get(s, sha, data, len): the bytes of file ${sha} into
 * ${data}, malloc'd (the caller frees them); STORE_ENOTFOUND.
 */
int store_file_get(struct store *, const char *, void **, size_t *);
/* One stored file's metadata, without its content. */
struct st_file_meta {
	char sfm_sha256[65];
	long sfm_size; /* bytes */
	char sfm_created_at[21]; /* when first stored, UTC */
	char sfm_name[256]; /* from the first current evidence; "" if none */
	char sfm_type[128]; /* its media type; "" if none */
};
/*
 * store_file_meta(s, sha, out): the size of the file ${sha} and the name
 * and type its evidence gives it, into the caller's ${out};
 * STORE_ENOTFOUND when no such file is stored.
 */
int store_file_meta(struct store *, const char *, struct st_file_meta *);
struct st_evidence {
	long sev_id;
	const char *sev_unit;
	const char *sev_input;
	const char *sev_doc_number;
	const char *sev_doc_date;
	const char *sev_note;
	const char *sev_file_sha256;
	const char *sev_file_name;
	const char *sev_file_type;
	long sev_file_size;
	const char *sev_by;
	const char *sev_at;
	char sev_sha_buf[65]; /* app_evidence_attach: the stored file's hash */
	const char *sev_agency; /* the agency of who attached it; NULL: "" */
	const char *sev_part; /* the part it supports; NULL: "" (the whole) */
};
/*
 * [writes] store_evidence_add(s, period, unit, input, e, actor, out): attach
 * the evidence ${e} (its sev_id, sev_unit, sev_input, sev_by, sev_at and
 * sev_file_size are ignored) to a value, log it (agency: sev_agency), and
 * its id into ${out}.
 */
int store_evidence_add(struct store *, long, long, const char *,
    const struct st_evidence *, const char *, long *);
/*
 * [writes] store_evidence_archive(s, id, actor, reason): withdraw evidence
 * ${id} (archived, never deleted) and log it; STORE_ENOTFOUND.
 */
int store_evidence_archive(struct store *, long, const char *, const char *);
/*
 * store_evidence_each(s, period, input, cb, ctx): the current evidence of a
 * period, of one ${input} or (NULL) all, in the order added.
 */
int store_evidence_each(struct store *, long, const char *,
    int (*)(void *, const struct st_evidence *), void *);

/*
 * The append-only audit log. An entry about a period, a value or
 * evidence names what it is about: the period (its code), the agency
 * (whose value; for evidence the agency of who attached it), the unit
 * (code) and the input; each NULL when it is about none. Every store
 * function that logs such an entry fills them.
 */
struct st_audit {
	long sau_id;
	const char *sau_at;
	const char *sau_actor;
	const char *sau_action;
	const char *sau_entity;
	const char *sau_key;
	const char *sau_old;
	const char *sau_new;
	const char *sau_reason;
	const char *sau_period;
	const char *sau_agency;
	const char *sau_unit;
	const char *sau_input;
};
/*
 * [writes] store_audit_add(s, a): append the row ${a} (every field but the id
 * and time, which are the store's) to the audit log.
 */
int store_audit_add(struct store *, const struct st_audit *);
/* Which audit rows to read: each field NULL for any. */
struct st_audit_filter {
	const char *saf_period; /* period code */
	const char *saf_agency; /* agency code */
	const char *saf_unit; /* unit code */
	const char *saf_input; /* input code */
	const char *saf_key; /* the key starts with it */
};
/*
 * store_audit_each(s, f, cb, ctx): the audit rows that match every field
 * of ${f} (NULL: all rows), oldest first. Rows written before the log
 * named them (schema 2) have no period, agency, unit or input: a period's
 * own entries take the period from their key, and value and evidence
 * entries their unit and input ("UNIT/INPUT", "UNIT/INPUT#ID"); the rows
 * handed to ${cb} carry what was matched.
 */
int store_audit_each(struct store *, const struct st_audit_filter *,
    int (*)(void *, const struct st_audit *), void *);

/*
 * Submission events: each submit, approve, return and reopen of an
 * agency's set of values (or of some of its inputs), for one unit,
 * recorded for good (the store refuses to change or delete one), so that
 * the year's report can say who sent what when, on time or late. Not
 * logged in the audit log: an event is written in the transaction of the
 * value changes it sums up, and those are logged one by one.
 */
struct st_submission_in {
	long ssi_period; /* period id */
	long ssi_unit; /* unit id */
	const char *ssi_agency; /* agency code */
	enum review_event ssi_event;
	const char *ssi_inputs; /* the inputs it moved, comma separated */
	int ssi_count; /* how many */
	int ssi_partial; /* 1: not the agency's whole set (app_review.c) */
	int ssi_late; /* 1: after the agencies' deadline (app_review.c) */
};
/*
 * [writes] store_submission_add(s, e, actor, out): record the event ${e} as done
 * by ${actor} now (the store's time, UTC) and its id into ${out} (may be
 * NULL).
 */
int store_submission_add(
    struct store *, const struct st_submission_in *, const char *, long *);
/* A recorded submission event. */
struct st_submission {
	long ssu_id;
	const char *ssu_period; /* period code */
	const char *ssu_unit; /* unit code */
	const char *ssu_agency;
	enum review_event ssu_event;
	const char *ssu_inputs;
	int ssu_count;
	int ssu_partial;
	const char *ssu_at; /* "2022-12-19T03:15:00Z" */
	const char *ssu_by;
	int ssu_late;
};
/*
 * store_submission_each(s, period, cb, ctx): the events of period id
 * ${period}, oldest first.
 */
int store_submission_each(struct store *, long,
    int (*)(void *, const struct st_submission *), void *);

/* Tasks of the plan (Appendix 1), each with an enum task_status. */
struct st_task {
	long st_id;
	const char *st_code;
	const char *st_group;
	const char *st_group_name;
	const char *st_text;
	const char *st_lead_text;
	const char *st_coord_text;
	const char *st_due_text;
	const char *st_due; /* "2022-10", "2022-Q4" or NULL */
	const char *st_due_date; /* last day: "2022-10-31", or NULL */
	enum task_status st_status;
	const char *st_leads; /* agency codes, comma separated */
	const char *st_coordinators; /* agency codes, comma separated */
	const char *st_indicators; /* indicator codes, comma separated */
	const char *st_note;
	long st_plan_id; /* the plan it belongs to (store_task_add: required) */
	const char *st_plan; /* its code */
};
/*
 * [writes] store_task_add(s, t): add the task ${t} (st_id, st_status and the
 * link lists are ignored: links are added with store_task_link_add()).
 */
int store_task_add(struct store *, const struct st_task *);
/* A task's link to an agency (lead, coordinator) or an indicator. */
struct st_task_link {
	const char *stl_task; /* task code */
	const char *stl_kind; /* "lead", "coordinator" or "indicator" */
	const char *stl_ref; /* agency or indicator code */
	long stl_plan; /* the task's plan id */
};
/*
 * [writes] store_task_link_add(s, l): add the link ${l}, in order; again: no
 * change.
 */
int store_task_link_add(struct store *, const struct st_task_link *);
/* store_task_each(s, cb, ctx): every task of every plan with its links, in
 * plan order. */
int store_task_each(
    struct store *, int (*)(void *, const struct st_task *), void *);
/*
 * store_task_get(s, code, out): the task ${code} with its links, as one
 * allocation the caller frees with store_task_free(); STORE_ENOTFOUND
 * (message "no task 'CODE'") when there is none.
 */
int store_task_get(struct store *, const char *, struct st_task **);
/* store_task_free(t): free a task of store_task_get(); NULL does nothing. */
void store_task_free(struct st_task *);
/* A progress report on a task. */
struct st_task_report {
	const char *stp_task; /* task code */
	int stp_set_status; /* 0: the task keeps its status */
	enum task_status stp_status; /* else its new status */
	const char *stp_note; /* NULL: "" */
	const char *stp_doc; /* a document number; NULL: "" */
	const char *stp_file_sha256; /* a stored file, or NULL */
	long stp_plan; /* the task's plan id */
	const char *stp_agency; /* whose status and report; NULL: the whole
				   task (every lead takes the status) */
	enum task_status stp_task_status; /* the task's derived status after */
};
/*
 * [writes] store_task_report(s, r, actor): record the report ${r} as ${actor},
 * set the agency's status (unless stp_set_status is 0) and the task's
 * derived one, and log it; STORE_ENOTFOUND ("no task 'CODE'").
 */
int store_task_report(
    struct store *, const struct st_task_report *, const char *);
struct st_progress {
	const char *spg_task;
	const char *spg_at;
	const char *spg_by;
	enum task_status spg_status; /* the agency's status after it */
	const char *spg_note;
	const char *spg_doc;
	const char *spg_file_sha256;
	const char
	    *spg_agency; /* "" for a report made before plans were data */
	const char *spg_plan; /* the task's plan code */
};
/*
 * store_progress_each(s, code, cb, ctx): the progress reports of task
 * ${code} (NULL: all tasks), oldest first.
 */
int store_progress_each(struct store *, const char *,
    int (*)(void *, const struct st_progress *), void *);
/*
 * store_task_progress_each(s, task, cb, ctx): the progress reports of task
 * id ${task}, oldest first.
 */
int store_task_progress_each(
    struct store *, long, int (*)(void *, const struct st_progress *), void *);

/* Numeric targets of the plan. */
struct st_target {
	const char *sg_code;
	const char *sg_text;
	int sg_year;
	double sg_target; /* NaN when the plan gives no number */
	double sg_target_max; /* NaN unless a range */
	const char *sg_unit; /* percent, count, index */
	const char *sg_indicator;
	const char *sg_numerator; /* inputs, comma separated, or NULL */
	const char *sg_denominator; /* inputs, comma separated, or NULL */
	const char *sg_score; /* a score code such as INDEX, or NULL */
	const char *sg_note;
	const char *sg_source;
	long sg_id;
	long sg_plan_id; /* store_target_add: required */
	const char *sg_plan; /* the plan's code */
	int sg_manual; /* entered by hand (target_value), reviewed */
	const char *sg_agency; /* who enters it, or NULL */
};
/* [writes] store_target_add(s, t): add the numeric target ${t}. */
int store_target_add(struct store *, const struct st_target *);
/* store_target_each(s, cb, ctx): every target, in plan order. */
int store_target_each(
    struct store *, int (*)(void *, const struct st_target *), void *);

/* ---- plans (issue 12): plans as data, tasks per agency, targets per year */
struct st_plan {
	long spl_id;
	const char *spl_code; /* "4233/KH-UBND" */
	const char *spl_title;
	const char *spl_issuer;
	const char *spl_issued; /* YYYY-MM-DD */
	int spl_year_from, spl_year_to;
	const char *spl_source;
	const char *spl_file; /* the file it was loaded from */
	const char *spl_loaded_at;
	const char *spl_loaded_by;
	int spl_ntasks, spl_ntargets; /* store_plan_each: counted */
};
/*
 * [writes] store_plan_add(s, p, actor, id): add plan ${p} (spl_id, the
 * counts and loaded_* are ignored) and log it; its id into ${id};
 * STORE_ECONFLICT ("plan 'CODE' is already loaded") when its code is.
 */
int store_plan_add(
    struct store *, const struct st_plan *, const char *, long *);
/* store_plan_each(s, cb, ctx): every plan, oldest first, with its counts. */
int store_plan_each(
    struct store *, int (*)(void *, const struct st_plan *), void *);
/*
 * [writes] store_plan_agencies(s, plan): each task of plan id ${plan} gets
 * its agencies (task_agency): its leads, then its coordinators, each
 * collective named replaced by its members (one with none stays itself);
 * an agency both leading and coordinating leads.
 */
int store_plan_agencies(struct store *, long);
/* Which tasks store_task_each_in() gives. */
struct st_task_filter {
	const char *stf_plan; /* a plan code, or NULL */
	int stf_year; /* a year the task's plan covers, or 0 */
	const char *stf_agency; /* an agency of the task, or NULL */
	const char *stf_code; /* one task code, or NULL */
};
/* store_task_each_in(s, f, cb, ctx): the tasks ${f} selects, in order. */
int store_task_each_in(struct store *, const struct st_task_filter *,
    int (*)(void *, const struct st_task *), void *);
/* One agency of a task, with its status and latest report. */
struct st_task_agency {
	const char *sta_agency;
	const char *sta_role; /* "lead" or "coordinator" */
	const char *sta_via; /* the collective it came through, or "" */
	enum task_status sta_status;
	const char *sta_note; /* its latest non-empty note, or NULL */
	const char *sta_doc; /* its latest document number, or NULL */
	const char *sta_at; /* its latest report's time, or NULL */
};
/* store_task_agency_each(s, task, cb, ctx): the agencies of task id ${task}. */
int store_task_agency_each(struct store *, long,
    int (*)(void *, const struct st_task_agency *), void *);
/* Which targets store_target_each_in() gives. */
struct st_target_filter {
	const char *sgf_plan; /* a plan code, or NULL */
	int sgf_year; /* the target's year, or 0 */
	const char *sgf_code; /* one target code, or NULL */
};
/* store_target_each_in(s, f, cb, ctx): the targets ${f} selects. */
int store_target_each_in(struct store *, const struct st_target_filter *,
    int (*)(void *, const struct st_target *), void *);
/* A hand-entered value of a target (one version). */
struct st_target_value {
	long stv_id;
	long stv_target; /* target id */
	double stv_value;
	enum value_status stv_status;
	const char *stv_agency;
	const char *stv_note;
	const char *stv_doc;
	const char *stv_comment; /* the reviewer's, when returned */
	const char *stv_file_sha256; /* evidence in the file store, or NULL */
	const char *stv_by;
	const char *stv_at;
	int stv_archived;
};
/*
 * [writes] store_target_value_put(s, v, action, target_code, actor): a new
 * current version ${v} of target id v->stv_target (the current one, if
 * any, archived: nothing is deleted), logged as ${action}.
 */
int store_target_value_put(struct store *, const struct st_target_value *,
    const char *, const char *, const char *);
/*
 * store_target_value_each(s, target, cb, ctx): every version of the value
 * of target id ${target}, oldest first (the current one last).
 */
int store_target_value_each(struct store *, long,
    int (*)(void *, const struct st_target_value *), void *);

/*
 * store_data_version(s, v): a number that grows with every change (every
 * write is logged), so that derived results can be cached safely.
 */
int store_data_version(struct store *, long *);

/* Accounts of the server, each with an enum role. */
struct st_account {
	long sac_id;
	char sac_login[64];
	char sac_pwhash[128]; /* Argon2id string (libsodium) */
	enum role sac_role;
	char sac_agency[64]; /* officers: their agency; else "" */
	int sac_disabled;
	int sac_must_change; /* a password set by an admin: change it first */
	char sac_disabled_at[21]; /* UTC, "" when never disabled */
	char sac_disabled_by[64];
};
/* An account to create. */
struct st_account_new {
	const char *san_login;
	const char *san_pwhash; /* Argon2id string (libsodium) */
	enum role san_role;
	const char *san_agency; /* officers: their agency; else NULL */
};
/*
 * [writes] store_account_create(s, a, actor): create the account ${a} and log
 * it as ${actor}; STORE_ECONFLICT when the login exists or the agency is
 * unknown.
 */
int store_account_create(
    struct store *, const struct st_account_new *, const char *);
/*
 * store_account_get(s, login, out): the account ${login}, with its
 * password hash, into the caller's ${out}; STORE_ENOTFOUND.
 */
int store_account_get(struct store *, const char *, struct st_account *);
/*
 * [writes] store_account_set_password(s, login, pwhash, keep): replace the
 * password hash of ${login}, end every session of it but the one whose
 * token hash is ${keep} (NULL: all), and log it as done by ${login};
 * STORE_ENOTFOUND when there is no such account.
 */
int store_account_set_password(
    struct store *, const char *, const char *, const char *);
/* store_account_each(s, cb, ctx): every account, without password hashes. */
int store_account_each(
    struct store *, int (*)(void *, const struct st_account *), void *);
/*
 * [writes] store_account_reset(s, login, pwhash, actor): an admin's new
 * password for ${login}, to be changed at its next login; every session of
 * it ends; logged as done by ${actor}. STORE_ENOTFOUND.
 */
int store_account_reset(
    struct store *, const char *, const char *, const char *);
/*
 * [writes] store_account_set_disabled(s, login, disabled, actor): disable
 * (its sessions end at once, who and when are kept) or enable ${login};
 * logged. STORE_ENOTFOUND.
 */
int store_account_set_disabled(struct store *, const char *, int, const char *);
/*
 * [writes] store_account_set_role(s, login, role, agency, actor): the new
 * role and agency (NULL: none) of ${login}; its sessions end; logged with
 * the old and new values. STORE_ENOTFOUND; STORE_ECONFLICT when the agency
 * is unknown.
 */
int store_account_set_role(
    struct store *, const char *, enum role, const char *, const char *);
/* store_account_admins(s, out): how many admin accounts are not disabled. */
int store_account_admins(struct store *, long *);

/* Sessions: only a hash of the token is stored. Times are Unix seconds. */
struct st_session {
	struct st_account ss_account;
	char ss_csrf[72];
	long ss_created;
	long ss_last_seen;
	long ss_expires;
	char ss_id[24]; /* public id: listed and ended by it */
};
/* A session as listed (store_session_each): never its token or hash. */
struct st_session_info {
	char sse_id[24];
	long sse_created;
	long sse_last_seen;
	long sse_expires;
	int sse_ended;
	long sse_ended_at; /* 0: unknown or not ended */
	char sse_address[64]; /* "" when not recorded */
	char sse_agent[208]; /* its User-Agent, "" when not recorded */
};
/* A session to start. */
struct st_session_new {
	const char *ssn_token_hash;
	const char *ssn_id; /* public id */
	long ssn_account; /* account id */
	const char *ssn_csrf;
	const char *ssn_address; /* may be NULL */
	const char *ssn_agent; /* the browser's User-Agent; may be NULL */
	long ssn_now;
	long ssn_expires;
};
/* [writes] store_session_add(s, n): start the session ${n}. */
int store_session_add(struct store *, const struct st_session_new *);
/*
 * store_session_each(s, login, cb, ctx): the sessions of account ${login},
 * newest first (at most 200: a long-lived account's old ones are dropped
 * from the list, not from the store). STORE_ENOTFOUND for no account.
 */
int store_session_each(struct store *, const char *,
    int (*)(void *, const struct st_session_info *), void *);
/*
 * [writes] store_session_end_id(s, login, id, actor): end the live
 * session ${id} of ${login}; logged. STORE_ENOTFOUND when ${login} has no
 * such live session.
 */
int store_session_end_id(
    struct store *, const char *, const char *, const char *);
/*
 * [writes] store_session_end_all(s, login, actor, n): end every live
 * session of ${login}; ${n} receives how many; logged. STORE_ENOTFOUND.
 */
int store_session_end_all(struct store *, const char *, const char *, long *);
/*
 * store_session_get(s, token_hash, out): the live session and its account
 * (no password hash) into the caller's ${out}; STORE_ENOTFOUND when it is
 * unknown or ended (expiry is the caller's to check).
 */
int store_session_get(struct store *, const char *, struct st_session *);
/*
 * [writes] store_session_touch(s, token_hash, now): note the session was used;
 * a write, queued like the others when outside a transaction.
 */
int store_session_touch(struct store *, const char *, long);
/*
 * [writes] store_session_end(s, token_hash): end the session (kept, marked
 * ended).
 */
int store_session_end(struct store *, const char *);

/* Published results of a year (issue 11): NAN or 0 where not published. */
struct st_result {
	int srs_year;
	const char *srs_province; /* as published; "": the national average */
	double srs_index;
	int srs_rank;
	double srs_pillar[3]; /* CQS, KTS, XHS */
	int srs_pillar_rank[3];
	double srs_group[8]; /* main indicators I..VIII, fractions of max */
	const char *srs_source;
};
/*
 * [writes] store_result_put(s, r): record ${r}, merged into what is
 * recorded for its year and province: each field given (not NAN, not 0,
 * a source not "") replaces the recorded one.
 */
int store_result_put(struct store *, const struct st_result *);
/*
 * store_result_each(s, year, cb, ctx): the results of ${year} (0: all),
 * by year, then rank (unranked last), then province.
 */
int store_result_each(
    struct store *, int, int (*)(void *, const struct st_result *), void *);

/*
 * Reference bounds of a cross-unit indicator (Min-Max, proportional to
 * the best) in a period: what it is compared with when the round holds
 * too few units, such as last year's national minimum and maximum.
 */
struct st_bound {
	const char *sb_indicator;
	double sb_lo;
	double sb_hi;
	const char *sb_source;
};
/*
 * [writes] store_bound_put(s, period, b, actor): set the bounds of
 * ${b}'s indicator in period id ${period} (replacing any) and log it.
 */
int store_bound_put(
    struct store *, long, const struct st_bound *, const char *);
/* store_bound_each(s, period, cb, ctx): the bounds of period id ${period}. */
int store_bound_each(
    struct store *, long, int (*)(void *, const struct st_bound *), void *);

/*
 * Methodologies of periods and internal indices (issue 12, M).
 * [writes] store_period_set_method(s, code, method, actor): period
 * ${code} is scored with methodology id ${method} from now on; logged
 * ("period.methodology", the old and the new id).
 */
int store_period_set_method(struct store *, const char *, long, const char *);
/*
 * [writes] store_period_unit_add(s, period, unit, actor): period id
 * ${period} scores unit code ${unit} (one of its chosen set); logged.
 */
int store_period_unit_add(struct store *, long, const char *, const char *);
/*
 * store_period_units(s, period, cb, ctx): the units period id ${period}
 * scores, by code; none: the province as before (no set chosen).
 */
int store_period_units(
    struct store *, long, int (*)(void *, const struct st_unit *), void *);

#endif
