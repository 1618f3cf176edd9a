/*
 * org_load.h: parse a province's organisation file (data/ninh-thuan.yaml:
 * agencies, districts, collectives, the reporting rules; a plan's tasks
 * and targets are io/plan_load.h) into plain structs. Nothing here reads or writes a
 * store: app/app_org.c writes what org_parse() returns.
 *
 * Every string of a parsed file is owned by it and lives until
 * org_file_free(). Positions (*_line, *_col) are 1-based, 0 when the file
 * does not say (a missing section), and name the node an error about that
 * item names.
 */
#ifndef DTI_ORG_LOAD_H
#define DTI_ORG_LOAD_H

#include <stddef.h>

#include "util/diag.h"

#define ORG_MAX_BYTES (1u << 20) /* an organisation file */
#define ORG_MAX_DEPTH 16 /* YAML nesting */
#define ORG_MAX_ITEMS 1000 /* agencies or districts */
#define ORG_MAX_MEMBERS 2000 /* members of all collectives together */
#define ORG_MAX_LIST 200 /* codes in one list: leads, members, inputs ... */

struct org_agency {
	const char *oa_code;
	const char *oa_name;
	const char *oa_short; /* NULL: the name */
	const char *oa_kind; /* department, central, office ... */
	const char *oa_district; /* kind district: its district's code */
	const char *oa_effective; /* active from (YYYY-MM-DD), or NULL */
	long oa_line, oa_col;
};

/* One agency that is part of a collective (a group agency). */
struct org_member {
	const char *om_group; /* the collective's agency code */
	const char *om_member; /* the member's agency code */
	long om_line, om_col; /* the collective's list */
};

/* The province or one of its districts. */
struct org_unit {
	const char *ou_code;
	const char *ou_name;
	long ou_line, ou_col;
};

/* The reporting duties (section V of the plan), each as the file says. */
struct org_reporting {
	const char *or_agency_quarter_day;
	const char *or_agency_year;
	const char *or_sotttt_quarter_day;
	const char *or_sotttt_year;
	const char *or_receiver;
	long or_line, or_col;
};

/*
 * One change a plain list cannot say (section changes:), e.g.
 * "{merge: so-tttt, into: so-khcn, effective: 2025-03-01}".
 */
enum org_change_kind {
	ORG_CHANGE_ADD, /* a unit or agency only in history (a predecessor) */
	ORG_CHANGE_RENAME,
	ORG_CHANGE_DEACTIVATE,
	ORG_CHANGE_REACTIVATE,
	ORG_CHANGE_MERGE,
};
struct org_change {
	enum org_change_kind och_kind;
	const char *och_entity; /* "agency" (default) or "unit" */
	const char *och_code;
	const char *och_into; /* merge: the successor */
	const char *och_name; /* add, rename */
	const char *och_short; /* or NULL */
	const char *och_kind_text; /* add: an agency's kind, a unit's level */
	const char *och_effective; /* YYYY-MM-DD, or NULL: the file's */
	long och_line, och_col;
};

struct org_block; /* the storage of the strings */

/* A parsed organisation file; every array in the file's order. */
struct org_file {
	const char *of_file; /* the name messages give it */
	struct org_agency *of_agencies;
	size_t of_nagencies;
	struct org_member *of_members;
	size_t of_nmembers;
	struct org_unit of_province;
	struct org_unit *of_districts;
	size_t of_ndistricts;
	struct org_reporting of_reporting;
	const char *of_effective; /* "effective:" as YYYY-MM-DD, or NULL */
	struct org_change *of_changes; /* section changes:, in order */
	size_t of_nchanges;
	struct org_block *of_blocks; /* private */
};

/*
 * org_parse(text, len, file, out, d): parse the ${len} bytes of ${text}
 * (need not end in NUL), named ${file} in messages, into a new
 * organisation in ${out}, the caller's to free with org_file_free().
 * Return 0, or -1 with ${out} NULL and every error recorded in ${d} at
 * its file:line:column.
 */
int org_parse(
    const char *, size_t, const char *, struct org_file **, struct diag *);

/* org_file_free(f): free what org_parse() made; NULL does nothing. */
void org_file_free(struct org_file *);

#endif
