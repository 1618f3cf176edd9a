/*
 * test_date.c: dates as people type them (YYYY-MM-DD and dd/mm/yyyy, real
 * calendar dates only, nothing around them) and Vietnam's time (UTC+7):
 * the day rolls over at 17:00 UTC, times are shown as "dd/mm/yyyy HH:MM".
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "util/date.h"

/* The ISO form of ${s}, or "-" when date_parse refuses it. */
static const char *
iso(const char *s)
{
	static char out[11];
	long day;

	if (date_parse(s, &day) < 0)
		return "-";
	date_format(day, out);
	return out;
}

static void
test_forms(void **state)
{
	(void)state;
	assert_string_equal(iso("2022-09-25"), "2022-09-25");
	assert_string_equal(iso("25/09/2022"), "2022-09-25");
	assert_string_equal(iso("1/1/2022"), "2022-01-01");
	assert_string_equal(iso("01/1/2022"), "2022-01-01");
	assert_string_equal(iso("1/12/2022"), "2022-12-01");
	assert_string_equal(iso("31/12/2999"), "2999-12-31");
	assert_string_equal(iso("1900-01-01"), "1900-01-01");
	/* ISO is written in full; the day comes first with slashes */
	assert_string_equal(iso("2022-1-1"), "-");
	assert_string_equal(iso("2022-01-1"), "-");
	assert_string_equal(iso("22-01-01"), "-");
	assert_string_equal(iso("2022/09/25"), "-");
	assert_string_equal(iso("09/25/2022"), "-");
	assert_string_equal(iso("25-09-2022"), "-");
	assert_string_equal(iso("25.09.2022"), "-");
	assert_string_equal(iso("25/09/22"), "-");
	assert_string_equal(iso("025/09/2022"), "-");
	assert_string_equal(iso("25/009/2022"), "-");
	assert_string_equal(iso("25/09/02022"), "-");
	assert_string_equal(iso("+2022-09-25"), "-");
	assert_string_equal(iso("2022-+9-25"), "-");
	assert_string_equal(iso(""), "-");
	assert_string_equal(iso("/"), "-");
	assert_string_equal(iso("//2022"), "-");
	assert_string_equal(iso(NULL), "-");
}

static void
test_junk(void **state)
{
	(void)state;
	assert_string_equal(iso("2022-09-25 "), "-");
	assert_string_equal(iso(" 2022-09-25"), "-");
	assert_string_equal(iso("2022-09-25x"), "-");
	assert_string_equal(iso("2022-09-25T00:00:00Z"), "-");
	assert_string_equal(iso("25/09/2022 "), "-");
	assert_string_equal(iso("25/09/2022abc"), "-");
	assert_string_equal(iso(" 25/09/2022"), "-");
	assert_string_equal(iso("25/09/20222"), "-");
	assert_string_equal(iso("2022-09-251"), "-");
	assert_string_equal(iso("25 /09/2022"), "-");
}

static void
test_calendar(void **state)
{
	(void)state;
	/* 29 February: leap years only (2000 is one, 1900 and 2100 not) */
	assert_string_equal(iso("29/02/2024"), "2024-02-29");
	assert_string_equal(iso("2024-02-29"), "2024-02-29");
	assert_string_equal(iso("29/02/2000"), "2000-02-29");
	assert_string_equal(iso("29/02/2022"), "-");
	assert_string_equal(iso("2023-02-29"), "-");
	assert_string_equal(iso("29/02/1900"), "-");
	assert_string_equal(iso("29/02/2100"), "-");
	assert_string_equal(iso("30/02/2024"), "-");
	/* months of 30 days */
	assert_string_equal(iso("30/04/2022"), "2022-04-30");
	assert_string_equal(iso("31/04/2022"), "-");
	assert_string_equal(iso("2022-06-31"), "-");
	assert_string_equal(iso("31/09/2022"), "-");
	assert_string_equal(iso("31/11/2022"), "-");
	assert_string_equal(iso("31/12/2022"), "2022-12-31");
	/* no day or month 0, no month 13, no day 32 */
	assert_string_equal(iso("00/01/2022"), "-");
	assert_string_equal(iso("0/1/2022"), "-");
	assert_string_equal(iso("01/00/2022"), "-");
	assert_string_equal(iso("2022-00-10"), "-");
	assert_string_equal(iso("2022-13-01"), "-");
	assert_string_equal(iso("01/13/2022"), "-");
	assert_string_equal(iso("32/01/2022"), "-");
	assert_string_equal(iso("2022-01-00"), "-");
	/* a sane year */
	assert_string_equal(iso("31/12/1899"), "-");
	assert_string_equal(iso("0000-01-01"), "-");
	assert_string_equal(iso("01/01/3000"), "-");
	assert_string_equal(iso("9999-12-31"), "-");
}

static void
test_iso_and_vi(void **state)
{
	char out[11], vi[16];

	(void)state;
	assert_int_equal(date_iso("5/9/2022", out), 0);
	assert_string_equal(out, "2022-09-05");
	assert_int_equal(date_iso("2022-09-05", out), 0);
	assert_string_equal(out, "2022-09-05");
	assert_int_equal(date_iso("31/04/2022", out), -1);
	date_vi("2022-09-05", vi, sizeof(vi));
	assert_string_equal(vi, "05/09/2022");
	date_vi("", vi, sizeof(vi));
	assert_string_equal(vi, "");
	date_vi(NULL, vi, sizeof(vi));
	assert_string_equal(vi, "");
}

