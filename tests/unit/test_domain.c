/*
 * test_domain.c: every state and role reads back from its name, has a
 * label in both languages, unknown names are refused, and the review
 * workflow has exactly its five steps.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "domain/domain.h"

/* Checks one enum: names unique and parsed back, labels non-empty. */
#define CHECK_WORDS(prefix, type, n) \
	do { \
		int i, j; \
		type v; \
		for (i = 0; i < (n); i++) { \
			const char *nm = prefix##_name((type)i); \
			assert_int_equal(prefix##_parse(nm, &v), 0); \
			assert_int_equal((int)v, i); \
			assert_true(*prefix##_label((type)i, LANG_VI)); \
			assert_true(*prefix##_label((type)i, LANG_EN)); \
			for (j = 0; j < i; j++) \
				assert_string_not_equal( \
				    nm, prefix##_name((type)j)); \
		} \
		assert_int_equal(prefix##_parse("nope", &v), -1); \
		assert_int_equal(prefix##_parse("", &v), -1); \
		assert_int_equal(prefix##_parse(NULL, &v), -1); \
		assert_string_equal(prefix##_name((type)(n)), "?"); \
	} while (0)

static void
test_words(void **state)
{
	(void)state;
	CHECK_WORDS(value_status, enum value_status, VALUE_NSTATUS);
	CHECK_WORDS(review_event, enum review_event, REVIEW_NEVENT);
	CHECK_WORDS(period_status, enum period_status, PERIOD_NSTATUS);
	CHECK_WORDS(task_status, enum task_status, TASK_NSTATUS);
	CHECK_WORDS(role, enum role, ROLE_N);
	CHECK_WORDS(target_state, enum target_state, TARGET_NSTATE);
}

/* The stored names are the ones the SQL CHECKs of the store accept. */
static void
test_stored_names(void **state)
{
	(void)state;
	assert_string_equal(value_status_name(VALUE_DRAFT), "draft");
	assert_string_equal(value_status_name(VALUE_SUBMITTED), "submitted");
	assert_string_equal(value_status_name(VALUE_APPROVED), "approved");
	assert_string_equal(value_status_name(VALUE_RETURNED), "returned");
	assert_string_equal(
	    value_status_label(VALUE_RETURNED, LANG_VI), "bị trả lại");
	assert_string_equal(
	    value_status_label(VALUE_RETURNED, LANG_EN), "returned");
	assert_string_equal(review_event_name(REVIEW_SUBMIT), "submit");
	assert_string_equal(review_event_name(REVIEW_APPROVE), "approve");
	assert_string_equal(review_event_name(REVIEW_RETURN), "return");
	assert_string_equal(review_event_name(REVIEW_REOPEN), "reopen");
	assert_string_equal(period_status_name(PERIOD_CLOSED), "closed");
	assert_string_equal(task_status_name(TASK_IN_PROGRESS), "in_progress");
	assert_string_equal(role_name(ROLE_COORDINATOR), "coordinator");
	assert_string_equal(
	    target_state_name(TARGET_NOT_MEASURED), "not_measured");
	assert_string_equal(
	    value_status_label(VALUE_SUBMITTED, LANG_VI), "đã gửi");
	assert_string_equal(
	    task_status_label(TASK_DONE, LANG_VI), "hoàn thành");
}

static void
test_review_steps(void **state)
{
	int from, to, n = 0;

	(void)state;
	for (from = 0; from < VALUE_NSTATUS; from++)
		for (to = 0; to < VALUE_NSTATUS; to++)
			n += value_status_may(
			    (enum value_status)from, (enum value_status)to);
	assert_int_equal(n, 5);
	assert_true(value_status_may(VALUE_DRAFT, VALUE_SUBMITTED));
	assert_true(value_status_may(VALUE_SUBMITTED, VALUE_APPROVED));
	assert_true(value_status_may(VALUE_SUBMITTED, VALUE_RETURNED));
	/* sent back unchanged, e.g. after the evidence asked for is added */
	assert_true(value_status_may(VALUE_RETURNED, VALUE_SUBMITTED));
	assert_true(value_status_may(VALUE_APPROVED, VALUE_DRAFT));
	assert_false(value_status_may(VALUE_SUBMITTED, VALUE_DRAFT));
	assert_false(value_status_may(VALUE_RETURNED, VALUE_APPROVED));
	assert_false(value_status_may(VALUE_RETURNED, VALUE_DRAFT));
	assert_false(value_status_may(VALUE_DRAFT, VALUE_APPROVED));
	assert_false(value_status_may(VALUE_APPROVED, VALUE_SUBMITTED));
}

/* Entry and import overwrite drafts and returned values only. */
static void
test_editable(void **state)
{
	int st, n = 0;

	(void)state;
	for (st = 0; st < VALUE_NSTATUS; st++)
		n += value_status_editable((enum value_status)st);
	assert_int_equal(n, 2);
	assert_true(value_status_editable(VALUE_DRAFT));
	assert_true(value_status_editable(VALUE_RETURNED));
	assert_false(value_status_editable(VALUE_SUBMITTED));
	assert_false(value_status_editable(VALUE_APPROVED));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_stored_names),
		cmocka_unit_test(test_review_steps),
		cmocka_unit_test(test_editable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
