/*
 * opts.h: the options shared by the database subcommands. Each command
 * says which it takes; any other is a usage error.
 */
#ifndef DTI_OPTS_H
#define DTI_OPTS_H

#include "util/diag.h"
#include "util/numfmt.h"

struct opts {
	const char *op_db; /* --db, default dti.db */
	const char *op_user; /* --user, default $USER */
	const char *op_agency; /* --agency */
	const char *op_unit; /* --unit */
	const char *op_period; /* --period */
	const char *op_format; /* --format: table (default), csv, json */
	const char *op_comment; /* --comment */
	const char *op_reason; /* --reason */
	const char *op_inputs; /* --inputs a,b,c */
	const char *op_status; /* --status */
	const char *op_note; /* --note */
	const char *op_doc; /* --doc NUMBER */
	const char *op_date; /* --date YYYY-MM-DD */
	const char *op_file; /* --file PATH */
	const char *op_methodology; /* --methodology FILE */
	const char *op_agency_due; /* --agency-due */
	const char *op_sotttt_due; /* --sotttt-due */
	const char *op_input; /* --input: one input (dti audit) */
	const char *op_output; /* -o, --output FILE */
	const char *op_part; /* --part AGENCY: a member's part */
	const char *op_parts; /* --parts FILE: dti export's parts */
	int op_demo; /* --demo */
	int op_submit; /* --submit */
	int op_approve; /* --approve */
	int op_add_units; /* --add-units */
	int op_drafts; /* --include-drafts */
	int op_explain; /* --explain */
	int op_quiet; /* --quiet */
	int op_overdue; /* --overdue */
	int op_skip_locked; /* --skip-locked */
	int op_no_consistency; /* --no-consistency (dti import) */
	int op_missing_evidence; /* --missing-evidence (dti review) */
	const char *op_year; /* --year Y (dti results) */
	const char *op_source; /* --source TEXT (dti results import) */
	int op_targets_met; /* --targets-met (dti whatif) */
	/* dti user (issue 12) */
	const char *op_password_file; /* --password-file F ("-": stdin) */
	int op_generate; /* --generate */
	int op_all; /* --all */
	const char *op_role; /* --role R */
	int op_dry_run; /* --dry-run */
	const char *op_plan; /* --plan CODE (issue 12, plans) */
	const char *op_value; /* --value V (dti target set) */
	int op_yes; /* --yes: confirm (dti period set-methodology) */
	const char *op_units; /* --units a,b (dti period open) */
	const char *op_level; /* --level L (dti period open) */
	/* the organisation (dti agency, unit, org): options 40-49 */
	const char *op_effective; /* --effective DATE */
	const char *op_into; /* --into CODE */
	const char *op_name; /* --name NAME */
	const char *op_short; /* --short NAME */
	const char *op_kind; /* --kind K (a unit: its level) */
	const char *op_at; /* --at DATE */
	const char *op_member; /* --member CODE */
	const char *op_parent; /* --parent UNIT */
	enum numfmt_style op_numfmt; /* --number-format vi|machine */
	enum diag_lang op_lang; /* of messages: DTI_LANG, passed by main */
	int op_nargs; /* positional arguments left */
	char **op_args;
};

/*
 * opts_parse(o, argc, argv, allowed, usage, lang): parse ${argv} (argv[0]
 * is the command) accepting only the long options named in ${allowed}
 * (space-separated, e.g. "db user period"); print ${usage} on error, in
 * ${lang}, which ${o} keeps. Return 0, or an exit code.
 */
int opts_parse(
    struct opts *, int, char **, const char *, const char *, enum diag_lang);

#endif