/* The Unix time of a stored time, which must read. */
static time_t
at(const char *s)
{
	time_t t = 0;

	assert_int_equal(date_time_parse(s, &t), 0);
	return t;
}

static void
test_vietnam_day(void **state)
{
	long d25 = date_make(2026, 12, 25), d24 = d25 - 1;

	(void)state;
	assert_int_equal(at("1970-01-01T00:00:00Z"), 0);
	assert_int_equal(at("2026-11-30T11:55:43Z"), 1796039743);
	/* the day in Hà Nội begins at 17:00 UTC of the day before */
	assert_int_equal(date_day_vn(at("2026-12-24T16:59:59Z")), d24);
	assert_int_equal(date_day_vn(at("2026-12-24T17:00:00Z")), d25);
	assert_int_equal(date_day_vn(at("2026-12-25T16:59:59Z")), d25);
	assert_int_equal(date_day_vn(at("2026-12-25T17:00:00Z")), d25 + 1);
	/* a year ends at 17:00 UTC on 31 December */
	assert_int_equal(
	    date_day_vn(at("2026-12-31T17:00:00Z")), date_make(2027, 1, 1));
	/* before 1970 too (floor, not truncation) */
	assert_int_equal(date_day_vn(at("1969-12-31T16:59:59Z")), -1);
	assert_int_equal(date_day_vn(at("1969-12-31T17:00:00Z")), 0);
	assert_int_equal(date_day_vn(at("1969-12-31T00:00:00Z")), -1);
}

static void
test_time_vi(void **state)
{
	char out[32];
	time_t t;

	(void)state;
	date_time_vi("2026-11-30T11:55:43Z", out, sizeof(out));
	assert_string_equal(out, "30/11/2026 18:55");
	date_time_vi("2026-12-24T17:00:00Z", out, sizeof(out));
	assert_string_equal(out, "25/12/2026 00:00");
	date_time_vi("2026-12-31T16:59:59Z", out, sizeof(out));
	assert_string_equal(out, "31/12/2026 23:59");
	date_time_vi("2026-12-31T17:05:00Z", out, sizeof(out));
	assert_string_equal(out, "01/01/2027 00:05");
	date_time_vi("2024-02-28T20:30:00.250Z", out, sizeof(out));
	assert_string_equal(out, "29/02/2024 03:30");
	/* what is no stored time is shown as it is */
	date_time_vi("2026-11-30 11:55:43", out, sizeof(out));
	assert_string_equal(out, "2026-11-30 11:55:43");
	date_time_vi(NULL, out, sizeof(out));
	assert_string_equal(out, "");
	/* refused: no zone, another zone, bad fields, junk */
	assert_int_equal(date_time_parse("2026-11-30T11:55:43", &t), -1);
	assert_int_equal(date_time_parse("2026-11-30T11:55:43+07:00", &t), -1);
	assert_int_equal(date_time_parse("2026-11-30T24:00:00Z", &t), -1);
	assert_int_equal(date_time_parse("2026-11-30T11:60:00Z", &t), -1);
	assert_int_equal(date_time_parse("2026-11-31T11:00:00Z", &t), -1);
	assert_int_equal(date_time_parse("30/11/2026T11:00:00Z", &t), -1);
	assert_int_equal(date_time_parse("2026-11-30T11:55:43Zx", &t), -1);
	assert_int_equal(date_time_parse("2026-11-30T11:55:43.Z", &t), -1);
	assert_int_equal(date_time_parse("2026-11-30T1:55:43Z", &t), -1);
	assert_int_equal(date_time_parse("", &t), -1);
}

static void
test_today(void **state)
{
	(void)state;
	setenv("DTI_NOW", "2026-12-24T16:59:59Z", 1);
	unsetenv("DTI_TODAY");
	assert_int_equal(date_today(), date_make(2026, 12, 24));
	setenv("DTI_NOW", "2026-12-24T17:00:00Z", 1);
	assert_int_equal(date_today(), date_make(2026, 12, 25));
	/* DTI_TODAY, in either form, wins */
	setenv("DTI_TODAY", "01/02/2023", 1);
	assert_int_equal(date_today(), date_make(2023, 2, 1));
	setenv("DTI_TODAY", "2023-02-02", 1);
	assert_int_equal(date_today(), date_make(2023, 2, 2));
	/* without either: the clock's day in Vietnam */
	unsetenv("DTI_TODAY");
	unsetenv("DTI_NOW");
	{
		time_t before = time(NULL);
		long d = date_today();
		time_t after = time(NULL);

		assert_true(
		    d == date_day_vn(before) || d == date_day_vn(after));
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_forms),
		cmocka_unit_test(test_junk),
		cmocka_unit_test(test_calendar),
		cmocka_unit_test(test_iso_and_vi),
		cmocka_unit_test(test_vietnam_day),
		cmocka_unit_test(test_time_vi),
		cmocka_unit_test(test_today),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
