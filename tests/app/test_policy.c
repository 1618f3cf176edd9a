/*
 * test_policy.c: app/ checks who may do what itself, whatever the front
 * end: viewers never write, officers write only what their agency leads,
 * reviewing and reopening are for coordinators and admins, only an admin
 * creates an admin. Runs on a database made by app_init (no demo).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app.h"
#include "auth/auth.h"

struct fixture {
	char f_dir[256];
	char f_db[300];
	struct store *f_s;
};

static const struct app_actor admin = { "t-admin", ROLE_ADMIN, NULL };
static const struct app_actor coord = { "t-coord", ROLE_COORDINATOR,
	"so-tttt" };
static const struct app_actor viewer = { "t-viewer", ROLE_VIEWER, NULL };
static const struct app_actor off_tttt = { "t-off1", ROLE_OFFICER, "so-tttt" };
static const struct app_actor off_tk = { "t-off2", ROLE_OFFICER,
	"cuc-thong-ke" };

static int
setup(void **state)
{
	struct fixture *x = calloc(1, sizeof(*x));
	struct app_init_out out;
	struct diag d;
	const char *tmp = getenv("TMPDIR");

	snprintf(x->f_dir, sizeof(x->f_dir), "%s/dti-policy-XXXXXX",
	    tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	assert_non_null(mkdtemp(x->f_dir));
	snprintf(x->f_db, sizeof(x->f_db), "%s/dti.db", x->f_dir);
	diag_init(&d);
	assert_int_equal(app_init(x->f_db, &admin, 0, &out, &d), 0);
	assert_int_equal(app_open(&x->f_s, x->f_db, &d), 0);
	assert_int_equal(app_period_add(x->f_s, &admin, "2022-Q4", 0, NULL,
			     NULL, NULL, NULL, &d),
	    0);
	diag_free(&d);
	*state = x;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *x = *state;
	char path[400];

	app_close(x->f_s);
	remove(x->f_db);
	snprintf(path, sizeof(path), "%s-wal", x->f_db);
	remove(path);
	snprintf(path, sizeof(path), "%s-shm", x->f_db);
	remove(path);
	rmdir(x->f_dir);
	free(x);
	return 0;
}

/* ${rc} failed with the policy's "forbidden" error. */
#define FORBIDDEN(call) \
	do { \
		struct diag d_; \
		diag_init(&d_); \
		assert_int_not_equal((call), 0); \
		assert_true(d_.d_n > 0); \
		assert_string_equal(d_.d_items[0].di_code, "forbidden"); \
		diag_free(&d_); \
	} while (0)
#define ALLOWED(call) \
	do { \
		struct diag d_; \
		diag_init(&d_); \
		assert_int_equal((call), 0); \
		diag_free(&d_); \
	} while (0)

static void
test_viewer_never_writes(void **state)
{
	struct fixture *x = *state;
	struct store *s = x->f_s;

	FORBIDDEN(
	    app_period_add(s, &viewer, "2023", 0, NULL, NULL, NULL, NULL, &d_));
	FORBIDDEN(app_period_set_status(
	    s, &viewer, "2022-Q4", PERIOD_CLOSED, NULL, &d_));
	FORBIDDEN(app_value_put(s, &viewer, "2022-Q4", NULL, "1.3.a", "4",
	    NUMFMT_MACHINE, NULL, NULL, NULL, &d_));
	FORBIDDEN(app_values_submit(
	    s, &viewer, "2022-Q4", NULL, "so-tttt", NULL, &d_));
	FORBIDDEN(app_user_add(s, &viewer, "someone", ROLE_VIEWER, NULL,
	    "a-long-password-1", NULL, 0, &d_));
	assert_int_equal(app_may(s, &viewer, APP_READ, NULL), 1);
}

static void
test_officer_own_agency(void **state)
{
	struct fixture *x = *state;
	struct store *s = x->f_s;

	/* 1.3.a is led by Sở TTTT */
	FORBIDDEN(app_value_put(s, &off_tk, "2022-Q4", NULL, "1.3.a", "4",
	    NUMFMT_MACHINE, NULL, NULL, NULL, &d_));
	ALLOWED(app_value_put(s, &off_tttt, "2022-Q4", NULL, "1.3.a", "4",
	    NUMFMT_MACHINE, NULL, NULL, NULL, &d_));
	FORBIDDEN(app_values_submit(
	    s, &off_tk, "2022-Q4", NULL, "so-tttt", NULL, &d_));
	FORBIDDEN(app_values_approve(
	    s, &off_tttt, "2022-Q4", NULL, "so-tttt", NULL, &d_));
	FORBIDDEN(app_period_set_status(
	    s, &off_tttt, "2022-Q4", PERIOD_CLOSED, NULL, &d_));
	assert_int_equal(app_task_may(s, &off_tk, "B.I.2"), 0);
	assert_int_equal(app_task_may(s, &off_tttt, "B.I.2"), 1);
	assert_int_equal(app_task_may(s, &off_tttt, "nope"), STORE_ENOTFOUND);
}

static void
test_reopen_and_admins(void **state)
{
	struct fixture *x = *state;
	struct store *s = x->f_s;

	FORBIDDEN(app_values_reopen(
	    s, &off_tttt, "2022-Q4", NULL, "so-tttt", NULL, "why", &d_));
	/* the coordinator may reopen: here nothing is approved */
	{
		struct diag d;

		diag_init(&d);
		assert_int_not_equal(app_values_reopen(s, &coord, "2022-Q4",
					 NULL, "so-tttt", NULL, "why", &d),
		    0);
		assert_string_equal(d.d_items[0].di_code, "review.none");
		diag_free(&d);
	}
	assert_int_equal(app_user_may_add(&coord, ROLE_ADMIN), 0);
	assert_int_equal(app_user_may_add(&admin, ROLE_ADMIN), 1);
	FORBIDDEN(app_user_add(s, &coord, "boss", ROLE_ADMIN, NULL,
	    "a-long-password-1", NULL, 0, &d_));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_viewer_never_writes, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_officer_own_agency, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_reopen_and_admins, setup, teardown),
	};

	if (auth_init() != 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
