/* cli.h: the dti command line: one executable, subcommands. */
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

/* cmd_*.c */
int cmd_score(int, char **);
int cmd_methodology(int, char **);
int cmd_methodology_load(int, char **);
int cmd_init(int, char **);
int cmd_backup(int, char **);
int cmd_period(int, char **);
int cmd_import(int, char **);
int cmd_export(int, char **);
int cmd_status(int, char **);
int cmd_value(int, char **);
int cmd_evidence(int, char **);
int cmd_review(int, char **);
int cmd_audit(int, char **);
int cmd_tasks(int, char **);
int cmd_task(int, char **);
int cmd_targets(int, char **);
int cmd_serve(int, char **);
int cmd_user(int, char **);
/*
 * cli_user_add(s, login, role, agency, password, actor, shown, size): an
 * account (a random password when ${password} is NULL, copied to ${shown});
 * inside the caller's transaction. Return an exit code.
 */
int cli_user_add(struct store *, const char *, const char *, const char *,
    const char *, const char *, char *, size_t);

/* cmd_init.c: open the database named by the options; print why not. */
struct store *cli_open_db(const struct opts *);
/* cli_fail(d, rc): print ${d}, free it, and give the exit code. */
int cli_fail(struct diag *, int);
/* cmd_data.c: dti score --period. */
int cli_score_period(
    const char *, const char *, int, const struct score_write_opts *, int);
/* cli_pad(s, width): spaces that fill ${s} to ${width} characters (UTF-8). */
int cli_pad(const char *, int);
/* cli_print_warnings(s): missing inputs and zero denominators on stderr. */
void cli_print_warnings(const struct score *);

/* cli.c */
extern enum diag_lang cli_lang;
/* cli_msg(vi, en): the string in the user's language. */
const char *cli_msg(const char *, const char *);
/* cli_print_diag(d): every item of ${d} on stderr, one a line. */
void cli_print_diag(const struct diag *);
/*
 * cli_read_file(path, max, out, len): read a whole file ("-": stdin) of at
 * most ${max} bytes. Return 0, or print why not and return -1.
 */
int cli_read_file(const char *, size_t, char **, size_t *);
/*
 * cli_load_method(path, out): load a methodology file, or the built-in 2022
 * provincial methodology when ${path} is NULL. Print errors; return 0 or an
 * exit code.
 */
int cli_load_method(const char *, struct method **);

#endif
