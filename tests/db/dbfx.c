/*
 * dbfx.c: the fixture of the storage tests; see dbfx.h.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dbfx.h"
#include "app/app.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/diag.h"

char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct buf b;
	char chunk[8192];
	size_t n;

	if (len != NULL)
		*len = 0;
	if (f == NULL)
		return NULL;
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	if (len != NULL)
		*len = b.b_len;
	return buf_steal(&b);
}

void
spit(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* Run the dti program with ${args}; output goes to ${dir}/out and err. */
int
dti(const struct fx *x, const char *fmt, ...)
{
	char args[2048], cmd[4096];
	va_list ap;
	int st;

	va_start(ap, fmt);
	vsnprintf(args, sizeof(args), fmt, ap);
	va_end(ap);
	snprintf(cmd, sizeof(cmd), "'%s' %s >'%s/out' 2>'%s/err'", DTI_BIN,
	    args, x->f_dir, x->f_dir);
	st = system(cmd);
	if (st == -1 || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

void
print_err(const struct fx *x)
{
	char path[300];
	char *e;

	snprintf(path, sizeof(path), "%s/err", x->f_dir);
	e = slurp(path, NULL);
	if (e != NULL && e[0] != '\0')
		print_message("dti stderr:\n%s\n", e);
	free(e);
}

void
rm_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[600];

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		unlink(path);
	}
	closedir(d);
	rmdir(dir);
}

struct fx *
fx_new(void)
{
	struct fx *x = xcalloc(1, sizeof(*x));
	const char *tmp = getenv("TMPDIR");

	snprintf(x->f_dir, sizeof(x->f_dir), "%s/dti-db-XXXXXX",
	    tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp");
	assert_non_null(mkdtemp(x->f_dir));
	snprintf(x->f_db, sizeof(x->f_db), "%s/dti.db", x->f_dir);
	return x;
}

int
fx_init(void **state, const char *extra)
{
	struct fx *x = fx_new();
	struct diag e;
	int rc;

	*state = x;
	rc = dti(x, "init --db '%s' --user tester %s", x->f_db, extra);
	if (rc != 0)
		print_err(x);
	assert_int_equal(rc, 0);
	diag_init(&e);
	rc = store_open(&x->f_s, x->f_db, STORE_OPEN, &e);
	if (rc != 0)
		print_message("store_open: %s\n", e.d_items[0].di_en);
	diag_free(&e);
	assert_int_equal(rc, 0);
	return 0;
}

int
setup_plain(void **state)
{
	return fx_init(state, "");
}

int
setup_demo(void **state)
{
	return fx_init(state, "--demo");
}

int
setup_empty(void **state)
{
	*state = fx_new();
	return 0;
}

int
teardown(void **state)
{
	struct fx *x = *state;

	store_close(x->f_s);
	rm_dir(x->f_dir);
	free(x);
	return 0;
}

const struct app_actor *
dbfx_op(const char *login)
{
	static struct app_actor a;

	app_operator(&a, login);
	return &a;
}

const char *
dbfx_store_en(struct store *s)
{
	static struct diag d;

	diag_free(&d);
	if (store_diag(s, &d) == 0)
		return "";
	return d.d_items[0].di_en;
}

int
dbfx_run(const char *group, const struct CMUnitTest *tests, size_t n, int argc,
    char **argv)
{
	size_t i;

	if (argc > 1) {
		for (i = 0; i < n; i++)
			if (strcmp(tests[i].name + strlen("test_"), argv[1]) ==
			    0)
				break;
		if (i == n) {
			fprintf(
			    stderr, "test_%s: no test '%s'\n", group, argv[1]);
			return 1;
		}
		cmocka_set_test_filter(tests[i].name);
	}
	return _cmocka_run_group_tests(group, tests, n, NULL, NULL);
}

void
dbfx_a4_versions(struct fx *x)
{
	struct diag d;

	diag_init(&d);
	assert_int_equal(
	    app_value_put(x->f_s, dbfx_op("an"), "2022", NULL, "A.4", "590000",
		NUMFMT_MACHINE, NULL, "first", NULL, &d),
	    0);
	assert_int_equal(
	    app_value_put(x->f_s, dbfx_op("binh"), "2022", NULL, "A.4",
		"595000", NUMFMT_MACHINE, NULL, "corrected", NULL, &d),
	    0);
	assert_int_equal(
	    app_value_put(x->f_s, dbfx_op("chi"), "2022", NULL, "A.4", "596000",
		NUMFMT_MACHINE, "cuc-thong-ke", "final", NULL, &d),
	    0);
	diag_free(&d);
}
