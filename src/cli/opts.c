/* opts.c: option parsing for the database subcommands. */
#include "cli/opts.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const struct option all[] = {
	{ "db", required_argument, NULL, 1 },
	{ "user", required_argument, NULL, 2 },
	{ "agency", required_argument, NULL, 3 },
	{ "unit", required_argument, NULL, 4 },
	{ "period", required_argument, NULL, 5 },
	{ "format", required_argument, NULL, 6 },
	{ "comment", required_argument, NULL, 7 },
	{ "reason", required_argument, NULL, 8 },
	{ "inputs", required_argument, NULL, 9 },
	{ "status", required_argument, NULL, 10 },
	{ "note", required_argument, NULL, 11 },
	{ "doc", required_argument, NULL, 12 },
	{ "date", required_argument, NULL, 13 },
	{ "file", required_argument, NULL, 14 },
	{ "methodology", required_argument, NULL, 15 },
	{ "agency-due", required_argument, NULL, 16 },
	{ "sotttt-due", required_argument, NULL, 17 },
	{ "demo", no_argument, NULL, 18 },
	{ "submit", no_argument, NULL, 19 },
	{ "approve", no_argument, NULL, 20 },
	{ "include-drafts", no_argument, NULL, 21 },
	{ "add-units", no_argument, NULL, 28 },
	{ "explain", no_argument, NULL, 22 },
	{ "quiet", no_argument, NULL, 23 },
	{ "overdue", no_argument, NULL, 24 },
	{ "number-format", required_argument, NULL, 29 },
	{ "input", required_argument, NULL, 30 },
	{ "output", required_argument, NULL, 'o' },
	{ "skip-locked", no_argument, NULL, 31 },
	{ "no-consistency", no_argument, NULL, 32 },
	{ "missing-evidence", no_argument, NULL, 33 },
	{ "part", required_argument, NULL, 34 },
	{ "parts", required_argument, NULL, 35 },
	{ "year", required_argument, NULL, 36 },
	{ "source", required_argument, NULL, 37 },
	{ "targets-met", no_argument, NULL, 38 },
	/* dti user (issue 12) */
	{ "password-file", required_argument, NULL, 70 },
	{ "generate", no_argument, NULL, 71 },
	{ "all", no_argument, NULL, 72 },
	{ "role", required_argument, NULL, 73 },
	{ "dry-run", no_argument, NULL, 40 },
	{ "plan", required_argument, NULL, 60 },
	{ "value", required_argument, NULL, 61 },
	/* issue 12, M: 50-59 */
	{ "yes", no_argument, NULL, 50 },
	{ "units", required_argument, NULL, 51 },
	{ "level", required_argument, NULL, 52 },
	{ "effective", required_argument, NULL, 41 },
	{ "into", required_argument, NULL, 42 },
	{ "name", required_argument, NULL, 43 },
	{ "short", required_argument, NULL, 44 },
	{ "kind", required_argument, NULL, 45 },
	{ "at", required_argument, NULL, 46 },
	{ "member", required_argument, NULL, 47 },
	{ "parent", required_argument, NULL, 48 },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static int
allowed_opt(const char *allowed, const char *name)
{
	size_t n = strlen(name);
	const char *p = allowed;

	while ((p = strstr(p, name)) != NULL) {
		if ((p == allowed || p[-1] == ' ') &&
		    (p[n] == ' ' || p[n] == '\0'))
			return 1;
		p += n;
	}
	return 0;
}

