/*
 * test_report.c: the reports' small parts: the DOCX template filler
 * (escaping, raw fragments, a variable not given, an unclosed brace),
 * the Vietnamese numbers of report_num and the formats.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "io/report.h"
#include "io/tpl.h"

static void
test_fill(void **state)
{
	const struct tpl_var v[] = { { "text", "a < b & \"c\" 'd' >\x01" },
		{ "xml", "<w:b/>" }, { "none", NULL } };
	struct buf b;

	(void)state;
	buf_init(&b);
	assert_int_equal(
	    tpl_fill(&b, "<t>{{text}}</t>{{{xml}}}[{{none}}]", v, 3), 0);
	assert_string_equal(buf_cstr(&b),
	    "<t>a &lt; b &amp; &quot;c&quot; &apos;d&apos; &gt;</t><w:b/>[]");
	buf_reset(&b);
	/* a value that looks like a placeholder is data, not a template */
	const struct tpl_var w[] = { { "text", "{{xml}}" } };
	assert_int_equal(tpl_fill(&b, "{{text}}", w, 1), 0);
	assert_string_equal(buf_cstr(&b), "{{xml}}");
	buf_free(&b);
}

static void
test_fill_refuses(void **state)
{
	const struct tpl_var v[] = { { "text", "x" } };
	struct buf b;

	(void)state;
	buf_init(&b);
	assert_int_equal(tpl_fill(&b, "<t>{{other}}</t>", v, 1), -1);
	buf_reset(&b);
	assert_int_equal(tpl_fill(&b, "<t>{{text</t>", v, 1), -1);
	buf_reset(&b);
	assert_int_equal(tpl_fill(&b, "<t>{{{text}}</t>", v, 1), -1);
	buf_free(&b);
}

static void
test_num(void **state)
{
	static const struct {
		double v;
		int dec;
		const char *want;
	} cases[] = {
		{ 0.59341, 4, "0,5934" },
		{ 1234567.5, 1, "1.234.567,5" },
		{ 1000, 0, "1.000" },
		{ 999.999, 2, "1.000,00" },
		{ -0.3048, 4, "-0,3048" },
		{ -12345.6, 1, "-12.345,6" },
		{ 100, 2, "100,00" },
		{ -0.00001, 4, "0,0000" },
	};
	struct buf b;
	size_t i;

	(void)state;
	buf_init(&b);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		buf_reset(&b);
		report_num(&b, cases[i].v, cases[i].dec);
		assert_string_equal(buf_cstr(&b), cases[i].want);
	}
	buf_reset(&b);
	report_num(&b, NAN, 2);
	assert_string_equal(buf_cstr(&b), "—");
	buf_free(&b);
}

static void
test_formats(void **state)
{
	enum report_format f;

	(void)state;
	assert_int_equal(report_format_parse("docx", &f), 0);
	assert_int_equal(f, REPORT_DOCX);
	assert_string_equal(report_format_type(f),
	    "application/"
	    "vnd.openxmlformats-officedocument.wordprocessingml.document");
	assert_int_equal(report_format_parse("pdf", &f), 0);
	assert_string_equal(report_format_type(f), "application/pdf");
	assert_int_equal(report_format_parse("PDF", &f), -1);
	assert_int_equal(report_format_parse("odt", &f), -1);
	assert_int_equal(report_format_parse(NULL, &f), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fill),
		cmocka_unit_test(test_fill_refuses),
		cmocka_unit_test(test_num),
		cmocka_unit_test(test_formats),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
