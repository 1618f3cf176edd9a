/*
 * test_policy.c: app/ checks who may do what itself, whatever the front
 * end: viewers never write, officers write only what their agency leads,
 * reviewing and reopening are for coordinators and admins, only an admin
 * creates an admin, a coordinating agency attaches evidence to what it
 * coordinates but never writes its value, a work list is an officer's own
 * agency's and no viewer's. Runs on a database made by app_init (no demo).
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

static const enum task_status task_started = TASK_IN_PROGRESS;

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
	/* a task: only for its own agency's part (B.I.2: Sở TTTT leads) */
	FORBIDDEN(app_task_progress(s, &off_tk, NULL, "B.I.2", NULL,
	    &task_started, NULL, NULL, NULL, 0, &d_));
	FORBIDDEN(app_task_progress(s, &off_tk, NULL, "B.I.2", "so-tttt",
	    &task_started, NULL, NULL, NULL, 0, &d_));
	ALLOWED(app_task_progress(s, &off_tttt, NULL, "B.I.2", NULL,
	    &task_started, NULL, NULL, NULL, 0, &d_));
	{
		struct diag d;

		diag_init(&d);
		assert_int_equal(
		    app_task_progress(s, &off_tttt, NULL, "nope", NULL,
			&task_started, NULL, NULL, NULL, 0, &d),
		    -1);
		assert_string_equal(d.d_items[0].di_code, "store.not_found");
		diag_free(&d);
	}
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

/* The index of input ${name} in the methodology of period 2022-Q4. */
static int
input_of(struct store *s, const struct method **m, const char *name)
{
	struct st_period p;
	struct diag d;
	int in;

	diag_init(&d);
	assert_int_equal(app_period(s, "2022-Q4", &p, &d), 0);
	assert_int_equal(app_method(s, p.sp_method, m, &d), 0);
	diag_free(&d);
	in = method_input(*m, name, strlen(name));
	assert_true(in >= 0);
	return in;
}

/*
 * A coordinating agency (phối hợp) attaches evidence and comments to the
 * inputs it coordinates; the value stays the lead's: cuc-thong-ke
 * coordinates 7.1, led by so-khdt.
 */
static void
test_coordinator_evidence(void **state)
{
	struct fixture *x = *state;
	struct store *s = x->f_s;
	const struct method *m;
	const struct app_actor off_nh = { "t-off3", ROLE_OFFICER,
		"ubnd-ninh-hai" };
	int t71 = input_of(s, &m, "7.1.a"), a4 = input_of(s, &m, "A.4");
	int c33 = input_of(s, &m, "3.3.a"), p411 = input_of(s, &m, "4.11.a");
	struct st_evidence e;

	assert_int_equal(
	    app_input_role(s, "cuc-thong-ke", m, t71), APP_INPUT_COORD);
	assert_int_equal(
	    app_input_role(s, "cuc-thong-ke", m, a4), APP_INPUT_LEAD);
	assert_int_equal(
	    app_input_role(s, "cuc-thong-ke", m, c33), APP_INPUT_NONE);
	assert_string_equal(
	    app_input_role_name(APP_INPUT_COORD), "coordinator");
	/* a member of a coordinating collective: ubnd-huyen on 4.11 */
	assert_int_equal(
	    app_input_role(s, "ubnd-ninh-hai", m, p411), APP_INPUT_COORD);
	assert_int_equal(app_may_evidence(s, &off_tk, m, t71), 1);
	assert_int_equal(app_may_evidence(s, &off_tk, m, c33), 0);
	assert_int_equal(app_may_evidence(s, &off_tttt, m, c33), 1);
	assert_int_equal(app_may_evidence(s, &viewer, m, t71), 0);
	assert_int_equal(app_may_evidence(s, &off_nh, m, p411), 1);
	assert_int_equal(app_may_evidence(s, &coord, m, t71), 1);
	/* the value stays the lead's */
	FORBIDDEN(app_value_put(s, &off_tk, "2022-Q4", NULL, "7.1.a", "1450",
	    NUMFMT_MACHINE, NULL, NULL, NULL, &d_));
	memset(&e, 0, sizeof(e));
	e.sev_note = "ý kiến của Cục Thống kê";
	ALLOWED(app_evidence_attach(
	    s, &off_tk, "2022-Q4", NULL, "7.1.a", &e, NULL, 0, &d_));
	assert_true(e.sev_id > 0);
	memset(&e, 0, sizeof(e));
	e.sev_note = "x";
	FORBIDDEN(app_evidence_attach(
	    s, &off_tk, "2022-Q4", NULL, "3.3.a", &e, NULL, 0, &d_));
	FORBIDDEN(app_evidence_attach(
	    s, &viewer, "2022-Q4", NULL, "7.1.a", &e, NULL, 0, &d_));
	/* the unit rule still holds: a district writes for its district */
	FORBIDDEN(app_evidence_attach(
	    s, &off_nh, "2022-Q4", NULL, "4.11.a", &e, NULL, 0, &d_));
}

static int
count_item(void *ctx, const struct app_work_item *it)
{
	int *n = ctx;

	(*n) += it->wki_role == APP_INPUT_COORD ? 100 : 1;
	return 0;
}

/* A work list: an officer's own agency's, no viewer's. */
static void
test_worklist_policy(void **state)
{
	struct fixture *x = *state;
	struct store *s = x->f_s;
	struct app_worklist wl;
	int n = 0;

	FORBIDDEN(app_worklist(
	    s, &viewer, "2022-Q4", NULL, NULL, &wl, count_item, &n, &d_));
	FORBIDDEN(app_worklist(
	    s, &off_tk, "2022-Q4", "so-tttt", NULL, &wl, count_item, &n, &d_));
	assert_int_equal(n, 0);
	ALLOWED(app_worklist(
	    s, &off_tk, "2022-Q4", NULL, NULL, &wl, count_item, &n, &d_));
	/* A.4, A.5, A.6 led; 7.1.a, 7.1.b coordinated */
	assert_int_equal(n, 203);
	assert_string_equal(wl.wkl_agency, "cuc-thong-ke");
	assert_int_equal(wl.wkl_items, 5);
	assert_int_equal(wl.wkl_coord, 2);
	assert_int_equal(wl.wkl_missing, 3);
	n = 0;
	ALLOWED(app_worklist(s, &coord, "2022-Q4", "cuc-thong-ke", NULL, &wl,
	    count_item, &n, &d_));
	assert_int_equal(n, 203);
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
		cmocka_unit_test_setup_teardown(
		    test_coordinator_evidence, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_worklist_policy, setup, teardown),
	};

	if (auth_init() != 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
