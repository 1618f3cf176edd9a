/*
 * dbfx.h: the fixture of the storage tests (test_db.c, test_sqlite.c): a
 * temporary directory holding one database made by the real program
 * (`dti init`, DTI_BIN), and small file helpers.
 */
#ifndef DTI_TESTS_DBFX_H
#define DTI_TESTS_DBFX_H

#include <stddef.h>

struct app_actor;
struct store;

/* A temporary directory holding one database made by `dti init`. */
struct fx {
	char f_dir[256];
	char f_db[320];
	struct store *f_s; /* open on f_db, or NULL */
};

/* slurp(path, len): the bytes of ${path}, malloc'd and NUL-ended; NULL. */
char *slurp(const char *, size_t *);
/* spit(path, data, len): write ${path} (asserts). */
void spit(const char *, const char *, size_t);
/* dti(x, fmt, ...): run the dti program; its exit status, or -1. */
int dti(const struct fx *, const char *, ...)
    __attribute__((format(printf, 2, 3)));
void print_err(const struct fx *);
void rm_dir(const char *);
struct fx *fx_new(void);
int fx_init(void **, const char *);
int setup_plain(void **);
int setup_demo(void **);
int setup_empty(void **);
int teardown(void **);
/*
 * dbfx_op(login): the command line's operator named ${login} (see
 * app_operator), in static storage until the next call.
 */
const struct app_actor *dbfx_op(const char *);
/*
 * dbfx_store_en(s): the English text of the last error of ${s} (see
 * store_diag), or ""; valid until the next call.
 */
const char *dbfx_store_en(struct store *);
/*
 * dbfx_run(group, tests, n, argc, argv): run the cmocka group ${group},
 * or with an argument only the test of that name (without "test_"); a
 * name that matches none is an error.
 */
/*
 * dbfx_a4_versions(x): A.4 of period 2022 (opened by the caller) entered
 * three times, by an, binh and chi (590000, 595000, 596000): two archived
 * versions and the current one.
 */
void dbfx_a4_versions(struct fx *);
struct CMUnitTest;
int dbfx_run(const char *, const struct CMUnitTest *, size_t, int, char **);

#endif
