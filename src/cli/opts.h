/*
 * opts.h: the options shared by the database subcommands. Each command
 * says which it takes; any other is a usage error.
 */
#ifndef DTI_OPTS_H
#define DTI_OPTS_H

#include "util/diag.h"

struct opts {
	const char *o_db; /* --db, default dti.db */
	const char *o_user; /* --user, default $USER */
	const char *o_agency; /* --agency */
	const char *o_unit; /* --unit */
	const char *o_period; /* --period */
	const char *o_format; /* --format: table (default), csv, json */
	const char *o_comment; /* --comment */
	const char *o_reason; /* --reason */
	const char *o_inputs; /* --inputs a,b,c */
	const char *o_status; /* --status */
	const char *o_note; /* --note */
	const char *o_doc; /* --doc NUMBER */
	const char *o_date; /* --date YYYY-MM-DD */
	const char *o_file; /* --file PATH */
	const char *o_methodology; /* --methodology FILE */
	const char *o_agency_due; /* --agency-due */
	const char *o_sotttt_due; /* --sotttt-due */
	int o_demo; /* --demo */
	int o_submit; /* --submit */
	int o_approve; /* --approve */
	int o_drafts; /* --include-drafts */
	int o_explain; /* --explain */
	int o_quiet; /* --quiet */
	int o_overdue; /* --overdue */
	enum diag_lang o_lang; /* of messages: DTI_LANG, passed by main */
	int o_nargs; /* positional arguments left */
	char **o_args;
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