int
opts_parse(struct opts *o, int argc, char **argv, const char *allowed,
    const char *usage, enum diag_lang lang)
{
	const char *user = getenv("USER");
	int c, idx;

	memset(o, 0, sizeof(*o));
	o->op_lang = lang;
	o->op_db = "dti.db";
	o->op_user = user != NULL && *user != '\0' ? user : "cli";
	o->op_format = "table";
	o->op_numfmt = NUMFMT_MACHINE;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "ho:", all, &idx)) != -1) {
		const char *v = optarg;

		if (c == 'h') {
			fputs(usage, stdout);
			return EXIT_OK + 100; /* caller exits 0 */
		}
		/* -o is --output (idx is set for long options only) */
		if (c == '?' ||
		    !allowed_opt(
			allowed, c == 'o' ? "output" : all[idx].name)) {
			fprintf(stderr, "dti %s: %s '%s'\n%s", argv[0],
			    cli_msg(lang, "tùy chọn không hợp lệ",
				"unknown option"),
			    argv[optind - 1], usage);
			return EXIT_USAGE;
		}
		switch (c) {
		case 1: o->op_db = v; break;
		case 2: o->op_user = v; break;
		case 3: o->op_agency = v; break;
		case 4: o->op_unit = v; break;
		case 5: o->op_period = v; break;
		case 6: o->op_format = v; break;
		case 7: o->op_comment = v; break;
		case 8: o->op_reason = v; break;
		case 9: o->op_inputs = v; break;
		case 10: o->op_status = v; break;
		case 11: o->op_note = v; break;
		case 12: o->op_doc = v; break;
		case 13: o->op_date = v; break;
		case 14: o->op_file = v; break;
		case 15: o->op_methodology = v; break;
		case 16: o->op_agency_due = v; break;
		case 17: o->op_sotttt_due = v; break;
		case 18: o->op_demo = 1; break;
		case 19: o->op_submit = 1; break;
		case 20: o->op_approve = 1; break;
		case 21: o->op_drafts = 1; break;
		case 28: o->op_add_units = 1; break;
		case 22: o->op_explain = 1; break;
		case 23: o->op_quiet = 1; break;
		case 24: o->op_overdue = 1; break;
		case 30: o->op_input = v; break;
		case 31: o->op_skip_locked = 1; break;
		case 'o': o->op_output = v; break;
		case 32: o->op_no_consistency = 1; break;
		case 33: o->op_missing_evidence = 1; break;
		case 34: o->op_part = v; break;
		case 35: o->op_parts = v; break;
		case 36: o->op_year = v; break;
		case 37: o->op_source = v; break;
		case 38: o->op_targets_met = 1; break;
		case 70: o->op_password_file = v; break;
		case 71: o->op_generate = 1; break;
		case 72: o->op_all = 1; break;
		case 73: o->op_role = v; break;
		case 40: o->op_dry_run = 1; break;
		case 60: o->op_plan = v; break;
		case 61: o->op_value = v; break;
		case 50: o->op_yes = 1; break;
		case 51: o->op_units = v; break;
		case 52: o->op_level = v; break;
		case 41: o->op_effective = v; break;
		case 42: o->op_into = v; break;
		case 43: o->op_name = v; break;
		case 44: o->op_short = v; break;
		case 45: o->op_kind = v; break;
		case 46: o->op_at = v; break;
		case 47: o->op_member = v; break;
		case 48: o->op_parent = v; break;
		case 29:
			if (numfmt_style_parse(v, &o->op_numfmt) != 0) {
				fprintf(stderr,
				    "dti %s: %s '%s' (vi, machine)\n", argv[0],
				    cli_msg(lang, "định dạng số không hợp lệ",
					"unknown number format"),
				    v);
				return EXIT_USAGE;
			}
			break;
		}
	}
	if (strcmp(o->op_format, "table") != 0 &&
	    strcmp(o->op_format, "csv") != 0 &&
	    strcmp(o->op_format, "json") != 0) {
		fprintf(stderr, "dti %s: %s '%s' (table, csv, json)\n", argv[0],
		    cli_msg(lang, "định dạng không hợp lệ", "unknown format"),
		    o->op_format);
		return EXIT_USAGE;
	}
	o->op_nargs = argc - optind;
	o->op_args = argv + optind;
	return EXIT_OK;
}
