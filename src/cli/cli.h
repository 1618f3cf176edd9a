/*
 * cli.h: the dti command line: one executable, subcommands. Each command
 * parses its arguments, calls app/ and prints; the language of messages
 * is chosen once by main and passed down.
 */
#ifndef DTI_CLI_H
#define DTI_CLI_H

#include <stddef.h>

#include "engine/method.h"
#include "util/diag.h"

/* Exit codes shared by every subcommand. */
#define EXIT_OK 0
#define EXIT_INVALID 1 /* the input (data or methodology) is invalid */
#define EXIT_USAGE 2 /* the command line is wrong */
#define EXIT_IO 3 /* a file could not be read or written */

struct opts;
struct score;
struct score_write_opts;
struct store;

/* cmd_*.c: each takes its arguments (argv[0]: the command) and a language. */
int cmd_score(int, char **, enum diag_lang);
int cmd_methodology(int, char **, enum diag_lang);
int cmd_methodology_load(int, char **, enum diag_lang);
int cmd_init(int, char **, enum diag_lang);
int cmd_backup(int, char **, enum diag_lang);
int cmd_period(int, char **, enum diag_lang);
/* cmd_period.c (issue 12): a period's methodology, its ranking. */
int cmd_period_method(int, char **, enum diag_lang);
int cmd_period_ranking(int, char **, enum diag_lang);
int cmd_methodology_list(int, char **, enum diag_lang);
/* cli_method_id(s, lang): the methodology id ${s}, else 0 (said why). */
long cli_method_id(const char *, enum diag_lang);
int cmd_import(int, char **, enum diag_lang);
int cmd_export(int, char **, enum diag_lang);
int cmd_status(int, char **, enum diag_lang);
int cmd_value(int, char **, enum diag_lang);
int cmd_evidence(int, char **, enum diag_lang);
int cmd_review(int, char **, enum diag_lang);
int cmd_audit(int, char **, enum diag_lang);
int cmd_tasks(int, char **, enum diag_lang);
int cmd_task(int, char **, enum diag_lang);
int cmd_targets(int, char **, enum diag_lang);
int cmd_plan(int, char **, enum diag_lang);
int cmd_target(int, char **, enum diag_lang);
int cmd_serve(int, char **, enum diag_lang);
int cmd_user(int, char **, enum diag_lang);
int cmd_worklist(int, char **, enum diag_lang);
int cmd_review_list(int, char **, enum diag_lang);
int cmd_template(int, char **, enum diag_lang);
int cmd_analysis(int, char **, enum diag_lang);
int cmd_whatif(int, char **, enum diag_lang);
int cmd_results(int, char **, enum diag_lang);
int cmd_bounds(int, char **, enum diag_lang);
int cmd_report(int, char **, enum diag_lang); /* cmd_report.c */
/* cmd_org.c: the organisation, versioned */
int cmd_agency(int, char **, enum diag_lang);
int cmd_unit(int, char **, enum diag_lang);
int cmd_org(int, char **, enum diag_lang);

/*
 * cli_open_db(o): open the database named by the options (app_open);
 * print why not and return NULL. Close it with app_close.
 */
struct store *cli_open_db(const struct opts *);
/*
 * cli_fail(d, rc, lang): print ${d} (diag_print), free it, and give the
 * exit code of a failed app call ${rc}: EXIT_IO when the database was
 * busy, else EXIT_INVALID.
 */
int cli_fail(struct diag *, int, enum diag_lang);
/*
 * cli_print_prefixed(prefix, d, lang): each message of ${d} on stderr
 * after "${prefix}: ", for the errors that name their command, not a
 * severity ("dti init: ...").
 */
void cli_print_prefixed(const char *, const struct diag *, enum diag_lang);
/*
 * cli_score_period(db, period, drafts, wo, quiet, lang): dti score
 * --period: the same output as scoring a file. Return an exit code.
 */
int cli_score_period(const char *, const char *, int,
    const struct score_write_opts *, int, enum diag_lang);
/* cli_pad(s, width): spaces that fill ${s} to ${width} characters (UTF-8). */
int cli_pad(const char *, int);
/*
 * cli_print_warnings(s, lang): missing inputs and zero denominators on
 * stderr.
 */
void cli_print_warnings(const struct score *, enum diag_lang);

/*
 * cli_file_error(cmd, path, err, lang): print "dti CMD: PATH: why" for the
 * errno ${err} of a file that could not be opened, read or written, in
 * ${lang} (the C library's own text is English only).
 */
void cli_file_error(const char *, const char *, int, enum diag_lang);
/*
 * cli_print_hints(d, lang): after the messages of ${d}, the command-line
 * options that answer them ("--reason TEXT"): app/'s messages name none,
 * since the API returns them too.
 */
void cli_print_hints(const struct diag *, enum diag_lang);
/* cli_msg(lang, vi, en): the string in ${lang}. */
const char *cli_msg(enum diag_lang, const char *, const char *);
/*
 * cli_read_file(path, max, out, len, lang): read a whole file ("-":
 * stdin) of at most ${max} bytes into ${out} (malloc'd: the caller frees
 * it). Return 0, or print why not and return -1.
 */
int cli_read_file(const char *, size_t, char **, size_t *, enum diag_lang);
/*
 * cli_load_method(path, out, lang): load a methodology file, or the
 * built-in 2022 provincial methodology when ${path} is NULL; free it with
 * method_free. Print errors; return 0 or an exit code.
 */
int cli_load_method(const char *, struct method **, enum diag_lang);

#endif
