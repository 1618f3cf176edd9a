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

/* cmd_*.c */
int cmd_score(int, char **);
int cmd_methodology(int, char **);

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
